"""Chat messages to prompt tokens with the model's own chat template.

The template comes from the GGUF file's ``tokenizer.chat_template``, rendered
by llama-cpp-python's :class:`Jinja2ChatFormatter` as ``create_chat_completion``
renders it, so the lean decode loop sees exactly the prompt the high-level
call would build.

A file without a template (a base model, such as Gemma 3 270M) gets the
template llama.cpp itself knows for the model's architecture, applied by
name through ``llama_chat_apply_template``. ChatML for every such file was
wrong: Gemma has no ``<|im_start|>`` token, so the markers reached it as
plain text and it copied them into its ideas. Its own turn markers
(``<start_of_turn>``) are single tokens it has seen. ChatML is kept for
architectures llama.cpp has no template for.
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Callable, Sequence
from typing import Any

from blogideas_gui.core.backends.base import ChatMessage

log = logging.getLogger(__name__)

TEMPLATE_KEY = "tokenizer.chat_template"
FALLBACK_TEMPLATE = "chatml"

ARCHITECTURE_TEMPLATES = {
    "gemma": "gemma",
    "gemma2": "gemma",
    "gemma3": "gemma",
    "gemma3n": "gemma",
    "qwen2": "chatml",
    "qwen2moe": "chatml",
    "qwen3": "chatml",
    "qwen3moe": "chatml",
    "exaone": "exaone3",
    "exaone4": "exaone4",
    "phi3": "phi3",
    "llama4": "llama4",
    "granite": "granite",
    "command-r": "command-r",
    "cohere2": "command-r",
    "gpt-oss": "gpt-oss",
    "hunyuan-moe": "hunyuan-moe",
    "hunyuan-dense": "hunyuan-dense",
    "orion": "orion",
    "seed_oss": "seed_oss",
}
"""llama.cpp's template name for each ``general.architecture`` whose models share one
format (an architecture shared by families with different formats is left out)."""

LLAMA_FAMILY = (("<|start_header_id|>", "llama3"), ("<|im_start|>", "chatml"))
"""The ``llama`` architecture is shared by Llama 2 and 3, SmolLM, TinyLlama and
more, each with its own format: the vocabulary tells them apart (a marker
that is one token there is the format the model was trained with); Llama 2's
format is what is left."""


def builtin_template(architecture: str, is_one_token: Callable[[str], bool]) -> str:
    """The name of llama.cpp's template for a model of ``architecture`` with no template.

    ``is_one_token`` says whether a marker is a single token of the model's
    vocabulary (read only for the ``llama`` architecture).
    """
    if architecture == "llama":
        return next((name for marker, name in LLAMA_FAMILY if is_one_token(marker)), "llama2")
    return ARCHITECTURE_TEMPLATES.get(architecture, FALLBACK_TEMPLATE)


def builtin_names(llama_cpp: Any) -> frozenset[str]:
    """The template names the loaded engine knows."""
    count = int(llama_cpp.llama_chat_builtin_templates(None, 0))
    names = (ctypes.c_char_p * count)()
    llama_cpp.llama_chat_builtin_templates(names, count)
    return frozenset(name.decode() for name in names if name)


def render_builtin(llama_cpp: Any, name: str, messages: Sequence[ChatMessage]) -> str:
    """``messages`` through llama.cpp's template ``name``, ending where the answer begins.

    Raises:
        ValueError: the engine does not know ``name``.
    """
    encoded = [(m["role"].encode(), m["content"].encode()) for m in messages]
    chat = (llama_cpp.llama_chat_message * len(encoded))(
        *(llama_cpp.llama_chat_message(role, content) for role, content in encoded)
    )
    size = 2 * sum(len(content) for _, content in encoded) + 256
    while True:  # the engine says how long the prompt is when the buffer was too short
        buffer = ctypes.create_string_buffer(size)
        length = llama_cpp.llama_chat_apply_template(
            name.encode(), chat, len(encoded), True, buffer, size
        )
        if length < 0:
            raise ValueError(f"llama.cpp has no chat template named {name!r}")
        if length <= size:
            return buffer.raw[:length].decode("utf-8")
        size = length


class ChatPrompt:
    """Renders and tokenizes messages for one loaded ``Llama``."""

    def __init__(self, llm: Any) -> None:
        import llama_cpp
        from llama_cpp import llama_chat_format

        self._llm = llm
        template = llm.metadata.get(TEMPLATE_KEY)
        self._render: Callable[[Sequence[ChatMessage]], tuple[str, bool]]
        if template:
            model = llm._model
            eos, bos = llm.token_eos(), llm.token_bos()
            formatter = llama_chat_format.Jinja2ChatFormatter(
                template=template,
                eos_token=model.token_get_text(eos) if eos != -1 else "",
                bos_token=model.token_get_text(bos) if bos != -1 else "",
                stop_token_ids=[eos],
            )

            def render(messages: Sequence[ChatMessage]) -> tuple[str, bool]:
                chat: list[Any] = list(messages)  # llama-cpp-python's own message TypedDicts
                result = formatter(messages=chat)
                return result.prompt, not result.added_special

            self._render = render
        else:
            architecture = str(llm.metadata.get("general.architecture", ""))
            name = builtin_template(architecture, self._is_one_token)
            if name not in builtin_names(llama_cpp):
                log.warning("this llama.cpp has no %r template; using ChatML", name)
                name = FALLBACK_TEMPLATE
            log.info("no chat template in the model (%s): llama.cpp's %r", architecture, name)
            # Built-in templates write no BOS; the tokenizer adds it where the model wants one.
            self._render = lambda messages: (render_builtin(llama_cpp, name, messages), True)

    def _is_one_token(self, marker: str) -> bool:
        return len(self._llm.tokenize(marker.encode(), add_bos=False, special=True)) == 1

    def tokens(self, messages: Sequence[ChatMessage]) -> list[int]:
        """The whole prompt, ending where the assistant's answer begins."""
        text, add_bos = self._render(messages)
        return list(self._llm.tokenize(text.encode("utf-8"), add_bos=add_bos, special=True))

    def system_prefix(self, messages: Sequence[ChatMessage]) -> list[int]:
        """The leading tokens that depend only on the system message (the role prompt).

        Found as what renders with different user messages share, so it holds
        for any template without knowing its markers, also one that folds the
        system message into the first user turn (Gemma's). The request's own
        render is one of them: where its user message would merge with the
        text before it into other tokens, the prefix stops before them.
        """
        system = [m for m in messages if m["role"] == "system"]
        renders = [
            self.tokens(messages),
            self.tokens([*system, {"role": "user", "content": "a"}]),
            self.tokens([*system, {"role": "user", "content": "b"}]),
        ]
        shared = 0
        for column in zip(*renders, strict=False):
            if len(set(column)) != 1:
                break
            shared += 1
        return renders[0][:shared]

    def count_bytes(self, data: bytes) -> int:
        """Tokens of plain text (no special tokens): what a heading costs the budget."""
        return len(self._llm.tokenize(data, add_bos=False, special=False))
