"""The first-run guide: one plain question, three big answers.

The people this app is for met environment variables, an unexplained 429 and
surprise costs. So the first start asks only where ideas should come from:
free on this computer (works at once), OpenAI (paste a key, test it, see what
a failure means), or another server on the network (test it, pick a model).
Every Test runs off the GUI thread (:mod:`.connection_test`); the OpenAI
key's test and keeping are :mod:`.key_check`'s. The guide only returns
updated :class:`Settings`, and the window applies and saves them.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from blogideas_gui.core.account.budget import format_usd
from blogideas_gui.core.backends.base import ConnectionCheck
from blogideas_gui.core.backends.openai_api import DEFAULT_MODEL, OpenAIBackend
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.language import Language, current_language
from blogideas_gui.core.common.paths import models_dir
from blogideas_gui.core.models.catalog import CatalogEntry, load_catalog
from blogideas_gui.core.models.downloads import DownloadOptions, download_model
from blogideas_gui.core.models.installed import InstalledModel
from blogideas_gui.core.models.machine import MachineFacts, machine_facts
from blogideas_gui.core.models.speed import SpeedBook, load_book
from blogideas_gui.core.settings.preferences import Settings
from blogideas_gui.core.settings.secrets import KeyStore, normalized_address
from blogideas_gui.ui.common.styles import ERROR_STYLE, OK_STYLE
from blogideas_gui.ui.guide.connection_test import ConnectionTest
from blogideas_gui.ui.guide.guide_pages import (
    LocalPage,
    OpenAIPage,
    ServerPage,
)
from blogideas_gui.ui.guide.key_check import KeyCheck
from blogideas_gui.ui.guide.model_offer import ModelOffer
from blogideas_gui.ui.models.speed_box import Measure

CHOICES = ("local", "openai", "server")
# The chosen answer must stand out: the native checked look is too faint.
CHOICE_STYLE = (
    "QPushButton { padding: 8px; border: 1px solid #c4c7c5; border-radius: 8px;"
    " background: #ffffff; }"
    "QPushButton:checked { border: 2px solid #0b57d0; background: #e8f0fe; }"
)
_UI_LANGUAGES: dict[str, Language] = {"ko": "ko", "en": "en"}


class FirstRunGuide(QDialog):
    """Asks where ideas come from and returns the settings for that answer.

    Args:
        settings: the current settings; the guide returns an updated copy.
        key_store: where an OpenAI key is saved; the system's by default.
        facts: this machine's memory and disk, for the model recommendation.
        entries: the model catalog.
        language: the language of error messages; the settings' or the system's.
        openai_base_url: where the OpenAI choice's Test goes; None means OpenAI
            itself. Tests point it at a loopback server.
        speeds: the speed measurements; the data folder's when ``None``.
        measure: measures the speed when nothing was measured yet (a child process
            by default; tests pass their own).
        folder: the models folder; the app's own when ``None``.
        endpoint: the hub address for the recommended model's download.
        download_options: time-outs and retries of that download.

    Signals:
        finished_with(Settings): the updated settings when the user finishes.
        open_model_manager(): the user wants to download the recommended model.
    """

    finished_with = Signal(Settings)
    open_model_manager = Signal()

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        key_store: KeyStore | None = None,
        facts: MachineFacts | None = None,
        entries: Sequence[CatalogEntry] | None = None,
        language: Language | None = None,
        openai_base_url: str | None = None,
        speeds: SpeedBook | None = None,
        measure: Measure | None = None,
        folder: Path | None = None,
        endpoint: str | None = None,
        download_options: DownloadOptions | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        ui = settings.ui_language
        self.language: Language = language or _UI_LANGUAGES.get(ui) or current_language()
        self.setWindowTitle(self.tr("Welcome to BlogIdeas"))
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.setFont(font)

        self.question = QLabel(self.tr("Where should BlogIdeas write your ideas?"), self)
        big = self.question.font()
        big.setPointSizeF(big.pointSizeF() * 1.35)
        big.setBold(True)
        self.question.setFont(big)
        self.question.setWordWrap(True)

        self.choice_group = QButtonGroup(self)
        row = QHBoxLayout()
        titles = (
            (self.tr("Free, on this computer"), self.tr("Works right away, offline, private")),
            (self.tr("OpenAI (paid)"), self.tr("Best writing; needs a key and costs money")),
            (self.tr("Another server"), self.tr("Ollama, LM Studio, vLLM, llama-server")),
        )
        for index, (title, hint) in enumerate(titles):
            button = QPushButton(f"{title}\n{hint}", self)
            button.setCheckable(True)
            button.setMinimumHeight(76)
            button.setStyleSheet(CHOICE_STYLE)
            button.setObjectName(f"choice_{CHOICES[index]}")
            self.choice_group.addButton(button, index)
            row.addWidget(button)

        self.local_page = LocalPage(self)
        self.openai_page = OpenAIPage(self)
        self.server_page = ServerPage(self)
        self.pages = QStackedWidget(self)
        for page in (self.local_page, self.openai_page, self.server_page):
            self.pages.addWidget(page)

        self.buttons = QDialogButtonBox(self)
        self.finish_button = self.buttons.addButton(
            self.tr("Start using BlogIdeas"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.later_button = self.buttons.addButton(
            self.tr("Not now"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.finish_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(row)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)
        self.resize(720, 520)

        self.key_test = ConnectionTest(self.language, self)
        self.key_check = KeyCheck(
            self.openai_page, self.key_test, key_store or KeyStore(), self.language,
            openai_base_url,
        )  # fmt: skip
        self.server_test = ConnectionTest(self.language, self)
        catalog = list(load_catalog() if entries is None else entries)
        folder = folder or models_dir()
        # The pick is the best writer in the language ideas are written in.
        writing = _UI_LANGUAGES.get(settings.output_language) or self.language
        download = functools.partial(
            download_model, options=download_options, folder=folder, endpoint=endpoint,
            entries=catalog,
        )  # fmt: skip
        self.offer = ModelOffer(
            # Without asking llama.cpp about GPUs: that would load it on the GUI thread.
            catalog, facts or machine_facts(folder, check_gpu=False), speeds or load_book(),
            download, folder,
            writing, self.local_page, measure,
        )  # fmt: skip
        self.local_page.set_offer(self.offer)
        self._wire()
        self._fill()

    # -- set-up ---------------------------------------------------------------

    def _wire(self) -> None:
        self.choice_group.idClicked.connect(self.pages.setCurrentIndex)
        self.pages.currentChanged.connect(self._page_shown)
        self.local_page.manager_button.clicked.connect(self.open_model_manager)
        server = self.server_page
        server.test_button.clicked.connect(self.test_server)
        server.cancel_button.clicked.connect(self.server_test.cancel)
        self.server_test.running_changed.connect(server.set_running)
        self.server_test.succeeded.connect(self._server_works)
        self.server_test.failed.connect(lambda text: server.show_status(text, ERROR_STYLE))
        self.finish_button.clicked.connect(self.finish)
        self.later_button.clicked.connect(self.reject)

    def _fill(self) -> None:
        """Show the cost note and the current choice."""
        self.openai_page.cost_note.setText(
            self.tr(
                "Each request costs a little money. BlogIdeas counts the cost and stops "
                "OpenAI requests when this month's total reaches your limit ({limit}); "
                "you can change it in Settings."
            ).format(limit=format_usd(self._settings.monthly_budget_usd))
        )
        choice, settings = 0, self._settings
        if settings.first_run_done and settings.backend == "openai":
            choice = 2 if settings.openai_base_url else 1
        if settings.openai_base_url:
            self.server_page.address.setText(settings.openai_base_url)
            self.server_page.model.setEditText(settings.openai_model)
        self.choose(CHOICES[choice])

    def _page_shown(self, index: int) -> None:
        """Read the stored key when the OpenAI page first shows, not before (the guide opens at once)."""
        if index == CHOICES.index("openai"):
            self.key_check.read_stored()

    # -- actions --------------------------------------------------------------

    def choose(self, choice: str) -> None:
        """Select one of :data:`CHOICES`, as a click on its big button does."""
        index = CHOICES.index(choice)
        button = self.choice_group.button(index)
        button.setChecked(True)
        self.pages.setCurrentIndex(index)

    def choice(self) -> str:
        """The selected one of :data:`CHOICES`."""
        return CHOICES[max(0, self.choice_group.checkedId())]

    @Slot()
    def test_server(self) -> None:
        """List the server's models (or make one tiny chat call) on a worker thread."""
        address = normalized_address(self.server_page.address.text())
        if not address:
            self.server_page.show_status(
                self.tr("Type the server's address first, or pick one of the examples."),
                ERROR_STYLE,
            )
            return
        self.server_page.address.setText(address)
        model = self.server_page.model.currentText().strip()

        def probe(cancel: CancelToken) -> ConnectionCheck:
            backend = OpenAIBackend(base_url=address, model=model, max_retries=0)
            try:
                return backend.check_connection(cancel=cancel)
            finally:
                backend.close()

        self.server_page.show_status(self.tr("Asking the server…"), "")
        self.server_test.start(probe)

    @Slot(ConnectionCheck)
    def _server_works(self, check: ConnectionCheck) -> None:
        page = self.server_page
        if not check.models:
            text = self.tr("The server answers, and the model “{model}” works.")
            page.show_status(text.format(model=check.model), OK_STYLE)
            return
        page.set_models(check.models, check.model)
        text = self.tr("The server answers. Its models: {models}.").format(
            models=", ".join(check.models)
        )
        if check.model and not check.model_listed:
            text += " " + self.tr("“{model}” is not among them; pick one from the list.").format(
                model=check.model
            )
        page.show_status(text, OK_STYLE)

    @Slot()
    def finish(self) -> None:
        """Emit the settings for the chosen answer; say what is missing instead."""
        settings = dataclasses.replace(self._settings, first_run_done=True)
        choice = self.choice()
        if choice == "local":
            settings.backend = "local"
            downloaded: InstalledModel | None = self.offer.downloaded
            if downloaded is not None:
                settings.local_model = downloaded.id
        elif choice == "openai":
            if not self.key_check.settle():
                return
            if settings.openai_base_url:  # the model was the other server's
                settings.openai_model = DEFAULT_MODEL
            settings.backend, settings.openai_base_url = "openai", ""
        else:
            address = normalized_address(self.server_page.address.text())
            model = self.server_page.model.currentText().strip()
            if not address or not model:
                self.server_page.show_status(
                    self.tr("Type the server's address and a model name, then press Test."),
                    ERROR_STYLE,
                )
                return
            settings.backend, settings.openai_base_url = "openai", address
            settings.openai_model = model
        self._settings = settings
        self.finished_with.emit(settings)
        self.accept()

    # -- closing --------------------------------------------------------------

    def done(self, result: int) -> None:
        """Every way of closing ends here: leave no thread running (a download pauses)."""
        self.key_test.shutdown()
        self.server_test.shutdown()
        self.offer.shutdown()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Closing while hidden skips :meth:`done`; wait for the threads anyway."""
        self.key_test.shutdown()
        self.server_test.shutdown()
        self.offer.shutdown()
        super().closeEvent(event)
