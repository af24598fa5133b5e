"""How the local model is loaded: context size, threads, GPU layers.

A plain dataclass without Qt, so the model manager window, the settings file
and the command line share one shape and hand it to
:class:`blogideas_gui.core.backends.local.LocalBackend` the same way.
``None`` means "let the app decide": every physical core for threads, and
every layer on the GPU when this build of llama.cpp can offload (none when it
cannot). Changing any of these requires reloading the model, which is why the
window reports a change as one new value instead of field by field.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind

DEFAULT_CONTEXT = 4096
MIN_CONTEXT = 512
MAX_CONTEXT = 131072
MAX_GPU_LAYERS = 999


@dataclass(frozen=True)
class LocalSettings:
    """Load settings of the local backend; ``None`` is automatic."""

    n_ctx: int = DEFAULT_CONTEXT
    n_threads: int | None = None
    n_gpu_layers: int | None = None

    def validated(self) -> LocalSettings:
        """The same settings, or a plain error for a value llama.cpp would reject."""
        if not MIN_CONTEXT <= self.n_ctx <= MAX_CONTEXT:
            raise BlogIdeasError(
                ErrorKind.BAD_NUMBER,
                f"The context size must be between {MIN_CONTEXT} and {MAX_CONTEXT}.",
            )
        if self.n_threads is not None and self.n_threads < 1:
            raise BlogIdeasError(ErrorKind.BAD_NUMBER, "Threads must be at least 1.")
        if self.n_gpu_layers is not None and not 0 <= self.n_gpu_layers <= MAX_GPU_LAYERS:
            raise BlogIdeasError(
                ErrorKind.BAD_NUMBER, f"GPU layers must be between 0 and {MAX_GPU_LAYERS}."
            )
        return self

    def backend_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``LocalBackend(path, **settings.backend_kwargs())``."""
        return asdict(self)

    def to_dict(self) -> dict[str, int | None]:
        """Plain data for the settings file."""
        return {"n_ctx": self.n_ctx, "n_threads": self.n_threads, "n_gpu_layers": self.n_gpu_layers}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LocalSettings:
        """Read settings written by :meth:`to_dict`; missing or odd values become defaults."""

        def number(key: str) -> int | None:
            value = data.get(key)
            return value if isinstance(value, int) and not isinstance(value, bool) else None

        return cls(
            n_ctx=number("n_ctx") or DEFAULT_CONTEXT,
            n_threads=number("n_threads"),
            n_gpu_layers=number("n_gpu_layers"),
        )
