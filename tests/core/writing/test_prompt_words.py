"""The model's words are data, one file per language, and the catalogue holds none of them."""

from __future__ import annotations

import dataclasses
import string
import tomllib
from importlib import resources

from blogideas_gui.core.common.i18n import catalogue
from blogideas_gui.core.writing.expansion import EXPANSION_KINDS, build_expansion_messages
from blogideas_gui.core.writing.ideas import Idea
from blogideas_gui.core.writing.presets import LENGTHS, PLATFORMS
from blogideas_gui.core.writing.prompt_words import PromptWords, prompt_words
from blogideas_gui.core.writing.prompts import IdeaRequest, build_messages


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_say_the_same_things_with_the_same_blanks() -> None:
    english, korean = prompt_words("en"), prompt_words("ko")
    for field in dataclasses.fields(PromptWords):
        ours, theirs = getattr(english, field.name), getattr(korean, field.name)
        if isinstance(ours, dict):
            assert ours.keys() == theirs.keys(), field.name
            pairs = [(ours[key], theirs[key]) for key in ours]
        else:
            pairs = [(ours, theirs)]
        for en, ko in pairs:
            assert en.strip() and ko.strip() and en != ko, field.name
            assert placeholders(en) == placeholders(ko), field.name
    assert set(english.platform_names) == set(english.platform_hints) == set(PLATFORMS)
    assert set(english.length_hints) == set(LENGTHS)
    assert set(english.expand_asks) == set(EXPANSION_KINDS)


def test_a_file_with_a_missing_or_unknown_text_is_refused() -> None:
    """A typo in a key must fail at once, not leave the model a blank line."""
    path = resources.files("blogideas_gui.core") / "data" / "prompt.en.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    data["asks"] = data.pop("ask")
    try:
        PromptWords(**data)
    except TypeError as error:
        assert "asks" in str(error)
    else:
        raise AssertionError("a misspelt key was taken")


def test_the_messages_are_written_from_the_data_files() -> None:
    words = prompt_words("ko")
    request = IdeaRequest("홈카페", 3, "ko", platform="brunch")
    user = build_messages(request, angles=["a", "b", "c"], avoid=["라떼 아트"])[1]["content"]
    assert user.startswith(words.ask.format(topic="홈카페", count=3))
    assert words.platform_hints["brunch"] in user and words.avoid in user
    idea = Idea("Cold brew", "Make it at home", ["beans"])
    expanded = build_expansion_messages("coffee", idea, "draft", "en")[1]["content"]
    assert expanded.endswith(prompt_words("en").expand_asks["draft"])


def test_the_catalogue_holds_no_words_for_the_model() -> None:
    contexts = {context for context, _, _ in catalogue("ko").exact}
    assert "Prompt" not in contexts
