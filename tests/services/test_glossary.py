"""Glossary terms: who may change them, validation, CSV import and export."""

import pytest

from reviews import services
from reviews.errors import ImportFailed, InvalidInput, NotAllowed, NotFound
from reviews.models import GlossaryTerm

HEADER = b"source,rendering,forbidden,note,case_sensitive\n"


def test_editors_and_managers_add_translators_cannot(project, users):
    for name in ("editor", "manager"):
        services.glossary_term_add(
            project=project, user=users[name], source=f"术语{name}", rendering=name
        )
    with pytest.raises(NotAllowed):
        services.glossary_term_add(project=project, user=users["translator"], rendering="x")
    with pytest.raises(NotFound):
        services.glossary_term_add(project=project, user=users["outsider"], rendering="x")
    assert GlossaryTerm.objects.count() == 2


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "source term or an approved rendering"),
        ({"rendering": "Zheyun'an", "forbidden": "zheyun'an"}, "cannot be the approved"),
        ({"rendering": "x" * 301}, "at most 300"),
    ],
)
def test_bad_terms_are_refused(project, users, fields, message):
    with pytest.raises(InvalidInput, match=message):
        services.glossary_term_add(project=project, user=users["editor"], **fields)


def test_variants_are_split_trimmed_and_deduplicated(project, users):
    term = services.glossary_term_add(
        project=project,
        user=users["editor"],
        rendering="Zheyun'an",
        forbidden=" Zhe Yunan | Zhe  Yunan|Zheyunan |",
    )
    assert term.forbidden == ["Zhe Yunan", "Zheyunan"]


def test_csv_import_adds_and_updates(project, users):
    services.glossary_term_add(
        project=project, user=users["editor"], source="浙运安", rendering="Zheyun'an"
    )
    data = (
        HEADER
        + (
            "浙运安,Zheyun'an,Zhe Yunan|Zheyunan,app name,1\n浙里办,Zheli Ban,Zhelliban,,0\n\n"
        ).encode()
    )
    added, updated = services.glossary_import_csv(project=project, user=users["editor"], data=data)
    assert (added, updated) == (1, 1)
    term = GlossaryTerm.objects.get(source="浙运安")
    assert (term.forbidden, term.note, term.case_sensitive) == (
        ["Zhe Yunan", "Zheyunan"],
        "app name",
        True,
    )


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty"),
        (b"term,translation\n", "line 1: the header"),
        (HEADER + b"a,b,,,\nc,d,e\n", "line 3: expected 5 fields, found 3"),
        (HEADER + b"a,b,,,\n,,x,,\n", "line 3: Give a source term"),
        (HEADER + b"a,b,,,maybe\n", "line 2: case_sensitive"),
        (HEADER + b"a,b,,,\n\xff\xfe,x,,,\n", "line 3: not UTF-8"),
        (HEADER + b'a,"b\n', "line"),
    ],
)
def test_bad_csv_is_refused_with_a_line_number_and_stores_nothing(project, users, data, problem):
    with pytest.raises(ImportFailed, match=problem) as info:
        services.glossary_import_csv(
            project=project, user=users["editor"], data=data, filename="terms.csv"
        )
    assert info.value.filename == "terms.csv"
    assert not GlossaryTerm.objects.exists()


def test_export_neutralises_formulas_and_round_trips(project, users):
    hostile = {
        "source": '=HYPERLINK("http://evil")',
        "rendering": "+1 Zhejiang",
        "forbidden": ["-2", "@SUM(A1)"],
        "note": "'=already quoted",
    }
    services.glossary_term_add(project=project, user=users["editor"], **hostile)
    services.glossary_term_add(
        project=project,
        user=users["editor"],
        source="浙江",
        rendering="Zhejiang",
        forbidden="Zhe Jiang|Chekiang",
        case_sensitive=True,
    )
    data = services.glossary_export_csv(project=project)
    text = data.decode("utf-8")
    assert text.startswith("source,rendering,forbidden,note,case_sensitive\r\n")
    for line in text.splitlines()[1:]:
        for cell in line.split(","):
            assert not cell.lstrip('"').startswith(("=", "+", "-", "@")), line
    assert "'=HYPERLINK" in text and "'+1 Zhejiang" in text and "'-2|@SUM(A1)" in text
    assert "Zhe Jiang|Chekiang" in text
    before = sorted(
        GlossaryTerm.objects.values_list(
            "source", "rendering", "forbidden", "note", "case_sensitive"
        )
    )
    GlossaryTerm.objects.all().delete()
    services.glossary_import_csv(project=project, user=users["editor"], data=data)
    after = sorted(
        GlossaryTerm.objects.values_list(
            "source", "rendering", "forbidden", "note", "case_sensitive"
        )
    )
    assert after == before


def test_a_big_import_recomputes_the_whole_project(document, users):
    rows = "".join(f"术语{i},Term {i},Bad {i}|Worse {i},,0\n" for i in range(3000))
    data = HEADER + rows.encode() + "浙运安,Zheyun'an,Zhe Yunan,,0\n".encode()
    added, _ = services.glossary_import_csv(
        project=document.project, user=users["editor"], data=data
    )
    assert added == 3001
    assert document.segments.get(target__contains="Zhe Yunan").qa_level == "error"
