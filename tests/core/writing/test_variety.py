"""Titles new by design: the title book, and the machine taking a repeated title back."""

from __future__ import annotations

from difflib import SequenceMatcher

import pytest

from blogideas_gui.core.backends.constraint import LineVerdict
from blogideas_gui.core.writing.idea_machine import IdeaMachine, State
from blogideas_gui.core.writing.shape import AnswerShape
from blogideas_gui.core.writing.variety import MAX_REWRITES, TitleBook, near_duplicate

SHAPE = AnswerShape(2, title_chars=60, hook_chars=60, point_chars=30)


@pytest.mark.parametrize(
    ("a", "b", "near"),
    [
        ("The greatest sleepwalkers in history", "The Greatest Sleepwalkers in History!", True),
        ("The greatest sleepwalkers in history", "Greatest sleepwalkers of history", True),
        ("5 mistakes new gardeners make", "A beginner's guide to compost", False),
        ("집에서 커피 내리는 법", "집에서 커피를 내리는 방법", True),
        ("집에서 커피 내리는 법", "카페 창업 비용 정리", False),
    ],
)
def test_near_duplicate_is_the_issues_difflib_ratio(a: str, b: str, near: bool) -> None:
    def letters(text: str) -> str:
        return "".join(ch for ch in text.lower() if ch.isalnum())

    ratio = SequenceMatcher(None, letters(a), letters(b)).ratio()
    assert (ratio >= 0.75) is near, ratio
    assert near_duplicate(a, b) is near


def test_the_book_holds_history_and_what_is_added() -> None:
    book = TitleBook(["Cold brew at home", "  "])
    assert book.is_near_duplicate("cold brew, at home")
    assert not book.is_near_duplicate("Latte art for beginners")
    assert book.add("Latte art for beginners", unless_near=True)
    assert not book.add("Latte Art for Beginners!", unless_near=True)
    assert book.add("Latte Art for Beginners!")  # kept all the same when insisted
    assert book.is_near_duplicate("latte art for beginners")


def _write(machine: IdeaMachine, state: State, chunks: list[str]) -> list[LineVerdict]:
    """Feed ``chunks`` as accepted tokens, settling after each, as the decoder does."""
    verdicts = []
    for chunk in chunks:
        assert machine.feed(state, chunk.encode()), chunk
        verdicts.append(machine.settle(state))
    return verdicts


def test_a_repeated_title_is_taken_back_twice_then_kept() -> None:
    book = TitleBook(["The greatest sleepwalkers in history"])
    machine = IdeaMachine(SHAPE, titles=book)
    state = machine.start()
    assert not machine.checkpoint(state)  # the heading is still to be written
    assert machine.feed(state, machine.forced(state))
    assert machine.checkpoint(state)
    saved = state.copy()
    repeat = [" The Greatest", " Sleepwalkers in", " History", "\nA"]
    for _ in range(MAX_REWRITES):
        state = saved.copy()
        assert _write(machine, state, repeat) == [LineVerdict.GO_ON] * 3 + [LineVerdict.TAKE_BACK]
    state = saved.copy()
    assert _write(machine, state, repeat)[-1] == LineVerdict.KEEP
    assert not machine.checkpoint(state)  # in the hook now
    # The second idea's new title is kept and joins the book; nothing after it is judged.
    verdicts = _write(
        machine, state, [" hook\n- a\n- b\n", "\n## 2.", " Famous dreams\n", "x\n- y\n"]
    )
    assert verdicts == [LineVerdict.GO_ON, LineVerdict.GO_ON, LineVerdict.KEEP, LineVerdict.GO_ON]
    assert book.is_near_duplicate("famous dreams!")


def test_trial_feeds_leave_the_book_alone() -> None:
    """The decoder tries candidates on copies: only settle on the real state may add a title."""
    book = TitleBook()
    machine = IdeaMachine(SHAPE, titles=book)
    state = machine.start()
    machine.feed(state, machine.forced(state))
    trial = state.copy()
    assert machine.feed(trial, b" Tea at dawn\n")
    assert not book.is_near_duplicate("Tea at dawn")
    assert machine.settle(state) == LineVerdict.GO_ON  # the real state closed no line


def test_a_machine_without_a_book_still_keeps_its_own_ideas_apart() -> None:
    machine = IdeaMachine(SHAPE)
    state = machine.start()
    first = "## 1. Tea at dawn\nh\n- a\n- b\n\n## 2."
    assert _write(machine, state, [first[:18], first[18:]]) == [LineVerdict.KEEP, LineVerdict.GO_ON]
    assert _write(machine, state, [" Tea at dawn!\n"]) == [LineVerdict.TAKE_BACK]


def test_split_gives_one_idea_shapes_numbered_in_order_sharing_one_book() -> None:
    shape = AnswerShape(3, title_chars=40)
    parts = shape.split()
    assert [(part.count, part.first, part.title_chars) for part in parts] == [
        (1, 1, 40),
        (1, 2, 40),
        (1, 3, 40),
    ]
    assert parts[0].titles is parts[2].titles is not None
    assert parts[1] == AnswerShape(1, title_chars=40, first=2)  # the book is no part of equality
    machines = [part.machine(len) for part in parts]
    states = [machine.start() for machine in machines]
    assert [machine.forced(state) for machine, state in zip(machines, states, strict=True)] == [
        b"## 1.",
        b"## 2.",
        b"## 3.",
    ]
    for machine, state in zip(machines, states, strict=True):
        machine.feed(state, machine.forced(state))
    assert _write(machines[0], states[0], [" Cold brew basics\n"]) == [LineVerdict.KEEP]
    assert _write(machines[2], states[2], [" Cold-brew basics\n"]) == [LineVerdict.TAKE_BACK]
    assert _write(machines[1], states[1], [" Milk frothing\nh\n- a\n- b\n"])[0] == LineVerdict.KEEP
    assert machines[1].can_stop(states[1]) and machines[1].parts == 1


def test_a_one_idea_shape_costs_its_own_heading() -> None:
    machine = AnswerShape(1, first=12).machine(len)
    state = machine.start()
    shortest = b"## 12. x\ny\n- z\n- w\n"
    assert machine.cost(state) == len(shortest)
    assert machine.feed(state, shortest) and machine.can_stop(state)
