"""The tolerant parser, on the shape we ask for, on real answers and on broken ones."""

from __future__ import annotations

from pathlib import Path

from blogideas_gui.core.writing.ideas import Idea, parse_ideas

DATA = Path(__file__).parents[2] / "support" / "data"


def test_the_asked_for_shape() -> None:
    text = (
        "## 1. Brew like a barista\n"
        "Why your kitchen can beat the café.\n"
        "- Grind size\n- Water temperature\n\n"
        "## 2. The $20 pour-over\n"
        "Great coffee on a budget.\n"
        "- Gear list\n- Technique\n"
    )
    assert parse_ideas(text) == [
        Idea(
            "Brew like a barista",
            "Why your kitchen can beat the café.",
            ["Grind size", "Water temperature"],
        ),
        Idea("The $20 pour-over", "Great coffee on a budget.", ["Gear list", "Technique"]),
    ]


def test_a_title_heading_above_the_ideas_is_not_an_idea() -> None:
    text = "# Ideas for hiking\n\n### Idea 1: **Trail snacks**\nHook: eat well.\n### Idea 2: Boots\n- fit\n"
    ideas = parse_ideas(text)
    assert [idea.title for idea in ideas] == ["Trail snacks", "Boots"]
    assert ideas[0].hook == "eat well."
    assert ideas[1].outline == ["fit"]


def test_korean_headings_and_labels() -> None:
    text = (
        "## 1. “홈카페 입문 가이드”\n"
        "한 줄 소개: 집에서도 카페 맛을 내는 법.\n"
        "- 원두 고르기\n- 추출 도구\n"
        "## 2. 핸드드립의 모든 것\n"
        "* 물 온도\n"
    )
    ideas = parse_ideas(text)
    assert ideas[0] == Idea(
        "홈카페 입문 가이드", "집에서도 카페 맛을 내는 법.", ["원두 고르기", "추출 도구"]
    )
    assert ideas[1].title == "핸드드립의 모든 것"
    assert ideas[1].outline == ["물 온도"]


def test_numbered_list_with_bold_titles() -> None:
    text = (
        "Sure! Here are ideas:\n\n"
        "1. **Cold brew at home**: smooth coffee without heat.\n"
        "   - Ratio\n   - Steeping time\n"
        "2. **Latte art basics** - impress your friends.\n"
    )
    ideas = parse_ideas(text)
    assert ideas == [
        Idea("Cold brew at home", "smooth coffee without heat.", ["Ratio", "Steeping time"]),
        Idea("Latte art basics", "impress your friends."),
    ]


def test_bold_lines_as_titles() -> None:
    text = "**Morning rituals**\nStart the day right.\n\n**Evening decaf**\nSleep well.\n"
    assert [(i.title, i.hook) for i in parse_ideas(text)] == [
        ("Morning rituals", "Start the day right."),
        ("Evening decaf", "Sleep well."),
    ]


def test_run_on_titles_are_split_into_title_and_hook() -> None:
    long = (
        "1. A post about how to make a perfect cup of coffee using only five ingredients – "
        "flaked coconut oil, cinnamon and milk, from scratch in no time at all\n"
        "2. Short title\n"
    )
    first, second = parse_ideas(long)
    assert (
        first.title
        == "A post about how to make a perfect cup of coffee using only five ingredients"
    )
    assert first.hook.startswith("flaked coconut oil")
    assert second == Idea("Short title")


def test_malformed_and_cut_off_answers_never_raise() -> None:
    assert parse_ideas("") == []
    assert parse_ideas("Just some prose without any structure.") == []
    assert parse_ideas("##\n##\n- orphan bullet") == []
    cut = "## 1. Complete idea\nHook.\n- a\n## 2. Cut off in the mid"
    assert [idea.title for idea in parse_ideas(cut)] == ["Complete idea", "Cut off in the mid"]


def test_heading_without_space_after_hashes() -> None:
    text = "#1. DIY Home Coffee\n- beans\n#2. Brewing with a friend\n- talk\n"
    assert [idea.title for idea in parse_ideas(text)] == [
        "DIY Home Coffee",
        "Brewing with a friend",
    ]


def test_real_answer_from_the_starter_model() -> None:
    """An answer the starter model gave (recorded), numbered lines and noise included."""
    text = (DATA / "smollm2_answer_en.md").read_text(encoding="utf-8")
    ideas = parse_ideas(text)
    assert len(ideas) == 5
    assert ideas[0] == Idea(
        "DIY coffee brewing",
        "",
        [
            "Using a small pot, add sugar and cinnamon to the batter of your favorite cupcakes "
            "or muffins. This recipe is simple but it makes for an interesting story about "
            "self-reliance when you have one!"
        ],
    )
    assert ideas[1].title == "Coffee with lemon"
    assert ideas[1].hook.startswith("Serve some deliciously dark limes")
