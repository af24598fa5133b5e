"""The main window and the panels inside it."""
