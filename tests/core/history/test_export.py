"""Export: sessions and favourites as Markdown, Markdown as plain text, safe writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.history.export import (
    favourites_markdown,
    idea_markdown,
    markdown_to_plain_text,
    session_markdown,
    write_export,
)
from blogideas_gui.core.history.store import Expansion, Favourite, Session
from blogideas_gui.core.writing.ideas import Idea
from blogideas_gui.core.writing.prompts import IdeaRequest

STAMP = "2025-03-04T05:06:07+00:00"


def session(status: str = "finished", markdown: str = "## 1. Latte art\n\nMilk foam") -> Session:
    return Session(
        id=7,
        created_at=STAMP,
        updated_at=STAMP,
        request=IdeaRequest("Home coffee", 1, "en"),
        backend="local",
        model="SmolLM2",
        status=status,  # type: ignore[arg-type]
        markdown=markdown,
        ideas=[Idea("Latte art", "Milk foam")],
        error="The server had a problem.",
    )


def test_idea_markdown() -> None:
    idea = Idea("Latte art", "Milk foam at home", ["Milk", "Pitcher"])
    assert idea_markdown(idea) == "## Latte art\n\nMilk foam at home\n\n- Milk\n- Pitcher"
    assert idea_markdown(Idea("Bare"), level=3) == "### Bare"


def test_session_markdown_keeps_the_answer_and_adds_expansions() -> None:
    outline = Expansion(1, 7, 0, "outline", "finished", "- Intro\n- Steps", "", STAMP, STAMP)
    empty = Expansion(2, 7, 0, "draft", "failed", "", "", STAMP, STAMP)
    text = session_markdown(session(), [outline, empty], language="en")
    assert text.startswith("# Home coffee\n\n_2025-03-0")
    assert "SmolLM2" in text
    assert "## 1. Latte art\n\nMilk foam" in text
    assert "## Outline: Latte art\n\n- Intro\n- Steps\n" in text
    assert "Draft" not in text  # an empty expansion adds nothing
    assert ">" not in text  # a finished session needs no note


@pytest.mark.parametrize(
    ("status", "english", "korean"),
    [
        ("interrupted", "cut off", "중단"),
        ("failed", "The server had a problem.", "실패"),
        ("stopped", "stopped", "멈췄"),
    ],
)
def test_session_markdown_says_when_it_did_not_end_normally(
    status: str, english: str, korean: str
) -> None:
    assert english in session_markdown(session(status), language="en")
    assert korean in session_markdown(session(status), language="ko")


def test_favourites_markdown_says_where_each_idea_came_from() -> None:
    favourite = Favourite(7, 0, "Home coffee", STAMP, STAMP, Idea("Latte art", "Foam", ["Milk"]))
    english = favourites_markdown([favourite], language="en")
    assert english.startswith("# Favourite ideas\n\n## Latte art\n\nFoam\n\n- Milk\n\n_From “Home")
    assert favourites_markdown([favourite], language="ko").startswith("# 즐겨찾기한 아이디어")


def test_markdown_to_plain_text() -> None:
    markdown = "\n".join(
        [
            "# 홈카페 **커피** 아이디어",
            "",
            "## 1. _Latte_ art",
            "> A `pitcher` and [a guide](https://example.com/guide).",
            "",
            "",
            "",
            "- **Milk**: whole milk",
            "  * nested ~~bad~~ point",
            "1. First step",
            "---",
            "| Tool | Price |",
            "|------|------:|",
            "| Pitcher | 10\\* |",
            "```",
            "# not a heading",
            "```",
            "![cup](cup.png) snake_case_name stays",
        ]
    )
    assert markdown_to_plain_text(markdown) == "\n".join(
        [
            "홈카페 커피 아이디어",
            "",
            "1. Latte art",
            "A pitcher and a guide (https://example.com/guide).",
            "",
            "• Milk: whole milk",
            "  • nested bad point",
            "1. First step",
            "",
            "Tool\tPrice",
            "Pitcher\t10*",
            "# not a heading",
            "cup snake_case_name stays",
            "",
        ]
    )


def test_write_export_writes_whole_files(tmp_path: Path) -> None:
    target = tmp_path / "ideas.md"
    target.write_text("old", encoding="utf-8")
    write_export(target, "# 새 아이디어\n", replace=True)
    assert target.read_text(encoding="utf-8") == "# 새 아이디어\n"
    left = [path.name for path in tmp_path.iterdir() if path.name != "home"]  # the app's folders
    assert left == ["ideas.md"]  # no temporary left


@pytest.mark.parametrize(
    ("where", "kind"),
    [("missing/ideas.md", ErrorKind.EXPORT_FAILED), (".", ErrorKind.EXPORT_NOT_A_FILE)],
)
def test_write_export_says_plainly_when_it_cannot_write(
    tmp_path: Path, where: str, kind: ErrorKind
) -> None:
    target = tmp_path / where
    with pytest.raises(BlogIdeasError) as caught:
        write_export(target, "text", replace=True)
    assert caught.value.kind is kind
    assert str(target) in caught.value.message("en")
    assert "Traceback" not in caught.value.message("en")
