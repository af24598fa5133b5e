"""The spending ledger's schema: named migrations, the same rules as history's.

The machinery (``_migrations``, ``user_version``, a backup before migrating)
is :func:`blogideas_gui.core.common.database.migrate`. Functions here are
never edited once released: a change is a new function at the end of
:data:`MIGRATIONS`.
"""

from __future__ import annotations

import sqlite3

from blogideas_gui.core.common.database import Migration


def m001_create_spending(db: sqlite3.Connection) -> None:
    """One row per paid request, found by month.

    ``IF NOT EXISTS``: ledgers written before the ledger had a schema version
    already hold this very table, and their entries are kept as they are.
    """
    db.execute(
        "CREATE TABLE IF NOT EXISTS spending ("
        " id INTEGER PRIMARY KEY, month TEXT NOT NULL, at TEXT NOT NULL,"
        " cost_usd REAL NOT NULL, model TEXT NOT NULL DEFAULT '')"
    )
    db.execute("CREATE INDEX IF NOT EXISTS spending_month ON spending (month)")


MIGRATIONS: tuple[Migration, ...] = (m001_create_spending,)
SCHEMA_VERSION = len(MIGRATIONS)
