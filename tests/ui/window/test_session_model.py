"""What the window shows has one owner: changes go through the models and the views follow.

The views here are built on their own, with no window around them: what
they show after each change comes from the session model (or the engine
choice) alone.
"""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from blogideas_gui.core.history.store import HistoryStore
from blogideas_gui.core.settings.preferences import Settings
from blogideas_gui.core.writing.prompts import IdeaRequest
from blogideas_gui.ui.window.answer_panel import AnswerPanel
from blogideas_gui.ui.window.engine_choice import EngineChoice
from blogideas_gui.ui.window.history_sidebar import HistorySidebar
from blogideas_gui.ui.window.request_form import RequestForm
from blogideas_gui.ui.window.session_model import SessionModel
from blogideas_gui.ui.window.status_line import StatusLine
from tests.ui.window.test_history_actions import finished_session


def test_opening_starring_and_deleting_are_announced(qtbot: QtBot, tmp_path: Path) -> None:
    with HistoryStore(tmp_path / "history.sqlite3") as store:
        session_id = store.start(IdeaRequest("tea", 2, "en"), "local", "SmolLM2")
        model = SessionModel(store)
        with qtbot.waitSignal(model.session_changed, timeout=1000):
            opened = model.open(session_id)
        assert opened is not None and model.shown == opened
        with qtbot.waitSignal(model.session_updated, timeout=1000):
            model.star(0, True)
        assert model.shown is not None and model.shown.favourites == frozenset({0})
        with (
            qtbot.assertNotEmitted(model.session_changed),
            qtbot.waitSignal(model.history_changed, timeout=1000),
        ):
            model.delete(session_id + 1)  # another session: what is shown stays
        with qtbot.waitSignals([model.session_changed, model.history_changed], timeout=1000):
            model.delete(session_id)
        assert model.shown is None and store.get(session_id) is None


def test_busy_is_announced_once_per_change(qtbot: QtBot, tmp_path: Path) -> None:
    with HistoryStore(tmp_path / "history.sqlite3") as store:
        session_id = store.start(IdeaRequest("tea", 2, "en"), "local", "SmolLM2")
        model = SessionModel(store)
        with qtbot.waitSignal(model.busy_changed, check_params_cb=lambda busy: busy):
            model.start_request(session_id)
        assert model.shown is not None and not model.expanding
        with qtbot.assertNotEmitted(model.busy_changed):
            model.start_expansion()  # already busy: said once
        with qtbot.waitSignal(model.busy_changed, check_params_cb=lambda busy: not busy):
            model.end()
        assert not model.busy


def test_the_views_draw_themselves_from_the_session_model_alone(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with HistoryStore(tmp_path / "history.sqlite3") as store:
        first = finished_session(store, "home coffee brewing")
        second = finished_session(store, "autumn hiking")
        session = SessionModel(store)
        answer, sidebar, status = AnswerPanel(), HistorySidebar(store), StatusLine()
        form = RequestForm("en")
        for view in (answer, sidebar, status, form):
            qtbot.addWidget(view)
        answer.watch(session)
        sidebar.watch(session)
        status.watch(session)
        form.watch(session, EngineChoice(Settings()))
        assert sidebar.current_id() is None and not form.copy_button.isEnabled()

        session.open(first)
        assert sidebar.current_id() == first
        assert len(answer.cards.cards) == 5 and answer.stack.currentWidget() is answer.cards
        assert "Coffee with lemon" in answer.markdown.toPlainText()
        assert status.text.text().startswith("Opened a session from")
        assert (
            form.topic.toPlainText() == "home coffee brewing"
            and session.topic == form.topic.toPlainText()
        )
        assert form.copy_button.isEnabled() and form.generate_button.isEnabled()

        session.star(1, True)
        session.show_favourites()
        assert answer.cards.cards == []
        assert "Coffee with lemon" in answer.markdown.toPlainText()
        assert "DIY coffee brewing" not in answer.markdown.toPlainText()

        session.delete(second)  # not the one shown: only the list changes
        assert sidebar.sessions.count() == 1
        session.open(first)
        session.start_expansion()
        assert not form.generate_button.isEnabled() and form.stop_button.isEnabled()
        session.end()
        session.delete(first)
        assert sidebar.sessions.count() == 0 and answer.markdown.markdown() == ""
        assert not form.copy_button.isEnabled() and form.generate_button.isEnabled()


def test_the_engine_picker_shows_the_engine_choice_and_changes_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    engine = EngineChoice(Settings(backend="openai", openai_base_url="http://127.0.0.1:9/v1"))
    form = RequestForm("en")
    qtbot.addWidget(form)
    with HistoryStore(tmp_path / "history.sqlite3") as store:
        form.watch(SessionModel(store), engine)
        assert form.backend.currentData() == "openai"
        assert form.server.text() == "http://127.0.0.1:9/v1"
        engine.use_local_model_file(None)
        assert form.backend.currentData() == "local" and "built-in starter" in form.hint.text()
        form.backend.setCurrentIndex(form.backend.findData("openai"))
        assert engine.backend == "openai" and engine.settings.backend == "openai"
