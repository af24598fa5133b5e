"""The shape an answer must have: how many ideas, and how long each line may be.

Both backends hold the model to it, each in the way its engine allows: the
local one decodes under :class:`~.idea_machine.IdeaMachine` (Markdown, byte
by byte), an OpenAI-compatible server gets :meth:`AnswerShape.json_schema` as
Structured Outputs. The backends see it only as a
:class:`~blogideas_gui.core.backends.constraint.Constraint`: what an idea is
is the writing layer's to say.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from blogideas_gui.core.writing.idea_machine import IdeaMachine
from blogideas_gui.core.writing.variety import TitleBook

# Tokens per character of the answer's language, generous on purpose: small
# local models' vocabularies spend two to three tokens on a Korean syllable
# (measured on the starter: 2.1), and an answer nobody stopped must be a
# finished one. The local decoder also caps the budget to the model's context
# and keeps every answer within it (see IdeaMachine.cost).
TOKENS_PER_CHAR = {"en": 0.35, "ko": 2.2}
MAX_BUDGET = 8192
SCHEMA_NAME = "blog_post_ideas"
JSON_NOTE = (
    'Answer with JSON only: {"ideas": [{"title": "...", "hook": "...", '
    '"outline": ["...", "..."]}]}, one object per idea.'
)


@dataclass(frozen=True)
class AnswerShape:
    """``count`` ideas, each a title, a one-line hook and some outline points.

    Line lengths are in characters of any script, so a Korean title gets the
    same room as an English one. ``first`` numbers the first idea (a shape
    of one idea written in its own sequence is "## 3."); ``titles`` is the
    book every finished title must be new against, shared by the sequences
    of one answer (a book is no part of what the shape is, so it is left out
    of equality).
    """

    count: int
    title_chars: int = 80
    hook_chars: int = 160
    point_chars: int = 100
    min_points: int = 2
    max_points: int = 4
    first: int = 1
    titles: TitleBook | None = field(default=None, compare=False, repr=False)

    @property
    def schema_name(self) -> str:
        """The schema's name in a server's Structured Outputs."""
        return SCHEMA_NAME

    def machine(self, count_tokens: Callable[[bytes], int]) -> IdeaMachine:
        """An :class:`~.idea_machine.IdeaMachine` for this shape (a byte machine), with its book."""
        return IdeaMachine(self, count_tokens, self.titles)

    def split(self) -> list[AnswerShape]:
        """One one-idea shape per idea, numbered in order, for parallel sequences.

        They share one title book (this shape's, or a new one), so no two
        sequences keep the same idea.
        """
        book = self.titles if self.titles is not None else TitleBook()
        return [
            dataclasses.replace(self, count=1, first=self.first + index, titles=book)
            for index in range(self.count)
        ]

    def json_note(self) -> str:
        """The JSON form in words, for a request that asks for JSON."""
        return JSON_NOTE

    def token_budget(self, language: str) -> int:
        """Answer tokens that fit ``count`` ideas written to three quarters of their bounds."""
        chars = self.title_chars + self.hook_chars + self.max_points * self.point_chars
        per_idea = 0.75 * chars * TOKENS_PER_CHAR.get(language, max(TOKENS_PER_CHAR.values()))
        return min(MAX_BUDGET, int(self.count * (per_idea + 16)) + 16)

    def json_schema(self) -> dict[str, Any]:
        """The shape as a strict JSON schema (OpenAI's Structured Outputs subset).

        Only keywords strict mode accepts: array sizes, and each line as a
        ``pattern`` (one line, not blank, bounded; no quote or backslash, so
        that servers turning the schema into a grammar never need an escape).
        """
        idea = {
            "type": "object",
            "properties": {
                "title": _line(self.title_chars),
                "hook": _line(self.hook_chars),
                "outline": {
                    "type": "array",
                    "items": _line(self.point_chars),
                    "minItems": self.min_points,
                    "maxItems": self.max_points,
                },
            },
            "required": ["title", "hook", "outline"],
            "additionalProperties": False,
        }
        return {
            "type": "object",
            "properties": {
                "ideas": {
                    "type": "array",
                    "items": idea,
                    "minItems": self.count,
                    "maxItems": self.count,
                }
            },
            "required": ["ideas"],
            "additionalProperties": False,
        }


def _line(chars: int) -> dict[str, str]:
    """A JSON string that is one line of 1 to ``chars`` characters, not starting with a space."""
    return {"type": "string", "pattern": f'^[^ \\n"\\\\][^\\n"\\\\]{{0,{chars - 1}}}$'}
