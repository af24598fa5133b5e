"""The interface language: the window asks the same catalogue as core and the CLI.

Sources are English in ``tr()`` calls. :class:`CatalogueTranslator` is a
``QTranslator`` whose lookup is :func:`blogideas_gui.core.common.i18n.lookup`,
so ``self.tr()`` in a widget and ``translate()`` in core read one file,
``translations/blogideas_<lang>.ts``, and nothing is compiled to ``.qm``.
Qt's own strings (dialog buttons) come from the ``qtbase_ko.qm`` that ships
with PySide6.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from blogideas_gui.core.common.i18n import catalogue, lookup
from blogideas_gui.core.common.language import Language, system_language, use_language

log = logging.getLogger(__name__)

_installed: list[QTranslator] = []


class CatalogueTranslator(QTranslator):
    """Qt's translator hook in front of the app's one catalogue.

    Args:
        language: the language it answers in.
        parent: the Qt parent that keeps it alive.
    """

    def __init__(self, language: Language, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._language: Language = language

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        """The catalogue's translation, or None when it has none.

        None (a null QString) tells Qt "not here": it then tries the next
        class of the object's ancestry, and at last shows the English source.
        """
        return lookup(context, source_text, disambiguation or "", n, self._language)

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        """Never empty: Qt skips an empty translator."""
        return False


def interface_language(setting: str) -> Language:
    """The language the settings ask for ("" follows the system)."""
    return "ko" if setting == "ko" else "en" if setting == "en" else system_language()


def install_translator(app: QCoreApplication, language: Language) -> bool:
    """Switch the interface to ``language``; False if its catalogue cannot be read.

    English needs no catalogue: the sources are English.
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
    try:
        catalogue(language)
    except (OSError, SyntaxError) as error:  # ElementTree's ParseError is a SyntaxError
        log.error("cannot read the %s interface catalogue: %s", language, error)
        return False
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    ours = CatalogueTranslator(language, app)
    app.installTranslator(ours)
    _installed.append(ours)
    return True
