"""The OpenAI key: keychain and fallback file, resolution order, and no leaks.

No OS keychain runs on the test machine (keyring finds only its "fail"
backend), which is exactly the "no keychain" case. For the "keychain exists"
case, :class:`MemoryKeychain` stands in: a real ``keyring`` backend class,
storing in memory, used through the same ``keyring`` API as the OS ones.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail

from blogideas_gui.core.account.budget import Ledger
from blogideas_gui.core.backends.base import GenerationOptions
from blogideas_gui.core.backends.openai_api import OpenAIBackend
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.logs import setup_logging
from blogideas_gui.core.common.redaction import REDACTED, KeyRedactingFilter, redact
from blogideas_gui.core.history.store import HistoryStore
from blogideas_gui.core.settings.preferences import Settings, save_settings
from blogideas_gui.core.settings.secrets import (
    SERVICE,
    USERNAME,
    KeyStore,
    masked_key,
    normalized_address,
    resolve_key,
    usable_keychain,
)
from blogideas_gui.core.writing.prompts import IdeaRequest, build_messages
from tests.support.memory_keychain import LockedKeychain, MemoryKeychain
from tests.support.openai_error_server import INVALID_KEY, Reply, openai_script_server

KEY = "sk-proj-Zx81Qm0PlaintextNeverAnywhere7731"


def all_files() -> Iterator[Path]:
    return (path for path in Path(os.environ["BLOGIDEAS_HOME"]).rglob("*") if path.is_file())


def files_containing(secret: str) -> list[Path]:
    return [path for path in all_files() if secret.encode() in path.read_bytes()]


def test_the_key_goes_to_the_keychain() -> None:
    keychain = MemoryKeychain()
    store = KeyStore(keychain)
    saved = store.save(f"  {KEY}\n")  # as pasted
    assert saved.where == "keychain" and saved.notice is None
    assert keychain.items == {(SERVICE, USERNAME): KEY}
    loaded = store.load()
    assert loaded is not None and (loaded.value, loaded.source) == (KEY, "keychain")
    assert files_containing(KEY) == []
    store.delete()
    assert store.load() is None and keychain.items == {}


def test_without_a_keychain_the_key_goes_to_a_private_file_with_a_notice() -> None:
    """The machine's own keyring: only the fail backend exists here."""
    assert not usable_keychain(keyring.get_keyring())
    store = KeyStore()
    saved = store.save(KEY)
    assert saved.where == "file"
    assert files_containing(KEY) == [store.fallback_path]
    if os.name == "posix":
        assert stat.S_IMODE(store.fallback_path.stat().st_mode) == 0o600
    assert saved.notice is not None and saved.notice.kind is ErrorKind.KEY_NOT_IN_KEYCHAIN
    english, korean = saved.notice.message("en"), saved.notice.message("ko")
    assert "no system keychain" in english and "only your user account can read" in english
    assert "키체인이 없어" in korean and "내 사용자 계정만" in korean
    for message in (english, korean):
        assert str(store.fallback_path) in message and KEY not in message
    loaded = store.load()
    assert loaded is not None and (loaded.value, loaded.source) == (KEY, "file")
    store.delete()
    assert not store.fallback_path.exists()


def test_a_locked_keychain_falls_back_to_the_file() -> None:
    saved = KeyStore(LockedKeychain()).save(KEY)
    assert saved.where == "file" and saved.notice is not None


def test_moving_to_a_keychain_removes_the_clear_text_copy() -> None:
    KeyStore(fail.Keyring()).save(KEY)
    store = KeyStore(MemoryKeychain())
    assert store.save(KEY).where == "keychain"
    assert not store.fallback_path.exists()


@pytest.mark.parametrize("backend", [fail.Keyring(), chainer.ChainerBackend()])
def test_keyrings_fail_and_empty_chainer_are_not_keychains(backend: KeyringBackend) -> None:
    assert not usable_keychain(backend)
    assert usable_keychain(MemoryKeychain())


def test_an_empty_or_broken_paste_is_refused() -> None:
    with pytest.raises(BlogIdeasError) as caught:
        KeyStore(MemoryKeychain()).save("sk-abc def")
    assert caught.value.kind is ErrorKind.BAD_OPTION
    with pytest.raises(BlogIdeasError):
        KeyStore(MemoryKeychain()).save("   ")


def test_resolution_order_explicit_stored_environment() -> None:
    keychain = MemoryKeychain()
    store = KeyStore(keychain)
    environ = {"OPENAI_API_KEY": "sk-from-environment-000"}
    assert resolve_key(store=store, environ={}) is None
    found = resolve_key(store=store, environ=environ)
    assert found is not None and (found.value, found.source) == (
        environ["OPENAI_API_KEY"],
        "environment",
    )
    store.save(KEY)
    found = resolve_key(store=store, environ=environ)
    assert found is not None and (found.value, found.source) == (KEY, "keychain")
    found = resolve_key(explicit="sk-typed-on-the-command-line", store=store, environ=environ)
    assert found is not None and found.source == "argument"
    assert KEY not in repr(resolve_key(store=store))


def test_resolution_reads_the_real_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    found = resolve_key(store=KeyStore(fail.Keyring()))
    assert found is not None and found.source == "environment"


def test_redact_hides_keys_and_bearer_tokens() -> None:
    text = redact(f"Incorrect API key provided: {KEY}. Authorization: Bearer abc.def-123")
    assert KEY not in text and "abc.def-123" not in text
    assert text.count(REDACTED) == 2
    assert redact("nothing secret here: skip sk-8") == "nothing secret here: skip sk-8"


@pytest.fixture
def log_file() -> Iterator[Path]:
    """The app's own log file set up as the app does it, with the redaction filter."""
    root = logging.getLogger()
    old_handlers = [h for h in root.handlers if getattr(h, "_blogideas", False)]
    old_level = root.level
    for handler in old_handlers:
        root.removeHandler(handler)
    setup_logging(logging.DEBUG)
    ours = [h for h in root.handlers if getattr(h, "_blogideas", False)]
    for handler in ours:
        handler.addFilter(KeyRedactingFilter())
    try:
        yield Path(os.environ["BLOGIDEAS_HOME"]) / "logs" / "blogideas.log"
    finally:
        for handler in ours:
            root.removeHandler(handler)
            handler.close()
        for handler in old_handlers:
            root.addHandler(handler)
        root.setLevel(old_level)


def test_the_key_never_leaks_into_any_file_or_output(
    log_file: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """A failing request with a key set, logged at DEBUG, then every file searched.

    The server quotes the whole Authorization header in its error, the worst
    a compatible server could do; the app also logs the failure with its
    traceback and (by mistake) the key itself.
    """
    store = KeyStore(MemoryKeychain())
    store.save(KEY)
    save_settings(Settings(backend="openai", first_run_done=True))
    resolved = resolve_key(store=store)
    assert resolved is not None
    log = logging.getLogger("blogideas_gui.test")
    with (
        HistoryStore() as history,
        openai_script_server([Reply(401, INVALID_KEY, echo_key=True)]) as (url, seen),
    ):
        backend = OpenAIBackend(model="gpt-4o-mini", base_url=url, api_key=resolved.value)
        request = IdeaRequest("home coffee", 2, "en")
        session = history.start(request, backend.name, backend.model_name)
        with pytest.raises(BlogIdeasError) as caught:
            list(backend.stream(build_messages(request), GenerationOptions(), CancelToken()))
        error = caught.value
        assert error.__cause__ is not None and KEY in str(error.__cause__)  # the server echoed it
        log.exception("request failed: %s", error.__cause__, exc_info=error.__cause__)
        log.error("the key was %s", resolved.value)
        history.fail(session, error.message("en"))
    Ledger().record(0.01, backend.model_name)
    headers = {name.lower(): value for name, value in seen[0].headers.items()}
    assert headers["authorization"] == f"Bearer {KEY}"
    for language in ("en", "ko"):
        assert KEY not in error.message(language)  # type: ignore[arg-type]
    assert KEY not in str(error) and KEY not in repr(resolved)
    for handler in logging.getLogger().handlers:
        handler.flush()
    log_text = log_file.read_text("utf-8")
    assert "request failed" in log_text and REDACTED in log_text and "Traceback" in log_text
    written = sorted(p.relative_to(os.environ["BLOGIDEAS_HOME"]).parts[0] for p in all_files())
    assert {"config", "data", "logs"} <= set(written)
    assert files_containing(KEY) == []
    assert files_containing(KEY[8:30]) == []  # not even a part of it
    out, err = capfd.readouterr()
    assert KEY not in out and KEY not in err


def test_the_backend_uses_the_stored_key_for_openai_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The key pasted into the app is OpenAI's: another server never receives it."""
    monkeypatch.setattr(keyring.core, "_keyring_backend", MemoryKeychain())
    KeyStore().save(KEY)
    openai_itself = OpenAIBackend(model="gpt-4o-mini")
    openai_itself.load()
    assert openai_itself._client.api_key == KEY
    with openai_script_server([Reply(401, INVALID_KEY)]) as (url, seen):
        other = OpenAIBackend(model="llama3.2", base_url=url)
        with pytest.raises(BlogIdeasError):
            other.check_connection()
    assert all(KEY not in str(request.headers) for request in seen)


def test_addresses_are_completed_as_servers_expect() -> None:
    assert normalized_address("localhost:11434") == "http://localhost:11434/v1"
    assert normalized_address(" http://box:8000/v1/ ") == "http://box:8000/v1"
    assert normalized_address("") == ""


def test_a_key_is_shown_by_its_ends_only() -> None:
    assert masked_key(KEY) == "sk-…7731"
    assert masked_key("abcdefghijklmnop") == "…mnop"
    assert masked_key("sk-short") == "…"  # too short to show any of it
