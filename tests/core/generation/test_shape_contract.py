"""The contract on the real starter model: a finished answer has exactly the asked ideas.

Six everyday topics in English and in Korean go through the real engine
(llama.cpp, the lean decode loop, the shape machine); every answer that ends
by itself must hold exactly ``count`` complete ideas, each a title, a hook
and its outline points, within the line bounds. The bounds are short here
to keep the test quick; the shape is the same as the app's.
"""

from __future__ import annotations

import pytest

from blogideas_gui.core.backends.base import GenerationOptions
from blogideas_gui.core.backends.local import LocalBackend
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.generation.runner import GenerationResult, generate
from blogideas_gui.core.writing.ideas import parse_ideas
from blogideas_gui.core.writing.prompts import IdeaRequest
from blogideas_gui.core.writing.shape import AnswerShape

SHORT_LINES = AnswerShape(1, title_chars=40, hook_chars=80, point_chars=40, max_points=3)
TOPICS = [
    ("home coffee brewing", "집에서 커피 내리기", 3),
    ("urban balcony gardening", "베란다 텃밭 가꾸기", 2),
    ("weekend baking with children", "아이와 함께하는 주말 베이킹", 3),
    ("learning a language after forty", "마흔에 외국어 배우기", 2),
    ("budget travel in Europe", "유럽 저예산 여행", 3),
    ("running your first marathon", "첫 마라톤 준비하기", 2),
]
CASES = [(en, "en", n) for en, _, n in TOPICS] + [(ko, "ko", n) for _, ko, n in TOPICS]


@pytest.mark.parametrize(("topic", "language", "count"), CASES)
def test_every_finished_answer_has_exactly_the_asked_ideas(
    local_backend: LocalBackend, topic: str, language: str, count: int
) -> None:
    request = IdeaRequest(topic, count, language)  # type: ignore[arg-type]
    options = GenerationOptions(seed=7, constraint=SHORT_LINES)
    result = list(generate(request, local_backend, CancelToken(), options))[-1]
    assert isinstance(result, GenerationResult)
    assert result.finish_reason == "stop"  # nobody stopped it: it must be finished
    assert result.held_to == "constrained"
    assert result.complete == count == len(result.ideas)
    assert parse_ideas(result.markdown) == result.ideas
    for number, idea in enumerate(result.ideas, 1):
        assert idea.title and idea.hook, idea
        assert 2 <= len(idea.outline) <= 3, idea
        assert len(idea.title) <= 40 and len(idea.hook) <= 80, idea
        assert all(len(point) <= 40 for point in idea.outline), idea
        assert f"## {number}. " in result.markdown
    assert result.to_json()["ideas_complete"] == count


def test_a_tight_token_limit_still_ends_with_complete_ideas(local_backend: LocalBackend) -> None:
    """The budget shortens the lines instead of cutting the answer: 60 tokens for 3 ideas."""
    request = IdeaRequest("집에서 커피 내리기", 3, "ko")
    options = GenerationOptions(seed=7, max_tokens=60, constraint=SHORT_LINES)
    result = list(generate(request, local_backend, CancelToken(), options))[-1]
    assert isinstance(result, GenerationResult)
    assert result.finish_reason == "stop"
    assert result.complete == 3
    assert result.usage.completion_tokens <= 60
