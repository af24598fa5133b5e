"""Start the Qt application: settings in, the main window up, settings out.

Hangul is drawn in a named Korean face. Left to Qt's font fallback alone,
Windows and macOS may pick a face that lacks some syllables (boxes) or does
not match the Latin text around it, as users of other apps report; so the
application font lists, after the platform's own default, the Korean face
each system ships: Malgun Gothic (Windows), Apple SD Gothic Neo (macOS),
Noto Sans CJK KR (Linux).
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from blogideas_gui.core.common.errors import BlogIdeasError
from blogideas_gui.core.common.menu_entry import folder_build
from blogideas_gui.core.settings.preferences import load_settings, save_settings
from blogideas_gui.ui.common.i18n import install_translator, interface_language

HANGUL_FAMILIES = ("Malgun Gothic", "Apple SD Gothic Neo", "Noto Sans CJK KR")


def name_hangul_fonts(app: QApplication) -> None:
    """Make the application font the platform's default, then the Korean faces."""
    font = app.font()
    default = font.families() or [font.family()]
    font.setFamilies([*default, *(name for name in HANGUL_FAMILIES if name not in default)])
    app.setFont(font)


class Application:
    """The running app: one main window, rebuilt when the interface language changes.

    Args:
        app: the Qt application.
        folder: the unpacked folder build it runs from (it offers to join the
            applications menu); None for any other install.
    """

    def __init__(self, app: QApplication, folder: Path | None = None) -> None:
        from blogideas_gui.ui.window.main_window import MainWindow

        self.app = app
        self.folder = folder
        name_hangul_fonts(app)
        loaded = load_settings()
        install_translator(app, interface_language(loaded.settings.ui_language))
        self.window = MainWindow(settings=loaded.settings, folder_build=folder)
        self.window.ui_language_changed.connect(self.switch_language)
        self.window.show()
        if not loaded.settings.first_run_done:
            QTimer.singleShot(0, self.window.open_guide)

    def switch_language(self, setting: str) -> None:
        """Rebuild the window in the new language, keeping the topic and the session."""
        from blogideas_gui.ui.window.main_window import MainWindow

        old = self.window
        if old.is_generating:
            old.status.set_idle(
                QCoreApplication.translate(
                    "Application", "The new language applies after this answer."
                )
            )
            old.worker_done_once(lambda: self.switch_language(setting))
            return
        install_translator(self.app, interface_language(setting))
        settings = old.collect_settings()
        topic, session = old.form.topic.toPlainText(), old.model.session
        new = MainWindow(settings=settings, store=old.store, folder_build=self.folder)
        new.form.topic.setPlainText(topic)
        if session is not None:
            new.history.open_session(session.id)
            new.form.topic.setPlainText(topic)
        new.ui_language_changed.connect(self.switch_language)
        new.setGeometry(old.geometry())
        self.window = new
        new.show()
        old.keep_store_open()
        old.close()
        old.deleteLater()


def run_gui(args: Sequence[str]) -> int:
    """Open the window and run until it closes; 0 on a normal close.

    A damaged settings file was already set aside by ``load_settings``; the
    window's notice banner says so once. Settings are saved when the window closes.
    """
    app = QApplication.instance() or QApplication(["blogideas", *args])
    assert isinstance(app, QApplication)
    app.setApplicationName("BlogIdeas")
    running = Application(app, folder_build())
    app.exec()
    # A full disk cannot keep the settings; the work itself is already in history.
    with contextlib.suppress(BlogIdeasError):
        save_settings(running.window.collect_settings())
    return 0
