"""The event database: DuckDB by default (one file), PostgreSQL at a URL, one schema.

store = open_store("sitrep.duckdb")            # or "postgresql://user@host/db"
store.add(article, events, resolver=resolve, pipeline_version="0.1.0")
frame = store.events(country="AZE", date_from="2023-09-01", min_fatalities=1)
"""

from __future__ import annotations

from pathlib import Path

from sitrep.errors import StoreError
from sitrep.store.base import AddResult, EventStore, Resolver
from sitrep.store.filters import FilterArgs, Filters

POSTGRES_SCHEMES = ("postgresql://", "postgres://")

__all__ = ["AddResult", "EventStore", "FilterArgs", "Filters", "Resolver", "StoreError", "open_store"]


def open_store(target: str | Path, *, read_only: bool = False) -> EventStore:
    """The store at ``target``: a ``postgresql://`` URL, else a DuckDB file path (created if missing).

    ``read_only`` applies to DuckDB files, which then allow other readers and no writer.
    """
    text = str(target)
    if text.startswith(POSTGRES_SCHEMES):
        from sitrep.store.postgres_store import PostgresStore

        return PostgresStore(text)
    if "://" in text:
        raise StoreError(f"unsupported database URL {text!r}: use a file path or postgresql://")
    from sitrep.store.duckdb_store import DuckDBStore

    return DuckDBStore(Path(text), read_only=read_only)
