from django.contrib import admin

from .models import Document, Membership, Project


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
