"""The answer's shape on OpenAI-compatible servers: a JSON schema, or free text when refused.

A real ``llama_cpp.server`` holds the starter model to the schema (its own
``json_object`` dialect after refusing OpenAI's ``json_schema``); a loopback
server answering OpenAI's 400 to any ``response_format`` shows the fallback:
free text, the tolerant parser, and the refusal remembered for that server.
"""

from __future__ import annotations

import json

import pytest

from blogideas_gui.core.backends.base import GenerationOptions
from blogideas_gui.core.backends.openai_api import OpenAIBackend
from blogideas_gui.core.backends.structured_output import FREE_FORM_NOTE, MEMORY
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.generation.runner import GenerationResult, generate
from blogideas_gui.core.writing.answer_reader import AnswerReader, JsonAnswerReader, answer_markdown
from blogideas_gui.core.writing.ideas import Idea, parse_ideas
from blogideas_gui.core.writing.prompts import IdeaRequest
from blogideas_gui.core.writing.shape import AnswerShape
from tests.support.openai_error_server import FORMAT_REFUSED, Reply, openai_script_server

FREE_TEXT = ["## 1. Brew better\n", "Why it matters.\n", "- Beans\n", "- Water\n"]


def _result(backend: OpenAIBackend, request: IdeaRequest) -> GenerationResult:
    options = GenerationOptions(seed=3, constraint=AnswerShape(1, max_points=3))
    result = list(generate(request, backend, CancelToken(), options))[-1]
    assert isinstance(result, GenerationResult)
    return result


@pytest.mark.parametrize(
    ("topic", "language"), [("home coffee brewing", "en"), ("집에서 커피 내리기", "ko")]
)
def test_a_real_llama_cpp_server_keeps_the_schema(
    llama_server: str, topic: str, language: str
) -> None:
    backend = OpenAIBackend(model="smollm2", base_url=llama_server)
    result = _result(backend, IdeaRequest(topic, 2, language))  # type: ignore[arg-type]
    assert result.held_to == "schema"
    assert result.finish_reason == "stop"
    assert result.complete == 2 == len(result.ideas)
    assert all(idea.title and idea.hook and 2 <= len(idea.outline) <= 3 for idea in result.ideas)
    # The window sees Markdown in the local model's shape, not JSON.
    assert result.markdown.startswith("## 1. ")
    assert parse_ideas(result.markdown) == result.ideas


def test_a_server_refusing_response_format_gets_free_text_and_is_remembered() -> None:
    replies = [Reply(400, FORMAT_REFUSED), Reply(400, FORMAT_REFUSED), Reply(sse=FREE_TEXT)]
    with openai_script_server(replies) as (url, seen):
        result = _result(OpenAIBackend(model="m", base_url=url), IdeaRequest("coffee", 1, "en"))
        assert [("response_format" in (r.body or {})) for r in seen] == [True, True, False]
        assert result.held_to == "" and result.note == FREE_FORM_NOTE
        assert result.to_json()["shape"] == "free-form"
        assert result.ideas == [Idea("Brew better", "Why it matters.", ["Beans", "Water"])]
        assert result.complete == 1
        # The next request (a new backend, same server) does not ask again.
        _result(OpenAIBackend(model="m", base_url=url), IdeaRequest("tea", 1, "en"))
        assert len(seen) == 4 and "response_format" not in (seen[-1].body or {})
    assert MEMORY.dialect(url) is None


def test_json_streamed_in_pieces_shows_as_growing_markdown() -> None:
    ideas = [
        Idea('커피 "잘" 내리기', "왜 중요한가", ["원두", "물"]),
        Idea("Tea", "Hook", ["a", "b"]),
    ]
    text = json.dumps({"ideas": [idea.to_dict() for idea in ideas]}, ensure_ascii=False)
    reader = JsonAnswerReader()
    shown = ""
    for index in range(0, len(text), 3):
        added = reader.feed(text[index : index + 3])
        shown += added
        assert reader.markdown == shown
    shown += reader.finish()
    assert shown == answer_markdown(ideas)
    assert reader.ideas == ideas


@pytest.mark.parametrize(
    "title", ['Ideas with JSON:', '"A quoted title"', "Idea 1: Beans first", "**Bold** start"]
)
def test_a_json_answer_keeps_the_ideas_its_markdown_reads_back_as(title: str) -> None:
    # Titles as small models write them: the Markdown shown and saved, read
    # back by the Markdown parser, must give the very ideas that were kept.
    reader = AnswerReader()
    answer = json.dumps({"ideas": [{"title": title, "hook": "Why.", "outline": ["A", "B"]}]})
    for start in range(0, len(answer), 7):  # streamed in pieces
        reader.feed(answer[start : start + 7])
    reader.finish()
    assert reader.ideas() == parse_ideas(reader.markdown)
    assert reader.ideas()[0].title.strip('"*:') == reader.ideas()[0].title
