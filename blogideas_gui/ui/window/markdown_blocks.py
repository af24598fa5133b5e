"""Where a streamed Markdown answer can be cut into finished blocks.

The answer view renders the finished part of a streamed answer once and
re-renders only the unfinished tail (:mod:`.markdown_view`), so a render
costs the last paragraph, not the whole answer. This module finds the cut:
a line that starts a new block, so that parsing the text before it and the
text after it apart gives (nearly) what parsing it whole gives. The view
renders the whole answer once more when it ends, so a rare mismatch (an
ordered list that in CommonMark could not interrupt a paragraph, say) only
ever shows while the answer streams.

Plain Python, no Qt: the rules are tested on their own.
"""

from __future__ import annotations

import re

_BLOCK_START = re.compile(r"\d{1,9}[.)][ \t]|[-*+][ \t]+[^\s*_-]|#{1,6}[ \t]")
"""A top-level list item or an ATX heading: each starts a new block. A bullet
item needs its first word: ``* * *`` is a rule, not an item."""

_NOT_AFTER_BREAK = ("", " ", "\t", "-", "*", "_")
"""First characters that don't start a cut after a blank line: indented text
continues a list item, and Qt draws a rule (``---``) on the block before it.
A list item (``- ``) is still a cut, by :data:`_BLOCK_START`."""

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


def finished_prefix(text: str, start: int = 0) -> int:
    """The offset up to which ``text`` is made of finished blocks.

    ``start`` must itself be such an offset (0, or an earlier result for a
    shorter text with the same beginning); only the text after it is read,
    so calling this on every update of a growing answer costs the tail.
    The result is ``start`` when no later cut is known yet. A cut is the
    start of a line, outside a fenced code block, that begins a new block:
    text at the margin after a blank line (but not a rule, ``---``, which
    Qt draws on the block before it), a list item or a heading at the
    margin, an opening fence, or the first text after a closing fence. A
    cut needs the first characters of its line, so the unfinished tail is
    never empty.
    """
    cut = start
    fence = ""
    after_blank = False
    after_fence = False
    position = start
    while position < len(text):
        end = text.find("\n", position)
        complete = end != -1
        line = text[position:end] if complete else text[position:]
        opens = _FENCE.match(line)
        if fence:
            if (
                complete
                and opens
                and opens.group(1).startswith(fence)
                and not line[opens.end() :].strip()
            ):
                fence = ""
                after_fence = True
        else:
            starts_block = (
                ((after_blank or after_fence) and line[:1] not in _NOT_AFTER_BREAK)
                or _BLOCK_START.match(line) is not None
                or opens is not None
            )
            if starts_block and position > start:
                cut = position
            if opens is not None and complete:
                fence = opens.group(1)
            after_blank = not line.strip()
            after_fence = after_fence and after_blank
        if not complete:
            break
        position = end + 1
    return cut
