"""Predicted speed: the size rule, refined by real answers, kept in the data folder."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from blogideas_gui.core.backends.base import GenerationOptions
from blogideas_gui.core.backends.local import LocalBackend
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import BlogIdeasError
from blogideas_gui.core.generation.runner import GenerationResult, generate
from blogideas_gui.core.models.speed import (
    LIVE_TOKENS_PER_SECOND,
    MIN_RUN_TOKENS,
    Probe,
    SpeedBook,
    load_book,
    record_answer,
    save_book,
    speed_file,
)
from blogideas_gui.core.pipeline.speeds import speed_noted
from blogideas_gui.core.writing.prompts import IdeaRequest

STARTER = 98_362_432
GB = 1_000_000_000


def book(app: float = 100.0, engine: float = 170.0) -> SpeedBook:
    return SpeedBook(Probe(app, engine, 490.0, STARTER, 2, 1.8e9))


def test_before_any_measurement_there_is_no_prediction() -> None:
    assert SpeedBook().predict(GB) is None


def test_the_probe_splits_a_fixed_cost_from_reading_the_weights() -> None:
    measured = book(app=100.0, engine=170.0)
    fixed, _ = measured.probe.line  # type: ignore[union-attr]
    assert fixed == pytest.approx(1 / 100 - 1 / 170)
    assert measured.predict(STARTER).tokens_per_second == pytest.approx(100.0)  # type: ignore[union-attr]
    big = measured.predict(4_800_000_000)
    assert big is not None and 2.5 < big.tokens_per_second < 3.5  # ~3 tokens/s for 4.8 GB here
    assert not big.live and big.typical_wait_seconds > 180
    small = measured.predict(812_437_792)
    assert small is not None and small.live and small.tokens_per_second >= LIVE_TOKENS_PER_SECOND
    assert small.words_per_second("en") > small.words_per_second("ko")


def test_a_models_own_answers_decide_its_speed_and_refine_the_others() -> None:
    measured = book()
    before = measured.predict(2 * GB)
    assert before is not None and not before.measured
    measured.record_run("two.gguf", 2 * GB, 12.0)
    measured.record_run("two.gguf", 2 * GB, 14.0)
    own = measured.predict(2 * GB, "two.gguf")
    assert own is not None and own.measured and own.tokens_per_second == 13.0
    # A file of another size now follows the line through the probe and the real answers.
    after = measured.predict(3 * GB)
    assert after is not None and not after.measured
    assert after.tokens_per_second != pytest.approx(book().predict(3 * GB).tokens_per_second)  # type: ignore[union-attr]


def test_the_book_is_kept_and_a_damaged_one_is_measured_again(tmp_path: Path) -> None:
    measured = book()
    measured.record_run("m.gguf", GB, 9.5)
    save_book(measured)
    again = load_book()
    assert again.probe == measured.probe and again.runs == {f"m.gguf:{GB}": [9.5]}
    speed_file().write_text("{not json", encoding="utf-8")
    assert load_book() == SpeedBook()
    speed_file().write_text(json.dumps({"probe": {"tokens_per_second": -1}}), encoding="utf-8")
    assert load_book().probe is None


def test_only_real_answers_long_enough_count(tmp_path: Path) -> None:
    model = tmp_path / "m.gguf"
    model.write_bytes(b"x" * 1000)
    record_answer(model, 20.0, MIN_RUN_TOKENS - 1)
    record_answer(model, None, 500)
    assert load_book().runs == {}
    record_answer(model, 20.0, MIN_RUN_TOKENS)
    assert load_book().runs == {"m.gguf:1000": [20.0]}


def test_a_real_local_answer_is_noted_for_its_model(local_backend: LocalBackend) -> None:
    request = IdeaRequest("home coffee brewing", 1, "en")
    options = GenerationOptions(max_tokens=48, seed=1)
    events = list(
        speed_noted(generate(request, local_backend, CancelToken(), options), local_backend)
    )
    result = events[-1]
    assert isinstance(result, GenerationResult) and result.usage.completion_tokens >= MIN_RUN_TOKENS
    key = f"{local_backend.model_path.name}:{local_backend.model_path.stat().st_size}"
    (speed,) = load_book().runs[key]
    assert speed == pytest.approx(result.tokens_per_second, abs=0.01)  # kept to 2 decimals


def test_a_probe_disturbed_by_a_neighbour_is_not_taken_at_its_word() -> None:
    # Measured here while other programs ran: the app's short answer at 1 token/s, the engine at 30.
    disturbed = book(app=1.05, engine=30.2)
    fixed, _ = disturbed.probe.line  # type: ignore[union-attr]
    assert fixed == pytest.approx(2 / 30.2)  # at most twice the engine's own time per token
    starter = disturbed.predict(STARTER)
    assert starter is not None and starter.tokens_per_second == pytest.approx(30.2 / 3)


def test_a_damaged_or_too_new_book_is_measured_again_quietly(
    notices: list[BlogIdeasError], caplog: pytest.LogCaptureFixture
) -> None:
    newer = book().to_dict() | {"version": 99}
    for text in (json.dumps(newer), "{not json", "[1, 2]"):
        caplog.clear()
        speed_file().write_text(text, encoding="utf-8")
        with caplog.at_level(logging.WARNING):
            assert load_book() == SpeedBook()
        assert "measuring again" in caplog.text
    save_book(book())
    assert json.loads(speed_file().read_text(encoding="utf-8"))["version"] == 1
    assert load_book() == book()
    assert notices == []  # a cache: never the notice meant for the user's own data


def test_the_parallel_table_and_a_busy_probe_are_kept() -> None:
    measured = book()
    measured.record_parallel("m.gguf", GB, {1: 59.0, 2: 75.0, 4: 92.0, 5: 85.0})
    measured.busy_at = 1.9e9
    save_book(measured)
    assert load_book() == measured
