"""manage.py load_demo: the seed as delivered and a bilingual sample beside it, so the
checks that read a source show in the demo; idempotent; no glossary loaded."""

import io

import pytest
from django.core.management import call_command

from reviews import services
from reviews.management.commands.load_demo import SAMPLE, SAMPLE_SOURCE, SAMPLE_TITLE, SEED_TITLE
from reviews.models import Document, GlossaryTerm
from tests.conftest import SEED


@pytest.fixture
def demo(db):
    call_command("load_demo", "--password", "demo-pass", stdout=io.StringIO())
    return {d.title: d for d in Document.objects.filter(project__slug="demo")}


def test_the_demo_has_the_seed_and_the_sample(demo):
    assert set(demo) == {SEED_TITLE, SAMPLE_TITLE}
    sample = demo[SAMPLE_TITLE]
    assert sample.segments.exclude(source="").count() == sample.segments.count() > 5
    assert not demo[SEED_TITLE].segments.exclude(source="").exists()


def test_the_seed_stays_as_delivered(demo):
    assert services.document_export(document=demo[SEED_TITLE]) == SEED.read_bytes()


def test_the_sample_is_imported_as_a_user_imports_text(demo):
    assert services.document_export(document=demo[SAMPLE_TITLE]) == SAMPLE.read_bytes()
    sources = "".join(demo[SAMPLE_TITLE].segments.values_list("source", flat=True))
    assert "浙运安" in sources and "防汛防台在线" in sources
    assert "浙运安" in SAMPLE_SOURCE.read_text(encoding="utf-8")


def results(document, check):
    return [r for s in document.segments.all() for r in s.qa if r["check"] == check]


def test_the_sample_shows_the_checks_that_read_the_source(demo):
    sample = demo[SAMPLE_TITLE]
    names = [r["message"] for r in results(sample, "romanized-name")]
    assert any("Zhe Yunan" in m and "浙运安" in m and "Zheyun'an" in m for m in names), names
    literal = [
        r for r in results(sample, "literal-rendering") if "Taiwan Prevention" in r["message"]
    ]
    assert literal and literal[0]["severity"] == "error" and "防汛防台" in literal[0]["message"]
    # The numbers of the sample agree with its source's 万 and 亿: no number issue.
    assert results(sample, "numbers") == []


def test_loading_again_adds_nothing_and_no_glossary_is_loaded(demo):
    before = sorted(Document.objects.values_list("pk", "title"))
    call_command("load_demo", stdout=io.StringIO())
    assert sorted(Document.objects.values_list("pk", "title")) == before
    assert not GlossaryTerm.objects.exists()
