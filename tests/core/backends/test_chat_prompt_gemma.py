"""A base model in its own format writes ideas with no chat control text in them.

Gemma 3 270M has no chat template. Given ChatML, whose markers are not tokens
of its vocabulary, it read them as text and copied ``<|im_end|>`` and
``<|im_start|>`` into its ideas. Here the real model writes through the real
engine (the local backend and the runner, under the idea shape), seeds fixed.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from blogideas_gui.core.backends.base import GenerationOptions
from blogideas_gui.core.backends.local import LocalBackend
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.generation.runner import GenerationResult, generate
from blogideas_gui.core.writing.prompts import IdeaRequest
from blogideas_gui.core.writing.shape import AnswerShape
from tests.support.gemma_model import gemma_model_path

CONTROL_TEXT = (
    "<|im_start|>",
    "<|im_end|>",
    "<|endoftext|>",
    "<start_of_turn>",
    "<end_of_turn>",
    "<eos>",
    "<bos>",
    "<pad>",
)
SHAPE = AnswerShape(2, title_chars=60, hook_chars=100, point_chars=60, max_points=2)


@pytest.fixture(scope="module")
def gemma_backend() -> Iterator[LocalBackend]:
    backend = LocalBackend(gemma_model_path(), n_ctx=2048)
    yield backend
    backend.close()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("topic", "seed"), [("home coffee brewing", 1), ("city cycling", 2), ("houseplants", 3)]
)
def test_gemma_ideas_hold_no_chat_control_text(
    gemma_backend: LocalBackend, topic: str, seed: int
) -> None:
    options = GenerationOptions(seed=seed, constraint=SHAPE)
    events = list(generate(IdeaRequest(topic, 2, "en"), gemma_backend, CancelToken(), options))
    result = events[-1]
    assert isinstance(result, GenerationResult)
    assert result.complete == 2, result.markdown
    lines = [result.markdown]
    for idea in result.ideas:
        lines += [idea.title, idea.hook, *idea.outline]
    found = {marker for marker in CONTROL_TEXT for line in lines if marker in line}
    assert found == set(), result.markdown
