"""The local backend's memory guard, its GPU report and freeing a model, on the real starter."""

from __future__ import annotations

from pathlib import Path

import pytest

from blogideas_gui.core.backends.base import GenerationOptions, TextDelta
from blogideas_gui.core.backends.local import NO_GPU_BUILD, LocalBackend
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.models.machine import MachineFacts
from blogideas_gui.core.models.preflight import local_preflight
from blogideas_gui.core.settings.local_settings import LocalSettings
from blogideas_gui.core.writing.prompts import IdeaRequest, build_messages

MB = 1024**2
GB = 1024**3
# 98 MB of weights plus KV cache and buffers cannot fit in 256 MB.
TINY_MACHINE = MachineFacts(256 * MB, 200 * MB, 100 * GB, gpu_offload=False)
ROOMY_MACHINE = MachineFacts(16 * GB, 12 * GB, 100 * GB, gpu_offload=False)
FEW = GenerationOptions(max_tokens=4, seed=1)


def one_answer(backend: LocalBackend) -> str:
    messages = build_messages(IdeaRequest("tea", 1, "en"))
    events = backend.stream(messages, FEW, CancelToken())
    return "".join(e.text for e in events if isinstance(e, TextDelta))


def test_a_model_too_big_for_the_machine_is_refused_before_loading(starter_model: Path) -> None:
    backend = LocalBackend(starter_model, preflight=local_preflight(facts=TINY_MACHINE))
    with pytest.raises(BlogIdeasError) as refused:
        backend.load()
    assert refused.value.kind is ErrorKind.NOT_ENOUGH_MEMORY
    assert "GB" in refused.value.message("en")
    assert not backend.is_loaded


def test_insisting_loads_it_anyway(starter_model: Path) -> None:
    backend = LocalBackend(
        starter_model, preflight=local_preflight(facts=TINY_MACHINE, insist=True)
    )
    try:
        backend.load()
        assert backend.is_loaded
    finally:
        backend.close()


def test_a_larger_context_can_make_a_model_too_big(starter_model: Path) -> None:
    machine = MachineFacts(1 * GB, 900 * MB, 100 * GB, gpu_offload=False)
    local_preflight(facts=machine)(starter_model, 2048)
    with pytest.raises(BlogIdeasError) as refused:
        LocalBackend(starter_model, preflight=local_preflight(facts=machine), n_ctx=32768).load()
    assert refused.value.kind is ErrorKind.NOT_ENOUGH_MEMORY


def test_close_frees_the_model_and_a_new_one_loads_after(starter_model: Path) -> None:
    first = LocalBackend(starter_model, preflight=local_preflight(facts=ROOMY_MACHINE))
    first.load()
    assert first.is_loaded
    first.close()
    assert not first.is_loaded
    first.close()  # twice is harmless
    second = LocalBackend(starter_model, preflight=local_preflight(facts=ROOMY_MACHINE), n_ctx=1024)
    try:
        assert one_answer(second).strip()
    finally:
        second.close()
    assert one_answer(first).strip()  # a closed backend loads again on demand
    first.close()


def test_settings_reach_the_engine_and_info_explains_the_gpu(starter_model: Path) -> None:
    settings = LocalSettings(n_ctx=1024, n_threads=1, n_gpu_layers=0)
    backend = LocalBackend(
        starter_model, preflight=local_preflight(facts=ROOMY_MACHINE), **settings.backend_kwargs()
    )
    try:
        backend.load()
        details = backend.info().details
        assert details["threads"] == "1" and details["context"] == "1024"
        assert details["gpu_offload"] == "no"
        assert details["gpu_offload_reason"] in {"GPU layers set to 0", NO_GPU_BUILD}
    finally:
        backend.close()
    assert "gpu_offload_reason" not in backend.info().details


def test_automatic_gpu_layers_say_why_the_cpu_is_used(starter_model: Path) -> None:
    backend = LocalBackend(starter_model, preflight=local_preflight(facts=ROOMY_MACHINE))
    try:
        backend.load()
        details = backend.info().details
        if details["gpu_offload"] == "no":  # this machine's llama.cpp is a CPU build
            assert details["gpu_offload_reason"] == NO_GPU_BUILD
        else:
            assert "gpu_offload_reason" not in details
    finally:
        backend.close()


def test_local_settings_validate_and_round_trip() -> None:
    settings = LocalSettings(n_ctx=8192, n_threads=2, n_gpu_layers=None)
    assert LocalSettings.from_dict(settings.to_dict()) == settings
    assert LocalSettings.from_dict({"n_ctx": "big", "n_threads": True}) == LocalSettings()
    for bad in (
        LocalSettings(n_ctx=10),
        LocalSettings(n_threads=0),
        LocalSettings(n_gpu_layers=-2),
    ):
        with pytest.raises(BlogIdeasError) as caught:
            bad.validated()
        assert caught.value.kind is ErrorKind.BAD_NUMBER
