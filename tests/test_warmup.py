"""A server process loads the checks' lazy data in the background at start-up."""

from reviews.checks import grammar
from reviews.warmup import warm_in_background


def test_the_server_start_loads_the_tagger_before_the_first_save():
    grammar._tagger.cache_clear()
    warm_in_background().join(timeout=60)
    assert grammar._tagger.cache_info().currsize == 1


def test_importing_the_wsgi_application_starts_the_warm_up(monkeypatch):
    import importlib
    import threading

    started = []
    original = threading.Thread.start

    def record(self):
        started.append(self.name)
        return original(self)

    monkeypatch.setattr(threading.Thread, "start", record)
    import workbench.wsgi

    importlib.reload(workbench.wsgi)
    assert "warm-qa-checks" in started
