"""The window's model manager: one dialog, opened on demand, whose choices go to the engine choice.

The dialog pulls in the downloader (and huggingface_hub), so it is imported
and made only when first opened, then kept while the window lives so a
download goes on behind it. What the user chooses there (a model file, load
settings, a removed model) changes the window's
:class:`~blogideas_gui.ui.window.engine_choice.EngineChoice`, which the views listen to.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from blogideas_gui.core.common.language import Language
from blogideas_gui.ui.window.engine_choice import EngineChoice

if TYPE_CHECKING:
    from blogideas_gui.ui.models.model_manager import ModelManagerDialog


class ModelManagerLink(QObject):
    """Opens the model manager over ``window`` and passes its choices to ``engine``.

    Args:
        window: the dialog's parent.
        engine: what the dialog's choices change.
        language: the answer language chosen now (the dialog recommends for it).
    """

    def __init__(
        self, window: QWidget, engine: EngineChoice, language: Callable[[], Language]
    ) -> None:
        super().__init__(window)
        self._window = window
        self._engine = engine
        self._language = language
        self._dialog: ModelManagerDialog | None = None

    def open(self) -> ModelManagerDialog:
        """Show the model manager (one, kept while the window lives)."""
        if self._dialog is None:
            # Imported on first use: the downloader pulls in huggingface_hub.
            from blogideas_gui.ui.models.model_manager import ModelManagerDialog

            engine = self._engine
            dialog = ModelManagerDialog(
                self._window, language=self._language(), settings=engine.local_settings
            )
            dialog.model_chosen.connect(engine.use_local_model_file)
            dialog.model_removed.connect(engine.forget_local_model_file)
            dialog.local_settings_changed.connect(engine.set_local_settings)
            self._dialog = dialog
        self._dialog.show()
        self._dialog.raise_()
        return self._dialog

    def get(self, entry_id: str) -> None:
        """Download a catalog model in the model manager (the language notice's button)."""
        self.open().download(entry_id)

    def close(self) -> None:
        """Close the dialog, if it was ever opened (the window is closing)."""
        if self._dialog is not None:
            self._dialog.close()
