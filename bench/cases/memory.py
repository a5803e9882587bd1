"""The translation memory at 100,000 units: importing a TMX file into it, and looking
segments up in it, each against the library doing the least with the same data.

The memory is generated, seeded, rather than bench.generate.tmx(): that file draws every
character from a 60-character alphabet with no repeated phrases, so every n-gram is
about equally common and no unit has a near twin. Here sources are made of words (one
to four of 860 common characters) drawn by Zipf's law, with commas, 8 to 40 characters
long, and one unit in ten is an edited copy of another: a few very common n-grams, many
rare ones, and families of similar units, as in real memories.
"""

from __future__ import annotations

import itertools
import random
import time
from pathlib import Path
from xml.sax.saxutils import escape

from django.db import connection

from bench.cases.files import IMPORT_RUNS, _tmx_floors
from bench.generate import DATA
from bench.support import best_of, in_turn, p95, project, row, timed
from reviews import formats, selectors, services, tm
from reviews.models import Document, MemoryUnit, Segment

UNITS = 100_000
LOOKUPS = 240  # 180 near twins of stored units, 60 sentences the memory does not hold
# The 860 most frequent characters of modern Chinese text, roughly in frequency order.
CHARS = "".join(
    dict.fromkeys(
        "的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生自"
        "会那后能对着事其里所去行过家十用发天如然作方成者日都三小多经么法学同现当没动面起看"
        "定分还进好部些主样理心她本前开但因只从想实军意无力它与长把机民第公此已工使情明性知"
        "全又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果"
        "加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处"
        "走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接"
        "必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界"
        "达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领"
        "共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元"
        "英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党"
        "华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功"
        "吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语"
        "仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验"
        "责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米"
        "围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职"
        "速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急"
        "血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑"
        "层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征"
        "修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控"
        "税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯"
        "慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湖钟奥县抓丁享"
    )
)


class Chinese:
    """Seeded sentences: Zipf-distributed words of Zipf-distributed characters."""

    def __init__(self, seed: int, words: int = 30_000) -> None:
        self.rng = random.Random(seed)
        char_weights = list(itertools.accumulate(1 / (i + 1) ** 0.8 for i in range(len(CHARS))))
        vocabulary: dict[str, None] = {}
        while len(vocabulary) < words:  # the 40 most frequent words are single characters
            n = 1 if len(vocabulary) < 40 else self.rng.choices((1, 2, 3, 4), (10, 65, 15, 10))[0]
            vocabulary.setdefault("".join(self.rng.choices(CHARS, cum_weights=char_weights, k=n)))
        self.words = list(vocabulary)
        self.weights = list(itertools.accumulate(1 / (i + 1) for i in range(words)))

    def sentence(self) -> str:
        length = self.rng.randint(8, 40) - 1
        text = ""
        while len(text) < length:
            text += self.rng.choices(self.words, cum_weights=self.weights)[0]
            if self.rng.random() < 0.12 and len(text) < length - 2:
                text += "，"
        return text[:length] + "。"

    def edit(self, text: str, edits: int) -> str:
        """A near twin: ``edits`` characters replaced, inserted or deleted (not the 。)."""
        chars = list(text)
        for _ in range(edits):
            at, op = self.rng.randrange(len(chars) - 1), self.rng.random()
            if op < 0.6:
                chars[at] = self.rng.choice(CHARS)
            elif op < 0.8:
                chars.insert(at, self.rng.choice(CHARS))
            elif len(chars) > 6:
                del chars[at]
        return "".join(chars)


def memory_sources(units: int = UNITS, seed: int = 11) -> list[str]:
    zh = Chinese(seed)
    sources = [zh.sentence() for _ in range(units)]
    for i in range(0, units, 10):  # families of similar units
        sources[i] = zh.edit(sources[zh.rng.randrange(units)], zh.rng.randint(1, 4))
    return sources


def memory_tmx(units: int = UNITS) -> Path:
    path = DATA / f"memory-zh-{units}.tmx"
    if path.exists():
        return path
    DATA.mkdir(exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
            '<header creationtool="bench" creationtoolversion="1" segtype="sentence" '
            'o-tmf="bench" adminlang="en" srclang="zh-CN" datatype="plaintext"/>\n<body>\n'
        )
        for i, source in enumerate(memory_sources(units)):
            out.write(
                f'<tu tuid="{i}"><tuv xml:lang="zh-CN"><seg>{escape(source)}</seg></tuv>'
                f'<tuv xml:lang="en"><seg>Translation {i}.</seg></tuv></tu>\n'
            )
        out.write("</body>\n</tmx>\n")
    return path


def _import(proj) -> tuple[float, int]:
    path = memory_tmx()
    return timed(
        lambda: services.memory_import_tmx(project=proj, data=path.read_bytes(), filename=path.name)
    )


def _vacuum() -> None:
    """What autovacuum does within a minute of a big delete (it is off on the shared
    development server): the memory that project() just deleted leaves 100,000 dead rows
    whose index entries every PostgreSQL lookup (and index merge) would otherwise
    wade through."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {MemoryUnit._meta.db_table}")


def memory_100k():
    """tm_import_100k, then tm_lookup_p95 over the memory the last import left (one
    import fewer than running them apart, some 20 s on 2 cores)."""
    proj = project()
    imported = _tm_import(proj)
    _vacuum()
    return imported + _tm_lookup(proj)


def _tm_import(proj):
    _vacuum()
    path = memory_tmx()
    data = path.read_bytes()
    tmx = formats.format_by_name("tmx")

    def measure(run: int) -> float:
        if run:  # from an empty memory again
            MemoryUnit.objects.filter(project=proj).delete()
            _vacuum()
        seconds, added = _import(proj)
        assert added == UNITS == MemoryUnit.objects.filter(project=proj).count()
        return seconds

    reading, _bare = _tmx_floors(path)
    times, (reading_s,) = in_turn(IMPORT_RUNS, measure, reading)
    value_s = min(times)
    parse_s = best_of(
        3, lambda: tmx.parse(data, source_lang=proj.source_lang, target_lang=proj.target_lang)
    )
    # The issue sets no target for memory imports; this one is ours: the document
    # import's 3x (tmx_import_100k) plus building the n-gram index, which on PostgreSQL
    # (pg_trgm's GIN, some 25 trigrams a key) alone costs about 2x the reading floor.
    target = 8 if connection.vendor == "postgresql" else 5
    note = (
        f"best of {IMPORT_RUNS} imports in turn with 3 floor runs; "
        "floor: lxml iterparse reading each variant (as tmx_import_100k); target ours "
        f"(the issue sets none): the document import's 3x plus the n-gram index; the TMX "
        f"adapter's own parse takes {parse_s:.3f} s"
    )
    if connection.vendor == "postgresql":
        note += f"; pg_trgm's GIN index built at once over the same keys: {_gin_build_s():.3f} s"
    return [row("tm_import_100k", value_s, "s", reading_s, target, note=note)]


def _gin_build_s() -> float:
    """The least any import pays for PostgreSQL's trigram index: CREATE INDEX over the
    100,000 keys already in a table (a temporary one, dropped with the session)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE bench_keys AS SELECT key FROM reviews_memoryunit "
            "WHERE project_id = (SELECT id FROM reviews_project WHERE slug = 'bench')"
        )
        start = time.perf_counter()
        cursor.execute("CREATE INDEX ON bench_keys USING gin (key gin_trgm_ops)")
        return time.perf_counter() - start


def _queries(sources: list[str]) -> tuple[list[str], list[int]]:
    """Near twins of stored units (1-3 edits; which unit each comes from), then
    sentences the memory does not hold (-1)."""
    zh = Chinese(seed=12)
    picks = [zh.rng.randrange(len(sources)) for _ in range(LOOKUPS * 3 // 4)]
    twins = [zh.edit(sources[i], zh.rng.randint(1, 3)) for i in picks]
    fresh = [zh.sentence() for _ in range(LOOKUPS - len(twins))]
    return twins + fresh, picks + [-1] * len(fresh)


def _segments(proj, texts: list[str]) -> list[Segment]:
    doc = Document.objects.create(project=proj, title="lookups", format="text")
    Segment.objects.bulk_create(
        Segment(document=doc, position=i, source=text, mt=f"MT {i}.", state="new")
        for i, text in enumerate(texts)
    )
    # As the memory view gets them (selectors.segment_for_member).
    return list(doc.segments.select_related("document__project").order_by("position"))


def _tm_lookup(proj):
    """Lookups of near twins and of new sentences in the memory of ``proj``."""
    from rapidfuzz import fuzz, process

    sources = memory_sources()
    queries, origins = _queries(sources)
    segments = _segments(proj, queries)
    keys = [tm.normalise(s) for s in sources]
    for segment in segments[:20]:  # warm the caches, as a running server's are
        selectors.memory_matches(segment=segment)
    lookups, found = [], []
    for segment in segments:
        start = time.perf_counter()
        found.append(selectors.memory_matches(segment=segment))
        lookups.append((time.perf_counter() - start) * 1000)
    scans, tops = [], []  # each scan's best 20 also serve the quality count below
    for query in queries:
        start = time.perf_counter()
        tops.append(process.extract(tm.normalise(query), keys, scorer=fuzz.ratio, limit=20))
        scans.append((time.perf_counter() - start) * 1000)
    # Quality: the best score a full scan finds (with the lookup's own scorer) against
    # the best the lookup offered, for every query whose full-scan best is a match.
    targets = {f"Translation {i}." for i in range(len(sources))}
    assert all(m.target in targets for ms in found for m in ms)
    best_found = missed_twins = matchable = 0
    for query, origin, matches, top in zip(queries, origins, found, tops, strict=True):
        key = tm.normalise(query)
        best = max((tm.score(key, keys[i]) for _k, _s, i in top), default=0)
        offered = matches[0].percent if matches else 0
        if best >= tm.MIN_SCORE:
            matchable += 1
            best_found += offered >= int(best)
        if origin >= 0 and offered < int(tm.score(key, keys[origin])):
            missed_twins += 1
    twins = sum(o >= 0 for o in origins)
    note = (
        f"floor: rapidfuzz process.extract (fuzz.ratio, best 20) over the {len(keys):,} normalised "
        f"keys in memory, p95 over the same {len(queries)} queries ({twins} near twins of "
        f"stored units, {len(queries) - twins} sentences it does not hold); best match "
        f"offered for {best_found}/{matchable} queries with a full-scan match >= "
        f"{tm.MIN_SCORE}%; near twins whose own unit (or a better one) was missed: "
        f"{missed_twins}/{twins}; median {sorted(lookups)[len(lookups) // 2]:.2f} ms"
    )
    return [row("tm_lookup_p95", p95(lookups), "ms", p95(scans), 20, ratio_target=False, note=note)]
