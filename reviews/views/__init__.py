"""HTML views (the JSON API is separate and imports none of these)."""

from .bulk import document_bulk, document_bulk_undo
from .jobs import document_export_job, job_detail, job_download
from .projects import (
    document_archive,
    document_update,
    document_upload,
    member_set,
    project_detail,
    project_list,
    project_settings,
)
from .queue import my_queue
from .review import document_export, document_review, segment_approve, segment_reject, segment_save
from .segment import (
    comment_resolve,
    document_activity,
    segment_comments,
    segment_history,
    segment_revert,
)

__all__ = [
    "document_export_job",
    "job_detail",
    "job_download",
    "document_activity",
    "document_archive",
    "project_settings",
    "segment_revert",
    "comment_resolve",
    "document_bulk",
    "document_bulk_undo",
    "document_export",
    "document_review",
    "document_update",
    "document_upload",
    "member_set",
    "my_queue",
    "project_detail",
    "project_list",
    "segment_approve",
    "segment_comments",
    "segment_history",
    "segment_reject",
    "segment_save",
]
