from django.core.management.base import BaseCommand, CommandError

from reviews import services
from reviews.errors import ReviewError
from reviews.management.commands.import_document import read_file
from reviews.models import Project


class Command(BaseCommand):
    help = "Import a TMX file into a project's translation memory."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("path", help="a TMX file")

    def handle(self, *args, **opts):
        project = Project.objects.filter(slug=opts["slug"]).first()
        if project is None:
            raise CommandError(f"{opts['path']}: no project {opts['slug']!r}")
        data = read_file(opts["path"])
        try:
            count = services.memory_import_tmx(project=project, data=data, filename=opts["path"])
        except ReviewError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(
            f"Added {count} units from {opts['path']} to the memory of {project.slug}"
        )
