from django.urls import path, re_path

from . import views, webhooks

app_name = "api"

urlpatterns = [
    path("openapi.json", views.schema, name="schema"),
    path("projects", views.projects, name="projects"),
    path("projects/<str:slug>/documents", views.document_create, name="document-create"),
    path("documents/<int:pk>", views.document_detail, name="document"),
    path("documents/<int:pk>/update", views.document_update, name="document-update"),
    path("documents/<int:pk>/segments", views.document_segments, name="document-segments"),
    path("documents/<int:pk>/export", views.document_export, name="document-export"),
    path("documents/<int:pk>/metrics", views.document_metrics, name="document-metrics"),
    path("documents/<int:pk>/report", views.document_report, name="document-report"),
    path("projects/<str:slug>/report", views.project_report, name="project-report"),
    path("projects/<str:slug>/changes", views.project_changes, name="project-changes"),
    path("jobs/<int:pk>", views.job_detail, name="job"),
    path("jobs/<int:pk>/file", views.job_file, name="job-file"),
    path("segments/<int:pk>", views.segment_update, name="segment"),
    path("segments/<int:pk>/approve", views.segment_approve, name="segment-approve"),
    path("segments/<int:pk>/reject", views.segment_reject, name="segment-reject"),
    path("segments/<int:pk>/propagate", views.segment_propagate, name="segment-propagate"),
    path("segments/<int:pk>/revisions", views.segment_revisions, name="segment-revisions"),
    path("projects/<str:slug>/webhooks", webhooks.project_webhooks, name="project-webhooks"),
    path("webhooks/<int:pk>", webhooks.webhook_delete, name="webhook"),
    re_path(r"", views.not_found),  # anything else under /api/v1/ is a JSON 404 too
]
