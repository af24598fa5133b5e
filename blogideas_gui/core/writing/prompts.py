"""From a user's request to the chat messages a model sees.

The role prompt (in ``core/data/role_prompt.<lang>.md``) is written in the
spirit of the original web page's system message — a blog content strategist
who answers in the user's language, step by step — but asks for a fixed
Markdown shape so that :mod:`blogideas_gui.core.writing.ideas` can parse the answer.
The system message does not depend on the request, so llama.cpp can reuse
its evaluated state from one request to the next. The user message's words
are data too, in ``core/data/prompt.<lang>.toml`` (:mod:`.prompt_words`).

Ideas differ by design: each gets its own angle (:mod:`.angles`) and the
titles the topic already has are named as ones not to repeat. An answer
written in one sequence (or by a server) asks for all its angles at once
(:func:`build_messages`); ideas written in parallel sequences each get
:func:`build_part_messages`, whose words are the same for every part up to
the last line, so the sequences share the longest evaluated prompt.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from blogideas_gui.core.backends.base import ChatMessage
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.i18n import QT_TRANSLATE_NOOP
from blogideas_gui.core.common.language import Language
from blogideas_gui.core.common.readable_text import readable
from blogideas_gui.core.writing.presets import Preset, preset_lines
from blogideas_gui.core.writing.prompt_words import prompt_words

MIN_IDEAS = 1
MAX_IDEAS = 20
MAX_TOPIC_CHARS = 2000
MAX_AVOID = 10
"""Earlier titles named in a request: enough to steer away from, few enough to stay short."""


@dataclass(frozen=True)
class IdeaRequest:
    """What the user asked for."""

    topic: str
    count: int = 5
    language: Language = "ko"
    tone: str = ""
    audience: str = ""
    platform: str = ""
    length: str = ""

    def validated(self) -> IdeaRequest:
        """This request with a trimmed topic, or a usage error saying what is wrong.

        Text that is not text (bytes a terminal could not decode) is refused
        here, before it can reach the history or a server.
        """
        for text in (self.topic, self.tone, self.audience, self.platform, self.length):
            readable(text)
        topic = self.topic.strip()
        if not topic:
            raise BlogIdeasError(ErrorKind.EMPTY_TOPIC)
        if len(topic) > MAX_TOPIC_CHARS:
            raise BlogIdeasError(
                ErrorKind.BAD_OPTION,
                QT_TRANSLATE_NOOP(
                    "Errors", "The topic is longer than {limit} characters; shorten it."
                ),
                limit=MAX_TOPIC_CHARS,
            )
        if not MIN_IDEAS <= self.count <= MAX_IDEAS:
            raise BlogIdeasError(
                ErrorKind.BAD_NUMBER,
                QT_TRANSLATE_NOOP(
                    "Errors", "The number of ideas must be {low}–{high}, not {count}."
                ),
                low=MIN_IDEAS,
                high=MAX_IDEAS,
                count=self.count,
            )
        return dataclasses.replace(
            self, topic=topic, tone=self.tone.strip(), audience=self.audience.strip()
        )


@cache
def role_prompt(language: Language) -> str:
    """The system message for ``language``, read once from the package data."""
    path = resources.files("blogideas_gui.core") / "data" / f"role_prompt.{language}.md"
    return path.read_text(encoding="utf-8").strip()


def build_messages(
    request: IdeaRequest,
    role: str | None = None,
    angles: Sequence[str] = (),
    avoid: Sequence[str] = (),
) -> list[ChatMessage]:
    """The system and user messages for ``request``, all its ideas in one answer.

    ``role`` is the user's own role prompt (``core/writing/templates.py``), if any;
    the platform, tone, readers and length become lines of the user message,
    then idea k is asked to take ``angles[k - 1]``, then the topic's earlier
    titles in ``avoid`` (the first :data:`MAX_AVOID`) are named.
    """
    words = prompt_words(request.language)
    parts = [words.ask.format(topic=request.topic.strip(), count=request.count)]
    parts.extend(_request_lines(request))
    if angles:
        parts.append(words.angles)
        parts.extend(f"{number}. {angle}" for number, angle in enumerate(angles, 1))
    parts.extend(_avoid_lines(request, avoid))
    return _messages(request, role, parts)


def build_part_messages(
    request: IdeaRequest,
    number: int,
    angle: str,
    avoid: Sequence[str],
    role: str | None = None,
) -> list[ChatMessage]:
    """The messages for idea ``number`` alone, written in its own sequence.

    Everything the parts share comes first (the system message, the topic,
    the preset's lines, the titles to avoid) and the part's own line last, so
    every part's prompt is the same up to that line and llama.cpp evaluates
    the shared part once for all the sequences.
    """
    words = prompt_words(request.language)
    parts = [words.ask_part.format(topic=request.topic.strip(), count=request.count)]
    parts.extend(_request_lines(request))
    parts.extend(_avoid_lines(request, avoid))
    parts.append(words.part.format(number=number, angle=angle))
    return _messages(request, role, parts)


def _request_lines(request: IdeaRequest) -> list[str]:
    """The preset's lines: platform, tone, readers, length."""
    preset = Preset("", request.platform, request.tone, request.audience, request.length)
    return preset_lines(preset, request.language)


def _avoid_lines(request: IdeaRequest, avoid: Sequence[str]) -> list[str]:
    """The heading and one line per earlier title to avoid; nothing when there are none."""
    titles = [" ".join(title.split()) for title in avoid if title.strip()][:MAX_AVOID]
    if not titles:
        return []
    heading = prompt_words(request.language).avoid
    return [heading, *(f"- {title}" for title in titles)]


def _messages(request: IdeaRequest, role: str | None, parts: list[str]) -> list[ChatMessage]:
    return [
        {"role": "system", "content": role or role_prompt(request.language)},
        {"role": "user", "content": "\n".join(parts)},
    ]
