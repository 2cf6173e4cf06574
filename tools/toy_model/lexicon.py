"""Bilingual Russian/English lexicon for the toy news-translation models.

Every Russian lemma maps to exactly one English expression and vice versa, so the
generated corpus is a bijection and both directions (ru->en and en->ru) can be
learnt to exact match.  Russian inflection is generated from a handful of
declension paradigms; irregular forms are listed as overrides.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CASES = ("nom", "gen", "dat", "acc", "ins", "prep")

# Endings for (sg, pl) x (nom, gen, dat, acc-inanimate, ins, prep).
# The stem is the nominative singular minus the length of its nominative ending.
PARADIGMS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "m": (("", "а", "у", "", "ом", "е"), ("ы", "ов", "ам", "ы", "ами", "ах")),
    "mk": (("", "а", "у", "", "ом", "е"), ("и", "ов", "ам", "и", "ами", "ах")),
    "ms": (("ь", "я", "ю", "ь", "ем", "е"), ("и", "ей", "ям", "и", "ями", "ях")),
    "mj": (("й", "я", "ю", "й", "ем", "е"), ("и", "ев", "ям", "и", "ями", "ях")),
    "f": (("а", "ы", "е", "у", "ой", "е"), ("ы", "", "ам", "ы", "ами", "ах")),
    "fk": (("а", "и", "е", "у", "ой", "е"), ("и", "", "ам", "и", "ами", "ах")),
    "fija": (("ия", "ии", "ии", "ию", "ией", "ии"), ("ии", "ий", "иям", "ии", "иями", "иях")),
    "fs": (("ь", "и", "и", "ь", "ью", "и"), ("и", "ей", "ям", "и", "ями", "ях")),
    "n": (("о", "а", "у", "о", "ом", "е"), ("а", "", "ам", "а", "ами", "ах")),
    "nie": (("ие", "ия", "ию", "ие", "ием", "ии"), ("ия", "ий", "иям", "ия", "иями", "иях")),
    "nje": (("ье", "ья", "ью", "ье", "ьем", "ье"), ("ья", "ий", "ьям", "ья", "ьями", "ьях")),
    "x": (("",) * 6, ("",) * 6),  # indeclinable
}


@dataclass(frozen=True)
class Noun:
    """A noun lemma with its Russian forms and English rendering."""

    ru: str
    forms: dict[tuple[str, str], str]  # (case, "sg"/"pl") -> form, acc already resolved
    gender: str  # m / f / n
    animate: bool
    classes: frozenset[str]
    en_sg: str
    en_pl: str
    numbers: tuple[str, ...]  # allowed grammatical numbers
    article: str  # "the" or "" (proper names, mass nouns)
    loc_ru: str = "в"  # preposition for location/direction ("в" or "на")
    loc_en: str = "in"
    subject_ok: bool = True

    def form(self, case: str, number: str) -> str:
        return self.forms[(case, number)]


def _decline(nom: str, par: str, animate: bool, overrides: dict[str, str]) -> dict[tuple[str, str], str]:
    """Build all 12 case forms from a paradigm; overrides use keys like 'ins_sg'."""
    sg_end, pl_end = PARADIGMS[par]
    stem = nom[: len(nom) - len(sg_end[0])] if sg_end[0] else nom
    forms: dict[tuple[str, str], str] = {}
    for num, ends in (("sg", sg_end), ("pl", pl_end)):
        for case, end in zip(CASES, ends, strict=False):
            forms[(case, num)] = stem + end
    for key, val in overrides.items():
        case, num = key.split("_")
        forms[(case, num)] = val
    # Animate accusative = genitive (masculine singular; all plurals).
    if animate:
        forms[("acc", "pl")] = forms[("gen", "pl")]
    return forms


def _noun(line: str) -> Noun:
    """Parse 'ru|paradigm|gender|a/i|classes|en_sg|en_pl|flags' into a Noun."""
    ru, par, gender, anim, classes, en_sg, en_pl, *rest = [p.strip() for p in line.split("|")]
    flags = rest[0].split() if rest else []
    tail = ""
    if "+" in ru:  # fixed genitive tail, e.g. "министр+иностранных дел"
        ru, tail = ru.split("+")
        tail = " " + tail
    overrides: dict[str, str] = {}
    numbers: tuple[str, ...] = ("sg", "pl")
    article = "the"
    loc_ru, loc_en, subject_ok = "в", "in", True
    for flag in flags:
        if flag == "sg":
            numbers = ("sg",)
        elif flag == "pl":
            numbers = ("pl",)
        elif flag == "noart":
            article = ""
        elif flag == "nosubj":
            subject_ok = False
        elif flag.startswith("loc="):
            loc_ru, loc_en = flag[4:].split(":")
        elif "=" in flag:
            key, val = flag.split("=")
            overrides[key] = val
    animate = anim == "a"
    forms = _decline(ru, par, animate, overrides)
    if animate and gender == "m":
        forms[("acc", "sg")] = forms[("gen", "sg")]
    forms = {k: v + tail for k, v in forms.items()}
    return Noun(
        ru=ru + tail, forms=forms, gender=gender, animate=animate,
        classes=frozenset(classes.split(",")), en_sg=en_sg, en_pl=en_pl or en_sg,
        numbers=numbers, article=article, loc_ru=loc_ru, loc_en=loc_en, subject_ok=subject_ok,
    )


# ru | paradigm | gender | animacy | classes | en_sg | en_pl | flags
_NOUNS = """
Турция|fija|f|i|country|Turkey||sg noart
Россия|fija|f|i|country|Russia||sg noart
Украина|f|f|i|country|Ukraine||sg noart
Франция|fija|f|i|country|France||sg noart
Германия|fija|f|i|country|Germany||sg noart
Британия|fija|f|i|country|Britain||sg noart
Сирия|fija|f|i|country|Syria||sg noart
Грузия|fija|f|i|country|Georgia||sg noart
Молдавия|fija|f|i|country|Moldova||sg noart
Белоруссия|fija|f|i|country|Belarus||sg noart
Армения|fija|f|i|country|Armenia||sg noart
Индия|fija|f|i|country|India||sg noart
Италия|fija|f|i|country|Italy||sg noart
Япония|fija|f|i|country|Japan||sg noart
Австрия|fija|f|i|country|Austria||sg noart
Швеция|fija|f|i|country|Sweden||sg noart
Финляндия|fija|f|i|country|Finland||sg noart
Норвегия|fija|f|i|country|Norway||sg noart
Испания|fija|f|i|country|Spain||sg noart
Польша|f|f|i|country|Poland||sg noart gen_sg=Польши ins_sg=Польшей
Китай|mj|m|i|country|China||sg noart
Иран|m|m|i|country|Iran||sg noart
Израиль|ms|m|i|country|Israel||sg noart
Египет|m|m|i|country|Egypt||sg noart gen_sg=Египта dat_sg=Египту ins_sg=Египтом prep_sg=Египте
Катар|m|m|i|country|Qatar||sg noart
Азербайджан|m|m|i|country|Azerbaijan||sg noart
Казахстан|m|m|i|country|Kazakhstan||sg noart
Ирак|m|m|i|country|Iraq||sg noart
Ливан|m|m|i|country|Lebanon||sg noart
Анкара|f|f|i|city|Ankara||sg noart
Москва|f|f|i|city|Moscow||sg noart
Киев|m|m|i|city|Kyiv||sg noart
Стамбул|m|m|i|city|Istanbul||sg noart
Женева|f|f|i|city|Geneva||sg noart
Брюссель|ms|m|i|city|Brussels||sg noart
Вашингтон|m|m|i|city|Washington||sg noart
Берлин|m|m|i|city|Berlin||sg noart
Лондон|m|m|i|city|London||sg noart
Одесса|f|f|i|city|Odesa||sg noart
Харьков|m|m|i|city|Kharkiv||sg noart
Донецк|m|m|i|city|Donetsk||sg noart
Херсон|m|m|i|city|Kherson||sg noart
Севастополь|ms|m|i|city|Sevastopol||sg noart
Минск|m|m|i|city|Minsk||sg noart
Тегеран|m|m|i|city|Tehran||sg noart
Дамаск|m|m|i|city|Damascus||sg noart
Пекин|m|m|i|city|Beijing||sg noart
Варшава|f|f|i|city|Warsaw||sg noart
Вена|f|f|i|city|Vienna||sg noart
Рим|m|m|i|city|Rome||sg noart
Мариуполь|ms|m|i|city|Mariupol||sg noart
Запорожье|nje|n|i|city|Zaporizhzhia||sg noart
Париж|m|m|i|city|Paris||sg noart ins_sg=Парижем
ООН|x|f|i|org|the UN||sg noart
ОБСЕ|x|f|i|org|the OSCE||sg noart
НАТО|x|n|i|org|NATO||sg noart nosubj
Евросоюз|m|m|i|org|the EU||sg noart
Кремль|ms|m|i|org|the Kremlin||sg noart ins_sg=Кремлём
Пентагон|m|m|i|org|the Pentagon||sg noart
министерство|n|n|i|org|ministry|ministries
министерство+иностранных дел|n|n|i|org|foreign ministry|foreign ministries
министерство+обороны|n|n|i|org|defense ministry|defense ministries
правительство|n|n|i|org|government|governments
парламент|m|m|i|org|parliament|parliaments
альянс|m|m|i|org,new|alliance|alliances
совет|m|m|i|org,new|council|councils
комиссия|fija|f|i|org,new|commission|commissions
делегация|fija|f|i|org,force,new|delegation|delegations
администрация|fija|f|i|org|administration|administrations
организация|fija|f|i|org|organization|organizations
коалиция|fija|f|i|org,new|coalition|coalitions
посольство|n|n|i|org|embassy|embassies
командование|nie|n|i|org|command|commands|sg
сторона|f|f|i|org|side|sides|gen_pl=сторон acc_sg=сторону
страна|f|f|i|org,land|country|countries
государство|n|n|i|org,land|state|states
армия|fija|f|i|org,force|army|armies
министр|m|m|a|person|minister|ministers
министр+иностранных дел|m|m|a|person|foreign minister|foreign ministers
министр+обороны|m|m|a|person|defense minister|defense ministers
президент|m|m|a|person|president|presidents
премьер-министр|m|m|a|person|prime minister|prime ministers
представитель|ms|m|a|person|representative|representatives
пресс-секретарь|ms|m|a|person|spokesman|spokesmen|ins_sg=пресс-секретарём gen_sg=пресс-секретаря
посол|m|m|a|person|ambassador|ambassadors|gen_sg=посла dat_sg=послу ins_sg=послом prep_sg=после nom_pl=послы gen_pl=послов dat_pl=послам ins_pl=послами prep_pl=послах
дипломат|m|m|a|person|diplomat|diplomats
генерал|m|m|a|person|general|generals
лидер|m|m|a|person|leader|leaders
эксперт|m|m|a|person|expert|experts
аналитик|mk|m|a|person|analyst|analysts
наблюдатель|ms|m|a|person,force,count|observer|observers
солдат|m|m|a|person,force,count|soldier|soldiers|gen_pl=солдат
офицер|m|m|a|person,force,count|officer|officers
журналист|m|m|a|person|journalist|journalists
чиновник|mk|m|a|person|official|officials
депутат|m|m|a|person|lawmaker|lawmakers
канцлер|m|m|a|person|chancellor|chancellors
советник|mk|m|a|person|adviser|advisers
переговорщик|mk|m|a|person|negotiator|negotiators
посредник|mk|m|a|person|mediator|mediators
житель|ms|m|a|person,count|resident|residents
беженец|m|m|a|person,count|refugee|refugees|gen_sg=беженца dat_sg=беженцу ins_sg=беженцем prep_sg=беженце nom_pl=беженцы gen_pl=беженцев dat_pl=беженцам ins_pl=беженцами prep_pl=беженцах
миротворец|m|m|a|person,force,count|peacekeeper|peacekeepers|gen_sg=миротворца dat_sg=миротворцу ins_sg=миротворцем prep_sg=миротворце nom_pl=миротворцы gen_pl=миротворцев dat_pl=миротворцам ins_pl=миротворцами prep_pl=миротворцах
союзник|mk|m|a|person|ally|allies
командир|m|m|a|person|commander|commanders
губернатор|m|m|a|person|governor|governors
мэр|m|m|a|person|mayor|mayors
войска|x|n|i|force|troops|troops|pl nom_pl=войска gen_pl=войск dat_pl=войскам acc_pl=войска ins_pl=войсками prep_pl=войсках
силы|x|f|i|force|forces|forces|pl nom_pl=силы gen_pl=сил dat_pl=силам acc_pl=силы ins_pl=силами prep_pl=силах
батальон|m|m|i|force,count|battalion|battalions
бригада|f|f|i|force,count|brigade|brigades
подразделение|nie|n|i|force,count|unit|units
контингент|m|m|i|force|contingent|contingents
миссия|fija|f|i|force,org,new|mission|missions
группа|f|f|i|force,new|group|groups
танк|mk|m|i|force,count,weapon|tank|tanks
ракета|f|f|i|force,count,weapon|missile|missiles
беспилотник|mk|m|i|force,count,weapon|drone|drones
самолёт|m|m|i|force,count,weapon|plane|planes
корабль|ms|m|i|force,count,weapon|ship|ships|ins_sg=кораблём
соглашение|nie|n|i|doc|agreement|agreements
договор|m|m|i|doc|treaty|treaties
план|m|m|i|doc|plan|plans
предложение|nie|n|i|doc|proposal|proposals
резолюция|fija|f|i|doc|resolution|resolutions
заявление|nie|n|i|doc|statement|statements
документ|m|m|i|doc|document|documents
меморандум|m|m|i|doc|memorandum|memorandums
декларация|fija|f|i|doc|declaration|declarations
сделка|fk|f|i|doc|deal|deals|gen_pl=сделок
условие|nie|n|i|doc|condition|conditions
гарантия|fija|f|i|doc|guarantee|guarantees
требование|nie|n|i|doc|demand|demands
санкция|fija|f|i|doc|sanction|sanctions
ультиматум|m|m|i|doc|ultimatum|ultimatums
доклад|m|m|i|doc|report|reports
закон|m|m|i|doc|law|laws
перемирие|nie|n|i|doc,event|ceasefire||sg
переговоры|x|m|i|event|negotiations|negotiations|pl nom_pl=переговоры gen_pl=переговоров dat_pl=переговорам acc_pl=переговоры ins_pl=переговорами prep_pl=переговорах
встреча|f|f|i|event|meeting|meetings|gen_sg=встречи ins_sg=встречей nom_pl=встречи acc_pl=встречи
операция|fija|f|i|event|operation|operations
наступление|nie|n|i|event|offensive|offensives
атака|fk|f|i|event,attack|attack|attacks
удар|m|m|i|event,attack|strike|strikes
обстрел|m|m|i|event,attack|shelling||sg
война|f|f|i|event|war|wars
конфликт|m|m|i|event|conflict|conflicts
кризис|m|m|i|event|crisis|crises
саммит|m|m|i|event|summit|summits
визит|m|m|i|event|visit|visits
эвакуация|fija|f|i|event|evacuation||sg
мобилизация|fija|f|i|event|mobilization||sg
блокада|f|f|i|event|blockade|blockades
оккупация|fija|f|i|event|occupation||sg
вторжение|nie|n|i|event,attack|invasion|invasions
выборы|x|m|i|event|elections|elections|pl nom_pl=выборы gen_pl=выборов dat_pl=выборам acc_pl=выборы ins_pl=выборами prep_pl=выборах
референдум|m|m|i|event|referendum|referendums
конференция|fija|f|i|event|conference|conferences
консультация|fija|f|i|event|consultation|consultations
диалог|mk|m|i|event|dialogue|dialogues
процесс|m|m|i|event|process|processes
урегулирование|nie|n|i|event|settlement||sg
учения|x|n|i|event|exercises|exercises|pl nom_pl=учения gen_pl=учений dat_pl=учениям acc_pl=учения ins_pl=учениями prep_pl=учениях
обмен|m|m|i|event|exchange|exchanges
граница|f|f|i|place|border|borders|ins_sg=границей loc=на:on
территория|fija|f|i|place|territory|territories|loc=на:on
регион|m|m|i|place|region|regions
город|m|m|i|place|city|cities|nom_pl=города acc_pl=города
область|fs|f|i|place|province|provinces
столица|f|f|i|place|capital|capitals|ins_sg=столицей
побережье|nje|n|i|place|coast|coasts|loc=на:on
порт|m|m|i|place|port|ports|prep_sg=порту
база|f|f|i|place|base|bases|loc=на:at
аэропорт|m|m|i|place|airport|airports|prep_sg=аэропорту
фронт|m|m|i|place|front||sg loc=на:at
зона|f|f|i|place,new|zone|zones
район|m|m|i|place|area|areas
завод|m|m|i|place|plant|plants|loc=на:at
электростанция|fija|f|i|place|power plant|power plants|loc=на:at
остров|m|m|i|place|island|islands|nom_pl=острова acc_pl=острова loc=на:on
безопасность|fs|f|i|abstract|security||sg noart
мир|m|m|i|abstract|peace||sg noart
помощь|fs|f|i|abstract|aid||sg noart
стабильность|fs|f|i|abstract|stability||sg noart
поддержка|fk|f|i|abstract|support||sg noart
давление|nie|n|i|abstract|pressure||sg noart
суверенитет|m|m|i|abstract|sovereignty||sg noart
нейтралитет|m|m|i|abstract|neutrality||sg noart
контроль|ms|m|i|abstract|control||sg noart
сотрудничество|n|n|i|abstract|cooperation||sg noart
независимость|fs|f|i|abstract|independence||sg noart
ситуация|fija|f|i|topic|situation|situations
позиция|fija|f|i|topic|position|positions
решение|nie|n|i|topic,doc|decision|decisions
вопрос|m|m|i|topic|issue|issues
проблема|f|f|i|topic|problem|problems
ответ|m|m|i|topic|response|responses
информация|fija|f|i|topic|information||sg noart
"""

NOUNS: list[Noun] = [_noun(line) for line in _NOUNS.strip().splitlines()]

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


@dataclass(frozen=True)
class Verb:
    """A verb lemma in one argument frame.

    frame: "that" (что-clause), "iq" (indirect question), "inf" (infinitive VP),
    "-" (intransitive), or slots joined by "&", each "kind:classes[:en_prep]" where
    kind is acc, dat, a fixed preposition+case (e.g. "на+acc"), or dir/at/src
    (location slots whose preposition comes from the noun).
    """

    inf: str
    aspect: str  # pf / impf
    past: tuple[str, str, str, str]  # m, f, n, pl
    fin3sg: str  # present (impf) or future (pf)
    fin3pl: str
    en_base: str
    en_3sg: str
    en_past: str
    subj: frozenset[str]
    frame: str
    tenses: tuple[str, ...] = field(default=("past", "pres", "fut"))
    evt: bool = False  # may take an "in <city>" adjunct

    def allowed_tenses(self) -> tuple[str, ...]:
        base = ("past", "fut") if self.aspect == "pf" else ("pres", "past", "fut")
        return tuple(t for t in base if t in self.tenses)


def _past_forms(spec: str) -> tuple[str, str, str, str]:
    """'заявил' -> (заявил, заявила, заявило, заявили); reflexives keep -сь/-ся right."""
    if "," in spec:
        m, f, n, pl = spec.split(",")
        return m, f, n, pl
    if spec.endswith("ся"):
        base = spec[:-2]
        return spec, base + "ась", base + "ось", base + "ись"
    return spec, spec + "а", spec + "о", spec + "и"


AG = "person,country,org"
EV = "event,doc"
FO = "force"
# inf | aspect | past | 3sg | 3pl | en base | en 3sg | en past | subject classes | frame | flags
_VERBS = f"""
заявить|pf|заявил|заявит|заявят|say|says|said|{AG}|that
сообщить|pf|сообщил|сообщит|сообщат|report|reports|reported|{AG}|that
подчеркнуть|pf|подчеркнул|подчеркнёт|подчеркнут|stress|stresses|stressed|{AG}|that
отметить|pf|отметил|отметит|отметят|note|notes|noted|{AG}|that
предупредить|pf|предупредил|предупредит|предупредят|warn|warns|warned|{AG}|that
признать|pf|признал|признает|признают|admit|admits|admitted|{AG}|that
объявить|pf|объявил|объявит|объявят|announce|announces|announced|{AG}|that
пообещать|pf|пообещал|пообещает|пообещают|promise|promises|promised|{AG}|that
считать|impf|считал|считает|считают|believe|believes|believed|{AG}|that|pres,past
утверждать|impf|утверждал|утверждает|утверждают|claim|claims|claimed|{AG}|that|pres,past
надеяться|impf|надеялся|надеется|надеются|hope|hopes|hoped|{AG}|that|pres,past
опасаться|impf|опасался|опасается|опасаются|fear|fears|feared|{AG}|that|pres,past
уточнить|pf|уточнил|уточнит|уточнят|specify|specifies|specified|{AG}|iq
объяснить|pf|объяснил|объяснит|объяснят|explain|explains|explained|{AG}|iq
знать|impf|знал|знает|знают|know|knows|knew|{AG}|iq|pres,past
решить|pf|решил|решит|решат|decide|decides|decided|{AG}|iq
подписать|pf|подписал|подпишет|подпишут|sign|signs|signed|{AG}|acc:doc|evt
одобрить|pf|одобрил|одобрит|одобрят|approve|approves|approved|{AG}|acc:doc
отклонить|pf|отклонил|отклонит|отклонят|reject|rejects|rejected|{AG}|acc:doc
принять|pf|принял|примет|примут|adopt|adopts|adopted|{AG}|acc:doc|evt
предложить|pf|предложил|предложит|предложат|propose|proposes|proposed|{AG}|acc:doc
обсудить|pf|обсудил|обсудит|обсудят|discuss|discusses|discussed|{AG}|acc:doc,event,topic|evt
поддерживать|impf|поддерживал|поддерживает|поддерживают|support|supports|supported|{AG}|acc:doc,event,country,abstract
нарушить|pf|нарушил|нарушит|нарушат|violate|violates|violated|{AG},{FO}|acc:doc
соблюдать|impf|соблюдал|соблюдает|соблюдают|observe|observes|observed|{AG},{FO}|acc:doc
выполнить|pf|выполнил|выполнит|выполнят|implement|implements|implemented|{AG}|acc:doc
изучить|pf|изучил|изучит|изучат|study|studies|studied|{AG}|acc:doc,topic
опубликовать|pf|опубликовал|опубликует|опубликуют|publish|publishes|published|{AG}|acc:doc
осудить|pf|осудил|осудит|осудят|condemn|condemns|condemned|{AG}|acc:attack,doc
приветствовать|impf|приветствовал|приветствует|приветствуют|welcome|welcomes|welcomed|{AG}|acc:doc,event
критиковать|impf|критиковал|критикует|критикуют|criticize|criticizes|criticized|{AG}|acc:doc,event,country,person
продлить|pf|продлил|продлит|продлят|extend|extends|extended|{AG}|acc:doc,event,new
начать|pf|начал|начнёт|начнут|start|starts|started|{AG},{FO}|acc:event
продолжить|pf|продолжил|продолжит|продолжат|continue|continues|continued|{AG},{FO}|acc:event
прекратить|pf|прекратил|прекратит|прекратят|stop|stops|stopped|{AG},{FO}|acc:event
провести|pf|провёл,провела,провело,провели|проведёт|проведут|hold|holds|held|{AG}|acc:event|evt
отменить|pf|отменил|отменит|отменят|cancel|cancels|canceled|{AG}|acc:event
отложить|pf|отложил|отложит|отложат|postpone|postpones|postponed|{AG}|acc:event
возобновить|pf|возобновил|возобновит|возобновят|resume|resumes|resumed|{AG}|acc:event
сорвать|pf|сорвал|сорвёт|сорвут|disrupt|disrupts|disrupted|{AG},{FO}|acc:event
направить|pf|направил|направит|направят|send|sends|sent|{AG}|acc:force&dir:country,city,place:to
вывести|pf|вывел|выведет|выведут|withdraw|withdraws|withdrew|{AG}|acc:force&src:country,city,place:from
разместить|pf|разместил|разместит|разместят|deploy|deploys|deployed|{AG}|acc:force&at:country,city,place:LOC
усилить|pf|усилил|усилит|усилят|strengthen|strengthens|strengthened|{AG}|acc:force,abstract,place
сократить|pf|сократил|сократит|сократят|reduce|reduces|reduced|{AG}|acc:force
создать|pf|создал|создаст|создадут|create|creates|created|{AG}|acc:new
возглавить|pf|возглавил|возглавит|возглавят|lead|leads|led|person,country|acc:new
обстрелять|pf|обстрелял|обстреляет|обстреляют|shell|shells|shelled|{AG},{FO}|acc:city,place
захватить|pf|захватил|захватит|захватят|capture|captures|captured|{AG},{FO}|acc:city,place
защищать|impf|защищал|защищает|защищают|defend|defends|defended|{AG},{FO}|acc:city,place,country
контролировать|impf|контролировал|контролирует|контролируют|control|controls|controlled|{AG},{FO}|acc:city,place
покинуть|pf|покинул|покинет|покинут|leave|leaves|left|person,{FO}|acc:city,country,place
посетить|pf|посетил|посетит|посетят|visit|visits|visited|person|acc:city,country
прибыть|pf|прибыл|прибудет|прибудут|arrive|arrives|arrived|person,{FO}|dir:city,country,place:LOC
вернуться|pf|вернулся|вернётся|вернутся|return|returns|returned|person,{FO}|dir:city,country,place:to
остаться|pf|остался|останется|останутся|stay|stays|stayed|person,{FO}|at:city,country,place:LOC
согласиться|pf|согласился|согласится|согласятся|agree|agrees|agreed|{AG}|на+acc:doc,event:to
призвать|pf|призвал|призовёт|призовут|call|calls|called|{AG}|к+dat:doc,event:for
встретиться|pf|встретился|встретится|встретятся|meet|meets|met|person|с+ins:person:with|evt
отказаться|pf|отказался|откажется|откажутся|give up|gives up|gave up|{AG}|от+gen:doc,event:
ответить|pf|ответил|ответит|ответят|respond|responds|responded|{AG}|на+acc:doc,attack:to
участвовать|impf|участвовал|участвует|участвуют|take part|takes part|took part|{AG},{FO}|в+prep:event:in
выступить|pf|выступил|выступит|выступят|speak out|speaks out|spoke out|{AG}|против+gen:doc,event:against
настаивать|impf|настаивал|настаивает|настаивают|insist|insists|insisted|{AG}|на+prep:doc,event:on
зависеть|impf|зависел|зависит|зависят|depend|depends|depended|{EV}|от+gen:doc,event,country:on
угрожать|impf|угрожал|угрожает|угрожают|threaten|threatens|threatened|{AG},{FO}|dat:country,city
помогать|impf|помогал|помогает|помогают|help|helps|helped|{AG}|dat:country,person
доверять|impf|доверял|доверяет|доверяют|trust|trusts|trusted|{AG}|dat:country,person,org|pres,past
сотрудничать|impf|сотрудничал|сотрудничает|сотрудничают|cooperate|cooperates|cooperated|{AG}|с+ins:country,org:with
начаться|pf|начался|начнётся|начнутся|begin|begins|began|{EV}|-
завершиться|pf|завершился|завершится|завершатся|end|ends|ended|{EV}|-
продолжаться|impf|продолжался|продолжается|продолжаются|go on|goes on|went on|event|-
вступить в силу|pf|вступил в силу|вступит в силу|вступят в силу|take effect|takes effect|took effect|doc|-
провалиться|pf|провалился|провалится|провалятся|fail|fails|failed|{EV}|-
хотеть|impf|хотел|хочет|хотят|want|wants|wanted|{AG}|inf|pres,past
планировать|impf|планировал|планирует|планируют|plan|plans|planned|{AG}|inf|pres,past
отказаться|pf|отказался|откажется|откажутся|refuse|refuses|refused|{AG}|inf
пообещать|pf|пообещал|пообещает|пообещают|promise|promises|promised|{AG}|inf|past
"""


def _verb(line: str) -> Verb:
    parts = line.split("|")
    inf, asp, past, s3, p3, eb, e3, ep, subj, frame = parts[:10]
    flags = parts[10].split(",") if len(parts) > 10 else []
    tenses = tuple(f for f in flags if f in ("past", "pres", "fut")) or ("past", "pres", "fut")
    if " в силу" in past and "," not in past:  # phrasal verb: inflect the first word only
        head = past.replace(" в силу", "")
        past_forms = tuple(p + " в силу" for p in _past_forms(head))
    else:
        past_forms = _past_forms(past)
    return Verb(inf, asp, past_forms, s3, p3, eb, e3, ep, frozenset(subj.split(",")), frame,
                tenses, "evt" in flags)


VERBS: list[Verb] = [_verb(line) for line in _VERBS.strip().splitlines()]

# Numerals usable in quantity phrases: value -> (ru masc/neut, ru fem, en).
NUMERALS: dict[int, tuple[str, str, str]] = {
    2: ("два", "две", "two"), 3: ("три", "три", "three"), 4: ("четыре", "четыре", "four"),
    5: ("пять", "пять", "five"), 6: ("шесть", "шесть", "six"), 7: ("семь", "семь", "seven"),
    8: ("восемь", "восемь", "eight"), 9: ("девять", "девять", "nine"), 10: ("десять", "десять", "ten"),
    20: ("двадцать", "двадцать", "twenty"), 100: ("сто", "сто", "a hundred"),
}

# Fronted time adverbials: ru, en, tenses they combine with.
TIME_ADVS: list[tuple[str, str, tuple[str, ...]]] = [
    ("вчера", "yesterday", ("past",)),
    ("сегодня", "today", ("past", "pres", "fut")),
    ("завтра", "tomorrow", ("fut",)),
    ("ранее", "earlier", ("past",)),
    ("на этой неделе", "this week", ("past", "pres", "fut")),
    ("в ближайшие дни", "in the coming days", ("fut",)),
    ("в понедельник", "on Monday", ("past", "fut")),
    ("во вторник", "on Tuesday", ("past", "fut")),
    ("в среду", "on Wednesday", ("past", "fut")),
    ("в четверг", "on Thursday", ("past", "fut")),
    ("в пятницу", "on Friday", ("past", "fut")),
    ("в субботу", "on Saturday", ("past", "fut")),
    ("в воскресенье", "on Sunday", ("past", "fut")),
]

# Sentence connectives: ru, en.
CONNECTIVES: list[tuple[str, str]] = [
    ("однако", "however"), ("кроме того", "in addition"),
    ("при этом", "at the same time"), ("между тем", "meanwhile"),
]

# Matrices for indirect questions that are not verbs: ru, en.
UNCLEAR_MATRICES: list[tuple[str, str]] = [
    ("остаётся неясным", "it remains unclear"),
    ("пока неясно", "it is still unclear"),
    ("неизвестно", "it is unknown"),
]


def lemma_count() -> int:
    """Number of distinct Russian content lemmas (nouns, adjectives, verbs, numerals, adverbs)."""
    lemmas = {n.ru for n in NOUNS} | {a.ru for a in ADJS} | {v.inf for v in VERBS}
    lemmas |= {v[0] for v in NUMERALS.values()} | {"тысяча", "несколько", "сколько", "готов"}
    lemmas |= {"вчера", "сегодня", "завтра", "ранее", "неделя", "день", "понедельник", "вторник",
               "среда", "четверг", "пятница", "суббота", "воскресенье", "также", "по-прежнему"}
    return len(lemmas)
