"""The real window says it when the chosen local model is a base model (Gemma 3 270M)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from blogideas_gui.core.common.paths import models_dir
from blogideas_gui.core.models.gguf import remember_facts
from blogideas_gui.core.models.installed import InstalledModel, record_installed
from blogideas_gui.core.models.speed import Probe, SpeedBook, save_book
from blogideas_gui.ui.window.main_window import MainWindow
from tests.support.gemma_model import gemma_facts, gemma_model_path

SPEEDS = SpeedBook(Probe(170.0, 170.0, 490.0, 98_362_432, 2, time.time()))
BASE = "is a base model, not made to follow instructions"


@pytest.fixture
def gemma() -> InstalledModel:
    """Gemma linked into the models folder, read as an import or a download leaves it."""
    folder = models_dir()
    link = folder / gemma_model_path().name
    link.symlink_to(gemma_model_path())
    remember_facts(link, gemma_facts())
    return record_installed(link, source="linked", folder=folder)


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    save_book(SPEEDS)
    window = MainWindow(language="en")
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()


def test_choosing_a_base_model_is_said_and_the_starter_is_not(
    window: MainWindow, gemma: InstalledModel
) -> None:
    notice = window.language_notice
    window.form.language.setCurrentIndex(window.form.language.findData("en"))
    assert not notice.isVisible()  # the starter follows instructions and writes English
    window.engine.use_local_model_file(gemma)
    assert notice.isVisible()
    assert f"{gemma.name} {BASE}" in notice.text.text()
    assert not notice.english_button.isVisible()  # English is not the way out here
    assert notice.recommended is not None  # a catalog model made to follow instructions
    assert notice.recommended.name in notice.get_button.text()
    assert f"Get {notice.recommended.name}, which is made to follow" in notice.text.text()
    window.form.backend.setCurrentIndex(window.form.backend.findData("openai"))
    assert not notice.isVisible()
    window.form.backend.setCurrentIndex(window.form.backend.findData("local"))
    assert notice.isVisible()
    window.engine.use_local_model_file(None)
    assert not notice.isVisible()


def test_asking_for_korean_ideas_the_base_model_is_still_said(
    window: MainWindow, gemma: InstalledModel
) -> None:
    window.form.language.setCurrentIndex(window.form.language.findData("ko"))
    window.engine.use_local_model_file(gemma)
    text = window.language_notice.text.text()
    assert BASE in text
    # Gemma's file names no languages: only the base model is said, not a guess about Korean.
    assert "cannot write good Korean" not in text
