"""TMX files feed the translation memory; their units are offered as matches."""

import io

import pytest
from django.core.management import CommandError, call_command

from reviews import selectors, services
from reviews.models import MemoryUnit

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence"
 o-tmf="t" adminlang="en" srclang="zh-CN" datatype="plaintext"/>
<body>
<tu tuid="1"><tuv xml:lang="zh-CN"><seg>浙运安上线一年。</seg></tuv>
<tuv xml:lang="en"><seg>Zheyun'an has been online for a year.</seg></tuv></tu>
<tu tuid="2"><tuv xml:lang="zh-CN"><seg>没有译文。</seg></tuv></tu>
</body></tmx>""".encode()


def test_tmx_units_become_memory_matches(project, users):
    added = services.memory_import_tmx(project=project, data=TMX, filename="mem.tmx")
    assert added == 1  # the unit without a translation is not a memory entry
    unit = MemoryUnit.objects.get(project=project)
    assert (unit.origin, unit.target) == ("tmx", "Zheyun'an has been online for a year.")
    doc = services.document_import(
        project=project,
        data=b"Zheyun'an online for one year.\n",
        source_data="浙运安上线一年了。\n".encode(),
        source_filename="zh.txt",
        filename="en.txt",
    )
    matches = selectors.memory_matches(segment=doc.segments.get())
    assert matches and matches[0].target == "Zheyun'an has been online for a year."
    assert matches[0].percent >= 80


def test_bad_tmx_is_refused_and_stores_nothing(project):
    with pytest.raises(CommandError, match="bad.tmx: "):
        call_command("import_memory", project.slug, "/nonexistent/bad.tmx")
    from reviews.errors import ImportFailed

    with pytest.raises(ImportFailed, match="mem.tmx"):
        services.memory_import_tmx(project=project, data=b"<tmx><body>", filename="mem.tmx")
    assert not MemoryUnit.objects.exists()


def test_import_memory_command(project, tmp_path):
    path = tmp_path / "mem.tmx"
    path.write_bytes(TMX)
    out = io.StringIO()
    call_command("import_memory", project.slug, str(path), stdout=out)
    assert "Added 1 units" in out.getvalue()


def test_a_big_memory_file_read_in_the_helper_adds_the_same_units(
    settings, project, helpers_started
):
    from reviews.errors import ImportFailed

    started = helpers_started
    body = "".join(
        f'<tu><tuv xml:lang="zh-CN"><seg>浙江{i}号。</seg></tuv>'
        f'<tuv xml:lang="en"><seg>Zhejiang No. {i}.</seg></tuv></tu>'
        for i in range(1500)
    )
    data = TMX.replace(b"</body>", body.encode() + b"</body>")

    def stored():
        units = MemoryUnit.objects.filter(project=project).order_by("source", "target")
        return list(units.values_list("source", "target", "key", "key_kind", "origin"))

    settings.PARSE_HELPER_MIN_BYTES = 0  # never
    assert services.memory_import_tmx(project=project, data=data, filename="m.tmx") == 1501
    here = stored()
    MemoryUnit.objects.all().delete()
    settings.PARSE_HELPER_MIN_BYTES = len(data)
    assert services.memory_import_tmx(project=project, data=data, filename="m.tmx") == 1501
    assert stored() == here and len(started) == 1 and started[0].process.returncode == 0
    settings.PARSE_HELPER_MIN_BYTES = 1
    with pytest.raises(ImportFailed, match=r"^late.tmx: line \d+: malformed XML"):
        services.memory_import_tmx(project=project, data=data[:-40], filename="late.tmx")
    assert len(started) == 2 and stored() == here  # nothing of the bad file was added
