"""The personal queue: a rejection goes to the author of the rejected text."""

from django.urls import reverse

from reviews import selectors, services
from tests.conftest import PASSWORD


def queue_text(client, who):
    client.login(username=who, password=PASSWORD)
    html = client.get(reverse("reviews:queue")).text
    return html.split("Rejected for me", 1)[1].split("Waiting for my review", 1)[0]


def test_a_rejection_of_the_restored_translators_text_goes_to_the_translator(
    client, segment, users
):
    translator, editor = users["translator"], users["editor"]
    segment = services.segment_edit(
        segment=segment, user=translator, target="The translator's text.", version=1
    )
    segment = services.segment_edit(
        segment=segment, user=editor, target="The editor's text.", version=2
    )
    # The editor restores the translator's version: the editor saved last, the text is
    # the translator's.
    segment = services.segment_revert(segment=segment, user=editor, to_version=2, version=3)
    segment = services.segment_reject(
        segment=segment, reviewer=editor, reason="Say Zheyun'an.", version=4
    )

    assert [s.pk for s in selectors.user_queue(user=translator)["rejected"]] == [segment.pk]
    assert selectors.user_queue(user=editor)["rejected"] == []
    number = f"segment {segment.position + 1}<"
    assert number in queue_text(client, "translator")
    assert number not in queue_text(client, "editor")


def test_a_rejection_of_the_editors_own_text_goes_to_the_editor(client, segment, users):
    segment = services.segment_edit(
        segment=segment, user=users["translator"], target="The translator's text.", version=1
    )
    segment = services.segment_edit(
        segment=segment, user=users["editor"], target="The editor's text.", version=2
    )
    services.segment_reject(segment=segment, reviewer=users["manager"], reason="No.", version=3)
    assert selectors.user_queue(user=users["translator"])["rejected"] == []
    assert len(selectors.user_queue(user=users["editor"])["rejected"]) == 1


def test_the_queue_asks_a_bounded_number_of_queries(segment, users, django_assert_max_num_queries):
    for other in segment.document.segments.order_by("position")[:10]:
        other = services.segment_edit(
            segment=other, user=users["translator"], target=f"Text {other.pk}.", version=1
        )
        services.segment_reject(segment=other, reviewer=users["editor"], reason="No.", version=2)
    with django_assert_max_num_queries(6):
        queue = selectors.user_queue(user=users["translator"])
    assert len(queue["rejected"]) == 10
