"""The presets window: named platform/tone/readers/length choices, and the role prompt.

Two tabs. "Presets" lists the saved presets; picking one fills the fields,
Save stores the fields under the name typed (replacing a preset of that
name), Delete removes the one picked. "Role prompt" shows the system message
for a chosen language; Save keeps the user's version, "Restore the default"
brings back the shipped one. Every change is written at once through the
stores passed in, so there is no OK/Cancel to forget.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from blogideas_gui.core.common.errors import BlogIdeasError, user_message
from blogideas_gui.core.common.language import Language, current_language
from blogideas_gui.core.writing.presets import (
    LENGTHS,
    PLATFORMS,
    Preset,
    PresetStore,
    length_name,
    platform_name,
)
from blogideas_gui.core.writing.templates import TemplateStore
from blogideas_gui.ui.common.composing import Composition
from blogideas_gui.ui.common.styles import ERROR_STYLE, NOTE_STYLE


class PresetsDialog(QDialog):
    """Edits the saved presets and the role-prompt templates.

    Args:
        parent: the owning window.
        store: the presets; the config folder's by default.
        templates: the role prompts; the config folder's by default.
        language: the language of platform names and messages; the system's by default.

    Signals:
        presets_changed(): a preset was saved or deleted.
        template_changed(str): the role prompt of this language was saved or restored.
    """

    presets_changed = Signal()
    template_changed = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        store: PresetStore | None = None,
        templates: TemplateStore | None = None,
        language: Language | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Presets"))
        self._store = store or PresetStore()
        self._templates = templates or TemplateStore()
        self._language: Language = language or current_language()

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._presets_tab(), self.tr("Presets"))
        self.tabs.addTab(self._template_tab(), self.tr("Role prompt"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)

        self.refresh_list()
        self._show_template()
        # A syllable still being composed is finished before a field is saved.
        self.composition = Composition(self.name, self.tone, self.audience, self.template)
        self.resize(640, 460)

    def _presets_tab(self) -> QWidget:
        tab = QWidget(self)
        self.preset_list = QListWidget(tab)
        self.name = QLineEdit(tab)
        self.name.setPlaceholderText(self.tr("e.g. Weekend cafe posts"))
        self.platform = QComboBox(tab)
        self.platform.addItem(self.tr("Any platform"), "")
        for platform in PLATFORMS:
            self.platform.addItem(platform_name(platform, self._language), platform)
        self.tone = QLineEdit(tab)
        self.tone.setPlaceholderText(self.tr("e.g. warm and chatty"))
        self.audience = QLineEdit(tab)
        self.audience.setPlaceholderText(self.tr("e.g. office workers new to home cafes"))
        self.length = QComboBox(tab)
        self.length.addItem(self.tr("Any length"), "")
        for length in LENGTHS:
            self.length.addItem(length_name(length, self._language), length)
        self.new_button = QPushButton(self.tr("New"), tab)
        self.save_button = QPushButton(self.tr("Save"), tab)
        self.delete_button = QPushButton(self.tr("Delete"), tab)
        self.preset_message = QLabel(tab)
        self.preset_message.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Platform"), self.platform)
        form.addRow(self.tr("Tone"), self.tone)
        form.addRow(self.tr("Readers"), self.audience)
        form.addRow(self.tr("Length"), self.length)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.save_button)
        fields = QVBoxLayout()
        fields.addLayout(form)
        fields.addLayout(buttons)
        fields.addWidget(self.preset_message)
        fields.addStretch(1)
        layout = QHBoxLayout(tab)
        layout.addWidget(self.preset_list, 1)
        layout.addLayout(fields, 2)

        self.preset_list.currentItemChanged.connect(self._preset_picked)
        self.new_button.clicked.connect(self._new_preset)
        self.save_button.clicked.connect(self._save_preset)
        self.delete_button.clicked.connect(self._delete_preset)
        return tab

    def _template_tab(self) -> QWidget:
        tab = QWidget(self)
        self.template_language = QComboBox(tab)
        self.template_language.addItem("한국어", "ko")
        self.template_language.addItem("English", "en")
        self.template_language.setCurrentIndex(self.template_language.findData(self._language))
        self.template = QPlainTextEdit(tab)
        self.template_state = QLabel(tab)
        self.template_state.setWordWrap(True)
        self.template_save_button = QPushButton(self.tr("Save"), tab)
        self.restore_button = QPushButton(self.tr("Restore the default"), tab)
        note = QLabel(
            self.tr(
                "The role prompt tells the model who it is and how to answer. "
                "Keep the answer format it asks for, or the ideas cannot be shown as cards."
            ),
            tab,
        )
        note.setWordWrap(True)
        note.setStyleSheet(NOTE_STYLE)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Language"), tab))
        top.addWidget(self.template_language)
        top.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.template_state, 1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.template_save_button)
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addWidget(self.template, 1)
        layout.addLayout(buttons)

        self.template_language.currentIndexChanged.connect(self._show_template)
        self.template_save_button.clicked.connect(self._save_template)
        self.restore_button.clicked.connect(self._restore_template)
        return tab

    # Presets tab

    def refresh_list(self, select: str = "") -> None:
        """Reload the list from the store, picking ``select`` when it is there."""
        self.preset_list.blockSignals(True)
        self.preset_list.clear()
        for preset in self._store.list():
            self.preset_list.addItem(preset.name)
        self.preset_list.blockSignals(False)
        matches = self.preset_list.findItems(select, Qt.MatchFlag.MatchExactly) if select else []
        if matches:
            self.preset_list.setCurrentItem(matches[0])
        self.delete_button.setEnabled(self.preset_list.currentItem() is not None)

    def preset(self) -> Preset:
        """The preset as the fields show it (not yet saved)."""
        return Preset(
            name=self.name.text(),
            platform=self.platform.currentData(),
            tone=self.tone.text(),
            audience=self.audience.text(),
            length=self.length.currentData(),
        )

    def show_preset(self, preset: Preset) -> None:
        """Fill the fields with ``preset``."""
        self.name.setText(preset.name)
        self.platform.setCurrentIndex(max(0, self.platform.findData(preset.platform)))
        self.tone.setText(preset.tone)
        self.audience.setText(preset.audience)
        self.length.setCurrentIndex(max(0, self.length.findData(preset.length)))

    @Slot(QListWidgetItem, QListWidgetItem)
    def _preset_picked(self, current: QListWidgetItem | None, _previous: object) -> None:
        self.delete_button.setEnabled(current is not None)
        self._say(self.preset_message, "")
        if current is None:
            return
        preset = self._store.get(current.text())
        if preset is not None:
            self.show_preset(preset)

    @Slot()
    def _new_preset(self) -> None:
        self.preset_list.setCurrentRow(-1)
        self.show_preset(Preset(""))
        self._say(self.preset_message, "")
        self.name.setFocus()

    @Slot()
    def _save_preset(self) -> None:
        self.composition.commit()
        if not self.name.text().strip():
            self._say(self.preset_message, self.tr("Give the preset a name first."), error=True)
            self.name.setFocus()
            return
        try:
            saved = self._store.save(self.preset())
        except BlogIdeasError as error:
            self._say(self.preset_message, user_message(error, self._language), error=True)
            return
        self.refresh_list(select=saved.name)
        self._say(self.preset_message, self.tr("Saved."))
        self.presets_changed.emit()

    @Slot()
    def _delete_preset(self) -> None:
        current = self.preset_list.currentItem()
        if current is None:
            return
        try:
            self._store.delete(current.text())
        except BlogIdeasError as error:
            self._say(self.preset_message, user_message(error, self._language), error=True)
            return
        self.refresh_list()
        self.show_preset(Preset(""))
        self._say(self.preset_message, self.tr("Deleted."))
        self.presets_changed.emit()

    # Role prompt tab

    def template_language_code(self) -> Language:
        """The language whose role prompt the tab shows."""
        return "ko" if self.template_language.currentData() == "ko" else "en"

    @Slot()
    def _show_template(self) -> None:
        language = self.template_language_code()
        self.template.setPlainText(self._templates.get(language))
        self._show_template_state()

    def _show_template_state(self) -> None:
        custom = self._templates.is_custom(self.template_language_code())
        self.restore_button.setEnabled(custom)
        self._say(
            self.template_state,
            self.tr("Your own role prompt is in use.")
            if custom
            else self.tr("The default role prompt is in use."),
        )

    @Slot()
    def _save_template(self) -> None:
        language = self.template_language_code()
        self.composition.commit()
        try:
            self._templates.save(language, self.template.toPlainText())
        except BlogIdeasError as error:
            self._say(self.template_state, user_message(error, self._language), error=True)
            return
        self._show_template()
        self.template_changed.emit(language)

    @Slot()
    def _restore_template(self) -> None:
        language = self.template_language_code()
        try:
            self._templates.restore_default(language)
        except BlogIdeasError as error:
            self._say(self.template_state, user_message(error, self._language), error=True)
            return
        self._show_template()
        self.template_changed.emit(language)

    @staticmethod
    def _say(label: QLabel, text: str, *, error: bool = False) -> None:
        label.setText(text)
        label.setStyleSheet(ERROR_STYLE if error else NOTE_STYLE)
