"""The Korean interface: every string translated, and none left in English on screen."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from blogideas_gui.core.common.language import use_language
from blogideas_gui.ui.common.i18n import install_translator, translations_dir
from blogideas_gui.ui.window.main_window import MainWindow
from blogideas_gui.ui.window.status_line import TickerLabel

ROOT = Path(__file__).parents[3]
TS = ROOT / "blogideas_gui" / "translations" / "blogideas_ko.ts"


def messages(ts: Path) -> dict[str, str | None]:
    """Source text to its finished translation (None when unfinished or empty)."""
    found: dict[str, str | None] = {}
    for message in ET.parse(ts).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        text = None
        if translation is not None and translation.get("type") not in ("unfinished", "obsolete"):
            text = translation.text or "".join(
                f.text or "" for f in translation.iter("numerusform")
            )
        found[source] = text or None
    return found


def test_every_interface_string_has_a_korean_translation(tmp_path: Path) -> None:
    """lupdate finds the strings in the code today; each must be translated."""
    fresh = tmp_path / "fresh.ts"
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    sources = sorted(str(p) for p in (ROOT / "blogideas_gui" / "ui").rglob("*.py"))
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    in_code = set(messages(fresh))
    translated = messages(TS)
    assert len(in_code) > 100
    assert sorted(s for s in in_code if not translated.get(s)) == []


def test_the_compiled_translation_is_there() -> None:
    assert (translations_dir() / "blogideas_ko.qm").is_file(), "run scripts/setup.sh"


def visible_texts(widget: QWidget) -> Iterator[str]:
    """Every text a user can read on ``widget`` and its children."""
    yield widget.windowTitle()
    for child in [widget, *widget.findChildren(QWidget)]:
        if isinstance(child, QLabel | QAbstractButton | TickerLabel):
            yield child.text()
        if isinstance(child, QGroupBox):
            yield child.title()
        if isinstance(child, QLineEdit):
            yield child.placeholderText()
        if isinstance(child, QComboBox):
            yield from (child.itemText(i) for i in range(child.count()))
        for action in child.actions():
            yield action.text()
            if action.menu() is not None:
                yield from (a.text() for a in action.menu().actions())


@pytest.fixture
def korean(qapp: QApplication) -> Iterator[None]:
    assert install_translator(qapp, "ko")
    yield
    install_translator(qapp, "en")
    use_language(None)


@pytest.mark.usefixtures("korean")
def test_the_korean_window_and_dialogs_show_no_english_string(qtbot: QtBot) -> None:
    same_in_both = {s for s, t in messages(TS).items() if t == s}
    english = set(messages(TS)) - same_in_both
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.generate_button.text() == "아이디어 만들기"
    shown = set(visible_texts(window))
    for dialog in (
        window.open_settings(), window.open_guide(), window.open_model_manager(),
        window.open_presets(),
    ):  # fmt: skip
        shown |= set(visible_texts(dialog))
        dialog.close()
    # Language pickers name each language in itself (한국어, English), as is usual.
    left = sorted(text for text in shown if text in english - {"English"})
    assert left == []
    assert any("모델" in text for text in shown)
