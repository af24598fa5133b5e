"""An answer whose ideas are written side by side, read back in their order.

When a local model writes each idea in a sequence of its own, the pieces of
text arrive interleaved: a bit of idea 3, then of idea 1. Each idea's text
grows on its own, and the answer is their texts in idea order, separated as
the one-sequence answer separates them (a blank line), so history, the
Markdown view and the parser see one answer of the usual shape whichever
way it was written.
"""

from __future__ import annotations

IDEA_SEPARATOR = "\n\n"


class AnswerParts:
    """The texts of an answer's parts, each growing as its own sequence writes."""

    def __init__(self) -> None:
        self._texts: dict[int, str] = {}

    def add(self, part: int, text: str) -> None:
        """Append ``text`` to part ``part`` (from 0)."""
        self._texts[part] = self._texts.get(part, "") + text

    def text(self, part: int) -> str:
        """What part ``part`` holds so far."""
        return self._texts.get(part, "")

    @property
    def markdown(self) -> str:
        """The parts written so far, in their order, as one answer."""
        return IDEA_SEPARATOR.join(
            self._texts[part].rstrip("\n") for part in sorted(self._texts) if self._texts[part]
        )
