"""The user's choices, kept in one small JSON file in the config folder.

The file is written atomically (a temporary file, fsync, then ``os.replace``)
so a crash or a full disk mid-save leaves the old settings intact. A file that
cannot be read as settings is renamed aside (``settings.json.damaged-<time>``),
and one written by a newer version is left as it is; either way defaults are
used, with a notice for the window: settings must never stop the app from
starting. Values of the wrong type fall back to their default one by one, so
one bad hand edit does not cost the user all their choices.

No key is ever here: keys live in the keychain (:mod:`.secrets`), and a server
address holding one is neither read nor saved.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.files import read_json, write_json
from blogideas_gui.core.common.language import LANGUAGES, Language, current_language
from blogideas_gui.core.common.paths import config_dir
from blogideas_gui.core.settings.local_settings import LocalSettings
from blogideas_gui.core.settings.secrets import checked_address

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
        menu_entry_offered: whether the folder build has offered to add
            itself to the applications menu (asked once, whatever the answer).
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
    menu_entry_offered: bool = False

    def answer_language(self) -> Language:
        """The language ideas are written in: the chosen one, else the interface's.

        The interface's is the system's unless the user chose one, so an
        English system gets English answers and a Korean one Korean answers.
        """
        for chosen in (self.output_language, self.ui_language):
            if chosen in LANGUAGES:
                return "ko" if chosen == "ko" else "en"
        return current_language()

    def local_settings(self) -> LocalSettings:
        """How to load the local model, in the backend's terms (None = automatic)."""
        return LocalSettings.read(
            self.local_n_ctx,
            self.local_n_threads or None,
            None if self.local_n_gpu_layers < 0 else self.local_n_gpu_layers,
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
        settings.openai_base_url = _without_keys(settings.openai_base_url)
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
    """Read the settings; never raises for a missing, unreadable, damaged or newer file.

    The files rule (:mod:`blogideas_gui.core.common.files`) applies: a damaged
    file is set aside, a newer version's is left as it is; either way the
    defaults are used and the notice is reported once.
    """
    found = read_json(path or settings_path(), SCHEMA_VERSION, ErrorKind.SETTINGS_DAMAGED)
    if found.data is None:
        return LoadedSettings(Settings(), found.notice, damaged_copy=found.aside)
    return LoadedSettings(Settings.from_json(found.data))


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write ``settings`` atomically; the old file stays whole until the new one is on disk.

    Raises:
        BlogIdeasError: DISK_FULL (or FOLDER_NOT_WRITABLE) when it cannot be
            written; FILE_TOO_NEW when a newer version's file is there, which
            is never altered.
    """
    path = path or settings_path()
    data = {key: value for key, value in settings.to_json().items() if key != "version"}
    data["openai_base_url"] = _without_keys(settings.openai_base_url)
    write_json(path, data, SCHEMA_VERSION, mode=0o600)
    return path


def _without_keys(address: str) -> str:
    """``address``, or "" when it holds a key or a password (never kept, never used)."""
    try:
        return checked_address(address)
    except BlogIdeasError:
        log.warning("settings: dropped a server address that held a key")
        return ""
