"""The benchmark cases of issue #8: name → module under bench/cases/ that defines a
function of that name returning a list of result rows (bench.support.row); a case may
give several rows, named for what they measure."""

CASES = {
    "tmx_import_100k": "files",
    "tmx_update_100k": "files",  # --update of the unchanged file against its fresh import
    "po_import_50k": "files",
    "tmx_export_100k": "files",
    "po_export_50k": "files",
    "review_page_5k": "pages",
    "segment_save_p95": "pages",
    "qa_10k": "qa",
    "metrics_10k": "metrics",  # api_document_metrics_10k and metrics_rebuild_10k
    "memory_100k": "memory",  # tm_import_100k and tm_lookup_p95
    # API segment pages: middle and last against the first, and a default page's size
    "api_segment_pages_100k": "api_pages",
    "repetitions_100k": "repetitions",  # a segment's repetition count: 100,000 against 100
    # the review page in Chromium: keypress to the next box, typing ahead, rows in view, Tabs
    "browser_keyboard": "browser",
}
