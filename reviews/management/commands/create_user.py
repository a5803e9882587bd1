from django.core.management.base import BaseCommand, CommandError

from reviews import services
from reviews.errors import ReviewError


class Command(BaseCommand):
    help = (
        "Create a user without a password and print a link (it works once) where they "
        "choose one. Links start with WORKBENCH_SITE_URL unless --base-url says otherwise."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--base-url", default="", help="e.g. https://review.example.org")

    def handle(self, *args, **opts):
        try:
            user = services.user_create(username=opts["username"], email=opts["email"])
        except ReviewError as exc:
            raise CommandError(exc.message) from None
        self.stderr.write(f"Created {user.get_username()}. Their link to choose a password:")
        self.stdout.write(services.set_password_link(user, base_url=opts["base_url"]))
