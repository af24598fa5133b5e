"""Chat messages to prompt tokens with the model's own chat template.

The template comes from the GGUF file's ``tokenizer.chat_template``, rendered
by llama-cpp-python's :class:`Jinja2ChatFormatter` as ``create_chat_completion``
renders it, so the lean decode loop sees exactly the prompt the high-level
call would build. A file without a template gets ChatML, the format most
instruction-tuned GGUF models use.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from blogideas_gui.core.backends.base import ChatMessage

TEMPLATE_KEY = "tokenizer.chat_template"


class ChatPrompt:
    """Renders and tokenizes messages for one loaded ``Llama``."""

    def __init__(self, llm: Any) -> None:
        from llama_cpp import llama_chat_format

        self._llm = llm
        template = llm.metadata.get(TEMPLATE_KEY)
        if template:
            model = llm._model
            eos, bos = llm.token_eos(), llm.token_bos()
            self._format = llama_chat_format.Jinja2ChatFormatter(
                template=template,
                eos_token=model.token_get_text(eos) if eos != -1 else "",
                bos_token=model.token_get_text(bos) if bos != -1 else "",
                stop_token_ids=[eos],
            )
        else:
            self._format = llama_chat_format.format_chatml

    def tokens(self, messages: Sequence[ChatMessage]) -> list[int]:
        """The whole prompt, ending where the assistant's answer begins."""
        chat: list[Any] = list(messages)  # llama-cpp-python's own message TypedDicts
        result = self._format(messages=chat)
        return list(
            self._llm.tokenize(
                result.prompt.encode("utf-8"), add_bos=not result.added_special, special=True
            )
        )

    def system_prefix(self, messages: Sequence[ChatMessage]) -> list[int]:
        """The leading tokens that depend only on the system message (the role prompt).

        Found as what two renders with different user messages share, so it
        holds for any template without knowing its markers.
        """
        system = [m for m in messages if m["role"] == "system"]
        first = self.tokens([*system, {"role": "user", "content": "a"}])
        second = self.tokens([*system, {"role": "user", "content": "b"}])
        shared = 0
        for left, right in zip(first, second, strict=False):
            if left != right:
                break
            shared += 1
        return first[:shared]

    def count_bytes(self, data: bytes) -> int:
        """Tokens of plain text (no special tokens): what a heading costs the budget."""
        return len(self._llm.tokenize(data, add_bos=False, special=False))
