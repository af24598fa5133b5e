"""A loopback proxy that drops a real server's streamed answer part-way, as a crash would.

Between the app and a real OpenAI-compatible server (``llama_cpp.server``):
bytes pass through untouched until the server has sent ``events`` server-sent
events (``data: `` lines) on a connection, then both sides of it are closed
at once, in the middle of the chunked body. What the app sees is what it
sees when a server dies mid-answer or a network path drops: real chunks,
then a connection gone.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

EVENT = b"data: "


@contextmanager
def cutting_proxy(base_url: str, events: int) -> Iterator[str]:
    """Proxy ``base_url`` on a new loopback port; yields the proxy's base URL.

    Every thread it starts is joined when the block ends.
    """
    upstream = urlsplit(base_url)
    listener = socket.create_server(("127.0.0.1", 0))
    threads: list[threading.Thread] = []
    sockets: list[socket.socket] = []
    lock = threading.Lock()

    def start(target: object, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)  # type: ignore[arg-type]
        with lock:
            threads.append(thread)
        thread.start()

    def close(*ends: socket.socket) -> None:
        for end in ends:
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
            end.close()

    def pipe(source: socket.socket, target: socket.socket, count: bool) -> None:
        seen = 0
        tail = b""  # shorter than EVENT, so an event split between reads is counted once
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                if count:
                    seen += (tail + data).count(EVENT)
                    tail = (tail + data)[-(len(EVENT) - 1) :]
                    if seen > events:
                        # The events so far, then half of the last one, and the cut.
                        target.sendall(data[: data.rfind(EVENT) + len(EVENT) // 2])
                        break
                target.sendall(data)
        close(source, target)

    def serve() -> None:
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return  # the listener was closed: the block ended
            server = socket.create_connection((upstream.hostname, upstream.port or 80))
            with lock:
                sockets.extend([client, server])
            start(pipe, client, server, False)
            start(pipe, server, client, True)

    start(serve)
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}{upstream.path}"
    finally:
        close(listener)
        with lock:
            open_sockets, running = list(sockets), list(threads)
        close(*open_sockets)
        for thread in running:
            thread.join(10)
