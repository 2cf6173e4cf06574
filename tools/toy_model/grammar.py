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

from adjectives import ADJS
from english import question_en, sent_body_en
from lexicon import CONNECTIVES, NUMERALS, TIME_ADVS, UNCLEAR_MATRICES
from nouns import NOUNS, Noun
from russian import question_ru, sent_body_ru
from syntax import COORD, NP, READY, SUBORD, Clause, Qty, Question, Rel, Sent, slots
from verbs import VERBS, Verb

# Pattern features that never occur in training data (evaluated separately).
HELD_OUT_FEATURES = frozenset({"cond_neg", "report_relobj", "why_fut"})


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
        """A random noun of one of these classes (subject: only nouns that may be subjects)."""
        # sorted: iterating a frozenset follows PYTHONHASHSEED, which made corpora unreproducible
        pool = [n for c in sorted(classes) for n in NOUNS_BY_CLASS.get(c, [])]
        if subject:
            pool = [n for n in pool if n.subject_ok]
        return self.r.choice(pool)

    def np(
        self,
        classes: list[str] | frozenset[str],
        subject: bool = False,
        qty_ok: bool = False,
        depth: int = 0,
    ) -> NP:
        """A random NP: sometimes plural, with a quantity (first accusative object only),
        an adjective, or a genitive NP (at most two levels deep).
        """
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
        """A random clause headed by one of `verbs`, its arguments typed by the verb's frame,
        with optional negation, place, also/still and (top level only) a relative clause.
        """
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
            for i, (kind, cls, _) in enumerate(slots(verb))
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
        """An infinitive VP (a perfective verb with its arguments) for хотеть/планировать/готов."""
        verb = self.r.choice(INF_OK_VERBS)
        c = Clause(None, verb, "past")
        c.args = [
            self.np(cls, qty_ok=(i == 0 and kind == "acc"))
            for i, (kind, cls, _) in enumerate(slots(verb))
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
                and set(slots(v)[0][1]) & target.noun.classes
                and len(slots(v)) == 1
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
        """A random question; who/what/how-many restrict the verb so that the gap can be filled."""
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
            return self.conditional()
        if kind == "sub":
            return self.subordinate()
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

    def conditional(self) -> Sent:
        """'Если ..., ...': the if-clause is in the present (or a perfective future)."""
        first = self.clause(tenses=("pres", "fut"))
        if first.verb.aspect == "impf":
            first.tense = "pres"
        if first.neg:
            self.features.add("cond_neg")
        self.features.add("cond")
        return Sent("cond", [first, self.clause(allow_rel=False, tenses=("fut", "pres"))])

    def subordinate(self) -> Sent:
        """'..., потому что / хотя ...' or 'После того как ..., ...'.

        An after-clause must be a completed event: past tense, and a perfective verb
        (an imperfective one is replaced, with fresh arguments).
        """
        r = self.r
        conj = r.choice(list(SUBORD))
        first = self.clause()
        if conj == "после того как" and (first.verb.aspect == "impf" or first.tense == "pres"):
            first.tense = "past"
            if first.verb.aspect == "impf":
                first.verb = r.choice(
                    [v for v in SLOT_VERBS if v.aspect == "pf" and v.subj & first.subj.noun.classes]
                    or SLOT_VERBS
                )
                first.args = [self.np(cls) for _kind, cls, _ in slots(first.verb)]
                first.place = None
                first.still = False
        self.features.add("sub")
        return Sent("sub", [first, self.clause(allow_rel=False)], conj=conj)

    def iq_list(self) -> list[Question]:
        """One to three indirect questions (one most often)."""
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
