"""Sending one webhook: the Standard Webhooks signature, the address check that keeps
endpoints off private networks (SSRF), and a POST to the very address that was checked.

No models here: bytes and strings in, a small result out (services/webhook_delivery.py
stores it). The rules:

- ``sign``: ``v1,`` + base64 HMAC-SHA256 of ``id.timestamp.body``, keyed with the
  base64-decoded part of the ``whsec_`` secret (https://www.standardwebhooks.com/).
- ``resolve_public``: every address a host name resolves to must be a public one; a
  loopback, private, link-local, multicast, reserved or unspecified address (IPv4 or
  IPv6, an IPv4-mapped IPv6 address judged as its IPv4) is refused unless
  ``allow_private``. The check runs at registration and again before each attempt.
- ``post``: connects to the address the check returned (a second DNS answer cannot
  move the request elsewhere), with the host name kept for ``Host`` and TLS; a timeout
  on every step, at most ``cap`` bytes of the answer read, and redirects not followed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.client
import ipaddress
import secrets
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

SECRET_PREFIX = "whsec_"  # noqa: S105 (the form of a secret, not one)


class UnsafeEndpoint(ValueError):
    """A URL that may not receive webhooks; the message says why."""


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(24)).decode()


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    signed = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(key, signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str  # as written in the URL: the Host header and TLS server name
    port: int
    path: str  # path and query
    address: str  # the checked IP address to connect to


def _refusal(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return _refusal(ip.ipv4_mapped)
    for kind in ("loopback", "private", "link_local", "multicast", "reserved", "unspecified"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    if not ip.is_global:  # shared (100.64/10), documentation and other special ranges
        return "non-public"
    return None


def split_url(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, path) of an http(s) URL, or ``UnsafeEndpoint``."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UnsafeEndpoint(f"{url!r} is not a valid URL: {exc}") from None
    if parts.scheme not in ("http", "https"):
        raise UnsafeEndpoint("A webhook URL must start with http:// or https://")
    if not parts.hostname:
        raise UnsafeEndpoint("A webhook URL must name a host")
    if parts.username or parts.password:
        raise UnsafeEndpoint("A webhook URL may not carry a user name or password")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80), path


def resolve_public(url: str, *, allow_private: bool = False) -> Target:
    """Where to send ``url``'s requests: its first address, once every address its
    host resolves to has passed the check."""
    scheme, host, port, path = split_url(url)
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        addresses = [literal]
    else:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise UnsafeEndpoint(f"The host {host} could not be resolved ({exc})") from None
        addresses = [ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos]
        if not addresses:
            raise UnsafeEndpoint(f"The host {host} has no address")
    if not allow_private:
        for ip in addresses:
            if why := _refusal(ip):
                raise UnsafeEndpoint(
                    f"{host} resolves to {ip}, a {why} address: webhooks go to public "
                    "addresses only (WEBHOOK_ALLOW_PRIVATE=1 allows others)"
                )
    return Target(scheme, host, port, path, str(addresses[0]))


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes  # at most the cap
    truncated: bool


class _Pinned(http.client.HTTPConnection):
    """An HTTP connection to a fixed address, whatever the host name resolves to now."""

    def __init__(self, target: Target, timeout: float):
        super().__init__(target.host, target.port, timeout=timeout)
        self.target = target

    def connect(self) -> None:
        self.sock = socket.create_connection((self.target.address, self.target.port), self.timeout)


class _PinnedTLS(http.client.HTTPSConnection):
    def __init__(self, target: Target, timeout: float):
        super().__init__(
            target.host, target.port, timeout=timeout, context=ssl.create_default_context()
        )
        self.target = target

    def connect(self) -> None:
        sock = socket.create_connection((self.target.address, self.target.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.target.host)


def post(target: Target, *, body: bytes, headers: dict, timeout: float, cap: int) -> Answer:
    """POST ``body``; raises ``OSError`` (``TimeoutError`` among them) or
    ``http.client.HTTPException`` when no answer came in time."""
    deadline = time.monotonic() + timeout
    kind = _PinnedTLS if target.scheme == "https" else _Pinned
    connection = kind(target, timeout)
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        chunks, size = [], 0
        while size <= cap:  # one byte past the cap tells that the answer was longer
            if time.monotonic() > deadline:
                raise TimeoutError(f"the answer took longer than {timeout:g} s")
            chunk = response.read1(min(16384, cap + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        data = b"".join(chunks)
        return Answer(response.status, data[:cap], len(data) > cap)
    finally:
        connection.close()
