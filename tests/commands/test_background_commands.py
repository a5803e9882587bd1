"""export_document of a big document shows a progress bar on stderr, like
import_document; the file itself is unchanged (stdout or -o). A big import says its QA
checks run in the background; recheck_qa --background queues them."""

import io

import pytest
from django.core.management import call_command

from reviews.models import Job
from reviews.services import documents
from tests.conftest import SEED


def export(document, tmp_path, *args):
    out, err, path = io.StringIO(), io.StringIO(), tmp_path / "out"
    call_command(
        "export_document", str(document.pk), *args, "-o", str(path), stdout=out, stderr=err
    )
    return path.read_bytes(), out.getvalue(), err.getvalue().splitlines()


def test_a_big_export_shows_a_progress_bar_on_stderr(document, tmp_path, settings):
    settings.BACKGROUND_EXPORT_SEGMENTS = 10  # the seed's 46 segments are many here
    data, out, err = export(document, tmp_path)
    assert data == SEED.read_bytes() and out == ""
    assert err[0] == f"[{'.' * 30}]   0% Writing Plain text: 0 of 46"
    assert err[-2] == f"[{'#' * 30}] 100% Wrote 46 segments"
    assert err[-1] == f"[{'#' * 30}] 100% Done"


def test_a_small_export_prints_no_bar(document, tmp_path):
    data, _out, err = export(document, tmp_path, "--format", "po")
    assert data.startswith(b"#") or b"msgid" in data
    assert err == []


@pytest.mark.django_db(transaction=True)  # the import commits, and queues its check
def test_a_big_import_says_its_checks_run_in_the_background(project, monkeypatch, settings):
    monkeypatch.setattr(documents, "QA_INLINE_MAX", 10)
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    out = io.StringIO()
    call_command("import_document", project.slug, str(SEED), stdout=out)
    lines = out.getvalue().splitlines()
    job = Job.objects.get(kind="check")
    assert lines[-1] == str(job.document_id)  # CONTRACT: the id stays last
    assert lines[-2] == (
        f"QA checks of 46 segments run in the background (job {job.pk}): start "
        "`python manage.py db_worker` to run them, or import with --check-now to check "
        "in this command"
    )


def test_recheck_qa_in_the_background_queues_a_check_per_document(document, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    out = io.StringIO()
    call_command("recheck_qa", document.project.slug, "--background", stdout=out)
    job = Job.objects.get()
    assert out.getvalue() == f"zj: seed.txt: check job {job.pk}\n"
    assert (job.kind, job.params) == ("check", {"all": True, "reason": "recheck_qa"})


@pytest.mark.django_db(transaction=True)  # the import commits, and queues its check
def test_check_now_runs_the_checks_in_the_command_with_a_progress_bar(
    project, monkeypatch, settings
):
    from reviews.models import Segment
    from reviews.states import QaLevel

    monkeypatch.setattr(documents, "QA_INLINE_MAX", 10)
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    out, err = io.StringIO(), io.StringIO()
    call_command("import_document", project.slug, str(SEED), "--check-now", stdout=out, stderr=err)
    lines, bar = out.getvalue().splitlines(), err.getvalue().splitlines()
    job = Job.objects.get(kind="check")
    assert job.status == "done"
    segments = Segment.objects.filter(document=job.document)
    assert segments.count() == 46
    assert not segments.filter(qa_level=QaLevel.PENDING).exists()  # none "not checked yet"
    assert lines[-1] == str(job.document_id)  # CONTRACT: the id stays last
    assert lines[-2].startswith("QA done: Checked 46 segments: ")
    assert not any("background" in line for line in lines)
    # Not a terminal: plain lines, one per tenth and phase, on stderr only.
    assert bar[0] == f"[{'.' * 30}]   0% Checking 0 of 46 segments"
    assert bar[-1] == f"[{'#' * 30}] 100% QA done"
    assert not any("%" in line for line in lines)


def test_check_now_of_a_small_file_says_qa_is_done(project):
    out = io.StringIO()
    call_command("import_document", project.slug, str(SEED), "--check-now", stdout=out)
    assert out.getvalue().splitlines()[-2] == "QA done: all 46 segments checked"


def test_check_now_and_background_are_refused_together(project):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="--check-now .* --background .*: choose one"):
        call_command("import_document", project.slug, str(SEED), "--check-now", "--background")
    assert not Job.objects.exists()
