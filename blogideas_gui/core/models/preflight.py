"""The checks a local model passes before llama.cpp is asked to load it.

The local backend takes them as a collaborator (``preflight``) so that the
backends never import the model store: the arrow runs from models down to
backends, and a cycle kept alive by imports inside functions is gone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from blogideas_gui.core.models.catalog import load_catalog
from blogideas_gui.core.models.fit import Fit, ensure_fits
from blogideas_gui.core.models.gguf import check_magic, checked_facts
from blogideas_gui.core.models.machine import MachineFacts, machine_facts
from blogideas_gui.core.models.starter import starter_model_path

log = logging.getLogger(__name__)


def local_preflight(
    *, facts: MachineFacts | None = None, insist: bool = False
) -> Callable[[Path, int], None]:
    """Checks for :class:`~blogideas_gui.core.backends.local.LocalBackend`.

    Args:
        facts: this machine's memory; read at load time when ``None``.
        insist: load even when the model looks too big for this machine.

    The returned function raises ``BlogIdeasError`` for a file that is not a
    whole GGUF model the engine can run (read once per file version, see
    :func:`~.gguf.checked_facts`), or (unless ``insist``) one too big for the
    memory, the GPU's counted where llama.cpp reports it.
    """

    def check(model_path: Path, n_ctx: int) -> None:
        if model_path == starter_model_path():
            check_magic(model_path)  # shipped with the app: no second of reading per start
        else:
            checked_facts(model_path)
        machine = facts or machine_facts(model_path.parent)
        try:
            entries = load_catalog()
        except (OSError, ValueError, KeyError) as error:
            log.warning("catalog unreadable, estimating the KV cache: %s", error)
            entries = []
        entry = next((e for e in entries if e.file == model_path.name), None)
        verdict = ensure_fits(
            model_path,
            machine,
            n_ctx=n_ctx,
            kv_bytes_per_token=entry.kv_bytes_per_token if entry else None,
            insist=insist,
        )
        if verdict is not Fit.FITS_WELL:
            log.warning("%s is %s for this machine; loading it anyway", model_path, verdict.value)

    return check
