"""The review page and the HTMX save, each against a bare view in the same server."""

from __future__ import annotations

import statistics

from django.core.cache import caches
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from bench import generate
from bench.support import client_for, p95, project, row, server_ms
from reviews import services
from reviews.states import Role
from reviews.templatetags import review_tags
from reviews.views import rows


def _article(proj):
    path = generate.text()
    doc = services.document_import(project=proj, data=path.read_bytes(), filename=path.name)
    assert doc.segments.count() >= 5_000
    return doc


@override_settings(ROOT_URLCONF="bench.floors")
def review_page_5k():
    proj = project()
    doc = _article(proj)
    client = client_for("bench-editor", Role.EDITOR, proj)
    url, floor_url = f"/documents/{doc.pk}/", f"/bench/rows/{doc.pk}"
    for _ in range(3):
        for u in (url, floor_url, "/bench/static-rows"):
            server_ms(client, "get", u)
    page = statistics.median(server_ms(client, "get", url) for _ in range(20))
    floor = statistics.median(server_ms(client, "get", floor_url) for _ in range(20))
    bare = statistics.median(server_ms(client, "get", "/bench/static-rows") for _ in range(20))
    counts = []
    for page_no in (1, 50, 100):
        with CaptureQueriesContext(connection) as ctx:
            client.get(f"{url}?page={page_no}")
        counts.append(len(ctx.captured_queries))
    note = (
        f"floor: log-in + one 50-row query + template; queries on pages 1/50/100: {counts}; "
        f"against a view with no log-in and no database ({bare:.3f} ms): {page / bare:.1f}x"
    )
    result = row("review_page_5k", page, "ms", floor, 2, note=note)
    result["ok"] = result["ok"] and len(set(counts)) == 1
    # The same page drawn from nothing: rows and progress bar memos emptied before each
    # view (the first view of a page, or after every one of its rows changed).
    cold, cold_counts = [], set()
    for _ in range(20):
        caches[rows.CACHE].clear()
        review_tags._progress_bar.cache_clear()
        with CaptureQueriesContext(connection) as ctx:
            cold.append(server_ms(client, "get", url))
        cold_counts.add(len(ctx.captured_queries))
    cold_note = (
        f"every row drawn (row and progress-bar memos emptied before each view); "
        f"queries: {sorted(cold_counts)}; floor as review_page_5k"
    )
    cold_result = row(
        "review_page_5k_cold", statistics.median(cold), "ms", floor, 6, note=cold_note
    )
    cold_result["ok"] = cold_result["ok"] and cold_counts == set(counts)
    return [result, cold_result]


@override_settings(ROOT_URLCONF="bench.floors")
def segment_save_p95():
    proj = project()
    doc = _article(proj)
    client = client_for("bench-translator", Role.TRANSLATOR, proj)
    segments = list(doc.segments.order_by("position")[:400])
    htmx = {"HX-Request": "true"}
    saves, floor, bare = [], [], []
    for i, seg in enumerate(segments[:200]):
        data = {"target": f"Edited sentence {i}.", "version": seg.version}
        saves.append(server_ms(client, "post", f"/segments/{seg.pk}/save/", data, htmx))
        other = segments[200 + i].pk
        floor.append(server_ms(client, "post", f"/bench/save/{other}", data, htmx))
        bare.append(server_ms(client, "post", "/bench/post", data, htmx))
    value = p95(saves)
    note = (
        "floor: log-in + one UPDATE in a transaction; against a view with no log-in and no "
        f"database (p95 {p95(bare):.3f} ms): {value / p95(bare):.1f}x"
    )
    return [row("segment_save_p95", value, "ms", p95(floor), 4, note=note)]
