"""Every read that views, the API and the commands share, with its queries tuned; one
module per entity, as services/ is. Import from the package: ``selectors.<name>``.

Access checks live here too (``access``): a user who is not a member of a project gets
``NotFound`` for it and everything in it, exactly as if it did not exist.
"""

from .access import (  # noqa: F401
    SEGMENT_COLUMNS,
    document_for_member,
    document_for_review,
    forget_roles,
    glossary_term_for_member,
    project_for_member,
    role_in_project,
    segment_for_action,
    segment_for_member,
    segment_from_row,
)
from .activity import (  # noqa: F401
    ACTIVITY_PAGE,
    ActivityEntry,
    document_activity,
)
from .bulk import (  # noqa: F401
    BULK_MOVES,
    BULK_PLAN_FIELDS,
    UNREVIEWED,
    BulkBreakdown,
    bulk_breakdown,
    bulk_move,
    bulk_plan,
)
from .changes import (  # noqa: F401
    after_feed_key,
    document_stamp,
    project_changes,
)
from .glossary import (  # noqa: F401
    glossary_for_checks,
    glossary_terms,
    project_glossary,
)
from .jobs import (  # noqa: F401
    JOB_BLOBS,
    RECENT_JOBS,
    QaStatus,
    document_qa_status,
    job_for_member,
    job_output,
    project_jobs,
    project_qa_pending,
)
from .keyset import Page  # noqa: F401
from .memory import (  # noqa: F401
    MEMORY_MATCHES,
    approved_names,
    memory_matches,
)
from .pages import (  # noqa: F401
    SegmentQuery,
    member_project_page,
    revision_page,
    segment_page,
    webhook_page,
)
from .projects import (  # noqa: F401
    BAR_ORDER,
    Progress,
    StateCount,
    document_progress,
    project_by_slug,
    project_documents,
    project_member_ids,
    project_members,
    project_members_named,
    user_projects,
)
from .repetitions import (  # noqa: F401
    repetition_basis,
    segment_repetitions,
)
from .segments import (  # noqa: F401
    EXPORT_FIELDS,
    LIVE_ROWS,
    META_MEMO,
    QUEUE_LIMIT,
    REVIEW_FIELDS,
    STAMP_FIELDS,
    RowChange,
    document_changes,
    export_rows,
    rejection_reasons,
    review_rows,
    segment_annotate_for_review,
    segment_comments,
    segment_qa,
    segment_revisions,
    segments_for_review,
    user_queue,
)
from .webhooks import (  # noqa: F401
    RECENT_DELIVERIES,
    project_webhook_deliveries,
    project_webhooks,
    webhook_delivery_for_manager,
    webhook_for_manager,
)
