"""Memory lookups through the n-gram index: the right units among thousands of others,
on both databases, by the index each database has (pg_trgm, FTS5)."""

from __future__ import annotations

import random
from xml.sax.saxutils import escape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews import memory_index, selectors, services, tm
from reviews.models import Document, MemoryUnit, Segment
from reviews.states import State

# Common characters, drawn unevenly (as in real text) so that some trigrams are in
# hundreds of units and most in a few.
CHARS = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工"
    "也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现"
    "实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间"
)
DISTRACTORS = 3000


def sentence(rng: random.Random, n: int | None = None) -> str:
    n = n or rng.randint(8, 40)
    weights = [1 / (i + 1) ** 0.7 for i in range(len(CHARS))]
    return "".join(rng.choices(CHARS, weights=weights, k=n - 1)) + "。"


def tmx(pairs: list[tuple[str, str]]) -> bytes:
    body = "".join(
        f'<tu><tuv xml:lang="zh-CN"><seg>{escape(s)}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{escape(t)}</seg></tuv></tu>'
        for s, t in pairs
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header creationtool="t" '
        'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="zh-CN" '
        f'datatype="plaintext"/><body>{body}</body></tmx>'
    ).encode()


@pytest.fixture
def memory(project):
    """Thousands of Chinese units, some of them edited copies of others."""
    rng = random.Random(8)
    sources = [sentence(rng) for _ in range(DISTRACTORS)]
    for i in range(0, DISTRACTORS, 10):
        chars = list(sources[rng.randrange(DISTRACTORS)])
        chars[rng.randrange(len(chars) - 1)] = rng.choice(CHARS)
        sources[i] = "".join(chars)
    pairs = [(s, f"Distractor {i}.") for i, s in enumerate(sources)]
    assert services.memory_import_tmx(project=project, data=tmx(pairs), filename="m.tmx")
    return sources


def segment_for(project, source: str = "", mt: str = "", state=State.NEW) -> Segment:
    document, _ = Document.objects.get_or_create(project=project, title="lookups", format="text")
    return Segment.objects.create(
        document=document,
        position=document.segments.count(),
        source=source,
        mt=mt,
        target="",
        state=state,
    )


def add(project, source: str, target: str) -> None:
    services.memory_import_tmx(project=project, data=tmx([(source, target)]), filename="x.tmx")


TWIN = "浙江省数字化改革推动共同富裕示范区建设取得新进展。"


def test_a_near_twin_is_found_among_thousands(project, memory):
    add(project, TWIN, "Zhejiang's digital reform moves the common-prosperity zone on.")
    twin = "浙江省数字化改革推进共同富裕示范区建设取得新突破。"  # 3 characters changed
    [best, *_] = selectors.memory_matches(segment=segment_for(project, source=twin))
    assert best.target == "Zhejiang's digital reform moves the common-prosperity zone on."
    assert 80 <= best.percent < 100


def test_every_edited_copy_finds_its_original(project, memory):
    rng = random.Random(9)
    for index in rng.sample(range(1, DISTRACTORS, 10), 20):  # not the copies themselves
        chars = list(memory[index])
        for _ in range(2):
            chars[rng.randrange(len(chars) - 1)] = rng.choice("甲乙丙丁戊己庚辛")
        matches = selectors.memory_matches(segment=segment_for(project, source="".join(chars)))
        best = max(tm.score(tm.normalise("".join(chars)), tm.normalise(s)) for s in memory)
        assert matches and matches[0].percent == int(best), memory[index]


def test_an_exact_duplicate_is_100_percent(project, memory):
    [best, *_] = selectors.memory_matches(segment=segment_for(project, source=memory[5]))
    assert (best.percent, best.target) == (100, "Distractor 5.")


def test_a_sentence_the_memory_does_not_hold_finds_nothing(project, memory):
    assert (
        selectors.memory_matches(segment=segment_for(project, source="与此毫无关系的句子。")) == []
    )


def test_mt_keyed_units_match_documents_without_source(project, memory, users):
    mt = "The province added 21,000 new jobs for graduates in Hangzhou last year."
    approved = segment_for(project, mt=mt, state=State.TRANSLATED)
    services.segment_approve(
        segment=approved, reviewer=users["editor"], version=1, target="Hangzhou hired."
    )
    rng = random.Random(3)
    words = [
        "province",
        "jobs",
        "graduates",
        "city",
        "report",
        "rural",
        "digital",
        "reform",
        "year",
        "new",
    ]
    others = [" ".join(rng.choices(words, k=12)) for _ in range(100)]
    for i, text in enumerate(others):
        segment = segment_for(project, mt=text, state=State.TRANSLATED)
        services.segment_approve(
            segment=segment, reviewer=users["editor"], version=1, target=f"Other {i}."
        )
    twin = segment_for(project, mt=mt.replace("21,000", "22,000"))
    [best, *_] = selectors.memory_matches(segment=twin)
    assert (best.target, best.key_kind) == ("Hangzhou hired.", "mt")
    # A source-keyed lookup of the same text is not offered MT-keyed units.
    assert selectors.memory_matches(segment=segment_for(project, source=mt)) == []


def test_the_length_window_bounds_candidates(project, memory):
    query = "甲乙丙丁戊己庚辛壬癸"  # 10 characters: the window is 5 to 16
    add(project, query + "子丑寅卯辰巳", "Sixteen.")
    add(project, query + "子丑寅卯辰巳午", "Seventeen.")
    offered = {m.target for m in selectors.memory_matches(segment=segment_for(project, query))}
    assert "Sixteen." in offered and "Seventeen." not in offered


def test_a_segment_never_matches_its_own_unit(project, memory, users):
    mine = segment_for(project, source=TWIN, state=State.TRANSLATED)
    services.segment_approve(segment=mine, reviewer=users["editor"], version=1, target="Mine.")
    assert MemoryUnit.objects.filter(segment=mine).exists()
    assert "Mine." not in {m.target for m in selectors.memory_matches(segment=mine)}
    twin = segment_for(project, source=TWIN)
    assert selectors.memory_matches(segment=twin)[0].target == "Mine."


def test_other_projects_memories_are_not_offered(project, memory):
    other = services.project_create(slug="other", source_lang="zh-CN", target_lang="en")
    add(other, TWIN, "Someone else's.")
    assert selectors.memory_matches(segment=segment_for(project, source=TWIN)) == []
    assert selectors.memory_matches(segment=segment_for(other, source=TWIN))[0].percent == 100


def test_keys_too_short_for_the_index_still_match(project, memory):
    add(project, "确定", "OK")
    add(project, "确定吗", "Sure?")
    offered = [m.target for m in selectors.memory_matches(segment=segment_for(project, "确定"))]
    assert offered[:2] == ["OK", "Sure?"]


def test_the_index_follows_deletes_and_changed_keys(project, memory):
    add(project, TWIN, "Before.")
    unit = MemoryUnit.objects.get(target="Before.")
    MemoryUnit.objects.filter(pk=unit.pk).update(key="子丑寅卯辰巳午未申酉戌亥。")
    assert selectors.memory_matches(segment=segment_for(project, source=TWIN)) == []
    found = selectors.memory_matches(
        segment=segment_for(project, source="子丑寅卯辰巳午未申酉戌。")
    )
    assert found[0].target == "Before."
    unit.delete()
    # A new unit may take the deleted one's id on SQLite: the index must not still hold
    # the old key for it.
    add(project, "天干地支之外的另一句话。", "After.")
    assert selectors.memory_matches(segment=segment_for(project, source=TWIN)) == []
    assert selectors.memory_matches(segment=segment_for(project, "子丑寅卯辰巳午未申酉戌。")) == []


def test_rebuild_keeps_imported_units_and_finds_approved_ones(project, memory, users):
    mine = segment_for(project, source=TWIN, state=State.TRANSLATED)
    services.segment_approve(segment=mine, reviewer=users["editor"], version=1, target="Mine.")
    MemoryUnit.objects.filter(origin="approved").delete()
    assert services.memory_rebuild(project=project) == DISTRACTORS + 1
    twin = segment_for(project, source=TWIN.replace("新进展", "新成效"))
    assert selectors.memory_matches(segment=twin)[0].target == "Mine."


def lookup_sql(segment: Segment) -> str:
    with CaptureQueriesContext(connection) as queries:
        selectors.memory_matches(segment=segment)
    [sql] = [q["sql"] for q in queries.captured_queries if "reviews_memoryunit" in q["sql"]]
    return sql


def explain(sql: str) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # On a test-sized table a sequential scan, or a btree on the project, is
            # cheaper: the planner picks by size (at 100,000 units, the trigram index).
            # What is asserted here is that the trigram index can serve this query, with
            # the other ways out of the way (the DROPs end with the test's transaction).
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'reviews_memoryunit' "
                "AND indexdef LIKE '%USING btree (project_id%'"
            )
            for (name,) in cursor.fetchall():
                cursor.execute(f'DROP INDEX "{name}"')
            cursor.execute(f"EXPLAIN {sql}")
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
@pytest.mark.parametrize(
    ("text", "operator"),
    [(TWIN, "%"), ("The province added 22,000 new jobs for graduates.", "LIKE")],
)
def test_postgresql_lookups_use_the_trigram_index(project, memory, text, operator):
    sql = lookup_sql(segment_for(project, source=text))
    assert f"u.key {operator} " in sql and "similarity(" in sql
    assert "memory_key_trgm" in explain(sql)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
def test_postgresql_trigrams_see_chinese(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT show_trgm('浙江省')")
        [(trigrams,)] = cursor.fetchall()
    assert trigrams, "the database's LC_CTYPE is C: pg_trgm ignores CJK (use a UTF-8 locale)"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5 is SQLite's")
def test_sqlite_lookups_use_the_fts5_trigram_index(project, memory):
    sql = lookup_sql(segment_for(project, source=TWIN))
    assert "MATCH" in sql
    plan = explain(sql).splitlines()
    assert "VIRTUAL TABLE INDEX" in plan[0] and "USING INTEGER PRIMARY KEY" in plan[1]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5 is SQLite's")
def test_sqlite_search_index_triggers_exist(memory):  # after a bulk import too
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        triggers = {row[0] for row in cursor.fetchall()}
    wanted = {f"{memory_index.FTS_TABLE}_{op}" for op in ("insert", "delete", "update")}
    assert wanted <= triggers, (
        "A migration rebuilt reviews_memoryunit and dropped the memory index's triggers: "
        "run SEARCH_INDEX['sqlite'] of reviews/migrations/0001_squashed_0016_segment_qa_dismissed "
        "again after it."
    )


@pytest.mark.parametrize(
    "text",
    [
        '他说"你好"，百分之50%的_下划线\\反斜杠。',  # FTS5 quotes, LIKE wildcards, escapes
        'Growth NOT slower OR faster NEAR "targets" * ^ 50%_of\\budget',  # FTS5 operators
    ],
)
def test_query_syntax_in_keys_is_plain_text(project, memory, text):
    add(project, text, "Hostile.")
    for kind in ("source", "mt"):
        segment = segment_for(project, **{kind: text.replace("5", "6")})
        offered = [m.target for m in selectors.memory_matches(segment=segment)]
        assert offered == (["Hostile."] if kind == "source" else [])
