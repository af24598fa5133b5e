"""Which figures the side-by-side section shows, from the samples of :mod:`.parallel_rows`.

Kept apart from the measuring, as :mod:`benchmarks.tables` is for the other
sections: a figure can be added or renamed without touching how it is taken.
The targets are those of the "Ideas written side by side" part of
``benchmarks/README.md``.
"""

from __future__ import annotations

from typing import Any

from benchmarks.parallel_rows import EXPLICIT, TIME_TARGETS
from benchmarks.report import Row, compare, single

APP_VS_BARE = 0.90


def _well_shaped(answer: dict[str, Any]) -> bool:
    """Exactly the asked ideas, each a title, a hook and 2-4 outline points; ended by itself."""
    ideas = answer["ideas"]
    return (
        answer["finish_reason"] == "stop"
        and len(ideas) == answer["ideas_asked"] == answer["ideas_complete"]
        and all(idea["title"] and idea["hook"] and 2 <= len(idea["outline"]) <= 4 for idea in ideas)
    )


def near_duplicates(pairs: list[dict[str, Any]]) -> tuple[int, int]:
    """Near-duplicate title pairs (within one answer, between a topic's two asks)."""
    from blogideas_gui.core.writing.variety import near_duplicate

    within = between = 0
    for pair in pairs:
        titles = [[idea["title"] for idea in answer["ideas"]] for answer in pair["answers"]]
        for own in titles:
            within += sum(near_duplicate(a, b) for i, a in enumerate(own) for b in own[i + 1 :])
        if len(titles) == 2:
            between += sum(near_duplicate(a, b) for a in titles[0] for b in titles[1])
    return within, between


def _seconds(runs: list[dict[str, Any]]) -> list[float | None]:
    return [run["seconds"] for run in runs]


def _share(flags: Any) -> float:
    """The share of true ones among ``flags``."""
    values = [float(flag) for flag in flags]
    return sum(values) / len(values) if values else 0.0


def timed_rows(name: str, timed: dict[str, Any]) -> list[Row]:
    """The wait for five ideas on one model, with the engine's ratio beside it."""
    target = TIME_TARGETS.get(name, 1.0)
    default = timed["default_width"]

    def within(value: float) -> bool:
        return value <= target

    def engine(width: int) -> list[float | None]:
        return [
            sample["seconds"][str(width)] / sample["seconds"]["1"] for sample in timed["engine"]
        ]

    one = _seconds(timed["one"])
    widths = [("default", f"default k={default}", default)]
    if default != EXPLICIT:  # else the default's runs are these
        widths.append(("explicit", f"--parallel {EXPLICIT}", EXPLICIT))
    rows: list[Row] = []
    for side, label, width in widths:
        rows += [
            compare(f"{name}: 5 ideas (s), {label}", one, _seconds(timed[side]),
                    f"<= {target} x one seq", within),
            single(f"  engine: 5 sequences at k={width} vs in turn", engine(width)),
            compare(f"  tokens per answer, {label}", [r["tokens"] for r in timed["one"]],
                    [r["tokens"] for r in timed[side]]),
        ]  # fmt: skip
    rows.append(
        single(
            "  answers complete, every run (share)",
            [_share(r["complete"] for side in ("one", "default", "explicit") for r in timed[side])],
        )
    )
    return rows


def decode_rows(name: str, decode: dict[str, list[dict[str, Any]]]) -> list[Row]:
    """Aggregate tokens/s at every width: the app's loop against the bare batch API."""

    def rates(k: str, side: str) -> list[float | None]:
        return [sample[side]["tokens"] / sample[side]["seconds"] for sample in decode[k]]

    return [
        compare(
            f"{name}: aggregate tok/s, k={k}",
            rates(k, "bare"),
            rates(k, "app"),
            f">= {APP_VS_BARE} x bare",
            lambda value: value >= APP_VS_BARE,
        )
        for k in decode
    ]


def quality_rows(quality: dict[str, Any]) -> list[Row]:
    """Shape, variety and whole words over the twice-asked topics."""
    answers = [answer for pair in quality["pairs"] for answer in pair["answers"]]
    within, between = near_duplicates(quality["pairs"])
    widths = sorted({pair["sequences"] for pair in quality["pairs"]})
    rows = [
        single(
            f"answers in the asked shape (share of {len(answers)}, k={widths})",
            [_share(_well_shaped(answer) for answer in answers)],
            "all",
            lambda share: share == 1.0,
        ),
        single(
            "near-duplicate titles within an answer (pairs)",
            [within],
            "0",
            lambda count: count == 0,
        ),
        single(
            "  between a topic's first and second ask (pairs)",
            [between],
            "0",
            lambda count: count == 0,
        ),
    ]
    for language, counts in quality["words"].items():
        rows += [
            single(
                f"lines ending inside a word, {language} (of {counts['ending_in_letter']}"
                " ending in a letter)",
                [counts["inside_word"]],
                "0",
                lambda count: count == 0,
            ),
            single(
                f"  control: lines cut short, found, {language} (of {counts['controls']})",
                [counts["controls_found"]],
            ),
        ]
    return rows


def parallel_sections(samples: dict[str, Any]) -> list[tuple[str, str, list[Row]]]:
    """The section's three tables, from what :func:`measure_parallel` measured."""
    name = next(iter(samples["timed"]))
    timed = [row for model, runs in samples["timed"].items() for row in timed_rows(model, runs)]
    chose = samples.get("probe", {}).get("for_five")
    if chose is not None:
        timed.append(single("speed probe's own choice for five ideas (k)", [float(chose)]))
    return [
        ("Ideas written side by side: the wait for five English ideas", "one seq", timed),
        (
            "Aggregate decode: the app's loop vs the bare batch API",
            "bare",
            decode_rows(name, samples["decode"]),
        ),
        (
            "What the answers hold (six topics x en/ko, each asked twice)",
            "",
            quality_rows(samples["quality"]),
        ),
    ]
