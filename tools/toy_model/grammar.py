"""Compositional Russian/English news grammar for the toy translation models.

Sentences are built as small syntax trees (noun phrases, clauses, sentences) and each
tree is realized twice, once in Russian and once in English, so the pair is exact by
construction.  The generator composes clauses recursively: reported speech, relative
clauses, coordination, conditionals, negation, direct and indirect questions.

Each generated sentence carries a set of structural "features"; a few feature
combinations (HELD_OUT_FEATURES) are never used for training so the README can report
how the model generalises to unseen sentence patterns.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from lexicon import (
    ADJS,
    CONNECTIVES,
    NOUNS,
    NUMERALS,
    TIME_ADVS,
    UNCLEAR_MATRICES,
    VERBS,
    Adj,
    Noun,
    Verb,
)

# Pattern features that never occur in training data (evaluated separately).
HELD_OUT_FEATURES = frozenset({"cond_neg", "report_relobj", "why_fut"})

READY = Verb(
    "готов",
    "impf",
    ("", "", "", ""),
    "",
    "",
    "be ready",
    "is ready",
    "was ready",
    frozenset({"person", "country", "org"}),
    "inf",
)
SAY_FRAMES = ("that",)


# --------------------------------------------------------------------------- noun phrases
@dataclass
class Qty:
    """A quantity: value (2..100) or None for 'несколько'; thousand multiplies by 1000."""

    value: int | None
    thousand: bool = False


@dataclass
class NP:
    noun: Noun
    number: str = "sg"
    adj: Adj | None = None
    gen: NP | None = None
    qty: Qty | None = None
    rel: Rel | None = None

    @property
    def gender(self) -> str:
        return self.noun.gender


@dataclass
class Rel:
    """Relative clause on an NP: subject relative ('который подписал ...') or object relative."""

    clause: Clause
    role: str  # "subj" or "obj"


def _thousand_ru(value: int | None) -> str:
    if value is None or value >= 5:
        return "тысяч"
    return "тысячи"


def np_ru(np: NP, case: str) -> str:
    """Russian NP in a case; quantity phrases are only used in nom/acc positions."""
    n = np.noun
    if np.qty is not None:
        q = np.qty
        num_word = "несколько" if q.value is None else None
        if q.thousand:
            if num_word is None:
                num_word = NUMERALS[q.value][1]  # тысяча is feminine
            words = [num_word, _thousand_ru(q.value), n.form("gen", "pl")]
        elif q.value is not None and q.value <= 4:
            words = [NUMERALS[q.value][1 if n.gender == "f" else 0], n.form("gen", "sg")]
        else:
            words = [num_word or NUMERALS[q.value][0], n.form("gen", "pl")]
        text = " ".join(words)
    else:
        parts = []
        if np.adj is not None:
            parts.append(np.adj.form(case, n.gender, np.number, n.animate))
        parts.append(n.form(case, np.number))
        if np.gen is not None:
            parts.append(np_ru(np.gen, "gen"))
        text = " ".join(parts)
    if np.rel is not None:
        text += ", " + rel_ru(np, np.rel)
    return text


def np_en(np: NP) -> str:
    n = np.noun
    if np.qty is not None:
        q = np.qty
        num = "several" if q.value is None else NUMERALS[q.value][2]
        head = n.en_pl
        text = f"{num} thousand {head}" if q.thousand else f"{num} {head}"
    else:
        parts = [n.article] if n.article else []
        if np.adj is not None:
            parts.append(np.adj.en)
        parts.append(n.en_sg if np.number == "sg" else n.en_pl)
        text = " ".join(parts)
        if np.gen is not None:
            text += " of " + np_en(np.gen)
    if np.rel is not None:
        text += ", " + rel_en(np, np.rel)
    return text


def np_en_number(np: NP) -> str:
    return "pl" if np.qty is not None or np.number == "pl" else "sg"


WHICH_RU = {"m": "который", "f": "которая", "n": "которое", "pl": "которые"}
WHICH_ACC_RU = {"m": "который", "f": "которую", "n": "которое", "pl": "которые"}


def rel_ru(head: NP, rel: Rel) -> str:
    key = "pl" if head.number == "pl" else head.gender
    if rel.role == "subj":
        return WHICH_RU[key] + " " + clause_ru(rel.clause, subj_override=("", head))
    # Object relative: "которое подписала Турция" (verb before subject).
    return WHICH_ACC_RU[key] + " " + clause_ru(rel.clause, drop_first_arg=True, vs_order=True)


def rel_en(head: NP, rel: Rel) -> str:
    pron = "who" if head.noun.animate else "which"
    if rel.role == "subj":
        return pron + " " + clause_en(rel.clause, subj_override=("", head))
    return pron + " " + clause_en(rel.clause, drop_first_arg=True)


# --------------------------------------------------------------------------- clauses
@dataclass
class Clause:
    subj: NP | None  # None for infinitive VPs and 'кто' questions
    verb: Verb
    tense: str = "past"
    neg: bool = False
    args: list[NP] = field(default_factory=list)
    comp: Clause | None = None  # что-clause / infinitive VP
    comp_sent: Sent | None = None  # complex complement of a reporting verb
    iqs: list[Question] = field(default_factory=list)  # indirect questions
    also: bool = False
    still: bool = False
    place: NP | None = None  # "в Анкаре"


def _slots(verb: Verb) -> list[tuple[str, list[str], str]]:
    """Parse a slot frame into (kind, classes, english preposition)."""
    if verb.frame in ("that", "iq", "inf", "-"):
        return []
    out = []
    for slot in verb.frame.split("&"):
        bits = slot.split(":")
        out.append((bits[0], bits[1].split(","), bits[2] if len(bits) > 2 else ""))
    return out


def _agr(np: NP | None) -> str:
    """Russian agreement key: m/f/n/pl ('кто' agrees as masculine singular)."""
    if np is None:
        return "m"
    if np.qty is not None or np.number == "pl":
        return "pl"
    return np.gender


SHORT_READY = {"m": "готов", "f": "готова", "n": "готово", "pl": "готовы"}
BE_PAST_RU = {"m": "был", "f": "была", "n": "было", "pl": "были"}


def ru_verb_group(verb: Verb, tense: str, agr: str) -> tuple[str, str]:
    """(finite word, non-finite remainder) for a Russian verb; impf future is 'будет + inf'."""
    pl = agr == "pl"
    if verb is READY:
        if tense == "pres":
            return SHORT_READY[agr], ""
        if tense == "past":
            return BE_PAST_RU[agr], SHORT_READY[agr]
        return ("будут" if pl else "будет"), SHORT_READY[agr]
    if tense == "past":
        return verb.past["mfnp".index(agr[0]) if agr != "pl" else 3], ""
    if tense == "fut" and verb.aspect == "impf":
        return ("будут" if pl else "будет"), verb.inf
    return (verb.fin3pl if pl else verb.fin3sg), ""


VOWELS = "аеёиоуыэюя"


def prep_ru(prep: str, word: str) -> str:
    """Join a Russian preposition to its NP, using во/со before hard consonant clusters."""
    w = word.lower()
    if len(w) > 1 and w[1] not in VOWELS:
        if prep == "в" and w[0] in "вф":
            prep = "во"
        elif prep == "с" and w[0] in "сзшж":
            prep = "со"
    return f"{prep} {word}"


def args_ru(verb: Verb, args: list[NP]) -> list[str]:
    out = []
    for (kind, _cls, _en), np in zip(_slots(verb), args, strict=False):
        if kind in ("acc", "dat"):
            out.append(np_ru(np, kind))
        elif kind == "dir":
            out.append(prep_ru(np.noun.loc_ru, np_ru(np, "acc")))
        elif kind == "at":
            out.append(prep_ru(np.noun.loc_ru, np_ru(np, "prep")))
        elif kind == "src":
            prep = "из" if np.noun.loc_ru == "в" else "с"
            out.append(prep_ru(prep, np_ru(np, "gen")))
        else:
            prep, case = kind.split("+")
            out.append(prep_ru(prep, np_ru(np, case)))
    return out


def args_en(verb: Verb, args: list[NP]) -> list[str]:
    out = []
    for (_kind, _cls, en), np in zip(_slots(verb), args, strict=False):
        prep = np.noun.loc_en if en == "LOC" else en
        out.append(f"{prep} {np_en(np)}".strip())
    return out


def _tail_ru(c: Clause, drop_first_arg: bool) -> list[str]:
    """Everything after the finite verb group in Russian."""
    parts = args_ru(c.verb, c.args)[1 if drop_first_arg else 0 :]
    if c.comp is not None:  # infinitive VP
        parts.append(clause_ru(c.comp))
    if c.place is not None:
        parts.append(prep_ru("в", np_ru(c.place, "prep")))
    text = " ".join(parts)
    if c.comp_sent is not None:
        text += ", что " + sent_body_ru(c.comp_sent)
    if c.iqs:
        text += ", " + iq_list_ru(c.iqs)
    return [text] if text else []


def _join(words: list[str]) -> str:
    """Join words with spaces, but no space before a comma-initial piece."""
    out = ""
    for w in words:
        if not w:
            continue
        out += w if (not out or w.startswith(",")) else " " + w
    return out


def clause_ru(
    c: Clause,
    subj_override: tuple[str, NP] | None = None,
    drop_first_arg: bool = False,
    vs_order: bool = False,
) -> str:
    """Russian clause. subj_override replaces the subject text (relative pronoun, 'кто')."""
    agr_np = subj_override[1] if subj_override else c.subj
    if c.subj is None and subj_override is None:  # infinitive VP
        words = [c.verb.inf if c.verb is not READY else "готов"]
        return _join(words + _tail_ru(c, drop_first_arg))
    subj_text = subj_override[0] if subj_override else np_ru(c.subj, "nom")
    finite, rest = ru_verb_group(c.verb, c.tense, _agr(agr_np))
    group = ([] if not c.also else ["также"]) + ([] if not c.still else ["по-прежнему"])
    group += (["не"] if c.neg else []) + [finite] + ([rest] if rest else [])
    tail = _tail_ru(c, drop_first_arg)
    if subj_override and not subj_text:
        return _join(group + tail)
    if vs_order:
        return _join([*group, subj_text, *tail])
    if c.subj is not None and c.subj.rel is not None:
        subj_text += ","  # close the relative clause before the verb
    return _join([subj_text, *group, *tail])


# English ----------------------------------------------------------------------------
def en_verb_group(
    verb: Verb, tense: str, neg: bool, sg: bool, backshift: bool, question: bool
) -> tuple[str, str]:
    """(part before the subject, part after it). Declaratives put everything after."""
    if verb is READY:
        be = {
            "pres": ("is" if sg else "are"),
            "past": ("was" if sg else "were"),
            "fut": ("would" if backshift else "will"),
        }[tense]
        after = "be ready" if tense == "fut" else "ready"
        if neg:
            after = "not " + after
        return (be, after) if question else ("", f"{be} {after}")
    if tense == "fut":
        aux = "would" if backshift else "will"
        main = verb.en_base
    elif tense == "pres":
        aux = ("does" if sg else "do") if (neg or question) else ""
        main = verb.en_base if aux else (verb.en_3sg if sg else verb.en_base)
    else:
        aux = "did" if (neg or question) else ""
        main = verb.en_base if aux else verb.en_past
    after = ("not " if neg else "") + main
    if question:
        return aux, after
    return "", " ".join(w for w in (aux, after) if w)


def _with_adverb(group: str, adverb: str, neg: bool) -> str:
    """'also'/'still' goes after will/would (positive), otherwise before the verb group."""
    first, _, rest = group.partition(" ")
    if not neg and first in ("will", "would", "is", "are", "was", "were") and rest:
        return f"{first} {adverb} {rest}"
    return f"{adverb} {group}"


def _tail_en(c: Clause, drop_first_arg: bool, backshift: bool) -> list[str]:
    parts = args_en(c.verb, c.args)[1 if drop_first_arg else 0 :]
    if c.comp is not None:
        parts.append(clause_en(c.comp))
    if c.place is not None:
        parts.append(f"in {np_en(c.place)}")
    text = " ".join(p for p in parts if p)
    inner_backshift = c.tense == "past" or backshift
    if c.comp_sent is not None:
        text += " that " + sent_body_en(c.comp_sent, backshift=inner_backshift)
    if c.iqs:
        text += " " + iq_list_en(c.iqs, backshift=inner_backshift)
    return [text.strip()] if text.strip() else []


def clause_en(
    c: Clause,
    subj_override: tuple[str, NP] | None = None,
    drop_first_arg: bool = False,
    backshift: bool = False,
    sub_present: bool = False,
    question: bool = False,
) -> str:
    if c.subj is None and subj_override is None:  # infinitive VP
        base = "ready" if c.verb is READY else c.verb.en_base
        return " ".join(["to " + base, *_tail_en(c, drop_first_arg, backshift)])
    agr_np = subj_override[1] if subj_override else c.subj
    sg = agr_np is None or np_en_number(agr_np) == "sg"
    tense = "pres" if (sub_present and c.tense == "fut") else c.tense
    pre, group = en_verb_group(c.verb, tense, c.neg, sg, backshift, question)
    if c.also:
        group = _with_adverb(group, "also", c.neg)
    if c.still:
        group = _with_adverb(group, "still", c.neg)
    subj_text = subj_override[0] if subj_override else np_en(c.subj)
    if c.subj is not None and c.subj.rel is not None:
        subj_text += ","
    tail = _tail_en(c, drop_first_arg, backshift)
    words = ([pre] if pre else []) + ([subj_text] if subj_text else []) + [group] + tail
    return " ".join(words)


# --------------------------------------------------------------------------- questions
@dataclass
class Question:
    """kind: yn (ли/whether), when, why, who (subject), what (object), howmany (object qty)."""

    kind: str
    clause: Clause


Q_RU = {"when": "когда", "why": "почему"}
Q_EN = {"when": "when", "why": "why"}


def question_ru(q: Question) -> str:
    c = q.clause
    if q.kind == "who":
        return "кто " + clause_ru(c, subj_override=("", None))
    if q.kind == "what":
        return "что " + clause_ru(c, drop_first_arg=True, vs_order=True)
    if q.kind == "howmany":
        obj = c.args[0]
        return f"сколько {obj.noun.form('gen', 'pl')} " + clause_ru(
            c, drop_first_arg=True, vs_order=True
        )
    if q.kind == "yn":
        finite, rest = ru_verb_group(c.verb, c.tense, _agr(c.subj))
        words = [finite, "ли", np_ru(c.subj, "nom")] + ([rest] if rest else [])
        return _join(words + _tail_ru(c, False))
    intrans = c.verb.frame == "-"
    return Q_RU[q.kind] + " " + clause_ru(c, vs_order=intrans)


def question_en(q: Question, direct: bool, backshift: bool = False) -> str:
    c = q.clause
    if q.kind == "who":
        return "who " + clause_en(c, subj_override=("", None), backshift=backshift)
    if q.kind == "yn":
        body = clause_en(c, backshift=backshift, question=direct)
        return body if direct else "whether " + body
    if q.kind == "what":
        lead = "what"
    elif q.kind == "howmany":
        lead = f"how many {c.args[0].noun.en_pl}"
    else:
        lead = Q_EN[q.kind]
    drop = q.kind in ("what", "howmany")
    return lead + " " + clause_en(c, drop_first_arg=drop, backshift=backshift, question=direct)


def iq_list_ru(qs: list[Question]) -> str:
    texts = [question_ru(q) for q in qs]
    return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " и " + texts[-1]


def iq_list_en(qs: list[Question], backshift: bool) -> str:
    texts = [question_en(q, direct=False, backshift=backshift) for q in qs]
    return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " and " + texts[-1]


# --------------------------------------------------------------------------- sentences
@dataclass
class Sent:
    """A sentence body.

    kind: simple | coord | cond | sub | according | unclear | question
    """

    kind: str
    clauses: list[Clause] = field(default_factory=list)
    conj: str = ""  # coord: и/но/а ; sub: потому что/хотя/после того как
    source: NP | None = None  # according to
    matrix: int = 0  # index into UNCLEAR_MATRICES
    iqs: list[Question] = field(default_factory=list)
    question: Question | None = None
    front: tuple[str, str] | None = None  # (ru, en) fronted time adverb / connective
    features: set[str] = field(default_factory=set)


COORD = {"и": "and", "но": "but", "а": "while"}
SUBORD = {"потому что": " because", "хотя": ", although", "после того как": "after"}


def sent_body_ru(s: Sent) -> str:
    c = s.clauses
    if s.kind == "simple":
        return clause_ru(c[0])
    if s.kind == "coord":
        return f"{clause_ru(c[0])}, {s.conj} {clause_ru(c[1])}"
    if s.kind == "cond":
        return f"если {clause_ru(c[0])}, {clause_ru(c[1])}"
    if s.kind == "sub":
        if s.conj == "после того как":
            return f"после того как {clause_ru(c[0])}, {clause_ru(c[1])}"
        return f"{clause_ru(c[0])}, {s.conj} {clause_ru(c[1])}"
    if s.kind == "according":
        return f"по словам {np_ru(s.source, 'gen')}, {clause_ru(c[0])}"
    if s.kind == "unclear":
        return f"{UNCLEAR_MATRICES[s.matrix][0]}, {iq_list_ru(s.iqs)}"
    raise ValueError(s.kind)


def sent_body_en(s: Sent, backshift: bool = False) -> str:
    c = s.clauses
    if s.kind == "simple":
        return clause_en(c[0], backshift=backshift)
    if s.kind == "coord":
        first, second = clause_en(c[0], backshift=backshift), clause_en(c[1], backshift=backshift)
        return f"{first}, {COORD[s.conj]} {second}"
    if s.kind == "cond":
        return (
            f"if {clause_en(c[0], backshift=backshift, sub_present=True)}, "
            f"{clause_en(c[1], backshift=backshift)}"
        )
    if s.kind == "sub":
        if s.conj == "после того как":
            return (
                f"after {clause_en(c[0], backshift=backshift, sub_present=True)}, "
                f"{clause_en(c[1], backshift=backshift)}"
            )
        first, second = clause_en(c[0], backshift=backshift), clause_en(c[1], backshift=backshift)
        return f"{first}{SUBORD[s.conj]} {second}"
    if s.kind == "according":
        return f"according to {np_en(s.source)}, {clause_en(c[0], backshift=backshift)}"
    if s.kind == "unclear":
        return f"{UNCLEAR_MATRICES[s.matrix][1]} {iq_list_en(s.iqs, backshift=False)}"
    raise ValueError(s.kind)


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def realize(s: Sent) -> tuple[str, str]:
    """Full (Russian, English) sentence strings with capitalisation and final punctuation."""
    if s.kind == "question":
        ru = question_ru(s.question) + "?"
        en = question_en(s.question, direct=True) + "?"
        return _cap(ru), _cap(en)
    ru, en = sent_body_ru(s), sent_body_en(s)
    if s.front is not None:
        fr_ru, fr_en = s.front
        sep = "," if fr_ru == "кроме того" else ""
        ru = f"{fr_ru}{sep} {ru}"
        en = f"{fr_en}, {en}"
    return _cap(ru) + ".", _cap(en) + "."


# --------------------------------------------------------------------------- random generation
NOUNS_BY_CLASS: dict[str, list[Noun]] = {}
for _n in NOUNS:
    for _c in _n.classes:
        NOUNS_BY_CLASS.setdefault(_c, []).append(_n)
SAY_VERBS = [v for v in VERBS if v.frame == "that"]
IQ_VERBS = [v for v in VERBS if v.frame == "iq"]
INF_VERBS = [v for v in VERBS if v.frame == "inf"] + [READY]
SLOT_VERBS = [v for v in VERBS if v.frame not in ("that", "iq", "inf")]
INF_OK_VERBS = [v for v in SLOT_VERBS if v.aspect == "pf" and v.frame != "-"]


class Generator:
    """Seeded random sentence generator. Call sentence() repeatedly."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)
        self.features: set[str] = set()

    # -- noun phrases
    def noun(self, classes: list[str] | frozenset[str], subject: bool = False) -> Noun:
        # sorted: iterating a frozenset follows PYTHONHASHSEED, which made corpora unreproducible
        pool = [n for c in sorted(classes) for n in NOUNS_BY_CLASS.get(c, [])]
        if subject:
            pool = [n for n in pool if n.subject_ok]
        return self.r.choice(pool)

    def np(self, classes, subject: bool = False, qty_ok: bool = False, depth: int = 0) -> NP:
        r = self.r
        n = self.noun(classes, subject)
        number = r.choice(n.numbers) if r.random() < 0.35 else n.numbers[0]
        np = NP(n, number)
        if qty_ok and "count" in n.classes and r.random() < 0.35:
            value = r.choice([None, *list(NUMERALS)])
            thousand = (value is None and r.random() < 0.5) or (
                value is not None and r.random() < 0.5
            )
            if value is not None and value <= 4 and not thousand and n.animate:
                thousand = True
            np.qty = Qty(value, thousand)
            self.features.add("qty")
            return np
        if n.article and r.random() < 0.3:
            adjs = [a for a in ADJS if a.classes & n.classes]
            if adjs:
                np.adj = r.choice(adjs)
        if (
            depth < 2
            and n.article
            and n.classes & {"person", "org", "force", "doc", "event", "place", "topic"}
            and r.random() < 0.35
        ):
            np.gen = self.np(
                ["country"] if r.random() < 0.6 else ["org", "country", "place"], depth=depth + 1
            )
        return np

    # -- clauses
    def clause(
        self,
        depth: int = 0,
        allow_rel: bool = True,
        verbs: list[Verb] | None = None,
        tenses: tuple[str, ...] | None = None,
        neg_ok: bool = True,
    ) -> Clause:
        r = self.r
        verb = r.choice(verbs or SLOT_VERBS)
        allowed = [t for t in verb.allowed_tenses() if tenses is None or t in tenses] or list(
            verb.allowed_tenses()
        )
        c = Clause(self.np(verb.subj, subject=True), verb, r.choice(allowed))
        if neg_ok and r.random() < 0.2:
            c.neg = True
            self.features.add("neg")
        c.args = [
            self.np(cls, qty_ok=(i == 0 and kind == "acc"))
            for i, (kind, cls, _) in enumerate(_slots(verb))
        ]
        if verb.frame == "inf":
            c.comp = self.inf_vp()
        if verb.evt and r.random() < 0.25:
            c.place = NP(self.noun(["city"]))
        if r.random() < 0.08:
            c.also = True
        elif c.tense == "pres" and not c.neg and r.random() < 0.1 and verb is not READY:
            c.still = True
        if allow_rel and depth == 0 and r.random() < 0.2:
            self.add_rel(c)
        return c

    def inf_vp(self) -> Clause:
        verb = self.r.choice(INF_OK_VERBS)
        c = Clause(None, verb, "past")
        c.args = [
            self.np(cls, qty_ok=(i == 0 and kind == "acc"))
            for i, (kind, cls, _) in enumerate(_slots(verb))
        ]
        return c

    def add_rel(self, c: Clause) -> None:
        """Attach a relative clause to the subject or the last argument."""
        r = self.r
        target = c.args[-1] if c.args and r.random() < 0.6 else c.subj
        if target is None or target.qty is not None or target.rel is not None:
            return
        on_subject = target is c.subj
        if not on_subject and c.place is not None:
            return
        use_obj_rel = not target.noun.animate and r.random() < 0.5
        if use_obj_rel:
            verbs = [
                v
                for v in SLOT_VERBS
                if v.frame.startswith("acc:")
                and set(_slots(v)[0][1]) & target.noun.classes
                and len(_slots(v)) == 1
            ]
            if not verbs:
                return
            inner = self.clause(depth=1, allow_rel=False, verbs=verbs)
            inner.args[0] = NP(target.noun, target.number)  # placeholder, dropped on output
            inner.place = None
            target.rel = Rel(inner, "obj")
            self.features.add("relobj")
        else:
            verbs = [v for v in SLOT_VERBS + INF_VERBS if v.subj & target.noun.classes]
            inner = self.clause(depth=1, allow_rel=False, verbs=verbs)
            inner.subj = None  # realized as the relative pronoun
            target.rel = Rel(inner, "subj")
            self.features.add("relsubj")
        if on_subject:
            self.features.add("rel_on_subject")

    def report(self, depth: int) -> Clause:
        """'X заявил, что ...' with a complex complement."""
        c = self.clause(depth=1, allow_rel=False, verbs=SAY_VERBS, neg_ok=False)
        self.features.add("report")
        before = set(self.features)
        c.comp_sent = self.body(depth + 1)
        if "relobj" in self.features - before:
            self.features.add("report_relobj")
        return c

    def question(self) -> Question:
        r = self.r
        kind = r.choice(["yn", "yn", "when", "why", "who", "what", "howmany"])
        if kind == "what":
            verbs = [v for v in SLOT_VERBS if v.frame.startswith("acc:doc") and "&" not in v.frame]
        elif kind == "howmany":
            verbs = [v for v in SLOT_VERBS if v.frame.startswith("acc:force")]
        elif kind == "who":
            verbs = [v for v in SLOT_VERBS if "person" in v.subj]
        else:
            verbs = SLOT_VERBS + INF_VERBS
        c = self.clause(depth=1, allow_rel=False, verbs=verbs, neg_ok=kind in ("when", "why"))
        c.also = c.still = False
        if kind == "howmany":
            noun = self.noun(["count"])
            while "force" not in noun.classes:
                noun = self.noun(["count"])
            c.args[0] = NP(noun, "pl")
        if kind == "who":
            c.subj = None
        self.features.add("q_" + kind)
        if kind == "why" and c.neg:
            self.features.add("why_neg")
        if kind == "why" and c.tense == "fut":
            self.features.add("why_fut")
        return Question(kind, c)

    def body(self, depth: int = 0) -> Sent:
        """A sentence body (possibly embedded under a reporting verb)."""
        r = self.r
        kinds = ["simple", "coord", "cond", "sub", "report", "report"]
        if depth == 0:
            kinds += ["according", "unclear", "iqverb", "simple", "report"]
        if depth >= 2:
            kinds = ["simple", "simple", "coord", "cond"]
        kind = r.choice(kinds)
        if kind == "simple":
            return Sent("simple", [self.clause()])
        if kind == "report":
            return Sent("simple", [self.report(depth)])
        if kind == "coord":
            return Sent(
                "coord", [self.clause(), self.clause(allow_rel=False)], conj=r.choice(list(COORD))
            )
        if kind == "cond":
            first = self.clause(tenses=("pres", "fut"))
            if first.verb.aspect == "impf":
                first.tense = "pres"
            if first.neg:
                self.features.add("cond_neg")
            self.features.add("cond")
            return Sent("cond", [first, self.clause(allow_rel=False, tenses=("fut", "pres"))])
        if kind == "sub":
            conj = r.choice(list(SUBORD))
            first = self.clause()
            if conj == "после того как" and (first.verb.aspect == "impf" or first.tense == "pres"):
                first.tense = "past"
                if first.verb.aspect == "impf":
                    first.verb = r.choice(
                        [
                            v
                            for v in SLOT_VERBS
                            if v.aspect == "pf" and v.subj & first.subj.noun.classes
                        ]
                        or SLOT_VERBS
                    )
                    first.args = [self.np(cls) for kind_, cls, _ in _slots(first.verb)]
                    first.place = None
                    first.still = False
            self.features.add("sub")
            return Sent("sub", [first, self.clause(allow_rel=False)], conj=conj)
        if kind == "according":
            return Sent(
                "according", [self.clause()], source=self.np(["person", "org"], subject=True)
            )
        if kind == "unclear":
            self.features.add("indirect")
            return Sent("unclear", matrix=r.randrange(len(UNCLEAR_MATRICES)), iqs=self.iq_list())
        # iqverb: "X не уточнил, когда ..."
        c = self.clause(depth=1, allow_rel=False, verbs=IQ_VERBS)
        c.iqs = self.iq_list()
        self.features.add("indirect")
        return Sent("simple", [c])

    def iq_list(self) -> list[Question]:
        n = self.r.choice([1, 1, 2, 3])
        return [self.question() for _ in range(n)]

    def sentence(self) -> tuple[str, str, frozenset[str]]:
        """One (ru, en, features) triple."""
        self.features = set()
        r = self.r
        if r.random() < 0.12:
            q = self.question()
            s = Sent("question", question=q)
        else:
            s = self.body(0)
            roll = r.random()
            if roll < 0.15 and s.kind in ("simple", "coord"):
                tenses = {c.tense for c in s.clauses} or {"past"}
                opts = [t for t in TIME_ADVS if tenses <= set(t[2])]
                if opts:
                    t = r.choice(opts)
                    s.front = (t[0], t[1])
            elif roll < 0.25:
                s.front = r.choice(CONNECTIVES)
        ru, en = realize(s)
        return ru, en, frozenset(self.features)
