"""The benchmarks of issue #8, each printed as a ratio against a floor measured in the
same run: `make bench` (SQLite, then PostgreSQL), or

    .venv/bin/python -m bench.run [--only NAME ...] [--database-url URL]

Each measurement runs in a fresh subprocess (so peak memory is its own) against a
throwaway database: SQLite in bench/data/, or the PostgreSQL database `workbench_bench`
(or $BENCH_DATABASE, so checkouts side by side do not share one) beside DATABASE_URL.
Results are merged into bench/results.json as {name, value, unit, floor, ratio, target,
backend}.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.cases import CASES

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
MEASUREMENTS = tuple(CASES)


def database_for(url: str | None) -> str:
    if url and url.startswith("postgres"):
        return url.rsplit("/", 1)[0] + "/" + os.environ.get("BENCH_DATABASE", "workbench_bench")
    return f"sqlite:///{ROOT / 'bench' / 'data' / 'bench.sqlite3'}"


def prepare(url: str) -> None:
    from bench.generate import po, text, tmx
    from bench.load import ensure_database

    tmx(), po(), text()
    if url.startswith("sqlite"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    ensure_database(url)
    env = {**os.environ, "DATABASE_URL": url}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )


def run_one(name: str, url: str) -> list[dict]:
    start = time.monotonic()
    rows = _run_one(name, url)
    print(f"  ({name}: {time.monotonic() - start:.0f} s)", file=sys.stderr, flush=True)
    return rows


def _run_one(name: str, url: str) -> list[dict]:
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-m", "bench.measure", name],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    if out.returncode:
        sys.stderr.write(out.stdout + out.stderr)
        return [{"name": name, "error": out.stderr.strip().splitlines()[-1:]}]
    return json.loads(out.stdout.strip().splitlines()[-1])


def table(rows: list[dict]) -> str:
    lines = [f"{'name':34} {'value':>10} {'unit':5} {'floor':>10} {'ratio':>7} {'target':>8}  ok"]
    for r in rows:
        if "error" in r:
            lines.append(f"{r['name']:34} ERROR {r['error']}")
            continue
        ok = "yes" if r["ok"] else "NO"
        floor = "" if r["floor"] is None else f"{r['floor']:10.3f}"
        ratio = "" if r["ratio"] is None else f"{r['ratio']:7.2f}"
        lines.append(
            f"{r['name']:34} {r['value']:10.3f} {r['unit']:5} {floor:>10} {ratio:>7} "
            f"{r['target']:8.2f}  {ok}"
        )
    return "\n".join(lines)


def merge(rows: list[dict], backend: str) -> None:
    old = json.loads(RESULTS.read_text()) if RESULTS.exists() else []
    names = {r["name"] for r in rows}
    keep = [r for r in old if not (r["name"] in names and r.get("backend", backend) == backend)]
    RESULTS.write_text(json.dumps(keep + rows, indent=2) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", choices=MEASUREMENTS)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    args = parser.parse_args()
    url = database_for(args.database_url)
    backend = "postgresql" if url.startswith("postgres") else "sqlite"
    prepare(url)
    rows = []
    for name in args.only or MEASUREMENTS:
        for row in run_one(name, url):
            row["backend"] = backend
            rows.append(row)
            print(table([row]).splitlines()[-1], flush=True)
    print(f"\n{backend}:\n{table(rows)}")
    merge([r for r in rows if "error" not in r], backend)


if __name__ == "__main__":
    main()
