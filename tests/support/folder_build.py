"""A BlogIdeas folder laid out as ``packaging/build.sh`` lays out the frozen one.

From the real packaging files: the executable's place, ``share/blogideas.desktop``
and ``share/icons/``. The frozen app itself takes minutes to build
(``tests/test_packaging.py`` does); the menu entry needs only its layout.
"""

from __future__ import annotations

import shutil
from pathlib import Path

PACKAGING = Path(__file__).parents[2] / "packaging"


def unpacked_folder(parent: Path) -> Path:
    """The folder as the archive unpacks it, under a folder whose name has a space."""
    folder = parent / "Downloads" / "Blog Ideas" / "BlogIdeas"
    icons = folder / "share" / "icons"
    icons.mkdir(parents=True)
    shutil.copy(PACKAGING / "launcher.py", folder / "BlogIdeas")
    shutil.copy(PACKAGING / "blogideas.desktop", folder / "share")
    for icon in [*PACKAGING.glob("icons/blogideas-*.png"), PACKAGING / "icons" / "blogideas.svg"]:
        shutil.copy(icon, icons)
    return folder
