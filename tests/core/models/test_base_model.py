"""A base model is known from its file: Gemma 3 270M has no chat template, the starter has one."""

from __future__ import annotations

from pathlib import Path

from blogideas_gui.core.models.gguf import GgufFacts, check_gguf_file, known_facts, remember_facts
from tests.support.gemma_model import gemma_facts, gemma_model_path


def test_gemma_is_read_as_a_base_model_and_the_starter_is_not(starter_model: Path) -> None:
    gemma = gemma_facts()
    assert gemma.architecture == "gemma3"
    assert gemma.parameters_label == "268M"
    assert gemma.quantization == "Q4_K_M"
    assert not gemma.chat_template and gemma.base_model
    assert not check_gguf_file(starter_model).base_model


def test_listings_know_a_base_model_from_what_was_read_before() -> None:
    path = gemma_model_path()
    assert known_facts(path) is None
    remember_facts(path, gemma_facts())
    facts = known_facts(path)  # what listings use; they never read the file themselves
    assert facts is not None and facts.base_model
    again = GgufFacts.from_dict(facts.to_dict())
    assert again is not None and again.base_model
