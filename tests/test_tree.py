"""The test tree mirrors the package, so a module's tests are where a newcomer looks for them."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "blogideas_gui"
TESTS = ROOT / "tests"
# Test folders that are not about one package: shared helpers, recorded answers.
NOT_MIRRORS = {"support", "data"}


def test_every_test_folder_is_a_package_folder() -> None:
    strays = [
        folder.relative_to(TESTS).as_posix()
        for folder in sorted(TESTS.rglob("*"))
        if folder.is_dir()
        and "__pycache__" not in folder.parts
        and folder.relative_to(TESTS).parts[0] not in NOT_MIRRORS
        and not (PACKAGE / folder.relative_to(TESTS)).is_dir()
    ]
    assert strays == []
