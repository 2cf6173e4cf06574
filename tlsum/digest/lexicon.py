"""Which word classes an English word can belong to, from lemminflect's lexicon.

The copy editor's check (``tlsum.digest.syntax``) needs to know whether a word
can be a noun, a verb's base form, a finite verb or only an adverb: "Will
Ankara emphasizes ..." and "Will Eventually switch ..." are broken because of
what "emphasizes" and "Eventually" are, which no list of function words tells.
lemminflect ships that lexicon (the SPECIALIST lexicon's word forms, 80 000 of
them) as two small CSV files; we read them directly instead of through its API,
which loads a numpy model and costs 0.6 s on the first call, while building
these two dicts costs about a tenth of that. Words the lexicon lacks (names,
brands) come back with no classes, and callers treat them as names.
"""

from __future__ import annotations

import gzip
from functools import cache
from importlib import resources

_Table = dict[str, dict[str, tuple[str, ...]]]
_PAST, _PARTICIPLE, _ING, _THIRD = range(4)  # the slots of a verb's forms in infl_lu


def _read(name: str) -> _Table:
    """``word -> {class: forms}`` from one of lemminflect's ``word,class,a/b`` files."""
    raw = resources.files("lemminflect").joinpath("resources", name).read_bytes()
    table: _Table = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        word, cls, forms = line.split(",", 2)
        table.setdefault(word, {})[cls] = tuple(forms.split("," if cls == "verb" and
                                                            "," in forms else "/"))
    return table


@cache
def _lemmas() -> _Table:
    """Word form → its lemmas by class ("troops" → noun: troop, verb: troop)."""
    return _read("lemma_lu.csv.gz")


@cache
def _inflections() -> _Table:
    """Lemma → its forms by class ("member" → noun: members)."""
    return _read("infl_lu.csv.gz")


def classes(word: str) -> frozenset[str]:
    """The word classes ``word`` can have ("noun", "verb", "adj", "adv", "aux", ...);
    empty when the lexicon does not know it (most names)."""
    entry = _lemmas().get(word) or _lemmas().get(word.lower()) or {}
    return frozenset(entry)


def lemmas(word: str, cls: str) -> tuple[str, ...]:
    """The lemmas of ``word`` as a ``cls`` ("emphasizes", "verb" → ("emphasize",))."""
    entry = _lemmas().get(word) or _lemmas().get(word.lower()) or {}
    return entry.get(cls, ())


def base_verb(word: str) -> bool:
    """Can ``word`` be a verb's base form ("agree", "love"; not "agreed", "emphasizes")?"""
    low = word.lower()
    return low in lemmas(low, "verb") or low in lemmas(low, "aux")


def _verb_form(word: str, *slots: int) -> bool:
    """Is ``word`` in one of these slots of the forms of one of its verb lemmas?"""
    low = word.lower()
    for lemma in lemmas(low, "verb"):
        forms = _inflections().get(lemma, {}).get("verb", ())
        if len(forms) == 4 and any(low in (forms[i] or forms[_PAST]).split("/") for i in slots):
            return True
    return False


def finite_only(word: str) -> bool:
    """A past or third-person form that cannot be a noun, an adjective or a base
    form ("emphasizes", "agreed", "sees"; not "talks", "prepared", "put", "stemming")."""
    low = word.lower()
    found = classes(low)
    if "verb" not in found or found & {"noun", "adj"} or base_verb(low):
        return False
    return _verb_form(low, _PAST, _THIRD)


def third_person(word: str) -> bool:
    """A third-person present form ("emphasizes", "sees"; also "talks")."""
    return _verb_form(word, _THIRD)


def participle(word: str) -> bool:
    """A past participle ("agreed", "gone", "put", "murdered"; not "went")."""
    return _verb_form(word, _PARTICIPLE)


def countable_only(noun: str) -> bool:
    """A singular noun that needs a determiner ("member"; not "money", "brutality").

    Its plural forms in the lexicon do not include the word itself."""
    low = noun.lower()
    forms = _inflections().get(low, {}).get("noun")
    return bool(forms) and low not in forms and "noun" in classes(low)


def plural_noun(word: str) -> bool:
    """A plural noun form ("troops", "children", "police"), by the lexicon."""
    low = word.lower()
    if low in ("police", "people", "staff", "media", "data", "cattle"):
        return True
    forms = _inflections()
    return any(low in forms.get(lemma, {}).get("noun", ()) for lemma in lemmas(low, "noun")
               if lemma != low)

