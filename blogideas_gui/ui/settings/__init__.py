"""The settings and presets dialogs."""
