from django.core.management.base import BaseCommand, CommandError

from reviews import selectors, services
from reviews.errors import ReviewError


class Command(BaseCommand):
    help = "Remove a user from a project (their revisions and comments stay)."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("username")

    def handle(self, *args, **opts):
        try:
            project = selectors.project_by_slug(slug=opts["slug"])
            user = services.user_by_name(opts["username"])
            services.membership_remove(project=project, user=user)
        except ReviewError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"Removed {user.get_username()} from {project.slug}")
