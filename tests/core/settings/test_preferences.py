"""Settings: round trip, atomic writes, and never a crash on a damaged file."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from blogideas_gui.core.common import files as settings_module
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.language import current_language, system_language, use_language
from blogideas_gui.core.common.paths import config_dir
from blogideas_gui.core.settings.preferences import (
    Settings,
    load_settings,
    save_settings,
    settings_path,
)


def test_a_first_start_has_defaults_and_no_notice() -> None:
    loaded = load_settings()
    assert loaded.settings == Settings()
    assert loaded.notice is None
    assert loaded.settings.monthly_budget_usd == 10.0
    assert loaded.settings.first_run_done is False


def test_round_trip_in_the_config_folder() -> None:
    chosen = Settings(
        ui_language="ko",
        output_language="en",
        backend="openai",
        openai_base_url="http://127.0.0.1:11434/v1",
        openai_model="llama3.2",
        local_model="qwen2.5-1.5b",
        local_n_ctx=8192,
        local_n_threads=2,
        local_n_gpu_layers=0,
        monthly_budget_usd=2.5,
        first_run_done=True,
    )
    path = save_settings(chosen)
    assert path == config_dir() / "settings.json" == settings_path()
    assert str(path).startswith(os.environ["BLOGIDEAS_HOME"])
    assert load_settings().settings == chosen
    assert json.loads(path.read_text("utf-8"))["version"] == 1


def test_missing_keys_take_defaults_and_bad_values_only_their_own() -> None:
    settings_path().write_text(
        json.dumps({"ui_language": "ko", "local_n_ctx": "big", "backend": "cloud",
                    "monthly_budget_usd": 3, "future_option": True}),
        encoding="utf-8",
    )  # fmt: skip
    loaded = load_settings()
    assert loaded.notice is None
    assert loaded.settings.ui_language == "ko"
    assert loaded.settings.local_n_ctx == Settings().local_n_ctx
    assert loaded.settings.backend == "local"
    assert loaded.settings.monthly_budget_usd == 3.0
    assert isinstance(loaded.settings.monthly_budget_usd, float)
    assert loaded.settings.first_run_done is False


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"\xff\xfe\x00garbage", b"[1, 2, 3]", b"", b'{"ui_language": "ko"'],
)
def test_a_damaged_file_is_set_aside_with_a_notice(content: bytes) -> None:
    path = settings_path()
    path.write_bytes(content)
    loaded = load_settings()
    assert loaded.settings == Settings()
    assert loaded.notice is not None
    assert loaded.notice.kind is ErrorKind.SETTINGS_DAMAGED
    aside = loaded.damaged_copy
    assert aside is not None and aside.read_bytes() == content
    assert aside.name.startswith("settings.json.damaged-")
    assert not path.exists()
    assert aside.name in loaded.notice.message("en")
    assert "set aside" in loaded.notice.message("en")
    assert "기본 설정" in loaded.notice.message("ko")
    # The next start is clean and the user's new choices save normally.
    save_settings(Settings(ui_language="en"))
    again = load_settings()
    assert again.notice is None and again.settings.ui_language == "en"


def test_two_damaged_files_in_one_second_both_survive() -> None:
    path = settings_path()
    path.write_text("{", encoding="utf-8")
    first = load_settings().damaged_copy
    path.write_text("[", encoding="utf-8")
    second = load_settings().damaged_copy
    assert first is not None and second is not None and first != second
    assert first.read_text() == "{" and second.read_text() == "["


def test_save_is_atomic_when_the_write_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure mid-write leaves the old file whole and no temporary file behind."""
    save_settings(Settings(ui_language="ko", first_run_done=True))
    before = settings_path().read_bytes()

    def broken_fsync(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch, pytest.raises(BlogIdeasError) as caught:
        patch.setattr(settings_module.os, "fsync", broken_fsync)
        save_settings(Settings(ui_language="en"))
    assert caught.value.kind is ErrorKind.DISK_FULL
    assert settings_path().read_bytes() == before
    assert sorted(p.name for p in config_dir().iterdir()) == ["settings.json"]


def test_the_file_is_private_and_holds_no_key() -> None:
    path = save_settings(Settings(backend="openai"))
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "key" not in path.read_text("utf-8").lower()
    assert not any("key" in name for name in Settings().to_json())


def test_an_unreadable_file_is_kept(tmp_path: Path) -> None:
    folder = tmp_path / "as-a-folder"
    folder.mkdir()  # reading a folder fails like an unreadable file does
    loaded = load_settings(folder)
    assert loaded.settings == Settings() and loaded.notice is None
    assert folder.is_dir()


def test_a_server_address_holding_a_key_is_neither_saved_nor_read() -> None:
    key = "sk-proj-InTheAddress0000000000001111"
    path = save_settings(Settings(openai_base_url=f"http://user:{key}@lan.example/v1"))
    assert key not in path.read_text("utf-8")
    assert load_settings().settings.openai_base_url == ""
    path.write_text(
        json.dumps({"version": 1, "openai_base_url": f"https://lan.example/v1?key={key}"}),
        encoding="utf-8",
    )
    assert load_settings().settings.openai_base_url == ""
    save_settings(Settings(openai_base_url="http://192.168.0.10:11434/v1"))
    assert load_settings().settings.openai_base_url == "http://192.168.0.10:11434/v1"


@pytest.fixture
def system(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Set the system's locale as a desktop session does (LANG), nothing forcing another."""
    for name in ("BLOGIDEAS_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    use_language(None)

    def use(locale_name: str) -> None:
        monkeypatch.setenv("LANG", locale_name)

    return use


def test_answers_follow_the_system_language_on_a_first_start(
    system: Callable[[str], None],
) -> None:
    system("en_US.UTF-8")
    assert Settings().answer_language() == "en"
    system("ko_KR.UTF-8")
    assert Settings().answer_language() == "ko"


def test_a_chosen_answer_or_interface_language_wins_over_the_system(
    system: Callable[[str], None],
) -> None:
    system("ko_KR.UTF-8")
    assert Settings(output_language="en").answer_language() == "en"
    assert Settings(ui_language="en").answer_language() == "en"
    assert Settings(ui_language="en", output_language="ko").answer_language() == "ko"


def test_the_system_language_is_the_systems_and_the_current_one_is_the_choice(
    system: Callable[[str], None],
) -> None:
    system("ko_KR.UTF-8")
    use_language("en")
    try:
        assert (current_language(), system_language()) == ("en", "ko")
        assert Settings().answer_language() == "en"  # the interface's, as the window shows it
    finally:
        use_language(None)
    assert current_language() == "ko"


def test_the_menu_offer_answer_is_kept() -> None:
    assert load_settings().settings.menu_entry_offered is False
    save_settings(Settings(menu_entry_offered=True))
    assert load_settings().settings.menu_entry_offered is True
