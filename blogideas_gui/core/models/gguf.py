"""Whether a file is a GGUF model llama.cpp can be given at all.

Checked before a model is listed, imported or loaded, so that a wrong or
damaged file gets a plain message instead of an engine error.
"""

from __future__ import annotations

from pathlib import Path

from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind

GGUF_MAGIC = b"GGUF"


def check_gguf_file(path: Path) -> None:
    """Fail with a plain error unless ``path`` is a readable GGUF file."""
    if not path.exists():
        raise BlogIdeasError(ErrorKind.MODEL_MISSING, str(path))
    if not path.is_file():
        raise BlogIdeasError(ErrorKind.MODEL_NOT_GGUF, str(path))
    try:
        with path.open("rb") as handle:
            magic = handle.read(4)
    except OSError as error:
        raise BlogIdeasError(ErrorKind.MODEL_UNREADABLE, str(path)) from error
    if magic != GGUF_MAGIC:
        raise BlogIdeasError(ErrorKind.MODEL_NOT_GGUF, str(path))
