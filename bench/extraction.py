#!/usr/bin/env python3
"""Extraction benchmark: tlsum against trafilatura and no cleaning on the shared dev pages.

Scores ``tlsum extract --format text -q -`` with ../shared/bench/score_extraction.py
in HTML mode and in text mode (the whole page copied as plain text), with the
product's own content sniffer deciding which is which (no ``--input``), next to
trafilatura (precision mode and default) and no cleaning at all, and prints one
table: dev F1 over all pages, English and non-English pages apart, and the
site-grouped cross-validation F1 of everything tlsum fitted on these pages
(the HTML filter steps, ``bench/extraction_cv.py``; the text classifier,
``tools/train_textclean.py``). Nothing is fitted for trafilatura or no cleaning,
so for them CV F1 is dev F1. Speed is timed in-process and interleaved page by
page (trafilatura, then tlsum on the same page), because a command's wall time
is mostly interpreter start-up and because the machine's load changes during a
run; the command's own median wall time is shown too.

    python bench/extraction.py                 # everything
    python bench/extraction.py --no-cv         # without the cross-validation (faster)
    python bench/extraction.py --cmd 'python -m tlsum.extract -'

Prints "skipped: ../shared/bench not found" when the data is not there.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extraction_cv import (
    BENCH,
    ROOT,
    HtmlPages,
    cross_validate,
    is_english,
    load_scorer,
    print_folds,
    print_sites,
)

Counts = tuple[float, float, float]


def our_command() -> str:
    """``tlsum extract`` when the console script runs, else the module entry (same fetch)."""
    exe = shutil.which("tlsum") or str(ROOT / ".venv" / "bin" / "tlsum")
    if Path(exe).exists():
        probe = subprocess.run([exe, "extract", "--help"], capture_output=True, check=False)
        if probe.returncode == 0:
            return f"{exe} extract --format text -q -"
    return f"{sys.executable} -m tlsum.extract -"


def score(bench: Path, args: list[str]) -> dict[str, Any]:
    """Run the shared scorer: per-page counts by page id, and median seconds per page."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "score.json"
        cmd = [sys.executable, str(bench / "score_extraction.py"), "--data",
               str(bench / "extraction-dev"), "--split", "all", "--no-table",
               "--n-bootstrap", "0", "--json", str(out), *args]
        subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        result = json.loads(out.read_text(encoding="utf-8"))
    return {"counts": {r["id"]: tuple(r["counts"]) for r in result["rows"]},
            "seconds": result["median_seconds"] or 0.0}


def in_process_ms(se: ModuleType, pages: list[dict[str, Any]]) -> dict[str, float]:
    """Median ms per page, interleaved: trafilatura, tlsum HTML, tlsum text."""
    import trafilatura

    from tlsum.extract.html import extract_html
    from tlsum.extract.text import clean_text

    times: dict[str, list[float]] = {"trafilatura": [], "html": [], "text": []}
    for page in pages:
        html = se.read_html_bytes(page["path"]).decode("utf8", errors="replace")
        runs = (
            ("trafilatura", trafilatura.extract, html,
             {"include_comments": False, "favor_precision": True}),
            ("html", extract_html, html, {}),
            ("text", clean_text, se.page_as_text(page), {}),
        )
        for key, fn, arg, kwargs in runs:
            start = time.perf_counter()
            fn(arg, **kwargs)
            times[key].append(time.perf_counter() - start)
    return {k: 1000 * statistics.median(v) for k, v in times.items()}


def text_cv(se: ModuleType, bench: Path) -> dict[str, dict[str, Counts]]:
    """Leave-one-site-out counts of the text classifier as shipped (its features, steps
    and L2, refitted without each site: tools/train_textclean.py), on the copied pages
    and on hard-wrapped copies of them."""
    from tlsum.files import shipped_json

    tc = _trainer(bench)
    model = shipped_json("textclean.json")
    assert model is not None
    with tc.memoised_features():
        result: dict[str, dict[str, Counts]] = tc.loso_report(tc.Pages(se), tc.config_of(model))
    return result


def wrapped_dev(se: ModuleType, bench: Path, pages: list[dict[str, Any]]) -> dict[str, Counts]:
    """The shipped text mode on hard-wrapped copies of the pages (in-process)."""
    from tlsum.extract.text import clean_text

    wrap = _trainer(bench).hard_wrap
    return {p["id"]: se.page_counts(p["truth"], clean_text(wrap(se.page_as_text(p))).text)
            for p in pages}


def _trainer(bench: Path) -> ModuleType:
    sys.path.insert(0, str(ROOT / "tools"))
    import train_textclean as tc

    tc.BENCH = bench
    return tc


def split_f1(se: ModuleType, pages: list[dict[str, Any]], counts: dict[str, Counts]) -> str:
    """ "F1 all / English / non-English" over the pages (missing output scores as empty)."""
    def f1(sel: list[dict[str, Any]]) -> float:
        rows = [counts.get(p["id"]) or se.page_counts(p["truth"], "") for p in sel]
        return float(se.aggregate(rows)["f1"])

    english = [p for p in pages if is_english(p["truth"])]
    other = [p for p in pages if not is_english(p["truth"])]
    return f"{f1(pages):6.3f} {f1(english):6.3f} {f1(other):6.3f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cmd", help="the extract command to score (default: tlsum extract)")
    parser.add_argument("--shared", help="the shared folder (default: ../shared)")
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation")
    args = parser.parse_args()
    bench = Path(args.shared) / "bench" if args.shared else BENCH
    if not (bench / "score_extraction.py").exists() or not (bench / "extraction-dev").exists():
        print("skipped: ../shared/bench not found")
        return 0
    se = load_scorer(bench)
    pages = se.load_pages(str(bench / "extraction-dev"), "all")
    cmd = args.cmd or our_command()
    runs = [
        ("no cleaning (cat)", "text", ["--input", "text", "--cmd", "cat"], None),
        ("trafilatura 2.x favor_precision", "html", ["--extractor", "trafilatura-precision"], None),
        ("trafilatura 2.x default", "html", ["--extractor", "trafilatura"], None),
        ("tlsum (HTML)", "html", ["--cmd", cmd], "html"),
        ("tlsum (text)", "text", ["--input", "text", "--cmd", cmd], "text"),
    ]
    results = [(label, mode, score(bench, extra), cv) for label, mode, extra, cv in runs]
    wrapped = {"counts": wrapped_dev(se, bench, pages), "seconds": 0.0}
    results.append(("tlsum (text, hard-wrapped at 72)", "text", wrapped, "wrapped"))
    cv_counts: dict[str, dict[str, Counts]] = {}
    if not args.no_cv:
        hp = HtmlPages(se, bench / "extraction-dev")
        print_folds(cross_validate(hp))
        html_cv = cross_validate(hp, folds=0)
        print_sites(hp, html_cv)
        cv_counts = {"html": html_cv["counts"], **text_cv(se, bench)}
    speed = in_process_ms(se, pages)
    print_table(se, pages, results, cv_counts, speed, cmd)
    return 0


def print_table(se: ModuleType, pages: list[dict[str, Any]],
                results: list[tuple[str, str, dict[str, Any], str | None]],
                cv_counts: dict[str, dict[str, Counts]], speed: dict[str, float],
                cmd: str) -> None:
    """One table: quality from the scorer (and the CV), speed in-process relative to trafilatura."""
    base = speed["trafilatura"]
    inproc = {"trafilatura 2.x favor_precision": base, "tlsum (HTML)": speed["html"],
              "tlsum (text)": speed["text"]}
    n_en = sum(is_english(p["truth"]) for p in pages)
    print(f"\ncommand: {cmd}")
    print(f"data: {len(pages)} dev pages ({n_en} English, {len(pages) - n_en} not); "
          "F1 all / en / non-en")
    print(f"{'extractor':<32} {'mode':<4} {'dev F1  all     en non-en':<22} "
          f"{'CV F1   all     en non-en':<22} {'ms/page':>8} {'x traf':>7} {'cmd ms':>7}")
    for label, mode, r, cv in results:
        dev = split_f1(se, pages, r["counts"])
        if cv is None:
            cv_txt = "   (nothing fitted)  "
        else:
            cv_txt = split_f1(se, pages, cv_counts[cv]) if cv in cv_counts else f"{'-':>20} "
        ms = inproc.get(label)
        ms_txt = f"{ms:8.1f} {ms / base:6.2f}x" if ms is not None else f"{'-':>8} {'-':>7}"
        cmd_ms = f"{1000 * r['seconds']:7.0f}" if r["seconds"] else f"{'-':>7}"
        print(f"{label:<32} {mode:<4} {dev}  {cv_txt} {ms_txt} {cmd_ms}")
    print("CV F1: leave-one-site-out cross-validation of what tlsum fits on these pages "
          "(HTML filter steps, text classifier); ms/page: median in-process time, interleaved "
          "per page with trafilatura; cmd ms: median wall time of the scored command; the "
          "hard-wrapped row is scored in-process.")


if __name__ == "__main__":
    sys.exit(main())
