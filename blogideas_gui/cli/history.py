"""``blogideas history``: list, show and export past sessions from the command line.

The same store and export code as the window, so a session read here looks
as it does there. Mistakes (an unknown id, an export onto an existing file without
``--force``) raise a usage :class:`BlogIdeasError`: exit status 2 in ``cli``.
An export never writes over the app's own files, links or devices.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.history.export import local_time, session_markdown, write_export
from blogideas_gui.core.history.store import HistoryStore, Session


def _session_id(text: str) -> int:
    """An argparse type for a session id, failing in one plain line."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise BlogIdeasError(ErrorKind.HISTORY_NOT_FOUND, text)
    return value


def add_history_parser(subparsers: Any) -> None:
    """Add ``history`` and its commands to ``blogideas``' subparsers.

    ``subparsers`` is what ``ArgumentParser.add_subparsers`` returned; the
    nested parsers inherit its parser class, so usage mistakes are reported
    the same way as elsewhere in the command line.
    """
    history = subparsers.add_parser("history", help="past requests and their ideas")
    commands = history.add_subparsers(dest="history_command", required=True)
    listing = commands.add_parser("list", help="past sessions, newest first")
    listing.add_argument(
        "--search", metavar="TEXT", help="only sessions whose topic or ideas hold TEXT"
    )
    listing.add_argument("--json", action="store_true", help="print a JSON list")
    show = commands.add_parser("show", help="one session as Markdown")
    show.add_argument("id", type=_session_id)
    show.add_argument("--json", action="store_true", help="print a JSON object")
    export = commands.add_parser("export", help="write one session to a Markdown file")
    export.add_argument("id", type=_session_id)
    export.add_argument("path", help="the Markdown file to write (a new file)")
    export.add_argument(
        "--force", action="store_true", help="replace PATH if it is an existing file"
    )


def _get(store: HistoryStore, session_id: int) -> Session:
    session = store.get(session_id)
    if session is None:
        raise BlogIdeasError(ErrorKind.HISTORY_NOT_FOUND, str(session_id))
    return session


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def run_history(args: argparse.Namespace, store: HistoryStore | None = None) -> int:
    """Run a parsed ``history`` command; ``store`` defaults to the user's history."""
    own = store is None
    store = store or HistoryStore()
    try:
        return _run(args, store)
    finally:
        if own:
            store.close()


def _run(args: argparse.Namespace, store: HistoryStore) -> int:
    if args.history_command == "list":
        summaries = store.list_sessions(args.search)
        if args.json:
            _print_json([summary.to_json() for summary in summaries])
        for summary in [] if args.json else summaries:
            print(
                f"{summary.id:>5}  {local_time(summary.created_at)}  {summary.status:<11}"
                f"  {summary.idea_count:>2}  {summary.topic}"
            )
        return 0
    session = _get(store, args.id)
    if args.history_command == "show":
        if args.json:
            _print_json(session.to_json())
        else:
            sys.stdout.write(session_markdown(session, store.expansions(session.id)))
        return 0
    text = session_markdown(session, store.expansions(session.id))
    write_export(args.path, text, replace=args.force)
    print(args.path)
    return 0
