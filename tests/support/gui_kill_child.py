"""A real BlogIdeas window generating offscreen, to be killed by a test.

Each time the answer view renders, the text it shows is written to the file
named on the command line, so the test knows what the user had seen when
the process died.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from blogideas_gui.core.backends.base import GenerationOptions
from blogideas_gui.ui.window.main_window import MainWindow


def main() -> None:
    shown_file = Path(sys.argv[1])
    app = QApplication([])
    window = MainWindow(language="en", options=GenerationOptions(max_tokens=3000, seed=4))
    view = window.answer.markdown

    def report() -> None:
        temporary = shown_file.with_suffix(".tmp")
        temporary.write_text(view.markdown(), encoding="utf-8")
        os.replace(temporary, shown_file)

    # The view's document changes when it renders: what was shown is on disk at once.
    view.document().contentsChanged.connect(report)
    window.form.topic.setPlainText("a long guide to baking bread at home")
    window.show()
    window.start_generation()
    app.exec()


if __name__ == "__main__":
    main()
