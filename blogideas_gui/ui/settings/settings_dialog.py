"""The settings window: languages, the OpenAI key and server, the monthly limit.

The key is saved or removed at once, through :class:`KeyStore`, and never
shown again in full: only its ends ("sk-…1234") and where it is kept, with
the no-keychain notice when it went to a file. The key field belongs to the
server address shown: empty means OpenAI's key; another address gets a key
of its own, which is only ever sent to that server. Everything else is
applied only on OK, as a new :class:`Settings` the window saves.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from blogideas_gui.core.account.budget import Ledger, format_usd
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind, user_message
from blogideas_gui.core.common.language import Language, current_language
from blogideas_gui.core.settings.preferences import Settings
from blogideas_gui.core.settings.secrets import (
    OPENAI_API_URL,
    KeyStore,
    masked_key,
    normalized_address,
)
from blogideas_gui.ui.common.styles import ERROR_STYLE, NOTE_STYLE

BUDGET_MAX_USD = 1000.0
_UI_LANGUAGES: dict[str, Language] = {"ko": "ko", "en": "en"}


class SettingsDialog(QDialog):
    """Edits a copy of the settings; OK hands it back.

    Args:
        settings: the current settings (not changed in place).
        key_store: where the OpenAI key is kept; the system's by default.
        ledger: this month's spending; the data folder's by default.
        language: the language of messages; the settings' or the system's.

    Signals:
        settings_changed(Settings): the new settings, on OK.
        rerun_guide(): the user asked for the first-run guide again.
    """

    settings_changed = Signal(Settings)
    rerun_guide = Signal()

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        key_store: KeyStore | None = None,
        ledger: Ledger | None = None,
        language: Language | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._store = key_store or KeyStore()
        self.language: Language = (
            language or _UI_LANGUAGES.get(settings.ui_language) or current_language()
        )
        self.setWindowTitle(self.tr("Settings"))

        self.ui_language = QComboBox(self)
        self.ui_language.addItem(self.tr("System language"), "")
        self.ui_language.addItem("한국어", "ko")
        self.ui_language.addItem("English", "en")
        self.output_language = QComboBox(self)
        self.output_language.addItem(self.tr("Same as the interface"), "")
        self.output_language.addItem("한국어", "ko")
        self.output_language.addItem("English", "en")
        languages = QFormLayout()
        languages.addRow(self.tr("Interface language:"), self.ui_language)
        languages.addRow(self.tr("Ideas are written in:"), self.output_language)

        self.key_group = QGroupBox(self.tr("OpenAI"), self)
        self.key_state = QLabel(self.key_group)
        self.key_state.setWordWrap(True)
        self.key_notice = QLabel(self.key_group)
        self.key_notice.setWordWrap(True)
        self.key_notice.hide()
        self.key = QLineEdit(self.key_group)
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText(self.tr("Paste a new key (sk-…)"))
        self.save_key_button = QPushButton(self.tr("Save key"), self.key_group)
        self.remove_key_button = QPushButton(self.tr("Remove key"), self.key_group)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key, 1)
        key_row.addWidget(self.save_key_button)
        key_row.addWidget(self.remove_key_button)
        self.server = QLineEdit(self.key_group)
        self.server.setPlaceholderText(self.tr("Empty means OpenAI itself"))
        self.model = QLineEdit(self.key_group)
        self.budget = QDoubleSpinBox(self.key_group)
        self.budget.setRange(0.0, BUDGET_MAX_USD)
        self.budget.setSingleStep(1.0)
        self.budget.setDecimals(2)
        self.budget.setPrefix("$")
        self.spent = QLabel(self.key_group)
        self.spent.setStyleSheet(NOTE_STYLE)
        budget_row = QHBoxLayout()
        budget_row.addWidget(self.budget)
        budget_row.addWidget(self.spent, 1)
        openai = QFormLayout(self.key_group)
        openai.addRow(self.key_state)
        openai.addRow(self.tr("API key:"), key_row)
        openai.addRow(self.key_notice)
        openai.addRow(self.tr("Server address:"), self.server)
        openai.addRow(self.tr("Model:"), self.model)
        openai.addRow(self.tr("Monthly limit:"), budget_row)

        self.guide_button = QPushButton(self.tr("Run the first-run guide again"), self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addLayout(languages)
        layout.addWidget(self.key_group)
        layout.addWidget(self.guide_button)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(620, 0)

        self.save_key_button.clicked.connect(self.save_key)
        self.server.editingFinished.connect(self._show_key)
        self.remove_key_button.clicked.connect(self.remove_key)
        self.guide_button.clicked.connect(self._rerun_guide)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._fill(ledger or Ledger())

    def _fill(self, ledger: Ledger) -> None:
        """Show the current settings, the stored key and this month's spending."""
        settings = self._settings
        self.ui_language.setCurrentIndex(max(0, self.ui_language.findData(settings.ui_language)))
        self.output_language.setCurrentIndex(
            max(0, self.output_language.findData(settings.output_language))
        )
        self.server.setText(settings.openai_base_url)
        self.model.setText(settings.openai_model)
        self.budget.setValue(min(settings.monthly_budget_usd, BUDGET_MAX_USD))
        try:
            spent = format_usd(ledger.month_total())
        except Exception:  # noqa: BLE001 - an unreadable ledger must not stop Settings
            spent = "?"
        self.spent.setText(self.tr("Spent this month: {amount}").format(amount=spent))
        self._show_key()

    def _keys(self) -> KeyStore:
        """The store of the key for the server shown (OpenAI's when the field is empty)."""
        return self._store.for_address(normalized_address(self.server.text()) or OPENAI_API_URL)

    @Slot()
    def _show_key(self, notice: BlogIdeasError | None = None) -> None:
        """Say whether a key is stored for the server shown and where, showing only its ends."""
        try:
            keys = self._keys()
        except BlogIdeasError as error:  # an address holding a key
            self._show_notice(user_message(error, self.language), ERROR_STYLE)
            return
        stored = keys.load()
        if stored is None and keys.server is None:
            text = self.tr("No OpenAI key is stored.")
        elif stored is None:
            text = self.tr("No key is stored for this server; it gets none.")
        elif stored.source == "keychain":
            text = self.tr("A key is stored in the system keychain: {key}")
        else:
            text = self.tr("A key is stored in a file only you can read: {key}")
            notice = notice or BlogIdeasError(
                ErrorKind.KEY_NOT_IN_KEYCHAIN, str(keys.fallback_path)
            )
        self.key_state.setText(text.format(key=masked_key(stored.value) if stored else ""))
        self.remove_key_button.setEnabled(stored is not None)
        self._show_notice(notice.message(self.language) if notice else "", NOTE_STYLE)

    def _show_notice(self, text: str, style: str) -> None:
        self.key_notice.setText(text)
        self.key_notice.setStyleSheet(style)
        self.key_notice.setVisible(bool(text))

    @Slot()
    def save_key(self) -> None:
        """Store the pasted key now and clear the field."""
        try:
            stored = self._keys().save(self.key.text())
        except BlogIdeasError as error:
            self._show_notice(user_message(error, self.language), ERROR_STYLE)
            return
        self.key.clear()
        self._show_key(stored.notice)

    @Slot()
    def remove_key(self) -> None:
        """Forget the stored key (of the server shown) everywhere it may be."""
        try:
            self._keys().delete()
        except BlogIdeasError as error:
            self._show_notice(user_message(error, self.language), ERROR_STYLE)
            return
        self._show_key()

    @Slot()
    def _rerun_guide(self) -> None:
        """The guide sets the same things, so this window steps aside for it."""
        self.rerun_guide.emit()
        self.reject()

    def new_settings(self) -> Settings:
        """The settings as this window shows them now."""
        return dataclasses.replace(
            self._settings,
            ui_language=self.ui_language.currentData(),
            output_language=self.output_language.currentData(),
            openai_base_url=self.server.text().strip(),
            openai_model=self.model.text().strip() or self._settings.openai_model,
            monthly_budget_usd=float(self.budget.value()),
        )

    def accept(self) -> None:
        """OK: save a pasted key too (people forget Save key), then hand the settings on."""
        if self.key.text().strip():
            self.save_key()
            if self.key.text().strip():  # not saved: the message says why
                return
        self.settings_changed.emit(self.new_settings())
        super().accept()
