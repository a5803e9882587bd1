"""A new version of a document keeps the work that still applies, and says what changed."""

import io

import pytest
from django.core.management import CommandError, call_command

from reviews import services
from reviews.errors import NotAllowed
from tests.conftest import SEED


def new_version(seed: bytes) -> bytes:
    text = seed.decode()
    text = text.replace("Wealth together.", "Prosperity for all.")  # a changed sentence
    text = text.replace("(Finish)", "(End of the report)\n\nEditor: Fang Kun.")  # changed + added
    removed = "This year's Zhejiang Provincial Government Work Report mentioned"
    start = text.index(removed)
    return (text[:start] + text[text.index("\n\n", start) + 2 :]).encode()  # a removed paragraph


def test_reimport_keeps_work_and_reports_counts(document, users, seed_bytes):
    segs = {s.target: s for s in document.segments.all()}
    edited = next(s for t, s in segs.items() if t.startswith("Zhu Hengyi said"))
    services.segment_edit(
        segment=edited, user=users["translator"], target="Zhu Hengyi said so.", version=1
    )
    approved = segs["Wealth together."]
    services.segment_approve(segment=approved, reviewer=users["editor"], version=1)
    total = len(segs)

    report = services.document_reimport(
        document=document,
        data=new_version(seed_bytes),
        filename="seed-v2.txt",
        user=users["manager"],
    )
    assert (len(report.changed), len(report.added), len(report.removed)) == (2, 1, 1)
    assert len(report.kept) == total - 3
    assert len(report.approved_changed) == 1
    assert report.removed[0].startswith("This year's Zhejiang Provincial Government")

    edited.refresh_from_db()
    assert (edited.target, edited.state, edited.version) == ("Zhu Hengyi said so.", "translated", 2)
    approved.refresh_from_db()
    assert (approved.mt, approved.target, approved.state) == (
        "Prosperity for all.",
        "Prosperity for all.",
        "new",
    )
    assert list(approved.revisions.values_list("action", flat=True)) == [
        "import",
        "approve",
        "update",
    ]
    # The export is the new file with the translator's work in it.
    expected = new_version(seed_bytes).replace(edited.mt.encode(), b"Zhu Hengyi said so.")
    assert services.document_export(document=document) == expected
    positions = list(document.segments.values_list("position", flat=True))
    assert positions == list(range(len(positions)))


def test_unchanged_reimport_changes_nothing(document, users, seed_bytes):
    before = list(document.segments.values_list("pk", "target", "state", "version"))
    report = services.document_reimport(document=document, data=seed_bytes, filename="same.txt")
    assert (len(report.kept), report.changed, report.added, report.removed) == (
        len(before),
        [],
        [],
        [],
    )
    assert list(document.segments.values_list("pk", "target", "state", "version")) == before


@pytest.mark.parametrize("who", ["translator", "outsider"])
def test_translators_and_outsiders_may_not_update(document, users, seed_bytes, who):
    with pytest.raises(NotAllowed):
        services.document_reimport(
            document=document, data=new_version(seed_bytes), filename="x.txt", user=users[who]
        )
    assert document.segments.count() == 46


@pytest.mark.parametrize("who", ["editor", "manager"])
def test_editors_and_managers_update(document, users, seed_bytes, who):
    report = services.document_reimport(
        document=document, data=new_version(seed_bytes), filename="x.txt", user=users[who]
    )
    assert len(report.added) == 1


def test_cli_update_prints_the_report(document, tmp_path, seed_bytes):
    path = tmp_path / "v2.txt"
    path.write_bytes(new_version(seed_bytes))
    out = io.StringIO()
    call_command("import_document", "zj", str(path), "--update", str(document.pk), stdout=out)
    lines = out.getvalue().splitlines()
    assert "2 changed, 1 added, 1 removed" in lines[0]
    assert lines[-1] == str(document.pk)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    with pytest.raises(CommandError, match="bad.txt: the file is empty"):
        call_command("import_document", "zj", str(bad), "--update", str(document.pk))
    with pytest.raises(CommandError, match="no document 999"):
        call_command("import_document", "zj", str(SEED), "--update", "999")
