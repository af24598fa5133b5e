"""What a request costs: the one place that knows token prices.

Prices are data (``core/data/prices.toml``). Local generation is always free;
a model on an OpenAI-compatible server that is not in the table has an
unknown cost (``None``), which the window shows as such rather than guessing.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from blogideas_gui.core.backends.base import Usage

_PER_TOKENS = 1_000_000


@dataclass(frozen=True)
class Price:
    """Dollars per million input and output tokens."""

    input: float
    output: float


@cache
def price_table() -> dict[str, Price]:
    """Model name to price, read once from the package data."""
    text = (resources.files("blogideas_gui.core") / "data" / "prices.toml").read_text("utf-8")
    models = tomllib.loads(text)["models"]
    return {name: Price(float(p["input"]), float(p["output"])) for name, p in models.items()}


def price_for(model: str) -> Price | None:
    """The price of ``model``, matching dated names by their longest known prefix."""
    table = price_table()
    if model in table:
        return table[model]
    prefixes = [name for name in table if model.startswith(name + "-")]
    return table[max(prefixes, key=len)] if prefixes else None


def request_cost(model: str, usage: Usage, *, free: bool) -> float | None:
    """Dollars for one request; 0 when ``free``; ``None`` when the price is unknown."""
    if free:
        return 0.0
    price = price_for(model)
    if price is None:
        return None
    return (
        usage.prompt_tokens * price.input + usage.completion_tokens * price.output
    ) / _PER_TOKENS


def format_cost(cost: float | None, free_label: str = "free", unknown_label: str = "?") -> str:
    """A cost for the status line: "free", "$0.0004", or the unknown label."""
    if cost is None:
        return unknown_label
    if cost == 0:
        return free_label
    return f"${cost:.4f}" if cost < 0.01 else f"${cost:.2f}"
