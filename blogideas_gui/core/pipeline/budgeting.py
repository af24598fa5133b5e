"""The monthly limit applied to a request: refused before it starts, costed when it ends.

It sits in the pipeline, not in the ledger: it reads generation events, and
the ledger lives below generation so that costs can be priced there. The
check runs once, where the request is made (:func:`check_budget`), so the
user hears at once, before anything is recorded or loaded.
"""

from __future__ import annotations

from collections.abc import Iterator

from blogideas_gui.core.account.budget import Ledger, counts_against_budget
from blogideas_gui.core.backends.base import Backend
from blogideas_gui.core.generation.runner import GenerationEvent, GenerationResult


def check_budget(backend: Backend, ledger: Ledger, limit_usd: float | None) -> None:
    """Refuse a paid request on ``backend`` when this month's spending reached the limit.

    Raises:
        BlogIdeasError: BUDGET_EXCEEDED, saying what was spent and the limit.
    """
    if counts_against_budget(backend):
        ledger.check(limit_usd)


def budgeted(events: Iterator[GenerationEvent], ledger: Ledger) -> Iterator[GenerationEvent]:
    """Pass ``events`` through, adding the request's cost to ``ledger`` when it ends.

    Stopped requests are recorded too: the tokens already streamed are billed.
    """
    for event in events:
        if isinstance(event, GenerationResult):
            ledger.record(event.cost_usd, event.model)
        yield event
