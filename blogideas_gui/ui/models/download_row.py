"""One catalog model in the model manager: its facts, fit badge and download.

Each row owns at most one download, run by a generator worker
(:mod:`blogideas_gui.ui.common.worker`) on its own thread, so several downloads can run side by side
and the window never waits for the network. The row only reacts to the
worker's signals; :meth:`DownloadRow.stop` cancels and waits, so closing the
window leaves no thread behind.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import user_message
from blogideas_gui.core.common.language import Language
from blogideas_gui.core.common.units import format_bytes
from blogideas_gui.core.models.advice import ModelAdvice
from blogideas_gui.core.models.catalog import CatalogEntry
from blogideas_gui.core.models.downloads import (
    DownloadEvent,
    DownloadPhase,
    DownloadPhaseChanged,
    DownloadProgress,
    DownloadResult,
    DownloadSource,
    partial_bytes,
)
from blogideas_gui.core.models.fit import Fit
from blogideas_gui.core.models.installed import InstalledModel
from blogideas_gui.ui.common.worker import GeneratorWorker, WorkerHandle, on_new_thread
from blogideas_gui.ui.models.speed_text import speed_sentence

log = logging.getLogger(__name__)

Downloader = Callable[[DownloadSource, CancelToken], Iterator[DownloadEvent]]
BAR_STEPS = 1000  # permille: a QProgressBar holds an int, and models exceed 2 GiB
STOP_WAIT_MS = 10_000
_BADGE_COLOURS = {
    Fit.FITS_WELL: ("#1e6b34", "#dcf2e2"),
    Fit.TIGHT: ("#7a4f00", "#fdf0cf"),
    Fit.TOO_BIG: ("#8c1d18", "#fbe0de"),
}


class DownloadWorker(GeneratorWorker):
    """Runs a download and reports each kind of news on its own signal.

    Signals:
        progress(DownloadProgress): more bytes arrived.
        phase_changed(DownloadPhase): connecting, retrying, verifying.
        downloaded(DownloadResult): the file is in place.
    """

    progress = Signal(DownloadProgress)
    phase_changed = Signal(DownloadPhase)
    downloaded = Signal(DownloadResult)

    def deliver(self, item: object) -> None:
        """Route one download event to its signal."""
        if isinstance(item, DownloadProgress):
            self.progress.emit(item)
        elif isinstance(item, DownloadPhaseChanged):
            self.phase_changed.emit(item.phase)
        elif isinstance(item, DownloadResult):
            self.downloaded.emit(item)


def entry_source(entry: CatalogEntry) -> DownloadSource:
    """Where a catalog entry's file is on the hub."""
    return DownloadSource(entry.repo, entry.file, entry.revision)


class DownloadRow(QFrame):
    """A catalog entry with Download / Cancel / Resume and a live progress bar.

    Signals:
        installed(InstalledModel): the model once its file is verified.
        failed(str): a one-line, plain-language message for the window.
    """

    installed = Signal(InstalledModel)
    failed = Signal(str)

    def __init__(
        self,
        entry: CatalogEntry,
        downloader: Downloader,
        folder: Path,
        language: Language,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.entry = entry
        self.source = entry_source(entry)
        self._downloader = downloader
        self._folder = folder
        self._language = language
        self._job: WorkerHandle | None = None
        self._installed = False
        self._error = ""
        self.fit: Fit | None = None
        self.setObjectName(f"row-{entry.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._build()

    def _build(self) -> None:
        self.title = QLabel(f"<b>{self.entry.name}</b>", self)
        self.badge = QLabel(self)
        self.recommended = QLabel(self.tr("★ Recommended for you"), self)
        self.recommended.setStyleSheet("color: #0b57d0; font-weight: bold;")
        self.recommended.hide()
        self.description = QLabel(self.entry.described(), self)
        self.description.setWordWrap(True)
        names = {
            "ko": self.tr("Korean"),
            "en": self.tr("English"),
            "ja": self.tr("Japanese"),
            "zh": self.tr("Chinese"),
            "es": self.tr("Spanish"),
        }
        languages = ", ".join(names.get(code, code) for code in self.entry.languages)
        facts = self.tr("{size} · {params}B parameters · {quant} · writes {languages} · {licence}")
        self.facts = QLabel(
            facts.format(
                size=format_bytes(self.entry.size_bytes),
                params=f"{self.entry.parameters_billion:g}",
                quant=self.entry.quantization,
                languages=languages,
                licence=self.entry.license,
            ),
            self,
        )
        self.facts.setStyleSheet("color: #5f6368;")
        self.facts.setWordWrap(True)
        self.speed = QLabel(self)
        self.speed.setObjectName("speed")
        self.speed.setWordWrap(True)
        self.speed.hide()
        self.progress = QProgressBar(self)
        self.progress.setRange(0, BAR_STEPS)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(12)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.download_button = QPushButton(self.tr("Download"), self)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)

        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(self.badge)
        heading.addWidget(self.recommended)
        heading.addStretch(1)
        heading.addWidget(self.download_button)
        heading.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(2)
        layout.addLayout(heading)
        layout.addWidget(self.description)
        layout.addWidget(self.facts)
        layout.addWidget(self.speed)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        self.download_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.refresh(installed=False)

    # -- state ----------------------------------------------------------------

    @property
    def is_downloading(self) -> bool:
        """Whether this row's download thread is running."""
        return self._job is not None

    def set_advice(self, advice: ModelAdvice, recommended: bool) -> None:
        """Show the fit badge, the predicted speed here, and mark the recommendation."""
        self.set_fit(advice.fit, recommended)
        self.speed.setText(speed_sentence(advice.speed, self._language))
        self.speed.setVisible(bool(self.speed.text()))

    def set_fit(self, fit: Fit, recommended: bool) -> None:
        """Show the memory verdict as a coloured badge, and mark the recommendation."""
        words = {
            Fit.FITS_WELL: self.tr("fits well"),
            Fit.TIGHT: self.tr("tight"),
            Fit.TOO_BIG: self.tr("too big"),
        }
        colour, background = _BADGE_COLOURS[fit]
        self.badge.setText(words[fit])
        self.badge.setStyleSheet(
            f"color: {colour}; background: {background}; border-radius: 4px; padding: 1px 6px;"
        )
        self.badge.setToolTip(
            self.tr("Estimated from the file size and the memory a context of this size needs.")
        )
        self.fit = fit
        self.recommended.setVisible(recommended)

    def refresh(self, installed: bool) -> None:
        """Buttons and status for the row's state when no download runs."""
        self._installed = installed
        if self.is_downloading:
            return
        kept = 0 if installed else partial_bytes(self.source, self._folder)
        self.download_button.setText(self.tr("Resume") if kept else self.tr("Download"))
        self.download_button.setEnabled(not installed)
        self.download_button.setVisible(not installed)
        self.cancel_button.hide()
        self.progress.setVisible(bool(kept))
        self.status.setStyleSheet("color: #b3261e;" if self._error and not installed else "")
        if installed:
            self.status.setText(self.tr("Installed"))
        elif self._error:
            self.status.setText(self._error)
        elif kept:
            self._show_fraction(kept, self.entry.size_bytes)
            self.status.setText(
                self.tr("Paused at {done} of about {total}. Resume goes on from there.").format(
                    done=format_bytes(kept), total=format_bytes(self.entry.size_bytes)
                )
            )
        else:
            self.status.setText("")
        self.status.setVisible(bool(self.status.text()))

    def _show_fraction(self, done: int, total: int | None) -> None:
        if total:
            self.progress.setRange(0, BAR_STEPS)
            self.progress.setValue(int(BAR_STEPS * min(1.0, done / total)))
        else:
            self.progress.setRange(0, 0)  # size unknown: a busy bar

    # -- actions --------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        """Start (or resume) the download on a worker thread."""
        if self.is_downloading or self._installed:
            return
        self._error = ""
        self.status.setStyleSheet("")
        cancel = CancelToken()
        source, downloader = self.source, self._downloader
        worker = DownloadWorker(lambda: downloader(source, cancel), cancel)
        self._job = on_new_thread(worker)
        worker.progress.connect(self._on_progress)
        worker.phase_changed.connect(self._on_phase)
        worker.downloaded.connect(self._on_downloaded)
        worker.failed.connect(self._on_error)
        worker.finished.connect(self._on_finished)
        self.download_button.hide()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.progress.show()
        self.status.show()
        self.status.setText(self.tr("Connecting…"))
        self._job.start()

    @Slot()
    def cancel(self) -> None:
        """Pause the download; the bytes so far stay for a resume."""
        if self._job is not None:
            self._job.abort()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Stopping…"))

    def stop(self) -> None:
        """Cancel and wait for the thread to end (the window is closing)."""
        if self._job is None:
            return
        if self._job.wait(STOP_WAIT_MS):
            self._job = None  # the thread has ended; its queued signals may still arrive
        else:
            log.warning("download thread for %s still running", self.entry.id)

    # -- worker signals -------------------------------------------------------

    @Slot(DownloadProgress)
    def _on_progress(self, event: DownloadProgress) -> None:
        self._show_fraction(event.done, event.total)
        self.status.setText(self._progress_text(event))

    @Slot(DownloadPhase)
    def _on_phase(self, phase: DownloadPhase) -> None:
        texts = {
            DownloadPhase.CONNECTING: self.tr("Connecting…"),
            DownloadPhase.RETRYING: self.tr("Connection lost; trying again…"),
            DownloadPhase.VERIFYING: self.tr("Checking the file…"),
        }
        if phase in texts:
            self.status.setText(texts[phase])

    @Slot(DownloadResult)
    def _on_downloaded(self, result: DownloadResult) -> None:
        if result.model is not None:
            self._installed = True
            self.installed.emit(result.model)

    def _progress_text(self, event: DownloadProgress) -> str:
        if event.total is None:
            return self.tr("{done} so far").format(done=format_bytes(event.done))
        text = self.tr("{done} of {total}").format(
            done=format_bytes(event.done), total=format_bytes(event.total)
        )
        if event.bytes_per_second:
            text += " · " + self.tr("{speed}/s").format(speed=format_bytes(event.bytes_per_second))
        if event.seconds_left is not None:
            text += " · " + self._time_left(event.seconds_left)
        return text

    def _time_left(self, seconds: float) -> str:
        if seconds < 60:
            return self.tr("{n} s left").format(n=max(1, round(seconds)))
        if seconds < 3600:
            return self.tr("about {n} min left").format(n=round(seconds / 60))
        return self.tr("about {h} h {m} min left").format(
            h=int(seconds // 3600), m=round(seconds % 3600 / 60)
        )

    @Slot(Exception)
    def _on_error(self, error: Exception) -> None:
        self._error = user_message(error, self._language)
        self.failed.emit(self._error)

    @Slot()
    def _on_finished(self) -> None:
        if self._job is not None:
            self._job.join()
        self._job = None
        self.refresh(self._installed)
