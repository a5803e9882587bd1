"""A real HTTP server on 127.0.0.1 that receives webhooks in tests, records each
request, and answers as told: a status, a slow answer, or an endless one.

Tests that deliver to it allow private addresses (``settings.WEBHOOK_ALLOW_PRIVATE``);
everything else keeps the SSRF rule on.
"""

from __future__ import annotations

import contextlib
import json
import ssl
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> dict:
        return json.loads(self.body)


class Receiver:
    """``plan`` holds the answers to the next requests, in order (then 200):
    an int (that status), ("slow", seconds) (200 after that long), ("endless",) (200
    with a body far longer than it sends, then silence), ("redirect", url)."""

    def __init__(self, tls: tuple[str, str] | None = None):
        self.scheme = "https" if tls else "http"
        self.requests: list[Received] = []
        self.plan: list = []
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with receiver.lock:
                    receiver.requests.append(Received(self.path, dict(self.headers), body))
                    answer = receiver.plan.pop(0) if receiver.plan else 200
                with contextlib.suppress(OSError):  # the client left (a timeout, the cap)
                    receiver.answer(self, answer)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        if tls:  # (certificate, key): HTTPS
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(*tls)
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}/hook"

    def answer(self, handler: BaseHTTPRequestHandler, answer) -> None:
        if isinstance(answer, int):
            handler.send_response(answer)
            handler.send_header("Content-Length", "2")
            handler.end_headers()
            handler.wfile.write(b"ok")
        elif answer[0] == "slow":
            time.sleep(answer[1])
            self.answer(handler, 200)
        elif answer[0] == "redirect":
            handler.send_response(302)
            handler.send_header("Location", answer[1])
            handler.send_header("Content-Length", "0")
            handler.end_headers()
        elif answer[0] == "endless":  # says 100 MB, sends 256 KiB, then waits
            handler.send_response(200)
            handler.send_header("Content-Length", str(100 * 1024 * 1024))
            handler.end_headers()
            handler.wfile.write(b"x" * (256 * 1024))
            handler.wfile.flush()
            time.sleep(5)

    def of_type(self, event_type: str) -> list[Received]:
        return [r for r in self.requests if r.json["type"] == event_type]

    def start(self) -> Receiver:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(settings):
    settings.WEBHOOK_ALLOW_PRIVATE = True  # the receiver is on 127.0.0.1
    settings.WEBHOOK_TIMEOUT_SECONDS = 3
    started = Receiver().start()
    yield started
    started.stop()
