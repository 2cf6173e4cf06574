"""The subject noun phrase of a question, read word by word with the lexicon.

``tlsum.digest.syntax`` needs to know where the subject after "Will"/"Is" ends,
what its head noun is (for agreement) and whether it is a noun phrase at all.
A noun phrase opens with a determiner, a possessive, a number, a name, an
indefinite pronoun or a bare plural or mass noun; it runs on through
adjectives, nouns, possessives, prepositional phrases ("of foreign troops")
and "and"/"or". After a modal or "do", the first word that can only be read as
the verb ends it; a word that is both noun and verb ("zone", "hold") is read
as the verb when what follows it is an object, a particle or an adverb, or
when it ends the question right after a plural, a name or a subject without a
prepositional phrase ("Will the ceasefire hold?"), or is one of the verbs that
often stand alone ("hold", "end", "rise"), and as a noun otherwise ("... in the
conflict zone?").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import tlsum.digest.lexicon as lx
from tlsum.digest.words import WH, wordset

MODALS = wordset("will would can could should shall may might must")
DO = wordset("do does did")
BE = wordset("is are was were am")
HAVE = wordset("has have had")
DETERMINERS = wordset(
    "the a an this that these those his her its their our my your some any no every each all both "
    "either neither another many several most few much more less fewer other such"
)
INDEFINITE = wordset("anyone anybody someone somebody everyone everybody nobody anything "
                     "something everything nothing none")
PREPOSITIONS = wordset(
    "of in on at for from with to over against near between by under about into after before "
    "during across through within without among amid around behind beyond toward towards via "
    "per than like since until despite upon onto inside outside"
)
CLOSED = PREPOSITIONS | MODALS | DO | BE | HAVE | WH | wordset(
    "and or but nor if because although though while whereas unless once so then also even just "
    "not it he she they we i you him them us me that there here yet still however meanwhile "
    "instead thus therefore indeed eventually finally"
)
PARTICLES = wordset("up out down off back away over on in")
PRE_VERB = wordset("not still ever also really actually finally eventually soon already yet now "
                   "even again just never ultimately definitely")
# Verbs that often end a clause on their own, read as the verb even where the noun fits:
# "Will the ceasefire in the north hold?".
INTRANSITIVE = wordset("hold end last collapse fall rise return change pass work stand stay win "
                       "lose fail succeed continue resume recover improve close open matter count "
                       "drop increase decrease grow shrink appeal vote rule bid move respond "
                       "travel start finish go come spread surge plunge slide climb slump "
                       "rally crash dip jump soar slow expand strike protest march")
_VERB_BEFORE = MODALS | DO | {"to"}
_OBJECT_PRONOUNS = wordset("him her them it us me himself herself themselves itself")


@dataclass(frozen=True)
class Phrase:
    """A noun phrase at the start of a word list: where it ends, its head, its number."""

    end: int
    head: str
    plural: bool
    bare: bool  # no determiner, name or number: must be plural or uncountable
    has_pp: bool
    names_only: bool  # every word capitalised ("School District", "Real Madrid")
    preps: tuple[str, ...] = ()  # the prepositions of its phrases ("of", "at")


@dataclass
class _State:
    head: str = ""
    complete: bool = False
    plural: bool = False
    bare: bool = True
    has_pp: bool = False
    names_only: bool = True
    coordinated: bool = False
    preps: tuple[str, ...] = ()
    infinitives: bool = True  # "the decision to close ...": not after "is" ("Is X to blame?")
    roles: Mapping[str, frozenset[str]] = field(default_factory=dict)  # from ``source_roles``


def source_roles(source: str) -> dict[str, frozenset[str]]:
    """How the sentence a question came from uses its words: "verb" right after "to", a
    modal or "do" (an adverb may stand between) and a verb's base form where its past
    follows a noun, "noun" right after a determiner or right before an auxiliary. "... in
    the conflict zone could complicate" says "zone" is a noun; "... scheduled to sail on
    Sunday" says "sail" is a verb."""
    words = [w.strip(".,;:!?\"'()“”‘’").lower() for w in source.split()]
    roles: dict[str, set[str]] = {}
    for i, word in enumerate(words):
        before = words[max(0, i - 2) : i]
        after = words[i + 1] if i + 1 < len(words) else ""
        adverb = len(before) == 2 and (before[1] in PRE_VERB or before[1].endswith("ly"))
        if before and (before[-1] in _VERB_BEFORE or (adverb and before[0] in _VERB_BEFORE)):
            roles.setdefault(word, set()).add("verb")
        elif (before and before[-1] in DETERMINERS) or after in MODALS | BE | HAVE | DO or \
                _compound_noun(before, word):
            roles.setdefault(word, set()).add("noun")
        for lemma in _past_of(before, word):  # "the price of cocoa rose": "rise" a verb
            roles.setdefault(lemma, set()).add("verb")
    return {word: frozenset(found) for word, found in roles.items()}


def _past_of(before: list[str], word: str) -> tuple[str, ...]:
    """The verbs ``word`` is the past form of, when it follows a noun as its verb (a
    question asks about it in the base form: "rose" → "Why did the price rise?")."""
    if not before or before[-1] in CLOSED | DETERMINERS or not lx.past(word) or \
            "noun" not in lx.classes(before[-1]):
        return ()
    return tuple(m for m in lx.lemmas(word, "verb") if m != word)


def _compound_noun(before: list[str], word: str) -> bool:
    """ "a strike ballot": a noun after a determiner and a singular noun is the compound's
    head, unless it is a finite verb form ("the government refuses", "the owners find")."""
    return len(before) == 2 and before[0] in DETERMINERS and word not in CLOSED and \
        "noun" in lx.classes(before[1]) and not lx.plural_noun(before[1]) and \
        "noun" in lx.classes(word) and \
        not (lx.past(word) or lx.third_person(word))


def subject(words: list[str], verb_next: bool, infinitives: bool = True,
            roles: Mapping[str, frozenset[str]] | None = None) -> tuple[Phrase | None, str]:
    """The subject noun phrase opening ``words``, or (None, what is wrong).

    ``verb_next``: a modal or "do" came before it, so a base-form verb ends it.
    A noun-or-verb word followed by a noun ("the bank cut interest rates") is
    first read as part of a compound; when no verb turns up after the phrase,
    it is read as the verb instead."""
    if not words:
        return None, "no subject after the auxiliary"
    if words[0].lower() in INDEFINITE or dummy_it([w.lower() for w in words]):
        return Phrase(1, words[0].lower(), False, False, False, False), ""
    why = bad_start(words)
    if why:
        return None, why
    st = _State(infinitives=infinitives, roles=roles or {})
    end, maybe = _read_phrase(words, verb_next, len(words), st)
    if verb_next and maybe is not None and not (end < len(words) and lx.base_verb(words[end])) \
            and not _verb_with_object(words, maybe + 1):
        st = _State(infinitives=infinitives, roles=roles or {})
        end, _ = _read_phrase(words, verb_next, maybe, st)
    if not st.complete:
        return None, "the subject is not a finished noun phrase"
    phrase = Phrase(end, st.head, st.plural, st.bare, st.has_pp, st.names_only, st.preps)
    return (None, why) if (why := _article(words[:end], phrase)) else (phrase, "")


def dummy_it(low: list[str], first: int = 2) -> bool:
    """ "(How long will) it take to rebuild ...", "(Is) it safe to ...": an "it" that
    stands for the infinitive after it, the one pronoun a question may open with
    (``first``: 1 where a wh-phrase is the predicate, "Whose idea was it to ...")."""
    return bool(low) and low[0] == "it" and any(
        low[j] == "to" and lx.base_verb(low[j + 1]) for j in range(first, min(4, len(low) - 1)))


def _verb_with_object(words: list[str], i: int) -> bool:
    """ "raises its prices": a third-person verb and its object, so the word before it
    ("the bakery chain") was a noun, not the question's verb."""
    nxt = words[i + 1].lower() if i + 1 < len(words) else ""
    return i < len(words) and lx.third_person(words[i]) and nxt in DETERMINERS


def _read_phrase(words: list[str], verb_next: bool, stop: int,
                 st: _State) -> tuple[int, int | None]:
    """Read the phrase into ``st``, up to ``stop`` at most: where it ends, and the first
    word that could have been the verb but was read as a noun (None if none)."""
    i, maybe = 0, None
    while i < min(stop, len(words)):
        verb = verb_here(words, i, st) if st.complete and verb_next else False
        if verb:
            break
        if verb is None and maybe is None and not st.has_pp:
            maybe = i
        step = _step(words, i, st, verb_next)
        if step == 0:
            break
        i += step
    return i, maybe


def _step(words: list[str], i: int, st: _State, verb_next: bool) -> int:
    """Take the word at ``i`` into the phrase; how many words were taken (0: it ends here)."""
    word = words[i].rstrip(",")
    low = word.lower()
    nxt = words[i + 1].rstrip(",") if i + 1 < len(words) else ""
    if i and words[i - 1].endswith(","):
        return _aside(words, i) if st.complete else 0
    if st.complete and st.infinitives and low == "not" and nxt == "to":
        return _infinitive(words, i + 1, st) + 1
    if st.complete and st.infinitives and low == "to" and (taken := _infinitive(words, i, st)):
        return taken  # else "the repairs to the tunnel": a prepositional phrase
    if low in DETERMINERS and not st.complete:
        st.bare = False
        st.names_only = False
        return 1
    if word.endswith(("'s", "’s", "s'")) and len(word) > 2:
        st.bare = st.bare and not word[:1].isupper()
        st.complete = False
        st.names_only = st.names_only and word[:1].isupper()
        return 1
    if st.complete and low in ("and", "or", "&", "nor") and nxt and not bad_start([nxt]):
        st.coordinated = True
        st.plural = st.plural or low == "and"
        st.complete = False
        return 1
    if st.complete and low in PREPOSITIONS | {"off"} and nxt and _opens_np(words[i + 1 : i + 3]):
        st.has_pp = True
        st.preps += (low,)
        st.complete = False
        return 1
    return _content(word, nxt, st, verb_next)


def _aside(words: list[str], i: int) -> int:
    """ "the new law, signed in April, could ...": a participle or relative clause between
    commas inside the subject; how many words it takes (0: none closes)."""
    first = words[i].rstrip(",").lower()
    if not (lx.participle(first) or first in ("who", "which", "aged", "now", "then")):
        return 0
    for j in range(i, min(i + 8, len(words) - 1)):
        if words[j].endswith(","):
            return j + 1 - i
    return 0


def _infinitive(words: list[str], i: int, st: _State) -> int:
    """ "the decision (not) to grant the holiday", "the bill to be considered by the Duma":
    an infinitive inside the subject; how many words it takes (0: not one)."""
    verb = words[i + 1].rstrip(",").lower() if i + 1 < len(words) else ""
    if not lx.base_verb(verb) or verb in CLOSED:
        return 0
    taken = 2
    if verb == "be" and i + 2 < len(words) and lx.participle(words[i + 2].rstrip(",")):
        taken = 3
    nxt = words[i + taken].lower() if i + taken < len(words) else ""
    st.complete = not (nxt in DETERMINERS or nxt.endswith("'s"))  # its object follows
    return taken


def _content(word: str, nxt: str, st: _State, verb_next: bool) -> int:
    """A noun, name, number or modifier inside the phrase; 0 for anything else."""
    low = word.lower()
    found = lx.classes(low)
    name = word[:1].isupper() and (low not in CLOSED or _acronym(word))
    if any(c.isdigit() for c in word) or name:
        st.bare = st.bare and not word[:1].isdigit()
        return _noun(word, st, plural=False)
    st.names_only = st.names_only and st.has_pp
    if low in CLOSED or low in DETERMINERS or low in INDEFINITE:
        return 0
    predicate = "adj" in found and (not nxt or nxt.lower() in PREPOSITIONS)
    nounlike = "noun" in found or not found  # a word the lexicon lacks: a rare noun
    # "the dam at ...": a bare verb right after the determiner is a noun the lexicon lacks
    nounlike = nounlike or (found == {"verb"} and not st.complete and not st.bare and
                            _no_object(nxt) and lx.base_verb(low))
    attributive = verb_next and "adj" in found and "noun" in lx.classes(nxt.lower())
    if st.complete and verb_next and low.endswith("ing") and nxt and lx.base_verb(nxt) \
            and nxt.lower() not in CLOSED:
        return _noun(word, st, plural=False)  # "the billionaire bashing reach ..."
    if st.complete and not attributive and (low.endswith("ing") or not nounlike or
                                            (predicate and not verb_next)):
        participle = verb_next and lx.participle(low) and \
            (nxt.lower() in PREPOSITIONS or nxt[:1].isdigit())
        return 1 if participle else 0  # "the man arrested in Paris"; else the predicate
    if nounlike:
        return _noun(word, st, plural=lx.plural_noun(low))
    if attributive:
        st.complete = False  # "Starship lunar lander missions": an adjective before a noun
        return 1
    if "adj" in found or low.endswith(("ing", "ed")) or not found or lx.participle(low):
        return 1 if not st.complete and (found or not word.isalpha()) else 0
    return 0


def _no_object(nxt: str) -> bool:
    """Does ``nxt`` show that the word before it has no object, so is no verb (read after
    a determiner only: "the dam ignored", "the dam at", "the dam safe"): anything but a
    determiner, a number, a name or an object pronoun ("the decide the case")?"""
    low = nxt.lower()
    return not nxt or (nxt.islower() and low not in DETERMINERS and low not in _OBJECT_PRONOUNS
                       and not low[:1].isdigit())


def _acronym(word: str) -> bool:
    """ "US", "UN": capitals only, a name even where the lower-case word is "us"."""
    return len(word) > 1 and word.isupper() and word.isalpha()


def _noun(word: str, st: _State, plural: bool) -> int:
    """A word that can end the phrase: it becomes the head until another one follows."""
    if not st.has_pp and not st.coordinated:
        st.head = word
        st.plural = plural
    st.complete = True
    return 1


def verb_here(words: list[str], i: int, st: _State) -> bool | None:
    """After a complete subject, is ``words[i]`` the base-form verb (see the module doc)?
    None: a noun-or-verb word before a noun, read as a noun unless no verb follows."""
    if words[i - 1].endswith(","):
        return False
    word = words[i].rstrip(",")
    low = word.lower()
    if word[:1].isupper() or low in CLOSED | PARTICLES - {"back"} or not lx.base_verb(low):
        return False
    if not lx.classes(low) & {"noun", "adj"}:
        return True
    role = st.roles.get(low, frozenset())
    if len(role) == 1:
        return "verb" in role  # the source sentence used the word as a verb, or as a noun
    prev = words[i - 1].rstrip(",")
    strong_prev = prev[:1].isupper() or lx.plural_noun(prev) or prev.lower() in INDEFINITE
    nxt = words[i + 1].rstrip(",") if i + 1 < len(words) else ""
    if not nxt:
        return strong_prev or not st.has_pp or low in INTRANSITIVE
    nlow = nxt.lower()
    if (lx.base_verb(nlow) and not lx.classes(nlow) & {"noun", "adj"}) or \
            (lx.past(nlow) and "noun" not in lx.classes(nlow)):
        return False  # "the cricket board impose", "the pharmacy chain closed": not this one
    after = words[i + 2].rstrip(",").lower() if i + 2 < len(words) else ""
    if nlow in PARTICLES and after in DETERMINERS:
        return True  # "hand over the documents": a phrasal verb and its object
    if nlow == "to" and not (strong_prev or low in INTRANSITIVE):
        return None  # "the merger lead to", "the bank refuse to lend": a verb if none follows
    if nlow in PREPOSITIONS or (nlow == "off" and words[i + 2 : i + 3] != [] and
                                words[i + 2][:1].isupper()):  # "the coral reef off Queensland"
        return strong_prev or low in INTRANSITIVE  # "the apartment block on the estate"
    if nlow in DETERMINERS | PARTICLES | PRE_VERB | _OBJECT_PRONOUNS or nxt[:1].isupper() or \
            any(c.isdigit() for c in nxt) or "noun" not in lx.classes(nlow):
        return True
    return True if strong_prev else None


def bad_start(words: list[str]) -> str:
    """Why ``words[0]`` cannot open a subject noun phrase ("" when it can)."""
    word = words[0].rstrip(",")
    low = word.lower()
    nxt = words[1].rstrip(",") if len(words) > 1 else ""
    found = lx.classes(low)
    if low in DETERMINERS or any(c.isdigit() for c in word) or low in INDEFINITE or \
            _acronym(word):
        return ""
    if low in CLOSED:
        return f"'{word}' where the subject should be"
    if word[:1].isupper():
        if not found or "noun" in found or (nxt[:1].isupper() and "adj" in found):
            return ""  # a name: "Ankara", "Congress", "Real Madrid"
        return f"the sentence opener '{word}' where the subject should be"
    if "noun" in found or (not found and not word.isalpha()):
        return ""
    if not found and word.islower() and _content_next(nxt):
        return ""  # "tech companies": a word the lexicon lacks, before a noun, is a noun
    modifier = "adj" in found or low.endswith("ing") or lx.participle(low)
    if modifier and nxt and "noun" in lx.classes(nxt):
        return ""  # "negotiating behaviour", "public schools", "crewed missions"
    return f"'{word}' cannot open a noun phrase"


def _content_next(word: str) -> bool:
    """A lower-case noun that can follow a modifier ("companies", "workers")."""
    return word.islower() and "noun" in lx.classes(word) and word not in CLOSED


def _opens_np(words: list[str]) -> bool:
    """Can a prepositional object start with ``words[0]`` ("of older jets": an adjective
    before its noun; "of cocoa": a lower-case word the lexicon lacks is a rare noun)?"""
    word = words[0].rstrip(",")
    unknown = word.isalpha() and word.islower() and not lx.classes(word)
    return unknown or not bad_start([w.rstrip(",") for w in words] + [""]) or \
        word.lower() in ("him", "her", "them", "it", "us")


def _article(words: list[str], phrase: Phrase) -> str:
    """A singular count noun with no article: "mission team member", "School District"."""
    if not phrase.bare or phrase.plural or phrase.head != words[-1] or \
            not lx.countable_only(phrase.head):
        return ""
    if phrase.head.islower():
        return f"'{phrase.head}' without an article"
    common = all(w[:1].isupper() and "noun" in lx.classes(w.lower()) and not lx.proper(w)
                 for w in words)
    return f"'{' '.join(words)}' without an article" if common and len(words) > 1 else ""
