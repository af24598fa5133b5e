"""The interface language: Qt's own translation files, loaded with QTranslator.

Sources are English in ``tr()`` calls; ``translations/blogideas_ko.ts`` holds
the Korean, compiled to ``.qm`` by ``pyside6-lrelease`` (scripts/setup.sh and
the packaged build do it). Qt's own strings (dialog buttons) come from the
``qtbase_ko.qm`` that ships with PySide6.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from blogideas_gui.core.common.language import Language, system_language, use_language

_installed: list[QTranslator] = []


def translations_dir() -> Path:
    """Where the compiled ``.qm`` files of the app are."""
    return Path(str(resources.files("blogideas_gui") / "translations"))


def interface_language(setting: str) -> Language:
    """The language the settings ask for ("" follows the system)."""
    return "ko" if setting == "ko" else "en" if setting == "en" else system_language()


def install_translator(app: QCoreApplication, language: Language) -> bool:
    """Switch the interface to ``language``; False if its translation is missing.

    English needs no file: the sources are English.
    """
    use_language(language)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(
        QLocale(QLocale.Language.Korean if language == "ko" else QLocale.Language.English)
    )
    if language == "en":
        return True
    ours = QTranslator(app)
    if not ours.load(str(translations_dir() / f"blogideas_{language}.qm")):
        return False
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    app.installTranslator(ours)
    _installed.append(ours)
    return True
