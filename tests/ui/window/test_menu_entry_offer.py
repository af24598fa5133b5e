"""The folder build offers once, from the window, to join the applications menu.

The folder is laid out as the frozen one is (:mod:`tests.support.folder_build`);
the menu goes to ``XDG_DATA_HOME``, under the test's own folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from blogideas_gui.core.settings.preferences import load_settings
from blogideas_gui.ui.window.main_window import MainWindow
from blogideas_gui.ui.window.menu_entry_offer import MenuEntryOffer
from tests.support.folder_build import unpacked_folder

SHOTS = Path(os.environ.get("BLOGIDEAS_SHOTS", "/tmp/shots"))


@pytest.fixture
def menu(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's data folder the desktop reads menu entries from."""
    data = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    return data


def offer_in(window: MainWindow) -> MenuEntryOffer | None:
    offers = window.findChildren(MenuEntryOffer)
    return offers[0] if offers and offers[0].isVisible() else None


def open_window(qtbot: QtBot, folder: Path | None) -> MainWindow:
    window = MainWindow(settings=load_settings().settings, folder_build=folder)
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    return window


def test_add_to_the_menu_once(qtbot: QtBot, tmp_path: Path, menu: Path) -> None:
    folder = unpacked_folder(tmp_path)
    window = open_window(qtbot, folder)
    offer = offer_in(window)
    assert offer is not None and "applications menu" in offer.text.text()
    if SHOTS.is_dir() or os.environ.get("BLOGIDEAS_SHOTS"):
        QApplication.processEvents()
        window.grab().save(str(SHOTS / "menu-entry-offer.png"))
    qtbot.mouseClick(offer.add_button, Qt.MouseButton.LeftButton)
    entry = menu / "applications" / "blogideas.desktop"
    lines = entry.read_text(encoding="utf-8").splitlines()
    assert f'Exec="{folder / "BlogIdeas"}"' in lines  # the full path, quoted for the space
    assert "Name[ko]=블로그 아이디어" in lines and "Icon=blogideas" in lines
    for size in (16, 48, 256, 512):
        assert (menu / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "blogideas.png").is_file()
    assert (menu / "icons" / "hicolor" / "scalable" / "apps" / "blogideas.svg").is_file()
    assert "now in your applications menu" in offer.text.text()
    assert load_settings().settings.menu_entry_offered  # kept at once, not only at exit
    qtbot.mouseClick(offer.close_button, Qt.MouseButton.LeftButton)
    assert offer_in(window) is None
    entry.unlink()  # even gone from the menu later, the offer is not made again
    assert offer_in(open_window(qtbot, folder)) is None


def test_no_thanks_is_remembered_and_nothing_is_written(
    qtbot: QtBot, tmp_path: Path, menu: Path
) -> None:
    folder = unpacked_folder(tmp_path)
    window = open_window(qtbot, folder)
    offer = offer_in(window)
    assert offer is not None
    qtbot.mouseClick(offer.decline_button, Qt.MouseButton.LeftButton)
    assert offer_in(window) is None
    assert not menu.exists()
    assert load_settings().settings.menu_entry_offered
    assert offer_in(open_window(qtbot, folder)) is None


def test_no_offer_outside_the_folder_build_or_when_already_in_the_menu(
    qtbot: QtBot, tmp_path: Path, menu: Path
) -> None:
    assert offer_in(open_window(qtbot, None)) is None
    (menu / "applications").mkdir(parents=True)
    (menu / "applications" / "blogideas.desktop").write_text("[Desktop Entry]\n", "utf-8")
    assert offer_in(open_window(qtbot, unpacked_folder(tmp_path))) is None


def test_a_menu_folder_that_cannot_be_written_says_so_and_asks_again(
    qtbot: QtBot, tmp_path: Path, menu: Path
) -> None:
    menu.write_text("a file where the data folder should be", "utf-8")
    window = open_window(qtbot, unpacked_folder(tmp_path))
    offer = offer_in(window)
    assert offer is not None
    qtbot.mouseClick(offer.add_button, Qt.MouseButton.LeftButton)
    message = offer.text.text()
    assert "\n" not in message and "Traceback" not in message and str(menu) in message
    assert offer.add_button.isVisible() and not load_settings().settings.menu_entry_offered
