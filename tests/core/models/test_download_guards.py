"""What a download refuses: over-sent bodies, unchecked files of the wrong size, damaged or too new
models, and a second download of a file already under way (in this process or another one).

All against the loopback fake hub; the files served are real GGUF files written by llama.cpp's
own writer, and cut or altered copies of them.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.paths import models_dir
from blogideas_gui.core.models.catalog import CatalogEntry, load_catalog
from blogideas_gui.core.models.downloads import (
    DownloadOptions,
    DownloadResult,
    DownloadSource,
    download_model,
    partial_bytes,
)
from blogideas_gui.core.models.gguf import known_facts
from blogideas_gui.core.models.installed import find_installed, list_installed
from tests.support.gguf_files import altered_copy, cut_copy
from tests.support.hf_hub_server import FakeHub, serving

REPO = "owner/tiny-GGUF"
FILE = "tiny-q4.gguf"
SOURCE = DownloadSource(REPO, FILE)
FAST = DownloadOptions(stall_timeout=5.0, retries=1, backoff=0.05, progress_interval=0.0)
MB = 1024 * 1024


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch, small_gguf: Path) -> Iterator[FakeHub]:
    with serving(monkeypatch, (REPO, FILE, small_gguf)) as server:
        yield server


def catalog_with(size: int) -> list[CatalogEntry]:
    """The catalog plus an entry for the served file, recording ``size`` as its exact size."""
    template = next(e for e in load_catalog() if e.id == "qwen2.5-0.5b-instruct")
    entry = dataclasses.replace(template, id="tiny", repo=REPO, file=FILE, size_bytes=size)
    return [*load_catalog(), entry]


def run(source: DownloadSource = SOURCE, **kwargs: object) -> list[object]:
    return list(download_model(source, CancelToken(), options=FAST, **kwargs))  # type: ignore[arg-type]


def refused(source: DownloadSource = SOURCE, **kwargs: object) -> BlogIdeasError:
    with pytest.raises(BlogIdeasError) as failure:
        run(source, **kwargs)
    assert not (models_dir() / source.file).exists()
    assert partial_bytes(source) == 0  # nothing kept to resume
    assert all(model.path.name != source.file for model in list_installed())
    return failure.value


def test_a_body_longer_than_announced_is_cut_off_at_once(hub: FakeHub) -> None:
    hub.oversend = 200 * MB
    error = refused()
    assert error.kind is ErrorKind.DOWNLOAD_CORRUPT
    assert "more than" in error.detail
    # Reading stopped with the first extra chunk: only what the sockets buffered left the server.
    assert hub.oversent < 16 * MB


def test_without_a_checksum_the_catalog_size_is_checked_and_the_model_not_verified(
    hub: FakeHub, small_gguf: Path
) -> None:
    hub.no_checksum = True
    events = run(entries=catalog_with(small_gguf.stat().st_size))
    result = events[-1]
    assert isinstance(result, DownloadResult) and result.model is not None
    assert not result.model.verified and result.model.sha256 == ""
    listed = find_installed("tiny")
    assert listed is not None and not listed.verified
    assert known_facts(listed.path) is not None  # what the check read is kept


def test_without_a_checksum_a_size_unlike_the_catalogs_is_refused(
    hub: FakeHub, small_gguf: Path
) -> None:
    hub.no_checksum = True
    error = refused(entries=catalog_with(small_gguf.stat().st_size + 1))
    assert error.kind is ErrorKind.DOWNLOAD_CORRUPT
    assert "the catalog says" in error.detail


def test_with_a_checksum_the_model_is_verified(hub: FakeHub) -> None:
    result = run()[-1]
    assert isinstance(result, DownloadResult) and result.model is not None
    assert result.model.verified and len(result.model.sha256) == 64


def test_a_damaged_model_served_whole_is_refused(
    hub: FakeHub, small_gguf: Path, tmp_path: Path
) -> None:
    cut = cut_copy(small_gguf, tmp_path / "cut.gguf", fraction=0.6)
    hub.add_file(REPO, "cut.gguf", cut)  # the hub's checksum is the cut file's: it matches
    error = refused(DownloadSource(REPO, "cut.gguf"))
    assert error.kind is ErrorKind.MODEL_DAMAGED


def test_a_model_too_new_for_the_engine_is_refused(
    hub: FakeHub, small_gguf: Path, tmp_path: Path
) -> None:
    future = altered_copy(small_gguf, tmp_path / "future.gguf", b"llama", b"qqqqq")
    hub.add_file(REPO, "future.gguf", future)
    error = refused(DownloadSource(REPO, "future.gguf"))
    assert error.kind is ErrorKind.MODEL_TOO_NEW
    assert "newer BlogIdeas" in error.message("en")


def wait_for_partial(timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while partial_bytes(SOURCE) == 0:
        assert time.monotonic() < deadline, "the first download never started writing"
        time.sleep(0.05)


def test_a_second_download_in_this_process_is_told_it_is_under_way(hub: FakeHub) -> None:
    hub.bytes_per_second = 512 * 1024  # about 4 s for the 2 MiB file
    cancel = CancelToken()
    first: list[object] = []
    thread = threading.Thread(
        target=lambda: first.extend(download_model(SOURCE, cancel, options=FAST))
    )
    thread.start()
    try:
        wait_for_partial()
        error = refused_while_running()
        assert error.kind is ErrorKind.DOWNLOAD_BUSY
        assert FILE in error.message("en") and "다운로드 중" in error.message("ko")
    finally:
        cancel.cancel()
        thread.join()
    result = first[-1]
    assert isinstance(result, DownloadResult) and result.cancelled
    assert run()[-1].status == "installed"  # type: ignore[attr-defined]  # the lock was let go


def refused_while_running() -> BlogIdeasError:
    with pytest.raises(BlogIdeasError) as failure:
        run()
    return failure.value


def test_a_download_in_another_process_is_respected(hub: FakeHub) -> None:
    hub.bytes_per_second = 256 * 1024  # about 8 s: time enough to try a second one
    command = [sys.executable, "-m", "blogideas_gui", "models", "download", f"{REPO}/{FILE}"]
    child = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=os.environ
    )
    try:
        wait_for_partial()
        assert refused_while_running().kind is ErrorKind.DOWNLOAD_BUSY
    finally:
        child.send_signal(signal.SIGINT)  # Ctrl+C pauses the child's download
        _, errors = child.communicate(timeout=60)
    assert child.returncode == 130, errors.decode()
    assert partial_bytes(SOURCE) > 0  # the child's bytes stay for a resume
