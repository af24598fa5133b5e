"""``blogideas --self-test``: prove an install works, the way a user would use it.

A packaged build can look fine and still fail on the user's machine: a Qt
plugin left out, llama.cpp's library missing, the starter model not shipped.
The self-test opens the real main window (offscreen, so it runs on a build
machine with no display), asks it for a short answer through its own
Generate path and prints one line: ``self-test ok: …`` and exit 0, or the one
plain reason it failed and a non-zero exit. CI runs it on the frozen app with
Python's own folders hidden, so "works on the build machine" means "works".

Exit codes: 0 ok, 2 bad self-test arguments, 3 no model or generation failed,
4 the Qt platform plugin is missing, 5 no answer in time.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from blogideas_gui.ui.window.main_window import MainWindow

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_FAILED = 3
EXIT_NO_PLATFORM = 4
EXIT_TIMEOUT = 5

TIMEOUT_SECONDS = 120.0
TOPIC = "home coffee brewing"
_POLL_MS = 20


@dataclass(frozen=True)
class SelfTestArgs:
    """What the self-test was asked to do."""

    model: str | None = None
    timeout: float = TIMEOUT_SECONDS
    timing: bool = False


def parse_args(args: Sequence[str]) -> SelfTestArgs | str:
    """The options after ``--self-test``, or a one-line complaint.

    Parsed by hand, not with argparse: argparse prints usage blocks and exits
    by itself, and the self-test promises exactly one line.
    """
    model: str | None = None
    timeout = TIMEOUT_SECONDS
    timing = False
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        name, eq, value = arg.partition("=")
        if name in ("--model", "--timeout") and not eq:
            if not rest:
                return f"{name} needs a value"
            value = rest.pop(0)
        if name == "--model":
            model = value
        elif name == "--timeout":
            try:
                timeout = float(value)
            except ValueError:
                return f"--timeout needs a number of seconds, not “{value}”"
        elif arg == "--timing":
            timing = True
        else:
            return f"unknown self-test option “{arg}” (use --model PATH, --timeout S, --timing)"
    return SelfTestArgs(model=model, timeout=timeout, timing=timing)


def seconds_since_launch() -> float | None:
    """Seconds since this process started, as the OS saw it; ``None`` off Linux.

    Measured from the kernel's process start time, not from when Python began,
    so a frozen app's bootloader and unpacking count too: that is the wait a
    user sees after a double-click. Not ``psutil.Process().create_time()``:
    it adds the boot time in whole seconds (``btime`` of ``/proc/stat``), so
    it can be up to a second off, and this measures a wait of a second or two.
    """
    try:
        stat = Path("/proc/self/stat").read_text(encoding="ascii")
        uptime = float(Path("/proc/uptime").read_text(encoding="ascii").split()[0])
    except (OSError, ValueError, IndexError):
        return None
    # Field 22 (starttime), counted after the ")" that ends the command name.
    fields = stat.rpartition(")")[2].split()
    try:
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (IndexError, ValueError, OSError):
        return None
    return max(0.0, uptime - started)


def missing_platform_plugin(platform: str) -> str | None:
    """The plain reason Qt cannot start on ``platform``, or ``None`` if it can.

    Without its platform plugin Qt aborts the whole process with a
    multi-line message, so this looks for the plugin file first. Only a
    definite "not there" counts: if no plugin folder is known at all, Qt is
    left to decide.
    """
    from PySide6.QtCore import QCoreApplication, QLibraryInfo

    folders = [Path(p) / "platforms" for p in QCoreApplication.libraryPaths()]
    folders.append(Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms")
    extra = os.environ.get("QT_QPA_PLATFORM_PLUGIN_PATH")
    if extra:
        folders.extend(Path(p) for p in extra.split(os.pathsep) if p)
    existing = [folder for folder in folders if folder.is_dir()]
    if not existing:
        return None
    wanted = f"q{platform}".lower()
    for folder in existing:
        for file in folder.iterdir():
            stem = file.name.lower().split(".")[0]
            if stem in (wanted, f"lib{wanted}"):
                return None
    return f"Qt's “{platform}” platform plugin is missing (looked in {existing[0]})"


def missing_translation() -> str | None:
    """What keeps the Korean interface from loading, or ``None`` if nothing does.

    The self-test's window is English (the starter model's language), so
    this checks the files the Korean one needs: ours and Qt's own.
    """
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from blogideas_gui.core.common.i18n import catalogue, catalogue_file

    try:
        catalogue("ko")
    except (OSError, SyntaxError):  # ElementTree's ParseError is a SyntaxError
        return f"the Korean interface catalogue is missing or damaged ({catalogue_file('ko')})"
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not QTranslator().load("qtbase_ko", qt_dir):
        return f"Qt's Korean translation is missing (qtbase_ko.qm in {qt_dir})"
    return None


def _log_qt_message(mode: object, context: object, message: str) -> None:
    """Qt's warnings, into the log file instead of the terminal."""
    log.info("Qt (%s): %s", mode, message)


def _say(line: str, *, error: bool = False) -> None:
    """Print one line; a windowed build may have no console at all."""
    stream = sys.stderr if error else sys.stdout
    if stream is not None:
        print(line, file=stream, flush=True)


def run_self_test(argv: Sequence[str]) -> int:
    """Open the window offscreen, generate a short answer, print one line."""
    parsed = parse_args(argv)
    if isinstance(parsed, str):
        _say(f"self-test failed: {parsed}", error=True)
        return EXIT_USAGE
    # Before any QGuiApplication exists: Qt reads it once, at start-up.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    platform = os.environ["QT_QPA_PLATFORM"].split(":")[0] or "offscreen"
    try:
        reason = missing_platform_plugin(platform)
        if reason is not None:
            _say(f"self-test failed: {reason}", error=True)
            return EXIT_NO_PLATFORM
        return _run_window(parsed)
    except ImportError as error:
        # A packaged build that left a module out: name it, in one line.
        log.exception("self-test: import failed")
        _say(f"self-test failed: part of the app is missing ({error})", error=True)
        return EXIT_FAILED
    except Exception as error:
        log.exception("self-test: unexpected error")
        _say(f"self-test failed: unexpected {type(error).__name__}: {error}", error=True)
        return EXIT_FAILED


def _run_window(args: SelfTestArgs) -> int:
    """The part that needs Qt's application object and the real window."""
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from blogideas_gui.core.backends.base import Backend, GenerationOptions
    from blogideas_gui.core.history.store import HistoryStore
    from blogideas_gui.core.pipeline.factory import create_backend
    from blogideas_gui.ui.window.main_window import MainWindow

    # Qt's own chatter ("This plugin does not support propagateSizeHints()")
    # goes to the log file: the self-test's output is its one line.
    qInstallMessageHandler(_log_qt_message)
    app = QApplication.instance() or QApplication(["blogideas"])
    app.setApplicationName("BlogIdeas")

    def factory(name: str, model: str | None, base_url: str | None) -> Backend:
        """The real backends; ``--model`` replaces the starter model."""
        if name == "local" and args.model is not None:
            model = args.model
        return create_backend(name, model=model, base_url=base_url)

    reason = missing_translation()
    if reason is not None:
        _say(f"self-test failed: {reason}", error=True)
        return EXIT_FAILED
    # A throw-away history: a check of the install is not one of the user's requests.
    scratch = tempfile.TemporaryDirectory(prefix="blogideas-self-test-")
    store = HistoryStore(Path(scratch.name) / "history.sqlite3")
    window = MainWindow(
        backend_factory=factory,
        language="en",  # The starter model writes English best.
        options=GenerationOptions(max_tokens=16, seed=1),
        store=store,
    )
    window.show()
    app.processEvents()
    shown_after = seconds_since_launch()
    try:
        window.form.topic.setPlainText(TOPIC)
        window.start_generation()
        finished = _wait_until_idle(window, args.timeout)
        result = window.session.last_result
        problem = window.form.message.text().strip()
        if not finished:
            window.stop_generation()
            _wait_until_idle(window, 5.0)
            _say(f"self-test failed: no answer within {args.timeout:g} s", error=True)
            return EXIT_TIMEOUT
        if problem or result is None or result.usage.completion_tokens < 1:
            _say(f"self-test failed: {problem or 'the model gave no answer'}", error=True)
            return EXIT_FAILED
        _say(
            f"self-test ok: {result.usage.completion_tokens} tokens in "
            f"{result.seconds:.2f} s with {result.model}"
        )
        if args.timing:
            shown = "unknown" if shown_after is None else f"{shown_after:.2f} s"
            _say(f"window shown after launch: {shown}")
        return EXIT_OK
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
        store.close()
        scratch.cleanup()


def _wait_until_idle(window: MainWindow, timeout: float) -> bool:
    """Run the event loop until the window's request ended; ``False`` on time-out.

    The worker reports through queued signals, so the loop must run for the
    window to hear it; polling the window's own state keeps this module off
    the window's private signals.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.monotonic() + timeout
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(_POLL_MS)

    def check() -> None:
        if not window.is_generating or time.monotonic() > deadline:
            loop.quit()

    poll.timeout.connect(check)
    poll.start()
    if window.is_generating:
        loop.exec()
    poll.stop()
    return not window.is_generating
