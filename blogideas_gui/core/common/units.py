"""Sizes as people read them, in one place for the window, the CLI and messages."""

from __future__ import annotations


def format_bytes(count: float) -> str:
    """Decimal units, as disks and the hub count them: 98.4 MB, 4.7 GB."""
    for unit, size in (("GB", 1000**3), ("MB", 1000**2), ("kB", 1000)):
        if count >= size:
            return f"{count / size:.1f} {unit}"
    return f"{int(count)} B"
