"""Extending the gazetteer from a GeoNames dump (``sitrep gazetteer build --geonames``).

The dump here is a handful of lines written in GeoNames' 19-column layout; the packaged
rows are replaced by a small stand-in so that no test builds the full gazetteer.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import cli
from sitrep.errors import InputError
from sitrep.extract.types import GazEntry
from sitrep.geo import build
from sitrep.geo.gazetteer import SqliteGazetteer, load_gazetteer
from sitrep.geo.geonames_dump import extend_with_dump, parse_line, read_divisions, read_dump


def _line(gid, name, alts, lat, lon, fclass, fcode, cc, a1="", a2="", pop=0) -> str:
    cols = [str(gid), name, name, ",".join(alts), str(lat), str(lon), fclass, fcode, cc, "", a1, a2, "", "",
            str(pop), "", "0", "Asia/Baku", "2024-01-01"]  # fmt: skip
    return "\t".join(cols)


DUMP_LINES = [
    _line(1001, "Fuzuli Rayon", ["Fuzuli District"], 39.55, 47.10, "A", "ADM1", "AZ", "F1"),
    _line(1002, "Qarabag Dairesi", [], 39.70, 47.00, "A", "ADM2", "AZ", "F1", "Q2"),
    _line(2001, "Ahmadbayli", ["Ahmadbeyli", "ahmadbayli", "AHM"], 39.66, 47.04, "P", "PPL", "AZ", "F1", "Q2", 120),
    _line(2002, "Zamzam Camp", ["Zamzam"], 13.48, 25.30, "S", "CMPRF", "SD", pop=400000),
    _line(2003, "Kura River", [], 40.0, 48.0, "H", "STM", "AZ"),  # rivers are not kept
    _line(3001, "Baku", ["Baki"], 40.38, 49.89, "P", "PPLC", "AZ", pop=2000000),  # already packaged
]


def _write_zip(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "AZ.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("AZ.txt", "\n".join(lines) + "\n")
        archive.writestr("readme.txt", "not data")
    return path


def _packaged() -> list[tuple[GazEntry, set[str]]]:
    return [
        (GazEntry(1001, "Fuzuli District", 10.0, 10.0, "AZE", "admin1", population=5), {"Fuzuli"}),
        (GazEntry(3001, "Baku", 40.4, 49.9, "AZE", "city", population=2_000_000), {"Baki"}),
        (GazEntry(None, "Karabakh", 39.8, 46.8, "AZE", "region"), set()),
    ]


def test_parse_line_reads_the_columns_sitrep_uses():
    record = parse_line(DUMP_LINES[2], where="x")
    assert (record.geonameid, record.name, record.feature_class, record.country) == (2001, "Ahmadbayli", "P", "AZ")
    assert (record.admin1_code, record.admin2_code, record.population) == ("F1", "Q2", 120)
    assert record.alternates == ("Ahmadbeyli", "ahmadbayli", "AHM")


def test_a_malformed_line_names_where_it_is():
    with pytest.raises(InputError, match="AZ.txt line 7"):
        parse_line("7\tonly\tthree", where="AZ.txt line 7")
    with pytest.raises(InputError, match="line 2"):
        parse_line(DUMP_LINES[0].replace("39.55", "north"), where="line 2")


def test_zip_and_plain_text_dumps_read_alike(tmp_path):
    text = tmp_path / "AZ.txt"
    text.write_text("\n".join(DUMP_LINES) + "\n", encoding="utf-8")
    assert list(read_dump(_write_zip(tmp_path, DUMP_LINES))) == list(read_dump(text))


def test_a_missing_dump_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        list(read_dump(tmp_path / "allCountries.zip"))


def test_divisions_give_names_by_code():
    divisions = read_divisions(read_dump_lines(DUMP_LINES))
    village = parse_line(DUMP_LINES[2], where="x")
    assert divisions.names_for(village) == ("Fuzuli Rayon", "Qarabag Dairesi")
    assert divisions.points[1001] == (39.55, 47.10)


def read_dump_lines(lines):
    return [parse_line(line, where=str(n)) for n, line in enumerate(lines)]


def test_extend_moves_divisions_and_adds_only_what_is_missing(tmp_path):
    dump = _write_zip(tmp_path, DUMP_LINES)
    rows = list(extend_with_dump(_packaged(), dump, iso3_of={"AZ": "AZE", "SD": "SDN"}))
    by_name = {e.name: (e, names) for e, names in rows}
    fuzuli, _ = by_name["Fuzuli District"]
    assert (fuzuli.lat, fuzuli.lon) == (39.55, 47.10)  # GeoNames' own point replaces the computed one
    assert [e.name for e, _ in rows].count("Baku") == 1  # packaged already: not added twice
    village, names = by_name["Ahmadbayli"]
    assert (village.feature, village.country, village.admin1, village.admin2) == ("city", "AZE", "Fuzuli Rayon",
                                                                                   "Qarabag Dairesi")
    assert names == {"Ahmadbayli", "Ahmadbeyli"}  # lower-case romanisations and codes dropped
    assert by_name["Zamzam Camp"][0].feature == "other"
    assert by_name["Zamzam Camp"][0].country == "SDN"
    assert "Kura River" not in by_name
    assert by_name["Qarabag Dairesi"][0].feature == "admin2"
    assert by_name["Qarabag Dairesi"][0].admin1 == "Fuzuli Rayon"


@pytest.fixture
def small_packages(monkeypatch):
    rows = [build._Row(e, names) for e, names in _packaged()]
    monkeypatch.setattr(build, "_all_rows", lambda: iter(rows))


def test_build_with_a_dump_records_it_and_rebuilds_reuse_it(tmp_path, small_packages):
    dump = _write_zip(tmp_path, DUMP_LINES)
    target = tmp_path / "cache" / "gazetteer-v1.sqlite"
    load_gazetteer(path=target, geonames=dump).close()
    assert build.build_meta(target) == {"built_from": "packages+geonames", "geonames_dump": str(dump.resolve())}
    # A new version's build beside it reads the same dump again, then prunes the old file.
    newer = target.with_name("gazetteer-v2.sqlite")
    load_gazetteer(path=newer).close()
    assert build.build_meta(newer)["built_from"] == "packages+geonames"
    assert not target.exists()
    index = SqliteGazetteer(newer)
    assert [e.admin1 for e in index.candidates("Ahmadbeyli")] == ["Fuzuli Rayon"]
    index.close()
    load_gazetteer(path=newer, rebuild=True, reuse_dump=False).close()
    assert build.build_meta(newer) == {"built_from": "packages"}


def test_cli_gazetteer_build_with_geonames(tmp_path, small_packages):
    dump = _write_zip(tmp_path, DUMP_LINES)
    target = tmp_path / "g.sqlite"
    result = CliRunner().invoke(cli, ["gazetteer", "build", "--path", str(target), "--geonames", str(dump)])
    assert result.exit_code == 0, result.output
    assert "packages+geonames" in result.output
    result = CliRunner().invoke(cli, ["gazetteer", "build", "--path", str(target), "--packages-only"])
    assert result.exit_code == 0, result.output
    assert "(from packages)" in result.output
    both = ["gazetteer", "build", "--path", str(target), "--geonames", str(dump), "--packages-only"]
    assert CliRunner().invoke(cli, both).exit_code == 2
