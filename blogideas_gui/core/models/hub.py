"""Talking to the Hugging Face hub (or a mirror): file metadata and ranged reads.

huggingface_hub is the authority on the hub's protocol, so it builds the file
address (``hf_hub_url``, honouring ``HF_ENDPOINT``), makes the metadata HEAD
(``get_hf_file_metadata``: size, commit, and the SHA-256 as the LFS file's
``X-Linked-Etag``) and owns the HTTP session (proxies, certificates, offline
mode). The body is read here with a plain ranged GET on that session, because
``hf_hub_download`` cannot be cancelled, has no stall time-out and, in 2.x,
deletes its partial file on any failure (see :mod:`core.downloads`).
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx2
from huggingface_hub import (
    HfFileMetadata,
    constants,
    get_hf_file_metadata,
    get_session,
    hf_hub_url,
    hf_raise_for_status,
)
from huggingface_hub.errors import (
    GatedRepoError,
    HfHubHTTPError,
    OfflineModeIsEnabled,
    RemoteEntryNotFoundError,
    RepositoryNotFoundError,
    RevisionNotFoundError,
)

# Public (huggingface_hub's "Utilities" reference), but listed in an __all__ built at
# run time, which mypy cannot read.
from huggingface_hub.utils import build_hf_headers  # type: ignore[attr-defined]

from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind

log = logging.getLogger(__name__)

_CHUNK = 256 * 1024
# Failures worth another try: a cut or stalled connection, a busy or failing server.
RETRYABLE = (httpx2.TransportError, HfHubHTTPError)


def hub_endpoint(endpoint: str | None = None) -> str:
    """The hub address: the argument, else ``HF_ENDPOINT`` as set now, else huggingface.co.

    huggingface_hub reads ``HF_ENDPOINT`` once at import; reading it here
    lets a setting changed later (a mirror chosen in the window) take effect.
    """
    chosen = endpoint or os.environ.get("HF_ENDPOINT") or constants.ENDPOINT
    return chosen.rstrip("/")


def hub_error(error: Exception, where: str, endpoint: str) -> BlogIdeasError:
    """Turn huggingface_hub's and httpx2's failures into one plain error."""
    if isinstance(error, GatedRepoError):
        return BlogIdeasError(ErrorKind.LOGIN_NEEDED, where)
    if isinstance(
        error, RepositoryNotFoundError | RemoteEntryNotFoundError | RevisionNotFoundError
    ):
        return BlogIdeasError(ErrorKind.NOT_ON_HUB, f"{where} on {endpoint}")
    if isinstance(error, OfflineModeIsEnabled):
        return BlogIdeasError(ErrorKind.NO_NETWORK, f"{endpoint} (HF_HUB_OFFLINE is set)")
    if isinstance(error, httpx2.TimeoutException):
        return BlogIdeasError(ErrorKind.TIMEOUT, endpoint)
    if isinstance(error, HfHubHTTPError):
        status = error.response.status_code
        if status == 404:
            return BlogIdeasError(ErrorKind.NOT_ON_HUB, f"{where} on {endpoint}")
        if status in (401, 403):
            return BlogIdeasError(ErrorKind.LOGIN_NEEDED, f"HTTP {status} for {where}")
        return BlogIdeasError(ErrorKind.SERVER_ERROR, f"HTTP {status}")
    return BlogIdeasError(ErrorKind.NO_NETWORK, endpoint)


def is_retryable(error: Exception) -> bool:
    """A dropped or stalled connection, 429, 416 or a 5xx: worth resuming."""
    if isinstance(error, HfHubHTTPError):
        status = error.response.status_code
        return status in (416, 429) or status >= 500
    return isinstance(error, httpx2.TransportError)


@dataclass(frozen=True)
class HubFile:
    """What the hub says about one file, and where to read its bytes."""

    repo: str
    file: str
    url: str
    location: str
    size: int | None
    etag: str
    commit: str

    @property
    def where(self) -> str:
        """``owner/repo/file``, for messages."""
        return f"{self.repo}/{self.file}"


def file_info(repo: str, file: str, revision: str, endpoint: str, timeout: float) -> HubFile:
    """Ask the hub about ``repo``/``file`` (one HEAD, redirects to the CDN not followed)."""
    url = hf_hub_url(repo, file, revision=revision, endpoint=endpoint)
    try:
        meta: HfFileMetadata = get_hf_file_metadata(url, timeout=timeout, endpoint=endpoint)
    except (HfHubHTTPError, httpx2.HTTPError, OfflineModeIsEnabled) as error:
        log.info("metadata for %s failed: %r", url, error)
        raise hub_error(error, f"{repo}/{file}", endpoint) from error
    if meta.commit_hash is None or meta.etag is None:
        raise BlogIdeasError(
            ErrorKind.REQUEST_REJECTED, f"{endpoint} does not answer like a Hugging Face hub"
        )
    return HubFile(repo, file, url, meta.location, meta.size, meta.etag, meta.commit_hash)


@dataclass
class Transfer:
    """Where one download stands; shared by its attempts so each resumes the last."""

    hub_file: HubFile
    part: Path
    done: int
    total: int | None
    stall_timeout: float


def _headers(hub_file: HubFile) -> dict[str, str]:
    headers = build_hf_headers(headers={"Accept-Encoding": "identity"})
    if urlsplit(hub_file.location)[:2] != urlsplit(hub_file.url)[:2]:
        headers.pop("authorization", None)  # never send a token to a CDN
    return headers


def _over_sent(transfer: Transfer) -> BlogIdeasError:
    """A server sending more than it announced is cut off before the extra bytes are written."""
    log.warning("%s: more than the announced %s bytes", transfer.hub_file.where, transfer.total)
    return BlogIdeasError(
        ErrorKind.DOWNLOAD_CORRUPT,
        f"the server sent more than the {transfer.total} bytes it announced",
    )


def read_into(transfer: Transfer, cancel: CancelToken) -> Iterator[int]:
    """One ranged GET appended to ``transfer.part``; yields after each chunk written.

    A cut connection or ``stall_timeout`` seconds without a byte raise
    httpx2's errors, with ``transfer.done`` counting what is safely on disk;
    a body longer than the announced size stops at once (DOWNLOAD_CORRUPT).
    Cancel wakes a blocked read at once and simply ends the iteration.
    """
    headers = _headers(transfer.hub_file)
    if transfer.done:
        headers["Range"] = f"bytes={transfer.done}-"
    session = get_session()
    timeout = httpx2.Timeout(transfer.stall_timeout)
    with session.stream(
        "GET", transfer.hub_file.location, headers=headers, timeout=timeout
    ) as response:
        if response.status_code >= 400:
            response.read()
            hf_raise_for_status(response)
        stream = response.extensions.get("network_stream")
        sock = stream.get_extra_info("socket") if stream is not None else None

        def interrupt() -> None:
            # close() does not wake a thread blocked in recv(); shutdown() does.
            if isinstance(sock, socket.socket):
                sock.shutdown(socket.SHUT_RDWR)

        unregister = cancel.on_cancel(interrupt)
        try:
            if transfer.done and response.status_code != 206:
                log.info("server ignored Range; starting %s again", transfer.part.name)
                transfer.done = 0
            if transfer.total is None and (length := response.headers.get("Content-Length")):
                transfer.total = transfer.done + int(length)
            with transfer.part.open("r+b" if transfer.part.exists() else "wb") as handle:
                handle.seek(transfer.done)
                handle.truncate()
                for chunk in response.iter_bytes(_CHUNK):
                    if cancel.is_set():
                        return
                    if transfer.total is not None and transfer.done + len(chunk) > transfer.total:
                        raise _over_sent(transfer)
                    handle.write(chunk)
                    transfer.done += len(chunk)
                    yield transfer.done
        finally:
            unregister()
