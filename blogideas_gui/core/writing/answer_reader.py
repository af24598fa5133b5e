"""The answer read as it streams: Markdown as it is, a JSON answer shown as Markdown.

A server that honours the JSON schema answers ``{"ideas": [{"title": …}]}``.
The reader should still see ideas appear as they are written, in the same
Markdown the local model writes, so each piece of the stream is parsed again
with jiter's partial mode (a cut-off string is kept as far as it goes) and
the Markdown of what is known so far is extended. The Markdown only grows:
a title is written as far as it is known, and the line after it begins only
when the next field does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from blogideas_gui.core.writing.ideas import Idea, parse_ideas


def answer_markdown(ideas: Sequence[Idea], open_ended: bool = False) -> str:
    """Ideas in the answer's Markdown shape (the one the role prompt asks for).

    ``open_ended`` leaves the last line without its newline, as a streamed
    answer is while its last field is still being written.
    """
    blocks = []
    for number, idea in enumerate(ideas, 1):
        lines = [f"## {number}. {idea.title}"]
        if idea.hook or idea.outline:
            lines.append(idea.hook)
        lines += [f"- {point}" for point in idea.outline]
        blocks.append("\n".join(lines))
    text = "\n\n".join(blocks)
    return text if open_ended or not text else text + "\n"


def _line(value: object) -> str:
    """One line of text from a JSON value: a model may put a newline in a string."""
    return " ".join(str(value).split()) if isinstance(value, str) else ""


def _ideas(data: Any) -> list[Idea]:
    """The ideas in (partial) JSON data; whatever is missing is empty."""
    found = data.get("ideas") if isinstance(data, dict) else None
    ideas = []
    for item in found if isinstance(found, list) else []:
        if not isinstance(item, dict) or "title" not in item:
            continue
        outline = item.get("outline")
        points = [_line(p) for p in outline] if isinstance(outline, list) else []
        ideas.append(Idea(_line(item.get("title")), _line(item.get("hook")), points))
    return ideas


class JsonAnswerReader:
    """Feed it the streamed JSON; it returns the Markdown to add to the view."""

    def __init__(self) -> None:
        import jiter

        self._parse = jiter.from_json
        self._raw = bytearray()
        self._shown = ""
        self.ideas: list[Idea] = []

    def feed(self, text: str) -> str:
        """Take a piece of the JSON; the new Markdown (empty when nothing shows yet)."""
        self._raw += text.encode("utf-8")
        try:
            data = self._parse(bytes(self._raw), partial_mode="trailing-strings")
        except ValueError:
            return ""  # not parseable yet (a lone backslash, a half number)
        self.ideas = _ideas(data)
        markdown = answer_markdown(self.ideas, open_ended=True)
        if not markdown.startswith(self._shown):
            # A field the partial parse showed shorter than it is (an escape
            # cut in half): show the rest once the whole answer is known.
            return ""
        added, self._shown = markdown[len(self._shown) :], markdown
        return added

    def finish(self) -> str:
        """The Markdown still to add once the stream ended (the last newline, a mended field)."""
        final = answer_markdown(self.ideas)
        if final.startswith(self._shown):
            added, self._shown = final[len(self._shown) :], final
            return added
        return ""

    @property
    def markdown(self) -> str:
        """All the Markdown shown so far."""
        return self._shown


def complete_ideas(ideas: Sequence[Idea], ended: bool, min_points: int = 2) -> int:
    """How many ideas, from the first on, have a title, a hook and their outline points.

    The last one counts only if the answer ``ended`` by itself: cut off, its
    last point may be half a sentence.
    """
    complete = 0
    for position, idea in enumerate(ideas):
        if not (idea.title and idea.hook and len(idea.outline) >= min_points):
            break
        if position == len(ideas) - 1 and not ended:
            break
        complete += 1
    return complete


class AnswerReader:
    """The answer as it streams: Markdown passed on as it is, JSON turned into Markdown.

    Which one it is shows in the first character: a server holding the
    answer to the schema writes ``{``; the local model and a free-form
    answer write Markdown.
    """

    def __init__(self, expect_json: bool = True) -> None:
        self._expect_json = expect_json
        self._json: JsonAnswerReader | None = None
        self._decided = False
        self._parts: list[str] = []

    @property
    def is_json(self) -> bool:
        """Whether the answer came as JSON."""
        return self._json is not None

    def feed(self, text: str) -> str:
        """A piece of the answer in; the Markdown to show for it out."""
        if not self._decided:
            head = text.lstrip()
            if not head and not self._parts:
                return ""
            self._decided = True
            if self._expect_json and head.startswith("{"):
                self._json = JsonAnswerReader()
        if self._json is not None:
            return self._json.feed(text)
        self._parts.append(text)
        return text

    def finish(self) -> str:
        """The Markdown still to show once the stream ended."""
        return self._json.finish() if self._json is not None else ""

    @property
    def markdown(self) -> str:
        """All the Markdown shown."""
        if self._json is not None:
            return self._json.markdown
        return "".join(self._parts)

    def ideas(self) -> list[Idea]:
        """The ideas of the answer: from the JSON, else parsed from the Markdown."""
        if self._json is not None:
            # The ideas the Markdown shown and saved reads back as (a title's
            # "Idea 1:", quotes or bold lead are read the same way as in a
            # local answer), unless reading it back loses an idea.
            read_back = parse_ideas(self.markdown)
            return read_back if len(read_back) == len(self._json.ideas) else self._json.ideas
        return parse_ideas(self.markdown)
