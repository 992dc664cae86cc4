"""sitrep: news articles to sourced, geolocated records of political violence and events."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitrep.errors import InputError, ResourceError, SettingsError, SitrepError, StoreError
from sitrep.models import (
    Actor,
    Article,
    Claim,
    Dispute,
    Event,
    Evidence,
    FatalityReport,
    Location,
    MergedEvent,
    Place,
    Plover,
    Source,
)
from sitrep.pipeline import Pipeline, extract, process_articles
from sitrep.settings import Settings, load_settings

if TYPE_CHECKING:
    from pathlib import Path

    from sitrep.store import EventStore


def open(target: str | Path, *, read_only: bool = False) -> EventStore:  # noqa: A001 - sitrep.open(db) by design
    """Open an event database: a DuckDB file path (the default backend) or a ``postgresql://`` URL.

    ``sitrep.open("sitrep.duckdb").events(country="SDN")`` returns a pandas DataFrame.
    """
    from sitrep.store import open_store  # imported on use: DuckDB and pandas are heavy

    return open_store(target, read_only=read_only)


__all__ = [
    "Actor",
    "Article",
    "Claim",
    "Dispute",
    "Event",
    "Evidence",
    "FatalityReport",
    "InputError",
    "Location",
    "MergedEvent",
    "Pipeline",
    "Place",
    "Plover",
    "ResourceError",
    "Settings",
    "SettingsError",
    "SitrepError",
    "Source",
    "StoreError",
    "extract",
    "load_settings",
    "open",
    "process_articles",
]
