"""The words a model reads around the role prompt, one data file per language.

What the model is told is data, like the role prompt beside it
(``core/data/role_prompt.<lang>.md``) and the angles (``angles.<lang>.txt``):
``core/data/prompt.<lang>.toml`` holds the request's lines, a preset's lines
and the asks that expand an idea. Keeping them out of the interface's
catalogue means a translator of the window never changes what the model
reads, and the whole prompt of a language can be read, and tuned, in one
folder. The files are read once and checked to hold every text this
module names.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from blogideas_gui.core.common.language import Language


@dataclass(frozen=True)
class PromptWords:
    """One language's words for the model; ``{name}`` marks what is filled in.

    Attributes:
        ask: an idea request's first line, all ideas in one answer ({topic}, {count}).
        angles: the heading above the ideas' angles.
        ask_part: the first line when each idea is written in a sequence of its own.
        part: a part's own last line ({number}, {angle}).
        avoid: the heading above the topic's earlier titles.
        platform_line, tone_line, readers_line, length_line: a preset's lines.
        expand_idea: the user message that expands an idea ({topic}, {title},
            {hook}, {outline}, {ask}).
        platform_names, platform_hints: each platform's name and what its readers expect.
        length_hints: each length, as the model is told it.
        expand_asks: what an outline and a draft ask for.
    """

    ask: str
    angles: str
    ask_part: str
    part: str
    avoid: str
    platform_line: str
    tone_line: str
    readers_line: str
    length_line: str
    expand_idea: str
    platform_names: dict[str, str]
    platform_hints: dict[str, str]
    length_hints: dict[str, str]
    expand_asks: dict[str, str]


@cache
def prompt_words(language: Language) -> PromptWords:
    """``language``'s words for the model, read once from the package data."""
    path = resources.files("blogideas_gui.core") / "data" / f"prompt.{language}.toml"
    return PromptWords(**tomllib.loads(path.read_text(encoding="utf-8")))
