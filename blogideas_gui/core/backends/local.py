"""The local backend: a GGUF model run by llama.cpp on the user's own machine.

``llama_cpp`` is imported on first load, on the worker thread, so the window
appears before the engine's shared library is read. The ``Llama`` object is
kept between requests: llama.cpp then reuses the evaluated prefix (the long
role prompt) instead of computing it again.

Before loading, the model's memory need is checked against this machine
(:func:`blogideas_gui.core.models.catalog.ensure_fits`): a model that cannot fit is
refused with a plain message unless the user insists, instead of the crash or
endless "loading" peers' users report. :meth:`LocalBackend.close` frees the
model, so switching models never holds two in memory.

The model's context holds several sequences in one unified cache, so the
ideas of an answer can be written side by side (:mod:`.batch`); how many at
once is the user's setting, else what the speed probe found fastest here
(``parallel_for``, passed in by the pipeline), and always one for a
recurrent model, whose state is not a cache of cells that sequences share.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from blogideas_gui.core.backends.base import (
    BackendEvent,
    BackendInfo,
    Capabilities,
    ChatMessage,
    ConnectionCheck,
    Done,
    GenerationOptions,
    Part,
    stream_in_turn,
)
from blogideas_gui.core.backends.batch import BatchDecoder
from blogideas_gui.core.backends.chat_prompt import ChatPrompt
from blogideas_gui.core.backends.choosing import Chooser, TokenPieces
from blogideas_gui.core.backends.decoding import Decoder
from blogideas_gui.core.backends.prompt_state import PromptStates
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.settings.local_settings import DEFAULT_CONTEXT

log = logging.getLogger(__name__)

NO_GPU_BUILD = "this build of llama.cpp has no GPU support"
GPU_LAYERS_ZERO = "GPU layers set to 0"
MIN_ANSWER_TOKENS = 16
"""The least room a free-form answer needs after the prompt."""
MAX_SEQUENCES = 8
"""The most parts written at once: past eight, a 2-core machine gained nothing."""


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


@dataclass
class _Engine:
    """A loaded model and the parts that write with it."""

    llm: Any
    prompt: ChatPrompt
    decoder: Decoder
    batch: BatchDecoder | None
    states: PromptStates
    prefixes: dict[str, list[int]] = field(default_factory=dict)

    def role_prefix(self, messages: Sequence[ChatMessage]) -> list[int]:
        """The prompt's tokens that only the role prompt decides (worked out once per role)."""
        role = "".join(m["content"] for m in messages if m["role"] == "system")
        if role not in self.prefixes:
            self.prefixes[role] = self.prompt.system_prefix(messages)
        return self.prefixes[role]


class LocalBackend:
    """llama.cpp through llama-cpp-python; loaded lazily, kept loaded.

    Args:
        model_path: the GGUF file.
        n_ctx: context size in tokens (prompt + answer).
        n_threads: CPU threads; ``None`` picks :func:`default_threads`.
        n_gpu_layers: layers offloaded to a GPU; ``None`` means all of them
            when the build can offload, else none.
        display_name: the name shown to the user, else the file name.
        preflight: checks run before loading (the file is a GGUF model, it fits
            this machine's memory at ``n_ctx``); passed in by the pipeline,
            which knows the model store and the catalog.
    """

    name = "local"

    def __init__(
        self,
        model_path: Path,
        *,
        n_ctx: int = DEFAULT_CONTEXT,
        n_threads: int | None = None,
        n_gpu_layers: int | None = None,
        display_name: str | None = None,
        preflight: Callable[[Path, int], None] | None = None,
        states_dir: Path | None = None,
        parallel: int | None = None,
        parallel_for: Callable[[int], int] | None = None,
    ) -> None:
        self.model_path = Path(model_path)
        self.n_ctx = n_ctx
        self.n_threads = n_threads or default_threads()
        self._requested_gpu_layers = n_gpu_layers
        self._display_name = display_name
        self._preflight = preflight
        self._states_dir = states_dir
        self._parallel = parallel
        self._parallel_for = parallel_for
        self._engine: _Engine | None = None
        self._gpu_offload = False
        self._gpu_note = ""
        self._lock = threading.Lock()

    @property
    def model_name(self) -> str:
        """The model's display name, else its file name without ``.gguf``."""
        return self._display_name or self.model_path.name.removesuffix(".gguf")

    @property
    def is_loaded(self) -> bool:
        """Whether the model is in memory."""
        return self._engine is not None

    @property
    def is_free(self) -> bool:
        """Local generation never costs anything."""
        return True

    @property
    def capabilities(self) -> Capabilities:
        """Several sequences at once (not for a recurrent model); its answers measure its speed."""
        side_by_side = self._engine is None or self._engine.batch is not None
        return Capabilities(
            parallel_sequences=MAX_SEQUENCES if side_by_side else 1,
            measured_file=self.model_path,
        )

    def load(self) -> None:
        """Read the model into memory (once); GPU layers where the build can.

        Raises:
            BlogIdeasError: NOT_ENOUGH_MEMORY when the model would not fit and
                ``insist`` is false; a missing, foreign or damaged file.
        """
        with self._lock:
            if self._engine is not None:
                return
            if not self.model_path.is_file():
                raise BlogIdeasError(ErrorKind.MODEL_MISSING, str(self.model_path))
            if self._preflight is not None:
                self._preflight(self.model_path, self.n_ctx)
            try:
                import llama_cpp
            except ImportError as error:
                raise BlogIdeasError(ErrorKind.ENGINE_MISSING, "llama.cpp") from error
            gpu = bool(llama_cpp.llama_supports_gpu_offload())
            layers = self._requested_gpu_layers
            if layers is None:
                layers = -1 if gpu else 0
            try:
                llm = llama_cpp.Llama(
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
            side_by_side = not (
                llama_cpp.llama_model_is_recurrent(llm.model)
                or llama_cpp.llama_model_is_hybrid(llm.model)
            )
            if side_by_side:
                _hold_sequences(llm, MAX_SEQUENCES + 1)
            chooser = Chooser(llama_cpp, llm.ctx, TokenPieces(llama_cpp, llm.model, llm.n_vocab()))
            self._engine = _Engine(
                llm,
                ChatPrompt(llm),
                Decoder(llama_cpp, llm, chooser),
                BatchDecoder(llama_cpp, llm, chooser) if side_by_side else None,
                PromptStates(llama_cpp, llm, self.model_path, self._states_dir),
            )
            self._gpu_offload = gpu and layers != 0
            self._gpu_note = "" if self._gpu_offload else (GPU_LAYERS_ZERO if gpu else NO_GPU_BUILD)
            log.info(
                "loaded %s (threads=%d, gpu_layers=%d)", self.model_path, self.n_threads, layers
            )

    def close(self) -> None:
        """Free the model's memory; the next request loads it again.

        Called before loading another model, so two never share the memory.
        Call it only when no request is streaming (after the worker finished).
        """
        with self._lock:
            engine, self._engine = self._engine, None
            self._gpu_offload = False
            self._gpu_note = ""
        if engine is not None:
            engine.llm.close()

    def stream(
        self,
        messages: Sequence[ChatMessage],
        options: GenerationOptions,
        cancel: CancelToken,
    ) -> Iterator[BackendEvent]:
        """Stream the answer, in the asked form when ``options.constraint`` is set.

        Raises:
            BlogIdeasError: PROMPT_TOO_LONG when the prompt leaves the context
                no room for the answer (counted in tokens, not characters).
        """
        self.load()
        engine = self._engine
        assert engine is not None
        prompt = engine.prompt.tokens(messages)
        prefix = engine.role_prefix(messages)
        if engine.llm.n_tokens == 0:
            engine.states.restore(prefix)
        machine = None
        if options.constraint is not None:
            machine = options.constraint.machine(engine.prompt.count_bytes)
        needed = MIN_ANSWER_TOKENS if machine is None else machine.cost(machine.start())
        room = self.n_ctx - len(prompt)
        if room < needed:
            raise BlogIdeasError(
                ErrorKind.PROMPT_TOO_LONG, f"{len(prompt)} + {needed} > {self.n_ctx}"
            )
        limit = options.token_limit()
        if machine is not None:
            # A limit below what the shape's shortest answer needs would leave it unfinished.
            limit = max(limit, needed)
        limit = min(limit, room)
        for event in engine.decoder.stream(prompt, options, limit, cancel, machine):
            if isinstance(event, Done) and machine is not None:
                event = dataclasses.replace(event, held_to="constrained")
            yield event
        # After the answer, so the first word never waits for the disk; once per role prompt.
        engine.states.save(prefix)

    def check_connection(
        self, probe: str = "auto", cancel: CancelToken | None = None
    ) -> ConnectionCheck:
        """No server to ask: the check is that the model loads on this computer."""
        self.load()
        return ConnectionCheck("", self.model_name)

    def sequences_for(self, count: int) -> int:
        """Ideas written at once: the setting, else the probe's choice; 1 for recurrent models."""
        if count < 2 or self._engine is None or self._engine.batch is None:
            return 1
        wanted = self._parallel
        if wanted is None:
            wanted = self._parallel_for(count) if self._parallel_for is not None else 1
        return max(1, min(wanted, count, MAX_SEQUENCES))

    def stream_parts(
        self,
        parts: Sequence[Part],
        options: GenerationOptions,
        cancel: CancelToken,
    ) -> Iterator[BackendEvent]:
        """Write the parts side by side, as many at once as the context holds.

        Raises:
            BlogIdeasError: PROMPT_TOO_LONG when not even one part fits the context.
        """
        self.load()
        engine = self._engine
        assert engine is not None
        if engine.batch is None or len(parts) < 2:
            yield from stream_in_turn(self.stream, parts, options, cancel)
            return
        prompts = [engine.prompt.tokens(part.messages) for part in parts]
        prefix = engine.role_prefix(parts[0].messages)
        if engine.llm.n_tokens == 0:
            engine.states.restore(prefix)
        machines = [part.constraint.machine(engine.prompt.count_bytes) for part in parts]
        least = max(machine.cost(machine.start()) for machine in machines)
        limit = max(least, options.token_limit() // len(parts))
        longest = max(map(len, prompts))
        sequences = self.sequences_for(len(parts))
        while sequences > 1 and min(map(len, prompts)) + sequences * (longest + limit) > self.n_ctx:
            sequences -= 1  # the context holds fewer parts at once: fewer side by side
        if longest + limit > self.n_ctx:
            raise BlogIdeasError(ErrorKind.PROMPT_TOO_LONG, f"{longest} + {limit} > {self.n_ctx}")
        for event in engine.batch.stream(prompts, machines, options, limit, sequences, cancel):
            if isinstance(event, Done):
                event = dataclasses.replace(event, held_to="constrained")
            yield event
        engine.states.save(prefix)

    def info(self) -> BackendInfo:
        """Model, threads, and whether layers run on a GPU — and if not, why.

        Peers' users find their GPU silently unused; ``gpu_offload_reason``
        says which of the two causes it is once the model is loaded.
        """
        details = {
            "path": str(self.model_path),
            "threads": str(self.n_threads),
            "context": str(self.n_ctx),
            "gpu_offload": "yes" if self._gpu_offload else "no",
        }
        if self._gpu_note:
            details["gpu_offload_reason"] = self._gpu_note
        return BackendInfo(name=self.name, model=self.model_name, details=details)


def _hold_sequences(llm: Any, sequences: int) -> None:
    """Give ``llm`` a context of the same size whose one cache holds ``sequences`` sequences.

    llama-cpp-python's ``Llama`` makes a one-sequence context and takes no
    setting for more, so its context is made again from the same settings
    (the old one freed first: two caches never share the memory).
    """
    from llama_cpp import _internals

    params = llm.context_params
    params.n_seq_max = sequences
    params.kv_unified = True
    llm._ctx.close()
    llm._ctx = _internals.LlamaContext(model=llm._model, params=params, verbose=False)

