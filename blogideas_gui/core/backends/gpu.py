"""Whether this build of llama.cpp can put model layers on a GPU.

Only ``core/backends`` may import ``llama_cpp``; the catalog's fit advice and
the window ask here. The import is lazy (it reads the engine's shared
library) and the answer is cached: it cannot change while the app runs.
"""

from __future__ import annotations

import functools
import logging

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
