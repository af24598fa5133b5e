"""The window's generation job: a request's events, each kind on a typed signal of its own.

It runs on the window's long-lived generation thread
(:class:`~blogideas_gui.ui.common.worker.WorkerThread`, for llama.cpp's
OpenMP team). The routing happens once, here, where the events are made, so
the window connects one slot per kind and never sorts what arrives.
"""

from __future__ import annotations

from PySide6.QtCore import Signal

from blogideas_gui.core.backends.base import TextDelta
from blogideas_gui.core.generation.runner import GenerationResult, Phase, PhaseChanged
from blogideas_gui.ui.common.worker import GeneratorWorker


class GenerationWorker(GeneratorWorker):
    """Runs a request's events and reports each kind on its own signal.

    Signals:
        phase_changed(Phase): the request moved on (loading, waiting, writing).
        text_arrived(str, int): more of the answer, and how many pieces it joins.
        part_arrived(int, str, int): more of one idea written side by side with
            the others (its place from 0), and how many pieces it joins.
        result_ready(GenerationResult): the request ended (finished, or stopped).
    """

    phase_changed = Signal(Phase)
    text_arrived = Signal(str, int)
    part_arrived = Signal(int, str, int)
    result_ready = Signal(GenerationResult)

    def deliver(self, item: object) -> None:
        """Route one generation event to its signal."""
        if isinstance(item, TextDelta) and item.part is not None:
            self.part_arrived.emit(item.part, item.text, item.pieces)
        elif isinstance(item, TextDelta):
            self.text_arrived.emit(item.text, item.pieces)
        elif isinstance(item, PhaseChanged):
            self.phase_changed.emit(item.phase)
        elif isinstance(item, GenerationResult):
            self.result_ready.emit(item)
