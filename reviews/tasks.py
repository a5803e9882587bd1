"""Tasks for Django's tasks framework: one per kind of job, each a thin call into
``services.job_run``. In production the database backend queues them and any number of
``manage.py db_worker`` processes run them; arguments are job ids, never file bytes
(the job's row holds those)."""

from __future__ import annotations

from django.tasks import task

from .models import Job
from .services import jobs, webhook_delivery


@task
def import_document(job_id: int) -> dict:
    return jobs.job_run(job_id=job_id)


@task
def reimport_document(job_id: int) -> dict:
    return jobs.job_run(job_id=job_id)


@task
def export_document(job_id: int) -> dict:
    return jobs.job_run(job_id=job_id)


@task
def check_document(job_id: int) -> dict:
    return jobs.job_run(job_id=job_id)


@task
def deliver_webhook(delivery_id: int) -> str:
    return webhook_delivery.webhook_deliver(delivery_id=delivery_id)


JOB_TASKS = {
    Job.Kind.IMPORT: import_document,
    Job.Kind.REIMPORT: reimport_document,
    Job.Kind.EXPORT: export_document,
    Job.Kind.CHECK: check_document,
}
