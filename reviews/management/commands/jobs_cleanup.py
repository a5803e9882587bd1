"""Tidy up after job workers: fail stuck jobs, queue lost ones again, drop old files."""

from django.core.management.base import BaseCommand

from reviews import services


class Command(BaseCommand):
    help = (
        "Fail running jobs whose worker stopped (no heartbeat for JOB_STALE_SECONDS), queue "
        "again jobs whose task was lost, queue checks for segments left pending, and drop "
        "the files of jobs that ended over JOB_FILE_RETENTION_DAYS ago. Workers also do "
        "this before every job; run it from cron when they may be idle."
    )

    def handle(self, *args, **opts):
        report = services.jobs_cleanup()
        self.stdout.write(report.summary())
        for job_id in report.failed:
            self.stdout.write(f"  failed job {job_id}")
        for job_id in report.requeued:
            self.stdout.write(f"  queued job {job_id} again")
        for job_id in report.checks_queued:
            self.stdout.write(f"  queued check job {job_id}")
