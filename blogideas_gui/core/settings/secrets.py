"""The OpenAI key: kept in the OS keychain, found in one place, never logged.

The people this app is for gave up on environment variables and ended up
pasting the key into code. So the key is pasted once into the app and stored
in the system keychain through ``keyring`` (service "BlogIdeas", user
"openai"). Where no keychain exists (a bare Linux desktop, a container) it
goes to a file only the user can read (mode 600) and the caller gets a notice
saying so, as vorta does with its stored fallback.

:func:`resolve_key` is the one lookup, after simonw/llm: an explicit key,
then the stored one, then ``OPENAI_API_KEY``. :class:`KeyRedactingFilter`
keeps anything that looks like a key out of log files.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.files import atomic_write
from blogideas_gui.core.common.paths import config_dir
from blogideas_gui.core.common.redaction import remember_secret

log = logging.getLogger(__name__)

SERVICE = "BlogIdeas"
USERNAME = "openai"
KEY_ENV_VAR = "OPENAI_API_KEY"
FALLBACK_FILE = "openai-key"

KeySource = Literal["argument", "keychain", "file", "environment"]


@dataclass(frozen=True)
class StoredKey:
    """Where :meth:`KeyStore.save` put the key; ``notice`` when it is not a keychain."""

    where: Literal["keychain", "file"]
    notice: BlogIdeasError | None = None


@dataclass(frozen=True)
class ResolvedKey:
    """A key and where it came from; the value never shows in a repr."""

    value: str = field(repr=False)
    source: KeySource


def usable_keychain(backend: Any) -> bool:
    """Whether ``backend`` is a real keychain, not keyring's fail, null or plain-text store."""
    from keyring.backends import chainer, fail

    if isinstance(backend, chainer.ChainerBackend):
        return any(usable_keychain(inner) for inner in backend.backends)
    if isinstance(backend, fail.Keyring):
        return False
    module = type(backend).__module__
    if module.startswith("keyring.backends.null") or module.startswith("keyrings.alt.file"):
        return False
    try:
        return float(backend.priority) > 0
    except Exception:  # noqa: BLE001 - a backend failing its own probe is not usable
        return False


class KeyStore:
    """The stored OpenAI key: the keychain when there is one, else a mode-600 file.

    Args:
        backend: a ``keyring`` backend; ``None`` means ``keyring.get_keyring()``,
            asked only when first needed (it can be slow to discover).
        fallback_path: the file used without a keychain.
    """

    def __init__(self, backend: Any = None, fallback_path: Path | None = None) -> None:
        self._backend = backend
        self.fallback_path = fallback_path or config_dir() / FALLBACK_FILE

    def _keychain(self) -> Any | None:
        """The keychain backend, or None when there is no usable one."""
        if self._backend is None:
            try:
                import keyring

                self._backend = keyring.get_keyring()
            except Exception as error:  # noqa: BLE001 - any failure means "no keychain"
                log.warning("keychain: unavailable (%s)", type(error).__name__)
                return None
        return self._backend if usable_keychain(self._backend) else None

    def has_keychain(self) -> bool:
        """Whether a real keychain is available (the guide says where keys go)."""
        return self._keychain() is not None

    def save(self, key: str) -> StoredKey:
        """Store ``key``: the keychain if it takes it, else the private file."""
        key = _clean(key)
        remember_secret(key)
        keychain = self._keychain()
        if keychain is not None:
            try:
                keychain.set_password(SERVICE, USERNAME, key)
            except Exception as error:  # noqa: BLE001 - locked, no D-Bus, denied...
                log.warning("keychain: cannot store the key (%s)", type(error).__name__)
            else:
                self._remove_file()  # no clear-text copy once the keychain has it
                return StoredKey("keychain")
        try:
            atomic_write(self.fallback_path, key.encode("utf-8"), mode=0o600)
        except OSError as error:
            raise BlogIdeasError(ErrorKind.DISK_FULL, str(self.fallback_path.parent)) from error
        return StoredKey(
            "file", BlogIdeasError(ErrorKind.KEY_NOT_IN_KEYCHAIN, str(self.fallback_path))
        )

    def load(self) -> ResolvedKey | None:
        """The stored key (keychain first, then the file), or None."""
        keychain = self._keychain()
        if keychain is not None:
            try:
                value = keychain.get_password(SERVICE, USERNAME)
            except Exception as error:  # noqa: BLE001
                log.warning("keychain: cannot read the key (%s)", type(error).__name__)
                value = None
            if value:
                remember_secret(value)
                return ResolvedKey(value, "keychain")
        try:
            value = self.fallback_path.read_text("utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return None
        if not value:
            return None
        remember_secret(value)
        return ResolvedKey(value, "file")

    def delete(self) -> None:
        """Forget the stored key everywhere it may be."""
        keychain = self._keychain()
        if keychain is not None:
            with contextlib.suppress(Exception):  # not there is fine
                keychain.delete_password(SERVICE, USERNAME)
        self._remove_file()

    def _remove_file(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.fallback_path.unlink()


def _clean(key: str) -> str:
    """A pasted key without surrounding spaces or line breaks; empty is a usage error."""
    key = key.strip()
    if not key or any(character.isspace() for character in key):
        raise BlogIdeasError(ErrorKind.BAD_OPTION, "The API key is empty or has spaces inside.")
    return key


def resolve_key(
    explicit: str | None = None,
    *,
    store: KeyStore | None = None,
    environ: Mapping[str, str] | None = None,
    include_stored: bool = True,
) -> ResolvedKey | None:
    """The key to use: ``explicit``, else the stored key, else ``OPENAI_API_KEY``, else None.

    The stored key wins over the environment because it is the one the user
    pasted into the app on purpose; the variable is for those who set one.
    ``include_stored=False`` skips the stored key: it is OpenAI's, and must not
    be sent to another server.
    """
    if explicit and explicit.strip():
        remember_secret(explicit.strip())
        return ResolvedKey(explicit.strip(), "argument")
    if include_stored:
        stored = (store or KeyStore()).load()
        if stored is not None:
            return stored
    value = (os.environ if environ is None else environ).get(KEY_ENV_VAR, "").strip()
    if value:
        remember_secret(value)
        return ResolvedKey(value, "environment")
    return None
