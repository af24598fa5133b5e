"""A loopback HTTP server that answers like OpenAI does when it refuses a request.

Only for error paths, which a real OpenAI-compatible server cannot be made to
produce on demand; the bodies and status codes are OpenAI's own. A script of
replies lets a test see a retry succeed: a 429 with ``Retry-After``, then a
200 whose body is an SSE stream shaped like OpenAI's.

It also misbehaves as servers and what stands in front of them do: a proxy
or a Wi-Fi sign-in page answering 200 with HTML (``raw``), a stream that
breaks off after some chunks (``ending``: the connection dropped mid-body as
when a server crashes, or the body simply ends as when a proxy gives up), and
a line that is not JSON in the middle of a stream.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Literal

INVALID_KEY = {
    "error": {
        "message": "Incorrect API key provided: sk-test***********1234. You can find your "
        "API key at https://platform.openai.com/account/api-keys.",
        "type": "invalid_request_error",
        "param": None,
        "code": "invalid_api_key",
    }
}
INSUFFICIENT_QUOTA = {
    "error": {
        "message": "You exceeded your current quota, please check your plan and billing details.",
        "type": "insufficient_quota",
        "param": None,
        "code": "insufficient_quota",
    }
}
RATE_LIMITED = {
    "error": {
        "message": "Rate limit reached for gpt-4o-mini on requests per min (RPM): Limit 3.",
        "type": "requests",
        "param": None,
        "code": "rate_limit_exceeded",
    }
}
SERVER_ERROR = {
    "error": {
        "message": "The server had an error while processing your request. Sorry about that!",
        "type": "server_error",
        "param": None,
        "code": None,
    }
}


FORMAT_REFUSED = {
    "error": {
        "message": "Invalid parameter: 'response_format' of type 'json_schema' is not supported "
        "with this model.",
        "type": "invalid_request_error",
        "param": "response_format",
        "code": None,
    }
}


NOT_FOUND = {
    "error": {
        "message": "Invalid URL (GET /v1/models)",
        "type": "invalid_request_error",
        "param": None,
        "code": None,
    }
}


@dataclass
class Reply:
    """One scripted answer.

    ``body`` is sent as JSON unless ``sse`` or ``raw`` is given. With ``sse``
    each string becomes one ``chat.completion.chunk`` event, then, as
    ``ending`` says: ``"done"`` a finish chunk, a usage chunk and ``[DONE]``;
    ``"cut"`` nothing more and the connection is dropped in the middle of the
    chunked body; ``"eof"`` nothing more and the body ends; ``"garbage"`` a
    line that is not JSON, then the rest as ``"done"``. ``raw`` is sent as it
    is, as text/html unless ``headers`` name a Content-Type. With
    ``echo_key`` the error message quotes the request's Authorization header
    whole, as a careless compatible server might.
    """

    status: int = 200
    body: dict[str, object] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    sse: list[str] | None = None
    echo_key: bool = False
    raw: bytes | None = None
    ending: Literal["done", "cut", "eof", "garbage"] = "done"


@dataclass
class Seen:
    """A request the server received."""

    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, object] | None


def chunk(
    content: str | None, finish: str | None = None, usage: dict[str, int] | None = None
) -> str:
    """One SSE event in OpenAI's streamed chat-completion shape."""
    choices = (
        []
        if content is None and finish is None
        else [
            {"index": 0, "delta": {"content": content} if content else {}, "finish_reason": finish}
        ]
    )
    payload = {
        "id": "chatcmpl-test",
        "object": "chat.completion.chunk",
        "created": 1_700_000_000,
        "model": "gpt-4o-mini-2024-07-18",
        "choices": choices,
        "usage": usage,
    }
    return f"data: {json.dumps(payload)}\n\n"


def completion(text: str = "OK") -> dict[str, object]:
    """A non-streamed chat completion, as OpenAI sends it."""
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": "gpt-4o-mini-2024-07-18",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text, "refusal": None},
                "finish_reason": "length",
                "logprobs": None,
            }
        ],
        "usage": {"prompt_tokens": 10, "completion_tokens": 1, "total_tokens": 11},
    }


def model_list(*ids: str) -> dict[str, object]:
    """``GET /v1/models`` as OpenAI and compatible servers answer it."""
    return {
        "object": "list",
        "data": [{"id": i, "object": "model", "created": 0, "owned_by": "test"} for i in ids],
    }


@contextmanager
def openai_script_server(
    replies: Sequence[Reply], headers_log: list[dict[str, str]] | None = None
) -> Iterator[tuple[str, list[Seen]]]:
    """Answer requests with ``replies`` in order, repeating the last one.

    Yields the base URL and the list of requests seen so far; each request's
    headers also go to ``headers_log`` when given.
    """
    seen: list[Seen] = []
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            raw = self.rfile.read(length) if length else b""
            with lock:
                seen.append(
                    Seen(
                        self.command,
                        self.path,
                        dict(self.headers),
                        json.loads(raw) if raw else None,
                    )
                )
                reply = replies[min(len(seen), len(replies)) - 1]
                if headers_log is not None:
                    headers_log.append(dict(self.headers))
            if reply.sse is not None and reply.ending == "cut":
                self.protocol_version = "HTTP/1.1"  # chunked, so the cut shows
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if reply.raw is not None:
                if not any(name.lower() == "content-type" for name in reply.headers):
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(reply.raw)))
                self.end_headers()
                self.wfile.write(reply.raw)
                return
            if reply.sse is not None:
                self._stream(reply)
                return
            body = reply.body or {}
            if reply.echo_key:
                error = dict(body.get("error", {}))  # type: ignore[call-overload]
                error["message"] = f"Bad key: {self.headers.get('Authorization', '')}"
                body = {"error": error}
            payload = json.dumps(body).encode()
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def _stream(self, reply: Reply) -> None:
            assert reply.sse is not None
            self.send_header("Content-Type", "text/event-stream")
            events = [chunk(text) for text in reply.sse]
            if reply.ending == "garbage":
                events.append("data: <html><body>Bad Gateway</body></html>\n\n")
            if reply.ending in ("done", "garbage"):
                events.append(chunk(None, "stop"))
                usage = {"prompt_tokens": 20, "completion_tokens": len(reply.sse)}
                events.append(chunk(None, usage={**usage, "total_tokens": 20 + len(reply.sse)}))
                events.append("data: [DONE]\n\n")
            if reply.ending == "cut":
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                for event in events:
                    data = event.encode()
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
                    self.wfile.flush()
                # Half a chunk, then the connection goes, as when the server dies.
                self.wfile.write(b"400\r\ndata: {")
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            self.end_headers()
            for event in events:
                self.wfile.write(event.encode())
                self.wfile.flush()

        def do_POST(self) -> None:
            self._answer()

        def do_GET(self) -> None:
            self._answer()

        def log_message(self, format: str, *args: object) -> None:
            """Keep test output quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def openai_error_server(
    status: int, body: dict[str, object], headers: dict[str, str] | None = None
) -> Iterator[tuple[str, list[dict[str, str]]]]:
    """Serve ``status``/``body`` to every request; yields the base URL and the seen headers."""
    received: list[dict[str, str]] = []
    with openai_script_server([Reply(status, body, headers or {})], received) as (url, _):
        yield url, received


@contextmanager
def silent_server() -> Iterator[str]:
    """A port that accepts connections and never answers: the time-out case.

    The kernel completes the TCP handshake for a listening socket even when
    nobody calls ``accept``, so the client sends its request and waits.
    """
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/v1"
