"""Hostile glossary entries and segment text stay inert on every new page."""

import pytest
from django.urls import reverse

from reviews import services
from tests.conftest import PASSWORD

SCRIPT = "<script>alert(1)</script>"
HTMX = '<b hx-get="/evil" hx-trigger="load">'
IMG = '"><img src=x onerror=alert(1)>'
DANGERS = ("<script>alert", 'hx-get="/evil"', "<img src=x", "<b hx-", "<i>bad")


@pytest.fixture
def hostile(project, users):
    services.glossary_term_add(
        project=project,
        user=users["editor"],
        source=f"浙江{SCRIPT}",
        rendering=f"Zhejiang {HTMX}",
        forbidden=["<i>bad</i>", f"Chekiang{IMG}"],
        note=IMG,
    )
    text = f"浙江{SCRIPT} Chekiang{IMG} and <i>bad</i> and Zhejiang {HTMX} the the end."
    document = services.document_import(
        project=project,
        data=(text + "\n").encode(),
        source_data=(text + "\n").encode(),
        filename="h.txt",
        source_filename="s.txt",
        user=users["manager"],
    )
    segment = services.segment_approve(
        segment=document.segments.get(),
        reviewer=users["editor"],
        version=1,
        override_reason=SCRIPT,
    )
    twin = services.document_import(
        project=project,
        data=(text + " x\n").encode(),
        source_data=(text + " x\n").encode(),
        filename="h2.txt",
        source_filename="s2.txt",
        user=users["manager"],
    )
    return document, segment, twin.segments.get()


def pages(document, segment, twin):
    return {
        "review": reverse("reviews:document", args=[document.pk]),
        "glossary": reverse("reviews:glossary", args=["zj"]),
        "project": reverse("reviews:project", args=["zj"]),
        "replace": reverse("reviews:find-replace", args=["zj"])
        + "?find=the&replacement=%3Cscript%3E",
        "memory": reverse("reviews:segment-memory", args=[twin.pk]),
        "history": reverse("reviews:segment-history", args=[segment.pk]),
    }


def test_nothing_hostile_renders_as_markup(client, hostile):
    document, segment, twin = hostile
    assert segment.qa and segment.state == "approved"
    client.login(username="editor", password=PASSWORD)
    for name, url in pages(document, segment, twin).items():
        html = client.get(url).text
        for danger in DANGERS:
            assert danger not in html, (name, danger)
    review = client.get(pages(document, segment, twin)["review"]).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in review
    assert "<mark" in review  # the marks are there, around escaped text
    memory = client.get(pages(document, segment, twin)["memory"]).text
    assert "tm-percent" in memory
