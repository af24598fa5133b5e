"""Finding the folder build and writing its menu entry by the freedesktop.org rules."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from blogideas_gui.core.common.menu_entry import (
    exec_argument,
    folder_build,
    menu_entry_path,
)
from tests.support.folder_build import unpacked_folder


def test_only_the_frozen_linux_folder_with_its_entry_is_a_folder_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The frozen executable cannot run here without a build of several minutes
    # (tests/test_packaging.py makes one): PyInstaller's two markers stand in.
    assert folder_build() is None  # this test run: Python itself, not frozen
    folder = unpacked_folder(tmp_path)
    monkeypatch.setattr(sys, "executable", str(folder / "BlogIdeas"))
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert folder_build() == folder.resolve()
    (folder / "share" / "blogideas.desktop").unlink()  # a build without desktop files
    assert folder_build() is None


def test_the_menu_lives_in_the_user_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert menu_entry_path() == tmp_path / "data" / "applications" / "blogideas.desktop"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/data")  # invalid by the specification
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    expected = tmp_path / "home" / ".local" / "share" / "applications" / "blogideas.desktop"
    assert menu_entry_path() == expected


def test_exec_quotes_and_escapes_a_path_as_the_specification_says() -> None:
    assert exec_argument(Path("/home/mina/Blog Ideas/BlogIdeas")) == (
        '"/home/mina/Blog Ideas/BlogIdeas"'
    )
    # " ` $ \ take a backslash, backslashes are then doubled, % is doubled.
    assert exec_argument(Path('/x/a"b`c$d\\e%f')) == '"/x/a\\\\"b\\\\`c\\\\$d\\\\\\\\e%%f"'
