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
from blogideas_gui.core.common.i18n import QT_TRANSLATE_NOOP
from blogideas_gui.core.common.notices import report

DEFAULT_CONTEXT = 4096
MIN_CONTEXT = 512
MAX_CONTEXT = 131072
MAX_GPU_LAYERS = 999
MAX_PARALLEL = 8


@dataclass(frozen=True)
class LocalSettings:
    """Load settings of the local backend; ``None`` is automatic."""

    n_ctx: int = DEFAULT_CONTEXT
    n_threads: int | None = None
    n_gpu_layers: int | None = None
    parallel: int | None = None
    """Ideas written at once (1: one after another); None: what the speed probe found fastest."""

    def validated(self) -> LocalSettings:
        """The same settings, or a plain error for a value llama.cpp would reject."""
        if not MIN_CONTEXT <= self.n_ctx <= MAX_CONTEXT:
            raise BlogIdeasError(
                ErrorKind.BAD_NUMBER,
                QT_TRANSLATE_NOOP("Errors", "The context size must be between {low} and {high}."),
                low=MIN_CONTEXT,
                high=MAX_CONTEXT,
            )
        if self.n_threads is not None and self.n_threads < 1:
            raise BlogIdeasError(
                ErrorKind.BAD_NUMBER, QT_TRANSLATE_NOOP("Errors", "Threads must be at least 1.")
            )
        if self.n_gpu_layers is not None and not 0 <= self.n_gpu_layers <= MAX_GPU_LAYERS:
            raise BlogIdeasError(
                ErrorKind.BAD_NUMBER,
                QT_TRANSLATE_NOOP("Errors", "GPU layers must be between 0 and {high}."),
                high=MAX_GPU_LAYERS,
            )
        if self.parallel is not None and not 1 <= self.parallel <= MAX_PARALLEL:
            raise BlogIdeasError(
                ErrorKind.BAD_NUMBER,
                QT_TRANSLATE_NOOP("Errors", "Ideas written at once must be between 1 and {high}."),
                high=MAX_PARALLEL,
            )
        return self

    def backend_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``LocalBackend(path, **settings.backend_kwargs())``."""
        return asdict(self)

    def to_dict(self) -> dict[str, int | None]:
        """Plain data for the settings file."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LocalSettings:
        """Read settings written by :meth:`to_dict`; missing or odd values become defaults."""

        def number(key: str) -> int | None:
            value = data.get(key)
            return value if isinstance(value, int) and not isinstance(value, bool) else None

        return cls.read(
            number("n_ctx") or DEFAULT_CONTEXT,
            number("n_threads"),
            number("n_gpu_layers"),
            number("parallel"),
        )

    @classmethod
    def read(
        cls,
        n_ctx: int,
        n_threads: int | None,
        n_gpu_layers: int | None,
        parallel: int | None = None,
    ) -> LocalSettings:
        """Settings from a file, each impossible value replaced by its default and said once.

        A negative or absurd context size in the settings is a settings
        problem: left as it is, llama.cpp would fail to load and the model
        file would be blamed. The notice (:func:`~blogideas_gui.core.common.notices.report`)
        names the value, so the user knows what was changed.
        """
        wrong = []
        if not MIN_CONTEXT <= n_ctx <= MAX_CONTEXT:
            wrong.append(f"n_ctx={n_ctx}")
            n_ctx = DEFAULT_CONTEXT
        if n_threads is not None and n_threads < 1:
            wrong.append(f"n_threads={n_threads}")
            n_threads = None
        if n_gpu_layers is not None and not 0 <= n_gpu_layers <= MAX_GPU_LAYERS:
            wrong.append(f"n_gpu_layers={n_gpu_layers}")
            n_gpu_layers = None
        if parallel is not None and not 1 <= parallel <= MAX_PARALLEL:
            wrong.append(f"parallel={parallel}")
            parallel = None
        if wrong:
            report(BlogIdeasError(ErrorKind.SETTINGS_VALUE_IGNORED, ", ".join(wrong)))
        return cls(n_ctx, n_threads, n_gpu_layers, parallel)
