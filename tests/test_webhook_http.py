"""SSRF: webhook URLs whose host is (or resolves to) a loopback, private, link-local,
multicast, reserved or unspecified address are refused at registration and again before
each attempt, BEFORE any connection: every test here runs with connecting and real DNS
made to fail the test, and names its addresses literally or through a patched resolver."""

import socket

import pytest

from reviews import services, webhook_http
from reviews.errors import InvalidField
from reviews.models import WebhookDelivery, WebhookEndpoint

REFUSED = [
    "127.0.0.1",
    "127.8.9.10",
    "10.0.0.1",
    "10.255.255.254",
    "172.16.0.1",
    "172.31.255.254",
    "192.168.0.1",
    "169.254.169.254",  # cloud metadata
    "0.0.0.0",  # noqa: S104 (an address refused, not bound)
    "224.0.0.1",
    "239.255.255.250",
    "240.0.0.1",
    "255.255.255.255",
    "100.64.0.1",  # shared address space (carrier-grade NAT)
    "[::1]",
    "[::]",
    "[fe80::1]",
    "[fc00::1]",
    "[fd12:3456::1]",
    "[ff02::1]",
    "[::ffff:127.0.0.1]",
    "[::ffff:10.0.0.1]",
    "[::ffff:169.254.169.254]",
    "[::ffff:c0a8:1]",  # 192.168.0.1, IPv4-mapped, in hex
]
PUBLIC_V4, PUBLIC_V6 = "93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"


@pytest.fixture
def no_network(monkeypatch):
    """Connecting, or asking the real DNS, fails the test."""

    def connect(*args, **kwargs):
        pytest.fail(f"a connection was attempted: {args}")

    def resolve(*args, **kwargs):
        pytest.fail(f"the real DNS was asked: {args}")

    monkeypatch.setattr(socket, "create_connection", connect)
    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", resolve)


def resolver(monkeypatch, answers: dict[str, list[str]]):
    """socket.getaddrinfo answering from ``answers`` (host → addresses) alone."""
    asked = []

    def getaddrinfo(host, port, *args, **kwargs):
        asked.append(host)
        family = lambda a: socket.AF_INET6 if ":" in a else socket.AF_INET  # noqa: E731
        return [(family(a), socket.SOCK_STREAM, 6, "", (a, port)) for a in answers[host]]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


@pytest.mark.parametrize("host", REFUSED)
def test_private_addresses_are_refused_at_registration(no_network, project, users, host):
    with pytest.raises(InvalidField) as refused:
        services.webhook_endpoint_create(
            project=project,
            user=users["manager"],
            url=f"http://{host}:8080/hook",
            events=["segment.approved"],
        )
    assert refused.value.field == "url"
    assert "public addresses only" in refused.value.message
    assert not WebhookEndpoint.objects.exists()


@pytest.mark.parametrize("host", [PUBLIC_V4, f"[{PUBLIC_V6}]"])
def test_public_addresses_are_accepted_without_connecting(no_network, project, users, host):
    endpoint = services.webhook_endpoint_create(
        project=project, user=users["manager"], url=f"https://{host}/hook", events=["export.ready"]
    )
    assert endpoint.secret.startswith("whsec_")


def test_a_host_name_is_refused_if_any_of_its_addresses_is_private(
    no_network, monkeypatch, project, users
):
    resolver(monkeypatch, {"hooks.example.com": [PUBLIC_V4, "10.1.2.3"]})
    with pytest.raises(InvalidField, match="10.1.2.3, a private address"):
        services.webhook_endpoint_create(
            project=project,
            user=users["manager"],
            url="https://hooks.example.com/in",
            events=["segment.approved"],
        )


@pytest.mark.parametrize("url", ["ftp://93.184.215.14/x", "http:///x", "http://u:p@93.184.215.14/"])
def test_other_urls_are_refused(no_network, project, users, url):
    with pytest.raises(InvalidField):
        services.webhook_endpoint_create(
            project=project, user=users["manager"], url=url, events=["segment.approved"]
        )


def test_allow_private_lets_a_loopback_endpoint_register(no_network, project, users, settings):
    settings.WEBHOOK_ALLOW_PRIVATE = True
    services.webhook_endpoint_create(
        project=project,
        user=users["manager"],
        url="http://127.0.0.1:9/hook",
        events=["segment.approved"],
    )


def _delivery_to(project, url) -> WebhookDelivery:
    """A delivery to an endpoint stored as it was registered (public then)."""
    endpoint = WebhookEndpoint.objects.create(
        project=project, url=url, events=["segment.approved"], secret=webhook_http.new_secret()
    )
    return WebhookDelivery.objects.create(
        endpoint=endpoint, event_id="msg_1", event_type="segment.approved", payload={"type": "x"}
    )


@pytest.mark.parametrize("host", ["10.0.0.1", "172.20.1.1", "192.168.1.1", "[::ffff:127.0.0.1]"])
def test_a_private_address_is_refused_at_delivery_before_connecting(no_network, project, host):
    delivery = _delivery_to(project, f"http://{host}/hook")
    assert services.webhook_deliver(delivery_id=delivery.pk) == "failed"
    delivery.refresh_from_db()
    assert "public addresses only" in delivery.error
    assert delivery.next_attempt_at is None  # not retried


def test_dns_rebinding_is_refused_at_delivery(no_network, monkeypatch, project, users):
    """The name resolved to a public address when it was registered, and to the
    loopback now: the attempt is refused before connecting."""
    answers = {"rebind.example.com": [PUBLIC_V4]}
    resolver(monkeypatch, answers)
    endpoint = services.webhook_endpoint_create(
        project=project,
        user=users["manager"],
        url="http://rebind.example.com/hook",
        events=["segment.approved"],
    )
    answers["rebind.example.com"] = ["127.0.0.1"]
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event_id="msg_2", event_type="segment.approved", payload={}
    )
    assert services.webhook_deliver(delivery_id=delivery.pk) == "failed"
    delivery.refresh_from_db()
    assert "127.0.0.1, a loopback address" in delivery.error


def test_the_connection_goes_to_the_address_that_was_checked(monkeypatch, project):
    """The resolver is asked once per attempt, and the socket is opened to the address
    it returned, never to the host name (which a second lookup could point elsewhere)."""
    asked = resolver(monkeypatch, {"hooks.example.com": [PUBLIC_V4]})
    opened = []

    def connect(address, timeout=None, *args, **kwargs):
        opened.append(address)
        raise ConnectionRefusedError("no connection in tests")

    monkeypatch.setattr(socket, "create_connection", connect)
    delivery = _delivery_to(project, "https://hooks.example.com:8443/hook")
    assert services.webhook_deliver(delivery_id=delivery.pk) == "retrying"
    assert opened == [(PUBLIC_V4, 8443)]
    assert asked == ["hooks.example.com"]


def test_signature_matches_the_specification_example():
    """The example of the Standard Webhooks specification's reference libraries."""
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    msg_id, timestamp = "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330
    body = b'{"test": 2432232314}'
    expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    assert webhook_http.sign(secret, msg_id, timestamp, body) == expected
