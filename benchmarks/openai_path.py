"""The OpenAI path: the app's OpenAIBackend versus the bare ``openai`` client.

Both talk to one ``python -m llama_cpp.server`` on loopback serving the same
GGUF with the same threads and context as the local backend, with the same
request and sampling, so the ratio is the app's own cost on this path.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks.common import (
    QuietPolicy,
    Workload,
    check_quiet,
    measure_quietly,
    our_child,
    rate,
)
from benchmarks.raw_llama import StreamFigures
from blogideas_gui.core.backends.base import TextDelta
from blogideas_gui.core.backends.openai_api import OpenAIBackend
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.generation.runner import GenerationResult, generate
from blogideas_gui.core.writing.prompts import IdeaRequest, build_messages

SERVED_NAME = "starter"
SERVER_START_TIMEOUT_S = 60.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def llama_server(workload: Workload, log_path: Path) -> Iterator[str]:
    """Run llama-cpp-python's OpenAI-compatible server; yield its ``/v1`` URL.

    The server is always stopped on the way out, also after a failure.
    """
    port = free_port()
    command = [
        sys.executable, "-m", "llama_cpp.server",
        "--model", str(workload.model_path),
        "--model_alias", SERVED_NAME,
        "--host", "127.0.0.1",
        "--port", str(port),
        "--n_threads", str(workload.n_threads),
        "--n_threads_batch", str(workload.n_threads),
        "--n_ctx", str(workload.n_ctx),
    ]  # fmt: skip
    base_url = f"http://127.0.0.1:{port}/v1"
    with log_path.open("w") as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        with our_child(server):
            try:
                _wait_until_up(server, base_url)
                yield base_url
            finally:
                server.terminate()
                try:
                    server.wait(10)
                except subprocess.TimeoutExpired:
                    server.kill()


def _wait_until_up(server: subprocess.Popen[bytes], base_url: str) -> None:
    """Poll GET /v1/models until it answers, the server dies, or time runs out."""
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"llama_cpp.server exited with {server.returncode}")
        try:
            with urllib.request.urlopen(base_url + "/models", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("llama_cpp.server did not answer within a minute")


def bare_client(base_url: str) -> Any:
    """The ``openai`` client as anyone would make it for a local server."""
    import openai

    return openai.OpenAI(api_key="no-key-needed", base_url=base_url, max_retries=0)


def run_bare(client: Any, request: IdeaRequest, workload: Workload) -> StreamFigures:
    """One streamed request with the ``openai`` package alone."""
    options = workload.options()
    started = time.perf_counter()
    stream = client.chat.completions.create(
        model=SERVED_NAME,
        messages=build_messages(request.validated()),
        stream=True,
        max_tokens=options.max_tokens,
        temperature=options.temperature,
        top_p=options.top_p,
        seed=options.seed,
        extra_body={"repeat_penalty": options.repeat_penalty},
    )
    first: float | None = None
    last: float | None = None
    tokens = 0
    chars = 0
    for chunk in stream:
        check_quiet()
        for choice in chunk.choices:
            if choice.delta and choice.delta.content:
                last = time.perf_counter()
                if first is None:
                    first = last
                tokens += 1
                chars += len(choice.delta.content)
    return StreamFigures(
        None if first is None else first - started, tokens, rate(tokens, first, last), chars
    )


def run_app_backend(
    backend: OpenAIBackend, request: IdeaRequest, workload: Workload
) -> StreamFigures:
    """One request through the app's core path: ``generate`` over OpenAIBackend."""
    started = time.perf_counter()
    first: float | None = None
    last: float | None = None
    tokens = 0
    chars = 0
    result: GenerationResult | None = None
    for event in generate(request, backend, CancelToken(), workload.options()):
        check_quiet()
        if isinstance(event, TextDelta):
            last = time.perf_counter()
            if first is None:
                first = last
            tokens += 1
            chars += len(event.text)
        elif isinstance(event, GenerationResult):
            result = event
    if result is None:
        raise RuntimeError("generate ended without a result")
    return StreamFigures(
        None if first is None else first - started, tokens, rate(tokens, first, last), chars
    )


def run_openai_path(
    workload: Workload, request: IdeaRequest, repeats: int, log_path: Path, policy: QuietPolicy
) -> dict[str, list[StreamFigures | float]]:
    """Warm both clients up once, then alternate bare and app requests.

    The server keeps the last prompt evaluated, so after the warm-up every
    request starts from the same state: the figures are warm ones.
    """
    results: dict[str, list[StreamFigures | float]] = {"bare": [], "app": [], "noise": []}
    with llama_server(workload, log_path) as base_url:
        client = bare_client(base_url)
        backend = OpenAIBackend(model=SERVED_NAME, base_url=base_url)
        run_bare(client, request, workload)
        run_app_backend(backend, request, workload)
        for _ in range(repeats):
            bare, bare_noise = measure_quietly(lambda: run_bare(client, request, workload), policy)
            app, app_noise = measure_quietly(
                lambda: run_app_backend(backend, request, workload), policy
            )
            results["bare"].append(bare)
            results["app"].append(app)
            results["noise"] += [bare_noise, app_noise]
    return results
