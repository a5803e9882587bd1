"""The benchmark cases of issue #8: name → module under bench/cases/ that defines a
function of that name returning a list of result rows (bench.support.row)."""

CASES = {
    "tmx_import_100k": "files",
    "po_import_50k": "files",
    "tmx_export_100k": "files",
    "po_export_50k": "files",
    "review_page_5k": "pages",
    "segment_save_p95": "pages",
    "qa_10k": "qa",
    "api_document_metrics_10k": "metrics",
    "metrics_rebuild_10k": "metrics",
    "tm_import_100k": "memory",
    "tm_lookup_p95": "memory",
}
