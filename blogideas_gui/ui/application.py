"""Start the Qt application: settings in, the main window up, settings out."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

from PySide6.QtWidgets import QApplication

from blogideas_gui.core.errors import BlogIdeasError
from blogideas_gui.core.settings import load_settings, save_settings


def run_gui(args: Sequence[str]) -> int:
    """Open the window and run until it closes; 0 on a normal close.

    A damaged settings file was already set aside by :func:`load_settings`;
    the window says so once. Settings are saved when the window closes.
    """
    app = QApplication.instance() or QApplication(["blogideas", *args])
    app.setApplicationName("BlogIdeas")
    from blogideas_gui.ui.main_window import MainWindow

    loaded = load_settings()
    window = MainWindow(settings=loaded.settings)
    if loaded.notice is not None:
        window.message.setText(loaded.notice.message())
    window.show()
    app.exec()
    # A full disk cannot keep the settings; the work itself is already in history.
    with contextlib.suppress(BlogIdeasError):
        save_settings(window.collect_settings())
    return 0
