"""The user's choices, kept in one small JSON file in the config folder.

The file is written atomically (a temporary file, fsync, then ``os.replace``)
so a crash or a full disk mid-save leaves the old settings intact. A file that
cannot be read as settings is renamed aside (``settings.json.damaged-<time>``)
and defaults are used, with a notice for the window: settings must never stop
the app from starting. Values of the wrong type fall back to their default one
by one, so one bad hand edit does not cost the user all their choices.

The OpenAI key is never here: it lives in the keychain (:mod:`.secrets`).
"""

from __future__ import annotations

import dataclasses
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.files import atomic_write, set_aside
from blogideas_gui.core.common.paths import config_dir
from blogideas_gui.core.settings.local_settings import LocalSettings

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.json"
SCHEMA_VERSION = 1
UI_LANGUAGES = ("", "ko", "en")
BACKENDS = ("local", "openai")


@dataclass
class Settings:
    """Everything the user chooses, with defaults for a first start.

    Attributes:
        ui_language: "ko", "en", or "" to follow the system language.
        output_language: language of the generated ideas; "" follows the UI.
        backend: "local" (free, on this computer) or "openai" (OpenAI or a
            compatible server at ``openai_base_url``).
        openai_base_url: "" means OpenAI itself; otherwise e.g. an Ollama URL.
        openai_model: the model asked for on the OpenAI-protocol server.
        local_model: an installed model id; "" means the starter model.
        local_n_ctx: context length for the local model.
        local_n_threads: CPU threads; 0 lets the app choose.
        local_n_gpu_layers: layers to offload; -1 means all that fit, 0 none.
        monthly_budget_usd: OpenAI spending limit per calendar month.
        first_run_done: whether the first-run guide has been completed.
    """

    ui_language: str = ""
    output_language: str = ""
    backend: str = "local"
    openai_base_url: str = ""
    openai_model: str = "gpt-4o-mini"
    local_model: str = ""
    local_n_ctx: int = 4096
    local_n_threads: int = 0
    local_n_gpu_layers: int = -1
    monthly_budget_usd: float = 10.0
    first_run_done: bool = False

    def local_settings(self) -> LocalSettings:
        """How to load the local model, in the backend's terms (None = automatic)."""
        return LocalSettings(
            n_ctx=self.local_n_ctx,
            n_threads=self.local_n_threads or None,
            n_gpu_layers=None if self.local_n_gpu_layers < 0 else self.local_n_gpu_layers,
        )

    def with_local(self, local: LocalSettings) -> Settings:
        """These settings with the local model loaded as ``local`` says."""
        return dataclasses.replace(
            self,
            local_n_ctx=local.n_ctx,
            local_n_threads=local.n_threads or 0,
            local_n_gpu_layers=-1 if local.n_gpu_layers is None else local.n_gpu_layers,
        )

    def to_json(self) -> dict[str, Any]:
        """The file's content: every field plus the schema version."""
        return {"version": SCHEMA_VERSION, **dataclasses.asdict(self)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Settings:
        """Settings from a parsed file; a missing or ill-typed value takes its default."""
        defaults = cls()
        values: dict[str, Any] = {}
        for spec in dataclasses.fields(cls):
            default = getattr(defaults, spec.name)
            value = data.get(spec.name, default)
            if not _fits(value, default):
                log.warning("settings: ignoring a bad value for %s", spec.name)
                value = default
            elif isinstance(default, float):
                value = float(value)
            values[spec.name] = value
        settings = cls(**values)
        if settings.ui_language not in UI_LANGUAGES:
            settings.ui_language = defaults.ui_language
        if settings.output_language not in UI_LANGUAGES:
            settings.output_language = defaults.output_language
        if settings.backend not in BACKENDS:
            settings.backend = defaults.backend
        if not settings.monthly_budget_usd >= 0:  # also catches NaN
            settings.monthly_budget_usd = defaults.monthly_budget_usd
        return settings


def _fits(value: object, default: object) -> bool:
    """Whether ``value`` has the type of ``default`` (an int may stand for a float)."""
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    if isinstance(default, float):
        return isinstance(value, int | float)
    return isinstance(value, type(default))


@dataclass
class LoadedSettings:
    """What :func:`load_settings` found.

    ``notice`` is set when the file was damaged and set aside: the window
    shows ``notice.message(language)`` once; the app goes on with defaults.
    """

    settings: Settings
    notice: BlogIdeasError | None = None
    damaged_copy: Path | None = field(default=None)


def settings_path() -> Path:
    """Where the settings file lives (under ``BLOGIDEAS_HOME`` when that is set)."""
    return config_dir() / SETTINGS_FILE


def load_settings(path: Path | None = None) -> LoadedSettings:
    """Read the settings; never raises for a missing, unreadable or damaged file."""
    path = path or settings_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return LoadedSettings(Settings())
    except OSError as error:
        # Unreadable (permissions, I/O): keep the file, it may come back.
        log.warning("settings: cannot read %s: %s", path, error)
        return LoadedSettings(Settings())
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("settings file is not a JSON object")
    except (UnicodeDecodeError, ValueError) as error:
        log.warning("settings: %s is damaged (%s); using defaults", path, error)
        aside = set_aside(path)
        name = aside.name if aside else path.name
        return LoadedSettings(
            Settings(), BlogIdeasError(ErrorKind.SETTINGS_DAMAGED, name), damaged_copy=aside
        )
    return LoadedSettings(Settings.from_json(data))


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write ``settings`` atomically; raises ``BlogIdeasError(DISK_FULL)`` when it cannot.

    The old file stays whole until the new one is completely on disk.
    """
    path = path or settings_path()
    text = json.dumps(settings.to_json(), ensure_ascii=False, indent=2) + "\n"
    try:
        atomic_write(path, text.encode("utf-8"))
    except OSError as error:
        log.error("settings: cannot write %s: %s", path, error)
        raise BlogIdeasError(ErrorKind.DISK_FULL, str(path.parent)) from error
    return path
