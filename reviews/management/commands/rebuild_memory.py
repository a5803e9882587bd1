"""Rebuild a project's translation memory from its approved segments."""

from django.core.management.base import BaseCommand, CommandError

from reviews import services
from reviews.models import Project


class Command(BaseCommand):
    help = "Rebuild the translation memory of a project from its approved segments."

    def add_arguments(self, parser):
        parser.add_argument("slug")

    def handle(self, *args, **opts):
        project = Project.objects.filter(slug=opts["slug"]).first()
        if project is None:
            raise CommandError(f"no project {opts['slug']!r}")
        units = services.memory_rebuild(project=project)
        self.stdout.write(f"{project.slug}: {units} memory units")
