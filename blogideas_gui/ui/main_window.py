"""The main window: a topic in, streamed and rendered ideas out.

Generation runs on a worker thread (:mod:`.worker`); this window only reacts
to its signals, so it never freezes. Backends are kept between requests, so
the local model stays loaded and llama.cpp reuses the evaluated role prompt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from blogideas_gui.core.backends import create_backend
from blogideas_gui.core.backends.base import Backend, CancelToken, GenerationOptions, TextDelta
from blogideas_gui.core.backends.openai_api import DEFAULT_MODEL
from blogideas_gui.core.errors import BlogIdeasError, user_message
from blogideas_gui.core.generation import GenerationResult, PhaseChanged, generate
from blogideas_gui.core.language import Language
from blogideas_gui.core.prompts import MAX_IDEAS, MIN_IDEAS, IdeaRequest
from blogideas_gui.ui.markdown_view import StreamingMarkdownView
from blogideas_gui.ui.status_line import StatusLine
from blogideas_gui.ui.worker import WorkerHandle, create_worker

log = logging.getLogger(__name__)

BackendFactory = Callable[[str, str | None, str | None], Backend]
CLOSE_WAIT_MS = 5000


def default_backend_factory(name: str, model: str | None, base_url: str | None) -> Backend:
    """The real backends, as the CLI makes them."""
    return create_backend(name, model=model, base_url=base_url)


class MainWindow(QMainWindow):
    """Topic, options, Generate/Stop, the rendered answer and a status line."""

    def __init__(
        self,
        backend_factory: BackendFactory = default_backend_factory,
        language: Language = "ko",
        options: GenerationOptions | None = None,
    ) -> None:
        super().__init__()
        self._backend_factory = backend_factory
        self._options = options or GenerationOptions()
        self._backends: dict[tuple[str, str | None, str | None], Backend] = {}
        self._job: WorkerHandle | None = None
        self.last_result: GenerationResult | None = None
        self.setWindowTitle(self.tr("BlogIdeas — blog post ideas"))
        self._build(language)
        self._update_buttons()

    # -- layout ---------------------------------------------------------------

    def _build(self, language: Language) -> None:
        self.topic = QPlainTextEdit(self)
        self.topic.setPlaceholderText(self.tr("What is your blog about? e.g. home coffee brewing"))
        self.topic.setMaximumHeight(90)
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
        self.model_name = QLineEdit(DEFAULT_MODEL, self)

        options = QHBoxLayout()
        for label, widget in (
            (self.tr("Ideas"), self.count),
            (self.tr("Language"), self.language),
            (self.tr("Engine"), self.backend),
        ):
            options.addWidget(QLabel(label, self))
            options.addWidget(widget)
        options.addStretch(1)

        self.server_row = QWidget(self)
        server_form = QFormLayout(self.server_row)
        server_form.setContentsMargins(0, 0, 0, 0)
        server_form.addRow(self.tr("Server address"), self.server)
        server_form.addRow(self.tr("Model"), self.model_name)

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

        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #5f6368;")
        self.output = StreamingMarkdownView(self)
        self.status = StatusLine(self)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(QLabel(self.tr("Topic"), self))
        layout.addWidget(self.topic)
        layout.addLayout(options)
        layout.addWidget(self.server_row)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.hint)
        layout.addWidget(self.output, 1)
        layout.addWidget(self.status)
        self.setCentralWidget(central)
        self.resize(760, 680)

        self.generate_button.clicked.connect(self.start_generation)
        self.stop_button.clicked.connect(self.stop_generation)
        self.copy_button.clicked.connect(self.copy_answer)
        self.backend.currentIndexChanged.connect(self._backend_changed)
        self.language.currentIndexChanged.connect(self._update_hint)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.start_generation)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.stop_generation)
        # The topic box sees the keys first when the shortcut map does not (an
        # inactive window, synthetic key events).
        self.topic.installEventFilter(self)
        self._backend_changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Ctrl+Enter and Esc in the topic box, whatever the shortcut map did."""
        if (
            watched is self.topic
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            if ctrl and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.start_generation()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.stop_generation()
                return True
        return super().eventFilter(watched, event)

    # -- state ----------------------------------------------------------------

    @property
    def is_generating(self) -> bool:
        """Whether a request is running."""
        return self._job is not None

    def _update_buttons(self) -> None:
        busy = self.is_generating
        self.generate_button.setEnabled(not busy)
        self.stop_button.setEnabled(busy)
        self.copy_button.setEnabled(not busy and bool(self.output.markdown()))

    def _backend_changed(self) -> None:
        self.server_row.setVisible(self.backend.currentData() == "openai")
        self._update_hint()

    def _update_hint(self) -> None:
        if self.backend.currentData() == "local" and self.language.currentData() == "ko":
            self.hint.setText(
                self.tr(
                    "The built-in starter model is small and writes English best. "
                    "For good Korean, use a bigger model or OpenAI."
                )
            )
        else:
            self.hint.setText("")

    def _backend_key(self) -> tuple[str, str | None, str | None]:
        if self.backend.currentData() == "local":
            return ("local", None, None)
        return (
            "openai",
            self.model_name.text().strip() or None,
            self.server.text().strip() or None,
        )

    def _current_backend(self) -> Backend:
        key = self._backend_key()
        if key not in self._backends:
            self._backends[key] = self._backend_factory(*key)
        return self._backends[key]

    # -- actions --------------------------------------------------------------

    def start_generation(self) -> None:
        """Check the input, then run the request on a worker thread."""
        if self.is_generating:
            return
        self.message.clear()
        request = IdeaRequest(
            topic=self.topic.toPlainText(),
            count=self.count.value(),
            language=self.language.currentData(),
        )
        try:
            request = request.validated()
            backend = self._current_backend()
        except BlogIdeasError as error:
            self.message.setText(error.message())
            return
        cancel = CancelToken()
        options = self._options
        self._job = create_worker(lambda: generate(request, backend, cancel, options), cancel)
        self._job.worker.yielded.connect(self._on_event)
        self._job.worker.errored.connect(self._on_error)
        self._job.worker.finished.connect(self._on_finished)
        self.output.set_markdown("")
        self.last_result = None
        self.status.start()
        self._job.start()
        self._update_buttons()

    def stop_generation(self) -> None:
        """Ask the running request to stop; the answer so far stays."""
        if self._job is not None:
            self._job.abort()
            self.status.set_idle(self.tr("Stopping…"))

    def copy_answer(self) -> None:
        """Put the answer's Markdown on the clipboard."""
        QGuiApplication.clipboard().setText(self.output.markdown())
        self.status.set_idle(self.tr("Answer copied."))

    # -- worker signals -------------------------------------------------------

    def _on_event(self, event: object) -> None:
        if isinstance(event, TextDelta):
            self.status.count_piece()
            self.output.append_markdown(event.text)
        elif isinstance(event, PhaseChanged):
            self.status.set_phase(event.phase)
        elif isinstance(event, GenerationResult):
            self.last_result = event
            self.output.render_now()
            self.status.show_result(event)

    def _on_error(self, error: object) -> None:
        message = user_message(error) if isinstance(error, BaseException) else str(error)
        self.message.setText(message)
        self.status.set_idle(self.tr("Stopped by an error."))

    def _on_finished(self) -> None:
        if self._job is not None:
            self._job.thread.wait()
        self._job = None
        self.output.render_now()
        self._update_buttons()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Stop any running request and wait for its thread before closing."""
        if self._job is not None and not self._job.wait(CLOSE_WAIT_MS):
            log.warning("generation thread still running at close")
        self._job = None
        super().closeEvent(event)
