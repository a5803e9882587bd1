"""One benchmark measurement inside a Django process: `python -m bench.measure NAME`.
Prints a JSON list of {name, value, unit, floor, ratio, target, ok} on its last line."""

from __future__ import annotations

import io
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")
os.environ["DEBUG"] = "0"

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.template import engines  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import include, path  # noqa: E402

from bench import generate  # noqa: E402
from reviews import services  # noqa: E402
from reviews.models import Document, Project  # noqa: E402
from reviews.states import Role  # noqa: E402

ROW_TEMPLATE = engines["django"].from_string(
    "<ul>{% for r in rows %}<li id='r{{ r.id }}'>{{ r.source }} <textarea>{{ r.target }}"
    "</textarea> {{ r.state }}</li>{% endfor %}</ul>"
)


def bare_rows(request):
    """The floor for a page: a bare view rendering 50 rows, no database."""
    rows = [
        {"id": i, "source": f"源文本 {i}", "target": f"Text {i}", "state": "new"} for i in range(50)
    ]
    return HttpResponse(ROW_TEMPLATE.render({"rows": rows}))


def bare_post(request):
    return HttpResponse("ok")


urlpatterns = [
    path("bench/rows", bare_rows),
    path("bench/post", bare_post),
    path("", include("workbench.urls")),
]


def row(name, value, unit, floor, target, *, ratio_target=True):
    ratio = value / floor if floor else None
    ok = (ratio <= target) if ratio_target else (value <= target)
    return {
        "name": name,
        "value": round(value, 4),
        "unit": unit,
        "floor": None if floor is None else round(floor, 4),
        "ratio": None if ratio is None else round(ratio, 3),
        "target": target,
        "ok": bool(ok),
    }


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def project():
    Project.objects.filter(slug="bench").delete()
    return services.project_create(slug="bench", source_lang="zh-CN", target_lang="en")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def tmx_import_100k():
    from lxml import etree

    path = generate.tmx()

    def floor():
        n = 0
        for _event, element in etree.iterparse(str(path), tag="tu"):
            n += 1
            element.clear()
        return n

    floor_s, _ = timed(floor)
    proj = project()
    data = path.read_bytes()
    rss_before = peak_rss_mb()
    value_s, doc = timed(
        lambda: services.document_import(project=proj, data=data, filename=path.name)
    )
    assert doc.segments.count() == 100_000
    return [
        row("tmx_import_100k", value_s, "s", floor_s, 3),
        row("tmx_import_100k_peak_rss", peak_rss_mb(), "MB", None, 200, ratio_target=False)
        | {"note": f"process peak; {rss_before:.0f} MB before the import"},
    ]


def po_import_50k():
    import polib

    path = generate.po()
    floor_s, _ = timed(lambda: polib.pofile(str(path)))
    proj = project()
    data = path.read_bytes()
    value_s, doc = timed(
        lambda: services.document_import(project=proj, data=data, filename=path.name)
    )
    assert doc.segments.count() == 50_000
    return [row("po_import_50k", value_s, "s", floor_s, 2)]


def tmx_export_100k():
    from lxml import etree

    proj = project()
    path = generate.tmx()
    doc = services.document_import(project=proj, data=path.read_bytes(), filename=path.name)
    rows = list(doc.segments.values_list("source", "target"))

    def floor():
        out = io.BytesIO()
        with etree.xmlfile(out, encoding="utf-8") as xf:
            xf.write_declaration()
            with xf.element("tmx", version="1.4"):
                xf.write(etree.Element("header", srclang="zh-CN"))
                with xf.element("body"):
                    for i, (source, target) in enumerate(rows):
                        tu = etree.Element("tu", tuid=str(i))
                        for lang, text in (("zh-CN", source), ("en", target)):
                            tuv = etree.SubElement(
                                tu, "tuv", {"{http://www.w3.org/XML/1998/namespace}lang": lang}
                            )
                            etree.SubElement(tuv, "seg").text = text
                        xf.write(tu)
        return out.getvalue()

    floor_s, _ = timed(floor)
    value_s, data = timed(lambda: services.document_export(document=doc, format_name="tmx"))
    assert data.count(b"<tu ") >= 100_000
    return [row("tmx_export_100k", value_s, "s", floor_s, 2)]


def po_export_50k():
    import polib

    proj = project()
    path = generate.po()
    doc = services.document_import(project=proj, data=path.read_bytes(), filename=path.name)
    parsed = polib.pofile(str(path))
    floor_s, _ = timed(lambda: parsed.__unicode__().encode())
    value_s, data = timed(lambda: services.document_export(document=doc, format_name="po"))
    assert data.count(b"\nmsgid ") >= 50_000
    return [row("po_export_50k", value_s, "s", floor_s, 1.5)]


def _client_for(username: str, role: str, proj) -> Client:
    user, _ = get_user_model().objects.get_or_create(username=username)
    services.membership_set(project=proj, user=user, role=role)
    client = Client()
    client.force_login(user)
    return client


def _server_ms(client, method, url, data=None, headers=None):
    start = time.perf_counter()
    response = getattr(client, method)(url, data or {}, headers=headers or {})
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code in (200, 302), (url, response.status_code)
    return elapsed


@override_settings(ROOT_URLCONF="bench.measure")
def review_page_5k():
    proj = project()
    path = generate.text()
    doc = services.document_import(project=proj, data=path.read_bytes(), filename=path.name)
    assert doc.segments.count() >= 5_000
    client = _client_for("bench-editor", Role.EDITOR, proj)
    url = f"/documents/{doc.pk}/"
    for _ in range(3):
        _server_ms(client, "get", url)
        _server_ms(client, "get", "/bench/rows")
    page = statistics.median(_server_ms(client, "get", url) for _ in range(20))
    floor = statistics.median(_server_ms(client, "get", "/bench/rows") for _ in range(20))
    counts = []
    for page_no in (1, 50, 100):
        with CaptureQueriesContext(connection) as ctx:
            client.get(f"{url}?page={page_no}")
        counts.append(len(ctx.captured_queries))
    return [
        row("review_page_5k", page, "ms", floor, 2)
        | {
            "note": f"queries on pages 1/50/100: {counts}",
            "ok": page / floor <= 2 and len(set(counts)) == 1,
        },
    ]


@override_settings(ROOT_URLCONF="bench.measure")
def segment_save_p95():
    proj = project()
    doc = services.document_import(
        project=proj, data=generate.text().read_bytes(), filename="article.txt"
    )
    client = _client_for("bench-translator", Role.TRANSLATOR, proj)
    segments = list(doc.segments.order_by("position")[:200])
    htmx = {"HX-Request": "true"}
    saves, bare = [], []
    for i, seg in enumerate(segments):
        data = {"target": f"Edited sentence {i}.", "version": seg.version}
        saves.append(_server_ms(client, "post", f"/segments/{seg.pk}/save/", data, htmx))
        bare.append(_server_ms(client, "post", "/bench/post", data, htmx))
    p95 = statistics.quantiles(saves, n=20)[-1]
    floor = statistics.quantiles(bare, n=20)[-1]
    return [row("segment_save_p95", p95, "ms", floor, 4)]


def qa_10k():
    from reviews.checks import CheckContext, run_checks
    from reviews.formats.sentences import sentence_spans

    seed = (
        Path(__file__).resolve().parent.parent / "fixtures" / "seed-zhejiang-two-sessions.en.txt"
    ).read_text()
    sentences = [line[a:b] for line in seed.splitlines() for a, b in sentence_spans(line, "en")]
    contexts = [
        CheckContext(
            source="", target=sentences[i % len(sentences)], source_lang="zh-CN", target_lang="en"
        )
        for i in range(10_000)
    ]
    value_s, _ = timed(lambda: [run_checks(c) for c in contexts])
    return [row("qa_10k", value_s, "s", None, 2, ratio_target=False)]


if __name__ == "__main__":
    result = globals()[sys.argv[1]]()
    Document.objects.filter(project__slug="bench").delete()
    print(json.dumps(result))
