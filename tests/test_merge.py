"""Folding the mentions of one incident within an article (``extract/merge.py``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from sitrep.extract.merge import EventDraft, attach_outcomes, merge_drafts, refers_back, same_incident, superseded
from sitrep.extract.types import Casualties, EventDate, EventMention
from sitrep.models import Actor, Claim, Location

from .conftest import mention_on

DAY = EventDate(date(2024, 10, 24), "day", False, "on Thursday")
BANNU = Location("Bannu", 1, 32.99, 70.6, "PAK", "Khyber Pakhtunkhwa", None, 1, "Bannu", 0, 5)
MIRANSHAH = Location("Miranshah", 2, 33.0, 70.07, "PAK", "Khyber Pakhtunkhwa", None, 1, "Miranshah", 0, 9)
POLICE = Actor("Police Forces of Pakistan", "PAK", "COP", 1)
CIVILIANS = Actor("Civilians (Pakistan)", "PAK", "CVL", 7)


def _draft(
    sent: int, sub: str | None, text: str, *, event_type: str | None = "Explosions/Remote violence",
    deaths: int | None = None, claims: tuple[str, ...] = (), back: bool = False, where: Location | None = BANNU,
    actor2: Actor | None = None, when: EventDate = DAY,
) -> EventDraft:
    mention = EventMention(sent, 0, event_type, sub, "Political violence" if event_type else None, "ASSAULT",
                           None, (), 0.8)  # fmt: skip
    return EventDraft(
        mention=mention, sent_start=sent * 100, sent_end=sent * 100 + 90, sent_text=text, date=when,
        claims=tuple(Claim(c) for c in claims), actor1=None, actor2=actor2, location=where,
        casualties=Casualties(deaths, None), refers_back=back,
    )  # fmt: skip


LEDE = _draft(0, "Suicide bomb", "A suicide bomber killed 11 people, officials said.", deaths=11,
              claims=("Officials",), actor2=CIVILIANS)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("The death toll rose to 11 on Friday.", "toll", True),
        ("Two more people died of their wounds in hospital.", "died", True),
        ("The attack was condemned by the UN.", "attack", True),
        ("Gunmen attacked a bus on the highway.", "attacked", False),
    ],
)
def test_refers_back(nlp, text, trigger, expected):
    doc = nlp(text)
    assert refers_back(doc, mention_on(doc, trigger)) is expected


def test_the_blast_named_by_another_landmark_is_the_same_incident():
    # "Police initially said seven officers had died in the blast, which flattened the checkpoint
    # on the road to Miranshah": same kind, pointing back, same country, sides cast otherwise.
    detail = _draft(1, "Remote explosive/landmine/IED", "Police initially said seven officers had died in the blast.",
                    deaths=7, claims=("Police",), back=True, where=MIRANSHAH, actor2=POLICE)  # fmt: skip
    assert same_incident(LEDE, detail)
    assert not same_incident(LEDE, replace(detail, refers_back=False))
    abroad = replace(MIRANSHAH, country="AFG")
    assert not same_incident(LEDE, replace(detail, location=abroad))


def test_an_overtaken_figure_gives_way_and_a_toll_update_overrides():
    early = _draft(1, "Remote explosive/landmine/IED", "Police initially said seven officers had died in the blast.",
                   deaths=7, claims=("Police",), back=True)  # fmt: skip
    assert superseded(early) and not superseded(LEDE)
    ((head, _),) = merge_drafts([LEDE, early])
    assert head.casualties.fatalities == 11  # not ACLED's lowest: the text says the 7 was overtaken
    later = EventDate(date(2024, 10, 25), "day", False, "overnight")
    update = _draft(2, "Attack", "The toll rose to 13 overnight, a doctor said.",
                    event_type="Violence against civilians", deaths=13, claims=("Doctor",), back=True,
                    when=later)  # fmt: skip
    ((head, members),) = merge_drafts([LEDE, early, update])
    assert len(members) == 3
    assert head.casualties.fatalities == 13
    assert head.date == DAY  # a toll update dates the update, not the incident


def test_a_plover_only_mention_pointing_back_joins_the_incident():
    denial = _draft(3, None, "The TTP said it had no part in the attack.", event_type=None, claims=("TTP",), back=True)
    assert same_incident(LEDE, denial)
    assert not same_incident(LEDE, replace(denial, refers_back=False))


def test_voices_that_disagree_keep_the_lowest():
    rebels = _draft(1, "Suicide bomb", "The group said it killed 30.", deaths=30, claims=("Rebels",), back=True)
    ((head, _),) = merge_drafts([LEDE, rebels])
    assert head.casualties.fatalities == 11


def test_a_bare_killing_at_the_same_place_on_no_date_of_its_own_is_the_incidents_toll():
    strike = _draft(0, "Air/drone strike", "A drone strike hit the market on Sunday.", claims=("Residents",))
    toll = _draft(2, None, "A council member said eight civilians had been killed.", event_type=None, deaths=8,
                  claims=("Council",), when=EventDate(date(2024, 10, 25), "day", False, None))  # fmt: skip
    toll = replace(toll, mention=replace(toll.mention, plover_context=("crime",)))
    ((head, members),) = merge_drafts([strike, toll])
    assert len(members) == 2 and head.casualties.fatalities == 8
    elsewhere = replace(toll, location=MIRANSHAH)
    assert len(merge_drafts([strike, elsewhere])) == 2


def test_folding_a_bare_outcome_never_loses_the_acled_kind():
    clash = _draft(0, "Armed clash", "Gunmen ambushed a checkpoint.", event_type="Battles")
    shots = _draft(1, None, "The attackers opened fire from a pickup.", event_type=None,
                   when=EventDate(DAY.value, "day", False, None))  # fmt: skip
    ((head, _),) = merge_drafts([clash, shots])
    assert head.mention.sub_event_type == "Armed clash"


def test_the_day_it_was_said_gives_way_to_the_day_it_happened():
    said = EventDate(date(2024, 3, 10), "day", False, "on Sunday", reported=True)
    retaken = _draft(0, "Government regains territory", "The army said on Sunday it had retaken Titao.",
                     event_type="Battles", when=said)  # fmt: skip
    liberated = _draft(3, "Armed clash", "Troops liberated Titao on Saturday.", event_type="Battles",
                       when=EventDate(date(2024, 3, 9), "day", False, "on Saturday"))  # fmt: skip
    stormed = _draft(1, "Armed clash", "Jihadists stormed the base on March 3.", event_type="Battles",
                     when=EventDate(date(2024, 3, 3), "day", False, "on March 3"))  # fmt: skip
    assert same_incident(retaken, liberated) and not same_incident(retaken, stormed)
    groups = merge_drafts([retaken, stormed, liberated])
    assert [(h.mention.sub_event_type, h.date.value) for h, _ in groups] == [
        ("Government regains territory", date(2024, 3, 9)),
        ("Armed clash", date(2024, 3, 3)),
    ]


def test_a_pointing_back_outcome_joins_the_incident_told_last():
    first = _draft(0, "Armed clash", "Rebels stormed the base on Monday.", event_type="Battles")
    second = _draft(1, "Armed clash", "Troops retook the base on Saturday.", event_type="Battles",
                    where=MIRANSHAH)  # fmt: skip
    second_more = replace(second, sent_start=300, sent_end=390)
    toll = _draft(4, "Attack", "Four soldiers were killed in the operation.", event_type="Violence against civilians",
                  back=True, where=MIRANSHAH)  # fmt: skip
    groups = merge_drafts([first, second, second_more, toll])
    assert [len(members) for _, members in groups] == [1, 3]


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Police blamed the rebel group, which has bases in Congo, for the attack.", "attack", True),
        ("The government held the militia responsible for the bombing.", "bombing", True),
        ("The UN condemned the attack.", "attack", True),
        ("The attack on the market killed five people.", "attack", False),
        ("Police blamed the rebels for an attack in the north.", "attack", False),  # not a definite reference
    ],
)
def test_cited(nlp, text, trigger, expected):
    from sitrep.extract.merge import cited

    doc = nlp(text)
    assert cited(doc, mention_on(doc, trigger)) is expected


def test_a_cited_incident_folds_wherever_its_sentence_places_things():
    grenade = _draft(0, "Grenade", "Attackers threw a grenade into a bar in Bujumbura.", where=BANNU)
    congo = replace(MIRANSHAH, country="COD")
    blame = _draft(3, "Attack", "Police blamed the rebels, based in Congo, for the attack.",
                   event_type="Violence against civilians", back=True, where=congo)  # fmt: skip
    assert not same_incident(grenade, blame)
    assert same_incident(grenade, replace(blame, cited=True))


def test_a_bare_outcome_right_after_an_incident_is_its_toll():
    # "A car bomb exploded in Bannu on Thursday. Seven soldiers were killed.": no doer, place or date of its own
    outcome = _draft(1, "Armed clash", "Seven soldiers were killed.", event_type="Battles", deaths=7)
    groups = merge_drafts([LEDE, replace(outcome, location=BANNU)])
    assert [len(members) for _, members in groups] == [2]
    # told two sentences later, or somewhere else, it is an incident of its own
    apart = merge_drafts([LEDE, replace(outcome, mention=replace(outcome.mention, sent_index=2), location=None)])
    elsewhere = merge_drafts([LEDE, replace(outcome, location=replace(MIRANSHAH, start=None))])
    assert [len(members) for _, members in apart] == [1, 1]
    assert [len(members) for _, members in elsewhere] == [1, 1]


def test_a_bare_outcome_whose_doer_is_the_incidents_own_is_still_its_toll():
    # "The blast struck the market. More than 30 people were wounded." with the group that later
    # claimed the bombing lent to both as their doer: the wounded add no doer of their own
    shabaab = Actor("Al-Shabaab", "SOM", "REB", 2)
    lede = replace(LEDE, actor1=shabaab)
    wounded = replace(
        _draft(1, "Attack", "More than 30 people were wounded.", event_type="Violence against civilians"),
        actor1=shabaab,
        location=BANNU,
    )
    assert [len(members) for _, members in merge_drafts([lede, wounded])] == [2]
    # a doer of its own that is not the incident's makes it an incident of its own
    other = replace(wounded, actor1=POLICE)
    assert [len(members) for _, members in merge_drafts([lede, other])] == [1, 1]


def test_the_named_side_outlives_unidentified_fighters_of_a_more_specific_mention():
    # "Al-Shabaab militants attacked a base ... The fighters used a car bomb to breach the gate."
    shabaab = Actor("Al-Shabaab", "SOM", "REB", 2)
    fighters = Actor("Unidentified Armed Group (Somalia)", "SOM", "REB", 2)
    attack = replace(_draft(0, "Armed clash", "Al-Shabaab militants attacked a base.", event_type="Battles"),
                     actor1=shabaab)  # fmt: skip
    bomb = replace(_draft(1, "Remote explosive/landmine/IED", "The fighters used a car bomb."), actor1=fighters)
    ((head, members),) = merge_drafts([attack, replace(bomb, refers_back=True)])
    assert head.mention.sub_event_type == "Remote explosive/landmine/IED" and head.actor1 == shabaab
    # a named side of another country is no such side
    police = Actor("Police Forces of Kenya", "KEN", "COP", 1)
    groups = merge_drafts([replace(attack, actor1=police), replace(bomb, refers_back=True)])
    (bombing,) = [h for h, _ in groups if h.mention.sub_event_type == "Remote explosive/landmine/IED"]
    assert bombing.actor1 == fighters


VIOLENT = frozenset({"Explosions/Remote violence", "Battles"})


def test_an_outcome_sentence_gives_its_toll_to_the_incident_told_right_before():
    wounded = replace(_draft(1, None, "More than 30 people were wounded.", event_type=None), location=None,
                      casualties=Casualties(None, 30))  # fmt: skip
    (head, members), = attach_outcomes(merge_drafts([LEDE]), [wounded], violent=VIOLENT)
    assert head.casualties == Casualties(11, 30) and len(members) == 2
    assert members[-1].mention.sub_event_type == "Suicide bomb"  # it carries the incident's kind
    # not after a gap, and not for an incident outside the violent types
    later = replace(wounded, mention=replace(wounded.mention, sent_index=3))
    (head, _), = attach_outcomes(merge_drafts([LEDE]), [later], violent=VIOLENT)
    assert head.casualties == Casualties(11, None)
    arrest = _draft(0, "Arrests", "Police arrested five men.", event_type="Strategic developments")
    (head, _), = attach_outcomes(merge_drafts([arrest]), [wounded], violent=VIOLENT)
    assert head.casualties == Casualties(None, None)


def test_a_crowds_day_at_one_place_is_one_riot_whoever_a_sentence_makes_the_doer():
    police = Actor("Police Forces of Pakistan", "PAK", "COP", 1)
    rioters = Actor("Rioters (Pakistan)", "PAK", "RIO", 5)
    lede = replace(_draft(0, "Violent demonstration", "Police fired tear gas at students who threw stones.",
                          event_type="Riots", actor2=CIVILIANS), actor1=police)  # fmt: skip
    later = replace(_draft(2, "Violent demonstration", "Hooded youths threw petrol bombs at officers.",
                           event_type="Riots", actor2=police), actor1=rioters)  # fmt: skip
    assert [len(members) for _, members in merge_drafts([lede, later])] == [2]
    # elsewhere, the sides still tell two events apart
    moved = replace(later, location=MIRANSHAH)
    assert [len(members) for _, members in merge_drafts([lede, moved])] == [1, 1]


def test_an_outcome_naming_its_incident_may_come_first():
    # "mourning for the 15 people killed in Monday's bombing", then "The blast struck ..."
    mourning = replace(_draft(0, None, "Mourning for the 15 killed in Monday's bombing.", event_type=None),
                       location=None, casualties=Casualties(15, None), refers_back=True)  # fmt: skip
    blast = _draft(1, "Remote explosive/landmine/IED", "The blast struck the market.")
    (head, members), = attach_outcomes(merge_drafts([blast]), [mourning], violent=VIOLENT)
    assert head.casualties == Casualties(15, None) and len(members) == 2
    # one that names nothing joins only the incident told before it
    (head, _), = attach_outcomes(merge_drafts([blast]), [replace(mourning, refers_back=False)], violent=VIOLENT)
    assert head.casualties == Casualties(None, None)


def test_a_toll_never_joins_a_peaceful_protest():
    march = _draft(0, "Peaceful protest", "Thousands marched through the capital.", event_type="Protests")
    hurt = replace(_draft(1, None, "Two people were injured.", event_type=None), location=None,
                   casualties=Casualties(None, 2))  # fmt: skip
    (head, members), = attach_outcomes(merge_drafts([march]), [hurt], violent=frozenset({"Protests"}))
    assert head.casualties == Casualties(None, None) and len(members) == 1


def _vetoed(draft: EventDraft) -> EventDraft:
    """``draft`` as a sentence model that judged its sentence no event leaves it."""
    m = draft.mention
    ruled = (m.event_type, m.sub_event_type)
    return replace(draft, mention=replace(m, event_type=None, sub_event_type=None, disorder_type=None, vetoed=ruled))


def test_a_vetoed_retelling_lends_its_source_and_toll_but_not_its_type():
    # "The group said its fighters had killed more than ten soldiers": no event of its own by the
    # encoder's reading, by the rules' an armed clash, which the bombing told before may absorb.
    boast = _vetoed(_draft(2, "Armed clash", "The group said its fighters had killed more than ten soldiers.",
                           event_type="Battles", deaths=10, claims=("Militants",), back=True))  # fmt: skip
    ((head, members),) = merge_drafts([LEDE, boast])
    assert len(members) == 2
    assert head.mention == LEDE.mention  # the type stays the incident's
    assert {c.name for c in head.claims} == {"Officials", "Militants"}
    assert head.casualties.fatalities == 10  # two voices: the lowest figure
    # too far from the incident, at another country's place, or unlike it by the rules: on its own
    assert len(merge_drafts([LEDE, replace(boast, mention=replace(boast.mention, sent_index=6))])) == 2
    assert len(merge_drafts([LEDE, replace(boast, location=replace(MIRANSHAH, country="AFG"),
                                           refers_back=False)])) == 2  # fmt: skip
    arrests = _vetoed(_draft(1, "Arrests", "Police said 27 people were held.", event_type="Strategic developments"))
    assert len(merge_drafts([LEDE, arrests])) == 2
    # an ACLED mention never joins a vetoed one's group
    (_, alone), (_, lede) = merge_drafts([replace(boast, mention=replace(boast.mention, sent_index=0)), LEDE])
    assert len(alone) == 1 and len(lede) == 1


def test_assembly_keeps_a_vetoed_retelling_only_inside_its_incident(nlp):
    from sitrep.extract.assemble import assemble_events
    from sitrep.models import Article

    text = ("A roadside bomb killed four soldiers near Karvino on Monday, officials said. "
            "The rebels claimed responsibility, saying their fighters had killed more than ten soldiers.")  # fmt: skip
    doc = nlp(text)
    bomb = replace(mention_on(doc, "bomb"), event_type="Explosions/Remote violence",
                   sub_event_type="Remote explosive/landmine/IED", disorder_type="Political violence")  # fmt: skip
    boast = replace(mention_on(doc, "killed", 1), vetoed=("Battles", "Armed clash"))
    article = Article(id="karvino", text=text, published=date(2024, 10, 29))

    def events(mentions, *, vetoed_events=False):
        return assemble_events(
            doc, article, mentions,
            dates=[DAY] * len(mentions), claims=[(Claim("Officials"),), (Claim("Rebels"),)],
            actors=[(None, None)] * len(mentions), locations=[BANNU] * len(mentions),
            casualties=[Casualties(4, None), Casualties(10, None)][: len(mentions)], vetoed_events=vetoed_events,
        )  # fmt: skip

    (event,) = events([bomb, boast])
    assert event.sub_event_type == "Remote explosive/landmine/IED" and event.fatalities == 4
    assert [c.name for c in event.claimed_by] == ["Officials", "Rebels"]
    assert [(d.about, d.says) for d in event.disputes] == [("fatalities", ("4", "10"))]
    assert len(event.evidence) == 2
    # alone it retells nothing: no event, unless PLOVER-only events are asked for
    assert events([boast]) == []
    (plover,) = events([boast], vetoed_events=True)
    assert plover.event_type is None and plover.plover.event == "ASSAULT"
