"""The guide's free path: the recommended model in one click, downloaded inside the guide.

The download runs against the loopback fake hub (huggingface_hub's own metadata call, ranged
reads) serving a real GGUF file written by llama.cpp's writer; the guide is clicked as a user
would. One test lets the guide measure the speed for real (the ``blogideas models speed``
child process).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from blogideas_gui.core.models.catalog import CatalogEntry, load_catalog
from blogideas_gui.core.models.downloads import DownloadOptions, DownloadSource, partial_bytes
from blogideas_gui.core.models.machine import MachineFacts
from blogideas_gui.core.models.speed import Probe, SpeedBook, load_book
from blogideas_gui.core.settings.preferences import Settings
from blogideas_gui.core.settings.secrets import KeyStore
from blogideas_gui.ui.guide.first_run import FirstRunGuide
from tests.support.hf_hub_server import FakeHub, serving
from tests.support.memory_keychain import MemoryKeychain
from tests.support.speed_books import measured_book

GIB = 1024**3
REPO = "tests/Writer-GGUF"
FILE = "writer-q4.gguf"
MACHINE = MachineFacts(32 * GIB, 24 * GIB, 500 * GIB, gpu_offload=False)
SPEEDS = measured_book(Probe(170.0, 170.0, 490.0, 98_362_432, 2, 1.8e9))
SHOTS = Path("/tmp/shots")
OPTIONS = DownloadOptions(stall_timeout=10.0, retries=1, backoff=0.05, progress_interval=0.05)


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch, small_gguf: Path) -> Iterator[FakeHub]:
    with serving(monkeypatch, (REPO, FILE, small_gguf)) as server:
        yield server


@pytest.fixture
def entries(small_gguf: Path) -> list[CatalogEntry]:
    """The starter and one served Korean writer, the best that fits and writes fast enough."""
    catalog = load_catalog()
    template = next(e for e in catalog if e.id == "exaone-3.5-2.4b-instruct")
    writer = dataclasses.replace(
        template, id="served-writer", name="Served Writer", repo=REPO, file=FILE,
        size_bytes=small_gguf.stat().st_size,
    )  # fmt: skip
    return [next(e for e in catalog if e.is_bundled), writer]


def make_guide(qtbot: QtBot, entries: list[CatalogEntry], **kwargs: object) -> FirstRunGuide:
    kwargs.setdefault("speeds", SPEEDS)
    guide = FirstRunGuide(
        Settings(ui_language="ko"),
        key_store=KeyStore(MemoryKeychain()),
        facts=MACHINE,
        entries=entries,
        download_options=OPTIONS,
        **kwargs,  # type: ignore[arg-type]
    )
    qtbot.addWidget(guide)
    guide.show()
    return guide


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]


def test_the_recommended_model_downloads_in_the_guide_pauses_resumes_and_is_used(
    qtbot: QtBot, hub: FakeHub, entries: list[CatalogEntry]
) -> None:
    guide = make_guide(qtbot, entries)
    offer = guide.offer
    assert offer.recommended is not None and offer.recommended.id == "served-writer"
    assert "Served Writer" in offer.text.text()
    row = offer.row
    assert row is not None and row.download_button.isVisible()
    assert "words a second here" in row.speed.text()
    assert not row.recommended.isHidden()

    hub.bytes_per_second = 256 * 1024  # about 8 s for the 2 MiB file: time to watch it
    click(qtbot, row.download_button)
    qtbot.waitUntil(lambda: row.progress.value() > 0, timeout=30_000)
    assert row.cancel_button.isVisible() and " of " in row.status.text()
    click(qtbot, row.cancel_button)
    qtbot.waitUntil(lambda: not row.is_downloading, timeout=10_000)
    source = DownloadSource(REPO, FILE)
    assert partial_bytes(source) > 0 and row.download_button.text() == "Resume"

    hub.bytes_per_second = None
    with qtbot.waitSignal(offer.installed, timeout=30_000) as installed:
        click(qtbot, row.download_button)
    model = installed.args[0]
    assert model.id == "served-writer" and model.verified
    assert hub.ranges()[-1].startswith("bytes=")  # resumed where it paused
    qtbot.waitUntil(lambda: not row.is_downloading, timeout=10_000)
    assert "ready" in offer.text.text()

    with qtbot.waitSignal(guide.finished_with) as finished:
        click(qtbot, guide.finish_button)
    settings = finished.args[0]
    assert settings.backend == "local" and settings.local_model == "served-writer"


def test_closing_the_guide_mid_download_keeps_it_for_later(
    qtbot: QtBot, hub: FakeHub, entries: list[CatalogEntry]
) -> None:
    guide = make_guide(qtbot, entries)
    row = guide.offer.row
    assert row is not None
    hub.bytes_per_second = 256 * 1024
    click(qtbot, row.download_button)
    qtbot.waitUntil(lambda: row.progress.value() > 0, timeout=30_000)
    with qtbot.waitSignal(guide.finished_with) as finished:
        click(qtbot, guide.finish_button)  # start with the starter now
    assert finished.args[0].local_model == ""
    assert not row.is_downloading and partial_bytes(DownloadSource(REPO, FILE)) > 0

    again = make_guide(qtbot, entries)
    assert again.offer.row is not None and again.offer.row.download_button.text() == "Resume"


@pytest.mark.slow
def test_with_nothing_measured_the_guide_measures_first(
    qtbot: QtBot, entries: list[CatalogEntry]
) -> None:
    guide = make_guide(qtbot, entries, speeds=SpeedBook())
    offer = guide.offer
    assert offer.speed_box.is_measuring and offer.row is None
    with qtbot.waitSignal(offer.speed_box.measured, timeout=240_000):
        pass
    assert load_book().probe is not None  # the child process kept its measurement
    assert offer.row is not None or "starter model is the best fit" in offer.text.text()


@pytest.mark.usefixtures("korean")
def test_a_weak_writer_is_the_second_choice_and_a_busy_probe_is_said(qtbot: QtBot) -> None:
    """The flip seen here: the starter at 60 tokens a second (engine 65) put EXAONE 4.0 1.2B just
    under the live line, and the guide offered Qwen2.5 0.5B, the weakest Korean writer; the last
    probe then found the computer busy, and the book kept the earlier figure."""
    catalog = load_catalog()
    entries = [
        e for e in catalog if e.is_bundled or e.id in ("exaone-4.0-1.2b", "qwen2.5-0.5b-instruct")
    ]
    speeds = measured_book(Probe(60.0, 65.0, 490.0, 98_362_432, 2, 1.8e9), busy_at=1.9e9)
    guide = make_guide(qtbot, entries, speeds=speeds)
    offer = guide.offer
    assert offer.recommended is not None and offer.recommended.id == "exaone-4.0-1.2b"
    assert "EXAONE 4.0 1.2B" in offer.text.text()
    assert offer.second.isVisible()
    second = offer.second.text()
    assert second.startswith("두 번째 선택: Qwen2.5 0.5B") and "아이디어 다섯 개를 약 " in second
    assert "컴퓨터가 바빴습니다" in offer.speed_box.status.text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    guide.grab().save(str(SHOTS / "guide-second-choice-ko.png"))
    # Where the better writer is live anyway, no second choice is shown.
    quiet = make_guide(qtbot, entries, speeds=SPEEDS)
    assert quiet.offer.recommended is not None and quiet.offer.recommended.id == "exaone-4.0-1.2b"
    assert not quiet.offer.second.isVisible()
    assert "바빴습니다" not in quiet.offer.speed_box.status.text()
