"""Load: N reviewers editing and approving random segments through the HTTP API of the
app served by gunicorn on 127.0.0.1, against PostgreSQL; then the books are checked.

    .venv/bin/python -m bench.load [--seconds 60] [--reviewers 20] [--workers 4]

It builds a throwaway database (``workbench_load`` by default, on the PostgreSQL of
DATABASE_URL or 127.0.0.1:5432), starts gunicorn on a free loopback port, runs the
reviewers for a bounded time, stops everything and checks: no 5xx, every acknowledged
write is in the history with its text, and each segment's final text is its last
acknowledged write. Prints p50/p95/p99 latency; exits 1 if any check fails.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed-zhejiang-two-sessions.en.txt"


@dataclass
class LoadReport:
    requests: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    latencies_ms: list[float] = field(default_factory=list)
    acknowledged: list[tuple[int, int, str, str]] = field(default_factory=list)
    transport_errors: int = 0
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]

    def summary(self) -> str:
        server_errors = sum(n for code, n in self.statuses.items() if code >= 500)
        lines = [
            f"requests: {self.requests} in {self.seconds:.1f} s "
            f"({self.requests / max(self.seconds, 0.001):.0f}/s)",
            f"statuses: {dict(sorted(self.statuses.items()))}",
            f"5xx: {server_errors}, transport errors: {self.transport_errors}",
            f"latency ms: p50 {self.percentile(50):.1f}, p95 {self.percentile(95):.1f}, "
            f"p99 {self.percentile(99):.1f}, mean {statistics.fmean(self.latencies_ms or [0]):.1f}",
            f"acknowledged writes: {len(self.acknowledged)}",
            "checks: " + ("all passed" if not self.problems else f"{len(self.problems)} FAILED"),
        ]
        return "\n".join(lines + [f"  - {p}" for p in self.problems[:20]])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env: dict, *args: str) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
        capture_output=True, text=True,
    ).stdout  # fmt: skip


def prepare(env: dict, reviewers: int) -> tuple[int, dict[str, str]]:
    """Migrate, create the project, the reviewers and their tokens; import the seed."""
    manage(env, "migrate", "--noinput")
    script = f"""
from django.contrib.auth import get_user_model
from reviews import services
from reviews.models import Project
Project.objects.filter(slug="load").delete()
project = services.project_create(slug="load", source_lang="zh-CN", target_lang="en")
User = get_user_model()
tokens = {{}}
for i in range({reviewers}):
    user, _ = User.objects.get_or_create(username=f"reviewer{{i}}")
    services.membership_set(project=project, user=user, role="editor")
    tokens[user.username] = services.api_token_create(user=user)
data = open({str(SEED)!r}, "rb").read()
doc = services.document_import(project=project, data=data, filename="seed.txt")
import json; print(json.dumps({{"doc": doc.pk, "tokens": tokens}}))
"""
    out = manage(env, "shell", "-c", script)
    data = json.loads(out.strip().splitlines()[-1])
    return data["doc"], data["tokens"]


class Reviewer(threading.Thread):
    def __init__(self, port, token, segments, versions, lock, report, deadline, seed):
        super().__init__(daemon=True)
        self.port, self.token, self.segments = port, token, segments
        self.versions, self.lock, self.report, self.deadline = versions, lock, report, deadline
        self.random = random.Random(seed)
        self.name = f"reviewer-{seed}"

    def request(self, conn, method, path, body):
        start = time.perf_counter()
        conn.request(method, path, body=json.dumps(body), headers={
            "Authorization": f"Bearer {self.token}", "Content-Type": "application/json",
        })  # fmt: skip
        response = conn.getresponse()
        payload = response.read()
        elapsed = (time.perf_counter() - start) * 1000
        with self.lock:
            self.report.requests += 1
            self.report.statuses[response.status] = self.report.statuses.get(response.status, 0) + 1
            self.report.latencies_ms.append(elapsed)
        return response.status, payload

    def run(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        n = 0
        while time.monotonic() < self.deadline:
            seg = self.random.choice(self.segments)
            with self.lock:
                version = self.versions[seg]
            n += 1
            if self.random.random() < 0.7:
                target = f"{self.name} edit {n} of segment {seg}"
                method, path, body = "PATCH", f"/api/v1/segments/{seg}", {"target": target}
            else:
                method, path, body = "POST", f"/api/v1/segments/{seg}/approve", {}
            body["version"] = version
            try:
                status, payload = self.request(conn, method, path, body)
            except (OSError, http.client.HTTPException):
                with self.lock:
                    self.report.transport_errors += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                continue
            data = json.loads(payload) if payload else {}
            current = data.get("segment", data) if status in (200, 409) else None
            with self.lock:
                if current and "version" in current:
                    self.versions[seg] = max(self.versions[seg], current["version"])
                if status == 200:
                    self.report.acknowledged.append(
                        (seg, current["version"], current["target"], current["state"])
                    )
        conn.close()


def verify(env: dict, doc_id: int, report: LoadReport) -> None:
    """Every acknowledged write is in the history; final texts are the last acknowledged."""
    script = f"""
import json
from reviews.models import Revision, Segment
revs = {{(r[0], r[1]): (r[2], r[3]) for r in Revision.objects.filter(segment__document_id={doc_id})
        .values_list("segment_id", "version", "after_target", "after_state")}}
final = {{s[0]: (s[1], s[2]) for s in Segment.objects.filter(document_id={doc_id})
         .values_list("pk", "target", "version")}}
print(json.dumps({{"revs": [[k[0], k[1], v[0], v[1]] for k, v in revs.items()],
                  "final": [[k, v[0], v[1]] for k, v in final.items()]}}))
"""
    data = json.loads(manage(env, "shell", "-c", script).strip().splitlines()[-1])
    history = {(s, v): (t, st) for s, v, t, st in data["revs"]}
    final = {s: (t, v) for s, t, v in data["final"]}
    server_errors = sum(n for code, n in report.statuses.items() if code >= 500)
    if server_errors:
        report.problems.append(f"{server_errors} responses were 5xx")
    if report.transport_errors:
        report.problems.append(f"{report.transport_errors} requests got no answer")
    last: dict[int, tuple[int, str]] = {}
    for seg, version, target, state in report.acknowledged:
        if history.get((seg, version)) != (target, state):
            report.problems.append(f"segment {seg} v{version}: acknowledged write not in history")
        if version >= last.get(seg, (0, ""))[0]:
            last[seg] = (version, target)
    for seg, (version, target) in last.items():
        if final[seg] != (target, version):
            report.problems.append(
                f"segment {seg}: final v{final[seg][1]} {final[seg][0]!r}, last acknowledged "
                f"v{version} {target!r}"
            )
    for seg, (_target, version) in final.items():
        missing = [v for v in range(1, version + 1) if (seg, v) not in history]
        if missing:
            report.problems.append(f"segment {seg}: versions {missing} have no revision")


def run_load(*, database_url: str, seconds: float, reviewers: int, workers: int) -> LoadReport:
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "0", "CONN_MAX_AGE": "60"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    doc_id, tokens = prepare(env, reviewers)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "workbench.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", str(workers), "--threads", "2",
         "--access-logfile", "/dev/null", "--error-logfile", "-", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        ids = wait_for_segments(port, doc_id, next(iter(tokens.values())))
        report = LoadReport()
        versions = dict.fromkeys(ids, 1)
        lock = threading.Lock()
        deadline = time.monotonic() + seconds
        started = time.monotonic()
        threads = [
            Reviewer(port, token, ids, versions, lock, report, deadline, seed)
            for seed, token in enumerate(tokens.values())
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=seconds + 60)
        report.seconds = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    verify(env, doc_id, report)
    return report


def wait_for_segments(port: int, doc_id: int, token: str) -> list[int]:
    for _ in range(200):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", f"/api/v1/documents/{doc_id}/segments",
                         headers={"Authorization": f"Bearer {token}"})  # fmt: skip
            response = conn.getresponse()
            if response.status == 200:
                return [s["id"] for s in json.loads(response.read())]
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not come up")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--reviewers", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/workbench_load"
        ),
    )
    args = parser.parse_args()
    ensure_database(args.database_url)
    report = run_load(
        database_url=args.database_url, seconds=args.seconds, reviewers=args.reviewers,
        workers=args.workers,
    )  # fmt: skip
    print(report.summary())
    sys.exit(1 if report.problems else 0)


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database of ``url`` if it does not exist yet."""
    if not url.startswith("postgres"):
        return
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    main()
