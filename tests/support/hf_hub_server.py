"""A loopback server that answers like the Hugging Face hub, with faults on demand.

It speaks exactly what huggingface_hub 2.4's metadata call and our ranged GET
use, the way huggingface.co does for an LFS file:

- ``HEAD /{repo}/resolve/{revision}/{file}`` -> ``302`` to a CDN address on a
  second port (another origin, as the real ``cas-bridge`` host is), carrying
  ``X-Repo-Commit``, ``X-Linked-Etag`` (the SHA-256), ``X-Linked-Size`` and a
  git ``ETag``; an unknown repo or file is a ``404`` with the hub's
  ``X-Error-Code`` (``RepoNotFound`` / ``EntryNotFound``);
- ``GET /{repo}/resolve/...`` -> the same redirect; ``GET`` on the CDN serves
  the bytes, honouring ``Range`` with ``206`` and ``Content-Range``.

Faults (set on :class:`FakeHub` between requests):
``cut_at`` closes the connection once that many bytes of the file were sent
(``cut_times`` times); ``corrupt`` flips one byte in what is sent;
``stall_head`` / ``stall_at`` stop answering (until the test ends);
``bytes_per_second`` throttles, so a GUI test can watch a bar move;
``oversend`` makes the CDN send that many bytes more than the size the hub
announces (a look-alike server); ``no_checksum`` makes the hub send no
``X-Linked-Etag`` and a plain ``ETag`` that is no hash of the file (a mirror).
"""

from __future__ import annotations

import contextlib
import hashlib
import http.server
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar
from urllib.parse import quote, unquote

import pytest

COMMIT = "0123456789abcdef0123456789abcdef01234567"
_CHUNK = 64 * 1024


@dataclass
class HubFile:
    """One file in one repo, served from ``source`` on disk."""

    repo: str
    name: str
    source: Path
    sha256: str
    size: int


@dataclass
class FakeHub:
    """The hub's state, its faults and a log of the requests it saw."""

    files: dict[tuple[str, str], HubFile] = field(default_factory=dict)
    cut_at: int | None = None
    cut_times: int = 1
    corrupt: bool = False
    wrong_sha256: bool = False
    stall_head: bool = False
    stall_at: int | None = None
    bytes_per_second: float | None = None
    oversend: int = 0
    oversent: int = 0
    no_checksum: bool = False
    requests: list[tuple[str, str, str]] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)
    connections: set[socket.socket] = field(default_factory=set)
    _servers: list[http.server.ThreadingHTTPServer] = field(default_factory=list)
    _threads: list[threading.Thread] = field(default_factory=list)

    def add_file(self, repo: str, name: str, source: Path) -> HubFile:
        """Serve ``source`` as ``repo``/``name``."""
        digest = hashlib.sha256()
        with source.open("rb") as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
        hub_file = HubFile(repo, name, source, digest.hexdigest(), source.stat().st_size)
        self.files[(repo, name)] = hub_file
        return hub_file

    @property
    def endpoint(self) -> str:
        """The address to use as ``HF_ENDPOINT``."""
        return f"http://127.0.0.1:{self._servers[0].server_address[1]}"

    @property
    def cdn(self) -> str:
        """The second origin the hub redirects file downloads to."""
        return f"http://127.0.0.1:{self._servers[1].server_address[1]}"

    def ranges(self) -> list[str]:
        """The ``Range`` headers of the CDN GETs, in order ("" when none)."""
        return [
            rng
            for method, path, rng in self.requests
            if method == "GET" and path.startswith("/cdn/")
        ]

    def start(self) -> FakeHub:
        """Listen on two loopback ports (hub and CDN) in background threads."""
        for _ in range(2):
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
            server.daemon_threads = False  # server_close() joins every handler
            server.hub = self  # type: ignore[attr-defined]
            thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
            thread.start()
            self._servers.append(server)
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        """Release stalled handlers, stop both servers and join their threads."""
        self.release.set()
        for server in self._servers:
            server.shutdown()
        # Idle keep-alive connections would keep their handler threads waiting.
        for connection in list(self.connections):
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        for server in self._servers:
            server.server_close()
        for thread in self._threads:
            thread.join()

    def __enter__(self) -> FakeHub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextlib.contextmanager
def serving(monkeypatch: pytest.MonkeyPatch, *files: tuple[str, str, Path]) -> Iterator[FakeHub]:
    """A :class:`FakeHub` serving ``(repo, file, path)`` entries, with ``HF_ENDPOINT`` on it.

    huggingface_hub is kept online and quiet (no telemetry) for the test.
    """
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    with FakeHub() as server:
        for repo, name, path in files:
            server.add_file(repo, name, path)
        monkeypatch.setenv("HF_ENDPOINT", server.endpoint)
        yield server


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version: ClassVar[str] = "FakeHub/1.0"  # type: ignore[misc]

    @property
    def hub(self) -> FakeHub:
        return self.server.hub  # type: ignore[attr-defined, no-any-return]

    def setup(self) -> None:
        super().setup()
        self.hub.connections.add(self.connection)

    def finish(self) -> None:
        self.hub.connections.discard(self.connection)
        with contextlib.suppress(OSError):
            super().finish()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test log is for the test's own output."""

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def _answer(self, send_body: bool) -> None:
        self.hub.requests.append((self.command, self.path, self.headers.get("Range", "")))
        if self.path.startswith("/cdn/"):
            self._serve_cdn(send_body)
        else:
            self._resolve()

    def _resolve(self) -> None:
        """The hub's /resolve endpoint: metadata headers and a redirect to the CDN."""
        if self.hub.stall_head:
            self.hub.release.wait()
            self.close_connection = True
            return
        parts = unquote(self.path.split("?")[0]).strip("/").split("/")
        if len(parts) < 5 or parts[2] != "resolve":
            self._not_found("RepoNotFound")
            return
        repo, name = "/".join(parts[:2]), "/".join(parts[4:])
        hub_file = self.hub.files.get((repo, name))
        if hub_file is None:
            known_repo = any(key[0] == repo for key in self.hub.files)
            self._not_found("EntryNotFound" if known_repo else "RepoNotFound")
            return
        sha = "f" * 64 if self.hub.wrong_sha256 else hub_file.sha256
        self.send_response(302)
        self.send_header("Location", f"{self.hub.cdn}/cdn/{quote(repo)}/{quote(name)}")
        self.send_header("X-Repo-Commit", COMMIT)
        if self.hub.no_checksum:
            self.send_header("ETag", '"not-a-hash-1"')
        else:
            self.send_header("ETag", '"' + hashlib.sha1(repo.encode()).hexdigest() + '"')
            self.send_header("X-Linked-Etag", f'"{sha}"')
        self.send_header("X-Linked-Size", str(hub_file.size))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _not_found(self, code: str) -> None:
        body = b'{"error":"not found"}'
        self.send_response(404)
        self.send_header("X-Error-Code", code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _serve_cdn(self, send_body: bool) -> None:
        """The CDN: the file's bytes, with Range support and the injected faults."""
        parts = unquote(self.path).strip("/").split("/")
        hub_file = self.hub.files.get(("/".join(parts[1:3]), "/".join(parts[3:])))
        if hub_file is None:
            self._not_found("EntryNotFound")
            return
        start = 0
        header = self.headers.get("Range", "")
        if header.startswith("bytes="):
            start = int(header[6:].split("-")[0])
        if start >= hub_file.size:
            self.send_response(416)
            self.send_header("Content-Range", f"bytes */{hub_file.size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(206 if start else 200)
        if start:
            self.send_header("Content-Range", f"bytes {start}-{hub_file.size - 1}/{hub_file.size}")
        # An over-sending server says its real length here: the announced size is the hub's.
        self.send_header("Content-Length", str(hub_file.size - start + self.hub.oversend))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("ETag", f'"{hub_file.sha256}"')
        self.end_headers()
        if send_body:
            with contextlib.suppress(ConnectionError):
                self._send_bytes(hub_file, start)

    def _send_bytes(self, hub_file: HubFile, start: int) -> None:
        hub = self.hub
        middle = hub_file.size // 2
        with hub_file.source.open("rb") as handle:
            handle.seek(start)
            position = start
            while block := handle.read(_CHUNK):
                if (
                    hub.cut_at is not None
                    and hub.cut_times > 0
                    and position + len(block) > hub.cut_at
                ):
                    hub.cut_times -= 1
                    self.wfile.write(block[: max(0, hub.cut_at - position)])
                    self._cut()
                    return
                if hub.stall_at is not None and position + len(block) > hub.stall_at:
                    self.wfile.write(block[: max(0, hub.stall_at - position)])
                    self.wfile.flush()
                    hub.release.wait()
                    self.close_connection = True
                    return
                if hub.corrupt and position <= middle < position + len(block):
                    index = middle - position
                    block = block[:index] + bytes([block[index] ^ 0xFF]) + block[index + 1 :]
                self.wfile.write(block)
                position += len(block)
                if hub.bytes_per_second:
                    time.sleep(len(block) / hub.bytes_per_second)
            sent = 0
            while sent < hub.oversend:  # the look-alike's extra bytes, after the real file
                extra = min(_CHUNK, hub.oversend - sent)
                self.wfile.write(b"\0" * extra)
                sent += extra
                hub.oversent += extra

    def _cut(self) -> None:
        """Drop the connection mid-body, as a flaky network does."""
        self.wfile.flush()
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)
        self.close_connection = True
