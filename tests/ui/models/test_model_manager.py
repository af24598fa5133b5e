"""The model manager dialog under pytest-qt, downloading from a loopback fake hub.

The main flow serves the real starter GGUF (98 MB) through :class:`FakeHub`
with a throttle, so the bar can be watched moving; the finished model is then
loaded by llama.cpp and generates. Faster cases serve a 2 MiB prefix of it
(a valid GGUF header).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from blogideas_gui.core.backends.base import GenerationOptions
from blogideas_gui.core.backends.local import LocalBackend
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.paths import models_dir
from blogideas_gui.core.generation.runner import GenerationResult, generate
from blogideas_gui.core.models.catalog import CatalogEntry, load_catalog
from blogideas_gui.core.models.downloads import DownloadOptions, partial_bytes
from blogideas_gui.core.models.installed import InstalledModel, list_installed
from blogideas_gui.core.models.machine import MachineFacts
from blogideas_gui.core.models.speed import Probe, SpeedBook
from blogideas_gui.core.settings.local_settings import LocalSettings
from blogideas_gui.core.writing.prompts import IdeaRequest
from blogideas_gui.ui.models.download_row import DownloadRow
from blogideas_gui.ui.models.model_manager import ModelManagerDialog
from tests.support.gguf_files import cut_copy
from tests.support.hf_hub_server import FakeHub, serving
from tests.support.qt_checks import started_qthreads

GB = 1024**3
REPO = "tests/SmolLM2-GGUF"
STARTER_FILE = "served-smollm2.gguf"
SMALL_FILE = "served-small.gguf"
MACHINE = MachineFacts(16 * GB, 12 * GB, 500 * GB, gpu_offload=False)
# The speed as measured before (the starter at 120 tokens a second), so no test waits on a probe.
SPEEDS = SpeedBook(Probe(120.0, 140.0, 450.0, 98_362_432, 2, 1.8e9))
OPTIONS = DownloadOptions(stall_timeout=10.0, retries=1, backoff=0.05, progress_interval=0.05)
LEFT_CLICK = Qt.MouseButton.LeftButton


def make_entry(entry_id: str, file: str, size: int, **changes: object) -> CatalogEntry:
    """A catalog entry for a file the fake hub serves, shaped like the real catalog's."""
    template = next(e for e in load_catalog() if e.id == "qwen2.5-0.5b-instruct")
    fields: dict[str, object] = {
        "id": entry_id,
        "name": entry_id.replace("-", " ").title(),
        "repo": REPO,
        "file": file,
        "revision": "main",
        "size_bytes": size,
        "kv_bytes_per_token": 23_040,
        "languages": ("en",),
        **changes,
    }
    return dataclasses.replace(template, **fields)  # type: ignore[arg-type]


@pytest.fixture
def hub(
    monkeypatch: pytest.MonkeyPatch, starter_model: Path, small_gguf: Path
) -> Iterator[FakeHub]:
    """A fake hub with the real starter and the small prefix; ``HF_ENDPOINT`` points at it."""
    with serving(
        monkeypatch, (REPO, STARTER_FILE, starter_model), (REPO, SMALL_FILE, small_gguf)
    ) as server:
        yield server


@pytest.fixture
def entries(starter_model: Path, small_gguf: Path) -> list[CatalogEntry]:
    """Two served models that fit, one tight and one too big for :data:`MACHINE`."""
    return [
        make_entry("served-smollm2", STARTER_FILE, starter_model.stat().st_size, quality_en=5),
        make_entry("served-small", SMALL_FILE, small_gguf.stat().st_size, quality_en=3),
        make_entry("tight-model", "tight.gguf", 11 * GB),
        make_entry("huge-model", "huge.gguf", 40 * GB),
    ]


class Answers:
    """Scripted replies for the dialog's file chooser and yes/no question."""

    def __init__(self) -> None:
        self.file: Path | None = None
        self.yes = True
        self.questions: list[str] = []

    def choose_file(self, parent: object) -> Path | None:
        return self.file

    def confirm(self, parent: object, title: str, text: str) -> bool:
        self.questions.append(text)
        return self.yes


@pytest.fixture
def answers() -> Answers:
    return Answers()


@pytest.fixture
def dialog(
    qtbot: QtBot, hub: FakeHub, entries: list[CatalogEntry], answers: Answers
) -> Iterator[ModelManagerDialog]:
    window = ModelManagerDialog(
        language="en",
        entries=entries,
        facts=MACHINE,
        download_options=OPTIONS,
        choose_file=answers.choose_file,
        confirm=answers.confirm,
        speeds=SPEEDS,
    )
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()
    running = [thread for thread in started_qthreads() if thread.isRunning()]
    assert not running, "closing the dialog left a thread running"


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    """A real left click (pytest-qt's own method has no type hints)."""
    qtbot.mouseClick(button, LEFT_CLICK)  # type: ignore[no-untyped-call]


def listed(window: ModelManagerDialog) -> dict[str, InstalledModel]:
    return {model.id: model for model in window.installed.models()}


def select(window: ModelManagerDialog, model_id: str) -> None:
    names = [model.id for model in window.installed.models()]
    window.installed_list.setCurrentRow(names.index(model_id))


def wait_until_idle(qtbot: QtBot, row: DownloadRow, timeout: int = 60_000) -> None:
    qtbot.waitUntil(lambda: not row.is_downloading, timeout=timeout)


@pytest.mark.slow
def test_download_watch_cancel_resume_finish_use_and_generate(
    qtbot: QtBot, dialog: ModelManagerDialog, hub: FakeHub
) -> None:
    hub.bytes_per_second = 6 * 1024 * 1024
    row = dialog.rows["served-smollm2"]
    click(qtbot, row.download_button)
    assert row.is_downloading and row.cancel_button.isVisible()
    qtbot.waitUntil(lambda: row.progress.value() > 20, timeout=30_000)
    first = row.progress.value()
    qtbot.waitUntil(lambda: row.progress.value() > first, timeout=30_000)  # the bar moves
    qtbot.waitUntil(lambda: "/s" in row.status.text(), timeout=30_000)
    assert " of " in row.status.text() and "left" in row.status.text()

    click(qtbot, row.cancel_button)
    wait_until_idle(qtbot, row, 10_000)
    kept = partial_bytes(row.source)
    assert kept > 0
    assert row.download_button.text() == "Resume" and row.download_button.isEnabled()
    assert "Paused" in row.status.text()
    assert "served-smollm2" not in listed(dialog)

    hub.bytes_per_second = 60 * 1024 * 1024
    click(qtbot, row.download_button)
    wait_until_idle(qtbot, row)
    assert dialog.message.text() == ""
    assert hub.ranges()[-1].startswith("bytes=")  # resumed, not started again
    assert row.status.text() == "Installed" and not row.download_button.isVisible()
    model = listed(dialog)["served-smollm2"]
    served = hub.files[(REPO, STARTER_FILE)]
    assert model.sha256 == served.sha256 and model.size_bytes == served.size
    assert hashlib.sha256(model.path.read_bytes()).hexdigest() == served.sha256

    select(dialog, "served-smollm2")
    with qtbot.waitSignal(dialog.model_chosen, timeout=5_000) as chosen:
        click(qtbot, dialog.installed.use_button)
    assert chosen.args == [model]

    backend = LocalBackend(model.path, **dialog.local_settings.backend_kwargs())
    try:
        events = list(
            generate(
                IdeaRequest("home coffee brewing", 1, "en"),
                backend,
                CancelToken(),
                GenerationOptions(max_tokens=8, seed=1),
            )
        )
    finally:
        backend.close()
    result = events[-1]
    assert isinstance(result, GenerationResult)
    assert result.markdown.strip() and result.usage.completion_tokens > 0


def test_a_corrupted_download_shows_one_error_line_and_is_not_listed(
    qtbot: QtBot, dialog: ModelManagerDialog, hub: FakeHub
) -> None:
    hub.corrupt = True
    row = dialog.rows["served-small"]
    click(qtbot, row.download_button)
    wait_until_idle(qtbot, row)
    message = dialog.message.text()
    assert "damaged" in message and "deleted" in message
    assert "\n" not in message and "Traceback" not in message
    assert row.status.text() == message
    assert row.download_button.text() == "Download"  # nothing kept to resume
    assert "served-small" not in listed(dialog)
    assert all(m.path.name != SMALL_FILE for m in list_installed(entries=[row.entry]))
    assert partial_bytes(row.source) == 0

    hub.corrupt = False  # trying again works
    click(qtbot, row.download_button)
    wait_until_idle(qtbot, row)
    assert "served-small" in listed(dialog) and row.status.text() == "Installed"


def test_closing_mid_download_cancels_and_waits_for_the_thread(
    qtbot: QtBot, dialog: ModelManagerDialog, hub: FakeHub
) -> None:
    hub.bytes_per_second = 1024 * 1024
    row = dialog.rows["served-smollm2"]
    click(qtbot, row.download_button)
    qtbot.waitUntil(lambda: row.progress.value() > 0, timeout=30_000)
    dialog.close()
    assert not row.is_downloading
    assert not any(thread.isRunning() for thread in started_qthreads())
    assert partial_bytes(row.source) > 0  # kept for a resume next time


def test_fit_badges_and_the_recommendation(qtbot: QtBot, dialog: ModelManagerDialog) -> None:
    badges = {entry_id: row.badge.text() for entry_id, row in dialog.rows.items()}
    assert badges == {
        "served-smollm2": "fits well",
        "served-small": "fits well",
        "tight-model": "tight",
        "huge-model": "too big",
    }
    recommended = [i for i, row in dialog.rows.items() if not row.recommended.isHidden()]
    assert recommended == ["served-smollm2"]  # the better writer of the two that fit
    assert "Served Smollm2" in dialog.recommendation.text()
    assert "GPU offload: not available" in dialog.engine.gpu.text()
    assert "17.2 GB memory" in dialog.engine.machine.text()  # 16 GiB, in decimal units
    assert "fits well" in dialog.installed_list.item(0).text()  # the starter


def test_settings_are_read_and_announced(qtbot: QtBot, dialog: ModelManagerDialog) -> None:
    assert dialog.local_settings == LocalSettings()
    assert dialog.engine.threads_spin.text() == "Automatic"
    assert not dialog.engine.gpu_layers_spin.isEnabled()  # no GPU on MACHINE
    with qtbot.waitSignal(dialog.local_settings_changed, timeout=2_000) as changed:
        dialog.engine.threads_spin.setValue(1)
    assert changed.args == [LocalSettings(n_threads=1)]
    dialog.engine.context_spin.setValue(131072)
    assert dialog.local_settings == LocalSettings(n_ctx=131072, n_threads=1)
    assert dialog.rows["tight-model"].badge.text() == "too big"  # a larger context costs memory


def test_import_copy_and_link_then_remove(
    qtbot: QtBot,
    dialog: ModelManagerDialog,
    answers: Answers,
    small_gguf: Path,
    tmp_path: Path,
) -> None:
    answers.file = tmp_path / "mine.gguf"
    answers.file.write_bytes(small_gguf.read_bytes())
    click(qtbot, dialog.installed.import_button)
    qtbot.waitUntil(lambda: "mine" in listed(dialog), timeout=20_000)
    assert listed(dialog)["mine"].source == "imported"
    assert "installed" in dialog.notice.text()
    qtbot.waitUntil(lambda: dialog.installed.import_button.isEnabled(), timeout=5_000)

    answers.file = tmp_path / "linked.gguf"
    answers.file.write_bytes(small_gguf.read_bytes())
    dialog.installed.link_box.setChecked(True)
    click(qtbot, dialog.installed.import_button)
    qtbot.waitUntil(lambda: "linked" in listed(dialog), timeout=20_000)
    assert listed(dialog)["linked"].path.is_symlink()
    qtbot.waitUntil(lambda: dialog.installed.import_button.isEnabled(), timeout=5_000)

    answers.file = tmp_path / "page.gguf"
    answers.file.write_bytes(b"<html>not a model</html>")
    click(qtbot, dialog.installed.import_button)
    qtbot.waitUntil(lambda: dialog.message.text() != "", timeout=20_000)
    assert "not a GGUF model" in dialog.message.text() and "page" not in listed(dialog)
    qtbot.waitUntil(lambda: dialog.installed.import_button.isEnabled(), timeout=5_000)

    select(dialog, "mine")
    answers.yes = False
    click(qtbot, dialog.installed.remove_button)
    assert "mine" in listed(dialog) and "Delete" in answers.questions[-1]
    answers.yes = True
    with qtbot.waitSignal(dialog.model_removed, timeout=2_000) as removed:
        click(qtbot, dialog.installed.remove_button)
    assert removed.args[0].id == "mine"
    assert "mine" not in listed(dialog) and not (models_dir() / "mine.gguf").exists()
    assert "given back" in dialog.notice.text()

    select(dialog, "smollm2-135m-starter")
    assert not dialog.installed.remove_button.isEnabled()  # the starter ships with the app


def test_every_row_says_how_fast_it_writes_here(qtbot: QtBot, dialog: ModelManagerDialog) -> None:
    small = dialog.rows["served-smollm2"].speed.text()
    huge = dialog.rows["huge-model"].speed.text()
    assert small.startswith("About ") and "words a second here" in small
    assert "slower than reading" not in small
    assert "slower than reading" in huge  # 40 GB read per token
    assert "2025" not in dialog.speed_box.status.text()  # the measurement's own date
    assert "120 tokens a second" in dialog.speed_box.status.text()


def test_measure_again_refreshes_every_speed(
    qtbot: QtBot, hub: FakeHub, entries: list[CatalogEntry]
) -> None:
    # A scripted measurement stands in for the child process (the CLI tests run the real one):
    # it reports a computer ten times faster.
    faster = SpeedBook(Probe(1200.0, 1400.0, 4500.0, 98_362_432, 2, 1.8e9))
    window = ModelManagerDialog(
        language="en", entries=entries, facts=MACHINE, speeds=SPEEDS,
        measure=lambda cancel: faster,
    )  # fmt: skip
    qtbot.addWidget(window)
    window.show()
    before = window.rows["tight-model"].speed.text()
    with qtbot.waitSignal(window.speed_box.measured, timeout=10_000):
        click(qtbot, window.speed_box.button)
    assert window.rows["tight-model"].speed.text() != before
    assert "1200 tokens a second" in window.speed_box.status.text()
    window.close()


def test_the_list_shows_what_a_model_file_said_and_refuses_a_damaged_one(
    qtbot: QtBot,
    dialog: ModelManagerDialog,
    answers: Answers,
    small_gguf: Path,
    starter_model: Path,
    tmp_path: Path,
) -> None:
    answers.file = tmp_path / "mine.gguf"
    answers.file.write_bytes(small_gguf.read_bytes())
    click(qtbot, dialog.installed.import_button)
    qtbot.waitUntil(lambda: "mine" in listed(dialog), timeout=20_000)
    select(dialog, "mine")
    details = dialog.installed.details.text()
    assert "Read from the file: llama" in details and "has a chat template" in details
    assert "2,048 tokens of context" in details and "F32" in details and "1M parameters" in details
    assert "words a second here" in details

    qtbot.waitUntil(lambda: dialog.installed.import_button.isEnabled(), timeout=5_000)
    answers.file = cut_copy(starter_model, tmp_path / "half.gguf")
    click(qtbot, dialog.installed.import_button)
    qtbot.waitUntil(lambda: dialog.message.text() != "", timeout=60_000)
    assert "incomplete or damaged" in dialog.message.text() and "half" not in listed(dialog)
    qtbot.waitUntil(lambda: dialog.installed.import_button.isEnabled(), timeout=5_000)


def test_a_download_without_a_checksum_is_marked_not_verified(
    qtbot: QtBot, dialog: ModelManagerDialog, hub: FakeHub
) -> None:
    hub.no_checksum = True
    row = dialog.rows["served-small"]
    click(qtbot, row.download_button)
    wait_until_idle(qtbot, row)
    assert row.status.text() == "Installed"
    select(dialog, "served-small")
    assert "not verified" in dialog.installed_list.currentItem().text()
    assert "Not verified" in dialog.installed.details.text()
