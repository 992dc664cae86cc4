from __future__ import annotations

import csv
import io
import json

import pytest

from sitrep.export import EVENT_CSV_COLUMNS, flatten, write_records

RECORDS = [
    {"event_id": "1", "plover": {"event": "ASSAULT", "context": ["crime"]}, "claimed_by": [{"name": "A"}]},
    {"event_id": "2", "plover": None, "claimed_by": []},
]


def test_flatten_nested_and_lists():
    flat = flatten(RECORDS[0])
    assert flat["plover_event"] == "ASSAULT"
    assert json.loads(flat["plover_context"]) == ["crime"]
    assert json.loads(flat["claimed_by"]) == [{"name": "A"}]


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv"])
def test_every_format_round_trips_ids(fmt):
    out = io.StringIO()
    assert write_records(RECORDS, out, fmt=fmt, columns=EVENT_CSV_COLUMNS if fmt == "csv" else None) == 2
    text = out.getvalue()
    if fmt == "jsonl":
        ids = [json.loads(line)["event_id"] for line in text.splitlines()]
    elif fmt == "json":
        ids = [r["event_id"] for r in json.loads(text)]
    else:
        rows = list(csv.DictReader(io.StringIO(text)))
        ids = [r["event_id"] for r in rows]
        assert list(rows[0]) == list(EVENT_CSV_COLUMNS)
    assert ids == ["1", "2"]


def test_empty_json_is_valid():
    out = io.StringIO()
    write_records([], out, fmt="json")
    assert json.loads(out.getvalue()) == []


def test_unknown_format_is_rejected():
    with pytest.raises(ValueError, match="unknown format"):
        write_records([], io.StringIO(), fmt="xml")
