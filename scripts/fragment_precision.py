"""How often the sentence checks warn on clean English nobody here wrote.

The sentences are the prose of Django's docstrings, read from the installed package's
source (no import, no network): every docstring of every module, class and function,
cut into paragraphs at blank lines, a paragraph's lines joined, and split into
sentences with pysbd as imports split them. Paragraphs that hold code or markup
(doctest prompts, reST roles and literals, assignments, paths, identifiers with
underscores or dots) are left out, as are sentences under 4 words; what is left is
prose, taken in file order, and 200 of it are chosen evenly spread. Each is checked
as a document reviewed without a source would check it (zh-CN -> en, no glossary).

    .venv/bin/python scripts/fragment_precision.py [--count 200] [--show]

Prints the warnings (and errors) of the sentence checks, then of all checks, per 200.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")

CODE_RE = re.compile(r">>>|::|`|[=<>{}\[\]|*#\\/_@$~^]|\w\(|\w\.\w|\.\.\.|\bNone\b|\bTrue\b")
SENTENCE_CHECKS = ("fragment", "sentence-start", "splice")


def django_sentences() -> list[tuple[str, bool]]:
    """(sentence, whether it is its paragraph's only sentence), as a text import sees it."""
    import django

    from reviews.formats.sentences import sentence_spans

    base = Path(django.__file__).resolve().parent
    found: list[tuple[str, bool]] = []
    for path in sorted(base.rglob("*.py")):
        if "migrations" in path.parts or "locale" in path.parts:
            continue
        try:
            tree = ast.parse(path.read_text("utf-8"))
        except (SyntaxError, UnicodeDecodeError):
            continue
        nodes = [tree, *ast.walk(tree)]
        seen = set()
        for node in nodes:
            if not isinstance(
                node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
            ):
                continue
            doc = ast.get_docstring(node)
            if not doc or id(node) in seen:
                continue
            seen.add(id(node))
            for paragraph in re.split(r"\n\s*\n", doc):
                if CODE_RE.search(paragraph) or paragraph.lstrip().startswith(("-", "+")):
                    continue
                text = " ".join(paragraph.split())
                spans = sentence_spans(text, "en")
                for a, b in spans:
                    sentence = text[a:b]
                    if len(sentence.split()) >= 4:
                        found.append((sentence, len(spans) == 1))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--show", action="store_true", help="print every sentence")
    args = parser.parse_args()

    import django

    django.setup()
    from reviews.checks import CheckContext, Severity, run_checks

    everything = django_sentences()
    step = len(everything) / args.count
    chosen = [everything[int(i * step)] for i in range(args.count)]
    ours = every = 0
    for sentence, alone in chosen:
        issues = run_checks(CheckContext("", sentence, "zh-CN", "en", paragraph_alone=alone))
        loud = [i for i in issues if i.severity in (Severity.WARNING, Severity.ERROR)]
        mine = [i for i in loud if i.check in SENTENCE_CHECKS]
        ours += bool(mine)
        every += bool(loud)
        if loud or args.show:
            marks = ", ".join(f"{i.check}: {i.message}" for i in loud) or "-"
            print(f"{sentence!r}{' (alone)' if alone else ''}\n    {marks}")
    print(
        f"{len(everything)} prose sentences in Django's docstrings, {len(chosen)} checked: "
        f"{ours} with a warning of the sentence checks ({', '.join(SENTENCE_CHECKS)}), "
        f"{every} with a warning or error of any check"
    )


if __name__ == "__main__":
    main()
