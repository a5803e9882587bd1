"""The stored data. Models are declarative; every write goes through services.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from .states import Action, QaLevel, Role, State

REVIEW_PAGE_SIZE = 50  # segments per review page


class Project(models.Model):
    slug = models.SlugField(unique=True, max_length=64)
    name = models.CharField(max_length=200)
    source_lang = models.CharField("source language", max_length=35, help_text="BCP 47 tag")
    target_lang = models.CharField("target language", max_length=35, help_text="BCP 47 tag")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("reviews:project", args=[self.slug])


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "project"], name="one_membership_per_user")
        ]
        ordering = ["project", "user"]

    def __str__(self) -> str:
        return f"{self.user} in {self.project} as {self.role}"


class Document(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=255)
    format = models.CharField(max_length=16)
    filename = models.CharField(max_length=255, blank=True)
    # Everything beyond the segments that the format needs to rebuild the file exactly.
    skeleton = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["project", "created_at", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reviews:document", args=[self.pk])


class Segment(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="segments")
    position = models.PositiveIntegerField()
    key = models.CharField(max_length=1000, blank=True)
    source = models.TextField(blank=True)
    mt = models.TextField("machine translation", blank=True, help_text="as imported; never changed")
    target = models.TextField(blank=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.UNTRANSLATED)
    version = models.PositiveIntegerField(default=1)
    read_only = models.BooleanField(default=False)
    meta = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # QA results of the current target, recomputed by services.qa whenever it changes:
    # [{"check", "severity", "message", "spans": [[start, end], ...]}], worst first.
    qa = models.JSONField("QA results", default=list, blank=True)
    # Denormalised for filtering and counting without reading the JSON.
    qa_level = models.CharField(
        "worst QA severity", max_length=8, choices=QaLevel.choices, default=QaLevel.NONE
    )
    qa_checks = models.CharField(
        "checks that fired", max_length=1000, blank=True, help_text='" id1 id2 " or ""'
    )

    class Meta:
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "position"], name="one_segment_per_position"
            )
        ]
        indexes = [
            models.Index(fields=["document", "state"], name="segment_doc_state"),
            models.Index(fields=["document", "qa_level"], name="segment_doc_qa"),
        ]

    def __str__(self) -> str:
        return f"{self.document_id}#{self.position}"

    def get_absolute_url(self) -> str:
        """The unfiltered review page that holds this segment, scrolled to it."""
        page = self.position // REVIEW_PAGE_SIZE + 1
        url = reverse("reviews:document", args=[self.document_id])
        return f"{url}?page={page}#seg-{self.pk}"


class Revision(models.Model):
    segment = models.ForeignKey(Segment, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField(help_text="the segment's version after this change")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=16, choices=Action.choices)
    before_target = models.TextField(blank=True)
    after_target = models.TextField(blank=True)
    before_state = models.CharField(max_length=16, choices=State.choices, blank=True)
    after_state = models.CharField(max_length=16, choices=State.choices)
    note = models.TextField(blank=True)
    # Changes made together (a bulk action) share a batch, so they can be undone together.
    batch = models.UUIDField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["segment", "version", "id"]
        indexes = [models.Index(fields=["segment", "action"], name="revision_seg_action")]

    def __str__(self) -> str:
        return f"{self.segment} v{self.version} {self.action}"


class Comment(models.Model):
    """A remark on a segment; replies hang off a top-level comment (one level deep)."""

    segment = models.ForeignKey(Segment, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    mentions = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="mentioned_in"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Comment by {self.author} on {self.segment}"


class GlossaryTerm(models.Model):
    """A term of the project's glossary: how to render it and which renderings are wrong."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="glossary")
    source = models.CharField("source term", max_length=300, blank=True)
    rendering = models.CharField("approved rendering", max_length=300, blank=True)
    forbidden = models.JSONField("forbidden variants", default=list, blank=True)
    note = models.TextField(blank=True)
    case_sensitive = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["project", "source", "rendering", "id"]

    def __str__(self) -> str:
        return f"{self.source or '(no source)'} → {self.rendering or '(no rendering)'}"

    def get_absolute_url(self) -> str:
        return reverse("reviews:glossary", args=[self.project.slug]) + f"#term-{self.pk}"


class MemoryUnit(models.Model):
    """One translation in the project's memory: an approved segment, or an imported unit.

    ``key`` is what lookups compare: the normalised source, or the normalised MT for a
    document reviewed without a source (``key_kind`` says which).
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memory")
    segment = models.OneToOneField(
        Segment, null=True, blank=True, on_delete=models.SET_NULL, related_name="memory_unit"
    )
    source = models.TextField(blank=True)
    mt = models.TextField("machine translation", blank=True)
    target = models.TextField()
    key = models.TextField()
    key_kind = models.CharField(max_length=8, choices=[("source", "Source"), ("mt", "MT")])
    origin = models.CharField(max_length=16, default="approved")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project", "id"]

    def __str__(self) -> str:
        return f"TM {self.pk}: {self.target[:40]}"


class MemoryToken(models.Model):
    """An inverted index of memory units by word (or CJK bigram) for cheap candidates.

    ``project``, ``key_kind`` and ``length`` are copied from the unit so that a lookup
    is one indexed query on this table alone.
    """

    unit = models.ForeignKey(MemoryUnit, on_delete=models.CASCADE, related_name="tokens")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    key_kind = models.CharField(max_length=8)
    token = models.CharField(max_length=64)
    length = models.PositiveIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["project", "key_kind", "token", "length"], name="memory_lookup")
        ]

    def __str__(self) -> str:
        return self.token
