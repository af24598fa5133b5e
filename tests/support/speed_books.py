"""Speed books as a computer that was measured before has them, the parallel table included.

A test that is not about measuring passes a whole book, as the probe writes
it today: the probe's figures and how fast ideas are written side by side.
"""

from __future__ import annotations

from blogideas_gui.core.models.speed import Probe, SpeedBook
from blogideas_gui.core.models.starter import starter_model_path


def measured_book(probe: Probe, busy_at: float | None = None) -> SpeedBook:
    """``probe`` with the starter's parallel table (one sequence at the probe's speed)."""
    starter = starter_model_path()
    assert starter is not None, "run scripts/setup.sh: starter model missing"
    book = SpeedBook(probe, busy_at=busy_at)
    book.record_parallel(starter.name, starter.stat().st_size, {1: probe.tokens_per_second})
    assert book.parallel_table(None)
    return book
