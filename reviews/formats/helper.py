"""Reading a big file in a helper process while the importing process stores it.

A 100,000-unit import is two halves of about equal cost: reading (lxml or the PO
reader, the inline codes, the meta of each unit) and storing (executemany or COPY
through the indexes). In one process they take turns. Here a helper process reads and
sends the units through a pipe in batches, each unit's meta already as the JSON text
its row stores, while the importing process stores the batch before: the import takes
about as long as the longer half, on two cores.

The helper is a new interpreter (``python -m reviews.formats.helper``, about 0.15 s to
start): it imports only the format adapters, never Django, a database connection or a
lock held by a web server's or a worker's thread (which a fork would copy), and reads
only the bytes it is sent. A ``FormatError`` comes back as itself (problem, line,
element); anything else as a ``HelperFailed`` with the helper's traceback. The helper
reads at most AHEAD batches ahead (a few MB), and it is stopped (killed if it does not
end) when its units are exhausted, when reading them fails, and when the import stops
taking them (its generator is closed).

Used by imports of big files only (``PARSE_HELPER_MIN_BYTES``): below a few MB,
starting the helper costs more than the overlap saves.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import queue
import subprocess
import sys
import threading
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .base import Format, FormatError, UnitStream, json_text

BATCH = 1000  # units per message: small enough to overlap, big enough to amortise
AHEAD = 16  # messages the helper reads ahead of the importing process (a few MB)
_STOP_SECONDS = 5


class HelperFailed(RuntimeError):
    """The helper process failed for a reason other than the file (a bug, a crash)."""


class EncodedUnit:
    """A unit read in the helper: ``meta_json`` is its meta as JSON text (what its row
    stores); ``meta`` decodes that text the first time it is read."""

    __slots__ = ("source", "target", "state", "key", "meta_json", "read_only", "_meta")

    def __init__(self, source, target, state, key, meta_json, read_only):
        self.source, self.target, self.state, self.key = source, target, state, key
        self.meta_json, self.read_only, self._meta = meta_json, read_only, None

    @property
    def meta(self) -> dict[str, Any]:
        if self._meta is None:
            self._meta = json.loads(self.meta_json)
        return self._meta

    def encoded_meta(self) -> str:
        return self.meta_json


def stream_in_helper(
    adapter: Format,
    data: bytes,
    *,
    source_data: bytes | None,
    source_lang: str,
    target_lang: str,
) -> UnitStream:
    """What ``adapter.stream`` gives, read in a helper process. Like ``stream``, this
    returns once the helper has started reading (an adapter that parses the whole file
    first has parsed it, and its errors are raised here); the units follow as they are
    read, and the skeleton is complete once they are exhausted."""
    helper = _Helper()
    try:
        helper.send(adapter.name, source_lang, target_lang, data, source_data)
        total = helper.receive("start")[1]
    except BaseException:
        helper.stop()
        raise
    skeleton: dict[str, Any] = {}
    return UnitStream(
        units=helper.units(skeleton), skeleton=skeleton, done=lambda: helper.done, total=total
    )


class _Helper:
    """The helper process and its two pipes: the request goes in once, then messages
    come out, each one pickle (the helper is our own code, started here)."""

    def __init__(self):
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (_ROOT, _PATH)))}
        self.process = subprocess.Popen(  # noqa: S603 - this interpreter, our module
            [sys.executable, "-m", __name__], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            env=env,
        )  # fmt: skip
        self.done = 0.0

    def send(self, name, source_lang, target_lang, data, source_data) -> None:
        """The request, then the file's bytes as they are (one copy in the helper)."""
        sizes = (len(data), None if source_data is None else len(source_data))
        try:
            with self.process.stdin as pipe:
                request = (name, source_lang, target_lang, *sizes)
                pickle.dump(request, pipe, protocol=pickle.HIGHEST_PROTOCOL)
                pipe.write(data)
                pipe.write(source_data or b"")
        except BrokenPipeError:
            raise self._stopped() from None

    def receive(self, *expected: str) -> tuple:
        try:
            message = pickle.load(self.process.stdout)  # noqa: S301 - from our helper
        except (EOFError, pickle.UnpicklingError):  # it ended, perhaps in mid-message
            raise self._stopped() from None
        kind = message[0]
        if kind == "error":
            raise FormatError(message[1], line=message[2], element=message[3])
        if kind == "failed":
            raise HelperFailed(f"the reading process failed:\n{message[1]}")
        if kind not in expected:
            raise HelperFailed(f"the reading process sent {kind!r}, not one of {expected}")
        return message

    def _stopped(self) -> HelperFailed:
        self.stop()
        code = self.process.returncode
        return HelperFailed(f"the reading process stopped unexpectedly (exit code {code})")

    def units(self, skeleton: dict[str, Any]) -> Iterator[EncodedUnit]:
        try:
            while True:
                message = self.receive("units", "end")
                if message[0] == "end":
                    skeleton.update(message[1])
                    return
                self.done = message[2]
                for fields in message[1]:
                    yield EncodedUnit(*fields)
        finally:
            self.stop()

    def stop(self) -> None:
        """Wait for the helper to end; a helper still sending gets a broken pipe and
        ends; one that does not is killed."""
        for pipe in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(BrokenPipeError):  # the request was not all written
                pipe.close()
        try:
            self.process.wait(_STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


_ROOT = str(Path(__file__).resolve().parents[2])  # where the reviews package is
_PATH = os.environ.get("PYTHONPATH", "")


def _serve() -> None:
    """The helper: read one request and its bytes from stdin, send what the adapter
    reads on stdout.
    Anything printed goes to stderr, so stdout carries only the messages. A thread
    writes them (the write waits for the importing process, without the GIL) while
    this one reads on, up to AHEAD messages ahead."""
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    requests = sys.stdin.buffer
    name, source_lang, target_lang, size, source_size = pickle.load(requests)  # noqa: S301
    data = requests.read(size)
    source_data = None if source_size is None else requests.read(source_size)
    outbox: queue.Queue[bytes | None] = queue.Queue(AHEAD)
    writer = threading.Thread(target=_write, args=(outbox, out), daemon=True)
    writer.start()

    def send(message: tuple) -> None:
        if not writer.is_alive():
            raise BrokenPipeError  # the importing process stopped taking messages
        outbox.put(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))

    from . import FORMATS

    try:
        stream = FORMATS[name].stream(
            data, source_data=source_data, source_lang=source_lang, target_lang=target_lang
        )
        send(("start", stream.total))
        batch = []
        for unit in stream.units:
            row = (unit.source, unit.target, unit.state, unit.key, json_text(unit.meta))
            batch.append((*row, unit.read_only))
            if len(batch) == BATCH:
                send(("units", batch, stream.done()))
                batch = []
        send(("units", batch, 1.0))
        send(("end", stream.skeleton))
    except FormatError as exc:
        send(("error", exc.problem, exc.line, exc.element))
    except BrokenPipeError:
        return
    except Exception:
        send(("failed", traceback.format_exc()))
    outbox.put(None)
    writer.join()


def _write(outbox: queue.Queue[bytes | None], out) -> None:
    try:
        while (message := outbox.get()) is not None:
            out.write(message)
            out.flush()
    except BrokenPipeError:
        pass  # the importing process stopped taking units: send() sees this thread end
    finally:
        while True:  # unblock a put() waiting on a full outbox
            try:
                outbox.get_nowait()
            except queue.Empty:
                break


if __name__ == "__main__":
    _serve()
