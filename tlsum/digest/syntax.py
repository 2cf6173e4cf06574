"""The grammar of a one-line question: opening, subject noun phrase, verb, agreement.

The rewriters build questions by moving words around, and when they misread a
sentence the result still opens with "Will" and ends with "?": "Will Ankara
emphasizes that ...", "Could the presence of foreign troops in the conflict
zone?", "Were the day the proposals due?". This module reads a question the way
a copy editor does, with a word-class lexicon (``tlsum.digest.lexicon``) and
the grammar of English questions, and names what is wrong:

* after an inverted auxiliary comes a subject noun phrase: a determiner, a
  name, a number, an indefinite pronoun or a bare plural or mass noun opens it,
  never a verb, an adverb or a preposition ("Will Eventually switch ...");
  a singular count noun needs its article ("Will School District ...");
* a modal or "do" takes a base-form verb after the subject, "has/have" a
  participle, and "is/are", "was/were", "has/have", "does/do" agree in number
  with the subject;
* a wh-question has a verb, and either the wh-phrase is its subject or an
  inverted auxiliary follows;
* no transitive verb is left without its object ("... whether to impose?"),
  no second finite clause is glued on, and a wish ("love to") is not asked
  as if it were the outcome.

What follows the verb (a transitive verb's object, one clause per link word, a
time that fits the tense) is read by ``tlsum.digest.clauses``.

It never repairs: a question with a problem is dropped by the caller.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import tlsum.digest.clauses as clauses
import tlsum.digest.grammar as g
import tlsum.digest.lexicon as lx
import tlsum.digest.quantity as quantity
from tlsum.digest.phrase import (
    BE,
    CLOSED,
    DETERMINERS,
    DO,
    HAVE,
    INTRANSITIVE,
    MODALS,
    PARTICLES,
    PRE_VERB,
    PREPOSITIONS,
    WH,
    Phrase,
    source_roles,
    subject,
)
from tlsum.digest.words import wordset

Roles = Mapping[str, frozenset[str]]
AUX = MODALS | DO | BE | HAVE
_SINGULAR_AUX = wordset("is was has does am")
DISAGREES = ("with a plural subject", "with a singular subject")  # how _agreement says it
_PLURAL_AUX = wordset("are were have do")
_WH_SUBJECTS = wordset("who what which whose how")
_NOUN_PREPS = wordset("of for in on at from about against")
_QUANTITY = re.compile(r"^(?:(?:up to|more than|fewer than|less than|at least|as many as|"
                       r"about|around|nearly|almost|over|roughly|some|only|just) )(?=\S*\d)|"
                       r"^(?:any|some|many|most|all|several|both|few) of (?=\S)")
# "... the coach hopes?": who said it, left over from the sentence.
_ATTRIBUTION = wordset("says hopes expects believes thinks reckons insists argues suggests "
                       "fears warns claims admits adds")
_NUMBERS = wordset("one two three four five six seven eight nine ten eleven twelve twenty "
                   "hundred hundreds thousand thousands million millions dozens several")
# Verbs that are adjectives too and take "to" and a verb ("Will they need to ...").
_TO_VERBS = wordset("like mean need dare set prefer used")
_WISH = wordset("love like wish prefer hate care want hope")
# Prepositions whose phrase only completes a noun, never stands as the predicate of "be"
# ("Is the report of the inquiry into the crash?"; "Is the dam at risk?" is English).
_NOT_PREDICATE = wordset("of into onto than per via toward towards upon")
_LINKS = wordset("that who which whom whose when where while if as because after before until "
                 "since than and or but whether what how why once unless though although so")
# A verb that cannot end its clause: its object went missing ("... whether to impose?").
_TRANSITIVE = (wordset(
    "impose make take give bring put provide include allow require offer reach cause address "
    "obtain grant seek enforce involve contain remove introduce announce reveal identify name "
    "release approve adopt propose accept reject receive raise cut lift extend replace support "
    "oppose launch sign pass meet face pay buy sell build use hire fire keep") | \
    frozenset(clauses.TRANSITIVE)) - clauses.ALONE - INTRANSITIVE


_NOT = re.compile(r"\b(\w+)n['’]t\b", re.IGNORECASE)
_NEGATED = {"wo": "will", "ca": "can", "sha": "shall"}


def positive(question: str) -> str:
    """The question without its negative contractions ("Won't X hurt" → "Will X hurt",
    "Why hasn't X" → "Why has X"): "not" changes no word order the check reads."""
    return _NOT.sub(lambda m: _NEGATED.get(m.group(1).lower(), m.group(1)), question)


def tokens(question: str) -> list[str]:
    """The question's words without the "?" and the punctuation around them."""
    body = question.rstrip("?").strip()
    return [w.strip("\"'()[];:") for w in body.split() if w.strip("\"'()[];:,")]


def problems(question: str, source: str = "") -> list[str]:
    """What a copy editor finds wrong in the question's grammar (empty when nothing).

    ``source``, the sentence the question was made from, tells a word that can be a
    noun or a verb ("zone", "sail") by how the sentence used it."""
    question = positive(question)
    words = tokens(question)
    raw = question.rstrip("?").split()
    if len(words) < 2:
        return ["too short to be a question"]
    first = 1 if words[0].lower() in PREPOSITIONS and words[1].lower() in WH else 0
    head = words[first].lower()
    roles = source_roles(source)
    if head in WH:
        return _wh(words[first:], raw[first:], roles)
    if head in MODALS | DO | BE | HAVE:
        return _yes_no(words[first:], raw[first:], roles, wh=False)
    return ["does not open with a question word or an auxiliary"]


def _yes_no(words: list[str], raw: list[str], roles: Roles, wh: bool) -> list[str]:
    """An inverted auxiliary, its subject and what follows (``wh``: a wh-word before it)."""
    aux, rest = words[0].lower(), _skip_quantity(words[1:])
    if rest and rest[0].lower() == "there" and aux in BE | HAVE | MODALS:
        return [] if len(rest) > 1 else ["nothing after 'there'"]
    phrase, why = subject(rest, aux in MODALS | DO, aux not in BE, roles)
    if phrase is None:
        return [why]
    if aux in HAVE and (phrase.end == len(rest) or not _participle(rest[phrase.end])):
        phrase = _participle_inside(rest, phrase, roles)
    out = _agreement(aux, phrase) + (_s_form(aux, rest, phrase, roles) if aux in MODALS | DO
                                     else [])
    after = rest[phrase.end :]
    out += _after_subject(aux, after, phrase, wh, clauses.verb_inside(rest[: phrase.end]))
    if not out and not wh:
        out += _tail(after, raw[len(words) - len(after) :] if after else [])
        out += clauses.problems(after, aux) if not out else []
    elif not out:
        out += clauses.run_on(after)
    return out


def _s_form(aux: str, words: list[str], phrase: Phrase, roles: Roles) -> list[str]:
    """ "Will the central bank raises interest rates?": an "-s" form read as a plural noun
    inside the subject is the verb, in the wrong form, when a finished noun phrase comes
    before it and the source uses its verb, or an object follows it (a determiner, or a
    noun and a plural noun: "interest rates")."""
    for j in range(2, phrase.end):
        word, prev = words[j], words[j - 1]
        if not (word.islower() and lx.third_person(word) and prev.islower()) or \
                "noun" not in lx.classes(prev) or lx.plural_noun(prev) or prev in DETERMINERS:
            continue
        shorter, _ = subject(words[:j], False, False, roles)
        nxt, after = [*words[j + 1 : j + 3], "", ""][:2]
        used = any("verb" in roles.get(m, ()) for m in lx.lemmas(word, "verb"))
        obj = nxt.lower() in DETERMINERS or (nxt.islower() and "noun" in lx.classes(nxt) and
                                            after.islower() and lx.plural_noun(after))
        if shorter is not None and shorter.end == j and (used or obj):
            return [f"'{aux} ... {word}': the verb in its '-s' form after '{aux}'"]
    return []


def _participle_inside(words: list[str], phrase: Phrase, roles: Roles) -> Phrase:
    """ "Has the virus spread to ...": "virus spread" read as a compound noun; the
    participle inside it is the verb when the words before it make a subject."""
    for j in range(1, phrase.end):
        if _participle(words[j]) and words[j].islower():
            shorter, _ = subject(words[:j], False, False, roles)
            if shorter is not None and shorter.end == j:
                return shorter
    return phrase


def _skip_quantity(words: list[str]) -> list[str]:
    """ "up to 100 teachers" → "100 teachers": a quantity phrase opens a noun phrase."""
    text = " ".join(words)
    m = _QUANTITY.match(text)
    return text[m.end() :].split() if m else words


def _agreement(aux: str, phrase: Phrase) -> list[str]:
    """ "Were the day", "Is the city's police", "Does the officers": number disagrees."""
    if aux in _SINGULAR_AUX and phrase.plural:
        return [f"'{aux}' {DISAGREES[0]}"]
    if aux in _PLURAL_AUX and _singular(phrase) and not lx.zero_plural(phrase.head):
        return [f"'{aux}' {DISAGREES[1]}"]
    return []


def _after_subject(aux: str, after: list[str], phrase: Phrase, wh: bool,
                   absorbed: bool = False) -> list[str]:
    """The verb an auxiliary wants after its subject (``absorbed``: the noun phrase may
    have read it in: "What does the audit say about ...", "What will the measure mean?")."""
    rest = after
    while rest and (rest[0].lower() in PRE_VERB or _adverb(rest[0])):
        rest = rest[1:]
    if aux in BE | HAVE and rest and rest[0].lower() in AUX - DO:
        return [f"'{aux} ... {rest[0]}': two auxiliaries"]  # "Is the mayor will run"
    if aux in BE:
        if not after and not wh and not set(phrase.preps) - _NOT_PREDICATE:
            return ["'be' without a predicate"]  # "Is the excavation of the site?"; not "at risk"
        if rest and ((lx.finite_only(rest[0]) and not lx.participle(rest[0]))
                     or _base_only(rest[0])):
            return [f"'{aux} ... {rest[0]}': a verb form 'be' does not take"]
        return []
    if not rest:
        return [] if wh and aux in DO | MODALS and absorbed else \
            [f"no verb after '{aux}' and its subject"]
    verb = rest[0].lower()
    if verb in AUX - HAVE - DO or (aux in DO and verb in ("be", "been")) or \
            verb in ("has", "had"):
        return [f"'{aux} ... {verb}': two auxiliaries"]  # "Will X will meet", "Did X be"
    if aux in HAVE:
        ok = verb == "been" or _participle(verb) or (aux != "had" and verb == "got")
        return [] if ok else [f"'{aux}' not followed by a participle"]
    if not lx.base_verb(verb) or g.IRREGULAR_PAST.get(verb, verb) != verb:
        return [f"'{aux}' not followed by a base-form verb"]  # "Did X found": the past
    if len(rest) > 2 and rest[1].lower() == "to" and "adj" in lx.classes(verb) and \
            verb not in _TO_VERBS | INTRANSITIVE and lx.base_verb(rest[2]) and \
            not lx.plural_noun(rest[2]):
        return [f"the adjective '{verb}' where the verb should be"]  # "Will X ready to reopen"
    if verb in _WISH and len(rest) > 1 and rest[1].lower() == "to":
        return ["asks about a wish, not the outcome"]
    return []


def _tail(after: list[str], raw: list[str]) -> list[str]:
    """What follows the verb: no object missing, no second clause glued on."""
    out: list[str] = []
    low = [w.lower() for w in after]
    if not low:
        return out
    before = low[-2] if len(low) > 1 else ""
    bare_verb = len(low) == 1 or before in MODALS | {"not"} or \
        (before == "to" and len(low) > 2 and "adj" not in lx.classes(low[-3]))
    if low[-1] in _TRANSITIVE and bare_verb:
        out.append(f"'{low[-1]}' without its object")
    if len(low) >= 3 and low[-3] in ("whether", "how", "when", "where") and low[-2] == "to":
        out.append("an infinitive without its object at the end")
    out += _clause_agreement(after)
    if len(low) > 2 and low[-1] in _ATTRIBUTION and _nounish(after[-2]):
        out.append(f"an attribution left at the end ('{after[-2]} {after[-1]}')")
    for i in range(2, len(after)):
        if _glued(after, i) and not _LINKS & set(low[1:i]) and not raw[i - 1].endswith(","):
            out.append(f"a second clause glued on at '{after[i]}'")
            break
    return out


def _clause_agreement(after: list[str]) -> list[str]:
    """ "... that any participation require ...": a that-clause whose singular subject has
    a bare verb (its modal was lost when the sentence was cut)."""
    for k, word in enumerate(after[:-2]):
        if word.lower() not in ("that", "whether", "if"):
            continue
        phrase, _ = subject(after[k + 1 :], verb_next=True)
        end = k + 1 + phrase.end if phrase else len(after)
        if phrase is not None and end >= len(after) and after[k + 1].lower() in DETERMINERS:
            return [f"a clause after '{word}' with no verb"]  # "Is the ship that the port ...?"
        if phrase is None or end >= len(after):
            continue
        verb = after[end].lower()
        if _singular(phrase) and lx.base_verb(verb) and verb not in AUX | {"be"}:
            return [f"'{phrase.head} {verb}': the verb of a clause does not agree"]
    return []


def _singular(phrase: Phrase) -> bool:
    """A common singular noun heads the phrase ("the day", "any participation")."""
    head = phrase.head
    found = lx.classes(head)  # a bare verb read as the head is a noun the lexicon lacks
    return not phrase.plural and head.islower() and ("noun" in found or found == {"verb"}) \
        and not head.endswith("ss") and not lx.plural_noun(head)


def _glued(after: list[str], i: int) -> bool:
    """Does a new clause start at ``after[i]``: a finite verb right after a noun ("... this
    summer Adebayor sees a shot"), or a third-person verb right after a name, followed by
    its object or an adverb ("... Harper scores twice")?"""
    word, low = after[i], after[i].lower()
    if low in AUX or not _nounish(after[i - 1]) or after[i - 1].endswith(("'s", "’s", "s'")):
        return False  # "the satellite's lost data": a possessive wants its noun
    nxt = after[i + 1].lower() if i + 1 < len(after) else ""
    if lx.finite_only(word):  # "on the night Epstein died", "the deal the firms struck
        # last month": a relative clause without "that"; "the fine imposed by": a participle
        return bool(nxt) and not clauses.zero_relative([w.lower() for w in after], i) and \
            not (lx.participle(word) and nxt in PREPOSITIONS)
    object_next = nxt in DETERMINERS or nxt[:1].isdigit() or nxt in PRE_VERB or nxt in _NUMBERS or \
        (lx.classes(nxt) == {"adv"} and nxt not in PREPOSITIONS)  # not "without"
    return after[i - 1][:1].isupper() and lx.third_person(word) and object_next


def _wh(words: list[str], raw: list[str], roles: Roles) -> list[str]:
    """ "Who would command X?", "What sentence will X receive?", "Which function evolved?"."""
    wh = words[0].lower()
    i = 1
    if wh == "how" and len(words) > 2 and words[1].lower() in ("many", "much"):
        i = _quantified(words)
    elif wh == "how" and len(words) > 2 and lx.classes(words[1]) & {"adj", "adv"} and \
            words[1].lower() not in CLOSED:  # "How long", "How soon"
        i = 2 + (words[2].lower() in ("a", "an"))
        i += i == 3
    elif wh in ("which", "whose") and len(words) > 3 and words[1].lower() == "of":
        i = _of_phrase(words, 1)
    elif wh in ("which", "what", "whose") and len(words) > 2 and _nounish(words[1]) \
            and words[1].lower() not in CLOSED:
        i = 2
        while i < len(words) - 1 and _nounish(words[i]) and words[i].lower() not in CLOSED:
            i += 1
        if words[i].lower() in _NOUN_PREPS:  # "Whose proposal for the waterfront will ..."
            i = _of_phrase(words, i)
    i = _reduced_relative(words, i)
    rest = words[i:]
    if not rest:
        return ["wh-question without a verb"]
    verb = rest[0].lower()
    if wh == "how" and (wrong := quantity.agreement(words, i)):
        return [wrong]
    if verb in MODALS | DO | BE | HAVE:
        return _wh_aux(wh, rest, raw[i:], roles)
    if wh in _WH_SUBJECTS and "verb" in lx.classes(verb) and \
            (not lx.base_verb(verb) or lx.past(verb)):  # "Who set fire to", "How much rain fell
        return clauses.after_wh_subject(rest)  # "Which function evolved first?"
    return ["wh-question without an auxiliary or a finite verb"]


def _of_phrase(words: list[str], k: int) -> int:
    """Where "of" and its noun phrase, at ``k``, end ("Which of the candidates will ...";
    ``k`` itself when no noun phrase follows)."""
    phrase, _ = subject(words[k + 1 :], False, False)
    return k + 1 + phrase.end if phrase else k


def _quantified(words: list[str]) -> int:
    """Where the noun phrase of "How many/much ..." ends: after its adjectives ("wild",
    "international") and its noun ("How many international students will ...")."""
    if words[2].lower() == "of":  # "How many of the stolen paintings have ..."
        return _of_phrase(words, 2)
    i = 2
    while i < len(words) - 2 and words[i].islower() and words[i] not in CLOSED and \
            "adj" in lx.classes(words[i]) and _nounish(words[i + 1]) and \
            words[i + 1].lower() not in AUX:
        i += 1
    return i + 1 if _nounish(words[i]) and words[i].lower() not in MODALS | BE else i


def _wh_aux(wh: str, rest: list[str], raw: list[str], roles: Roles) -> list[str]:
    """After "wh ... AUX": either its own subject follows, or the wh-phrase is the subject."""
    aux = rest[0].lower()
    inverted = _yes_no(rest, raw, roles, wh=True)
    if not inverted or wh not in _WH_SUBJECTS or len(rest) < 2:
        return inverted
    nxt = rest[1].lower()
    if aux in BE:  # "Which countries are prepared ...", "Who is responsible?"; but not
        # "What sources ... were the coroner investigating" (a name may look plural)
        own = nxt in DETERMINERS and rest[2:3] and rest[2].islower()
        return [p for p in inverted if own and p.endswith(DISAGREES)]
    if aux in HAVE:
        return [] if nxt == "been" or _participle(nxt) else inverted
    return clauses.run_on(rest[1:]) if lx.base_verb(nxt) or nxt in PRE_VERB else inverted


def _participle(word: str) -> bool:
    """A past participle ("agreed", "seen", "put"), not a base or "-s"/"-ing" form."""
    return lx.participle(word)


def _base_only(word: str) -> bool:
    """A base-form verb that is nothing else ("consider", "suggest", "agree")."""
    found = lx.classes(word)
    return word.islower() and found <= {"verb", "aux"} and lx.base_verb(word) \
        and word.lower() not in ("be", "been")


def _adverb(word: str) -> bool:
    """A lower-case "-ly" adverb ("reportedly"), not "likely", "early" or "only"."""
    return word.islower() and word.endswith("ly") and lx.classes(word) == {"adv"}


def _nounish(word: str) -> bool:
    """Can ``word`` end a noun phrase (a noun, a name, a number)?"""
    if word[:1].isupper() or any(c.isdigit() for c in word):
        return True
    found = lx.classes(word)
    return "noun" in found or (not found and word.isalpha() is False)



def _reduced_relative(words: list[str], i: int) -> int:
    """ "How many of the cattle swept away by the flood have ...": a participle and its
    particle or preposition after the wh-phrase's noun, up to the auxiliary; ``i`` when
    there is none."""
    if i < 2 or i + 1 >= len(words) or not lx.participle(words[i].lower()) or \
            words[i + 1].lower() not in PARTICLES | PREPOSITIONS:
        return i
    aux = next((k for k in range(i + 2, len(words)) if words[k].lower() in AUX), 0)
    return aux if aux and _nounish(words[aux - 1]) else i
