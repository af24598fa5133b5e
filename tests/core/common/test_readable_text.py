"""Text that is not text is refused where it enters, before the history or a server sees it."""

from __future__ import annotations

import os

import pytest

from blogideas_gui.core.account.budget import Ledger
from blogideas_gui.core.backends.local import LocalBackend
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.readable_text import MAX_SHOWN, readable
from blogideas_gui.core.history.store import HistoryStore
from blogideas_gui.core.pipeline.pipeline import Pipeline
from blogideas_gui.core.writing.prompts import IdeaRequest

# What a UTF-8 system makes of bytes from a terminal set to Latin-1 or EUC-KR.
LATIN1 = os.fsdecode(b"caf\xe9")
EUC_KR = os.fsdecode(b"\xc7\xd1")  # 한


@pytest.mark.parametrize("text", ["", "home coffee", "집에서 커피 내리기", "☕ 🍵", "line\nbreak"])
def test_real_text_passes_unchanged(text: str) -> None:
    assert readable(text) == text


@pytest.mark.parametrize(
    ("text", "shown"),
    [(LATIN1, "“caf�”"), (EUC_KR, "“��”"), ("\ud83d alone", "“� alone”")],
)
def test_bytes_that_are_not_utf8_are_refused_showing_where(text: str, shown: str) -> None:
    with pytest.raises(BlogIdeasError) as caught:
        readable(text)
    assert caught.value.kind is ErrorKind.BAD_OPTION and caught.value.exit_code == 2
    english, korean = caught.value.message("en"), caught.value.message("ko")
    assert shown in english and "UTF-8" in english
    assert shown in korean and "터미널" in korean
    for message in (english, korean):
        message.encode("utf-8")  # the message itself can be printed anywhere


def test_a_long_text_is_shown_by_its_start() -> None:
    with pytest.raises(BlogIdeasError) as caught:
        readable("x" * 500 + LATIN1)
    assert "x" * (MAX_SHOWN - 1) + "…" in caught.value.message("en")


@pytest.mark.parametrize("field", ["topic", "tone", "audience", "platform", "length"])
def test_a_request_is_refused_before_anything_is_recorded(
    field: str, local_backend: LocalBackend
) -> None:
    """The window's and the CLI's one pipeline: nothing reaches the history or the model."""
    request = IdeaRequest(**{"topic": "coffee", field: LATIN1})  # type: ignore[arg-type]
    with HistoryStore() as store:
        with pytest.raises(BlogIdeasError) as caught:
            Pipeline(Ledger(), store).ideas(request, local_backend, None)
        assert store.list_sessions() == []
    assert "“caf�”" in caught.value.message("en")
