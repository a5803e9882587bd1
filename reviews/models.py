"""The stored data. Models are declarative; every write goes through services.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.urls import reverse
from django.utils import timezone

from . import lqa
from .commit_order import CurrentTransactionId
from .repeat_keys import repeat_key
from .states import Action, QaLevel, Role, State

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
    auto_propagate = models.BooleanField(
        "apply repetitions automatically",
        default=False,
        help_text=(
            "saving or approving a segment gives its translation to every other segment "
            "of the project with the same source (or MT) that is not approved"
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # LQA: penalty points per error severity, and the most points per 1,000 words that pass
    lqa_weight_minor = models.PositiveSmallIntegerField(default=lqa.DEFAULT_WEIGHTS["minor"])
    lqa_weight_major = models.PositiveSmallIntegerField(default=lqa.DEFAULT_WEIGHTS["major"])
    lqa_weight_critical = models.PositiveSmallIntegerField(default=lqa.DEFAULT_WEIGHTS["critical"])
    lqa_threshold = models.FloatField(
        "LQA pass threshold",
        default=lqa.DEFAULT_THRESHOLD,
        help_text="most penalty points per 1,000 target words that still pass",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("reviews:project", args=[self.slug])

    @property
    def lqa_weights(self) -> dict[str, int]:
        return {
            lqa.Severity.MINOR: self.lqa_weight_minor,
            lqa.Severity.MAJOR: self.lqa_weight_major,
            lqa.Severity.CRITICAL: self.lqa_weight_critical,
        }


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
    # False for a translation reviewed on its own: no segment has a source. Set by the
    # imports (a source never changes otherwise), so the review page need not look.
    has_source = models.BooleanField(default=True)
    # Users archive documents; nothing is ever hard-deleted through the product.
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["project", "created_at", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reviews:document", args=[self.pk])


class LiveSegments(models.Manager):
    """The segments of each document's current version: those whose unit a new version
    of the file dropped (``removed_at``) are kept, with their history, for a later
    version that brings the unit back, but no page, count, export, check or metric
    reads them. ``Segment.all_objects`` reads them too (the re-import does)."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(removed_at__isnull=True)


class Segment(models.Model):
    # Indexes are few on purpose (every one costs on a 100,000-segment import): the
    # document's lookups use the unique (document, position) of the live segments and
    # the composite indexes, which lead with (document, removed_at) where the live
    # segments' counts must read the index alone.
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="segments", db_index=False
    )
    position = models.PositiveIntegerField()
    key = models.CharField(max_length=1000, blank=True)
    source = models.TextField(blank=True)
    mt = models.TextField("machine translation", blank=True, help_text="as imported; never changed")
    # Digests of source and MT that find the repetitions through an index (see
    # reviews/repeat_keys.py): written with them, NULL when the text is blank.
    source_key = models.BigIntegerField(null=True, blank=True, editable=False)
    mt_key = models.BigIntegerField(null=True, blank=True, editable=False)
    target = models.TextField(blank=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.UNTRANSLATED)
    version = models.PositiveIntegerField(default=1)
    read_only = models.BooleanField(default=False)
    meta = models.JSONField(default=dict, blank=True)
    # The time and author of the segment's first and latest revision, kept in step by every
    # service that writes a revision, so exports and the "last change" filters need no
    # look into the history.
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # (document, changed_by) serves the filter
    )
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
    # QA checks dismissed for this segment, each for the text it was dismissed on: kept
    # by services.qa while the target stays the same, dropped when it changes. Their
    # issues are left out of qa, qa_level and qa_checks. NULL: none (the imports write
    # rows without this column). [{"check", "text" (digest), "reason", "by", "at",
    # "issues": [{"severity", "message"}, ...]}]
    qa_dismissed = models.JSONField("dismissed QA checks", null=True, blank=True, default=None)
    removed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="when a new version of the file dropped this unit; its history is kept",
    )

    all_objects = models.Manager()
    objects = LiveSegments()

    class Meta:
        ordering = ["document", "position"]
        default_manager_name = "objects"
        base_manager_name = "all_objects"  # a revision's segment, removed or not
        constraints = [
            # A removed segment keeps the position it last had.
            models.UniqueConstraint(
                fields=["document", "position"],
                condition=models.Q(removed_at__isnull=True),
                name="one_live_segment_per_position",
            )
        ]
        indexes = [
            # The progress counts (by state, and QA-pending) of the live segments read
            # this index alone.
            models.Index(
                fields=["document", "removed_at", "state", "qa_level"],
                name="segment_doc_live_state_qa",
            ),
            # Severity filters, and a check job taking the pending ones in id order.
            models.Index(fields=["document", "qa_level", "id"], name="segment_doc_qa_id"),
            models.Index(fields=["document", "changed_by"], name="segment_doc_changed_by"),
            # Repetitions (selectors.segment_repetitions): same source, or same MT. Only
            # rows with a text are indexed (an MT-only document adds no source entries).
            models.Index(
                fields=["source_key"],
                name="segment_source_key",
                condition=models.Q(source_key__isnull=False),
            ),
            models.Index(
                fields=["mt_key"], name="segment_mt_key", condition=models.Q(mt_key__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document_id}#{self.position}"

    def save(self, *args, **kwargs) -> None:
        # Source and MT written get their keys with them (bulk writes below the ORM key
        # their rows themselves); a save of other fields reads neither.
        fields = kwargs.get("update_fields")
        if fields is None and not {"source", "mt"} & self.get_deferred_fields():
            self.set_repeat_keys()
        elif fields is not None and {"source", "mt"} & set(fields):
            self.set_repeat_keys()
            kwargs["update_fields"] = {*fields, "source_key", "mt_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        """The unfiltered review page that holds this segment, scrolled to it."""
        page = self.position // REVIEW_PAGE_SIZE + 1
        url = reverse("reviews:document", args=[self.document_id])
        return f"{url}?page={page}#seg-{self.pk}"

    def set_repeat_keys(self) -> None:
        """Key the source and MT as they are now (see reviews/repeat_keys.py)."""
        self.source_key, self.mt_key = repeat_key(self.source), repeat_key(self.mt)


class Revision(models.Model):
    # (segment, action) serves every lookup by segment: no index of its own.
    segment = models.ForeignKey(
        Segment, on_delete=models.CASCADE, related_name="revisions", db_index=False
    )
    version = models.PositiveIntegerField(help_text="the segment's version after this change")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    # Who wrote the words this revision put in, when that is not its author: a
    # propagation copies another segment's text, whose writer stays its author for
    # four-eyes (policy.text_author). NULL: the revision's author wrote them.
    words_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    # Set by the service (not auto_now_add) so the segment's changed_at can equal it.
    created_at = models.DateTimeField(default=timezone.now)
    action = models.CharField(max_length=16, choices=Action.choices)
    before_target = models.TextField(blank=True)
    after_target = models.TextField(blank=True)
    before_state = models.CharField(max_length=16, choices=State.choices, blank=True)
    after_state = models.CharField(max_length=16, choices=State.choices)
    note = models.TextField(blank=True)
    # Changes made together (a bulk action) share a batch, so they can be undone together.
    batch = models.UUIDField(null=True, blank=True, db_index=True)
    edit_ms = models.PositiveIntegerField(
        "time to edit (ms)",
        null=True,
        blank=True,
        help_text="from the first focus on the text to the save, as the page reported it",
    )
    # The writing transaction's id, set by the database (see commit_order): the change
    # feed's order, and its horizon on PostgreSQL. 0 on SQLite.
    xid = models.BigIntegerField(
        "transaction id", db_default=CurrentTransactionId(), editable=False
    )

    class Meta:
        ordering = ["segment", "version", "id"]
        indexes = [
            models.Index(fields=["segment", "action"], name="revision_seg_action"),
            models.Index(fields=["xid", "id"], name="revision_feed_order"),
        ]

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


class SegmentMetrics(models.Model):
    """What is measured on one segment, kept current by services.scoring whenever its
    text changes: sacrebleu sufficient statistics of the MT (hypothesis) against the
    current target (reference), the sentence scores drawn from them, and, when a
    reference translation was uploaded, the MT and the target scored against it."""

    segment = models.OneToOneField(
        Segment, on_delete=models.CASCADE, primary_key=True, related_name="metrics"
    )
    digest = models.CharField(max_length=32, help_text="of the texts these figures are for")
    stats = models.JSONField(help_text="metrics.SegmentStats.to_json() of (mt, target)")
    ter = models.FloatField("HTER")
    chrf = models.FloatField("HchrF++")
    bleu = models.FloatField("HBLEU")
    words = models.PositiveIntegerField(default=0, help_text="words in the target")
    long_input = models.BooleanField(
        default=False, help_text="over the length where TER gets slow; scored all the same"
    )
    reference = models.TextField(blank=True, help_text="an uploaded reference translation")
    reference_mt_stats = models.JSONField(null=True, blank=True)
    reference_target_stats = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "segment metrics"

    def __str__(self) -> str:
        return f"metrics of {self.segment_id}"


class DocumentMetrics(models.Model):
    """The column sums of a document's SegmentMetrics, kept in step with them in the same
    transaction, so document scores need one row instead of one per segment."""

    document = models.OneToOneField(
        Document, on_delete=models.CASCADE, primary_key=True, related_name="metrics"
    )
    totals = models.JSONField(help_text="summed statistics and counts; see services.scoring")

    class Meta:
        verbose_name_plural = "document metrics"

    def __str__(self) -> str:
        return f"metrics of document {self.document_id}"


class LqaError(models.Model):
    """An error a reviewer recorded when rejecting (or approving) a segment."""

    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="lqa_errors")
    category = models.CharField(max_length=24, choices=lqa.Category.choices)
    severity = models.CharField(max_length=16, choices=lqa.Severity.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["revision", "id"]
        verbose_name = "LQA error"

    def __str__(self) -> str:
        return f"{self.get_severity_display()} {self.get_category_display()} ({self.revision})"


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
    document reviewed without a source (``key_kind`` says which); ``length`` is its
    length in characters, for the lookup's length window.

    An n-gram index on ``key`` finds lookup candidates (the first migration makes it):
    pg_trgm's GIN index on PostgreSQL, on SQLite an FTS5 trigram table kept in step by
    triggers on this table. A migration that makes Django rebuild this table on SQLite
    (most field changes do) drops those triggers: recreate them after it, as 0009 does.
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
    length = models.GeneratedField(  # computed by the database, so never out of step
        expression=Length("key"), output_field=models.PositiveIntegerField(), db_persist=True
    )
    origin = models.CharField(max_length=16, default="approved")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project", "id"]
        indexes = [
            models.Index(fields=["project", "key_kind", "length"], name="memory_window"),
        ]

    def __str__(self) -> str:
        return f"TM {self.pk}: {self.target[:40]}"


class Job(models.Model):
    """A long piece of work (a big import, re-import or export, the QA checks and metrics
    of a big document) run by a task worker.

    The uploaded bytes and the export's result are kept in the database, not on a disk:
    workers on other machines share nothing with the web servers but the database.
    A running job's worker writes ``heartbeat_at`` every few seconds; a job whose
    heartbeat stops (the worker was killed) is failed by ``services.jobs_cleanup``.
    """

    class Kind(models.TextChoices):
        IMPORT = "import", "Import"
        REIMPORT = "reimport", "New version"
        EXPORT = "export", "Export"
        CHECK = "check", "QA check"

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
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text="the worker's last sign of life while it runs the job"
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["project", "-created_at"], name="job_project_recent"),
            models.Index(fields=["status", "kind"], name="job_status_kind"),
        ]
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


from .webhook_models import WebhookDelivery, WebhookEndpoint, WebhookEvent  # noqa: E402, F401
