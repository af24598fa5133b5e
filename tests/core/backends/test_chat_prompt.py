"""Prompts in each model's own format: its template, else llama.cpp's for its architecture.

On the real files through llama.cpp's tokenizer (loaded vocabulary only, so
each load takes a fraction of a second): the starter (SmolLM2, with a chat
template) and Gemma 3 270M (a base model with none).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from blogideas_gui.core.backends.base import ChatMessage
from blogideas_gui.core.backends.chat_prompt import (
    ARCHITECTURE_TEMPLATES,
    FALLBACK_TEMPLATE,
    LLAMA_FAMILY,
    TEMPLATE_KEY,
    ChatPrompt,
    builtin_names,
    builtin_template,
)
from blogideas_gui.core.writing.prompts import IdeaRequest, build_messages
from tests.support.gemma_model import gemma_model_path

CHATML_MARKERS = ("<|im_start|>", "<|im_end|>")


def _vocabulary(path: Path) -> Iterator[Any]:
    import llama_cpp

    llm = llama_cpp.Llama(model_path=str(path), vocab_only=True, verbose=False)
    yield llm
    llm.close()


@pytest.fixture(scope="module")
def gemma() -> Iterator[Any]:
    yield from _vocabulary(gemma_model_path())


@pytest.fixture
def starter(starter_model: Path) -> Iterator[Any]:
    yield from _vocabulary(starter_model)


def _text(llm: Any, tokens: list[int]) -> str:
    return str(llm.detokenize(tokens, special=True).decode("utf-8"))


def _requests() -> list[list[ChatMessage]]:
    return [
        build_messages(IdeaRequest("home coffee brewing", 3, "en")),
        build_messages(IdeaRequest("집에서 커피 내리기", 5, "ko")),
        [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "  9 ways"}],
    ]


def test_architectures_get_their_family_template_and_unknown_ones_chatml() -> None:
    never = {"<|start_header_id|>": False, "<|im_start|>": False}
    assert builtin_template("gemma3", never.__getitem__) == "gemma"
    assert builtin_template("gemma2", never.__getitem__) == "gemma"
    assert builtin_template("qwen2", never.__getitem__) == "chatml"
    assert builtin_template("exaone", never.__getitem__) == "exaone3"
    assert builtin_template("a-new-architecture", never.__getitem__) == FALLBACK_TEMPLATE
    # The llama architecture is told apart by its vocabulary.
    assert builtin_template("llama", lambda marker: marker == "<|start_header_id|>") == "llama3"
    assert builtin_template("llama", lambda marker: marker == "<|im_start|>") == "chatml"
    assert builtin_template("llama", never.__getitem__) == "llama2"


def test_every_template_named_is_one_this_llama_cpp_knows() -> None:
    import llama_cpp

    known = builtin_names(llama_cpp)
    named = {*ARCHITECTURE_TEMPLATES.values(), *(n for _, n in LLAMA_FAMILY), "llama2"}
    assert named - known == set()


def test_a_base_gemma_gets_gemma_turns_not_chatml(gemma: Any) -> None:
    assert TEMPLATE_KEY not in gemma.metadata
    messages: list[ChatMessage] = [
        {"role": "system", "content": "You write blog ideas."},
        {"role": "user", "content": "Topic: tea"},
    ]
    tokens = ChatPrompt(gemma).tokens(messages)
    assert tokens[0] == gemma.token_bos() and tokens.count(gemma.token_bos()) == 1
    assert _text(gemma, tokens[1:]) == (
        "<start_of_turn>user\nYou write blog ideas.\n\nTopic: tea<end_of_turn>\n"
        "<start_of_turn>model\n"
    )
    # The turn markers reach the model as the single tokens it was trained on.
    turn = gemma.tokenize(b"<start_of_turn>", add_bos=False, special=True)
    end = gemma.tokenize(b"<end_of_turn>", add_bos=False, special=True)
    assert len(turn) == 1 and len(end) == 1
    assert tokens.count(turn[0]) == 2 and tokens.count(end[0]) == 1
    assert not any(marker in _text(gemma, tokens) for marker in CHATML_MARKERS)


@pytest.mark.parametrize("messages", _requests())
def test_gemma_system_prefix_holds_though_the_system_text_is_in_the_user_turn(
    gemma: Any, messages: list[ChatMessage]
) -> None:
    prompt = ChatPrompt(gemma)
    tokens = prompt.tokens(messages)
    prefix = prompt.system_prefix(messages)
    assert tokens[: len(prefix)] == prefix
    system = messages[0]["content"]
    # The whole role prompt is in the prefix, and nothing of the user's message.
    assert _text(gemma, prefix).rstrip().endswith(system.strip())
    assert messages[1]["content"].strip() not in _text(gemma, prefix)
    other: list[ChatMessage] = [messages[0], {"role": "user", "content": "Something else"}]
    assert prompt.tokens(other)[: len(prefix)] == prefix


def test_the_starter_keeps_its_own_template(starter: Any) -> None:
    assert starter.metadata.get(TEMPLATE_KEY)
    messages = _requests()[0]
    prompt = ChatPrompt(starter)
    text = _text(starter, prompt.tokens(messages))
    assert text.startswith("<|im_start|>system\n" + messages[0]["content"])
    assert text.endswith("<|im_start|>assistant\n")
    prefix = prompt.system_prefix(messages)
    assert prompt.tokens(messages)[: len(prefix)] == prefix
    assert _text(starter, prefix).endswith("<|im_start|>user\n")


def test_a_llama_without_template_is_told_by_its_vocabulary(starter: Any) -> None:
    """SmolLM2's vocabulary has ChatML's markers: without its template it still gets ChatML."""
    messages = _requests()[0]
    own = ChatPrompt(starter).tokens(messages)
    del starter.metadata[TEMPLATE_KEY]
    assert ChatPrompt(starter).tokens(messages) == own
