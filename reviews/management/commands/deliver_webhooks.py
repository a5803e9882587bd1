from collections import Counter

from django.core.management.base import BaseCommand

from reviews import services


class Command(BaseCommand):
    help = (
        "Make every webhook delivery attempt that is due. The database worker "
        "(manage.py db_worker) schedules retries itself; this is for a setup whose tasks "
        "cannot wait (TASKS_BACKEND=immediate), from cron."
    )

    def handle(self, *args, **opts):
        outcomes = Counter(services.webhook_deliveries_due())
        summary = ", ".join(f"{n} {status}" for status, n in sorted(outcomes.items()))
        self.stdout.write(
            f"Webhook attempts made: {sum(outcomes.values())}"
            + (f" ({summary})" if summary else "")
        )
