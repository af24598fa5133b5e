"""The streamed answer view: only the tail is rendered again, and it looks the same.

The view keeps the finished blocks of a streaming answer in the document and
replaces only the unfinished tail (whole re-renders took the CPU from
llama.cpp and froze long answers). These tests stream real Markdown into the real widget in
small pieces, rendering after every piece, and compare the document block
by block with Qt rendering the whole text at once.
"""

from __future__ import annotations

import random

import pytest
from PySide6.QtGui import QTextDocument, QTextFormat
from PySide6.QtWidgets import QTextBrowser
from pytestqt.qtbot import QtBot

from blogideas_gui.ui.window.markdown_blocks import finished_prefix
from blogideas_gui.ui.window.markdown_view import StreamingMarkdownView

IDEAS = """# Blog ideas for home coffee

Here are some ideas:

1. **The Perfect Pour-Over** — a step by step guide
   - Why grind size matters
   - Water temperature
2. **French Press Secrets**: *bold* flavour
3. **Cold Brew at Home** — `easy` and cheap

## Extra

4. More with a [link](https://example.com)

```python
print("hi")

x = 1
```

---

Final paragraph with **bold** and _italic_.
"""

LOOSE = """1. First

2. Second idea
   continued here

   More of the second

3. Third
- bullet a
- bullet b

> a quote
> more quote

Done.
"""

HEADINGS = """## 1. 홈카페 입문
첫 번째 아이디어의 설명.

## 2. Title two
Hook text for two.

* * *

~~~
fenced with tildes
~~~
Text right after a fence.
"""

TABLE = """Intro.

| a | b |
|---|---|
| 1 | 2 |

After the table.
"""


def shape(document: QTextDocument) -> list[tuple[object, ...]]:
    """Every block: text, heading, list and item label, rule, and its runs' formats."""
    blocks = []
    block = document.begin()
    while block.isValid():
        runs = []
        piece = block.begin()
        while not piece.atEnd():
            fragment = piece.fragment()
            char = fragment.charFormat()
            runs.append((fragment.text(), char.fontWeight(), char.fontItalic(), char.anchorHref()))
            piece += 1
        form = block.blockFormat()
        items = block.textList()
        blocks.append((
            block.text(),
            form.headingLevel(),
            form.indent(),
            form.nonBreakableLines(),
            form.hasProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth),
            None if items is None else (items.format().style(), items.format().indent()),
            None if items is None else items.itemText(block),
            tuple(runs),
        ))  # fmt: skip
        block = block.next()
    return blocks


def whole(markdown: str) -> list[tuple[object, ...]]:
    reference = QTextBrowser()
    reference.setMarkdown(markdown)
    return shape(reference.document())


def stream(view: StreamingMarkdownView, markdown: str, seed: int) -> None:
    """Feed ``markdown`` in token-sized pieces, rendering after each one."""
    rng = random.Random(seed)
    position = 0
    while position < len(markdown):
        size = rng.randint(1, 6)
        view.append_markdown(markdown[position : position + size])
        view.render_now()
        position += size


@pytest.mark.parametrize(
    "markdown", [IDEAS, LOOSE, HEADINGS, TABLE], ids=["ideas", "loose", "headings", "table"]
)
@pytest.mark.parametrize("seed", range(4))
def test_a_streamed_answer_looks_like_the_whole_answer(
    qtbot: QtBot, markdown: str, seed: int
) -> None:
    view = StreamingMarkdownView()
    qtbot.addWidget(view)
    stream(view, markdown, seed)
    assert shape(view.document()) == whole(markdown)
    view.finish()
    assert shape(view.document()) == whole(markdown)
    assert view.markdown() == markdown


def test_finished_blocks_stay_in_the_document_as_the_answer_grows(qtbot: QtBot) -> None:
    view = StreamingMarkdownView()
    qtbot.addWidget(view)
    ideas = "".join(
        f"{n}. **Idea number {n}** — a hook that makes a reader click, with a reason why\n"
        f"   - an angle on it\n\n"
        for n in range(1, 41)
    )
    stream(view, ideas[: len(ideas) // 2], seed=1)
    document = view.document()
    early = document.blockCount() - 2
    assert early > 20
    for number in range(early):
        document.findBlockByNumber(number).setUserState(number)
    stream(view, ideas[len(ideas) // 2 :], seed=2)
    # A whole render would have made every block anew (user state -1).
    assert [document.findBlockByNumber(n).userState() for n in range(early)] == list(range(early))
    assert shape(document) == whole(ideas)
    view.finish()
    assert document.findBlockByNumber(0).userState() == -1


def test_an_expansion_goes_on_below_a_finished_answer(qtbot: QtBot) -> None:
    view = StreamingMarkdownView()
    qtbot.addWidget(view)
    view.set_markdown(IDEAS + "\n\n---\n\n## Outline: The Perfect Pour-Over\n\n")
    stream(view, "1. Grind\n2. Bloom\n3. Pour\n", seed=3)
    assert shape(view.document()) == whole(view.markdown())
    view.set_markdown("")
    assert view.document().isEmpty()


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("one\n\ntwo", 5),  # text at the margin after a blank line
        ("one\n\n   two", 0),  # indented: continues a list item
        ("one\n\n---\n\nx", 10),  # not before a rule, but after it
        ("one\n- two", 4),  # a list item
        ("one\n2. two", 4),
        ("one\n2.", 0),  # too little of the line yet to tell
        ("one\n# head", 4),  # a heading
        ("#hashtag\n#tag", 0),  # not a heading
        ("```\na\n\nb\n- c\n", 0),  # inside a fence nothing is a cut ...
        ("one\n```\na\n\nb\n```\ntext", 17),  # ... but the fence and what follows are
        ("```\na\n```` \n\nb", 13),  # a longer closing fence closes it
        ("~~~\n```\n\nb", 0),  # another kind of fence does not
    ],
)
def test_cuts_fall_where_a_new_block_starts(text: str, cut: int) -> None:
    assert finished_prefix(text) == cut


def test_cuts_only_read_past_the_last_one() -> None:
    text = "a\n\nb\n\n```\nx\n\ny\n```\n\nc"
    first = finished_prefix(text[:5])
    assert first == 3
    assert finished_prefix(text, first) == len(text) - 1
    assert finished_prefix(text, len(text) - 1) == len(text) - 1
