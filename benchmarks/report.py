"""Turn the measured samples into the table's rows, with targets marked PASS/MISS.

The targets are the speed targets of ``benchmarks/README.md``. Each is a ratio or a bound
measured on this machine, never a timed test: a MISS is a finding to explain, not a crash.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from benchmarks.common import median

THROUGHPUT_RATIO_MIN = 0.97
WARM_FIRST_TOKEN_RATIO_MAX = 1.1
GUI_STALL_MAX_MS = 30.0
WINDOW_SHOWN_MAX_S = 1.0
IDLE_MEMORY_MAX_MB = 150.0


@dataclass
class Row:
    """One line of the table: a figure for the baseline and for the app."""

    label: str
    base: float | None = None
    app: float | None = None
    ratio: float | None = None
    target: str = ""
    passed: bool | None = None

    @property
    def verdict(self) -> str:
        """PASS, MISS, or blank when the figure has no target."""
        if self.passed is None:
            return "n/a" if self.target else ""
        return "PASS" if self.passed else "MISS"

    def to_json(self) -> dict[str, object]:
        """Plain values for results.json."""
        return {
            "label": self.label,
            "baseline": self.base,
            "app": self.app,
            "ratio": self.ratio,
            "target": self.target,
            "verdict": self.verdict,
        }


def ratio(app: float | None, base: float | None) -> float | None:
    """app / base when both exist."""
    if app is None or base is None or base == 0:
        return None
    return app / base


def compare(
    label: str,
    base: Sequence[float | None],
    app: Sequence[float | None],
    target: str = "",
    check: Callable[[float], bool] | None = None,
) -> Row:
    """A row comparing two sample lists, with an optional ratio target.

    The columns are medians. The ratio is the median of the ratios of
    samples taken side by side (the same repeat) when the lists pair up:
    a shared machine drifts by 10 % between minutes, and a pair taken a
    minute apart shares most of that drift, where medians of each side
    would not.
    """
    base_median, app_median = median(base), median(app)
    paired = [ratio(a, b) for a, b in zip(app, base, strict=True)] if len(app) == len(base) else []
    both = [value for value in paired if value is not None]
    row_ratio = median(both) if both else ratio(app_median, base_median)
    row = Row(label, base_median, app_median, row_ratio, target)
    if check is not None and row.ratio is not None:
        row.passed = check(row.ratio)
    return row


def single(
    label: str,
    samples: Sequence[float | None],
    target: str = "",
    check: Callable[[float], bool] | None = None,
) -> Row:
    """A row with an app figure only (no baseline), with an optional bound."""
    value = median(samples)
    row = Row(label, app=value, target=target)
    if check is not None and value is not None:
        row.passed = check(value)
    return row


def _cell(value: float | None) -> str:
    if value is None:
        return "-"
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.3f}" if abs(value) < 1 else f"{value:.2f}"


def format_table(sections: Sequence[tuple[str, str, Sequence[Row]]]) -> str:
    """A plain-text table: one block per section, baseline and app side by side."""
    width = max(len(row.label) for _, _, rows in sections for row in rows) + 2
    lines: list[str] = []
    for title, base_name, rows in sections:
        lines.append("")
        lines.append(title)
        header = f"{'figure':<{width}}{base_name:>10}{'app':>10}{'ratio':>8}  {'target':<22}result"
        lines.append(header)
        lines.append("-" * len(header))
        for row in rows:
            ratio_cell = "" if row.ratio is None else f"{row.ratio:.3f}"
            lines.append(
                f"{row.label:<{width}}{_cell(row.base) if row.base is not None else '':>10}"
                f"{_cell(row.app):>10}{ratio_cell:>8}  {row.target:<22}{row.verdict}"
            )
    return "\n".join(lines)
