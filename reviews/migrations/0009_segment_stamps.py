"""Segments carry the time and author of their first and latest revision (exports and
the "last change" filters read them instead of the history); revisions get their time
from the service, so both hold the same instant. QA can be pending (a huge import's
segments until their check job). Indexes that composite ones cover are dropped."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce


def copy_stamps_from_history(apps, schema_editor):
    Segment = apps.get_model("reviews", "Segment")
    Revision = apps.get_model("reviews", "Revision")
    revisions = Revision.objects.filter(segment=OuterRef("pk"))
    first = revisions.order_by("version", "id")
    last = revisions.order_by("-version", "-id")
    Segment.objects.update(
        created_at=Coalesce(Subquery(first.values("created_at")[:1]), F("changed_at")),
        created_by=Subquery(first.values("author")[:1]),
        changed_at=Coalesce(Subquery(last.values("created_at")[:1]), F("changed_at")),
        changed_by=Subquery(last.values("author")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0008_merge_0006_jobs_0007_merge_20261129_0630"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField("segment", "updated_at", "changed_at"),
        migrations.AlterField(
            model_name="segment",
            name="changed_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.AddField(
            model_name="segment",
            name="created_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.AddField(
            model_name="segment",
            name="created_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                db_index=False,
            ),
        ),
        migrations.AddField(
            model_name="segment",
            name="changed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                db_index=False,
            ),
        ),
        migrations.AlterField(
            model_name="revision",
            name="created_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.RunPython(copy_stamps_from_history, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="segment",
            name="qa_level",
            field=models.CharField(
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
        # Indexes that others cover: every one costs on a big import.
        migrations.AlterField(
            model_name="segment",
            name="document",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="segments",
                to="reviews.document",
            ),
        ),
        migrations.AlterField(
            model_name="revision",
            name="segment",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="revisions",
                to="reviews.segment",
            ),
        ),
        migrations.AddIndex(
            model_name="segment",
            index=models.Index(fields=["document", "changed_by"], name="segment_doc_changed_by"),
        ),
        migrations.AddIndex(
            model_name="segment",
            index=models.Index(fields=["document", "changed_at"], name="segment_doc_changed_at"),
        ),
    ]
