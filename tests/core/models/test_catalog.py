"""The curated catalog, the memory-fit advice and the recommendation, on made-up and real facts."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import psutil
import pytest

from blogideas_gui.core.backends.gpu import engine_devices, gpu_memory, gpu_offload_supported
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.i18n import catalogue
from blogideas_gui.core.models.advice import (
    UNMEASURED_LIVE_BYTES,
    WEAK_QUALITY,
    advise,
    choose,
    recommend,
)
from blogideas_gui.core.models.catalog import (
    CATALOG_CONTEXT,
    catalog_path,
    find_entry,
    load_catalog,
)
from blogideas_gui.core.models.fit import Fit, ensure_fits, entry_fit, memory_needed
from blogideas_gui.core.models.machine import MachineFacts, machine_facts, memory_bytes
from blogideas_gui.core.models.speed import LIVE_TOKENS_PER_SECOND, Probe, SpeedBook

GB = 1024**3
EVIDENCE = Path(__file__).parents[4] / "shared" / "catalog-evidence.md"


def facts(total_gb: float, available_gb: float) -> MachineFacts:
    return MachineFacts(int(total_gb * GB), int(available_gb * GB), 100 * GB, gpu_offload=False)


def probe(tokens_per_second: float) -> SpeedBook:
    """Speeds as a probe of the starter (98 MB) at ``tokens_per_second`` would predict them."""
    return SpeedBook(Probe(tokens_per_second, tokens_per_second, 490.0, 98_362_432, 2, 0.0))


NO_SPEEDS = SpeedBook()


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
        assert entry.description and entry.license
        # The catalog's minimum RAM agrees with the estimate at the default context.
        assert memory_needed(entry.size_bytes, entry.kv_bytes_per_token) <= entry.min_ram_gb * GB


def test_the_catalogs_texts_are_translated_in_the_catalogue_and_only_they() -> None:
    """English in the data, Korean in the one catalogue, as every other string is."""
    entries = load_catalog()
    texts = {entry.description for entry in entries}
    held = {source for context, source, _ in catalogue("ko").exact if context == CATALOG_CONTEXT}
    assert held == texts
    starter = next(entry for entry in entries if entry.is_bundled)
    assert starter.described("en") == starter.description
    assert starter.described("ko").startswith("앱에 포함된 아주 작은 모델입니다")


def test_the_catalog_is_package_data_beside_its_module() -> None:
    path = catalog_path()
    assert path.parent == Path(__file__).parents[3] / "blogideas_gui" / "core" / "models"
    assert tomllib.loads(path.read_text(encoding="utf-8"))["schema"] == 1


@pytest.mark.skipif(
    not EVIDENCE.is_file(), reason="the shared evidence file is not beside the repo"
)
def test_sizes_and_repos_follow_the_evidence_file() -> None:
    text = EVIDENCE.read_text(encoding="utf-8")
    for entry in load_catalog():
        if entry.is_bundled or not entry.size_exact:
            continue
        assert entry.file in text, entry.id
        assert f"{entry.size_bytes:,}" in text, entry.id
    gemma = find_entry(load_catalog(), "gemma-3-4b-it")
    assert gemma is not None and gemma.repo == "ggml-org/gemma-3-4b-it-GGUF"


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
        (facts(4, 3), "qwen2.5-7b-instruct", Fit.TOO_BIG),
        (facts(8, 2), "qwen2.5-3b-instruct", Fit.TIGHT),
        (facts(16, 12), "exaone-3.5-7.8b-instruct", Fit.FITS_WELL),
    ],
)
def test_fit_verdicts(machine: MachineFacts, model_id: str, verdict: Fit) -> None:
    entry = find_entry(load_catalog(), model_id)
    assert entry is not None
    assert entry_fit(entry, machine) is verdict


def test_a_longer_context_needs_more_memory() -> None:
    entry = find_entry(load_catalog(), "qwen3-4b-instruct-2507")
    assert entry is not None
    assert entry_fit(entry, facts(8, 6), n_ctx=4096) is Fit.FITS_WELL
    assert entry_fit(entry, facts(8, 6), n_ctx=32768) is not Fit.FITS_WELL


def test_gpu_memory_counts_where_the_engine_reports_it() -> None:
    # A FAKE GPU: this machine has none. The facts are what machine_facts() builds
    # from llama.cpp's device list on a CUDA/Metal/Vulkan build.
    entry = find_entry(load_catalog(), "qwen2.5-7b-instruct")
    assert entry is not None
    small = facts(4, 3)
    with_gpu = MachineFacts(4 * GB, 3 * GB, 100 * GB, True, gpu_free=7 * GB, gpu_total=8 * GB)
    unused_gpu = MachineFacts(4 * GB, 3 * GB, 100 * GB, False, gpu_free=7 * GB, gpu_total=8 * GB)
    assert entry_fit(entry, small) is Fit.TOO_BIG
    assert entry_fit(entry, with_gpu) is Fit.FITS_WELL
    assert entry_fit(entry, unused_gpu) is Fit.TOO_BIG  # no offload: its memory is no help


def test_the_engine_lists_its_devices_and_no_gpu_here() -> None:
    devices = engine_devices()
    cpu = [device for device in devices if device.name == "CPU"]
    assert len(cpu) == 1 and cpu[0].total > 256 * 1024**2  # the real ggml registry answered
    if not gpu_offload_supported():
        assert gpu_memory(devices) is None
        assert machine_facts().gpu_free is None


def test_recommend_before_any_measurement_picks_the_best_small_writer_that_fits_well() -> None:
    """Unmeasured, only models up to 2 GB count as live: never a 7-9 B model on a guess."""
    entries = load_catalog()
    for machine in (facts(4, 3), facts(8, 5), facts(16, 12), facts(64, 60)):
        for language in ("ko", "en"):
            advice = advise(entries, machine, NO_SPEEDS)
            chosen = recommend(advice, language)
            assert chosen is not None and not chosen.is_bundled
            assert entry_fit(chosen, machine) is Fit.FITS_WELL
            assert chosen.size_bytes <= UNMEASURED_LIVE_BYTES
            fitting = [
                row.entry
                for row in advice
                if row.fit is Fit.FITS_WELL and row.entry.size_bytes <= UNMEASURED_LIVE_BYTES
            ]
            best = max(e.quality(language) for e in fitting if not e.is_bundled)
            assert chosen.quality(language) == best
    roomy = recommend(advise(entries, facts(64, 60), NO_SPEEDS), "ko")
    assert roomy is not None and "7.8b" not in roomy.id
    assert recommend(advise(entries, facts(1, 0.5), NO_SPEEDS), "ko") is None  # only the starter


def test_recommend_leaves_out_models_too_slow_to_feel_live() -> None:
    entries = load_catalog()
    roomy = facts(24, 20)
    # 2 cores, the starter at 170 tokens a second (llama-bench here): 7-9 B models crawl.
    slow_machine = advise(entries, roomy, probe(170.0))
    chosen = recommend(slow_machine, "ko")
    assert chosen is not None and chosen.parameters_billion < 7
    row = next(r for r in slow_machine if r.entry is chosen)
    assert row.speed is not None and row.speed.tokens_per_second >= LIVE_TOKENS_PER_SECOND
    big = next(r for r in slow_machine if r.entry.id == "exaone-3.5-7.8b-instruct")
    assert big.fit is Fit.FITS_WELL and big.speed is not None and not big.speed.live
    # Ten times the speed (a GPU): the best Korean writer that fits is back.
    fast = recommend(advise(entries, roomy, probe(1700.0)), "ko")
    assert fast is not None and fast.id == "exaone-3.5-7.8b-instruct"


def test_ties_go_to_the_smaller_model() -> None:
    entries = load_catalog()
    ko7 = [e for e in entries if e.quality_ko == 7 and not e.is_bundled]
    assert len(ko7) >= 2
    chosen = recommend(advise(ko7, facts(64, 60), probe(1700.0)), "ko")
    assert chosen is min(ko7, key=lambda e: e.size_bytes)


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


def test_real_machine_facts_come_from_psutil() -> None:
    machine = machine_facts(check_gpu=False)
    total, available = memory_bytes()
    assert total == psutil.virtual_memory().total == machine.total_ram
    assert 0 < available <= total and 0 < machine.available_ram <= machine.total_ram
    assert machine.free_disk > 0
    assert set(json.loads(json.dumps(machine.to_dict()))) == {
        "total_ram_bytes",
        "available_ram_bytes",
        "free_disk_bytes",
        "gpu_offload",
        "gpu_free_bytes",
        "gpu_total_bytes",
    }


def test_gpu_offload_is_the_engines_answer() -> None:
    import llama_cpp

    assert gpu_offload_supported() is bool(llama_cpp.llama_supports_gpu_offload())


def test_a_weak_korean_writer_gives_way_to_a_better_one_within_its_time() -> None:
    """Seen here within an hour: EXAONE 4.0 1.2B, then Qwen2.5 0.5B as the probe moved EXAONE
    just under the live line (the starter at 60 tokens a second, the bare engine at 65)."""
    entries = load_catalog()
    book = SpeedBook(Probe(60.0, 65.0, 490.0, 98_362_432, 2, 0.0))
    advice = advise(entries, facts(24, 20), book)
    rows = {row.entry.id: row for row in advice}
    exaone, qwen = rows["exaone-4.0-1.2b"], rows["qwen2.5-0.5b-instruct"]
    assert exaone.speed is not None and not exaone.speed.live  # the flip's cause
    assert qwen.speed is not None and qwen.speed.live and qwen.entry.quality_ko <= WEAK_QUALITY
    choice = choose(advice, "ko")
    assert choice.best is exaone and choice.faster is qwen
    assert recommend(advice, "ko") is exaone.entry
    # Not for any better writer: Qwen2.5 1.5B takes more than twice as long.
    pair = [e for e in entries if e.id in ("qwen2.5-0.5b-instruct", "qwen2.5-1.5b-instruct")]
    alone = choose(advise(pair, facts(24, 20), book), "ko")
    assert alone.best is not None and alone.best.entry.id == "qwen2.5-0.5b-instruct"
    assert alone.faster is None
    # Where EXAONE is live, it is the pick as before, with no second choice.
    assert choose(advise(entries, facts(24, 20), probe(170.0)), "ko").faster is None


def test_the_weakest_korean_writer_is_never_the_pick_where_exaone_fits() -> None:
    entries = load_catalog()
    for app in (13.0, 30.0, 45.0, 60.0, 67.0, 100.0, 150.0):
        for engine in (app, 1.1 * app, 2.5 * app):
            book = SpeedBook(Probe(app, engine, 490.0, 98_362_432, 2, 0.0))
            best = choose(advise(entries, facts(24, 20), book), "ko").best
            assert best is None or best.entry.id != "qwen2.5-0.5b-instruct", (app, engine)
