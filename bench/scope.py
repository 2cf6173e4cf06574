"""``--translate summary`` against full translation, side by side in one run.

A ~700-word Russian article is generated from the toy model's own grammar
(tools/toy_model, so every sentence is one the bundled toy-ru-en model knows),
then digested both ways with the cache off, alternating, after one warm-up
that loads the model. Prints the median wall time of each, the speedup, and
whether both give the same summary and questions.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools" / "toy_model"))


def long_article(words: int = 700, seed: int = 11) -> str:
    """A title and paragraphs of generated Russian news sentences."""
    from grammar import Generator

    gen = Generator(seed)
    paragraphs: list[list[str]] = [[]]
    count = 0
    while count < words:
        ru, _, _ = gen.sentence()
        paragraphs[-1].append(ru)
        count += len(ru.split())
        if len(paragraphs[-1]) == 5:
            paragraphs.append([])
    body = "\n\n".join(" ".join(p) for p in paragraphs if p)
    return f"Турция призвала к перемирию\n\n{body}\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", help="unused: this benchmark needs no shared data")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from tlsum.options import Options, TranslateOptions
    from tlsum.pipeline import summarize

    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as handle:
        text = long_article()
        handle.write(text)
        handle.flush()
        base = replace(TranslateOptions(), cache=False)
        options = {scope: Options(translate=replace(base, scope=scope))
                   for scope in ("full", "summary")}
        results = {scope: summarize(handle.name, o) for scope, o in options.items()}  # warm-up
        times: dict[str, list[float]] = {"full": [], "summary": []}
        for _ in range(args.rounds):
            for scope, opts in options.items():
                start = time.perf_counter()
                summarize(handle.name, opts)
                times[scope].append(time.perf_counter() - start)
    return report(text, results, times)


def report(text: str, results: dict, times: dict[str, list[float]]) -> int:
    full, part = (statistics.median(times[s]) for s in ("full", "summary"))
    n_full = len(results["full"].translation.translated.sentences)
    n_part = len(results["summary"].translation.translated.sentences)

    def key(r: object) -> tuple:
        d = r.digest  # type: ignore[attr-defined]
        return (d.summary, [(q.text, q.source_ids) for q in d.questions])

    same = key(results["full"]) == key(results["summary"])
    print(f"article: {len(text.split())} words, {n_full} sentences, toy-ru-en, cache off")
    print(f"{'scope':<10}{'sentences':>10}{'median s':>10}")
    print(f"{'full':<10}{n_full:>10}{full:>10.3f}")
    print(f"{'summary':<10}{n_part:>10}{part:>10.3f}")
    print(f"speedup {full / part:.2f}x; same summary and questions: {same}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
