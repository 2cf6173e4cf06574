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

import bisect
import gzip
import importlib.util
from functools import cache
from pathlib import Path

_Entry = dict[str, tuple[str, ...]]
_PAST, _PARTICIPLE, _ING, _THIRD = range(4)  # the slots of a verb's forms in infl_lu


@cache
def _lines(name: str) -> list[str]:
    """The sorted lines of one of lemminflect's ``word,class,forms`` files.

    Only a few dozen words are looked up per article, so the file is not parsed
    into a dict: a word's lines are found by bisection (they are contiguous)."""
    spec = importlib.util.find_spec("lemminflect")  # found, not imported: it imports numpy
    folder = spec.submodule_search_locations if spec else None
    if not folder:
        raise ModuleNotFoundError("lemminflect is not installed (pip install lemminflect)")
    raw = (Path(next(iter(folder))) / "resources" / name).read_bytes()
    return sorted(gzip.decompress(raw).decode("utf-8").splitlines())


@cache
def _entry(name: str, word: str) -> _Entry:
    """``{class: forms}`` for ``word`` in one file ("troops" → noun: (troop, troops), ...)."""
    lines = _lines(name)
    entry: _Entry = {}
    i = bisect.bisect_left(lines, word + ",")
    while i < len(lines) and lines[i].startswith(word + ","):
        _, cls, forms = lines[i].split(",", 2)
        entry[cls] = tuple(forms.split("," if cls == "verb" and "," in forms else "/"))
        i += 1
    return entry


def _lemmas(word: str) -> _Entry:
    """Word form → its lemmas by class ("troops" → noun: troop, verb: troop)."""
    return _entry("lemma_lu.csv.gz", word) or _entry("lemma_lu.csv.gz", word.lower())


def _inflections(lemma: str) -> _Entry:
    """Lemma → its forms by class ("member" → noun: members)."""
    return _entry("infl_lu.csv.gz", lemma)


def inflections(lemma: str) -> dict[str, tuple[str, ...]]:
    """A lemma's forms by class ("member" → noun: ("members",))."""
    return dict(_inflections(lemma))


def classes(word: str) -> frozenset[str]:
    """The word classes ``word`` can have ("noun", "verb", "adj", "adv", "aux", ...);
    empty when the lexicon does not know it (most names)."""
    return frozenset(_lemmas(word))


def lemmas(word: str, cls: str) -> tuple[str, ...]:
    """The lemmas of ``word`` as a ``cls`` ("emphasizes", "verb" → ("emphasize",))."""
    return _lemmas(word).get(cls, ())


def proper(word: str) -> bool:
    """A name the lexicon lists with its capital ("Baker", "Hill", "Tom"; not "School")."""
    return word[:1].isupper() and bool(_entry("lemma_lu.csv.gz", word))


def base_verb(word: str) -> bool:
    """Can ``word`` be a verb's base form ("agree", "love"; not "agreed", "emphasizes")?"""
    low = word.lower()
    return low in lemmas(low, "verb") or low in lemmas(low, "aux")


def _verb_form(word: str, *slots: int) -> bool:
    """Is ``word`` in one of these slots of the forms of one of its verb lemmas?"""
    low = word.lower()
    for lemma in lemmas(low, "verb"):
        forms = _inflections(lemma).get("verb", ())
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


def past(word: str) -> bool:
    """A past-tense form ("closed", "went", "put")."""
    return _verb_form(word, _PAST)


def participle(word: str) -> bool:
    """A past participle ("agreed", "gone", "put", "murdered"; not "went")."""
    return _verb_form(word, _PARTICIPLE)


def countable_only(noun: str) -> bool:
    """A singular noun that needs a determiner ("member"; not "money", "brutality").

    Its plural forms in the lexicon do not include the word itself."""
    low = noun.lower()
    forms = _inflections(low).get("noun", ())
    return bool(forms) and low not in forms and "noun" in classes(low)


def plural_noun(word: str) -> bool:
    """A plural noun form ("troops", "children", "police"), by the lexicon."""
    low = word.lower()
    if low in ("police", "people", "staff", "media", "data", "cattle"):
        return True
    if not classes(low):  # not in the lexicon ("floodwaters"): the spelling tells
        return low.isalpha() and low.endswith("s") and not low.endswith(("ss", "us", "is"))
    return any(low in _inflections(lemma).get("noun", ()) for lemma in lemmas(low, "noun")
               if lemma != low)



# Nouns whose plural is the singular, which lemminflect also lists with an "-s" plural.
_ZERO_PLURALS = frozenset({"fish", "deer", "salmon", "trout", "cod", "aircraft", "spacecraft",
                           "offspring", "bison", "moose", "swine", "livestock"})


def zero_plural(noun: str) -> bool:
    """A noun whose plural is itself ("sheep", "species", "salmon"): "Are the salmon ...?"
    agrees. The lexicon tells most of them (their only plural is the word itself)."""
    low = noun.lower()
    return low in _ZERO_PLURALS or _inflections(low).get("noun", ()) == (low,)
