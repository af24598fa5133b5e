"""Which of Qt's plugins, translations and libraries the app keeps.

PyInstaller's PySide6 hooks collect every plugin QtGui and QtWidgets could
ever use (Wayland, EGL, GTK themes, PDF and SVG image formats, touch input,
virtual keyboard...), and each plugin drags its own libraries in: the GTK
theme plugin alone brings GTK's whole stack (cairo, pango, gdk-pixbuf...).
BlogIdeas draws plain widgets, so the hooks in this folder collect only what
those need. Filtering here, before PyInstaller follows each plugin's linked
libraries, is what keeps those libraries out too.

Loaded with ``runpy`` by the hooks beside it and by ``blogideas.spec`` (hook
files are not importable modules).
"""

from __future__ import annotations

import os

# Plugin folders and the plugins kept in each (Linux/Windows/macOS names).
KEEP_PLUGINS: dict[str, tuple[str, ...]] = {
    # offscreen: --self-test and CI; xcb: X11 and XWayland (a Wayland desktop
    # runs it through XWayland); minimal: a headless fallback;
    # windows/cocoa: the other two systems.
    "platforms": ("qoffscreen", "qxcb", "qminimal.", "qwindows", "qcocoa", "qdirect2d"),
    "imageformats": ("qico", "qjpeg", "qgif"),
    # Typing Korean on Linux goes through an input method (IBus); compose keys too.
    "platforminputcontexts": ("ibus", "compose"),
    "xcbglintegrations": ("",),
    "styles": ("",),  # native widget styles on Windows 11 and macOS
}
# Qt's own strings (buttons of standard dialogs, context menus) in the UI languages.
KEEP_TRANSLATIONS = ("qtbase_ko.qm", "qtbase_en.qm")
# Qt libraries only the dropped plugins or modules would need.
DROP_LIBRARIES = (
    "Qt6Quick", "Qt6Qml", "Qt6Pdf", "Qt6Wayland", "Qt6Svg", "Qt6Network", "Qt6OpenGL.",
    "Qt6Sql", "Qt6VirtualKeyboard", "Qt6Designer", "Qt6WlShell",
)  # fmt: skip


def wanted(dest: str) -> bool:
    """Whether a collected file (its path inside the bundle) belongs in the app."""
    path = dest.replace("\\", "/")
    name = path.rsplit("/", 1)[-1]
    in_qt = path.startswith("PySide6/")  # not our own blogideas_gui/translations
    if in_qt and "/plugins/" in path:
        folder = path.split("/plugins/", 1)[1].split("/", 1)[0]
        keep = KEEP_PLUGINS.get(folder)
        return keep is not None and any(k in name.lower() for k in keep)
    if in_qt and "/translations/" in path:
        return name in KEEP_TRANSLATIONS
    return not any(lib in name for lib in DROP_LIBRARIES)


def filtered(entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A hook's ``(source, destination folder)`` pairs, without what is not wanted."""
    return [(src, dest) for src, dest in entries if wanted(f"{dest}/{os.path.basename(src)}")]


def qt_dependencies(
    hook_file: str,
) -> tuple[list[str], list[tuple[str, str]], list[tuple[str, str]]]:
    """PyInstaller's own Qt hook result for ``hook_file``'s module, filtered."""
    from PyInstaller.utils.hooks.qt import (  # type: ignore[import-untyped]
        add_qt6_dependencies,
    )

    hiddenimports, binaries, datas = add_qt6_dependencies(hook_file)
    return list(hiddenimports), filtered(binaries), filtered(datas)
