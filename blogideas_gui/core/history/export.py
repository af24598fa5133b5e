"""Sessions and favourites as Markdown documents, and Markdown as plain text.

A blogger pastes ideas into Naver blog, Tistory or Brunch, whose editors show
Markdown markers literally; :func:`markdown_to_plain_text` takes the markers
out and keeps the words, the list bullets and the link addresses.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.files import atomic_write
from blogideas_gui.core.common.i18n import QT_TRANSLATE_NOOP, translate
from blogideas_gui.core.common.language import Language, current_language
from blogideas_gui.core.common.paths import config_dir, data_dir, log_dir, models_dir
from blogideas_gui.core.history.records import Expansion, Favourite, Session
from blogideas_gui.core.writing.expansion import expansion_label
from blogideas_gui.core.writing.ideas import Idea

# Marked here, translated where used: lupdate reads only a call's own literals.
_FAVOURITES = QT_TRANSLATE_NOOP("Export", "Favourite ideas")
_CAME_FROM = QT_TRANSLATE_NOOP("Export", "From “{topic}”, {date}")
# A note for a session that did not end normally, by its status.
_NOTES: dict[str, str] = {
    "interrupted": QT_TRANSLATE_NOOP("Export", "This answer was cut off before it ended."),
    "failed": QT_TRANSLATE_NOOP("Export", "This request failed: {error}"),
    "stopped": QT_TRANSLATE_NOOP("Export", "This answer was stopped before it ended."),
}


def local_time(iso: str) -> str:
    """A stored UTC timestamp as the user's local ``YYYY-MM-DD HH:MM``."""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def idea_markdown(idea: Idea, level: int = 2) -> str:
    """One idea as Markdown: a heading, the hook, the outline as a list."""
    lines = [f"{'#' * level} {idea.title}"]
    if idea.hook:
        lines += ["", idea.hook]
    if idea.outline:
        lines += ["", *(f"- {point}" for point in idea.outline)]
    return "\n".join(lines)


def session_markdown(
    session: Session, expansions: Sequence[Expansion] = (), language: Language | None = None
) -> str:
    """A session as one Markdown document: the request, the answer, its expansions.

    The answer is kept as the model wrote it, so the export shows the session
    as it was; a note says when it did not end normally.
    """
    language = language or current_language()
    about = [local_time(session.created_at), session.model]
    parts = [f"# {session.request.topic}", "", f"_{' · '.join(p for p in about if p)}_"]
    if session.status in _NOTES:
        note = translate("Export", _NOTES[session.status], language=language)
        parts += ["", f"> {note.format(error=session.error)}"]
    if session.markdown.strip():
        parts += ["", session.markdown.strip()]
    for expansion in expansions:
        if not expansion.markdown.strip():
            continue
        ideas = session.ideas
        title = ideas[expansion.idea_index].title if expansion.idea_index < len(ideas) else ""
        label = expansion_label(expansion.kind, language)
        parts += ["", "---", "", f"## {label}: {title}".rstrip(": ")]
        parts += ["", expansion.markdown.strip()]
    return "\n".join(parts) + "\n"


def favourites_markdown(favourites: Sequence[Favourite], language: Language | None = None) -> str:
    """The starred ideas as one Markdown document, each with where it came from."""
    language = language or current_language()
    parts = [f"# {translate('Export', _FAVOURITES, language=language)}"]
    came_from = translate("Export", _CAME_FROM, language=language)
    for favourite in favourites:
        source = came_from.format(topic=favourite.topic, date=local_time(favourite.created_at))
        parts += ["", idea_markdown(favourite.idea), "", f"_{source}_"]
    return "\n".join(parts) + "\n"


_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(\[[ xX]\]\s+)?")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_EMPHASIS = (
    re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"),
    re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"),
    re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"),
    re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"),
)
_CODE = re.compile(r"`([^`]+)`")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


def _inline(text: str) -> str:
    """Inline Markdown to text: emphasis and code markers out, links as "text (url)"."""
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(lambda m: m[1] if m[1] == m[2] else f"{m[1]} ({m[2]})", text)
    text = _CODE.sub(r"\1", text)
    for pattern in _EMPHASIS:
        text = pattern.sub(lambda m: m[m.lastindex or 1], text)
    return _ESCAPE.sub(r"\1", text)


def markdown_to_plain_text(markdown: str) -> str:
    """Text for a blog editor that does not read Markdown.

    Headings become lines of their own, bullets become "•", numbered lists
    keep their numbers, table cells are separated by tabs, code is kept
    without its fences; runs of blank lines shrink to one.
    """
    out: list[str] = []
    in_code = False
    for line in markdown.replace("\r\n", "\n").split("\n"):
        if _FENCE.match(line):
            in_code = not in_code
            continue
        if in_code:
            out.append(line)
            continue
        while _QUOTE.match(line):
            line = _QUOTE.sub("", line, count=1)
        if "|" in line and _TABLE_SEPARATOR.match(line):
            continue
        if _RULE.match(line):
            out.append("")
            continue
        heading = _HEADING.match(line)
        if heading:
            out.append(_inline(heading.group(1)))
            continue
        if line.strip().startswith("|") and line.strip().endswith("|"):
            cells = [_inline(cell.strip()) for cell in line.strip().strip("|").split("|")]
            out.append("\t".join(cells))
            continue
        bullet = _BULLET.match(line)
        if bullet:
            line = f"{bullet.group(1)}• {line[bullet.end() :]}"
        out.append(_inline(line.rstrip()))
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def write_export(path: str | os.PathLike[str], text: str, *, replace: bool = False) -> Path:
    """Write ``text`` to ``path`` whole or not at all; never destroy anything on the way.

    An export refuses the app's own folders (pointed at the history database
    it would wipe every session), anything that is not an ordinary file (a
    link, a folder, a device), and an existing file unless ``replace`` says
    the user agreed. The file appears complete or not at all (a temporary
    file, then a rename), and without ``replace`` it is linked into place,
    so a file that appears meanwhile is not overwritten either.

    Returns the path written. Raises a :class:`BlogIdeasError` naming the path:
    EXPORT_OWN_FILE, EXPORT_NOT_A_FILE, EXPORT_EXISTS, DISK_FULL, or
    EXPORT_FAILED (no such folder, no permission).
    """
    path = Path(path).expanduser()
    try:
        where = path.parent.resolve() / path.name
        if any(where.is_relative_to(folder) for folder in _app_folders()):
            raise BlogIdeasError(ErrorKind.EXPORT_OWN_FILE, str(path))
        if os.path.lexists(path):
            if not stat.S_ISREG(os.lstat(path).st_mode):
                raise BlogIdeasError(ErrorKind.EXPORT_NOT_A_FILE, str(path))
            if not replace:
                raise BlogIdeasError(ErrorKind.EXPORT_EXISTS, str(path))
        if not path.parent.is_dir():
            raise FileNotFoundError(errno.ENOENT, "no such folder", str(path.parent))
        atomic_write(path, text.encode("utf-8"), mode=0o644, replace=replace)
    except FileExistsError as error:
        raise BlogIdeasError(ErrorKind.EXPORT_EXISTS, str(path)) from error
    except OSError as error:
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            raise BlogIdeasError(ErrorKind.DISK_FULL, str(path.parent)) from error
        reason = error.strerror or type(error).__name__
        raise BlogIdeasError(ErrorKind.EXPORT_FAILED, f"{path} ({reason})") from error
    return path


def _app_folders() -> list[Path]:
    """Where the app keeps what it would be a loss to overwrite."""
    return [folder().resolve() for folder in (config_dir, data_dir, log_dir, models_dir)]
