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
    # Named after the suite's database, so suites run side by side (other checkouts,
    # other branches with other migrations) never share it.
    base, name = os.environ["DATABASE_URL"].split("?", 1)[0].rsplit("/", 1)
    url = f"{base}/{name}_load_test"
    ensure_database(url)
    report = run_load(database_url=url, seconds=8, reviewers=8, workers=2)
    print(report.summary())
    assert report.requests > 50
    assert not any(code >= 500 for code in report.statuses)
    assert report.acknowledged and not report.problems
