"""The monthly OpenAI budget: what is recorded, when a request is refused."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3

import pytest

from blogideas_gui.core.account.budget import Ledger, format_usd, month_of
from blogideas_gui.core.account.costs import request_cost
from blogideas_gui.core.account.ledger_schema import SCHEMA_VERSION
from blogideas_gui.core.backends.base import Usage
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind

KST = dt.timezone(dt.timedelta(hours=9))


class Clock:
    """A settable local time."""

    def __init__(self, moment: dt.datetime) -> None:
        self.moment = moment

    def __call__(self) -> dt.datetime:
        return self.moment


def test_the_ledger_lives_in_the_data_folder() -> None:
    ledger = Ledger()
    ledger.record(0.01)
    assert ledger.path.is_file()
    assert str(ledger.path).startswith(os.environ["BLOGIDEAS_HOME"])


def test_costs_add_up_per_month_and_reset_on_the_first() -> None:
    clock = Clock(dt.datetime(2026, 3, 31, 23, 59, tzinfo=KST))
    ledger = Ledger(clock=clock)
    assert ledger.month_total() == 0.0
    ledger.record(0.004, "gpt-4o-mini")
    ledger.record(0.006, "gpt-4o-mini")
    assert ledger.month_total() == pytest.approx(0.01)
    clock.moment = dt.datetime(2026, 4, 1, 0, 0, tzinfo=KST)
    assert ledger.month() == "2026-04"
    assert ledger.month_total() == 0.0
    assert ledger.month_total("2026-03") == pytest.approx(0.01)


def test_free_and_unpriced_requests_are_not_recorded() -> None:
    ledger = Ledger()
    ledger.record(0.0)
    ledger.record(None)
    ledger.record(float("nan"))
    assert ledger.month_total() == 0.0


def test_a_request_is_refused_at_the_limit_with_an_explanation() -> None:
    ledger = Ledger()
    ledger.record(9.99)
    ledger.check(10.0)  # below: allowed
    ledger.record(0.01)
    with pytest.raises(BlogIdeasError) as caught:
        ledger.check(10.0)
    error = caught.value
    assert error.kind is ErrorKind.BUDGET_EXCEEDED
    english, korean = error.message("en"), error.message("ko")
    for message in (english, korean):
        assert "$10.00 / $10.00" in message
    assert "1st of next month" in english and "raise the limit in Settings" in english
    assert "free local model" in english
    assert "다음 달 1일" in korean and "한도를 올리면" in korean and "무료 로컬 모델" in korean


def test_raising_the_limit_allows_requests_again() -> None:
    ledger = Ledger()
    ledger.record(10.5)
    with pytest.raises(BlogIdeasError):
        ledger.check(10.0)
    ledger.check(20.0)
    ledger.check(None)


def test_a_zero_limit_refuses_every_paid_request_and_none_means_no_limit() -> None:
    ledger = Ledger()
    with pytest.raises(BlogIdeasError):
        ledger.check(0.0)
    ledger.record(1000.0)
    ledger.check(None)


def test_a_priced_openai_request_counts_and_local_generation_never_does() -> None:
    ledger = Ledger()
    usage = Usage(prompt_tokens=1000, completion_tokens=1000)
    ledger.record(request_cost("gpt-4o-mini", usage, free=False))
    ledger.record(request_cost("SmolLM2-135M", usage, free=True))
    assert ledger.month_total() == pytest.approx((1000 * 0.15 + 1000 * 0.60) / 1_000_000)


def test_two_ledgers_on_one_file_see_each_other() -> None:
    """The window and the CLI may record at the same time."""
    first, second = Ledger(), Ledger()
    first.record(1.0)
    second.record(2.0)
    assert first.month_total() == second.month_total() == 3.0


def test_formats() -> None:
    assert month_of(dt.datetime(2026, 1, 5)) == "2026-01"
    assert format_usd(10) == "$10.00"
    assert format_usd(0.0004) == "$0.0004"
    assert format_usd(0) == "$0.00"


def test_a_ledger_from_before_schema_versions_keeps_its_entries() -> None:
    """The table the unversioned ledger made is adopted as it is."""
    ledger = Ledger()
    ledger.path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.closing(sqlite3.connect(ledger.path)) as db:
        db.execute(
            "CREATE TABLE spending (id INTEGER PRIMARY KEY, month TEXT NOT NULL,"
            " at TEXT NOT NULL, cost_usd REAL NOT NULL, model TEXT NOT NULL DEFAULT '')"
        )
        db.execute(
            "INSERT INTO spending (month, at, cost_usd) VALUES (?, '2026-01-01', 4.5)",
            (ledger.month(),),
        )
        db.commit()
    assert ledger.month_total() == 4.5
    with contextlib.closing(sqlite3.connect(ledger.path)) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert db.execute("SELECT name FROM _migrations").fetchall() == [("m001_create_spending",)]


def test_a_damaged_ledger_is_set_aside_and_counting_starts_again(
    notices: list[BlogIdeasError],
) -> None:
    ledger = Ledger()
    ledger.path.parent.mkdir(parents=True, exist_ok=True)
    ledger.path.write_bytes(os.urandom(4096))
    ledger.check(10.0)  # not "unexpected": the request goes on
    ledger.record(0.25)
    assert ledger.month_total() == 0.25
    [aside] = ledger.path.parent.glob("spending.sqlite3.damaged-*")
    assert len(aside.read_bytes()) == 4096
    [notice] = notices
    assert notice.kind is ErrorKind.LEDGER_DAMAGED and aside.name in notice.message("en")
    assert "다시 계산합니다" in notice.message("ko")


def test_a_newer_ledger_is_left_alone_and_this_session_is_counted_in_memory(
    notices: list[BlogIdeasError],
) -> None:
    ledger = Ledger()
    ledger.path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.closing(sqlite3.connect(ledger.path)) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = ledger.path.read_bytes()
    ledger.record(9.0)
    ledger.record(1.0)
    with pytest.raises(BlogIdeasError) as caught:
        ledger.check(10.0)  # the session's own costs still count
    assert caught.value.kind is ErrorKind.BUDGET_EXCEEDED
    assert ledger.path.read_bytes() == before
    assert [notice.kind for notice in notices] == [ErrorKind.LEDGER_TOO_NEW]
