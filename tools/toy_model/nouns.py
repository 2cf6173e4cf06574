"""Nouns of the toy lexicon: declension paradigms and the noun table.

Russian inflection is generated from a handful of declension paradigms (irregular forms
are listed as overrides in the table), so that a lemma is one line and all 12 case
forms stay consistent; the English side is a fixed singular/plural pair per lemma.
"""

from __future__ import annotations

from dataclasses import dataclass

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
        """The form for a case and number (animate accusative already resolved)."""
        return self.forms[(case, number)]


def _decline(
    nom: str, par: str, animate: bool, overrides: dict[str, str]
) -> dict[tuple[str, str], str]:
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
