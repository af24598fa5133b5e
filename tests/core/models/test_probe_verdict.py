"""A probe replaces the kept one only beyond its noise; a busy computer keeps the last good figure.

The speed books are seeded as the app writes them (:func:`save_book`) and judged by
the same :func:`settle` the probe calls; the figures are the ones seen on this machine
(the starter at 67, 60 and, once at a busy moment, 13 tokens a second).
"""

from __future__ import annotations

import time

from blogideas_gui.core.models.advice import advise, choose
from blogideas_gui.core.models.catalog import load_catalog
from blogideas_gui.core.models.machine import MachineFacts
from blogideas_gui.core.models.probe_verdict import Verdict, settle, spread
from blogideas_gui.core.models.speed import Probe, SpeedBook, load_book, save_book

STARTER = ("SmolLM2-135M-Instruct.Q4_1.gguf", 98_362_432)
GIB = 1024**3
ROOMY = MachineFacts(24 * GIB, 20 * GIB, 500 * GIB, gpu_offload=False)
TABLE = {1: 59.0, 2: 75.0, 4: 92.0, 5: 85.0}


def probe(app: float, engine: float, noise: float = 0.04) -> Probe:
    return Probe(app, engine, 490.0, STARTER[1], 2, time.time(), noise)


def judged(new: Probe, others: float, table: dict[int, float] | None = None) -> Verdict:
    """Judge ``new`` against the book on disk and keep the outcome, as the probe does."""
    book = load_book()
    verdict = settle(book, new, others, STARTER, table or {})
    save_book(book)
    return verdict


def test_spread_is_relative_to_the_median() -> None:
    assert spread([60.0]) == 0.0
    assert spread([60.0, 66.0, 63.0]) == 6.0 / 63.0


def test_a_new_probe_replaces_the_kept_one_only_beyond_its_noise() -> None:
    save_book(SpeedBook(probe(67.0, 150.0)))
    assert judged(probe(62.0, 141.0), others=0.1) is Verdict.WITHIN_NOISE
    assert load_book().probe.tokens_per_second == 67.0  # type: ignore[union-attr]
    # Noisy rounds widen what counts as the same: 25% apart, 20% lower is still noise.
    assert judged(probe(54.0, 150.0, noise=0.25), others=0.0) is Verdict.WITHIN_NOISE
    # A real change, with nothing else running (a laptop on battery): taken.
    assert judged(probe(45.0, 100.0), others=0.05) is Verdict.TAKEN
    kept = load_book()
    assert kept.probe is not None and kept.probe.tokens_per_second == 45.0
    assert kept.busy_at is None


def test_a_busy_computer_keeps_the_last_good_figure_and_the_recommendation() -> None:
    save_book(SpeedBook(probe(67.0, 150.0)))
    before = choose(advise(load_catalog(), ROOMY, load_book()), "ko").best
    assert before is not None
    # The busy moment seen here: 13 tokens a second while other programs held the processor.
    busy = probe(13.0, 30.0)
    assert judged(busy, others=0.8, table={1: 9.0, 2: 8.0}) is Verdict.BUSY
    book = load_book()
    assert book.probe is not None and book.probe.tokens_per_second == 67.0
    assert book.busy_at == round(busy.measured_at)
    assert book.parallel == {f"{STARTER[0]}:{STARTER[1]}": {1: 9.0, 2: 8.0}}  # better than none
    after = choose(advise(load_catalog(), ROOMY, book), "ko").best
    assert after is not None and after.entry.id == before.entry.id
    # Rounds far apart say the same, even where no other program was seen.
    assert judged(probe(30.0, 70.0, noise=0.9), others=0.0, table=TABLE) is Verdict.BUSY
    assert load_book().parallel[f"{STARTER[0]}:{STARTER[1]}"] == {1: 9.0, 2: 8.0}
    # The next quiet probe is taken as usual and the busy mark goes.
    assert judged(probe(70.0, 155.0), others=0.1, table=TABLE) is Verdict.WITHIN_NOISE
    quiet = load_book()
    assert quiet.busy_at is None and quiet.parallel[f"{STARTER[0]}:{STARTER[1]}"] == TABLE


def test_slower_with_the_processor_free_is_believed() -> None:
    save_book(SpeedBook(probe(67.0, 150.0)))
    assert judged(probe(13.0, 30.0), others=0.1) is Verdict.TAKEN


def test_with_nothing_kept_any_measurement_is_taken() -> None:
    assert judged(probe(13.0, 30.0, noise=0.9), others=0.9) is Verdict.TAKEN
    assert load_book().probe is not None
    # A later quiet probe is far beyond that noise and replaces it.
    assert judged(probe(67.0, 150.0), others=0.0) is Verdict.TAKEN
