"""Answers in the asked shape at the engine's own speed; the first word after a restart.

* **Engine ceiling**: a bare decode loop on the same llama.cpp build
  (llama-cpp-python 0.3.36's vendored one): after the same prompt, one token
  per ``llama_decode`` through ``llama_batch_get_one``, no sampling, like
  llama-bench's ``tg`` test but at the answer's own depth. It runs in a child
  process on its main thread, as llama-bench would.
* **CLI**: ``blogideas generate --json`` in a fresh process, constrained to
  the asked shape; its own ``tokens_per_second`` (from the first token).
* **Window**: the window's samples of :mod:`benchmarks.run` (they go through
  the same ``generate``, so they are constrained too).
* **Restart**: a fresh process with the role prompt's state saved by an
  earlier one: the first word of its first request (model loaded first, as
  the window loads it while the user types) against a warm request in the
  same process; and without a saved state, for the difference it makes.

Each child prints one line of JSON after :data:`MARK`.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a child: ``python benchmarks/shape_rows.py``
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common
from benchmarks.common import Workload
from benchmarks.report import Row, compare, single

MARK = "BENCHMARK-SHAPE "
CEILING_TARGET = 0.90
RESTART_TARGET = 1.5


def _ceiling(workload: Workload, tokens: int) -> dict[str, float]:
    """Decode ``tokens`` tokens one by one after the cold request's prompt; tokens/s."""
    import llama_cpp

    from benchmarks.raw_llama import new_llama
    from blogideas_gui.core.backends.chat_prompt import ChatPrompt
    from blogideas_gui.core.writing.prompts import build_messages

    llm = new_llama(workload)
    try:
        prompt = ChatPrompt(llm).tokens(build_messages(common.COLD_REQUEST.validated()))
        llm.eval(prompt)
        token = (llama_cpp.llama_token * 1)(prompt[-1])
        ctx = llm.ctx
        started = time.perf_counter()
        for _ in range(tokens):
            if llama_cpp.llama_decode(ctx, llama_cpp.llama_batch_get_one(token, 1)) != 0:
                raise RuntimeError("llama_decode failed")
        seconds = time.perf_counter() - started
    finally:
        llm.close()
    return {"tokens_per_s": tokens / seconds, "depth": float(len(prompt))}


def _cli(workload: Workload, long: bool) -> dict[str, float]:
    """One ``blogideas generate --json`` run (a fresh process, as a user's)."""
    request = common.LONG_REQUEST if long else common.COLD_REQUEST
    tokens = workload.long_max_tokens if long else workload.max_tokens
    result = common.cli_answer(workload, request, "--max-tokens", str(tokens))
    return {
        "tokens_per_s": float(result["tokens_per_second"] or 0.0),
        "tokens": float(result["usage"]["completion_tokens"]),
        "complete": float(result["ideas_complete"] == result["ideas_asked"]),
    }


def _restart(workload: Workload, states: str) -> dict[str, float]:
    """In this (fresh) process: load, the first request's first word, then a warm one's."""
    from blogideas_gui.core.backends.base import TextDelta
    from blogideas_gui.core.backends.local import LocalBackend
    from blogideas_gui.core.common.cancel import CancelToken
    from blogideas_gui.core.writing.prompts import build_messages
    from blogideas_gui.core.writing.shape import AnswerShape

    backend = LocalBackend(
        workload.model_path,
        n_ctx=workload.n_ctx,
        n_threads=workload.n_threads,
        states_dir=Path(states),
    )
    started = time.perf_counter()
    backend.load()
    figures = {"load_s": time.perf_counter() - started}
    for name, request in (("first", common.COLD_REQUEST), ("warm", common.WARM_REQUEST)):
        options = replace(workload.options(), constraint=AnswerShape(request.count))
        started = time.perf_counter()
        first = None
        for event in backend.stream(build_messages(request), options, CancelToken()):
            if first is None and isinstance(event, TextDelta):
                first = time.perf_counter() - started
        figures[f"{name}_word_s"] = first or 0.0
    backend.close()
    return figures


def _child_figures(unit: str, workload: Workload, extra: str = "") -> dict[str, float]:
    settings = {
        key: str(value) if isinstance(value, Path) else value
        for key, value in workload.__dict__.items()
    }
    command = [sys.executable, str(Path(__file__).resolve()), unit, json.dumps(settings), extra]
    code, out, err = common.run_child(command)
    lines = [line for line in out.splitlines() if line.startswith(MARK)]
    if code != 0 or not lines:
        raise RuntimeError(f"shape sample {unit} failed (exit {code}): {err[-2000:]}")
    figures: dict[str, float] = json.loads(lines[-1][len(MARK) :])
    return figures


def measure_shape(
    workload: Workload, repeats: int, long: bool, policy: Any
) -> tuple[dict[str, list[dict[str, float]]], float]:
    """Ceiling, CLI and restart samples, side by side per repeat."""
    results: dict[str, list[dict[str, float]]] = {
        "ceiling": [], "ceiling_long": [], "cli": [], "cli_long": [], "restart": [], "no_state": []
    }  # fmt: skip
    noises: list[float] = []
    for index in range(repeats):
        units: list[tuple[str, Any]] = [
            ("ceiling", lambda: _child_figures("ceiling", workload, str(workload.max_tokens))),
            ("cli", lambda: _cli(workload, False)),
        ]
        if long:
            units += [
                (
                    "ceiling_long",
                    lambda: _child_figures("ceiling", workload, str(workload.long_max_tokens)),
                ),
                ("cli_long", lambda: _cli(workload, True)),
            ]
        states = tempfile.mkdtemp(prefix="blogideas-bench-states-")
        # The first run finds no saved state (and saves one); the second is the restart.
        units += [
            ("no_state", lambda states=states: _child_figures("restart", workload, states)),
            ("restart", lambda states=states: _child_figures("restart", workload, states)),
        ]
        for name, run in units:
            print(
                f"[{time.strftime('%H:%M:%S')}] shape {name} {index + 1}/{repeats}", file=sys.stderr
            )
            figures, noise = common.measure_quietly(run, policy)
            results[name].append(figures)
            noises.append(noise)
    return results, common.median(noises) or 0.0


def shape_rows(shape: dict[str, list[dict[str, float]]], app: list[dict[str, Any]]) -> list[Row]:
    """The constrained answer against the engine's ceiling, and the first word after a restart."""

    def values(unit: str, key: str) -> list[float | None]:
        return [sample.get(key) for sample in shape.get(unit, [])]

    def app_rate(request: str) -> list[float | None]:
        return [getattr(s[request], "tokens_per_s", None) for s in app if request in s]

    def at_least(value: float) -> bool:
        return value >= CEILING_TARGET

    target = f">= {CEILING_TARGET} x ceiling"
    ceiling = values("ceiling", "tokens_per_s")
    rows = [
        compare("window tokens/s, shaped, vs engine", ceiling, app_rate("cold"), target, at_least),
        compare("CLI tokens/s, shaped, vs engine", ceiling, values("cli", "tokens_per_s"), target, at_least),
        single("CLI answers complete (share)", values("cli", "complete")),
    ]  # fmt: skip
    if shape.get("ceiling_long"):
        long_ceiling = values("ceiling_long", "tokens_per_s")
        rows += [
            compare("window tokens/s, long, vs engine", long_ceiling, app_rate("long"), target, at_least),
            compare("CLI tokens/s, long, vs engine", long_ceiling, values("cli_long", "tokens_per_s"), target, at_least),
        ]  # fmt: skip
    rows += [
        compare(
            "first word after restart vs warm (s)",
            values("restart", "warm_word_s"),
            values("restart", "first_word_s"),
            f"<= {RESTART_TARGET} x warm",
            lambda value: value <= RESTART_TARGET,
        ),
        compare(
            "  same, no saved state (s)",
            values("no_state", "warm_word_s"),
            values("no_state", "first_word_s"),
        ),
        single("  model load before it (s)", values("restart", "load_s")),
    ]
    return rows


def child(unit: str, settings: str, extra: str) -> None:
    """The child's side: run one unit, print its figures as one JSON line."""
    values = json.loads(settings)
    values["model_path"] = Path(values["model_path"])
    workload = Workload(**values)
    if unit == "ceiling":
        figures = _ceiling(workload, int(extra))
    elif unit == "restart":
        figures = _restart(workload, extra)
    else:
        raise SystemExit(f"unknown unit {unit!r}")
    print(MARK + json.dumps(figures), flush=True)


if __name__ == "__main__":
    child(sys.argv[1], sys.argv[2], sys.argv[3])
