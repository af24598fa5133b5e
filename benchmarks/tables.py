"""Which figures the table shows, taken from the raw samples of one run.

Kept apart from the measuring code so that a figure can be added or renamed
without touching how it is measured.
"""

from __future__ import annotations

from typing import Any

from benchmarks import report
from benchmarks.common import WARM_REQUESTS, Workload, median
from benchmarks.report import Row, compare, single
from benchmarks.shape_rows import shape_rows

Section = tuple[str, str, list[Row]]


def _get(samples: list[dict[str, Any]], request: str, name: str) -> list[Any]:
    """One figure of one request kind across the repeats."""
    return [getattr(sample[request], name) for sample in samples if request in sample]


def _warm(samples: list[dict[str, Any]], name: str) -> list[Any]:
    """A figure of every warm request across the repeats."""
    return [value for key in WARM_REQUESTS for value in _get(samples, key, name)]


def _warm_first_token(samples: list[dict[str, Any]]) -> list[float | None]:
    """Each repeat's median warm first token (one alone is too noisy to pair)."""
    return [
        median([sample[key].first_token_s for key in WARM_REQUESTS if key in sample])
        for sample in samples
    ]


def local_rows(local: dict[str, list[dict[str, Any]]], workload: Workload) -> list[Row]:
    """Raw llama.cpp against the window, request by request."""
    raw, app = local["raw"], local["app"]
    throughput_target = f">= {report.THROUGHPUT_RATIO_MIN} x raw"

    def at_least(value: float) -> bool:
        return value >= report.THROUGHPUT_RATIO_MIN

    rows = [
        Row("model load, fresh Llama (s)", base=report.median([s["load_s"] for s in raw])),
        compare(
            "first token, cold (s)",
            _get(raw, "cold", "first_token_s"),
            _get(app, "cold", "first_token_s"),
        ),
        compare(
            "first token, warm (s)",
            _warm_first_token(raw),
            _warm_first_token(app),
            f"<= {report.WARM_FIRST_TOKEN_RATIO_MAX} x raw",
            lambda value: value <= report.WARM_FIRST_TOKEN_RATIO_MAX,
        ),
        compare(
            f"tokens/s, {workload.max_tokens}-token answers",
            _get(raw, "cold", "tokens_per_s") + _warm(raw, "tokens_per_s"),
            _get(app, "cold", "tokens_per_s") + _warm(app, "tokens_per_s"),
            throughput_target,
            at_least,
        ),
        compare(
            "  same, app worker thread",
            _get(raw, "cold", "tokens_per_s") + _warm(raw, "tokens_per_s"),
            _get(app, "cold", "worker_tokens_per_s") + _warm(app, "worker_tokens_per_s"),
        ),
        compare(
            "tokens per answer (cold)", _get(raw, "cold", "tokens"), _get(app, "cold", "tokens")
        ),
        compare(
            "tokens per answer (warm)", _get(raw, "warm", "tokens"), _get(app, "warm", "tokens")
        ),
    ]
    if any("long" in sample for sample in raw):
        rows += [
            compare(
                f"tokens/s, long answer ({workload.long_max_tokens} max)",
                _get(raw, "long", "tokens_per_s"),
                _get(app, "long", "tokens_per_s"),
                throughput_target,
                at_least,
            ),
            compare(
                "  same, app worker thread",
                _get(raw, "long", "tokens_per_s"),
                _get(app, "long", "worker_tokens_per_s"),
            ),
            compare(
                "tokens per long answer", _get(raw, "long", "tokens"), _get(app, "long", "tokens")
            ),
        ]
    return rows


def responsiveness_rows(app: list[dict[str, Any]]) -> list[Row]:
    """The GUI thread while the long answer streams, and the render cost."""
    stalls = [sample["long_meter"].stall for sample in app if "long_meter" in sample]
    return [
        single(
            "longest GUI stall, long answer (ms)",
            [stall["longest_ms"] for stall in stalls],
            f"<= {report.GUI_STALL_MAX_MS:.0f} ms",
            lambda value: value <= report.GUI_STALL_MAX_MS,
        ),
        single("2 ms timer ticks > 16 ms late (count)", [stall["over_16ms"] for stall in stalls]),
        single("last render of long answer (ms)", _get(app, "long", "last_render_ms")),
        single("final whole render, long answer (ms)", _get(app, "long", "final_render_ms")),
        single("renders per long answer", [float(v) for v in _get(app, "long", "renders")]),
        single("GUI thread CPU per long answer (s)", _get(app, "long", "gui_cpu_s")),
        single("last render of warm answer (ms)", _get(app, "warm", "last_render_ms")),
    ]


def startup_rows(startup: dict[str, list[dict[str, float]]], model_mb: float) -> list[Row]:
    """Fresh processes: time to the window and to the first word; memory."""
    first = startup["startup"]
    memory = startup["memory"]
    rows = [
        single(
            "window shown after process start (s)",
            [s["shown_s"] for s in first],
            f"<= {report.WINDOW_SHOWN_MAX_S} s",
            lambda value: value <= report.WINDOW_SHOWN_MAX_S,
        ),
        single("first token after process start (s)", [s["first_token_s"] for s in first]),
        single("  of which after Generate (s)", [s["first_token_after_click_s"] for s in first]),
        single(
            "RSS idle, window shown, no model (MB)",
            [s["rss_idle_mb"] for s in memory],
            f"<= {report.IDLE_MEMORY_MAX_MB:.0f} MB",
            lambda value: value <= report.IDLE_MEMORY_MAX_MB,
        ),
        single(
            "longest GUI stall, 0.5 s after show (ms)", [s["busy_after_show_ms"] for s in memory]
        ),
        single("RSS with the model loaded (MB)", [s["rss_loaded_mb"] for s in memory]),
        single(
            f"  minus the GGUF file, {model_mb:.0f} MB (MB)",
            [s["rss_loaded_mb"] - model_mb for s in memory],
        ),
    ]
    guide = startup.get("first_start", [])
    if guide:
        rows += [
            single(
                "first start: window shown (s)",
                [s["shown_s"] for s in guide],
                f"<= {report.WINDOW_SHOWN_MAX_S} s",
                lambda value: value <= report.WINDOW_SHOWN_MAX_S,
            ),
            single(
                "first start: longest GUI stall, guide opening (ms)",
                [s["busy_after_show_ms"] for s in guide],
            ),
            single(
                "first start: RSS idle, guide open (MB)",
                [s["rss_idle_mb"] for s in guide],
                f"<= {report.IDLE_MEMORY_MAX_MB:.0f} MB",
                lambda value: value <= report.IDLE_MEMORY_MAX_MB,
            ),
        ]
    return rows


def openai_rows(openai: dict[str, list[Any]]) -> list[Row]:
    """The app's OpenAIBackend against the bare client, warm server."""
    bare, app = openai["bare"], openai["app"]
    return [
        compare(
            "first token, warm server (s)",
            [s.first_token_s for s in bare],
            [s.first_token_s for s in app],
            f"<= {report.WARM_FIRST_TOKEN_RATIO_MAX} x bare",
            lambda value: value <= report.WARM_FIRST_TOKEN_RATIO_MAX,
        ),
        compare(
            "tokens/s",
            [s.tokens_per_s for s in bare],
            [s.tokens_per_s for s in app],
            f">= {report.THROUGHPUT_RATIO_MIN} x bare",
            lambda value: value >= report.THROUGHPUT_RATIO_MIN,
        ),
        compare("tokens per answer", [s.tokens for s in bare], [s.tokens for s in app]),
    ]


def build_sections(samples: dict[str, Any], workload: Workload) -> list[Section]:
    """All sections that were measured in this run, in table order."""
    model_mb = workload.model_path.stat().st_size / 2**20
    sections: list[Section] = []
    local = samples.get("local", {"raw": [], "app": []})
    if local["app"]:
        sections.append(
            ("Local model: raw llama.cpp vs the window", "raw", local_rows(local, workload))
        )
    if "shape" in samples:
        sections.append(
            (
                "Answers in the asked shape vs the engine (bare decode loop), and a restart",
                "engine",
                shape_rows(samples["shape"], local["app"]),
            )
        )
    if any("long" in sample for sample in local["app"]):
        sections.append(("Responsiveness (window)", "", responsiveness_rows(local["app"])))
    if "startup" in samples:
        sections.append(
            (
                "Start-up and memory (fresh process, returning user unless noted)",
                "",
                startup_rows(samples["startup"], model_mb),
            )
        )
    if "openai" in samples:
        sections.append(
            ("OpenAI path: bare openai client vs the app", "bare", openai_rows(samples["openai"]))
        )
    return sections
