"""The command line: the same core as the window, without Qt.

Errors print one plain line on stderr and never a traceback: exit status 2 for
a mistake in the command (empty topic, bad number), 3 for a backend or
configuration problem (model file, server, key).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import logging
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import NoReturn

from blogideas_gui.cli.history import add_history_parser, run_history
from blogideas_gui.cli.models import add_models_parser, run_models
from blogideas_gui.core.account.budget import Ledger
from blogideas_gui.core.backends.base import GenerationOptions, TextDelta
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind, user_message
from blogideas_gui.core.common.i18n import QT_TRANSLATE_NOOP
from blogideas_gui.core.common.language import LANGUAGES
from blogideas_gui.core.common.notices import listen
from blogideas_gui.core.common.readable_text import readable
from blogideas_gui.core.generation.runner import GenerationEvent, GenerationResult
from blogideas_gui.core.history.store import HistoryStore
from blogideas_gui.core.pipeline.factory import BACKEND_NAMES, create_backend
from blogideas_gui.core.pipeline.pipeline import Pipeline
from blogideas_gui.core.settings.local_settings import MAX_PARALLEL
from blogideas_gui.core.settings.preferences import load_settings
from blogideas_gui.core.writing.prompts import IdeaRequest
from blogideas_gui.core.writing.templates import TemplateStore

log = logging.getLogger(__name__)


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage mistake in one line instead of the usage text."""

    def error(self, message: str) -> NoReturn:
        # argparse words its own mistakes, in English; the hint around them is ours.
        raise BlogIdeasError(
            ErrorKind.BAD_OPTION,
            QT_TRANSLATE_NOOP("Errors", "{problem} (see blogideas {command} --help)"),
            problem=message,
            command=self.prog.split()[-1],
        )


def _int_in(low: int, high: int, what: str) -> Callable[[str], int]:
    """An argparse type for a whole number between ``low`` and ``high``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise BlogIdeasError(
                ErrorKind.BAD_NUMBER,
                QT_TRANSLATE_NOOP("Errors", "{option} must be {low}–{high}, not “{text}”."),
                option=what,
                low=low,
                high=high,
                text=text,
            )
        return value

    return parse


def build_parser() -> argparse.ArgumentParser:
    """The ``blogideas`` argument parser."""
    parser = _Parser(prog="blogideas", description="Blog post ideas from a topic.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    gen = commands.add_parser("generate", help="stream ideas for a topic to stdout")
    gen.add_argument("topic", help="what the blog post is about")
    gen.add_argument("--backend", choices=BACKEND_NAMES, default="local")
    gen.add_argument(
        "--model", help="an installed model's id or a GGUF file (local), a model name (openai)"
    )
    gen.add_argument(
        "--base-url", help="an OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1"
    )
    gen.add_argument("--count", type=_int_in(1, 20, "--count"), default=5)
    gen.add_argument("--lang", choices=LANGUAGES, default="ko")
    gen.add_argument("--tone", default="")
    gen.add_argument("--audience", default="")
    gen.add_argument(
        "--max-tokens",
        type=_int_in(16, 8192, "--max-tokens"),
        default=None,
        help="answer length limit (default: what the asked number of ideas needs)",
    )
    gen.add_argument(
        "--parallel",
        type=_int_in(1, MAX_PARALLEL, "--parallel"),
        default=None,
        help="ideas written at once by a local model (1: one after another; "
        "default: what measured fastest on this computer)",
    )
    gen.add_argument("--seed", type=int, default=None, help=argparse.SUPPRESS)
    gen.add_argument("--json", action="store_true", help="print one JSON object at the end")
    gen.add_argument("--no-history", action="store_true", help="do not keep this request")
    add_models_parser(commands)
    add_history_parser(commands)
    return parser


def _generate(args: argparse.Namespace) -> int:
    """``blogideas generate``: stream Markdown, or print the JSON result.

    The request takes the window's own pipeline (its checks, budget, history,
    the user's role prompt); only the pacing is left out, since a terminal
    keeps up.
    """
    request = IdeaRequest(args.topic, args.count, args.lang, args.tone, args.audience)
    settings = load_settings().settings
    local = settings.local_settings()
    if args.parallel is not None:
        local = dataclasses.replace(local, parallel=args.parallel)
    backend = create_backend(args.backend, model=args.model, base_url=args.base_url, local=local)
    options = GenerationOptions(max_tokens=args.max_tokens, seed=args.seed)
    cancel = CancelToken()
    signal.signal(signal.SIGINT, lambda *_: cancel.cancel())
    with contextlib.ExitStack() as stack:
        store = None if args.no_history else stack.enter_context(HistoryStore())
        pipeline = Pipeline(Ledger(), store, TemplateStore(), options)
        prepared = pipeline.ideas(request, backend, settings.monthly_budget_usd)
        result = _stream(pipeline.run(prepared, cancel), args.json)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write("\n")
    return 130 if result.stopped else 0


def _stream(events: Iterator[GenerationEvent], as_json: bool) -> GenerationResult:
    """Write the text as it comes (unless JSON was asked for); the result at the end.

    Ideas written side by side arrive interleaved, and a terminal cannot
    write into the middle of what it printed: their answer is printed whole,
    in idea order, when it ends.
    """
    result: GenerationResult | None = None
    side_by_side = False
    for event in events:
        if isinstance(event, TextDelta) and not as_json:
            side_by_side = side_by_side or event.part is not None
            if not side_by_side:
                sys.stdout.write(event.text)
                sys.stdout.flush()
        elif isinstance(event, GenerationResult):
            result = event
    if result is None:  # pragma: no cover - generate always ends with a result
        raise BlogIdeasError(ErrorKind.UNEXPECTED)
    if side_by_side:
        sys.stdout.write(result.markdown)
    return result


def _say(notice: BlogIdeasError) -> None:
    """A file notice (damaged, from a newer version, disk full): one line on stderr."""
    print(notice.message(), file=sys.stderr)


def run(argv: Sequence[str]) -> int:
    """Run a command; every failure becomes one line on stderr and an exit status."""
    listen(_say)
    try:
        for argument in argv:  # text a non-UTF-8 terminal could not hand over whole
            readable(argument)
        args = build_parser().parse_args(list(argv))
        if args.command == "models":
            return run_models(args)
        if args.command == "history":
            return run_history(args)
        return _generate(args)
    except BlogIdeasError as error:
        log.info("command failed: %r", error)
        print(error.message(), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        log.exception("unexpected failure")
        print(user_message(error), file=sys.stderr)
        return 3
