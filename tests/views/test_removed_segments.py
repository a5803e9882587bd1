"""The review page shows the segments of the document's current version only."""

from django.urls import reverse

from reviews import services
from tests.conftest import PASSWORD


def test_the_review_page_leaves_out_what_a_new_version_removed(client, project, users):
    document = services.document_import(
        project=project,
        data=b"Party A agrees.\nParty B objects.\nParty C abstains.\n",
        filename="v1.txt",
        user=users["manager"],
    )
    services.document_reimport(
        document=document,
        data=b"Party C abstains.\nParty A agrees.\n",
        filename="v2.txt",
        user=users["manager"],
    )
    client.login(username="editor", password=PASSWORD)
    html = client.get(reverse("reviews:document", args=[document.pk])).text
    assert html.count('aria-label="Translation of segment') == 2
    assert "Party B objects." not in html
    assert html.index("Party C abstains.") < html.index("Party A agrees.")
    assert "2 New" in html  # the progress bar counts the current version only
