"""A real, small filesystem that can be filled to the last byte (tests only).

A 1 MiB tmpfs mounted for the test: writes there fail with ENOSPC exactly as
on a user's full disk, through the kernel, for SQLite, logging and Python
alike. Mounting needs root (CI runs as root); elsewhere the test is skipped
with the reason.
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

SIZE = "1m"


@contextlib.contextmanager
def small_disk(folder: Path) -> Iterator[Path]:
    """``folder`` as the mount point of a fresh 1 MiB tmpfs, unmounted afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={SIZE}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.strip() or 'not root'}")
    try:
        yield folder
    finally:
        if subprocess.run(["umount", str(folder)], capture_output=True, check=False).returncode:
            # Still busy (a file left open by the code under test): detach it.
            subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def fill(folder: Path) -> Path:
    """Fill the filesystem holding ``folder`` until it refuses another byte."""
    ballast = folder / "ballast"
    descriptor = os.open(ballast, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        while True:
            os.write(descriptor, b"\0" * 512)
    except OSError as error:
        if error.errno != errno.ENOSPC:
            raise
    finally:
        os.close(descriptor)
    return ballast


def free(ballast: Path) -> None:
    """Give the space back."""
    ballast.unlink()
