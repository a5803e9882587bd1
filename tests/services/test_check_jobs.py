"""QA "pending" and the check job: a big import stores its segments unchecked and
queues a job that checks them in chunks and then measures the document; nothing pending
is ever approved unchecked; a glossary change in a big project re-checks it in jobs; a
big document's metrics are read once its job has measured them.

The seed article (46 segments) stands in for a big document: the thresholds are
lowered. DUMMY leaves jobs queued, as a database queue without a worker would."""

import pytest
from django.http import QueryDict

from reviews import selectors, services
from reviews.errors import NotAllowed, QaBlocked
from reviews.models import DocumentMetrics, Job, Segment
from reviews.segment_filters import apply_filter, parse_filter
from reviews.services import check_jobs, documents, jobs, qa, reimport
from reviews.services.scoring import totals_are_current
from reviews.states import QaLevel

DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def big(monkeypatch, settings):
    """Documents over 10 segments count as big; jobs wait for a worker."""
    monkeypatch.setattr(documents, "QA_INLINE_MAX", 10)
    monkeypatch.setattr(documents, "MEASURE_ON_IMPORT_MAX", 10)
    monkeypatch.setattr(reimport, "QA_INLINE_MAX", 10)
    monkeypatch.setattr(check_jobs, "MEASURE_INLINE_MAX", 10)
    settings.TASKS = DUMMY


def import_seed(project, manager, seed_bytes, on_commit, name="big.txt"):
    with on_commit(execute=True):
        return services.document_import(
            project=project, data=seed_bytes, filename=name, user=manager
        )


def test_a_big_import_stores_its_segments_pending_and_queues_a_check(
    big, project, users, seed_bytes, django_capture_on_commit_callbacks
):
    document = import_seed(
        project, users["manager"], seed_bytes, django_capture_on_commit_callbacks
    )
    stored = list(document.segments.values_list("qa_level", "qa", "qa_checks"))
    assert len(stored) == 46 and all(row == (QaLevel.PENDING, [], "") for row in stored)
    job = Job.objects.get()
    assert (job.kind, job.status, job.document, job.params) == (
        "check",
        "queued",
        document,
        {"all": False, "reason": "import"},
    )
    assert job.subject == "big.txt" == document.title


def test_a_small_import_still_checks_inline_and_queues_nothing(document):
    assert not document.segments.filter(qa_level=QaLevel.PENDING).exists()
    assert not Job.objects.exists()


def test_the_check_job_stores_what_an_inline_import_would_have(
    monkeypatch, settings, project, users, seed_bytes, django_capture_on_commit_callbacks
):
    inline = services.document_import(
        project=project, data=seed_bytes, filename="small.txt", user=users["manager"]
    )  # 46 segments: under the real QA_INLINE_MAX
    settings.TASKS = DUMMY
    monkeypatch.setattr(documents, "QA_INLINE_MAX", 10)
    monkeypatch.setattr(documents, "MEASURE_ON_IMPORT_MAX", 10)
    document = import_seed(
        project, users["manager"], seed_bytes, django_capture_on_commit_callbacks
    )
    monkeypatch.setattr(check_jobs, "CHECK_CHUNK", 10)  # 5 chunks
    monkeypatch.setattr(jobs.JobProgress, "min_interval", 0)
    seen, counts = [], []
    write = jobs.JobProgress.__call__

    def spy(self, percent, message, **fields):
        write(self, percent, message, **fields)
        seen.append((percent, message))
        counts.append(fields.get("result"))

    monkeypatch.setattr(jobs.JobProgress, "__call__", spy)
    job = Job.objects.get(kind="check")
    assert not DocumentMetrics.objects.filter(document=document).exists()  # too big to measure

    services.job_run(job_id=job.pk)

    job.refresh_from_db()
    assert (job.status, job.progress, job.error) == ("done", 100, "")
    fields = ("position", "qa", "qa_level", "qa_checks")
    assert list(document.segments.order_by("position").values_list(*fields)) == list(
        inline.segments.order_by("position").values_list(*fields)
    )
    n = document.segments.count()
    assert seen[0] == (0, f"Checking 0 of {n} segments")
    assert counts[1] == {"checked": 10, "total": n}  # the review page's figures
    assert (39, f"Checking 20 of {n} segments") in seen  # chunk by chunk
    assert seen[-1] == (90, f"Measuring {n} segments")
    totals = DocumentMetrics.objects.get(document=document).totals
    assert totals_are_current(totals, project.target_lang) and totals["segments"] == n
    errors = document.segments.filter(qa_level="error").count()
    warnings = document.segments.filter(qa_level="warning").count()
    assert job.result["summary"] == (
        f"Checked {n} segments: {errors} with errors, {warnings} with warnings"
    )
    assert job.result["checked"] == n and warnings > 0


def test_a_check_job_queued_already_is_reused(document, big):
    first = services.job_enqueue_check(document=document, reason="glossary")
    again = services.job_enqueue_check(document=document, reason="import")
    assert again.pk == first.pk
    everything = services.job_enqueue_check(document=document, all_segments=True)
    assert everything.pk != first.pk  # a wider check is a job of its own
    Job.objects.filter(pk=first.pk).update(status="running")
    assert services.job_enqueue_check(document=document).pk == everything.pk


def test_a_recheck_of_all_segments_recomputes_stored_results(document, big):
    Segment.objects.filter(document=document).update(qa=[], qa_level="none", qa_checks="")
    job = services.job_enqueue_check(document=document, all_segments=True)
    services.job_run(job_id=job.pk)
    assert document.segments.filter(qa_checks__contains=" romanized-name ").exists()


def test_an_outsider_cannot_queue_a_check(document, big, users):
    with pytest.raises(NotAllowed):
        services.job_enqueue_check(document=document, user=users["outsider"])


def forbid_zhe_yunan(project, users):
    services.glossary_term_add(
        project=project,
        user=users["editor"],
        source="浙运安",
        rendering="Zheyun'an",
        forbidden="Zhe Yunan",
    )


def test_approving_a_pending_segment_checks_it_first(segment, users):
    forbid_zhe_yunan(segment.document.project, users)
    Segment.objects.filter(pk=segment.pk).update(qa=[], qa_level="pending", qa_checks="")
    segment.refresh_from_db()
    with pytest.raises(QaBlocked) as blocked:
        services.segment_approve(segment=segment, reviewer=users["editor"], version=1)
    assert "Zhe Yunan" in blocked.value.message
    segment.refresh_from_db()
    assert segment.state == "new"

    approved = services.segment_approve(
        segment=segment, reviewer=users["editor"], version=1, override_reason="a known name"
    )
    assert approved.state == "approved"
    segment.refresh_from_db()
    assert segment.qa_level == "error" and " glossary " in segment.qa_checks
    assert segment.revisions.latest("version").note == "QA override: a known name"


def test_bulk_approval_checks_pending_segments_and_skips_errors(document, segment, users):
    forbid_zhe_yunan(document.project, users)
    clean = document.segments.exclude(pk=segment.pk).filter(qa_level="none").first()
    ids = [segment.pk, clean.pk]
    Segment.objects.filter(pk__in=ids).update(qa=[], qa_level="pending", qa_checks="")
    result = services.segments_bulk_review(
        document=document,
        segment_ids=ids,
        user=users["editor"],
        action="approve",
        include_unreviewed=True,
    )
    assert (result.changed, result.skipped, result.qa_blocked) == (1, 1, 1)
    segment.refresh_from_db()
    clean.refresh_from_db()
    assert (segment.state, segment.qa_level) == ("new", "error")
    assert (clean.state, clean.qa_level) == ("approved", "none")


def test_an_edit_checks_a_pending_segment_as_it_always_did(segment, users):
    Segment.objects.filter(pk=segment.pk).update(qa=[], qa_level="pending", qa_checks="")
    segment.refresh_from_db()
    edited = services.segment_edit(
        segment=segment, user=users["translator"], target="the the end", version=1
    )
    assert edited.qa_level == "warning"


@pytest.mark.parametrize("severity", ["info", "warning", "error"])
def test_severity_filters_leave_pending_segments_out(document, segment, severity):
    Segment.objects.filter(document=document).update(qa=[], qa_level="pending", qa_checks="")
    flt = parse_filter(QueryDict(f"severity={severity}"))
    assert not apply_filter(selectors.segments_for_review(document=document), flt).exists()


def test_the_qa_status_counts_pending_segments_and_names_the_job(document, big):
    assert selectors.document_qa_status(document=document) is None
    Segment.objects.filter(document=document, position__lt=40).update(qa_level="pending")
    job = services.job_enqueue_check(document=document)
    status = selectors.document_qa_status(document=document)
    n = document.segments.count()
    assert (status.total, status.pending, status.checked, status.job) == (n, 40, n - 40, job)
    # While the job runs, its own counts (no counting of the document's segments).
    Job.objects.filter(pk=job.pk).update(status="running", result={"checked": 12, "total": 40})
    status = selectors.document_qa_status(document=document)
    assert (status.total, status.pending, status.checked, status.job) == (40, 28, 12, job)


def test_a_big_new_version_leaves_its_changes_pending(
    document, big, users, seed_bytes, django_capture_on_commit_callbacks
):
    lines = "".join(f"A new closing line number {i}.\n" for i in range(12)).encode()
    with django_capture_on_commit_callbacks(execute=True):
        report = services.document_reimport(
            document=document, user=users["manager"], data=seed_bytes + lines, filename="v2.txt"
        )
    # the last line, "(Finish)", gains a newline: it counts as changed
    assert (len(report.added), len(report.changed), len(report.kept)) == (11, 1, 45)
    pending = document.segments.filter(qa_level="pending")
    assert set(pending.values_list("position", flat=True)) == {*report.added, *report.changed}
    assert document.segments.exclude(qa_level="pending").count() == 45  # kept: checked
    job = Job.objects.get(kind="check")
    services.job_run(job_id=job.pk)
    assert not document.segments.filter(qa_level="pending").exists()


# -- glossary changes in a big project ---------------------------------------------------


def test_a_glossary_change_in_a_big_project_rechecks_it_in_jobs(
    document, users, settings, django_capture_on_commit_callbacks
):
    settings.BACKGROUND_CHECK_SEGMENTS = 0  # any re-check is too big for a request
    settings.TASKS = DUMMY
    segment = document.segments.get(target__contains="Zhe Yunan")
    with django_capture_on_commit_callbacks(execute=True):
        forbid_zhe_yunan(document.project, users)
    segment.refresh_from_db()
    assert segment.qa_level == "pending"  # not checked in the request
    job = Job.objects.get()
    assert (job.kind, job.document, job.params["reason"]) == ("check", document, "glossary")
    assert selectors.project_qa_pending(project=document.project) >= 1

    services.job_run(job_id=job.pk)
    segment.refresh_from_db()
    assert segment.qa_level == "error" and " glossary " in segment.qa_checks
    assert selectors.project_qa_pending(project=document.project) == 0


def test_a_glossary_change_in_a_small_project_still_rechecks_at_once(document, users):
    forbid_zhe_yunan(document.project, users)
    assert document.segments.get(target__contains="Zhe Yunan").qa_level == "error"
    assert not Job.objects.exists()


# -- reading the metrics of a big document -------------------------------------------------


def test_a_big_document_without_figures_is_measured_by_a_job(
    big, project, users, seed_bytes, django_capture_on_commit_callbacks
):
    document = import_seed(
        project, users["manager"], seed_bytes, django_capture_on_commit_callbacks
    )
    check = Job.objects.get()
    assert services.document_metrics_job(document=document) == check  # the import's job
    assert services.document_metrics_job(document=document) == check  # not a new one
    services.job_run(job_id=check.pk)
    assert services.document_metrics_job(document=document) is None  # measured now


def test_stale_figures_of_a_big_document_queue_a_job_once(document, big, users):
    DocumentMetrics.objects.filter(document=document).update(totals={})
    job = services.document_metrics_job(document=document, user=users["translator"])
    assert (job.kind, job.status, job.params["reason"]) == ("check", "queued", "metrics")
    assert services.document_metrics_job(document=document) == job
    assert services.project_metrics_jobs(project=document.project) == [job]


def test_a_small_document_is_measured_in_the_request(document, monkeypatch):
    DocumentMetrics.objects.filter(document=document).update(totals={})
    assert services.document_metrics_job(document=document) is None
    assert services.document_totals(document=document)["segments"] == document.segments.count()


def test_qa_inline_max_is_where_the_checks_leave_the_request():
    assert qa.QA_INLINE_MAX == 5_000 and documents.QA_INLINE_MAX == qa.QA_INLINE_MAX


@pytest.mark.django_db(transaction=True)
def test_a_check_job_checks_and_measures_with_no_transaction_open(
    big, project, users, seed_bytes, monkeypatch
):
    """On SQLite a transaction holds the one write lock: a check job of a big document
    holds it only to store each chunk, never while checking or measuring."""
    from django.db import connection

    from reviews.services import scoring

    document = services.document_import(
        project=project, data=seed_bytes, filename="big.txt", user=users["manager"]
    )  # committed: its check job is queued
    monkeypatch.setattr(check_jobs, "CHECK_CHUNK", 10)
    monkeypatch.setattr(scoring, "MEASURE_CHUNK", 10)
    in_transaction = {"checked": [], "measured": [], "stores": 0}
    check, measure = check_jobs.segments_assign_qa, scoring._measure
    store_qa, store_metrics = check_jobs._store_unchanged, scoring._store_measured

    def checking(chunk, **kwargs):
        in_transaction["checked"].append(connection.in_atomic_block)
        return check(chunk, **kwargs)

    def measuring(*args):
        in_transaction["measured"].append(connection.in_atomic_block)
        return measure(*args)

    def storing(original):
        def store(*args):
            in_transaction["stores"] += 1
            return original(*args)

        return store

    monkeypatch.setattr(check_jobs, "segments_assign_qa", checking)
    monkeypatch.setattr(scoring, "_measure", measuring)
    monkeypatch.setattr(check_jobs, "_store_unchanged", storing(store_qa))
    monkeypatch.setattr(scoring, "_store_measured", storing(store_metrics))

    services.job_run(job_id=Job.objects.get(kind="check", document=document).pk)

    assert in_transaction["checked"] == [False] * 5  # 46 segments, 10 a chunk
    assert len(in_transaction["measured"]) == 46 and not any(in_transaction["measured"])
    assert in_transaction["stores"] == 10  # each chunk's QA, then its metrics
    assert not document.segments.filter(qa_level=QaLevel.PENDING).exists()
    totals = DocumentMetrics.objects.get(document=document).totals
    assert totals_are_current(totals, project.target_lang) and totals["segments"] == 46


def test_an_edit_made_while_its_chunk_is_checked_keeps_its_own_results(
    big, project, users, seed_bytes, django_capture_on_commit_callbacks, monkeypatch
):
    document = import_seed(
        project, users["manager"], seed_bytes, django_capture_on_commit_callbacks
    )
    edited = document.segments.get(position=3)
    check = check_jobs.segments_assign_qa

    def edit_meanwhile(chunk, **kwargs):
        check(chunk, **kwargs)  # the results for the text read ...
        if any(s.pk == edited.pk for s in chunk) and edited.target != "the the end":
            edited.target = "the the end"  # ... then the text changes, checked itself
            services.segment_edit(
                segment=edited, user=users["translator"], target="the the end", version=1
            )

    monkeypatch.setattr(check_jobs, "segments_assign_qa", edit_meanwhile)
    services.job_run(job_id=Job.objects.get(kind="check").pk)
    stored = Segment.objects.get(pk=edited.pk)
    assert (stored.target, stored.qa_level) == ("the the end", "warning")
    assert "repeated" in stored.qa_checks
    assert not document.segments.filter(qa_level=QaLevel.PENDING).exists()
