"""The few text colours the dialogs share, so a note or an error looks the same everywhere."""

from __future__ import annotations

NOTE_STYLE = "color: #5f6368;"
"""A quiet note under a field: where a key is kept, what something costs."""

ERROR_STYLE = "color: #b3261e;"
"""A line saying what went wrong and what to do."""

OK_STYLE = "color: #146c2e;"
"""A line saying that a check passed (the key works, the server answers)."""
