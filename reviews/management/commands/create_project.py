from django.core.management.base import BaseCommand, CommandError

from reviews import services
from reviews.errors import ReviewError


class Command(BaseCommand):
    help = "Create a translation project."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--source-lang", required=True, help="BCP 47 tag, e.g. zh-CN")
        parser.add_argument("--target-lang", required=True, help="BCP 47 tag, e.g. en")
        parser.add_argument("--name", default="")

    def handle(self, *args, **opts):
        try:
            project = services.project_create(
                slug=opts["slug"],
                name=opts["name"],
                source_lang=opts["source_lang"],
                target_lang=opts["target_lang"],
            )
        except ReviewError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(
            f"Created project {project.slug} ({project.source_lang} → {project.target_lang})"
        )
