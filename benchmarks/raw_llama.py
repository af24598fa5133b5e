"""The ceiling: llama-cpp-python's own streaming chat completion in a bare loop.

Built with the same arguments LocalBackend gives ``Llama`` and fed the same
messages and sampling, so that any gap to the window is the app's own cost.

Each sample runs in a process of its own, on that process's main thread, as
a bare script would. It must not share a process with the window: with the
OpenMP build of llama.cpp, once one thread has run the engine, any other
thread that runs it later finds OpenMP's threads counted twice on a 2-core
machine and waiting passively, which made the window's worker thread over
three times slower here (measured: 25 tokens/s against 80).
"""

from __future__ import annotations

import gc
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a child: ``python benchmarks/raw_llama.py``
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common
from benchmarks.common import Workload, check_quiet, rate
from blogideas_gui.core.writing.prompts import IdeaRequest, build_messages

MARK = "BENCHMARK-RAW "


@dataclass
class StreamFigures:
    """One request: when the first token came, how many came, how fast."""

    first_token_s: float | None
    tokens: int
    tokens_per_s: float | None
    chars: int

    def to_json(self) -> dict[str, object]:
        """Plain numbers for results.json."""
        return {
            "first_token_s": self.first_token_s,
            "tokens": self.tokens,
            "tokens_per_s": self.tokens_per_s,
            "chars": self.chars,
        }


def new_llama(workload: Workload) -> Any:
    """A fresh Llama, built exactly as LocalBackend.load builds it on a CPU."""
    import llama_cpp

    return llama_cpp.Llama(
        model_path=str(workload.model_path),
        n_ctx=workload.n_ctx,
        n_threads=workload.n_threads,
        n_gpu_layers=0,
        verbose=False,
    )


def stream_once(
    llm: Any, request: IdeaRequest, workload: Workload, long: bool, started: float
) -> StreamFigures:
    """Stream one answer; the first-token time counts from ``started``."""
    options = workload.options(long)
    chunks = llm.create_chat_completion(
        messages=build_messages(request.validated()),
        stream=True,
        max_tokens=options.max_tokens,
        temperature=options.temperature,
        top_p=options.top_p,
        repeat_penalty=options.repeat_penalty,
        seed=options.seed,
    )
    first: float | None = None
    last: float | None = None
    tokens = 0
    chars = 0
    for chunk in chunks:
        check_quiet()
        text = chunk["choices"][0]["delta"].get("content")
        if text:
            last = time.perf_counter()
            if first is None:
                first = last
            tokens += 1
            chars += len(text)
    return StreamFigures(
        first_token_s=None if first is None else first - started,
        tokens=tokens,
        tokens_per_s=rate(tokens, first, last),
        chars=chars,
    )


def run_raw(
    workload: Workload, cold: IdeaRequest, warm: dict[str, IdeaRequest]
) -> dict[str, StreamFigures | float]:
    """Load a fresh Llama, then a cold request and the warm ones.

    The cold first token includes building the Llama object, as the app's
    includes loading the model; the warm ones run on the same object, whose
    evaluated role prompt llama.cpp reuses.
    """
    started = time.perf_counter()
    llm = new_llama(workload)
    try:
        load_s = time.perf_counter() - started
        results: dict[str, StreamFigures | float] = {"load_s": load_s}
        results["cold"] = stream_once(llm, cold, workload, False, started)
        for name, request in warm.items():
            results[name] = stream_once(llm, request, workload, False, time.perf_counter())
    finally:
        llm.close()
        del llm
        gc.collect()
    return results


def run_raw_long(workload: Workload, long: IdeaRequest) -> dict[str, StreamFigures | float]:
    """A fresh Llama and one long answer (1,000+ tokens), for throughput late in an answer."""
    llm = new_llama(workload)
    try:
        return {"long": stream_once(llm, long, workload, True, time.perf_counter())}
    finally:
        llm.close()
        del llm
        gc.collect()


def run_raw_process(workload: Workload, unit: str) -> dict[str, StreamFigures | float]:
    """Run one raw sample (``pair`` or ``long``) in a fresh process; its figures."""
    settings = {
        key: str(value) if isinstance(value, Path) else value
        for key, value in workload.__dict__.items()
    }
    code, out, err = common.run_child(
        [sys.executable, str(Path(__file__).resolve()), unit, json.dumps(settings)]
    )
    lines = [line for line in out.splitlines() if line.startswith(MARK)]
    if code != 0 or not lines:
        raise RuntimeError(f"raw sample failed (exit {code}): {err[-2000:]}")
    figures: dict[str, StreamFigures | float] = {}
    for key, value in json.loads(lines[-1][len(MARK) :]).items():
        figures[key] = StreamFigures(**value) if isinstance(value, dict) else float(value)
    return figures


def child(unit: str, settings: str) -> None:
    """The child's side: run the sample, print its figures as one JSON line."""
    values = json.loads(settings)
    values["model_path"] = Path(values["model_path"])
    workload = Workload(**values)
    if unit == "pair":
        figures = run_raw(workload, common.COLD_REQUEST, common.WARM_REQUESTS)
    elif unit == "long":
        figures = run_raw_long(workload, common.LONG_REQUEST)
    else:
        raise SystemExit(f"unknown unit {unit!r}")
    plain = {
        key: value.to_json() if isinstance(value, StreamFigures) else value
        for key, value in figures.items()
    }
    print(MARK + json.dumps(plain), flush=True)


if __name__ == "__main__":
    child(sys.argv[1], sys.argv[2])
