from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("", views.project_list, name="project-list"),
    path("queue/", views.my_queue, name="queue"),
    path("projects/<slug:slug>/", views.project_detail, name="project"),
    path("projects/<slug:slug>/documents/", views.document_upload, name="document-upload"),
    path("projects/<slug:slug>/members/", views.member_set, name="member-set"),
    path("projects/<slug:slug>/settings/", views.project_settings, name="project-settings"),
    path("projects/<slug:slug>/glossary/", views.glossary, name="glossary"),
    path("projects/<slug:slug>/glossary/add/", views.glossary_add, name="glossary-add"),
    path("projects/<slug:slug>/glossary/<int:pk>/edit/", views.glossary_edit, name="glossary-edit"),
    path(
        "projects/<slug:slug>/glossary/<int:pk>/delete/",
        views.glossary_delete,
        name="glossary-delete",
    ),
    path("projects/<slug:slug>/glossary/import/", views.glossary_import, name="glossary-import"),
    path("projects/<slug:slug>/glossary.csv", views.glossary_export, name="glossary-export"),
    path("projects/<slug:slug>/replace/", views.find_replace, name="find-replace"),
    path("projects/<slug:slug>/replace/undo/", views.find_replace_undo, name="find-replace-undo"),
    path("documents/<int:pk>/", views.document_review, name="document"),
    path("documents/<int:pk>/export/", views.document_export, name="document-export"),
    path("documents/<int:pk>/update/", views.document_update, name="document-update"),
    path("documents/<int:pk>/archive/", views.document_archive, name="document-archive"),
    path("documents/<int:pk>/activity/", views.document_activity, name="document-activity"),
    path("documents/<int:pk>/bulk/", views.document_bulk, name="document-bulk"),
    path("documents/<int:pk>/bulk/undo/", views.document_bulk_undo, name="document-bulk-undo"),
    path("documents/<int:pk>/report/", views.document_report, name="document-report"),
    path("documents/<int:pk>/report.csv", views.document_report_csv, name="document-report-csv"),
    path("documents/<int:pk>/reference/", views.document_reference, name="document-reference"),
    path("projects/<slug:slug>/report/", views.project_report, name="project-report"),
    path("projects/<slug:slug>/report.csv", views.project_report_csv, name="project-report-csv"),
    path("projects/<slug:slug>/lqa/", views.project_lqa, name="project-lqa"),
    path("segments/<int:pk>/save/", views.segment_save, name="segment-save"),
    path("segments/<int:pk>/approve/", views.segment_approve, name="segment-approve"),
    path("segments/<int:pk>/reject/", views.segment_reject, name="segment-reject"),
    path("segments/<int:pk>/comments/", views.segment_comments, name="segment-comments"),
    path("segments/<int:pk>/history/", views.segment_history, name="segment-history"),
    path("segments/<int:pk>/revert/", views.segment_revert, name="segment-revert"),
    path("segments/<int:pk>/memory/", views.segment_memory, name="segment-memory"),
    path("comments/<int:pk>/resolve/", views.comment_resolve, name="comment-resolve"),
]
