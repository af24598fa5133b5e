"""Which language the user reads: the one chosen, else Korean when the system says so.

Two names for two things: :func:`current_language` is what messages use
now (the setting, once the app applied it); :func:`system_language` is
what the system says, for a setting that follows the system.
"""

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


def current_language() -> Language:
    """The language messages are written in now: the user's choice, else the system's."""
    return _chosen[0] if _chosen else system_language()


def system_language() -> Language:
    """The system's language, whatever the user chose: Korean if it says so, else English.

    ``BLOGIDEAS_LANG`` wins over the locale so tests and users can force one.
    """
    forced = os.environ.get("BLOGIDEAS_LANG", "").strip().lower()
    if forced in LANGUAGES:
        return forced
    candidates = [os.environ.get(name, "") for name in ("LC_ALL", "LC_MESSAGES", "LANG")]
    candidates.append(locale.getlocale()[0] or "")
    for value in candidates:
        if value:
            return "ko" if value.lower().startswith("ko") else "en"
    return "en"
