"""Start the Qt application: settings, history and ledger in, the main window up, settings out.

The application owns what outlives a window (the history store, the month's
ledger, the settings) and hands them to each window it builds, so a window
rebuilt in another interface language works on the same ones, starting from
the old window's session model (its session shown, its topic typed so far).

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
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication

from blogideas_gui.core.account.budget import Ledger
from blogideas_gui.core.common.errors import BlogIdeasError
from blogideas_gui.core.common.menu_entry import folder_build
from blogideas_gui.core.history.store import HistoryStore
from blogideas_gui.core.settings.preferences import Settings, load_settings, save_settings
from blogideas_gui.ui.common.i18n import install_translator, interface_language

if TYPE_CHECKING:
    from blogideas_gui.ui.window.main_window import MainWindow

HANGUL_FAMILIES = ("Malgun Gothic", "Apple SD Gothic Neo", "Noto Sans CJK KR")


def name_hangul_fonts(app: QApplication) -> None:
    """Make the application font the platform's default, then the Korean faces."""
    font = app.font()
    default = font.families() or [font.family()]
    font.setFamilies([*default, *(name for name in HANGUL_FAMILIES if name not in default)])
    app.setFont(font)


class Application:
    """The running app: the history and the ledger, and one main window rebuilt per language.

    Args:
        app: the Qt application.
        folder: the unpacked folder build it runs from (it offers to join the
            applications menu); None for any other install.
    """

    def __init__(self, app: QApplication, folder: Path | None = None) -> None:
        self.app = app
        self.folder = folder
        name_hangul_fonts(app)
        loaded = load_settings()
        install_translator(app, interface_language(loaded.settings.ui_language))
        self.store = HistoryStore()
        self.ledger = Ledger()
        self.window = self._new_window(loaded.settings)
        self.window.show()
        if not loaded.settings.first_run_done:
            QTimer.singleShot(0, self.window.open_guide)

    def _new_window(self, settings: Settings) -> MainWindow:
        from blogideas_gui.ui.window.main_window import MainWindow

        window = MainWindow(
            settings=settings, store=self.store, ledger=self.ledger, folder_build=self.folder
        )
        window.ui_language_changed.connect(self.switch_language)
        return window

    def switch_language(self, setting: str) -> None:
        """Rebuild the window in the new language, keeping the topic and the session."""
        old = self.window
        if old.session.busy:
            old.session.tell(
                QCoreApplication.translate(
                    "Application", "The new language applies after this answer."
                )
            )
            # Once the answer has ended, outside the slots still answering that.
            old.session.busy_changed.connect(
                lambda _busy: QTimer.singleShot(0, lambda: self.switch_language(setting)),
                Qt.ConnectionType.SingleShotConnection,
            )
            return
        install_translator(self.app, interface_language(setting))
        settings = old.collect_settings()
        topic, shown = old.session.topic, old.session.shown
        new = self._new_window(settings)
        if shown is not None:
            new.session.open(shown.id)
        new.session.set_topic(topic)
        new.setGeometry(old.geometry())
        self.window = new
        new.show()
        old.close()
        old.deleteLater()

    def close(self) -> None:
        """Keep the settings and close the history (the window has closed)."""
        # A full disk cannot keep the settings; the work itself is already in history.
        with contextlib.suppress(BlogIdeasError):
            save_settings(self.window.collect_settings())
        self.store.close()


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
    running.close()
    return 0
