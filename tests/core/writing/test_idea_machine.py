"""The byte-level shape machine on its own: what it lets through and what finishing costs."""

from __future__ import annotations

import pytest

from blogideas_gui.core.writing.idea_machine import IdeaMachine
from blogideas_gui.core.writing.shape import AnswerShape

SHAPE = AnswerShape(2, title_chars=10, hook_chars=40, point_chars=20, min_points=2, max_points=3)
GOOD = "## 1. Hello\n한국어 훅입니다\n- one\n- two\n\n## 2. Bye\nhook\n- a\n- b\n- c\n"


def test_a_well_formed_answer_passes_byte_by_byte_and_ends() -> None:
    machine = IdeaMachine(SHAPE)
    state = machine.start()
    data = GOOD.encode()
    for index in range(len(data)):
        assert machine.feed(state, data[index : index + 1]), data[: index + 1]
    assert machine.finished(state) and machine.can_stop(state)


@pytest.mark.parametrize(
    "text",
    [
        "Here are two ideas:\n",  # nothing before the first idea
        "## 1.Hello",  # one space after the number
        "## 1. 12345678901",  # an 11-character title
        "## 1. 한국어제목입니다요요요",  # 11 Korean characters: the bound counts characters
        "## 1. a\n- hook",  # a hook is not a list item
        "## 1. a\n1) hook",  # nor a numbered one
        "## 1. a\nb\n- c\n\n",  # one point is not an outline
        "## 1. a\nb\n- c\n- d\n- e\n- f",  # four points are one too many
        "## 1. a\nb\n- c\n- d\n\n## 3.",  # ideas are numbered in order
        "## 1. \xff",  # not UTF-8
        "## 1. a\n```\n",  # a line of Markdown markup is no hook
    ],
)
def test_off_shape_text_is_refused(text: str) -> None:
    machine = IdeaMachine(SHAPE)
    data = text.encode("utf-8", "surrogateescape") if "\xff" not in text else b"## 1. \xff"
    assert not machine.feed(machine.start(), data)


def test_a_line_ends_only_between_characters() -> None:
    machine = IdeaMachine(SHAPE)
    state = machine.start()
    assert machine.feed(state, "## 1. 한".encode()[:-1])  # half a syllable
    assert not machine.feed(state.copy(), b"\n")
    assert machine.feed(state, "한".encode()[-1:] + b"\n")


def test_the_answer_can_stop_only_after_the_last_idea_is_complete() -> None:
    machine = IdeaMachine(SHAPE)
    state = machine.start()
    machine.feed(state, b"## 1. a\nb\n- c\n- d\n")
    assert not machine.can_stop(state)
    machine.feed(state, b"\n## 2. e\nf\n- g\n- h\n")
    assert machine.can_stop(state) and not machine.finished(state)


def test_the_cost_to_finish_is_the_cheapest_way_one_byte_a_token() -> None:
    """With one token per byte, the cost is exactly what the shortest answer has left.

    The decoder refuses tokens after which this cost no longer fits the
    budget, so the cost must never claim less than a real way to finish.
    """
    machine = IdeaMachine(SHAPE)
    state = machine.start()
    shortest = b"## 1. x\ny\n- z\n- w\n\n## 2. x\ny\n- z\n- w\n"
    for done in range(len(shortest)):
        assert machine.cost(state) == len(shortest) - done, shortest[:done]
        assert machine.feed(state, shortest[done : done + 1])
    assert machine.cost(state) == 0 and machine.can_stop(state)
