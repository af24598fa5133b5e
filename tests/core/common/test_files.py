"""One rule for every file the app keeps, tried on each store with files the test damages.

Damaged: set aside with a time stamp, a fresh start, one notice. Written by
a newer version: never altered, the store works without it, one notice.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.files import (
    atomic_write,
    read_json,
    recover_damaged,
    set_aside,
    write_json,
)
from blogideas_gui.core.common.notices import listen, report
from blogideas_gui.core.common.paths import config_dir, models_dir
from blogideas_gui.core.models.installed import list_installed
from blogideas_gui.core.settings.preferences import Settings, load_settings, save_settings
from blogideas_gui.core.writing.presets import Preset, PresetStore


def settings_file() -> Path:
    return config_dir() / "settings.json"


def presets_file() -> Path:
    return config_dir() / "presets.json"


def installed_file() -> Path:
    return models_dir() / "installed.json"


def use_settings() -> None:
    load_settings()


def use_presets() -> None:
    PresetStore().list()


def use_installed() -> None:
    list_installed()


STORES: list[tuple[str, Callable[[], Path], Callable[[], None]]] = [
    ("settings", settings_file, use_settings),
    ("presets", presets_file, use_presets),
    ("installed list", installed_file, use_installed),
]


@pytest.mark.parametrize(("name", "where", "use"), STORES)
def test_a_damaged_file_is_set_aside_once_and_said_once(
    name: str,
    where: Callable[[], Path],
    use: Callable[[], None],
    notices: list[BlogIdeasError],
) -> None:
    path = where()
    path.write_bytes(b"\x00\xffnot json at all")
    use()
    use()  # the second read finds no file: nothing more to say
    [aside] = path.parent.glob(f"{path.name}.damaged-*")
    assert aside.read_bytes() == b"\x00\xffnot json at all" and not path.exists()
    [notice] = notices
    assert notice.kind in (ErrorKind.FILE_DAMAGED, ErrorKind.SETTINGS_DAMAGED)
    assert aside.name in notice.message("en") and aside.name in notice.message("ko")


@pytest.mark.parametrize(("name", "where", "use"), STORES)
def test_a_newer_version_file_is_never_altered(
    name: str,
    where: Callable[[], Path],
    use: Callable[[], None],
    notices: list[BlogIdeasError],
) -> None:
    path = where()
    path.write_text(json.dumps({"version": 99, "from": "the future"}), encoding="utf-8")
    before = path.read_bytes()
    use()
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name)) == [
        path.name
    ]
    [notice] = notices
    assert notice.kind is ErrorKind.FILE_TOO_NEW
    assert path.name in notice.message("en") and "newer version" in notice.message("en")
    assert "더 새로운 버전" in notice.message("ko")


def test_writers_leave_a_newer_version_file_alone(notices: list[BlogIdeasError]) -> None:
    for path in (settings_file(), presets_file()):
        path.write_text(json.dumps({"version": 2}), encoding="utf-8")
    with pytest.raises(BlogIdeasError) as caught:
        save_settings(Settings(ui_language="ko"))
    assert caught.value.kind is ErrorKind.FILE_TOO_NEW
    with pytest.raises(BlogIdeasError):
        PresetStore().save(Preset("Cafe", "naver"))
    assert json.loads(settings_file().read_text(encoding="utf-8")) == {"version": 2}
    assert json.loads(presets_file().read_text(encoding="utf-8")) == {"version": 2}
    assert {notice.detail for notice in notices} == {"settings.json", "presets.json"}


def test_read_json_keeps_a_file_it_cannot_read_right_now(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder.json"
    folder.mkdir()  # reading fails like a permission problem does
    assert read_json(folder, 1).data is None and folder.is_dir()
    assert read_json(tmp_path / "missing.json", 1).data is None


def test_write_json_round_trip_and_version(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    write_json(path, {"items": [1, 2]}, 3)
    assert read_json(path, 3).data == {"version": 3, "items": [1, 2]}
    assert read_json(path, 2).data is None  # to an older app it is too new


def test_set_aside_moves_the_companions_and_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).write_text(suffix or "main")
    first = set_aside(path, ("-wal", "-shm"))
    path.write_text("again")
    second = set_aside(path)
    assert first is not None and second is not None and first != second
    assert first.read_text() == "main" and second.read_text() == "again"
    assert first.with_name(first.name + "-wal").read_text() == "-wal"
    assert not path.with_name(path.name + "-shm").exists()


def test_notices_wait_for_a_listener_and_are_said_once(tmp_path: Path) -> None:
    path = tmp_path / "presets.json"
    path.write_text("{")
    notice = recover_damaged(path)
    report(BlogIdeasError(notice.kind, notice.detail))  # the same news again
    heard: list[BlogIdeasError] = []
    stop = listen(heard.append)
    assert heard == [notice]  # the waiting one, once
    worker = threading.Thread(target=report, args=(BlogIdeasError(ErrorKind.DISK_FULL, "/x"),))
    worker.start()
    worker.join()
    stop()
    report(BlogIdeasError(ErrorKind.DISK_FULL, "/y"))
    assert [n.detail for n in heard] == [notice.detail, "/x"]


def test_atomic_write_without_replace_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "ideas.md"
    atomic_write(path, b"first", replace=False)
    with pytest.raises(FileExistsError):
        atomic_write(path, b"second", replace=False)
    assert path.read_bytes() == b"first"
    assert os.listdir(tmp_path) == ["ideas.md"]
