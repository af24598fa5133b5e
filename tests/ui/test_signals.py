"""No untyped signals in the window: a ``Signal(object)`` makes its receiver sort what it got.

Each kind of event has a signal typed with what it carries (a function
worker's ``returned = Signal(SpeedBook)``, a download's
``progress = Signal(DownloadProgress)``), so no slot takes ``object`` and asks
``isinstance``. Read from the source, so a new one fails here before review.
"""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).parent.parent.parent / "blogideas_gui" / "ui"
_UNTYPED = {"object", "PyObject", "QVariant"}


def untyped_signals(source: str) -> list[int]:
    """The lines of ``source`` where a ``Signal`` or ``Slot`` takes ``object``."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in ("Signal", "Slot"):
            continue
        for argument in ast.walk(ast.Tuple(elts=list(node.args), ctx=ast.Load())):
            if (isinstance(argument, ast.Name) and argument.id in _UNTYPED) or (
                isinstance(argument, ast.Constant) and argument.value in _UNTYPED
            ):
                lines.append(node.lineno)
                break
    return lines


def test_the_scan_finds_every_spelling_of_an_untyped_signal() -> None:
    source = """
from PySide6 import QtCore
from PySide6.QtCore import Signal, Slot
class Box(QObject):
    a = Signal(object)
    b = Signal(int, object)
    c = QtCore.Signal("QVariant")
    d = Signal(str)
    e = Signal(list[object])
    @Slot(object)
    def f(self, x): ...
    @Slot(str)
    def g(self, x): ...
"""
    assert untyped_signals(source) == [5, 6, 7, 9, 10]


def test_no_signal_or_slot_in_the_window_takes_object() -> None:
    found = [
        f"{path.relative_to(UI.parent).as_posix()}:{line}"
        for path in sorted(UI.rglob("*.py"))
        for line in untyped_signals(path.read_text(encoding="utf-8"))
    ]
    assert found == []
