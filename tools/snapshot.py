#!/usr/bin/env python3
"""Write `tlsum --json` for every example and benchmark page to a folder, or compare two folders.

A restructuring must not change behaviour; this is how we prove it:

    python tools/snapshot.py write /tmp/before        # on the old commit
    python tools/snapshot.py write /tmp/after         # on the new one
    python tools/snapshot.py compare /tmp/before /tmp/after

Inputs: examples/*.txt (but the expected translations), the seed article in ../shared/corpus,
and every page of ../shared/bench/extraction-dev (HTML and its text rendering) when present.
Each runs through the installed `tlsum` with a fresh cache, so nothing is shared between runs.
"""

from __future__ import annotations

import argparse
import gzip
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def inputs(shared: Path) -> dict[str, Path]:
    """Name each input once; the name is the snapshot file's stem."""
    found = {f"example-{p.stem}": p for p in sorted((ROOT / "examples").glob("*.txt"))}
    found.update({f"corpus-{p.stem}": p for p in sorted((shared / "corpus").glob("*.txt"))})
    pages = shared / "bench" / "extraction-dev" / "html"
    for page in sorted(pages.glob("*")) if pages.is_dir() else []:
        kind = "html" if page.name.endswith(".html.gz") else "text"
        found[f"{kind}-{page.name.split('.')[0][:16]}"] = page
    return found


def run_one(tlsum: str, path: Path, cache: str) -> bytes:
    """One input through `tlsum --json -`, with the exit status and stderr, so that a changed
    error message or exit code counts as a difference too.
    """
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    env = {**os.environ, "NO_COLOR": "1", "TLSUM_CACHE_DIR": cache}
    proc = subprocess.run([tlsum, "--json", "-"], input=data, capture_output=True, env=env,
                          check=False)
    return b"rc=%d\n" % proc.returncode + proc.stdout + b"\n--stderr--\n" + proc.stderr


def write(out: Path, shared: Path, tlsum: str, jobs: int) -> None:
    """Snapshot every input into out/NAME.out (jobs in parallel, one fresh cache for the run)."""
    out.mkdir(parents=True, exist_ok=True)
    todo = inputs(shared)
    with tempfile.TemporaryDirectory() as cache, ThreadPoolExecutor(jobs) as pool:
        results = pool.map(lambda item: (item[0], run_one(tlsum, item[1], cache)), todo.items())
        for name, blob in results:
            (out / f"{name}.out").write_bytes(blob)
    print(f"wrote {len(todo)} snapshots to {out}")


def compare(a: Path, b: Path) -> int:
    """Exit status 1 unless both folders hold the same snapshots, byte for byte."""
    names = sorted({p.name for p in a.glob("*.out")} | {p.name for p in b.glob("*.out")})
    differ = [n for n in names if not (a / n).exists() or not (b / n).exists()
              or (a / n).read_bytes() != (b / n).read_bytes()]
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(names) - len(differ)} of {len(names)} identical")
    return 1 if differ else 0


def main() -> int:
    """`write OUT` or `compare A B`; the exit status is compare's."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("write")
    w.add_argument("out", type=Path)
    w.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    w.add_argument("--tlsum", default=str(ROOT / ".venv" / "bin" / "tlsum"))
    w.add_argument("--jobs", type=int, default=2)
    c = sub.add_parser("compare")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    args = parser.parse_args()
    if args.cmd == "write":
        write(args.out, args.shared, args.tlsum, args.jobs)
        return 0
    return compare(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())
