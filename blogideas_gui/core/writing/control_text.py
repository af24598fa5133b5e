"""Chat control markers a model must never write into an idea as text.

A model given a prompt in another chat format than its own (a base model with
no chat template gets ChatML) writes the markers it half-knows as plain
text: ``<|im_end|>`` and ``<|im_start|>`` appeared inside ideas. The idea
machine refuses, byte by byte, the byte that would complete one of these, so
the model has to write something else there. Every marker begins with ``<``
or ``[``, so it is enough to remember the line's text from the last of those
(:func:`next_tail`), a few bytes at most.
"""

from __future__ import annotations

MARKERS = frozenset(
    {
        b"<|",  # ChatML and Llama 3: <|im_start|>, <|im_end|>, <|eot_id|>, <|endoftext|>
        b"<s>",
        b"</s>",
        b"<bos>",
        b"<eos>",
        b"<start_of_turn>",
        b"<end_of_turn>",
        b"[INST]",
        b"[/INST]",
    }
)
OPENERS = frozenset(b"<[")
_PREFIXES = frozenset(marker[:end] for marker in MARKERS for end in range(1, len(marker)))


def next_tail(tail: bytes, byte: int) -> bytes | None:
    """The remembered tail after ``byte``; None if ``byte`` completes a marker.

    ``tail`` is the line's text from its last ``<`` or ``[`` while that could
    still begin a marker, else empty.
    """
    grown = tail + bytes((byte,))
    if grown in MARKERS:
        return None
    if grown in _PREFIXES:
        return grown
    return bytes((byte,)) if byte in OPENERS else b""
