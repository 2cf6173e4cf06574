"""Adjectives of the toy lexicon: endings per paradigm and the adjective table.

Each adjective lists the noun classes it may modify, so the generator only builds
phrases that make sense ("ракетный удар", never "ракетный министр").
"""

from __future__ import annotations

from dataclasses import dataclass

from nouns import CASES

ADJ_ENDINGS: dict[str, dict[str, tuple[str, ...]]] = {
    # gender/number -> (nom, gen, dat, acc_inanimate, ins, prep); animate acc = gen.
    "hard": {"m": ("ый", "ого", "ому", "ый", "ым", "ом"), "n": ("ое", "ого", "ому", "ое", "ым", "ом"),
             "f": ("ая", "ой", "ой", "ую", "ой", "ой"), "pl": ("ые", "ых", "ым", "ые", "ыми", "ых")},
    "k": {"m": ("ий", "ого", "ому", "ий", "им", "ом"), "n": ("ое", "ого", "ому", "ое", "им", "ом"),
          "f": ("ая", "ой", "ой", "ую", "ой", "ой"), "pl": ("ие", "их", "им", "ие", "ими", "их")},
    "oj": {"m": ("ой", "ого", "ому", "ой", "ым", "ом"), "n": ("ое", "ого", "ому", "ое", "ым", "ом"),
           "f": ("ая", "ой", "ой", "ую", "ой", "ой"), "pl": ("ые", "ых", "ым", "ые", "ыми", "ых")},
    "koj": {"m": ("ой", "ого", "ому", "ой", "им", "ом"), "n": ("ое", "ого", "ому", "ое", "им", "ом"),
            "f": ("ая", "ой", "ой", "ую", "ой", "ой"), "pl": ("ие", "их", "им", "ие", "ими", "их")},
}


@dataclass(frozen=True)
class Adj:
    """An adjective lemma: stem + paradigm, English form, and noun classes it may modify."""

    ru: str
    par: str
    en: str
    classes: frozenset[str]

    def form(self, case: str, gender: str, number: str, animate: bool) -> str:
        """The form agreeing with its noun; animate masculine and plural accusative = genitive."""
        key = "pl" if number == "pl" else gender
        ends = ADJ_ENDINGS[self.par][key]
        if case == "acc" and animate and key in ("m", "pl"):
            case = "gen"
        stem = self.ru[:-2]
        return stem + ends[CASES.index(case)]


_NAT = "person,force,org,doc,event"
_ADJS = f"""
турецкий|k|Turkish|{_NAT}
российский|k|Russian|{_NAT}
украинский|k|Ukrainian|{_NAT}
американский|k|American|{_NAT}
европейский|k|European|{_NAT}
французский|k|French|{_NAT}
немецкий|k|German|{_NAT}
британский|k|British|{_NAT}
китайский|k|Chinese|{_NAT}
иранский|k|Iranian|{_NAT}
сирийский|k|Syrian|{_NAT}
польский|k|Polish|{_NAT}
международный|hard|international|force,org,doc,event
новый|hard|new|doc,event,org
мирный|hard|peace|doc,event
военный|hard|military|event,force,org
гуманитарный|hard|humanitarian|event,force,abstract
временный|hard|temporary|doc,event
полный|hard|full|event
долгосрочный|hard|long-term|doc,event
прочный|hard|lasting|abstract,doc
главный|hard|main|doc,event,topic
важный|hard|important|doc,event,topic
серьёзный|hard|serious|event,topic
сложный|hard|difficult|event,topic
официальный|hard|official|person,doc
совместный|hard|joint|event,doc,force
специальный|hard|special|force,org,event,person
крупный|hard|major|event,place
массированный|hard|massive|attack
ракетный|hard|missile|attack
воздушный|hard|air|attack,event
морской|koj|naval|force,event
восточный|hard|eastern|place
южный|hard|southern|place
северный|hard|northern|place
западный|hard|western|place,org
пограничный|hard|border|place
дипломатический|k|diplomatic|event,person
политический|k|political|event,topic
экономический|k|economic|topic,doc
срочный|hard|urgent|event
прямой|oj|direct|event
открытый|hard|open|event
независимый|hard|independent|org,person
нейтральный|hard|neutral|place,force
региональный|hard|regional|org,event
стратегический|k|strategic|place,event
ядерный|hard|nuclear|place,event
энергетический|k|energy|abstract,place
зерновой|oj|grain|doc
торговый|hard|trade|doc,place
черноморский|k|Black Sea|place,doc
возможный|hard|possible|event,doc
окончательный|hard|final|doc,event
предварительный|hard|preliminary|doc,event
постоянный|hard|permanent|event
иностранный|hard|foreign|force,person
тайный|hard|secret|event,doc
успешный|hard|successful|event
большой|koj|large|force,place
вооружённый|hard|armed|force
наземный|hard|ground|event,force
миротворческий|k|peacekeeping|force,event
наблюдательный|hard|observer|force
"""
ADJS: list[Adj] = []
for _line in _ADJS.strip().splitlines():
    _ru, _par, _en, _cls = _line.split("|")
    ADJS.append(Adj(_ru, _par, _en, frozenset(_cls.split(","))))
