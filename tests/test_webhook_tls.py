"""HTTPS deliveries go to the address that was checked while TLS still checks the URL's
host name: a receiver on 127.0.0.1 serving a certificate for ``hooks.test`` (signed by
a test CA, fixtures/tls/), reached through a patched resolver, no real DNS."""

import socket
import ssl

import pytest

from reviews import services, webhook_http
from reviews.models import WebhookDelivery, WebhookEndpoint
from tests.conftest import ROOT
from tests.webhook_receiver import Receiver

TLS = ROOT / "fixtures" / "tls"


@pytest.fixture
def tls_receiver(settings):
    settings.WEBHOOK_ALLOW_PRIVATE = True  # the receiver is on 127.0.0.1
    settings.WEBHOOK_TIMEOUT_SECONDS = 3
    started = Receiver(tls=(str(TLS / "hooks.pem"), str(TLS / "hooks.key"))).start()
    yield started
    started.stop()


@pytest.fixture
def names(monkeypatch):
    """Every name resolves to 127.0.0.1, and nothing asks the real DNS."""
    asked = []

    def getaddrinfo(host, port, *args, **kwargs):
        asked.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


@pytest.fixture
def trust_test_ca(monkeypatch):
    original = ssl.create_default_context

    def with_test_ca(*args, **kwargs):
        context = original(*args, **kwargs)
        context.load_verify_locations(cafile=str(TLS / "ca.pem"))
        return context

    monkeypatch.setattr(ssl, "create_default_context", with_test_ca)


def deliver_to(project, url) -> WebhookDelivery:
    endpoint = WebhookEndpoint.objects.create(
        project=project, url=url, events=["segment.approved"], secret=webhook_http.new_secret()
    )
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event_id="msg_tls", event_type="segment.approved", payload={"a": 1}
    )
    services.webhook_deliver(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    return delivery


def test_https_to_the_checked_address_with_the_host_names_certificate(
    db, project, tls_receiver, names, trust_test_ca
):
    delivery = deliver_to(project, f"https://hooks.test:{tls_receiver.port}/hook")
    assert (delivery.status, delivery.response_code) == ("delivered", 200)
    (request,) = tls_receiver.requests
    assert request.headers["Host"] == f"hooks.test:{tls_receiver.port}"
    # The name is resolved once, by the check; the socket is then opened to the address
    # it returned (create_connection's own lookup of a literal address asks no DNS).
    assert names == ["hooks.test", "127.0.0.1"]


def test_a_certificate_for_another_name_is_refused(db, project, tls_receiver, names, trust_test_ca):
    delivery = deliver_to(project, f"https://other.test:{tls_receiver.port}/hook")
    assert delivery.status == "retrying"
    assert "certificate" in delivery.error.lower()
    assert tls_receiver.requests == []


def test_an_untrusted_certificate_is_refused(db, project, tls_receiver, names):
    delivery = deliver_to(project, f"https://hooks.test:{tls_receiver.port}/hook")
    assert delivery.status == "retrying"
    assert "certificate verify failed" in delivery.error.lower()
    assert tls_receiver.requests == []
