from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reviews import selectors, services
from reviews.errors import ReviewError
from reviews.formats import FORMATS
from reviews.management.progress import ProgressBar
from reviews.models import Project


def read_file(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise CommandError(f"{path}: is a directory, not a file") from None
    except OSError as exc:
        raise CommandError(f"{path}: cannot be read ({exc.strerror})") from None


class Command(BaseCommand):
    help = (
        "Import a file into a project as a new document; prints the document id last "
        "(with --background: queues the import and prints the job id last)."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the project's slug")
        parser.add_argument("path", help="the translation file")
        parser.add_argument("--source", help="paragraph-aligned source text (text format only)")
        parser.add_argument("--format", default="auto", choices=["auto", *FORMATS])
        parser.add_argument("--title", default="")
        parser.add_argument(
            "--update",
            type=int,
            metavar="DOC_ID",
            help="a new version of that document: keep the work that still applies",
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="queue the import for a worker (manage.py db_worker); prints the job id",
        )
        parser.add_argument(
            "--check-now",
            action="store_true",
            help="run the QA checks of a big file in this command (a progress bar on "
            "stderr) instead of leaving them to a worker (manage.py db_worker)",
        )

    def handle(self, *args, **opts):
        path = opts["path"]
        project = Project.objects.filter(slug=opts["slug"]).first()
        if project is None:
            raise CommandError(f"{path}: no project {opts['slug']!r} to import into")
        data = read_file(path)
        source = read_file(opts["source"]) if opts["source"] else None
        files = {
            "data": data,
            "filename": path,
            "source_data": source,
            "source_filename": opts["source"] or "",
            "format_name": opts["format"],
        }
        document = None
        if opts["update"]:
            document = project.documents.filter(pk=opts["update"]).first()
            if document is None:
                raise CommandError(
                    f"{path}: no document {opts['update']} in project {project.slug!r}"
                )
        if opts["background"]:
            if opts["check_now"]:
                raise CommandError(
                    f"{path}: --check-now checks in this command and --background leaves "
                    "the import to a worker: choose one"
                )
            self._enqueue(project, document, files, opts)
            return
        # A big file takes a while: show how far it is on stderr.
        big = services.upload_needs_job(len(data), len(source or b""))
        bar = ProgressBar(self.stderr) if big else None
        try:
            if document is not None:
                report = services.document_reimport(document=document, progress=bar, **files)
            else:
                document = services.document_import(
                    project=project, title=opts["title"], progress=bar, **files
                )
                report = None
            if bar is not None:
                bar(100, "Done")
        except ReviewError as exc:
            raise CommandError(exc.message) from None
        finally:
            if bar is not None:
                bar.close()  # before stdout, which shares the terminal
        if report is not None:
            self.stdout.write(f"Updated {document.title} from {path}: {report.summary()}")
            for text in report.removed:
                self.stdout.write(f"  removed: {text[:100]}")
        else:
            count = document.segments.count()
            self.stdout.write(f"Imported {path} as {document.format}: {count} segments")
        if opts["check_now"]:
            self._check_now(document)
        elif status := selectors.document_qa_status(document=document):
            job = f"job {status.job.pk}" if status.job else "a check job"
            self.stdout.write(
                f"QA checks of {status.pending:,} segments run in the background ({job}): "
                "start `python manage.py db_worker` to run them, or import with "
                "--check-now to check in this command"
            )
        self.stdout.write(str(document.pk))

    def _check_now(self, document):
        """The checks a big import left to a check job, run here with a progress bar:
        the job itself, claimed as a worker would (a worker that claimed it first
        keeps it)."""
        status = selectors.document_qa_status(document=document)
        if status is None:
            self.stdout.write(f"QA done: all {document.segments.count():,} segments checked")
            return
        job = status.job or services.job_enqueue_check(document=document, reason="check-now")
        bar = ProgressBar(self.stderr)
        try:
            outcome = services.job_run(job_id=job.pk, progress=bar)
            job.refresh_from_db()
            if job.status == job.Status.DONE:
                bar(100, "QA done")
        finally:
            bar.close()  # before stdout, which shares the terminal
        if outcome.get("skipped"):
            self.stdout.write(f"QA checks run in a worker that took job {job.pk} first")
        elif job.status != job.Status.DONE:
            raise CommandError(f"{document.title}: the QA checks failed: {job.error}")
        else:
            self.stdout.write(f"QA done: {job.result['summary']}")

    def _enqueue(self, project, document, files, opts):
        try:
            if document is not None:
                job = services.job_enqueue_reimport(document=document, **files)
            else:
                job = services.job_enqueue_import(project=project, title=opts["title"], **files)
        except ReviewError as exc:
            raise CommandError(exc.message) from None
        what = f"job {job.pk} ({job.get_kind_display().lower()} of {job.subject})"
        if job.status == job.Status.QUEUED:
            self.stdout.write(f"Queued {what}: a worker (manage.py db_worker) runs it")
        else:
            self.stdout.write(f"Ran {what} at once: {job.status} {job.error}".rstrip())
        self.stdout.write(str(job.pk))
