"""The topic's recent titles, read back from a real SQLite history."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from blogideas_gui.core.history.store import HistoryStore
from blogideas_gui.core.writing.ideas import Idea
from blogideas_gui.core.writing.prompts import IdeaRequest


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[HistoryStore]:
    monkeypatch.setenv("BLOGIDEAS_HOME", str(tmp_path))
    with HistoryStore(tmp_path / "history.sqlite3") as opened:
        yield opened


def _ask(store: HistoryStore, topic: str, titles: list[str], stopped: bool = False) -> None:
    request = IdeaRequest(topic, len(titles), "en")
    session = store.start(request, "local", "starter")
    ideas = [Idea(title, "hook", ["a", "b"]) for title in titles]
    store.finish(session, "", ideas, stopped=stopped)


def test_recent_titles_are_the_topics_newest_first_whatever_case_and_spaces(
    store: HistoryStore,
) -> None:
    _ask(store, "Home cafe", ["Cold brew", "Latte art"])
    _ask(store, "gardening", ["Tomatoes"])
    _ask(store, "  home  CAFE ", ["Milk frothing"], stopped=True)  # a stopped answer
    _ask(store, "홈 카페", ["원두 고르기"])
    _ask(store, "홈카페", ["드립 커피"])
    assert store.recent_titles("homecafe") == ["Milk frothing", "Cold brew", "Latte art"]
    assert store.recent_titles("Home Cafe", limit=2) == ["Milk frothing", "Cold brew"]
    _ask(store, "home cafe", [f"Idea {n}" for n in range(20)])
    assert len(store.recent_titles("home cafe")) == 20
    assert len(store.recent_titles("home cafe", None)) == 23  # all: what the angles count
    assert store.recent_titles("홈카페") == ["드립 커피", "원두 고르기"]
    assert store.recent_titles("knitting") == []


def test_a_running_ask_with_no_ideas_yet_adds_none(store: HistoryStore) -> None:
    store.start(IdeaRequest("tea", 3, "en"), "local", "starter")
    _ask(store, "tea", ["Green tea at dawn"])
    assert store.recent_titles("Tea") == ["Green tea at dawn"]
