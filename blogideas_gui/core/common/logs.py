"""Technical details go to a log file, so messages to the user can stay plain.

A log that cannot be written (a full disk, a folder that became read-only)
must never reach the user: Python's logging prints a "--- Logging error ---"
block with a traceback on stderr for every record it fails to write. The
handler here swallows its own failures instead, and ``logging.raiseExceptions``
is off for any other handler, so a full disk is one plain message from the
app, not dozens of tracebacks.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers

from blogideas_gui.core.common.paths import log_dir
from blogideas_gui.core.common.redaction import KeyRedactingFilter

LOG_FILE = "blogideas.log"


class QuietFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log file that drops a record it cannot write, silently.

    Attributes:
        dropped: how many records could not be written (the disk was full).
    """

    dropped = 0

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        """Count the lost record; never print it or a traceback to stderr."""
        self.dropped += 1

    def flush(self) -> None:
        """Write what is buffered, if the disk takes it."""
        with contextlib.suppress(OSError):
            super().flush()

    def close(self) -> None:
        """Close the file; what a full disk refuses is dropped."""
        with contextlib.suppress(OSError):
            super().close()


def setup_logging(level: int = logging.INFO) -> None:
    """Send log records to a rotating file in the log folder; never to the terminal."""
    logging.raiseExceptions = False
    root = logging.getLogger()
    if any(getattr(handler, "_blogideas", False) for handler in root.handlers):
        return
    try:
        handler: logging.Handler = QuietFileHandler(
            log_dir() / LOG_FILE, maxBytes=1_000_000, backupCount=2, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    # On the handler, not a logger: records from openai and httpx pass here too.
    handler.addFilter(KeyRedactingFilter())
    handler._blogideas = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
