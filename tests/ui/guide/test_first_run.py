"""The first-run guide, once through for each of its three answers.

No OS keychain runs on the test machine, so :class:`MemoryKeychain` (a real
``keyring`` backend class storing in memory) stands in for it. The OpenAI
answer's Test is pointed at a loopback server speaking OpenAI's protocol and
error bodies, because the real OpenAI cannot be reached here; the "another
server" answer is tested against a real OpenAI-compatible server
(``llama_cpp.server`` serving the starter model).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.models.catalog import load_catalog
from blogideas_gui.core.models.machine import MachineFacts
from blogideas_gui.core.models.speed import Probe
from blogideas_gui.core.settings.preferences import Settings
from blogideas_gui.core.settings.secrets import SERVICE, USERNAME, KeyStore
from blogideas_gui.ui.guide.first_run import FirstRunGuide
from tests.support.memory_keychain import MemoryKeychain
from tests.support.openai_error_server import (
    INSUFFICIENT_QUOTA,
    Reply,
    completion,
    openai_script_server,
)
from tests.support.speed_books import measured_book

KEY = "sk-proj-GuideTestKeyNeverOnDisk5521"
GIB = 1024**3
ROOMY_MACHINE = {"total_ram": 32 * GIB, "available_ram": 24 * GIB, "free_disk": 500 * GIB}
# Measured before: the starter at 170 tokens a second, as llama-bench finds on 2 cores here.
SPEEDS = measured_book(Probe(170.0, 170.0, 490.0, 98_362_432, 2, 1.8e9))


def all_files() -> Iterator[Path]:
    return (path for path in Path(os.environ["BLOGIDEAS_HOME"]).rglob("*") if path.is_file())


def make_guide(qtbot: QtBot, **kwargs: object) -> FirstRunGuide:
    kwargs.setdefault("speeds", SPEEDS)
    guide = FirstRunGuide(
        Settings(),
        facts=MachineFacts(gpu_offload=False, **ROOMY_MACHINE),
        **kwargs,  # type: ignore[arg-type]
    )
    qtbot.addWidget(guide)
    guide.show()
    return guide


def test_local_choice_recommends_a_catalog_model(qtbot: QtBot) -> None:
    guide = make_guide(qtbot, key_store=KeyStore(MemoryKeychain()))
    names = {entry.name for entry in load_catalog() if not entry.is_bundled}
    text = guide.offer.text.text()
    assert any(name in text for name in names), text
    assert guide.offer.recommended is not None
    assert guide.offer.recommended.parameters_billion < 7  # 2 cores: not a 7-9 B model
    assert guide.offer.row is not None and "words a second here" in guide.offer.row.speed.text()
    with qtbot.waitSignal(guide.open_model_manager):
        guide.local_page.manager_button.click()
    assert guide.choice() == "local"
    with qtbot.waitSignal(guide.finished_with) as finished:
        guide.finish_button.click()
    settings = finished.args[0]
    assert isinstance(settings, Settings)
    assert settings.backend == "local" and settings.first_run_done
    assert not guide.isVisible()


@pytest.mark.parametrize("language", ["ko", "en"])
def test_openai_choice_explains_no_credit_then_saves_a_working_key(
    qtbot: QtBot, language: str
) -> None:
    keychain = MemoryKeychain()
    replies = [Reply(429, INSUFFICIENT_QUOTA), Reply(200, completion("OK"))]
    with openai_script_server(replies) as (url, seen):
        guide = make_guide(
            qtbot, key_store=KeyStore(keychain), language=language, openai_base_url=url
        )
        guide.choice_group.button(1).click()
        assert guide.choice() == "openai"
        qtbot.keyClicks(guide.openai_page.key, KEY)
        assert KEY not in guide.openai_page.key.displayText()

        with qtbot.waitSignal(guide.key_test.running_changed, check_params_cb=lambda r: not r):
            guide.openai_page.test_button.click()
        expected = BlogIdeasError(ErrorKind.OUT_OF_CREDIT, "HTTP 429").message(language)  # type: ignore[arg-type]
        assert guide.openai_page.status.text() == expected
        assert ("billing" if language == "en" else "결제") in expected
        assert keychain.items == {}  # a key that did not work yet is not saved

        with qtbot.waitSignal(guide.key_test.running_changed, check_params_cb=lambda r: not r):
            guide.openai_page.test_button.click()
        assert guide.openai_page.status.text().startswith(guide.key_check.tr("The key works."))
        headers = {name.lower(): value for name, value in seen[1].headers.items()}
        assert len(seen) == 2 and headers["authorization"] == f"Bearer {KEY}"
        assert keychain.items == {(SERVICE, USERNAME): KEY}

        with qtbot.waitSignal(guide.finished_with) as finished:
            guide.finish_button.click()
    settings = finished.args[0]
    assert settings.backend == "openai" and settings.openai_base_url == ""
    assert settings.first_run_done
    for path in all_files():
        assert KEY.encode() not in path.read_bytes(), path


def test_openai_choice_without_keychain_says_the_key_went_to_a_file(qtbot: QtBot) -> None:
    from keyring.backends import fail

    store = KeyStore(fail.Keyring())
    with openai_script_server([Reply(200, completion("OK"))]) as (url, _):
        guide = make_guide(qtbot, key_store=store, language="en", openai_base_url=url)
        guide.choose("openai")
        qtbot.keyClicks(guide.openai_page.key, KEY)
        with qtbot.waitSignal(guide.key_test.running_changed, check_params_cb=lambda r: not r):
            guide.openai_page.test_button.click()
    notice = BlogIdeasError(ErrorKind.KEY_NOT_IN_KEYCHAIN, str(store.fallback_path))
    assert notice.message("en") in guide.openai_page.status.text()
    assert store.load() is not None


def test_another_server_lists_its_models(qtbot: QtBot, llama_server: str) -> None:
    guide = make_guide(qtbot, key_store=KeyStore(MemoryKeychain()), language="en")
    guide.choice_group.button(2).click()
    assert guide.choice() == "server"
    qtbot.keyClicks(guide.server_page.address, llama_server)
    with qtbot.waitSignal(guide.server_test.running_changed, check_params_cb=lambda r: not r):
        guide.server_page.test_button.click()
    assert "smollm2" in guide.server_page.status.text()
    assert guide.server_page.model.currentText() == "smollm2"
    with qtbot.waitSignal(guide.finished_with) as finished:
        guide.finish_button.click()
    settings = finished.args[0]
    assert settings.backend == "openai"
    assert settings.openai_base_url == llama_server
    assert settings.openai_model == "smollm2" and settings.first_run_done


def test_server_test_can_be_cancelled_and_closing_waits(qtbot: QtBot) -> None:
    from tests.support.openai_error_server import silent_server

    guide = make_guide(qtbot, key_store=KeyStore(MemoryKeychain()), language="en")
    guide.choose("server")
    with silent_server() as url:
        guide.server_page.address.setText(url)
        guide.server_page.model.setEditText("m")
        guide.server_page.test_button.click()
        assert guide.server_test.running and guide.server_page.cancel_button.isVisible()
        guide.server_page.cancel_button.click()
        assert not guide.server_test.running
        assert guide.server_page.test_button.isVisible()
        assert guide.server_page.status.text() == guide.tr("The test was stopped.")
    # The request is abandoned, not killed; closing waits for its thread to end.
    guide.later_button.click()
    assert not guide.isVisible()


def test_missing_answers_are_said_not_guessed(qtbot: QtBot) -> None:
    guide = make_guide(qtbot, key_store=KeyStore(MemoryKeychain()), language="en")
    guide.choose("openai")
    guide.finish_button.click()
    assert guide.isVisible()
    assert guide.openai_page.status.text() == BlogIdeasError(ErrorKind.NO_KEY).message("en")
    guide.choose("server")
    guide.finish_button.click()
    assert guide.isVisible() and guide.server_page.status.isVisible()
