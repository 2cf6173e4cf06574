"""Write ``tlsum/data/langid.bin``: py3langid's model in the form ``tlsum/langid.py`` reads.

py3langid ships its model as one LZMA stream (68 MB unpacked): unpacking it
took a second and a 97 MB file on a first run. This tool unpacks it once, on
the developer's machine, and writes the same model compactly:

- the DFA becomes the strings of its states: it is an Aho-Corasick automaton
  (checked here for every state and byte), so the next state is the longest
  suffix of the text read so far that is a state, found with a dict lookup;
- the per-feature class weights (float16 log-probabilities, exact in fixed
  point x 2**9) are stored as 16-bit distances from each class's floor, the
  value of a feature the class never saw (76 % of them), in zlib blocks of
  ``BLOCK`` features, so a text decompresses only the blocks it touches (an
  English article about 1,000 of 6,254: 23 ms; blocks of 64 took 38 ms, of 8
  17 ms for 0.4 MB more).

The answers are py3langid's (``tests/test_segment.py``, ``bench/langid.py``).
py3langid and its model are BSD-3-Clause (``tlsum/data/LICENSE.langid``).
Run: ``python tools/langid_tables.py`` (needs py3langid and numpy, both in dev).
"""

from __future__ import annotations

import argparse
import io
import json
import lzma
import struct
import zlib
from collections import deque
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tlsum" / "data" / "langid.bin"
MAGIC = b"TLSUMLID"
BLOCK = 16
SEPARATOR = b"\xff"


def load_model() -> dict[str, Any]:
    """py3langid's arrays, unpacked in memory."""
    from importlib.util import find_spec

    spec = find_spec("py3langid")
    assert spec is not None and spec.submodule_search_locations
    packed = Path(next(iter(spec.submodule_search_locations))) / "data" / "model.npz.xz"
    with np.load(io.BytesIO(lzma.decompress(packed.read_bytes()))) as data:
        return {name: data[name] for name in data.files}


def state_strings(nextmove: np.ndarray, row: np.ndarray) -> list[bytes]:
    """The shortest byte string reaching each state (breadth first from state 0)."""
    table = nextmove.reshape(-1, 256)
    strings: list[bytes | None] = [None] * len(row)
    strings[0] = b""
    queue = deque([0])
    while queue:
        state = queue.popleft()
        prefix = strings[state]
        assert prefix is not None
        for byte, target in enumerate(table[row[state]].tolist()):
            if strings[target] is None:
                strings[target] = prefix + bytes((byte,))
                queue.append(target)
    assert all(s is not None for s in strings), "a state cannot be reached"
    return [s for s in strings if s is not None]


def check_automaton(nextmove: np.ndarray, row: np.ndarray, strings: list[bytes]) -> None:
    """Every transition goes to the longest suffix of (state + byte) that is a state."""
    table = nextmove.reshape(-1, 256)
    index = {s: i for i, s in enumerate(strings)}
    for state, text in enumerate(strings):
        targets = table[row[state]].tolist()
        for byte in range(256):
            cand = text + bytes((byte,))
            while cand not in index:
                cand = cand[1:]
            if index[cand] != targets[byte]:
                raise SystemExit(f"state {state} byte {byte}: not an Aho-Corasick automaton")


def states_section(strings: list[bytes], out_feat: np.ndarray) -> tuple[bytes, list[int],
                                                                         list[int]]:
    """The states' feature ids (int32, -1: none), then the states joined by 0xFF, both
    grouped by first byte; and where each group starts in each (257 offsets each).

    A text loads only the groups of the bytes it holds (an English one, under half
    of the states). 0xFF never occurs in UTF-8, so it never occurs in a state
    (checked), and ``bytes.split`` cuts a group apart in C.
    """
    assert out_feat[0] < 0, "the empty state emits a feature"
    assert not any(SEPARATOR in s for s in strings)
    order = sorted(range(1, len(strings)), key=lambda i: strings[i])
    feats = np.asarray([out_feat[i] for i in order], dtype="<i4").tobytes()
    groups: list[list[bytes]] = [[] for _ in range(256)]
    for i in order:
        groups[strings[i][0]].append(strings[i])
    starts, offsets, blob = [0], [0], b""
    for group in groups:
        blob += SEPARATOR.join(group)
        starts.append(starts[-1] + len(group))
        offsets.append(len(blob))
    return zlib.compress(feats + blob, 9), starts, offsets


def weight_blocks(ptc: np.ndarray) -> tuple[list[bytes], list[int], int]:
    """zlib blocks of rows (one little-endian uint16 per class, in class order), floors, shift."""
    weights = -ptc.astype(np.float64)
    for shift in range(25):
        fixed = weights * 2.0 ** shift
        if np.array_equal(fixed, np.round(fixed)):
            break
    else:
        raise SystemExit("the weights are not fixed-point numbers")
    fixed = fixed.astype(np.int64)
    floors = fixed.max(axis=0)
    delta = floors[None, :] - fixed
    assert delta.min() >= 0 and delta.max() < 1 << 16
    rows = np.ascontiguousarray(delta.astype("<u2"))
    blocks = [zlib.compress(rows[b:b + BLOCK].tobytes(), 9) for b in range(0, len(rows), BLOCK)]
    return blocks, [int(f) for f in floors], shift


def build(model: dict[str, Any]) -> bytes:
    strings = state_strings(model["nextmove"], model["nextmove_row"])
    check_automaton(model["nextmove"], model["nextmove_row"], strings)
    states, starts, offsets_in_blob = states_section(strings, model["out_feat"])
    blocks, floors, shift = weight_blocks(model["ptc"])
    offsets = [len(states)]
    for block in blocks:
        offsets.append(offsets[-1] + len(block))
    header = {"format": 1, "classes": model["classes"].tolist(),
              "priors": [float(p) for p in model["pc"]], "floors": floors, "shift": shift,
              "features": len(model["ptc"]), "block": BLOCK, "states": len(strings) - 1,
              "state_groups": starts, "state_group_bytes": offsets_in_blob,
              "longest_state": max(len(s) for s in strings),
              "blocks": offsets, "max_delta": int(max_delta(model["ptc"], floors, shift))}
    head = json.dumps(header, separators=(",", ":")).encode()
    return MAGIC + struct.pack("<I", len(head)) + head + states + b"".join(blocks)


def max_delta(ptc: np.ndarray, floors: list[int], shift: int) -> int:
    fixed = np.round(-ptc.astype(np.float64) * 2.0 ** shift).astype(np.int64)
    return int((np.asarray(floors)[None, :] - fixed).max())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    data = build(load_model())
    args.out.write_bytes(data)
    print(f"{args.out}: {len(data):,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
