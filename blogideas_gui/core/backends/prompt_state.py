"""The evaluated role prompt kept on disk, so the first answer after a restart starts at once.

Every request begins with the same role prompt. Within a session llama.cpp
keeps it evaluated; after a restart it would be evaluated again, which on a
2-3 B model takes most of ten seconds. So the engine's state for that prefix
(llama.cpp's per-sequence state: the KV cache of those tokens) is saved once
per model and per role prompt, and loaded instead of evaluated on the next
start.

A file holds a header (format, the model file's name and size, the context
size) and the prefix's token ids, then llama.cpp's bytes. It is a cache,
not the user's data (:mod:`blogideas_gui.core.common.files`): a file that
cannot be read, that llama.cpp refuses, that another BlogIdeas version
wrote, or that was made for another context size is deleted with a log line
and saved anew after the next answer; the user hears nothing of it.
The folder is bounded: the least recently used files go first. A model's
files go with it (:func:`forget_model`).
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import logging
import os
import struct
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from blogideas_gui.core.common.errors import BlogIdeasError
from blogideas_gui.core.common.files import atomic_write, drop_cache
from blogideas_gui.core.common.paths import data_dir

log = logging.getLogger(__name__)

FORMAT_PREFIX = b"BLOGIDEAS-PROMPT-STATE-"
FORMAT = 1
MAGIC = FORMAT_PREFIX + b"%d\n" % FORMAT
FOLDER = "prompt-states"
LIMIT_BYTES = 256 * 2**20
"""All saved states together; a few role prompts of a few models."""
SEQUENCE = 0


def _format_of(data: bytes) -> int:
    """The format number a file says it has; 0 when it says none (damaged or foreign)."""
    if not data.startswith(FORMAT_PREFIX):
        return 0
    digits = data[len(FORMAT_PREFIX) : data.find(b"\n", len(FORMAT_PREFIX))]
    return int(digits) if digits.isdigit() else 0


def states_dir() -> Path:
    """Where the saved states live (under the app's data, moved by BLOGIDEAS_HOME)."""
    return data_dir() / FOLDER


def _model_key(model_path: Path) -> str:
    """A folder name per model file: its name and size (a re-download keeps its states)."""
    size = model_path.stat().st_size if model_path.exists() else 0
    return hashlib.sha256(f"{model_path.name}\0{size}".encode()).hexdigest()[:24]


def forget_model(model_path: Path, folder: Path | None = None) -> None:
    """Delete the saved states of ``model_path`` (the model is being removed)."""
    target = (folder or states_dir()) / _model_key(model_path)
    for path in target.glob("*") if target.is_dir() else []:
        path.unlink(missing_ok=True)
    if target.is_dir():
        target.rmdir()


class PromptStates:
    """Saved role-prompt states of one model, loaded into and saved from its ``Llama``."""

    def __init__(
        self, llama_cpp: Any, llm: Any, model_path: Path, folder: Path | None = None
    ) -> None:
        self._lib = llama_cpp
        self._llm = llm
        self._root = folder or states_dir()
        self._folder = self._root / _model_key(model_path)
        self._header = {"model": model_path.name, "n_ctx": int(llm.n_ctx())}

    def _path(self, prefix: Sequence[int]) -> Path:
        digest = hashlib.sha256(struct.pack(f"<{len(prefix)}i", *prefix)).hexdigest()[:32]
        return self._folder / f"{digest}.state"

    def restore(self, prefix: Sequence[int]) -> bool:
        """Load the saved state of ``prefix`` into a fresh context; True if it was there."""
        llm = self._llm
        path = self._path(prefix)
        if llm.n_tokens != 0 or not prefix or not path.is_file():
            return False
        try:
            data = path.read_bytes()
        except OSError as error:
            log.warning("cannot read %s: %s", path, error)
            return False
        if _format_of(data) != FORMAT:
            drop_cache(path, f"format {_format_of(data) or 'unknown'}, not {FORMAT}")
            return False
        parsed = self._parse(data)
        if parsed is None:
            drop_cache(path, "damaged")
            return False
        header, tokens, state = parsed
        if {k: header.get(k) for k in self._header} != self._header or tokens != list(prefix):
            drop_cache(path, "made for another context")
            return False
        buffer = (ctypes.c_uint8 * len(state)).from_buffer_copy(state)
        if self._lib.llama_state_seq_set_data(llm.ctx, buffer, len(state), SEQUENCE) == 0:
            llm.reset()
            drop_cache(path, "llama.cpp refused it")
            return False
        llm.input_ids[: len(prefix)] = prefix
        llm.n_tokens = len(prefix)
        os.utime(path)  # recently used: kept when the folder is trimmed
        log.info("restored %d evaluated prompt tokens from %s", len(prefix), path.name)
        return True

    @staticmethod
    def _parse(data: bytes) -> tuple[dict[str, Any], list[int], bytes] | None:
        """The header, the prefix's tokens and llama.cpp's bytes; None when damaged."""
        if not data.startswith(MAGIC):
            return None
        try:
            (header_size,) = struct.unpack_from("<I", data, len(MAGIC))
            start = len(MAGIC) + 4
            header = json.loads(data[start : start + header_size])
            tokens_at = start + header_size
            count = header["tokens"]
            tokens = struct.unpack_from(f"<{count}i", data, tokens_at)
        except (struct.error, ValueError, KeyError, TypeError):
            return None
        if not isinstance(header, dict):
            return None
        return header, list(tokens), data[tokens_at + 4 * count :]

    def save(self, prefix: Sequence[int]) -> None:
        """Save the state of ``prefix``, evaluated now at the start of the context.

        Call it when the context holds at least the prefix; what follows it
        (the last answer) is dropped from the context first.
        """
        llm = self._llm
        path = self._path(prefix)
        if path.is_file() or not prefix or llm.n_tokens < len(prefix):
            return
        llm.n_tokens = len(prefix)
        llm._ctx.kv_cache_seq_rm(-1, len(prefix), -1)
        size = int(self._lib.llama_state_seq_get_size(llm.ctx, SEQUENCE))
        buffer = (ctypes.c_uint8 * size)()
        written = int(self._lib.llama_state_seq_get_data(llm.ctx, buffer, size, SEQUENCE))
        if written <= 0 or written > LIMIT_BYTES // 4:
            return
        header = json.dumps({**self._header, "tokens": len(prefix)}).encode()
        data = b"".join(
            [
                MAGIC,
                struct.pack("<I", len(header)),
                header,
                struct.pack(f"<{len(prefix)}i", *prefix),
                bytes(buffer)[:written],
            ]
        )
        try:
            self._folder.mkdir(parents=True, exist_ok=True)
            atomic_write(path, data, mode=0o600)
        except (OSError, BlogIdeasError) as error:
            log.warning("cannot save the prompt state: %s", error)
            return
        self._trim()

    def _trim(self) -> None:
        """Delete the least recently used states until all fit in :data:`LIMIT_BYTES`."""
        files = sorted(self._root.glob("*/*.state"), key=lambda p: p.stat().st_mtime, reverse=True)
        total = 0
        for path in files:
            total += path.stat().st_size
            if total > LIMIT_BYTES:
                path.unlink(missing_ok=True)
