"""Technical details go to a log file, so messages to the user can stay plain."""

from __future__ import annotations

import logging
import logging.handlers

from blogideas_gui.core.common.paths import log_dir
from blogideas_gui.core.common.redaction import KeyRedactingFilter

LOG_FILE = "blogideas.log"


def setup_logging(level: int = logging.INFO) -> None:
    """Send log records to a rotating file in the log folder; never to the terminal."""
    root = logging.getLogger()
    if any(getattr(handler, "_blogideas", False) for handler in root.handlers):
        return
    try:
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
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
