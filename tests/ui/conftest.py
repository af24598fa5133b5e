"""Fixtures for the window's tests: the interface in Korean, as the app's users see it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from blogideas_gui.core.common.language import use_language
from blogideas_gui.ui.common.i18n import install_translator


@pytest.fixture
def korean(qapp: QApplication) -> Iterator[None]:
    """The Korean interface for one test, English again after it."""
    assert install_translator(qapp, "ko")
    yield
    install_translator(qapp, "en")
    use_language(None)
