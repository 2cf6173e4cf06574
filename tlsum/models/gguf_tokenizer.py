"""A GGUF's byte-level BPE tokenizer, rebuilt with the ``tokenizers`` library.

GGUF stores the vocabulary (``tokenizer.ggml.tokens``, in id order), the merges and
a token type per id; the pre-tokenizer is named (``tokenizer.ggml.pre``), not stored,
so its split pattern comes from the table below. Control tokens (type 3: ``<|im_start|>``,
``<|endoftext|>``...) become special tokens, so a prompt that spells them literally
encodes to their single ids, as the contract with ``digest`` requires. SentencePiece-style
GGUFs (``tokenizer.ggml.model == "llama"``) are refused: their merges are scores, and
tlsum has no use for them yet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tlsum.errors import ModelStoreError

if TYPE_CHECKING:
    from tokenizers import Tokenizer

    from tlsum.models.gguf_file import GGUFHeader

# Pre-tokenizer split patterns (from the models' own tokenizer.json files).
QWEN2_PATTERN = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}"
                 r"| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+")
LLAMA3_PATTERN = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}"
                  r"| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+")
PATTERNS = {"qwen2": QWEN2_PATTERN, "llama-bpe": LLAMA3_PATTERN}
CONTROL, USER_DEFINED = 3, 4


def _fail(header: GGUFHeader, why: str) -> ModelStoreError:
    return ModelStoreError(f"{header.path}: cannot convert: {why}")


def _vocab(header: GGUFHeader, rows: int) -> tuple[list[str], list[str], Any]:
    """Tokens, merges and token types, checked against the embedding's rows."""
    model = header.get("tokenizer.ggml.model")
    tokens = header.get("tokenizer.ggml.tokens")
    if model is None or not isinstance(tokens, list) or not tokens:
        raise _fail(header, "the GGUF carries no tokenizer (tokenizer.ggml.tokens)")
    if model != "gpt2":
        raise _fail(header, f"tokenizer {model!r} is not supported (tlsum converts "
                    "byte-level BPE tokenizers, tokenizer.ggml.model = gpt2)")
    merges = header.get("tokenizer.ggml.merges")
    if not isinstance(merges, list) or not all(m.count(" ") == 1 for m in merges):
        raise _fail(header, "the tokenizer has no usable merges (tokenizer.ggml.merges)")
    if len(tokens) > rows:
        raise _fail(header, f"{len(tokens)} tokens but the embedding has {rows} rows")
    types = header.get("tokenizer.ggml.token_type")
    if types is not None and len(types) != len(tokens):
        raise _fail(header, "tokenizer.ggml.token_type does not match the tokens")
    return tokens, merges, types


def build_tokenizer(header: GGUFHeader, rows: int) -> tuple[Tokenizer, list[str]]:
    """The tokenizer, and the CTranslate2 vocabulary (tokens padded to the embedding rows)."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers
    from tokenizers import pre_tokenizers as pre

    tokens, merges, types = _vocab(header, rows)
    name = str(header.get("tokenizer.ggml.pre", "default"))
    split: Any
    if name in PATTERNS:
        split = pre.Sequence([pre.Split(Regex(PATTERNS[name]), behavior="isolated"),
                              pre.ByteLevel(add_prefix_space=False, use_regex=False)])
    elif name in ("default", "gpt-2", "gpt2"):
        split = pre.ByteLevel(add_prefix_space=False, use_regex=True)
    else:
        raise _fail(header, f"pre-tokenizer {name!r} is not supported (qwen2, llama-bpe, "
                    "gpt-2)")
    vocab = {token: i for i, token in enumerate(tokens)}
    if len(vocab) != len(tokens):
        raise _fail(header, "the tokenizer lists a token twice")
    pairs = [(a, b) for a, _, b in (m.partition(" ") for m in merges)]
    try:
        tokenizer = Tokenizer(models.BPE(vocab=vocab, merges=pairs, fuse_unk=False))
    except Exception as err:  # noqa: BLE001 - tokenizers raises plain Exception on bad merges
        raise _fail(header, f"the tokenizer does not load: {err}") from None
    if name == "qwen2":
        tokenizer.normalizer = normalizers.NFC()
    tokenizer.pre_tokenizer = split
    tokenizer.decoder = decoders.ByteLevel()
    if types is not None:
        tokenizer.add_tokens([AddedToken(tokens[i], special=int(t) == CONTROL, normalized=False)
                              for i, t in enumerate(types) if int(t) in (CONTROL, USER_DEFINED)])
    extra = [f"<extra_id_{i}>" for i in range(rows - len(tokens))]
    return tokenizer, [*tokens, *extra]


def chat_kind(header: GGUFHeader) -> str:
    """The chat template family the prompt builder must follow."""
    template = str(header.get("tokenizer.chat_template", ""))
    if "<|im_start|>" in template:
        return "chatml"
    if "<|start_header_id|>" in template:
        return "llama3"
    return "plain"


_CHAT_ENDS = {"chatml": ("<|im_end|>", "<|endoftext|>"),
              "llama3": ("<|eot_id|>", "<|end_of_text|>"), "plain": ()}


def eos_tokens(header: GGUFHeader, chat: str) -> list[str]:
    """Tokens that end a reply: the GGUF's eos and eot, then the chat format's own."""
    tokens = header.get("tokenizer.ggml.tokens") or []
    out: list[str] = []
    for key in ("tokenizer.ggml.eos_token_id", "tokenizer.ggml.eot_token_id"):
        index = header.get(key)
        if isinstance(index, int) and 0 <= index < len(tokens):
            out.append(tokens[index])
    known = set(tokens)
    out += [t for t in _CHAT_ENDS.get(chat, ()) if t in known]
    return list(dict.fromkeys(out))
