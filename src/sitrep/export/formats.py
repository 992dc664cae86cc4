"""Export merged events: JSON Lines, ACLED CSV, GeoJSON, Parquet and PLOVER JSON.

========= ================================================================ ==============
fmt       what                                                             ``out``
========= ================================================================ ==============
jsonl     one ``MergedEvent.to_dict()`` record a line (the contract's       text
          event record plus ``fatalities_low/high``, ``fatality_reports``,
          ``mention_ids``)
csv       ACLED's columns (``acled.py`` documents the mapping)             text
geojson   a FeatureCollection of Points (lon, lat); properties the flat     text
          record (``writers.flatten``); events with no coordinates get a
          null geometry, as GeoJSON allows
parquet   one row per event, the ``to_dict`` columns; nested values         binary
          (objects, lists) as JSON text, so every row has one schema;
          ``read_parquet`` gives back the ``to_dict`` records
plover    a JSON array of PLOVER records (``plover.py``)                   text
========= ================================================================ ==============

``out`` is a path or an open file (text or binary as the table says).
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from sitrep.export.acled import ACLED_COLUMNS, acled_row
from sitrep.export.plover import plover_record
from sitrep.export.writers import flatten, write_json_array
from sitrep.models import MergedEvent

EXPORT_FORMATS = ("jsonl", "csv", "geojson", "parquet", "plover")
BINARY_FORMATS = frozenset({"parquet"})

Target = str | os.PathLike[str] | IO[Any]


def _write_jsonl(events: Iterable[MergedEvent], out: IO[str]) -> int:
    count = 0
    for merged in events:
        out.write(json.dumps(merged.to_dict(), ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_csv(events: Iterable[MergedEvent], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=list(ACLED_COLUMNS), lineterminator="\n")
    writer.writeheader()
    count = 0
    for merged in events:
        writer.writerow(acled_row(merged))
        count += 1
    return count


def geojson_feature(merged: MergedEvent) -> dict[str, Any]:
    loc = merged.event.location
    point = loc is not None and loc.lat is not None and loc.lon is not None
    return {
        "type": "Feature",
        "id": merged.event.event_id,
        "geometry": {"type": "Point", "coordinates": [loc.lon, loc.lat]} if point and loc else None,
        "properties": flatten(merged.to_dict()),
    }


def _write_geojson(events: Iterable[MergedEvent], out: IO[str]) -> int:
    # Streamed feature by feature: a large export need not sit in memory.
    features = (geojson_feature(merged) for merged in events)
    return write_json_array(features, out, head='{"type": "FeatureCollection", "features": [', tail="]}")


def _write_plover(events: Iterable[MergedEvent], out: IO[str]) -> int:
    return write_json_array((plover_record(merged) for merged in events), out)


def parquet_row(record: dict[str, Any]) -> dict[str, Any]:
    """Nested values as JSON text; scalars as they are."""
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v for k, v in record.items()}


# One fixed schema: a column's type must not depend on which events a file happens to hold.
_NESTED = (
    "plover",
    "actor1",
    "actor2",
    "location",
    "claimed_by",
    "evidence",
    "sources",
    "fatality_reports",
    "mention_ids",
    "disputes",
)
PARQUET_SCHEMA = pa.schema(
    [
        ("event_id", pa.string()),
        ("article_id", pa.string()),
        ("event_date", pa.string()),
        ("date_precision", pa.string()),
        ("historical", pa.bool_()),
        ("event_type", pa.string()),
        ("sub_event_type", pa.string()),
        ("disorder_type", pa.string()),
        ("plover", pa.string()),
        ("actor1", pa.string()),
        ("actor2", pa.string()),
        ("location", pa.string()),
        ("fatalities", pa.int64()),
        ("injured", pa.int64()),
        ("claimed_by", pa.string()),
        ("evidence", pa.string()),
        ("sources", pa.string()),
        ("confidence", pa.float64()),
        ("notes", pa.string()),
        ("fatalities_low", pa.int64()),
        ("fatalities_high", pa.int64()),
        ("fatality_reports", pa.string()),
        ("mention_ids", pa.string()),
        ("disputes", pa.string()),
    ]
)


def _write_parquet(events: Iterable[MergedEvent], out: str | os.PathLike[str] | IO[bytes]) -> int:
    rows = [parquet_row(m.to_dict()) for m in events]
    table = pa.Table.from_pylist(rows, schema=PARQUET_SCHEMA)
    pq.write_table(table, out)
    return len(rows)


def read_parquet(source: str | os.PathLike[str] | IO[bytes]) -> list[dict[str, Any]]:
    """The ``MergedEvent.to_dict()`` records of a Parquet export (nested JSON text decoded)."""
    table = pq.read_table(source)
    records = table.to_pylist()
    for record in records:
        for key in _NESTED:
            if record.get(key) is not None:
                record[key] = json.loads(record[key])
    return records


def _is_path(out: Target) -> bool:
    return isinstance(out, (str, os.PathLike))


def export_events(events: Iterable[MergedEvent], out: Target, *, fmt: str) -> int:
    """Write ``events`` to ``out`` in ``fmt`` (see the table above); returns how many."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(EXPORT_FORMATS)}")
    if fmt == "parquet":
        return _write_parquet(events, out)  # type: ignore[arg-type]
    writer = {"jsonl": _write_jsonl, "csv": _write_csv, "geojson": _write_geojson, "plover": _write_plover}[fmt]
    if _is_path(out):
        with Path(out).open("w", encoding="utf-8", newline="") as handle:  # type: ignore[arg-type]
            return writer(events, handle)
    return writer(events, out)  # type: ignore[arg-type]
