import pytest

from reviews import services


@pytest.fixture
def tokens(users):
    """A bearer token for every user, members and the outsider alike."""
    return {name: services.api_token_create(user=user) for name, user in users.items()}


@pytest.fixture
def api(client, tokens):
    """api(user, method, path, **kwargs): a request to /api/v1 with that user's token."""

    def call(user, method, path, json=None, **kwargs):
        headers = {"Authorization": f"Bearer {tokens[user]}"} if user else {}
        if json is not None:
            kwargs["data"] = json
            kwargs["content_type"] = "application/json"
        return getattr(client, method.lower())(f"/api/v1{path}", headers=headers, **kwargs)

    return call
