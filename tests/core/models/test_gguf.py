"""Knowing a model before listing it: the real starter, and cut, hollow and altered copies of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.models.architectures import engine_library, engine_runs
from blogideas_gui.core.models.gguf import (
    GgufFacts,
    check_gguf_file,
    checked_facts,
    known_facts,
    read_gguf,
)
from tests.support.gguf_files import altered_copy, cut_copy, hollow_copy, write_tiny_gguf


@pytest.fixture(scope="module")
def starter_facts(starter_model: Path) -> GgufFacts:
    return check_gguf_file(starter_model)


def refused(path: Path) -> ErrorKind:
    with pytest.raises(BlogIdeasError) as failure:
        check_gguf_file(path)
    assert path.name in failure.value.message("en")
    return failure.value.kind


def test_the_starter_says_what_it_is(starter_facts: GgufFacts) -> None:
    assert starter_facts.architecture == "llama"
    assert 130e6 < starter_facts.parameters < 140e6  # SmolLM2 135M
    assert starter_facts.parameters_label == "135M"
    assert starter_facts.quantization == "Q4_1"
    assert starter_facts.context_length == 8192
    assert starter_facts.chat_template
    assert starter_facts.languages == ("en",)
    assert GgufFacts.from_dict(starter_facts.to_dict()) == starter_facts


def test_a_file_cut_in_half_is_refused(starter_model: Path, tmp_path: Path) -> None:
    assert refused(cut_copy(starter_model, tmp_path / "half.gguf")) is ErrorKind.MODEL_DAMAGED


def test_a_hollow_file_is_refused(starter_model: Path, tmp_path: Path) -> None:
    eight = hollow_copy(starter_model, tmp_path / "eight.gguf")
    assert eight.read_bytes().startswith(b"GGUF")
    assert refused(eight) is ErrorKind.MODEL_DAMAGED
    # The whole header and metadata, but not one byte of the weights.
    header = hollow_copy(starter_model, tmp_path / "header.gguf", size=1_785_664)
    assert refused(header) is ErrorKind.MODEL_DAMAGED


def test_a_tensor_pointing_past_the_end_is_refused(tmp_path: Path) -> None:
    whole = write_tiny_gguf(tmp_path / "whole.gguf", data_bytes=64 * 1024)
    assert read_gguf(whole).architecture == "llama"
    short = cut_copy(whole, tmp_path / "short.gguf", fraction=0.9)
    assert refused(short) is ErrorKind.MODEL_DAMAGED


def test_an_architecture_the_engine_does_not_know_needs_a_newer_app(
    starter_model: Path, tmp_path: Path
) -> None:
    assert engine_library() is not None
    assert engine_runs("llama") and engine_runs("exaone4") and engine_runs("qwen3")
    assert engine_runs("gemma3") and engine_runs("exaone")
    assert engine_runs("qqqqq") is False
    # The architecture's name is the first "llama" in the file (general.architecture).
    future = altered_copy(starter_model, tmp_path / "future.gguf", b"llama", b"qqqqq")
    assert read_gguf(future).architecture == "qqqqq"  # the file itself is whole
    with pytest.raises(BlogIdeasError) as failure:
        check_gguf_file(future)
    assert failure.value.kind is ErrorKind.MODEL_TOO_NEW
    assert "newer BlogIdeas" in failure.value.message("en")
    assert "더 새로운 BlogIdeas" in failure.value.message("ko")


def test_not_a_gguf_file_at_all(tmp_path: Path) -> None:
    text = tmp_path / "notes.gguf"
    text.write_text("just notes", encoding="utf-8")
    assert refused(text) is ErrorKind.MODEL_NOT_GGUF
    assert refused(tmp_path / "missing.gguf") is ErrorKind.MODEL_MISSING


def test_a_file_is_read_once_per_version(tmp_path: Path) -> None:
    model = write_tiny_gguf(tmp_path / "tiny.gguf")
    assert known_facts(model) is None
    facts = checked_facts(model)
    assert known_facts(model) == facts
    # Rewritten (another size): what was read about the old file no longer counts.
    write_tiny_gguf(model, data_bytes=1024 * 1024)
    assert known_facts(model) is None
    assert checked_facts(model).parameters == 1024 * 1024 // 4
