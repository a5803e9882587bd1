"""The starter glossary on the glossary page: managers see it and load it with a
confirmation that works without JavaScript; others neither see nor reach it."""

from django.urls import reverse

from reviews.checks.literal import literal_terms
from reviews.models import GlossaryTerm
from tests.conftest import PASSWORD


def login(client, username):
    assert client.login(username=username, password=PASSWORD)


def test_a_manager_sees_the_offer_with_its_terms(client, project, users):
    login(client, "manager")
    page = client.get(reverse("reviews:glossary", args=[project.slug])).text
    assert "Load the starter glossary" in page
    assert f"Add these {len(literal_terms())} terms" in page
    assert "防台" in page and "typhoon prevention" in page


def test_an_editor_does_not_see_the_offer(client, project, users):
    login(client, "editor")
    page = client.get(reverse("reviews:glossary", args=[project.slug])).text
    assert "Load the starter glossary" not in page


def test_loading_needs_the_box_ticked(client, project, users):
    login(client, "manager")
    url = reverse("reviews:glossary-starter", args=[project.slug])
    response = client.post(url, {})
    assert response.status_code == 422
    assert "Tick the box to confirm" in response.text
    assert not GlossaryTerm.objects.filter(project=project).exists()


def test_a_manager_loads_it_and_a_second_load_adds_nothing(client, project, users):
    login(client, "manager")
    url = reverse("reviews:glossary-starter", args=[project.slug])
    response = client.post(url, {"confirm": "yes"}, follow=True)
    assert f"Added {len(literal_terms())} starter terms" in response.text
    response = client.post(url, {"confirm": "yes"}, follow=True)
    assert "Added 0 starter terms" in response.text
    assert GlossaryTerm.objects.filter(project=project).count() == len(literal_terms())


def test_an_editor_is_refused(client, project, users):
    login(client, "editor")
    url = reverse("reviews:glossary-starter", args=[project.slug])
    assert client.post(url, {"confirm": "yes"}).status_code == 403
    assert not GlossaryTerm.objects.filter(project=project).exists()
