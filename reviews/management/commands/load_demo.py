"""Build the demo: the seed article as a zh-CN → en project, with demo users."""

import os
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from reviews import services
from reviews.models import Project
from reviews.states import Role

SEED = Path(settings.BASE_DIR) / "fixtures" / "seed-zhejiang-two-sessions.en.txt"
USERS = (("translator", Role.TRANSLATOR), ("editor", Role.EDITOR), ("manager", Role.MANAGER))


class Command(BaseCommand):
    help = "Create the demo project from the seed article and the demo users (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--password", default=os.environ.get("DEMO_PASSWORD", "demo"))

    @transaction.atomic
    def handle(self, *args, **opts):
        project = Project.objects.filter(slug="demo").first()
        if project is None:
            project = services.project_create(
                slug="demo",
                name="Zhejiang two sessions (demo)",
                source_lang="zh-CN",
                target_lang="en",
            )
        User = get_user_model()
        for username, role in USERS:
            user, created = User.objects.get_or_create(username=username)
            if created:
                user.set_password(opts["password"])
                user.save()
            services.membership_set(project=project, user=user, role=role)
        if not project.documents.exists():
            document = services.document_import(
                project=project,
                data=SEED.read_bytes(),
                filename=SEED.name,
                title="Zhejiang's two sessions: digital reform (MT)",
            )
            self.stdout.write(f"Imported the seed as document {document.pk}")
        self.stdout.write("Demo ready: log in as translator, editor or manager.")
