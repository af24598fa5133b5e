"""The curated models (``models/catalog.toml``) and whether each fits this machine.

A non-developer cannot judge "Q4_K_M, 7.6B, 32k context". The catalog holds
those facts as data; this module turns them, with the machine's memory, into
one of three words — fits well, tight, too big — and picks the best model that
fits well. The same estimate guards loading: a model that would not fit is
refused with a plain message unless the user insists, instead of the endless
"loading" or crash peers' users report.

Memory is estimated as file size + KV cache for the chosen context + working
buffers. It is an estimate on purpose (no model is loaded to measure it).
"""

from __future__ import annotations

import enum
import logging
import os
import shutil
import sys
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from blogideas_gui.core.backends.gpu import gpu_offload_supported
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.paths import models_dir
from blogideas_gui.core.settings.local_settings import DEFAULT_CONTEXT

log = logging.getLogger(__name__)

CATALOG_ENV_VAR = "BLOGIDEAS_CATALOG"
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


@dataclass(frozen=True)
class CatalogEntry:
    """One curated model; see the field list at the top of ``catalog.toml``."""

    id: str
    name: str
    source: str
    repo: str
    file: str
    revision: str
    size_bytes: int
    parameters_billion: float
    quantization: str
    min_ram_gb: float
    kv_bytes_per_token: int
    context_length: int
    languages: tuple[str, ...]
    quality_ko: int
    quality_en: int
    license: str
    description: str
    description_ko: str
    verified: bool

    @property
    def is_bundled(self) -> bool:
        """Ships with the app (the starter model); never downloaded or removed."""
        return self.source == "bundled"

    def quality(self, language: str) -> int:
        """Our rough writing-quality rating in ``language`` ("ko" or "en")."""
        return self.quality_ko if language == "ko" else self.quality_en

    def to_dict(self) -> dict[str, object]:
        """The entry as plain JSON data."""
        return {
            "id": self.id,
            "name": self.name,
            "source": self.source,
            "repo": self.repo,
            "file": self.file,
            "revision": self.revision,
            "size_bytes": self.size_bytes,
            "parameters_billion": self.parameters_billion,
            "quantization": self.quantization,
            "min_ram_gb": self.min_ram_gb,
            "context_length": self.context_length,
            "languages": list(self.languages),
            "license": self.license,
            "description": self.description,
            "description_ko": self.description_ko,
            "verified": self.verified,
        }


def catalog_path() -> Path:
    """Where the catalog is: ``BLOGIDEAS_CATALOG``, a frozen bundle, or the source tree."""
    override = os.environ.get(CATALOG_ENV_VAR)
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle and (Path(bundle) / "models" / "catalog.toml").is_file():
        return Path(bundle) / "models" / "catalog.toml"
    return Path(__file__).resolve().parents[3] / "models" / "catalog.toml"


def load_catalog(path: Path | None = None) -> list[CatalogEntry]:
    """Read the catalog; a broken catalog is a bug in the app, so it fails loudly."""
    path = path or catalog_path()
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    entries = []
    for raw in data.get("model", []):
        entries.append(
            CatalogEntry(
                id=str(raw["id"]),
                name=str(raw["name"]),
                source=str(raw.get("source", "hub")),
                repo=str(raw["repo"]),
                file=str(raw["file"]),
                revision=str(raw.get("revision") or "main"),
                size_bytes=int(raw["size_bytes"]),
                parameters_billion=float(raw["parameters_billion"]),
                quantization=str(raw["quantization"]),
                min_ram_gb=float(raw["min_ram_gb"]),
                kv_bytes_per_token=int(raw["kv_bytes_per_token"]),
                context_length=int(raw["context_length"]),
                languages=tuple(str(lang) for lang in raw["languages"]),
                quality_ko=int(raw["quality_ko"]),
                quality_en=int(raw["quality_en"]),
                license=str(raw["license"]),
                description=str(raw["description"]),
                description_ko=str(raw["description_ko"]),
                verified=bool(raw.get("verified", False)),
            )
        )
    ids = [entry.id for entry in entries]
    if len(set(ids)) != len(ids):
        raise ValueError(f"duplicate model ids in {path}")
    return entries


def find_entry(entries: Sequence[CatalogEntry], model_id: str) -> CatalogEntry | None:
    """The entry with ``model_id`` (case-insensitive), else ``None``."""
    wanted = model_id.strip().lower()
    return next((entry for entry in entries if entry.id.lower() == wanted), None)


@dataclass(frozen=True)
class MachineFacts:
    """What the fit advice needs to know about this computer, in bytes."""

    total_ram: int
    available_ram: int
    free_disk: int
    gpu_offload: bool

    def to_dict(self) -> dict[str, object]:
        """The facts as plain JSON data."""
        return {
            "total_ram_bytes": self.total_ram,
            "available_ram_bytes": self.available_ram,
            "free_disk_bytes": self.free_disk,
            "gpu_offload": self.gpu_offload,
        }


def _meminfo() -> tuple[int | None, int | None]:
    """Total and available memory from Linux's ``/proc/meminfo``."""
    try:
        text = Path("/proc/meminfo").read_text(encoding="ascii")
    except OSError:
        return None, None
    values: dict[str, int] = {}
    for line in text.splitlines():
        name, _, rest = line.partition(":")
        parts = rest.split()
        if parts and parts[0].isdigit():
            values[name] = int(parts[0]) * 1024  # reported in kB
    return values.get("MemTotal"), values.get("MemAvailable")


def _windows_memory() -> tuple[int | None, int | None]:
    """Total and available memory through ``GlobalMemoryStatusEx``."""
    if sys.platform != "win32":
        return None, None
    import ctypes

    class _Status(ctypes.Structure):
        _fields_ = [
            ("dwLength", ctypes.c_ulong),
            ("dwMemoryLoad", ctypes.c_ulong),
            ("ullTotalPhys", ctypes.c_ulonglong),
            ("ullAvailPhys", ctypes.c_ulonglong),
            ("ullTotalPageFile", ctypes.c_ulonglong),
            ("ullAvailPageFile", ctypes.c_ulonglong),
            ("ullTotalVirtual", ctypes.c_ulonglong),
            ("ullAvailVirtual", ctypes.c_ulonglong),
            ("ullAvailExtendedVirtual", ctypes.c_ulonglong),
        ]

    status = _Status()
    status.dwLength = ctypes.sizeof(_Status)
    if not ctypes.windll.kernel32.GlobalMemoryStatusEx(ctypes.byref(status)):
        return None, None
    return int(status.ullTotalPhys), int(status.ullAvailPhys)


def _sysconf(name: str) -> int | None:
    """A page count from ``os.sysconf`` in bytes, where the platform has it."""
    try:
        return int(os.sysconf(name)) * int(os.sysconf("SC_PAGE_SIZE"))
    except (AttributeError, ValueError, OSError):
        return None


def memory_bytes() -> tuple[int, int]:
    """Total and available RAM. Unknown available memory counts as half the total."""
    total, available = _meminfo()
    if total is None:
        total, available = _windows_memory()
    if total is None:
        total, available = _sysconf("SC_PHYS_PAGES"), _sysconf("SC_AVPHYS_PAGES")
    if total is None:
        log.warning("cannot read the memory size; assuming 8 GiB")
        total = 8 * _GIB
    if available is None:
        available = total // 2
    return total, min(available, total)


def free_disk_bytes(folder: Path) -> int:
    """Free space where ``folder`` lives (its nearest existing parent)."""
    for candidate in (folder, *folder.parents):
        try:
            return shutil.disk_usage(candidate).free
        except OSError:
            continue
    return 0


def machine_facts(folder: Path | None = None, *, check_gpu: bool = True) -> MachineFacts:
    """Read this machine's memory, free disk in ``folder`` (the models folder) and GPU.

    ``check_gpu=False`` skips loading llama.cpp's library, for quick listings.
    """
    total, available = memory_bytes()
    return MachineFacts(
        total_ram=total,
        available_ram=available,
        free_disk=free_disk_bytes(folder or models_dir()),
        gpu_offload=gpu_offload_supported() if check_gpu else False,
    )


def estimate_kv_bytes_per_token(size_bytes: int) -> int:
    """A cautious KV-cache guess for a model the catalog does not know.

    Real values range from 12 KiB (small Qwen) to 336 KiB (Gemma 2 9B) per
    token; erring high only makes the verdict more careful.
    """
    return max(32 * 1024, min(256 * 1024, size_bytes // 20_000))


def memory_needed(size_bytes: int, kv_bytes_per_token: int, n_ctx: int = DEFAULT_CONTEXT) -> int:
    """Estimated RAM to run a model: weights + KV cache + working buffers."""
    overhead = _OVERHEAD_BYTES + int(size_bytes * _OVERHEAD_SHARE)
    return size_bytes + kv_bytes_per_token * n_ctx + overhead


def fit_verdict(needed_bytes: int, facts: MachineFacts) -> Fit:
    """Fits well within free memory, tight if others must close, else too big."""
    if needed_bytes > facts.total_ram * _TOO_BIG_SHARE:
        return Fit.TOO_BIG
    if needed_bytes <= facts.available_ram * _WELL_SHARE:
        return Fit.FITS_WELL
    return Fit.TIGHT


def entry_fit(entry: CatalogEntry, facts: MachineFacts, n_ctx: int = DEFAULT_CONTEXT) -> Fit:
    """The verdict for a catalog entry at context size ``n_ctx``."""
    return fit_verdict(memory_needed(entry.size_bytes, entry.kv_bytes_per_token, n_ctx), facts)


def recommend(
    entries: Sequence[CatalogEntry],
    facts: MachineFacts,
    language: str = "ko",
    n_ctx: int = DEFAULT_CONTEXT,
) -> CatalogEntry | None:
    """The best-writing downloadable model that fits well; ties go to the smaller.

    ``None`` when nothing fits well: the starter model is then the best choice.
    """
    candidates = [
        entry
        for entry in entries
        if not entry.is_bundled
        and language in entry.languages
        and entry_fit(entry, facts, n_ctx) is Fit.FITS_WELL
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda entry: (entry.quality(language), -entry.size_bytes))


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
        raise BlogIdeasError(
            ErrorKind.NOT_ENOUGH_MEMORY,
            f"needs about {needed / _GIB:.1f} GB, this computer has {facts.total_ram / _GIB:.1f} GB",
        )
    return verdict
