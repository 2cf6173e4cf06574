"""What may follow a question's verb: its object, one clause per link word, a time that fits.

``tlsum.digest.syntax`` reads the opening of a question (auxiliary, subject, verb);
this module reads the rest, where a rewriter that cut a sentence in the wrong
place leaves its marks:

* a transitive verb whose object went missing before a preposition or a time
  ("Will the board approve on Monday?"): a verb that needs an object is listed
  with the prepositions it can take directly ("sue over", "extend to");
* a relative clause glued after a verb ("... reopen which was closed ...") or
  disagreeing with its noun ("jobs which employs");
* a second finite clause with no link word to carry it ("... a housing shortage
  rents have risen ...", "... if the river rises further officials are ...");
* a bare "be" after a noun ("claim the new system be ready"), which only verbs
  of demanding ("order that the firm be fined") take;
* a past question about a future time ("Did the council vote next week?");
* a preposition left at the end of a yes/no question ("... appeal against?").

Each rule is a piece of English grammar, not a list of broken questions; the
figures on questions written by others are in the README.
"""

from __future__ import annotations

import itertools

import tlsum.digest.lexicon as lx
import tlsum.digest.tense as tense
from tlsum.digest.phrase import (
    DETERMINERS,
    MODALS,
    PARTICLES,
    PRE_VERB,
    PREPOSITIONS,
    subject,
)
from tlsum.digest.tense import DAYS, TIME_NOUNS
from tlsum.digest.words import wordset


def _table(text: str) -> dict[str, frozenset[str]]:
    """ "veto approve:of sue:for,over" → {verb: prepositions it may take directly}."""
    out: dict[str, frozenset[str]] = {}
    for item in text.split():
        verb, _, preps = item.partition(":")
        out[verb] = frozenset(p for p in preps.split(",") if p)
    return out


# Verbs of the news that need an object: after them comes a noun phrase, not a preposition
# or a time ("Will the governor veto on Friday?"), except the prepositions listed.
TRANSITIVE = _table(
    "acquire approve:of veto impose grant seek enforce obtain adopt accept reject receive "
    "raise:by lift replace support oppose launch:into sign:for,on,up,off,with,as hire "
    "fire:on,at,back,off buy:into,back,out,up sell:for,off,out,at build:on,up use include "
    "allow:for require offer:to provide:for reach:out,for cause address announce reveal "
    "identify name release propose introduce remove ban block blame:for,on convict sentence "
    "arrest detain deport expel extradite indict prosecute sue:for,over summon subpoena "
    "investigate probe:into examine review audit inspect criticize criticise condemn praise "
    "endorse confirm deny dismiss drop:to,from,by,out,off,below,back,behind,into,under,on,in "
    "appoint nominate:for select overturn uphold reverse scrap cancel postpone delay "
    "suspend halt freeze restore reinstate repeal amend finalize finalise ratify secure "
    "fund finance subsidize subsidise capture seize kill:off injure invade bomb target "
    "threaten:to destroy demolish absorb employ recruit punish pardon rescue host attend "
    "visit mention discuss consider tackle solve resolve prevent avoid ensure guarantee "
    "protect:against,from restrict regulate own purchase import deliver:on produce "
    "spend:on lend:to owe sack honour honor award give:in,up,back,way,out bring:in,back,"
    "forward,down,up,about,out,on put:off,forward,up,out,down,in,back,on,together "
    "impeach unveil disclose publish hand:over,in,out,back,down repay "
    "cut:back,down,off,into,through,by,in,across extend:to,into,beyond,until,through,by,for "
    "acquit:of charge:for,into,ahead pay:for,out,off,up,back,into,to,down "
    "face:up,off,down,away ready free:up demand:to request persuade convince urge compel "
    "deploy exceed surpass implement enact install confiscate kidnap abduct hack:into breach "
    "violate sanction order:in,out,off,up,back")
# Of those, the ones that can also end a question on their own ("Will prices drop?").
ALONE = wordset("drop attend visit host charge resolve")
TIME_WORDS = wordset("today tomorrow tonight yesterday next last") | DAYS
_OBJECTS = wordset("him her them it us me")
_WHEN = wordset("same following next previous day night")
# Words that open a clause and so carry its finite verb ("if the river rises").
LINKS = wordset("that who which whom whose when where while if as because after before until "
                "since than whether what how why once unless though although so whereas")
# Verbs that take no object, so cannot end a relative clause without "that" on an object.
_NO_OBJECT = wordset("die resign arrive happen occur vanish disappear emerge exist retire "
                     "collapse erupt sleep fall rise")
# Nouns a relative clause follows without "that" ("on the night Epstein died").
_ZERO_RELATIVE = wordset("day night time moment date hour week year way reason place")
_FINITE_AUX = wordset("is are was were has have had does did am") | MODALS - {"may"}
# Verbs that take a clause without "that" ("Will the report show profits have fallen?").
_CLAUSE_VERBS = wordset(
    "say think know believe claim show suggest argue confirm reveal find expect hope insist "
    "admit deny ensure mean prove realize realise warn announce indicate conclude agree decide "
    "acknowledge fear predict report feel rule estimate doubt guarantee promise assume notice "
    "see learn accept signal concede determine")
# Verbs whose object takes a bare infinitive ("see the town recover").
_BARE_INFINITIVE = wordset("see watch hear notice feel let make help have")
# Verbs of demanding, which take a bare "be" ("order that the firm be fined").
_MANDATIVE = wordset("demand demands insist insists require requires recommend recommends ask "
                     "asks propose proposes suggest suggests order orders urge urges request "
                     "requests mandate stipulate")
# Verbs after which "which"/"who" opens a question ("decide which", "reveal who").
_ASKING = wordset("know decide reveal say ask explain determine show announce disclose confirm "
                  "choose tell learn see clarify specify identify investigate examine consider "
                  "discuss name review understand establish predict guess wonder")


def problems(after: list[str], aux: str) -> list[str]:
    """What is wrong after the subject of a yes/no question (``after``: its words,
    ``aux``: the auxiliary that opened it)."""
    low = [w.lower().rstrip(",") for w in after]
    out = _missing_object(low, perfect=aux in ("has", "have", "had")) + _relative(low) + \
        _run_on(after, low) + _bare_be(low) + _bare_clause(after, low)
    if low and low[0] in ("which", "who", "whom", "whose"):
        out.append("a relative clause where the predicate should be")  # "Is the law which"
    if aux in ("did", "was", "were", "had", "has", "have"):  # "Has the team won ... tomorrow"
        out += tense.future_in_past(low)
    if aux in ("will", "shall"):
        out += tense.past_in_future(low)
    if aux in ("has", "have"):
        out += tense.past_in_perfect(low)
    if aux in ("has", "have", "had") and len(low) == 1 and \
            _transitive_lemma(low[0], True) not in ALONE | {""}:
        out.append(f"'{low[0]}' without its object")  # "Has the council rejected?"
    if aux in ("is", "are", "was", "were", "am"):
        out += _passive_with_object(low)
    if any(low[i] in ("be", "been") and _bare_verb_after_be(low, i + 1)
           for i in range(len(low) - 1)):
        out.append("'be' before a bare verb")  # "Will the team be win the cup?"
    if stranded(low):
        out.append(f"a preposition with no object at the end ('{low[-1]}')")
    return out


def _base_only(word: str) -> bool:
    """A base-form verb that is nothing else: not a participle, noun or adjective."""
    return lx.classes(word) <= {"verb"} and lx.base_verb(word) and not lx.participle(word)


def _bare_verb_after_be(low: list[str], i: int) -> bool:
    """A base-form verb after "be": one that is nothing else, one with its object, or
    one whose noun reading would need an article ("be build on time")."""
    nxt = low[i + 1] if i + 1 < len(low) else ""
    word = low[i]
    verb = lx.base_verb(word) and not lx.participle(word) and "adj" not in lx.classes(word)
    return _base_only(word) or (verb and (nxt in {"the", "a", "an"} or lx.countable_only(word)))


# Verbs whose passive keeps an object ("Was the player given a ban?", "Was she denied bail?").
_DITRANSITIVE = wordset("give grant offer award deny hand charge pay owe promise refuse show tell "
                        "send lend sell fine name elect appoint make call consider find bring")


_POSSESSIVES = wordset("its their his her our my your")


def _passive_with_object(low: list[str]) -> list[str]:
    """ "Is the president visited the troops?": a passive participle followed by an object,
    which only verbs with two objects take."""
    first = next((i for i, w in enumerate(low) if w not in PRE_VERB), len(low))
    if first + 1 >= len(low) or low[first + 1] not in DETERMINERS - {"all", "both", "each"}:
        return []
    rest = low[first + 2 :]
    time = next((k for k, w in enumerate(rest) if w not in TIME_NOUNS | _WHEN), len(rest))
    if time and (time == len(rest) or not _nounish(rest[time])):
        return []  # "released the same day": a time, not an object ("its summer flights")
    verb, owner = low[first], low[first + 1] in _POSSESSIVES  # "closed its factory"
    lemmas = [m for m in lx.lemmas(verb, "verb") if m in TRANSITIVE or owner]
    if lemmas and lx.participle(verb) and not verb.endswith("ing") and \
            not any(m in _DITRANSITIVE for m in lemmas):
        return [f"a passive '{verb}' with an object"]
    return []


def _verb_positions(low: list[str]) -> list[int]:
    """Where a base-form verb stands: the question's own verb (first, after adverbs) and
    every verb after "to" or a modal."""
    first = next((i for i, w in enumerate(low) if w not in PRE_VERB), len(low))
    return [first] + [i for i in range(1, len(low)) if low[i - 1] in MODALS | {"to"}]


def _missing_object(low: list[str], perfect: bool = False) -> list[str]:
    """ "approve on Monday", "acquire for $2 billion", "veto next week": no object; with
    ``perfect`` (after "has"), the participle's verb too ("Has the club signed from ...")."""
    positions = _verb_positions(low)
    for i in positions:
        if i >= len(low) - 1 or not (verb := _transitive_lemma(low[i], perfect and
                                                                i == positions[0])):
            continue
        nxt, after = low[i + 1], (low[i + 2] if i + 2 < len(low) else "")
        if nxt == "to" and "adj" in lx.classes(low[i]):
            continue  # "Are the unions ready to call off the strike?": an adjective
        time = nxt in TIME_WORDS or (nxt == "this" and after in TIME_NOUNS)
        prep = nxt in PREPOSITIONS and nxt not in TRANSITIVE[verb]
        if time or prep:
            return [f"'{low[i]}' without its object before '{nxt}'"]
    return []


def _transitive_lemma(word: str, participle: bool) -> str:
    """The verb of ``TRANSITIVE`` that ``word`` is (a participle when ``participle``:
    "signed" → "sign"); "" when none."""
    if word in TRANSITIVE:
        return word
    if participle and lx.participle(word):
        return next((m for m in lx.lemmas(word, "verb") if m in TRANSITIVE), "")
    return ""


def _relative(low: list[str]) -> list[str]:
    """ "reopen which was closed": a relative clause right after a verb, or one whose
    verb disagrees with its noun ("jobs which employs")."""
    for i in _verb_positions(low):
        if i + 1 < len(low) and low[i + 1] in ("which", "who") and low[i] not in _ASKING:
            return [f"a relative clause after the verb '{low[i]}'"]
    for i in range(1, len(low) - 1):
        if low[i] not in ("which", "who"):
            continue
        prev, nxt = low[i - 1], low[i + 1]
        found = lx.classes(prev)
        if "verb" in found and not found & {"noun", "adj"} and prev not in _ASKING:
            return [f"a relative clause after the verb '{prev}'"]
        singular_verb = nxt in ("is", "was", "has") or (lx.third_person(nxt)
                                                         and not lx.plural_noun(nxt))
        if lx.plural_noun(prev) and "noun" in found and singular_verb:
            return [f"'{prev} {low[i]} {nxt}': the relative clause does not agree"]
    return []


def _finite(word: str, low: str, prev: str, nxt: str = "") -> bool:
    """A finite verb form: an inflected auxiliary or a form that is only a finite verb
    (not after "be": "being investigated")."""
    if low in _FINITE_AUX:
        return word.islower() and prev not in ("to", "not")
    finite = lx.finite_only(low) or (lx.past(low) and _lemma_in(low, _NO_OBJECT))
    return word.islower() and finite and prev not in ("be", "been", "being") \
        and not (lx.participle(low) and nxt in PREPOSITIONS)  # "the fine imposed by"



def zero_relative(low: list[str], i: int) -> bool:
    """ "the deal the two companies struck last month": a relative clause without "that"
    after a noun; its subject opens with a determiner right after that noun, and its
    verb, at ``i``, has no object after it (the noun it follows is the object)."""
    nxt = low[i + 1] if i + 1 < len(low) else ""
    if low[i] in _FINITE_AUX or nxt in DETERMINERS or nxt[:1].isdigit() or nxt in _OBJECTS \
            or _lemma_in(low[i], _NO_OBJECT):  # "the company the director resigned"
        return False
    verb = next((k for k, w in enumerate(low) if w not in PRE_VERB), len(low))
    for j in range(max(verb + 2, i - 4), i - 1):  # the question's verb is no antecedent
        if low[j] in DETERMINERS - {"that"} and "noun" in lx.classes(low[j - 1]) and \
                low[j - 1] not in DETERMINERS:
            return True
    return False


def _clause_with_object(low: list[str], i: int) -> bool:
    """ "steal data the bank shut down its servers": after an object noun comes a second
    noun phrase and a past or present verb with an object of its own, so it is not a
    relative clause on that noun (whose verb has no object) but a new clause."""
    verb = next((k for k, w in enumerate(low) if w not in PRE_VERB), len(low))
    if i < verb + 4 or low[i - 2] not in DETERMINERS - {"that"} or not _nounish(low[i - 3]) \
            or low[i - 3] in DETERMINERS or not (lx.past(low[i]) or lx.third_person(low[i])):
        return False
    nxt = low[i + 1] if i + 1 < len(low) else ""
    after = low[i + 2] if i + 2 < len(low) else ""
    if after in TIME_NOUNS | _WHEN:
        return False  # "... this year": a time, not an object
    return nxt in DETERMINERS - {"that"} | _OBJECTS or (nxt in PARTICLES and after in DETERMINERS) \
        or (nxt.endswith("ing") and lx.classes(nxt) == {"verb"})  # "stops erupting"


def _nounish(word: str) -> bool:
    """A word that can end a noun phrase: a noun, a name or a number."""
    return word[:1].isupper() or any(c.isdigit() for c in word) or \
        "noun" in lx.classes(word.lower())


def after_wh_subject(after: list[str]) -> list[str]:
    """What is wrong after a wh-subject's past verb ("How many people injured in the
    blast?": a transitive verb with no object; "Who ... the launch was delayed?")."""
    low = [w.lower().rstrip(",") for w in after]
    return _missing_object(low, perfect=True) + _run_on(after, low)


def run_on(after: list[str]) -> list[str]:
    """A second finite clause with no link word to carry it, in the words after a
    question's subject or after a wh-subject's auxiliary ("Who will lead the mission the
    launch has been delayed?")."""
    return _run_on(after, [w.lower().rstrip(",") for w in after])


def _run_on(after: list[str], low: list[str]) -> list[str]:
    """A finite verb after a noun with no link word or clause-taking verb left to carry
    it ("a housing shortage rents have risen"); each link carries one clause."""
    open_links = int(bool(low) and _lemma_in(low[0], _CLAUSE_VERBS))  # "know the suspect had"
    for i in range(1, len(low)):
        if low[i] in LINKS or _lemma_in(low[i], _CLAUSE_VERBS) or \
                (low[i] in ("and", "or", "but") and open_links):
            open_links += 1  # "and" carries a clause only inside one a link opened
        elif _nounish(after[i - 1]) and low[i - 1] not in LINKS | DETERMINERS:
            if _finite(after[i], low[i], low[i - 1], low[i + 1] if i + 1 < len(low) else ""):
                if not open_links and not _ZERO_RELATIVE & set(low[max(0, i - 4) : i - 1]) \
                        and not zero_relative(low, i):
                    return [f"a second clause run on at '{after[i - 1]} {after[i]}'"]
                open_links -= 1
            elif not open_links and _clause_with_object(low, i):
                return [f"a second clause run on at '{after[i - 1]} {after[i]}'"]
            elif open_links and _weak_finite(low, i):
                open_links -= 1  # "if the river rises": its verb, though "rises" is a noun too
    return _and_clause(low)


def _weak_finite(low: list[str], i: int) -> bool:
    """A third-person or past form that may be a noun, read as the verb of a clause a
    link word opened, unless an auxiliary follows it ("whether the plans have ...")."""
    nxt = low[i + 1] if i + 1 < len(low) else ""
    return (lx.third_person(low[i]) or lx.past(low[i])) and nxt not in _FINITE_AUX


def _and_clause(low: list[str]) -> list[str]:
    """ "Did the firm miss its targets and shares fell": "and" opens a new clause with its
    own subject and a past verb, which a yes/no question cannot carry."""
    for i in range(len(low) - 2):
        if low[i] != "and" or LINKS & set(low[:i]):
            continue
        j = i + 1 + (low[i + 1] in DETERMINERS)
        if j + 1 < len(low) and _nounish(low[j]) and lx.past(low[j + 1]) \
                and not lx.participle(low[j + 1]):
            return [f"a second clause after 'and' ('{low[j]} {low[j + 1]}')"]
    return []


def _lemma_in(word: str, verbs: frozenset[str]) -> bool:
    """Is ``word`` a form of one of ``verbs`` ("claims", "showed" → claim, show)?"""
    return word in verbs or any(lemma in verbs for lemma in lx.lemmas(word, "verb"))


def _bare_be(low: list[str]) -> list[str]:
    """ "claim the new system be ready": a bare "be" with its own subject, after a verb
    that does not demand ("order that the firm be fined" is English)."""
    for i in range(1, len(low)):
        if low[i] != "be" or not _nounish(low[i - 1]) or low[i - 1] in DETERMINERS | PRE_VERB:
            continue
        if not any(_lemma_in(w, _MANDATIVE) for w in low[:i]):
            return [f"'{low[i - 1]} be': a bare 'be' after a noun"]
    return []


def _bare_clause(after: list[str], low: list[str]) -> list[str]:
    """ "claim the reef recover": a clause whose singular subject has a bare verb, after
    a verb that neither demands (a subjunctive: "insist the plan go ahead") nor takes a
    bare infinitive ("see the town recover")."""
    for i in range(len(low) - 2):
        if not _lemma_in(low[i], _CLAUSE_VERBS - _BARE_INFINITIVE) or \
                _lemma_in(low[i], _MANDATIVE) or low[i + 1] not in DETERMINERS:
            continue
        phrase, _ = subject(after[i + 1 :], verb_next=True)
        end = i + 1 + phrase.end if phrase else len(low)
        if phrase is None or end >= len(low) or phrase.plural or lx.plural_noun(phrase.head):
            continue
        if low[end] not in MODALS | {"be"} and lx.base_verb(low[end]) and \
                lx.classes(low[end]) == {"verb"}:
            return [f"'{phrase.head} {low[end]}': a bare verb after '{low[i]}'"]
    return []


def stranded(low: list[str]) -> bool:
    """A yes/no question ending in a preposition that is not a particle ("... appeal
    against?"; "Will the company go under?" and "... sell out?" are English)."""
    last = low[-1] if low else ""
    return last in PREPOSITIONS and last not in PARTICLES | wordset(
        "under before after since about around through across along outside inside behind "
        "near by")


def verb_inside(phrase: list[str]) -> bool:
    """A base-form verb inside a subject noun phrase, after a noun ("the audit say"),
    never right after a determiner ("the cost of ...": a noun there)."""
    return any(w.islower() and lx.base_verb(w) and prev.lower() not in DETERMINERS | PREPOSITIONS
               for prev, w in itertools.pairwise(phrase))
