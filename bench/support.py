"""What every benchmark case shares: result rows, timers, a throwaway project, logged-in
clients and the bare floor views. Imported inside a Django process (bench/measure.py)."""

from __future__ import annotations

import re
import resource
import statistics
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.contrib.auth import get_user_model
from django.test import Client

from reviews import services
from reviews.models import Project


def row(name, value, unit, floor, target, *, ratio_target=True, note="", **extra) -> dict:
    """One result: ``ok`` compares the ratio (or, without a floor, the value) to target."""
    ratio = value / floor if floor else None
    ok = (ratio <= target) if ratio_target else (value <= target)
    result = {
        "name": name,
        "value": round(value, 4),
        "unit": unit,
        "floor": None if floor is None else round(floor, 4),
        "ratio": None if ratio is None else round(ratio, 3),
        "target": target,
        "ok": bool(ok),
        **extra,
    }
    if note:
        result["note"] = note
    return result


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def best_of(n: int, fn) -> float:
    """The fastest of ``n`` runs, in seconds: what the code costs without the noise of
    a machine shared with other work (the same rule for floors and measurements)."""
    return min(timed(fn)[0] for _ in range(n))


def in_turn(runs: int, measure, *floors) -> tuple[list, list[float]]:
    """``runs`` results of ``measure(run)`` and the best time of each floor, taken in
    turn: every floor, a measurement, every floor, ..., every floor (runs + 1 times).
    On a machine whose speed drifts within a case, both sides see the same drift."""
    results, times = [], [[] for _ in floors]
    for run in range(runs + 1):
        for samples, floor in zip(times, floors, strict=True):
            samples.append(timed(floor)[0])
        if run < runs:
            results.append(measure(run))
    return results, [min(samples) for samples in times]


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def project(slug: str = "bench") -> Project:
    Project.objects.filter(slug=slug).delete()
    return services.project_create(slug=slug, source_lang="zh-CN", target_lang="en")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def helper_peaks() -> Iterator[list[float]]:
    """The peak memory (VmHWM, MB) of the reading helpers started inside, read from
    /proc every 20 ms while each runs. Not ru_maxrss: a child's counts the parent's
    pages it shared between fork and exec."""
    from reviews.formats import helper

    started, peaks, stop = [], {}, threading.Event()
    original = helper._Helper.__init__

    def record(self):
        original(self)
        started.append(self.process.pid)

    def sample():
        while not stop.wait(0.02):
            for pid in started:
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue  # ended
                found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
                if found:
                    peaks[pid] = max(peaks.get(pid, 0), int(found.group(1)) / 1024)

    helper._Helper.__init__ = record
    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    result: list[float] = []
    try:
        yield result
    finally:
        stop.set()
        thread.join()
        helper._Helper.__init__ = original
        result.extend(peaks.values())


def client_for(username: str, role: str, proj) -> Client:
    user, _ = get_user_model().objects.get_or_create(username=username)
    services.membership_set(project=proj, user=user, role=role)
    client = Client()
    client.force_login(user)
    return client


def server_ms(client, method, url, data=None, headers=None, expect=(200, 302)) -> float:
    """Milliseconds for one request through the whole middleware stack, in-process."""
    start = time.perf_counter()
    response = getattr(client, method)(url, data or {}, headers=headers or {})
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code in expect, (url, response.status_code)
    return elapsed
