"""The local engine's load settings, and what this computer offers them.

A small group of spin boxes (context size, threads, GPU layers) with the
machine's memory and whether llama.cpp can offload to a GPU above them: users
of peer apps find their GPU silently unused, so the box says plainly which it
is, and why not when not. "Automatic" is the default for threads and layers.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from blogideas_gui.core.common.units import format_bytes
from blogideas_gui.core.models.machine import MachineFacts
from blogideas_gui.core.settings.local_settings import (
    MAX_CONTEXT,
    MAX_GPU_LAYERS,
    MAX_PARALLEL,
    MIN_CONTEXT,
    LocalSettings,
)


class LocalSettingsBox(QGroupBox):
    """Context size, threads, GPU layers and ideas at once, plus the machine and GPU facts.

    Signals:
        changed(LocalSettings): the new settings after any spin box moved.
    """

    changed = Signal(LocalSettings)

    def __init__(
        self, settings: LocalSettings, facts: MachineFacts, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Local engine (applies when a model is next loaded)"))
        self._facts = facts
        self.machine = QLabel(self._machine_text(), self)
        self.machine.setWordWrap(True)
        self.gpu = QLabel(self._gpu_text(), self)
        self.gpu.setWordWrap(True)
        self.context_spin = QSpinBox(self)
        self.context_spin.setRange(MIN_CONTEXT, MAX_CONTEXT)
        self.context_spin.setSingleStep(1024)
        self.context_spin.setValue(settings.n_ctx)
        self.context_spin.setToolTip(
            self.tr("How much text the model keeps in mind. Larger needs more memory.")
        )
        self.threads_spin = QSpinBox(self)
        self.threads_spin.setRange(0, max(1, os.cpu_count() or 1))
        self.threads_spin.setSpecialValueText(self.tr("Automatic"))
        self.threads_spin.setValue(settings.n_threads or 0)
        self.gpu_layers_spin = QSpinBox(self)
        self.gpu_layers_spin.setRange(-1, MAX_GPU_LAYERS)
        self.gpu_layers_spin.setSpecialValueText(self.tr("Automatic"))
        layers = settings.n_gpu_layers
        self.gpu_layers_spin.setValue(-1 if layers is None else layers)
        self.gpu_layers_spin.setEnabled(facts.gpu_offload)
        self.parallel_spin = QSpinBox(self)
        self.parallel_spin.setRange(0, MAX_PARALLEL)
        self.parallel_spin.setSpecialValueText(self.tr("Automatic"))
        self.parallel_spin.setValue(settings.parallel or 0)
        self.parallel_spin.setToolTip(
            self.tr(
                "How many ideas the model writes side by side. Automatic uses what "
                "measured fastest on this computer; 1 writes them one after another."
            )
        )

        spins = QHBoxLayout()
        for label, spin in (
            (self.tr("Context size (tokens)"), self.context_spin),
            (self.tr("Threads"), self.threads_spin),
            (self.tr("GPU layers"), self.gpu_layers_spin),
            (self.tr("Ideas at once"), self.parallel_spin),
        ):
            spins.addWidget(QLabel(label, self))
            spins.addWidget(spin)
        spins.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.machine)
        layout.addWidget(self.gpu)
        layout.addLayout(spins)
        for spin in (
            self.context_spin,
            self.threads_spin,
            self.gpu_layers_spin,
            self.parallel_spin,
        ):
            spin.valueChanged.connect(self._emit_changed)

    @property
    def settings(self) -> LocalSettings:
        """The settings as shown; "Automatic" (0 threads or ideas, -1 layers) is ``None``."""
        threads = self.threads_spin.value()
        layers = self.gpu_layers_spin.value()
        return LocalSettings(
            n_ctx=self.context_spin.value(),
            n_threads=threads or None,
            n_gpu_layers=None if layers < 0 else layers,
            parallel=self.parallel_spin.value() or None,
        )

    @Slot()
    def _emit_changed(self) -> None:
        self.changed.emit(self.settings)

    def _machine_text(self) -> str:
        return self.tr(
            "This computer: {total} memory ({available} free now), {disk} free disk space."
        ).format(
            total=format_bytes(self._facts.total_ram),
            available=format_bytes(self._facts.available_ram),
            disk=format_bytes(self._facts.free_disk),
        )

    def _gpu_text(self) -> str:
        if self._facts.gpu_offload:
            return self.tr("GPU offload: available — model layers run on the graphics card.")
        return self.tr(
            "GPU offload: not available — this build of llama.cpp has no GPU support, "
            "so models run on the processor."
        )
