"""The monthly limit applied to a request's stream of events.

It sits in the pipeline, not in the ledger: it reads generation events, and
the ledger lives below generation so that costs can be priced there.
"""

from __future__ import annotations

from collections.abc import Iterator

from blogideas_gui.core.account.budget import Ledger, counts_against_budget
from blogideas_gui.core.backends.base import Backend
from blogideas_gui.core.generation.runner import GenerationEvent, GenerationResult


def budgeted(
    events: Iterator[GenerationEvent],
    backend: Backend,
    ledger: Ledger,
    limit_usd: float | None,
) -> Iterator[GenerationEvent]:
    """Refuse before the first request when the month is spent; record each cost.

    Stopped requests are recorded too: the tokens already streamed are billed.
    """
    if counts_against_budget(backend):
        ledger.check(limit_usd)
    for event in events:
        if isinstance(event, GenerationResult):
            ledger.record(event.cost_usd, event.model)
        yield event
