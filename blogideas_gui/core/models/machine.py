"""What the model advice needs to know about this computer: memory, disk and GPU.

psutil reads memory and free disk the same way on Linux, macOS and Windows
(hand-written readers of ``/proc/meminfo`` and ``sysconf`` guessed "half the
total" where they could not tell what was free). The GPU's memory comes from
llama.cpp itself (:mod:`blogideas_gui.core.backends.gpu`), only when the
engine was built to offload and is asked to.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import psutil

from blogideas_gui.core.backends.gpu import gpu_memory, gpu_offload_supported
from blogideas_gui.core.common.paths import models_dir


@dataclass(frozen=True)
class MachineFacts:
    """This computer, in bytes.

    ``gpu_free`` and ``gpu_total`` are the memory of the GPUs llama.cpp can
    put layers on, ``None`` where there is none or the engine does not say.
    """

    total_ram: int
    available_ram: int
    free_disk: int
    gpu_offload: bool
    gpu_free: int | None = None
    gpu_total: int | None = None

    def to_dict(self) -> dict[str, object]:
        """The facts as plain JSON data."""
        return {
            "total_ram_bytes": self.total_ram,
            "available_ram_bytes": self.available_ram,
            "free_disk_bytes": self.free_disk,
            "gpu_offload": self.gpu_offload,
            "gpu_free_bytes": self.gpu_free,
            "gpu_total_bytes": self.gpu_total,
        }


def memory_bytes() -> tuple[int, int]:
    """Total memory and the memory available to a new program without swapping."""
    memory = psutil.virtual_memory()
    return int(memory.total), min(int(memory.available), int(memory.total))


def free_disk_bytes(folder: Path) -> int:
    """Free space where ``folder`` lives (its nearest existing parent)."""
    for candidate in (folder, *folder.parents):
        try:
            return int(psutil.disk_usage(str(candidate)).free)
        except OSError:
            continue
    return 0


def machine_facts(folder: Path | None = None, *, check_gpu: bool = True) -> MachineFacts:
    """Read this machine's memory, free disk in ``folder`` (the models folder) and GPU.

    ``check_gpu=False`` skips loading llama.cpp's library, for quick listings.
    """
    total, available = memory_bytes()
    offload = gpu_offload_supported() if check_gpu else False
    gpu = gpu_memory() if offload else None
    return MachineFacts(
        total_ram=total,
        available_ram=available,
        free_disk=free_disk_bytes(folder or models_dir()),
        gpu_offload=offload,
        gpu_free=None if gpu is None else gpu[0],
        gpu_total=None if gpu is None else gpu[1],
    )
