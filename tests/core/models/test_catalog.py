"""The curated catalog and the memory-fit advice, on made-up and on real machine facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from blogideas_gui.core.backends.gpu import gpu_offload_supported
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.models import catalog
from blogideas_gui.core.models.catalog import (
    Fit,
    MachineFacts,
    ensure_fits,
    entry_fit,
    find_entry,
    load_catalog,
    machine_facts,
    memory_bytes,
    memory_needed,
    recommend,
)

GB = 1024**3


@pytest.fixture(autouse=True)
def _own_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """All model files of a test go under its own folder (conftest does the same)."""
    monkeypatch.setenv("BLOGIDEAS_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")


def facts(total_gb: float, available_gb: float) -> MachineFacts:
    return MachineFacts(int(total_gb * GB), int(available_gb * GB), 100 * GB, gpu_offload=False)


def test_catalog_lists_6_to_10_downloadable_models_and_the_starter(starter_model: Path) -> None:
    entries = load_catalog()
    hub = [entry for entry in entries if entry.source == "hub"]
    assert 6 <= len(hub) <= 10
    assert all(entry.file.endswith(".gguf") and "/" in entry.repo for entry in hub)
    assert all(not entry.verified for entry in hub)  # nothing was checked against the hub here
    assert all("ko" in entry.languages and "en" in entry.languages for entry in hub)
    assert any(entry.quality_ko >= 7 for entry in hub)  # at least one strong in Korean
    starter = [entry for entry in entries if entry.is_bundled]
    assert len(starter) == 1 and starter[0].size_bytes == starter_model.stat().st_size
    for entry in entries:
        assert entry.size_bytes > 0 and entry.kv_bytes_per_token > 0
        assert entry.description and entry.description_ko and entry.license
        # The catalog's minimum RAM agrees with the estimate at the default context.
        assert memory_needed(entry.size_bytes, entry.kv_bytes_per_token) <= entry.min_ram_gb * GB


def test_find_entry_ignores_case() -> None:
    entries = load_catalog()
    entry = find_entry(entries, "EXAONE-3.5-2.4B-INSTRUCT")
    assert entry is not None and entry.repo == "LGAI-EXAONE/EXAONE-3.5-2.4B-Instruct-GGUF"
    assert find_entry(entries, "nope") is None


@pytest.mark.parametrize(
    ("machine", "model_id", "verdict"),
    [
        (facts(4, 3), "qwen2.5-0.5b-instruct", Fit.FITS_WELL),
        (facts(4, 3), "gemma-3-4b-it", Fit.TIGHT),
        (facts(4, 3), "gemma-2-9b-it", Fit.TOO_BIG),
        (facts(8, 2), "qwen2.5-3b-instruct", Fit.TIGHT),
        (facts(16, 12), "exaone-3.5-7.8b-instruct", Fit.FITS_WELL),
    ],
)
def test_fit_verdicts(machine: MachineFacts, model_id: str, verdict: Fit) -> None:
    entry = find_entry(load_catalog(), model_id)
    assert entry is not None
    assert entry_fit(entry, machine) is verdict


def test_a_longer_context_needs_more_memory() -> None:
    entry = find_entry(load_catalog(), "gemma-2-9b-it")
    assert entry is not None
    assert entry_fit(entry, facts(16, 12), n_ctx=4096) is Fit.FITS_WELL
    assert entry_fit(entry, facts(16, 12), n_ctx=32768) is not Fit.FITS_WELL


def test_recommend_picks_the_best_writer_that_fits_well() -> None:
    entries = load_catalog()
    for machine in (facts(4, 3), facts(8, 5), facts(16, 12), facts(64, 60)):
        for language in ("ko", "en"):
            chosen = recommend(entries, machine, language)
            assert chosen is not None and not chosen.is_bundled
            assert entry_fit(chosen, machine) is Fit.FITS_WELL
            fitting = [
                e for e in entries if not e.is_bundled and entry_fit(e, machine) is Fit.FITS_WELL
            ]
            assert chosen.quality(language) == max(e.quality(language) for e in fitting)
    big = recommend(entries, facts(16, 12), "ko")
    assert big is not None and big.id == "exaone-3.5-7.8b-instruct"
    assert recommend(entries, facts(1, 0.5), "ko") is None  # only the starter fits


def test_ensure_fits_refuses_a_model_too_big_unless_insisted(tmp_path: Path) -> None:
    model = tmp_path / "big.gguf"
    with model.open("wb") as handle:
        handle.truncate(3 * GB)  # sparse: takes no disk space
    with pytest.raises(BlogIdeasError) as failure:
        ensure_fits(model, facts(2, 1.5))
    assert failure.value.kind is ErrorKind.NOT_ENOUGH_MEMORY
    assert "GB" in failure.value.message("en")
    assert ensure_fits(model, facts(2, 1.5), insist=True) is Fit.TOO_BIG
    assert ensure_fits(model, facts(32, 30)) is Fit.FITS_WELL


def test_real_machine_facts_are_plausible() -> None:
    machine = machine_facts(check_gpu=False)
    assert machine.total_ram > 256 * 1024**2
    assert 0 < machine.available_ram <= machine.total_ram
    assert machine.free_disk > 0
    assert set(machine.to_dict()) == {
        "total_ram_bytes",
        "available_ram_bytes",
        "free_disk_bytes",
        "gpu_offload",
    }


def test_memory_falls_back_to_sysconf_without_proc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(catalog, "_meminfo", lambda: (None, None))
    total, available = memory_bytes()
    assert total > 0 and 0 < available <= total


def test_gpu_offload_is_the_engines_answer() -> None:
    import llama_cpp

    assert gpu_offload_supported() is bool(llama_cpp.llama_supports_gpu_offload())
