"""Render packaging/icons/blogideas.svg to the PNG sizes desktops ask for.

Run by hand when the SVG changes (the PNGs are committed, so a build never
needs QtSvg, which the app itself leaves out):

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py

Also writes blogideas.ico (Windows executable) and blogideas.icns (macOS
bundle) through Qt's image-format plugins.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent / "icons"
SIZES = (16, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """The icon at ``size`` pixels square, antialiased on a transparent ground."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    """Write every PNG size, then the .ico and .icns."""
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "blogideas.svg"))
    if not renderer.isValid():
        print("blogideas.svg is not a valid SVG", file=sys.stderr)
        return 1
    for size in SIZES:
        if not render(renderer, size).save(str(ICONS / f"blogideas-{size}.png")):
            print(f"could not write the {size} px PNG", file=sys.stderr)
            return 1
    for fmt, size in (("ico", 256), ("icns", 512)):
        writer = QImageWriter(str(ICONS / f"blogideas.{fmt}"), fmt.encode())
        if not writer.write(render(renderer, size)):
            print(f"could not write blogideas.{fmt}: {writer.errorString()}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
