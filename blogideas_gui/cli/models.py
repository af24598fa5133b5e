"""``blogideas models``: list, download, import and remove models from the command line.

The same core as the model manager window (catalog, downloads, installed
store), without Qt. Results go to stdout, the progress bar to stderr, and a
failure raises :class:`BlogIdeasError` for ``cli.run`` to print as one plain
line (exit 3; nothing is left half-installed). Ctrl+C pauses a download:
running the same command again resumes it.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.i18n import QT_TRANSLATE_NOOP
from blogideas_gui.core.common.units import format_bytes
from blogideas_gui.core.models.advice import advise, choose
from blogideas_gui.core.models.catalog import find_entry, load_catalog
from blogideas_gui.core.models.downloads import (
    DownloadOptions,
    DownloadPhase,
    DownloadPhaseChanged,
    DownloadProgress,
    DownloadResult,
    DownloadSource,
    download_model,
    partial_bytes,
    resolve_source,
)
from blogideas_gui.core.models.fit import Fit, entry_fit, file_fit
from blogideas_gui.core.models.gguf import GgufFacts, known_facts
from blogideas_gui.core.models.hub import hub_endpoint
from blogideas_gui.core.models.installed import import_model, list_installed, remove_model
from blogideas_gui.core.models.machine import machine_facts
from blogideas_gui.core.models.probe import Measured, measure_and_keep, measure_speed
from blogideas_gui.core.models.probe_verdict import Verdict
from blogideas_gui.core.models.speed import (
    LIVE_TOKENS_PER_SECOND,
    Prediction,
    SpeedBook,
    fastest_width,
    load_book,
)
from blogideas_gui.core.settings.local_settings import DEFAULT_CONTEXT


def add_models_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``models`` and its sub-commands to the ``blogideas`` parser."""
    models = subparsers.add_parser("models", help="list, download, import or remove models")
    actions = models.add_subparsers(dest="models_command", required=True, parser_class=type(models))
    listing = actions.add_parser("list", help="catalog models with their fit, and installed ones")
    listing.add_argument("--json", action="store_true", help="print one JSON object")
    listing.add_argument("--context", type=int, default=DEFAULT_CONTEXT, help="context size")
    listing.add_argument("--lang", choices=("ko", "en"), default="ko", help="for the pick")
    download = actions.add_parser("download", help="download a catalog model or a hub GGUF")
    download.add_argument("model", metavar="ID_OR_REPO/FILE")
    download.add_argument("--revision", help="a branch, tag or commit of the repo")
    download.add_argument(
        "--stall-timeout", type=float, default=30.0, help="seconds without data before retrying"
    )
    download.add_argument("--retries", type=int, default=3, help=argparse.SUPPRESS)
    imported = actions.add_parser("import", help="add a .gguf file you already have")
    imported.add_argument("path")
    imported.add_argument(
        "--link", action="store_true", help="link to the file instead of copying it"
    )
    removal = actions.add_parser("remove", help="delete an installed model")
    removal.add_argument("model", metavar="ID")
    speed = actions.add_parser("speed", help="measure again how fast models write here")
    speed.add_argument("--json", action="store_true", help="print one JSON object")


def run_models(args: argparse.Namespace) -> int:
    """Run ``blogideas models <command>``; returns the exit status."""
    command = args.models_command
    if command == "list":
        return _list(args)
    if command == "download":
        return _download(args)
    if command == "import":
        model = import_model(Path(args.path), link=args.link)
        how = "Linked" if model.source == "linked" else "Imported"
        print(f"{how} {model.id} ({format_bytes(model.size_bytes)}): {model.path}")
        read = known_facts(model.path)
        if read is not None:
            print(f"Read from the file: {describe_facts(read)}")
        return 0
    if command == "speed":
        _report_speed(measure_and_keep(), args.json)
        return 0
    if command == "remove":
        freed = remove_model(args.model)
        if freed:
            print(f"Removed {args.model}; {format_bytes(freed)} of disk space given back.")
        else:
            print(f"Removed the link {args.model}; your own file was kept.")
        return 0
    raise BlogIdeasError(
        ErrorKind.BAD_OPTION,
        QT_TRANSLATE_NOOP("Errors", "Unknown command “models {command}”."),
        command=command,
    )


def describe_facts(facts: GgufFacts) -> str:
    """What a GGUF file says about itself, in one line."""
    context = f"{facts.context_length:,} context" if facts.context_length else "context unsaid"
    template = "chat template" if facts.chat_template else "no chat template"
    return (
        f"{facts.architecture}, {facts.parameters_label} parameters, "
        f"{facts.quantization}, {context}, {template}"
    )


IDEAS = 5


def _report_speed(measured: Measured, as_json: bool) -> None:
    """What the probe found, whether the book took it, and how many ideas to write at once."""
    probe, kept, table = measured.probe, measured.kept, load_book().parallel_table(None)
    if as_json:
        report = {
            "probe": kept.to_dict(),
            "measured": probe.to_dict(),
            "verdict": measured.verdict.value,
            "others_share": round(measured.others, 2),
            "parallel": {str(k): round(v, 1) for k, v in sorted(table.items())},
            "parallel_for_five": fastest_width(table, IDEAS),
        }
        print(json.dumps(report, indent=2))
        return
    said = (
        f"The starter model writes {probe.tokens_per_second:.0f} tokens a second here "
        f"(the bare engine {probe.engine_tokens_per_second:.0f}, rounds within "
        f"{probe.noise:.0%} of each other)"
    )
    if measured.verdict is Verdict.TAKEN:
        print(f"{said}; kept for the advice.")
    elif measured.verdict is Verdict.WITHIN_NOISE:
        print(f"{said}: within the noise of the kept {kept.tokens_per_second:.0f}, which stays.")
    else:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(kept.measured_at))
        print(
            f"{said}, while other programs used {measured.others:.0%} of the processor.\n"
            f"The computer was busy; the last good measurement is kept "
            f"({kept.tokens_per_second:.0f} tokens a second, {when})."
        )
    if table:
        speeds = ", ".join(f"{k} at once {v:.0f}" for k, v in sorted(table.items()))
        print(
            f"Tokens a second in all, ideas written at once: {speeds}; "
            f"five ideas are written {fastest_width(table, IDEAS)} at once."
        )


def _speeds() -> SpeedBook:
    """The kept speed measurements; measured now (a few seconds) when there are none."""
    book = load_book()
    if book.probe is None:
        print("Measuring how fast this computer writes (a few seconds)…", file=sys.stderr)
        try:
            measure_speed()
        except BlogIdeasError as error:
            print(f"Speed not measured: {error.message()}", file=sys.stderr)
        book = load_book()
    return book


def _speed_text(speed: Prediction | None, language: str) -> str:
    if speed is None:
        return "?"
    return f"{speed.words_per_second(language):.1f} w/s  {_duration(speed.typical_wait_seconds)}"


def _list(args: argparse.Namespace) -> int:
    """The catalog with fit and predicted speed here, the pick, then the other installed models."""
    entries = load_catalog()
    facts = machine_facts()
    speeds = _speeds()
    installed = list_installed(entries=entries)
    by_id = {model.id: model for model in installed}
    advice = advise(entries, facts, speeds, args.context)
    choice = choose(advice, args.lang)
    pick = None if choice.best is None else choice.best.entry
    second = choice.faster
    rows: list[dict[str, object]] = []
    lines: list[str] = []
    for row in advice:
        entry, model = row.entry, by_id.get(row.entry.id)
        partial = 0 if entry.is_bundled else partial_bytes(DownloadSource(entry.repo, entry.file))
        rows.append(
            entry.to_dict()
            | row.to_dict(args.lang)
            | {
                "recommended": entry is pick,
                "second_choice": second is not None and entry is second.entry,
                "installed": model is not None,
                "path": str(model.path) if model else None,
                "verified_download": None if model is None else model.verified,
                "partial_bytes": partial,
            }
        )
        status = "installed" if model else f"paused at {format_bytes(partial)}" if partial else ""
        mark = "*" if entry is pick else "2" if second and entry is second.entry else " "
        lines.append(
            f"{mark}{entry.id:<27} {format_bytes(entry.size_bytes):>8}  {row.fit.value:<10} "
            f"{_speed_text(row.speed, args.lang):<16} {status}".rstrip()
        )
    catalog_ids = {entry.id for entry in entries}
    others: list[dict[str, object]] = []
    for model in installed:
        if model.id not in catalog_ids:
            fit = file_fit(model.size_bytes, facts, args.context).value
            speed = speeds.predict(model.size_bytes, model.path.name)
            read = known_facts(model.path)
            others.append(
                model.to_dict()
                | {
                    "fit": fit,
                    "speed": None if speed is None else speed.to_dict(args.lang),
                    "gguf": None if read is None else read.to_dict(),
                }
            )
            lines.append(
                f" {model.id:<27} {format_bytes(model.size_bytes):>8}  {fit:<10} "
                f"{_speed_text(speed, args.lang):<16} {model.source}"
            )
    if args.json:
        report = {
            "machine": facts.to_dict(),
            "context": args.context,
            "language": args.lang,
            "live_tokens_per_second": LIVE_TOKENS_PER_SECOND,
            "speed_probe": None if speeds.probe is None else speeds.probe.to_dict(),
            "recommended": pick.id if pick else None,
            "second_choice": None if second is None else second.entry.id,
            "models": rows,
            "other_installed": others,
        }
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    gpu = "yes" if facts.gpu_offload else "no (CPU only)"
    print(
        f"This computer: {format_bytes(facts.total_ram)} memory ({format_bytes(facts.available_ram)} free), "
        f"{format_bytes(facts.free_disk)} free disk, GPU offload: {gpu}"
    )
    why = "the starter model (nothing larger fits well and writes fast enough)"
    print(f"Recommended: {pick.id if pick else why}")
    if second is not None and second.speed is not None:
        print(
            f"Second choice (2): {second.entry.id}, faster but writes less well "
            f"(a five-idea answer in {_duration(second.speed.typical_wait_seconds)})"
        )
    print(
        f"(fits well and writes at least {LIVE_TOKENS_PER_SECOND:g} tokens a second here; "
        "w/s = words a second, then the wait for a five-idea answer)\n"
    )
    print(f" {'ID':<27} {'SIZE':>8}  {'FIT':<10} {'SPEED':<16} STATUS")
    print("\n".join(lines))
    return 0


def _download(args: argparse.Namespace) -> int:
    """Download with a progress bar on stderr; Ctrl+C pauses (exit 130), resumable."""
    source = resolve_source(args.model)
    if args.revision:
        source = DownloadSource(source.repo, source.file, args.revision)
    entry = find_entry(load_catalog(), args.model)
    if entry is not None and entry_fit(entry, machine_facts()) is Fit.TOO_BIG:
        print(f"Warning: {entry.name} is too big for this computer's memory.", file=sys.stderr)
    cancel = CancelToken()
    previous = signal.signal(signal.SIGINT, lambda *_: cancel.cancel())
    bar = ProgressBar(sys.stderr)
    options = DownloadOptions(stall_timeout=args.stall_timeout, retries=args.retries)
    try:
        for event in download_model(source, cancel, options=options):
            if isinstance(event, DownloadPhaseChanged):
                bar.phase(event.phase, hub_endpoint())
            elif isinstance(event, DownloadProgress):
                bar.update(event)
            elif isinstance(event, DownloadResult):
                return _report(event, bar)
    finally:
        bar.close()
        signal.signal(signal.SIGINT, previous)
    raise BlogIdeasError(ErrorKind.UNEXPECTED)  # pragma: no cover - always ends with a result


def _report(result: DownloadResult, bar: ProgressBar) -> int:
    bar.close()
    if result.cancelled:
        print(
            f"Download paused at {format_bytes(result.done)}; run the same command to resume.",
            file=sys.stderr,
        )
        return 130
    model = result.model
    assert model is not None
    already = " (already installed)" if result.status == "already_installed" else ""
    print(f"Installed {model.id}{already} ({format_bytes(model.size_bytes)}): {model.path}")
    if not model.verified:
        print("Not verified: the server gave no checksum, only the size was checked.")
    return 0


class ProgressBar:
    """A one-line bar redrawn in place on a terminal; a line per 10% elsewhere (logs, CI)."""

    _WIDTH = 24

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._tty = stream.isatty()
        self._open = False
        self._last_step = -1

    def phase(self, phase: DownloadPhase, endpoint: str) -> None:
        text = {
            DownloadPhase.CONNECTING: f"Connecting to {endpoint}…",
            DownloadPhase.RETRYING: "Connection lost; resuming…",
            DownloadPhase.VERIFYING: "Checking the file…",
        }.get(phase)
        if text:
            self.close()
            print(text, file=self._stream, flush=True)

    def update(self, event: DownloadProgress) -> None:
        fraction = event.fraction or 0.0
        filled = int(fraction * self._WIDTH)
        line = f"[{'#' * filled}{'-' * (self._WIDTH - filled)}] {fraction:4.0%}  {format_bytes(event.done)}"
        if event.total:
            line += f" / {format_bytes(event.total)}"
        if event.bytes_per_second:
            line += f"  {format_bytes(event.bytes_per_second)}/s"
        if event.seconds_left is not None:
            line += f"  {_duration(event.seconds_left)} left"
        if self._tty:
            self._stream.write("\r" + line.ljust(78))
            self._stream.flush()
            self._open = True
        elif (step := int(fraction * 10)) != self._last_step:
            self._last_step = step
            print(line, file=self._stream, flush=True)

    def close(self) -> None:
        """End the redrawn line, so the next message starts on its own line."""
        if self._open:
            self._stream.write("\n")
            self._stream.flush()
            self._open = False


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"
