"""A predicted speed in the words people feel: "about 4 words a second, 1 min for an answer".

The model manager's rows, the installed list, the first-run guide and the
language notice all say it the same way, so the sentence lives here once.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from blogideas_gui.core.models.speed import Prediction

# Each text is looked up where it is said, in the form lupdate reads, so the
# catalogue test sees it (a helper taking the text as a variable hides it).


def wait_text(seconds: float) -> str:
    """A wait rounded as a person says it: "about 40 s", "about 1 min 10 s", "about 12 min"."""
    if seconds < 60:
        return QCoreApplication.translate("SpeedText", "about {n} s").format(
            n=max(5, round(seconds / 5) * 5)
        )
    if seconds < 600:
        rounded = round(seconds / 10) * 10
        minutes, rest = divmod(rounded, 60)
        if rest:
            return QCoreApplication.translate("SpeedText", "about {m} min {s} s").format(
                m=minutes, s=rest
            )
        return QCoreApplication.translate("SpeedText", "about {n} min").format(n=minutes)
    return QCoreApplication.translate("SpeedText", "about {n} min").format(n=round(seconds / 60))


def speed_sentence(speed: Prediction | None, language: str) -> str:
    """The predicted speed as one sentence ("" before any measurement)."""
    if speed is None:
        return ""
    words = speed.words_per_second(language)
    rate = f"{words:.1f}" if words < 10 else f"{words:.0f}"
    text = QCoreApplication.translate(
        "SpeedText", "About {n} words a second here · a five-idea answer in {wait}"
    ).format(n=rate, wait=wait_text(speed.typical_wait_seconds))
    if not speed.live:
        text += " · " + QCoreApplication.translate("SpeedText", "slower than reading")
    return text
