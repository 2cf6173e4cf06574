"""Turn an English clause into a direct question, without a tagger.

Why no part-of-speech tagger: the clauses we rewrite are short and follow a
few shapes ("Russia will agree to X", "who would command X", "the suspect
knew the victim"), and closed-class words (auxiliaries, determiners,
pronouns, wh-words) are enough to find the subject and the verb. A tagger
would add a model download for little gain; when the shape is not one we
recognise, we return None and the caller drops the question (precision
matters more than recall).
"""

from __future__ import annotations

import itertools
import re

import tlsum.digest.lexicon as lx
from tlsum.digest.tense import DAYS, MONTHS
from tlsum.digest.words import WH, wordset

AUX = wordset(
    "will would can could should shall may might must is are was were has have had "
    "does do did am"
)
DETERMINERS = wordset(
    "the a an this that these those his her its their our my your some any no every each "
    "all both either neither such another"
)
PRONOUNS = wordset("he she it they we i you there this that")
_RELATIVE = wordset("who that which whom whose")
_WH_MODIFIERS = wordset("many much long far often soon old large big")
_NOT_VERB_S = ("ss", "us", "is", "ous", "ics", "ws")

IRREGULAR_PAST = {
    "said": "say", "told": "tell", "made": "make", "took": "take", "gave": "give",
    "went": "go", "came": "come", "found": "find", "left": "leave", "saw": "see",
    "knew": "know", "thought": "think", "got": "get", "held": "hold", "paid": "pay",
    "sent": "send", "built": "build", "brought": "bring", "bought": "buy",
    "caught": "catch", "fought": "fight", "lost": "lose", "meant": "mean", "met": "meet",
    "ran": "run", "sold": "sell", "spent": "spend", "stood": "stand", "won": "win",
    "wrote": "write", "drove": "drive", "rose": "rise", "fell": "fall", "chose": "choose",
    "broke": "break", "spoke": "speak", "stole": "steal", "shot": "shoot", "began": "begin",
    "drank": "drink", "flew": "fly", "grew": "grow", "threw": "throw", "drew": "draw",
    "became": "become", "led": "lead", "fled": "flee", "fed": "feed", "kept": "keep",
    "felt": "feel", "dealt": "deal", "heard": "hear", "hid": "hide", "beat": "beat",
    "struck": "strike", "sought": "seek", "taught": "teach", "wore": "wear", "swore": "swear",
    "withdrew": "withdraw", "understood": "understand", "forgot": "forget", "ate": "eat",
    "sank": "sink", "slid": "slide", "shook": "shake", "woke": "wake", "bit": "bite",
    "slept": "sleep", "swept": "sweep", "wept": "weep", "crept": "creep", "lent": "lend",
    "bent": "bend", "dug": "dig", "stuck": "stick", "spun": "spin", "sprang": "spring",
    "shrank": "shrink", "hung": "hang", "laid": "lay", "lit": "light", "rode": "ride",
    "froze": "freeze", "forgave": "forgive", "overtook": "overtake", "mistook": "mistake",
    "upheld": "uphold", "withheld": "withhold", "oversaw": "oversee", "misled": "mislead",
    "sped": "speed", "sang": "sing", "rang": "ring", "swam": "swim", "did": "do",
}
# -ed verbs whose stem is not "drop -ed, maybe add -e" by the rules below.
_ED_EXCEPTIONS = {"visited": "visit", "edited": "edit", "limited": "limit",
                  "exited": "exit", "credited": "credit", "focused": "focus",
                  "targeted": "target", "benefited": "benefit", "budgeted": "budget",
                  "created": "create", "used": "use", "biased": "bias"}
_KEEP_DOUBLE = ("ll", "ss", "ff", "zz", "dd")
_ADD_E = re.compile(
    r"(?:[^aeiou][aeiou](?:[cgsvz]|t|d|r|m|n|k|p|b)|[^aeiou]?[aeiou]?(?:[cgsvz])|"
    r"(?:[rl]s|rg|lg|rc|nc|rv|lv|ng|dg|ns|ps|ms|ys|ws|iv|av|ov))$"
)
_NO_E_ENDINGS = ("er", "en", "el", "on", "it", "et", "or", "om", "ng", "ed", "al", "ol", "ow")


def past_to_base(word: str) -> str | None:
    """Base form of a past-tense verb ("agreed" → "agree"); None when not a past form."""
    low = word.lower()
    if low in IRREGULAR_PAST:
        return IRREGULAR_PAST[low]
    if low in _ED_EXCEPTIONS:
        return _ED_EXCEPTIONS[low]
    if low.endswith("ied") and len(low) >= 4:
        return low[:-1] if len(low) == 4 else low[:-3] + "y"
    if not low.endswith("ed") or len(low) < 5:
        return None
    if low.endswith("eed"):
        return low[:-1]
    return ed_stem(low[:-2])


def ed_stem(stem: str) -> str:
    """Undo -ed spelling: "stopp" → "stop", "caus" → "cause", "claim" → "claim"."""
    if stem.endswith(_KEEP_DOUBLE):
        return stem
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiouwy":
        return stem[:-1]
    if stem.endswith(("at", "ut")) and not stem.endswith(("eat", "oat", "out")):
        return stem + "e"
    if stem[-1] in "csvz" and stem[-2:] not in ("ss", "cs", "ks"):
        return stem + "e"
    if stem.endswith(_NO_E_ENDINGS) and len(stem) >= 4:
        return stem
    return stem + "e" if _ADD_E.search(stem) and not _two_vowels(stem) else stem


def _two_vowels(stem: str) -> bool:
    """"claim", "need", "treat": a vowel pair before the last consonant takes no -e."""
    return len(stem) >= 3 and stem[-2] in "aeiou" and stem[-3] in "aeiou"


def present_to_base(word: str) -> str | None:
    """Base form of a third-person present verb ("involves" → "involve")."""
    low = word.lower()
    if low in ("has", "is", "was", "does") or low.endswith(_NOT_VERB_S) or not low.endswith("s"):
        return None
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith(("ches", "shes", "xes", "sses", "zes")):
        return low[:-2]
    return low[:-1]


def lower_first(words: list[str]) -> list[str]:
    """Lower-case a subject's first word when it is a function word ("The" → "the")."""
    if words and words[0].lower() in DETERMINERS | PRONOUNS and words[0] != "I":
        return [words[0].lower(), *words[1:]]
    return words


def _find_aux(words: list[str]) -> int | None:
    """Index of the clause's auxiliary, skipping those inside a relative clause."""
    for i in range(1, len(words)):
        if words[i].lower() in AUX and words[i - 1].lower() not in _RELATIVE:
            return i
    return None


def _find_verb(words: list[str]) -> tuple[int, str, str] | None:
    """(index, do-form, base) of the main verb of an auxiliary-less clause."""
    for i in range(1, min(len(words), 7)):
        prev = words[i - 1].lower()
        if prev in DETERMINERS or prev in _RELATIVE or prev in ("very", "been", "being"):
            continue
        base = past_to_base(words[i])
        if base:
            return i, "did", base
        base = present_to_base(words[i]) if words[i].islower() else None
        prev2 = words[i - 2].lower() if i >= 2 else ""
        if base and prev not in ("of", "and", "for", "in", "on", "with") and prev2 != "of":
            return i, "do" if _plural_subject(words[:i]) else "does", base
    return None


def _plural_subject(subject: list[str]) -> bool:
    """Crude number agreement for do-support: "they", "we" or "X and Y" are plural."""
    low = [w.lower() for w in subject]
    return low[-1] in ("they", "we", "you", "i") or "and" in low


NOT_A_SUBJECT_START = wordset(
    "to of for but because and or not if as in on with at by from after before when while "
    "although though since unless once so then also even just"
)


def invert(clause: str) -> str | None:
    """Yes/no question from a declarative clause; None when no subject/verb is found."""
    words = clause.split()
    if len(words) < 2 or words[0].lower() in AUX or words[0].lower() in NOT_A_SUBJECT_START:
        return None
    aux = _find_aux(words)
    if aux is not None and aux <= 12:
        subject = lower_first(words[:aux])
        main = _main_verb_do(words, aux)
        if main:
            return " ".join([main[0], *subject, main[1], *words[aux + 1 :]])
        return " ".join([words[aux].lower(), *subject, *words[aux + 1 :]])
    verb = _find_verb(words)
    if verb is None:
        return None
    i, do, base = verb
    return " ".join([do, *lower_first(words[:i]), base, *words[i + 1 :]])


def _main_verb_do(words: list[str], aux: int) -> tuple[str, str] | None:
    """("did", "do") when "did"/"had" is the main verb ("he did it" → "did he do it")."""
    low = words[aux].lower()
    nxt = words[aux + 1].lower() if aux + 1 < len(words) else ""
    if low not in ("do", "does", "did", "has", "have", "had"):
        return None
    if nxt and nxt not in DETERMINERS and nxt not in PRONOUNS and not nxt[:1].isdigit():
        return None
    if low in ("has", "have", "had"):
        return ("did" if low == "had" else "does" if low == "has" else "do"), "have"
    return low, "do"


def wh_question(clause: str) -> str | None:
    """Direct wh-question from an indirect one ("why he left" → "why did he leave")."""
    words = clause.split()
    if not words or words[0].lower() not in WH:
        return None
    head = 1
    first = words[0].lower()
    if first == "how" and len(words) > 2 and words[1].lower() in _WH_MODIFIERS:
        head = 2 + (words[1].lower() in ("many", "much") and nounish(words[2]))
        if head == 2 and len(words) > 4 and words[2].lower() == "of":
            words = words[:2] + words[3:]  # "how large of a payload" → "how large a payload"
        if head == 2 and len(words) > 4 and words[2].lower() in ("a", "an"):
            head = 4
    elif first in ("which", "what", "whose") and len(words) > 1 and nounish(words[1]):
        head = 2
    rest = words[head:]
    if not rest:
        return None
    if _starts_predicate(rest):
        return " ".join([words[0].lower(), *words[1:]])
    inverted = invert(" ".join(rest))
    return None if inverted is None else " ".join([words[0].lower(), *words[1:head], inverted])


def nounish(word: str) -> bool:
    """Could ``word`` be the noun of "which countries"/"how many people"? (not a verb/pronoun)."""
    low = word.lower()
    if low in AUX or low in DETERMINERS or low in PRONOUNS or word[:1].isupper():
        return False
    return not past_to_base(low) and low not in ("to", "of", "if", "not")


def _starts_predicate(rest: list[str]) -> bool:
    """True when the wh-phrase is the subject: what follows starts with a verb."""
    first = rest[0].lower()
    if first in AUX:
        return True
    if first in DETERMINERS or first in PRONOUNS or rest[0][:1].isupper():
        return False
    return bool(past_to_base(first) or present_to_base(first))


_OPENERS = AUX | WH | wordset("at from with by")
_LOWER_AFTER_AUX = wordset(
    "up anyone everyone someone nobody most many some more few several both all any each every "
    "no only almost about around over nearly the a an")
_BAD_SECOND = wordset(
    "if when while although because after before earlier later since as once unless meanwhile "
    "however it they this that these those we you i there's it's he's she's we're they're not not,")
_CLAUSE_LINKS = wordset("who that which or and if when whether because what where than")
_BAD_END = wordset("at of to in on and or the a an with for by from saying but as")
_COPULAS = wordset("be been being is are was were")  # "Will the study be?" ("What will it be?")
_CUT_OFF = re.compile(  # a verb cut from its complement ("to order Jones?"), "both" with no "and"
    r"\b(?:make sure|ensure|(?:to|in order to) (?:see|check|find out|decide|determine))$|"
    r"\b(?:order|urge|force|persuade|compel|encourage|tell|allow)(?: [A-Z][\w'-]*){1,3}$|"
    r"\bboth (?:\w+ly|as|in|on|at|for|by|with|from)\b(?!.*\band\b)|"
    r",(?: [\w'-]+){1,3},(?: (?!(?:and|or)\b)[\w'-]+){1,3}$"  # a list cut short
)
# "Did Friday cause ...": a day or date is when, never who.
_WHEN = DAYS | (MONTHS - {"may"}) | wordset("today yesterday tomorrow tonight")  # May: a modal


def well_formed(question: str) -> str | None:
    """The question tidied, or None when it shows the marks of a failed rewrite.

    Checks what a POS-free rewriter gets wrong: a clause opener or a bare
    pronoun as the subject ("Will it resume?" is not self-contained), a past
    form after do-support or a modal ("Did X made", "Will X announced"), a
    doubled word, a dangling preposition, quoted speech run into the question.
    """
    words = question.rstrip("?").split()
    if len(words) < 3 or words[0].lower() not in _OPENERS:
        return None
    second = words[1].lower()
    if second in _BAD_SECOND or ("'" in second and words[1][:1].isupper()):
        return None
    if words[0].lower() in AUX and second in NOT_A_SUBJECT_START:
        return None
    if words[1][:1].isupper() and second in _LOWER_AFTER_AUX:
        words[1] = second
    if words[-1].lower() in _BAD_END or " '" in question or '"' in question:
        return None
    if words[0].lower() in AUX and words[-1].lower() in _COPULAS:
        return None
    if _CUT_OFF.search(" ".join(words)) or _glued_name(words) or not _has_subject(words):
        return None
    if any(a.lower() == b.lower() for a, b in itertools.pairwise(words)):
        return None
    low = [w.lower().strip(",") for w in words]
    if len(words) < 4 or "you" in low or "but" in low or _second_finite(low):
        return None
    modal = words[0].lower() in ("did", "does", "do", "will", "would", "can", "could", "should")
    if modal and _past_after_subject(words):
        return None
    return " ".join(words) + "?"


def _glued_name(words: list[str]) -> bool:
    """ "... at Sandown on Saturday Wright": a name run on after a day, where a caption
    or the next sentence was glued on without its full stop."""
    return any(a.lower() in _WHEN and b[:1].isupper() and b.lower() not in _WHEN
               and not b[:1].isdigit() for a, b in itertools.pairwise(words[2:]))


def _has_subject(words: list[str]) -> bool:
    """A subject after the opener: no day ("Did Friday cause"), and after "which" a noun
    and then its verb ("Which acts as a rental agent" has neither)."""
    second = words[1].lower()
    if words[0].lower() in AUX and second in _WHEN:
        return False
    if words[0].lower() != "which" or second == "of":
        return True
    third = words[2].lower()
    return nounish(words[1]) and (third == "of" or third not in NOT_A_SUBJECT_START | DETERMINERS)


def _second_finite(low: list[str]) -> bool:
    """ "Was he up to the job was made up": a second finite verb with no link word
    (in "how many people were hurt" the first one is the question's own)."""
    start = 3
    if low[0] in WH:
        start = next((i + 1 for i, w in enumerate(low) if w in AUX), len(low))
    for i in range(max(start, 3), len(low)):
        if low[i] in ("is", "are", "was", "were") and not _CLAUSE_LINKS & set(low[1:i]):
            return True
    return False


def _past_after_subject(words: list[str]) -> bool:
    """ "Did Onyango made ...", "Will David Cameron today announced ...": a past form
    where the base form belongs (skipping adjectives like "the injured man")."""
    for i in range(2, min(len(words), 8)):
        prev = words[i - 1].lower()
        if prev in DETERMINERS or prev in AUX or prev in ("been", "be", "being", "get", "got"):
            continue
        if _RELATIVE & {w.lower() for w in words[1:i]}:
            return False  # "the man who was arrested": the past form is in a relative clause
        low = words[i].lower()
        if lx.base_verb(low) and low not in IRREGULAR_PAST:
            return False  # a base-form verb came first: "compensate stranded passengers"
        if low in IRREGULAR_PAST and low not in ("beat", "hit", "put", "cut", "set", "let"):
            return low not in ("left", "led", "found", "met", "held") or i == 2
        nxt = words[i + 1].lower() if i + 1 < len(words) else ""
        participle = nxt in ("of", "by", "in", "with", "at", "on", "for", "to", "from", "as")
        if low.endswith("ed") and len(low) > 4 and not prev.endswith("ly") and not participle:
            return True
    return False


def finish(question: str) -> str:
    """Capitalise, tidy the end and add the question mark."""
    text = re.sub(r"\s+", " ", question).strip()
    text = re.sub(r"[\s,;:.!—–-]+$", "", text)
    text = re.sub(r",?\s+or not$", "", text)
    return text[:1].upper() + text[1:] + "?" if text else ""


_ING_IRREGULAR = {"being": "be", "dying": "die", "lying": "lie", "tying": "tie", "vying": "vie",
                  "focusing": "focus", "biasing": "bias", "having": "have"}
# First match decides whether the base form takes back the "-e" that "-ing" dropped.
_ING_E = (  # pursue, force, raise, nurse, handle, judge, change, negotiate, restore:
    (re.compile(r"(?:u|(?<!z)[cvz]|[aeiou]s|[rlnp]s|[bcdfgkptz]l|dg|[rl]g|eng|\w\wang|[iu]at|"
                r"creat|(?:st|sc|pl|gn|d)or)$"), True),
    (re.compile(r"[aeiou]{2}[^aeiou]$"), False),  # claim, need, treat, seek, appeal
    (re.compile(r"[^aeiou](?:[aeiou][dkbm]|[aou]t|[lp]et|[rvnc]it|in|[aiu]r|[aiuo]l|"
                r"[ai]p)$"), True),   # decide, take, rate, complete, write, share
)


def ing_to_base(word: str) -> str | None:
    """Base form of an "-ing" verb ("raising" → "raise", "winning" → "win"), else None.

    English spelling drops a final "-e" and doubles a final consonant before "-ing";
    the rules undo both from the shape of the stem (most verbs), a small table the
    rest. Used to ask "Will X raise ...?" from "X has committed to raising ...".
    """
    low = word.lower()
    if low in _ING_IRREGULAR:
        return _ING_IRREGULAR[low]
    if not low.endswith("ing") or len(low) < 5 or not low.isalpha():
        return None
    stem = low[:-3]
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] in "bdgmnprt":
        return stem if stem in ("add", "odd", "err") else stem[:-1]
    if stem.endswith(("ell", "oll")) and len(stem) > 5:
        return stem[:-1]  # "cancelling", "controlling"
    for pattern, add_e in _ING_E:
        if pattern.search(stem):
            return stem + "e" if add_e else stem
    return stem


_PARTICIPLES = {
    "broken": "break", "taken": "take", "given": "give", "written": "write", "spoken": "speak",
    "stolen": "steal", "chosen": "choose", "driven": "drive", "eaten": "eat", "fallen": "fall",
    "known": "know", "shown": "show", "seen": "see", "done": "do", "gone": "go", "begun": "begin",
    "flown": "fly", "grown": "grow", "thrown": "throw", "drawn": "draw", "worn": "wear",
    "sworn": "swear", "beaten": "beat", "hidden": "hide", "forgotten": "forget", "ridden": "ride",
    "risen": "rise", "shaken": "shake", "bitten": "bite", "forgiven": "forgive", "proven": "prove",
    "withdrawn": "withdraw", "overtaken": "overtake", "mistaken": "mistake", "frozen": "freeze",
}


def participle_to_base(word: str) -> str | None:
    """Base form of a past participle ("broken" → "break", "agreed" → "agree"), else None;
    for "X had broken Y" → "Did X break Y?"."""
    return _PARTICIPLES.get(word.lower()) or past_to_base(word)
