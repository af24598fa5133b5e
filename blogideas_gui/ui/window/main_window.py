"""The main window: a topic in, streamed ideas out, and every session kept.

A request goes through core's one pipeline (:mod:`blogideas_gui.core.pipeline.pipeline`):
checked and recorded here, then run on the long-lived generation thread
(:mod:`blogideas_gui.ui.common.worker`), whose typed signals this window
answers, so it never freezes. Backends are kept between requests
(:class:`~blogideas_gui.core.pipeline.factory.BackendPool`), so the local
model stays loaded and llama.cpp reuses the evaluated role prompt. Each
request is recorded from the worker thread as it streams, so closing or
killing the app loses nothing already shown. What the window is about (the
session shown, the last result, a request running) lives in its
:class:`SessionModel`, which the history actions change too.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QMainWindow, QSplitter, QVBoxLayout, QWidget

from blogideas_gui.core.account.budget import Ledger
from blogideas_gui.core.backends.base import Backend, GenerationOptions
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import BlogIdeasError, user_message
from blogideas_gui.core.common.language import Language
from blogideas_gui.core.common.menu_entry import menu_entry_path
from blogideas_gui.core.common.notices import report
from blogideas_gui.core.generation.pacing import PACE_SECONDS
from blogideas_gui.core.generation.runner import GenerationResult
from blogideas_gui.core.history.store import HistoryStore
from blogideas_gui.core.models.installed import InstalledModel, find_installed
from blogideas_gui.core.pipeline.factory import BackendFactory, BackendPool, create_backend
from blogideas_gui.core.pipeline.pipeline import Pipeline, Prepared
from blogideas_gui.core.settings.local_settings import LocalSettings
from blogideas_gui.core.settings.preferences import Settings, save_settings
from blogideas_gui.core.writing.expansion import ExpansionKind, expansion_heading
from blogideas_gui.core.writing.templates import TemplateStore
from blogideas_gui.ui.common.worker import GenerationWorker, WorkerHandle, WorkerThread
from blogideas_gui.ui.window.answer_panel import AnswerPanel
from blogideas_gui.ui.window.history_actions import Dialogs, HistoryActions
from blogideas_gui.ui.window.history_sidebar import HistorySidebar
from blogideas_gui.ui.window.language_notice import LanguageNotice
from blogideas_gui.ui.window.menu_entry_offer import MenuEntryOffer
from blogideas_gui.ui.window.notice_banner import NoticeBanner
from blogideas_gui.ui.window.request_form import RequestForm
from blogideas_gui.ui.window.session_model import SessionModel
from blogideas_gui.ui.window.status_line import StatusLine

if TYPE_CHECKING:
    from blogideas_gui.ui.models.model_manager import ModelManagerDialog

log = logging.getLogger(__name__)

CLOSE_WAIT_MS = 5000


class MainWindow(QMainWindow):
    """History on the left; the request, the answer and a status line on the right.

    Args:
        backend_factory: makes a backend from (name, model, base URL); the
            real ones by default, with this window's local model and settings.
        language: the output language to start with; the settings' by default.
        options: sampling options for every request.
        store: the history; the user's by default, closed with the window.
        settings: the settings to start with.
        ledger: the month's spending.
        dialogs: the file and question dialogs the history actions open.
        folder_build: the unpacked folder build this app runs from, which
            offers once to join the applications menu; None for any other install.

    Signals:
        ui_language_changed(str): the user chose another interface language.
    """

    ui_language_changed = Signal(str)

    def __init__(
        self,
        backend_factory: BackendFactory | None = None,
        language: Language | None = None,
        options: GenerationOptions | None = None,
        store: HistoryStore | None = None,
        settings: Settings | None = None,
        ledger: Ledger | None = None,
        dialogs: Dialogs | None = None,
        folder_build: Path | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.ledger = ledger or Ledger()
        self.templates = TemplateStore()
        self.local_settings = self.settings.local_settings()
        self.local_model: InstalledModel | None = None
        self._model_manager: ModelManagerDialog | None = None
        self.backends = BackendPool(backend_factory or self._make_backend)
        self._job: WorkerHandle | None = None
        self._generation_thread = WorkerThread("generation")
        self._after_job: list[Callable[[], None]] = []
        self._closed = False
        self._expanding = False
        self._owns_store = store is None
        self.store = store or HistoryStore()
        self.pipeline = Pipeline(self.ledger, self.store, self.templates, options, PACE_SECONDS)
        self.model = SessionModel(self.store, self)
        self.setWindowTitle(self.tr("BlogIdeas — blog post ideas"))

        self.form = RequestForm(language or self.settings.answer_language(), self)
        self.language_notice = LanguageNotice(self.form, self)
        self.language_notice.get_model.connect(self.get_model)
        self.answer = AnswerPanel(self)
        self.status = StatusLine(self)
        self.sidebar = HistorySidebar(self.store, self)

        # Damaged, newer-version or unwritable files, said once (opened over them all the same).
        self.notices = NoticeBanner(self)
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.addWidget(self.notices)
        if folder_build and not self.settings.menu_entry_offered and not menu_entry_path().exists():
            offer = MenuEntryOffer(folder_build, self)
            offer.answered.connect(self._menu_entry_answered)
            column.addWidget(offer)
        column.addWidget(self.form)
        column.addWidget(self.language_notice)
        column.addWidget(self.answer, 1)
        column.addWidget(self.status)
        splitter = QSplitter(self)
        splitter.addWidget(self.sidebar)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([230, 700])
        self.setCentralWidget(splitter)
        self.resize(980, 700)

        self.history = HistoryActions(
            self, self.model, self.store, self.form, self.answer, self.sidebar, self.status,
            dialogs or Dialogs(),
        )  # fmt: skip
        models_menu = self.menuBar().addMenu(self.tr("&Models"))
        self.model_manager_action = models_menu.addAction(self.tr("Model manager…"))
        self.model_manager_action.triggered.connect(self.open_model_manager)
        settings_menu = self.menuBar().addMenu(self.tr("&Settings"))
        settings_menu.addAction(self.tr("Settings…"), self.open_settings)
        settings_menu.addAction(self.tr("First-run guide…"), self.open_guide)
        settings_menu.addAction(self.tr("Presets and role prompt…"), self.open_presets)
        self.form.generate_requested.connect(self.start_generation)
        self.form.stop_requested.connect(self.stop_generation)
        self.answer.cards.expand_requested.connect(self.expand_idea)
        self.answer.markdown.appended.connect(self._count_ideas)  # after the cards follow it
        self.model.session_changed.connect(self._update_buttons)
        self.model.busy_changed.connect(self._update_buttons)
        self._apply_settings()
        self.form.backend.currentIndexChanged.connect(self._update_spending)
        self.form.server.textChanged.connect(self._update_spending)
        self._update_buttons()
        self.form.topic.setFocus()  # the window opens ready to type a topic

    # -- settings -------------------------------------------------------------

    def _apply_settings(self) -> None:
        """Fill the form and the local model from :attr:`settings`."""
        settings = self.settings
        self.form.backend.setCurrentIndex(max(0, self.form.backend.findData(settings.backend)))
        self.form.server.setText(settings.openai_base_url)
        self.form.model_name.setText(settings.openai_model)
        if settings.local_model:
            model = find_installed(settings.local_model)
            if model is not None and settings.backend == "local":
                self.use_local_model(model)
        self._update_spending()

    def collect_settings(self) -> Settings:
        """The settings as the window stands now, to be saved."""
        self.form.composition.commit()
        backend = self.form.backend.currentData()
        self.settings = dataclasses.replace(
            self.settings.with_local(self.local_settings),
            output_language=self.form.language.currentData(),
            backend=backend,
            openai_base_url=self.form.server.text().strip(),
            openai_model=self.form.model_name.text().strip() or self.settings.openai_model,
            local_model="" if self.local_model is None else self.local_model.id,
        )
        return self.settings

    def open_settings(self) -> QDialog:
        """The settings window; OK applies and keeps its choices."""
        from blogideas_gui.ui.settings.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.collect_settings(), self, ledger=self.ledger)
        dialog.settings_changed.connect(self.apply_settings)
        dialog.rerun_guide.connect(self.open_guide)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_presets(self) -> QDialog:
        """Named presets (platform, tone, readers, length) and the role prompt."""
        from blogideas_gui.ui.settings.presets_dialog import PresetsDialog

        dialog = PresetsDialog(
            self, store=self.form.presets, templates=self.templates,
            language=self.form.language.currentData(),
        )  # fmt: skip
        dialog.presets_changed.connect(self.form.reload_presets)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_guide(self) -> QDialog:
        """The first-run guide: free and local, OpenAI, or another server."""
        from blogideas_gui.ui.guide.first_run import FirstRunGuide

        guide = FirstRunGuide(self.collect_settings(), self)
        guide.finished_with.connect(self.apply_settings)
        guide.open_model_manager.connect(self.open_model_manager)
        guide.finished.connect(lambda _code: self.form.topic.setFocus())  # however it closed
        guide.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        guide.open()
        return guide

    def apply_settings(self, settings: Settings) -> None:
        """Use new settings from the guide or the settings window, and save them."""
        language_changed = settings.ui_language != self.settings.ui_language
        self.settings = settings
        self._apply_settings()
        self.backends.forget("openai", busy=self.is_generating)
        try:
            save_settings(settings)
        except BlogIdeasError as error:
            # The settings stay in use for this session; the banner says they were not kept.
            report(error)
        if language_changed:
            self.ui_language_changed.emit(settings.ui_language)

    def _menu_entry_answered(self) -> None:
        """Keep the answer to the menu offer, which is never made again (the model stays loaded)."""
        self.settings.menu_entry_offered = True
        try:
            save_settings(self.collect_settings())
        except BlogIdeasError as error:
            report(error)

    def _update_spending(self) -> None:
        backend, server = self.form.backend.currentData(), self.form.server.text().strip()
        self.status.show_spending(backend, server, self.ledger, self.settings.monthly_budget_usd)

    # -- state ----------------------------------------------------------------

    @property
    def is_generating(self) -> bool:
        """Whether a request is running."""
        return self.model.busy

    def _update_buttons(self) -> None:
        self.form.set_busy(self.model.busy, bool(self.answer.markdown.markdown()))

    def _make_backend(self, name: str, model: str | None, base_url: str | None) -> Backend:
        """The real backends, the local one loaded with this window's settings."""
        display = self.local_model.name if self.local_model is not None else None
        return create_backend(
            name, model=model, base_url=base_url, local=self.local_settings, display_name=display
        )

    def _current_backend(self) -> Backend:
        key = self.form.backend_key()
        if key[0] == "local" and self.local_model is not None:
            key = ("local", str(self.local_model.path), None)
        return self.backends.get(key)

    # -- models ---------------------------------------------------------------

    def open_model_manager(self) -> ModelManagerDialog:
        """Show the model manager (one, kept while the window lives)."""
        if self._model_manager is None:
            # Imported on first use: the downloader pulls in huggingface_hub.
            from blogideas_gui.ui.models.model_manager import ModelManagerDialog

            dialog = ModelManagerDialog(
                self, language=self.form.language.currentData(), settings=self.local_settings
            )
            dialog.model_chosen.connect(self.use_local_model)
            dialog.model_removed.connect(self._model_removed)
            dialog.local_settings_changed.connect(self.set_local_settings)
            self._model_manager = dialog
        self._model_manager.show()
        self._model_manager.raise_()
        return self._model_manager

    def use_local_model(self, model: InstalledModel | None) -> None:
        """Generate on this computer with ``model`` (``None``: the starter)."""
        self.backends.forget("local", busy=self.is_generating)
        self.local_model = None if model is None or model.source == "bundled" else model
        self.form.backend.setCurrentIndex(self.form.backend.findData("local"))
        self.form.set_local_model("" if self.local_model is None else self.local_model.name)
        self.language_notice.set_local_model(self.local_model)

    def get_model(self, entry_id: str) -> None:
        """Download a catalog model in the model manager (the language notice's button)."""
        self.open_model_manager().download(entry_id)

    def set_local_settings(self, settings: LocalSettings) -> None:
        """Load the local model with new settings from the next request on."""
        self.local_settings = settings
        self.backends.forget("local", busy=self.is_generating)

    def _model_removed(self, model: InstalledModel) -> None:
        if self.local_model is not None and self.local_model.path == model.path:
            self.use_local_model(None)

    # -- generation -----------------------------------------------------------

    def start_generation(self) -> None:
        """Check the input and the budget, record the request, then run it."""
        if self.is_generating:
            return
        self.form.message.clear()
        try:
            prepared = self.pipeline.ideas(
                self.form.request(), self._current_backend(), self.settings.monthly_budget_usd
            )
        except BlogIdeasError as error:
            self.form.message.setText(error.message())
            return
        assert prepared.session_id is not None  # the window always records
        self.answer.clear()
        self.model.open(prepared.session_id)
        self.sidebar.refresh(select=prepared.session_id)
        self._expanding = False
        self._run(prepared)

    def expand_idea(self, index: int, kind: ExpansionKind) -> None:
        """Stream an outline or a draft of one idea into the current session."""
        session = self.model.session
        if self.is_generating or session is None or index >= len(session.ideas):
            return
        self.form.message.clear()
        try:
            prepared = self.pipeline.expansion(
                session, index, kind, self._current_backend(), self.settings.monthly_budget_usd
            )
        except BlogIdeasError as error:
            self.form.message.setText(error.message())
            return
        heading = expansion_heading(session.ideas[index], kind, session.request.language)
        view = self.answer.markdown
        view.set_markdown(f"{view.markdown()}\n\n---\n\n## {heading}\n\n")
        self.answer.show_text()
        self._expanding = True
        self._run(prepared)

    def _run(self, prepared: Prepared) -> None:
        cancel = CancelToken()
        pipeline = self.pipeline
        worker = GenerationWorker(lambda: pipeline.run(prepared, cancel), cancel)
        worker.phase_changed.connect(self.status.set_phase)
        worker.text_arrived.connect(self._on_text)
        worker.part_arrived.connect(self._on_part)
        worker.result_ready.connect(self._on_result)
        worker.failed.connect(self._on_failed)
        worker.finished.connect(self._on_finished)
        self._job = self._generation_thread.submit(worker)
        self.status.start()
        self.model.set_busy(True)
        self._job.start()

    def stop_generation(self) -> None:
        """Ask the running request to stop; the answer so far stays."""
        if self._job is not None:
            self._job.abort()
            self.status.set_idle(self.tr("Stopping…"))

    def _count_ideas(self, _piece: str) -> None:
        """The history entry of the answer being written counts the cards on screen."""
        session = self.model.session
        if session is not None and self.is_generating and not self._expanding:
            self.sidebar.show_progress(session.id, len(self.answer.cards.cards))

    # -- worker signals -------------------------------------------------------

    def _on_text(self, text: str, pieces: int) -> None:
        if self._closed:
            return
        self.status.count_pieces(pieces)
        self.answer.markdown.append_markdown(text)

    def _on_part(self, part: int, text: str, pieces: int) -> None:
        if self._closed:
            return
        self.status.count_pieces(pieces)
        self.answer.add_to_part(part, text)
        self._count_ideas(text)

    def _on_result(self, result: GenerationResult) -> None:
        if self._closed:
            return
        self.model.finish(result)
        self.answer.markdown.finish()
        self.status.show_result(result)
        self._update_spending()

    def _on_failed(self, error: Exception) -> None:
        if self._closed:
            return
        self.answer.markdown.finish()
        self.form.message.setText(user_message(error))
        self.status.set_idle(self.tr("Stopped by an error."))

    def _on_finished(self) -> None:
        if self._closed:
            return  # signals queued before close arrive after it; the store is gone
        if self._job is not None:
            self._job.join()
        self._job = None
        self.backends.request_ended()
        self.model.reload()
        session = self.model.session
        if session is not None and not self._expanding:
            self.answer.set_ideas(session.ideas, session.favourites)
        self.sidebar.refresh()
        self.model.set_busy(False)
        while self._after_job:
            self._after_job.pop(0)()

    def keep_store_open(self) -> None:
        """Leave the history store open at close: another window now uses it."""
        self._owns_store = False

    def worker_done_once(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the running request has ended."""
        if self._job is None:
            callback()
            return
        self._after_job.append(callback)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Stop any running request and wait for its thread before closing."""
        self._closed = True
        if self._job is not None and not self._job.wait(CLOSE_WAIT_MS):
            log.warning("generation still running at close")
        self._job = None
        self.model.set_busy(False)
        if not self._generation_thread.stop(CLOSE_WAIT_MS):
            log.warning("generation thread still running at close")
        if self._model_manager is not None:
            self._model_manager.close()
        self.backends.close()
        if self._owns_store:
            self.store.close()
        super().closeEvent(event)
