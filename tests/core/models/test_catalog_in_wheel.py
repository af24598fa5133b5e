"""An install from the built wheel alone lists the catalog: it ships inside the package.

``pip wheel`` builds the project (a copy of it, so the work tree gets no build folder) as a
user's install would get it; the wheel is unpacked
with ``--no-deps`` into a folder of its own, and ``blogideas models list --json`` runs from
there (its dependencies come from this venv, the project's own source tree is not on the path).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from blogideas_gui.core.models.catalog import load_catalog
from blogideas_gui.core.models.speed import Probe, SpeedBook, save_book

ROOT = Path(__file__).parents[3]


@pytest.mark.slow
def test_a_venv_with_only_the_built_wheel_lists_the_catalog(tmp_path: Path) -> None:
    source = tmp_path / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "blogideas_gui", source / "blogideas_gui", ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(wheels)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    (wheel,) = wheels.glob("blogideas_gui-*.whl")
    assert "blogideas_gui/core/models/catalog.toml" in zipfile.ZipFile(wheel).namelist()
    installed = tmp_path / "installed"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(installed),
         str(wheel)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    save_book(SpeedBook(Probe(120.0, 140.0, 450.0, 98_362_432, 2, 1.8e9)))  # no probe needed
    script = (
        "import sys, blogideas_gui; from blogideas_gui.cli.main import run;"
        " print(blogideas_gui.__file__, file=sys.stderr); sys.exit(run(['models', 'list', '--json']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(installed)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(str(installed))  # the wheel's copy ran, not the source tree
    rows = json.loads(result.stdout)["models"]
    assert [row["id"] for row in rows] == [entry.id for entry in load_catalog()]
