"""A local instruct model (CTranslate2 ``Generator`` + ``tokenizers``) that writes questions.

Why a language model at all: rules phrase only a third of what readers ask
(issue 19). The model never chooses what is open -- the learned scorer does --
it only turns one chosen sentence into one question, and every answer is
checked before it is shown (``tlsum.digest.asked``).

A model is a directory converted by ``tlsum models import`` (the contract in
the store's manifest: ``format`` "instruct", ``chat`` chatml|llama3|plain, ``eos``
tokens, ``tokenizer.json`` whose ids follow the CTranslate2 vocabulary). The
instructions and the few-shot pairs are one ``static_prompt`` that CTranslate2
caches, so each article pays only for its own sentences, all in one batch.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tlsum.errors import ModelError, NoModelError
from tlsum.models.store import ModelStore, read_manifest

if TYPE_CHECKING:
    from tlsum.options import TranslateOptions

INSTRUCT = "instruct"  # the manifest's "format" for these models
_ROLE_OPEN = {
    "chatml": "<|im_start|>{role}\n",
    "llama3": "<|start_header_id|>{role}<|end_header_id|>\n\n",
    "plain": "{role_title}: ",
}
_ROLE_CLOSE = {"chatml": "<|im_end|>\n", "llama3": "<|eot_id|>", "plain": "\n\n"}
_DEFAULT_EOS = {"chatml": ["<|im_end|>", "<|endoftext|>"], "llama3": ["<|eot_id|>"],
                "plain": ["\n\n"]}

Turn = tuple[str, str]  # (user message, assistant answer)


@dataclass(frozen=True)
class ChatFormat:
    """How one model family spells a conversation (the manifest's ``chat`` field)."""

    name: str
    bos: str = ""

    def turn(self, role: str, text: str) -> str:
        """One finished message."""
        return self.opening(role) + text + _ROLE_CLOSE[self.name]

    def opening(self, role: str) -> str:
        """The header that starts a message of ``role`` (system, user, assistant)."""
        return _ROLE_OPEN[self.name].format(role=role, role_title=role.title())

    def static(self, system: str, shots: tuple[Turn, ...]) -> str:
        """The instructions and the worked examples: the same for every call, so cached."""
        head = self.bos + self.turn("system", system)
        return head + "".join(self.turn("user", u) + self.turn("assistant", a) for u, a in shots)

    def ask(self, user: str) -> str:
        """The part after the static prompt: one user message, then the answer's header."""
        return self.turn("user", user) + self.opening("assistant")


class InstructModel:
    """A loaded instruct model: batched greedy answers, and yes/no log-odds."""

    def __init__(self, path: Path, manifest: dict[str, Any], generator: Callable[[], Any],
                 tokenizer: Callable[[], Any]) -> None:
        """``generator`` and ``tokenizer`` are functions that load them, called on first
        use: an article whose questions all come in its own words never reads the
        gigabyte of weights."""
        self.path = path
        self.id = str(manifest.get("id") or path.name)
        chat = str(manifest.get("chat") or "plain")
        self.chat = ChatFormat(chat if chat in _ROLE_OPEN else "plain",
                               str(manifest.get("bos") or ""))
        self.eos = list(manifest.get("eos") or _DEFAULT_EOS[self.chat.name])
        self.languages = tuple(manifest.get("languages") or ())
        self._loaders = {"generator": generator, "tokenizer": tokenizer}
        self._parts: dict[str, Any] = {}

    def _part(self, name: str) -> Any:
        """The generator or the tokenizer, loaded on first use."""
        if name not in self._parts:
            self._parts[name] = self._loaders[name]()
        return self._parts[name]

    @property
    def _generator(self) -> Any:
        return self._part("generator")

    @property
    def _tokenizer(self) -> Any:
        return self._part("tokenizer")

    def tokens(self, text: str) -> list[str]:
        """The token strings CTranslate2 reads (special tokens spelled in ``text``)."""
        return list(self._tokenizer.encode(text, add_special_tokens=False).tokens)

    def answer(self, system: str, shots: tuple[Turn, ...], users: list[str],
               max_tokens: int = 48) -> list[str]:
        """Greedy answers to ``users``, one batched call over a cached static prompt."""
        if not users:
            return []
        static = self.tokens(self.chat.static(system, shots))
        results = self._generator.generate_batch(
            self._prompts(users), static_prompt=static,
            include_prompt_in_result=False, max_length=max_tokens, sampling_topk=1,
            end_token=self.eos, beam_size=1)
        return [self._tokenizer.decode(r.sequences_ids[0]).strip() for r in results]

    def yes_odds(self, system: str, shots: tuple[Turn, ...], users: list[str],
                 yes: str = "Yes", no: str = "No") -> list[float]:
        """log P(yes) - log P(no) for the first answer token, one forward step per message."""
        if not users:
            return []
        static = self.tokens(self.chat.static(system, shots))
        yes_id, no_id = self._first_id(yes), self._first_id(no)
        results = self._generator.generate_batch(
            self._prompts(users), static_prompt=static,
            include_prompt_in_result=False, max_length=1, return_logits_vocab=True,
            sampling_topk=1, beam_size=1)
        return [_odds(r.logits, yes_id, no_id) for r in results]

    def _prompts(self, users: list[str]) -> list[list[str]]:
        """The messages' tokens, padded to one length with blank lines before the turn.

        CTranslate2 forwards a batch's prompts at once only up to the shortest one and
        feeds the rest a token per step (each step a pass over every weight), so a
        batch of unequal prompts costs seconds more than the same prompts padded.
        """
        prompts = [self.tokens(self.chat.ask(u)) for u in users]
        longest = max(len(p) for p in prompts)
        pad = self.tokens("\n")[:1]
        return [pad * (longest - len(p)) + p for p in prompts]

    def _first_id(self, word: str) -> int:
        """The id of the first token of ``word`` as an answer would start."""
        return int(self._tokenizer.encode(word, add_special_tokens=False).ids[0])


def _odds(logits: Any, yes_id: int, no_id: int) -> float:
    """The log-odds at the last step (constrained prompt steps come first)."""
    import numpy as np

    steps = np.asarray(logits[-1], dtype=np.float32)
    last = steps[-1] if steps.ndim == 2 else steps
    value = float(last[yes_id] - last[no_id])
    return value if math.isfinite(value) else 0.0


def instruct_dirs(models_dir: str | None = None) -> list[Path]:
    """Installed instruct models, the one to use by default first (the largest)."""
    found = []
    for model in ModelStore(models_dir).models():
        if not model.problem and model.manifest.format == INSTRUCT:
            found.append((-model.manifest.size, model.id, model.path))
    return [path for _, _, path in sorted(found)]


def find_model(name: str | None, models_dir: str | None = None) -> Path | None:
    """The directory ``--questions-model`` names: None/"" = the default, "none" = no model."""
    if name and name.lower() == "none":
        return None
    if not name:
        default = instruct_dirs(models_dir)
        return default[0] if default else None
    path = Path(name).expanduser()
    if path.is_dir():
        return path
    model = ModelStore(models_dir).find(name)
    if model is None or model.manifest.format != INSTRUCT:
        raise NoModelError(f"no instruct model named {name!r} is installed "
                           "(--questions-model none: the rules alone)",
                           hint="tlsum models import FILE.gguf")
    return model.path


def load(path: Path, options: TranslateOptions) -> InstructModel:
    """Load the model in ``path`` on the translation's device and threads (cached)."""
    threads = max(1, options.inter_threads * options.intra_threads)
    return _load(str(path.resolve()), options.device, options.compute_type, threads)


@lru_cache(maxsize=2)
def _load(path: str, device: str, compute_type: str, threads: int) -> InstructModel:
    """One load per process and setting: the weights are a gigabyte or more, so they
    are read on the first call that needs them, not here."""
    root = Path(path)
    manifest = _loading(root, lambda: read_manifest(root))

    def generator() -> Any:
        import ctranslate2

        return _loading(root, lambda: ctranslate2.Generator(
            path, device=device, compute_type=compute_type, inter_threads=1,
            intra_threads=threads))

    def tokenizer() -> Any:
        try:
            import tokenizers
        except ImportError as err:  # the instruct extra is not installed in this environment
            raise ModelError(f"{root}: running an instruct model needs the tokenizers package: "
                             "pip install 'tlsum[instruct]' (or --questions-model none)") from err
        return _loading(root, lambda: tokenizers.Tokenizer.from_file(str(root / "tokenizer.json")))

    return InstructModel(root, {"id": root.name, **manifest}, generator, tokenizer)


def _loading(root: Path, make: Callable[[], Any]) -> Any:
    """``make()``, its failure as one ModelError line."""
    try:
        return make()
    except Exception as err:  # ctranslate2 and tokenizers raise several kinds
        raise ModelError(f"{root}: cannot load the instruct model: {err}") from err
