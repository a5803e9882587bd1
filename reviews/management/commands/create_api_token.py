from django.core.management.base import BaseCommand, CommandError

from reviews import services
from reviews.errors import ReviewError


class Command(BaseCommand):
    help = "Print a new API token for a user (shown once; only its digest is stored)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, **opts):
        try:
            user = services.user_by_name(opts["username"])
        except ReviewError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(services.api_token_create(user=user))
