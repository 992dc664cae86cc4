"""Write event and geoparse records: JSON Lines, JSON array, CSV (flattened)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any, TextIO

FORMATS = ("jsonl", "json", "csv")

# CSV columns: the contract's record flattened, nested keys joined by "_".
EVENT_CSV_COLUMNS = (
    "event_id", "article_id", "event_date", "date_precision", "historical",
    "event_type", "sub_event_type", "disorder_type",
    "plover_event", "plover_mode", "plover_context",
    "actor1_name", "actor1_country", "actor1_sector", "actor1_inter", "actor1_text",
    "actor2_name", "actor2_country", "actor2_sector", "actor2_inter", "actor2_text",
    "location_name", "location_geonameid", "location_lat", "location_lon", "location_country",
    "location_admin1", "location_admin2", "location_precision", "location_text",
    "location_start", "location_end",
    "fatalities", "injured", "claimed_by", "evidence", "sources", "confidence", "notes", "disputes",
)  # fmt: skip


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    """One level of nested objects becomes ``parent_child`` columns; lists become JSON text."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, dict):
            for sub, subvalue in value.items():
                is_list = isinstance(subvalue, list)
                flat[f"{key}_{sub}"] = json.dumps(subvalue, ensure_ascii=False) if is_list else subvalue
        elif isinstance(value, list):
            flat[key] = json.dumps(value, ensure_ascii=False)
        else:
            flat[key] = value
    return flat


def write_json_array(
    items: Iterable[Any], out: IO[str], *, head: str = "[", tail: str = "]", indent: int | None = None
) -> int:
    """Stream ``items`` as one JSON array (inside ``head``/``tail``), one item at a time."""
    out.write(head)
    count = 0
    for item in items:
        out.write(("," if count else "") + "\n" + json.dumps(item, ensure_ascii=False, indent=indent))
        count += 1
    out.write("\n" + tail + "\n")
    return count


def write_records(
    records: Iterable[dict[str, Any]],
    out: TextIO,
    *,
    fmt: str = "jsonl",
    columns: tuple[str, ...] | None = None,
) -> int:
    """Stream records to ``out`` in ``fmt``; returns how many were written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    count = 0
    if fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
            count += 1
    elif fmt == "json":
        count = write_json_array(records, out, indent=2)
    else:
        rows = (flatten(r) for r in records)
        writer: csv.DictWriter[str] | None = None
        for row in rows:
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(columns or row.keys()), extrasaction="ignore")
                writer.writeheader()
            writer.writerow(row)
            count += 1
        if writer is None and columns:
            csv.writer(out).writerow(columns)
    return count
