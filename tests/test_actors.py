"""Actor extraction: table look-ups (no model) and roles from parses (real model)."""

from __future__ import annotations

import pytest

from sitrep.extract.actors import ActorExtractor, ActorLexicon, country_of_text, extract_actors
from sitrep.extract.events import EventDetector


@pytest.fixture(scope="module")
def lexicon() -> ActorLexicon:
    return ActorLexicon.load()


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Azerbaijan's Ministry of Defence", "AZE"),
        ("the Armenian armed forces", "ARM"),
        ("Armenia’s armed forces", "ARM"),
        ("South Korean troops", "KOR"),
        ("North Korea", "PRK"),
        ("Ivorian gendarmes", "CIV"),
        ("US officials", "USA"),
        ("the Democratic Republic of the Congo", "COD"),
        ("Burkinabe soldiers", "BFA"),
    ],
)
def test_country_of_text(lexicon: ActorLexicon, text: str, iso3: str) -> None:
    assert lexicon.country_of_text(text) == iso3


@pytest.mark.parametrize("text", ["they told us about the plan", "a quiet afternoon", ""])
def test_country_of_text_none(lexicon: ActorLexicon, text: str) -> None:
    assert lexicon.country_of_text(text) is None


def test_country_of_text_function() -> None:
    assert country_of_text("Azerbaijan's Ministry of Defence") == "AZE"


def test_every_country_has_name(lexicon: ActorLexicon) -> None:
    assert len(lexicon.country_names) >= 249
    assert lexicon.country_names["RUS"] == "Russia"
    assert all(len(iso) == 3 and iso.isupper() for iso in lexicon.country_names)


@pytest.mark.parametrize(
    ("text", "name", "sector", "inter"),
    [
        ("al-Shabaab fighters", "Al-Shabaab", "REB", 2),
        ("Boko Haram", "Boko Haram", "REB", 2),
        ("the Houthis", "Houthis", "REB", 2),
        ("ISWAP", "Islamic State West Africa Province", "REB", 2),
    ],
)
def test_organisations(lexicon: ActorLexicon, text: str, name: str, sector: str, inter: int) -> None:
    org = lexicon.organisation_of_text(text)
    assert org is not None and (org.name, org.sector, org.inter) == (name, sector, inter)


def test_acronyms_match_case_sensitively(lexicon: ActorLexicon) -> None:
    assert lexicon.organisation_of_text("it is what it is") is None
    assert lexicon.country_of_text("let us go") is None




@pytest.fixture(scope="module")
def tools() -> tuple[EventDetector, ActorExtractor]:
    return EventDetector(embedder=False), ActorExtractor()


def _actors(nlp, tools, text: str, default_country: str | None = None):
    detector, extractor = tools
    doc = nlp(text)
    mentions = [m for m in detector(doc) if m.event_type or m.plover_event]
    assert mentions, text
    return extractor(doc, mentions[0], default_country=default_country)


@pytest.mark.parametrize(
    ("text", "default", "actor1", "actor2"),
    [
        (
            "Gunmen killed five villagers near the market.",
            "NGA",
            ("Unidentified Armed Group (Nigeria)", "NGA", "UAG", 8),
            ("Civilians (Nigeria)", "NGA", "CVL", 7),
        ),
        (
            "Israeli warplanes struck Hamas positions in Gaza.",
            None,
            ("Military Forces of Israel", "ISR", "MIL", 1),
            ("Hamas", "PSE", "REB", 2),
        ),
        (
            "Five Kenyan soldiers were killed by al-Shabaab militants.",
            "KEN",
            ("Al-Shabaab", "SOM", "REB", 2),
            ("Military Forces of Kenya", "KEN", "MIL", 1),
        ),
        (
            "Thousands of protesters marched through Nairobi.",
            "KEN",
            ("Protesters (Kenya)", "KEN", "PTR", 6),
            None,
        ),
        (
            "Nigerian police arrested ten suspected kidnappers.",
            None,
            ("Police Forces of Nigeria", "NGA", "COP", 1),
            # unnamed kidnappers take the article's country (the Nigerian police make it Nigeria)
            ("Unidentified Armed Group (Nigeria)", "NGA", "UAG", 8),
        ),
    ],
)
def test_actor_roles(nlp, tools, text, default, actor1, actor2) -> None:
    a1, a2 = _actors(nlp, tools, text, default)
    assert (a1.name, a1.country, a1.sector, a1.inter) == actor1 if actor1 else a1 is None
    assert (a2.name, a2.country, a2.sector, a2.inter) == actor2 if actor2 else a2 is None


def test_actor_text_is_span_as_written(nlp, tools) -> None:
    a1, _ = _actors(nlp, tools, "Armenia's armed forces shelled the village.")
    assert a1 is not None and a1.text == "Armenia's armed forces" and a1.country == "ARM"


def test_extract_actors_function(nlp) -> None:
    doc = nlp("Rebels attacked an army base in the north.")
    (mention,) = [m for m in EventDetector(embedder=False)(doc) if m.event_type]
    a1, a2 = extract_actors(doc, mention, default_country="MLI")
    assert a1 is not None and (a1.sector, a1.inter, a1.country) == ("REB", 2, "MLI")


def test_founding_example_actors(nlp, tools, karabakh_article) -> None:
    detector, extractor = tools
    doc = nlp(karabakh_article.text)
    sents = list(doc.sents)
    got = {}
    for m in detector(doc):
        text = sents[m.sent_index].text
        for key in ("killed two civilians", "Internal Troops"):
            if key in text and m.event_type:
                got[key] = extractor(doc, m, default_country="AZE")
    a1, a2 = got["killed two civilians"]
    assert (a1.country, a1.sector, a1.inter) == ("ARM", "MIL", 1)
    assert (a2.name, a2.country, a2.sector, a2.inter) == ("Civilians (Azerbaijan)", "AZE", "CVL", 7)
    a1, a2 = got["Internal Troops"]
    assert (a1.country, a1.sector) == ("ARM", "MIL")
    assert a2.country == "AZE" and a2.inter == 1


@pytest.mark.parametrize(
    ("text", "default", "country", "sector"),
    [
        # the article's focus (demonyms on actors) beats the places' country from a dateline
        ("BANGKOK — Myanmar's army said rebels attacked an outpost near the town.", "THA", "MMR", "REB"),
        # generic and named local armed groups take the article's country
        ("Rival armed factions in the Libyan city of Misrata clashed on Monday.", None, "LBY", "REB"),
        ("Armed robbers attacked a bank in Johannesburg, South Africa, killing a guard.", None, "ZAF", "CRM"),
        # a weapon named with its owner: that state's forces
        ("A Russian missile struck a building in Kharkiv, killing three people.", "UKR", "RUS", "MIL"),
        # "what it calls an operation": the state that began it, not "it"
        ('Azerbaijan has begun what it calls an "anti-terrorist" operation in Nagorno-Karabakh.', None, "AZE", "MIL"),
        # plain men who open fire are an unidentified armed group
        ("Eight men opened fire on guards outside a mall in Durban, South Africa.", None, "ZAF", "UAG"),
    ],
)
def test_actor1_country_and_sector(nlp, tools, text, default, country, sector) -> None:
    a1, _ = _actors(nlp, tools, text, default)
    assert a1 is not None and (a1.country, a1.sector) == (country, sector), a1


def test_claim_of_responsibility_names_the_bomber(nlp, tools) -> None:
    text = (
        "A roadside bomb tore through a Somali army convoy near Baidoa, killing three soldiers.\n\n"
        "In a statement, al-Shabaab claimed responsibility for the attack."
    )
    a1, a2 = _actors(nlp, tools, text)
    assert a1 is not None and (a1.name, a1.country, a1.sector, a1.inter) == ("Al-Shabaab", "SOM", "REB", 2)
    assert a2 is not None and (a2.country, a2.sector) == ("SOM", "MIL")


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        (
            "BANGKOK — Myanmar's military fought Karen rebels.\n\nThai officials said people crossed into Thailand.",
            "MMR",
        ),
        ("NAIROBI – Somali troops clashed with al-Shabaab near Kismayo, a Kenyan official said.", "SOM"),
        ("A quiet day with nothing to report.", None),
        # a named group of one country outweighs a country named in passing
        (
            "MOGADISHU – Al-Shabaab militants attacked a military base in Balad on Sunday.\n\n"
            "The attack came a week after the government signed a security agreement with Turkey.",
            "SOM",
        ),
    ],
)
def test_focus_country(nlp, lexicon: ActorLexicon, text: str, iso3: str | None) -> None:
    assert lexicon.focus_country(nlp(text)) == iso3


@pytest.mark.parametrize(
    ("text", "name", "iso3"),
    [("KNLA", "Karen National Liberation Army", "MMR"), ("the Tatmadaw", "Military Forces of Myanmar", "MMR")],
)
def test_new_organisations(lexicon: ActorLexicon, text: str, name: str, iso3: str) -> None:
    org = lexicon.organisation_of_text(text)
    assert org is not None and (org.name, org.country) == (name, iso3)


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("The minister blamed al-Shabaab for the attack.", "Al-Shabaab"),
        ("The government held the militia responsible for the bombing.", "Militia"),
    ],
)
def test_the_blamed_party_is_the_doer_not_the_one_who_blames(nlp, tools, text, actor1) -> None:
    detector, extractor = tools
    doc = nlp(text)
    (attack,) = [m for m in detector(doc) if m.event_type is not None]  # the blaming itself is verbal
    a1, a2 = extractor(doc, attack, default_country="SOM")
    assert a1 is not None and actor1.lower() in a1.name.lower(), a1
    assert a2 is None or a2.sector not in ("GOV", "COP"), a2


def test_who_died_in_the_blast_are_victims_not_doers(nlp, tools) -> None:
    detector, extractor = tools
    doc = nlp("Seven police officers died in the blast near the checkpoint.")
    (blast,) = [m for m in detector(doc) if m.event_type is not None]
    a1, a2 = extractor(doc, blast, default_country="PAK")
    assert a1 is None or a1.sector != "COP", a1
    assert a2 is not None and a2.sector == "COP", a2


@pytest.mark.parametrize(
    ("text", "name"),
    [("Gang members looted the shops.", "Unidentified Gang (Haiti)"), ("Militia fighters stormed the village.",
                                                                        "Unidentified Militia (Haiti)")],
)
def test_members_of_a_kind_of_group_are_that_group(nlp, text, name) -> None:
    doc = nlp(text)
    assert ActorExtractor().actor(doc[1], violent=True, default_country="HTI").name == name
