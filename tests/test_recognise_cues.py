"""Recognition cues on hand-built Docs with tiny in-memory gazetteers: number-word street names,
small towns named after a locative cue, places closing an organisation's name."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from sitrep.extract.types import GazEntry
from sitrep.geo.gazetteer import MemoryGazetteer
from sitrep.geo.geoparser import Geoparser
from tests.test_geoparser import make_doc, resolved


def _entry(gid: int | None, name: str, feature: str, pop: int, country: str | None = "GBR",
           admin1: str | None = None) -> GazEntry:
    return GazEntry(geonameid=gid, name=name, lat=51.0, lon=0.5, country=country, feature=feature, admin1=admin1,
                    population=pop)


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


def _resolved(gaz: MemoryGazetteer, doc: Doc) -> dict[str, int | None]:
    return resolved(Geoparser(gaz)(doc))


def test_a_street_named_by_a_number_word_is_placed_at_its_town(nlp) -> None:
    gaz = MemoryGazetteer([_entry(1, "Harare", "city", 1_500_000, "ZWE")])
    doc = make_doc(nlp, "The council renamed Third Street in Harare.", [("Harare", "GPE")])
    assert _resolved(gaz, doc) == {"Third Street": 1, "Harare": 1}


def test_a_small_town_after_a_locative_cue_passes_a_lower_floor(nlp) -> None:
    gaz = MemoryGazetteer([_entry(1, "Coggeshall", "city", 4_727), _entry(2, "Congress", "city", 1_975, "USA")])
    doc = make_doc(nlp, "A cyclist was hurt on the road at Coggeshall on Friday.")
    assert _resolved(gaz, doc) == {"Coggeshall": 1}
    doc = make_doc(nlp, "A cyclist was hurt. Coggeshall council will act.")
    assert _resolved(gaz, doc) == {}  # no cue: the usual floor
    doc = make_doc(nlp, "A letter came from Coggeshall on Friday.")
    assert _resolved(gaz, doc) == {}  # "from" tells a source as often as a place
    doc = make_doc(nlp, "The sale needs approval in Congress this year.")
    assert _resolved(gaz, doc) == {}  # an institution, not the town in Arizona


def test_a_big_city_closing_an_organisations_name_is_a_place(nlp) -> None:
    gaz = MemoryGazetteer([_entry(1, "Singapore", "city", 5_638_700, "SGP"),
                           _entry(2, "Morris County", "admin2", 490_000, "USA"),
                           _entry(3, "Eu", "city", 8_425, "FRA"), _entry(None, "European Union", "region", 0, None)],
                          aliases={"Morris County": ["Morris"], "European Union": ["EU"]})
    doc = make_doc(nlp, "Speakers came from CSA Singapore on Monday.", [("CSA Singapore", "ORG")])
    assert _resolved(gaz, doc) == {"Singapore": 1}
    doc = make_doc(nlp, "The housing director told Cllr Morris nothing.", [("Cllr Morris", "ORG")])
    assert _resolved(gaz, doc) == {}  # not by its own name: no county
    # A name opening one counts when any of its readings is wide, not only the first.
    doc = make_doc(nlp, "They wrote to the EU Transport Commissioner.", [("EU Transport Commissioner", "ORG")])
    assert [(p.text, p.entry and p.entry.name) for p in Geoparser(gaz)(doc)] == [("EU", "European Union")]


def test_a_province_named_by_two_words_that_are_rarely_places_is_still_a_place(nlp) -> None:
    gaz = MemoryGazetteer([_entry(1, "Western Cape", "admin1", 7_753_750, "ZAF")])
    doc = make_doc(nlp, "A Western Cape SAPS spokesperson said so.", [("Western Cape SAPS", "ORG")])
    assert _resolved(gaz, doc) == {"Western Cape": 1}


def test_a_long_entity_that_is_wholly_a_country_is_looked_up_whole(nlp) -> None:
    gaz = MemoryGazetteer([_entry(1, "South Korea", "country", 51_600_000, "KOR"),
                           _entry(2, "North Korea", "country", 25_500_000, "PRK")],
                          aliases={"South Korea": ["Korea"], "North Korea": ["Democratic People's Republic of Korea"]})
    text = "The threat facing the Democratic People's Republic of Korea grew."
    doc = make_doc(nlp, text, [("the Democratic People's Republic of Korea", "ORG")])
    assert _resolved(gaz, doc) == {"Democratic People's Republic of Korea": 2}  # not the Korea inside it


def test_where_someone_lives_and_where_a_team_is_based_are_places(nlp) -> None:
    gaz = MemoryGazetteer([_entry(1, "Hayes", "city", 93_928), _entry(2, "Kent", "admin2", 1_407_942)])
    doc = make_doc(nlp, "Miss Abdhou, of Hayes, was not a target.", [("Hayes", "PERSON")])
    assert _resolved(gaz, doc) == {"Hayes": 1}
    doc = make_doc(nlp, "They joined the Kent-based outfit.", [("Kent", "PERSON")])
    assert _resolved(gaz, doc) == {"Kent": 2}
    doc = make_doc(nlp, "A letter of Hayes was read out.", [("Hayes", "PERSON")])
    assert _resolved(gaz, doc) == {}  # no cue: the model's person stands


def test_a_place_the_model_calls_a_product_joins_a_list_of_places(nlp) -> None:
    gaz = MemoryGazetteer([_entry(1, "Nitra", "city", 78_000, "SVK"), _entry(2, "Prešov", "city", 82_927, "SVK"),
                           _entry(3, "Košice", "city", 228_000, "SVK")])
    text = "It sold its stores in Nitra, Prešov and Košice last year."
    doc = make_doc(nlp, text, [("Nitra", "GPE"), ("Prešov", "PRODUCT"), ("Košice", "GPE")])
    assert _resolved(gaz, doc) == {"Nitra": 1, "Prešov": 2, "Košice": 3}
    doc = make_doc(nlp, "The Prešov sold well last year.", [("Prešov", "PRODUCT")])
    assert _resolved(gaz, doc) == {}  # alone and with no cue, the product stands


def test_a_name_read_as_a_date_or_a_language_is_a_place_after_a_cue(nlp) -> None:
    gaz = MemoryGazetteer([_entry(1, "Mayadeen", "city", 54_000, "SYR"), _entry(2, "Aleppo", "city", 2_000_000, "SYR"),
                           _entry(3, "May", "city", 9_000, "USA")])
    doc = make_doc(nlp, "He was killed in Mayadeen on Friday.", [("Mayadeen", "DATE"), ("Friday", "DATE")])
    doc[4].pos_ = doc[6].pos_ = "PROPN"
    assert _resolved(gaz, doc) == {"Mayadeen": 1}
    doc = make_doc(nlp, "The talks end in May.", [("May", "DATE")])
    doc[4].pos_ = "PROPN"
    assert _resolved(gaz, doc) == {}  # a month
    doc = make_doc(nlp, "An assault began in southern Aleppo.", [("Aleppo", "LANGUAGE")])
    assert _resolved(gaz, doc) == {"Aleppo": 2}  # "southern": a part of a place
    doc = make_doc(nlp, "They spoke Aleppo Arabic at home.", [("Aleppo Arabic", "LANGUAGE")])
    assert _resolved(gaz, doc) == {}


def test_the_battle_for_a_town_and_a_hyphenated_name_the_tokenizer_split(nlp) -> None:
    gaz = MemoryGazetteer([_entry(1, "Manbij", "city", 100_000, "SYR"),
                           _entry(2, "Mazar-e-Sharif", "city", 500_000, "AFG"),
                           _entry(3, "Mazar", "city", 20_000, "JOR")])
    doc = make_doc(nlp, "Fighters died in the battle for Manbij.", [("Manbij", "PRODUCT")])
    assert _resolved(gaz, doc) == {"Manbij": 1}
    doc = make_doc(nlp, "They raised a fund for Manbij.", [("Manbij", "PRODUCT")])
    assert _resolved(gaz, doc) == {}  # "for" alone is no cue
    doc = make_doc(nlp, "The city of Mazar-e-Sharif fell.", [("Mazar", "LOC")])
    assert _resolved(gaz, doc) == {"Mazar-e-Sharif": 2}


def test_an_unknown_name_tagged_as_a_noun_is_a_place_only_after_a_cue(nlp) -> None:
    gaz = MemoryGazetteer([_entry(1, "Taez", "city", 900_000, "YEM")])

    def tagged(text: str) -> Doc:
        doc = make_doc(nlp, text)
        for token in doc:
            token.tag_, token.pos_ = ("NN", "NOUN") if token.is_alpha else (".", "PUNCT")
        return doc

    assert _resolved(gaz, tagged("Nine people were killed in Taez on Friday.")) == {"Taez": 1}
    assert _resolved(gaz, tagged("The Taez officials met on Friday.")) == {}
