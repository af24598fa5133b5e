"""The bare engine's speed on one model file: prompt reading and decoding, no app around it.

The speed advice (:mod:`blogideas_gui.core.models.speed`) needs to know how
much of a token's time is the engine reading the weights (which grows with
the file) and how much is the app's fixed cost per token (which does not).
This measures the first part: ``llama_decode`` through ``Llama.eval``, one
token at a time, as a decode step of a real answer is. Only ``core.backends``
may import the engine, so it lives here.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from blogideas_gui.core.backends.gpu import gpu_offload_supported
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind

# Ordinary English prose: the prompt the engine reads is a page of it.
_PROSE = (
    "Brewing coffee at home starts with fresh beans, a steady grinder and clean water. "
    "Weigh the coffee, heat the water just below boiling and pour slowly in circles. "
)


@dataclass(frozen=True)
class EngineSpeed:
    """Tokens per second of the bare engine: reading a prompt, and writing one token at a time."""

    prompt_tokens_per_second: float
    tokens_per_second: float


def measure_engine(
    model_path: Path,
    *,
    n_threads: int,
    prompt_tokens: int = 256,
    decode_tokens: int = 64,
    clock: Callable[[], float] = time.perf_counter,
) -> EngineSpeed:
    """Load ``model_path`` on its own, time one prompt and ``decode_tokens`` single steps."""
    try:
        import llama_cpp
    except ImportError as error:
        raise BlogIdeasError(ErrorKind.ENGINE_MISSING, "llama.cpp") from error
    try:
        llm = llama_cpp.Llama(
            model_path=str(model_path),
            n_ctx=prompt_tokens + decode_tokens + 16,
            n_threads=n_threads,
            n_gpu_layers=-1 if gpu_offload_supported() else 0,
            verbose=False,
        )
    except (ValueError, RuntimeError, OSError) as error:
        raise BlogIdeasError(ErrorKind.MODEL_LOAD_FAILED, model_path.name) from error
    try:
        text = _PROSE * (1 + prompt_tokens // 20)
        tokens = llm.tokenize(text.encode())[:prompt_tokens]
        started = clock()
        llm.eval(tokens)
        reading = clock() - started
        token = tokens[-1]
        started = clock()
        for _ in range(decode_tokens):
            llm.eval([token])
        writing = clock() - started
    finally:
        llm.close()
    return EngineSpeed(len(tokens) / reading, decode_tokens / writing)
