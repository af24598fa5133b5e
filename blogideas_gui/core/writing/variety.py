"""Titles an answer must not repeat: the topic's recent ones and those already written.

Naver ranks down near-duplicate posts, and a friend asking twice on one
topic wants new ideas, not the old ones in other words. The measure is the
one variety is measured by: :func:`near_duplicate`, difflib's ratio of the
two titles' letters and digits (case, spaces and punctuation do not make a
title new). The decoder asks the book through the idea machine each time a
title line closes, and writes the title again when it repeats one.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from difflib import SequenceMatcher

from blogideas_gui.core.backends.constraint import LineVerdict

NEAR_RATIO = 0.75
"""difflib ratio at and above which two titles count as the same idea."""
MAX_REWRITES = 2
"""Times one idea's title is taken back for repeating another; then it is kept.

Each rewrite costs the title's tokens again; two give a small model three
draws, and an answer must end even when the topic leaves little new to say.
"""


def _letters(title: str) -> str:
    """``title`` lower-cased with everything but letters and digits left out (any script)."""
    return "".join(ch for ch in title.lower() if ch.isalnum())


def near_duplicate(a: str, b: str) -> bool:
    """Whether two titles say the same thing: ratio >= :data:`NEAR_RATIO` of their letters."""
    return SequenceMatcher(None, _letters(a), _letters(b), autojunk=False).ratio() >= NEAR_RATIO


class TitleBook:
    """The titles a new one is held against; shared by the sequences of one answer.

    Sequences decoded in one batch run on one thread today, but the book is
    locked anyway: checking a title and adding it is one step
    (:meth:`add` with ``unless_near``), so two sequences can never both
    claim the same idea, whichever threads they run on.
    """

    def __init__(self, titles: Iterable[str] = ()) -> None:
        self._lock = threading.Lock()
        self._titles = [_letters(title) for title in titles if title.strip()]

    def is_near_duplicate(self, title: str) -> bool:
        """Whether ``title`` near-duplicates a title in the book."""
        with self._lock:
            return self._near(_letters(title))

    def add(self, title: str, *, unless_near: bool = False) -> bool:
        """Put ``title`` in the book; with ``unless_near``, only if it is new. Whether added."""
        letters = _letters(title)
        with self._lock:
            if unless_near and self._near(letters):
                return False
            self._titles.append(letters)
            return True

    def _near(self, letters: str) -> bool:
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(letters)
        for other in self._titles:
            matcher.set_seq1(other)
            if matcher.ratio() >= NEAR_RATIO:
                return True
        return False


class TitleJudge:
    """One sequence's verdicts on its finished titles, against a book it may share.

    It counts each idea's rewrites itself (a decoder restoring a saved state
    must not reset them): a title new to the book is kept and added; one
    that near-duplicates a title there is taken back, up to
    :data:`MAX_REWRITES` times per idea, then kept as it is.
    """

    def __init__(self, book: TitleBook) -> None:
        self._book = book
        self._rewrites: dict[int, int] = {}

    def judge(self, idea: int, title: str) -> LineVerdict:
        """``KEEP`` or ``TAKE_BACK`` for idea ``idea``'s finished ``title``."""
        rewrites = self._rewrites.get(idea, 0)
        if self._book.add(title, unless_near=rewrites < MAX_REWRITES):
            return LineVerdict.KEEP
        self._rewrites[idea] = rewrites + 1
        return LineVerdict.TAKE_BACK
