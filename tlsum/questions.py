"""Unresolved questions: what the article itself presents as not yet known.

Three sources, from the most to the least certain (see
``../shared/bench/questions-guideline.md``):

1. an explicit list ("Key questions remain unresolved:" followed by list items);
2. indirect questions after a cue of uncertainty ("it is unclear whether X",
   "police have not said why Y", "officials have yet to decide whether to Z");
3. statements that leave something open: a cause not yet known, an unnamed
   victim, an investigation, a denial, a sentencing or trial still to come.

Each is rewritten as a direct question by ``tlsum._qgrammar`` (no tagger:
closed-class words find subject and verb). A sentence that matches no pattern,
or a clause that cannot be turned into a clean question, yields nothing:
a missing question costs less than a wrong one. Quoted speech is skipped, since
questions there are mostly conversational. The rules are English; for other
languages ``find_questions`` returns nothing rather than guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tlsum import _qgrammar as g
from tlsum.types import Document, Item, Sentence

MAX_WORDS = 24  # a question must stay under 25 words
SAME_QUESTION = 0.6  # content-word F1 above which two questions are one
_RANK = {"list": 3.0, "explicit": 2.0, "implied": 1.0}

_LEAD_IN = re.compile(
    r"\b(?:questions?|unresolved|unanswered|unclear|unknown|uncertain|undecided|open issues?|"
    r"remains? to be seen|not yet (?:clear|known|decided))\b[^:]*:\s*$",
    re.IGNORECASE,
)
_CUE = (
    r"(?:unclear|not clear|unknown|not known|uncertain|undecided|unsure|not sure|"
    r"remains? to be seen|no word|no indication|questions? (?:remains?|over|about|as to)|"
    r"wonder(?:s|ed|ing)?|"
    r"(?:not|n't|yet to|declined to|refused to|unable to) (?:yet )?(?:be )?"
    r"(?:say|said|confirm(?:ed)?|disclosed?|reveal(?:ed)?|explain(?:ed)?|specif(?:y|ied)|"
    r"decided?|determined?|established?|announced?|comment(?:ed)? on|know|knew|known|clear)|"
    r"investigat(?:e|es|ed|ing|ion|ions|ors?)|to determine|to establish|to find out|"
    r"trying to (?:determine|establish|understand|work out|find out)|"
    r"(?:will|to|must|yet to|has not|have not) decide|deciding|considering|weighing|"
    r"depends? on|examin(?:e|es|ing)|assess(?:es|ing)?|looking into|prob(?:e|es|ing))"
)
_INDIRECT = re.compile(
    rf"\b{_CUE}\b(?P<gap>(?:\s+[\w’'-]+){{0,4}}?)\s+(?P<wh>whether|if|why|how|what|who|when|where|"
    r"which)\b(?P<rest>[^;:?!]*)",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(
    r"[\"”“]|\.(?:\s|$)|,\s+(?:but|while|although|though|according|as|after|amid|"
    r"he|she|they|police|officials|authorities|said|says)\b|\s[—–-]{1,2}\s|\(",
)
_CAUSE = re.compile(
    r"\bthe cause of (?P<np>(?:the |a |an |his |her |their |this |its )?[\w’' -]{3,60}?)"
    r"(?:,[^,]*,)?\s+(?:is|was|remains|remained|has not been|had not been|have not been)\s+"
    r"(?:still |not yet |yet to be )?(?:unknown|unclear|not (?:yet )?(?:known|clear|determined)|"
    r"under investigation|being investigated|determined|established|confirmed)",
    re.IGNORECASE,
)
_INCIDENT = (
    r"(?:death|deaths|crash|fire|blaze|explosion|blast|collapse|incident|attack|shooting|"
    r"accident|disappearance|outbreak|derailment|stabbing|killing|murder|leak|failure|"
    r"sinking|poisoning|illness|injuries|outage)"
)
_PROBE = re.compile(
    rf"\b(?:investigat(?:ing|ion into|ions into)|probe into|probing|inquiry into|looking into)\s+"
    rf"(?P<np>(?:the |a |an |his |her |their |this |its )?(?:[\w’'-]+ ){{0,4}}{_INCIDENT}"
    r"(?: of [\w’' -]{2,40}?)?)(?=[,.;]|\s+(?:in|at|on|near|after|which|that|and|but)\b|$)",
    re.IGNORECASE,
)
_UNNAMED = re.compile(
    r"^(?P<np>(?:The|A|An|One|Both|Two|Three) [\w’' -]{2,40}?) (?:has|have|had) not "
    r"(?:yet )?been (?:publicly )?(?:identified|named)",
)
_SENTENCED = re.compile(
    r"\b(?:will|is due to|are due to|is expected to|are expected to|is set to|are set to|"
    r"faces?|facing|awaits?|awaiting) (?:be )?sentenc(?:ed|ing)\b",
    re.IGNORECASE,
)
_TRIAL = re.compile(
    r"\b(?:pleaded not guilty|pleads not guilty|denies|denied|deny) (?:to |all )?(?:the )?"
    r"(?:charges? of |counts? of |charges? |allegations? of )?(?P<charge>[\w’' -]{3,60}?)"
    r"(?=[,.;]|\s+(?:and|at|in|on|after|before|when|during)\b|$)",
    re.IGNORECASE,
)
_DENIED_CLAUSE = re.compile(
    r"\b(?:has|have|had)?\s*(?:denied|denies|deny) (?:that |claims that |reports that )"
    r"?(?P<clause>(?:it|he|she|they|the \w+|[A-Z]\w+) [^,;:.]{5,120})",
)
_QUOTE_OPEN = re.compile(r"[\"“]")
_NAME = re.compile(r"\b([A-Z][a-z]+(?:\s(?:[A-Z][a-z]+|[A-Z]\.))*\s[A-Z][a-z]+)\b")
_WORD = re.compile(r"[a-z0-9]+")
_STOP = g.wordset(
    "a an the and or but of to in on at for with by from as is are was were be been being "
    "has have had it its this that these those he she they his her their them we our you i "
    "not no will would can could should may might do does did what who whom whose which when "
    "where why how whether if any such there than"
)


@dataclass(frozen=True)
class _Candidate:
    text: str
    ids: tuple[int, ...]
    kind: str  # "explicit" or "implied"
    rank: float


def find_questions(doc: Document, limit: int = 6) -> tuple[Item, ...]:
    """The article's unresolved questions, main open issue first, at most ``limit``."""
    if doc.language != "en" or limit <= 0:
        return ()
    found = _from_lists(doc) + _from_sentences(doc)
    found = [c for c in (_resolve(doc, c) for c in found) if _acceptable(c.text)]
    found.sort(key=lambda c: -c.rank)
    kept: list[_Candidate] = []
    for cand in found:
        if not any(_same(cand.text, k.text) for k in kept):
            kept.append(cand)
    return tuple(Item(c.text, c.ids, c.kind, round(c.rank, 3)) for c in kept[:limit])


def _from_lists(doc: Document) -> list[_Candidate]:
    """List items under a lead-in such as "Key questions remain unresolved:"."""
    out: list[_Candidate] = []
    lead: Sentence | None = None
    for s in doc.sentences:
        if s.kind != "li":
            lead = s if _LEAD_IN.search(s.text) else None
            continue
        if lead is None:
            continue
        text = _item_question(s.text)
        if text:
            rank = _RANK["list"] - s.id / 1000
            out.append(_Candidate(text, (lead.id, s.id), "explicit", rank))
    return out


def _item_question(item: str) -> str | None:
    """One list item as a direct question ("whether X is Y;" → "Is X Y?")."""
    text = re.sub(r"^(?:[-•*]|\d+[.)])\s*|^(?:and|or)\s+", "", item.strip())
    text = re.sub(r"[\s;,.]+(?:and|or)?$", "", text).strip()
    if text.endswith("?"):
        return text
    return _indirect(text.split()[0].lower() if text else "", " ".join(text.split()[1:]), "")


def _indirect(wh: str, rest: str, subject: str) -> str | None:
    """Direct question from "whether/if REST" or "WH REST"; ``subject`` serves "whether to"."""
    rest = rest.strip()
    if wh in ("whether", "if"):
        rest = re.sub(r",?\s+or not\b.*$", "", rest)
        if rest.lower().startswith("to ") and subject:
            return g.finish(f"will {subject} {rest[3:]}")
        inverted = g.invert(rest)
        return g.finish(inverted) if inverted else None
    if wh in g.WH:
        if rest.lower().startswith("to ") and subject:
            return g.finish(f"{wh} will {subject} {rest[3:]}")
        question = g.wh_question(f"{wh} {rest}")
        return g.finish(question) if question else None
    return None


def _from_sentences(doc: Document) -> list[_Candidate]:
    """Indirect questions and open statements in paragraph sentences."""
    out: list[_Candidate] = []
    for s in doc.sentences:
        if s.kind == "p" and not s.text.rstrip().endswith("?"):
            out += _sentence_questions(s, len(doc.sentences))
    return out


def _sentence_questions(s: Sentence, total: int) -> list[_Candidate]:
    """Every question one sentence raises, each from the first rule that fits."""
    position = s.id / max(total, 1)
    out: list[_Candidate] = []
    for rule in (_rule_indirect, _rule_cause, _rule_probe, _rule_unnamed, _rule_denied,
                 _rule_sentenced, _rule_trial):
        result = rule(s.text)
        if result:
            text, kind = result
            out.append(_Candidate(text, (s.id,), kind, _RANK[kind] - position))
            break
    return out


def _outside_quotes(text: str, start: int) -> bool:
    """True when ``start`` is not inside quoted speech (an even number of quotes before it)."""
    before = text[:start]
    return len(_QUOTE_OPEN.findall(before)) % 2 == 0 and before.count("”") >= before.count("“")


def _rule_indirect(text: str) -> tuple[str, str] | None:
    """ "it is unclear whether X" → "X?" (explicit)."""
    for m in _INDIRECT.finditer(text):
        if not _outside_quotes(text, m.start()) or re.search(r"[,.]", m.group("gap")):
            continue
        rest = _CLAUSE_END.split(m.group("rest"), maxsplit=1)[0]
        question = _indirect(m.group("wh").lower(), rest, _subject(text[: m.start()]))
        if question:
            return question, "explicit"
    return None


def _subject(prefix: str) -> str:
    """The main clause's subject, for "officials have yet to decide whether to X"."""
    words = prefix.split()
    for i, w in enumerate(words):
        if w.lower() in g.AUX or w.lower() in ("not", "yet", "still", "are", "is"):
            subject = words[:i]
            return " ".join(g._lower_first(subject)) if 0 < len(subject) <= 6 else ""
    return ""


def _rule_cause(text: str) -> tuple[str, str] | None:
    """ "the cause of the fire is unknown" → "What caused the fire?" (explicit)."""
    m = _CAUSE.search(text)
    if not m or not _outside_quotes(text, m.start()):
        return None
    if re.search(r"\b(?:determined|established|confirmed)$", m.group(0)) and not re.search(
        r"\bnot\b|\byet to\b", m.group(0)
    ):
        return None
    return g.finish(f"what caused {m.group('np').strip()}"), "explicit"


def _rule_probe(text: str) -> tuple[str, str] | None:
    """ "police are investigating the death of X" → "What caused the death of X?"."""
    m = _PROBE.search(text)
    if not m or not _outside_quotes(text, m.start()):
        return None
    np = re.sub(r"^(?:a|an) ", "the ", m.group("np").strip())
    return g.finish(f"what caused {np}"), "explicit"


def _rule_unnamed(text: str) -> tuple[str, str] | None:
    """ "The victim has not been named" → "Who is the victim?" (explicit)."""
    m = _UNNAMED.search(text)
    if not m:
        return None
    np = m.group("np")
    verb = "are" if np.split()[0] in ("Both", "Two", "Three") or np.endswith("s") else "is"
    return g.finish(f"who {verb} {np[0].lower()}{np[1:]}"), "explicit"


def _rule_denied(text: str) -> tuple[str, str] | None:
    """ "Greece has denied it will fail to pay" → "Will Greece fail to pay?" (implied)."""
    m = _DENIED_CLAUSE.search(text)
    if not m or not _outside_quotes(text, m.start()):
        return None
    clause = _CLAUSE_END.split(m.group("clause"), maxsplit=1)[0]
    subject = _subject_before(text[: m.start()])
    first = clause.split()[0].lower()
    if first in ("it", "he", "she", "they") and subject:
        clause = f"{subject} {' '.join(clause.split()[1:])}"
    inverted = g.invert(clause)
    return (g.finish(inverted), "implied") if inverted else None


def _subject_before(prefix: str) -> str:
    """The sentence's leading noun phrase (a name or "the X"), at most five words."""
    words = prefix.strip().split()
    if not words or len(words) > 5 or any(w.endswith(",") for w in words[:-1]):
        return ""
    return " ".join(g._lower_first(words))


def _rule_sentenced(text: str) -> tuple[str, str] | None:
    """ "X will be sentenced next month" → "What sentence will X receive?" (implied)."""
    m = _SENTENCED.search(text)
    if not m or not _outside_quotes(text, m.start()):
        return None
    subject = _subject_before(_strip_appositions(text[: m.start()]))
    if not subject or subject.lower() in ("he", "she", "they"):
        return None
    return g.finish(f"what sentence will {subject} receive"), "implied"


def _strip_appositions(prefix: str) -> str:
    """ "Smith, 45, of Leeds, will" → "Smith": the name before its asides."""
    return prefix.split(",")[0].strip()


def _rule_trial(text: str) -> tuple[str, str] | None:
    """ "X pleaded not guilty to murder" → "Is X guilty of murder?" (implied)."""
    m = _TRIAL.search(text)
    if not m or not _outside_quotes(text, m.start()):
        return None
    subject = _subject_before(_strip_appositions(re.sub(r"\s+(?:has|have|had)\s*$", "",
                                                        text[: m.start()])))
    charge = re.sub(r"^(?:any|all|the|a|an)\s+", "", m.group("charge").strip())
    if not subject or subject.lower() in ("he", "she", "they", "it") or len(charge.split()) > 8:
        return None
    if re.match(r"(?:wrongdoing|allegations?|claims?|charges?|accusations?|reports?)$", charge):
        return g.finish(f"did {subject} do anything wrong"), "implied"
    if re.match(r"\w+ing\b", charge):
        verb = g._ed_stem(charge.split()[0][:-3])
        return g.finish(f"did {subject} {verb} {' '.join(charge.split()[1:])}"), "implied"
    verb = "are" if _plural(subject) else "is"
    return g.finish(f"{verb} {subject} guilty of {charge}"), "implied"


def _plural(subject: str) -> bool:
    """ "X and Y", "they", "two men": crude number for "is/are"."""
    low = subject.lower().split()
    return "and" in low or low[0] in ("they", "two", "three", "four", "both")


def _resolve(doc: Document, cand: _Candidate) -> _Candidate:
    """Make the question self-contained: "such a mission" → "the international mission"."""
    text = cand.text
    for m in re.finditer(r"\bsuch an? (\w+)", text):
        text = text.replace(m.group(0), _antecedent(doc, m.group(1), cand.ids[-1]))
    first = min(cand.ids)
    text = re.sub(r"\b(he|she)\b", lambda m: _person(doc, first) or m.group(0), text, count=1)
    return _Candidate(text, cand.ids, cand.kind, cand.rank)


def _antecedent(doc: Document, noun: str, before: int) -> str:
    """ "the international mission" from an earlier "an international mission"."""
    pattern = re.compile(rf"\b(?:a|an|the) ([a-z][\w-]+) {re.escape(noun)}\b")
    for s in doc.sentences:
        m = pattern.search(s.text) if s.id < before else None
        if m and m.group(1) not in _STOP:
            return f"the {m.group(1)} {noun}"
    return f"the {noun}"


def _person(doc: Document, before: int) -> str | None:
    """The most recent full name ("Jesse Norman") before sentence ``before``."""
    for s in reversed(doc.sentences[: before + 1]):
        names = [n for n in _NAME.findall(s.text) if n.split()[0] not in ("The", "A", "An")]
        if names:
            return names[-1]
    return None


def _acceptable(text: str) -> bool:
    """A real question: ends in "?", under 25 words, more than a stub."""
    words = text.split()
    return text.endswith("?") and 3 <= len(words) <= MAX_WORDS


def _content(text: str) -> set[str]:
    return {w[:5] for w in _WORD.findall(text.lower()) if w not in _STOP}


def _same(a: str, b: str) -> bool:
    """Two questions asking the same thing (content-word F1 above SAME_QUESTION)."""
    x, y = _content(a), _content(b)
    if not x or not y:
        return False
    common = len(x & y)
    return 2 * common / (len(x) + len(y)) >= SAME_QUESTION
