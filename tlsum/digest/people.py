"""Who a sentence's "he" or "she" may mean: the people named just before it.

The question checker wants the entity named ("Will McIlroy win ...?", not "Will
he win ...?"). Without a coreference model, a pronoun that opens a news sentence
almost always means a person named in the sentences just before it; when only
one person is named there, the pronoun is taken to mean that person, and when
several are, it is ambiguous and left alone. A person is told from a place or a
club by how the article uses the name: with a title ("Mr Beavis"), or with the
surname alone as the subject of a verb ("McIlroy said", "Hamilton has").
"""

from __future__ import annotations

import itertools
import re

from tlsum.types import Document

WINDOW = 2  # sentences before the pronoun that may hold its antecedent
DOMINANT = 2  # else the article's main person: named this many times as often as the next
_FULL = re.compile(r"\b(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir)\.? )?"
                   r"(?!(?:The|A|An|In|On|At|But|And|As|If|When|After|Before|It|This)\b)"
                   r"[A-Z][a-z]+(?: [A-Z]\.)?"
                   r"(?: (?:de |van |von |del |di )?[A-Z](?:'[A-Z])?[a-z][\w'-]*){1,2}\b")
_TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sir)\.?(?: [A-Z](?:'[A-Z])?[a-z][\w'-]*){1,2}")
_PRONOUN = re.compile(r"(?:He|She)\b(?!-)")
_ANY_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")  # the only words a name may replace
_SEX = {"he": "m", "she": "f"}
_TITLE_SEX = {"Mr": "m", "Sir": "m", "Mrs": "f", "Ms": "f", "Miss": "f"}
_SUBJECT_VERB = (r"(?:said|says|told|added|has|had|is|was|will|would|could|can|who|scored|won|"
                 r"insisted|admitted|believes|thinks|wants|made|took|'s)\b")


def referents(doc: Document, sid: int) -> tuple[str, ...]:
    """The people sentence ``sid``'s "he"/"she" may mean, most recently named first.

    A person the article marks as the other sex (a title, or the pronoun used after
    them elsewhere) is left out. Full names are collected from the whole article
    up to ``sid`` (so that a later "McIlroy" maps back to "Rory McIlroy"); only
    those named in the ``WINDOW`` sentences before ``sid`` are returned, one entry
    per person; when nobody is named there, the article's clearly dominant person.
    """
    own = next((s.text for s in doc.sentences if s.id == sid), "")
    if not _ANY_PRONOUN.search(own):
        return ()  # nothing to resolve: spare the scan of the article before it
    before = [s.text for s in doc.sentences if s.id < sid]
    people = _people(before)
    pronoun = _PRONOUN.match(own)
    if pronoun:  # "She ..." cannot mean a man the article calls "Mr X" or "he"
        sex = _SEX[pronoun.group(0).lower()]
        known = _sexes(before, people)
        people = {w: n for w, n in people.items() if known.get(w, sex) == sex}
    recent: list[str] = []
    for text in reversed(before[-WINDOW:]):
        for surname in _mentions(text, people):
            name = people[surname]
            if name not in recent:
                recent.append(name)
    return tuple(recent) if recent else _main_person(before, people)


def _main_person(texts: list[str], people: dict[str, str]) -> tuple[str, ...]:
    """The article's main subject, when nobody is named just before: a person named at
    least ``DOMINANT`` times as often as anyone else, and at least three times."""
    counts = sorted(((sum(len(re.findall(rf"\b{re.escape(w)}\b", t)) for t in texts), w)
                     for w in people), reverse=True)
    if not counts or counts[0][0] < 3:
        return ()
    if len(counts) > 1 and counts[0][0] < DOMINANT * counts[1][0]:
        return ()
    return (people[counts[0][1]],)


def _sexes(texts: list[str], people: dict[str, str]) -> dict[str, str]:
    """What the article tells of each person's sex: a title ("Mrs"), else the "He"/"She"
    that opens the sentence after one naming only that person (the majority wins)."""
    votes: dict[str, list[str]] = {}
    for text, following in itertools.pairwise(texts):
        named = set(_mentions(text, people))
        pronoun = _PRONOUN.match(following)
        if len(named) == 1 and pronoun:
            votes.setdefault(named.pop(), []).append(_SEX[pronoun.group(0).lower()])
    out = {w: max(set(v), key=v.count) for w, v in votes.items()}
    for surname, name in people.items():
        title = name.split()[0].rstrip(".")
        if title in _TITLE_SEX:
            out[surname] = _TITLE_SEX[title]
    return out


def _people(texts: list[str]) -> dict[str, str]:
    """Surname → the longest full name the article gives a person (first mention wins)."""
    joined = " ".join(texts)
    out: dict[str, str] = {}
    for m in _FULL.finditer(joined):
        name = m.group(0)
        surname = name.split()[-1]
        if surname not in out and _is_person(name, surname, joined):
            out[surname] = name
    for m in _TITLED.finditer(joined):
        out.setdefault(m.group(0).split()[-1], m.group(0))
    return out


def _is_person(name: str, surname: str, text: str) -> bool:
    """A title, or the surname alone as a subject somewhere ("Hamilton has ...")."""
    if re.match(r"(?:Mr|Mrs|Ms|Miss|Dr|Sir)\b", name):
        return True
    rest = text.replace(name, "")
    for m in re.finditer(rf"\b{re.escape(surname)} {_SUBJECT_VERB}", rest):
        before = rest[: m.start()].split()
        if not before or not before[-1][:1].isupper() or before[-1].endswith((".", ",")):
            return True
    return False


def _mentions(text: str, people: dict[str, str]) -> list[str]:
    """Surnames of ``people`` that ``text`` names, last mention first."""
    found = [(m.start(), w) for w in people for m in re.finditer(rf"\b{re.escape(w)}\b", text)]
    return [w for _, w in sorted(found, reverse=True)]
