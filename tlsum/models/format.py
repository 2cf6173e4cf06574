"""Recognise a translation model directory from its files and describe it.

Users bring models in the layouts other tools produce; we read the files rather
than trust a naming scheme, and say in one line why a directory is not a model::

    argos     model/model.bin + sentencepiece.model + metadata.json
    opus-mt   model.bin + source.spm + target.spm  (CTranslate2 conversion of Marian)
    nllb      model.bin + sentencepiece.bpe.model  (language tokens such as rus_Cyrl)
    m2m100    model.bin + spm.128k.model / sentencepiece.bpe.model  (tokens such as __ru__)
    instruct  model.bin + tokenizer.json + manifest format "instruct" (a converted GGUF
              decoder that phrases questions: recognised so that it is listed, never
              routed to for translation)

A ``tlsum-model.json`` manifest (id, format, source, target, version...) takes
priority over everything guessed from file and directory names.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, cast, get_args

from tlsum.errors import ModelError
from tlsum.files import read_json_object

log = logging.getLogger(__name__)

ModelFormat = Literal["argos", "opus-mt", "nllb", "m2m100", "instruct"]
FORMATS: tuple[str, ...] = get_args(ModelFormat)
MANIFEST = "tlsum-model.json"
MULTILINGUAL: frozenset[str] = frozenset({"nllb", "m2m100"})
# The length-normalised log-probability (nats per target piece, CTranslate2's
# ``return_scores``) below which a translation is flagged as unreliable, for a model
# whose manifest does not give its own ``score_floor``. Not calibrated on a real model
# here (none is reachable from our machines): e^-1 is a mean piece probability of 0.37,
# well below what a model that knows its input returns. The toy models carry their own.
DEFAULT_SCORE_FLOOR = -1.0

# ISO 639-1 -> NLLB-200 (FLORES-200) language token.
NLLB_CODES: dict[str, str] = {
    "af": "afr_Latn", "am": "amh_Ethi", "ar": "arb_Arab", "as": "asm_Beng", "az": "azj_Latn",
    "ba": "bak_Cyrl", "be": "bel_Cyrl", "bg": "bul_Cyrl", "bn": "ben_Beng", "bo": "bod_Tibt",
    "bs": "bos_Latn", "ca": "cat_Latn", "cs": "ces_Latn", "cy": "cym_Latn", "da": "dan_Latn",
    "de": "deu_Latn", "el": "ell_Grek", "en": "eng_Latn", "eo": "epo_Latn", "es": "spa_Latn",
    "et": "est_Latn", "eu": "eus_Latn", "fa": "pes_Arab", "fi": "fin_Latn", "fj": "fij_Latn",
    "fo": "fao_Latn", "fr": "fra_Latn", "ga": "gle_Latn", "gd": "gla_Latn", "gl": "glg_Latn",
    "gn": "grn_Latn", "gu": "guj_Gujr", "ha": "hau_Latn", "he": "heb_Hebr", "hi": "hin_Deva",
    "hr": "hrv_Latn", "ht": "hat_Latn", "hu": "hun_Latn", "hy": "hye_Armn", "id": "ind_Latn",
    "ig": "ibo_Latn", "is": "isl_Latn", "it": "ita_Latn", "ja": "jpn_Jpan", "jv": "jav_Latn",
    "ka": "kat_Geor", "kk": "kaz_Cyrl", "km": "khm_Khmr", "kn": "kan_Knda", "ko": "kor_Hang",
    "ks": "kas_Arab", "ku": "kmr_Latn", "ky": "kir_Cyrl", "lb": "ltz_Latn", "lg": "lug_Latn",
    "ln": "lin_Latn", "lo": "lao_Laoo", "lt": "lit_Latn", "lv": "lvs_Latn", "mg": "plt_Latn",
    "mi": "mri_Latn", "mk": "mkd_Cyrl", "ml": "mal_Mlym", "mn": "khk_Cyrl", "mr": "mar_Deva",
    "ms": "zsm_Latn", "mt": "mlt_Latn", "my": "mya_Mymr", "nb": "nob_Latn", "ne": "npi_Deva",
    "nl": "nld_Latn", "nn": "nno_Latn", "no": "nob_Latn", "ny": "nya_Latn", "oc": "oci_Latn",
    "or": "ory_Orya", "pa": "pan_Guru", "pl": "pol_Latn", "ps": "pbt_Arab", "pt": "por_Latn",
    "ro": "ron_Latn", "ru": "rus_Cyrl", "rw": "kin_Latn", "sa": "san_Deva", "sd": "snd_Arab",
    "si": "sin_Sinh", "sk": "slk_Latn", "sl": "slv_Latn", "sm": "smo_Latn", "sn": "sna_Latn",
    "so": "som_Latn", "sq": "als_Latn", "sr": "srp_Cyrl", "st": "sot_Latn", "su": "sun_Latn",
    "sv": "swe_Latn", "sw": "swh_Latn", "ta": "tam_Taml", "te": "tel_Telu", "tg": "tgk_Cyrl",
    "th": "tha_Thai", "tk": "tuk_Latn", "tl": "tgl_Latn", "tr": "tur_Latn", "tt": "tat_Cyrl",
    "ug": "uig_Arab", "uk": "ukr_Cyrl", "ur": "urd_Arab", "uz": "uzn_Latn", "vi": "vie_Latn",
    "wo": "wol_Latn", "xh": "xho_Latn", "yi": "ydd_Hebr", "yo": "yor_Latn", "zh": "zho_Hans",
    "zu": "zul_Latn",
}  # fmt: skip

# The ISO 639-1 languages of M2M-100 (its tokens are __xx__).
_M2M100 = (
    "af am ar az ba be bg bn br bs ca cs cy da de el en es et fa ff fi fr fy ga gd gl gu ha he "
    "hi hr ht hu hy id ig is it ja jv ka kk km kn ko lb lg ln lo lt lv mg mk ml mn mr ms my ne "
    "nl no oc or pa pl ps pt ro ru sd si sk sl so sq sr ss su sv sw ta th tl tn tr uk ur uz vi "
    "wo xh yi yo zh zu"
)
M2M100_CODES: tuple[str, ...] = tuple(_M2M100.split())

# OPUS-MT source-side language groups (a model named opus-mt-zle-en reads ru, uk, be).
# Groups on the target side need a >>xxx<< token we cannot guess, so they are refused.
OPUS_SOURCE_GROUPS: dict[str, tuple[str, ...]] = {
    "zle": ("ru", "uk", "be"),
    "zlw": ("pl", "cs", "sk"),
    "zls": ("bg", "mk", "sl", "sr", "hr", "bs"),
    "gmq": ("da", "no", "nb", "nn", "sv", "is"),
    "roa": ("fr", "es", "it", "pt", "ro", "ca", "gl"),
}
_OPUS_NAME = re.compile(r"opus-mt-(?:tc-(?:big|base)-)?([a-z]{2,3})-([a-z]{2,3})$")
_ISO1 = re.compile(r"^[a-z]{2}$")


@dataclass(frozen=True)
class ModelInfo:
    """What a model directory holds: enough to load it, route to it and key a cache."""

    path: Path
    id: str
    format: ModelFormat
    sources: tuple[str, ...]  # ISO 639-1 codes
    targets: tuple[str, ...]
    ct2_dir: Path  # the directory holding model.bin
    source_spm: Path
    target_spm: Path
    target_prefix: tuple[str, ...] = ()  # argos metadata target_prefix etc.
    version: str = ""  # for cache keys
    problem: str = ""  # why the model cannot be used ("missing source.spm"); "" when it can
    demo: bool = False  # a bundled demo model: used only when named (``--model``)
    score_floor: float = DEFAULT_SCORE_FLOOR  # see DEFAULT_SCORE_FLOOR

    def translates(self, src: str, tgt: str) -> bool:
        """True when this model reads ``src`` and writes ``tgt`` (and they differ)."""
        return (self.format != "instruct" and src != tgt and src in self.sources
                and tgt in self.targets)

    @property
    def multilingual(self) -> bool:
        """Many-to-many models need language tokens on both sides."""
        return self.format in MULTILINGUAL


def language_tokens(info: ModelInfo, src: str, tgt: str) -> tuple[list[str], list[str]]:
    """The tokens to put before the source pieces and the target prefix, for one pair."""
    if info.format == "nllb":
        return [NLLB_CODES[src]], [NLLB_CODES[tgt]]
    if info.format == "m2m100":
        return [f"__{src}__"], [f"__{tgt}__"]
    return [], list(info.target_prefix)


def inspect_model(path: Path) -> ModelInfo:
    """Describe the model in ``path``; raise ``ModelError`` with a one-line reason."""
    path = Path(path)
    if not path.is_dir():
        raise ModelError(f"{path}: not a directory")
    stamp = _stamp(path)
    return _inspect_cached(path.resolve(), stamp)


def find_models(dirs: Sequence[Path],
                skipped: list[tuple[Path, str]] | None = None) -> list[ModelInfo]:
    """Every model directly under ``dirs``, in order, broken ones included.

    A broken model (a file missing) whose languages are still known comes back
    with ``problem`` set, so that routing can name it instead of silently using
    another model; one whose languages are unknown cannot cover any pair and is
    left out: appended to ``skipped`` as (directory, reason) when the caller
    reports it itself (routing: one line per fault), else logged as a warning
    (``tlsum models list`` shows it as broken).
    """
    found: list[ModelInfo] = []
    seen: set[Path] = set()
    for base in dirs:
        base = Path(base)
        if not base.is_dir():
            continue
        for child in sorted(base.iterdir()):
            if child.name.startswith(".") or not child.is_dir() or child.resolve() in seen:
                continue
            seen.add(child.resolve())
            try:
                found.append(_inspect_cached(child.resolve(), _stamp(child), strict=False))
            except ModelError as err:
                reason = str(err).removeprefix(f"{child.resolve()}: ")
                if skipped is None:
                    log.warning("ignoring %s, which is not a usable model: %s", child, reason)
                else:
                    skipped.append((child, reason))
    return found


def _stamp(path: Path) -> tuple[float, ...]:
    """Modification times that change when a model is (re)installed in place."""
    names = (MANIFEST, "metadata.json", "model.bin", "model/model.bin")
    return tuple((path / n).stat().st_mtime if (path / n).exists() else 0.0 for n in names)


@lru_cache(maxsize=256)
def _inspect_cached(path: Path, stamp: tuple[float, ...], strict: bool = True) -> ModelInfo:
    """Inspection reads a few files; a run that routes twice should not read them twice.

    ``strict``: a model with a missing file raises; otherwise it comes back with
    ``problem`` saying what is wrong.
    """
    del stamp  # only part of the cache key
    manifest = _read_json(path / MANIFEST) if (path / MANIFEST).is_file() else {}
    fmt = manifest.get("format") or _guess_format(path)
    if fmt not in FORMATS:
        raise ModelError(f"{path}: unknown model format {fmt!r} (expected one of {FORMATS})")
    try:
        info = _BUILDERS[fmt](path, {**manifest, "format": fmt})
        info = replace(info, demo=manifest.get("demo") is True,
                       score_floor=float(manifest.get("score_floor", DEFAULT_SCORE_FLOOR)))
    except (TypeError, ValueError) as err:  # e.g. "source": 5 in a hand-edited manifest
        raise ModelError(f"{path}: malformed {MANIFEST} ({err})") from err
    try:
        _check_files(info)
    except ModelError as err:
        if strict or not ((info.sources and info.targets) or info.format == "instruct"):
            raise
        return replace(info, problem=str(err).removeprefix(f"{path}: "))
    return info


def _guess_format(path: Path) -> str:
    """The format from the files present, without a manifest."""
    if (path / "metadata.json").is_file() and (path / "model" / "model.bin").is_file():
        return "argos"
    if not (path / "model.bin").is_file():
        raise ModelError(f"{path}: no model.bin (not a CTranslate2 model)")
    if (path / "source.spm").is_file() and (path / "target.spm").is_file():
        return "opus-mt"
    return _guess_multilingual(path)


def _guess_multilingual(path: Path) -> str:
    """NLLB and M2M-100 conversions share file names; the vocabulary tells them apart."""
    name = path.name.lower()
    if "nllb" in name:
        return "nllb"
    if "m2m" in name:
        return "m2m100"
    if _multilingual_spm(path) is None:
        raise ModelError(f"{path}: model.bin without a SentencePiece model we know")
    vocab = _vocabulary_head(path)
    if "eng_Latn" in vocab:
        return "nllb"
    if "__en__" in vocab:
        return "m2m100"
    raise ModelError(f"{path}: cannot tell the model format (add a {MANIFEST})")


def _vocabulary_head(path: Path) -> str:
    """The start of the vocabulary file as text, enough to spot language tokens."""
    for name in ("shared_vocabulary.json", "shared_vocabulary.txt",
                 "source_vocabulary.json", "source_vocabulary.txt"):
        if (path / name).is_file():
            return (path / name).read_text(encoding="utf-8", errors="replace")
    return ""


def _multilingual_spm(path: Path) -> Path | None:
    for name in ("sentencepiece.bpe.model", "spm.128k.model", "sentencepiece.model"):
        if (path / name).is_file():
            return path / name
    return None


def _read_json(path: Path) -> dict[str, Any]:
    return read_json_object(path, ModelError)


def _codes(value: Any) -> tuple[str, ...]:
    """A manifest language field: "ru", ["ru", "uk"] or missing."""
    items = [value] if isinstance(value, str) else list(value or ())
    return tuple(str(v).lower() for v in items)


def _tokens(value: Any) -> tuple[str, ...]:
    """A target prefix: "__de__", ["__de__"] or missing; tokens keep their case."""
    items = [value] if isinstance(value, str) else list(value or ())
    return tuple(str(v) for v in items if str(v))


def _manifest_langs(manifest: dict[str, Any], key: str) -> tuple[str, ...]:
    return _codes(manifest.get(key) or manifest.get(key + "s"))


def _build_argos(path: Path, manifest: dict[str, Any]) -> ModelInfo:
    meta = _read_json(path / "metadata.json") if (path / "metadata.json").is_file() else {}
    src = _manifest_langs(manifest, "source") or _codes(meta.get("from_code"))
    tgt = _manifest_langs(manifest, "target") or _codes(meta.get("to_code"))
    prefix = manifest.get("target_prefix", meta.get("target_prefix"))
    spm = path / "sentencepiece.model"
    return ModelInfo(
        path=path, id=str(manifest.get("id") or path.name), format="argos",
        sources=src, targets=tgt, ct2_dir=path / "model", source_spm=spm, target_spm=spm,
        target_prefix=_tokens(prefix),
        version=str(manifest.get("version") or meta.get("package_version") or ""),
    )


def _build_opus(path: Path, manifest: dict[str, Any]) -> ModelInfo:
    src = _manifest_langs(manifest, "source")
    tgt = _manifest_langs(manifest, "target")
    if not (src and tgt):
        src, tgt = _opus_langs_from_name(path)
    return ModelInfo(
        path=path, id=str(manifest.get("id") or path.name), format="opus-mt",
        sources=src, targets=tgt, ct2_dir=_ct2_dir(path),
        source_spm=path / str(manifest.get("source_spm", "source.spm")),
        target_spm=path / str(manifest.get("target_spm", "target.spm")),
        target_prefix=_tokens(manifest.get("target_prefix")),
        version=str(manifest.get("version", "")),
    )


def _opus_langs_from_name(path: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Languages from names like opus-mt-ru-en or ct2-opus-mt-tc-big-zle-en, conservatively."""
    match = _OPUS_NAME.search(path.name.lower())
    if not match:
        raise ModelError(f"{path}: OPUS-MT model without languages (add a {MANIFEST})")
    src, tgt = match.groups()
    sources = OPUS_SOURCE_GROUPS.get(src, (src,))
    if not (_ISO1.match(tgt) and all(_ISO1.match(s) for s in sources)):
        raise ModelError(f"{path}: cannot map {src}-{tgt} to ISO 639-1 (add a {MANIFEST})")
    return sources, (tgt,)


def _build_multilingual(path: Path, manifest: dict[str, Any]) -> ModelInfo:
    fmt = cast(ModelFormat, manifest["format"])
    langs = tuple(NLLB_CODES) if fmt == "nllb" else M2M100_CODES
    spm_name = manifest.get("spm")
    spm = path / str(spm_name) if spm_name else _multilingual_spm(path)
    if spm is None:
        raise ModelError(f"{path}: no SentencePiece model (sentencepiece.bpe.model)")
    return ModelInfo(
        path=path, id=str(manifest.get("id") or path.name), format=fmt,
        sources=_manifest_langs(manifest, "source") or langs,
        targets=_manifest_langs(manifest, "target") or langs,
        ct2_dir=_ct2_dir(path), source_spm=spm, target_spm=spm,
        version=str(manifest.get("version", "")),
    )


def _build_instruct(path: Path, manifest: dict[str, Any]) -> ModelInfo:
    """A converted instruct model: no languages, its tokenizer in ``tokenizer.json``."""
    tokenizer = path / "tokenizer.json"
    return ModelInfo(path=path, id=str(manifest.get("id") or path.name), format="instruct",
                     sources=(), targets=(), ct2_dir=path, source_spm=tokenizer,
                     target_spm=tokenizer, version=str(manifest.get("version", "")))


def _ct2_dir(path: Path) -> Path:
    return path / "model" if (path / "model" / "model.bin").is_file() else path


def _check_files(info: ModelInfo) -> None:
    """Refuse half-installed models here, so routing never picks one."""
    for needed in (info.ct2_dir / "model.bin", info.source_spm, info.target_spm):
        if not needed.is_file():
            raise ModelError(f"{info.path}: missing {needed.name}")
    if info.format == "instruct":
        if not (info.path / "vocabulary.json").is_file():
            raise ModelError(f"{info.path}: missing vocabulary.json")
        return
    if not (info.sources and info.targets):
        raise ModelError(f"{info.path}: no source or target language")
    if info.format == "nllb":
        unknown = [c for c in (*info.sources, *info.targets) if c not in NLLB_CODES]
        if unknown:
            raise ModelError(f"{info.path}: no NLLB token for {', '.join(unknown)}")


_BUILDERS = {
    "argos": _build_argos,
    "opus-mt": _build_opus,
    "nllb": _build_multilingual,
    "m2m100": _build_multilingual,
    "instruct": _build_instruct,
}
