"""The main window: a topic in, streamed ideas out, and every session kept.

A request goes through core's one pipeline (:mod:`blogideas_gui.core.pipeline.pipeline`):
checked and recorded here, then run on the generation thread by a
:class:`~blogideas_gui.ui.window.generation_run.GenerationRun`, so the window
never freezes. Backends are kept between requests
(:class:`~blogideas_gui.core.pipeline.factory.BackendPool`), so the local
model stays loaded and llama.cpp reuses the evaluated role prompt. Each
request is recorded from the worker thread as it streams, so closing or
killing the app loses nothing already shown. What the window shows has one
owner, its :class:`SessionModel`, and which engine writes another, its
:class:`EngineChoice`; the panels listen to them and draw themselves, and
this class only builds the window and prepares requests.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QSplitter, QVBoxLayout, QWidget

from blogideas_gui.core.account.budget import Ledger
from blogideas_gui.core.backends.base import Backend, GenerationOptions
from blogideas_gui.core.common.errors import BlogIdeasError
from blogideas_gui.core.common.language import Language
from blogideas_gui.core.common.menu_entry import menu_entry_path
from blogideas_gui.core.common.notices import report
from blogideas_gui.core.generation.pacing import PACE_SECONDS
from blogideas_gui.core.history.store import HistoryStore
from blogideas_gui.core.pipeline.factory import BackendFactory, BackendPool, create_backend
from blogideas_gui.core.pipeline.pipeline import Pipeline
from blogideas_gui.core.settings.preferences import Settings, save_settings
from blogideas_gui.core.writing.expansion import ExpansionKind, expansion_heading
from blogideas_gui.core.writing.templates import TemplateStore
from blogideas_gui.ui.window.answer_panel import AnswerPanel
from blogideas_gui.ui.window.engine_choice import EngineChoice
from blogideas_gui.ui.window.generation_run import GenerationRun
from blogideas_gui.ui.window.history_actions import Dialogs, HistoryActions
from blogideas_gui.ui.window.history_sidebar import HistorySidebar
from blogideas_gui.ui.window.language_notice import LanguageNotice
from blogideas_gui.ui.window.menu_entry_offer import MenuEntryOffer
from blogideas_gui.ui.window.model_manager_link import ModelManagerLink
from blogideas_gui.ui.window.notice_banner import NoticeBanner
from blogideas_gui.ui.window.request_form import RequestForm
from blogideas_gui.ui.window.session_model import SessionModel
from blogideas_gui.ui.window.status_line import StatusLine

if TYPE_CHECKING:
    from blogideas_gui.ui.models.model_manager import ModelManagerDialog

CLOSE_WAIT_MS = 5000


class MainWindow(QMainWindow):
    """History on the left; the request, the answer and a status line on the right.

    Args:
        backend_factory: makes a backend from (name, model, base URL); the
            real ones by default, with this window's local model and settings.
        language: the output language to start with; the settings' by default.
        options: sampling options for every request.
        store: the history; the user's by default, closed with the window (one
            passed in stays open: its owner closes it).
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
        settings = settings or Settings()
        self.engine = EngineChoice(settings, self)
        self.ledger = ledger or Ledger()
        self.templates = TemplateStore()
        self.backends = BackendPool(backend_factory or self._make_backend)
        self._owns_store = store is None
        self.store = store or HistoryStore()
        self.pipeline = Pipeline(self.ledger, self.store, self.templates, options, PACE_SECONDS)
        self.session = SessionModel(self.store, self)
        self.setWindowTitle(self.tr("BlogIdeas — blog post ideas"))

        self.form = RequestForm(language or settings.answer_language(), self)
        self.language_notice = LanguageNotice(self.form, self)
        self.answer = AnswerPanel(self)
        self.status = StatusLine(self)
        self.sidebar = HistorySidebar(self.store, self)
        self.model_manager = ModelManagerLink(self, self.engine, self.form.language.currentData)
        self.generation = GenerationRun(
            self.pipeline, self.session, self.answer, self.status, self.sidebar,
            self.backends.request_ended, self,
        )  # fmt: skip

        # Damaged, newer-version or unwritable files, said once (opened over them all the same).
        self.notices = NoticeBanner(self)
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.addWidget(self.notices)
        if folder_build and not settings.menu_entry_offered and not menu_entry_path().exists():
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

        self.history = HistoryActions(self, self.session, dialogs or Dialogs())
        edit_menu = QMenu(self.tr("&Edit"), self)
        self.menuBar().insertMenu(self.history.view_menu.menuAction(), edit_menu)
        edit_menu.addAction(self.answer.copy_markdown_action)
        edit_menu.addAction(self.answer.copy_text_action)
        models_menu = self.menuBar().addMenu(self.tr("&Models"))
        self.model_manager_action = models_menu.addAction(self.tr("Model manager…"))
        self.model_manager_action.triggered.connect(self.open_model_manager)
        settings_menu = self.menuBar().addMenu(self.tr("&Settings"))
        settings_menu.addAction(self.tr("Settings…"), self.open_settings)
        settings_menu.addAction(self.tr("First-run guide…"), self.open_guide)
        settings_menu.addAction(self.tr("Presets and role prompt…"), self.open_presets)
        self._connect_views()
        self.form.topic.setFocus()  # the window opens ready to type a topic

    def _connect_views(self) -> None:
        """The views draw themselves from the two owners; their requests go to the owners."""
        session, engine = self.session, self.engine
        self.form.watch(session, engine)
        self.answer.watch(session)
        self.sidebar.watch(session)
        self.status.watch(session)
        self.language_notice.set_local_model(engine.local_model_file)
        engine.local_model_changed.connect(
            lambda: self.language_notice.set_local_model(engine.local_model_file)
        )
        self.language_notice.get_model.connect(self.model_manager.get)
        engine.local_model_changed.connect(lambda: self.backends.forget("local", session.busy))
        engine.local_settings_changed.connect(lambda: self.backends.forget("local", session.busy))
        engine.settings_changed.connect(lambda: self.backends.forget("openai", session.busy))
        engine.backend_changed.connect(self._update_spending)
        engine.settings_changed.connect(self._update_spending)
        session.result_ready.connect(self._update_spending)
        self.form.server.textChanged.connect(self._update_spending)
        self.form.generate_requested.connect(self.start_generation)
        self.form.stop_requested.connect(self.stop_generation)
        self.form.copy_button.clicked.connect(self.answer.copy_markdown)
        self.answer.expand_requested.connect(self.expand_idea)
        self.answer.star_toggled.connect(session.star)
        self.sidebar.session_chosen.connect(self.history.open_session)
        self.sidebar.favourites_chosen.connect(self.history.show_favourites)
        self.sidebar.delete_requested.connect(self.history.delete_session)
        self.sidebar.delete_all_requested.connect(self.history.delete_all)
        self._update_spending()

    # -- settings -------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        """The settings in use."""
        return self.engine.settings

    def collect_settings(self) -> Settings:
        """The settings as the window stands now, to be saved."""
        self.form.composition.commit()
        settings = self.engine.settings
        self.engine.keep(
            dataclasses.replace(
                settings,
                output_language=self.form.language.currentData(),
                openai_base_url=self.form.server.text().strip(),
                openai_model=self.form.server_model_name.text().strip() or settings.openai_model,
            )
        )
        return self.engine.settings

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

    def open_model_manager(self) -> ModelManagerDialog:
        """Show the model manager (one, kept while the window lives)."""
        return self.model_manager.open()

    def apply_settings(self, settings: Settings) -> None:
        """Use new settings from the guide or the settings window, and save them."""
        language_changed = settings.ui_language != self.settings.ui_language
        self.engine.set_settings(settings)
        try:
            save_settings(settings)
        except BlogIdeasError as error:
            # The settings stay in use for this session; the banner says they were not kept.
            report(error)
        if language_changed:
            self.ui_language_changed.emit(settings.ui_language)

    def _menu_entry_answered(self) -> None:
        """Keep the answer to the menu offer, which is never made again (the model stays loaded)."""
        self.engine.keep(dataclasses.replace(self.collect_settings(), menu_entry_offered=True))
        try:
            save_settings(self.engine.settings)
        except BlogIdeasError as error:
            report(error)

    def _update_spending(self) -> None:
        backend, server = self.engine.backend, self.form.server.text().strip()
        self.status.show_spending(backend, server, self.ledger, self.settings.monthly_budget_usd)

    # -- requests ---------------------------------------------------------------

    @property
    def is_generating(self) -> bool:
        """Whether a request is running."""
        return self.session.busy

    def _make_backend(self, name: str, model: str | None, base_url: str | None) -> Backend:
        """The real backends, the local one loaded with this window's settings."""
        model_file = self.engine.local_model_file
        return create_backend(
            name, model=model, base_url=base_url, local=self.engine.local_settings,
            display_name=None if model_file is None else model_file.name,
        )  # fmt: skip

    def _current_backend(self) -> Backend:
        key = self.form.backend_key()
        model_file = self.engine.local_model_file
        if key[0] == "local" and model_file is not None:
            key = ("local", str(model_file.path), None)
        return self.backends.get(key)

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
            self.session.warn(error.message())
            return
        self.generation.run(prepared)

    def expand_idea(self, index: int, kind: ExpansionKind) -> None:
        """Stream an outline or a draft of one idea into the current session."""
        shown = self.session.shown
        if self.is_generating or shown is None or index >= len(shown.ideas):
            return
        self.form.message.clear()
        try:
            prepared = self.pipeline.expansion(
                shown, index, kind, self._current_backend(), self.settings.monthly_budget_usd
            )
        except BlogIdeasError as error:
            self.session.warn(error.message())
            return
        self.answer.begin_expansion(
            expansion_heading(shown.ideas[index], kind, shown.request.language)
        )
        self.generation.run(prepared)

    def stop_generation(self) -> None:
        """Ask the running request to stop; the answer so far stays."""
        self.generation.stop()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Stop any running request and wait for its thread before closing."""
        self.generation.close(CLOSE_WAIT_MS)
        self.model_manager.close()
        self.backends.close()
        if self._owns_store:
            self.store.close()
        super().closeEvent(event)
