"""Who did it, and so which kind: the capturer's side (extract/territory.py), captives and mob
justice, and clashes between civilian sides."""

from __future__ import annotations

import pytest

from sitrep.extract.actor_lexicon import ActorLexicon
from sitrep.extract.events import EventDetector, main_mention
from sitrep.extract.territory import GOVERNMENT, NONSTATE, TRANSFER, capturer_side, settle_sides
from sitrep.extract.types import EventMention


@pytest.fixture(scope="module")
def actors() -> ActorLexicon:
    return ActorLexicon.load()


def _main_type(nlp, text: str) -> str | None:
    """The sub-event type of the rules' main mention of ``text``."""
    detector = EventDetector(verbal=False, classifier=False, embedder=False)
    doc = nlp(text)
    main = main_mention(doc, [m for m in detector(doc) if m.event_type])
    return main.sub_event_type if main is not None else None


def _capture(doc):
    return next(t for t in doc if t.lemma_.lower() in {"capture", "seize", "recapture", "liberate", "overrun", "take"})


@pytest.mark.parametrize(
    ("text", "side"),
    [
        # named armed groups whose head word is a state word
        ("The Syrian Democratic Forces captured the village of Tal Samin on Friday.", "nonstate"),
        ("The Free Syrian Army seized three hilltops near Marea.", "nonstate"),
        ("MODEL forces captured the port of Harper after a three-day battle.", "nonstate"),
        ("The Army of Conquest overran the Wadi Deif camp.", "nonstate"),
        ("The Sultan Murad Brigade liberated two villages north of al-Bab.", "nonstate"),
        ("The Tigray Defence Forces recaptured Mekelle on Monday.", "nonstate"),
        # state forces under their own titles
        ("The Syrian Arab Army recaptured the town of Khan Tuman after heavy fighting.", "state"),
        ("The Republican Guard recaptured the cement factory in Douma.", "state"),
        ("The army's 4th Division recaptured Hill 412 from the rebels.", "state"),
        ("Coalition forces captured the bridge over the Euphrates.", "state"),
        ("Northern forces captured the village of Kursi.", "state"),
        ("Pro-government militiamen recaptured the village of Kafr Nabudah.", "state"),
        # the group a pronoun or a membership stands for
        ("According to Jaysh al-Izza's media office, their forces captured the hill.", "nonstate"),
        ("Soldiers with the Mai-Mai militia captured the airport on Sunday.", "nonstate"),
        ("Jund al-Aqsa's fighters captured the checkpoint at Maardes.", "nonstate"),
        # takers who are no state without being an armed group's usual words
        ("Somali warlord Mohamed Farah Aidid captured the town of Huddur on Tuesday.", "nonstate"),
        ("Mutineers seized the town of Bouake.", "nonstate"),
        ("The opposition captured parts of Laghman earlier this month.", "nonstate"),
    ],
)
def test_capturer_side(nlp, actors: ActorLexicon, text: str, side: str) -> None:
    assert capturer_side(_capture(nlp(text)), actors) == side


def test_a_leaders_forces_have_no_side_of_their_own(nlp, actors: ActorLexicon) -> None:
    # Kabila's forces were rebels in 1997, Haftar's are a state army: the name alone cannot say
    doc = nlp("Mobutu's forces captured the town of Isiro on Saturday.")
    assert capturer_side(_capture(doc), actors) is None


def test_settle_sides_follows_the_capture_verb_not_a_later_attack(nlp, actors: ActorLexicon) -> None:
    doc = nlp("Rebels seized Ndele in May and held it until army units attacked the town in June.")
    attacked = next(t for t in doc if t.text == "attacked")
    lexicon = EventDetector(classifier=False, embedder=False).lexicon
    mention = EventMention(0, attacked.i, "Strategic developments", GOVERNMENT, None, "FIGHT", None, (), 0.6)
    (settled,) = settle_sides(doc[:], [mention], actors, lexicon.acled)
    assert settled.sub_event_type == NONSTATE


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("Houthi forces seized the airport in Hodeidah on Tuesday.", NONSTATE),
        ("Rapid Support Forces seized the army base in Nyala.", NONSTATE),
        ("Azerbaijani forces regained control of Shusha.", GOVERNMENT),
        # a taker no table knows is most often an armed group; only the state's own words say state
        ("The RRA captured Baidoa in June.", NONSTATE),
        ("Last month they captured Kismayo, Somalia's third city.", NONSTATE),
        ("Troops captured the town of Kismayo.", GOVERNMENT),
        # with no taker at all, or a country's people, the battle reading stays for the encoder
        ("The town of Kismayo was captured on Tuesday.", "Armed clash"),
        ("The Ethiopians captured Burdhubo on Monday.", "Armed clash"),
        ("The Kurds captured the town of Sinjar on Friday.", NONSTATE),
    ],
)
def test_detector_types_captures_by_side(nlp, text: str, sub_event_type: str) -> None:
    assert _main_type(nlp, text) == sub_event_type


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("Al-Shabaab militants seized two aid workers in Dhobley on Monday.", "Abduction/forced disappearance"),
        ("Angry villagers beat two suspected thieves to death on Sunday.", "Mob violence"),
    ],
)
def test_people_seized_and_mob_justice(nlp, text: str, sub_event_type: str) -> None:
    assert _main_type(nlp, text) == sub_event_type


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # a name told as a place, which the tagger took for a person or an organisation, is ground taken
        ("Samashki, 35 kilometers west of Grozny, was captured by Russian forces late last week.", GOVERNMENT),
        ("Kassab, a town north of Latakia, was captured by the rebels on Friday.", NONSTATE),
    ],
)
def test_a_name_told_as_a_place_is_ground_taken(nlp, text: str, sub_event_type: str) -> None:
    assert _main_type(nlp, text) == sub_event_type


def test_a_person_captured_in_a_place_is_no_territory(nlp) -> None:
    detector = EventDetector(verbal=False, classifier=False, embedder=False)
    doc = nlp("Omar Haddad, a senior commander from the town of Ibb, was captured in Yemen in late 2009.")
    assert not any(m.sub_event_type in (GOVERNMENT, NONSTATE, "Armed clash") for m in detector(doc))


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("Riot police clashed with anarchists outside the summit in Genoa on Friday.", "Violent demonstration"),
        ("Muslims and Christians clashed in Jos on Sunday evening.", "Mob violence"),
        ("Eleven inmates were killed in clashes between rival gangs at the Tacumbu jail.", "Mob violence"),
        ("Hezbollah fighters clashed with Amal militiamen in the southern suburbs.", "Armed clash"),
        ("Nine people were killed in a clash between Lou Nuer and Murle tribesmen.", "Armed clash"),
        ("Armed men clashed with villagers near Bokkos, killing 14.", "Armed clash"),
    ],
)
def test_a_clash_between_civilian_sides_is_a_riot(nlp, text: str, sub_event_type: str) -> None:
    assert _main_type(nlp, text) == sub_event_type


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("Two students were shot in Blantyre during a crackdown on a rally of the opposition.",
         "Excessive force against protesters"),
        ("A man was killed when border guards opened fire on protesters at the Torkham crossing.",
         "Excessive force against protesters"),
        ("Three people were shot dead as police fought demonstrators who tried to storm parliament in Bishkek.",
         "Violent demonstration"),
    ],
)  # fmt: skip
def test_the_states_hand_at_a_protest(nlp, text: str, sub_event_type: str) -> None:
    assert _main_type(nlp, text) == sub_event_type


def test_a_nested_compound_names_the_victims_side(nlp) -> None:
    # "police" hangs on "lieutenant", not on "colonel": still a police officer, so no plain crime
    assert _main_type(nlp, "A police lieutenant colonel was killed on his way to work in Baqubah.") is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Government troops took control of Kalma on Sunday after the rebels abandoned their positions.", TRANSFER),
        ("The rebels captured the town of Dorra virtually without a fight on Friday.", TRANSFER),
        ("The militia seized the airport without firing a shot.", TRANSFER),
        ("Troops took control of the town of Kalma after the rebels withdrew on Sunday.", TRANSFER),
        # fighting told: the taker's side decides
        ("The army recaptured Kalma after heavy fighting as the rebels fled into the hills.", GOVERNMENT),
        ("Government troops took control of Kalma on Sunday after heavy fighting with the rebels.", GOVERNMENT),
        ("Rebels captured the town of Dorra on Friday after a three-day battle.", NONSTATE),
    ],
)
def test_ground_taken_unopposed_is_a_non_violent_transfer(nlp, text: str, expected: str) -> None:
    assert _main_type(nlp, text) == expected


def test_the_encoder_may_not_turn_ground_taken_unopposed_into_a_clash(nlp) -> None:
    # the rules' reading stands where the sentence says no one fought (our guide's ruling 8)
    from sitrep.extract.event_classifier import Verdict, apply_verdict
    from sitrep.extract.event_rules import EventLexicon

    taxonomy = EventLexicon.load().acled
    doc = nlp("The army took control of Kalma without firing a shot after the militants fled.")
    detector = EventDetector(verbal=False, classifier=False, embedder=False)
    sent = next(doc.sents)
    found = [m for m in detector.sentence_events(sent, 0) if m.event_type]
    verdict = Verdict("Armed clash", 0.9, 0.05, known=20)
    out = apply_verdict(sent, 0, found, verdict, tuple(taxonomy), {"retype": 0.5}, taxonomy, keep_vetoed=False)
    assert [m.sub_event_type for m in out if m.event_type] == [m.sub_event_type for m in found]


def test_a_shot_not_fired_is_no_event(nlp) -> None:
    detector = EventDetector(verbal=False, classifier=False, embedder=False)
    doc = nlp("The militia seized the airport without firing a shot.")
    assert [m.sub_event_type for m in detector(doc) if m.event_type] == [TRANSFER]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a person taken by a named armed group is abducted, by state forces arrested
        ("He was captured by the insurgents near the airbase at Kalma on Tuesday.", {"Abduction/forced disappearance"}),
        ("Peter Lindqvist and Marco Bianchi were captured by the rebels on Monday near Kailahun.",
         {"Abduction/forced disappearance"}),
        ("Omar Haddad was captured by Kenyan troops near the border on Friday.", {"Arrests"}),
        # taken by no named side: most often a wanted man arrested, which the rules leave to the encoder
        ("Peter Lindqvist was captured in Kenya last year and flown to the United States.", set()),
    ],
)  # fmt: skip
def test_a_named_person_captured_takes_the_captors_side(nlp, text: str, expected: set[str]) -> None:
    detector = EventDetector(verbal=False, classifier=False, embedder=False)
    assert {m.sub_event_type for m in detector(nlp(text)) if m.event_type} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # nationals and police officers taken by an armed group are its captives
        ("The militants captured 12 Kenyans when they overran the town of Mandera last month.",
         "Abduction/forced disappearance"),
        ("The rebels had captured 14 police officers in Kailahun after the station ran out of ammunition.",
         "Abduction/forced disappearance"),
        ("Army units captured six rebel fighters near Kailahun on Monday.", "Arrests"),
        # officials by their office are captives too, not ground taken
        ("The militia captured the district governor and two of his guards near Kailahun.",
         "Abduction/forced disappearance"),
        # civilians at work taken by no named side are kidnapped, not arrested
        ("Karlsson was captured near Kailahun along with two colleagues, all engineers, on Monday.",
         "Abduction/forced disappearance"),
        ("They captured Tom Baker, a reporter for a local radio station, at a checkpoint near Kailahun.",
         "Abduction/forced disappearance"),
        # a captive never seen again was disappeared, whoever took him
        ("Soldiers captured him at the border in 1983, and he was never heard from again.",
         "Abduction/forced disappearance"),
        ("A journalist was detained by security agents on Monday and taken to an unknown location.",
         "Abduction/forced disappearance"),
    ],
)  # fmt: skip
def test_captives_named_by_nationality_or_as_police(nlp, text: str, expected: str) -> None:
    detector = EventDetector(verbal=False, classifier=False, embedder=False)
    assert expected in {m.sub_event_type for m in detector(nlp(text)) if m.event_type}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # plain people killing by hand: a crowd's violence, not an armed group's attack or a capture
        ("Villagers captured a rebel fighter and clubbed him to death on Tuesday.", {"Mob violence"}),
        ("Young men beat a suspected thief to death in the market of Kisumu on Monday.", {"Mob violence"}),
        # an armed gang is no crowd, and gunmen are an armed group
        ("Men armed with machetes hacked a woman and her five children to death in a remote village on Sunday.",
         set()),
        ("Gunmen beat the village chief to death on Monday.", set()),
        # stones are a crowd's weapon, whatever they hit: protesters' make a violent demonstration
        ("Party supporters stoned the convoy of the opposition leader in the northern town.", {"Mob violence"}),
        ("Hundreds of youths stoned the police station in the town on Sunday night.", {"Mob violence"}),
        ("Protesters stoned riot police outside the parliament on Monday.", {"Violent demonstration"}),
    ],
)  # fmt: skip
def test_plain_people_killing_by_hand_are_a_mob(nlp, text: str, expected: set[str]) -> None:
    detector = EventDetector(verbal=False, classifier=False, embedder=False)
    assert {m.sub_event_type for m in detector(nlp(text)) if m.event_type} == expected


def test_a_person_handed_over_to_a_country_is_no_transfer_of_territory(nlp) -> None:
    detector = EventDetector(verbal=False, classifier=False, embedder=False)
    doc = nlp("Peter Lindqvist was captured in Kenya last year and handed over to the United States.")
    assert "Non-violent transfer of territory" not in {m.sub_event_type for m in detector(doc)}
    # ground handed over stays a transfer
    doc = nlp("The rebels handed over the town of Kailahun to the army on Monday.")
    assert "Non-violent transfer of territory" in {m.sub_event_type for m in detector(doc)}


def test_a_place_where_a_person_was_captured_is_not_ground_taken(nlp) -> None:
    detector = EventDetector(verbal=False, classifier=False, embedder=False)
    doc = nlp("McCoy was captured in March in Las Vegas.")
    assert {m.sub_event_type for m in detector(doc) if m.event_type} == set()
    # ground itself taken stays a capture of territory
    doc = nlp("The rebels captured the town of Kailahun on Monday.")
    assert {m.sub_event_type for m in detector(doc) if m.event_type} == {"Non-state actor overtakes territory"}
