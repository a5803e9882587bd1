"""Seeded generators of the benchmark inputs (written to bench/data/, not committed).

- a zh-CN → en TMX 1.4b memory with inline tags and escapes,
- a PO file with contexts, plural entries and fuzzy entries,
- a plain-text article of many sentences.
The same seed gives the same bytes, so runs compare like with like.
"""

from __future__ import annotations

import random
from pathlib import Path
from xml.sax.saxutils import escape

DATA = Path(__file__).resolve().parent / "data"
ZH = (
    "浙江省数字化改革共同富裕示范区人民代表大会"
    "杭州宁波温州嘉兴湖州绍兴金华衢州舟山台州丽水经济社会发展"
)
EN = [
    "Zhejiang",
    "province",
    "digital",
    "reform",
    "common",
    "prosperity",
    "demonstration",
    "zone",
    "people",
    "congress",
    "Hangzhou",
    "Ningbo",
    "Wenzhou",
    "economy",
    "society",
    "development",
    "government",
    "report",
    "application",
    "online",
    "platform",
    "rural",
    "village",
    "county",
    "city",
    "deputy",
    "committee",
    "supervision",
    "law",
    "enforcement",
]


def _zh(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(ZH) for _ in range(n)) + "。"


def _en(rng: random.Random, n: int) -> str:
    words = [rng.choice(EN) for _ in range(n)]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def tmx(units: int = 100_000, seed: int = 1) -> Path:
    path = DATA / f"memory-{units}.tmx"
    if path.exists():
        return path
    rng = random.Random(seed)
    DATA.mkdir(exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
            '<header creationtool="bench" creationtoolversion="1" segtype="sentence" '
            'o-tmf="bench" adminlang="en" srclang="zh-CN" datatype="plaintext"/>\n<body>\n'
        )
        for i in range(units):
            zh, en = _zh(rng, rng.randint(8, 40)), _en(rng, rng.randint(6, 30))
            if i % 5 == 0:  # paired inline codes
                zh = f'<bpt i="1">&lt;b&gt;</bpt>{zh}<ept i="1">&lt;/b&gt;</ept>'
                en = f'<bpt i="1">&lt;b&gt;</bpt>{escape(en)}<ept i="1">&lt;/b&gt;</ept>'
            elif i % 7 == 0:  # a placeholder and escapes
                zh = f'{zh}<ph x="1">&lt;br/&gt;</ph>'
                en = f'{escape(en)} R&amp;D &lt;{i}&gt;<ph x="1">&lt;br/&gt;</ph>'
            else:
                en = escape(en)
            out.write(
                f'<tu tuid="{i}"><tuv xml:lang="zh-CN"><seg>{zh}</seg></tuv>'
                f'<tuv xml:lang="en"><seg>{en}</seg></tuv></tu>\n'
            )
        out.write("</body>\n</tmx>\n")
    return path


def _po_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def po(entries: int = 50_000, seed: int = 2) -> Path:
    path = DATA / f"messages-{entries}.po"
    if path.exists():
        return path
    rng = random.Random(seed)
    DATA.mkdir(exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        out.write(
            'msgid ""\nmsgstr ""\n"Project-Id-Version: bench\\n"\n"Language: en\\n"\n'
            '"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            '"Content-Transfer-Encoding: 8bit\\n"\n'
            '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        )
        for i in range(entries):
            zh, en = _zh(rng, rng.randint(6, 30)), _en(rng, rng.randint(5, 25))
            out.write(f"#: src/module{i % 97}.py:{i}\n")
            if i % 10 == 0:
                out.write("#, fuzzy\n")
            if i % 4 == 0:
                out.write(f"msgctxt {_po_string(f'context {i}')}\n")
            if i % 9 == 0:
                out.write(
                    f"msgid {_po_string(f'{i} {zh}')}\nmsgid_plural {_po_string(f'{i} {zh}s')}\n"
                    f"msgstr[0] {_po_string(en)}\nmsgstr[1] {_po_string(en + ' (many)')}\n\n"
                )
            else:
                out.write(f"msgid {_po_string(f'{i} {zh}')}\nmsgstr {_po_string(en)}\n\n")
    return path


def text(sentences: int = 5_000, seed: int = 3) -> Path:
    path = DATA / f"article-{sentences}.txt"
    if path.exists():
        return path
    rng = random.Random(seed)
    DATA.mkdir(exist_ok=True)
    paragraphs, current = [], []
    for i in range(sentences):
        current.append(_en(rng, rng.randint(6, 30)))
        if len(current) == 5 or i == sentences - 1:
            paragraphs.append("  " + " ".join(current))
            current = []
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    return path


if __name__ == "__main__":
    for make in (tmx, po, text):
        print(make())
