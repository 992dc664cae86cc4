"""Casualty counts: numbers tied to the event's clause, ACLED conventions, non-counts."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from sitrep.extract.counts import count_casualties, merge_casualties, outcome_casualties, parse_count
from sitrep.extract.types import Casualties
from sitrep.pipeline import extract

from .conftest import mention_on


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["27"], 27),
        (["1,200"], 1200),
        (["two"], 2),
        (["twenty", "-", "five"], 25),
        (["two", "hundred"], 200),
        (["dozens"], 12),
        (["several"], None),
        (["many"], None),
        (["hundreds"], 100),
        (["a"], 1),
        (["people"], None),
    ],
)
def test_parse_count(words: list[str], value: int | None) -> None:
    assert parse_count(words) == value


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("A roadside bomb killed two civilians in the district.", "bomb", (2, None)),
        ("At least 27 people died when gunmen stormed the market.", "stormed", (27, None)),
        ("A soldier was killed in the clash.", "clash", (1, None)),
        ("Gunmen opened fire on a bus, killing 8 people and wounding about 20.", "opened", (8, 20)),
        ("Dozens of protesters were injured in clashes with police.", "clashes", (None, 12)),
        ("Several people were killed in the air strike.", "strike", (None, None)),
        ("Dozens of people were killed in the air strike.", "strike", (12, None)),
        ("Hundreds of civilians were killed in the shelling.", "shelling", (100, None)),
        ("The death toll from the bombing rose to 31 on Tuesday.", "bombing", (31, None)),
        ("Two policemen and three militants were killed in the gunfight.", "gunfight", (5, None)),
        ("The explosion led to fatalities and injuries among our servicemen.", "explosion", (None, None)),
        ("A grenade exploded near the checkpoint, but no one was hurt.", "exploded", (0, 0)),
        ("There were no casualties in the attack.", "attack", (0, 0)),
        ("A 19-year-old man was shot dead by police during the protest.", "shot", (1, None)),
        ("Two soldiers were killed when their vehicle hit a mine.", "hit", (2, None)),
        ("The attack left three people dead and 12 injured.", "attack", (3, 12)),
        ("Twenty-five people were wounded in the blast.", "blast", (None, 25)),
        ("The shelling claimed the lives of four civilians.", "shelling", (4, None)),
        ("Two soldiers lost their lives in the ambush.", "ambush", (2, None)),
        ("The bombing killed at least 12 and injured more than 40.", "bombing", (12, 40)),
        (
            "An airstrike on the village killed 15 people, including six children, officials said.",
            "airstrike",
            (15, None),
        ),
        ("The bomber blew himself up, killing himself and 12 others at the gate.", "bomber", (13, None)),
        ("The riots left four dead in the northern town.", "riots", (4, None)),
        ("A local judge was fatally shot outside his home by gunmen.", "shot", (1, None)),
        ("A crowd of traders beat to death a suspected thief in the market.", "beat", (1, None)),
        ("Nine other militants were killed during the assault on the post.", "assault", (9, None)),
        ("Last night, army airstrikes killed at least 17 herders in the valley.", "airstrikes", (17, None)),
        ("In all, 8 guards were killed, one of them in the first raid.", "raid", (8, None)),
        (
            "Two reporters were killed on Monday, hours after four officials were shot dead.",
            "killed",
            (2, None),
        ),
        ("Soldiers on Sunday shot dead three villagers near the checkpoint.", "shot", (3, None)),
        ("Protesters fought with police in the square when gunfire erupted and a student was killed.", "fought",
         (1, None)),
        ("Clashes broke out in the camp and two men were stabbed to death.", "Clashes", (2, None)),
        ("A drone strike hit the market on Sunday, killing between eight and 13 people.", "strike", (8, None)),
        ("Gunmen ambushed the soldiers near the border, killing six of them.", "ambushed", (6, None)),
        ("The administrator of the town was shot and killed on Sunday.", "shot", (1, None)),
        # ranges: the lowest figure; a change of figure is no range
        ("About 25-30 people were killed in the airstrikes on the town.", "airstrikes", (25, None)),
        ("The shelling killed 8 to 30 people in the old quarter.", "shelling", (8, None)),
        ("The death toll from the shelling rose from 8 to 30 on Friday.", "shelling", (30, None)),
        ("Twenty-five people were killed in the blast.", "blast", (25, None)),
        # "shot dead" next to each other is the idiom, however the object is parsed; a reporting
        # verb lends its subject to a passive ("were reported killed"), not to "to have killed N"
        ("Unknown assailants shot dead Hindu priest Ram Kumar while he was riding his motorbike.", "shot", (1, None)),
        ("Bandits are reported to have killed 23 villagers in the raid on the hamlet.", "raid", (23, None)),
        ("Four soldiers were reported killed in the ambush on Monday.", "ambush", (4, None)),
        # a second incident with its own toll in the sentence is not the trigger's; named alone, it is
        ("A policeman died in a mortar strike near the camp, and a farmer was killed by a roadside bomb "
         "on the ring road.", "mortar", (1, None)),
        ("A suicide bomber blew himself up at a crowded market, and 12 people were killed in the blast.",
         "bomber", (12, None)),
        ("Suspected gunmen killed 13 people in an attack on a remote village in Zamfara state.", "killed", (13, None)),
        # one phrase the parser split in two subjects or objects: the later is its head
        ("At least 17 IS militants were killed when allied jets struck the group's bunkers.", "killed",
         (17, None)),
        ("Gunmen shot and killed policeman Yacine Brahimi and his wife in their car.", "killed", (2, None)),
        # "scores", like "several", states no number (bench/LABELLING.md)
        ("Scores of people were killed when the militia attacked the village.", "attacked", (None, None)),
        # a family counted only where a number says how many
        ("Gunmen killed a family of four at their home in the village.", "killed", (4, None)),
        ("Gunmen killed the family of the governor at their home in the village.", "killed", (None, None)),
        # names counted one each, even where the tagger calls one plural
        ("Militia members Ali Dawood and Hamid Dawood were killed in a clash with bandits.", "clash", (2, None)),
        # victims "along with" others: both groups
        ("The rebel commander was killed along with five bodyguards in the clashes.", "clashes", (6, None)),
        ("Gunmen attacked the official at his home, killing him along with his two guards.", "attacked", (3, None)),
        ("The commander died in an airstrike along with one of his escorts.", "airstrike", (2, None)),
        # the subject a reporting verb lends, or one the parser hung elsewhere
        ("Three guards were reported dead after the raid on the prison.", "raid", (3, None)),
        ("At least 30 farmers were feared killed in the attack on the village.", "attack", (30, None)),
        ("Some 12 prisoners were alleged to have been shot dead during the riot.", "riot", (12, None)),
        ("A trader was found murdered in his shop after the raid.", "raid", (1, None)),
        ("A guard was stabbed by the robbers and later died in hospital.", "stabbed", (1, None)),
        ("A local chief was on Monday killed by gunmen in the village.", "killed", (1, None)),
        # "gunned down" kills; a side's stated losses are deaths, added to the other side's
        ("Unknown gunmen gunned down a village elder and his wife on Sunday.", "gunned", (2, None)),
        ("Some 30 soldiers were killed in the battle, while the rebels lost 12 fighters.", "battle", (42, None)),
        ("The party lost two seats in the vote after the clashes.", "clashes", (None, None)),
        # a "when" or "as" clause tells the circumstance of the same incident
        ("Gunmen killed nine women and two men when they stormed the hostel.", "stormed", (11, None)),
        ("Rebels detonated a mine as polling began in the village, killing five policemen.", "mine", (5, None)),
        # a group noun counts its members; a running total does not replace the event's own toll
        ("The army killed a total of 17 rebels on the ridge in the assault.", "assault", (17, None)),
        ("A group of soldiers was killed in the ambush.", "ambush", (None, None)),
        ("The troops killed dozens militants in the raid.", "raid", (12, None)),
        ("Two farmers were killed in the shelling, bringing the week's death toll to 87.", "shelling", (2, None)),
        ("The shelling went on all week, bringing the death toll to 87.", "shelling", (87, None)),
        # the people a victim phrase stands for
        ("Inmates killed four guards, beheading two of them, during the riot.", "riot", (4, None)),
        ("Five soldiers as well as three civilians were killed in the strikes.", "strikes", (8, None)),
        ("A nurse was shot dead in the raid, becoming the 40th health worker killed this year.", "raid", (1, None)),
        ("Two brothers, Ali Hassan and Omar Hassan, were killed in the clash.", "clash", (2, None)),
        ("The army said it killed 20+ fighters in the assault.", "assault", (20, None)),
        # the place the trigger struck, and victims the parser hung on other words
        ("Bandits attacked Kura village in Dan district, where about 9 to 20 people were killed.", "attacked",
         (9, None)),
        ("Rebels attacked the town, where 28 people were killed last year.", "attacked", (None, None)),
        ("Gunmen shot dead two guards at the gate where hours earlier soldiers killed a man.", "shot", (2, None)),
        ("Jets bombed a school on Monday, killing up to 30 fighters hiding inside.", "bombed", (30, None)),
        ("A car bomb exploded in the market leaving at least seven people dead.", "bomb", (7, None)),
        ("Local journalist shot dead in Kabul.", "shot", (1, None)),
        # a spelled-out number the tagger reads as part of a name
        ("\"Twelve Taliban have been killed and 20 are held\" after the raid, the governor said.", "raid",
         (12, None)),
        # "killing between N-M members of X, Y and Z": the range, not the groups named
        ("Jets hit nine sites, killing between 40-60 members of the Falcon Brigade, the Eagle Front and "
         "the Lions Army.", "hit", (40, None)),
        # a list the parser hung on its first item as an apposition; not an elaboration after a dash
        ("Gunmen stormed two villages of the district, killing a pastor, a teacher and 14 other persons who were "
         "mostly farmers.", "stormed", (16, None)),
        ("Raiders attacked the village, killing a nurse, a farmer and 11 other people.", "attacked", (13, None)),
        # "killed and N wounded": the wounded are the second verb's own subject
        ("Five policemen were killed and three wounded, a security source said.", "killed", (5, 3)),
        ("Two soldiers were killed and 12 were injured in the ambush.", "ambush", (2, 12)),
        # a second coordinated toll of the same kind is a second incident: the sentence's event is its first
        ("Two guards were killed by gunmen in Kirkuk and a trader was shot dead in the city of Tikrit.", "killed",
         (2, None)),
        # the object of an active killing verb that the parser hung elsewhere
        ("In Raqqa, a drone strike killed Abu Saad al-Masri, a senior leader in ISIS ranks.", "strike", (1, None)),
        ("Soldiers shot dead a 16-year-old from Beita as he threw stones near the road.", "shot", (1, None)),
        # a free relative describes the same event; subjects the parser hung on other words
        ("Rebels killed six soldiers on Sunday, the army said, in what appeared to be the deadliest attack "
         "this year.", "attack", (6, None)),
        ("Seven members of the Hawks Brigade (also known as HB) were killed during the fighting.", "fighting",
         (7, None)),
        ("Ten villagers from the Bor clan were on Friday night killed when gunmen raided the settlement.", "raided",
         (10, None)),
        ("A car bomb detonated  in the market of the town, killing a civilian and  wounding three.", "bomb", (1, 3)),
        # names in a list the parser bent out of shape
        ("Aram Dilan, Shervan Kobani, and Hevi Amed were killed during the clashes.", "clashes", (3, None)),
        ("Peter Novak from Vienna and Jonas Berg from Malmo were killed in an airstrike on Monday.", "airstrike",
         (2, None)),
        # "two dozen"; a later item the parser took from its own verb; the group "including" a part;
        # "the latest official killed" is a running count
        ("The militants executed two dozen prisoners in the square.", "executed", (24, None)),
        ("Troops shot dead a farmer and a boy in the village and five people were wounded.", "shot", (2, 5)),
        ("Shelling of the town has left nine residents, including three children dead.", "Shelling", (9, None)),
        ("A judge was shot dead on Monday, the latest senior official killed in the city.", "shot", (1, None)),
        ("A third Malian soldier was killed on Tuesday near Gao.", "killed", (1, None)),  # "a" + rank: one more
        # "the death of N", "claimed dozens of lives", "N of them died"
        ("Fighting between the two clans caused the death of eight herders.", "Fighting", (8, None)),
        ("The clashes between the two tribes claimed dozens of lives.", "clashes", (12, None)),
        ("Forty people were injured in the clashes and six of them died in hospital.", "clashes", (6, 40)),
        # bodies and corpses counted where a number says how many; "tens" as "dozens"
        ("Rescuers recovered the bodies of nine miners shot by the militia near the pit.", "shot", (9, None)),
        ("After the raid, another 14 corpses were found in the river.", "raid", (14, None)),
        ("After the raid, two government bodies issued statements.", "raid", (None, None)),
        ("Jets struck the market, leaving tens dead.", "struck", (12, None)),
        # "along with" wherever the parser hung it in the verb's clause
        ("The rebel leader was killed in Sirte airstrikes along with two of his guards.", "killed", (3, None)),
        # speakers the parser read as more victims
        ("A bomb went off in the market, killing nine people, police and a nurse said.", "bomb", (9, None)),
        # one person described twice; a shared "the" names two
        ("A village chief and former teacher was killed by gunmen on Sunday.", "killed", (1, None)),
        ("A bomb killed the mayor and police chief of the town on Sunday.", "bomb", (2, None)),
        ("An officer fatally shot a student -- two rounds in the back and one in the neck.", "shot", (1, None)),
        # the second participle tagged as a past tense still takes the passive subject
        ("A trader was shot at close range and killed late on Sunday near the market.", "shot", (1, None)),
    ],
)
def test_counts(nlp, text: str, trigger: str, expected: tuple[int | None, int | None]) -> None:
    doc = nlp(text)
    got = count_casualties(doc, mention_on(doc, trigger))
    assert (got.fatalities, got.injured) == expected


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("During 44-day-long clashes, the army liberated seven adjacent regions.", "clashes"),
        ("The rebels destroyed two vehicles in the raid.", "raid"),
        ("The militants paid $2 million in ransom after the raid.", "raid"),
        ("Civilians were killed in the shelling.", "shelling"),  # no number stated
    ],
)
def test_numbers_that_are_not_casualties(nlp, text: str, trigger: str) -> None:
    doc = nlp(text)
    assert count_casualties(doc, mention_on(doc, trigger)) == Casualties(None, None)


def _parsed(rows: list[tuple[str, str, str, int, str]]):
    """A hand-built parse: (word, tag, pos, head index, dependency) per token."""
    words, tags, pos, heads, deps = (list(col) for col in zip(*rows, strict=True))
    lemmas = ["kill" if w.startswith("kill") else "be" if w == "was" else w.lower() for w in words]
    return Doc(spacy.blank("en").vocab, words=words, tags=tags, pos=pos, heads=heads, deps=deps, lemmas=lemmas)


def test_a_trailing_toll_belongs_to_the_event_before_it_whatever_verb_the_parser_hung_it_on() -> None:
    # "killing" hung on "claimed", whose own subject would make it another event's toll
    doc = _parsed(
        [
            ("Rebels", "NNS", "NOUN", 1, "nsubj"),
            ("claimed", "VBD", "VERB", 1, "ROOT"),
            ("the", "DT", "DET", 3, "det"),
            ("attack", "NN", "NOUN", 1, "dobj"),
            ("where", "WRB", "ADV", 7, "advmod"),
            ("a", "DT", "DET", 6, "det"),
            ("bomb", "NN", "NOUN", 7, "nsubj"),
            ("exploded", "VBD", "VERB", 3, "relcl"),
            (",", ",", "PUNCT", 1, "punct"),
            ("killing", "VBG", "VERB", 1, "advcl"),
            ("10", "CD", "NUM", 11, "nummod"),
            ("people", "NNS", "NOUN", 9, "dobj"),
        ]
    )
    assert count_casualties(doc, mention_on(doc, "exploded")).fatalities == 10
    # ... but not past another event with its own subject: the storming's toll, not the blast's
    doc = _parsed(
        [
            ("Police", "NNS", "NOUN", 1, "nsubj"),
            ("said", "VBD", "VERB", 1, "ROOT"),
            ("a", "DT", "DET", 3, "det"),
            ("bomb", "NN", "NOUN", 4, "nsubj"),
            ("exploded", "VBD", "VERB", 1, "ccomp"),
            ("and", "CC", "CCONJ", 4, "cc"),
            ("gunmen", "NNS", "NOUN", 7, "nsubj"),
            ("stormed", "VBD", "VERB", 4, "conj"),
            ("the", "DT", "DET", 9, "det"),
            ("hall", "NN", "NOUN", 7, "dobj"),
            (",", ",", "PUNCT", 1, "punct"),
            ("killing", "VBG", "VERB", 1, "advcl"),
            ("five", "CD", "NUM", 13, "nummod"),
            ("guests", "NNS", "NOUN", 11, "dobj"),
        ]
    )
    assert count_casualties(doc, mention_on(doc, "exploded")).fatalities is None


def test_another_victim_is_one(nlp) -> None:
    doc = nlp("In the south, soldiers shot another Palestinian dead.")
    assert count_casualties(doc, mention_on(doc, "shot")).fatalities == 1


def test_a_fronted_direction_is_no_victim(nlp) -> None:
    # "North" parsed as a second subject of the passive verb
    doc = nlp("North of Baghdad, five civilians and a police officer were killed in separate attacks in Baquba.")
    assert count_casualties(doc, mention_on(doc, "killed")).fatalities == 6


def test_a_name_with_an_age_is_one_person(nlp) -> None:
    # a name ending in "s" is tagged plural; its age between commas says it is one person
    doc = nlp("Menezes, 27, was shot and killed by police on July 22.")
    assert count_casualties(doc, mention_on(doc, "killed")).fatalities == 1


@pytest.mark.parametrize(
    "text",
    [
        # the fronted aside parsed as a second subject, a pronoun ("another")
        "Separately in Zabul -- another of the country's restive southern provinces -- a district governor was "
        "killed by a roadside bomb.",
        # the "_" of a wire's dash parsed as the object of "killed"
        "Near the town of Mersa, a 31-year-old farmer was shot and killed _ reportedly as he drove home.",
    ],
)
def test_a_victim_the_parser_hid_behind_an_aside_or_a_stray_mark(nlp, text: str) -> None:
    doc = nlp(text)
    assert count_casualties(doc, mention_on(doc, "killed")).fatalities == 1


def test_a_stray_mark_heading_the_victims_gives_way_to_them() -> None:
    # "Police shot and killed seven youths _ all aged 15 to 20 _ during a raid", with the dash's "_"
    # the object and the victims a compound of it
    doc = _parsed(
        [
            ("Police", "NNS", "NOUN", 1, "nsubj"),
            ("shot", "VBD", "VERB", 1, "ROOT"),
            ("and", "CC", "CCONJ", 1, "cc"),
            ("killed", "VBD", "VERB", 1, "conj"),
            ("seven", "CD", "NUM", 5, "nummod"),
            ("youths", "NNS", "NOUN", 6, "compound"),
            ("_", "NN", "NOUN", 3, "dobj"),
            ("during", "IN", "ADP", 3, "prep"),
            ("a", "DT", "DET", 9, "det"),
            ("raid", "NN", "NOUN", 7, "pobj"),
            (".", ".", "PUNCT", 1, "punct"),
        ]
    )
    assert count_casualties(doc, mention_on(doc, "killed")).fatalities == 7


def test_victims_parsed_as_the_subject_of_a_participle_tagged_past_tense(nlp) -> None:
    # "invited" tagged VBD, with "nine traders" its subject and no subject left for "were killed"
    doc = nlp("Kadu, a town near the border, made headlines when nine traders invited to a market meeting were "
              "killed by gunmen.")  # fmt: skip
    assert count_casualties(doc, mention_on(doc, "killed")).fatalities == 9


def test_a_passive_subject_parsed_as_an_apposition_before_the_verb() -> None:
    # "According to the agency Ruptly, captain Okonkwo of the Guards was killed in clashes.", with
    # the captain read as another name of the agency and the verb left without a subject
    doc = _parsed(
        [
            ("According", "VBG", "VERB", 12, "prep"),
            ("to", "IN", "ADP", 0, "prep"),
            ("the", "DT", "DET", 4, "det"),
            ("agency", "NN", "NOUN", 4, "compound"),
            ("Ruptly", "NNP", "PROPN", 1, "pobj"),
            (",", ",", "PUNCT", 4, "punct"),
            ("captain", "NN", "NOUN", 7, "compound"),
            ("Okonkwo", "NNP", "PROPN", 4, "appos"),
            ("of", "IN", "ADP", 7, "prep"),
            ("the", "DT", "DET", 10, "det"),
            ("Guards", "NNPS", "PROPN", 8, "pobj"),
            ("was", "VBD", "AUX", 12, "auxpass"),
            ("killed", "VBN", "VERB", 12, "ROOT"),
            ("in", "IN", "ADP", 12, "prep"),
            ("clashes", "NNS", "NOUN", 13, "pobj"),
            (".", ".", "PUNCT", 12, "punct"),
        ]
    )
    assert count_casualties(doc, mention_on(doc, "clashes")).fatalities == 1


def test_a_victim_named_in_an_apposition_of_a_word_without_number() -> None:
    # "The Front   s (NF) Deputy Commander, Ilyas Barre, was killed": the possessive's "s" read as the
    # subject (tagged plural); the first apposition, "NF", is no name; the second names one man
    doc = _parsed(
        [
            ("The", "DT", "DET", 2, "det"),
            ("Front", "NNP", "PROPN", 2, "compound"),
            ("s", "NNPS", "PROPN", 13, "nsubjpass"),
            ("(", "-LRB-", "PUNCT", 2, "punct"),
            ("NF", "NN", "NOUN", 2, "appos"),
            (")", "-RRB-", "PUNCT", 2, "punct"),
            ("Deputy", "NNP", "PROPN", 7, "compound"),
            ("Commander", "NNP", "PROPN", 2, "appos"),
            (",", ",", "PUNCT", 7, "punct"),
            ("Ilyas", "NNP", "PROPN", 10, "compound"),
            ("Barre", "NNP", "PROPN", 7, "appos"),
            (",", ",", "PUNCT", 7, "punct"),
            ("was", "VBD", "AUX", 13, "auxpass"),
            ("killed", "VBN", "VERB", 13, "ROOT"),
            ("in", "IN", "ADP", 13, "prep"),
            ("a", "DT", "DET", 17, "det"),
            ("drone", "NN", "NOUN", 17, "compound"),
            ("strike", "NN", "NOUN", 14, "pobj"),
            (".", ".", "PUNCT", 13, "punct"),
        ]
    )
    assert count_casualties(doc, mention_on(doc, "strike")).fatalities == 1


@pytest.mark.parametrize(("trigger", "expected"), [("fired", (None, None)), ("bomb", (4, None))])
def test_two_events_in_one_sentence(nlp, trigger: str, expected: tuple[int | None, int | None]) -> None:
    doc = nlp("Police fired tear gas at protesters in the capital, while in the north a bomb killed four people.")
    got = count_casualties(doc, mention_on(doc, trigger))
    assert (got.fatalities, got.injured) == expected


@pytest.mark.parametrize(
    ("items", "merged"),
    [
        ((Casualties(2, None), Casualties(None, None)), Casualties(2, None)),
        ((Casualties(2, 5), Casualties(3, None)), Casualties(3, 5)),
        ((Casualties(None, None),), Casualties(None, None)),
        ((Casualties(0, 0), Casualties(1, None)), Casualties(1, 0)),
    ],
)
def test_merge(items: tuple[Casualties, ...], merged: Casualties) -> None:
    assert merge_casualties(*items) == merged


def test_karabakh(nlp, karabakh_article) -> None:
    doc = nlp(karabakh_article.text)
    assert count_casualties(doc, mention_on(doc, "exploded")) == Casualties(2, None)
    assert count_casualties(doc, mention_on(doc, "killed")) == Casualties(2, None)
    assert count_casualties(doc, mention_on(doc, "explosion")) == Casualties(None, None)
    assert count_casualties(doc, mention_on(doc, "clashes")) == Casualties(None, None)
    assert count_casualties(doc, mention_on(doc, "launched")) == Casualties(None, None)


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        (
            "A truck blew up after striking a landmine on the road, and two civilians were killed.",
            "landmine",
            Casualties(2, None),
        ),
        (
            "Rebels killed five soldiers in Tame, two days after an airstrike hit the town.",
            "airstrike",
            Casualties(None, None),
        ),
        # a fronted "In other attacks," frames the sentence: its toll is no other incident's
        (
            "In other attacks, a man was killed and his wife and son seriously wounded by a roadside bomb near "
            "the oil refinery town of Baiji.",
            "bomb",
            Casualties(1, 2),
        ),
    ],
)
def test_governing_clauses_tell_the_triggers_event(nlp, text, trigger, expected):
    doc = nlp(text)
    assert count_casualties(doc, mention_on(doc, trigger)) == expected


def test_as_parsed_as_a_preposition_still_tells_the_same_incident(nlp) -> None:
    """'... as a convoy was passing, killing two guards', with 'as' parsed as a preposition."""
    from spacy.tokens import Doc

    words = ["A", "bomb", "exploded", "as", "a", "convoy", "was", "passing", ",", "killing", "two", "guards", "."]
    heads = [1, 2, 2, 2, 5, 7, 7, 3, 7, 7, 11, 9, 2]
    deps = ["det", "nsubj", "ROOT", "prep", "det", "nsubj", "aux", "pcomp", "punct", "advcl", "nummod", "dobj", "punct"]
    pos = ["DET", "NOUN", "VERB", "ADP", "DET", "NOUN", "AUX", "VERB", "PUNCT", "VERB", "NUM", "NOUN", "PUNCT"]
    tags = ["DT", "NN", "VBD", "IN", "DT", "NN", "VBD", "VBG", ",", "VBG", "CD", "NNS", "."]
    lemmas = ["a", "bomb", "explode", "as", "a", "convoy", "be", "pass", ",", "kill", "two", "guard", "."]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas,
              sent_starts=[True] + [False] * (len(words) - 1))  # fmt: skip
    assert count_casualties(doc, mention_on(doc, "bomb")) == Casualties(2, None)


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "three wounded" shares the passive of "were killed": a victim, not the agent of another attack
        ("Gunmen attacked a police post in Gao on Monday. Five policemen were killed and three wounded, "
         "a security source said.", [(5, 3, 2)]),
        # outcome sentences give their toll to the incident told right before
        ("A car bomb exploded at a checkpoint in Mogadishu on Monday. Seven soldiers were killed. "
         "More than 30 people were wounded.", [(7, 30, 3)]),
        # a tally over time, a toll of its own year, of another incident or of a disaster is nobody's toll
        ("Gunmen attacked a bus near Gao on Monday. The war has killed 3,000 people since 2019.", [(None, None, 1)]),
        ("Gunmen attacked a bus near Gao on Monday. In 2019, 40 people died in floods.", [(None, None, 1)]),
        ("Gunmen attacked a bus near Gao on Monday. Separately, a road accident killed six people.",
         [(None, None, 1)]),
        ("Gunmen attacked a bus near Gao on Monday. A cholera outbreak has killed 12 people in the town.",
         [(None, None, 1)]),
        ("A grenade exploded outside the market on Monday. Three children died in a fire at their home.",
         [(None, None, 1)]),
    ],
)  # fmt: skip
def test_tolls_told_apart_from_their_incident(real_pipeline, text: str, expected: list[tuple]) -> None:
    events = extract(text, "2024-03-13", pipeline=real_pipeline)
    assert [(e.fatalities, e.injured, len(e.evidence)) for e in events] == expected


def test_outcome_counts(nlp) -> None:
    sents = [next(nlp(text).sents) for text in ("Nine passengers died and 12 others were wounded, officials said.",
                                                "The conflict has killed 400 people this year.")]  # fmt: skip
    assert [outcome_casualties(s) for s in sents] == [Casualties(9, 12), Casualties(None, None)]


def test_the_toll_where_an_inverted_passive_struck(nlp) -> None:
    # "Also shelled was the village ..., where ...": the village is what the shelling struck
    doc = nlp("Also shelled was the nearby village of Tumba, where three people were killed -- a mother and two sons.")
    assert count_casualties(doc, mention_on(doc, "shelled")).fatalities == 3
    # a toll of its own time at the place stays apart
    doc = nlp("Rebels attacked the village of Tumba, where 28 people were killed last year.")
    assert count_casualties(doc, mention_on(doc, "attacked")).fatalities is None


def test_one_toll_told_with_several_incidents_is_counted_once(real_pipeline) -> None:
    text = (
        "Police fired tear gas and rubber bullets at thousands of students protesting in Dhaka on Thursday, "
        "and at least 12 people were killed in clashes across the country, hospital officials said."
    )
    events = [e for e in extract(text, "2024-08-02", pipeline=real_pipeline) if e.event_type]
    assert len(events) >= 2  # the protest and the clashes are told apart
    assert [e.fatalities for e in events if e.fatalities is not None] == [12]  # not once per incident
    (clashes,) = [e for e in events if e.fatalities == 12]
    assert clashes.sub_event_type == "Armed clash"  # the incident the toll names ("killed in clashes")


@pytest.mark.parametrize(
    ("update", "expected"),
    [
        ("On Tuesday, rescuers pulled two more bodies from the rubble, raising the death toll to nine.", 9),
        ("By Tuesday evening the death toll had risen to 11, the governor said.", 11),
        # dead added to the toll, not a new total
        ("Two more of the wounded died of their wounds in hospital on Tuesday.", 9),
        # a tally over the war is no update of the strike's toll
        ("The war's death toll has risen to more than 10,000 civilians, the UN says.", 7),
    ],
)
def test_a_toll_update_a_few_sentences_on_updates_the_incident(real_pipeline, update: str, expected: int) -> None:
    text = (
        "Russian missiles struck an apartment block in Kharkiv on Monday night, killing at least seven people. "
        "Ukraine's air force said it had shot down 12 of the 16 missiles launched overnight. "
        f"Russia's defence ministry denied targeting civilians. {update}"
    )
    events = [e for e in extract(text, "2024-05-14", pipeline=real_pipeline) if e.fatalities is not None]
    assert [e.fatalities for e in events] == [expected]
