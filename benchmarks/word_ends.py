"""Whole words: does a line of an answer end inside a word, by the model's own judgement?

A line "ends inside a word" when its last character is a letter and the
token the model ranks first right after it continues that word: a piece
that starts with a letter or digit, with no space before it (``ing`` after
``cook``; a syllable glued to a Korean word). A piece that starts with a
space, a newline or punctuation, or an end-of-text token, means the model
itself would have ended the word there. A line ending in punctuation or a
digit is not counted as ending inside a word.

What the model reads is the idea's own text, from its ``## N.`` heading to
the end of the line, after the model's start-of-text token, without the
request's prompt (the app's prompt for each idea is not part of its answer;
the last words decide how a word goes on). The model is the one that wrote
the answer, run greedily, so the check uses its own tokens.

A check that finds nothing could be a check that cannot find anything, so
it also runs on the same lines cut two characters short of their last word
(of four letters or more): those end inside a word by construction, and the
share it finds there says how well it sees one.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

CUT = 2
"""Characters the control lines lose from their last word."""
LONG_WORD = 4
"""Letters a last word needs for a cut copy of its line to be a control."""
EXAMPLES = 5


@dataclass
class WordEnds:
    """Counts for one language."""

    lines: int = 0
    ending_in_letter: int = 0
    inside_word: int = 0
    controls: int = 0
    controls_found: int = 0
    examples: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        """Plain values for the parent process."""
        return dict(self.__dict__)


def idea_lines(markdown: str) -> Iterator[tuple[str, str]]:
    """(the idea's text up to and including a line, that line) for every non-blank line.

    Ideas start at their ``## `` headings; text before the first heading (there
    is none in a shaped answer) counts as an idea of its own.
    """
    idea = ""
    for line in markdown.splitlines():
        if line.startswith("## "):
            idea = ""
        idea += ("\n" if idea else "") + line
        text = line.rstrip()
        if text:
            yield idea.rstrip(), text


def _last_word(line: str) -> str:
    """The run of letters and digits at the end of ``line``."""
    end = len(line)
    start = end
    while start > 0 and line[start - 1].isalnum():
        start -= 1
    return line[start:end]


class WordJudge:
    """The model that wrote the answers, asked what it would write after a line."""

    def __init__(self, model_path: Path, n_threads: int, n_ctx: int = 2048) -> None:
        import llama_cpp
        import numpy

        self._lib = llama_cpp
        self._numpy = numpy
        self._llm = llama_cpp.Llama(
            model_path=str(model_path), n_ctx=n_ctx, n_threads=n_threads, n_gpu_layers=0,
            verbose=False,
        )  # fmt: skip
        self._memory = llama_cpp.llama_get_memory(self._llm.ctx)
        self._n_vocab = self._llm.n_vocab()

    def continues_word(self, text: str) -> bool:
        """Whether the model's first choice after ``text`` goes on with its last word."""
        llm = self._llm
        tokens = list(llm.tokenize(text.encode("utf-8"), add_bos=True, special=False))
        tokens = tokens[-(llm.n_ctx() - 1) :]
        keep = 0
        limit = min(llm.n_tokens, len(tokens) - 1)
        while keep < limit and llm.input_ids[keep] == tokens[keep]:
            keep += 1
        llm.n_tokens = keep  # eval drops the cache from here on
        llm.eval(tokens[keep:])
        logits = self._lib.llama_get_logits_ith(llm.ctx, -1)
        best = int(self._numpy.ctypeslib.as_array(logits, shape=(self._n_vocab,)).argmax())
        return starts_inside_word(llm.detokenize([best], special=False))

    def count(self, answers: Sequence[str]) -> WordEnds:
        """Every line of ``answers`` judged, and the cut control lines."""
        counts = WordEnds()
        for markdown in answers:
            for context, line in idea_lines(markdown):
                counts.lines += 1
                if not line[-1].isalpha():
                    continue
                counts.ending_in_letter += 1
                if self.continues_word(context):
                    counts.inside_word += 1
                    if len(counts.examples) < EXAMPLES:
                        counts.examples.append(line)
                if len(_last_word(line)) >= LONG_WORD:
                    counts.controls += 1
                    counts.controls_found += self.continues_word(context[:-CUT])
        return counts

    def close(self) -> None:
        """Free the model."""
        self._llm.close()


def starts_inside_word(piece: bytes) -> bool:
    """Whether a token's text goes on with the word before it.

    A piece that is only part of a character (a byte-fallback token) counts
    as a letter when it starts a multi-byte character: in these answers that
    is a Hangul syllable, never a space.
    """
    text = piece.decode("utf-8", errors="ignore")
    if text:
        return text[0].isalnum()
    return bool(piece) and piece[0] >= 0xC0


def count_word_ends(
    model_path: Path, n_threads: int, answers: dict[str, list[str]]
) -> dict[str, dict[str, object]]:
    """Per language, the counts over its answers (run in a child process)."""
    judge = WordJudge(model_path, n_threads)
    try:
        return {language: judge.count(texts).to_json() for language, texts in answers.items()}
    finally:
        judge.close()
