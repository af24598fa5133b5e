"""A key goes only where it belongs, seen from the hosts that would receive it.

Every request leaves through a loopback proxy (``HTTPS_PROXY``/``HTTP_PROXY``,
which the openai client honours) whose every host is a loopback stand-in:
``api.openai.com`` and its look-alikes answer over real TLS with certificates
of a test authority (``SSL_CERT_FILE``), or over plain HTTP. Nothing leaves
this machine, and each stand-in records the Authorization header it got.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from blogideas_gui.core.backends.openai_api import OpenAIBackend
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.settings.secrets import KeyStore, checked_address, is_openai_address
from tests.support.lookalike_hosts import Hosts, lookalike_hosts
from tests.support.memory_keychain import MemoryKeychain
from tests.support.openai_error_server import INVALID_KEY, openai_error_server

OPENAI_KEY = "sk-proj-OpenAIsOwnKeyNeverElsewhere4242"
SERVER_KEY = "sk-server-OnlyForTheLanServer7777"
LOOKALIKES = ("evilopenai.com", "api.openai.com.evil.test", "openai.com.evil.test")


@pytest.fixture
def hosts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Hosts]:
    """The stand-ins, with the OpenAI key stored and also in ``OPENAI_API_KEY``."""
    names = ["api.openai.com", *LOOKALIKES, "lan.example"]
    with lookalike_hosts(tmp_path, names) as found:
        for variable in ("HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy"):
            monkeypatch.setenv(variable, found.proxy_url)
        for variable in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "SSL_CERT_DIR"):
            monkeypatch.delenv(variable, raising=False)
        monkeypatch.setenv("SSL_CERT_FILE", str(found.ca_file))
        monkeypatch.setattr(keyring.core, "_keyring_backend", MemoryKeychain())
        KeyStore().save(OPENAI_KEY)
        monkeypatch.setenv("OPENAI_API_KEY", OPENAI_KEY)
        yield found


def list_models(address: str) -> None:
    backend = OpenAIBackend(model="m", base_url=address, max_retries=0)
    try:
        backend.check_connection(probe="models")
    finally:
        backend.close()


def test_the_openai_key_reaches_openai_itself(hosts: Hosts) -> None:
    list_models("https://api.openai.com/v1")
    assert hosts.keys_at("api.openai.com") == [f"Bearer {OPENAI_KEY}"]


@pytest.mark.parametrize("host", LOOKALIKES)
def test_a_look_alike_host_never_receives_the_openai_key(hosts: Hosts, host: str) -> None:
    list_models(f"https://{host}/v1")
    [received] = hosts.keys_at(host)  # the request went there, over TLS ...
    assert OPENAI_KEY not in received  # ... without the key
    assert f"{host}:443" in hosts.connects


def test_openai_over_plain_http_is_refused_before_anything_is_sent(hosts: Hosts) -> None:
    with pytest.raises(BlogIdeasError) as caught:
        list_models("http://api.openai.com/v1")
    assert caught.value.kind is ErrorKind.KEY_OVER_HTTP
    assert hosts.arrivals == [] and hosts.connects == []
    assert "http://" in caught.value.message("en") and "암호화되지 않은" in caught.value.message(
        "ko"
    )


def test_another_server_gets_its_own_key_and_only_that(hosts: Hosts) -> None:
    address = "https://evilopenai.com/v1"
    KeyStore().for_address(address).save(SERVER_KEY)
    list_models(address)
    list_models("https://api.openai.com/v1")
    assert hosts.keys_at("evilopenai.com") == [f"Bearer {SERVER_KEY}"]
    assert hosts.keys_at("api.openai.com") == [f"Bearer {OPENAI_KEY}"]


def test_no_key_goes_over_plain_http_to_another_computer(hosts: Hosts) -> None:
    address = "http://lan.example:11434/v1"
    list_models(address)  # no key saved for it: it gets none, and works
    [received] = hosts.keys_at("lan.example")
    assert OPENAI_KEY not in received and SERVER_KEY not in received
    KeyStore().for_address(address).save(SERVER_KEY)
    with pytest.raises(BlogIdeasError) as caught:
        list_models(address)
    assert caught.value.kind is ErrorKind.KEY_OVER_HTTP
    assert len(hosts.keys_at("lan.example")) == 1  # nothing more was sent


def test_a_server_on_this_computer_may_get_its_key_over_http(hosts: Hosts) -> None:
    address = "http://127.0.0.1:9/v1"  # the proxy answers for it
    KeyStore().for_address(address).save(SERVER_KEY)
    list_models(address)
    assert hosts.keys_at("127.0.0.1") == [f"Bearer {SERVER_KEY}"]


def test_a_key_inside_the_address_is_refused_without_repeating_it(hosts: Hosts) -> None:
    for address in (
        f"http://user:{OPENAI_KEY}@lan.example/v1",
        f"https://lan.example/v1?api_key={OPENAI_KEY}",
        "https://user:hunter2@lan.example/v1",
    ):
        with pytest.raises(BlogIdeasError) as caught:
            OpenAIBackend(base_url=address)
        assert caught.value.kind is ErrorKind.KEY_IN_ADDRESS
        for language in ("en", "ko"):
            message = caught.value.message(language)  # type: ignore[arg-type]
            assert OPENAI_KEY not in message and "hunter2" not in message
    assert hosts.arrivals == []


def test_a_server_asking_for_a_key_is_told_apart_from_a_rejected_key(
    hosts: Hosts, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stand-in accepts anything, so a loopback server refusing every key plays this part."""
    for variable in ("HTTP_PROXY", "http_proxy"):
        monkeypatch.delenv(variable)
    with (
        openai_error_server(401, INVALID_KEY) as (url, seen),
        pytest.raises(BlogIdeasError) as caught,
    ):
        list_models(url)
    assert caught.value.kind is ErrorKind.KEY_NOT_FOR_THIS_SERVER
    assert OPENAI_KEY not in str(seen)
    assert "only to OpenAI itself" in caught.value.message("en")


def test_address_rules() -> None:
    assert is_openai_address("https://api.openai.com/v1")
    assert is_openai_address("https://API.OPENAI.COM:443/v1")
    for address in ("https://evilopenai.com/v1", "https://api.openai.com.evil.test/v1"):
        assert not is_openai_address(address)
    assert checked_address("http://127.0.0.1:8080/v1") == "http://127.0.0.1:8080/v1"


def test_the_command_line_refuses_a_key_in_the_address_before_printing_or_storing(
    tmp_path: Path,
) -> None:
    address = f"http://user:{OPENAI_KEY}@127.0.0.1:9/v1"
    result = subprocess.run(
        [sys.executable, "-m", "blogideas_gui", "generate", "coffee", "--backend", "openai",
         "--base-url", address],
        capture_output=True, text=True, timeout=120, env={**os.environ},
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stdout == "" and len(result.stderr.strip().splitlines()) == 1
    assert "contains a key or a password" in result.stderr
    assert OPENAI_KEY not in result.stderr
    home = Path(os.environ["BLOGIDEAS_HOME"])
    for path in home.rglob("*"):
        if path.is_file():
            assert OPENAI_KEY.encode() not in path.read_bytes(), path
