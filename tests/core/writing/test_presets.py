"""Presets and role-prompt templates: the stores, the prompt lines, the window."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.paths import config_dir
from blogideas_gui.core.writing.presets import PLATFORMS, Preset, PresetStore, preset_lines
from blogideas_gui.core.writing.prompts import role_prompt
from blogideas_gui.core.writing.templates import TemplateStore
from blogideas_gui.ui.settings.presets_dialog import PresetsDialog

CAFE = Preset("Cafe", "naver", "warm", "office workers", "short")


def test_presets_round_trip_through_the_config_folder() -> None:
    store = PresetStore()
    store.save(CAFE)
    store.save(Preset("Dev notes", "velog", length="long"))
    assert store.path == config_dir() / "presets.json"
    again = PresetStore()
    assert [p.name for p in again.list()] == ["Cafe", "Dev notes"]
    assert again.get("Cafe") == CAFE
    assert again.get("Nope") is None


def test_saving_the_same_name_replaces_and_delete_removes(tmp_path: Path) -> None:
    store = PresetStore(tmp_path / "presets.json")
    store.save(CAFE)
    store.save(Preset(" Cafe ", "brunch", "quiet"))
    assert store.list() == [Preset("Cafe", "brunch", "quiet")]
    assert store.delete("Cafe")
    assert not store.delete("Cafe")
    assert store.list() == []


def test_a_preset_needs_a_name_and_unknown_choices_are_dropped(tmp_path: Path) -> None:
    store = PresetStore(tmp_path / "presets.json")
    with pytest.raises(BlogIdeasError) as raised:
        store.save(Preset("  ", "naver"))
    assert raised.value.kind is ErrorKind.BAD_OPTION
    assert store.save(Preset("X", "myspace", length="epic")) == Preset("X")


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"\xff\xfe", b"[1, 2]", b'{"presets": [{"name": 3}]}', b'{"presets": 1}'],
)
def test_a_damaged_file_is_set_aside_and_treated_as_empty(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "presets.json"
    path.write_bytes(content)
    store = PresetStore(path)
    assert store.list() == []
    assert not path.exists()
    assert [p.read_bytes() for p in tmp_path.glob("presets.json.damaged-*")] == [content]
    store.save(CAFE)
    assert json.loads(path.read_text(encoding="utf-8"))["presets"][0]["name"] == "Cafe"
    assert store.list() == [CAFE]


def test_templates_save_restore_and_is_custom() -> None:
    templates = TemplateStore()
    assert templates.get("ko") == role_prompt("ko")
    assert not templates.is_custom("ko")
    templates.save("ko", "  당신은 여행 블로그 전문가입니다.\n")
    assert templates.get("ko") == "당신은 여행 블로그 전문가입니다."
    assert templates.is_custom("ko")
    assert (config_dir() / "role_prompt.ko.md").is_file()
    assert templates.get("en") == role_prompt("en")
    templates.restore_default("ko")
    assert templates.get("ko") == role_prompt("ko")
    assert not templates.is_custom("ko")
    templates.restore_default("ko")  # nothing to remove is fine


def test_saving_blank_or_default_text_keeps_no_file() -> None:
    templates = TemplateStore()
    templates.save("en", "   ")
    templates.save("en", role_prompt("en") + "\n")
    assert not templates.path("en").exists()
    templates.path("en").write_text("\n", encoding="utf-8")
    assert templates.get("en") == role_prompt("en")


def test_preset_lines_in_english() -> None:
    assert preset_lines(CAFE, "en") == [
        "Platform: Naver blog — friendly and personal, photo-friendly posts, "
        "search keywords in the titles.",
        "Tone: warm.",
        "Readers: office workers.",
        "Length: short posts (about 500 words).",
    ]


def test_preset_lines_in_korean() -> None:
    lines = preset_lines(Preset("개발", "velog", "", "주니어 개발자", "long"), "ko")
    assert lines[0].startswith("블로그 플랫폼: 벨로그 — 개발자 독자")
    assert lines[1:] == ["독자: 주니어 개발자.", "글의 길이: 긴 글(5,000자 이상)."]


def test_every_platform_has_a_line_in_both_languages() -> None:
    for platform in PLATFORMS:
        for language in ("ko", "en"):
            (line,) = preset_lines(Preset("p", platform), language)
            assert line.endswith(".") and len(line) > 20


def test_no_choices_adds_no_lines() -> None:
    assert preset_lines(Preset(""), "en") == []


def make_dialog(qtbot: QtBot, store: PresetStore, templates: TemplateStore) -> PresetsDialog:
    dialog = PresetsDialog(store=store, templates=templates, language="en")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_dialog_saves_picks_and_deletes_a_preset(qtbot: QtBot) -> None:
    store = PresetStore()
    store.save(Preset("Old", "brunch"))
    dialog = make_dialog(qtbot, store, TemplateStore())
    assert dialog.preset_list.count() == 1
    dialog.new_button.click()
    qtbot.keyClicks(dialog.name, "Cafe")
    dialog.platform.setCurrentIndex(dialog.platform.findData("naver"))
    assert dialog.platform.currentText() == "Naver blog"
    qtbot.keyClicks(dialog.tone, "warm")
    qtbot.keyClicks(dialog.audience, "office workers")
    dialog.length.setCurrentIndex(dialog.length.findData("short"))
    with qtbot.waitSignal(dialog.presets_changed):
        dialog.save_button.click()
    assert store.get("Cafe") == CAFE
    items = [dialog.preset_list.item(i).text() for i in range(dialog.preset_list.count())]
    assert items == ["Cafe", "Old"]
    assert dialog.preset_list.currentItem().text() == "Cafe"

    dialog.preset_list.setCurrentRow(1)
    assert dialog.name.text() == "Old" and dialog.platform.currentData() == "brunch"
    with qtbot.waitSignal(dialog.presets_changed):
        dialog.delete_button.click()
    assert [p.name for p in store.list()] == ["Cafe"]
    assert dialog.preset_list.count() == 1


def test_dialog_asks_for_a_name(qtbot: QtBot) -> None:
    store = PresetStore()
    dialog = make_dialog(qtbot, store, TemplateStore())
    with qtbot.assertNotEmitted(dialog.presets_changed):
        dialog.save_button.click()
    assert dialog.preset_message.text() == dialog.tr("Give the preset a name first.")
    assert store.list() == []


def test_dialog_edits_and_restores_the_role_prompt(qtbot: QtBot) -> None:
    templates = TemplateStore()
    dialog = make_dialog(qtbot, PresetStore(), templates)
    dialog.tabs.setCurrentIndex(1)
    assert dialog.template_language_code() == "en"
    assert dialog.template.toPlainText() == role_prompt("en")
    assert not dialog.restore_button.isEnabled()
    dialog.template.clear()
    qtbot.keyClicks(dialog.template, "You are a travel blog editor.")
    with qtbot.waitSignal(dialog.template_changed) as changed:
        dialog.template_save_button.click()
    assert changed.args == ["en"]
    assert templates.get("en") == "You are a travel blog editor."
    assert dialog.restore_button.isEnabled()

    dialog.template_language.setCurrentIndex(dialog.template_language.findData("ko"))
    assert dialog.template.toPlainText() == role_prompt("ko")
    dialog.template_language.setCurrentIndex(dialog.template_language.findData("en"))
    assert dialog.template.toPlainText() == "You are a travel blog editor."

    with qtbot.waitSignal(dialog.template_changed):
        dialog.restore_button.click()
    assert templates.get("en") == role_prompt("en")
    assert dialog.template.toPlainText() == role_prompt("en")
    assert not templates.is_custom("en")


def test_a_chosen_preset_shapes_the_request_and_the_prompt(qtbot: QtBot, tmp_path: Path) -> None:
    from blogideas_gui.core.writing.prompts import build_messages
    from blogideas_gui.ui.window.request_form import RequestForm

    store = PresetStore(tmp_path / "presets.json")
    store.save(Preset("네이버 리뷰", "naver", "친근하게", "20대 직장인", "short"))
    form = RequestForm("ko", presets=store)
    qtbot.addWidget(form)
    form.topic.setPlainText("홈카페")
    assert form.request().platform == ""
    form.preset.setCurrentIndex(form.preset.findData("네이버 리뷰"))
    request = form.request()
    assert (request.platform, request.tone, request.audience, request.length) == (
        "naver", "친근하게", "20대 직장인", "short",
    )  # fmt: skip
    user = build_messages(request)[1]["content"]
    assert "네이버 블로그" in user and "20대 직장인" in user
    custom = build_messages(request, role="나만의 역할")[0]["content"]
    assert custom == "나만의 역할"
