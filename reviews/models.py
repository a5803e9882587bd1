"""The stored data. Models are declarative; every write goes through services.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from .states import Action, Role, State

REVIEW_PAGE_SIZE = 50  # segments per review page


class Project(models.Model):
    slug = models.SlugField(unique=True, max_length=64)
    name = models.CharField(max_length=200)
    source_lang = models.CharField("source language", max_length=35, help_text="BCP 47 tag")
    target_lang = models.CharField("target language", max_length=35, help_text="BCP 47 tag")
    four_eyes = models.BooleanField(
        "four-eyes review",
        default=False,
        help_text="an editor cannot approve a segment whose current text they wrote",
    )
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
    # Users archive documents; nothing is ever hard-deleted through the product.
    archived_at = models.DateTimeField(null=True, blank=True)

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

    class Meta:
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "position"], name="one_segment_per_position"
            )
        ]
        indexes = [models.Index(fields=["document", "state"], name="segment_doc_state")]

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


class ApiToken(models.Model):
    """A bearer token for publishing systems; only its SHA-256 is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8, help_text="the token's first characters, to tell it")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["user", "created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… for {self.user}"


class Job(models.Model):
    """A long piece of work (a big import, re-import or export) run by a task worker.

    The uploaded bytes and the export's result are kept in the database, not on a disk:
    workers on other machines share nothing with the web servers but the database.
    """

    class Kind(models.TextChoices):
        IMPORT = "import", "Import"
        REIMPORT = "reimport", "New version"
        EXPORT = "export", "Export"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="percent done, 0-100")
    message = models.CharField(max_length=255, blank=True, help_text="what it is doing now")
    error = models.TextField(blank=True, help_text="why it failed, naming the file")
    # The import's new document, or the document re-imported or exported.
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    params = models.JSONField(default=dict, blank=True, help_text="file names, format, options")
    result = models.JSONField(default=dict, blank=True, help_text="what it produced, for display")
    input_data = models.BinaryField(
        null=True, blank=True, help_text="the upload; dropped when done"
    )
    source_data = models.BinaryField(null=True, blank=True, help_text="the source upload, if any")
    output_data = models.BinaryField(null=True, blank=True, help_text="an export's file")
    task_id = models.CharField("task result id", max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["project", "-created_at"], name="job_project_recent")]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="job_progress_pct")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} job {self.pk} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("reviews:job", args=[self.pk])

    @property
    def subject(self) -> str:
        """What the job works on: the uploaded file's name, or the document's title."""
        name = self.params.get("filename", "").rsplit("/", 1)[-1]
        return name or (self.document.title if self.document else f"job {self.pk}")

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}
