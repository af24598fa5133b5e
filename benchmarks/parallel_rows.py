"""Ideas written side by side: the wait for five, the engine's share, and what answers hold.

* **Time to five ideas**: five English ideas through the app's own path
  (:mod:`benchmarks.parallel_children`, ``answers``: what ``blogideas
  generate`` builds, the model loaded first), with the app's default width,
  with ``--parallel 1`` (one sequence, one idea after another) and with
  ``--parallel 5``, in alternating order, one topic per repeat; on the
  starter and on Gemma 3 270M. The default is what the app chooses itself
  after its speed probe (``blogideas models speed`` runs once, in the home
  every request of this section uses). Beside it, the engine's own ratio at
  that width in the same repeat: five equal sequences through the bare batch
  API, k at a time against one at a time.
* **Aggregate decode**: k = 1, 2, 4, 5, 8 parts through the app's own loop
  (``LocalBackend.stream_parts``, a one-idea shape each, the same token
  budget each) and the same steps replayed by the bare batch API
  (:mod:`benchmarks.bare_batch`), back to back in one process; the order
  alternates from repeat to repeat.
* **What the answers hold**, once per run with the default width: six topics
  in English and in Korean, each asked twice with history kept between the
  asks. Shape: exactly five ideas, each a title, a hook and 2-4 points.
  Variety: near-duplicate titles (``near_duplicate``, the app's own measure)
  within an answer and between the two asks. Whole words: lines ending
  inside a word, by the model's own tokens (:mod:`benchmarks.word_ends`).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks import common
from benchmarks.common import Workload

CHILD = Path(__file__).resolve().parent / "parallel_children.py"
MARK = "BENCHMARK-PARALLEL "
TOPICS = [
    ("home coffee brewing", "집에서 커피 내리기"),
    ("urban balcony gardening", "베란다 텃밭 가꾸기"),
    ("weekend baking with children", "아이와 함께하는 주말 베이킹"),
    ("learning a language after forty", "마흔에 외국어 배우기"),
    ("budget travel in Europe", "유럽 저예산 여행"),
    ("running your first marathon", "첫 마라톤 준비하기"),
]
"""The six topics of the shape contract's test, in both languages."""
IDEAS = 5
EXPLICIT = 5
"""The width of the explicit ``--parallel`` runs, so the figure exists whatever the default."""
WIDTHS = (1, 2, 4, 5, 8)
PART_BUDGET = 128
"""Tokens each part may write in the aggregate rows (llama-batched-bench's 128)."""
ENGINE_TOKENS = 128
"""Tokens each of the engine's five sequences writes."""
TIME_TARGETS = {"starter": 1.0, "Gemma 3 270M": 0.85}
"""Time with the default width against one sequence: never slower on the starter; on
Gemma, where the engine allows about 0.74 at five, at most 0.85."""

Models = list[tuple[str, Path]]


def _progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] parallel {message}", file=sys.stderr, flush=True)


def _child(unit: str, args: dict[str, Any], home: Path | None = None) -> dict[str, Any]:
    """One unit in a fresh process (its own home when given); its figures."""
    env = {**os.environ, "BLOGIDEAS_HOME": str(home)} if home is not None else None
    command = [sys.executable, str(CHILD), unit, json.dumps(args, ensure_ascii=False)]
    code, out, err = common.run_child(command, env=env)
    lines = [line for line in out.splitlines() if line.startswith(MARK)]
    if code != 0 or not lines:
        raise RuntimeError(f"parallel unit {unit} failed (exit {code}): {err[-2000:]}")
    figures: dict[str, Any] = json.loads(lines[-1][len(MARK) :])
    return figures


def models_to_time(workload: Workload) -> Models:
    """The workload's model (the starter unless ``--model``), and Gemma 3 270M when set up."""
    from blogideas_gui.core.models.starter import starter_model_path

    starter = starter_model_path()
    name = "starter" if starter == workload.model_path else workload.model_path.stem
    chosen = [(name, workload.model_path)]
    try:
        from tests.support.gemma_model import gemma_model_path

        gemma = gemma_model_path()
    except AssertionError as missing:  # the set-up joins it; say so and go on without
        _progress(f"no Gemma 3 270M rows: {missing}")
        return chosen
    if gemma != workload.model_path:
        chosen.append(("Gemma 3 270M", gemma))
    return chosen


def _probed_home() -> dict[str, Any]:
    """A fresh home where the app's speed probe ran, as the window runs it at first start.

    Returns the home and what the probe said (its parallel table, if this
    version of the app measures one), or that it failed.
    """
    home = Path(tempfile.mkdtemp(prefix="blogideas-bench-parallel-"))
    command = [sys.executable, "-m", "blogideas_gui", "models", "speed", "--json"]
    code, out, err = common.run_child(command, env={**os.environ, "BLOGIDEAS_HOME": str(home)})
    if code != 0:  # the rows still run: the default is then what the app does unprobed
        _progress(f"blogideas models speed failed (exit {code}): {err[-500:]}")
        return {"home": str(home), "parallel": None, "for_five": None, "failed": code}
    said = json.loads(out)
    return {
        "home": str(home),
        "parallel": said.get("parallel"),
        "for_five": said.get("parallel_for_five"),
    }


def _model_argument(model: Path) -> str | None:
    """What a user passes for ``model``: nothing for the starter (the app finds it), else the file."""
    from blogideas_gui.core.models.starter import starter_model_path

    return None if model == starter_model_path() else str(model)


def measure_parallel(
    workload: Workload, repeats: int, policy: common.QuietPolicy
) -> tuple[dict[str, Any], float]:
    """Every unit of the section, each in a quiet moment; (samples, median background load)."""
    noises: list[float] = []

    def quietly(label: str, run: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        _progress(label)
        figures, noise = common.measure_quietly(run, policy)
        noises.append(noise)
        return figures

    probe = quietly("speed probe", _probed_home)
    home = Path(probe["home"])
    samples: dict[str, Any] = {"probe": probe, "timed": {}, "decode": {}, "quality": {}}
    for name, model in models_to_time(workload):
        samples["timed"][name] = _time_model(workload, model, name, repeats, home, quietly)
    samples["decode"] = _decode(workload, repeats, quietly)
    samples["quality"] = _quality(workload, home, quietly)
    return samples, common.median(noises) or 0.0


Quietly = Callable[[str, Callable[[], dict[str, Any]]], dict[str, Any]]


def _time_model(
    workload: Workload, model: Path, name: str, repeats: int, home: Path, quietly: Quietly
) -> dict[str, Any]:
    """Five English ideas at the default width, one at a time, and five at once; the engine's."""

    def answer(topic: str, parallel: int | None) -> dict[str, Any]:
        ask = {"topic": topic, "language": "en", "count": IDEAS, "seed": workload.seed}
        args: dict[str, Any] = {"model": _model_argument(model), "parallel": parallel}
        args.update(history=False, asks=[ask])
        return _child("answers", args, home)

    # Also leaves the role prompt's saved state in the home, so no timed run evaluates it.
    warm = quietly(f"{name}: the app's default width", lambda: answer(TOPICS[-1][0], None))
    default = int(warm["sequences"])
    runs: dict[str, list[dict[str, Any]]] = {"one": [], "default": [], "explicit": [], "engine": []}
    widths = {"one": 1, "default": default, "explicit": EXPLICIT}
    # A default of 1 or of five is the same request as those runs: not made twice.
    sides = ["one", "explicit"] + (["default"] if default not in (1, EXPLICIT) else [])
    for index in range(repeats):
        topic = TOPICS[index % len(TOPICS)][0]
        order = sides if index % 2 == 0 else sides[::-1]
        for side in order:
            label = f"{name} {side} (k={widths[side]}) {index + 1}/{repeats}"
            result = quietly(label, partial(answer, topic, widths[side]))
            runs[side].append(_timing(result["answers"][0]))
        engine_widths = sorted({1, default, EXPLICIT}, reverse=index % 2 == 1)
        args: dict[str, Any] = {
            "model": str(model),
            "n_ctx": workload.n_ctx,
            "n_threads": workload.n_threads,
            "topic": topic,
            "count": IDEAS,
            "tokens": ENGINE_TOKENS,
            "widths": engine_widths,
        }
        label = f"{name} engine {index + 1}/{repeats}"
        runs["engine"].append(quietly(label, partial(_child, "engine", args)))
    if "default" not in sides:
        runs["default"] = runs["one" if default == 1 else "explicit"]
    return {"default_width": default, **runs}


def _timing(result: dict[str, Any]) -> dict[str, Any]:
    """What a timed answer says: its time, whether complete, its length."""
    return {
        "seconds": result["seconds"],
        "complete": float(result["ideas_complete"] == result["ideas_asked"]),
        "tokens": result["usage"]["completion_tokens"],
    }


def _decode(workload: Workload, repeats: int, quietly: Quietly) -> dict[str, Any]:
    """App and bare at every width; the bare side replays the app's steps."""
    found: dict[str, list[dict[str, Any]]] = {str(k): [] for k in WIDTHS}
    for index in range(repeats):
        for k in WIDTHS if index % 2 == 0 else WIDTHS[::-1]:
            earlier = found[str(k)]
            app_first = index % 2 == 0 or not earlier
            args: dict[str, Any] = {
                "model": str(workload.model_path),
                "n_ctx": workload.n_ctx,
                "n_threads": workload.n_threads,
                "seed": workload.seed,
                "k": k,
                "topic": TOPICS[0][0],
                "budget": PART_BUDGET,
                "order": ["app", "bare"] if app_first else ["bare", "app"],
                "schedules": None if app_first else earlier[-1]["app"]["schedules"],
            }
            label = f"decode k={k} {index + 1}/{repeats}"
            found[str(k)].append(quietly(label, partial(_child, "decode", args)))
    return found


def _quality(workload: Workload, home: Path, quietly: Quietly) -> dict[str, Any]:
    """Every topic asked twice per language (history kept), then their lines judged."""
    pairs: list[dict[str, Any]] = []
    for english, korean in TOPICS:
        for language, topic in (("en", english), ("ko", korean)):
            asks = [
                {"topic": topic, "language": language, "count": IDEAS, "seed": workload.seed + n}
                for n in range(2)
            ]
            args: dict[str, Any] = {
                "model": _model_argument(workload.model_path),
                "parallel": None,
                "history": True,
                "asks": asks,
            }
            result = quietly(f"asked twice: {topic}", partial(_child, "answers", args, home))
            pairs.append(
                {
                    "language": language,
                    "topic": topic,
                    "sequences": result["sequences"],
                    "answers": result["answers"],
                }
            )
    texts: dict[str, list[str]] = {}
    for pair in pairs:
        texts.setdefault(pair["language"], []).extend(a["markdown"] for a in pair["answers"])
    file = home / "answers.json"
    file.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    args = {"model": str(workload.model_path), "n_threads": workload.n_threads, "file": str(file)}
    words = quietly("whole words", partial(_child, "words", args))
    return {"pairs": pairs, "words": words}
