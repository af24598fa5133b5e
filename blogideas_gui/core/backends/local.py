"""The local backend: a GGUF model run by llama.cpp on the user's own machine.

``llama_cpp`` is imported on first load, on the worker thread, so the window
appears before the engine's shared library is read. The ``Llama`` object is
kept between requests: llama.cpp then reuses the evaluated prefix (the long
role prompt) instead of computing it again.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from blogideas_gui.core.backends.base import (
    BackendEvent,
    BackendInfo,
    CancelToken,
    ChatMessage,
    Done,
    GenerationOptions,
    TextDelta,
    Usage,
)
from blogideas_gui.core.errors import BlogIdeasError, ErrorKind

log = logging.getLogger(__name__)

GGUF_MAGIC = b"GGUF"
DEFAULT_CONTEXT = 4096


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


def default_threads() -> int:
    """Threads for generation: every core we may use, but not hyper-threads.

    llama.cpp is limited by memory bandwidth; past the physical cores extra
    threads slow it down. Machines with more than 4 logical CPUs almost always
    have two per core, so half of them are used there.
    """
    try:
        logical = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        logical = os.cpu_count() or 1
    return logical if logical <= 4 else max(4, logical // 2)


class LocalBackend:
    """llama.cpp through llama-cpp-python; loaded lazily, kept loaded."""

    name = "local"

    def __init__(
        self,
        model_path: Path,
        *,
        n_ctx: int = DEFAULT_CONTEXT,
        n_threads: int | None = None,
        n_gpu_layers: int | None = None,
        display_name: str | None = None,
    ) -> None:
        self.model_path = Path(model_path)
        self.n_ctx = n_ctx
        self.n_threads = n_threads or default_threads()
        self._requested_gpu_layers = n_gpu_layers
        self._display_name = display_name
        self._llm: Any = None
        self._gpu_offload = False
        self._lock = threading.Lock()

    @property
    def model_name(self) -> str:
        """The model's display name, else its file name without ``.gguf``."""
        return self._display_name or self.model_path.name.removesuffix(".gguf")

    @property
    def is_loaded(self) -> bool:
        """Whether the model is in memory."""
        return self._llm is not None

    @property
    def is_free(self) -> bool:
        """Local generation never costs anything."""
        return True

    def load(self) -> None:
        """Read the model into memory (once); GPU layers where the build can."""
        with self._lock:
            if self._llm is not None:
                return
            check_gguf_file(self.model_path)
            try:
                import llama_cpp
            except ImportError as error:
                raise BlogIdeasError(ErrorKind.ENGINE_MISSING, "llama.cpp") from error
            gpu = bool(llama_cpp.llama_supports_gpu_offload())
            layers = self._requested_gpu_layers
            if layers is None:
                layers = -1 if gpu else 0
            try:
                self._llm = llama_cpp.Llama(
                    model_path=str(self.model_path),
                    n_ctx=self.n_ctx,
                    n_threads=self.n_threads,
                    n_gpu_layers=layers,
                    verbose=False,
                )
            except MemoryError as error:
                raise BlogIdeasError(ErrorKind.NOT_ENOUGH_MEMORY, self.model_path.name) from error
            except (ValueError, RuntimeError, OSError) as error:
                log.warning("llama.cpp failed to load %s: %s", self.model_path, error)
                raise BlogIdeasError(ErrorKind.MODEL_LOAD_FAILED, self.model_path.name) from error
            self._gpu_offload = gpu and layers != 0
            log.info(
                "loaded %s (threads=%d, gpu_layers=%d)", self.model_path, self.n_threads, layers
            )

    def stream(
        self,
        messages: Sequence[ChatMessage],
        options: GenerationOptions,
        cancel: CancelToken,
    ) -> Iterator[BackendEvent]:
        """Stream a chat completion, checking ``cancel`` between tokens."""
        self.load()
        chunks = self._llm.create_chat_completion(
            messages=list(messages),
            stream=True,
            max_tokens=options.max_tokens,
            temperature=options.temperature,
            top_p=options.top_p,
            repeat_penalty=options.repeat_penalty,
            seed=options.seed,
        )
        produced = 0
        finish_reason = "stop"
        try:
            for chunk in chunks:
                if cancel.is_set():
                    finish_reason = "cancelled"
                    break
                choice = chunk["choices"][0]
                text = choice["delta"].get("content")
                if text:
                    produced += 1
                    yield TextDelta(text)
                if choice.get("finish_reason"):
                    finish_reason = choice["finish_reason"]
        finally:
            chunks.close()
        # llama.cpp streams one chunk per token; the context holds prompt + answer.
        prompt_tokens = max(0, int(self._llm.n_tokens) - produced)
        yield Done(Usage(prompt_tokens, produced), finish_reason)

    def info(self) -> BackendInfo:
        """Model, threads and whether layers run on a GPU."""
        return BackendInfo(
            name=self.name,
            model=self.model_name,
            details={
                "path": str(self.model_path),
                "threads": str(self.n_threads),
                "gpu_offload": "yes" if self._gpu_offload else "no",
            },
        )
