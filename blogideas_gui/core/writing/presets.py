"""Named presets: where the post goes (platform), its tone, readers and length.

A blogger writes for one or two places again and again, so the choices that
shape an idea list are saved once under a name and picked from a list. A
preset only adds lines to the user message (:func:`preset_lines`); the system
message stays the same, so llama.cpp keeps reusing its evaluated state.

Presets live in one JSON file in the config folder, under the app's files
rule like the settings: written atomically; a file that cannot be read as
presets is renamed aside (``presets.json.damaged-<time>``) and the list starts
empty; a newer version's file is left as it is. Either way a notice says so
once: a bad hand edit must never stop the app from starting.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.files import read_json, recover_damaged, write_json
from blogideas_gui.core.common.i18n import QT_TRANSLATE_NOOP, translate
from blogideas_gui.core.common.language import Language
from blogideas_gui.core.common.paths import config_dir
from blogideas_gui.core.writing.prompt_words import prompt_words

PRESETS_FILE = "presets.json"
SCHEMA_VERSION = 1

PLATFORMS = ("naver", "tistory", "velog", "brunch", "medium", "personal")
LENGTHS = ("short", "medium", "long")

# Display names for the presets dialog, in English; the catalogue
# (core/common/i18n.py) has them in Korean. What the model reads of a preset is
# data: core/data/prompt.<lang>.toml (prompt_words).
_PLATFORM_NAMES: dict[str, str] = {
    "naver": QT_TRANSLATE_NOOP("PresetPlatform", "Naver blog"),
    "tistory": QT_TRANSLATE_NOOP("PresetPlatform", "Tistory"),
    "velog": QT_TRANSLATE_NOOP("PresetPlatform", "Velog"),
    "brunch": QT_TRANSLATE_NOOP("PresetPlatform", "Brunch"),
    "medium": QT_TRANSLATE_NOOP("PresetPlatform", "Medium"),
    "personal": QT_TRANSLATE_NOOP("PresetPlatform", "Personal blog"),
}
_LENGTH_NAMES: dict[str, str] = {
    "short": QT_TRANSLATE_NOOP("PresetLength", "Short"),
    "medium": QT_TRANSLATE_NOOP("PresetLength", "Medium"),
    "long": QT_TRANSLATE_NOOP("PresetLength", "Long"),
}


@dataclass(frozen=True)
class Preset:
    """A named set of choices. ``platform`` and ``length`` may be "" for no preference."""

    name: str
    platform: str = ""
    tone: str = ""
    audience: str = ""
    length: str = ""

    def cleaned(self) -> Preset:
        """This preset trimmed, with an unknown platform or length dropped (not guessed)."""
        return Preset(
            self.name.strip(),
            self.platform if self.platform in PLATFORMS else "",
            self.tone.strip(),
            self.audience.strip(),
            self.length if self.length in LENGTHS else "",
        )


def platform_name(platform: str, language: Language) -> str:
    """The platform's name as a user knows it, in ``language``."""
    return translate("PresetPlatform", _PLATFORM_NAMES[platform], language=language)


def length_name(length: str, language: Language) -> str:
    """The length's label for a menu, in ``language``."""
    return translate("PresetLength", _LENGTH_NAMES[length], language=language)


def preset_lines(preset: Preset, language: Language) -> list[str]:
    """The lines a preset adds to the user message: platform, tone, readers, length.

    Empty choices add nothing, so ``Preset("", tone=t, audience=a)`` gives the
    very lines ``build_messages`` wrote for a tone and readers before presets.
    """
    preset = preset.cleaned()
    words = prompt_words(language)
    parts: list[str] = []
    if preset.platform:
        parts.append(
            words.platform_line.format(
                name=words.platform_names[preset.platform],
                hint=words.platform_hints[preset.platform],
            )
        )
    if preset.tone:
        parts.append(words.tone_line.format(value=preset.tone))
    if preset.audience:
        parts.append(words.readers_line.format(value=preset.audience))
    if preset.length:
        parts.append(words.length_line.format(hint=words.length_hints[preset.length]))
    return parts


class PresetStore:
    """The saved presets, one JSON file, read fresh on every call.

    Reading each time (the file is tiny) means two windows never overwrite
    each other's newer list with a stale copy.

    Args:
        path: the JSON file; ``config_dir()/presets.json`` by default.
    """

    def __init__(self, path: Path | None = None) -> None:
        self._path = path

    @property
    def path(self) -> Path:
        """The file, resolved late so ``BLOGIDEAS_HOME`` set by a test is honoured."""
        return self._path or config_dir() / PRESETS_FILE

    def list(self) -> list[Preset]:
        """All presets, sorted by name; empty for a missing or damaged file."""
        return sorted(self._read().values(), key=lambda preset: preset.name.casefold())

    def get(self, name: str) -> Preset | None:
        """The preset called ``name``, or None."""
        return self._read().get(name.strip())

    def save(self, preset: Preset) -> Preset:
        """Add ``preset``, replacing one of the same name; returns what was stored.

        Raises:
            BlogIdeasError: BAD_OPTION for a preset without a name, DISK_FULL
                when the file cannot be written.
        """
        preset = preset.cleaned()
        if not preset.name:
            raise BlogIdeasError(
                ErrorKind.BAD_OPTION, QT_TRANSLATE_NOOP("Errors", "A preset needs a name.")
            )
        presets = self._read()
        presets[preset.name] = preset
        self._write(presets)
        return preset

    def delete(self, name: str) -> bool:
        """Remove the preset called ``name``; False when there was none."""
        presets = self._read()
        if presets.pop(name.strip(), None) is None:
            return False
        self._write(presets)
        return True

    def _read(self) -> dict[str, Preset]:
        """The presets, by the files rule: damaged set aside, a newer version's left alone."""
        found = read_json(self.path, SCHEMA_VERSION)
        if found.data is None:
            return {}
        try:
            return _parse(found.data)
        except (ValueError, TypeError, KeyError):
            recover_damaged(self.path)  # JSON, but not presets
            return {}

    def _write(self, presets: dict[str, Preset]) -> None:
        data = {"presets": [dataclasses.asdict(preset) for preset in presets.values()]}
        write_json(self.path, data, SCHEMA_VERSION, mode=0o644)


def _parse(data: Any) -> dict[str, Preset]:
    """Presets from the parsed file; raises ValueError when it is not ours."""
    if not isinstance(data, dict) or not isinstance(data.get("presets"), list):
        raise ValueError("not a presets file")
    presets: dict[str, Preset] = {}
    for item in data["presets"]:
        if not isinstance(item, dict):
            raise ValueError("a preset is not an object")
        values = {field.name: item.get(field.name, "") for field in dataclasses.fields(Preset)}
        if not all(isinstance(value, str) for value in values.values()):
            raise ValueError("a preset value is not text")
        preset = Preset(**values).cleaned()
        if preset.name:
            presets[preset.name] = preset
    return presets
