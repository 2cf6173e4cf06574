"""Volume: start-up, ``tlsum batch`` throughput and memory, local against Ray, in one run.

    python bench/batch.py [--shared ../shared] [--articles 200] [--rounds 7]

1. Start-up: the English example end to end and ``tlsum --help`` against a bare
   interpreter, medians of fresh processes (targets 0.6 s and +0.15 s).
2. Throughput on N Russian and N English articles made of the toy model's
   grammar (12 sentences each): ``tlsum batch`` against a shell loop of
   ``tlsum --json`` (timed on a sample) with the sentence cache off.
3. The translation part: ``translate_many`` over the batch's chunks of all the
   Russian articles against ONE bare ``translate_batch`` over the same
   SentencePiece tokens (same model, settings, threads), alternated in one
   process; target: within 1.2x.
4. Peak RSS of ``tlsum batch`` on 1,000 and 100,000 source lines (one line in
   100 a real article, the rest missing files: 100,000 digests would take an
   hour; what grows with the input is the streaming, and that is what runs).
5. ``--engine ray`` with 1 and 2 workers on the same articles against the local
   engine: wall time (Ray's start included), articles/s, identical JSON.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools" / "toy_model"))
TLSUM = [sys.executable, "-m", "tlsum"]
SENTENCES = 12


def write_articles(folder: Path, n: int, seed: int = 13) -> tuple[list[Path], list[Path]]:
    """``n`` Russian and ``n`` English articles (the same generated sentences in each language)."""
    from grammar import Generator

    gen = Generator(seed)
    out: dict[str, list[Path]] = {"ru": [], "en": []}
    for i in range(n):
        pairs = [gen.sentence()[:2] for _ in range(SENTENCES)]
        for lang, idx in (("ru", 0), ("en", 1)):
            paras = [" ".join(p[idx] for p in pairs[k:k + 4]) for k in range(0, SENTENCES, 4)]
            path = folder / f"{lang}-{i:03d}.txt"
            path.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
            out[lang].append(path)
    return out["ru"], out["en"]


def median_wall(cmd: list[str], rounds: int, stdin: Path | None = None) -> float:
    """Median wall time of ``cmd`` in fresh processes."""
    runs = []
    for _ in range(rounds):
        with open(stdin or os.devnull, "rb") as handle:
            start = time.perf_counter()
            subprocess.run(cmd, stdin=handle, stdout=subprocess.DEVNULL, check=True)
            runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def timed_run(cmd: list[str], stdin: Path, env: dict[str, str]) -> tuple[float, int]:
    """Wall time and peak RSS (MB) of one fresh process (``/usr/bin/time -f %M``)."""
    with open(stdin, "rb") as handle:
        start = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], stdin=handle, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              check=True)
        wall = time.perf_counter() - start
    return wall, int(proc.stderr.strip().splitlines()[-1]) // 1024


def cold_and_warm(cmd: list[str], example: Path, rounds: int) -> None:
    """First runs (empty cache, data and config dirs each time) against warm ones."""
    cold, warm, written = [], [], 0
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as home:
            dirs = {name: str(Path(home) / name) for name in
                    ("TLSUM_CACHE_DIR", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME")}
            env = {**os.environ, **dirs}
            cold.append(timed_run(cmd, example, env))
            warm.append(timed_run(cmd, example, env))
            sizes = [p.stat().st_size for p in Path(home).rglob("*") if p.is_file()]
            written = max([written, *sizes])
    for name, runs, goal in (("cold (empty cache)", cold, True), ("warm", warm, False)):
        wall = statistics.median(r[0] for r in runs)
        rss = max(r[1] for r in runs)
        target = f" (target <= 0.500 s, <= 200 MB) {verdict(wall <= 0.5 and rss <= 200)}"
        print(f"  {name}: {wall:.3f} s, peak {rss} MB{target if goal else ''}")
    print(f"  largest file written: {written / 1e6:.2f} MB (target <= 20) "
          f"{verdict(written <= 20e6)}")


def startup(shared: Path, rounds: int) -> None:
    """Section 1: medians next to the targets."""
    example = shared / "corpus" / "000_8d3fa8e348017602.txt"
    if not example.is_file():
        example = ROOT / "examples" / "turkey_ceasefire.txt"
    tlsum = str(Path(sys.executable).with_name("tlsum"))
    e2e = median_wall([tlsum, "-"], rounds, example)
    bare = median_wall([sys.executable, "-c", "pass"], rounds)
    helps = median_wall([tlsum, "--help"], rounds)
    print(f"start-up ({rounds} fresh processes each, medians):")
    print(f"  tlsum - < {example.name}: {e2e:.3f} s (target <= 0.600) {verdict(e2e <= 0.6)}")
    print(f"  tlsum --help {helps:.3f} s, bare interpreter {bare:.3f} s: +{helps - bare:.3f} s "
          f"(target <= +0.150) {verdict(helps - bare <= 0.15)}")
    bundled = ROOT / "examples" / "turkey_ceasefire.txt"
    print(f"first run against warm runs, tlsum - < {bundled.name} (medians, peak of peaks):")
    cold_and_warm([tlsum, "-"], bundled, rounds)


def run_batch(sources: list[Path], folder: Path, extra: list[str]) -> tuple[float, int, Path]:
    """Wall time, peak RSS (MB) and output of one ``tlsum batch`` run (sentence cache off)."""
    listing = folder / f"list-{len(sources)}-{'-'.join(extra) or 'local'}.txt"
    out = listing.with_suffix(".jsonl")
    listing.write_text("".join(f"{p}\n" for p in sources), encoding="utf-8")
    cmd = ["/usr/bin/time", "-f", "%M", *TLSUM, "batch", str(listing), "-o", str(out),
           "--no-cache", "-q", *extra]
    start = time.perf_counter()
    proc = subprocess.run(cmd, stderr=subprocess.PIPE, text=True, check=False)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 8):  # 8: some sources failed (the missing files)
        raise RuntimeError(f"tlsum batch failed: {proc.stderr[-800:]}")
    return wall, int(proc.stderr.strip().splitlines()[-1]) // 1024, out


def shell_loop(sources: list[Path]) -> float:
    """Articles per second of ``for f in ...; do tlsum --json --no-cache $f; done``."""
    start = time.perf_counter()
    for path in sources:
        subprocess.run([*TLSUM, "--json", "--no-cache", str(path)], stdout=subprocess.DEVNULL,
                       check=True)
    return len(sources) / (time.perf_counter() - start)


def throughput(ru: list[Path], en: list[Path], folder: Path, sample: int) -> None:
    """Section 2: tlsum batch against a shell loop, per language."""
    print(f"\nthroughput, sentence cache off ({SENTENCES} sentences an article):")
    print(f"  {'articles':<22}{'batch art/s':>12}{'loop art/s':>12}{'speed-up':>10}"
          f"{'batch peak MB':>15}")
    for name, paths in ((f"{len(ru)} ru (toy-ru-en)", ru), (f"{len(en)} en", en)):
        wall, rss, _ = run_batch(paths, folder, [])
        loop = shell_loop(paths[:sample])
        rate = len(paths) / wall
        print(f"  {name:<22}{rate:>12.1f}{loop:>12.2f}{rate / loop:>9.1f}x{rss:>15}")
    print(f"  (the loop is timed on the first {sample} articles of each set)")


def translation_part(ru: list[Path], rounds: int) -> None:
    """Section 3: tlsum's cross-article translation against one bare translate_batch."""
    from dataclasses import replace

    import sentencepiece

    from tlsum.engines import DEFAULT_CHUNK
    from tlsum.options import Options
    from tlsum.pipeline import load
    from tlsum.segment import segment
    from tlsum.translate import get_translator, translate_many
    from tlsum.translate.guard import model_inputs
    from tlsum.translate.routing import route_for
    from tlsum.translate.translator import source_eos

    options = replace(Options().translate, cache=False)
    docs = [segment(load(str(p), Options()), "ru") for p in ru]
    info = route_for("ru", "en", models_dir=None, model=None).hops[0].model
    translator = get_translator(info, options)  # loaded before the clock starts, as in a batch
    bare = _bare_model(info, options)
    sp = sentencepiece.SentencePieceProcessor(model_file=str(info.source_spm))
    inputs, _ = model_inputs(sp, [s.text for d in docs for s in d.sentences],
                             options.max_input_pieces)
    tokens = [p + source_eos(info) for p in inputs]  # exactly what tlsum's model call sees

    def run_bare() -> None:
        bare.translate_batch(tokens, beam_size=options.beam_size,
                             max_batch_size=options.max_batch_size, batch_type="tokens",
                             max_decoding_length=options.max_decoding_length,
                             min_decoding_length=options.min_decoding_length)

    outside: list[float] = []

    def run_tlsum() -> None:
        inside, start = translator.stats.model_seconds, time.perf_counter()
        for k in range(0, len(docs), DEFAULT_CHUNK):
            translate_many(docs[k:k + DEFAULT_CHUNK], options)
        outside.append(time.perf_counter() - start - (translator.stats.model_seconds - inside))

    ratios, times = _paired({"bare": run_bare, "tlsum": run_tlsum}, rounds)
    ratio = statistics.median(ratios)
    own = statistics.median(outside)
    print(f"\ntranslation part: {len(tokens)} sentences of {len(docs)} ru articles, "
          f"beam {options.beam_size}, cache off, {rounds} alternated pairs:")
    print(f"  bare translate_batch (one call) {statistics.median(times['bare']):.3f} s, "
          f"tlsum translate_many (chunks of {DEFAULT_CHUNK}) "
          f"{statistics.median(times['tlsum']):.3f} s: ratio {ratio:.2f} "
          f"(target <= 1.20) {verdict(ratio <= 1.2)}")
    bare_median = statistics.median(times["bare"])
    print(f"  tlsum's own time outside translate_batch (tokenizing, guard, rebuilding): "
          f"{own:.3f} s median, {own / bare_median:.0%} of the bare time; the rest of any "
          f"difference is the {-(-len(docs) // DEFAULT_CHUNK)} calls' batch filling and the "
          f"machine's load")


def _bare_model(info: Any, options: Any) -> Any:
    """A second, bare ``ctranslate2.Translator`` with the settings tlsum uses."""
    import ctranslate2

    from tlsum.translate.translator import resolve_compute_type, resolve_device

    device = resolve_device(options.device)
    return ctranslate2.Translator(
        str(info.ct2_dir), device=device,
        compute_type=resolve_compute_type(options.compute_type, device),
        inter_threads=options.inter_threads, intra_threads=options.intra_threads)


def _paired(runners: dict, rounds: int) -> tuple[list[float], dict[str, list[float]]]:
    """Alternate the runners (who goes first swaps), after one warm-up each."""
    for fn in runners.values():
        fn()
    times: dict[str, list[float]] = {name: [] for name in runners}
    for i in range(rounds):
        for name in (list(runners) if i % 2 == 0 else list(runners)[::-1]):
            start = time.perf_counter()
            runners[name]()
            times[name].append(time.perf_counter() - start)
    return [t / b for t, b in zip(times["tlsum"], times["bare"], strict=True)], times


def memory(en: list[Path], folder: Path) -> None:
    """Section 4: peak RSS at 1,000 and 100,000 lines."""
    print("\npeak RSS of tlsum batch (1 line in 100 an English article, the rest missing files):")
    for lines in (1_000, 100_000):
        sources = [en[i // 100 % len(en)] if i % 100 == 0 else folder / f"missing-{i}.txt"
                   for i in range(lines)]
        wall, rss, out = run_batch(sources, folder, [])
        print(f"  {lines:>7} lines: {rss} MB peak, {wall:.1f} s, "
              f"{sum(1 for _ in out.open(encoding='utf-8'))} lines out")


def ray_engine(ru: list[Path], en: list[Path], folder: Path) -> None:
    """Section 5: the Ray engine with 1 and 2 workers against the local engine."""
    try:
        import ray  # noqa: F401
    except ImportError:
        print("\nray: not installed (pip install 'tlsum[ray]'), skipped")
        return
    both = [*ru, *en]
    print(f"\nengines on {len(ru)} ru + {len(en)} en articles "
          "(wall time includes starting Ray, ~7 s here):")
    wall, rss, out = run_batch(both, folder, [])
    reference = out.read_bytes()
    print(f"  local           {wall:6.1f} s  {len(both) / wall:6.1f} art/s  peak {rss} MB")
    for workers in (1, 2):
        wall, rss, out = run_batch(both, folder, ["--engine", "ray", "-j", str(workers)])
        same = out.read_bytes() == reference
        print(f"  ray, {workers} worker{'s' if workers > 1 else ' '}  {wall:6.1f} s  "
              f"{len(both) / wall:6.1f} art/s  peak {rss} MB (driver)  identical JSON: {same}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--sample", type=int, default=20, help="articles timed in the shell loop")
    args = parser.parse_args()
    startup(Path(args.shared), args.rounds)
    with tempfile.TemporaryDirectory(prefix="tlsum-bench-batch-") as tmp:
        folder = Path(tmp)
        ru, en = write_articles(folder, args.articles)
        throughput(ru, en, folder, args.sample)
        translation_part(ru, args.rounds)
        memory(en, folder)
        ray_engine(ru, en, folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
