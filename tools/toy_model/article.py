"""The example Russian news article, built from the same grammar trees as the corpus.

Building the article from grammar trees (instead of typing free text) guarantees that
every sentence is one the grammar can generate, and gives the exact English reference.
"""

from __future__ import annotations

from pathlib import Path

from adjectives import ADJS, Adj
from grammar import realize
from lexicon import TIME_ADVS
from nouns import NOUNS, Noun
from syntax import NP, READY, Clause, Question, Rel, Sent
from verbs import VERBS, Verb

# The article as the app's users see it, and its exact English reference (written by train.py,
# read back by its final check and by tlsum's tests).
ARTICLE_RU = Path(__file__).resolve().parents[2] / "examples" / "article_ru.txt"
ARTICLE_EN = ARTICLE_RU.with_name("article_ru.expected_en.txt")


def noun(ru: str) -> Noun:
    """The lexicon noun with this lemma; a typo in the article fails loudly (StopIteration)."""
    return next(n for n in NOUNS if n.ru == ru)


def adj(ru: str) -> Adj:
    """The lexicon adjective with this lemma."""
    return next(a for a in ADJS if a.ru == ru)


def verb(inf: str, frame_prefix: str = "") -> Verb:
    """The lexicon verb with this infinitive; frame_prefix picks one of several frames."""
    return next(v for v in VERBS if v.inf == inf and v.frame.startswith(frame_prefix))


def np(ru: str, number: str = "sg", a: str | None = None, gen: NP | None = None) -> NP:
    """An NP in the article's shorthand: lemma, number, optional adjective and genitive."""
    return NP(noun(ru), number, adj(a) if a else None, gen)


def front(ru: str) -> tuple[str, str]:
    """A fronted time adverb from the lexicon, so the article uses only ones the corpus has."""
    return next((t[0], t[1]) for t in TIME_ADVS if t[0] == ru)


def _title() -> list[Sent]:
    """The headline (article_pairs drops its final period)."""
    return [Sent("simple", [Clause(np("Турция"), verb("призвать"), "past", args=[np("перемирие")])])]


def _ankara() -> list[Sent]:
    """Turkey's offer of a mission and its call for a ceasefire."""
    return [
        Sent("simple", [Clause(np("министр иностранных дел", gen=np("Турция")), verb("заявить"), "past",
                               comp_sent=Sent("simple", [Clause(np("Турция"), READY, "pres", comp=Clause(
                                   None, verb("направить"), "past",
                                   args=[np("миссия", a="международный"), np("Украина")]))]))],
             front=front("в понедельник")),
        Sent("simple", [Clause(np("президент", gen=np("Турция")), verb("призвать"), "past", also=True,
                               args=[NP(noun("перемирие"), rel=Rel(Clause(
                                   np("ООН"), verb("поддерживать"), "pres", args=[np("перемирие")]), "obj"))])]),
    ]


def _moscow() -> list[Sent]:
    """Moscow's answer: study the proposal, no withdrawal, a warning."""
    return [
        Sent("simple", [Clause(np("Кремль"), verb("заявить"), "past", comp_sent=Sent("simple", [
            Clause(np("Россия"), verb("изучить"), "fut", args=[np("предложение", gen=np("Турция"))])]))]),
        Sent("simple", [Clause(np("пресс-секретарь", gen=np("Кремль")), verb("подчеркнуть"), "past",
                               comp_sent=Sent("simple", [Clause(np("войска", "pl", a="российский"), verb("покинуть"),
                                                                "fut", neg=True,
                                                                args=[np("регион", "pl", a="восточный",
                                                                         gen=np("Украина"))])]))],
             front=("однако", "however")),
        Sent("simple", [Clause(np("посол", a="российский"), verb("встретиться"), "past",
                               args=[np("министр иностранных дел", gen=np("Турция"))], place=np("Анкара"))]),
        Sent("cond", [Clause(np("Украина"), verb("нарушить"), "fut", args=[np("перемирие")]),
                      Clause(np("Россия"), verb("продолжить"), "fut", args=[np("наступление")])]),
    ]


def _kyiv() -> list[Sent]:
    """Kyiv's conditions, the talks in Istanbul and the Turkish general."""
    return [
        Sent("simple", [Clause(np("министр обороны", gen=np("Украина")), verb("сообщить"), "past",
                               comp_sent=Sent("coord", [
                                   Clause(np("Украина"), verb("поддерживать"), "pres",
                                          args=[np("план", gen=np("Турция"))]),
                                   Clause(np("армия", a="украинский"), verb("вывести"), "fut", neg=True,
                                          args=[np("войска", "pl"), np("Херсон")])], conj="но"))]),
        Sent("simple", [Clause(np("президент", a="украинский"), verb("заявить"), "past", comp_sent=Sent("cond", [
            Clause(np("Россия"), verb("вывести"), "fut", args=[np("войска", "pl"), np("Запорожье")]),
            Clause(np("Украина"), verb("подписать"), "fut", args=[np("соглашение")])]))]),
        Sent("simple", [Clause(np("делегация", "pl"), verb("провести"), "fut", args=[np("переговоры", "pl")],
                               place=np("Стамбул"))], front=front("в среду")),
        Sent("simple", [Clause(NP(noun("генерал"), adj=adj("турецкий"), rel=Rel(Clause(
            None, verb("возглавить"), "fut", args=[np("миссия")]), "subj")),
            verb("прибыть"), "fut", args=[np("Киев")])]),
    ]


def _outlook() -> list[Sent]:
    """What the EU will do and what remains unclear."""
    return [
        Sent("simple", [Clause(np("Евросоюз"), verb("поддерживать"), "fut",
                               args=[np("процесс", a="мирный")])], front=("кроме того", "in addition")),
        Sent("simple", [Clause(np("премьер-министр", gen=np("Турция")), verb("уточнить"), "past", neg=True,
                               iqs=[Question("when", Clause(np("операция"), verb("начаться"), "fut"))])]),
        Sent("unclear", matrix=0, iqs=[
            Question("yn", Clause(np("Россия"), verb("согласиться"), "fut", args=[np("перемирие")])),
            Question("when", Clause(np("соглашение"), verb("вступить в силу"), "fut")),
            Question("howmany", Clause(np("Турция"), verb("направить"), "fut",
                                       args=[np("солдат", "pl"), np("Украина")])),
        ]),
        Sent("simple", [Clause(np("эксперт", "pl"), verb("опасаться"), "pres", comp_sent=Sent("cond", [
            Clause(np("переговоры", "pl"), verb("провалиться"), "fut"),
            Clause(np("конфликт"), verb("продолжаться"), "fut")]))]),
    ]


def article_sents() -> list[list[Sent]]:
    """Paragraphs of sentence trees; the first paragraph is the title."""
    return [_title(), _ankara(), _moscow(), _kyiv(), _outlook()]


def article_pairs() -> list[list[tuple[str, str]]]:
    """Paragraphs of (ru, en) sentence pairs; the title has no final period."""
    paras = [[realize(s) for s in para] for para in article_sents()]
    ru, en = paras[0][0]
    paras[0][0] = (ru.rstrip("."), en.rstrip("."))
    return paras


def article_text() -> tuple[str, str]:
    """(Russian article text, English reference with one sentence per line)."""
    paras = article_pairs()
    ru = "\n\n".join(" ".join(r for r, _ in para) for para in paras) + "\n"
    en = "\n".join(e for para in paras for _, e in para) + "\n"
    return ru, en


if __name__ == "__main__":
    ru_text, en_text = article_text()
    print(ru_text)
    print(en_text)
    print(len(ru_text.split()), "words")
