"""The one request pipeline, on the real starter model, a real history and a real ledger."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from blogideas_gui.core.account.budget import Ledger
from blogideas_gui.core.backends.base import GenerationOptions, TextDelta
from blogideas_gui.core.backends.local import LocalBackend
from blogideas_gui.core.backends.openai_api import OpenAIBackend
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.generation.runner import GenerationResult
from blogideas_gui.core.history.store import HistoryStore
from blogideas_gui.core.pipeline.pipeline import Pipeline
from blogideas_gui.core.writing.prompts import IdeaRequest
from blogideas_gui.core.writing.templates import TemplateStore
from tests.conftest import free_port
from tests.support.openai_error_server import Reply, openai_script_server

SHORT = GenerationOptions(max_tokens=48, seed=5)


def test_a_request_is_recorded_as_it_streams_and_uses_the_users_role(
    tmp_path: Path, local_backend: LocalBackend
) -> None:
    templates = TemplateStore(tmp_path / "templates")
    templates.save("en", "You are a terse blog editor. Answer in Markdown.")
    with HistoryStore(tmp_path / "history.sqlite3") as store:
        pipeline = Pipeline(Ledger(tmp_path / "ledger.sqlite3"), store, templates, SHORT)
        prepared = pipeline.ideas(IdeaRequest("  tea  ", 2, "en"), local_backend, None)
        assert prepared.request.topic == "tea"  # checked before it runs
        assert prepared.role == "You are a terse blog editor. Answer in Markdown."
        assert prepared.session_id is not None
        running = store.get(prepared.session_id)
        assert running is not None and running.status == "running"

        events = list(pipeline.run(prepared, CancelToken()))
        text = "".join(e.text for e in events if isinstance(e, TextDelta))
        [result] = [e for e in events if isinstance(e, GenerationResult)]
        stored = store.get(prepared.session_id)
    assert stored is not None and stored.status == "finished"
    assert stored.markdown == result.markdown == text
    assert result.cost_usd == 0.0  # free: nothing for the ledger


def test_an_expansion_is_recorded_under_its_session(
    tmp_path: Path, local_backend: LocalBackend
) -> None:
    with HistoryStore(tmp_path / "history.sqlite3") as store:
        pipeline = Pipeline(Ledger(tmp_path / "ledger.sqlite3"), store, options=SHORT)
        ideas = pipeline.ideas(IdeaRequest("gardening", 1, "en"), local_backend, None)
        list(pipeline.run(ideas, CancelToken()))
        assert ideas.session_id is not None
        session = store.get(ideas.session_id)
        assert session is not None and session.ideas
        prepared = pipeline.expansion(session, 0, "outline", local_backend, None)
        assert prepared.messages is not None and prepared.expansion_id is not None
        list(pipeline.run(prepared, CancelToken()))
        [expansion] = store.expansions(session.id)
    assert (expansion.kind, expansion.status) == ("outline", "finished")
    assert expansion.markdown


def test_a_spent_month_refuses_a_paid_request_before_anything_starts(tmp_path: Path) -> None:
    # Nothing listens at this address: the refusal must come before any connection.
    paid = OpenAIBackend(
        model="gpt-5-mini", base_url=f"http://127.0.0.1:{free_port()}/v1", api_key="sk-test"
    )
    with HistoryStore(tmp_path / "history.sqlite3") as store:
        pipeline = Pipeline(Ledger(tmp_path / "ledger.sqlite3"), store)
        with pytest.raises(BlogIdeasError) as refused:
            pipeline.ideas(IdeaRequest("tea", 2, "en"), paid, 0.0)
        assert store.list_sessions() == []
    assert refused.value.kind is ErrorKind.BUDGET_EXCEEDED


def test_a_usage_error_is_said_before_anything_is_recorded(
    tmp_path: Path, local_backend: LocalBackend
) -> None:
    with HistoryStore(tmp_path / "history.sqlite3") as store:
        pipeline = Pipeline(Ledger(tmp_path / "ledger.sqlite3"), store)
        with pytest.raises(BlogIdeasError) as empty:
            pipeline.ideas(IdeaRequest("   ", 2, "en"), local_backend, None)
        assert store.list_sessions() == []
    assert empty.value.kind is ErrorKind.EMPTY_TOPIC


class CountedStore(HistoryStore):
    """The real history store, counting the streamed text it is asked to save."""

    saves = 0

    def save_partial(self, session_id: int, markdown: str) -> None:
        self.saves += 1
        super().save_partial(session_id, markdown)


def test_an_unpaced_stream_is_saved_at_most_about_ten_times_a_second(tmp_path: Path) -> None:
    """The CLI's stream is not paced, yet it must not rewrite the whole answer per token.

    A scripted server on loopback streams the answer: the starter model on a
    busy test machine can write slower than ten pieces a second, and then no
    count of saves could tell a throttled saver from one that saves each piece.
    """
    pieces = ["## 1. Morning pour-over\n", "**Hook:** A calm start\n"] + [
        f"- step {n}\n" for n in range(300)
    ]
    with openai_script_server([Reply(200, sse=pieces)]) as (url, _seen):
        backend = OpenAIBackend(model="gpt-4o-mini", base_url=url)
        with CountedStore(tmp_path / "history.sqlite3") as store:
            pipeline = Pipeline(Ledger(tmp_path / "ledger.sqlite3"), store)  # no pace: the CLI's
            prepared = pipeline.ideas(IdeaRequest("coffee", 1, "en"), backend, None)
            started = time.monotonic()
            events = list(pipeline.run(prepared, CancelToken()))
            seconds = time.monotonic() - started
            assert prepared.session_id is not None
            stored = store.get(prepared.session_id)
    streamed = sum(1 for event in events if isinstance(event, TextDelta))
    [result] = [e for e in events if isinstance(e, GenerationResult)]
    assert streamed > 2 * (seconds * 10 + 2), "the stream came too slowly to tell"
    assert 1 <= store.saves <= seconds * 10 + 2  # the first piece at once, then ten a second
    assert stored is not None and stored.markdown == result.markdown  # the end is saved whole
