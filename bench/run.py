"""Run every benchmark in one go: ``make bench`` (or ``python bench/run.py``).

Each benchmark is a script beside this one that prints its own table and
measures tlsum side by side with its reference in the same run; this file only
runs them in order and reports which ones could not run. Third-party data is
read from ``--shared`` (default ``../shared``) and never copied into the repo.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = ("extraction.py", "digest.py", "questions.py", "translate.py", "scope.py", "langid.py",
           "batch.py", "confidence.py", "llm_model.py", "phrasing.py")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(HERE.parent.parent / "shared"))
    parser.add_argument("names", nargs="*", help="only these benchmarks (e.g. digest)")
    args = parser.parse_args()
    wanted = [n if n.endswith(".py") else f"{n}.py" for n in args.names] or list(BENCHES)
    failed = []
    for name in wanted:
        script = HERE / name
        print(f"\n=== bench/{name}", flush=True)
        if not script.exists():
            print("  (not written yet)")
            continue
        proc = subprocess.run([sys.executable, str(script), "--shared", args.shared], check=False)
        if proc.returncode != 0:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
