"""Gazetteer: name keys, the in-memory and SQLite implementations, packaged tables."""

from __future__ import annotations

import time

import pytest

from sitrep.extract.types import GazEntry
from sitrep.geo.build import write_gazetteer
from sitrep.geo.gazetteer import Gazetteer, MemoryGazetteer, SqliteGazetteer, load_gazetteer, name_key
from sitrep.resources import read_tsv

FUZULI_TOWN = GazEntry(geonameid=148106, name="Füzuli", lat=39.60, lon=47.15, country="AZE", feature="city",
                       admin1="Füzuli", population=25100)
FUZULI_VILLAGE = GazEntry(geonameid=8630550, name="Fuzuli", lat=40.82, lon=46.13, country="AZE", feature="city",
                          admin1="Şəmkir", population=800)
AZERBAIJAN = GazEntry(geonameid=587116, name="Azerbaijan", lat=40.5, lon=47.5, country="AZE", feature="country",
                      population=10_000_000)


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Füzuli", "fuzuli"),
        ("FUZULI", "fuzuli"),
        ("Nagorno-Karabakh", "nagorno karabakh"),
        ("Nagorno Karabakh", "nagorno karabakh"),
        ("the Gaza Strip", "gaza strip"),
        ("Ağdam", "agdam"),
        ("Şuşa", "susa"),
        ("St. Louis", "st louis"),
        ("Bakı", "baki"),
    ],
)
def test_name_key_ignores_case_diacritics_and_punctuation(written: str, key: str) -> None:
    assert name_key(written) == key


def test_memory_gazetteer_finds_by_name_and_alias_most_populous_first() -> None:
    gaz = MemoryGazetteer([FUZULI_VILLAGE, FUZULI_TOWN, AZERBAIJAN], aliases={"Füzuli": ["Fizuli"]})
    assert [e.geonameid for e in gaz.candidates("fuzuli")] == [148106, 8630550]
    assert [e.geonameid for e in gaz.candidates("Fizuli")] == [148106]
    assert gaz.candidates("Atlantis") == []
    assert gaz.country("AZE") == AZERBAIJAN
    assert gaz.country("ARM") is None


def test_both_implementations_satisfy_the_protocol(tmp_path) -> None:
    path = tmp_path / "gaz.sqlite"
    write_gazetteer([(FUZULI_TOWN, ["Fizuli"]), (FUZULI_VILLAGE, []), (AZERBAIJAN, ["Republic of Azerbaijan"])], path)
    sqlite = SqliteGazetteer(path)
    assert isinstance(sqlite, Gazetteer)
    assert isinstance(MemoryGazetteer([]), Gazetteer)
    assert [e.geonameid for e in sqlite.candidates("FUZULI")] == [148106, 8630550]
    assert sqlite.candidates("Fizuli")[0] == FUZULI_TOWN
    assert sqlite.candidates("republic of azerbaijan") == [AZERBAIJAN]
    assert sqlite.country("AZE") == AZERBAIJAN
    sqlite.close()


def test_missing_gazetteer_file_is_a_resource_error(tmp_path) -> None:
    from sitrep.errors import ResourceError

    with pytest.raises(ResourceError):
        SqliteGazetteer(tmp_path / "absent.sqlite")


def test_regions_table_is_complete_and_valid() -> None:
    rows = list(read_tsv("regions.tsv"))
    assert len(rows) >= 40
    names = {r["name"] for r in rows}
    for wanted in ("Nagorno-Karabakh", "Karabakh", "Donbas", "Crimea", "Darfur", "Gaza Strip", "West Bank", "Kashmir"):
        assert wanted in names
    for r in rows:
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180, r["name"]
        assert r["country"] == "" or (len(r["country"]) == 3 and r["country"].isupper()), r["name"]
        assert r["source"], r["name"]


def test_country_points_are_iso3_and_plausible() -> None:
    points = {r["iso3"]: (float(r["lat"]), float(r["lon"])) for r in read_tsv("country_points.tsv")}
    assert points["USA"] == pytest.approx((39.76, -98.5))
    assert points["RUS"] == pytest.approx((60.0, 100.0))
    assert all(len(code) == 3 for code in points)


@pytest.mark.e2e
def test_real_gazetteer_loads_fast_and_knows_the_karabakh_places() -> None:
    load_gazetteer()  # builds once if the cache is cold
    start = time.perf_counter()
    gaz = load_gazetteer()
    assert time.perf_counter() - start < 1.0
    assert 148106 in {e.geonameid for e in gaz.candidates("Fuzuli")}
    assert 8630550 in {e.geonameid for e in gaz.candidates("Füzuli")}
    assert {e.country for e in gaz.candidates("Nagorno-Karabakh")} == {"AZE"}
    usa = gaz.country("USA")
    assert usa is not None and usa.lat == pytest.approx(39.76)
    assert gaz.candidates("Britain")[0].country == "GBR"
    assert gaz.candidates("Korea")[0].country == "KOR"  # the South, as news writes it alone
    assert any(e.feature == "admin1" and e.country == "UKR" for e in gaz.candidates("Kharkiv Oblast"))


def test_building_removes_cache_files_of_older_versions(tmp_path) -> None:
    from sitrep.geo.build import remove_stale

    old = tmp_path / "gazetteer-v3.sqlite"
    old.write_bytes(b"")
    other = tmp_path / "notes.txt"
    other.write_text("keep")
    target = tmp_path / "gazetteer-v99.sqlite"
    write_gazetteer([(AZERBAIJAN, ["Azerbaijan"])], target)
    assert remove_stale(target) == [old]
    assert target.exists() and other.exists() and not old.exists()


@pytest.mark.parametrize(
    ("name", "country", "written"),
    [
        ("Al Ḩawījah", "IRQ", "Hawija"),
        ("Al Qāmishlī", "SYR", "Qamishli"),
        ("Ar Raqqah", "SYR", "Raqqa"),
        ("Fallujah", "IRQ", "Falluja"),
    ],
)
def test_arabic_places_are_found_as_news_writes_them(name: str, country: str, written: str) -> None:
    from sitrep.extract.types import GazEntry
    from sitrep.geo.build import arabic_variants
    from sitrep.geo.names import name_key

    variants = {name_key(v) for v in arabic_variants(GazEntry(1, name, 0.0, 0.0, country, "city"), [])}
    assert name_key(written) in variants


def test_arabic_variants_leave_other_countries_and_short_names_alone() -> None:
    from sitrep.extract.types import GazEntry
    from sitrep.geo.build import arabic_variants

    assert arabic_variants(GazEntry(1, "Savannah", 0.0, 0.0, "USA", "city"), []) == set()
    assert "Ain" not in arabic_variants(GazEntry(1, "Al Ain", 0.0, 0.0, "ARE", "city"), [])
