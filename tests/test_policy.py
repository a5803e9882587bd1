"""Who wrote a segment's text (policy.text_authors): the text decides, not the last writer.

The author of the current text is the author of the earliest revision of the segment's
current run that made its text exactly that text; the run starts at the import or at
the latest new version of the file that changed the text.
"""

from reviews import policy, services
from tests.conftest import SEED


def author(segment):
    return policy.text_authors([segment.pk])[segment.pk]


def edit(segment, user, text):
    segment.refresh_from_db()
    return services.segment_edit(segment=segment, user=user, target=text, version=segment.version)


def test_the_imported_text_has_no_author(segment):
    assert author(segment) is None


def test_whoever_changes_the_text_writes_it(segment, users):
    edit(segment, users["translator"], "The translator's text.")
    assert author(segment) == users["translator"].pk
    edit(segment, users["editor"], "The editor's text.")
    assert author(segment) == users["editor"].pk


def test_restoring_the_translators_version_leaves_the_text_theirs(segment, users):
    edit(segment, users["translator"], "The translator's text.")  # v2
    edit(segment, users["editor"], "The editor's text.")  # v3
    segment.refresh_from_db()
    services.segment_revert(segment=segment, user=users["editor"], to_version=2, version=3)
    segment.refresh_from_db()
    assert segment.revisions.order_by("-version").first().author == users["editor"]
    assert author(segment) == users["translator"].pk


def test_typing_someone_elses_words_again_leaves_the_text_theirs(segment, users):
    edit(segment, users["translator"], "The translator's text.")
    edit(segment, users["editor"], "The editor's text.")
    edit(segment, users["editor"], "The translator's text.")
    assert author(segment) == users["translator"].pk


def test_restoring_the_imported_text_has_no_author(segment, users):
    edit(segment, users["editor"], "The editor's text.")  # v2
    segment.refresh_from_db()
    services.segment_revert(segment=segment, user=users["editor"], to_version=1, version=2)
    assert author(segment) is None


def test_approving_and_rejecting_write_no_text(segment, users):
    edit(segment, users["translator"], "The translator's text.")
    segment.refresh_from_db()
    services.segment_reject(segment=segment, reviewer=users["editor"], reason="No.", version=2)
    assert author(segment) == users["translator"].pk


def _new_version(document, user, old, new):
    text = SEED.read_text()
    assert old in text
    services.document_reimport(
        document=document, data=text.replace(old, new).encode(), filename="v2.txt", user=user
    )


def test_a_new_version_of_the_file_starts_a_new_run(document, segment, users):
    mt = segment.target
    _new_version(document, users["manager"], "Zhe Yunan", "Zhe Yun An")
    segment.refresh_from_db()
    assert segment.target == mt.replace("Zhe Yunan", "Zhe Yun An")
    assert author(segment) == users["manager"].pk  # a new version's text is its uploader's
    # The imported text of the earlier run, typed again, is the typist's now.
    edit(segment, users["editor"], mt)
    assert author(segment) == users["editor"].pk


def test_a_new_version_that_keeps_the_translation_keeps_its_author(document, segment, users):
    edit(segment, users["translator"], "The translator's Zheyun'an.")
    _new_version(document, users["manager"], "Zhe Yunan", "Zhe Yun An")
    segment.refresh_from_db()
    assert segment.target == "The translator's Zheyun'an."
    assert author(segment) == users["translator"].pk


def test_before_a_version_asks_for_the_text_an_undo_brings_back(segment, users):
    edit(segment, users["translator"], "The translator's text.")  # v2
    edit(segment, users["editor"], "The editor's text.")  # v3
    edit(segment, users["editor"], "The translator's text.")  # v4
    edit(segment, users["manager"], "The manager's text.")  # v5
    asked = lambda version: policy.text_authors([segment.pk], before_version={segment.pk: version})  # noqa: E731
    assert asked(5)[segment.pk] == users["translator"].pk  # the text of v4
    assert asked(4)[segment.pk] == users["editor"].pk  # the text of v3
    assert asked(2)[segment.pk] is None  # the imported text
