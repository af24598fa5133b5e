"""The child processes of the side-by-side rows: each runs one unit and prints its figures.

llama.cpp runs in a fresh process per unit, on its main thread (see
:mod:`benchmarks.raw_llama`), and a unit is small enough to be taken again
when a neighbour disturbs it (:func:`benchmarks.common.measure_quietly`).

* ``answers``: requests through the app's own path, as ``blogideas generate``
  takes it (the user's settings in ``BLOGIDEAS_HOME``, the backend the
  factory builds, the pipeline with history or without), the model loaded
  before the clock starts, as the window keeps it loaded.
* ``decode``: k ideas written side by side through the app's own loop
  (``LocalBackend.stream_parts``, one one-idea shape per part, a fixed token
  budget each), then the same steps replayed by the bare batch API.
* ``engine``: five equal sequences through the bare batch API, k at a time,
  for each k asked (1 included): what the engine allows.
* ``words``: the whole-word check of :mod:`benchmarks.word_ends`.

Usage: ``python benchmarks/parallel_children.py UNIT JSON``; the figures
come as one line of JSON after :data:`MARK`.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a child: ``python benchmarks/parallel_children.py``
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from blogideas_gui.core.backends.base import Done, GenerationOptions, Part, TextDelta
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.writing.angles import angles_for
from blogideas_gui.core.writing.prompts import IdeaRequest, build_part_messages
from blogideas_gui.core.writing.shape import AnswerShape
from blogideas_gui.core.writing.variety import TitleBook

MARK = "BENCHMARK-PARALLEL "
WIDEST = 8
"""The most parts at once the rows ask for; every decode request is worded for this many."""


def answers(args: dict[str, Any]) -> dict[str, Any]:
    """Requests one after another with one loaded backend, as ``blogideas generate`` builds it."""
    from blogideas_gui.core.account.budget import Ledger
    from blogideas_gui.core.generation.runner import GenerationResult
    from blogideas_gui.core.history.store import HistoryStore
    from blogideas_gui.core.pipeline.factory import create_backend
    from blogideas_gui.core.pipeline.pipeline import Pipeline
    from blogideas_gui.core.settings.preferences import load_settings
    from blogideas_gui.core.writing.templates import TemplateStore

    settings = load_settings().settings
    local = settings.local_settings()
    if args["parallel"] is not None:
        local = dataclasses.replace(local, parallel=args["parallel"])
    backend = create_backend("local", model=args["model"], local=local)
    started = time.perf_counter()
    backend.load()
    figures: dict[str, Any] = {"load_s": time.perf_counter() - started, "answers": []}
    store = HistoryStore() if args["history"] else None
    try:
        for ask in args["asks"]:
            request = IdeaRequest(ask["topic"], ask["count"], ask["language"])
            figures.setdefault("sequences", backend.sequences_for(request.count))
            pipeline = Pipeline(
                Ledger(), store, TemplateStore(), GenerationOptions(seed=ask["seed"])
            )
            prepared = pipeline.ideas(request, backend, settings.monthly_budget_usd)
            result = list(pipeline.run(prepared, CancelToken()))[-1]
            assert isinstance(result, GenerationResult)
            figures["answers"].append(result.to_json())
    finally:
        if store is not None:
            store.close()
        backend.close()
    return figures


def _parts(count: int, topic: str, language: str) -> list[Part]:
    """The first ``count`` parts of a request for :data:`WIDEST` ideas, as ``generate`` makes them.

    Worded for the same number of ideas whatever ``count`` is, so every
    width shares one prompt up to each part's own line.
    """
    request = IdeaRequest(topic, WIDEST, language)  # type: ignore[arg-type]
    shape = AnswerShape(WIDEST, titles=TitleBook())
    chosen = angles_for(WIDEST, request.language, ())
    return [
        Part(build_part_messages(request, number, chosen[number - 1], ()), own)
        for number, own in enumerate(shape.split()[:count], 1)
    ]


def decode(args: dict[str, Any]) -> dict[str, Any]:
    """The app's loop and the bare batch API writing the same k parts, back to back."""
    from benchmarks.bare_batch import BareBatch
    from blogideas_gui.core.backends.local import MAX_SEQUENCES, LocalBackend

    model, k = Path(args["model"]), int(args["k"])
    backend = LocalBackend(
        model, n_ctx=args["n_ctx"], n_threads=args["n_threads"], parallel=MAX_SEQUENCES
    )
    bare = BareBatch(model, args["n_threads"], args["n_ctx"])
    figures: dict[str, Any] = {}
    try:
        # The shared prompt into the cache first, as an earlier request leaves it.
        warm = _parts(1, args["topic"], "en")
        list(
            backend.stream_parts(
                warm, GenerationOptions(seed=args["seed"], max_tokens=1), CancelToken()
            )
        )
        prompts = [bare.prompt(part.messages) for part in _parts(k, args["topic"], "en")]
        schedules = args.get("schedules")
        for side in args["order"]:
            if side == "app":
                figures["app"] = _app_parts(backend, k, args)
                schedules = figures["app"]["schedules"]
            else:
                assert schedules is not None, "the bare side replays the app's steps"
                seconds = bare.run(prompts, schedules, k)
                figures["bare"] = {"seconds": seconds, "tokens": sum(map(sum, schedules))}
        figures["prompt_tokens"] = [len(prompt) for prompt in prompts]
    finally:
        bare.close()
        backend.close()
    return figures


def _app_parts(backend: Any, k: int, args: dict[str, Any]) -> dict[str, Any]:
    """k parts through ``stream_parts``: seconds, tokens, and each part's tokens per step."""
    parts = _parts(k, args["topic"], "en")
    options = GenerationOptions(seed=args["seed"], max_tokens=args["budget"] * k)
    schedules: list[list[int]] = [[] for _ in parts]
    done = None
    started = time.perf_counter()
    for event in backend.stream_parts(parts, options, CancelToken()):
        if isinstance(event, TextDelta) and event.pieces:
            schedules[event.part or 0].append(event.pieces)
        elif isinstance(event, Done):
            done = event
    seconds = time.perf_counter() - started
    assert done is not None
    return {
        "seconds": seconds,
        "tokens": done.usage.completion_tokens,
        "steps_tokens": sum(map(sum, schedules)),
        "finish": done.finish_reason,
        "schedules": schedules,
    }


def engine(args: dict[str, Any]) -> dict[str, Any]:
    """Seconds for five equal sequences k at a time, for each k, through the bare batch API."""
    from benchmarks.bare_batch import BareBatch, uniform

    bare = BareBatch(Path(args["model"]), args["n_threads"], args["n_ctx"])
    try:
        request = IdeaRequest(args["topic"], args["count"], "en")
        chosen = angles_for(request.count, "en", ())
        prompts = [
            bare.prompt(build_part_messages(request, number, chosen[number - 1], ()))
            for number in range(1, request.count + 1)
        ]
        schedules = [uniform(args["tokens"])] * request.count
        seconds = {str(k): bare.run(prompts, schedules, k) for k in args["widths"]}
    finally:
        bare.close()
    return {"seconds": seconds, "tokens_each": args["tokens"]}


def words(args: dict[str, Any]) -> dict[str, Any]:
    """The whole-word check over the answers in ``args["file"]``."""
    from benchmarks.word_ends import count_word_ends

    texts = json.loads(Path(args["file"]).read_text(encoding="utf-8"))
    return count_word_ends(Path(args["model"]), args["n_threads"], texts)


UNITS = {"answers": answers, "decode": decode, "engine": engine, "words": words}


if __name__ == "__main__":
    figures = UNITS[sys.argv[1]](json.loads(sys.argv[2]))
    print(MARK + json.dumps(figures, ensure_ascii=False), flush=True)
