"""A document without a source (the seed: text imported without --source) is not written
as TMX or XLIFF, whose every unit would pair its translation with an empty source; text
and PO still are. One rule (Format.export_refusal), asked by every way to export."""

import pytest
from django.urls import reverse

from reviews import services
from reviews.errors import NoSource
from reviews.formats import FORMATS
from reviews.models import Job
from tests.conftest import PASSWORD

BILINGUAL = "\n".join(
    [
        'msgid ""',
        'msgstr "Content-Type: text/plain; charset=UTF-8\\n"',
        "",
        'msgid "浙江省两会开幕"',
        'msgstr "Zhejiang opens its two sessions"',
        "",
    ]
).encode()


@pytest.fixture
def bilingual(project, users):
    return services.document_import(
        project=project, data=BILINGUAL, filename="news.po", user=users["manager"]
    )


@pytest.mark.parametrize("name", [n for n, f in FORMATS.items() if f.needs_source])
def test_a_bilingual_format_refuses_a_document_without_source(document, name):
    assert not document.has_source
    with pytest.raises(NoSource, match="no source text") as refused:
        services.document_export(document=document, format_name=name)
    assert refused.value.status == 409
    assert FORMATS[name].label in refused.value.message


@pytest.mark.parametrize("name", ["text", "po"])
def test_text_and_po_still_export_a_document_without_source(document, name):
    assert services.document_export(document=document, format_name=name)


@pytest.mark.parametrize("name", ["po", "tmx", "xliff"])
def test_a_document_with_a_source_exports_to_every_bilingual_format(bilingual, name):
    data = services.document_export(document=bilingual, format_name=name)
    assert "浙江省两会开幕" in data.decode()


def test_tmx_and_xliff_are_the_formats_that_need_a_source():
    assert {n for n, f in FORMATS.items() if f.needs_source} == {"tmx", "xliff"}
    assert FORMATS["tmx"].export_refusal(has_source=True) == ""
    assert FORMATS["po"].export_refusal(has_source=False) == ""


@pytest.mark.parametrize("name", ["tmx", "xliff"])
def test_the_export_job_is_refused_before_it_is_queued(document, users, name):
    with pytest.raises(NoSource):
        services.job_enqueue_export(document=document, user=users["editor"], format_name=name)
    assert not Job.objects.filter(kind=Job.Kind.EXPORT).exists()


def test_the_export_job_of_a_text_export_is_queued(document, users):
    job = services.job_enqueue_export(document=document, user=users["editor"], format_name="po")
    assert job.params["format"] == "po"


def test_the_offered_formats_leave_out_tmx_and_xliff_without_source(document, bilingual):
    assert [n for n, _ in services.document_export_formats(document=document)] == ["text", "po"]
    offered = [n for n, _ in services.document_export_formats(document=bilingual)]
    assert offered == ["po", "tmx", "xliff"]


def _export_options(client, document) -> str:
    client.login(username="translator", password=PASSWORD)
    html = client.get(reverse("reviews:document", args=[document.pk])).text
    return html.split('id="export-format">', 1)[1].split("</select>", 1)[0]


def test_the_page_does_not_offer_tmx_or_xliff_for_the_seed(client, document):
    options = _export_options(client, document)
    assert 'value="text"' in options and 'value="po"' in options
    assert 'value="tmx"' not in options and 'value="xliff"' not in options


def test_the_page_offers_tmx_and_xliff_for_a_bilingual_document(client, bilingual):
    options = _export_options(client, bilingual)
    assert 'value="tmx"' in options and 'value="xliff"' in options


def _project_options(client, document) -> str:
    client.login(username="translator", password=PASSWORD)
    html = client.get(reverse("reviews:project", args=[document.project.slug])).text
    return html.split(f'id="fmt-{document.pk}">', 1)[1].split("</select>", 1)[0]


def test_the_project_page_offers_each_document_only_what_it_can_export(client, document, bilingual):
    """The project page's Download offered every format for every document: TMX for the
    seed answered a bare 409 page, plain text for a PO document a 400."""
    seed = _project_options(client, document)
    assert 'value="text"' in seed and 'value="po"' in seed
    assert 'value="tmx"' not in seed and 'value="xliff"' not in seed
    po = _project_options(client, bilingual)
    assert 'value="text"' not in po
    assert 'value="po"' in po and 'value="tmx"' in po and 'value="xliff"' in po


def test_the_page_export_of_the_seed_as_tmx_answers_409(client, document):
    client.login(username="translator", password=PASSWORD)
    url = reverse("reviews:document-export", args=[document.pk])
    response = client.get(url, {"format": "tmx"})
    assert response.status_code == 409
    assert "no source text" in response.text
