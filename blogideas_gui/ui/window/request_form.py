"""The request half of the window: the topic, the options, and the buttons.

Ctrl+Enter generates and Esc stops from anywhere in the window (shortcuts),
and from the topic box itself (an event filter), since the shortcut map does
not see keys sent to an inactive window. A syllable a Korean input method is
still composing is finished before the form is read (:mod:`.composing`).
The form draws itself from the window's state (:meth:`RequestForm.watch`):
its buttons from the session model, the engine picker, server fields and hint
from the engine choice, which the picker changes in turn.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from blogideas_gui.core.backends.openai_api import DEFAULT_MODEL
from blogideas_gui.core.common.language import Language
from blogideas_gui.core.writing.presets import Preset, PresetStore
from blogideas_gui.core.writing.prompts import MAX_IDEAS, MIN_IDEAS, IdeaRequest
from blogideas_gui.ui.common.composing import Composition
from blogideas_gui.ui.window.engine_choice import EngineChoice
from blogideas_gui.ui.window.session_model import SessionModel


class LineLabel(QLabel):
    """A label that takes no room while it has nothing to say."""

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        """Show ``text``; hide when it is empty."""
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        """Empty and hide."""
        self.setText("")


class RequestForm(QWidget):
    """Topic, number of ideas, output language, engine, and Generate/Stop/Copy.

    Signals:
        generate_requested(): Generate was clicked or Ctrl+Enter pressed.
        stop_requested(): Stop was clicked or Esc pressed.
    """

    generate_requested = Signal()
    stop_requested = Signal()

    def __init__(
        self, language: Language, parent: QWidget | None = None, presets: PresetStore | None = None
    ) -> None:
        super().__init__(parent)
        self.presets = presets or PresetStore()
        self.preset = QComboBox(self)
        self.topic = QPlainTextEdit(self)
        self.topic.setPlaceholderText(self.tr("What is your blog about? e.g. home coffee brewing"))
        self.topic.setMaximumHeight(72)
        self.topic.setTabChangesFocus(True)
        self.count = QSpinBox(self)
        self.count.setRange(MIN_IDEAS, MAX_IDEAS)
        self.count.setValue(5)
        self.language = QComboBox(self)
        self.language.addItem("한국어", "ko")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(self.language.findData(language))
        self.backend = QComboBox(self)
        self.backend.addItem(self.tr("This computer (free)"), "local")
        self.backend.addItem(self.tr("OpenAI or another server"), "openai")
        self.server = QLineEdit(self)
        self.server.setPlaceholderText("https://api.openai.com/v1")
        self.server_model_name = QLineEdit(DEFAULT_MODEL, self)

        options = QHBoxLayout()
        for label, widget in (
            (self.tr("Ideas"), self.count),
            (self.tr("Language"), self.language),
            (self.tr("Engine"), self.backend),
            (self.tr("Preset"), self.preset),
        ):
            options.addWidget(QLabel(label, self))
            options.addWidget(widget)
        options.addStretch(1)
        self.server_row = QWidget(self)
        server_form = QFormLayout(self.server_row)
        server_form.setContentsMargins(0, 0, 0, 0)
        server_form.addRow(self.tr("Server address"), self.server)
        server_form.addRow(self.tr("Model"), self.server_model_name)

        self.generate_button = QPushButton(self.tr("Generate ideas"), self)
        self.generate_button.setDefault(True)
        self.generate_button.setToolTip(self.tr("Ctrl+Enter"))
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.stop_button.setToolTip(self.tr("Esc"))
        self.copy_button = QPushButton(self.tr("Copy answer"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.generate_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        self.message = LineLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        self.message.clear()
        self.hint = LineLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #5f6368;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Topic"), self))
        layout.addWidget(self.topic)
        layout.addLayout(options)
        layout.addWidget(self.server_row)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.hint)

        self.generate_button.clicked.connect(self.generate_requested)
        self.stop_button.clicked.connect(self.stop_requested)
        self.backend.currentIndexChanged.connect(self._backend_changed)
        self.language.currentIndexChanged.connect(self._update_hint)
        window = parent or self
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), window, self.generate_requested.emit)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), window, self.stop_requested.emit)
        self.topic.installEventFilter(self)
        self.composition = Composition(self.topic, self.server, self.server_model_name)
        self.local_model_name = ""
        self.reload_presets()
        self._backend_changed()

    def reload_presets(self) -> None:
        """Fill the preset picker from the store, keeping the current choice."""
        current = self.preset.currentData()
        self.preset.clear()
        self.preset.addItem(self.tr("No preset"), "")
        for preset in self.presets.list():
            self.preset.addItem(preset.name, preset.name)
        self.preset.setCurrentIndex(max(0, self.preset.findData(current)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Ctrl+Enter and Esc in the topic box, whatever the shortcut map did."""
        if (
            watched is self.topic
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            if ctrl and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.generate_requested.emit()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.stop_requested.emit()
                return True
        return super().eventFilter(watched, event)

    def request(self) -> IdeaRequest:
        """The request as typed (not yet validated), with the chosen preset's choices.

        A syllable still being composed is part of what was typed: finished first.
        """
        self.composition.commit()
        preset = self.presets.get(self.preset.currentData() or "") or Preset("")
        return IdeaRequest(
            topic=self.topic.toPlainText(),
            count=self.count.value(),
            language=self.language.currentData(),
            tone=preset.tone,
            audience=preset.audience,
            platform=preset.platform,
            length=preset.length,
        )

    def show_request(self, request: IdeaRequest) -> None:
        """Fill the form with a past request."""
        self.topic.setPlainText(request.topic)
        self.count.setValue(request.count)
        self.language.setCurrentIndex(self.language.findData(request.language))

    def backend_key(self) -> tuple[str, str | None, str | None]:
        """Which backend the form asks for: (name, model, base URL)."""
        if self.backend.currentData() == "local":
            return ("local", None, None)
        return (
            "openai",
            self.server_model_name.text().strip() or None,
            self.server.text().strip() or None,
        )

    def watch(self, session: SessionModel, engine: EngineChoice) -> None:
        """Draw the buttons, the topic and the engine from ``session`` and ``engine``."""
        for signal in (session.session_changed, session.session_updated, session.busy_changed):
            signal.connect(lambda *_: self._draw_buttons(session))
        session.session_changed.connect(lambda: self._show_session(session))
        session.topic_changed.connect(self._show_topic)
        session.warned.connect(self.message.setText)
        self.topic.textChanged.connect(lambda: session.set_topic(self.topic.toPlainText()))
        engine.backend_changed.connect(self._show_backend)
        engine.settings_changed.connect(lambda: self._show_server(engine))
        engine.local_model_changed.connect(lambda: self._show_local_model(engine))
        self.backend.currentIndexChanged.connect(
            lambda: engine.set_backend(self.backend.currentData())
        )
        self._show_server(engine)
        self._show_local_model(engine)
        self._show_backend(engine.backend)
        self._draw_buttons(session)

    def _draw_buttons(self, session: SessionModel) -> None:
        """Enable the buttons that make sense now."""
        shown = session.shown
        has_answer = session.favourites or (shown is not None and bool(shown.markdown))
        self.generate_button.setEnabled(not session.busy)
        self.stop_button.setEnabled(session.busy)
        self.copy_button.setEnabled(not session.busy and has_answer)

    def _show_session(self, session: SessionModel) -> None:
        """A past session opened: its request fills the form (a new one's is already here)."""
        if session.shown is not None and not session.busy:
            self.message.clear()
            self.show_request(session.shown.request)

    def _show_topic(self, topic: str) -> None:
        if topic != self.topic.toPlainText():
            self.topic.setPlainText(topic)

    def _show_backend(self, backend: str) -> None:
        self.backend.setCurrentIndex(max(0, self.backend.findData(backend)))

    def _show_server(self, engine: EngineChoice) -> None:
        settings = engine.settings
        self.server.setText(settings.openai_base_url)
        self.server_model_name.setText(settings.openai_model)

    def _backend_changed(self) -> None:
        self.server_row.setVisible(self.backend.currentData() == "openai")
        self._update_hint()

    def _show_local_model(self, engine: EngineChoice) -> None:
        """Say which model "this computer" runs; empty for the built-in starter."""
        model = engine.local_model_file
        self.local_model_name = "" if model is None else model.name
        self._update_hint()

    def _update_hint(self) -> None:
        if self.backend.currentData() != "local":
            self.hint.setText("")
        elif self.local_model_name:
            self.hint.setText(self.tr("Model on this computer: %s") % self.local_model_name)
        else:  # a language it cannot write is said by the window's language notice
            self.hint.setText(self.tr("Model on this computer: the built-in starter model"))
