"""One request pipeline: the same steps for the window's ideas, its expansions and the CLI.

Wherever a request starts, it goes the same way: the input is checked, a
paid backend is refused once the month's limit is spent, the request is
recorded in history before it runs and as it streams, its cost is added to
the ledger when it ends, and the messages carry the user's own role prompt
when there is one. The window assembled these steps twice and the CLI once,
each with its own budget check; now they live here once.

A request runs in two halves, because they run on two threads.
:meth:`Pipeline.ideas` and :meth:`Pipeline.expansion` run where the request
is made (the GUI thread, the CLI) and fail at once with a plain message (an
empty topic, a spent budget) before anything starts; :meth:`Pipeline.run`
gives the generator the worker thread drives.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from blogideas_gui.core.account.budget import Ledger
from blogideas_gui.core.backends.base import Backend, ChatMessage, GenerationOptions
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.generation.pacing import PACE_SECONDS, paced
from blogideas_gui.core.generation.runner import GenerationEvent, generate
from blogideas_gui.core.history.records import Session
from blogideas_gui.core.history.store import HistoryStore
from blogideas_gui.core.pipeline.budgeting import budgeted, check_budget
from blogideas_gui.core.pipeline.recording import recorded
from blogideas_gui.core.pipeline.speeds import speed_noted
from blogideas_gui.core.writing.angles import angles_for, dealt_angles
from blogideas_gui.core.writing.expansion import ExpansionKind, build_expansion_messages
from blogideas_gui.core.writing.prompts import MAX_AVOID, IdeaRequest
from blogideas_gui.core.writing.templates import TemplateStore


@dataclass(frozen=True)
class Prepared:
    """A request that passed its checks and is recorded, ready to run.

    ``messages`` is None for an idea request (the generator builds them and
    asks for the ideas' shape) and the expansion's messages otherwise.
    ``angles`` are the ideas' angles, the ones the topic's history used
    lately last; ``avoid`` the topic's recent titles, not to be repeated.
    """

    request: IdeaRequest
    backend: Backend
    limit_usd: float | None
    role: str | None = None
    messages: list[ChatMessage] | None = None
    session_id: int | None = None
    expansion_id: int | None = None
    angles: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()


class Pipeline:
    """The steps every request takes, with the collaborators they need.

    Args:
        ledger: the month's spending: checked before a paid request, added to after.
        store: the history a request is recorded in; None records nothing.
        templates: the user's own role prompts; None uses the built-in ones.
        options: sampling options for every request.
        pace: the window's pacing of streamed text (seconds); None passes
            every piece on at once, as the CLI wants.
    """

    def __init__(
        self,
        ledger: Ledger,
        store: HistoryStore | None = None,
        templates: TemplateStore | None = None,
        options: GenerationOptions | None = None,
        pace: float | None = None,
    ) -> None:
        self.ledger = ledger
        self.store = store
        self.templates = templates
        self.options = options or GenerationOptions()
        self._pace = pace

    def ideas(self, request: IdeaRequest, backend: Backend, limit_usd: float | None) -> Prepared:
        """Check ``request`` and the budget, then record the request's start.

        This is where a request is checked, the one place every request
        passes: the generator and the CLI take it as checked here.

        Raises:
            BlogIdeasError: a usage error in the request, or BUDGET_EXCEEDED.
        """
        request = request.validated()
        check_budget(backend, self.ledger, limit_usd)
        history: list[str] = []
        session_id = None
        if self.store is not None:
            history = self.store.recent_titles(request.topic, None)
            session_id = self.store.start(request, backend.name, backend.model_name)
        used = dealt_angles(request.language, len(history))
        avoid = history[:MAX_AVOID]
        return Prepared(
            request, backend, limit_usd, role=self._role(request), session_id=session_id,
            angles=tuple(angles_for(request.count, request.language, used)), avoid=tuple(avoid),
        )  # fmt: skip

    def expansion(
        self,
        session: Session,
        index: int,
        kind: ExpansionKind,
        backend: Backend,
        limit_usd: float | None,
    ) -> Prepared:
        """Check the budget, then record an outline or a draft of ``session``'s idea ``index``.

        Raises:
            BlogIdeasError: BUDGET_EXCEEDED.
        """
        check_budget(backend, self.ledger, limit_usd)
        request = session.request
        messages = build_expansion_messages(
            request.topic, session.ideas[index], kind, request.language, self._role(request)
        )
        expansion_id = None
        if self.store is not None:
            expansion_id = self.store.add_expansion(session.id, index, kind)
        return Prepared(
            request, backend, limit_usd, messages=messages, session_id=session.id,
            expansion_id=expansion_id,
        )  # fmt: skip

    def run(self, prepared: Prepared, cancel: CancelToken) -> Iterator[GenerationEvent]:
        """The request's events: generated, costed, paced for a window, recorded.

        Recording comes last, so each piece is saved before anyone shows it.
        """
        events = generate(
            prepared.request, prepared.backend, cancel, self.options,
            messages=prepared.messages, role=prepared.role,
            angles=prepared.angles or None, avoid=prepared.avoid,
        )  # fmt: skip
        events = budgeted(events, self.ledger)
        events = speed_noted(events, prepared.backend)
        if self._pace is not None:
            events = paced(events, self._pace)
        if self.store is not None and prepared.session_id is not None:
            # A paced stream is already about ten pieces a second; any other is saved at that pace.
            interval = 0.0 if self._pace is not None else PACE_SECONDS
            events = recorded(
                events, self.store, prepared.session_id, prepared.expansion_id, interval
            )
        return events

    def _role(self, request: IdeaRequest) -> str | None:
        return None if self.templates is None else self.templates.get(request.language)
