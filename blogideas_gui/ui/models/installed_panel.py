"""The models already on this computer, with Use / Remove / Import buttons.

Only the list and its buttons live here; what the buttons do (deleting,
copying on a worker thread, handing a model to the main window) is the model
manager's, so this panel stays a plain view that tests can read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from blogideas_gui.core.common.units import format_bytes
from blogideas_gui.core.models.fit import Fit
from blogideas_gui.core.models.gguf import GgufFacts
from blogideas_gui.core.models.installed import InstalledModel
from blogideas_gui.core.models.speed import Prediction
from blogideas_gui.ui.models.speed_text import speed_sentence


def ask_for_gguf(parent: QWidget) -> Path | None:
    """The platform's file dialog, filtered to GGUF models."""
    path, _ = QFileDialog.getOpenFileName(
        parent, parent.tr("Import a model file"), "", parent.tr("GGUF models (*.gguf)")
    )
    return Path(path) if path else None


def ask_yes_no(parent: QWidget, title: str, text: str) -> bool:
    """A yes/no question; No is the default, so Enter never deletes by accident."""
    answer = QMessageBox.question(parent, title, text, defaultButton=QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


@dataclass(frozen=True)
class InstalledRow:
    """An installed model as the list shows it: fit, predicted speed, what its file said."""

    model: InstalledModel
    fit: Fit
    speed: Prediction | None
    facts: GgufFacts | None


class InstalledPanel(QGroupBox):
    """A list of installed models (with their fit) and the actions on them."""

    def __init__(self, parent: QWidget | None = None, language: str = "ko") -> None:
        super().__init__(parent)
        self.language = language
        self.setTitle(self.tr("Models on this computer"))
        self.list = QListWidget(self)
        self.list.setMaximumHeight(80)
        self.use_button = QPushButton(self.tr("Use this model"), self)
        self.remove_button = QPushButton(self.tr("Remove…"), self)
        self.import_button = QPushButton(self.tr("Import a .gguf file…"), self)
        self.link_box = QCheckBox(self.tr("Link to the file instead of copying it"), self)
        self.link_box.setToolTip(
            self.tr("Saves disk space; the model stops working if you move or delete the file.")
        )
        actions = QHBoxLayout()
        for widget in (self.use_button, self.remove_button, self.import_button, self.link_box):
            actions.addWidget(widget)
        actions.addStretch(1)
        self.details = QLabel(self)
        self.details.setObjectName("details")
        self.details.setWordWrap(True)
        self.details.setStyleSheet("color: #5f6368;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.details)
        layout.addLayout(actions)
        self._rows: dict[Path, InstalledRow] = {}
        self.list.itemSelectionChanged.connect(self.update_buttons)
        self.update_buttons()

    def selected_model(self) -> InstalledModel | None:
        """The installed model highlighted in the list."""
        item = self.list.currentItem()
        model = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return model if isinstance(model, InstalledModel) else None

    def models(self) -> list[InstalledModel]:
        """Every model listed, in order."""
        found = (self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count()))
        return [model for model in found if isinstance(model, InstalledModel)]

    def show_models(self, rows: Sequence[InstalledRow]) -> None:
        """Replace the list, keeping the selection on the same file."""
        selected = self.selected_model()
        self.list.clear()
        self._rows = {row.model.path: row for row in rows}
        for row in rows:
            item = QListWidgetItem(self._text(row), self.list)
            item.setData(Qt.ItemDataRole.UserRole, row.model)
            if selected is not None and row.model.path == selected.path:
                self.list.setCurrentItem(item)
        self.update_buttons()

    def _details(self, row: InstalledRow | None) -> str:
        """What the selected model's file said about itself, and its predicted speed here."""
        if row is None:
            return ""
        parts = []
        if row.facts is not None:
            context = (
                self.tr("{n} tokens of context").format(n=f"{row.facts.context_length:,}")
                if row.facts.context_length
                else self.tr("context length not stated")
            )
            template = (
                self.tr("has a chat template")
                if row.facts.chat_template
                else self.tr("no chat template")
            )
            parts.append(
                self.tr(
                    "Read from the file: {arch}, {params} parameters, {quant}, {context}, {template}"
                ).format(
                    arch=row.facts.architecture,
                    params=row.facts.parameters_label,
                    quant=row.facts.quantization,
                    context=context,
                    template=template,
                )
            )
            if row.facts.base_model:
                parts.append(
                    self.tr(
                        "A base model, not made to follow instructions: it continues text "
                        "instead of answering, so its ideas may repeat the request or miss "
                        "the topic."
                    )
                )
        elif row.model.source != "bundled":
            parts.append(self.tr("Not read yet: it is checked the first time it is used."))
        if not row.model.verified:
            parts.append(
                self.tr("Not verified: the server gave no checksum, only the size was checked.")
            )
        if sentence := speed_sentence(row.speed, self.language):
            parts.append(sentence)
        return "\n".join(parts)

    def _text(self, row: InstalledRow) -> str:
        """One line: name, size, origin, fit, and what the user should know before using it."""
        model = row.model
        origins = {
            "bundled": self.tr("ships with the app"),
            "downloaded": self.tr("downloaded"),
            "imported": self.tr("imported"),
            "linked": self.tr("linked to your file"),
        }
        fits = {
            Fit.FITS_WELL: self.tr("fits well"),
            Fit.TIGHT: self.tr("tight"),
            Fit.TOO_BIG: self.tr("too big"),
        }
        origin = origins.get(model.source, model.source)
        parts = [f"{model.name} — {format_bytes(model.size_bytes)}", origin, fits[row.fit]]
        if row.facts is not None and row.facts.base_model:
            parts.append(self.tr("not made to follow instructions"))
        if not model.verified:
            parts.append(self.tr("not verified"))
        return " · ".join(parts)

    def set_importing(self, importing: bool) -> None:
        """One import at a time."""
        self.import_button.setEnabled(not importing)

    @Slot()
    def update_buttons(self) -> None:
        """Use needs a selection; the bundled starter cannot be removed."""
        model = self.selected_model()
        self.details.setText(self._details(None if model is None else self._rows.get(model.path)))
        self.details.setVisible(bool(self.details.text()))
        self.use_button.setEnabled(model is not None)
        self.remove_button.setEnabled(model is not None and model.source != "bundled")
