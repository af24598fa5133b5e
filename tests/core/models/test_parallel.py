"""How many ideas to write at once: the probe's table of sequences decoding together.

The decision rule runs on seeded books (the figures measured here by llama.cpp's
``llama-batched-bench`` and ``../shared/tools/batch_decode.py``); one test runs the
real probe in its child process on the starter and reads the table it kept.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.models.probe import PARALLEL_WIDTHS, measure_in_child
from blogideas_gui.core.models.speed import (
    SpeedBook,
    fastest_width,
    load_book,
    parallel_for,
    save_book,
)

STARTER_TABLE = {1: 59.0, 2: 75.0, 4: 92.0, 5: 85.0}
GEMMA_TABLE = {1: 46.0, 2: 52.0, 4: 66.0, 5: 55.0}


def test_the_fastest_width_minimises_rounds_times_per_sequence_time() -> None:
    assert fastest_width(STARTER_TABLE, 5) == 5  # one round of five beats two of four
    assert fastest_width(STARTER_TABLE, 4) == 4
    assert fastest_width(GEMMA_TABLE, 3) == 1  # two at once gain too little for three ideas
    assert fastest_width(STARTER_TABLE, 1) == 1
    assert fastest_width({1: 50.0, 2: 100.0}, 2) == 2
    assert fastest_width({1: 50.0, 2: 50.0}, 2) == 1  # a tie goes to fewer sequences
    assert fastest_width({}, 5) == 1
    assert fastest_width({2: 90.0}, 5) == 2  # what was measured, even without k = 1


def test_parallel_for_reads_the_models_own_table_else_the_starters(
    tmp_path: Path, starter_model: Path
) -> None:
    other = tmp_path / "other.gguf"
    other.write_bytes(b"GGUF" + b"\0" * 1000)
    assert parallel_for(None, 5) == 1  # nothing measured
    book = SpeedBook()
    book.record_parallel(starter_model.name, starter_model.stat().st_size, {1: 50.0, 4: 120.0})
    save_book(book)
    assert parallel_for(None, 5) == 4
    assert parallel_for(starter_model, 5) == 4
    assert parallel_for(other, 5) == 4  # not measured itself: the starter's shape
    assert parallel_for(other, 3) == 1
    book.record_parallel(other.name, other.stat().st_size, GEMMA_TABLE)
    save_book(book)
    assert parallel_for(other, 5) == 5
    assert parallel_for(other, 4) == 4
    assert parallel_for(starter_model, 5) == 4


def test_a_stale_model_file_loses_its_table(tmp_path: Path, starter_model: Path) -> None:
    copy = tmp_path / starter_model.name
    shutil.copyfile(starter_model, copy)
    book = SpeedBook()
    book.record_parallel(copy.name, copy.stat().st_size + 1, {1: 50.0, 4: 120.0})
    save_book(book)
    assert parallel_for(copy, 5) == 1  # another size is another file


@pytest.mark.slow
def test_the_child_probe_measures_the_starters_parallel_decoding(starter_model: Path) -> None:
    book = measure_in_child(CancelToken())
    assert book.probe is not None and book.probe.noise >= 0
    table = book.parallel_table(starter_model)
    assert sorted(table) == list(PARALLEL_WIDTHS)
    assert all(speed > 0 for speed in table.values())
    chosen = parallel_for(None, 5)
    assert chosen == fastest_width(table, 5) and 1 <= chosen <= 5
    assert load_book().parallel == book.parallel
