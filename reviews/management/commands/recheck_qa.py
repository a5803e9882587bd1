"""Recompute the stored QA results of a project (or of every project)."""

from django.core.management.base import BaseCommand, CommandError

from reviews import services
from reviews.models import Project


class Command(BaseCommand):
    help = (
        "Recompute stored QA results, e.g. after upgrading the checks; --background queues "
        "a check job per document for the workers instead (prints the job ids)."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", nargs="?", help="one project (default: all)")
        parser.add_argument(
            "--background",
            action="store_true",
            help="queue a check job per document (manage.py db_worker runs them)",
        )

    def handle(self, *args, **opts):
        projects = Project.objects.all()
        if opts["slug"]:
            projects = projects.filter(slug=opts["slug"])
            if not projects:
                raise CommandError(f"no project {opts['slug']!r}")
        for project in projects:
            if opts["background"]:
                for document in project.documents.select_related("project"):
                    job = services.job_enqueue_check(
                        document=document, all_segments=True, reason="recheck_qa"
                    )
                    self.stdout.write(f"{project.slug}: {document.title}: check job {job.pk}")
                continue
            changed = services.segments_refresh_qa(project=project)
            self.stdout.write(f"{project.slug}: {changed} segments changed")
