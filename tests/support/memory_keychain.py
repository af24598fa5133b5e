"""A keychain in memory, standing in for the OS keychain that does not run here.

It is a real ``keyring`` backend class, so :class:`KeyStore` treats it as a
keychain; it is kept out of keyring's own discovery so no test's
``keyring.get_keyring()`` picks it up by accident.
"""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordDeleteError


class MemoryKeychain(KeyringBackend):
    """Passwords in a dict: what a working OS keychain would do."""

    priority = 5  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.items.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


class LockedKeychain(MemoryKeychain):
    """A keychain that exists but refuses (locked, or the user said no)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("locked")


KeyringBackend._classes.difference_update({MemoryKeychain, LockedKeychain})  # type: ignore[attr-defined]
