"""Which engine writes, in one owner: the settings, the backend chosen, the local model file.

The engine picker, the hint under it, the language notice and the status
line's spending all show this choice, and the guide, the settings window and
the model manager change it. Kept here rather than in the picker or on the
window, each of them reads one object and listens to its signals, and the
backends kept loaded are dropped when what they were loaded with changes.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QObject, Signal

from blogideas_gui.core.models.installed import InstalledModel, find_installed
from blogideas_gui.core.settings.local_settings import LocalSettings
from blogideas_gui.core.settings.preferences import Settings


class EngineChoice(QObject):
    """The settings in use and the engine they choose.

    Args:
        settings: the settings to start with; their local model is looked up
            among the installed ones.
        parent: the window that owns it.

    Signals:
        backend_changed(str): "local" or "openai" was chosen.
        local_model_changed(): another model file runs on this computer.
        local_settings_changed(): the local model is to load with other settings.
        settings_changed(): new settings (from the guide or the settings window).
    """

    backend_changed = Signal(str)
    local_model_changed = Signal()
    local_settings_changed = Signal()
    settings_changed = Signal()

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._backend = settings.backend
        self._local_settings = settings.local_settings()
        self._local_model_file = self._installed(settings)

    @staticmethod
    def _installed(settings: Settings) -> InstalledModel | None:
        if not settings.local_model or settings.backend != "local":
            return None
        model = find_installed(settings.local_model)
        return None if model is None or model.source == "bundled" else model

    @property
    def settings(self) -> Settings:
        """The settings in use, with this choice's local model and load settings."""
        return dataclasses.replace(
            self._settings.with_local(self._local_settings),
            backend=self._backend,
            local_model="" if self._local_model_file is None else self._local_model_file.id,
        )

    @property
    def backend(self) -> str:
        """The backend chosen: "local" or "openai"."""
        return self._backend

    @property
    def local_model_file(self) -> InstalledModel | None:
        """The model file run on this computer; None for the built-in starter."""
        return self._local_model_file

    @property
    def local_settings(self) -> LocalSettings:
        """How the local model is loaded."""
        return self._local_settings

    def set_backend(self, backend: str) -> None:
        """Write with ``backend`` ("local" or "openai") from the next request on."""
        if backend != self._backend:
            self._backend = backend
            self.backend_changed.emit(backend)

    def use_local_model_file(self, model: InstalledModel | None) -> None:
        """Write on this computer with ``model`` (``None`` or the bundled one: the starter)."""
        self._local_model_file = None if model is None or model.source == "bundled" else model
        self.local_model_changed.emit()
        self.set_backend("local")

    def forget_local_model_file(self, model: InstalledModel) -> None:
        """``model`` was removed: back to the starter if it was the one in use."""
        current = self._local_model_file
        if current is not None and current.path == model.path:
            self.use_local_model_file(None)

    def set_local_settings(self, settings: LocalSettings) -> None:
        """Load the local model with ``settings`` from the next request on."""
        self._local_settings = settings
        self.local_settings_changed.emit()

    def set_settings(self, settings: Settings) -> None:
        """Use new settings: their backend, local model and load settings too."""
        before = (self._local_settings, self._local_model_file)
        self._settings = settings
        self._local_settings = settings.local_settings()
        self._local_model_file = self._installed(settings)
        self.settings_changed.emit()
        if self._local_settings != before[0]:
            self.local_settings_changed.emit()
        if self._local_model_file != before[1]:
            self.local_model_changed.emit()
        self.set_backend(settings.backend)

    def keep(self, settings: Settings) -> None:
        """Take ``settings`` as the ones in use (fields the window edits), announcing nothing."""
        self._settings = settings
