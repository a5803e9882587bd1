"""pypinyin's tables (about 50 MB) are loaded by the first name check, not by importing
the app: a worker that imports a big file (its QA left to a check job) never holds them."""

import subprocess
import sys

from tests.conftest import ROOT

PROBE = """
import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")
import django
django.setup()
import reviews.services, reviews.tasks, reviews.urls
assert "pypinyin" not in sys.modules, "importing the app loaded pypinyin"
from reviews.checks import CheckContext, run_checks
run_checks(CheckContext(source="浙运安", target="Zhe Yunan said.", source_lang="zh-CN",
                        target_lang="en"))
assert "pypinyin" in sys.modules, "the name check ran without pypinyin"
"""


def test_pypinyin_loads_with_the_first_name_check_only():
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]


TAGGER_PROBE = """
import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")
import django
django.setup()
import reviews.services, reviews.tasks, reviews.urls
assert "textblob" not in sys.modules, "importing the app loaded the tagger"
from reviews.checks import CheckContext, run_checks
run_checks(CheckContext(source="", target="It is done.", source_lang="zh-CN", target_lang="en"))
assert "textblob" not in sys.modules, "a sentence with a finite verb word was tagged"
issues = run_checks(CheckContext(source="", target="Wealth together.", source_lang="zh-CN",
                                 target_lang="en"))
assert "fragment" in [i.check for i in issues], issues
assert "textblob" in sys.modules
"""


def test_the_tagger_loads_with_the_first_sentence_that_needs_tags():
    done = subprocess.run(
        [sys.executable, "-c", TAGGER_PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
