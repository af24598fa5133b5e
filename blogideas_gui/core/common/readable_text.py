"""Text from outside the app that is not text: refused once, in one plain line.

A terminal whose character set is not UTF-8 hands Python bytes it cannot
decode (``printf 'caf\\xe9'``); Python keeps them as lone surrogates, which
look like text until something encodes them: the history database, a JSON
file, the server request. Then the failure is an "unexpected" crash far from
its cause. So text that enters the app (the command line's arguments, a
request's fields) is checked where it enters, and refused with a message
that shows it and says what to do, rather than guessed at.
"""

from __future__ import annotations

from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.i18n import QT_TRANSLATE_NOOP

_NOT_TEXT = QT_TRANSLATE_NOOP(
    "Errors",
    "“{text}” holds bytes that are not UTF-8 text (shown as �), so it was not used. Set the "
    "terminal's character set to UTF-8, or type the text again.",
)

MAX_SHOWN = 60
# Where Python keeps what it could not decode (and what no UTF-8 text holds).
_SURROGATES, _LAST = "\ud800", "\udfff"


def readable(text: str) -> str:
    """``text`` itself when it can be stored and sent as UTF-8.

    Raises:
        BlogIdeasError: BAD_OPTION showing the text (its start, if long), its bad bytes as �.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        shown = "".join(
            "\N{REPLACEMENT CHARACTER}" if _SURROGATES <= c <= _LAST else c for c in text
        )
        if len(shown) > MAX_SHOWN:
            shown = shown[: MAX_SHOWN - 1] + "…"
        raise BlogIdeasError(ErrorKind.BAD_OPTION, _NOT_TEXT, text=shown) from None
    return text
