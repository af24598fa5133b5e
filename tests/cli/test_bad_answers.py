"""``blogideas generate`` against servers that misbehave, and text that is not text.

A real process each time (``python -m blogideas_gui``), as a user runs it;
the loopback server answers as a proxy's error page, a crashing server or a
garbling proxy would. Each ends with one plain line on stderr and a non-zero
exit status, the history says how the request ended and keeps what arrived,
and the spending ledger counts nothing for it.
"""

from __future__ import annotations

import json
import os

import pytest

from blogideas_gui.core.account.budget import Ledger
from blogideas_gui.core.common.logs import LOG_FILE
from blogideas_gui.core.common.paths import log_dir
from blogideas_gui.core.history.store import HistoryStore
from tests.cli.test_main import run_cli
from tests.support.openai_error_server import Reply, openai_script_server

# A priced model on a server on this computer: no key needed, a cost counted if made up.
MODEL = "gpt-4o-mini"
BAD_GATEWAY = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    b"</body>\r\n</html>\r\n"
)
PIECES = ["## 1. Morning pour-over\n", "**Hook:** A calm start\n", "- Beans"]
ARRIVED = "".join(PIECES)


def generate(reply: Reply, *extra: str, lang: str = "en") -> tuple[int, str, str]:
    """Exit status, stdout and stderr of one ``generate`` against ``reply``."""
    with openai_script_server([reply]) as (url, _seen):
        result = run_cli(
            "generate", "home coffee", "--lang", "en", "--count", "2", "--backend", "openai",
            "--base-url", url, "--model", MODEL, *extra, env={"BLOGIDEAS_LANG": lang},
        )  # fmt: skip
    return result.returncode, result.stdout, result.stderr


def only_session() -> tuple[str, str, str]:
    """Status, text and error of the one request in history."""
    with HistoryStore() as store:
        (summary,) = store.list_sessions()
        session = store.get(summary.id)
    assert session is not None
    return session.status, session.markdown, session.error


def assert_one_plain_line(stderr: str, *phrases: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    for phrase in phrases:
        assert phrase in lines[0], lines[0]
    for word in ("Traceback", "unexpected", "Cannot reach", "internet"):
        assert word not in stderr
    return lines[0]


def assert_no_traceback_logged() -> None:
    log = log_dir() / LOG_FILE
    assert "Traceback" not in (log.read_text(encoding="utf-8") if log.exists() else "")


def test_a_proxy_page_sent_with_200_fails_with_its_title_and_costs_nothing() -> None:
    code, stdout, stderr = generate(Reply(raw=BAD_GATEWAY))
    assert code == 3
    assert stdout.strip() == ""
    assert_one_plain_line(stderr, "web page", "“502 Bad Gateway”", "/v1")
    status, markdown, error = only_session()
    assert (status, markdown) == ("failed", "")
    assert "502 Bad Gateway" in error
    assert Ledger().month_total() == 0.0
    assert_no_traceback_logged()


def test_the_proxy_page_in_korean() -> None:
    code, _stdout, stderr = generate(Reply(raw=BAD_GATEWAY), lang="ko")
    assert code == 3
    assert_one_plain_line(stderr, "웹 페이지", "502 Bad Gateway")


@pytest.mark.parametrize("ending", ["cut", "eof"])
def test_a_stream_that_breaks_off_keeps_what_arrived(ending: str) -> None:
    code, stdout, stderr = generate(Reply(sse=PIECES, ending=ending))  # type: ignore[arg-type]
    assert code == 3
    assert stdout.startswith(ARRIVED)  # shown as it came
    assert_one_plain_line(stderr, "stopped in the middle of its answer", "kept")
    status, markdown, error = only_session()
    assert status == "failed" and markdown == ARRIVED  # not "finished"; the text kept
    assert "stopped in the middle" in error
    assert Ledger().month_total() == 0.0
    assert_no_traceback_logged()


def test_lines_that_are_not_json_have_their_own_message() -> None:
    code, stdout, stderr = generate(Reply(sse=PIECES, ending="garbage"), "--json")
    assert code == 3
    assert stdout == ""  # --json prints only a whole result
    assert_one_plain_line(stderr, "not JSON")
    status, markdown, _error = only_session()
    assert (status, markdown) == ("failed", ARRIVED)
    assert_no_traceback_logged()


def test_a_whole_answer_from_the_same_server_still_works() -> None:
    """The control for the above: same server, same model, an answer that ends properly."""
    code, stdout, stderr = generate(Reply(sse=PIECES), "--json")
    assert code == 0, stderr
    assert json.loads(stdout)["markdown"] == ARRIVED
    assert only_session()[0] == "finished"
    assert Ledger().month_total() > 0.0


@pytest.mark.parametrize(
    "arguments",
    [
        ["generate", os.fsdecode(b"caf\xe9")],
        ["generate", "coffee", "--tone", os.fsdecode(b"\xb5\xbf\xc0\xcf")],  # EUC-KR bytes
        ["history", "list", "--search", os.fsdecode(b"caf\xe9")],
    ],
    ids=["topic", "tone", "search"],
)
def test_text_that_is_not_utf8_is_refused_in_one_line(arguments: list[str]) -> None:
    result = run_cli(*arguments)
    assert result.returncode == 2
    line = assert_one_plain_line(result.stderr, "not UTF-8", "UTF-8")
    assert "\\udc" not in line  # the bad bytes shown as �, not as Python's escapes
    assert result.stdout == ""
    with HistoryStore() as store:
        assert store.list_sessions() == []
    assert_no_traceback_logged()


def test_text_that_is_not_utf8_in_korean() -> None:
    result = run_cli("generate", os.fsdecode(b"caf\xe9"), env={"BLOGIDEAS_LANG": "ko"})
    assert result.returncode == 2
    assert_one_plain_line(result.stderr, "“caf�”", "UTF-8")


def test_a_server_address_with_a_typo_is_refused_in_one_line() -> None:
    result = run_cli(
        "generate", "coffee", "--backend", "openai", "--base-url", "http://[::1:8080/v1"
    )
    assert result.returncode == 2
    assert_one_plain_line(result.stderr, "server address cannot be used", "http://")
    assert_no_traceback_logged()
