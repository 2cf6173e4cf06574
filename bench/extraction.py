#!/usr/bin/env python3
"""Extraction benchmark: tlsum against trafilatura on the shared dev pages.

Scores ``tlsum extract --format text -`` with ../shared/bench/score_extraction.py
in HTML mode and in text mode (the whole page copied as plain text), next to
trafilatura in the same run, and prints one table. Quality comes from the
benchmark's own scorer (word 4-gram shingles, all dev pages). Speed is timed
in-process and interleaved page by page (trafilatura, then tlsum on the same
page), because a command's wall time is mostly interpreter start-up and
because the machine's load changes during a run; the command's own median
wall time is shown too.

    python bench/extraction.py                 # everything
    python bench/extraction.py --limit 20      # a quick look
    python bench/extraction.py --cmd 'python -m tlsum.extract --input {input} -'

Prints "skipped: ../shared/bench not found" when the data is not there.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(os.environ.get("TLSUM_BENCH_DIR", ROOT.parent / "shared" / "bench"))
DATA = BENCH / "extraction-dev"
SCORER = BENCH / "score_extraction.py"


def our_command() -> str:
    """``tlsum extract`` when the console script runs, else our module entry.

    ``{input}`` is replaced by html or text for each mode.
    """
    exe = shutil.which("tlsum") or str(ROOT / ".venv" / "bin" / "tlsum")
    if Path(exe).exists():
        probe = subprocess.run([exe, "extract", "--help"], capture_output=True, check=False)
        if probe.returncode == 0:
            return f"{exe} extract --format text -q --input {{input}} -"
    return f"{sys.executable} -m tlsum.extract.__main__ --input {{input}} -"


def score(args: list[str], limit: int) -> dict[str, float]:
    """Run the shared scorer and return F1, P, R and median seconds per page."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "score.json"
        cmd = [sys.executable, str(SCORER), "--data", str(DATA), "--split", "all",
               "--no-table", "--n-bootstrap", "0", "--json", str(out), *args]
        if limit:
            cmd += ["--limit", str(limit)]
        subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        result = json.loads(out.read_text(encoding="utf-8"))
    return {k: result[k] or 0.0 for k in ("f1", "precision", "recall", "median_seconds")}


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def in_process_ms(limit: int) -> dict[str, float]:
    """Median ms per page, interleaved: trafilatura, tlsum HTML, tlsum text."""
    import trafilatura

    from tlsum.extract.html import extract_html
    from tlsum.extract.text import clean_text

    se = load_scorer()
    pages = se.load_pages(str(DATA), "all")[: limit or None]
    times: dict[str, list[float]] = {"trafilatura": [], "html": [], "text": []}
    for page in pages:
        html = se.read_html_bytes(page["path"]).decode("utf8", errors="replace")
        text = se.page_as_text(page)
        runs = (
            ("trafilatura", trafilatura.extract, html,
             {"include_comments": False, "favor_precision": True}),
            ("html", extract_html, html, {}),
            ("text", clean_text, text, {}),
        )
        for key, fn, arg, kwargs in runs:
            start = time.perf_counter()
            fn(arg, **kwargs)
            times[key].append(time.perf_counter() - start)
    return {k: 1000 * statistics.median(v) for k, v in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cmd", help="the extract command to score, '{input}' standing for "
                        "html or text (default: tlsum extract, else python -m tlsum.extract)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--shared", help="the shared folder (default: ../shared)")
    args = parser.parse_args()
    if args.shared:
        global BENCH, DATA, SCORER
        BENCH = Path(args.shared) / "bench"
        DATA, SCORER = BENCH / "extraction-dev", BENCH / "score_extraction.py"
    if not SCORER.exists() or not DATA.exists():
        print("skipped: ../shared/bench not found")
        return 0
    cmd = args.cmd or our_command()
    runs = [
        ("trafilatura 2.x favor_precision", "html", ["--extractor", "trafilatura-precision"]),
        ("trafilatura 2.x plain", "html", ["--extractor", "trafilatura"]),
        ("tlsum (HTML)", "html", ["--cmd", cmd.replace("{input}", "html")]),
        ("no cleaning (cat)", "text", ["--input", "text", "--cmd", "cat"]),
        ("tlsum (text)", "text", ["--input", "text", "--cmd", cmd.replace("{input}", "text")]),
    ]
    results = [(label, mode, score(extra, args.limit)) for label, mode, extra in runs]
    speed = in_process_ms(args.limit)
    print_table(results, speed, cmd)
    return 0


def print_table(results: list[tuple[str, str, dict[str, float]]], speed: dict[str, float],
                cmd: str) -> None:
    """One table: quality from the scorer, speed in-process relative to trafilatura."""
    base = speed["trafilatura"]
    inproc = {"trafilatura 2.x favor_precision": base, "tlsum (HTML)": speed["html"],
              "tlsum (text)": speed["text"]}
    print(f"command: {cmd}")
    print(f"data: {DATA} (--split all)")
    print(f"{'extractor':<33} {'mode':<5} {'F1':>6} {'P':>6} {'R':>6} "
          f"{'ms/page':>8} {'x traf':>7} {'cmd ms':>7}")
    for label, mode, r in results:
        ms = inproc.get(label)
        ms_txt = f"{ms:8.1f} {ms / base:6.2f}x" if ms is not None else f"{'-':>8} {'-':>7}"
        cmd_ms = 1000 * r["median_seconds"]
        print(f"{label:<33} {mode:<5} {r['f1']:6.3f} {r['precision']:6.3f} "
              f"{r['recall']:6.3f} {ms_txt} {cmd_ms:7.0f}")
    print("ms/page: median in-process time, interleaved per page with trafilatura; "
          "cmd ms: median wall time of the scored command (interpreter start-up included).")


if __name__ == "__main__":
    sys.exit(main())
