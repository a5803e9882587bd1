"""The reviewed data file of the literal-rendering check: every entry has a reference,
a bad file is refused naming the file and line, and the file is read lazily."""

import subprocess
import sys
import textwrap

import pytest

from reviews.checks.literal import DATA, LiteralDataError, literal_terms, load_literal_terms
from tests.conftest import ROOT


def test_every_entry_has_a_reference():
    terms = literal_terms()
    assert len(terms) >= 8
    for term in terms:
        assert len(term.reference) >= 20, term.zh
        # a citable reference: a web address or a named dictionary
        assert "http" in term.reference or "CC-CEDICT" in term.reference, term.zh


def test_the_issue_terms_are_in_the_data():
    heads = {form for term in literal_terms() for form in term.zh}
    assert {"防台", "台风", "两会", "共同富裕", "数字化改革"} <= heads


def test_every_sourceless_phrase_is_one_of_the_entry_literals():
    for term in literal_terms():
        assert set(term.alone) <= {literal for literal, _ in term.wrong}


def write(tmp_path, text: str):
    path = tmp_path / "terms.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_an_entry_without_a_reference_is_refused_with_file_and_line(tmp_path):
    path = write(
        tmp_path,
        """\
        # two entries
        [[term]]
        zh = ["两会"]
        en = "the two sessions"
        meaning = "m"
        reference = "China Daily, http://www.chinadaily.com.cn/"
        [term.wrong]
        "two meetings" = "two sessions"

        [[term]]
        zh = ["共同富裕"]
        en = "common prosperity"
        meaning = "m"
        [term.wrong]
        "wealth together" = "common prosperity"
        """,
    )
    with pytest.raises(LiteralDataError) as exc:
        load_literal_terms(path)
    assert str(path) in str(exc.value)
    assert "line 10" in str(exc.value) and "reference" in str(exc.value)


def test_a_syntax_error_names_the_line(tmp_path):
    path = write(tmp_path, "[[term]]\nzh = \n[term.wrong]\n")
    with pytest.raises(LiteralDataError) as exc:
        load_literal_terms(path)
    assert str(path) in str(exc.value) and "line 2" in str(exc.value)


def test_a_sourceless_phrase_must_be_a_known_literal(tmp_path):
    path = write(
        tmp_path,
        """\
        [[term]]
        zh = ["两会"]
        en = "the two sessions"
        meaning = "m"
        reference = "r"
        [term.wrong]
        "two meetings" = "two sessions"
        [term.alone]
        phrases = ["two conferences"]
        """,
    )
    with pytest.raises(LiteralDataError, match="two conferences"):
        load_literal_terms(path)


PROBE = """
import os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")
import django
django.setup()
import reviews.services, reviews.tasks, reviews.urls
from reviews.checks.literal import literal_terms
assert literal_terms.cache_info().currsize == 0, "importing the app read the data file"
from reviews.checks import CheckContext, run_checks
run_checks(CheckContext(source="", target="Wealth together.", source_lang="zh-CN",
                        target_lang="en"))
assert literal_terms.cache_info().currsize == 1, "the check ran without the data"
"""


def test_the_data_is_read_by_the_first_check_only():
    assert DATA.exists()
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
