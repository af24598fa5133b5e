"""Turning one idea into a post outline or a first draft.

The blogger keeps the good idea and wants the next step. The request goes to
the same backend as the ideas, with the same role prompt, so llama.cpp
reuses its evaluated prefix; only the user message differs.
"""

from __future__ import annotations

from typing import Literal

from blogideas_gui.core.backends.base import ChatMessage
from blogideas_gui.core.common.language import Language
from blogideas_gui.core.writing.ideas import Idea
from blogideas_gui.core.writing.prompts import role_prompt

ExpansionKind = Literal["outline", "draft"]

EXPANSION_KINDS: tuple[ExpansionKind, ...] = ("outline", "draft")

_ASK: dict[Language, dict[ExpansionKind, str]] = {
    "en": {
        "outline": (
            "Write a detailed outline for a blog post on this idea. Use Markdown: a "
            "## heading per section, 3 to 5 bullet points under each, and a short "
            "introduction and conclusion section."
        ),
        "draft": (
            "Write a first draft of a blog post on this idea, about 500 words, in "
            "Markdown with a # title and ## section headings. Keep it warm and concrete."
        ),
    },
    "ko": {
        "outline": (
            "이 아이디어로 블로그 글의 자세한 개요를 써 주세요. Markdown으로, 섹션마다 "
            "## 제목을 달고 그 아래 3~5개의 글머리표를 쓰세요. 도입과 맺음 섹션도 넣으세요."
        ),
        "draft": (
            "이 아이디어로 블로그 글 초안을 500단어 안팎으로 써 주세요. Markdown으로, "
            "# 제목과 ## 소제목을 쓰고, 따뜻하고 구체적으로 쓰세요."
        ),
    },
}

_IDEA: dict[Language, str] = {
    "en": "Blog topic: {topic}\n\nIdea: {title}\n{hook}\n{outline}\n\n{ask}",
    "ko": "블로그 주제: {topic}\n\n아이디어: {title}\n{hook}\n{outline}\n\n{ask}",
}


def expansion_heading(idea: Idea, kind: ExpansionKind, language: Language) -> str:
    """The heading shown above an expansion in the answer view and in exports."""
    label = {
        "en": {"outline": "Outline", "draft": "First draft"},
        "ko": {"outline": "개요", "draft": "초안"},
    }[language][kind]
    return f"{label}: {idea.title}"


def build_expansion_messages(
    topic: str, idea: Idea, kind: ExpansionKind, language: Language, role: str | None = None
) -> list[ChatMessage]:
    """The system and user messages that ask to expand ``idea`` (``role``: the user's own)."""
    outline = "\n".join(f"- {point}" for point in idea.outline)
    user = _IDEA[language].format(
        topic=topic.strip(), title=idea.title, hook=idea.hook, outline=outline,
        ask=_ASK[language][kind],
    )  # fmt: skip
    return [
        {"role": "system", "content": role or role_prompt(language)},
        {"role": "user", "content": user},
    ]
