"""Find and replace through HTTP, JavaScript off: preview, apply, undo."""

import re

from django.urls import reverse

from tests.conftest import PASSWORD

FIND = {"find": "Zhe Yunan", "replacement": "Zheyun'an"}


def login(client, username):
    client.login(username=username, password=PASSWORD)


def test_preview_apply_undo(client, document, segment):
    login(client, "editor")
    url = reverse("reviews:find-replace", args=["zj"])
    html = client.get(url, FIND).text
    assert "1 segment would change" in html
    assert "<del>" in html and "Zheyun&#x27;an</ins>" in html
    pick = re.search(r'name="pick" value="([\d:]+)"', html).group(1)
    assert pick == f"{segment.pk}:1:0"
    response = client.post(url, {**FIND, "pick": pick}, follow=True)
    assert "Replaced in 1 segment." in response.text
    segment.refresh_from_db()
    assert "Zheyun'an" in segment.target and segment.state == "translated"
    batch = re.search(r'name="batch" value="([0-9a-f-]+)"', response.text).group(1)
    response = client.post(
        reverse("reviews:find-replace-undo", args=["zj"]), {"batch": batch}, follow=True
    )
    assert "Undone: 1 segment restored." in response.text
    segment.refresh_from_db()
    assert "Zhe Yunan" in segment.target and segment.state == "new"


def test_document_scope_is_prefilled_from_the_review_page(client, document):
    login(client, "translator")
    html = client.get(reverse("reviews:document", args=[document.pk])).text
    link = f"/projects/zj/replace/?document={document.pk}"
    assert link in html
    html = client.get(link).text
    assert f'<option value="{document.pk}" selected>' in html


def test_bad_pattern_is_refused_with_a_message(client, document):
    login(client, "editor")
    response = client.get(
        reverse("reviews:find-replace", args=["zj"]), {"find": "(", "use_regex": "on"}
    )
    assert response.status_code == 422
    assert "The regular expression is not valid" in response.text


def test_nothing_picked_changes_nothing(client, document, segment):
    login(client, "editor")
    response = client.post(reverse("reviews:find-replace", args=["zj"]), FIND)
    assert response.status_code == 422
    assert "Choose at least one segment" in response.text
    segment.refresh_from_db()
    assert segment.version == 1


def test_only_the_ticked_occurrences_are_replaced(client, project, users):
    from reviews import services

    document = services.document_import(
        project=project,
        data=b"Zheli here, Zheli there and Zheli everywhere.\n",
        filename="z.txt",
        user=users["manager"],
    )
    segment = document.segments.get()
    login(client, "editor")
    url = reverse("reviews:find-replace", args=["zj"])
    find = {"find": "Zheli", "replacement": "Zheli Ban", "whole_word": "on"}
    html = client.get(url, find).text
    values = re.findall(r'name="pick" value="([\d:]+)"', html)
    assert values == [f"{segment.pk}:1:{i}" for i in range(3)]
    assert html.count("<ins> Ban</ins>") == 3 or html.count("Ban</ins>") >= 3
    client.post(url, {**find, "pick": [values[0], values[2]]})
    segment.refresh_from_db()
    assert segment.target == "Zheli Ban here, Zheli there and Zheli Ban everywhere."
