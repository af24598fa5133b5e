"""A Test abandoned for another: only the current test's outcome is said.

Against real loopback servers: the abandoned test waits on a port that never
answers and fails when it closes; the current one lists a real answer's
models. The old answer must not show under the new question.
"""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from blogideas_gui.core.backends.base import ConnectionCheck
from blogideas_gui.core.backends.openai_api import OpenAIBackend
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.ui.guide.connection_test import ConnectionTest, Probe
from tests.support.openai_error_server import (
    Reply,
    model_list,
    openai_script_server,
    silent_server,
)


def server_probe(address: str) -> Probe:
    def probe(cancel: CancelToken) -> ConnectionCheck:
        backend = OpenAIBackend(base_url=address, model="m", max_retries=0)
        try:
            return backend.check_connection(cancel=cancel)
        finally:
            backend.close()

    return probe


def test_an_abandoned_test_says_nothing_while_the_next_one_answers(qtbot: QtBot) -> None:
    test = ConnectionTest("en")
    answers: list[ConnectionCheck] = []
    failures: list[str] = []
    test.succeeded.connect(answers.append)
    test.failed.connect(failures.append)
    abandoned_ended = threading.Event()

    def abandoned(address: str) -> Probe:
        def probe(cancel: CancelToken) -> ConnectionCheck:
            try:
                return server_probe(address)(cancel)
            finally:
                abandoned_ended.set()

        return probe

    try:
        with (
            silent_server() as slow,
            openai_script_server([Reply(body=model_list("new-model"))]) as (fast, _),
        ):
            test.start(abandoned(slow))
            test.cancel()
            assert not test.running
            with qtbot.waitSignal(
                test.running_changed, check_params_cb=lambda r: not r, timeout=120_000
            ):
                test.start(server_probe(fast))
        # The silent port is closed now: the abandoned request fails, and its
        # outcome reaches the GUI thread, which must not say it.
        qtbot.waitUntil(abandoned_ended.is_set, timeout=120_000)
        qtbot.wait(500)
        [answer] = answers
        assert answer.models == ("new-model",)
        assert failures == []
    finally:
        test.shutdown()
