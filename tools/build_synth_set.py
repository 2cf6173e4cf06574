#!/usr/bin/env python3
"""Build an extraction set from pages we had written for it (never committed).

Issue 21 allows more data if we make it ourselves. A writer who never saw the
stripper wrote news pages of invented sites with heavy, varied chrome
(``pNN.html``) and the exact article body beside each (``pNN.body.txt``, one
paragraph a line). This turns them into the extraction-dev layout, so the
benchmark's scorer, ``tools/textclean_ext.py`` and ``tools/train_textclean.py
--extra`` read them like the dev pages:

    python tools/build_synth_set.py SRC_DIR OUT_DIR [--wrapped]

OUT_DIR gets html/ID.html.gz, html/ID.txt (rendered by tools/render_text.py,
the dev .txt renderer) and ground-truth.json (url, articleBody = the body's
lines joined by "\\n", source). The url is the page's canonical or og:url when
it has one (pages of one invented site then share a fold), else one invented
host per page. ``--wrapped`` also writes OUT_DIR-wrapped (every .txt line
filled to 72 columns).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_ext_set import write_wrapped
from render_text import render

_URL_RES = (
    re.compile(r"<link[^>]+rel=[\"']canonical[\"'][^>]*href=[\"']([^\"']+)", re.I),
    re.compile(r"<link[^>]+href=[\"']([^\"']+)[\"'][^>]*rel=[\"']canonical", re.I),
    re.compile(r"<meta[^>]+property=[\"']og:url[\"'][^>]*content=[\"']([^\"']+)", re.I),
)


def page_url(html: str, name: str) -> str:
    """The page's own address when it states one (absolute), else an invented one."""
    for pattern in _URL_RES:
        found = pattern.search(html)
        if found and found.group(1).startswith("http"):
            return found.group(1)
    return f"https://{name}.synthetic.invalid/"


def body_of(path: Path) -> str:
    """The body file's paragraphs (one a line, blank lines dropped) joined by newlines."""
    lines = path.read_text(encoding="utf8").splitlines()
    return "\n".join(line.strip() for line in lines if line.strip())


def build(src: Path, out: Path) -> int:
    """Write every complete page (HTML and body both present) of ``src``; return how many."""
    (out / "html").mkdir(parents=True, exist_ok=True)
    ground: dict[str, dict[str, str]] = {}
    for page in sorted(src.glob("*.html")):
        body_path = page.with_name(page.stem + ".body.txt")
        if not body_path.exists():
            print(f"skip {page.name}: no body yet")
            continue
        html = page.read_text(encoding="utf8", errors="replace")
        url = page_url(html, page.stem)
        pid = hashlib.sha256(f"{page.stem}|{url}".encode()).hexdigest()
        (out / "html" / f"{pid}.html.gz").write_bytes(gzip.compress(html.encode("utf8"), mtime=0))
        (out / "html" / f"{pid}.txt").write_text(render(html), encoding="utf8")
        ground[pid] = {"url": url, "articleBody": body_of(body_path),
                       "source": f"synthetic:{page.stem}"}
    (out / "ground-truth.json").write_text(json.dumps(ground, ensure_ascii=False, indent=1),
                                           encoding="utf8")
    return len(ground)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("src", type=Path, help="folder of pNN.html + pNN.body.txt")
    parser.add_argument("out", type=Path)
    parser.add_argument("--wrapped", action="store_true", help="also write OUT-wrapped")
    args = parser.parse_args()
    print(f"{build(args.src, args.out)} pages -> {args.out}")
    if args.wrapped:
        print(f"wrote {write_wrapped(args.out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
