"""HTML views (the JSON API is separate and imports none of these)."""

from .assist import segment_assist, segment_dismiss, segment_fix
from .bulk import document_bulk, document_bulk_preview, document_bulk_undo
from .glossary import (
    glossary,
    glossary_add,
    glossary_delete,
    glossary_edit,
    glossary_export,
    glossary_import,
    glossary_load_starter,
)
from .jobs import document_export_job, job_detail, job_download
from .live import document_changes, segment_presence
from .members import member_remove, member_role, member_set
from .projects import (
    document_archive,
    document_update,
    document_upload,
    project_detail,
    project_list,
    project_settings,
)
from .queue import my_queue
from .repetitions import segment_propagate, segment_propagate_undo
from .replace import find_replace, find_replace_undo
from .reports import (
    document_reference,
    document_report,
    document_report_csv,
    project_lqa,
    project_report,
    project_report_csv,
)
from .review import document_export, document_review, segment_approve, segment_reject, segment_save
from .segment import (
    comment_resolve,
    document_activity,
    segment_comments,
    segment_history,
    segment_memory,
    segment_revert,
)
from .webhooks import webhook_add, webhook_delete, webhook_redeliver

__all__ = [
    "segment_propagate",
    "segment_propagate_undo",
    "comment_resolve",
    "document_export_job",
    "job_detail",
    "job_download",
    "document_activity",
    "document_archive",
    "document_bulk",
    "document_bulk_preview",
    "document_bulk_undo",
    "document_changes",
    "document_export",
    "document_reference",
    "document_report",
    "document_report_csv",
    "document_review",
    "document_update",
    "document_upload",
    "find_replace",
    "find_replace_undo",
    "glossary",
    "glossary_add",
    "glossary_delete",
    "glossary_edit",
    "glossary_export",
    "glossary_import",
    "glossary_load_starter",
    "member_remove",
    "member_role",
    "member_set",
    "my_queue",
    "project_detail",
    "project_list",
    "project_lqa",
    "project_report",
    "project_report_csv",
    "project_settings",
    "segment_approve",
    "segment_assist",
    "segment_comments",
    "segment_dismiss",
    "segment_fix",
    "segment_history",
    "segment_memory",
    "segment_presence",
    "segment_reject",
    "segment_revert",
    "segment_save",
    "webhook_add",
    "webhook_delete",
    "webhook_redeliver",
]
