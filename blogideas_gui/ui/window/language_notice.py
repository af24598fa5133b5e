"""Say it before it goes wrong: the model on this computer does not write the chosen language.

The small starter model writes English; asked for Korean it produces
nonsense ("주적 5음이 어딩타"). A grey hint was easy to miss, so the window
shows this notice above the answer as soon as the chosen language and the
active local model disagree — before Generate is pressed — in plain words,
with the two ways out: get the recommended model for this language (the
model manager opens and downloads it), or write in English.

A base model (its file has no chat template) is said here too: it was not
made to follow instructions, and a user who chose it should know why its
ideas miss the topic before judging the app by them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from blogideas_gui.core.common.units import format_bytes
from blogideas_gui.core.models.advice import advise, model_languages, recommend
from blogideas_gui.core.models.catalog import CatalogEntry, load_catalog
from blogideas_gui.core.models.gguf import known_facts
from blogideas_gui.core.models.installed import InstalledModel
from blogideas_gui.core.models.machine import MachineFacts, machine_facts
from blogideas_gui.core.models.speed import SpeedBook, load_book
from blogideas_gui.ui.window.request_form import RequestForm

STYLE = (
    "QFrame#languageNotice { background: #fef7e0; border: 1px solid #f9ab00; border-radius: 6px; }"
)


class LanguageNotice(QFrame):
    """A notice under the request form while the local model cannot write the chosen language
    or was not made to follow instructions.

    Args:
        form: the request form whose language and engine it watches.
        entries: the catalog; facts, speeds: this computer, for the recommendation.

    Signals:
        get_model(str): the catalog id of the model the user wants to get.
    """

    get_model = Signal(str)

    def __init__(
        self,
        form: RequestForm,
        parent: QWidget | None = None,
        *,
        entries: Sequence[CatalogEntry] | None = None,
        facts: MachineFacts | None = None,
        speeds: SpeedBook | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("languageNotice")
        self.setStyleSheet(STYLE)
        self._form = form
        self._entries = list(load_catalog() if entries is None else entries)
        self._facts = facts
        self._speeds = speeds
        self._model: InstalledModel | None = None
        self.recommended: CatalogEntry | None = None
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.get_button = QPushButton(self)
        self.english_button = QPushButton(self.tr("Write in English"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.get_button)
        buttons.addWidget(self.english_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.get_button.clicked.connect(self._get)
        self.english_button.clicked.connect(self._english)
        form.language.currentIndexChanged.connect(self.update_notice)
        form.backend.currentIndexChanged.connect(self.update_notice)
        self.update_notice()

    def set_local_model(self, model: InstalledModel | None) -> None:
        """The model "this computer" now runs (``None``: the built-in starter)."""
        self._model = None if model is None or model.source == "bundled" else model
        self.update_notice()

    def _pick(self, language: str) -> CatalogEntry | None:
        """The recommended model for ``language`` on this computer (read when first needed)."""
        self._facts = self._facts or machine_facts(check_gpu=False)
        self._speeds = self._speeds or load_book()
        return recommend(advise(self._entries, self._facts, self._speeds), language)

    @Slot()
    def update_notice(self) -> None:
        """Show the notice while the local model cannot write the language or is a base model."""
        language = self._form.language.currentData()
        writes = model_languages(None if self._model is None else self._model.path, self._entries)
        local = self._form.backend.currentData() == "local"
        wrong_language = bool(writes) and language not in writes and language != "en"
        facts = None if self._model is None else known_facts(self._model.path)
        base = facts is not None and facts.base_model
        if not local or not (wrong_language or base):
            self.hide()
            return
        name = (
            self._model.name if self._model is not None else self.tr("The built-in starter model")
        )
        self.recommended = self._pick(language)
        sentences: list[str] = []
        if base:
            sentences.append(
                self.tr(
                    "{model} is a base model, not made to follow instructions: "
                    "its ideas may repeat the request or miss the topic."
                ).format(model=name)
            )
        if wrong_language:
            sentences.append(
                self.tr(
                    "{model} cannot write good Korean: ideas in Korean would come out as nonsense."
                ).format(model=name)
            )
        if self.recommended is None:
            if wrong_language:
                sentences.append(self.tr("Write in English, or use OpenAI (Settings)."))
        else:
            sentences.append(
                self.tr(
                    "Get {name}, which writes Korean well on this computer, or write in English."
                ).format(name=self.recommended.name)
                if wrong_language
                else self.tr("Get {name}, which is made to follow instructions.").format(
                    name=self.recommended.name
                )
            )
            self.get_button.setText(
                self.tr("Get {name} ({size})").format(
                    name=self.recommended.name, size=format_bytes(self.recommended.size_bytes)
                )
            )
        text = " ".join(sentences)
        self.get_button.setVisible(self.recommended is not None)
        self.english_button.setVisible(wrong_language)
        self.text.setText(text)
        self.show()

    @Slot()
    def _get(self) -> None:
        if self.recommended is not None:
            self.get_model.emit(self.recommended.id)

    @Slot()
    def _english(self) -> None:
        self._form.language.setCurrentIndex(self._form.language.findData("en"))
