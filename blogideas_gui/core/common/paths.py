"""Where BlogIdeas keeps the user's data.

The platform's user folders by default (platformdirs); ``BLOGIDEAS_HOME``
moves everything into one folder, for tests and portable installs.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "BlogIdeas"
HOME_ENV_VAR = "BLOGIDEAS_HOME"


def _folder(kind: str) -> Path:
    """The folder for ``kind`` (config, data, logs, models), created on demand."""
    home = os.environ.get(HOME_ENV_VAR)
    if home:
        path = Path(home).expanduser() / kind
    elif kind == "config":
        path = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    elif kind == "logs":
        path = Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
    else:
        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / kind
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    """Settings."""
    return _folder("config")


def data_dir() -> Path:
    """History and other data the user would miss."""
    return _folder("data")


def log_dir() -> Path:
    """Log files: the technical details that plain messages leave out."""
    return _folder("logs")


def models_dir() -> Path:
    """Downloaded and imported models."""
    return _folder("models")
