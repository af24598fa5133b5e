"""Which model architectures the bundled llama.cpp can run, asked of the engine itself.

A GGUF file names its architecture ("qwen3", "exaone4"); llama.cpp keeps the
names it knows as strings in its library. Reading those strings from the
library file (not loading it: only ``core.backends`` may import the engine)
answers for exactly the engine that ships, and stays right when it is
upgraded. The search matches a name followed by the string's end, because
the linker may keep "qwen2" only as the tail of a longer string; a name that
happens to be the tail of another string is let through, and the engine then
reports it at load time, so the check never refuses a model it could run.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import sys
from pathlib import Path

log = logging.getLogger(__name__)

ENGINE_PACKAGE = "llama_cpp"
_LIBRARY_NAMES = ("libllama.so", "libllama.dylib", "llama.dll")


def engine_library() -> Path | None:
    """The bundled llama.cpp library file, found without importing the engine."""
    folders = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        folders.append(Path(bundle) / ENGINE_PACKAGE / "lib")
    try:
        spec = importlib.util.find_spec(ENGINE_PACKAGE)
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.origin:
        folders.append(Path(spec.origin).parent / "lib")
    for folder in folders:
        for name in _LIBRARY_NAMES:
            if (folder / name).is_file():
                return folder / name
    return None


@functools.cache
def _library_bytes() -> bytes | None:
    library = engine_library()
    if library is None:
        log.warning("llama.cpp library not found; architectures are not checked")
        return None
    try:
        return library.resolve().read_bytes()
    except OSError as error:
        log.warning("cannot read %s: %s", library, error)
        return None


def engine_runs(architecture: str) -> bool | None:
    """Whether the bundled engine knows ``architecture``; ``None`` when it cannot be told."""
    data = _library_bytes()
    if data is None or not architecture:
        return None
    return architecture.encode() + b"\0" in data
