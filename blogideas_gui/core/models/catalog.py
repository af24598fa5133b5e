"""The curated models (``catalog.toml``, shipped inside this package): facts as data.

A non-developer cannot judge "Q4_K_M, 7.6B, 32k context". The catalog holds
those facts (size, languages, licence, our rough writing-quality rating) so
that :mod:`.fit`, :mod:`.speed` and :mod:`.advice` can turn them, with this
computer's memory and speed, into plain words and one recommendation. Adding
a model means adding an entry; nothing else changes.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from blogideas_gui.core.common.i18n import lookup
from blogideas_gui.core.common.language import Language

CATALOG_ENV_VAR = "BLOGIDEAS_CATALOG"
CATALOG_FILE = "catalog.toml"
CATALOG_CONTEXT = "Catalog"
"""Where the catalogue keeps the catalog's texts (lupdate cannot read a TOML file)."""


@dataclass(frozen=True)
class CatalogEntry:
    """One curated model; see the field list at the top of ``catalog.toml``."""

    id: str
    name: str
    source: str
    repo: str
    file: str
    revision: str
    size_bytes: int
    parameters_billion: float
    quantization: str
    min_ram_gb: float
    kv_bytes_per_token: int
    context_length: int
    languages: tuple[str, ...]
    quality_ko: int
    quality_en: int
    license: str
    description: str
    verified: bool
    size_exact: bool = True

    @property
    def is_bundled(self) -> bool:
        """Ships with the app (the starter model); never downloaded or removed."""
        return self.source == "bundled"

    def described(self, language: Language | None = None) -> str:
        """The model manager's line about this model, in ``language`` (the interface's).

        The catalog holds it in English, like the code holds its strings; the
        catalogue has it in Korean under the "Catalog" context. A line with no
        translation yet is shown in English.
        """
        return lookup(CATALOG_CONTEXT, self.description, language=language) or self.description

    def quality(self, language: str) -> int:
        """Our rough writing-quality rating in ``language`` ("ko" or "en")."""
        return self.quality_ko if language == "ko" else self.quality_en

    def to_dict(self) -> dict[str, object]:
        """The entry as plain JSON data."""
        return {
            "id": self.id,
            "name": self.name,
            "source": self.source,
            "repo": self.repo,
            "file": self.file,
            "revision": self.revision,
            "size_bytes": self.size_bytes,
            "parameters_billion": self.parameters_billion,
            "quantization": self.quantization,
            "min_ram_gb": self.min_ram_gb,
            "context_length": self.context_length,
            "languages": list(self.languages),
            "license": self.license,
            "description": self.description,
            "verified": self.verified,
            "size_exact": self.size_exact,
        }


def catalog_path() -> Path:
    """Where the catalog is: ``BLOGIDEAS_CATALOG`` (tests, a curated copy), else beside this module.

    It is package data, so a wheel, an editable install and a frozen bundle
    all carry it where this module is.
    """
    override = os.environ.get(CATALOG_ENV_VAR)
    if override:
        return Path(override)
    return Path(str(resources.files(__package__ or "blogideas_gui.core.models") / CATALOG_FILE))


def load_catalog(path: Path | None = None) -> list[CatalogEntry]:
    """Read the catalog; a broken catalog is a bug in the app, so it fails loudly."""
    path = path or catalog_path()
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    entries = []
    for raw in data.get("model", []):
        entries.append(
            CatalogEntry(
                id=str(raw["id"]),
                name=str(raw["name"]),
                source=str(raw.get("source", "hub")),
                repo=str(raw["repo"]),
                file=str(raw["file"]),
                revision=str(raw.get("revision") or "main"),
                size_bytes=int(raw["size_bytes"]),
                parameters_billion=float(raw["parameters_billion"]),
                quantization=str(raw["quantization"]),
                min_ram_gb=float(raw["min_ram_gb"]),
                kv_bytes_per_token=int(raw["kv_bytes_per_token"]),
                context_length=int(raw["context_length"]),
                languages=tuple(str(lang) for lang in raw["languages"]),
                quality_ko=int(raw["quality_ko"]),
                quality_en=int(raw["quality_en"]),
                license=str(raw["license"]),
                description=str(raw["description"]),
                verified=bool(raw.get("verified", False)),
                size_exact=bool(raw.get("size_exact", True)),
            )
        )
    ids = [entry.id for entry in entries]
    if len(set(ids)) != len(ids):
        raise ValueError(f"duplicate model ids in {path}")
    return entries


def find_entry(entries: Sequence[CatalogEntry], model_id: str) -> CatalogEntry | None:
    """The entry with ``model_id`` (case-insensitive), else ``None``."""
    wanted = model_id.strip().lower()
    return next((entry for entry in entries if entry.id.lower() == wanted), None)
