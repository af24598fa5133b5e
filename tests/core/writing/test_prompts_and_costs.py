"""Prompts per language, request validation, and the price table."""

from __future__ import annotations

import pytest

from blogideas_gui.core.account.costs import format_cost, price_for, request_cost
from blogideas_gui.core.backends.base import Usage
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.writing.prompts import IdeaRequest, build_messages


def test_korean_is_the_default_language_and_its_prompt_asks_for_korean() -> None:
    messages = build_messages(IdeaRequest("홈카페"))
    assert [m["role"] for m in messages] == ["system", "user"]
    assert "한국어" in messages[0]["content"]
    assert "블로그 포스팅을 위한 콘텐츠 아이디어" in messages[0]["content"]
    assert "홈카페" in messages[1]["content"] and "5개" in messages[1]["content"]


def test_english_prompt_tone_and_audience() -> None:
    request = IdeaRequest("coffee", 3, "en", tone="playful", audience="students")
    system, user = build_messages(request)
    assert "in English" in system["content"] and "## 1." in system["content"]
    assert "3 blog post ideas" in user["content"]
    assert "Tone: playful." in user["content"] and "Readers: students." in user["content"]


def test_the_system_message_is_the_same_for_every_topic() -> None:
    """So llama.cpp can reuse its evaluated state across requests."""
    first = build_messages(IdeaRequest("a", 2, "en"))[0]
    second = build_messages(IdeaRequest("b", 7, "en", tone="calm"))[0]
    assert first == second


@pytest.mark.parametrize(("count", "kind"), [(0, ErrorKind.BAD_NUMBER), (21, ErrorKind.BAD_NUMBER)])
def test_validation(count: int, kind: ErrorKind) -> None:
    with pytest.raises(BlogIdeasError) as caught:
        IdeaRequest("topic", count).validated()
    assert caught.value.kind is kind and caught.value.exit_code == 2
    with pytest.raises(BlogIdeasError) as empty:
        IdeaRequest(" \n\t").validated()
    assert empty.value.kind is ErrorKind.EMPTY_TOPIC
    assert IdeaRequest("  spaced  ").validated().topic == "spaced"


def test_costs_from_the_price_table() -> None:
    usage = Usage(prompt_tokens=1_000_000, completion_tokens=1_000_000)
    assert request_cost("gpt-4o-mini", usage, free=False) == pytest.approx(0.75)
    assert price_for("gpt-4o-mini-2024-07-18") == price_for("gpt-4o-mini")
    assert request_cost("my-local-llama", usage, free=False) is None
    assert request_cost("gpt-4o", usage, free=True) == 0.0
    assert format_cost(0.0) == "free"
    assert format_cost(None, unknown_label="?") == "?"
    assert format_cost(0.00042) == "$0.0004"
    assert format_cost(1.5) == "$1.50"
