"""Answers that are not OpenAI-compatible ones, each with its own plain message.

A loopback server misbehaves as proxies and crashing servers do (a real
OpenAI-compatible server cannot be made to): a 200 with a "502 Bad Gateway"
page, a stream cut after real chunks (the connection dropped mid-body, or the
body just ending), a line that is not JSON. Each goes through the real
``openai`` client and backend, then through the request pipeline with a real
history and spending ledger on disk.
"""

from __future__ import annotations

import pytest

from blogideas_gui.core.account.budget import Ledger
from blogideas_gui.core.backends.base import Done, GenerationOptions, TextDelta
from blogideas_gui.core.backends.openai_api import OpenAIBackend
from blogideas_gui.core.backends.openai_errors import page_title
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.generation.runner import GenerationResult
from blogideas_gui.core.history.store import HistoryStore
from blogideas_gui.core.pipeline.pipeline import Pipeline
from blogideas_gui.core.writing.prompts import IdeaRequest, build_messages
from tests.support.cutting_proxy import cutting_proxy
from tests.support.openai_error_server import Reply, chunk, openai_script_server

SHORT = GenerationOptions(max_tokens=40, seed=5)
MESSAGES = build_messages(IdeaRequest("home coffee", 2, "en"))
# A priced model, so a cost would be counted if one were wrongly made up.
MODEL = "gpt-4o-mini"
BAD_GATEWAY = (
    b"<!DOCTYPE html>\n<html><head><meta charset='utf-8'>\n<title>502 Bad Gateway</title>"
    b"</head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center>"
    b"</body></html>\n"
)
PIECES = ["## 1. Morning pour-over", "\n- A calm start", "\n- Beans and grind"]
ARRIVED = "".join(PIECES)

PAGE = Reply(raw=BAD_GATEWAY)
CUT = Reply(sse=PIECES, ending="cut")
ENDED = Reply(sse=PIECES, ending="eof")
GARBLED = Reply(sse=PIECES, ending="garbage")
PLAIN = Reply(raw=b"Bad Gateway\n", headers={"Content-Type": "text/plain"})

# What each says, in English and in Korean; and what none may say.
SAYS = {
    "page": (["web page", "“502 Bad Gateway”", "/v1", "Wi-Fi"], ["웹 페이지", "502 Bad Gateway"]),
    "broken": (["stopped in the middle of its answer", "kept"], ["중간에 멈췄습니다", "남겨"]),
    "garbled": (["not JSON", "kept"], ["JSON이 아니거나", "남겨"]),
    "not openai": (["not as an OpenAI-compatible server does"], ["OpenAI 호환 서버의 방식이"]),
}
NEVER = ["Cannot reach", "internet", "unexpected", "인터넷", "예기치"]


def backend(url: str) -> OpenAIBackend:
    return OpenAIBackend(model=MODEL, base_url=url, max_retries=0)


def streamed(reply: Reply) -> tuple[list[str], BlogIdeasError]:
    """The text that arrived before the failure, and the failure."""
    texts: list[str] = []
    with openai_script_server([reply]) as (url, _seen), pytest.raises(BlogIdeasError) as caught:
        for event in backend(url).stream(MESSAGES, SHORT, CancelToken()):
            assert isinstance(event, TextDelta), "a bad answer ended as if it were one"
            texts.append(event.text)
    return texts, caught.value


def assert_says(error: BlogIdeasError, case: str) -> None:
    assert error.kind is ErrorKind.BAD_ANSWER
    english, korean = error.message("en"), error.message("ko")
    en, ko = SAYS[case]
    for phrase in en:
        assert phrase in english, english
    for phrase in ko:
        assert phrase in korean, korean
    for message in (english, korean):
        assert "127.0.0.1" in message and "\n" not in message
        assert not any(word in message for word in NEVER), message


@pytest.mark.parametrize(
    ("reply", "case", "arrived"),
    [
        (PAGE, "page", ""),
        (PLAIN, "not openai", ""),
        (CUT, "broken", ARRIVED),
        (ENDED, "broken", ARRIVED),
        (GARBLED, "garbled", ARRIVED),
    ],
    ids=["html-200", "text-200", "connection-dropped", "body-ended", "not-json-line"],
)
def test_each_bad_answer_has_its_own_message_after_what_arrived(
    reply: Reply, case: str, arrived: str
) -> None:
    texts, error = streamed(reply)
    assert "".join(texts) == arrived
    assert_says(error, case)


def test_a_page_without_a_title_is_still_called_a_page() -> None:
    _texts, error = streamed(Reply(raw=b"<html><body>Sign in to the hotel Wi-Fi</body></html>"))
    assert "web page instead" in error.message("en")  # no empty “” left in the sentence


def test_a_whole_stream_labelled_as_plain_text_is_still_read() -> None:
    """Only a page is refused: a server that names its event stream wrongly still works."""
    events = "".join(chunk(text) for text in PIECES) + chunk(None, "stop") + "data: [DONE]\n\n"
    labelled = Reply(raw=events.encode(), headers={"Content-Type": "text/plain; charset=utf-8"})
    with openai_script_server([labelled]) as (url, _seen):
        answer = list(backend(url).stream(MESSAGES, SHORT, CancelToken()))
    assert "".join(e.text for e in answer if isinstance(e, TextDelta)) == ARRIVED
    assert isinstance(answer[-1], Done) and answer[-1].finish_reason == "stop"


@pytest.mark.parametrize("probe", ["models", "chat"])
def test_the_connection_check_names_the_page_instead_of_passing(probe: str) -> None:
    """The guide's Test button once said "works" for a captive portal (chat) or crashed (models)."""
    with openai_script_server([PAGE]) as (url, _seen), pytest.raises(BlogIdeasError) as caught:
        backend(url).check_connection(probe)  # type: ignore[arg-type]
    assert_says(caught.value, "page")


@pytest.mark.parametrize(
    ("body", "title"),
    [
        (b"<TITLE>\n  Caf&eacute; \t Wi-Fi\n</TITLE>", "Café Wi-Fi"),
        (b"<title>" + b"x" * 200 + b"</title>", "x" * 79 + "…"),
        (b"<title>\x00bell\x07</title>", "bell"),
        (b"<html>no title</html>", ""),
    ],
)
def test_a_page_title_is_shown_clean_and_short(body: bytes, title: str) -> None:
    assert page_title(body) == title


# -- through the pipeline: the history keeps what arrived, the ledger counts nothing --


def run_pipeline(reply: Reply) -> tuple[int, BlogIdeasError | None, list[str]]:
    """One idea request through the window's and the CLI's pipeline.

    Returns the session's id, the failure (None for an answer that ended as
    one) and the text passed on.
    """
    texts: list[str] = []
    error: BlogIdeasError | None = None
    ended = False
    with openai_script_server([reply]) as (url, _seen), HistoryStore() as store:
        pipeline = Pipeline(Ledger(), store, None, SHORT)
        prepared = pipeline.ideas(IdeaRequest("home coffee", 2, "en"), backend(url), 10.0)
        try:
            for event in pipeline.run(prepared, CancelToken()):
                if isinstance(event, TextDelta):
                    texts.append(event.text)
                ended = ended or isinstance(event, GenerationResult)
        except BlogIdeasError as caught:
            error = caught
    assert prepared.session_id is not None
    assert ended is (error is None), "a bad answer ended as if it were one"
    return prepared.session_id, error, texts


@pytest.mark.parametrize(
    ("reply", "case", "arrived"),
    [(PAGE, "page", ""), (CUT, "broken", ARRIVED), (GARBLED, "garbled", ARRIVED)],
    ids=["html-200", "connection-dropped", "not-json-line"],
)
def test_history_keeps_what_arrived_and_marks_it_and_no_cost_is_counted(
    reply: Reply, case: str, arrived: str
) -> None:
    session_id, error, texts = run_pipeline(reply)
    assert error is not None
    assert_says(error, case)
    assert "".join(texts) == arrived
    with HistoryStore() as store:
        session = store.get(session_id)
    assert session is not None
    assert session.status == "failed"  # not "finished", with the reason kept beside the text
    assert session.error == error.message("en")
    assert session.markdown == arrived
    # Nothing is costed for a request that failed: the ledger counts answers that ended.
    assert Ledger().month_total() == 0.0


def test_a_whole_answer_from_the_same_server_is_counted() -> None:
    """The control: the ledger does count a real answer from this priced model."""
    _session, error, texts = run_pipeline(Reply(sse=PIECES))
    assert error is None and "".join(texts) == ARRIVED
    assert Ledger().month_total() > 0.0


def test_a_real_server_cut_off_mid_answer_keeps_the_real_chunks(llama_server: str) -> None:
    """llama_cpp.server's own stream, dropped by a proxy after real chunks (a crash, a lost path)."""
    texts: list[str] = []
    with cutting_proxy(llama_server, events=6) as url:
        real = OpenAIBackend(model="smollm2", base_url=url, max_retries=0)
        with pytest.raises(BlogIdeasError) as caught:
            for event in real.stream(
                MESSAGES, GenerationOptions(max_tokens=200, seed=3), CancelToken()
            ):
                assert isinstance(event, TextDelta)
                texts.append(event.text)
    assert 3 <= len(texts) <= 6 and "".join(texts).strip()
    assert_says(caught.value, "broken")
