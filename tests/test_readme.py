"""The README's two commands are the ones CI runs, and the scripts they name exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def two_commands() -> list[str]:
    """The shell commands in the README's first section ("The two commands")."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.MULTILINE)
    assert sections[1].startswith("The two commands"), "the first section must be the two commands"
    blocks = re.findall(r"```(?:bash|sh)\n(.*?)```", sections[1], flags=re.DOTALL)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def ci_commands() -> list[str]:
    """The commands .ci/run executes, after its set-up lines."""
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    return [
        line.strip() for line in lines if line.strip() and not line.startswith(("#", "set ", "cd "))
    ]


def test_the_readme_names_two_commands() -> None:
    commands = two_commands()
    assert len(commands) == 2
    assert "run-app" in commands[0] and "run-tests" in commands[1]


def test_ci_runs_the_readmes_test_command_and_nothing_else() -> None:
    assert ci_commands() == [two_commands()[1]]


def test_every_script_the_commands_name_exists() -> None:
    for command in two_commands():
        for script in re.findall(r"scripts/[\w.-]+", command):
            assert (ROOT / script).is_file(), script
