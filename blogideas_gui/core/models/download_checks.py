"""The checks a finished download passes, and the lock that keeps one download per file.

A file is installed only when its size is the announced one, its checksum
the hub's (SHA-256 from ``X-Linked-Etag``, or git's blob SHA-1), and its GGUF
contents whole (:mod:`.gguf`). A hub or mirror that gives no checksum gets
the catalog's exact size checked instead, and the model is marked "not
verified". The lock lets one process (or window, or thread) download a file
while a second one is told it is under way.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import filelock

from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.models.gguf import GgufFacts, check_gguf_file
from blogideas_gui.core.models.hub import HubFile

log = logging.getLogger(__name__)

_SHA256 = re.compile(r"[0-9a-f]{64}")
_GIT_SHA1 = re.compile(r"[0-9a-f]{40}")


def _digest(path: Path, etag: str, cancel: CancelToken) -> str | None:
    """The file's hash in the etag's kind (SHA-256, or git's blob SHA-1); None if cancelled."""
    if _SHA256.fullmatch(etag):
        digest = hashlib.sha256()
    else:
        digest = hashlib.sha1(usedforsecurity=False)
        digest.update(f"blob {path.stat().st_size}\0".encode())
    with path.open("rb") as handle:
        while block := handle.read(4 * 1024 * 1024):
            if cancel.is_set():
                return None
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class Verified:
    """A finished file that passed: its SHA-256 ("" if none), whether a checksum vouched for it."""

    sha256: str
    verified: bool
    facts: GgufFacts


def verify_download(
    part: Path, hub_file: HubFile, expected_size: int | None, cancel: CancelToken
) -> Verified | None:
    """Check size, checksum and GGUF contents; ``None`` if cancelled.

    Without a checksum from the hub, ``expected_size`` (the catalog's exact
    size, when it has one) must match, and the file is "not verified".
    Raises :class:`BlogIdeasError`; the caller deletes the file then.
    """
    size = part.stat().st_size
    wanted = hub_file.size if hub_file.size is not None else expected_size
    if wanted is not None and size != wanted:
        raise BlogIdeasError(
            ErrorKind.DOWNLOAD_CORRUPT,
            f"size mismatch for {hub_file.where}: {size} of {wanted} bytes",
        )
    etag = hub_file.etag.lower()
    sha256, verified = "", True
    if _SHA256.fullmatch(etag) or _GIT_SHA1.fullmatch(etag):
        found = _digest(part, etag, cancel)
        if found is None:
            return None
        if found != etag:
            raise BlogIdeasError(
                ErrorKind.DOWNLOAD_CORRUPT, f"checksum mismatch for {hub_file.where}"
            )
        sha256 = found if len(found) == 64 else ""
    else:
        verified = False
        if expected_size is not None and size != expected_size:
            raise BlogIdeasError(
                ErrorKind.DOWNLOAD_CORRUPT,
                f"{hub_file.where} is {size} bytes, the catalog says {expected_size}",
            )
        log.warning("no checksum for %s (etag %r): not verified", hub_file.where, etag)
    try:
        facts = check_gguf_file(part)
    except BlogIdeasError as error:
        raise BlogIdeasError(error.kind, hub_file.where) from error
    return Verified(sha256, verified, facts)


@contextlib.contextmanager
def download_lock(part: Path, name: str) -> Iterator[None]:
    """Hold ``.partial/.locks/<file stem>.lock`` while downloading: one download per file, across processes.

    A second download of the same file, from another window, command or
    thread, is told it is under way instead of writing into the same bytes.
    """
    locks = part.parent / ".locks"  # kept apart: the partial folder holds only partial data
    locks.mkdir(parents=True, exist_ok=True)
    lock = filelock.FileLock(locks / f"{Path(name).stem}.lock")
    try:
        lock.acquire(timeout=0)
    except filelock.Timeout as error:
        raise BlogIdeasError(ErrorKind.DOWNLOAD_BUSY, name) from error
    try:
        yield
    finally:
        lock.release()
