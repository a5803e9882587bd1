from django.contrib import admin

from .models import Document, GlossaryTerm, Job, Membership, Project


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "source_lang", "target_lang"]
    inlines = [MembershipInline]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "format", "created_at"]
    list_filter = ["project", "format"]
    exclude = ["skeleton"]


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ["source", "rendering", "project", "case_sensitive"]
    list_filter = ["project"]
    search_fields = ["source", "rendering", "note"]


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["pk", "kind", "project", "status", "progress", "created_by", "created_at"]
    list_filter = ["status", "kind", "project"]
    exclude = ["input_data", "source_data", "output_data"]
    readonly_fields = ["task_id", "started_at", "finished_at"]
