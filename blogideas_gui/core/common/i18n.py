"""The app's one catalogue of words, read without Qt: for the window, the CLI and core.

Every user-facing string is written in English in the code and translated in
``blogideas_gui/translations/blogideas_<lang>.ts``, Qt's own XML format, so
Qt Linguist edits it and ``pyside6-lupdate`` finds new strings in the code.
Core and the CLI ask :func:`translate`; the window installs a ``QTranslator``
that asks the same catalogue (:mod:`blogideas_gui.ui.common.i18n`), so there
is one lookup and no compiled ``.qm`` file to keep in step.

The calls are the ones lupdate knows: ``translate(context, text)`` where the
text is needed now, ``QT_TRANSLATE_NOOP(context, text)`` to mark a text kept
in a table and translated later (an error's message, a preset's name).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from importlib import resources

from blogideas_gui.core.common.language import Language, current_language

SOURCE_LANGUAGE: Language = "en"
"""The language the code is written in: it needs no catalogue."""


@dataclass(frozen=True)
class Catalogue:
    """One language's finished translations, by (context, source, disambiguation).

    ``by_source`` answers when the context differs from the one lupdate saw
    (``other.tr(...)`` is filed under the variable's name) but the text has a
    single translation anyway.
    """

    exact: dict[tuple[str, str, str], tuple[str, ...]]
    by_source: dict[tuple[str, str], tuple[str, ...] | None]

    def find(self, context: str, source: str, disambiguation: str = "") -> tuple[str, ...] | None:
        """The forms translating ``source`` (one, or one per plural form); None if missing."""
        forms = self.exact.get((context, source, disambiguation))
        return forms if forms is not None else self.by_source.get((source, disambiguation))


def catalogue_file(language: Language) -> str:
    """The name of ``language``'s catalogue inside the package's ``translations`` folder."""
    return f"blogideas_{language}.ts"


@cache
def catalogue(language: Language) -> Catalogue:
    """``language``'s catalogue, read once; empty for the source language."""
    if language == SOURCE_LANGUAGE:
        return Catalogue({}, {})
    path = resources.files("blogideas_gui") / "translations" / catalogue_file(language)
    return parse_ts(path.read_bytes())


def parse_ts(data: bytes) -> Catalogue:
    """A catalogue from a ``.ts`` file; unfinished, obsolete and empty entries are left out."""
    exact: dict[tuple[str, str, str], tuple[str, ...]] = {}
    by_source: dict[tuple[str, str], tuple[str, ...] | None] = {}
    for context in ET.fromstring(data).iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "obsolete"):
                continue
            plural = message.get("numerus") == "yes"
            forms = (
                tuple(f.text or "" for f in translation.iter("numerusform"))
                if plural
                else (translation.text or "",)
            )
            if not all(forms):
                continue
            source = message.findtext("source") or ""
            comment = message.findtext("comment") or ""
            exact[(name, source, comment)] = forms
            key = (source, comment)
            by_source[key] = forms if by_source.get(key, forms) == forms else None
    return Catalogue(exact, by_source)


def lookup(
    context: str, source: str, disambiguation: str = "", n: int = -1,
    language: Language | None = None,
) -> str | None:  # fmt: skip
    """The raw translation (``%n`` left in), or None when the catalogue has none.

    Korean, the one catalogue so far, has a single plural form; a language
    with more would pick its form from ``n`` here.
    """
    forms = catalogue(language or current_language()).find(context, source, disambiguation or "")
    return None if forms is None else forms[0]


def translate(
    context: str, source: str, disambiguation: str = "", n: int = -1,
    *, language: Language | None = None,
) -> str:  # fmt: skip
    """``source`` in ``language`` (the user's by default), as Qt's ``translate`` gives it.

    A text with no translation stays in English rather than failing; the
    catalogue test keeps that from reaching a user. ``%n`` becomes ``n``.
    """
    text = lookup(context, source, disambiguation, n, language) or source
    return text.replace("%n", str(n)) if n >= 0 else text


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - the name lupdate finds
    """Mark ``source`` for the catalogue under ``context``; translate it later with that context."""
    del context
    return source
