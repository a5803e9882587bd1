"""Load terms into a project's glossary; for now the starter glossary (--starter)."""

from django.core.management.base import BaseCommand, CommandError

from reviews import services
from reviews.errors import ReviewError
from reviews.models import Project


class Command(BaseCommand):
    help = (
        "Add the starter glossary (Chinese terms whose literal English is wrong in news, "
        "each with its right rendering and a reference) to a project's glossary. Terms the "
        "glossary has already are kept as they are; loading twice adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the project's slug")
        parser.add_argument(
            "--starter",
            action="store_true",
            help="load the starter glossary (reviews/checks/data/literal_renderings.toml)",
        )

    def handle(self, *args, **opts):
        if not opts["starter"]:
            raise CommandError("Say what to load: --starter (the starter glossary)")
        project = Project.objects.filter(slug=opts["slug"]).first()
        if project is None:
            raise CommandError(f"No project {opts['slug']!r}")
        try:
            loaded = services.glossary_load_starter(project=project)
        except ReviewError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(
            f"Added {loaded.added} starter terms to the glossary of {project.slug!r}"
            f" ({loaded.kept} already there, kept as they are)"
        )
