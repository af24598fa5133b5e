"""Which language the user reads: Korean when the system says so, else English."""

from __future__ import annotations

import locale
import os
from typing import Literal

Language = Literal["ko", "en"]
LANGUAGES: tuple[Language, ...] = ("ko", "en")


_chosen: list[Language] = []


def use_language(language: Language | None) -> None:
    """Make ``language`` the one messages use (the user's setting); None: the system's."""
    _chosen[:] = [] if language is None else [language]


def system_language() -> Language:
    """The language messages are written in: the user's choice, else the system's.

    ``BLOGIDEAS_LANG`` wins over the locale so tests and users can force one;
    Korean if the locale is Korean, English otherwise.
    """
    if _chosen:
        return _chosen[0]
    forced = os.environ.get("BLOGIDEAS_LANG", "").strip().lower()
    if forced in LANGUAGES:
        return forced
    candidates = [os.environ.get(name, "") for name in ("LC_ALL", "LC_MESSAGES", "LANG")]
    candidates.append(locale.getlocale()[0] or "")
    for value in candidates:
        if value:
            return "ko" if value.lower().startswith("ko") else "en"
    return "en"
