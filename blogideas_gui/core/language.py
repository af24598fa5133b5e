"""Which language the user reads: Korean when the system says so, else English."""

from __future__ import annotations

import locale
import os
from typing import Literal

Language = Literal["ko", "en"]
LANGUAGES: tuple[Language, ...] = ("ko", "en")


def system_language() -> Language:
    """Korean if the system locale is Korean, English otherwise.

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
