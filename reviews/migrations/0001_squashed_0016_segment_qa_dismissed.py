# The whole schema in one migration: the squash of 0001_initial to
# 0016_segment_qa_dismissed, whose parallel branches had left merge migrations behind.
# A database migrated with those (every one of them applied) takes this one as applied
# (``replaces``); a new database is built by it alone. Their data migrations (stamps
# copied from history, has_source filled, memory tokens refilled) had nothing to do in
# an empty database and are done in every database that ran them, so they are not here.
#
# The translation memory's n-gram index is not a model field: pg_trgm's GIN index on
# PostgreSQL, an FTS5 trigram table kept in step by triggers on SQLite (as 0009 made it).
# Django rebuilds a table on SQLite for most field changes, which drops its triggers: a
# migration that does so to reviews_memoryunit must run these statements again.

import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.manager
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


UNITS = "reviews_memoryunit"
FTS = "reviews_memory_fts"

SEARCH_INDEX = {
    # pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it.
    # GIN's pending list is left to its gin_pending_list_limit setting, which
    # services.memory sets per transaction: small for an approval, whole for a bulk load.
    "postgresql": (
        [
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            f"CREATE INDEX memory_key_trgm ON {UNITS} USING gin (key gin_trgm_ops)",
        ],
        ["DROP INDEX IF EXISTS memory_key_trgm"],
    ),
    # External content: the FTS table stores only its index; the triggers keep it in
    # step with every INSERT, DELETE (cascades too) and change of a key. Django rebuilds
    # a table on SQLite for most field changes, which drops its triggers: a migration
    # that does so to reviews_memoryunit must run these statements again.
    "sqlite": (
        [
            f"CREATE VIRTUAL TABLE {FTS} USING fts5(key, content='{UNITS}', "
            "content_rowid='id', tokenize='trigram')",
            f"CREATE TRIGGER {FTS}_insert AFTER INSERT ON {UNITS} BEGIN "
            f"INSERT INTO {FTS}(rowid, key) VALUES (new.id, new.key); END",
            f"CREATE TRIGGER {FTS}_delete AFTER DELETE ON {UNITS} BEGIN "
            f"INSERT INTO {FTS}({FTS}, rowid, key) VALUES ('delete', old.id, old.key); END",
            f"CREATE TRIGGER {FTS}_update AFTER UPDATE OF key ON {UNITS} BEGIN "
            f"INSERT INTO {FTS}({FTS}, rowid, key) VALUES ('delete', old.id, old.key); "
            f"INSERT INTO {FTS}(rowid, key) VALUES (new.id, new.key); END",
            f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
        ],
        [
            f"DROP TRIGGER IF EXISTS {FTS}_insert",
            f"DROP TRIGGER IF EXISTS {FTS}_delete",
            f"DROP TRIGGER IF EXISTS {FTS}_update",
            f"DROP TABLE IF EXISTS {FTS}",
        ],
    ),
}


def create_search_index(apps, schema_editor):
    for sql in SEARCH_INDEX.get(schema_editor.connection.vendor, ([], []))[0]:
        schema_editor.execute(sql)


def drop_search_index(apps, schema_editor):
    for sql in SEARCH_INDEX.get(schema_editor.connection.vendor, ([], []))[1]:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("reviews", "0001_initial"),
        ("reviews", "0002_comments_and_batches"),
        ("reviews", "0003_api_tokens"),
        ("reviews", "0003_qa_glossary_tm"),
        ("reviews", "0004_metrics_lqa"),
        ("reviews", "0004_revision_update_action"),
        ("reviews", "0005_four_eyes_archive"),
        ("reviews", "0006_jobs"),
        ("reviews", "0006_merge_0004_metrics_lqa_0005_four_eyes_archive"),
        ("reviews", "0007_merge_20261129_0630"),
        ("reviews", "0008_merge_0006_jobs_0007_merge_20261129_0630"),
        ("reviews", "0009_job_check_heartbeat"),
        ("reviews", "0009_memory_trigram"),
        ("reviews", "0009_segment_sourced_index"),
        ("reviews", "0009_segment_stamps"),
        ("reviews", "0010_merge_0009_job_check_heartbeat_0009_segment_stamps"),
        ("reviews", "0011_merge_20261202_0438"),
        ("reviews", "0012_lean_segment_indexes"),
        ("reviews", "0013_progress_index"),
        ("reviews", "0014_merge_0009_memory_trigram_0013_progress_index"),
        ("reviews", "0015_segment_removed_at"),
        ("reviews", "0016_segment_qa_dismissed"),
    ]

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Document",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=255)),
                ("format", models.CharField(max_length=16)),
                ("filename", models.CharField(blank=True, max_length=255)),
                ("skeleton", models.JSONField(default=dict)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("has_source", models.BooleanField(default=True)),
                ("archived_at", models.DateTimeField(blank=True, null=True)),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["project", "created_at", "id"],
            },
        ),
        migrations.CreateModel(
            name="Project",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("slug", models.SlugField(max_length=64, unique=True)),
                ("name", models.CharField(max_length=200)),
                (
                    "source_lang",
                    models.CharField(
                        help_text="BCP 47 tag", max_length=35, verbose_name="source language"
                    ),
                ),
                (
                    "target_lang",
                    models.CharField(
                        help_text="BCP 47 tag", max_length=35, verbose_name="target language"
                    ),
                ),
                (
                    "four_eyes",
                    models.BooleanField(
                        default=False,
                        help_text="an editor cannot approve a segment whose current text they wrote",
                        verbose_name="four-eyes review",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("lqa_weight_minor", models.PositiveSmallIntegerField(default=1)),
                ("lqa_weight_major", models.PositiveSmallIntegerField(default=5)),
                ("lqa_weight_critical", models.PositiveSmallIntegerField(default=10)),
                (
                    "lqa_threshold",
                    models.FloatField(
                        default=15.0,
                        help_text="most penalty points per 1,000 target words that still pass",
                        verbose_name="LQA pass threshold",
                    ),
                ),
            ],
            options={
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="Segment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("position", models.PositiveIntegerField()),
                ("key", models.CharField(blank=True, max_length=1000)),
                ("source", models.TextField(blank=True)),
                (
                    "mt",
                    models.TextField(
                        blank=True,
                        help_text="as imported; never changed",
                        verbose_name="machine translation",
                    ),
                ),
                ("target", models.TextField(blank=True)),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("untranslated", "Untranslated"),
                            ("new", "New"),
                            ("translated", "Translated"),
                            ("rejected", "Rejected"),
                            ("approved", "Approved"),
                        ],
                        default="untranslated",
                        max_length=16,
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1)),
                ("read_only", models.BooleanField(default=False)),
                ("meta", models.JSONField(blank=True, default=dict)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("changed_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("qa", models.JSONField(blank=True, default=list, verbose_name="QA results")),
                (
                    "qa_level",
                    models.CharField(
                        choices=[
                            ("none", "No issue"),
                            ("pending", "Not checked yet"),
                            ("info", "Info"),
                            ("warning", "Warning"),
                            ("error", "Error"),
                        ],
                        default="none",
                        max_length=8,
                        verbose_name="worst QA severity",
                    ),
                ),
                (
                    "qa_checks",
                    models.CharField(
                        blank=True,
                        help_text='" id1 id2 " or ""',
                        max_length=1000,
                        verbose_name="checks that fired",
                    ),
                ),
                (
                    "qa_dismissed",
                    models.JSONField(
                        blank=True, default=None, null=True, verbose_name="dismissed QA checks"
                    ),
                ),
                (
                    "removed_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="when a new version of the file dropped this unit; its history is kept",
                        null=True,
                    ),
                ),
                (
                    "changed_by",
                    models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["document", "position"],
                "base_manager_name": "all_objects",
                "default_manager_name": "objects",
            },
            managers=[
                ("all_objects", django.db.models.manager.Manager()),
                ("objects", django.db.models.manager.Manager()),
            ],
        ),
        migrations.CreateModel(
            name="ApiToken",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("digest", models.CharField(max_length=64, unique=True)),
                (
                    "prefix",
                    models.CharField(
                        help_text="the token's first characters, to tell it", max_length=8
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("last_used_at", models.DateTimeField(blank=True, null=True)),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="api_tokens",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["user", "created_at"],
            },
        ),
        migrations.CreateModel(
            name="DocumentMetrics",
            fields=[
                (
                    "document",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="metrics",
                        serialize=False,
                        to="reviews.document",
                    ),
                ),
                (
                    "totals",
                    models.JSONField(
                        help_text="summed statistics and counts; see services.scoring"
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "document metrics",
            },
        ),
        migrations.CreateModel(
            name="GlossaryTerm",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "source",
                    models.CharField(blank=True, max_length=300, verbose_name="source term"),
                ),
                (
                    "rendering",
                    models.CharField(blank=True, max_length=300, verbose_name="approved rendering"),
                ),
                (
                    "forbidden",
                    models.JSONField(blank=True, default=list, verbose_name="forbidden variants"),
                ),
                ("note", models.TextField(blank=True)),
                ("case_sensitive", models.BooleanField(default=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="glossary",
                        to="reviews.project",
                    ),
                ),
            ],
            options={
                "ordering": ["project", "source", "rendering", "id"],
            },
        ),
        migrations.AddField(
            model_name="document",
            name="project",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="documents",
                to="reviews.project",
            ),
        ),
        migrations.CreateModel(
            name="Revision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(
                        help_text="the segment's version after this change"
                    ),
                ),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("import", "Imported"),
                            ("edit", "Edited"),
                            ("approve", "Approved"),
                            ("reject", "Rejected"),
                            ("revert", "Reverted"),
                            ("update", "Updated by a new version of the file"),
                            ("dismiss", "Dismissed a QA check"),
                        ],
                        max_length=16,
                    ),
                ),
                ("before_target", models.TextField(blank=True)),
                ("after_target", models.TextField(blank=True)),
                (
                    "before_state",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("untranslated", "Untranslated"),
                            ("new", "New"),
                            ("translated", "Translated"),
                            ("rejected", "Rejected"),
                            ("approved", "Approved"),
                        ],
                        max_length=16,
                    ),
                ),
                (
                    "after_state",
                    models.CharField(
                        choices=[
                            ("untranslated", "Untranslated"),
                            ("new", "New"),
                            ("translated", "Translated"),
                            ("rejected", "Rejected"),
                            ("approved", "Approved"),
                        ],
                        max_length=16,
                    ),
                ),
                ("note", models.TextField(blank=True)),
                ("batch", models.UUIDField(blank=True, db_index=True, null=True)),
                (
                    "edit_ms",
                    models.PositiveIntegerField(
                        blank=True,
                        help_text="from the first focus on the text to the save, as the page reported it",
                        null=True,
                        verbose_name="time to edit (ms)",
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["segment", "version", "id"],
            },
        ),
        migrations.CreateModel(
            name="LqaError",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "category",
                    models.CharField(
                        choices=[
                            ("accuracy", "Accuracy"),
                            ("fluency", "Fluency"),
                            ("terminology", "Terminology"),
                            ("style", "Style"),
                            ("locale-convention", "Locale convention"),
                            ("omission-addition", "Omission / addition"),
                        ],
                        max_length=24,
                    ),
                ),
                (
                    "severity",
                    models.CharField(
                        choices=[("minor", "Minor"), ("major", "Major"), ("critical", "Critical")],
                        max_length=16,
                    ),
                ),
                ("note", models.TextField(blank=True)),
                (
                    "revision",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="lqa_errors",
                        to="reviews.revision",
                    ),
                ),
            ],
            options={
                "verbose_name": "LQA error",
                "ordering": ["revision", "id"],
            },
        ),
        migrations.CreateModel(
            name="SegmentMetrics",
            fields=[
                (
                    "segment",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="metrics",
                        serialize=False,
                        to="reviews.segment",
                    ),
                ),
                (
                    "digest",
                    models.CharField(help_text="of the texts these figures are for", max_length=32),
                ),
                (
                    "stats",
                    models.JSONField(help_text="metrics.SegmentStats.to_json() of (mt, target)"),
                ),
                ("ter", models.FloatField(verbose_name="HTER")),
                ("chrf", models.FloatField(verbose_name="HchrF++")),
                ("bleu", models.FloatField(verbose_name="HBLEU")),
                ("words", models.PositiveIntegerField(default=0, help_text="words in the target")),
                (
                    "long_input",
                    models.BooleanField(
                        default=False,
                        help_text="over the length where TER gets slow; scored all the same",
                    ),
                ),
                (
                    "reference",
                    models.TextField(blank=True, help_text="an uploaded reference translation"),
                ),
                ("reference_mt_stats", models.JSONField(blank=True, null=True)),
                ("reference_target_stats", models.JSONField(blank=True, null=True)),
            ],
            options={
                "verbose_name_plural": "segment metrics",
            },
        ),
        migrations.AddField(
            model_name="segment",
            name="document",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="segments",
                to="reviews.document",
            ),
        ),
        migrations.AddField(
            model_name="revision",
            name="segment",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="revisions",
                to="reviews.segment",
            ),
        ),
        migrations.CreateModel(
            name="MemoryUnit",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("source", models.TextField(blank=True)),
                ("mt", models.TextField(blank=True, verbose_name="machine translation")),
                ("target", models.TextField()),
                ("key", models.TextField()),
                (
                    "key_kind",
                    models.CharField(choices=[("source", "Source"), ("mt", "MT")], max_length=8),
                ),
                (
                    "length",
                    models.GeneratedField(
                        db_persist=True,
                        expression=django.db.models.functions.text.Length("key"),
                        output_field=models.PositiveIntegerField(),
                    ),
                ),
                ("origin", models.CharField(default="approved", max_length=16)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="memory",
                        to="reviews.project",
                    ),
                ),
                (
                    "segment",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="memory_unit",
                        to="reviews.segment",
                    ),
                ),
            ],
            options={
                "ordering": ["project", "id"],
            },
        ),
        migrations.CreateModel(
            name="Comment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("text", models.TextField()),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("resolved_at", models.DateTimeField(blank=True, null=True)),
                (
                    "author",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "mentions",
                    models.ManyToManyField(
                        blank=True, related_name="mentioned_in", to=settings.AUTH_USER_MODEL
                    ),
                ),
                (
                    "parent",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="replies",
                        to="reviews.comment",
                    ),
                ),
                (
                    "resolved_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "segment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="comments",
                        to="reviews.segment",
                    ),
                ),
            ],
            options={
                "ordering": ["created_at", "id"],
            },
        ),
        migrations.CreateModel(
            name="Membership",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("translator", "Translator"),
                            ("editor", "Editor"),
                            ("manager", "Manager"),
                        ],
                        max_length=16,
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="memberships",
                        to="reviews.project",
                    ),
                ),
            ],
            options={
                "ordering": ["project", "user"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("user", "project"), name="one_membership_per_user"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Job",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("import", "Import"),
                            ("reimport", "New version"),
                            ("export", "Export"),
                            ("check", "QA check"),
                        ],
                        max_length=16,
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("queued", "Queued"),
                            ("running", "Running"),
                            ("done", "Done"),
                            ("failed", "Failed"),
                        ],
                        default="queued",
                        max_length=16,
                    ),
                ),
                (
                    "progress",
                    models.PositiveSmallIntegerField(default=0, help_text="percent done, 0-100"),
                ),
                (
                    "message",
                    models.CharField(blank=True, help_text="what it is doing now", max_length=255),
                ),
                ("error", models.TextField(blank=True, help_text="why it failed, naming the file")),
                (
                    "params",
                    models.JSONField(
                        blank=True, default=dict, help_text="file names, format, options"
                    ),
                ),
                (
                    "result",
                    models.JSONField(
                        blank=True, default=dict, help_text="what it produced, for display"
                    ),
                ),
                (
                    "input_data",
                    models.BinaryField(
                        blank=True, help_text="the upload; dropped when done", null=True
                    ),
                ),
                (
                    "source_data",
                    models.BinaryField(
                        blank=True, help_text="the source upload, if any", null=True
                    ),
                ),
                (
                    "output_data",
                    models.BinaryField(blank=True, help_text="an export's file", null=True),
                ),
                (
                    "task_id",
                    models.CharField(blank=True, max_length=64, verbose_name="task result id"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("started_at", models.DateTimeField(blank=True, null=True)),
                (
                    "heartbeat_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="the worker's last sign of life while it runs the job",
                        null=True,
                    ),
                ),
                ("finished_at", models.DateTimeField(blank=True, null=True)),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "document",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="reviews.document",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="jobs",
                        to="reviews.project",
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at", "-id"],
                "indexes": [
                    models.Index(fields=["project", "-created_at"], name="job_project_recent"),
                    models.Index(fields=["status", "kind"], name="job_status_kind"),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("progress__lte", 100)), name="job_progress_pct"
                    )
                ],
            },
        ),
        migrations.AddIndex(
            model_name="segment",
            index=models.Index(
                fields=["document", "removed_at", "state", "qa_level"],
                name="segment_doc_live_state_qa",
            ),
        ),
        migrations.AddIndex(
            model_name="segment",
            index=models.Index(fields=["document", "qa_level", "id"], name="segment_doc_qa_id"),
        ),
        migrations.AddIndex(
            model_name="segment",
            index=models.Index(fields=["document", "changed_by"], name="segment_doc_changed_by"),
        ),
        migrations.AddConstraint(
            model_name="segment",
            constraint=models.UniqueConstraint(
                condition=models.Q(("removed_at__isnull", True)),
                fields=("document", "position"),
                name="one_live_segment_per_position",
            ),
        ),
        migrations.AddIndex(
            model_name="revision",
            index=models.Index(fields=["segment", "action"], name="revision_seg_action"),
        ),
        migrations.AddIndex(
            model_name="memoryunit",
            index=models.Index(fields=["project", "key_kind", "length"], name="memory_window"),
        ),
        migrations.RunPython(create_search_index, drop_search_index),
    ]
