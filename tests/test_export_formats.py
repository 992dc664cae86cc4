"""Merged-event exports: Parquet and ACLED CSV read back equal, GeoJSON and PLOVER shapes."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pandas as pd
import pytest

from sitrep.export import ACLED_COLUMNS, EXPORT_FORMATS, acled_row, export_events, read_parquet
from sitrep.models import Actor, Claim
from sitrep.resolve import add_report, start_event
from tests.test_resolve import BAIDOA, CIVILIANS, REB, make_event


@pytest.fixture()
def events():
    bombing = start_event(*make_event("a", actors=(REB, CIVILIANS), fatalities=12))
    bombing = add_report(bombing, *make_event("b", fatalities=15, claims=('Ministry, "quoted"',)))
    nowhere = start_event(*make_event("c", location=None, actors=(None, None), fatalities=None, day="2024-03-20"))
    accents = replace(BAIDOA, name="Bayḍabo", admin2=None, lat=3.1, lon=43.6)
    other = start_event(*make_event("d", location=accents, actors=(Actor(name="Gunmen; unknown", sector="UAG"), None)))
    return [bombing, nowhere, replace(other, event=replace(other.event, claimed_by=(Claim(name="Polis"),)))]


def test_parquet_round_trip(tmp_path, events):
    path = tmp_path / "events.parquet"
    assert export_events(events, path, fmt="parquet") == 3
    assert read_parquet(path) == [m.to_dict() for m in events]


def test_parquet_to_file_object(events):
    buffer = io.BytesIO()
    export_events(events, buffer, fmt="parquet")
    buffer.seek(0)
    assert [r["event_id"] for r in read_parquet(buffer)] == [m.event.event_id for m in events]


def test_acled_csv_round_trip(tmp_path, events):
    path = tmp_path / "events.csv"
    export_events(events, path, fmt="csv")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert tuple(frame.columns) == ACLED_COLUMNS
    assert frame.to_dict("records") == [acled_row(m) for m in events]


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        ("event_id_cnty", lambda m: "SOM" + m.event.event_id),
        ("event_date", lambda m: "2024-03-11"),
        ("year", lambda m: "2024"),
        ("time_precision", lambda m: "1"),
        ("actor1", lambda m: "Al-Shabaab"),
        ("inter1", lambda m: "2"),
        ("inter2", lambda m: "7"),
        ("interaction", lambda m: "27"),
        ("civilian_targeting", lambda m: "Civilian targeting"),
        ("iso", lambda m: "706"),
        ("country", lambda m: "Somalia"),
        ("location", lambda m: "Baidoa"),
        ("geo_precision", lambda m: "1"),
        ("fatalities", lambda m: "12"),
        ("tags", lambda m: "fatalities range 12-15"),
        ("source", lambda m: "outlet-a; outlet-b"),
        ("admin3", lambda m: ""),
    ],
)
def test_acled_columns(events, column, expected):
    assert acled_row(events[0])[column] == expected(events[0])


def test_geojson_structure(events):
    out = io.StringIO()
    export_events(events, out, fmt="geojson")
    collection = json.loads(out.getvalue())
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert [f["id"] for f in features] == [m.event.event_id for m in events]
    assert features[0]["geometry"] == {"type": "Point", "coordinates": [BAIDOA.lon, BAIDOA.lat]}
    assert features[1]["geometry"] is None  # no location: null geometry, still a Feature
    props = features[0]["properties"]
    assert all(not isinstance(v, (dict, list)) for f in features for v in f["properties"].values())
    assert (props["fatalities_low"], props["fatalities_high"], props["location_name"]) == (12, 15, "Baidoa")


def test_plover_fields(events):
    out = io.StringIO()
    export_events(events, out, fmt="plover")
    record = json.loads(out.getvalue())[0]
    assert record["id"] == events[0].event.event_id
    assert (record["date"], record["event"], record["mode"], record["context"]) == (
        "2024-03-11", "ASSAULT", "explosives", ["terrorism"],
    )  # fmt: skip
    assert (record["source"], record["source_actor"], record["source_agent"]) == ("Al-Shabaab", "SOM", "REB")
    assert (record["target"], record["target_agent"]) == ("Civilians (Somalia)", "CVL")
    assert record["location"]["name"] == "Baidoa" and record["location"]["country"] == "SOM"
    assert record["magnitude"] == {"dead": 12, "injured": None, "dead_low": 12, "dead_high": 15}
    assert [s["article_id"] for s in record["sources"]] == ["a", "b"]


def test_jsonl_is_the_merged_record(events):
    out = io.StringIO()
    export_events(events, out, fmt="jsonl")
    assert [json.loads(line) for line in out.getvalue().splitlines()] == [m.to_dict() for m in events]


@pytest.mark.parametrize("fmt", [f for f in EXPORT_FORMATS if f != "parquet"])
def test_text_formats_accept_a_path(tmp_path, events, fmt):
    path = tmp_path / f"out.{fmt}"
    assert export_events(events, path, fmt=fmt) == len(events)
    assert path.read_text(encoding="utf-8").strip()


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown export format"):
        export_events([], io.StringIO(), fmt="xml")


def test_empty_csv_has_header():
    out = io.StringIO()
    export_events([], out, fmt="csv")
    assert next(csv.reader(io.StringIO(out.getvalue()))) == list(ACLED_COLUMNS)
