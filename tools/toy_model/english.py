"""English realization of the toy grammar's trees: articles, do-support, backshift.

Kept apart from the Russian realizer: English needs do-support in questions and
negation, subject-auxiliary inversion, tense backshift under a past reporting verb,
present tense in if/after clauses and the placement of "also"/"still".
"""

from __future__ import annotations

from lexicon import NUMERALS, UNCLEAR_MATRICES
from syntax import COORD, NP, READY, SUBORD, Clause, Question, Rel, Sent, slots
from verbs import Verb


def np_en(np: NP) -> str:
    """English NP: article, adjective, of-genitive or quantity, then any relative clause."""
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
    """Number for English verb agreement: a quantity phrase is plural."""
    return "pl" if np.qty is not None or np.number == "pl" else "sg"


def rel_en(head: NP, rel: Rel) -> str:
    """'who' for animate heads, 'which' otherwise; an object relative drops its object."""
    pron = "who" if head.noun.animate else "which"
    if rel.role == "subj":
        return pron + " " + clause_en(rel.clause, subj_override=("", head))
    return pron + " " + clause_en(rel.clause, drop_first_arg=True)


def args_en(verb: Verb, args: list[NP]) -> list[str]:
    """The verb's arguments with their English prepositions (LOC: the noun's in/on)."""
    out = []
    for (_kind, _cls, en), np in zip(slots(verb), args, strict=False):
        prep = np.noun.loc_en if en == "LOC" else en
        out.append(f"{prep} {np_en(np)}".strip())
    return out


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
    """English clause. subj_override replaces the subject (relative pronoun, 'who'),
    backshift turns will into would under a past reporting verb, sub_present puts the
    future of if/after clauses into the present, question inverts subject and auxiliary.
    """
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


Q_EN = {"when": "when", "why": "why"}


def question_en(q: Question, direct: bool, backshift: bool = False) -> str:
    """Direct questions invert (with do-support); indirect ones keep declarative order."""
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


def iq_list_en(qs: list[Question], backshift: bool) -> str:
    """Indirect questions joined as 'a, b and c'."""
    texts = [question_en(q, direct=False, backshift=backshift) for q in qs]
    return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " and " + texts[-1]


def sent_body_en(s: Sent, backshift: bool = False) -> str:
    """English sentence body, without capital or final stop; backshift reaches every clause."""
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
