"""Turning one idea into a post outline or a first draft.

The blogger keeps the good idea and wants the next step. The request goes to
the same backend as the ideas, with the same role prompt, so llama.cpp
reuses its evaluated prefix; only the user message differs. Its words are
data (``core/data/prompt.<lang>.toml``).
"""

from __future__ import annotations

from typing import Literal

from blogideas_gui.core.backends.base import ChatMessage
from blogideas_gui.core.common.i18n import QT_TRANSLATE_NOOP, translate
from blogideas_gui.core.common.language import Language
from blogideas_gui.core.writing.ideas import Idea
from blogideas_gui.core.writing.prompt_words import prompt_words
from blogideas_gui.core.writing.prompts import role_prompt

ExpansionKind = Literal["outline", "draft"]

EXPANSION_KINDS: tuple[ExpansionKind, ...] = ("outline", "draft")

_LABELS: dict[ExpansionKind, str] = {
    "outline": QT_TRANSLATE_NOOP("Expansion", "Outline"),
    "draft": QT_TRANSLATE_NOOP("Expansion", "First draft"),
}


def expansion_label(kind: ExpansionKind, language: Language) -> str:
    """What an expansion is called, in ``language``: "Outline", "First draft"."""
    return translate("Expansion", _LABELS[kind], language=language)


def expansion_heading(idea: Idea, kind: ExpansionKind, language: Language) -> str:
    """The heading shown above an expansion in the answer view and in exports."""
    return f"{expansion_label(kind, language)}: {idea.title}"


def build_expansion_messages(
    topic: str, idea: Idea, kind: ExpansionKind, language: Language, role: str | None = None
) -> list[ChatMessage]:
    """The system and user messages that ask to expand ``idea`` (``role``: the user's own)."""
    outline = "\n".join(f"- {point}" for point in idea.outline)
    words = prompt_words(language)
    user = words.expand_idea.format(
        topic=topic.strip(), title=idea.title, hook=idea.hook, outline=outline,
        ask=words.expand_asks[kind],
    )  # fmt: skip
    return [
        {"role": "system", "content": role or role_prompt(language)},
        {"role": "user", "content": user},
    ]
