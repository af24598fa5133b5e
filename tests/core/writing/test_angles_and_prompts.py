"""Angles dealt round the list, and prompts that carry them and the titles to avoid."""

from __future__ import annotations

import pytest

from blogideas_gui.core.common.language import Language
from blogideas_gui.core.writing.angles import angles, angles_for, dealt_angles
from blogideas_gui.core.writing.prompts import (
    MAX_AVOID,
    IdeaRequest,
    build_messages,
    build_part_messages,
)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_each_language_has_the_same_ten_or_more_distinct_angles(language: Language) -> None:
    listed = angles(language)
    assert len(listed) >= 10 and len(set(listed)) == len(listed)
    assert len(listed) == len(angles("en"))  # the same angles, in the same order


def test_a_fresh_topic_gets_the_first_angles_in_order() -> None:
    assert angles_for(5, "en", ()) == list(angles("en")[:5])
    assert dealt_angles("en", 0) == []


def test_angles_the_topic_used_lately_come_last() -> None:
    every = angles("en")
    chosen = angles_for(len(every), "en", [every[1], every[0]])
    assert chosen[-2:] == [every[1], every[0]]  # the least recently used first
    assert chosen[:-2] == list(every[2:])
    assert angles_for(3, "en", ["not an angle of this language"]) == list(every[:3])


@pytest.mark.parametrize("count", [3, 5, 7])
def test_asks_on_one_topic_go_round_the_whole_list(count: int) -> None:
    """Inferred from how many ideas the topic has: ask after ask, the round goes on."""
    every = angles("ko")
    dealt: list[str] = []
    for _ in range(6):
        got = angles_for(count, "ko", dealt_angles("ko", len(dealt)))
        assert len(set(got)) == len(got)
        dealt.extend(got)
    assert dealt == [every[index % len(every)] for index in range(len(dealt))]


def test_more_ideas_than_angles_start_the_round_again() -> None:
    every = angles("en")
    assert angles_for(len(every) + 2, "en", ())[-2:] == list(every[:2])


REQUEST = IdeaRequest("home coffee", 3, "en", tone="calm", platform="naver")
AVOID = [f"Old title {n}" for n in range(MAX_AVOID + 3)]


def test_one_answer_asks_idea_k_for_angle_k_and_names_the_titles_to_avoid() -> None:
    plain = build_messages(REQUEST)
    system, user = build_messages(REQUEST, angles=["a how-to", "myths", "costs"], avoid=AVOID)
    assert system == plain[0]
    content = user["content"]
    assert content.startswith(plain[1]["content"])  # the same ask, then the new lines
    assert "\n1. a how-to\n2. myths\n3. costs\n" in content
    assert f"- Old title {MAX_AVOID - 1}" in content and f"- Old title {MAX_AVOID}" not in content


def test_korean_requests_ask_in_korean() -> None:
    request = IdeaRequest("홈카페", 2, "ko")
    user = build_messages(request, angles=list(angles("ko")[:2]), avoid=["드립 커피"])[1]
    assert "아이디어마다" in user["content"] and "- 드립 커피" in user["content"]
    part = build_part_messages(request, 2, angles("ko")[1], ["드립 커피"])[1]["content"]
    assert part.splitlines()[-1] == f"2번 아이디어 하나만 이 관점으로 써 주세요: {angles('ko')[1]}."


def test_part_messages_differ_only_in_their_last_line() -> None:
    """So every sequence shares the evaluated prompt up to its own words."""
    chosen = angles_for(REQUEST.count, "en", ())
    parts = [
        build_part_messages(REQUEST, number, angle, AVOID, role="My own role")
        for number, angle in enumerate(chosen, 1)
    ]
    assert all(part[0] == {"role": "system", "content": "My own role"} for part in parts)
    users = [part[1]["content"] for part in parts]
    shared = {user.rsplit("\n", 1)[0] for user in users}
    assert len(shared) == 1
    (head,) = shared
    assert "home coffee" in head and "Tone: calm." in head and "- Old title 0" in head
    assert all(angle not in head for angle in chosen)
    for number, (user, angle) in enumerate(zip(users, chosen, strict=True), 1):
        assert user.rsplit("\n", 1)[1] == f"Write only idea {number}, from this angle: {angle}."
