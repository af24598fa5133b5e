"""The bare engine's speed on one model file: prompt reading and decoding, no app around it.

The speed advice (:mod:`blogideas_gui.core.models.speed`) needs to know how
much of a token's time is the engine reading the weights (which grows with
the file) and how much is the app's fixed cost per token (which does not).
This measures the first part: ``llama_decode`` through ``Llama.eval``, one
token at a time, as a decode step of a real answer is. Only ``core.backends``
may import the engine, so it lives here.

It also measures what writing several ideas at once gains here
(:func:`measure_parallel`): k sequences share one evaluated prompt and
decode in one batch. The gain depends on the computer and the model in odd
ways (on a 2-core machine 5 sequences decode slower than 4), so it is
measured, never assumed.
"""

from __future__ import annotations

import logging
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from blogideas_gui.core.backends.gpu import gpu_offload_supported
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind

# Ordinary English prose: the prompt the engine reads is a page of it.
_PROSE = (
    "Brewing coffee at home starts with fresh beans, a steady grinder and clean water. "
    "Weigh the coffee, heat the water just below boiling and pour slowly in circles. "
)


# A width's first step warms caches and thread pools; it is not timed.
_WARM_STEPS = 1
# Enough timed steps for a median, whatever the time budget.
_MIN_STEPS = 3


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


def measure_parallel(
    model_path: Path,
    *,
    n_threads: int,
    widths: tuple[int, ...] = (1, 2, 4, 5),
    prompt_tokens: int = 128,
    steps: int = 24,
    budget: float = 6.0,
    clock: Callable[[], float] = time.perf_counter,
) -> dict[int, float]:
    """Decode ``k`` sequences after one shared prompt: ``k`` -> their tokens per second in all.

    The prompt is evaluated once as sequence 0 and copied to the others
    (``llama_memory_seq_cp`` in a unified KV cache), as ideas written at once
    share the role prompt. Each width runs ``steps`` timed batch steps (fewer,
    down to :data:`_MIN_STEPS`, once its share of ``budget`` seconds is spent:
    on a busy computer the probe must still end soon); the median step gives
    its speed, so a neighbour's burst costs a few steps, not the figure.
    """
    try:
        import llama_cpp as engine
    except ImportError as error:
        raise BlogIdeasError(ErrorKind.ENGINE_MISSING, "llama.cpp") from error
    widest = max(widths)
    # The engine's own loading chatter, as ``Llama(verbose=False)`` silences it.
    logging.getLogger("llama-cpp-python").setLevel(logging.ERROR)
    engine.llama_backend_init()
    model_params = engine.llama_model_default_params()
    model_params.n_gpu_layers = -1 if gpu_offload_supported() else 0
    model = engine.llama_model_load_from_file(str(model_path).encode(), model_params)
    if not model:
        raise BlogIdeasError(ErrorKind.MODEL_LOAD_FAILED, model_path.name)
    try:
        params = engine.llama_context_default_params()
        params.n_ctx = prompt_tokens + widest * (steps + _WARM_STEPS) + 64
        params.n_batch = params.n_ubatch = max(prompt_tokens, widest)
        params.n_seq_max = widest
        params.n_threads = params.n_threads_batch = n_threads
        params.kv_unified = True
        context = engine.llama_init_from_model(model, params)
        if not context:
            raise BlogIdeasError(ErrorKind.MODEL_LOAD_FAILED, model_path.name)
        batch = engine.llama_batch_init(max(prompt_tokens, widest), 0, widest)
        try:
            prompt = _prompt_tokens(engine, model, prompt_tokens)
            _fill(batch, [(token, i, 0, i == len(prompt) - 1) for i, token in enumerate(prompt)])
            if engine.llama_decode(context, batch) != 0:
                raise BlogIdeasError(ErrorKind.MODEL_LOAD_FAILED, model_path.name)
            memory = engine.llama_get_memory(context)
            speeds: dict[int, float] = {}
            for width in widths:
                engine.llama_memory_seq_rm(memory, -1, len(prompt), -1)
                for sequence in range(1, width):
                    engine.llama_memory_seq_cp(memory, 0, sequence, -1, -1)
                times: list[float] = []
                ends = clock() + budget / len(widths)
                for step in range(_WARM_STEPS + steps):
                    if len(times) >= _WARM_STEPS + _MIN_STEPS and clock() > ends:
                        break
                    position = len(prompt) + step
                    _fill(batch, [(prompt[(step + s) % len(prompt)], position, s, True)
                                  for s in range(width)])  # fmt: skip
                    started = clock()
                    if engine.llama_decode(context, batch) != 0:
                        raise BlogIdeasError(ErrorKind.MODEL_LOAD_FAILED, model_path.name)
                    times.append(clock() - started)
                speeds[width] = width / statistics.median(times[_WARM_STEPS:])
            return speeds
        finally:
            engine.llama_batch_free(batch)
            engine.llama_free(context)
    finally:
        engine.llama_model_free(model)


def _prompt_tokens(engine: Any, model: Any, count: int) -> list[int]:
    """``count`` tokens of ordinary prose, as the model's own tokenizer reads it."""
    vocab = engine.llama_model_get_vocab(model)
    text = (_PROSE * (1 + count // 20)).encode()
    buffer = (engine.llama_token * (len(text) + 8))()
    found = engine.llama_tokenize(vocab, text, len(text), buffer, len(buffer), True, False)
    return list(buffer[: min(max(found, 1), count)])


def _fill(batch: Any, entries: list[tuple[int, int, int, bool]]) -> None:
    """Put (token, position, sequence, wants logits) entries into ``batch``, replacing its tokens."""
    batch.n_tokens = len(entries)
    for i, (token, position, sequence, logits) in enumerate(entries):
        batch.token[i] = token
        batch.pos[i] = position
        batch.n_seq_id[i] = 1
        batch.seq_id[i][0] = sequence
        batch.logits[i] = logits
