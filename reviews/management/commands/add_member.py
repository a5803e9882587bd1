from django.core.management.base import BaseCommand, CommandError

from reviews import selectors, services
from reviews.errors import ReviewError
from reviews.states import Role


class Command(BaseCommand):
    help = "Add a user to a project with a role, or change their role."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("username")
        parser.add_argument("role", help=" | ".join(Role.values))

    def handle(self, *args, **opts):
        try:
            project = selectors.project_by_slug(slug=opts["slug"])
            user = services.user_by_name(opts["username"])
            services.membership_set(project=project, user=user, role=opts["role"])
        except ReviewError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"{user.get_username()} is {opts['role']} in {project.slug}")
