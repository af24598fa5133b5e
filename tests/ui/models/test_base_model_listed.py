"""The model manager names a base model as such: Gemma 3 270M, the real file, linked in."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from blogideas_gui.core.models.gguf import remember_facts
from blogideas_gui.core.models.installed import record_installed
from blogideas_gui.core.models.machine import MachineFacts
from blogideas_gui.core.models.speed import Probe, SpeedBook
from blogideas_gui.ui.models.model_manager import ModelManagerDialog
from tests.support.gemma_model import gemma_facts, gemma_model_path

GB = 1024**3
MACHINE = MachineFacts(16 * GB, 12 * GB, 500 * GB, gpu_offload=False)
SPEEDS = SpeedBook(Probe(120.0, 140.0, 450.0, 98_362_432, 2, time.time()))
BASE_TAG = "not made to follow instructions"


class ChooseGemma:
    """The file chooser's answer, scripted: the real Gemma GGUF."""

    def __call__(self, parent: object) -> Path:
        return gemma_model_path()


def open_dialog(qtbot: QtBot, folder: Path) -> ModelManagerDialog:
    dialog = ModelManagerDialog(
        language="en", facts=MACHINE, folder=folder, speeds=SPEEDS, choose_file=ChooseGemma()
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    models = tmp_path / "models"
    models.mkdir()
    yield models


def line_of(dialog: ModelManagerDialog, file_name: str) -> tuple[int, str]:
    for index, model in enumerate(dialog.installed.models()):
        if model.path.name == file_name:
            return index, dialog.installed_list.item(index).text()
    raise AssertionError(f"{file_name} is not listed")


def test_a_base_model_is_named_in_the_list_and_its_details(qtbot: QtBot, folder: Path) -> None:
    link = folder / gemma_model_path().name
    link.symlink_to(gemma_model_path())
    remember_facts(link, gemma_facts())  # as an import or a verified download leaves it
    record_installed(link, source="linked", folder=folder)
    dialog = open_dialog(qtbot, folder)
    index, line = line_of(dialog, link.name)
    assert BASE_TAG in line and "linked to your file" in line
    dialog.installed_list.setCurrentRow(index)
    details = dialog.installed.details.text()
    assert "gemma3, 268M parameters, Q4_K_M" in details and "no chat template" in details
    assert "A base model, not made to follow instructions" in details

    starter = next(i for i, m in enumerate(dialog.installed.models()) if m.source == "bundled")
    assert BASE_TAG not in dialog.installed_list.item(starter).text()
    dialog.installed_list.setCurrentRow(starter)
    assert BASE_TAG not in dialog.installed.details.text()
    dialog.close()


@pytest.mark.slow
def test_importing_a_base_model_reads_it_and_says_so(qtbot: QtBot, folder: Path) -> None:
    """The user's own flow: Import, linked; the file is read on the worker (slow: its vocabulary)."""
    dialog = open_dialog(qtbot, folder)
    dialog.installed.link_box.setChecked(True)
    qtbot.mouseClick(dialog.installed.import_button, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]
    name = gemma_model_path().name
    qtbot.waitUntil(
        lambda: any(m.path.name == name for m in dialog.installed.models()), timeout=180_000
    )
    qtbot.waitUntil(dialog.installed.import_button.isEnabled, timeout=10_000)
    assert BASE_TAG in line_of(dialog, name)[1]
    dialog.close()
