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
    files = [*(PACKAGE / "core").rglob("*.py"), *(PACKAGE / "cli").rglob("*.py")]
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
        ("blogideas_gui.ui.window.main_window", ("llama_cpp", "openai", "huggingface_hub")),
        ("blogideas_gui.cli.main", ("llama_cpp", "openai")),
    ],
)
def test_start_up_loads_no_engine(module: str, engines: tuple[str, ...]) -> None:
    """The window must appear before llama.cpp or openai are read from disk."""
    code = f"import sys, {module}; print(sorted(m for m in {engines!r} if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Every import between the package's modules, wherever it is written.

    Imports inside functions and under ``TYPE_CHECKING`` count too: a cycle
    hidden by a late import is still a cycle in the design.
    """
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    submodule = f"{node.module}.{alias.name}"
                    targets.add(submodule if submodule in modules else node.module)
        graph[name] = {t for t in targets if t in modules and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component: list[str] = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    """The finder itself works: a small graph with one loop and one tail."""
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_no_import_cycles_not_even_inside_functions() -> None:
    graph = import_graph()
    assert len(graph) > 50
    assert cycles(graph) == []
