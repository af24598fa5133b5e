"""Whether a model fits this computer: fits well, tight, or too big.

A non-developer cannot judge "Q4_K_M, 7.6B, 32k context". Memory is
estimated as file size + KV cache for the chosen context + working buffers
(no model is loaded to measure it), and compared with what is free. The same
estimate guards loading: a model that would not fit is refused with a plain
message unless the user insists, instead of the endless "loading" or crash
peers' users report.

Layers offloaded to a GPU live in its own memory, so where llama.cpp reports
a GPU's memory (:class:`~.machine.MachineFacts`), it counts too.
"""

from __future__ import annotations

import enum
from pathlib import Path

from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.i18n import QT_TRANSLATE_NOOP
from blogideas_gui.core.models.catalog import CatalogEntry
from blogideas_gui.core.models.machine import MachineFacts
from blogideas_gui.core.settings.local_settings import DEFAULT_CONTEXT

_GIB = 1024**3
# llama.cpp's compute buffers and scratch space on top of weights and KV cache.
_OVERHEAD_BYTES = 200 * 1024**2
_OVERHEAD_SHARE = 0.05
# Share of available memory a model may take and still "fit well": the browser
# and the app itself need the rest.
_WELL_SHARE = 0.85
# Beyond this share of *total* memory nothing can be closed to make room.
_TOO_BIG_SHARE = 0.9


class Fit(enum.Enum):
    """The verdict shown as a badge next to each model."""

    FITS_WELL = "fits well"
    TIGHT = "tight"
    TOO_BIG = "too big"


def estimate_kv_bytes_per_token(size_bytes: int) -> int:
    """A cautious KV-cache guess for a model the catalog does not know.

    Real values range from 12 KiB (small Qwen) to 336 KiB (Gemma 2 9B) per
    token; erring high only makes the verdict more careful.
    """
    return max(32 * 1024, min(256 * 1024, size_bytes // 20_000))


def memory_needed(size_bytes: int, kv_bytes_per_token: int, n_ctx: int = DEFAULT_CONTEXT) -> int:
    """Estimated memory to run a model: weights + KV cache + working buffers."""
    overhead = _OVERHEAD_BYTES + int(size_bytes * _OVERHEAD_SHARE)
    return size_bytes + kv_bytes_per_token * n_ctx + overhead


def _gpu_memory(facts: MachineFacts) -> tuple[int, int]:
    """Free and total GPU memory layers can go to (none without offload)."""
    if not facts.gpu_offload:
        return 0, 0
    return facts.gpu_free or 0, facts.gpu_total or 0


def fit_verdict(needed_bytes: int, facts: MachineFacts) -> Fit:
    """Fits well within free memory (the GPU's included), tight if others must close, else too big."""
    gpu_free, gpu_total = _gpu_memory(facts)
    if needed_bytes > (facts.total_ram + gpu_total) * _TOO_BIG_SHARE:
        return Fit.TOO_BIG
    if needed_bytes <= (facts.available_ram + gpu_free) * _WELL_SHARE:
        return Fit.FITS_WELL
    return Fit.TIGHT


def entry_fit(entry: CatalogEntry, facts: MachineFacts, n_ctx: int = DEFAULT_CONTEXT) -> Fit:
    """The verdict for a catalog entry at context size ``n_ctx``."""
    return fit_verdict(memory_needed(entry.size_bytes, entry.kv_bytes_per_token, n_ctx), facts)


def file_fit(
    size_bytes: int,
    facts: MachineFacts,
    n_ctx: int = DEFAULT_CONTEXT,
    kv_bytes_per_token: int | None = None,
) -> Fit:
    """The verdict for a model file of ``size_bytes`` (its KV cache guessed when unknown)."""
    per_token = kv_bytes_per_token or estimate_kv_bytes_per_token(size_bytes)
    return fit_verdict(memory_needed(size_bytes, per_token, n_ctx), facts)


def ensure_fits(
    path: Path,
    facts: MachineFacts,
    *,
    n_ctx: int = DEFAULT_CONTEXT,
    kv_bytes_per_token: int | None = None,
    insist: bool = False,
) -> Fit:
    """Refuse a model that is too big for this machine, unless the user insists.

    Called before loading, so the user gets a plain message instead of a
    crash or an endless "loading". Returns the verdict so a caller can warn on
    "tight".
    """
    size = path.stat().st_size
    per_token = kv_bytes_per_token or estimate_kv_bytes_per_token(size)
    needed = memory_needed(size, per_token, n_ctx)
    verdict = fit_verdict(needed, facts)
    if verdict is Fit.TOO_BIG and not insist:
        memory = facts.total_ram + _gpu_memory(facts)[1]
        raise BlogIdeasError(
            ErrorKind.NOT_ENOUGH_MEMORY,
            QT_TRANSLATE_NOOP("Errors", "needs about {needed} GB, this computer has {memory} GB"),
            needed=f"{needed / _GIB:.1f}",
            memory=f"{memory / _GIB:.1f}",
        )
    return verdict
