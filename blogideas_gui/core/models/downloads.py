"""Model downloads: progress, cancel, resume, verify, and never a half file installed.

:func:`download_model` is a generator, like :func:`core.generation.generate`:
it yields phase changes and progress (bytes, speed, time left) and ends with
a :class:`DownloadResult`, so the Qt worker and the CLI drive it the same way.

What peers' users complain about, and what happens here instead:

- *Restarts from zero*: bytes go to ``.partial/<file>.part`` beside a note of
  the hub's etag; the next call — same run or after a restart — resumes with
  a ``Range`` request if the etag still matches.
- *Stalls forever*: no byte for ``stall_timeout`` seconds counts as a failure;
  failures are retried with backoff, resuming; past ``retries`` in a row the
  download ends with a plain time-out (or network) error.
- *A corrupt file shows as installed*: the finished file's size, SHA-256
  (the hub's ``X-Linked-Etag``) and GGUF contents are checked
  (:mod:`.download_checks`), and only then is it moved into the models
  folder; a mismatch deletes it.
  A server sending more than it announced is cut off at once. When the hub
  gives no checksum, the catalog's exact size is checked instead and the
  model is marked "not verified".
- *Two downloads of one file*: a lock file beside the partial file lets one
  process (or window) download it; a second is told it is under way.
"""

from __future__ import annotations

import collections
import enum
import json
import logging
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.i18n import QT_TRANSLATE_NOOP
from blogideas_gui.core.common.paths import models_dir
from blogideas_gui.core.models.catalog import CatalogEntry, find_entry, load_catalog
from blogideas_gui.core.models.download_checks import download_lock, verify_download
from blogideas_gui.core.models.gguf import remember_facts
from blogideas_gui.core.models.hub import (
    RETRYABLE,
    HubFile,
    Transfer,
    file_info,
    hub_endpoint,
    hub_error,
    is_retryable,
    read_into,
)
from blogideas_gui.core.models.installed import (
    PARTIAL_FOLDER,
    InstalledModel,
    check_disk_space,
    list_installed,
    not_enough_disk,
    record_installed,
)
from blogideas_gui.core.models.machine import free_disk_bytes

log = logging.getLogger(__name__)

STALL_TIMEOUT = 30.0
_SPEED_WINDOW = 5.0


@dataclass(frozen=True)
class DownloadSource:
    """Which file to fetch from which repo."""

    repo: str
    file: str
    revision: str = "main"

    @property
    def local_name(self) -> str:
        """The file name in the models folder (a file in a repo subfolder keeps its base name)."""
        return self.file.rsplit("/", 1)[-1]


def resolve_source(text: str, entries: Sequence[CatalogEntry] | None = None) -> DownloadSource:
    """A catalog id, or ``owner/repo/file.gguf`` for any GGUF on the hub."""
    entries = load_catalog() if entries is None else entries
    entry = find_entry(entries, text)
    if entry is not None:
        if entry.is_bundled:
            raise BlogIdeasError(
                ErrorKind.BAD_OPTION,
                QT_TRANSLATE_NOOP("Errors", "{name} ships with the app already."),
                name=entry.name,
            )
        return DownloadSource(entry.repo, entry.file, entry.revision)
    parts = text.strip().strip("/").split("/")
    if len(parts) >= 3 and parts[-1].lower().endswith(".gguf"):
        return DownloadSource("/".join(parts[:2]), "/".join(parts[2:]))
    raise BlogIdeasError(
        ErrorKind.NOT_ON_HUB,
        f"{text} (use a catalog id from “blogideas models list” or owner/repo/file.gguf)",
    )


class DownloadPhase(enum.Enum):
    """What the download is doing, for the status text."""

    CONNECTING = "connecting"
    DOWNLOADING = "downloading"
    RETRYING = "retrying"
    VERIFYING = "verifying"


@dataclass(frozen=True)
class DownloadPhaseChanged:
    """The download moved to ``phase``."""

    phase: DownloadPhase


@dataclass(frozen=True)
class DownloadProgress:
    """Bytes on disk so far; speed and time left are ``None`` until measurable."""

    done: int
    total: int | None
    bytes_per_second: float | None
    seconds_left: float | None

    @property
    def fraction(self) -> float | None:
        """Share done, 0.0-1.0, when the size is known."""
        return min(1.0, self.done / self.total) if self.total else None


@dataclass(frozen=True)
class DownloadResult:
    """The last event. ``status``: installed, already_installed or cancelled (resumable)."""

    status: str
    model: InstalledModel | None
    done: int
    total: int | None

    @property
    def cancelled(self) -> bool:
        """Whether the user stopped it; the partial file is kept for a resume."""
        return self.status == "cancelled"


DownloadEvent = DownloadPhaseChanged | DownloadProgress | DownloadResult


def _partial_paths(source: DownloadSource, folder: Path) -> tuple[Path, Path]:
    partial = folder / PARTIAL_FOLDER
    return partial / f"{source.local_name}.part", partial / f"{source.local_name}.part.json"


def partial_bytes(source: DownloadSource, folder: Path | None = None) -> int:
    """Bytes of an interrupted download waiting to be resumed (0 if none)."""
    part, _ = _partial_paths(source, folder or models_dir())
    return part.stat().st_size if part.is_file() else 0


def discard_partial(source: DownloadSource, folder: Path | None = None) -> None:
    """Forget an interrupted download and give its disk space back."""
    for path in _partial_paths(source, folder or models_dir()):
        path.unlink(missing_ok=True)


def _reusable_bytes(part: Path, note: Path, hub_file: HubFile) -> int:
    """How much of an earlier partial file belongs to this exact hub file; resets it if none."""
    part.parent.mkdir(exist_ok=True)
    try:
        kept = json.loads(note.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        kept = {}
    done = part.stat().st_size if part.is_file() else 0
    same = isinstance(kept, dict) and kept.get("etag") == hub_file.etag
    if not same or (hub_file.size is not None and done > hub_file.size):
        part.unlink(missing_ok=True)
        done = 0
    return done


def _write_note(note: Path, hub_file: HubFile) -> None:
    """Remember which hub file the partial bytes belong to, for a resume after a restart."""
    facts = {"repo": hub_file.repo, "file": hub_file.file, "etag": hub_file.etag,
             "commit": hub_file.commit, "size": hub_file.size}  # fmt: skip
    note.write_text(json.dumps(facts), encoding="utf-8")


class _Meter:
    """Throttled progress events with a steady speed (bytes over the last few seconds)."""

    def __init__(self, interval: float, clock: Callable[[], float]) -> None:
        self._interval = interval
        self._clock = clock
        self._samples: collections.deque[tuple[float, int]] = collections.deque()
        self._last_time = -interval
        self._last_done = -1

    def event(self, done: int, total: int | None, force: bool = False) -> DownloadProgress | None:
        now = self._clock()
        finished = done == total
        if done == self._last_done or not (
            force or finished or now - self._last_time >= self._interval
        ):
            return None
        self._last_time, self._last_done = now, done
        self._samples.append((now, done))
        while len(self._samples) > 2 and now - self._samples[0][0] > _SPEED_WINDOW:
            self._samples.popleft()
        first_time, first_done = self._samples[0]
        rate = (done - first_done) / (now - first_time) if now - first_time >= 0.2 else None
        left = (total - done) / rate if rate and total is not None else None
        return DownloadProgress(done, total, rate, left)


@dataclass(frozen=True)
class DownloadOptions:
    """How patient a download is. Tests shorten the times; the app keeps the defaults."""

    stall_timeout: float = STALL_TIMEOUT
    retries: int = 3
    backoff: float = 1.0
    progress_interval: float = 0.1


def download_model(
    source: DownloadSource,
    cancel: CancelToken,
    *,
    options: DownloadOptions | None = None,
    folder: Path | None = None,
    endpoint: str | None = None,
    free_bytes: Callable[[Path], int] = free_disk_bytes,
    clock: Callable[[], float] = time.monotonic,
    entries: Sequence[CatalogEntry] | None = None,
) -> Iterator[DownloadEvent]:
    """Download, verify and install ``source``, yielding progress; see the module docstring.

    Raises :class:`BlogIdeasError`: 404 -> NOT_ON_HUB, unreachable or cut
    too often -> NO_NETWORK, stalled -> TIMEOUT, bad checksum or size ->
    DOWNLOAD_CORRUPT, damaged contents -> MODEL_DAMAGED, an architecture the
    engine cannot run -> MODEL_TOO_NEW, full disk -> DISK_FULL, the same file
    downloading elsewhere -> DOWNLOAD_BUSY. On cancel the partial file stays
    for a resume and the status is ``cancelled``.
    """
    options = options or DownloadOptions()
    folder = folder or models_dir()
    endpoint = hub_endpoint(endpoint)
    target = folder / source.local_name
    existing = next((m for m in list_installed(folder, entries) if m.path == target), None)
    if existing is not None:
        yield DownloadResult(
            "already_installed", existing, existing.size_bytes, existing.size_bytes
        )
        return
    yield DownloadPhaseChanged(DownloadPhase.CONNECTING)
    hub_file = file_info(source.repo, source.file, source.revision, endpoint, options.stall_timeout)
    part, note = _partial_paths(source, folder)
    entry = _catalog_entry(source, load_catalog() if entries is None else entries)
    expected = entry.size_bytes if entry is not None and entry.size_exact else None
    with download_lock(part, source.local_name):
        done = _reusable_bytes(part, note, hub_file)
        if hub_file.size is not None:
            check_disk_space(hub_file.size - done, folder, free_bytes)
        _write_note(note, hub_file)
        transfer = Transfer(hub_file, part, done, hub_file.size, options.stall_timeout)
        meter = _Meter(options.progress_interval, clock)
        yield DownloadPhaseChanged(DownloadPhase.DOWNLOADING)
        yield DownloadProgress(transfer.done, transfer.total, None, None)
        try:
            yield from _transfer(transfer, cancel, options, meter, endpoint, free_bytes, folder)
        except BlogIdeasError as error:
            if error.kind is ErrorKind.DOWNLOAD_CORRUPT:  # over-sent: nothing to resume
                discard_partial(source, folder)
            raise
        if cancel.is_set():
            yield DownloadResult("cancelled", None, transfer.done, transfer.total)
            return
        yield DownloadPhaseChanged(DownloadPhase.VERIFYING)
        try:
            checked = verify_download(part, hub_file, expected, cancel)
        except BlogIdeasError:
            discard_partial(source, folder)  # never leave a bad file to be resumed or listed
            raise
        if checked is None:
            yield DownloadResult("cancelled", None, transfer.done, transfer.total)
            return
        os.replace(part, target)
        note.unlink(missing_ok=True)
        remember_facts(target, checked.facts)
        model = record_installed(
            target, source="downloaded", repo=source.repo, sha256=checked.sha256,
            verified=checked.verified, folder=folder, entries=entries,
        )  # fmt: skip
        yield DownloadResult("installed", model, transfer.done, transfer.total)


def _catalog_entry(source: DownloadSource, entries: Sequence[CatalogEntry]) -> CatalogEntry | None:
    """The catalog's entry for exactly this repo and file, if it has one."""
    return next((e for e in entries if (e.repo, e.file) == (source.repo, source.file)), None)


def _transfer(
    transfer: Transfer,
    cancel: CancelToken,
    options: DownloadOptions,
    meter: _Meter,
    endpoint: str,
    free_bytes: Callable[[Path], int],
    folder: Path,
) -> Iterator[DownloadEvent]:
    """Read until complete or cancelled, resuming after cuts and stalls."""
    failures = 0
    while not cancel.is_set() and (transfer.total is None or transfer.done < transfer.total):
        before = transfer.done
        try:
            for done in read_into(transfer, cancel):
                if (event := meter.event(done, transfer.total)) is not None:
                    yield event
            if transfer.total is None:  # no length given: the end of the body is the end
                transfer.total = transfer.done
        except RETRYABLE as error:
            if cancel.is_set():
                return
            if not is_retryable(error):
                raise hub_error(error, transfer.hub_file.where, endpoint) from error
            if getattr(getattr(error, "response", None), "status_code", 0) == 416:
                transfer.done = 0  # the server disowns our partial file: start again
            failures = 1 if transfer.done > before else failures + 1
            log.info(
                "download of %s interrupted at %d: %r", transfer.part.name, transfer.done, error
            )
            if failures > options.retries:
                raise hub_error(error, transfer.hub_file.where, endpoint) from error
            yield DownloadPhaseChanged(DownloadPhase.RETRYING)
            cancel.wait(options.backoff * 2 ** max(0, failures - 1))
            yield DownloadPhaseChanged(DownloadPhase.DOWNLOADING)
        except OSError as error:
            if error.errno == 28:  # ENOSPC: keep what we have, for a resume
                raise not_enough_disk(transfer.total or 0, free_bytes(folder), folder) from error
            raise BlogIdeasError(
                ErrorKind.MODEL_UNREADABLE, f"{transfer.part} ({error.strerror})"
            ) from error
    if (event := meter.event(transfer.done, transfer.total, force=True)) is not None:
        yield event
