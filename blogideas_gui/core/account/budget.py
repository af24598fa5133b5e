"""The month's OpenAI spending, and the limit that stops it.

The blogger who inspired this app set a $10 monthly cap on OpenAI's site;
this is the same promise kept on the user's own computer, where it also
covers the case of a key shared among friends. Every paid request's cost is
recorded in a small SQLite file in the data folder (SQLite so the window and
the CLI can record at the same time without losing an entry). Before an
OpenAI request, :meth:`Ledger.check` refuses it once the month's total is at
or past the limit. Local generation is free and never goes through here.

Months are calendar months in local time ("YYYY-MM"), so the limit resets on
the 1st, as the user expects.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from blogideas_gui.core.account.costs import price_for
from blogideas_gui.core.backends.base import Backend
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.paths import data_dir

LEDGER_FILE = "spending.sqlite3"
BUSY_TIMEOUT_SECONDS = 5.0

Clock = Callable[[], dt.datetime]


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


def month_of(moment: dt.datetime) -> str:
    """The ledger's month key for ``moment``: "YYYY-MM"."""
    return f"{moment.year:04d}-{moment.month:02d}"


def format_usd(amount: float) -> str:
    """Dollars as the budget message shows them: "$0.42", "$10.00"."""
    return f"${amount:.2f}" if amount >= 0.01 or amount == 0 else f"${amount:.4f}"


class Ledger:
    """Spending per calendar month.

    Args:
        path: the ledger file; the data folder's by default.
        clock: the current local time; tests pass a fixed one.
    """

    def __init__(self, path: Path | None = None, clock: Clock = _now) -> None:
        self.path = path or data_dir() / LEDGER_FILE
        self._clock = clock

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A short-lived connection: the ledger is touched once per request."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.closing(sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS)) as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS spending ("
                " id INTEGER PRIMARY KEY, month TEXT NOT NULL, at TEXT NOT NULL,"
                " cost_usd REAL NOT NULL, model TEXT NOT NULL DEFAULT '')"
            )
            db.execute("CREATE INDEX IF NOT EXISTS spending_month ON spending (month)")
            with db:  # one transaction, committed on success
                yield db

    def month(self) -> str:
        """The current month's key."""
        return month_of(self._clock())

    def record(self, cost_usd: float | None, model: str = "") -> None:
        """Add one request's cost to this month; nothing for a free or unpriced request.

        An unknown cost (``None``: a model missing from the price table) cannot
        be counted; the window shows it as unknown instead.
        """
        if cost_usd is None or cost_usd <= 0 or not math.isfinite(cost_usd):
            return
        moment = self._clock()
        with self._connect() as db:
            db.execute(
                "INSERT INTO spending (month, at, cost_usd, model) VALUES (?, ?, ?, ?)",
                (month_of(moment), moment.isoformat(timespec="seconds"), cost_usd, model),
            )

    def month_total(self, month: str | None = None) -> float:
        """Dollars spent in ``month`` (this month by default)."""
        if not self.path.exists():
            return 0.0
        with self._connect() as db:
            row = db.execute(
                "SELECT COALESCE(SUM(cost_usd), 0) FROM spending WHERE month = ?",
                (month or self.month(),),
            ).fetchone()
        return float(row[0])

    def remaining(self, limit_usd: float | None) -> float | None:
        """What is left of ``limit_usd`` this month; None when there is no limit."""
        if limit_usd is None:
            return None
        return max(0.0, limit_usd - self.month_total())

    def check(self, limit_usd: float | None) -> None:
        """Refuse a paid request when this month's spending is at or past the limit.

        ``None`` means no limit. A limit of 0 refuses every paid request,
        which is how a user says "never spend money".

        Raises:
            BlogIdeasError: ``BUDGET_EXCEEDED``, saying how much was spent, the
                limit, and that it resets on the 1st or can be raised.
        """
        if limit_usd is None:
            return
        spent = self.month_total()
        if spent >= limit_usd:
            raise BlogIdeasError(
                ErrorKind.BUDGET_EXCEEDED, f"{format_usd(spent)} / {format_usd(limit_usd)}"
            )


def counts_against_budget(backend: Backend) -> bool:
    """Whether requests on ``backend`` cost money we can price (OpenAI's models).

    Local models are free; a compatible server's own model has no known price,
    so neither is refused by the monthly limit.
    """
    return not backend.is_free and price_for(backend.model_name) is not None
