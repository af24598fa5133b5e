"""Context settings are checked where they are read: a bad value is a settings problem."""

from __future__ import annotations

from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.notices import listen
from blogideas_gui.core.settings.local_settings import DEFAULT_CONTEXT, LocalSettings
from blogideas_gui.core.settings.preferences import Settings, load_settings, save_settings


def test_a_negative_context_in_the_settings_file_is_replaced_and_said() -> None:
    save_settings(Settings(local_n_ctx=-4096, local_n_threads=-2))
    heard: list[BlogIdeasError] = []
    stop = listen(heard.append)
    try:
        local = load_settings().settings.local_settings()
    finally:
        stop()
    assert local == LocalSettings(n_ctx=DEFAULT_CONTEXT)
    notice = next(n for n in heard if n.kind is ErrorKind.SETTINGS_VALUE_IGNORED)
    assert "n_ctx=-4096" in notice.message("en") and "n_threads=-2" in notice.message("en")
    assert "모델 관리자" in notice.message("ko")


def test_good_values_pass_unchanged() -> None:
    assert LocalSettings.from_dict({"n_ctx": 2048, "n_threads": 3}) == LocalSettings(2048, 3)
