"""Add the Linux folder build to the user's applications menu, without a terminal.

The downloaded folder runs from wherever it was unpacked, so no installer put
it in the menu. It carries its menu entry and icons (``share/``, laid out by
``packaging/build.sh``); this writes them where the freedesktop.org menu looks
for the current user: ``$XDG_DATA_HOME/applications`` and the ``hicolor`` icon
theme, ``~/.local/share`` when ``XDG_DATA_HOME`` is not set. No root, and
nothing outside the user's own folders.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path

from blogideas_gui.core.common.files import atomic_write, write_problem

log = logging.getLogger(__name__)

ENTRY_NAME = "blogideas.desktop"
EXECUTABLE = "BlogIdeas"
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)


def folder_build() -> Path | None:
    """The unpacked folder this app runs from, when it is the Linux folder build with its entry."""
    if not sys.platform.startswith("linux") or not getattr(sys, "frozen", False):
        return None
    folder = Path(sys.executable).resolve().parent
    return folder if (folder / "share" / ENTRY_NAME).is_file() else None


def data_home() -> Path:
    """The user's data folder of the freedesktop.org specifications."""
    configured = os.environ.get("XDG_DATA_HOME", "")
    # The specification says a relative path is invalid and must be ignored.
    return Path(configured) if os.path.isabs(configured) else Path.home() / ".local" / "share"


def menu_entry_path() -> Path:
    """Where the user's menu entry for BlogIdeas goes."""
    return data_home() / "applications" / ENTRY_NAME


def entry_text(folder: Path) -> str:
    """The folder's own entry, starting the executable by its full path (quoted for spaces)."""
    lines = (folder / "share" / ENTRY_NAME).read_text(encoding="utf-8").splitlines()
    command = exec_argument(folder / EXECUTABLE)
    lines = [f"Exec={command}" if line.startswith("Exec=") else line for line in lines]
    return "\n".join(lines) + "\n"


def exec_argument(path: Path) -> str:
    """``path`` as one argument of a desktop entry's ``Exec`` key.

    The specification's rules, in its order: quoted, with ``"`` ``\\`` `` ` ``
    ``$`` escaped by a backslash; then every backslash doubled again (the
    string rule); ``%`` doubled, since ``%f`` and friends are field codes.
    """
    quoted = re.sub(r'([\\"`$])', r"\\\1", str(path))
    return '"' + quoted.replace("\\", "\\\\").replace("%", "%%") + '"'


def install_menu_entry(folder: Path) -> Path:
    """Put the folder build's entry and icons in the user's menu; the entry's path.

    Raises:
        BlogIdeasError: DISK_FULL or FOLDER_NOT_WRITABLE when a file cannot be written.
    """
    icons = folder / "share" / "icons"
    themes = data_home() / "icons" / "hicolor"
    copies = [
        (icons / f"blogideas-{size}.png", themes / f"{size}x{size}" / "apps" / "blogideas.png")
        for size in ICON_SIZES
    ]
    copies.append((icons / "blogideas.svg", themes / "scalable" / "apps" / "blogideas.svg"))
    entry = menu_entry_path()
    try:
        for source, target in copies:
            if source.is_file():
                atomic_write(target, source.read_bytes(), 0o644)
        # Last: the entry appears in the menu only once its icons are there.
        atomic_write(entry, entry_text(folder).encode("utf-8"), 0o644)
    except OSError as error:
        raise write_problem(entry.parent, error) from error
    log.info("menu entry written to %s", entry)
    return entry
