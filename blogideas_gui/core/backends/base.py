"""The one narrow contract every generation backend fulfils.

After simonw/llm: a backend is a generator of text chunks that ends with the
usage. Everything else (prompt building, timing, cost, parsing) lives outside
the backends so that the local model and OpenAI behave the same to the app.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypedDict

from blogideas_gui.core.backends.constraint import Constraint
from blogideas_gui.core.common.cancel import CancelToken

DEFAULT_MAX_TOKENS = 1024


class ChatMessage(TypedDict):
    """One chat message in the OpenAI shape, which llama.cpp also accepts."""

    role: str
    content: str


@dataclass(frozen=True)
class GenerationOptions:
    """Sampling settings shared by both backends.

    The defaults keep small local models from looping: without a repeat
    penalty the starter model repeats its last line until ``max_tokens``.
    ``constraint`` asks the backend to hold the answer to a form (the
    writing layer's ideas); ``max_tokens`` None means as many as the answer
    needs (the constraint's budget, else :data:`DEFAULT_MAX_TOKENS`).
    """

    max_tokens: int | None = None
    temperature: float = 0.6
    top_p: float = 0.9
    repeat_penalty: float = 1.15
    seed: int | None = None
    constraint: Constraint | None = None

    def token_limit(self) -> int:
        """``max_tokens``, or what the constraint needs, or the default."""
        if self.max_tokens is not None:
            return self.max_tokens
        if self.constraint is None:
            return DEFAULT_MAX_TOKENS
        return self.constraint.token_budget("")


@dataclass(frozen=True)
class Usage:
    """Token counts of one request, as the engine or the server reported them.

    ``estimated`` is true when the server sent no usage (llama.cpp's own
    server, for one): the answer's tokens are then counted as streamed chunks
    and the prompt's guessed from its length.
    """

    prompt_tokens: int = 0
    completion_tokens: int = 0
    estimated: bool = False


@dataclass(frozen=True)
class TextDelta:
    """A piece of the answer, in the order it was produced.

    ``pieces`` is how many streamed pieces (tokens) it holds: one from a
    backend, more once :func:`~blogideas_gui.core.generation.pacing.paced` joined them.
    ``part`` is the place of the part it belongs to when parts are written
    side by side (:meth:`Backend.stream_parts`), else None: one text in order.
    """

    text: str
    pieces: int = 1
    part: int | None = None


@dataclass(frozen=True)
class Done:
    """The last event of a stream. ``finish_reason`` is ``"cancelled"`` after Stop.

    ``held_to`` says how the asked shape was kept: ``"constrained"`` (local
    decoding), ``"schema"`` (the server's Structured Outputs, a JSON answer) or
    ``""`` (free-form: no shape asked, or the server refused it). ``note`` is
    a short fact for the status line, e.g. that the server refused the schema.
    """

    usage: Usage
    finish_reason: str
    held_to: str = ""
    note: str = ""


BackendEvent = TextDelta | Done


@dataclass(frozen=True)
class Part:
    """One part of an answer (an idea) with its own request and its own form.

    Parts of one answer share all but the last words of their messages, so a
    backend that writes them side by side evaluates the common prompt once.
    """

    messages: Sequence[ChatMessage]
    constraint: Constraint


@dataclass(frozen=True)
class Capabilities:
    """What a backend can do besides streaming, so callers ask it instead of checking its class.

    Attributes:
        parallel_sequences: the most parts it writes at once (1: one after
            another); :meth:`Backend.sequences_for` says how many for an answer.
        structured_output: it can ask its server for a JSON schema.
        measured_file: the model file whose speed on this computer its
            answers measure (a local model), for the speed advice; None else.
        connection_check: :meth:`Backend.check_connection` asks a server.
    """

    parallel_sequences: int = 1
    structured_output: bool = False
    measured_file: Path | None = None
    connection_check: bool = False


@dataclass(frozen=True)
class ConnectionCheck:
    """What a backend's connection check learned (the first-run guide's Test button).

    Attributes:
        server: the host that answered ("" for this computer).
        model: the model asked for.
        models: the models a compatible server lists (empty after a chat probe).
        model_listed: whether ``model`` is among them; None when not asked.
        usage: tokens the chat probe used (record its cost); None for a listing.
    """

    server: str
    model: str
    models: tuple[str, ...] = ()
    model_listed: bool | None = None
    usage: Usage | None = None


@dataclass
class BackendInfo:
    """What the window and the JSON output say about a backend."""

    name: str
    model: str
    details: dict[str, str] = field(default_factory=dict)


class Backend(Protocol):
    """A source of streamed chat completions.

    ``load`` does the slow, fallible set-up (reading a model file, building a
    client) and is idempotent; ``stream`` yields :class:`TextDelta` events and
    ends with exactly one :class:`Done`. Both raise
    :class:`blogideas_gui.core.common.errors.BlogIdeasError` for anything a user can
    meet, never an engine's own exception type.
    """

    name: str

    @property
    def model_name(self) -> str:
        """A short name of the model, for the status line and the JSON output."""
        ...

    @property
    def is_loaded(self) -> bool:
        """Whether :meth:`load` has nothing left to do."""
        ...

    @property
    def is_free(self) -> bool:
        """Whether requests cost nothing (a local model)."""
        ...

    @property
    def capabilities(self) -> Capabilities:
        """What else it can do (see :class:`Capabilities`)."""
        ...

    def load(self) -> None:
        """Prepare the backend; cheap when already prepared."""
        ...

    def stream(
        self,
        messages: Sequence[ChatMessage],
        options: GenerationOptions,
        cancel: CancelToken,
    ) -> Iterator[BackendEvent]:
        """Stream the answer to ``messages``; stop early when ``cancel`` is set."""
        ...

    def sequences_for(self, count: int) -> int:
        """How many of ``count`` parts this backend writes at once (1: one after another).

        Asked once the backend is loaded: a local model's kind decides it too.
        """
        ...

    def stream_parts(
        self,
        parts: Sequence[Part],
        options: GenerationOptions,
        cancel: CancelToken,
    ) -> Iterator[BackendEvent]:
        """Stream every part, each text event tagged with its part's place; then one Done."""
        ...

    def check_connection(
        self, probe: str = "auto", cancel: CancelToken | None = None
    ) -> ConnectionCheck:
        """One cheap request that shows whether the backend answers (a server's key and model).

        ``probe`` chooses how a server is asked (``"models"``, ``"chat"``, or
        ``"auto"``). Raises :class:`~blogideas_gui.core.common.errors.BlogIdeasError`
        with what is wrong.
        """
        ...

    def info(self) -> BackendInfo:
        """Describe the backend (model, GPU offload) for the window."""
        ...

    def close(self) -> None:
        """Let go of the model or the connection; ``load`` may be called again."""
        ...


StreamCall = Callable[[Sequence[ChatMessage], GenerationOptions, CancelToken], Iterator[BackendEvent]]


def stream_in_turn(
    stream: StreamCall, parts: Sequence[Part], options: GenerationOptions, cancel: CancelToken
) -> Iterator[BackendEvent]:
    """Parts one after another through a backend's own ``stream``; one Done for them all.

    What a backend that writes one sequence at a time (a server, a
    recurrent model) does for :meth:`Backend.stream_parts`: each part gets
    its share of the answer's token budget, its text is tagged with its place.
    """
    share = options.token_limit() // max(1, len(parts))
    prompt, completion, estimated = 0, 0, False
    ends: list[Done] = []
    for place, part in enumerate(parts):
        if cancel.is_set():
            break
        own = dataclasses.replace(options, constraint=part.constraint, max_tokens=share)
        for event in stream(part.messages, own, cancel):
            if isinstance(event, TextDelta):
                yield dataclasses.replace(event, part=place)
            else:
                ends.append(event)
                prompt += event.usage.prompt_tokens
                completion += event.usage.completion_tokens
                estimated = estimated or event.usage.estimated
    if cancel.is_set():
        finish = "cancelled"
    elif len(ends) == len(parts) and all(end.finish_reason == "stop" for end in ends):
        finish = "stop"
    else:
        finish = "length"
    yield Done(
        Usage(prompt, completion, estimated),
        finish,
        held_to=ends[0].held_to if ends and all(e.held_to == ends[0].held_to for e in ends) else "",
        note=next((end.note for end in ends if end.note), ""),
    )
