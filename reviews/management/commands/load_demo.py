"""Build the demo: the seed article as a zh-CN → en project, with demo users, and a
short bilingual sample beside it.

The seed has no source (none was delivered), so the checks that read one cannot show
there. The sample pairs a handful of the seed's garbled sentences, as its MT, with
Chinese source sentences the team wrote (fixtures/sample-bilingual.zh.txt and .en.txt),
imported as a user imports a text with its source: there the romanized name's
characters, numbers with 万 and 亿 and the literal renderings of the source show. The
seed itself is imported as delivered. No glossary is loaded: a manager loads the
starter glossary from the glossary page if they want it.
"""

import os
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from reviews import services
from reviews.models import Project
from reviews.states import Role

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
SEED = FIXTURES / "seed-zhejiang-two-sessions.en.txt"
SEED_TITLE = "Zhejiang's two sessions: digital reform (MT)"
SAMPLE = FIXTURES / "sample-bilingual.en.txt"
SAMPLE_SOURCE = FIXTURES / "sample-bilingual.zh.txt"
SAMPLE_TITLE = "Sample: bilingual excerpt (source written by the team)"
USERS = (("translator", Role.TRANSLATOR), ("editor", Role.EDITOR), ("manager", Role.MANAGER))


class Command(BaseCommand):
    help = (
        "Create the demo project from the seed article and a bilingual sample, and the demo "
        "users (idempotent)."
    )

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
        documents = project.documents.all()
        if not documents.filter(title=SEED_TITLE).exists():
            document = services.document_import(
                project=project, data=SEED.read_bytes(), filename=SEED.name, title=SEED_TITLE
            )
            self.stdout.write(f"Imported the seed as document {document.pk}")
        if not documents.filter(title=SAMPLE_TITLE).exists():
            document = services.document_import(
                project=project,
                data=SAMPLE.read_bytes(),
                filename=SAMPLE.name,
                source_data=SAMPLE_SOURCE.read_bytes(),
                source_filename=SAMPLE_SOURCE.name,
                format_name="text",
                title=SAMPLE_TITLE,
            )
            self.stdout.write(f"Imported the bilingual sample as document {document.pk}")
        self.stdout.write("Demo ready: log in as translator, editor or manager.")
