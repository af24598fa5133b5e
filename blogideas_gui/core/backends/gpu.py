"""Whether this build of llama.cpp can put model layers on a GPU, and how much memory it has.

Only ``core/backends`` may import ``llama_cpp``; the catalog's fit advice and
the window ask here. The import is lazy (it reads the engine's shared
library) and the answer is cached: it cannot change while the app runs.
"""

from __future__ import annotations

import ctypes
import functools
import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)


@functools.cache
def gpu_offload_supported() -> bool:
    """True when llama-cpp-python was built with CUDA, Metal, Vulkan or similar.

    A missing or broken engine counts as "no GPU": the caller reports the
    engine problem itself when it loads a model.
    """
    try:
        import llama_cpp
    except ImportError:
        return False
    try:
        return bool(llama_cpp.llama_supports_gpu_offload())
    except (AttributeError, OSError) as error:
        log.warning("cannot ask llama.cpp about GPU offload: %s", error)
        return False


# ggml's device kinds (enum ggml_backend_dev_type): an integrated GPU shares the
# computer's memory, so only a discrete one adds memory of its own.
_DEVICE_GPU = 1


@dataclass(frozen=True)
class EngineDevice:
    """One device llama.cpp can compute on, with its memory in bytes."""

    name: str
    kind: int
    free: int
    total: int


def engine_devices() -> list[EngineDevice]:
    """The devices llama.cpp's ggml registry knows (the CPU is always one).

    llama-cpp-python binds no device API, so ggml's C functions are called
    through ctypes on the library the package already loaded. Any failure
    means "cannot tell": an empty list, and the advice counts memory only.
    """
    try:
        from llama_cpp._ggml import libggml  # the package's own handle on ggml
    except (ImportError, OSError) as error:
        log.warning("cannot open ggml's device registry: %s", error)
        return []
    try:
        lib = libggml
        lib.ggml_backend_dev_count.restype = ctypes.c_size_t
        lib.ggml_backend_dev_get.argtypes = [ctypes.c_size_t]
        lib.ggml_backend_dev_get.restype = ctypes.c_void_p
        lib.ggml_backend_dev_name.argtypes = [ctypes.c_void_p]
        lib.ggml_backend_dev_name.restype = ctypes.c_char_p
        lib.ggml_backend_dev_type.argtypes = [ctypes.c_void_p]
        lib.ggml_backend_dev_type.restype = ctypes.c_int
        size_p = ctypes.POINTER(ctypes.c_size_t)
        lib.ggml_backend_dev_memory.argtypes = [ctypes.c_void_p, size_p, size_p]
        lib.ggml_backend_dev_memory.restype = None
        devices = []
        for index in range(lib.ggml_backend_dev_count()):
            device = lib.ggml_backend_dev_get(index)
            free, total = ctypes.c_size_t(0), ctypes.c_size_t(0)
            lib.ggml_backend_dev_memory(device, ctypes.byref(free), ctypes.byref(total))
            name = lib.ggml_backend_dev_name(device) or b"?"
            kind = int(lib.ggml_backend_dev_type(device))
            devices.append(
                EngineDevice(name.decode(errors="replace"), kind, free.value, total.value)
            )
        return devices
    except (AttributeError, OSError) as error:
        log.warning("cannot list ggml's devices: %s", error)
        return []


def gpu_memory(devices: list[EngineDevice] | None = None) -> tuple[int, int] | None:
    """Free and total memory of the discrete GPUs llama.cpp reports, or ``None`` if none."""
    gpus = [d for d in (engine_devices() if devices is None else devices) if d.kind == _DEVICE_GPU]
    if not gpus or not any(d.total for d in gpus):
        return None
    return sum(d.free for d in gpus), sum(d.total for d in gpus)
