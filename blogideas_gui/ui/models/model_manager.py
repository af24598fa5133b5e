"""The model manager: get a better model without knowing what GGUF means.

It shows the curated catalog with a fit badge per model for this machine and
the best one that fits marked, the models already installed, a progress bar
per download, and the local engine's load settings. All slow work (downloads,
copying an imported file) runs on a worker thread, so the window
never freezes; closing it cancels the downloads (their bytes stay for a
resume) and waits for every thread.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from blogideas_gui.core.common.errors import BlogIdeasError, user_message
from blogideas_gui.core.common.language import Language
from blogideas_gui.core.common.paths import models_dir
from blogideas_gui.core.common.units import format_bytes
from blogideas_gui.core.models.advice import advise, recommend
from blogideas_gui.core.models.catalog import CatalogEntry, load_catalog
from blogideas_gui.core.models.downloads import DownloadOptions, download_model
from blogideas_gui.core.models.fit import file_fit
from blogideas_gui.core.models.gguf import known_facts
from blogideas_gui.core.models.installed import (
    InstalledModel,
    import_model,
    list_installed,
    remove_model,
)
from blogideas_gui.core.models.machine import MachineFacts, machine_facts
from blogideas_gui.core.models.speed import SpeedBook, load_book
from blogideas_gui.core.settings.local_settings import LocalSettings
from blogideas_gui.ui.common.function_worker import FunctionWorker
from blogideas_gui.ui.models.download_row import Downloader, DownloadRow
from blogideas_gui.ui.models.installed_panel import (
    InstalledPanel,
    InstalledRow,
    ask_for_gguf,
    ask_yes_no,
)
from blogideas_gui.ui.models.local_settings_box import LocalSettingsBox
from blogideas_gui.ui.models.speed_box import Measure, SpeedBox

log = logging.getLogger(__name__)

ChooseFile = Callable[[QWidget], Path | None]
Confirm = Callable[[QWidget, str, str], bool]


class ImportWorker(FunctionWorker[InstalledModel]):
    """Copies (or links) a model file the user has, off the GUI thread.

    Signals:
        returned(InstalledModel): the model, checked and in the models folder.
    """

    returned = Signal(InstalledModel)


class ModelManagerDialog(QDialog):
    """Catalog with fit badges, installed models, downloads and local settings.

    Args:
        parent: the main window.
        language: picks the recommendation ("ko" or "en"); descriptions follow the interface.
        settings: the local engine's current load settings.
        entries: the catalog; read from ``models/catalog.toml`` when ``None``.
        facts: this machine's memory, disk and GPU; measured when ``None``.
        folder: the models folder; the app's own when ``None``.
        endpoint: the hub address; ``HF_ENDPOINT`` or huggingface.co when ``None``.
        download_options: time-outs and retries of downloads.
        choose_file: asks which ``.gguf`` to import (tests pass a stub).
        confirm: asks yes or no before removing (tests pass a stub).

    Signals:
        model_chosen(InstalledModel): the model picked with "Use this model".
        model_removed(InstalledModel): a model just deleted, so a window using it
            can free it.
        local_settings_changed(LocalSettings): the new engine settings.
    """

    model_chosen = Signal(InstalledModel)
    model_removed = Signal(InstalledModel)
    local_settings_changed = Signal(LocalSettings)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        language: Language = "ko",
        settings: LocalSettings | None = None,
        entries: Sequence[CatalogEntry] | None = None,
        facts: MachineFacts | None = None,
        folder: Path | None = None,
        endpoint: str | None = None,
        download_options: DownloadOptions | None = None,
        choose_file: ChooseFile = ask_for_gguf,
        confirm: Confirm = ask_yes_no,
        speeds: SpeedBook | None = None,
        measure: Measure | None = None,
    ) -> None:
        super().__init__(parent)
        self._speeds = speeds or load_book()
        self._measure = measure
        self._language = language
        self._entries = list(load_catalog() if entries is None else entries)
        self._folder = folder or models_dir()
        self._facts = facts or machine_facts(self._folder)
        self._choose_file = choose_file
        self._confirm = confirm
        self._downloader: Downloader = functools.partial(
            download_model,
            options=download_options,
            folder=self._folder,
            endpoint=endpoint,
            entries=self._entries,
        )
        self._import_job: ImportWorker | None = None
        self.rows: dict[str, DownloadRow] = {}
        self.setWindowTitle(self.tr("Model manager"))
        self._build(settings or LocalSettings())
        self.refresh()

    # -- layout ---------------------------------------------------------------

    def _build(self, settings: LocalSettings) -> None:
        self.installed = InstalledPanel(self, self._language)
        self.installed_list = self.installed.list
        rows = QWidget(self)
        rows_layout = QVBoxLayout(rows)
        rows_layout.setContentsMargins(0, 0, 0, 0)
        for entry in self._entries:
            if entry.is_bundled:
                continue
            row = DownloadRow(entry, self._downloader, self._folder, self._language, rows)
            row.installed.connect(self._on_installed)
            row.failed.connect(self._show_error)
            rows_layout.addWidget(row)
            self.rows[entry.id] = row
        rows_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(rows)
        catalog = QGroupBox(self.tr("Download a model"), self)
        self.recommendation = QLabel(catalog)
        self.recommendation.setWordWrap(True)
        self.speed_box = (
            SpeedBox(self._speeds, catalog)
            if self._measure is None
            else SpeedBox(self._speeds, catalog, self._measure)
        )
        self.speed_box.measured.connect(self._speeds_measured)
        catalog_layout = QVBoxLayout(catalog)
        catalog_layout.addWidget(self.recommendation)
        catalog_layout.addWidget(self.speed_box)
        catalog_layout.addWidget(scroll)
        self.engine = LocalSettingsBox(settings, self._facts, self)

        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setStyleSheet("color: #b3261e;")
        self.message.setWordWrap(True)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #5f6368;")
        self.message.hide()
        self.notice.hide()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.installed)
        layout.addWidget(catalog, 1)
        layout.addWidget(self.engine)
        layout.addWidget(self.message)
        layout.addWidget(self.notice)
        layout.addWidget(close)
        self.resize(800, 780)

        self.installed_list.itemDoubleClicked.connect(self.use_selected)
        self.installed.use_button.clicked.connect(self.use_selected)
        self.installed.remove_button.clicked.connect(self.remove_selected)
        self.installed.import_button.clicked.connect(self.import_file)
        self.engine.changed.connect(self._settings_changed)

    # -- state ----------------------------------------------------------------

    @property
    def local_settings(self) -> LocalSettings:
        """The local engine's load settings as the window shows them."""
        return self.engine.settings

    def selected_model(self) -> InstalledModel | None:
        """The installed model highlighted in the list."""
        return self.installed.selected_model()

    def refresh(self) -> None:
        """Re-read the installed models, and the fit and speed of every model at this context."""
        n_ctx = self.engine.settings.n_ctx
        models = list_installed(self._folder, self._entries)
        self.installed.show_models([self._installed_row(model, n_ctx) for model in models])
        names = {model.path.name for model in models}
        advice = advise(self._entries, self._facts, self._speeds, n_ctx)
        best = recommend(advice, self._language)
        if best is None:
            self.recommendation.setText(
                self.tr(
                    "None of these fits this computer well and writes fast enough here; "
                    "the starter model is the safe choice."
                )
            )
        else:
            self.recommendation.setText(
                self.tr("Recommended for this computer: <b>{name}</b> ({size}).").format(
                    name=best.name, size=format_bytes(best.size_bytes)
                )
            )
        by_id = {row.entry.id: row for row in advice}
        for row in self.rows.values():
            row.set_advice(by_id[row.entry.id], row.entry is best)
            row.refresh(installed=row.source.local_name in names)

    def _installed_row(self, model: InstalledModel, n_ctx: int) -> InstalledRow:
        """An installed model with its fit, predicted speed and what its file said about itself."""
        entry = next((e for e in self._entries if e.file == model.path.name), None)
        per_token = entry.kv_bytes_per_token if entry else None
        return InstalledRow(
            model,
            file_fit(model.size_bytes, self._facts, n_ctx, per_token),
            self._speeds.predict(model.size_bytes, model.path.name),
            known_facts(model.path),
        )

    @Slot(SpeedBook)
    def _speeds_measured(self, book: SpeedBook) -> None:
        self._speeds = book
        self.refresh()

    @Slot(LocalSettings)
    def _settings_changed(self, settings: LocalSettings) -> None:
        self.refresh()  # a larger context changes every fit badge
        self.local_settings_changed.emit(settings)

    @Slot(str)
    def _show_error(self, message: str) -> None:
        self._show(self.message, message, self.notice)

    def _show_notice(self, text: str) -> None:
        self._show(self.notice, text, self.message)

    @staticmethod
    def _show(label: QLabel, text: str, other: QLabel) -> None:
        """One line at a time: an error replaces a notice and the other way round."""
        other.clear()
        other.hide()
        label.setText(text)
        label.setVisible(bool(text))

    # -- actions --------------------------------------------------------------

    def download(self, entry_id: str) -> None:
        """Start downloading a catalog model, as its Download button does (the window asks)."""
        row = self.rows.get(entry_id)
        if row is not None:
            row.start()

    @Slot()
    def use_selected(self) -> None:
        """Hand the selected model to the main window."""
        model = self.selected_model()
        if model is None:
            return
        self.model_chosen.emit(model)
        self._show_notice(
            self.tr("{name} will be used for the next ideas.").format(name=model.name)
        )

    @Slot()
    def remove_selected(self) -> None:
        """Delete the selected model after asking, and say how much space came back."""
        model = self.selected_model()
        if model is None or model.source == "bundled":
            return
        question = self.tr("Delete {name} ({size}) from this computer?").format(
            name=model.name, size=format_bytes(model.size_bytes)
        )
        if not self._confirm(self, self.tr("Remove model"), question):
            return
        try:
            freed = remove_model(model.path.name, self._folder, self._entries)
        except BlogIdeasError as error:
            self._show_error(user_message(error, self._language))
            return
        self.refresh()
        self.model_removed.emit(model)
        self._show_notice(
            self.tr("Removed {name}; {size} of disk space given back.").format(
                name=model.name, size=format_bytes(freed)
            )
        )

    @Slot()
    def import_file(self) -> None:
        """Copy or link a ``.gguf`` the user has; the copy runs on a worker thread."""
        if self._import_job is not None:
            return
        path = self._choose_file(self)
        if path is None:
            return
        link, folder, entries = self.installed.link_box.isChecked(), self._folder, self._entries

        self._import_job = ImportWorker(
            lambda _cancel: import_model(path, link=link, folder=folder, entries=entries)
        )
        self._import_job.returned.connect(self._on_installed)
        self._import_job.failed.connect(self._on_import_error)
        self._import_job.finished.connect(self._on_import_finished)
        self._show_notice(self.tr("Importing {name}…").format(name=path.name))
        self._import_job.start()
        self.installed.set_importing(True)

    # -- worker signals -------------------------------------------------------

    @Slot(InstalledModel)
    def _on_installed(self, model: InstalledModel) -> None:
        self.refresh()
        self._show_notice(self.tr("{name} is installed and ready.").format(name=model.name))

    @Slot(Exception)
    def _on_import_error(self, error: Exception) -> None:
        self._show_error(user_message(error, self._language))

    @Slot()
    def _on_import_finished(self) -> None:
        self._import_job = None
        self.installed.set_importing(False)

    # -- closing --------------------------------------------------------------

    def shutdown(self) -> None:
        """Cancel every download (kept for a resume) and wait for all threads."""
        for row in self.rows.values():
            row.stop()
        self.speed_box.shutdown()
        if self._import_job is not None:
            # A copy cannot be interrupted half-way without leaving a stray file;
            # it is a local disk copy, so waiting for its end is bounded.
            self._import_job.join()

    def done(self, result: int) -> None:
        """Every way of closing (Close, Esc, the title bar) ends here."""
        self.shutdown()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Closing while hidden skips :meth:`done`; stop the threads anyway."""
        self.shutdown()
        super().closeEvent(event)
