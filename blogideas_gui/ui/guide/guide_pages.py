"""The three panels of the first-run guide, one per answer.

Only widgets and how they look live here; what the buttons do is in
:mod:`.first_run`, so the pages stay plain to read and to translate.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from blogideas_gui.core.settings.secrets import masked_key
from blogideas_gui.ui.common.styles import NOTE_STYLE

# Where each server speaks the OpenAI protocol by default.
SERVER_EXAMPLES = (
    ("Ollama", "http://localhost:11434/v1"),
    ("LM Studio", "http://localhost:1234/v1"),
    ("llama-server", "http://localhost:8080/v1"),
    ("vLLM", "http://localhost:8000/v1"),
)


def _paragraph(text: str, parent: QWidget, style: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet(style)
    return label


class _TestRow(QWidget):
    """A Test button that becomes Cancel while the test runs, and a status line under it."""

    def __init__(self, test_text: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.test_button = QPushButton(test_text, self)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.hide()
        self.status = _paragraph("", self)
        self.status.hide()
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.status)


class _TestedPage(QWidget):
    """A page with a Test row: shared running state and status line."""

    tests: _TestRow

    @property
    def test_button(self) -> QPushButton:
        """Starts the test."""
        return self.tests.test_button

    @property
    def cancel_button(self) -> QPushButton:
        """Stops waiting for the test's answer."""
        return self.tests.cancel_button

    @property
    def status(self) -> QLabel:
        """The test's outcome in plain words."""
        return self.tests.status

    @Slot(bool)
    def set_running(self, running: bool) -> None:
        """Swap Test for Cancel while a test runs."""
        self.tests.test_button.setVisible(not running)
        self.tests.cancel_button.setVisible(running)
        if not running and self.status.text().endswith("…"):
            self.show_status(self.tr("The test was stopped."), "")

    def show_status(self, text: str, style: str) -> None:
        """One message at a time under the Test button."""
        self.status.setText(text)
        self.status.setStyleSheet(style)
        self.status.setVisible(bool(text))


class LocalPage(QWidget):
    """Free, on this computer: the starter model now, and a better one one click away."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        intro = _paragraph(
            self.tr(
                "A small starter model is already installed: it works right away, without "
                "the internet, and nothing you type leaves this computer. It is small and "
                "writes best in English."
            ),
            self,
        )
        self.manager_button = QPushButton(self.tr("Open the model manager"), self)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.manager_button)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(intro)
        self._layout.addLayout(row)
        self._layout.addStretch(1)

    def set_offer(self, offer: QWidget) -> None:
        """Put the better model's offer (:class:`~.model_offer.ModelOffer`) under the intro."""
        self._layout.insertWidget(1, offer)


class OpenAIPage(_TestedPage):
    """OpenAI (paid): paste a key, test it, read what the test found."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.has_stored = False
        intro = _paragraph(
            self.tr(
                "Paste your OpenAI API key. You create it at platform.openai.com under "
                "“API keys”; it is shown there only once. BlogIdeas keeps it in your "
                "system's keychain, never in a settings file."
            ),
            self,
        )
        self.key = QLineEdit(self)
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText(self.tr("sk-…"))
        self.stored = _paragraph("", self, NOTE_STYLE)
        self.stored.hide()
        self.tests = _TestRow(self.tr("Test the key"), self)
        self.cost_note = _paragraph("", self, NOTE_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.key)
        layout.addWidget(self.stored)
        layout.addWidget(self.tests)
        layout.addStretch(1)
        layout.addWidget(self.cost_note)

    def set_stored(self, key: str | None) -> None:
        """Say that a key is stored, showing only its ends."""
        self.has_stored = bool(key)
        if key:
            self.stored.setText(
                self.tr("A key is stored ({key}). Paste a new one only to replace it.").format(
                    key=masked_key(key)
                )
            )
        self.stored.setVisible(bool(key))


class ServerPage(_TestedPage):
    """Another server: its address, a model name, and a Test that lists its models."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        intro = _paragraph(
            self.tr(
                "Use a program that runs models on this computer or on your network. "
                "Type its address, or click the program you use:"
            ),
            self,
        )
        links = "<br>".join(f'<a href="{url}">{name}</a>: {url}' for name, url in SERVER_EXAMPLES)
        self.examples = QLabel(links, self)
        self.examples.setOpenExternalLinks(False)
        self.examples.linkActivated.connect(self.use_example)
        self.address = QLineEdit(self)
        self.address.setPlaceholderText("http://localhost:11434/v1")
        self.model = QComboBox(self)
        self.model.setEditable(True)
        self.model.setMinimumContentsLength(24)
        line = self.model.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("Test fills this in"))
        form = QFormLayout()
        form.addRow(self.tr("Address:"), self.address)
        form.addRow(self.tr("Model:"), self.model)
        self.tests = _TestRow(self.tr("Test the server"), self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.examples)
        layout.addLayout(form)
        layout.addWidget(self.tests)
        layout.addStretch(1)

    @Slot(str)
    def use_example(self, url: str) -> None:
        """Put an example's address in the field."""
        self.address.setText(url)

    def set_models(self, models: Sequence[str], wanted: str) -> None:
        """Offer the server's models; keep ``wanted`` if listed, else pick the first."""
        self.model.clear()
        self.model.addItems(list(models))
        self.model.setCurrentText(wanted if wanted in models else models[0])
