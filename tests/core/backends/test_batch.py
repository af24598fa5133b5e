"""Ideas written side by side: one llama.cpp batch, a sequence per idea, on real models."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from blogideas_gui.core.backends.base import Done, GenerationOptions, Part, TextDelta
from blogideas_gui.core.backends.local import LocalBackend
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.generation.runner import GenerationResult, generate
from blogideas_gui.core.writing.angles import angles_for
from blogideas_gui.core.writing.ideas import parse_ideas
from blogideas_gui.core.writing.prompts import IdeaRequest, build_part_messages
from blogideas_gui.core.writing.shape import AnswerShape
from blogideas_gui.core.writing.variety import TitleBook, near_duplicate
from tests.support.gemma_model import gemma_model_path

pytestmark = pytest.mark.slow

# Short lines keep these tests quick; the shape is the app's own.
SHORT = AnswerShape(5, title_chars=48, hook_chars=80, point_chars=48, max_points=2)
REQUEST = IdeaRequest("home coffee brewing", count=5, language="en")


@pytest.fixture(scope="module")
def side_by_side(starter_model: Path) -> Iterator[LocalBackend]:
    backend = LocalBackend(starter_model, parallel=5)
    backend.load()
    yield backend
    backend.close()


def _run(
    backend: LocalBackend, request: IdeaRequest = REQUEST, **options: object
) -> tuple[list[TextDelta], GenerationResult]:
    deltas: list[TextDelta] = []
    result = None
    settings = GenerationOptions(seed=5, constraint=SHORT)
    settings = dataclasses.replace(settings, **options)  # type: ignore[arg-type]
    for event in generate(request, backend, CancelToken(), settings):
        if isinstance(event, TextDelta):
            deltas.append(event)
        elif isinstance(event, GenerationResult):
            result = event
    assert result is not None
    return deltas, result


def test_five_ideas_are_written_at_once_and_read_in_order(side_by_side: LocalBackend) -> None:
    assert side_by_side.sequences_for(5) == 5
    deltas, result = _run(side_by_side)
    assert {delta.part for delta in deltas} == {0, 1, 2, 3, 4}
    # Side by side: every idea had begun before the first one was finished.
    first_of = {}
    for position, delta in enumerate(deltas):
        first_of.setdefault(delta.part, position)
    last_of_first = max(i for i, delta in enumerate(deltas) if delta.part == 0)
    assert max(first_of.values()) < last_of_first
    assert result.finish_reason == "stop" and result.held_to == "constrained"
    assert result.complete == 5
    headings = [line for line in result.markdown.splitlines() if line.startswith("## ")]
    assert [heading.split(".")[0] for heading in headings] == [f"## {n}" for n in range(1, 6)]
    assert len(parse_ideas(result.markdown)) == 5


def test_two_sequences_write_five_ideas_in_turn_and_one_sequence_follows(
    starter_model: Path,
) -> None:
    backend = LocalBackend(starter_model, parallel=2)
    try:
        backend.load()
        assert backend.sequences_for(5) == 2
        deltas, result = _run(backend)
        assert result.complete == 5 and {delta.part for delta in deltas} == set(range(5))
        # The next request in one sequence reuses the shared prompt and is whole too.
        _, single = _run(backend, dataclasses.replace(REQUEST, count=1))
        assert single.complete == 1 and single.finish_reason == "stop"
    finally:
        backend.close()


def test_a_context_too_small_for_five_sequences_still_writes_every_idea(
    starter_model: Path,
) -> None:
    backend = LocalBackend(starter_model, parallel=5, n_ctx=1024)
    try:
        _, result = _run(backend)
        assert result.complete == 5 and result.finish_reason == "stop"
    finally:
        backend.close()


def test_stop_stops_every_sequence_and_keeps_what_each_wrote(side_by_side: LocalBackend) -> None:
    cancel = CancelToken()
    parts_seen: set[int | None] = set()
    result = None
    options = GenerationOptions(seed=6, constraint=SHORT)
    for event in generate(REQUEST, side_by_side, cancel, options):
        if isinstance(event, TextDelta):
            parts_seen.add(event.part)
            if len(parts_seen) >= 3:
                cancel.cancel()
        elif isinstance(event, GenerationResult):
            result = event
    assert result is not None and result.stopped
    assert len(parse_ideas(result.markdown)) >= 3


def test_a_title_the_book_holds_is_taken_back_and_written_anew(
    side_by_side: LocalBackend,
) -> None:
    request = dataclasses.replace(REQUEST, count=2)
    shapes = dataclasses.replace(SHORT, count=2).split()
    angles = angles_for(2, "en", ())

    def titles(book: TitleBook) -> list[str]:
        parts = [
            Part(
                build_part_messages(request, number, angles[number - 1], ()),
                dataclasses.replace(shape, titles=book),
            )
            for number, shape in enumerate(shapes, 1)
        ]
        options = GenerationOptions(seed=9, max_tokens=400)
        texts = ["", ""]
        for event in side_by_side.stream_parts(parts, options, CancelToken()):
            if isinstance(event, TextDelta):
                assert event.part is not None
                texts[event.part] += event.text
            else:
                assert isinstance(event, Done) and event.finish_reason == "stop"
        return [parse_ideas(text)[0].title for text in texts]

    first = titles(TitleBook())
    # The same prompts and seed again, with the first answer's titles already taken.
    again = titles(TitleBook(first))
    for title in again:
        assert not any(near_duplicate(title, old) for old in first), (title, first)


def test_gemma_writes_four_ideas_side_by_side_without_control_text() -> None:
    backend = LocalBackend(gemma_model_path(), parallel=4)
    try:
        backend.load()
        deltas, result = _run(backend, dataclasses.replace(REQUEST, count=4))
        assert {delta.part for delta in deltas} == {0, 1, 2, 3}
        assert result.complete == 4
        for marker in ("<|im_end|>", "<|im_start|>", "<start_of_turn>", "<end_of_turn>"):
            assert marker not in result.markdown
    finally:
        backend.close()
