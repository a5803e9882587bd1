"""A short run of the load script (bench/load.py) in the PostgreSQL pass of the suite:
concurrent reviewers through gunicorn, then the books must balance."""

import os

import pytest

from bench.load import ensure_database, run_load

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the load run needs PostgreSQL (the suite's PostgreSQL pass runs it)",
)


def test_concurrent_reviewers_lose_nothing():
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    url = f"{base}/workbench_load_test"
    ensure_database(url)
    report = run_load(database_url=url, seconds=8, reviewers=8, workers=2)
    print(report.summary())
    assert report.requests > 50
    assert not any(code >= 500 for code in report.statuses)
    assert report.acknowledged and not report.problems
