"""Benchmark: GET /api/v1/documents/{id}/metrics on a 10,000-segment document.

Builds a throwaway SQLite database, imports a 10,000-segment document (timing the bulk
scoring too), edits a few hundred segments through the services, then times the
endpoint through Django's test client, token auth and middleware included. The floor,
measured in the same run and the same way, is a bare view answering a small JSON.
The result is merged into bench/results.json as {name, value, unit, floor, ratio, target}.

    PYTHONPATH=. python bench/metrics_bench.py [--segments 10000] [--runs 30]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
NAME = "api_document_metrics_10k"
TARGET_MS = 200.0

sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "workbench.settings"
os.environ["DATABASE_URL"] = "sqlite:///" + os.path.join(
    tempfile.mkdtemp(prefix="metrics-bench-"), "bench.sqlite3"
)

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import include, path  # noqa: E402


def floor_view(request):
    return JsonResponse({"ok": True})


urlpatterns = [path("bench/floor", floor_view), path("", include("workbench.urls"))]


def build(n: int, edits: int):
    from reviews import services
    from reviews.formats.sentences import sentence_spans
    from reviews.states import Role

    seed = (ROOT / "fixtures" / "seed-zhejiang-two-sessions.en.txt").read_text("utf-8")
    sentences = [line[a:b] for line in seed.splitlines() for a, b in sentence_spans(line, "en")]
    # One sentence per line, so one segment per line: the seed's sentences, numbered.
    lines = [f"Item {i}: {sentences[i % len(sentences)]}" for i in range(n)]
    project = services.project_create(slug="bench", source_lang="zh-CN", target_lang="en")
    user = get_user_model().objects.create_user("bench")
    services.membership_set(project=project, user=user, role=Role.MANAGER)
    started = time.perf_counter()
    document = services.document_import(
        project=project, data="\n".join(lines).encode(), filename="bench.txt", user=user
    )
    import_s = time.perf_counter() - started
    count = document.segments.count()
    assert count == n, f"the text split into {count} segments, not {n}"
    segments = list(document.segments.order_by("position")[: edits * 7 : 7])
    started = time.perf_counter()
    for segment in segments:
        services.segment_edit(
            segment=segment,
            user=user,
            target=segment.target.replace("the ", "a ").replace("Zhejiang", "Zhejiang Province"),
            version=segment.version,
        )
    edit_ms = (time.perf_counter() - started) * 1000 / max(1, len(segments))
    return document, services.api_token_create(user=user), import_s, edit_ms


def timed(client: Client, url: str, headers: dict, runs: int) -> float:
    for _ in range(5):
        assert client.get(url, headers=headers).status_code == 200
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url, headers=headers)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content[:200]
    return statistics.median(samples)


def check_against_sacrebleu(client, url, headers, document) -> bool:
    import sacrebleu

    data = client.get(url, headers=headers).json()
    rows = list(document.segments.order_by("position").values_list("mt", "target"))
    hyps, refs = [m for m, _ in rows], [[t for _, t in rows]]
    expected = (
        sacrebleu.corpus_bleu(hyps, refs).score,
        sacrebleu.corpus_chrf(hyps, refs, word_order=2).score,
        sacrebleu.corpus_ter(hyps, refs).score,
    )
    got = (data["bleu"], data["chrf"], data["ter"])
    return len(data["segments"]) == len(rows) and all(
        abs(a - b) <= 0.01 for a, b in zip(got, expected, strict=True)
    )


def merge_result(entry: dict) -> None:
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else []
    results = [r for r in results if r.get("name") != entry["name"]] + [entry]
    RESULTS.write_text(json.dumps(sorted(results, key=lambda r: r["name"]), indent=2) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=300)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--no-write", action="store_true", help="do not touch results.json")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    document, token, import_s, edit_ms = build(args.segments, args.edits)
    print(f"imported {args.segments:,} segments in {import_s:.1f} s (scored in bulk)")
    print(f"an edit, scoring included: {edit_ms:.1f} ms on average")
    headers = {"Authorization": f"Bearer {token}"}
    client = Client()
    with override_settings(ROOT_URLCONF=__name__, DEBUG=False):
        url = f"/api/v1/documents/{document.pk}/metrics"
        value = timed(client, url, headers, args.runs)
        floor = timed(client, "/bench/floor", headers, args.runs)
        same = check_against_sacrebleu(client, url, headers, document)
    ratio = value / floor
    print(f"metrics endpoint: {value:.1f} ms median of {args.runs} (target < {TARGET_MS:.0f} ms)")
    print(f"floor (bare JSON view): {floor:.2f} ms; ratio {ratio:.1f}x")
    print(f"equal to sacrebleu's corpus scores (0.01): {'yes' if same else 'NO'}")
    if not args.no_write:
        merge_result(
            {
                "name": NAME if args.segments == 10_000 else f"{NAME}_{args.segments}",
                "value": round(value, 2),
                "unit": "ms",
                "floor": round(floor, 3),
                "ratio": round(ratio, 1),
                "target": TARGET_MS,
            }
        )
        print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0 if same and value < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
