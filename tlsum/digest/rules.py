"""Rules that turn one English sentence into the open question it raises.

Each rule looks for one cue the annotation guideline names (a cause not yet
known, an investigation, a denial, a sentencing or charge still to come, a
hope, a "could face"/"may have" speculation, a plan) and rewrites the clause
around it with ``tlsum.digest.grammar``. A rule returns ``(question, kind)`` or
None; None is also the answer whenever the subject or the clause cannot be
found cleanly, because a missing question costs less than a garbled one.
Sentences are normalised first (curly quotes, contractions) so that the
patterns stay short.
"""

from __future__ import annotations

import re

import tlsum.digest.grammar as g
from tlsum.digest.words import wordset

MAX_SUBJECT_WORDS = 8
MAX_CLAUSE_WORDS = 20  # a question must stay under 25 words
_CUT_BEFORE = wordset("and under in at on after before with for from by during since as "
                        "including")

_CONTRACTIONS = ((re.compile(r"\bcan't\b", re.I), "cannot"), (re.compile(r"\bwon't\b", re.I),
                 "will not"), (re.compile(r"n't\b"), " not"), (re.compile(r"'ll\b"), " will"))
_QUOTES = str.maketrans("’‘“”", "''\"\"")
_CLAUSE_END = re.compile(
    r"[\";:?!]|\.(?:\s|$)|,\s+(?:but|while|although|though|according|as|amid|he|she|they|police|"
    r"officials|authorities|said|says|and (?:before|after|when|while|if|as))\b|\s[—–-]{1,2}\s|"
    r",\s+(?:[\w.-]+\s+){1,3}(?:said|says|told|added|insisted)\b|"
    r"\s(?=[A-Z][a-z]+(?: [a-z]+){0,3}: )|\s'(?=[A-Z])|,\s+(?:which|who|whose|where)\b|"
    r"\(|\s(?:following|amid|despite|if|unless)\s"
)
_BOUNDARY = re.compile(
    r",\s*(?:while|but|and|as|although|though|whereas)\s+|;\s*|:\s*|\s(?:while|but|and)\s+|"
    r"\b(?:say|says|said|believe|believes|think|thinks|claims?|claimed|warned|added|reported|"
    r"reports|suggest|suggests|suggested)\s+(?:(?:on\s+)?(?:[A-Z][a-z]+day|yesterday|today|"
    r"last\s+\w+)\s+)?(?:that\s+)?"
)
_RELATIVE = re.compile(r"\s(?:who|that|which|whose)\s.*$")
_TRAIL = wordset("has have had is are was were also now still already reportedly allegedly "
                   "then not yet always never repeatedly consistently strongly vehemently "
                   "firmly previously twice")
_NOT_SUBJECT = wordset("it they this that we i you there these those which who what")
_LEGAL = (r"(?:investigated|charged|prosecuted|banned|suspended|fined|jailed|sacked|fired|deported|"
          r"extradited|indicted|arrested|disqualified|expelled|punished|sanctioned|closed|"
          r"cancelled|canceled|scrapped|delayed|postponed|deployed|sued|impeached|convicted|"
          r"sentenced|released|freed|stripped|forced|evicted|removed|dropped|relegated)")


def normalise(text: str) -> str:
    """Straight quotes and expanded contractions ("don’t" → "do not")."""
    text = text.translate(_QUOTES)
    text = re.sub(r"(?<=\w) 's\b", "'s", text)  # "Garrett 's" (an extraction artefact)
    for pattern, repl in _CONTRACTIONS:
        text = pattern.sub(repl, text)
    return text


def in_quotes(text: str, start: int) -> bool:
    """True when ``start`` falls inside quoted speech (double or single quotes)."""
    before = text[:start]
    if before.count('"') % 2:
        return True
    opened = len(re.findall(r"(?:^|[\s(])'(?=\w)", before))
    closed = len(re.findall(r"(?<=[\w.,!?])'(?=[\s,.;:)]|$)", before))
    return opened > closed


def clause(text: str) -> str | None:
    """``text`` up to the end of its clause, shortened at a phrase boundary when long."""
    words = _CLAUSE_END.split(text, maxsplit=1)[0].strip(" ,").split()
    if len(words) > MAX_CLAUSE_WORDS:
        cut = _cut_point(words)
        if cut is None:
            return None
        words = words[:cut]
    text = " ".join(words).rstrip(",")
    return text if len(words) >= 2 else None


def _cut_point(words: list[str]) -> int | None:
    """Where to end an over-long clause: after a comma, else before a preposition, else "and"."""
    span = range(6, MAX_CLAUSE_WORDS + 1)
    for test in (lambda i: words[i - 1].endswith(","),
                 lambda i: words[i].lower() in _CUT_BEFORE and words[i].lower() != "and",
                 lambda i: words[i].lower() == "and"):
        cuts = [i for i in span if i < len(words) and test(i)]
        if cuts:
            return cuts[-1]
    return None


def subject_before(sentence: str, end: int) -> str | None:
    """The noun phrase that is the subject of the verb starting at ``end``.

    "Police spokesman X said the suspect, 25, could" → "the suspect".
    When a coordination leaves nothing ("X was referred ... and could be"),
    the sentence's own leading noun phrase is used.
    """
    prefix = sentence[:end].strip()
    if re.search(r"(?:^|\s)(?:of|the|a|an|his|her|their|its|for|with|no|any)$", prefix):
        return None  # "the plans to", "number of plans to": the cue word is a noun
    if re.search(r"\s(?:and|but|or)$", prefix):  # "X was referred ... and could be"
        return _clean_np(leading_np(sentence))
    piece = _BOUNDARY.split(prefix)[-1].strip() if prefix else ""
    piece = piece.split(",")[0].strip()
    words = piece.split()
    while words and (words[-1].lower() in _TRAIL or words[-1].lower().endswith("ly")):
        words.pop()
    if not words:
        words = leading_np(sentence).split()
    return _clean_np(" ".join(words))


def leading_np(sentence: str) -> str:
    """The words before the sentence's first auxiliary or past-tense verb."""
    words = sentence.split(",")[0].split()
    for i, w in enumerate(words[1:], start=1):
        if w.lower() in g.AUX or g.past_to_base(w):
            return " ".join(words[:i])
    return ""


def _clean_np(np: str) -> str | None:
    """A usable subject: short, no pronoun we cannot resolve, relative clauses cut."""
    np = re.sub(r"^(?:that|and|but|then|so|otherwise|instead|meanwhile|now|also)\s+", "",
                np.strip(), flags=re.I)
    if _RELATIVE.search(np) and len(np.split()) > 4:
        np = _RELATIVE.sub("", np)
        np = re.sub(r"^(?:A|An|a|an)\s", "the ", np)
    words = np.split()
    if not words or len(words) > MAX_SUBJECT_WORDS or words[0].lower() in _NOT_SUBJECT:
        return None
    first = words[0]
    if not (first[:1].isupper() or first[:1].isdigit() or first.lower() in g.DETERMINERS):
        return None
    return " ".join(g.lower_first(words))


def _ask(aux: str, subject: str | None, rest: str | None) -> str | None:
    """ "will" + "the council" + "close the bridge" → "Will the council close the bridge?"."""
    if not subject or not rest:
        return None
    return g.finish(f"{aux} {subject} {rest}")


def rule_hope(text: str) -> tuple[str, str] | None:
    """ "it is hoped the theatre will reopen" / "X hopes to Y" → "Will ...?" (explicit)."""
    m = re.search(r"\b(?:hopes|hope|is hoping|are hoping) to (?P<c>\w.+)", text)
    if m and not in_quotes(text, m.start()):
        return _pair(_ask("will", subject_before(text, m.start()), clause(m.group("c"))),
                     "explicit")
    m = re.search(r"\b(?:it is|it was|it's) hoped (?:that )?(?P<c>.+)", text) or re.search(
        r"\b(?:hopes?|is hoping|are hoping|was hoping) (?:that )?(?P<c>(?!to\b)\w.+)", text)
    if m and not in_quotes(text, m.start()):
        body = clause(m.group("c"))
        inverted = g.invert(body) if body else None
        return (g.finish(inverted), "explicit") if inverted else None
    return None


def _pair(question: str | None, kind: str) -> tuple[str, str] | None:
    return (question, kind) if question else None


def rule_modal(text: str) -> tuple[str, str] | None:
    """ "X could face a ban" → "Will X face a ban?"; "X may have done Y" → "Did X do Y?"."""
    m = re.search(
        r"\b(?:could|may|might)\s+(?:(?P<adv>still|now|soon|yet|even|also|well)\s+)?"
        rf"(?P<v>face|be {_LEGAL}|have been \w+ed|have \w+ed)\b(?P<rest>[^;:]*)", text)
    if not m or in_quotes(text, m.start()):
        return None
    rest = clause(m.group("v") + m.group("rest"))
    subject = subject_before(text, m.start())
    if not rest:
        return None
    if rest.startswith("have been "):
        return _pair(_ask("was", subject, rest[len("have been "):]), "explicit")
    if rest.startswith("have "):
        base = g.past_to_base(rest.split()[1])
        return _pair(_ask("did", subject, " ".join([base or "", *rest.split()[2:]])), "explicit") \
            if base else None
    return _pair(_ask("will", subject, rest), "explicit")


def rule_still_could(text: str) -> tuple[str, str] | None:
    """ "Wales could still qualify" → "Will Wales qualify ...?" (explicit)."""
    m = re.search(r"\b(?:could|may|might) (?:still|yet) (?P<rest>\w[^;:]*)", text)
    if not m or in_quotes(text, m.start()):
        return None
    return _pair(_ask("will", subject_before(text, m.start()), clause(m.group("rest"))),
                 "explicit")


def rule_speculation(text: str) -> tuple[str, str] | None:
    """ "it could be that X" / "this could mean that X" → "X?" as a question (explicit)."""
    m = re.search(r"\b(?:could|may|might) (?:well |even |also )?(?:be|mean|suggest|indicate) "
                  r"that (?P<c>.+)", text)
    if not m or in_quotes(text, m.start()):
        return None
    body = clause(m.group("c"))
    inverted = g.invert(body) if body else None
    return (g.finish(inverted), "explicit") if inverted else None


def rule_bail(text: str) -> tuple[str, str] | None:
    """ "X was bailed pending further inquiries" → "Will X be charged?" (implied)."""
    m = re.search(r"\b(?:has been |have been |was |were )?(?:bailed|released on bail|released "
                  r"under investigation|released without charge)\b[^.]*?\bpending\b", text)
    if not m:
        return None
    subject = subject_before(text, m.start())
    return _pair(_ask("will", subject, "be charged"), "implied")


def rule_plan(text: str) -> tuple[str, str] | None:
    """ "Renzi wants to abolish the Senate" → "Will Renzi abolish the Senate?" (implied)."""
    m = re.search(r"\b(?:wants|plans|intends|is planning|are planning) to (?P<rest>\w[^;:]*)",
                  text)
    if not m or in_quotes(text, m.start()) or re.search(r"\s(?:or|nor)\s*$", text[: m.start()]):
        return None  # "number of children or plans to have": "plans" is a noun
    return _pair(_ask("will", subject_before(text, m.start()), clause(m.group("rest"))),
                 "implied")


def rule_yet_to(text: str) -> tuple[str, str] | None:
    """ "The council has yet to approve X" → "Will the council approve X?" (explicit)."""
    m = re.search(r"\b(?:has|have|had) yet to (?!be\b)(?P<rest>\w[^;:]*)", text)
    if not m or in_quotes(text, m.start()):
        return None
    return _pair(_ask("will", subject_before(text, m.start()), clause(m.group("rest"))),
                 "explicit")


def rule_no_date(text: str) -> tuple[str, str] | None:
    """ "did not give a date for crewed missions" → "When will crewed missions happen?"."""
    m = re.search(r"\b(?:not|[Nn]o|without) (?:give|giving|set|setting|announce|provide|providing)?"
                  r"\s*(?:a |any )?(?:date|timeline|timetable|time frame) (?:has been set )?for "
                  r"(?P<np>[\w' -]{3,60}?)(?=[,.;]|\s(?:but|and|as|because)\b|$)", text)
    if not m or in_quotes(text, m.start()):
        return None
    return g.finish(f"when will {m.group('np').strip()} happen"), "explicit"
