"""Document every QA check of the registry: id, name, default severity, description."""

from django.core.management.base import BaseCommand

from reviews.checks import CHECKS


class Command(BaseCommand):
    help = "List every QA check: id, name, severity and what it looks for."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["text", "markdown"], default="text")

    def handle(self, *args, **opts):
        if opts["format"] == "markdown":
            self.stdout.write("| id | name | severity | description |")
            self.stdout.write("| --- | --- | --- | --- |")
            for check in CHECKS:
                self.stdout.write(
                    f"| `{check.check_id}` | {check.name} | {check.severity.value} "
                    f"| {check.description} |"
                )
            return
        for check in CHECKS:
            self.stdout.write(f"{check.check_id}  [{check.severity.value}]  {check.name}")
            self.stdout.write(f"    {check.description}")
            self.stdout.write(f"    switch off for a unit with the flag ignore-{check.check_id}")
