"""Imports and exports of big files, each against the library doing the bare minimum
with the same file: lxml's iterparse, polib's parser, lxml's xmlfile, polib's writer.

The import is measured first and its peak memory read before any floor runs, so the
peak is the import's own (the process holds Django and the app, as a worker does).
"""

from __future__ import annotations

import io

from django.core.management import call_command

from bench import generate
from bench.support import helper_peaks, in_turn, peak_rss_mb, project, row, timed
from reviews import services

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _tmx_floors(path):
    """(reading floor, bare floor) as callables: an iterparse that reads each variant's
    language and segment text, and one that only walks the <tu> elements."""
    from lxml import etree

    def reading():
        units = 0
        for _event, tu in etree.iterparse(str(path), tag="tu"):
            for tuv in tu:
                if tuv.tag == "tuv":
                    tuv.get(XML_LANG)
                    "".join(tuv[0].itertext())
            units += 1
            tu.clear()
            while tu.getprevious() is not None:
                del tu.getparent()[0]
        return units

    def bare():
        for _event, tu in etree.iterparse(str(path), tag="tu"):
            tu.clear()

    return reading, bare


IMPORT_RUNS = 2  # each from emptied tables, in turn with the floors (3 runs of each)


def _import_runs(path, expected: int, *floors) -> tuple[float, float, list[float]]:
    """(seconds, peak RSS in MB of the first run, floors): the best of IMPORT_RUNS
    imports of ``path``, each into emptied tables, in turn with the floors (``in_turn``).
    The peak is this process's plus its reading helper's (both run at once), added."""
    data = path.read_bytes()
    peaks = []

    def measure(run: int) -> float:
        if run:
            call_command("flush", interactive=False, verbosity=0)
        proj = project()
        with helper_peaks() as helpers:
            seconds, doc = timed(
                lambda: services.document_import(project=proj, data=data, filename=path.name)
            )
        assert len(helpers) == 1, "the file is read in a helper process"
        peaks.append(peak_rss_mb() + helpers[0])
        assert doc.segments.count() == expected
        assert doc.segments.first().revisions.count() == 1
        return seconds

    times, floor_times = in_turn(IMPORT_RUNS, measure, *floors)
    return min(times), peaks[0], floor_times


def tmx_import_100k():
    path = generate.tmx()
    rss_before = peak_rss_mb()
    value_s, rss_peak, (floor_s, bare_s) = _import_runs(path, 100_000, *_tmx_floors(path))
    return [
        row(
            "tmx_import_100k", value_s, "s", floor_s, 3,
            note=f"best of {IMPORT_RUNS} imports in turn with 3 floor runs; floor reads every "
            f"variant's language and text; against a bare iterparse ({bare_s:.3f} s): "
            f"{value_s / bare_s:.1f}x",
        ),
        row(
            "tmx_import_100k_peak_rss", rss_peak, "MB", None, 200, ratio_target=False,
            note=f"the importing process's peak and its reading helper's, added; "
            f"{rss_before:.0f} MB before the import",
        ),
    ]  # fmt: skip


def tmx_update_100k():
    """``--update`` of the unchanged file against the fresh import of it, in turn: the
    re-import must keep every segment and write none of them."""
    from reviews.models import Revision

    path = generate.tmx()
    data = path.read_bytes()
    proj = project()
    doc = services.document_import(project=proj, data=data, filename=path.name)
    revisions = Revision.objects.filter(segment__document=doc).count()

    def fresh_import() -> float:
        fresh = project(f"bench-fresh-{len(floors)}")  # its own, as tmx_import_100k's
        seconds, _doc = timed(
            lambda: services.document_import(project=fresh, data=data, filename=path.name)
        )
        return seconds

    def update() -> float:
        seconds, report = timed(
            lambda: services.document_reimport(document=doc, data=data, filename=path.name)
        )
        assert len(report.kept) == 100_000 and not (report.changed or report.added)
        return seconds

    floors: list[float] = []
    times: list[float] = []
    floors.append(fresh_import())  # in turn: floor, update, floor, update, floor
    for _run in range(IMPORT_RUNS):
        times.append(update())
        floors.append(fresh_import())
    floor_s = min(floors)
    assert Revision.objects.filter(segment__document=doc).count() == revisions
    note = (
        f"best of {IMPORT_RUNS} --update runs of the unchanged file, in turn with 3 fresh "
        "imports of it (the floor), each into a new project"
    )
    return [row("tmx_update_100k", min(times), "s", floor_s, 1.0, note=note)]


def po_import_50k():
    import polib

    path = generate.po()
    value_s, _rss, (floor_s,) = _import_runs(path, 50_000, lambda: polib.pofile(str(path)))
    note = f"best of {IMPORT_RUNS} imports in turn with 3 runs of polib.pofile"
    return [row("po_import_50k", value_s, "s", floor_s, 2, note=note)]


def tmx_export_100k():
    from lxml import etree

    proj = project()
    path = generate.tmx()
    doc = services.document_import(project=proj, data=path.read_bytes(), filename=path.name)
    rows = list(doc.segments.order_by("position").values_list("source", "target"))

    def floor():
        out = io.BytesIO()
        with etree.xmlfile(out, encoding="utf-8") as xf:
            xf.write_declaration()
            with xf.element("tmx", version="1.4"):
                xf.write(etree.Element("header", srclang="zh-CN"))
                with xf.element("body"):
                    for i, (source, target) in enumerate(rows):
                        tu = etree.Element("tu", tuid=str(i))
                        for lang, text in (("zh-CN", source), ("en", target)):
                            tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
                            etree.SubElement(tuv, "seg").text = text
                        xf.write(tu)
        return out.getvalue()

    value_s, data, floor_s = _export_runs(doc, "tmx", floor)
    assert data.count(b"<tu ") >= 100_000
    return [row("tmx_export_100k", value_s, "s", floor_s, 2, note=_EXPORT_NOTE)]


EXPORT_RUNS = 3
_EXPORT_NOTE = f"best of {EXPORT_RUNS} exports in turn with {EXPORT_RUNS + 1} floor runs"


def _export_runs(doc, format_name: str, floor) -> tuple[float, bytes, float]:
    """(seconds, bytes, floor seconds): the best of EXPORT_RUNS exports, in turn with
    the floor."""

    def measure(_run: int):
        return timed(lambda: services.document_export(document=doc, format_name=format_name))

    runs, (floor_s,) = in_turn(EXPORT_RUNS, measure, floor)
    value_s, data = min(runs, key=lambda run: run[0])
    return value_s, data, floor_s


def po_export_50k():
    import polib

    proj = project()
    path = generate.po()
    doc = services.document_import(project=proj, data=path.read_bytes(), filename=path.name)
    parsed = polib.pofile(str(path))
    value_s, data, floor_s = _export_runs(doc, "po", lambda: parsed.__unicode__().encode())
    assert data.count(b"\nmsgid ") >= 50_000
    return [row("po_export_50k", value_s, "s", floor_s, 1.5, note=_EXPORT_NOTE)]
