"""Mutated real files: every adapter either reads them or raises FormatError, nothing else."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviews.formats import FORMATS, ExportOptions, FormatError
from tests.formats.support import DJANGO, TMX_FILES, as_export
from tests.formats.test_xliff import RICH

SEEDS = [
    *(path.read_bytes() for path in TMX_FILES),
    RICH,
    (DJANGO / "contrib/admin/locale/ar/LC_MESSAGES/djangojs.po").read_bytes(),
    (DJANGO / "contrib/admin/locale/zh_Hans/LC_MESSAGES/djangojs.po").read_bytes(),
]
PAIRS = [("en-US", "fr-CA"), ("zh-CN", "en"), ("en", "ar")]
INTERESTING = [b"<", b">", b"&", b'"', b"\\", b"\n", b"\x00", b"\xff", b"]]>", b"<!ENTITY",
               b"msgstr[9] ", b"#~ ", b"&#0;", b"\xef\xbb\xbf", b"<tu>", b"</seg>"]  # fmt: skip


@st.composite
def mutated(draw) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["delete", "insert", "replace", "truncate", "dup"]))
        if action == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif action == "insert":
            data[at:at] = draw(st.sampled_from(INTERESTING) | st.binary(min_size=1, max_size=8))
        elif action == "replace":
            data[at] = draw(st.integers(0, 255))
        elif action == "truncate":
            del data[at:]
        else:
            data[at:at] = data[at : at + draw(st.integers(1, 200))]
    return bytes(data)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=mutated(), pair=st.sampled_from(PAIRS))
def test_mutated_files_parse_or_raise_format_error(data, pair):
    for fmt in FORMATS.values():
        try:
            parsed = fmt.parse(data, source_lang=pair[0], target_lang=pair[1])
        except FormatError as exc:
            assert str(exc)
            continue
        json.dumps(parsed.skeleton)
        json.dumps([u.meta for u in parsed.units])
        # whatever was read can be written back
        fmt.render(
            parsed.skeleton,
            as_export(parsed),
            source_lang=pair[0],
            target_lang=pair[1],
            options=ExportOptions(include_mt=True),
        )
