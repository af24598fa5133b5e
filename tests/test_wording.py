"""No issue numbers where a user or a reader of the code looks.

The word and a number say something only to whoever has the tracker open;
the text says what was meant instead (the speed targets, the shape rows). This covers the
package, the benchmarks (their help text and opening comments), the scripts,
the packaging, the tests and the README.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
PLACES = ("blogideas_gui", "benchmarks", "scripts", "packaging", "tests")
ISSUE_NUMBER = re.compile(r"\bissues?\s*(?:no\.?\s*|#\s*)?\d", re.IGNORECASE)
TEXT = {".py", ".md", ".sh", ".ts", ".toml", ".json", ".desktop", ".spec", ".txt", ".cfg"}


def test_no_issue_numbers_in_the_files() -> None:
    files = [ROOT / "README.md"]
    for place in PLACES:
        files += [p for p in (ROOT / place).rglob("*") if p.suffix in TEXT and p.is_file()]
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()[:80]}"
        for path in files
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if ISSUE_NUMBER.search(line)
    ]
    assert found == []


def test_no_issue_numbers_in_the_benchmarks_help() -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert "--no-shape" in shown
    assert not ISSUE_NUMBER.search(shown)
