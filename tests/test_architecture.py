"""The layering rules, checked on the running code as well as by import-linter."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "blogideas_gui"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_and_cli_never_import_qt() -> None:
    files = [*(PACKAGE / "core").rglob("*.py"), PACKAGE / "cli.py"]
    offenders = {
        str(path): sorted(
            m for m in imported_modules(path) if m.split(".")[0] in {"PySide6", "shiboken6"}
        )
        for path in files
    }
    assert {path: mods for path, mods in offenders.items() if mods} == {}


def test_only_backends_import_the_engines() -> None:
    offenders = {
        str(path)
        for path in PACKAGE.rglob("*.py")
        if "backends" not in path.parts
        and {m.split(".")[0] for m in imported_modules(path)} & {"llama_cpp", "openai"}
    }
    assert offenders == set()


@pytest.mark.parametrize(
    ("module", "engines"),
    [
        ("blogideas_gui.ui.main_window", ("llama_cpp", "openai", "huggingface_hub")),
        ("blogideas_gui.cli", ("llama_cpp", "openai")),
    ],
)
def test_start_up_loads_no_engine(module: str, engines: tuple[str, ...]) -> None:
    """The window must appear before llama.cpp or openai are read from disk."""
    code = f"import sys, {module}; print(sorted(m for m in {engines!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
