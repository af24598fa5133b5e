"""A separate process that writes to the history store, for the history tests.

``many DB TAG N START_AT``: wait until ``START_AT`` (a ``time.time()``), then
write ``N`` complete sessions, as a second app window would.

``generate DB``: run a real generation on the starter model through the real
core, saving the streamed text with :class:`StreamSaver` as the window does;
the test kills this process with SIGKILL part-way.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from blogideas_gui.core.backends.base import GenerationOptions, TextDelta
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.generation.runner import GenerationResult, generate
from blogideas_gui.core.history.saver import StreamSaver
from blogideas_gui.core.history.store import HistoryStore
from blogideas_gui.core.writing.ideas import Idea
from blogideas_gui.core.writing.prompts import IdeaRequest


def write_many(path: Path, tag: str, count: int, start_at: float) -> None:
    """Write ``count`` sessions, each started, saved twice while streaming, finished."""
    with HistoryStore(path) as store:
        time.sleep(max(0.0, start_at - time.time()))
        for index in range(count):
            request = IdeaRequest(f"{tag} topic {index}", 3, "en")
            session_id = store.start(request, "local", "writer")
            store.save_partial(session_id, f"# {tag} {index}")
            store.save_partial(session_id, f"# {tag} {index}\n\nHook {index}")
            store.finish(
                session_id,
                f"# {tag} {index}\n\nHook {index}",
                [Idea(f"{tag} {index}", f"Hook {index}")],
                prompt_tokens=10,
                completion_tokens=index,
                seconds=0.1,
            )


def run_generation(path: Path) -> None:
    """Stream ideas from the starter model into the store until killed (or done)."""
    from blogideas_gui.core.backends.local import LocalBackend
    from blogideas_gui.core.models.starter import starter_model_path

    model = starter_model_path()
    if model is None:
        raise SystemExit("the starter model is not installed")
    backend = LocalBackend(model, n_threads=1)
    request = IdeaRequest("home coffee brewing", 5, "en")
    with HistoryStore(path) as store:
        session_id = store.start(request, backend.name, backend.model_name)
        print(f"session {session_id}", flush=True)
        saver = StreamSaver(store, session_id)
        options = GenerationOptions(max_tokens=1024, seed=7)
        for event in generate(request, backend, CancelToken(), options):
            if isinstance(event, TextDelta):
                saver.add(event.text)
            elif isinstance(event, GenerationResult):
                saver.flush()
                store.finish(session_id, event.markdown, event.ideas, stopped=event.stopped)


def main(argv: list[str]) -> None:
    """Dispatch on the mode named in ``argv[0]``."""
    if argv[0] == "many":
        write_many(Path(argv[1]), argv[2], int(argv[3]), float(argv[4]))
    elif argv[0] == "generate":
        run_generation(Path(argv[1]))
    else:
        raise SystemExit(f"unknown mode {argv[0]}")


if __name__ == "__main__":
    main(sys.argv[1:])
