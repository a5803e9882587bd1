"""A big import job reports how far it is while it stores its segments, inside its one
transaction: on PostgreSQL through another connection, so the job page sees it at
once; on SQLite (one writer, the import itself) those reports are left out, never
blocking the import."""

import pytest
from django.db import connection

from reviews import services
from reviews.models import Job
from reviews.services import bulk_store, documents, job_queue
from tests.services.test_document_import_stream import tmx

pytestmark = pytest.mark.django_db(transaction=True)  # other connections see commits only


def test_storing_progress_is_seen_by_others_while_the_import_runs(monkeypatch, project, users):
    monkeypatch.setattr(bulk_store, "COPY_ROWS", 500)
    monkeypatch.setattr(bulk_store, "BATCH", 500)
    monkeypatch.setattr(job_queue.JobProgress, "min_interval", 0)
    monkeypatch.setattr(documents, "QA_INLINE_MAX", 10)  # QA pending: read as stored
    seen = []
    original = job_queue.JobProgress.aside

    def spy(self, percent, message):
        original(self, percent, message)
        # This connection is inside the import's transaction; committed rows show.
        seen.append(Job.objects.values_list("message", flat=True).get(pk=self.job_id))

    monkeypatch.setattr(job_queue.JobProgress, "aside", spy)
    data = tmx([(f"浙江{i}。", f"Zhejiang {i}.") for i in range(2000)])
    job = services.job_enqueue_import(
        project=project, user=users["manager"], data=data, filename="big.tmx"
    )
    assert job.status == "done" and job.document.segments.count() == 2000
    assert len(seen) == 4  # after each full batch of 500
    if connection.vendor == "postgresql":  # a new figure whenever more of the file was read
        counts = [int(m.split(": ")[1].split()[0].replace(",", "")) for m in seen]
        assert counts == sorted(counts) and len(set(counts)) >= 3 and counts[-1] <= 2000
    else:
        assert seen == ["Storing the segments of big.tmx"] * 4  # written before it began
