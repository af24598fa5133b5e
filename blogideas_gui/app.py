"""Entry point: the window by default, the command line when a command is given."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Start BlogIdeas: ``blogideas`` opens the window, ``blogideas generate …`` the CLI.

    ``blogideas --self-test [--model PATH]`` checks an install (a packaged
    build above all) by generating a short answer in the real window, offscreen.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    from blogideas_gui.core.common.logs import setup_logging

    setup_logging()
    if args[:1] == ["--self-test"]:
        from blogideas_gui.ui.self_test import run_self_test

        return run_self_test(args[1:])
    if (args and not args[0].startswith("-")) or any(a in ("-h", "--help") for a in args[:1]):
        from blogideas_gui.cli import main as cli

        return cli.run(args)
    from blogideas_gui.ui.application import run_gui

    return run_gui(args)
