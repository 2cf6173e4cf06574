"""Russian realization of the toy grammar's trees: case, agreement, word order.

Kept apart from the English realizer because the two share nothing but the tree: Russian
needs case government, gender/number agreement (also of the past tense and the short
adjective "готов"), numeral government and verb-subject order in object relatives and
questions.
"""

from __future__ import annotations

from lexicon import NUMERALS, UNCLEAR_MATRICES
from syntax import NP, READY, Clause, Question, Rel, Sent, slots
from verbs import Verb


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


WHICH_RU = {"m": "который", "f": "которая", "n": "которое", "pl": "которые"}
WHICH_ACC_RU = {"m": "который", "f": "которую", "n": "которое", "pl": "которые"}


def rel_ru(head: NP, rel: Rel) -> str:
    """'который' agreeing with its head; object relatives put the verb before the subject."""
    key = "pl" if head.number == "pl" else head.gender
    if rel.role == "subj":
        return WHICH_RU[key] + " " + clause_ru(rel.clause, subj_override=("", head))
    # Object relative: "которое подписала Турция" (verb before subject).
    return WHICH_ACC_RU[key] + " " + clause_ru(rel.clause, drop_first_arg=True, vs_order=True)


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
    """The verb's arguments, each in the case its slot governs (location slots take the
    noun's own в/на, and из/с for a source).
    """
    out = []
    for (kind, _cls, _en), np in zip(slots(verb), args, strict=False):
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


Q_RU = {"when": "когда", "why": "почему"}


def question_ru(q: Question) -> str:
    """Russian question: wh-word first, verb-subject order where needed, 'ли' for yes/no."""
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


def iq_list_ru(qs: list[Question]) -> str:
    """Indirect questions joined as 'a, b и c'."""
    texts = [question_ru(q) for q in qs]
    return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " и " + texts[-1]


def sent_body_ru(s: Sent) -> str:
    """Russian sentence body, without capital or final stop."""
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
