"""Foundations every other core package may use: paths, languages, errors, files, cancelling, logs."""
