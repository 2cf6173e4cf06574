"""Pick and print the articles to label for ``bench/questions-labels.json``.

Selection is fixed and blind to tlsum's rules: per corpus, articles are
ordered by sha256 of their id; the first few English ones are taken as they
come (mostly articles with nothing unresolved: they check precision), plus
the first few that contain a broad uncertainty cue (so that there is
something to recall). Each article is printed one sentence a line, numbered,
for a human annotator following ``../shared/bench/questions-guideline.md``.

    .venv/bin/python tools/questions_pick.py [--list] [ID ...]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
EXAMPLE = "000_8d3fa8e348017602"
BROAD_CUE = re.compile(
    r"\b(?:unclear|unknown|whether|investigat\w*|not yet|yet to|denie[sd]|deny|sentenced|"
    r"trial|could not be|may have|not known|remains to be seen|undecided|uncertain|probe|"
    r"questions? remain|not guilty|no word|has not said|have not said)\b",
    re.IGNORECASE,
)
PLAN = {"cnndm-dev": (6, 6), "xsum-dev": (4, 5), "extraction-dev": (4, 5)}  # (as come, with cue)


def load_articles(shared: Path = SHARED) -> dict[str, tuple[str, str]]:
    """{id: (source, text)} for every article a label may point at."""
    out: dict[str, tuple[str, str]] = {}
    bench = shared / "bench"
    for name in ("cnndm-dev", "xsum-dev"):
        path = bench / "summarization-dev" / f"{name}.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            out[row["id"]] = (name, row["article"])
    truth = json.loads((bench / "extraction-dev" / "ground-truth.json").read_text("utf-8"))
    for key, row in truth.items():
        out[key] = ("extraction-dev", row["articleBody"])
    example = shared / "corpus" / f"{EXAMPLE}.txt"
    out[EXAMPLE] = ("example", example.read_text(encoding="utf-8"))
    return out


def _english(text: str) -> bool:
    words = re.findall(r"[a-z]+", text.lower()[:2000])
    return sum(w in ("the", "and", "of", "to", "is") for w in words) > len(words) * 0.08


def pick(articles: dict[str, tuple[str, str]]) -> list[str]:
    """The fixed selection, blind to tlsum's rules: per corpus, ids in sha256 order, the
    first English ones as they come plus the first ones with an uncertainty cue (PLAN).
    """
    chosen = [EXAMPLE]
    for source, (plain, cued) in PLAN.items():
        ids = sorted((i for i, (s, t) in articles.items() if s == source and _english(t)),
                     key=lambda i: hashlib.sha256(i.encode()).hexdigest())
        chosen += ids[:plain]
        chosen += [i for i in ids[plain:] if BROAD_CUE.search(articles[i][1])][:cued]
    return chosen


def numbered_lines(text: str) -> list[str]:
    """The article's sentences in the order and numbering the annotator sees.

    ``bench/questions-labels-more.json`` points at its evidence by these numbers,
    so that no third-party sentence is committed with the labels.
    """
    from tlsum.segment import split_sentences

    return [s for para in re.split(r"\n+", text) if para.strip()
            for s in split_sentences(para, "en")]


def show(article_id: str, text: str) -> None:
    """One article as the annotator reads it: a numbered sentence a line, '*' on cue sentences."""
    print(f"\n######## {article_id}")
    for n, s in enumerate(numbered_lines(text)):
        mark = "*" if BROAD_CUE.search(s) else " "
        print(f"{n:3d}{mark} {s}")


def main() -> None:
    """Print the picked (or the given) articles for labelling; --list: only ids and corpora."""
    ap = argparse.ArgumentParser()
    ap.add_argument("ids", nargs="*")
    ap.add_argument("--list", action="store_true")
    a = ap.parse_args()
    articles = load_articles()
    ids = a.ids or pick(articles)
    if a.list:
        print("\n".join(f"{i} {articles[i][0]}" for i in ids))
        return
    for i in ids:
        show(i, articles[i][1])
    sys.stdout.flush()


if __name__ == "__main__":
    main()
