"""What the real window shows before anything is asked: the spending line and the answer language."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from blogideas_gui.core.common.language import use_language
from blogideas_gui.core.settings.preferences import Settings
from blogideas_gui.ui.window.main_window import MainWindow
from tests.conftest import free_port


def open_window(qtbot: QtBot, settings: Settings | None = None) -> MainWindow:
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_monthly_budget_shows_only_for_openai_itself(qtbot: QtBot) -> None:
    window = open_window(qtbot, Settings(monthly_budget_usd=10.0))
    spending = window.status.spending
    assert spending.text() == "Free on this computer"
    form = window.form
    form.backend.setCurrentIndex(form.backend.findData("openai"))
    assert spending.text() == "This month: $0.00 of $10.00"  # no address: OpenAI itself
    another = f"http://127.0.0.1:{free_port()}/v1"
    qtbot.keyClicks(form.server, another)
    assert spending.text() == ""  # another server: OpenAI's budget does not apply
    form.server.clear()
    qtbot.keyClicks(form.server, "https://api.openai.com/v1")
    assert spending.text() == "This month: $0.00 of $10.00"
    form.server.clear()
    qtbot.keyClicks(form.server, "https://api.openai.com.example/v1")  # a look-alike is not it
    assert spending.text() == ""


def test_a_saved_other_server_opens_without_the_budget(qtbot: QtBot) -> None:
    server = f"http://127.0.0.1:{free_port()}/v1"
    window = open_window(qtbot, Settings(backend="openai", openai_base_url=server))
    assert window.form.server.text() == server
    assert window.status.spending.text() == ""


@pytest.mark.parametrize(("system", "answers"), [("en_US.UTF-8", "en"), ("ko_KR.UTF-8", "ko")])
def test_answers_default_to_the_system_language(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, system: str, answers: str
) -> None:
    for name in ("BLOGIDEAS_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", system)
    use_language(None)  # nothing chosen: the system's language, as on a first start
    window = open_window(qtbot)
    assert window.form.language.currentData() == answers
    assert window.collect_settings().output_language == answers
