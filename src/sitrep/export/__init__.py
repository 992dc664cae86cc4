"""Export: event and place records to JSON Lines, JSON and CSV."""

from sitrep.export.writers import EVENT_CSV_COLUMNS, FORMATS, flatten, write_records

__all__ = ["EVENT_CSV_COLUMNS", "FORMATS", "flatten", "write_records"]
