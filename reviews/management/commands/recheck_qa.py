"""Recompute the stored QA results of a project (or of every project)."""

from django.core.management.base import BaseCommand, CommandError

from reviews import services
from reviews.models import Project


class Command(BaseCommand):
    help = "Recompute stored QA results, e.g. after upgrading the checks."

    def add_arguments(self, parser):
        parser.add_argument("slug", nargs="?", help="one project (default: all)")

    def handle(self, *args, **opts):
        projects = Project.objects.all()
        if opts["slug"]:
            projects = projects.filter(slug=opts["slug"])
            if not projects:
                raise CommandError(f"no project {opts['slug']!r}")
        for project in projects:
            changed = services.segments_refresh_qa(project=project)
            self.stdout.write(f"{project.slug}: {changed} segments changed")
