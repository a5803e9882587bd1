"""The API's segment pages at 100,000 segments (issue 19): keyset pages read from the
(document, position) index, so the middle and the last page cost what the first does
(OFFSET would read and drop every row before them); and the size of a default page.

Rows: ``api_segments_page_middle_100k`` and ``api_segments_page_last_100k`` (each
against the first page, measured in turn with it in the same run, target 2x), and
``api_segments_page_bytes`` (a default page of 500 segments against the UTF-8 bytes of
its own texts, the least any answer carrying them could be, target 2x).
"""

from __future__ import annotations

import random
import statistics

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from bench.support import project, row, server_ms
from reviews import services
from reviews.api.paging import DEFAULT_LIMIT, cursor_make
from reviews.models import Document, Segment
from reviews.repeat_keys import repeat_key
from reviews.services.bulk_store import db_datetime, db_json, insert_rows
from reviews.services.documents import SEGMENT_FIELDS
from reviews.states import Role

SEGMENTS = 100_000
RUNS = 15


def _document(proj) -> Document:
    """100,000 segments stored as an import stores them: news-like text, every tenth
    with a QA finding, a third of them edited."""
    document = Document.objects.create(project=proj, title="Wire", format="text")
    rng = random.Random(19)
    now = db_datetime(timezone.now())
    finding = [{"check": "numbers", "severity": "warning", "message": "A number is missing"}]

    def rows():
        for i in range(SEGMENTS):
            mt = f"Item {i}: the provincial committee met on {rng.randint(1, 28)} March to "
            mt += "discuss flood prevention and the online services of the districts."
            target = mt.replace("the ", "a ") if i % 3 == 0 else mt
            qa = finding if i % 10 == 0 else []
            level, checks = ("warning", " numbers ") if qa else ("none", "")
            source = f"第{i}条：省委会议于三月{rng.randint(1, 28)}日讨论防汛和各区的网上服务。"
            keys = (repeat_key(source), repeat_key(mt))
            yield (document.pk, i, "", source, mt, *keys, target, "new", 1, False) + (
                db_json({}), db_json(qa), level, checks, now, None, now, None
            )  # fmt: skip

    insert_rows(Segment, SEGMENT_FIELDS, rows())
    return document


def api_segment_pages_100k():
    proj = project()
    document = _document(proj)
    reader, _ = get_user_model().objects.get_or_create(username="bench-reader")
    services.membership_set(project=proj, user=reader, role=Role.TRANSLATOR)
    token = services.api_token_create(user=reader)
    client = Client(headers={"Authorization": f"Bearer {token}"})
    url = f"/api/v1/documents/{document.pk}/segments"
    scope = f"segments:{document.pk}"
    after = {"middle": SEGMENTS // 2 - 1, "last": SEGMENTS - DEFAULT_LIMIT - 1}
    pages = {
        "first": url,
        **{name: f"{url}?after={cursor_make(scope, [p])}" for name, p in after.items()},
    }
    for page_url in pages.values():  # warm: connection, compiled queries, caches
        server_ms(client, "get", page_url)
    samples = {name: [] for name in pages}
    for _ in range(RUNS):  # in turn, so all three see the same drift of the machine
        for name, page_url in pages.items():
            samples[name].append(server_ms(client, "get", page_url))
    first = statistics.median(samples["first"])
    last_page = client.get(pages["last"])
    assert len(last_page.json()) == DEFAULT_LIMIT and "Link" not in last_page
    results = [
        row(
            f"api_segments_page_{name}_100k",
            statistics.median(samples[name]),
            "ms",
            first,
            2,
            note=f"GET the {name} page of {SEGMENTS:,} segments ({DEFAULT_LIMIT} after "
            f"position {after[name]:,}) against the first page ({first:.1f} ms); medians "
            f"of {RUNS} requests, the three pages in turn",
        )
        for name in ("middle", "last")
    ]
    page = client.get(url)
    texts = sum(
        len(s["source"].encode()) + len(s["target"].encode()) + len(s["mt"].encode())
        for s in page.json()
    )
    slim = client.get(url, {"fields": "id,target,state"})
    note = (
        f"a default page ({DEFAULT_LIMIT} segments, every field) against the UTF-8 bytes "
        f"of its source, target and MT ({texts / 1024:.1f} KB); with fields=id,target,state "
        f"{len(slim.content) / 1024:.1f} KB; the whole document in one answer would be "
        f"{len(page.content) * SEGMENTS / DEFAULT_LIMIT / 2**20:.0f} MB"
    )
    results.append(
        row("api_segments_page_bytes", len(page.content) / 1024, "KB", texts / 1024, 2, note=note)
    )
    return results
