"""Plain-Python heart of BlogIdeas: no Qt import anywhere below here.

The GUI (``blogideas_gui.ui``) and the command line (``blogideas_gui.cli.main``) both
drive this package; an import-linter contract in ``pyproject.toml`` keeps it
Qt-free.
"""
