"""``blogideas history list|show|export`` through the real ``blogideas`` parser."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from blogideas_gui.cli.history import run_history
from blogideas_gui.cli.main import build_parser
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.history.store import HistoryStore
from blogideas_gui.core.writing.ideas import Idea
from blogideas_gui.core.writing.prompts import IdeaRequest


@pytest.fixture
def ids(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Two sessions in the default store under ``BLOGIDEAS_HOME``: coffee, then tea."""
    monkeypatch.setenv("BLOGIDEAS_HOME", str(tmp_path))
    made = []
    with HistoryStore() as store:
        for topic, title in (("홈카페 커피", "라떼 아트"), ("Tea at work", "Green tea")):
            request = IdeaRequest(topic, 1, "en")
            session_id = store.start(request, "local", "SmolLM2")
            markdown = f"## 1. {title}\n\nA hook"
            store.finish(
                session_id, markdown, [Idea(title, "A hook")], prompt_tokens=5,
                completion_tokens=6, seconds=1.0,
            )  # fmt: skip
            made.append(session_id)
        store.set_favourite(made[0], 0, True)
    yield made


def run(*argv: str) -> int:
    return run_history(build_parser().parse_args(["history", *argv]))


def test_list(ids: list[int], capsys: pytest.CaptureFixture[str]) -> None:
    assert run("list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == [str(ids[1]), str(ids[0])]
    assert lines[1].endswith("홈카페 커피") and "finished" in lines[1]


def test_list_json_and_search(ids: list[int], capsys: pytest.CaptureFixture[str]) -> None:
    assert run("list", "--json", "--search", "라떼") == 0
    [found] = json.loads(capsys.readouterr().out)
    assert (found["id"], found["topic"], found["idea_count"]) == (ids[0], "홈카페 커피", 1)


def test_show_markdown_and_json(ids: list[int], capsys: pytest.CaptureFixture[str]) -> None:
    assert run("show", str(ids[1])) == 0
    shown = capsys.readouterr().out
    assert shown.startswith("# Tea at work\n") and "## 1. Green tea" in shown
    assert run("show", str(ids[0]), "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "finished"
    assert data["ideas"] == [
        {"title": "라떼 아트", "hook": "A hook", "outline": [], "favourite": True}
    ]


def test_export(ids: list[int], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "coffee.md"
    assert run("export", str(ids[0]), str(target)) == 0
    assert capsys.readouterr().out.strip() == str(target)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# 홈카페 커피\n") and "## 1. 라떼 아트" in text


@pytest.mark.parametrize(
    "argv",
    [["show", "999"], ["show", "abc"], ["show", "0"], ["export", "999", "out.md"]],
)
def test_unknown_ids_are_plain_usage_errors(ids: list[int], argv: list[str]) -> None:
    with pytest.raises(BlogIdeasError) as caught:
        run(*argv)
    assert caught.value.kind is ErrorKind.HISTORY_NOT_FOUND
    assert caught.value.exit_code == 2
    assert "blogideas history list" in caught.value.message("en")


def test_export_to_an_unwritable_path(ids: list[int], tmp_path: Path) -> None:
    with pytest.raises(BlogIdeasError) as caught:
        run("export", str(ids[0]), str(tmp_path / "no" / "such" / "folder.md"))
    assert caught.value.kind is ErrorKind.EXPORT_FAILED
    assert "folder.md" in caught.value.message("en")


def test_export_never_writes_over_the_history_itself(ids: list[int], tmp_path: Path) -> None:
    """Pointed at the app's own database it once destroyed every session."""
    database = tmp_path / "data" / "history.sqlite3"
    before = database.read_bytes()
    with pytest.raises(BlogIdeasError) as caught:
        run("export", str(ids[0]), str(database))
    assert caught.value.kind is ErrorKind.EXPORT_OWN_FILE
    with pytest.raises(BlogIdeasError):
        run("export", str(ids[0]), str(database), "--force")
    assert database.read_bytes() == before
    with HistoryStore() as store:
        assert len(store.list_sessions()) == 2
    assert "BlogIdeas keeps its history" in caught.value.message("en")
    assert "기록·설정·모델" in caught.value.message("ko")


def test_export_refuses_links_and_devices(ids: list[int], tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("mine", encoding="utf-8")
    link = tmp_path / "ideas.md"
    link.symlink_to(precious)
    for target in (link, Path("/dev/null")):
        with pytest.raises(BlogIdeasError) as caught:
            run("export", str(ids[0]), str(target), "--force")
        assert caught.value.kind is ErrorKind.EXPORT_NOT_A_FILE
    assert precious.read_text(encoding="utf-8") == "mine" and link.is_symlink()


def test_export_replaces_a_file_only_with_force(
    ids: list[int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out" / "ideas.md"
    target.parent.mkdir()
    target.write_text("my notes", encoding="utf-8")
    with pytest.raises(BlogIdeasError) as caught:
        run("export", str(ids[0]), str(target))
    assert caught.value.kind is ErrorKind.EXPORT_EXISTS and caught.value.exit_code == 2
    assert "--force" in caught.value.message("en")
    assert target.read_text(encoding="utf-8") == "my notes"
    assert run("export", str(ids[0]), str(target), "--force") == 0
    assert "라떼 아트" in target.read_text(encoding="utf-8")
    assert [path.name for path in target.parent.iterdir()] == ["ideas.md"]  # no temporary left
    fresh = tmp_path / "out" / "new.md"
    assert run("export", str(ids[1]), str(fresh)) == 0
    assert "Green tea" in fresh.read_text(encoding="utf-8")
    assert capsys.readouterr().out.splitlines() == [str(target), str(fresh)]
