"""A tolerant parser from the model's Markdown answer to idea records.

Models, small ones above all, do not keep to the asked-for shape: they add a
title line, number ideas as a list instead of headings, wrap titles in bold,
put "Hook:" labels in front of sentences. The parser finds the level at which
ideas are written (the heading level that repeats, else numbered or bold
lines) and reads a title, a one-line hook and outline bullets under each.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

_HEADING = re.compile(r"^(#{1,6})(?:\s+|(?=\d))(.*?)\s*#*\s*$")
_NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+(.+)$")
_BOLD_LINE = re.compile(r"^\*\*(.+?)\*\*:?\s*(.*)$")
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d{1,2}[.)])\s+(.+)$")
_TITLE_PREFIX = re.compile(
    r"^(?:(?:idea|post|title|아이디어|제목)\s*#?\d*\s*[:.)\-–]\s*|#?\d{1,2}\s*[:.)\-–]\s*)",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"^(?:hook|summary|description|one[- ]liner|훅|한 줄 소개|소개|요약|설명)\s*[:：]\s*",
    re.IGNORECASE,
)
_BOLD_LEAD = re.compile(r"^\*\*(.+?)\*\*\s*(?:[:：]|[-–—](?=\s))?\s*(.*)$")
_TITLE_BREAK = re.compile(r"\s[–—-]\s|:\s|\.\s|\?\s|!\s")
MAX_TITLE_CHARS = 90
_OUTLINE_LABEL = re.compile(
    r"^(?:outline|key points|목차|개요|주요 내용)\s*[:：]?\s*$", re.IGNORECASE
)


@dataclass
class Idea:
    """One blog post idea: a title, a sentence that sells it, and its outline."""

    title: str
    hook: str = ""
    outline: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """The idea as JSON-ready data."""
        return asdict(self)


def _clean(text: str) -> str:
    """Strip Markdown emphasis, quotes and stray spaces from a line of text."""
    text = text.strip()
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<!\w)[*_](.+?)[*_](?!\w)", r"\1", text)
    text = text.strip(" *_`")
    if len(text) >= 2 and text[0] in "\"'“‘「" and text[-1] in "\"'”’」":
        text = text[1:-1].strip()
    return text


def _title(text: str) -> str:
    """A heading's text without numbering or an "Idea 1:" prefix."""
    text = _clean(text)
    previous = None
    while previous != text:
        previous = text
        text = _clean(_TITLE_PREFIX.sub("", text, count=1)).rstrip(":：").rstrip()
    return text


def _starts(lines: list[str]) -> list[tuple[int, str]]:
    """Indexes and titles of the lines that begin ideas."""
    headings: dict[int, list[tuple[int, str]]] = {}
    for index, line in enumerate(lines):
        match = _HEADING.match(line.strip())
        if match and match.group(2).strip():
            headings.setdefault(len(match.group(1)), []).append((index, match.group(2)))
    repeated = [level for level, found in headings.items() if len(found) >= 2]
    if repeated:
        # The shallowest level that repeats; a single top title above it is not an idea.
        return headings[min(repeated)]
    numbered: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        if line[:1].isspace():
            continue
        match = _NUMBERED.match(line.strip())
        if match:
            numbered.append((index, match.group(2)))
    if len(numbered) >= 2:
        return numbered
    bold = [
        (index, match.group(1))
        for index, line in enumerate(lines)
        if (match := _BOLD_LINE.match(line.strip())) and not match.group(2)
    ]
    if len(bold) >= 2:
        return bold
    return [(index, text) for level in sorted(headings) for index, text in headings[level]]


def _body(title_line: str, lines: list[str]) -> tuple[str, list[str]]:
    """The hook and the outline from the lines under one idea's title."""
    hook = ""
    outline: list[str] = []
    rest = _BOLD_LINE.match(title_line.strip())
    for raw in lines:
        if not raw.strip() or _OUTLINE_LABEL.match(_clean(raw)):
            continue
        bullet = _BULLET.match(raw)
        if bullet:
            text = _clean(bullet.group(1))
            labelled = _LABEL.match(text)
            if labelled and not hook:
                hook = text[labelled.end() :].strip()
            elif text:
                outline.append(text)
        elif not hook:
            hook = _clean(_LABEL.sub("", _clean(raw), count=1))
    if not hook and rest and rest.group(2):
        hook = _clean(rest.group(2))
    return hook, outline


def _split_title(raw: str) -> tuple[str, str]:
    """The title, and any hook written on the same line after it.

    Models write "1. **Title**: why it matters" or run a title on into a
    sentence ("1. Title – why it matters …"); the part after the bold title,
    or after the first clause of an over-long one, becomes the hook when the
    idea has none of its own.
    """
    lead = _BOLD_LEAD.match(_TITLE_PREFIX.sub("", raw.strip(), count=1))
    if lead and lead.group(2).strip():
        return _title(lead.group(1)), _clean(lead.group(2))
    title = _title(raw)
    if len(title) <= MAX_TITLE_CHARS:
        return title, ""
    match = _TITLE_BREAK.search(title, 8, MAX_TITLE_CHARS + 1)
    if not match:
        return title, ""
    return title[: match.start()].strip(), title[match.end() :].strip()


def parse_ideas(markdown: str) -> list[Idea]:
    """Ideas found in ``markdown``; an empty list if it holds none.

    Never raises: a malformed or cut-off answer gives the ideas that are
    complete enough to have a title.
    """
    lines = markdown.replace("\r\n", "\n").split("\n")
    starts = _starts(lines)
    ideas: list[Idea] = []
    for position, (index, raw_title) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        title, spilled = _split_title(raw_title)
        if not title:
            continue
        hook, outline = _body(lines[index], lines[index + 1 : end])
        hook = hook or spilled
        ideas.append(Idea(title=title, hook=hook, outline=outline))
    return ideas
