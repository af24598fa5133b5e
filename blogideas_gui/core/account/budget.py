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

The file follows the app's files rule (:mod:`blogideas_gui.core.common.database`):
a damaged ledger is set aside and counting starts again, a newer version's
ledger is left alone and this session's costs are counted in memory, and a
full disk keeps the cost in memory too. Each way the user reads one notice,
and a paid request is never refused or lost for the ledger's sake.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import sqlite3
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from blogideas_gui.core.account.costs import price_for
from blogideas_gui.core.account.ledger_schema import MIGRATIONS
from blogideas_gui.core.backends.base import Backend
from blogideas_gui.core.common.database import is_write_failure, open_database, transaction
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.files import write_problem
from blogideas_gui.core.common.notices import report
from blogideas_gui.core.common.paths import data_dir

T = TypeVar("T")

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
        # When the file cannot be used: the connection that stands in for it.
        self._memory: sqlite3.Connection | None = None
        # Costs the disk refused, still counted against this session's limit.
        self._unsaved: defaultdict[str, float] = defaultdict(float)

    def _use(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``work`` in one transaction on a short-lived connection (or the stand-in)."""
        if self._memory is None:
            opened = open_database(
                self.path,
                MIGRATIONS,
                damaged=ErrorKind.LEDGER_DAMAGED,
                too_new=ErrorKind.LEDGER_TOO_NEW,
                timeout=BUSY_TIMEOUT_SECONDS,
            )
            if not opened.in_memory:
                with contextlib.closing(opened.db) as db:
                    return transaction(db, work)
            self._memory = opened.db
        return transaction(self._memory, work)

    def month(self) -> str:
        """The current month's key."""
        return month_of(self._clock())

    def record(self, cost_usd: float | None, model: str = "") -> None:
        """Add one request's cost to this month; nothing for a free or unpriced request.

        An unknown cost (``None``: a model missing from the price table) cannot
        be counted; the window shows it as unknown instead. A cost the disk
        cannot take is kept in memory, with the full-disk notice.
        """
        if cost_usd is None or cost_usd <= 0 or not math.isfinite(cost_usd):
            return
        moment = self._clock()
        entry = (month_of(moment), moment.isoformat(timespec="seconds"), cost_usd, model)
        try:
            self._use(
                lambda db: db.execute(
                    "INSERT INTO spending (month, at, cost_usd, model) VALUES (?, ?, ?, ?)", entry
                )
            )
        except sqlite3.Error as error:
            if not is_write_failure(error):
                raise
            report(write_problem(self.path.parent, error))
            self._unsaved[entry[0]] += cost_usd

    def month_total(self, month: str | None = None) -> float:
        """Dollars spent in ``month`` (this month by default)."""
        month = month or self.month()
        unsaved = self._unsaved.get(month, 0.0)
        if self._memory is None and not self.path.exists():
            return unsaved
        row = self._use(
            lambda db: db.execute(
                "SELECT COALESCE(SUM(cost_usd), 0) FROM spending WHERE month = ?", (month,)
            ).fetchone()
        )
        return float(row[0]) + unsaved

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
