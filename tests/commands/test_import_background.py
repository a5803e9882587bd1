"""import_document on big files: a progress bar on stderr (stdout still ends with the
document id), or --background: queue a job and print its id last."""

import io

import pytest
from django.core.management import call_command

from reviews.management.commands.import_document import ProgressBar
from reviews.models import Document, Job
from tests.conftest import SEED

DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_document", *args, stdout=out, stderr=err)
    return out.getvalue().splitlines(), err.getvalue().splitlines()


@pytest.fixture
def small_threshold(settings):
    settings.BACKGROUND_THRESHOLD_BYTES = 1000  # the seed article (9.6 kB) is big here


def test_a_big_file_shows_a_progress_bar_on_stderr(project, small_threshold):
    out, err = run(project.slug, str(SEED))
    document = Document.objects.get()
    assert out[-1] == str(document.pk)  # CONTRACT: the last line is the id
    assert not any("%" in line for line in out)
    assert err[0].startswith("[" + "." * 30 + "]   0% Reading seed-zhejiang")
    assert err[-2] == f"[{'#' * 24}{'.' * 6}]  80% Storing {document.segments.count()} segments"
    assert err[-1] == f"[{'#' * 30}] 100% Done"


def test_a_small_file_prints_no_bar(project):
    out, err = run(project.slug, str(SEED))
    assert out[-1] == str(Document.objects.get().pk) and err == []


def test_a_big_new_version_shows_the_bar_too(document, small_threshold):
    out, err = run(document.project.slug, str(SEED), "--update", str(document.pk))
    assert out[-1] == str(document.pk)
    assert "Matching" in err[-2] and err[-1].endswith("100% Done")


def test_background_queues_a_job_and_prints_its_id_last(project, settings):
    settings.TASKS = DUMMY  # no worker yet
    out, err = run(project.slug, str(SEED), "--background", "--title", "Later")
    job = Job.objects.get()
    assert out[-1] == str(job.pk)
    assert (
        out[0]
        == f"Queued job {job.pk} (import of {SEED.name}): a worker (manage.py db_worker) runs it"
    )
    assert (job.status, job.created_by, job.params["title"]) == ("queued", None, "Later")
    assert bytes(job.input_data) == SEED.read_bytes()
    assert not Document.objects.exists() and err == []


def test_background_with_an_immediate_backend_runs_at_once(project):
    out, _err = run(project.slug, str(SEED), "--background")
    job = Job.objects.get()
    assert out[-1] == str(job.pk) and "done" in out[0]
    assert job.document == Document.objects.get()


def test_background_update_queues_a_new_version(document, settings):
    settings.TASKS = DUMMY
    out, _err = run(document.project.slug, str(SEED), "--update", str(document.pk), "--background")
    job = Job.objects.get()
    assert out[-1] == str(job.pk) and (job.kind, job.document) == ("reimport", document)


class Tty(io.StringIO):
    def isatty(self):
        return True


def test_on_a_terminal_the_bar_is_redrawn_in_place():
    from django.core.management.base import OutputWrapper

    stream = Tty()
    bar = ProgressBar(OutputWrapper(stream))
    for percent in (0, 0, 1, 50):
        bar(percent, "Reading")
    bar.close()
    text = stream.getvalue()
    assert text.count("\r") == 3 and text.endswith("\n") and "\n" not in text[:-1]
