"""Whole words, control text and an honest cost: the idea machine on bytes."""

from __future__ import annotations

import random

import pytest

from blogideas_gui.core.writing.idea_machine import IdeaMachine, State
from blogideas_gui.core.writing.shape import AnswerShape

# Title bound 20 (soft bound 16), hook 40 (32), points 20 (16).
SHAPE = AnswerShape(2, title_chars=20, hook_chars=40, point_chars=20, min_points=2, max_points=3)


def _at(text: str, shape: AnswerShape = SHAPE) -> tuple[IdeaMachine, State]:
    machine = IdeaMachine(shape)
    state = machine.start()
    assert machine.feed(state, text.encode()), text
    return machine, state


def _takes(machine: IdeaMachine, state: State, text: str) -> bool:
    return machine.feed(state.copy(), text.encode())


def test_no_word_begins_past_the_soft_bound_but_the_last_one_may_end() -> None:
    # 16 letters after the heading's space: the soft bound of a 20-character title.
    machine, state = _at("## 1. abcdefghijklmnop")
    assert not _takes(machine, state, " ")
    assert not _takes(machine, state, " and")  # a token that begins a word
    assert _takes(machine, state, "qrst\n")  # the word goes on and the line ends
    assert not _takes(machine, state, "qrstu")  # the hard bound is the line's bound
    machine, state = _at("## 1. abcdefghijklmno")  # one character less: a word may begin
    assert _takes(machine, state, " x\n")


def test_korean_words_end_the_same_way_and_a_script_without_spaces_hits_the_hard_bound() -> None:
    machine, state = _at("## 1. 집에서 커피를 내리는 방법 정리")  # 16 characters
    assert not _takes(machine, state, " ")
    assert _takes(machine, state, "해요\n")
    machine, state = _at("## 1. " + "日本語" * 6 + "本語")  # 20 characters, no space
    assert not _takes(machine, state, "語")
    assert _takes(machine, state, "\n")


def test_line_pressure_rises_from_half_the_bound_to_the_soft_bound() -> None:
    machine, state = _at("## 1.")
    assert machine.line_pressure(state) == 0.0
    for chars, expected in ((5, 0.0), (10, 0.0), (13, 0.5), (16, 1.0), (19, 1.0)):
        machine, state = _at("## 1. " + "a" * chars)
        assert machine.line_pressure(state) == pytest.approx(expected), chars
    machine, state = _at("## 1. a\nb\n- c\n")  # after a point: no line being written
    assert machine.line_pressure(state) == 0.0
    machine, state = _at("## 1. a\n" + "b" * 26)  # the hook's own bound: 26 of 40 is 0.5
    assert machine.line_pressure(state) == pytest.approx(0.5)


@pytest.mark.parametrize(
    "marker",
    ["<|im_end|>", "<|eot_id|>", "<start_of_turn>", "<end_of_turn>", "</s>", "<s>", "[INST]",
     "[/INST]", "<eos>", "<bos>"],
)  # fmt: skip
def test_chat_control_text_is_refused_in_every_line(marker: str) -> None:
    for prefix in ("## 1. A", "## 1. A\nhook ", "## 1. A\nhook\n- x"):
        machine, state = _at(prefix)
        assert not _takes(machine, state, marker), (prefix, marker)
        assert _takes(machine, state, marker[:-1]) or marker.startswith("<|")
        # byte by byte, as tokens split it
        trial = state.copy()
        assert not all(machine.feed(trial, bytes((byte,))) for byte in marker.encode())


@pytest.mark.parametrize("text", ["a < b", "<b>bold", "<<s", "[IN]", "x<", "<st"])
def test_text_that_only_looks_like_a_marker_passes(text: str) -> None:
    machine, state = _at("## 1. A\n")
    assert _takes(machine, state, text)


def test_a_marker_is_not_completed_across_lines() -> None:
    machine, state = _at("## 1. A <")
    assert _takes(machine, state, "\n|x")


def test_a_line_is_never_filled_with_markup_alone() -> None:
    """Else the line could neither go on nor end, and cost() would be wrong."""
    machine, state = _at("## 1. " + "-" * 19)  # 19 characters, nothing visible
    assert not _takes(machine, state, "-")
    assert _takes(machine, state, "x\n")


ALPHABET = list(b"abc XYZ <|[/INST]s>e\n\n-#*1") + list("한글 日".encode())


@pytest.mark.parametrize("seed", range(12))
def test_cost_never_counts_less_than_a_real_way_to_finish(seed: int) -> None:
    """Fuzzed byte streams: from every state some allowed byte lowers the cost by one.

    So by induction a finish of at most cost() bytes (one token each) always
    exists, which is what the decoder's budget relies on; and cost 0 means
    the answer may stop.
    """
    rng = random.Random(seed)
    shape = AnswerShape(
        rng.choice((1, 2, 3)),
        title_chars=12,
        hook_chars=24,
        point_chars=10,
        first=rng.choice((1, 4)),
    )
    machine = IdeaMachine(shape)
    state = machine.start()
    for _ in range(600):
        if machine.finished(state):
            break
        cost = machine.cost(state)
        lowered = [
            byte
            for byte in range(256)
            if machine.feed(after := state.copy(), bytes((byte,)))
            and machine.cost(after) <= cost - 1
        ]
        assert lowered or (cost == 0 and machine.can_stop(state)), (seed, cost)
        if cost == 0:
            assert machine.can_stop(state)
        for byte in [*rng.sample(ALPHABET, len(ALPHABET)), *lowered[:1]]:
            trial = state.copy()
            if machine.feed(trial, bytes((byte,))):
                state = trial
                break
        else:
            break  # the answer may stop here and nothing else fits
    assert machine.can_stop(state)


@pytest.mark.parametrize(
    ("text", "allowed"),
    [
        (",\n", True),  # punctuation closes the last word
        (",but", False),  # a word glued on after it is a new word all the same
        ("...I'm", False),
        ("'ve\n", True),  # a word's own parts go on: they've
        ("-ly\n", True),  # and well-known
    ],
)
def test_past_the_soft_bound_no_word_is_glued_on_after_punctuation(
    text: str, allowed: bool
) -> None:
    machine, state = _at("## 1. abcdefghijklmnop")
    assert _takes(machine, state, text) is allowed


def test_korean_past_the_soft_bound_ends_after_its_punctuation_too() -> None:
    machine, state = _at("## 1. 집에서 커피를 내리는 방법 정리")
    assert _takes(machine, state, "해요.\n")
    assert not _takes(machine, state, ".해")
