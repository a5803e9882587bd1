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
    path("documents/<int:pk>/", views.document_review, name="document"),
    path("documents/<int:pk>/export/", views.document_export, name="document-export"),
    path("documents/<int:pk>/export/job/", views.document_export_job, name="document-export-job"),
    path("documents/<int:pk>/update/", views.document_update, name="document-update"),
    path("documents/<int:pk>/archive/", views.document_archive, name="document-archive"),
    path("documents/<int:pk>/activity/", views.document_activity, name="document-activity"),
    path("documents/<int:pk>/bulk/", views.document_bulk, name="document-bulk"),
    path("documents/<int:pk>/bulk/undo/", views.document_bulk_undo, name="document-bulk-undo"),
    path("segments/<int:pk>/save/", views.segment_save, name="segment-save"),
    path("segments/<int:pk>/approve/", views.segment_approve, name="segment-approve"),
    path("segments/<int:pk>/reject/", views.segment_reject, name="segment-reject"),
    path("segments/<int:pk>/comments/", views.segment_comments, name="segment-comments"),
    path("segments/<int:pk>/history/", views.segment_history, name="segment-history"),
    path("segments/<int:pk>/revert/", views.segment_revert, name="segment-revert"),
    path("jobs/<int:pk>/", views.job_detail, name="job"),
    path("jobs/<int:pk>/download/", views.job_download, name="job-download"),
    path("comments/<int:pk>/resolve/", views.comment_resolve, name="comment-resolve"),
]
