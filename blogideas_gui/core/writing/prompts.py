"""From a user's request to the chat messages a model sees.

The role prompt (in ``core/data/role_prompt.<lang>.md``) is written in the
spirit of the original web page's system message — a blog content strategist
who answers in the user's language, step by step — but asks for a fixed
Markdown shape so that :mod:`blogideas_gui.core.writing.ideas` can parse the answer.
The system message does not depend on the request, so llama.cpp can reuse
its evaluated state from one request to the next.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cache
from importlib import resources

from blogideas_gui.core.backends.base import ChatMessage
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.i18n import QT_TRANSLATE_NOOP, translate
from blogideas_gui.core.common.language import Language
from blogideas_gui.core.common.readable_text import readable
from blogideas_gui.core.writing.presets import Preset, preset_lines

MIN_IDEAS = 1
MAX_IDEAS = 20
MAX_TOPIC_CHARS = 2000


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


_ASK = QT_TRANSLATE_NOOP(
    "Prompt", "Topic: {topic}\n\nWrite {count} blog post ideas for this topic."
)


def build_messages(request: IdeaRequest, role: str | None = None) -> list[ChatMessage]:
    """The system and user messages for ``request``.

    ``role`` is the user's own role prompt (``core/writing/templates.py``), if any;
    the platform, tone, readers and length become lines of the user message.
    """
    ask = translate("Prompt", _ASK, language=request.language)
    parts = [ask.format(topic=request.topic.strip(), count=request.count)]
    preset = Preset("", request.platform, request.tone, request.audience, request.length)
    parts.extend(preset_lines(preset, request.language))
    return [
        {"role": "system", "content": role or role_prompt(request.language)},
        {"role": "user", "content": "\n".join(parts)},
    ]
