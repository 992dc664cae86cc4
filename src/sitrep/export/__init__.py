"""Export: event and place records to JSON Lines, JSON and CSV; merged events to
JSON Lines, ACLED CSV, GeoJSON, Parquet and PLOVER JSON."""

from sitrep.export.acled import ACLED_COLUMNS, acled_row
from sitrep.export.formats import EXPORT_FORMATS, export_events, geojson_feature, read_parquet
from sitrep.export.plover import plover_record
from sitrep.export.writers import EVENT_CSV_COLUMNS, FORMATS, flatten, write_records

__all__ = [
    "ACLED_COLUMNS",
    "EVENT_CSV_COLUMNS",
    "EXPORT_FORMATS",
    "FORMATS",
    "acled_row",
    "export_events",
    "flatten",
    "geojson_feature",
    "plover_record",
    "read_parquet",
    "write_records",
]
