"""Start the Qt application and show the main window."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QApplication


def run_gui(args: Sequence[str]) -> int:
    """Open the window and run until it closes; 0 on a normal close."""
    app = QApplication.instance() or QApplication(["blogideas", *args])
    app.setApplicationName("BlogIdeas")
    from blogideas_gui.ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    app.exec()
    return 0
