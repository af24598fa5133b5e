"""One catalogue for every user-facing string: complete, and the only place Korean lives."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.i18n import QT_TRANSLATE_NOOP, catalogue, parse_ts, translate
from blogideas_gui.core.models.catalog import CATALOG_CONTEXT

ROOT = Path(__file__).parents[3]
PACKAGE = ROOT / "blogideas_gui"
HANGUL = re.compile("[\uac00-\ud7a3]")

# Korean that is not a message, so it stays in the code: what it is for.
# Language pickers name each language in itself, as is usual.
LANGUAGE_NAMES = {"한국어"}
# Whole files whose Korean is not a message: the idea parser reads the
# headings a model writes in Korean.
NOT_MESSAGES = {"core/writing/ideas.py"}


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], bool]:
    """What pyside6-lupdate finds in the package today: (context, source) -> numerus."""
    fresh = tmp_path_factory.mktemp("lupdate") / "fresh.ts"
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    sources = sorted(str(p) for p in PACKAGE.rglob("*.py"))
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    found: dict[tuple[str, str], bool] = {}
    for context in ET.parse(fresh).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message.get("numerus") == "yes"
    return found


def test_every_string_in_the_code_has_a_korean_translation(
    found: dict[tuple[str, str], bool],
) -> None:
    """lupdate finds the strings of the window, core and the CLI; each must be translated."""
    assert len(found) > 150
    assert ("Errors", translate("Errors", "{detail}")) in found  # core's marked strings too
    korean = catalogue("ko")
    # In the very context the code uses, so a translator sees each text where it is.
    missing = sorted(key for key in found if (*key, "") not in korean.exact)
    assert missing == []


def test_the_catalogue_holds_only_texts_lupdate_finds_in_the_code(
    found: dict[tuple[str, str], bool],
) -> None:
    """A text lupdate cannot see (a helper taking it as a variable, a call inside an
    f-string) escapes the test above, and its entry would be dropped as vanished.

    The model catalog's texts are the one exception: they are data in a TOML
    file lupdate cannot read (tests/core/models/test_catalog.py checks them).
    """
    korean = catalogue("ko")
    unseen = sorted(f"{context}: {source[:60]}" for context, source, _ in korean.exact
                    if (context, source) not in found and context != CATALOG_CONTEXT)  # fmt: skip
    assert unseen == []


def test_no_korean_is_left_in_python_outside_the_catalogue() -> None:
    """Korean in a .py file (docstrings and comments aside) belongs in the catalogue."""
    left: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if name in NOT_MESSAGES:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and HANGUL.search(node.value)
                and node.value not in LANGUAGE_NAMES
            ):
                left.append(f"{name}:{node.lineno}: {node.value[:40]}")
    assert left == []


def test_an_error_reads_in_the_language_asked_for() -> None:
    error = BlogIdeasError(ErrorKind.TIMEOUT, "127.0.0.1:9")
    assert error.message("en").startswith("The server at 127.0.0.1:9 did not answer")
    assert error.message("ko").startswith("127.0.0.1:9 서버가 제때 응답하지 않았습니다")


def test_plural_forms_and_missing_texts() -> None:
    korean = parse_ts(
        b"<TS><context><name>C</name>"
        b'<message numerus="yes"><source>%n idea(s)</source>'
        b"<translation><numerusform>\xec\x95\x84\xec\x9d\xb4\xeb\x94\x94\xec\x96\xb4 %n\xea\xb0\x9c"
        b"</numerusform></translation></message>"
        b'<message><source>Draft</source><translation type="unfinished"></translation></message>'
        b"</context></TS>"
    )
    assert korean.find("C", "%n idea(s)") == ("아이디어 %n개",)
    assert korean.find("C", "Draft") is None  # unfinished: the English source is shown
    assert translate("HistorySidebar", "%n idea(s)", "", 3, language="ko") == "아이디어 3개"
    assert translate("HistorySidebar", "%n idea(s)", "", 3, language="en") == "3 idea(s)"
    assert translate("Nowhere", "Not in the catalogue", language="ko") == "Not in the catalogue"


def test_a_sentence_given_as_detail_is_translated_with_its_message() -> None:
    detail = QT_TRANSLATE_NOOP("Errors", "{option} must be {low}–{high}, not “{text}”.")
    error = BlogIdeasError(
        ErrorKind.BAD_NUMBER, detail, option="--count", low=1, high=20, text="99"
    )
    assert str(error) == "bad_number: --count must be 1–20, not “99”."  # the log's English
    assert error.message("en").startswith("--count must be 1–20, not “99”. Use a whole number")
    assert error.message("ko").startswith("--count은(는) 1–20 사이여야 합니다.")


def test_each_text_is_in_the_catalogue_once() -> None:
    """A second copy is dead weight that Qt Linguist shows twice and may drift apart."""
    seen: set[tuple[str, str]] = set()
    twice: list[str] = []
    root = ET.parse(PACKAGE / "translations" / "blogideas_ko.ts").getroot()
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "")
            if key in seen:
                twice.append(f"{name}: {key[1][:60]}")
            seen.add(key)
    assert twice == []
