"""Every write goes through a service: atomic, recorded as revisions, and refused with
a ``ReviewError`` when illegal. Views, the API, the CLI and tests all call these."""

from .accounts import Invitation, member_invite, set_password_link, user_create
from .assessment import project_lqa_set
from .bulk import BulkResult, bulk_request_check, bulk_undo, segments_bulk_review
from .check_jobs import (
    document_metrics_job,
    job_enqueue_check,
    project_check_in_background,
    project_metrics_jobs,
    project_needs_check_jobs,
)
from .comments import comment_add, comment_resolve
from .documents import (
    document_archive,
    document_export,
    document_export_formats,
    document_import,
    export_adapter,
)
from .export_names import export_filename
from .glossary import (
    glossary_add_forbidden,
    glossary_export_csv,
    glossary_import_csv,
    glossary_term_add,
    glossary_term_delete,
    glossary_term_edit,
)
from .glossary_starter import StarterLoad, glossary_load_starter, starter_glossary
from .job_cleanup import CleanupReport, job_fail_if_stale, jobs_cleanup
from .jobs import (
    export_needs_job,
    job_enqueue_export,
    job_enqueue_import,
    job_enqueue_reimport,
    job_run,
    upload_needs_job,
)
from .memory import memory_import_tmx, memory_rebuild, memory_sync
from .projects import (
    membership_remove,
    membership_set,
    project_create,
    project_update,
    user_by_name,
)
from .propagation import (
    PropagationResult,
    Repetitions,
    repetitions_after_write,
    segment_propagate,
)
from .qa import segments_assign_qa, segments_refresh_qa
from .qa_actions import segment_apply_fix, segment_dismiss_check
from .reimport import ReimportReport, document_reimport
from .replace import Occurrence, replace_preview, segments_find_replace
from .scoring import document_reference_set, document_totals, project_totals
from .segments import segment_approve, segment_edit, segment_reject, segment_revert
from .tokens import api_token_create, api_token_user
from .uploads import upload_filename
from .webhook_delivery import webhook_deliver, webhook_deliveries_due
from .webhooks import (
    webhook_endpoint_create,
    webhook_endpoint_delete,
    webhook_redeliver,
)

__all__ = [
    "PropagationResult",
    "Repetitions",
    "repetitions_after_write",
    "segment_propagate",
    "Invitation",
    "member_invite",
    "set_password_link",
    "user_create",
    "CleanupReport",
    "document_metrics_job",
    "job_enqueue_check",
    "job_fail_if_stale",
    "jobs_cleanup",
    "project_check_in_background",
    "project_metrics_jobs",
    "project_needs_check_jobs",
    "export_adapter",
    "export_filename",
    "export_needs_job",
    "job_enqueue_export",
    "job_enqueue_import",
    "job_enqueue_reimport",
    "job_run",
    "upload_filename",
    "upload_needs_job",
    "project_update",
    "document_archive",
    "segment_revert",
    "ReimportReport",
    "document_reimport",
    "api_token_create",
    "api_token_user",
    "BulkResult",
    "bulk_request_check",
    "bulk_undo",
    "comment_add",
    "comment_resolve",
    "segments_bulk_review",
    "document_export",
    "document_export_formats",
    "document_import",
    "document_reference_set",
    "document_totals",
    "glossary_add_forbidden",
    "glossary_load_starter",
    "starter_glossary",
    "StarterLoad",
    "glossary_export_csv",
    "glossary_import_csv",
    "glossary_term_add",
    "glossary_term_delete",
    "glossary_term_edit",
    "memory_import_tmx",
    "memory_rebuild",
    "memory_sync",
    "Occurrence",
    "replace_preview",
    "segments_assign_qa",
    "segments_find_replace",
    "segments_refresh_qa",
    "membership_remove",
    "membership_set",
    "project_create",
    "project_lqa_set",
    "project_totals",
    "segment_apply_fix",
    "segment_approve",
    "segment_dismiss_check",
    "segment_edit",
    "segment_reject",
    "user_by_name",
    "webhook_deliver",
    "webhook_deliveries_due",
    "webhook_endpoint_create",
    "webhook_endpoint_delete",
    "webhook_redeliver",
]
