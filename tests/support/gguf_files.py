"""Model files for the tests: a tiny whole GGUF, and damaged copies of real ones.

The tiny file is written by the ``gguf`` package (llama.cpp's own writer), so
it is a GGUF that every check accepts, with data the size a test wants; it
has too few tensors for llama.cpp to load, so tests that generate use the
real starter model instead. The damaged copies are cut, hollow or altered
the way a failed download or a hand edit leaves a file.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from gguf import GGUFWriter


def write_tiny_gguf(path: Path, *, data_bytes: int = 2 * 1024 * 1024, arch: str = "llama") -> Path:
    """A small, whole GGUF file: ``arch`` metadata and one F32 tensor of about ``data_bytes``."""
    writer = GGUFWriter(path, arch)
    writer.add_context_length(2048)
    writer.add_chat_template("{{ messages }}")
    writer.add_tensor("token_embd.weight", np.ones((data_bytes // 4 // 256, 256), dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def cut_copy(source: Path, target: Path, fraction: float = 0.5) -> Path:
    """The first ``fraction`` of ``source``, as a download cut off half-way leaves it."""
    with source.open("rb") as handle:
        target.write_bytes(handle.read(int(source.stat().st_size * fraction)))
    return target


def hollow_copy(source: Path, target: Path, size: int = 8) -> Path:
    """Only the first ``size`` bytes: it starts like a GGUF file and holds nothing."""
    with source.open("rb") as handle:
        target.write_bytes(handle.read(size))
    return target


def altered_copy(source: Path, target: Path, old: bytes, new: bytes) -> Path:
    """``source`` with the first ``old`` replaced by ``new`` (same length), e.g. its architecture."""
    assert len(old) == len(new)
    data = source.read_bytes()
    assert old in data
    target.write_bytes(data.replace(old, new, 1))
    return target
