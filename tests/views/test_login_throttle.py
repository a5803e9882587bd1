"""The log-in throttle behind a proxy (issue 15, point 10): failures count per user name
and client address, the client's address is the one the trusted proxy reports, and
guessing one account from many addresses, or many accounts from one, is still limited."""

import pytest
from django.core.cache import cache

from reviews.views.auth import client_address
from tests.conftest import PASSWORD

PROXY = "10.0.0.2"  # what REMOTE_ADDR is for every request behind the proxy


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXY_HOPS = 1
    settings.LOGIN_FAILURES_ALLOWED = 5
    settings.LOGIN_FAILURES_PER_USER = 12
    settings.LOGIN_FAILURES_PER_ADDRESS = 12
    cache.clear()
    yield
    cache.clear()


def log_in(client, username, password, client_ip, forwarded=None) -> int:
    """One attempt through the proxy, which appends the address it saw."""
    chain = f"{forwarded}, {client_ip}" if forwarded else client_ip
    response = client.post(
        "/accounts/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=chain,
    )
    client.logout()
    return response.status_code


def test_wrong_passwords_for_one_name_do_not_lock_another(client, users, behind_proxy):
    for _ in range(5):
        assert log_in(client, "translator", "wrong", "203.0.113.5") == 200
    assert log_in(client, "translator", PASSWORD, "203.0.113.5") == 429
    assert log_in(client, "editor", PASSWORD, "203.0.113.5") == 302  # same client
    assert log_in(client, "editor", PASSWORD, "198.51.100.7") == 302  # another one


def test_the_same_name_from_another_client_is_counted_apart(client, users, behind_proxy):
    for _ in range(5):
        log_in(client, "translator", "wrong", "203.0.113.5")
    assert log_in(client, "translator", PASSWORD, "203.0.113.5") == 429
    assert log_in(client, "translator", PASSWORD, "198.51.100.7") == 302


def test_a_client_cannot_pick_its_address_by_sending_the_header(client, users, behind_proxy):
    """The entries left of the proxy's own are the client's to write: ignored."""
    for i in range(5):
        log_in(client, "translator", "wrong", "203.0.113.5", forwarded=f"192.0.2.{i}")
    assert log_in(client, "translator", PASSWORD, "203.0.113.5", forwarded="192.0.2.99") == 429


def test_one_account_guessed_from_many_addresses_is_still_limited(client, users, behind_proxy):
    for i in range(12):  # LOGIN_FAILURES_PER_USER, two from each of six addresses
        assert log_in(client, "translator", "wrong", f"198.51.100.{i // 2}") == 200
    assert log_in(client, "translator", PASSWORD, "203.0.113.200") == 429
    assert log_in(client, "editor", PASSWORD, "203.0.113.200") == 302


def test_many_names_tried_from_one_address_are_limited(client, users, behind_proxy):
    for i in range(12):  # LOGIN_FAILURES_PER_ADDRESS, a name each time
        assert log_in(client, f"someone{i}", "wrong", "203.0.113.5") == 200
    assert log_in(client, "editor", PASSWORD, "203.0.113.5") == 429
    assert log_in(client, "editor", PASSWORD, "198.51.100.7") == 302


def test_a_good_log_in_forgives_that_clients_typos(client, users, behind_proxy):
    for _ in range(4):
        log_in(client, "translator", "wrong", "203.0.113.5")
    assert log_in(client, "translator", PASSWORD, "203.0.113.5") == 302
    for _ in range(4):
        assert log_in(client, "translator", "wrong", "203.0.113.5") == 200
    assert log_in(client, "translator", PASSWORD, "203.0.113.5") == 302


@pytest.mark.parametrize(
    ("header", "hops", "meta", "address"),
    [
        ("", 1, {"HTTP_X_FORWARDED_FOR": "192.0.2.1"}, "10.0.0.2"),  # no proxy trusted
        ("X-Forwarded-For", 1, {"HTTP_X_FORWARDED_FOR": "192.0.2.1, 203.0.113.5"}, "203.0.113.5"),
        (
            "X-Forwarded-For",
            2,
            {"HTTP_X_FORWARDED_FOR": "192.0.2.1, 203.0.113.5, 10.1.1.1"},
            "203.0.113.5",
        ),
        ("X-Forwarded-For", 2, {"HTTP_X_FORWARDED_FOR": "203.0.113.5"}, "10.0.0.2"),  # too few
        ("X-Forwarded-For", 1, {}, "10.0.0.2"),  # not through the proxy
        ("X-Forwarded-For", 1, {"HTTP_X_FORWARDED_FOR": "not-an-address"}, "10.0.0.2"),
        ("X-Real-IP", 1, {"HTTP_X_REAL_IP": "2001:db8::1"}, "2001:db8::1"),
    ],
)
def test_client_address(rf, settings, header, hops, meta, address):
    settings.TRUSTED_PROXY_HEADER, settings.TRUSTED_PROXY_HOPS = header, hops
    assert client_address(rf.get("/", REMOTE_ADDR="10.0.0.2", **meta)) == address
