"""Downloads against a loopback server that answers like the Hugging Face hub.

The real starter GGUF (98 MB) is served in the main resume test; the other
tests serve a 2 MiB prefix of it (a valid GGUF header, so the checks are the
same) to stay fast.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.paths import models_dir
from blogideas_gui.core.models.catalog import load_catalog
from blogideas_gui.core.models.downloads import (
    DownloadOptions,
    DownloadPhase,
    DownloadPhaseChanged,
    DownloadProgress,
    DownloadResult,
    DownloadSource,
    discard_partial,
    download_model,
    partial_bytes,
    resolve_source,
)
from blogideas_gui.core.models.installed import (
    find_installed,
    import_model,
    list_installed,
    remove_model,
)
from tests.conftest import free_port
from tests.support.hf_hub_server import FakeHub, serving

REPO = "owner/tiny-GGUF"
FILE = "tiny-q4.gguf"
SOURCE = DownloadSource(REPO, FILE)
FAST = DownloadOptions(stall_timeout=2.0, retries=2, backoff=0.05, progress_interval=0.0)


@pytest.fixture(autouse=True)
def _own_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """All model files of a test go under its own folder (conftest does the same)."""
    monkeypatch.setenv("BLOGIDEAS_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch, small_gguf: Path) -> Iterator[FakeHub]:
    """A fake hub serving ``small_gguf`` as ``REPO/FILE``; ``HF_ENDPOINT`` points at it."""
    with serving(monkeypatch, (REPO, FILE, small_gguf)) as server:
        yield server


def run(
    source: DownloadSource = SOURCE,
    cancel: CancelToken | None = None,
    options: DownloadOptions = FAST,
    **kwargs: object,
) -> list[object]:
    """Drive a download to its end and return every event."""
    return list(download_model(source, cancel or CancelToken(), options=options, **kwargs))  # type: ignore[arg-type]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_nothing_left(name: str = FILE) -> None:
    """No installed file, no partial file, nothing listed."""
    folder = models_dir()
    assert not (folder / name).exists()
    assert not list((folder / ".partial").glob(f"{name}*"))
    assert find_installed(name) is None
    assert all(model.path.name != name for model in list_installed())


def test_real_starter_cut_halfway_resumes_and_verifies(
    monkeypatch: pytest.MonkeyPatch, starter_model: Path
) -> None:
    with FakeHub() as hub:
        hub_file = hub.add_file("HuggingFaceTB/SmolLM2-GGUF", starter_model.name, starter_model)
        monkeypatch.setenv("HF_ENDPOINT", hub.endpoint)
        hub.cut_at = hub_file.size // 2
        events = run(DownloadSource("HuggingFaceTB/SmolLM2-GGUF", starter_model.name))
        ranges = hub.ranges()
    assert ranges[0] == "" and len(ranges) == 2
    resumed_from = int(ranges[1].removeprefix("bytes=").rstrip("-"))
    assert 0 < resumed_from <= hub_file.size // 2
    assert DownloadPhaseChanged(DownloadPhase.RETRYING) in events
    result = events[-1]
    assert isinstance(result, DownloadResult) and result.status == "installed"
    assert result.model is not None and result.model.sha256 == hub_file.sha256
    assert sha256(result.model.path) == hub_file.sha256
    assert result.model.path.parent == models_dir()
    assert not list((models_dir() / ".partial").glob("*.part"))
    assert [m.path.name for m in list_installed()].count(starter_model.name) == 2  # bundled + ours


def test_progress_counts_up_to_the_size_with_speed_and_time_left(hub: FakeHub) -> None:
    hub.bytes_per_second = 4 * 1024 * 1024  # about half a second for 2 MiB
    events = run()
    progress = [event for event in events if isinstance(event, DownloadProgress)]
    done = [event.done for event in progress]
    assert done == sorted(done) and done[-1] == progress[-1].total == hub.files[(REPO, FILE)].size
    assert any(event.bytes_per_second and event.seconds_left is not None for event in progress)
    phases = [event.phase for event in events if isinstance(event, DownloadPhaseChanged)]
    assert phases == [DownloadPhase.CONNECTING, DownloadPhase.DOWNLOADING, DownloadPhase.VERIFYING]


def test_download_interrupted_resumes_after_restart(hub: FakeHub) -> None:
    hub.cut_at = 1024 * 1024
    no_retry = DownloadOptions(stall_timeout=2.0, retries=0, progress_interval=0.0)
    with pytest.raises(BlogIdeasError) as failure:
        run(options=no_retry)
    assert failure.value.kind is ErrorKind.NO_NETWORK
    kept = partial_bytes(SOURCE)
    assert 0 < kept <= 1024 * 1024
    assert find_installed(FILE) is None  # a partial file is never listed

    events = run()  # a new call, as after restarting the app
    assert hub.ranges()[-1] == f"bytes={kept}-"
    result = events[-1]
    assert isinstance(result, DownloadResult) and result.model is not None
    assert sha256(result.model.path) == hub.files[(REPO, FILE)].sha256
    assert partial_bytes(SOURCE) == 0


def test_cancel_stops_quickly_keeps_partial_and_resume_finishes(hub: FakeHub) -> None:
    hub.bytes_per_second = 512 * 1024  # 4 s for the whole file
    cancel = CancelToken()
    events: list[object] = []
    started = time.monotonic()
    for event in download_model(SOURCE, cancel, options=FAST):
        events.append(event)
        if isinstance(event, DownloadProgress) and event.done > 0:
            cancel.cancel()
    assert time.monotonic() - started < 2.0
    result = events[-1]
    assert isinstance(result, DownloadResult) and result.cancelled and result.model is None
    assert partial_bytes(SOURCE) > 0
    assert find_installed(FILE) is None

    hub.bytes_per_second = None
    result = run()[-1]
    assert isinstance(result, DownloadResult) and result.status == "installed"
    assert hub.ranges()[-1].startswith("bytes=")


@pytest.mark.parametrize("fault", ["corrupt", "wrong_sha256"])
def test_wrong_checksum_is_rejected_removed_and_never_listed(hub: FakeHub, fault: str) -> None:
    setattr(hub, fault, True)
    with pytest.raises(BlogIdeasError) as failure:
        run()
    assert failure.value.kind is ErrorKind.DOWNLOAD_CORRUPT
    assert "checksum mismatch" in failure.value.detail
    assert_nothing_left()


def test_a_file_that_is_not_gguf_is_rejected(hub: FakeHub, tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_bytes(b"<html>not a model</html>" * 100)
    hub.add_file(REPO, "page.gguf", page)
    with pytest.raises(BlogIdeasError) as failure:
        run(DownloadSource(REPO, "page.gguf"))
    assert failure.value.kind is ErrorKind.MODEL_NOT_GGUF
    assert_nothing_left("page.gguf")


@pytest.mark.parametrize(
    "source", [DownloadSource(REPO, "missing.gguf"), DownloadSource("nobody/none", FILE)]
)
def test_404_is_a_clear_model_missing_error(hub: FakeHub, source: DownloadSource) -> None:
    with pytest.raises(BlogIdeasError) as failure:
        run(source)
    assert failure.value.kind is ErrorKind.NOT_ON_HUB
    assert f"{source.repo}/{source.file}" in failure.value.message("en")
    assert hub.ranges() == []
    assert_nothing_left(source.file)


def test_stalled_transfer_gives_a_quick_time_out(hub: FakeHub) -> None:
    hub.stall_at = 1024 * 1024
    options = DownloadOptions(stall_timeout=0.5, retries=1, backoff=0.05)
    started = time.monotonic()
    with pytest.raises(BlogIdeasError) as failure:
        run(options=options)
    assert failure.value.kind is ErrorKind.TIMEOUT
    assert time.monotonic() - started < 6
    assert find_installed(FILE) is None
    assert partial_bytes(SOURCE) > 0  # kept: the next try resumes


def test_hub_that_stops_answering_times_out(hub: FakeHub) -> None:
    hub.stall_head = True
    started = time.monotonic()
    with pytest.raises(BlogIdeasError) as failure:
        run(options=DownloadOptions(stall_timeout=0.5))
    assert failure.value.kind is ErrorKind.TIMEOUT
    assert time.monotonic() - started < 3


def test_unreachable_hub_is_a_network_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{free_port()}")
    with pytest.raises(BlogIdeasError) as failure:
        run()
    assert failure.value.kind is ErrorKind.NO_NETWORK


def test_not_enough_disk_is_refused_before_any_byte(hub: FakeHub) -> None:
    with pytest.raises(BlogIdeasError) as failure:
        run(free_bytes=lambda folder: 1000)
    assert failure.value.kind is ErrorKind.DISK_FULL
    assert "Not enough free disk space" in failure.value.message("en")
    assert hub.ranges() == []
    assert_nothing_left()


def test_endpoint_argument_overrides_hf_endpoint(
    hub: FakeHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{free_port()}")
    result = run(endpoint=hub.endpoint)[-1]
    assert isinstance(result, DownloadResult) and result.status == "installed"


def test_second_download_reports_already_installed(hub: FakeHub) -> None:
    run()
    gets = len(hub.ranges())
    result = run()[-1]
    assert isinstance(result, DownloadResult) and result.status == "already_installed"
    assert len(hub.ranges()) == gets


def test_discard_partial_gives_space_back(hub: FakeHub) -> None:
    hub.cut_at = 1024 * 1024
    with pytest.raises(BlogIdeasError):
        run(options=DownloadOptions(retries=0))
    assert partial_bytes(SOURCE) > 0
    discard_partial(SOURCE)
    assert partial_bytes(SOURCE) == 0


def test_catalog_download_is_listed_under_its_catalog_id(
    monkeypatch: pytest.MonkeyPatch, small_gguf: Path
) -> None:
    entry = next(e for e in load_catalog() if e.id == "qwen2.5-0.5b-instruct")
    with FakeHub() as hub:
        hub.add_file(entry.repo, entry.file, small_gguf)
        monkeypatch.setenv("HF_ENDPOINT", hub.endpoint)
        run(resolve_source(entry.id))
    model = find_installed(entry.id)
    assert model is not None and model.name == entry.name and model.source == "downloaded"


def test_resolve_source() -> None:
    assert resolve_source("owner/repo/sub/file.gguf") == DownloadSource(
        "owner/repo", "sub/file.gguf"
    )
    assert (
        resolve_source("EXAONE-3.5-2.4B-Instruct").repo
        == "LGAI-EXAONE/EXAONE-3.5-2.4B-Instruct-GGUF"
    )
    with pytest.raises(BlogIdeasError) as unknown:
        resolve_source("no-such-model")
    assert unknown.value.kind is ErrorKind.NOT_ON_HUB
    with pytest.raises(BlogIdeasError) as bundled:
        resolve_source("smollm2-135m-starter")
    assert bundled.value.kind is ErrorKind.BAD_OPTION


def test_import_copy_checks_disk_and_remove_gives_space_back(
    tmp_path: Path, small_gguf: Path
) -> None:
    own = tmp_path / "mine.gguf"
    own.write_bytes(small_gguf.read_bytes())
    with pytest.raises(BlogIdeasError) as full:
        import_model(own, free_bytes=lambda folder: 1000)
    assert full.value.kind is ErrorKind.DISK_FULL
    assert "Not enough free disk space" in full.value.message("en")
    assert find_installed("mine") is None

    model = import_model(own)
    assert model.id == "mine" and model.source == "imported" and model.path.parent == models_dir()
    assert remove_model("mine") == own.stat().st_size
    assert find_installed("mine") is None and own.is_file()


def test_only_whole_gguf_files_in_the_folder_are_listed(small_gguf: Path) -> None:
    folder = models_dir()
    (folder / "dropped-in.gguf").write_bytes(small_gguf.read_bytes())
    (folder / ".partial").mkdir()
    (folder / ".partial" / "half.gguf.part").write_bytes(b"GGUF")
    (folder / "notes.txt").write_text("not a model")
    (folder / "installed.json").write_text("{ broken")
    ids = [model.id for model in list_installed()]
    assert ids == ["smollm2-135m-starter", "dropped-in"]


def test_removing_the_starter_or_an_unknown_model_is_refused() -> None:
    with pytest.raises(BlogIdeasError) as starter:
        remove_model("smollm2-135m-starter")
    assert starter.value.kind is ErrorKind.BAD_OPTION
    with pytest.raises(BlogIdeasError) as unknown:
        remove_model("nothing")
    assert unknown.value.kind is ErrorKind.MODEL_MISSING


def test_cancel_wakes_a_read_blocked_on_a_silent_server(hub: FakeHub) -> None:
    hub.stall_at = 1024 * 1024
    cancel = CancelToken()
    timer = threading.Timer(0.5, cancel.cancel)
    timer.start()
    started = time.monotonic()
    try:
        result = run(cancel=cancel, options=DownloadOptions(stall_timeout=20.0))[-1]
    finally:
        timer.join()
    assert time.monotonic() - started < 3  # not the 20 s stall time-out
    assert isinstance(result, DownloadResult) and result.cancelled
