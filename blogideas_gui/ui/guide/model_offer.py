"""The free path's offer: the model a friend would pick for this computer, one click away.

The guide's first answer works at once with the small starter model; this
panel offers the better model that fits this computer well and writes fast
enough here (:mod:`blogideas_gui.core.models.advice`), with its predicted
speed (and, where a weak but faster writer was passed over for it, that one
as the second choice with its time, so the trade is the user's to see), as
one Download button that downloads inside the guide: progress,
Cancel, Resume later (here or in the model manager), and the guide switches
to the model when it is done. Before the speed was ever measured, it is
measured first (a few seconds, in a child process) and the offer follows.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from blogideas_gui.core.common.language import Language
from blogideas_gui.core.common.units import format_bytes
from blogideas_gui.core.models.advice import ModelAdvice, advise, choose
from blogideas_gui.core.models.catalog import CatalogEntry
from blogideas_gui.core.models.installed import InstalledModel, list_installed
from blogideas_gui.core.models.machine import MachineFacts
from blogideas_gui.core.models.speed import SpeedBook
from blogideas_gui.ui.models.download_row import Downloader, DownloadRow
from blogideas_gui.ui.models.speed_box import Measure, SpeedBox
from blogideas_gui.ui.models.speed_text import wait_text


class ModelOffer(QWidget):
    """The recommended model for this computer, with its speed and a Download button.

    Args:
        entries: the catalog.
        facts: this computer's memory and disk.
        speeds: the speed measurements so far; measured now when there are none.
        downloader: runs a download (the hub's, with the app's folder and options).
        folder: the models folder (to see what is installed or paused).
        language: the language ideas are written in, which decides the pick.
        measure: measures the speed (tests pass their own; a child process by default).

    Signals:
        installed(InstalledModel): the model once downloaded and verified.
    """

    installed = Signal(InstalledModel)

    def __init__(
        self,
        entries: Sequence[CatalogEntry],
        facts: MachineFacts,
        speeds: SpeedBook,
        downloader: Downloader,
        folder: Path,
        language: Language,
        parent: QWidget | None = None,
        measure: Measure | None = None,
    ) -> None:
        super().__init__(parent)
        self._entries = list(entries)
        self._facts = facts
        self._downloader = downloader
        self._folder = folder
        self._language = language
        self.recommended: CatalogEntry | None = None
        self.downloaded: InstalledModel | None = None
        self.row: DownloadRow | None = None
        self.text = QLabel(self)
        self.text.setObjectName("recommendation")
        self.text.setWordWrap(True)
        self.text.setStyleSheet("font-weight: bold;")
        self.second = QLabel(self)
        self.second.setObjectName("second_choice")
        self.second.setWordWrap(True)
        self.second.hide()
        self.speed_box = (
            SpeedBox(speeds, self) if measure is None else SpeedBox(speeds, self, measure)
        )
        self.speed_box.button.hide()  # the guide measures once; the manager measures again
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.text)
        self._layout.addWidget(self.speed_box)
        self._layout.addWidget(self.second)
        self.speed_box.measured.connect(self._measured)
        if speeds.probe is None:
            self.speed_box.measure()
        self._offer(speeds)

    @Slot(SpeedBook)
    def _measured(self, book: SpeedBook) -> None:
        self._offer(book)

    def _offer(self, speeds: SpeedBook) -> None:
        """Show the pick for these measurements (kept while its download runs)."""
        if self.row is not None and self.row.is_downloading:
            return
        advice = advise(self._entries, self._facts, speeds)
        choice = choose(advice, self._language)
        best = None if choice.best is None else choice.best.entry
        self.recommended = best
        self._show_second(None if self.speed_box.is_measuring else choice.faster)
        if self.speed_box.is_measuring:
            self.text.setText(self.tr("Checking which better model suits this computer…"))
        elif best is None:
            self.text.setText(
                self.tr(
                    "On this computer the starter model is the best fit: larger models "
                    "would not fit its memory well or would write too slowly."
                )
            )
        else:
            self.text.setText(
                self.tr(
                    "For better ideas, this computer can run {name} ({size} download). "
                    "It downloads here, and BlogIdeas switches to it when it is ready."
                ).format(name=best.name, size=format_bytes(best.size_bytes))
            )
        self._show_row(None if best is None or self.speed_box.is_measuring else best, advice)

    def _show_second(self, faster: ModelAdvice | None) -> None:
        """The faster, weaker writer passed over for the pick, with its wait for five ideas."""
        if faster is None or faster.speed is None:
            self.second.hide()
            return
        self.second.setText(
            self.tr(
                "Second choice: {name} ({size} download) is faster, a five-idea answer "
                "in {wait}, but it writes less well. It is in the model manager."
            ).format(
                name=faster.entry.name,
                size=format_bytes(faster.entry.size_bytes),
                wait=wait_text(faster.speed.typical_wait_seconds),
            )
        )
        self.second.show()

    def _show_row(self, entry: CatalogEntry | None, advice: Sequence[ModelAdvice]) -> None:
        if self.row is not None and (entry is None or self.row.entry.id != entry.id):
            self.row.stop()
            self._layout.removeWidget(self.row)
            self.row.deleteLater()
            self.row = None
        if entry is None:
            return
        if self.row is None:
            self.row = DownloadRow(entry, self._downloader, self._folder, self._language, self)
            self.row.installed.connect(self._on_installed)
            self._layout.insertWidget(self._layout.indexOf(self.second), self.row)
        self.row.set_advice(next(a for a in advice if a.entry.id == entry.id), recommended=True)
        present = {model.path.name for model in list_installed(self._folder, self._entries)}
        self.row.refresh(installed=self.row.source.local_name in present)
        if self.row.source.local_name in present and self.downloaded is None:
            self.downloaded = next(
                m for m in list_installed(self._folder, self._entries)
                if m.path.name == self.row.source.local_name
            )  # fmt: skip

    @Slot(InstalledModel)
    def _on_installed(self, model: InstalledModel) -> None:
        self.downloaded = model
        self.text.setText(
            self.tr("{name} is ready: BlogIdeas will write with it.").format(name=model.name)
        )
        self.installed.emit(model)

    def shutdown(self) -> None:
        """Pause a running download (kept for a resume) and stop a measurement; wait for both."""
        if self.row is not None:
            self.row.stop()
        self.speed_box.shutdown()
