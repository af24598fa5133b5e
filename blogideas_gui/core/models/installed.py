"""The models on this computer: listed, imported, removed.

Installed models are the ``*.gguf`` files directly in the models folder (plus
the bundled starter model). Nothing else counts: a download in progress lives
under ``.partial/`` with another suffix and is moved in only once verified, so
a half-finished or corrupt file can never be listed or chosen. A small
manifest (``installed.json``) remembers where each file came from (catalog
id, repo, checksum); a ``.gguf`` the user dropped in by hand is listed too,
under its file name.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from blogideas_gui.core.backends.prompt_state import forget_model
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.files import read_json, write_json
from blogideas_gui.core.common.i18n import QT_TRANSLATE_NOOP
from blogideas_gui.core.common.paths import models_dir
from blogideas_gui.core.common.units import format_bytes
from blogideas_gui.core.models.catalog import CatalogEntry, load_catalog
from blogideas_gui.core.models.gguf import checked_facts, remember_facts
from blogideas_gui.core.models.machine import free_disk_bytes
from blogideas_gui.core.models.starter import STARTER_NAME, starter_model_path

log = logging.getLogger(__name__)

MANIFEST_NAME = "installed.json"
MANIFEST_VERSION = 1
PARTIAL_FOLDER = ".partial"
STARTER_ID = "smollm2-135m-starter"
# Room left free after a copy or download, so the disk is never filled to the brim.
DISK_MARGIN_BYTES = 64 * 1024**2
_manifest_lock = threading.Lock()


@dataclass(frozen=True)
class InstalledModel:
    """A model file the app can load now.

    ``source`` is ``bundled`` (the starter), ``downloaded``, ``imported``
    (copied in) or ``linked`` (a link to the user's own file, which stays theirs).
    ``verified`` is false for a download the hub gave no checksum for (only
    its size could be checked).
    """

    id: str
    name: str
    path: Path
    size_bytes: int
    source: str
    repo: str = ""
    sha256: str = ""
    verified: bool = True

    def to_dict(self) -> dict[str, object]:
        """The model as plain JSON data."""
        return {
            "id": self.id,
            "name": self.name,
            "path": str(self.path),
            "size_bytes": self.size_bytes,
            "source": self.source,
            "repo": self.repo,
            "sha256": self.sha256,
            "verified": self.verified,
        }


def not_enough_disk(needed: int, free: int, folder: Path) -> BlogIdeasError:
    """The plain error for a full disk."""
    return BlogIdeasError(
        ErrorKind.DISK_FULL,
        f"{format_bytes(needed)} needed, {format_bytes(free)} free in {folder}",
    )


def check_disk_space(
    needed: int, folder: Path, free_bytes: Callable[[Path], int] = free_disk_bytes
) -> None:
    """Fail before starting when ``needed`` bytes (plus a margin) do not fit."""
    free = free_bytes(folder)
    if needed + DISK_MARGIN_BYTES > free:
        raise not_enough_disk(needed, free, folder)


def _manifest_path(folder: Path) -> Path:
    return folder / MANIFEST_NAME


def _read_manifest(folder: Path) -> dict[str, dict[str, str]]:
    """File name -> what we know about it, by the app's files rule.

    A damaged manifest is set aside and one from a newer version left alone
    (:func:`~blogideas_gui.core.common.files.read_json`, with its notice);
    either way the models are still listed, by their file names.
    """
    found = read_json(_manifest_path(folder), MANIFEST_VERSION)
    models = (found.data or {}).get("models", {})
    if not isinstance(models, dict):
        return {}
    return {str(name): dict(info) for name, info in models.items() if isinstance(info, dict)}


def _write_manifest(folder: Path, models: dict[str, dict[str, str]]) -> None:
    """Replace the manifest atomically; a newer version's manifest is never altered."""
    try:
        write_json(_manifest_path(folder), {"models": models}, MANIFEST_VERSION)
    except BlogIdeasError as error:
        if error.kind is not ErrorKind.FILE_TOO_NEW:
            raise


def _catalog_for(file_name: str, entries: Sequence[CatalogEntry]) -> CatalogEntry | None:
    return next((e for e in entries if not e.is_bundled and e.file == file_name), None)


def record_installed(
    path: Path,
    *,
    source: str,
    repo: str = "",
    sha256: str = "",
    verified: bool = True,
    folder: Path | None = None,
    entries: Sequence[CatalogEntry] | None = None,
) -> InstalledModel:
    """Remember where a model file in the models folder came from; return it as listed."""
    folder = folder or models_dir()
    entries = load_catalog() if entries is None else entries
    entry = _catalog_for(path.name, entries)
    info = {
        "id": entry.id if entry else path.name.removesuffix(".gguf"),
        "name": entry.name if entry else path.name.removesuffix(".gguf"),
        "source": source,
        "repo": repo,
        "sha256": sha256,
    }
    if not verified:
        info["verified"] = "no"
    with _manifest_lock:
        models = _read_manifest(folder)
        models[path.name] = info
        _write_manifest(folder, models)
    return _describe(path, info)


def _describe(path: Path, info: dict[str, str]) -> InstalledModel:
    return InstalledModel(
        id=info.get("id") or path.name.removesuffix(".gguf"),
        name=info.get("name") or path.name.removesuffix(".gguf"),
        path=path,
        size_bytes=path.stat().st_size,
        source=info.get("source") or ("linked" if path.is_symlink() else "imported"),
        repo=info.get("repo", ""),
        sha256=info.get("sha256", ""),
        verified=info.get("verified") != "no",
    )


def list_installed(
    folder: Path | None = None, entries: Sequence[CatalogEntry] | None = None
) -> list[InstalledModel]:
    """Every model the app can load: the starter first, then the folder's ``.gguf`` files."""
    folder = folder or models_dir()
    entries = load_catalog() if entries is None else entries
    found: list[InstalledModel] = []
    starter = starter_model_path()
    if starter is not None and starter.is_file():
        found.append(
            InstalledModel(STARTER_ID, STARTER_NAME, starter, starter.stat().st_size, "bundled")
        )
    manifest = _read_manifest(folder)
    for path in sorted(folder.glob("*.gguf")):
        if not path.is_file():  # a link whose target is gone
            log.warning("skipping %s: not a readable file", path)
            continue
        info = manifest.get(path.name)
        if info is None:
            entry = _catalog_for(path.name, entries)
            info = {"id": entry.id, "name": entry.name} if entry else {}
        found.append(_describe(path, info))
    return found


def find_installed(
    model_id: str, folder: Path | None = None, entries: Sequence[CatalogEntry] | None = None
) -> InstalledModel | None:
    """The installed model whose id (or file name) is ``model_id``, case-insensitively."""
    wanted = model_id.strip().lower()
    for model in list_installed(folder, entries):
        if wanted in (model.id.lower(), model.path.name.lower()):
            return model
    return None


def import_model(
    source: Path,
    *,
    link: bool = False,
    folder: Path | None = None,
    entries: Sequence[CatalogEntry] | None = None,
    free_bytes: Callable[[Path], int] = free_disk_bytes,
) -> InstalledModel:
    """Add a ``.gguf`` the user already has, by copying it in or linking to it.

    The file is read first (header, metadata, tensors within the file, an
    architecture the engine runs), so a damaged file is refused before it is
    listed; a copy goes to a temporary name and is moved in only when
    complete, so a failed copy is never listed.
    """
    source = source.expanduser()
    facts = checked_facts(source)
    folder = folder or models_dir()
    name = source.name if source.name.endswith(".gguf") else f"{source.name}.gguf"
    target = folder / name
    if target.exists() or target.is_symlink():
        if target.resolve() == source.resolve():
            return record_installed(target, source="imported", folder=folder, entries=entries)
        raise BlogIdeasError(ErrorKind.ALREADY_INSTALLED, name)
    if link:
        try:
            target.symlink_to(source.resolve())
        except OSError as error:
            raise BlogIdeasError(
                ErrorKind.BAD_OPTION,
                QT_TRANSLATE_NOOP(
                    "Errors", "Cannot link to {source} here ({reason}). Import a copy instead."
                ),
                source=source,
                reason=error.strerror,
            ) from error
        return record_installed(target, source="linked", folder=folder, entries=entries)
    check_disk_space(source.stat().st_size, folder, free_bytes)
    partial = folder / PARTIAL_FOLDER
    partial.mkdir(exist_ok=True)
    temporary = partial / f"{name}.importing"
    try:
        shutil.copyfile(source, temporary)
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise BlogIdeasError(ErrorKind.MODEL_UNREADABLE, f"{source} ({error.strerror})") from error
    remember_facts(target, facts)
    return record_installed(target, source="imported", folder=folder, entries=entries)


def remove_model(
    model_id: str, folder: Path | None = None, entries: Sequence[CatalogEntry] | None = None
) -> int:
    """Delete an installed model; returns the bytes of disk space given back.

    A linked model only loses its link: the user's own file is kept (0 bytes).
    """
    folder = folder or models_dir()
    model = find_installed(model_id, folder, entries)
    if model is None:
        raise BlogIdeasError(ErrorKind.MODEL_MISSING, model_id)
    if model.source == "bundled":
        raise BlogIdeasError(
            ErrorKind.BAD_OPTION,
            QT_TRANSLATE_NOOP(
                "Errors", "The starter model ships with the app and cannot be removed."
            ),
        )
    freed = 0 if model.path.is_symlink() else model.size_bytes
    forget_model(model.path)  # its saved role-prompt states (before the file's size is gone)
    model.path.unlink()
    with _manifest_lock:
        models = _read_manifest(folder)
        if models.pop(model.path.name, None) is not None:
            _write_manifest(folder, models)
    with contextlib.suppress(OSError):
        (folder / PARTIAL_FOLDER).rmdir()  # only when empty
    return freed
