"""The window's state has one owner: changes go through the model and are announced."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from blogideas_gui.core.history.store import HistoryStore
from blogideas_gui.core.writing.prompts import IdeaRequest
from blogideas_gui.ui.window.session_model import SessionModel


def test_opening_starring_and_deleting_are_announced(qtbot: QtBot, tmp_path: Path) -> None:
    with HistoryStore(tmp_path / "history.sqlite3") as store:
        session_id = store.start(IdeaRequest("tea", 2, "en"), "local", "SmolLM2")
        model = SessionModel(store)
        with qtbot.waitSignal(model.session_changed, timeout=1000):
            opened = model.open(session_id)
        assert opened is not None and model.session == opened
        store.fail(session_id, "The server did not answer in time.")
        with qtbot.waitSignal(model.session_changed, timeout=1000):
            model.reload()
        assert model.session is not None and model.session.status == "failed"
        with qtbot.assertNotEmitted(model.session_changed):
            model.forget(session_id + 1)  # another session: nothing changes here
        with qtbot.waitSignal(model.session_changed, timeout=1000):
            model.forget(session_id)
        assert model.session is None


def test_busy_is_announced_once_per_change(qtbot: QtBot, tmp_path: Path) -> None:
    with HistoryStore(tmp_path / "history.sqlite3") as store:
        model = SessionModel(store)
        with qtbot.waitSignal(model.busy_changed, check_params_cb=lambda busy: busy):
            model.set_busy(True)
        with qtbot.assertNotEmitted(model.busy_changed):
            model.set_busy(True)
        with qtbot.waitSignal(model.busy_changed, check_params_cb=lambda busy: not busy):
            model.set_busy(False)
        assert not model.busy
