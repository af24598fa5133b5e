"""The main window: a topic in, streamed ideas out, and every session kept.

Generation runs on a worker thread (:mod:`.worker`); this window only reacts
to its signals, so it never freezes. Backends are kept between requests, so
the local model stays loaded and llama.cpp reuses the evaluated role prompt.
Each request is recorded in history from the worker thread as it streams
(:mod:`blogideas_gui.core.pipeline.recording`), so closing or killing the app loses
nothing already shown.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QDialog, QMainWindow, QSplitter, QVBoxLayout, QWidget

from blogideas_gui.core.account.budget import Ledger, counts_against_budget, format_usd
from blogideas_gui.core.backends.base import Backend, GenerationOptions, TextDelta
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import BlogIdeasError, user_message
from blogideas_gui.core.common.language import Language
from blogideas_gui.core.generation.pacing import paced
from blogideas_gui.core.generation.runner import (
    GenerationEvent,
    GenerationResult,
    PhaseChanged,
    generate,
)
from blogideas_gui.core.history.export import idea_markdown
from blogideas_gui.core.history.store import HistoryStore, Session
from blogideas_gui.core.models.installed import InstalledModel, find_installed
from blogideas_gui.core.pipeline.budgeting import budgeted
from blogideas_gui.core.pipeline.factory import create_backend
from blogideas_gui.core.pipeline.recording import recorded
from blogideas_gui.core.settings.local_settings import LocalSettings
from blogideas_gui.core.settings.preferences import Settings, save_settings
from blogideas_gui.core.writing.expansion import (
    ExpansionKind,
    build_expansion_messages,
    expansion_heading,
)
from blogideas_gui.core.writing.prompts import build_messages
from blogideas_gui.core.writing.templates import TemplateStore
from blogideas_gui.ui.common.worker import WorkerHandle, WorkerThread
from blogideas_gui.ui.window.answer_panel import AnswerPanel
from blogideas_gui.ui.window.history_actions import HistoryActions
from blogideas_gui.ui.window.history_sidebar import HistorySidebar
from blogideas_gui.ui.window.notice_banner import NoticeBanner
from blogideas_gui.ui.window.language_notice import LanguageNotice
from blogideas_gui.ui.window.request_form import RequestForm
from blogideas_gui.ui.window.status_line import StatusLine

if TYPE_CHECKING:
    from blogideas_gui.ui.models.model_manager import ModelManagerDialog

log = logging.getLogger(__name__)

BackendFactory = Callable[[str, str | None, str | None], Backend]
CLOSE_WAIT_MS = 5000


class MainWindow(QMainWindow):
    """History on the left; the request, the answer and a status line on the right.

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
    ) -> None:
        super().__init__()
        self._backend_factory = backend_factory or self._make_backend
        self.settings = settings or Settings()
        self.ledger = ledger or Ledger()
        self.templates = TemplateStore()
        self.local_settings = self.settings.local_settings()
        self.local_model: InstalledModel | None = None
        self._model_manager: ModelManagerDialog | None = None
        self._options = options or GenerationOptions()
        self._backends: dict[tuple[str, str | None, str | None], Backend] = {}
        self._job: WorkerHandle | None = None
        self._generation_thread = WorkerThread("generation")
        self._to_close: list[Backend] = []
        self._after_job: list[Callable[[], None]] = []
        self._closed = False
        self._expanding = False
        self._owns_store = store is None
        self.store = store or HistoryStore()
        self.session: Session | None = None
        self.last_result: GenerationResult | None = None
        self.setWindowTitle(self.tr("BlogIdeas — blog post ideas"))

        output: Language = "en" if self.settings.output_language == "en" else "ko"
        self.form = RequestForm(language or output, self)
        self.language_notice = LanguageNotice(self.form, self)
        self.language_notice.get_model.connect(self.get_model)
        self.answer = AnswerPanel(self)
        self.status = StatusLine(self)
        self.sidebar = HistorySidebar(self.store, self)
        # Short names the tests and the benchmark use.
        self.topic, self.count, self.language = self.form.topic, self.form.count, self.form.language
        self.backend, self.server, self.model_name = (
            self.form.backend, self.form.server, self.form.model_name,
        )  # fmt: skip
        self.server_row, self.message = self.form.server_row, self.form.message
        self.generate_button, self.stop_button = self.form.generate_button, self.form.stop_button
        self.copy_button, self.output = self.form.copy_button, self.answer.markdown

        # Damaged, newer-version or unwritable files, said once (opened over them all the same).
        self.notices = NoticeBanner(self)
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.addWidget(self.notices)
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

        self.actions_ = HistoryActions(self)
        models_menu = self.menuBar().addMenu(self.tr("&Models"))
        self.model_manager_action = models_menu.addAction(self.tr("Model manager…"))
        self.model_manager_action.triggered.connect(self.open_model_manager)
        settings_menu = self.menuBar().addMenu(self.tr("&Settings"))
        settings_menu.addAction(self.tr("Settings…"), self.open_settings)
        settings_menu.addAction(self.tr("First-run guide…"), self.open_guide)
        settings_menu.addAction(self.tr("Presets and role prompt…"), self.open_presets)
        self.form.generate_requested.connect(self.start_generation)
        self.form.stop_requested.connect(self.stop_generation)
        self.copy_button.clicked.connect(self.copy_answer)
        self._apply_settings()
        self.form.backend.currentIndexChanged.connect(self._update_spending)
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

    def apply_settings(self, settings: object) -> None:
        """Use new settings from the guide or the settings window, and save them."""
        if not isinstance(settings, Settings):
            return
        language_changed = settings.ui_language != self.settings.ui_language
        self.settings = settings
        self._apply_settings()
        self._forget_openai_backends()
        with contextlib.suppress(BlogIdeasError):
            save_settings(settings)
        if language_changed:
            self.ui_language_changed.emit(settings.ui_language)

    def _forget_openai_backends(self) -> None:
        """A new key or server: build the OpenAI client again on the next request."""
        for key in [key for key in self._backends if key[0] == "openai"]:
            backend = self._backends.pop(key)
            if not self.is_generating:
                backend.close()
            else:
                self._to_close.append(backend)

    def _update_spending(self) -> None:
        """This month's OpenAI spending against the limit, or "free" for local."""
        if self.form.backend.currentData() == "local":
            self.status.spending.setText(self.tr("Free on this computer"))
            return
        spent = format_usd(self.ledger.month_total())
        limit = format_usd(self.settings.monthly_budget_usd)
        self.status.spending.setText(self.tr("This month: %s of %s") % (spent, limit))

    # -- state ----------------------------------------------------------------

    @property
    def is_generating(self) -> bool:
        """Whether a request is running."""
        return self._job is not None

    def _update_buttons(self) -> None:
        self.form.set_busy(self.is_generating, bool(self.output.markdown()))

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
        if key not in self._backends:
            self._backends[key] = self._backend_factory(*key)
        return self._backends[key]

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
        self._forget_local_backends()
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
        self._forget_local_backends()

    def _model_removed(self, model: InstalledModel) -> None:
        if self.local_model is not None and self.local_model.path == model.path:
            self.use_local_model(None)

    def _forget_local_backends(self) -> None:
        """Free loaded local models (now, or once the running request ends)."""
        for key in [key for key in self._backends if key[0] == "local"]:
            backend = self._backends.pop(key)
            if not self.is_generating:
                backend.close()
            else:
                self._to_close.append(backend)

    # -- generation -----------------------------------------------------------

    def start_generation(self) -> None:
        """Check the input, record the request, then run it on a worker thread."""
        if self.is_generating:
            return
        self.message.clear()
        try:
            request = self.form.request().validated()
            backend = self._current_backend()
            if counts_against_budget(backend):
                self.ledger.check(self.settings.monthly_budget_usd)
        except BlogIdeasError as error:
            self.message.setText(error.message())
            return
        session_id = self.store.start(request, backend.name, backend.model_name)
        self.session = self.store.get(session_id)
        self.answer.clear()
        self.last_result = None
        cancel = CancelToken()
        options = self._options

        ledger, limit = self.ledger, self.settings.monthly_budget_usd

        messages = build_messages(request, role=self.templates.get(request.language))

        def run() -> Iterator[GenerationEvent]:
            events = generate(request, backend, cancel, options, messages=messages)
            events = paced(budgeted(events, backend, ledger, limit))
            return recorded(events, self.store, session_id)

        self._expanding = False
        self.sidebar.refresh(select=session_id)
        self._run(run, cancel)

    def expand_idea(self, index: int, kind: ExpansionKind) -> None:
        """Stream an outline or a draft of one idea into the current session."""
        session = self.session
        if self.is_generating or session is None or index >= len(session.ideas):
            return
        self.message.clear()
        try:
            backend = self._current_backend()
        except BlogIdeasError as error:
            self.message.setText(error.message())
            return
        idea = session.ideas[index]
        language = session.request.language
        role = self.templates.get(language)
        messages = build_expansion_messages(session.request.topic, idea, kind, language, role)
        expansion_id = self.store.add_expansion(session.id, index, kind)
        heading = f"\n\n---\n\n## {expansion_heading(idea, kind, language)}\n\n"
        self.output.set_markdown(self.output.markdown() + heading)
        self.answer.show_text()
        cancel = CancelToken()
        options = self._options
        request = session.request
        ledger, limit = self.ledger, self.settings.monthly_budget_usd

        def run() -> Iterator[GenerationEvent]:
            events = generate(request, backend, cancel, options, messages=messages)
            events = paced(budgeted(events, backend, ledger, limit))
            return recorded(events, self.store, session.id, expansion_id)

        self._expanding = True
        self._run(run, cancel)

    def _run(self, func: Callable[[], Iterator[GenerationEvent]], cancel: CancelToken) -> None:
        self._job = self._generation_thread.submit(func, cancel)
        self._job.worker.yielded.connect(self._on_event)
        self._job.worker.errored.connect(self._on_error)
        self._job.worker.finished.connect(self._on_finished)
        self.status.start()
        self._update_buttons()
        self._job.start()

    def stop_generation(self) -> None:
        """Ask the running request to stop; the answer so far stays."""
        if self._job is not None:
            self._job.abort()
            self.status.set_idle(self.tr("Stopping…"))

    def copy_answer(self) -> None:
        """Put the answer's Markdown on the clipboard."""
        QGuiApplication.clipboard().setText(self.output.markdown())
        self.status.set_idle(self.tr("Answer copied."))

    def copy_idea(self, index: int) -> None:
        """Put one idea's Markdown on the clipboard."""
        if self.session is not None and index < len(self.session.ideas):
            QGuiApplication.clipboard().setText(idea_markdown(self.session.ideas[index]))
            self.status.set_idle(self.tr("Idea copied."))

    # -- worker signals -------------------------------------------------------

    def _on_event(self, event: object) -> None:
        if self._closed:
            return
        if isinstance(event, TextDelta):
            self.status.count_pieces(event.pieces)
            self.output.append_markdown(event.text)
        elif isinstance(event, PhaseChanged):
            self.status.set_phase(event.phase)
        elif isinstance(event, GenerationResult):
            self.last_result = event
            self.output.finish()
            self.status.show_result(event)
            self._update_spending()

    def _on_error(self, error: object) -> None:
        message = user_message(error) if isinstance(error, BaseException) else str(error)
        self.output.finish()
        self.message.setText(message)
        self.status.set_idle(self.tr("Stopped by an error."))

    def _on_finished(self) -> None:
        if self._closed:
            return  # signals queued before close arrive after it; the store is gone
        if self._job is not None:
            self._job.join()
        self._job = None
        while self._to_close:
            self._to_close.pop().close()
        if self.session is not None:
            self.session = self.store.get(self.session.id)
            if self.session is not None and not self._expanding:
                self.answer.set_ideas(self.session.ideas, self.session.favourites)
        self.sidebar.refresh()
        self._update_buttons()
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
        if not self._generation_thread.stop(CLOSE_WAIT_MS):
            log.warning("generation thread still running at close")
        if self._model_manager is not None:
            self._model_manager.close()
        for backend in self._backends.values():
            backend.close()
        if self._owns_store:
            self.store.close()
        super().closeEvent(event)
