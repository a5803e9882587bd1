"""The starter glossary: a manager loads the literal-rendering terms into a project's
glossary on purpose, once; nothing the project has is changed."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from reviews import services
from reviews.checks.literal import literal_terms
from reviews.errors import NotAllowed, NotFound
from reviews.models import GlossaryTerm


def test_a_new_project_has_no_starter_terms(project):
    assert not GlossaryTerm.objects.filter(project=project).exists()


def test_a_manager_loads_every_term_with_its_reference(project, users):
    loaded = services.glossary_load_starter(project=project, user=users["manager"])
    terms = {t.source: t for t in GlossaryTerm.objects.filter(project=project)}
    assert loaded.added == len(literal_terms()) == len(terms) and loaded.kept == 0
    gongtong = terms["共同富裕"]
    assert gongtong.rendering == "common prosperity"
    assert "wealth together" in gongtong.forbidden
    assert "http" in gongtong.note  # the reference comes with the term
    assert gongtong.created_by == users["manager"]
    # A literal that is wrong only in context is not forbidden everywhere.
    assert "Taiwan prevention" not in terms["防台"].forbidden


def test_loading_twice_adds_nothing(project, users):
    services.glossary_load_starter(project=project, user=users["manager"])
    before = sorted(GlossaryTerm.objects.values_list("source", "rendering", "forbidden", "note"))
    again = services.glossary_load_starter(project=project, user=users["manager"])
    assert (again.added, again.kept) == (0, len(literal_terms()))
    after = sorted(GlossaryTerm.objects.values_list("source", "rendering", "forbidden", "note"))
    assert after == before


def test_a_term_the_project_has_is_kept_as_it_is(project, users):
    own = services.glossary_term_add(
        project=project, user=users["editor"], source="两会", rendering="the Two Sessions"
    )
    loaded = services.glossary_load_starter(project=project, user=users["manager"])
    assert loaded.kept == 1
    own.refresh_from_db()
    assert (own.rendering, own.forbidden) == ("the Two Sessions", [])
    assert GlossaryTerm.objects.filter(project=project, source="两会").count() == 1


@pytest.mark.parametrize("who", ["translator", "editor"])
def test_only_managers_load_it(project, users, who):
    with pytest.raises(NotAllowed):
        services.glossary_load_starter(project=project, user=users[who])
    assert not GlossaryTerm.objects.filter(project=project).exists()


def test_an_outsider_is_told_there_is_no_such_project(project, users):
    with pytest.raises(NotFound):
        services.glossary_load_starter(project=project, user=users["outsider"])


def test_loading_rechecks_the_project(project, users):
    document = services.document_import(
        project=project, data=b"Wealth together.\n", filename="w.txt", user=users["manager"]
    )
    [segment] = document.segments.all()
    assert [r["check"] for r in segment.qa] == ["literal-rendering"]
    services.glossary_load_starter(project=project, user=users["manager"])
    segment.refresh_from_db()
    # The glossary now forbids it: one issue, from the glossary, with its fix.
    assert [r["check"] for r in segment.qa] == ["glossary"]
    assert segment.qa[0]["fix"]["replace"].lower() == "common prosperity"


def test_the_command_loads_it_once(project, capsys):
    call_command("load_glossary", project.slug, "--starter")
    assert f"Added {len(literal_terms())} starter terms" in capsys.readouterr().out
    call_command("load_glossary", project.slug, "--starter")
    assert "Added 0 starter terms" in capsys.readouterr().out
    assert GlossaryTerm.objects.filter(project=project).count() == len(literal_terms())


def test_the_command_needs_a_project_and_says_what_to_load(project):
    with pytest.raises(CommandError, match="--starter"):
        call_command("load_glossary", project.slug)
    with pytest.raises(CommandError, match="nope"):
        call_command("load_glossary", "nope", "--starter")
