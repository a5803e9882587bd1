"""One benchmark measurement inside a Django process: `python -m bench.measure NAME`.
Prints a JSON list of {name, value, unit, floor, ratio, target, ok} on its last line.
The cases live in bench/cases/ (see bench.cases.CASES)."""

from __future__ import annotations

import importlib
import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")
os.environ["DEBUG"] = "0"

import django  # noqa: E402

django.setup()

from bench.cases import CASES  # noqa: E402

if __name__ == "__main__":
    from django.core.management import call_command

    # Every case starts from empty tables (TRUNCATE on PostgreSQL): what earlier cases
    # stored and deleted must not weigh on this one (dead rows, grown indexes).
    call_command("flush", interactive=False, verbosity=0)
    name = sys.argv[1]
    case = getattr(importlib.import_module(f"bench.cases.{CASES[name]}"), name)
    result = case()
    print(json.dumps(result))
