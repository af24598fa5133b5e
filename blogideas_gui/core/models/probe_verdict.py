"""Whether a new speed probe replaces the kept one: only beyond its noise, never when busy.

This computer's speed varies by 2x from hour to hour, and a probe of a few
seconds catches whatever else runs at that moment. The recommendation
follows the probe, so a probe taken at a busy moment once left nothing
recommended (the starter measured at 13 tokens a second, after 67). So a new
probe replaces the kept one only when it differs by more than the noise of
its rounds; a probe that shows the computer was busy (its rounds far apart,
or far slower than the kept figure while other programs used much of the
processor) keeps the last good figure, and the book says when that happened
so the window can say so.
"""

from __future__ import annotations

import enum
import statistics
from collections.abc import Mapping, Sequence

from blogideas_gui.core.models.speed import Probe, SpeedBook

# Below this the rounds' spread is luck (two or three rounds): a tenth is always allowed.
NOISE_FLOOR = 0.10
# Rounds further apart than half their median: something else ran in between.
BUSY_SPREAD = 0.5
# Slower than this share of the kept figure, while others used BUSY_SHARE of the processor.
FAR_BELOW = 0.6
BUSY_SHARE = 0.5


class Verdict(enum.Enum):
    """What became of a new probe."""

    TAKEN = "taken"
    WITHIN_NOISE = "within noise"
    BUSY = "busy"


def spread(rounds: Sequence[float]) -> float:
    """How far the rounds lie apart, relative to their median (0 for a single round)."""
    middle = statistics.median(rounds)
    return (max(rounds) - min(rounds)) / middle if middle > 0 else 0.0


def judge(kept: Probe | None, new: Probe, others: float) -> Verdict:
    """Whether ``new`` replaces ``kept``; ``others`` is the processor share other programs used.

    With nothing kept, any measurement beats none (a later quiet probe
    differs beyond the noise and replaces it).
    """
    if kept is None:
        return Verdict.TAKEN
    slower = min(
        new.tokens_per_second / kept.tokens_per_second,
        new.engine_tokens_per_second / kept.engine_tokens_per_second,
    )
    if new.noise > BUSY_SPREAD or (slower < FAR_BELOW and others >= BUSY_SHARE):
        return Verdict.BUSY
    noise = max(NOISE_FLOOR, new.noise, kept.noise)
    pairs = (
        (new.tokens_per_second, kept.tokens_per_second),
        (new.engine_tokens_per_second, kept.engine_tokens_per_second),
    )
    if any(abs(fresh - old) > noise * old for fresh, old in pairs):
        return Verdict.TAKEN
    return Verdict.WITHIN_NOISE


def settle(
    book: SpeedBook,
    new: Probe,
    others: float,
    model: tuple[str, int],
    table: Mapping[int, float],
) -> Verdict:
    """Put ``new`` and the parallel ``table`` of ``model`` (file name, size) into ``book`` as judged.

    A busy probe changes nothing but ``busy_at`` (its table is kept only
    where none was measured before); otherwise the fresh table replaces the
    old, since each of its figures is already a median of many steps.
    """
    verdict = judge(book.probe, new, others)
    if verdict is Verdict.TAKEN:
        book.probe = new
    book.busy_at = new.measured_at if verdict is Verdict.BUSY else None
    book.record_parallel(*model, table, only_new=verdict is Verdict.BUSY)
    return verdict
