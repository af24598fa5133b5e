"""How fast each model will write on this computer, before the user downloads it.

On a CPU every new token reads about the whole weights file, so the time per
token is roughly the app's fixed cost plus the file size over the memory's
speed: ``seconds per token = a + b * bytes``. A short probe of the starter
model (:mod:`.probe`, kept in the data folder, redone on request) measures
both: the bare engine's decoding gives ``b`` (all of the engine's time is
counted as reading weights, which errs on the slow side), the app's own
answer path gives ``a`` as the difference. Every real answer of at least
:data:`MIN_RUN_TOKENS` tokens adds a point for its model file; with points
of two sizes or more the line is fitted to all of them, and a model the user
has run is predicted from its own answers.

The probe also measures how several ideas written at once share the
computer (sequences decoding in one batch): :func:`parallel_for` turns that
table into the number of ideas to write together.

The book is a cache of measurements, not the user's work: a damaged one, or
one a newer version wrote, is measured again with a line in the log and no
notice (:func:`load_book`).

Words are what people feel, so the window says "about N words a second"; a
token is about 0.75 English words, and about 0.4 Korean words (a Korean word
is two to four syllables, and the tokenizers here spend about one token on a
syllable or a little less). Both are rough on purpose: the words are a hint,
the threshold is in tokens.
"""

from __future__ import annotations

import json
import logging
import math
import statistics
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from blogideas_gui.core.common.files import atomic_write
from blogideas_gui.core.common.paths import data_dir
from blogideas_gui.core.models.starter import starter_model_path

log = logging.getLogger(__name__)

# Faster than people read (4-5 English words a second), so the answer feels live;
# at 8 tokens a second a typical answer of five ideas takes about a minute and a quarter.
LIVE_TOKENS_PER_SECOND = 8.0
# The request's own words: the long role prompt before them is evaluated once and
# kept by the engine (and across restarts), so a typical answer does not wait on it.
TYPICAL_PROMPT_TOKENS = 120
TYPICAL_ANSWER_TOKENS = 600
MIN_RUN_TOKENS = 32
_RUNS_KEPT = 5
WORDS_PER_TOKEN = {"en": 0.75, "ko": 0.4}
SPEED_FILE = "speed.json"
BOOK_VERSION = 1
_MAX_FIXED_SHARE = 2.0
_book_lock = threading.Lock()


@dataclass(frozen=True)
class Probe:
    """What the starter model's short runs measured here.

    ``tokens_per_second`` is the app's own answer path; ``engine_tokens_per_second``
    the bare engine's decoding; the prompt speed is the engine reading a page.
    Each is the median of a few rounds; ``noise`` is how far the rounds
    spread, relative to their median (the larger of the two decodings').
    """

    tokens_per_second: float
    engine_tokens_per_second: float
    prompt_tokens_per_second: float
    model_bytes: int
    threads: int
    measured_at: float
    noise: float = 0.0

    @property
    def line(self) -> tuple[float, float]:
        """(fixed seconds per token, seconds per byte read) measured on the starter."""
        engine = 1 / self.engine_tokens_per_second
        fixed = 1 / self.tokens_per_second - engine
        # Quiet, the app's own cost per token is about the engine's (75 vs 170 tokens/s on
        # the starter here); far more means a neighbour stole the CPU during the short run.
        return min(max(0.0, fixed), _MAX_FIXED_SHARE * engine), engine / self.model_bytes

    def to_dict(self) -> dict[str, float | int]:
        """The probe as plain JSON data."""
        return {
            "tokens_per_second": round(self.tokens_per_second, 2),
            "engine_tokens_per_second": round(self.engine_tokens_per_second, 2),
            "prompt_tokens_per_second": round(self.prompt_tokens_per_second, 2),
            "model_bytes": self.model_bytes,
            "threads": self.threads,
            "measured_at": round(self.measured_at),
            "noise": round(self.noise, 3),
        }


@dataclass(frozen=True)
class Prediction:
    """Expected speed of one model here.

    ``measured`` is true when it comes from the user's own answers with this
    model file, not from the size rule.
    """

    tokens_per_second: float
    prompt_tokens_per_second: float
    measured: bool

    @property
    def live(self) -> bool:
        """Fast enough to feel live (:data:`LIVE_TOKENS_PER_SECOND`)."""
        return self.tokens_per_second >= LIVE_TOKENS_PER_SECOND

    def words_per_second(self, language: str) -> float:
        """Roughly how many words of ``language`` appear each second."""
        return self.tokens_per_second * WORDS_PER_TOKEN.get(language, WORDS_PER_TOKEN["en"])

    @property
    def typical_wait_seconds(self) -> float:
        """Reading a typical request, then writing a typical answer of five ideas."""
        return (
            TYPICAL_PROMPT_TOKENS / self.prompt_tokens_per_second
            + TYPICAL_ANSWER_TOKENS / self.tokens_per_second
        )

    def to_dict(self, language: str) -> dict[str, object]:
        """The prediction as plain JSON data."""
        return {
            "tokens_per_second": round(self.tokens_per_second, 2),
            "words_per_second": round(self.words_per_second(language), 2),
            "typical_answer_seconds": round(self.typical_wait_seconds),
            "live": self.live,
            "measured": self.measured,
        }


@dataclass
class SpeedBook:
    """The probe and the speeds of real answers, kept in ``speed.json``.

    ``runs`` maps a model file (name and size) to its recent tokens per second;
    ``parallel`` maps a model file the probe ran to its table of sequences
    decoding together -> their tokens per second in all. ``busy_at`` is when a
    later probe found the computer too busy to trust (the probe kept is older).
    """

    probe: Probe | None = None
    runs: dict[str, list[float]] = field(default_factory=dict)
    parallel: dict[str, dict[int, float]] = field(default_factory=dict)
    busy_at: float | None = None

    def predict(self, size_bytes: int, file_name: str = "") -> Prediction | None:
        """The expected speed of a model file of ``size_bytes``; ``None`` before any measurement."""
        if self.probe is None:
            return None
        own = self.runs.get(_run_key(file_name, size_bytes)) if file_name else None
        prompt = self.probe.prompt_tokens_per_second * self.probe.model_bytes / size_bytes
        if own:
            return Prediction(statistics.median(own), prompt, measured=True)
        fixed, per_byte = _fit(self._points()) or self.probe.line
        return Prediction(1 / (fixed + per_byte * size_bytes), prompt, measured=False)

    def _points(self) -> list[tuple[int, float]]:
        """(bytes, seconds per token) for the probe and each model run here."""
        assert self.probe is not None
        points = [(self.probe.model_bytes, 1 / self.probe.tokens_per_second)]
        for key, speeds in self.runs.items():
            size = int(key.rsplit(":", 1)[-1])
            points.append((size, 1 / statistics.median(speeds)))
        return points

    def record_run(self, file_name: str, size_bytes: int, tokens_per_second: float) -> None:
        """Remember one real answer's speed (the last few per model file count)."""
        key = _run_key(file_name, size_bytes)
        self.runs[key] = [*self.runs.get(key, []), tokens_per_second][-_RUNS_KEPT:]

    def record_parallel(
        self, file_name: str, size_bytes: int, table: Mapping[int, float], *, only_new: bool = False
    ) -> None:
        """Keep a model file's table of sequences -> tokens per second in all.

        ``only_new`` keeps a table measured before (a busy computer's is worth
        less than an older quiet one, but more than none).
        """
        key = _run_key(file_name, size_bytes)
        if table and not (only_new and key in self.parallel):
            self.parallel[key] = dict(table)

    def parallel_table(self, model_path: Path | None) -> dict[int, float]:
        """The table measured for ``model_path`` (``None``: the starter), else the starter's.

        Which number of sequences pays is mostly this computer's matter (its
        cores and memory), and a larger model, reading more weights per step,
        gains more from sharing a step, not less: so the starter's table
        stands in for a model not measured itself.
        """
        starter = starter_model_path()
        for path in (model_path, starter):
            key = _path_key(path) if path is not None else None
            if key is not None and key in self.parallel:
                return self.parallel[key]
        return {}

    def to_dict(self) -> dict[str, object]:
        """The book as plain JSON data."""
        return {
            "version": BOOK_VERSION,
            "probe": None if self.probe is None else self.probe.to_dict(),
            "runs": {
                key: [round(value, 2) for value in speeds] for key, speeds in self.runs.items()
            },
            "parallel": {
                key: {str(width): round(speed, 2) for width, speed in sorted(table.items())}
                for key, table in self.parallel.items()
            },
            "busy_at": None if self.busy_at is None else round(self.busy_at),
        }


def _run_key(file_name: str, size_bytes: int) -> str:
    return f"{file_name}:{size_bytes}"


def _path_key(path: Path) -> str | None:
    try:
        return _run_key(path.name, path.stat().st_size)
    except OSError:
        return None


def fastest_width(table: Mapping[int, float], count: int) -> int:
    """How many of ``count`` ideas to write at once for the shortest wait, by ``table``.

    With k sequences at once each writes at ``table[k] / k`` tokens a second,
    and ``count`` ideas take about ``ceil(count / k)`` rounds, so the wait
    goes as ``ceil(count / k) * k / table[k]``; ties go to fewer sequences.
    1 when nothing is measured.
    """
    widths = [k for k, speed in table.items() if 1 <= k <= count and speed > 0]
    if not widths:
        return 1
    return min(sorted(widths), key=lambda k: math.ceil(count / k) * k / table[k])


def parallel_for(model_path: Path | None, count: int) -> int:
    """How many of ``count`` ideas to write at once with ``model_path`` here (``None``: the starter).

    By the table the speed probe measured (:func:`fastest_width`); 1 when
    nothing is measured.
    """
    return fastest_width(load_book().parallel_table(model_path), count)


def _fit(points: Sequence[tuple[int, float]]) -> tuple[float, float] | None:
    """The line ``a + b * bytes`` through the points, by least squares; None when not sensible.

    It needs two sizes at least, and a line that makes physical sense (no
    negative fixed cost, slower for larger files); otherwise the probe's own
    line stands.
    """
    if len({size for size, _ in points}) < 2:
        return None
    mean_x = statistics.fmean(size for size, _ in points)
    mean_y = statistics.fmean(seconds for _, seconds in points)
    spread = sum((size - mean_x) ** 2 for size, _ in points)
    slope = sum((size - mean_x) * (seconds - mean_y) for size, seconds in points) / spread
    fixed = mean_y - slope * mean_x
    return (fixed, slope) if slope > 0 and fixed >= 0 else None


def _probe_from(data: object) -> Probe | None:
    if not isinstance(data, Mapping):
        return None
    try:
        probe = Probe(
            tokens_per_second=float(data["tokens_per_second"]),
            engine_tokens_per_second=float(data["engine_tokens_per_second"]),
            prompt_tokens_per_second=float(data["prompt_tokens_per_second"]),
            model_bytes=int(data["model_bytes"]),
            threads=int(data["threads"]),
            measured_at=float(data["measured_at"]),
            noise=max(0.0, float(data.get("noise", 0.0))),
        )
    except (KeyError, TypeError, ValueError):
        return None
    usable = (
        min(probe.tokens_per_second, probe.engine_tokens_per_second, probe.prompt_tokens_per_second)
        > 0
    )
    return probe if usable and probe.model_bytes > 0 else None


def _table_from(data: object) -> dict[int, float]:
    if not isinstance(data, Mapping):
        return {}
    return {
        int(width): float(speed)
        for width, speed in data.items()
        if isinstance(width, str) and width.isdigit() and int(width) >= 1
        and isinstance(speed, int | float) and speed > 0
    }  # fmt: skip


def load_book(path: Path | None = None) -> SpeedBook:
    """The kept measurements; a missing, damaged or too new file is an empty book.

    It is a cache of measurements, not the user's work: a damaged one, or
    one a newer version of the app wrote, is simply measured again (and said
    in the log), never a notice and never a reason to stop.
    """
    path = path or speed_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return SpeedBook()
    except (OSError, ValueError) as error:
        log.warning("speed measurements unreadable, measuring again: %s: %s", path, error)
        return SpeedBook()
    if not isinstance(data, dict):
        log.warning("speed measurements damaged, measuring again: %s", path)
        return SpeedBook()
    version = data.get("version", BOOK_VERSION)
    if not isinstance(version, int) or version > BOOK_VERSION:
        log.warning("speed measurements of version %r (newer), measuring again: %s", version, path)
        return SpeedBook()
    runs: dict[str, list[float]] = {}
    raw_runs = data.get("runs")
    for key, speeds in raw_runs.items() if isinstance(raw_runs, dict) else []:
        if isinstance(key, str) and key.rsplit(":", 1)[-1].isdigit() and isinstance(speeds, list):
            kept = [float(s) for s in speeds if isinstance(s, int | float) and s > 0]
            if kept:
                runs[key] = kept[-_RUNS_KEPT:]
    raw_tables = data.get("parallel")
    parallel = {
        key: table
        for key, raw in (raw_tables.items() if isinstance(raw_tables, dict) else [])
        if isinstance(key, str) and (table := _table_from(raw))
    }
    busy_at = data.get("busy_at")
    return SpeedBook(
        _probe_from(data.get("probe")),
        runs,
        parallel,
        float(busy_at) if isinstance(busy_at, int | float) else None,
    )


def speed_file() -> Path:
    """Where the measurements are kept: the app's data folder."""
    return data_dir() / SPEED_FILE


def save_book(book: SpeedBook, path: Path | None = None) -> None:
    """Keep the measurements (atomically; a full disk only costs them)."""
    data = json.dumps(book.to_dict(), indent=1).encode()
    try:
        atomic_write(path or speed_file(), data, mode=0o644)
    except OSError as error:
        log.warning("cannot keep the speed measurements: %s", error)


def record_answer(model_path: Path, tokens_per_second: float | None, tokens: int) -> None:
    """Count one real local answer towards its model's predicted speed.

    Short answers say little about the speed (the first tokens wait on the
    prompt), so only answers of :data:`MIN_RUN_TOKENS` tokens or more count.
    """
    if tokens_per_second is None or tokens_per_second <= 0 or tokens < MIN_RUN_TOKENS:
        return
    try:
        size = model_path.stat().st_size
    except OSError:
        return
    with _book_lock:
        book = load_book(speed_file())
        book.record_run(model_path.name, size, tokens_per_second)
        save_book(book)
