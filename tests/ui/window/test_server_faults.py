"""The real window after a server's answer that is no answer: one plain line, the text kept.

The window is driven as a user drives it (the server chosen in the form, a
topic typed, Generate clicked) against a loopback server that answers as a
proxy's error page or a server that breaks off mid-answer would.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from blogideas_gui.core.backends.base import GenerationOptions
from blogideas_gui.core.backends.local import LocalBackend
from blogideas_gui.core.history.store import HistoryStore
from blogideas_gui.ui.window.main_window import MainWindow
from tests.support.openai_error_server import Reply, openai_script_server
from tests.ui.window.test_main_window import make_window

PAGE = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
PIECES = ["## 1. Morning pour-over\n\n", "A calm start with good beans.\n\n", "- Grind"]


def generate_against(qtbot: QtBot, window: MainWindow, url: str) -> str:
    """Generate through the server at ``url``; the line the form shows afterwards."""
    window.form.backend.setCurrentIndex(window.form.backend.findData("openai"))
    window.form.server.setText(url)
    window.form.server_model_name.setText("gpt-4o-mini")
    qtbot.keyClicks(window.form.topic, "home coffee")
    qtbot.mouseClick(window.form.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.is_generating, timeout=30_000)
    return window.form.message.text()


@pytest.mark.parametrize(
    ("reply", "says", "kept"),
    [
        (Reply(raw=PAGE), "web page (“502 Bad Gateway”)", ""),
        (Reply(sse=PIECES, ending="cut"), "stopped in the middle of its answer", "Morning"),
        (Reply(sse=PIECES, ending="garbage"), "not JSON", "Morning"),
    ],
    ids=["html-200", "connection-dropped", "not-json-line"],
)
def test_the_window_says_what_the_server_did_and_keeps_what_arrived(
    qtbot: QtBot, local_backend: LocalBackend, reply: Reply, says: str, kept: str
) -> None:
    window = make_window(qtbot, local_backend, GenerationOptions(max_tokens=60, seed=1))
    with openai_script_server([reply]) as (url, _seen):
        message = generate_against(qtbot, window, url)
    assert says in message and "\n" not in message
    for wrong in ("Cannot reach", "internet", "unexpected"):
        assert wrong not in message
    assert kept in window.answer.markdown.markdown()
    with HistoryStore() as store:
        (summary,) = store.list_sessions()
    assert summary.status == "failed"
    assert window.status.text.text() == "Stopped by an error."
