"""Verbs of the toy lexicon: one entry per verb and argument frame.

A verb's frame (that-clause, indirect question, infinitive, or typed argument slots)
tells the generator which clauses it can head, so every generated clause is grammatical
in both languages by construction.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
        """Perfective verbs have no present (their finite form is the future); a verb may
        restrict its tenses further.
        """
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
