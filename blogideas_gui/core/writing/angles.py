"""Angles that make an answer's ideas differ by design: one per idea, new to the topic.

Asked for five ideas, a small model writes one idea five times in other
words. Giving each idea its own angle (a how-to, mistakes to avoid, a
personal story, ...) makes them differ before a word is written. The angles
are data, kept with the role prompts in the user's language
(``core/data/angles.<lang>.txt``, one a line, the same angles in the same
order in every language).

Which angles the topic's earlier asks used is inferred, not stored: the
angles are dealt round the list in order, the topic's first idea ever the
first angle, so the number of ideas the topic's history holds says which
ones the latest had (:func:`dealt_angles`). That needs no history migration
and counts ideas written before angles existed too (they only shift where
the round goes on). A stopped answer counts only the ideas it kept, so the
angles it never reached come round again soon, which is what should happen.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources

from blogideas_gui.core.common.language import Language


@cache
def angles(language: Language) -> tuple[str, ...]:
    """The angles for ``language``, in the order they are dealt, read once."""
    path = resources.files("blogideas_gui.core") / "data" / f"angles.{language}.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip())


def dealt_angles(language: Language, ideas_before: int) -> list[str]:
    """The angles the topic's latest ideas were dealt, oldest first.

    ``ideas_before`` is how many ideas the topic's history holds, all of them
    (``len(store.recent_titles(topic, None))``: a capped count would stop the
    round); the last of them got the angle before position ``ideas_before``
    in the round, and at most one round is remembered.
    """
    every = angles(language)
    start = max(0, ideas_before - len(every))
    return [every[position % len(every)] for position in range(start, ideas_before)]


def angles_for(count: int, language: Language, recently_used: Sequence[str]) -> list[str]:
    """``count`` angles for one answer: those the topic did not use lately first.

    Unused angles come in the list's order, then the recently used ones in
    the order given (oldest first), so the least recently used comes back
    first; past the end of the list the round starts again.
    """
    used = [angle for angle in dict.fromkeys(recently_used) if angle in angles(language)]
    order = [angle for angle in angles(language) if angle not in used] + used
    return [order[index % len(order)] for index in range(count)]
