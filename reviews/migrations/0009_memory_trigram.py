# The translation memory's n-gram index (issue 8): pg_trgm's GIN index on PostgreSQL, an
# FTS5 trigram table kept in step by triggers on SQLite, in place of the MemoryToken
# table. Reversible: going back recreates MemoryToken and fills it as 0003's code did.

import re

import django.db.models.functions.text
from django.db import migrations, models

UNITS = "reviews_memoryunit"
FTS = "reviews_memory_fts"

SEARCH_INDEX = {
    # pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it.
    # GIN's pending list is left to its gin_pending_list_limit setting, which
    # services.memory sets per transaction: small for an approval, whole for a bulk load.
    "postgresql": (
        ["CREATE EXTENSION IF NOT EXISTS pg_trgm",
         f"CREATE INDEX memory_key_trgm ON {UNITS} USING gin (key gin_trgm_ops)"],
        ["DROP INDEX IF EXISTS memory_key_trgm"],
    ),
    # External content: the FTS table stores only its index; the triggers keep it in
    # step with every INSERT, DELETE (cascades too) and change of a key. Django rebuilds
    # a table on SQLite for most field changes, which drops its triggers: a migration
    # that does so to reviews_memoryunit must run these statements again.
    "sqlite": (
        [f"CREATE VIRTUAL TABLE {FTS} USING fts5(key, content='{UNITS}', "
         "content_rowid='id', tokenize='trigram')",
         f"CREATE TRIGGER {FTS}_insert AFTER INSERT ON {UNITS} BEGIN "
         f"INSERT INTO {FTS}(rowid, key) VALUES (new.id, new.key); END",
         f"CREATE TRIGGER {FTS}_delete AFTER DELETE ON {UNITS} BEGIN "
         f"INSERT INTO {FTS}({FTS}, rowid, key) VALUES ('delete', old.id, old.key); END",
         f"CREATE TRIGGER {FTS}_update AFTER UPDATE OF key ON {UNITS} BEGIN "
         f"INSERT INTO {FTS}({FTS}, rowid, key) VALUES ('delete', old.id, old.key); "
         f"INSERT INTO {FTS}(rowid, key) VALUES (new.id, new.key); END",
         f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')"],
        [f"DROP TRIGGER IF EXISTS {FTS}_insert",
         f"DROP TRIGGER IF EXISTS {FTS}_delete",
         f"DROP TRIGGER IF EXISTS {FTS}_update",
         f"DROP TABLE IF EXISTS {FTS}"],
    ),
}


def create_search_index(apps, schema_editor):
    for sql in SEARCH_INDEX.get(schema_editor.connection.vendor, ([], []))[0]:
        schema_editor.execute(sql)


def drop_search_index(apps, schema_editor):
    for sql in SEARCH_INDEX.get(schema_editor.connection.vendor, ([], []))[1]:
        schema_editor.execute(sql)


# The tokens MemoryToken held (reviews.tm.tokens as of 0003), frozen here for going back.
CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\u3100-\u312f\uac00-\ud7af]")
STOPWORDS = frozenset(
    "a an and are as at be by for from has have in is it its of on or that the this to was "
    "were will with".split()
)


def _old_tokens(key):
    found = {}
    for word in re.findall(r"\w+", key):
        if CJK.search(word):
            for i in range(max(1, len(word) - 1)):
                found.setdefault(word[i : i + 2][:64])
        elif len(word) > 1 and word not in STOPWORDS:
            found.setdefault(word[:64])
        if len(found) >= 80:
            break
    return list(found)


def refill_tokens(apps, schema_editor):
    MemoryUnit = apps.get_model("reviews", "MemoryUnit")
    MemoryToken = apps.get_model("reviews", "MemoryToken")
    db = schema_editor.connection.alias
    units = MemoryUnit.objects.using(db).values_list(
        "id", "project_id", "key_kind", "key"
    )
    batch = []
    for unit_id, project_id, kind, key in units.iterator(chunk_size=2000):
        batch += [
            MemoryToken(unit_id=unit_id, project_id=project_id, key_kind=kind, token=token,
                        length=len(key))
            for token in _old_tokens(key)
        ]
        if len(batch) >= 10000:
            MemoryToken.objects.using(db).bulk_create(batch)
            batch = []
    MemoryToken.objects.using(db).bulk_create(batch)


class Migration(migrations.Migration):

    dependencies = [
        ('reviews', '0008_merge_0006_jobs_0007_merge_20261129_0630'),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, refill_tokens),
        migrations.RemoveIndex(
            model_name='memorytoken',
            name='memory_lookup',
        ),
        migrations.DeleteModel(
            name='MemoryToken',
        ),
        migrations.AddField(
            model_name='memoryunit',
            name='length',
            field=models.GeneratedField(db_persist=True, expression=django.db.models.functions.text.Length('key'), output_field=models.PositiveIntegerField()),
        ),
        migrations.AddIndex(
            model_name='memoryunit',
            index=models.Index(fields=['project', 'key_kind', 'length'], name='memory_window'),
        ),
        migrations.RunPython(create_search_index, drop_search_index),
    ]
