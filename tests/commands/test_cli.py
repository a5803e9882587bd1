"""The CONTRACT's command line: create_project, import_document, export_document."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from reviews import services
from reviews.models import Document, Project, Segment
from tests.conftest import ROOT, SEED


def run(*args, env, check=True):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=check,
    )


@pytest.fixture(scope="module")
def cli_env(tmp_path_factory):
    """A real `manage.py` on a throwaway SQLite database (the CLI as a script would run it)."""
    db = tmp_path_factory.mktemp("cli") / "cli.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}"}
    run("migrate", "--noinput", env=env)
    run("create_project", "news", "--source-lang", "zh-CN", "--target-lang", "en", env=env)
    return env


def test_seed_import_then_export_gives_the_same_bytes(cli_env, tmp_path):
    out = run("import_document", "news", str(SEED), env=cli_env)
    doc_id = out.stdout.decode().strip().splitlines()[-1]
    assert doc_id.isdigit()
    exported = run("export_document", doc_id, "--format", "text", env=cli_env).stdout
    assert exported == SEED.read_bytes()
    target = tmp_path / "out.txt"
    run("export_document", doc_id, "--format", "text", "-o", str(target), env=cli_env)
    assert target.read_bytes() == SEED.read_bytes()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "the file is empty"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", "this is a binary file"),
        (b"ok\n\xc3\x28\n", "line 2: bytes that are not valid UTF-8"),
    ],
)
def test_bad_file_exits_non_zero_naming_file_and_problem(cli_env, tmp_path, content, problem):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = run("import_document", "news", str(bad), env=cli_env, check=False)
    assert result.returncode == 1
    assert f"{bad}: {problem}" in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


def test_unknown_project_exits_non_zero(cli_env):
    result = run("import_document", "nope", str(SEED), env=cli_env, check=False)
    assert result.returncode == 1
    assert f"{SEED}: no project 'nope'" in result.stderr.decode()


@pytest.mark.django_db
def test_bilingual_crlf_pair_round_trips(tmp_path):
    call_command("create_project", "p", "--source-lang", "zh-CN", "--target-lang", "en")
    source = tmp_path / "zh.txt"
    target = tmp_path / "en.txt"
    source.write_bytes("第一句。第二句！\r\n\r\n  第三段。\r\n".encode())
    target.write_bytes(b"First sentence. Second one!\r\n\r\n  Third paragraph.\r\n")
    call_command("import_document", "p", str(target), "--source", str(source), stdout=io.StringIO())
    document = Document.objects.get()
    assert [s.source for s in document.segments.all()] == ["第一句。", "第二句！", "第三段。"]
    out = tmp_path / "out.txt"
    call_command("export_document", str(document.pk), "--format", "text", "-o", str(out))
    assert out.read_bytes() == target.read_bytes()


@pytest.mark.django_db
def test_after_one_edit_only_that_sentence_differs(tmp_path, django_user_model):
    call_command("create_project", "p", "--source-lang", "zh-CN", "--target-lang", "en")
    call_command("import_document", "p", str(SEED), stdout=io.StringIO())
    document = Document.objects.get()
    editor = django_user_model.objects.create_user("ed")
    services.membership_set(project=document.project, user=editor, role="editor")
    segment = document.segments.get(target__contains="Zhe Yunan")
    services.segment_edit(
        segment=segment,
        user=editor,
        target=segment.target.replace("Zhe Yunan", "Zheyun'an"),
        version=segment.version,
    )
    out = tmp_path / "out.txt"
    call_command("export_document", str(document.pk), "-o", str(out))
    before = SEED.read_bytes().decode().split("\n")
    after = out.read_bytes().decode().split("\n")
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(changed) == 1
    assert changed[0][1] == changed[0][0].replace("Zhe Yunan", "Zheyun'an")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["p", "--source-lang", "zh CN", "--target-lang", "en"], "not a BCP 47 language tag"),
        (["Bad Slug", "--source-lang", "zh", "--target-lang", "en"], "must be 1-64 lowercase"),
    ],
)
def test_create_project_refuses_bad_input(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("create_project", *args)
    assert not Project.objects.exists()


@pytest.mark.django_db
def test_mismatched_source_stores_nothing(tmp_path):
    call_command("create_project", "p", "--source-lang", "zh-CN", "--target-lang", "en")
    source = tmp_path / "zh.txt"
    source.write_bytes("只有一段。\n".encode())
    with pytest.raises(CommandError, match=r"en\.txt: mismatched paragraph counts"):
        call_command("import_document", "p", str(SEED), "--source", str(source))
    assert not Document.objects.exists() and not Segment.objects.exists()


def test_seed_fixture_is_the_shared_seed():
    shared = ROOT.parent / "shared" / "seeds" / "000_8b1992a614985fc9.txt"
    if not shared.exists():
        pytest.skip("../shared is not beside this checkout")
    assert Path(SEED).read_bytes() == shared.read_bytes()


@pytest.mark.parametrize("name", ["tmx", "xliff"])
def test_export_of_a_document_without_source_to_a_bilingual_format_exits_1(cli_env, tmp_path, name):
    out = run("import_document", "news", str(SEED), env=cli_env)
    doc_id = out.stdout.decode().strip().splitlines()[-1]
    target = tmp_path / f"out.{name}"
    done = run(
        "export_document", doc_id, "--format", name, "-o", str(target), env=cli_env, check=False
    )
    assert done.returncode == 1
    assert "has no source text" in done.stderr.decode()
    assert not target.exists()
