"""A request running: the generation thread, the worker's signals, stop and close.

The request itself is prepared by the window through core's one pipeline;
here it runs on the long-lived generation thread (:mod:`blogideas_gui.ui.common.worker`),
so the window never freezes. The worker's typed signals carry the stream
to the answer panel and the status line as it comes, and the run's start and
end go through the session model, whose listeners redraw the rest: the
buttons, the history list, the cards as saved.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject

from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import user_message
from blogideas_gui.core.generation.runner import GenerationResult
from blogideas_gui.core.pipeline.pipeline import Pipeline, Prepared
from blogideas_gui.ui.common.worker import WorkerHandle, WorkerThread
from blogideas_gui.ui.window.answer_panel import AnswerPanel
from blogideas_gui.ui.window.generation_worker import GenerationWorker
from blogideas_gui.ui.window.history_sidebar import HistorySidebar
from blogideas_gui.ui.window.session_model import SessionModel
from blogideas_gui.ui.window.status_line import StatusLine

log = logging.getLogger(__name__)


class GenerationRun(QObject):
    """Runs one request at a time and routes what it writes.

    Args:
        pipeline: runs a prepared request (and records it as it streams).
        session: the window's session model: told when a request starts and ends.
        answer: where the text streams.
        status: counts the pieces and shows the phase.
        sidebar: the history entry being written counts its ideas so far.
        ended: called when a request has ended (backends dropped meanwhile close).
        parent: the window.
    """

    def __init__(
        self,
        pipeline: Pipeline,
        session: SessionModel,
        answer: AnswerPanel,
        status: StatusLine,
        sidebar: HistorySidebar,
        ended: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._pipeline = pipeline
        self._session = session
        self._answer = answer
        self._status = status
        self._sidebar = sidebar
        self._ended = ended
        self._thread = WorkerThread("generation")
        self._job: WorkerHandle | None = None
        self._closed = False
        answer.markdown.appended.connect(self._count_ideas)  # after the cards follow it

    def run(self, prepared: Prepared) -> None:
        """Run ``prepared``: a new session's ideas, or an expansion of the shown one."""
        cancel = CancelToken()
        pipeline = self._pipeline
        worker = GenerationWorker(lambda: pipeline.run(prepared, cancel), cancel)
        worker.phase_changed.connect(self._status.set_phase)
        worker.text_arrived.connect(self._on_text)
        worker.part_arrived.connect(self._on_part)
        worker.result_ready.connect(self._on_result)
        worker.failed.connect(self._on_failed)
        worker.finished.connect(self._on_finished)
        self._job = self._thread.submit(worker)
        if prepared.expansion_id is not None:
            self._session.start_expansion()
        else:
            assert prepared.session_id is not None  # the window always records
            self._session.start_request(prepared.session_id)
        self._job.start()

    def stop(self) -> None:
        """Ask the running request to stop; the answer so far stays."""
        if self._job is not None:
            self._job.abort()
            self._session.tell(self.tr("Stopping…"))

    def _count_ideas(self, _piece: str) -> None:
        """The history entry of the answer being written counts the cards on screen."""
        shown = self._session.shown
        if shown is not None and self._session.busy and not self._session.expanding:
            self._sidebar.show_progress(shown.id, self._answer.ideas_begun)

    def _on_text(self, text: str, pieces: int) -> None:
        if self._closed:
            return
        self._status.count_pieces(pieces)
        self._answer.markdown.append_markdown(text)

    def _on_part(self, part: int, text: str, pieces: int) -> None:
        if self._closed:
            return
        self._status.count_pieces(pieces)
        shown = self._session.shown
        self._answer.add_to_part(part, text, shown.request.count if shown else part + 1)
        self._count_ideas(text)

    def _on_result(self, result: GenerationResult) -> None:
        if not self._closed:
            self._session.finish(result)

    def _on_failed(self, error: Exception) -> None:
        if self._closed:
            return
        self._session.warn(user_message(error))
        self._session.tell(self.tr("Stopped by an error."))

    def _on_finished(self) -> None:
        if self._closed:
            return  # signals queued before close arrive after it; the store is gone
        if self._job is not None:
            self._job.join()
        self._job = None
        self._ended()
        self._session.end()

    def close(self, wait_ms: int) -> None:
        """Stop any running request and wait for it and the thread (at most ``wait_ms`` each)."""
        self._closed = True
        if self._job is not None and not self._job.wait(wait_ms):
            log.warning("generation still running at close")
        self._job = None
        self._session.close()
        if not self._thread.stop(wait_ms):
            log.warning("generation thread still running at close")
