"""The records the history store hands out: plain, immutable data.

Kept apart from :mod:`blogideas_gui.core.history.store` so the window's widgets and
the export code can name these types without reading the storage code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from blogideas_gui.core.writing.expansion import ExpansionKind
from blogideas_gui.core.writing.ideas import Idea
from blogideas_gui.core.writing.prompts import IdeaRequest

Status = Literal["running", "finished", "stopped", "failed", "interrupted"]


@dataclass(frozen=True)
class SessionSummary:
    """One line of the history sidebar."""

    id: int
    created_at: str
    topic: str
    status: Status
    backend: str
    model: str
    idea_count: int

    def to_json(self) -> dict[str, object]:
        """The ``history list --json`` object."""
        return {
            "id": self.id,
            "created_at": self.created_at,
            "topic": self.topic,
            "status": self.status,
            "backend": self.backend,
            "model": self.model,
            "idea_count": self.idea_count,
        }


@dataclass(frozen=True)
class Session:
    """A request and its answer, as stored. ``favourites`` are 0-based idea indexes."""

    id: int
    created_at: str
    updated_at: str
    request: IdeaRequest
    backend: str
    model: str
    status: Status
    markdown: str
    ideas: list[Idea] = field(default_factory=list)
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    cost_usd: float | None = None
    seconds: float | None = None
    error: str = ""
    favourites: frozenset[int] = frozenset()

    def to_json(self) -> dict[str, object]:
        """The ``history show --json`` object; the shape of ``generate --json`` plus history."""
        return {
            "id": self.id,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "status": self.status,
            "topic": self.request.topic,
            "count": self.request.count,
            "language": self.request.language,
            "tone": self.request.tone,
            "audience": self.request.audience,
            "platform": self.request.platform,
            "length": self.request.length,
            "backend": self.backend,
            "model": self.model,
            "ideas": [
                {**idea.to_dict(), "favourite": index in self.favourites}
                for index, idea in enumerate(self.ideas)
            ],
            "markdown": self.markdown,
            "usage": {
                "prompt_tokens": self.prompt_tokens,
                "completion_tokens": self.completion_tokens,
            },
            "seconds": None if self.seconds is None else round(self.seconds, 3),
            "cost_usd": self.cost_usd,
            "error": self.error,
        }


@dataclass(frozen=True)
class Favourite:
    """A starred idea with the session it came from."""

    session_id: int
    idea_index: int
    topic: str
    created_at: str
    starred_at: str
    idea: Idea


@dataclass(frozen=True)
class Expansion:
    """An outline or a first draft grown from one idea."""

    id: int
    session_id: int
    idea_index: int
    kind: ExpansionKind
    status: Status
    markdown: str
    error: str
    created_at: str
    updated_at: str
