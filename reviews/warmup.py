"""Load what the checks load lazily (the tagger's lexicon and rules, the pinyin tables,
the literal-rendering data) in a thread of its own when a server process starts, so
the first translator to save after a restart does not wait ~1.5 s for it. Commands
and tests load them when they first need them, as before."""

from __future__ import annotations

import logging
import threading

logger = logging.getLogger(__name__)

# A bilingual pair that reaches every check's lazy data: a sentence to tag, a
# romanized name and its characters, a number, a literal rendering.
SAMPLE = (
    "浙运安平台已覆盖全省2.1万个防汛防台重点单位。",
    "The Zhe Yunan platform covers 21,000 key units of Flood Prevention and Taiwan Prevention.",
)


def warm() -> None:
    from .checks import CheckContext, run_checks

    source, target = SAMPLE
    run_checks(CheckContext(source, target, "zh-CN", "en", mt=target))


def warm_in_background() -> threading.Thread:
    def run() -> None:
        try:
            warm()
        except Exception:  # a warm-up that fails only costs the first save its wait
            logger.exception("warming the QA checks failed")

    thread = threading.Thread(target=run, name="warm-qa-checks", daemon=True)
    thread.start()
    return thread
