"""Issue 17, point 1: inline codes survive a round trip exactly, whatever their numbering
(an ``i`` repeated within a segment, gaps, nesting, <sub> inside codes), in TMX and in
XLIFF; a segment holding something that is no inline code is refused with its line."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from reviews import services
from reviews.checks import CheckContext, InlineTagsCheck
from reviews.errors import ImportFailed
from reviews.formats import FormatError
from reviews.models import Document
from tests.formats.canonical import tmx_units, xliff_units
from tests.formats.support import as_export, assert_valid, parse, render, tmx_dtd, xliff_schema

# The example: two paired codes share i="1" in one segment (invalid TMX that real
# tools write); the export used to repeat the second <bpt> in place of the first.
LI = '<bpt i="1" type="struct">&lt;LI&gt;</bpt>'
B = '<bpt i="1" type="bold">&lt;b&gt;</bpt>'
END_B, END_LI = '<ept i="1">&lt;/b&gt;</ept>', '<ept i="1">&lt;/LI&gt;</ept>'
UNITS = [
    (f"{LI}第一条 {B}加粗{END_B}{END_LI}", f"{LI}Item one {B}bold{END_B}{END_LI}"),
    (  # gaps and numbers out of order, a placeholder and an isolated code
        '<bpt i="7" x="3">&lt;a href="x"&gt;</bpt>链接<ept i="7">&lt;/a&gt;</ept>'
        '<ph x="9" type="lb">&lt;br/&gt;</ph><it pos="begin" x="2">&lt;i&gt;</it>斜',
        '<it pos="begin" x="2">&lt;i&gt;</it>italic <ph x="9" type="lb">&lt;br/&gt;</ph>'
        '<bpt i="7" x="3">&lt;a href="x"&gt;</bpt>link<ept i="7">&lt;/a&gt;</ept>',
    ),
    (  # nested highlights around codes, and a <sub> with its own codes inside a <ph>
        '<hi type="b">外<hi type="i">内<ph>&lt;x/&gt;</ph></hi></hi>'
        '<ph x="1">&lt;img alt="<sub>图 <bpt i="1">&lt;b&gt;</bpt>注<ept i="1">&lt;/b&gt;'
        '</ept></sub>"&gt;</ph>',
        '<hi type="b">outer <hi type="i">inner<ph>&lt;x/&gt;</ph></hi></hi>'
        '<ph x="1">&lt;img alt="<sub>Figure <bpt i="1">&lt;b&gt;</bpt>note<ept i="1">'
        '&lt;/b&gt;</ept></sub>"&gt;</ph>',
    ),
    (  # a closing code before its opening one, and the same pair twice over
        f"{END_B}尾 {B}头{END_B} {B}再{END_B}",
        f"{END_B}tail {B}head{END_B} {B}again{END_B}",
    ),
]


def tmx_file(units=UNITS) -> bytes:
    rows = "\n".join(
        f'<tu tuid="u{n}"><tuv xml:lang="zh-CN"><seg>{zh}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{en}</seg></tuv></tu>'
        for n, (zh, en) in enumerate(units)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<header '
        'creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" '
        f'adminlang="en" srclang="zh-CN" datatype="html"/>\n<body>\n{rows}\n</body>\n</tmx>\n'
    ).encode()


def test_tmx_codes_come_back_exactly_whatever_their_numbering():
    data = tmx_file()
    parsed = parse("tmx", data)
    out = render("tmx", parsed.skeleton, as_export(parsed))
    assert_valid(tmx_dtd(), out)
    assert tmx_units(out) == tmx_units(data)


def test_codes_sharing_an_i_are_distinct_tokens_on_the_page_and_for_qa():
    first = parse("tmx", tmx_file()).units[0]
    assert first.source == "⟨1⟩第一条 ⟨2⟩加粗⟨/2⟩⟨/1⟩"
    assert first.target == "⟨1⟩Item one ⟨2⟩bold⟨/2⟩⟨/1⟩"
    assert first.meta["tags"]["⟨1⟩"] == LI and first.meta["tags"]["⟨2⟩"] == B
    check = InlineTagsCheck()
    assert check.check(CheckContext(first.source, first.target, "zh-CN", "en")) == []
    dropped = CheckContext(first.source, "⟨1⟩Item one bold⟨/2⟩⟨/1⟩", "zh-CN", "en")
    assert [i.message for i in check.check(dropped)] == ['Tag "⟨2⟩" of the source is missing']


def test_an_edited_target_keeps_each_code_it_still_has():
    parsed = parse("tmx", tmx_file())
    edited = "⟨2⟩Bold⟨/2⟩ then ⟨1⟩item⟨/1⟩"  # the translator swapped the two pairs
    out = render("tmx", parsed.skeleton, as_export(parsed, targets={0: edited}))
    assert_valid(tmx_dtd(), out)
    assert f"<seg>{B}Bold{END_B} then {LI}item{END_LI}</seg>" in out.decode()


XLIFF_SOURCE = (
    '<bpt id="1" ctype="x-li">&lt;LI&gt;</bpt>条 <bpt id="1" ctype="bold">&lt;b&gt;</bpt>粗'
    '<ept id="1">&lt;/b&gt;</ept><ept id="1">&lt;/LI&gt;</ept> <g id="5" ctype="italic">斜'
    '<x id="2"/></g><bx id="8" rid="3"/>跨<ex id="9" rid="3"/><ph id="4">&lt;img alt="'
    '<sub>图<g id="6">注</g></sub>"&gt;</ph><it id="7" pos="open">&lt;u&gt;</it>'
    '<mrk mtype="term">术语</mrk>'
)
XLIFF_TARGET = (
    '<mrk mtype="term">term</mrk> <bpt id="1" ctype="x-li">&lt;LI&gt;</bpt>item '
    '<bpt id="1" ctype="bold">&lt;b&gt;</bpt>bold<ept id="1">&lt;/b&gt;</ept>'
    '<ept id="1">&lt;/LI&gt;</ept><g id="5" ctype="italic">it<x id="2"/></g>'
    '<bx id="8" rid="3"/>span<ex id="9" rid="3"/><ph id="4">&lt;img alt="<sub>Figure'
    '<g id="6">note</g></sub>"&gt;</ph><it id="7" pos="open">&lt;u&gt;</it>'
)


def xliff_file(source=XLIFF_SOURCE, target=XLIFF_TARGET) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '<file source-language="zh-CN" target-language="en" datatype="html" original="a">'
        "<body>\n"
        f'<trans-unit id="t1"><source>{source}</source><target>{target}</target>'
        "</trans-unit>\n</body></file></xliff>\n"
    ).encode()


def test_xliff_codes_come_back_exactly_whatever_their_numbering():
    data = xliff_file()
    assert_valid(xliff_schema(), data)
    parsed = parse("xliff", data)
    unit = parsed.units[0]
    assert unit.source.startswith("⟨1⟩条 ⟨2⟩粗⟨/2⟩⟨/1⟩")
    assert "⟨1⟩item ⟨2⟩bold⟨/2⟩⟨/1⟩" in unit.target
    out = render("xliff", parsed.skeleton, as_export(parsed))
    assert_valid(xliff_schema(), out)
    assert xliff_units(out) == xliff_units(data)


TMX_NOT_A_CODE = tmx_file([("你好", "Hello"), ("<b>粗</b>", "<b>bold</b>")])


@pytest.mark.parametrize(
    ("name", "data", "line", "element"),
    [
        ("x.tmx", TMX_NOT_A_CODE, 6, "b"),
        ("x.xlf", xliff_file(target='Hello <span class="b">x</span>'), 4, "span"),
    ],
)
def test_a_segment_holding_no_inline_code_is_refused_naming_the_line(name, data, line, element):
    kind = "tmx" if name.endswith("tmx") else "xliff"
    with pytest.raises(FormatError) as caught:
        parse(kind, data)
    assert (caught.value.line, caught.value.element) == (line, element)
    assert f"<{element}> is not an inline code" in str(caught.value)


@pytest.mark.django_db
def test_the_refusal_through_the_service_cli_and_api_stores_nothing(
    client, project, users, tmp_path
):
    with pytest.raises(ImportFailed) as caught:
        services.document_import(project=project, data=TMX_NOT_A_CODE, filename="odd.tmx")
    assert caught.value.message.startswith("odd.tmx: line 6, element <b>: <b> is not an inline")
    path = tmp_path / "odd.tmx"
    path.write_bytes(TMX_NOT_A_CODE)
    with pytest.raises(CommandError, match=r"odd.tmx: line 6, element <b>: <b> is not an inline"):
        call_command("import_document", "zj", str(path), stdout=io.StringIO())
    token = services.api_token_create(user=users["manager"])
    response = client.post(
        f"/api/v1/projects/{project.slug}/documents",
        data={"file": SimpleUploadedFile("odd.tmx", TMX_NOT_A_CODE)},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 422  # the API's status for a file it cannot import
    assert response.json()["file"] == "odd.tmx" and "line 6" in response.json()["detail"]
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_the_review_page_shows_each_code_as_its_own_token(client, project, users):
    document = services.document_import(project=project, data=tmx_file(), filename="li.tmx")
    client.force_login(users["translator"])
    page = client.get(reverse("reviews:document", args=[document.pk])).text
    assert "⟨1⟩Item one ⟨2⟩bold⟨/2⟩⟨/1⟩" in page
    exported = services.document_export(document=document, format_name="tmx")
    assert tmx_units(exported) == tmx_units(tmx_file())
