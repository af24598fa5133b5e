"""API keys: kept in the OS keychain, found in one place, sent only where they belong.

The people this app is for gave up on environment variables and ended up
pasting the key into code. So the key is pasted once into the app and stored
in the system keychain through ``keyring`` (service "BlogIdeas", user
"openai"). Where no keychain exists (a bare Linux desktop, a container) it
goes to a file only the user can read (mode 600) and the caller gets a notice
saying so, as vorta does with its stored fallback.

:func:`resolve_key` is the one lookup, after simonw/llm, and it decides by
the address the request goes to:

* OpenAI's own API (``https://api.openai.com``, the exact host) gets the
  OpenAI key: given, stored, or ``OPENAI_API_KEY``;
* any other server gets the key saved for that server (:meth:`KeyStore.for_address`),
  or none: the OpenAI key never leaves for a look-alike such as
  ``evilopenai.com`` or ``api.openai.com.example``;
* no key travels over plain ``http://`` except to this computer (loopback);
* an address holding a key or a password (``http://user:sk-…@host``) is
  refused before it is used, printed or stored (:func:`checked_address`).

:class:`~blogideas_gui.core.common.redaction.KeyRedactingFilter` keeps
anything that looks like a key out of log files.
"""

from __future__ import annotations

import contextlib
import hashlib
import ipaddress
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.files import atomic_write, write_problem
from blogideas_gui.core.common.i18n import QT_TRANSLATE_NOOP
from blogideas_gui.core.common.paths import config_dir
from blogideas_gui.core.common.redaction import redact, remember_secret

log = logging.getLogger(__name__)

SERVICE = "BlogIdeas"
USERNAME = "openai"
KEY_ENV_VAR = "OPENAI_API_KEY"
FALLBACK_FILE = "openai-key"
OPENAI_API_URL = "https://api.openai.com/v1"
OPENAI_HOST = "api.openai.com"

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
    """A stored key: the keychain when there is one, else a mode-600 file.

    One store holds one key: OpenAI's (the default), or one server's
    (:meth:`for_address`), so that each server only ever gets its own.

    Args:
        backend: a ``keyring`` backend; ``None`` means ``keyring.get_keyring()``,
            asked only when first needed (it can be slow to discover).
        fallback_path: the file used without a keychain.
        server: the server's origin (``scheme://host:port``); None for OpenAI.
    """

    def __init__(
        self, backend: Any = None, fallback_path: Path | None = None, *, server: str | None = None
    ) -> None:
        self._backend = backend
        self.fallback_path = fallback_path or config_dir() / FALLBACK_FILE
        self.server = server
        self._username = USERNAME if server is None else f"server {server}"

    def for_address(self, address: str) -> KeyStore:
        """The store of the key that may go to ``address``: OpenAI's, or that server's own.

        Raises:
            BlogIdeasError: ``KEY_IN_ADDRESS`` for an address holding a key.
        """
        if is_openai_address(checked_address(address)):
            if self.server is None:
                return self
            return KeyStore(self._backend, self.fallback_path.with_name(FALLBACK_FILE))
        origin = server_origin(address)
        if origin == self.server:
            return self
        digest = hashlib.sha256(origin.encode("utf-8")).hexdigest()[:16]
        path = self.fallback_path.with_name(f"server-key-{digest}")
        return KeyStore(self._backend, path, server=origin)

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

    def save(self, key: str) -> StoredKey:
        """Store ``key``: the keychain if it takes it, else the private file."""
        key = _clean(key)
        remember_secret(key)
        keychain = self._keychain()
        if keychain is not None:
            try:
                keychain.set_password(SERVICE, self._username, key)
            except Exception as error:  # noqa: BLE001 - locked, no D-Bus, denied...
                log.warning("keychain: cannot store the key (%s)", type(error).__name__)
            else:
                self._remove_file()  # no clear-text copy once the keychain has it
                return StoredKey("keychain")
        try:
            atomic_write(self.fallback_path, key.encode("utf-8"), mode=0o600)
        except OSError as error:
            raise write_problem(self.fallback_path.parent, error) from error
        return StoredKey(
            "file", BlogIdeasError(ErrorKind.KEY_NOT_IN_KEYCHAIN, str(self.fallback_path))
        )

    def load(self) -> ResolvedKey | None:
        """The stored key (keychain first, then the file), or None."""
        keychain = self._keychain()
        if keychain is not None:
            try:
                value = keychain.get_password(SERVICE, self._username)
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
                keychain.delete_password(SERVICE, self._username)
        self._remove_file()

    def _remove_file(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.fallback_path.unlink()


def _clean(key: str) -> str:
    """A pasted key without surrounding spaces or line breaks; empty is a usage error."""
    key = key.strip()
    if not key or any(character.isspace() for character in key):
        raise BlogIdeasError(
            ErrorKind.BAD_OPTION,
            QT_TRANSLATE_NOOP("Errors", "The API key is empty or has spaces inside."),
        )
    return key


def server_origin(address: str) -> str:
    """``scheme://host:port`` of ``address``, lower-cased: what a server's key is saved under."""
    parts = urlsplit(address)
    scheme = (parts.scheme or "http").lower()
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        port = 0
    host = parts.hostname or ""
    if ":" in host:  # an IPv6 address keeps its brackets
        host = f"[{host}]"
    return f"{scheme}://{host}:{port}"


def normalized_address(text: str) -> str:
    """A server address as the client needs it: a scheme, and ``/v1`` when no path was typed.

    Users copy "localhost:11434" from a server's window; the OpenAI protocol lives
    under ``/v1`` on every server the guide names.
    """
    address = text.strip().rstrip("/")
    if not address:
        return ""
    if "://" not in address:
        address = "http://" + address
    if urlsplit(address).path in ("", "/"):
        address += "/v1"
    return address


def masked_key(key: str) -> str:
    """Enough of a key to recognise it ("sk-…1234"), never enough to use it."""
    head = "sk-" if key.startswith("sk-") else ""
    return f"{head}…{key[-4:]}" if len(key) >= 12 else "…"


def checked_address(address: str) -> str:
    """``address`` unchanged; refused when it carries a key or a password.

    ``http://user:sk-…@host`` would otherwise be printed in messages, logged
    and saved in settings. The error never repeats the address.

    Raises:
        BlogIdeasError: ``KEY_IN_ADDRESS``.
    """
    if "@" in urlsplit(address).netloc or redact(address) != address:
        raise BlogIdeasError(ErrorKind.KEY_IN_ADDRESS)
    return address


def is_openai_address(address: str) -> bool:
    """Whether ``address`` is OpenAI's own API host: an exact match, not a suffix."""
    return urlsplit(address).hostname == OPENAI_HOST


def is_private_channel(address: str) -> bool:
    """Whether a key may travel to ``address``: over https, or to this computer."""
    parts = urlsplit(address)
    if parts.scheme.lower() == "https":
        return True
    host = parts.hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def resolve_key(
    *,
    address: str | None = None,
    explicit: str | None = None,
    store: KeyStore | None = None,
    environ: Mapping[str, str] | None = None,
) -> ResolvedKey | None:
    """The key for a request to ``address`` (OpenAI's API when None), or None.

    ``explicit`` (a key the user typed for this request) goes first. Then
    OpenAI's address gets the stored OpenAI key, else ``OPENAI_API_KEY``:
    the stored one wins because the user pasted it into the app on purpose.
    Any other address gets only the key saved for it.

    Raises:
        BlogIdeasError: ``KEY_IN_ADDRESS`` for an address holding a key;
            ``KEY_OVER_HTTP`` when a key would go unencrypted to another computer.
    """
    address = checked_address(address or OPENAI_API_URL)
    found: ResolvedKey | None = None
    if explicit and explicit.strip():
        found = ResolvedKey(explicit.strip(), "argument")
    else:
        found = (store or KeyStore()).for_address(address).load()
        if found is None and is_openai_address(address):
            value = (os.environ if environ is None else environ).get(KEY_ENV_VAR, "").strip()
            found = ResolvedKey(value, "environment") if value else None
    if found is None:
        return None
    remember_secret(found.value)
    if not is_private_channel(address):
        raise BlogIdeasError(ErrorKind.KEY_OVER_HTTP, urlsplit(address).netloc)
    return found
