"""The advice a friend would give: which models fit, how fast each writes here, which to get.

One place turns the catalog, this computer's memory (:mod:`.fit`) and its
measured speed (:mod:`.speed`) into a row per model and one recommendation,
so the model manager, the first-run guide and ``blogideas models list`` say
the same thing.

The recommendation is the best writer in the chosen language among the
downloadable models that fit well *and* are predicted to write at least
:data:`~.speed.LIVE_TOKENS_PER_SECOND` tokens a second here (faster than
people read, so the answer feels live); ties go to the smaller file. A model
of 7 billion parameters fits a 24 GB computer well, but on two CPU cores it
writes three tokens a second: a five-idea answer would take over three
minutes, so it is not recommended there. Before the speed was measured only
memory counts.

A writer rated weak in the language is not picked where a better one is
predicted to take at most :data:`BETTER_WRITER_TIME` times as long: on one
computer the pick flipped within an hour between EXAONE 4.0 1.2B and
Qwen2.5 0.5B, the weakest Korean writer of the catalog, as the probe moved
EXAONE just across the live line. The better writer is then the pick, and
the faster one the second choice, shown with its time (:class:`Choice`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from blogideas_gui.core.models.catalog import CatalogEntry
from blogideas_gui.core.models.fit import Fit, entry_fit, memory_needed
from blogideas_gui.core.models.gguf import known_facts
from blogideas_gui.core.models.machine import MachineFacts
from blogideas_gui.core.models.speed import Prediction, SpeedBook
from blogideas_gui.core.settings.local_settings import DEFAULT_CONTEXT


@dataclass(frozen=True)
class ModelAdvice:
    """One catalog model on this computer: its fit, memory need and predicted speed."""

    entry: CatalogEntry
    fit: Fit
    memory_needed: int
    speed: Prediction | None

    def to_dict(self, language: str) -> dict[str, object]:
        """The advice as plain JSON data (``speed`` is ``None`` before any measurement)."""
        return {
            "fit": self.fit.value,
            "memory_needed_bytes": self.memory_needed,
            "speed": None if self.speed is None else self.speed.to_dict(language),
        }


WEAK_QUALITY = 3
"""A rating of this or less (``quality_ko``/``quality_en``) is a weak writer in that language."""

BETTER_WRITER_TIME = 1.7
"""How much longer a better writer may take than a weak one and still be picked first.

A CPU's time per token follows the file size, and the smallest better
Korean writer (EXAONE 4.0 1.2B, 812 MB) is 1.65 times the weak Qwen2.5 0.5B
(491 MB): at 1.5 the rule would never pick it, however the probe came out
(1.51-1.61 with the probes seen here)."""

UNMEASURED_LIVE_BYTES = 2 * 10**9
"""The largest model assumed live before any measurement: a CPU decodes by
reading the whole file per token, ≈ 16 GB/s effective on a modest 2-core
machine, so 2 GB is about the live threshold of 8 tokens a second."""


def advise(
    entries: Sequence[CatalogEntry],
    facts: MachineFacts,
    speeds: SpeedBook,
    n_ctx: int = DEFAULT_CONTEXT,
) -> list[ModelAdvice]:
    """Fit and predicted speed of every catalog model, in catalog order."""
    return [
        ModelAdvice(
            entry,
            entry_fit(entry, facts, n_ctx),
            memory_needed(entry.size_bytes, entry.kv_bytes_per_token, n_ctx),
            speeds.predict(entry.size_bytes, entry.file),
        )
        for entry in entries
    ]


@dataclass(frozen=True)
class Choice:
    """The pick, and a faster second choice where the pick was preferred to a weak writer.

    ``best`` is ``None`` when the starter model is the best choice;
    ``faster`` is the weak writer passed over, with its predicted speed.
    """

    best: ModelAdvice | None
    faster: ModelAdvice | None = None


def choose(advice: Sequence[ModelAdvice], language: str = "ko") -> Choice:
    """The best writer in ``language`` that fits well and feels live; ties go to the smaller.

    Before anything was measured here, a model counts as live only up to
    :data:`UNMEASURED_LIVE_BYTES`: fitting in memory says nothing of speed,
    and a 4.8 GB model fits a 2-core laptop yet writes 3 tokens a second.
    A weak writer (:data:`WEAK_QUALITY`) gives way to a better one predicted
    within :data:`BETTER_WRITER_TIME` of its time, and becomes the second
    choice. ``best`` is ``None`` when none qualifies.
    """

    def rank(row: ModelAdvice) -> tuple[int, int]:
        return row.entry.quality(language), -row.entry.size_bytes

    usable = [
        row
        for row in advice
        if not row.entry.is_bundled and language in row.entry.languages and row.fit is Fit.FITS_WELL
    ]
    live = [
        row
        for row in usable
        if (
            row.speed.live
            if row.speed is not None
            else row.entry.size_bytes <= UNMEASURED_LIVE_BYTES
        )
    ]
    if not live:
        return Choice(None)
    best = max(live, key=rank)
    if best.entry.quality(language) > WEAK_QUALITY or best.speed is None:
        return Choice(best)
    limit = BETTER_WRITER_TIME * best.speed.typical_wait_seconds
    better = [
        row
        for row in usable
        if row.entry.quality(language) > best.entry.quality(language)
        and row.speed is not None
        and row.speed.typical_wait_seconds <= limit
    ]
    return Choice(max(better, key=rank), best) if better else Choice(best)


def recommend(advice: Sequence[ModelAdvice], language: str = "ko") -> CatalogEntry | None:
    """The pick of :func:`choose` (``None``: the starter model is the best choice)."""
    best = choose(advice, language).best
    return None if best is None else best.entry


def model_languages(model_file: Path | None, entries: Sequence[CatalogEntry]) -> tuple[str, ...]:
    """The languages a model file writes well; ``None`` is the bundled starter.

    The catalog knows its own models; for another file, what its GGUF
    metadata says (``general.languages``), when it was read before. Empty
    when nothing is known: then nothing is claimed either way.
    """
    if model_file is None:
        bundled = next((entry for entry in entries if entry.is_bundled), None)
        return bundled.languages if bundled is not None else ()
    entry = next((e for e in entries if e.file == model_file.name), None)
    if entry is not None:
        return entry.languages
    facts = known_facts(model_file)
    return facts.languages if facts is not None else ()
