"""The app's own files: written whole or not at all, and recovered by one rule.

Every store (settings, presets, templates, keys, the installed list, saved
prompt states, the history and spending databases) writes through
:func:`atomic_write`, so a crash or a full disk never leaves half a file.

And every store meets a bad file the same way, so that no file the app keeps
can stop it from starting:

* **damaged** (unreadable as what it should be): :func:`recover_damaged` sets
  it aside with a time stamp (``history.sqlite3.damaged-20260101-120000``),
  the store starts fresh, and a notice says so once;
* **written by a newer version**: :func:`recover_too_new` leaves it exactly
  as it is, the store works without it, and a notice says so once; writers
  check :func:`refuses_writes` so it is never altered;
* **the disk is full** (or the folder cannot be written): :func:`write_problem`
  is the one plain error; a store that goes on without the disk (history,
  the ledger) reports it once, others raise it to the one who asked.

Notices travel through :mod:`.notices`: the window shows them in a banner,
the command line prints each as one line on stderr, each once a process.

Caches (saved prompt states, the facts read from model files) keep nothing
the user made, only work that can be done again. A notice about one ("what
it held has to be set again") would alarm for nothing, so a cache that is
damaged or another version's is deleted with a log line and rebuilt
(:func:`drop_cache`, :func:`read_cache`); its writes fail quietly too.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.notices import report

log = logging.getLogger(__name__)

# Below this much free space a failed write is blamed on a full disk.
FULL_DISK_BYTES = 16 * 1024**2
_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
_REFUSED_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOENT, errno.ENOTDIR}


# -- the rule -----------------------------------------------------------------


def set_aside(path: Path, companions: Sequence[str] = ()) -> Path | None:
    """Rename a damaged file (and ``companions``, e.g. ``-wal``) so it can still be looked at.

    Returns the new name, or None when the file could not be moved (it is
    then left where it was, and the caller goes on without it).
    """
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    counter = 1
    while aside.exists():
        counter += 1
        aside = path.with_name(f"{path.name}.damaged-{stamp}-{counter}")
    try:
        path.replace(aside)
    except OSError as error:
        log.warning("cannot set %s aside: %s", path, error)
        return None
    for suffix in companions:
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            try:
                companion.replace(aside.with_name(aside.name + suffix))
            except OSError as error:
                log.warning("cannot set %s aside: %s", companion, error)
    return aside


def recover_damaged(
    path: Path, kind: ErrorKind = ErrorKind.FILE_DAMAGED, companions: Sequence[str] = ()
) -> BlogIdeasError:
    """The rule for a damaged file: set it aside, say so once; the caller starts fresh.

    ``kind`` is the file's own notice where its loss means something
    particular (history, spending); the plain :attr:`ErrorKind.FILE_DAMAGED`
    names the file otherwise.
    """
    return _set_aside_and_say(path, kind, companions)[0]


def _set_aside_and_say(
    path: Path, kind: ErrorKind, companions: Sequence[str] = ()
) -> tuple[BlogIdeasError, Path | None]:
    aside = set_aside(path, companions)
    log.warning("%s is damaged; set aside as %s", path, aside)
    return report(BlogIdeasError(kind, aside.name if aside else path.name)), aside


def recover_too_new(path: Path, kind: ErrorKind = ErrorKind.FILE_TOO_NEW) -> BlogIdeasError:
    """The rule for a file from a newer BlogIdeas: leave it as it is, say so once."""
    log.warning("%s was written by a newer version; leaving it untouched", path)
    return report(BlogIdeasError(kind, path.name))


def write_problem(folder: Path, error: BaseException | None = None) -> BlogIdeasError:
    """The plain error for a write that failed: a full disk, or a folder that refuses.

    The system's own reason decides when it gives one; SQLite reports a full
    disk as "disk I/O error" as often as "disk full", so otherwise the free
    space decides.
    """
    if error is not None:
        log.error("cannot write in %s: %s", folder, error)
    code = getattr(error, "errno", None)
    if code in _FULL_ERRNOS:
        return BlogIdeasError(ErrorKind.DISK_FULL, str(folder))
    if code in _REFUSED_ERRNOS:
        return BlogIdeasError(ErrorKind.FOLDER_NOT_WRITABLE, str(folder))
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        free = 0
    if free < FULL_DISK_BYTES:
        return BlogIdeasError(ErrorKind.DISK_FULL, str(folder))
    return BlogIdeasError(ErrorKind.FOLDER_NOT_WRITABLE, str(folder))


# -- versioned JSON files -----------------------------------------------------


@dataclass(frozen=True)
class JsonFile:
    """What :func:`read_json` found: the data (None to start fresh) and the notice, if any.

    ``aside`` is where a damaged file went.
    """

    data: dict[str, Any] | None
    notice: BlogIdeasError | None = None
    aside: Path | None = None


def read_json(path: Path, version: int, damaged: ErrorKind = ErrorKind.FILE_DAMAGED) -> JsonFile:
    """Read a versioned JSON object, applying the rule; never raises.

    A missing file, or one that cannot be read right now (permissions), gives
    no data and stays where it is; a damaged one is set aside; one whose
    ``version`` is above ``version`` is left untouched.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return JsonFile(None)
    except OSError as error:
        log.warning("cannot read %s: %s", path, error)
        return JsonFile(None)
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
    except (UnicodeDecodeError, ValueError):
        return JsonFile(None, *_set_aside_and_say(path, damaged))
    if _newer(data, version):
        return JsonFile(None, recover_too_new(path))
    return JsonFile(data)


def _newer(data: dict[str, Any], version: int) -> bool:
    found = data.get("version", 1)
    return not isinstance(found, int) or isinstance(found, bool) or found > version


def refuses_writes(path: Path, version: int) -> bool:
    """Whether ``path`` holds a newer version's file, which must never be altered."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    return isinstance(data, dict) and _newer(data, version)


def write_json(path: Path, data: dict[str, Any], version: int, mode: int = 0o644) -> None:
    """Write ``{"version": version, **data}`` atomically, unless a newer version's file is there.

    Raises:
        BlogIdeasError: FILE_TOO_NEW when the file is a newer version's;
            DISK_FULL (or FOLDER_NOT_WRITABLE) when it cannot be written.
    """
    if refuses_writes(path, version):
        raise recover_too_new(path)
    text = json.dumps({"version": version, **data}, ensure_ascii=False, indent=2) + "\n"
    try:
        atomic_write(path, text.encode("utf-8"), mode)
    except OSError as error:
        raise write_problem(path.parent, error) from error


# -- caches -------------------------------------------------------------------


def drop_cache(path: Path, why: str) -> None:
    """Delete a cache file that cannot be used, with a log line and no notice; it is rebuilt."""
    log.info("rebuilding the cache %s: %s", path, why)
    try:
        path.unlink(missing_ok=True)
    except OSError as error:
        log.warning("cannot delete the cache %s: %s", path, error)


def read_cache(path: Path, version: int) -> dict[str, Any] | None:
    """A versioned JSON cache, or None to rebuild it; never raises, never notices.

    One that is damaged or from another version is dropped (:func:`drop_cache`).
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        log.warning("cannot read the cache %s: %s", path, error)
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        data = None
    if not isinstance(data, dict):
        drop_cache(path, "damaged")
        return None
    if data.get("version") != version:
        drop_cache(path, f"version {data.get('version')!r}, not {version}")
        return None
    return data


def write_cache(path: Path, data: dict[str, Any], version: int) -> None:
    """Write ``{"version": version, **data}``; a full disk costs only the cache (a log line)."""
    text = json.dumps({"version": version, **data}, ensure_ascii=False, indent=1) + "\n"
    try:
        atomic_write(path, text.encode("utf-8"), 0o644)
    except OSError as error:
        log.warning("cannot write the cache %s: %s", path, error)


# -- writing ------------------------------------------------------------------


def atomic_write(path: Path, data: bytes, mode: int = 0o600, *, replace: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    ``mode`` is set on the temporary file before any byte is written, so a
    secret never exists on disk with wider permissions. With ``replace``
    False an existing ``path`` is never replaced (``FileExistsError``), even
    one that appears meanwhile: the file is linked into place, which fails
    rather than overwrites.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            with contextlib.suppress(OSError):  # not supported everywhere (Windows)
                os.fchmod(stream.fileno(), mode)
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if replace:
            os.replace(temporary, path)
        else:
            _place_without_replacing(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _fsync_folder(path.parent)


def _place_without_replacing(temporary: str, path: Path) -> None:
    """Move ``temporary`` to ``path`` only if nothing is there; ``FileExistsError`` otherwise."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:
        # No hard links here (FAT, some network folders): check, then rename.
        if os.path.lexists(path):
            raise FileExistsError(17, "exists", str(path)) from None
        os.replace(temporary, path)
        return
    os.unlink(temporary)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where unsupported."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
