from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("", views.project_list, name="project-list"),
    path("projects/<slug:slug>/", views.project_detail, name="project"),
    path("projects/<slug:slug>/documents/", views.document_upload, name="document-upload"),
    path("projects/<slug:slug>/members/", views.member_set, name="member-set"),
    path("documents/<int:pk>/", views.document_review, name="document"),
    path("documents/<int:pk>/export/", views.document_export, name="document-export"),
    path("segments/<int:pk>/save/", views.segment_save, name="segment-save"),
    path("segments/<int:pk>/approve/", views.segment_approve, name="segment-approve"),
    path("segments/<int:pk>/reject/", views.segment_reject, name="segment-reject"),
]
