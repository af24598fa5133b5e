"""Know a model before listing it: what a GGUF file says about itself, and whether it is whole.

Peers list a file because it starts with ``GGUF`` and fail only when the
engine loads it: an 8-byte file or a download cut in half showed up as
"fits well". Here ``models import``, a finished download and the load
preflight read the header and the metadata with the ``gguf`` package
(llama.cpp's own reader) and check that every tensor's data lies inside
the file, so a damaged file is refused with a plain message before it is
listed, and an architecture the bundled engine cannot run is said before
any load ("needs a newer BlogIdeas") instead of a crash or gibberish.

Reading the metadata costs a second or more (the reader walks every token
string of the vocabulary), so what was read is kept in a small cache in the
data folder, keyed by the file's path, size and modification time:
:func:`checked_facts` reads a file once, :func:`known_facts` only looks it up
(for listings, which must not wait).
"""

from __future__ import annotations

import collections
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.files import read_cache, write_cache
from blogideas_gui.core.common.paths import data_dir
from blogideas_gui.core.models.architectures import engine_runs

log = logging.getLogger(__name__)

GGUF_MAGIC = b"GGUF"
CACHE_FILE = "checked-models.json"
CACHE_VERSION = 1
_cache_lock = threading.Lock()
# The reader's own failures on a damaged file: a short read surfaces as a bad
# unpack or reshape, a bad enum value or key as these.
_DAMAGED = (ValueError, IndexError, KeyError, OverflowError, TypeError, MemoryError)


@dataclass(frozen=True)
class GgufFacts:
    """What a GGUF file says about the model in it.

    ``parameters`` is counted from the tensors' shapes; ``context_length`` is
    the longest context the model was trained for (``None`` when unsaid).
    """

    architecture: str
    parameters: int
    quantization: str
    context_length: int | None
    chat_template: bool
    name: str
    languages: tuple[str, ...]

    @property
    def parameters_label(self) -> str:
        """The parameter count as model names say it: "135M", "2.67B"."""
        if self.parameters >= 1_000_000_000:
            return f"{self.parameters / 1e9:.2f}B"
        return f"{max(1, round(self.parameters / 1e6))}M"

    @property
    def base_model(self) -> bool:
        """Whether the model was not made to follow instructions: its file has no chat template.

        A model tuned to answer requests is saved with the turn format it was
        tuned on; a base model (only pre-trained) has none and merely continues
        text, so its ideas often repeat the request or miss the topic. Users
        should hear that before they judge the app by it.
        """
        return not self.chat_template

    def to_dict(self) -> dict[str, object]:
        """The facts as plain JSON data."""
        return {
            "architecture": self.architecture,
            "parameters": self.parameters,
            "quantization": self.quantization,
            "context_length": self.context_length,
            "chat_template": self.chat_template,
            "name": self.name,
            "languages": list(self.languages),
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> GgufFacts | None:
        """Facts kept earlier as JSON; ``None`` if they are not in that shape."""
        try:
            context = data.get("context_length")
            languages = data.get("languages") or []
            return cls(
                architecture=str(data["architecture"]),
                parameters=int(str(data["parameters"])),
                quantization=str(data["quantization"]),
                context_length=None if context is None else int(str(context)),
                chat_template=bool(data["chat_template"]),
                name=str(data.get("name", "")),
                languages=tuple(str(code) for code in languages)
                if isinstance(languages, list)
                else (),
            )
        except (KeyError, TypeError, ValueError):
            return None


def _string(reader: Any, key: str) -> str | None:
    field = reader.get_field(key)
    if field is None:
        return None
    value = field.contents()
    return value if isinstance(value, str) else None


def _number(reader: Any, key: str) -> int | None:
    field = reader.get_field(key)
    value = None if field is None else field.contents()
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _quantization(reader: Any) -> str:
    """The file type llama.cpp wrote ("Q4_K_M"), else the tensor type holding most bytes."""
    from gguf import LlamaFileType

    file_type = _number(reader, "general.file_type")
    if file_type is not None:
        try:
            name = LlamaFileType(file_type).name
        except ValueError:
            name = ""
        if name and name != "GUESSED":
            return name.removeprefix("MOSTLY_").removeprefix("ALL_")
    weight: collections.Counter[str] = collections.Counter()
    for tensor in reader.tensors:
        weight[tensor.tensor_type.name] += int(tensor.n_bytes)
    return weight.most_common(1)[0][0] if weight else "unknown"


def _damaged(path: Path, why: str) -> BlogIdeasError:
    log.warning("refusing %s: %s", path, why)
    return BlogIdeasError(ErrorKind.MODEL_DAMAGED, path.name)


def check_magic(path: Path) -> int:
    """Fail unless ``path`` is a readable file that starts like a GGUF model; its size.

    Only the first bytes are read: enough for the bundled starter model,
    which ships with the app (the self-test checks it), before each load.
    """
    if not path.exists():
        raise BlogIdeasError(ErrorKind.MODEL_MISSING, str(path))
    if not path.is_file():
        raise BlogIdeasError(ErrorKind.MODEL_NOT_GGUF, str(path))
    try:
        with path.open("rb") as handle:
            magic = handle.read(len(GGUF_MAGIC))
        size = path.stat().st_size
    except OSError as error:
        raise BlogIdeasError(ErrorKind.MODEL_UNREADABLE, str(path)) from error
    if magic != GGUF_MAGIC:
        raise BlogIdeasError(ErrorKind.MODEL_NOT_GGUF, str(path))
    return size


def read_gguf(path: Path) -> GgufFacts:
    """Read ``path``'s header and metadata and check that its tensors lie inside it.

    Raises:
        BlogIdeasError: MODEL_MISSING, MODEL_UNREADABLE, MODEL_NOT_GGUF (not a
            GGUF file at all), MODEL_DAMAGED (cut short, hollow or garbled).
    """
    size = check_magic(path)
    # Imported here, not at the top: it brings numpy, and the window (which only
    # looks up what was read before) should not pay for that at start.
    from gguf import GGUFReader

    try:
        reader = GGUFReader(path)
    except OSError as error:
        raise BlogIdeasError(ErrorKind.MODEL_UNREADABLE, str(path)) from error
    except _DAMAGED as error:
        raise _damaged(path, f"the reader failed: {error!r}") from error
    if not reader.tensors:
        raise _damaged(path, "no tensors: a header without weights")
    for tensor in reader.tensors:
        if tensor.data_offset + int(tensor.n_bytes) > size:
            raise _damaged(path, f"tensor {tensor.name} ends past the end of the file")
    architecture = _string(reader, "general.architecture")
    if not architecture:
        raise _damaged(path, "no general.architecture")
    languages = reader.get_field("general.languages")
    return GgufFacts(
        architecture=architecture,
        parameters=sum(int(tensor.n_elements) for tensor in reader.tensors),
        quantization=_quantization(reader),
        context_length=_number(reader, f"{architecture}.context_length"),
        chat_template=bool(_string(reader, "tokenizer.chat_template")),
        name=_string(reader, "general.name") or "",
        languages=tuple(str(code) for code in languages.contents()) if languages else (),
    )


def check_gguf_file(path: Path) -> GgufFacts:
    """:func:`read_gguf`, then refuse an architecture the bundled engine cannot run.

    Raises:
        BlogIdeasError: as :func:`read_gguf`, or MODEL_TOO_NEW.
    """
    facts = read_gguf(path)
    if engine_runs(facts.architecture) is False:
        raise BlogIdeasError(ErrorKind.MODEL_TOO_NEW, f"{path.name}: {facts.architecture}")
    return facts


def _stamp(path: Path) -> tuple[str, list[int]]:
    """The cache key of a file: its resolved path, with its size and modification time."""
    stat = path.stat()
    return str(path.resolve()), [stat.st_size, stat.st_mtime_ns]


def _read_cache() -> dict[str, dict[str, object]]:
    """The cache; a missing one is empty, a damaged one is rebuilt quietly (never user data)."""
    data = read_cache(data_dir() / CACHE_FILE, CACHE_VERSION) or {}
    files = data.get("files")
    return (
        {str(k): v for k, v in files.items() if isinstance(v, dict)}
        if isinstance(files, dict)
        else {}
    )


def known_facts(path: Path) -> GgufFacts | None:
    """What an earlier check read from ``path``, if the file has not changed since; never reads it."""
    try:
        key, stamp = _stamp(path)
    except OSError:
        return None
    entry = _read_cache().get(key)
    if entry is None or entry.get("stamp") != stamp:
        return None
    facts = entry.get("facts")
    return GgufFacts.from_dict(facts) if isinstance(facts, dict) else None


def checked_facts(path: Path) -> GgufFacts:
    """:func:`check_gguf_file`, read once per version of the file (then from the cache)."""
    facts = known_facts(path)
    if facts is not None:
        if engine_runs(facts.architecture) is False:  # the engine may have changed since
            raise BlogIdeasError(ErrorKind.MODEL_TOO_NEW, f"{path.name}: {facts.architecture}")
        return facts
    facts = check_gguf_file(path)
    remember_facts(path, facts)
    return facts


def remember_facts(path: Path, facts: GgufFacts) -> None:
    """Keep what was read from a file now at ``path`` (a checked copy, a verified download)."""
    try:
        key, stamp = _stamp(path)
        with _cache_lock:
            cache = _read_cache()
            cache[key] = {"stamp": stamp, "facts": facts.to_dict()}
            # A full disk costs only the shortcut (write_cache logs it).
            write_cache(data_dir() / CACHE_FILE, {"files": cache}, CACHE_VERSION)
    except OSError as error:  # the file went away meanwhile
        log.warning("cannot keep what was read from %s: %s", path, error)
