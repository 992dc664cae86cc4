"""Query filters for ``EventStore.events()`` / ``iter_events()`` as portable SQL.

SQL uses ``?`` placeholders; the PostgreSQL backend rewrites them to ``%s``. User text
goes in parameters only, so no ``%`` ever appears in the statement itself.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, TypedDict

import pandas as pd

from sitrep.store.codec import parse_day
from sitrep.store.schema import EVENTS

EARTH_KM = 6371.0088
KM_PER_DEGREE = 111.2


class FilterArgs(TypedDict, total=False):
    """The keyword filters ``events()`` and ``iter_events()`` accept."""

    country: str
    admin1: str
    date_from: str | date
    date_to: str | date
    event_type: str
    sub_event_type: str
    actor: str
    bbox: tuple[float, float, float, float]
    near: tuple[float, float, float]
    min_fatalities: int
    min_sources: int
    claimed_by: str
    limit: int


@dataclass(frozen=True, kw_only=True)
class Filters:
    """All filters combine with AND; text matches on actor and claimant are case-insensitive substrings."""

    country: str | None = None  # ISO 3166-1 alpha-3
    admin1: str | None = None
    date_from: str | date | None = None
    date_to: str | date | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    near: tuple[float, float, float] | None = None  # lat, lon, km
    min_fatalities: int | None = None
    min_sources: int | None = None
    claimed_by: str | None = None
    limit: int | None = None

    def where(self) -> tuple[str, list[Any]]:
        """``WHERE ...`` (or ``''``) over table ``events`` and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []

        def add(clause: str, *values: Any) -> None:
            clauses.append(clause)
            params.extend(values)

        if self.country is not None:
            add("country = ?", self.country.upper())
        if self.admin1 is not None:
            add("LOWER(admin1) = ?", self.admin1.lower())
        if self.date_from is not None:
            add("event_date >= ?", parse_day(self.date_from))
        if self.date_to is not None:
            add("event_date <= ?", parse_day(self.date_to))
        if self.event_type is not None:
            add("event_type = ?", self.event_type)
        if self.sub_event_type is not None:
            add("sub_event_type = ?", self.sub_event_type)
        if self.actor is not None:
            pattern = like_pattern(self.actor)
            add("(LOWER(actor1_name) LIKE ? ESCAPE '\\' OR LOWER(actor2_name) LIKE ? ESCAPE '\\')", pattern, pattern)
        if self.bbox is not None:
            min_lon, min_lat, max_lon, max_lat = self.bbox
            add("lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?", min_lon, max_lon, min_lat, max_lat)
        if self.near is not None:
            lat, lon, km = self.near
            dlat = km / KM_PER_DEGREE
            dlon = km / (KM_PER_DEGREE * max(math.cos(math.radians(lat)), 0.01))
            # The box lets an index or zonemap cut the scan; the haversine makes it a circle.
            add("lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?", lat - dlat, lat + dlat, lon - dlon, lon + dlon)
            add(
                f"2 * {EARTH_KM} * ASIN(SQRT(POWER(SIN(RADIANS(lat - ?) / 2), 2) + COS(RADIANS(?)) * "
                "COS(RADIANS(lat)) * POWER(SIN(RADIANS(lon - ?) / 2), 2))) <= ?",
                lat,
                lat,
                lon,
                km,
            )
        if self.min_fatalities is not None:
            add("fatalities >= ?", self.min_fatalities)
        if self.min_sources is not None:
            add("n_sources >= ?", self.min_sources)
        if self.claimed_by is not None:
            add(
                "EXISTS (SELECT 1 FROM claims c WHERE c.event_id = events.event_id "
                "AND LOWER(c.name) LIKE ? ESCAPE '\\')",
                like_pattern(self.claimed_by),
            )
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params

    def select(self, columns: str) -> tuple[str, list[Any]]:
        where, params = self.where()
        sql = f"SELECT {columns} FROM events {where} ORDER BY event_date, event_id"
        if self.limit is not None:
            sql += f" LIMIT {int(self.limit)}"
        return sql, params


FILTER_NAMES = frozenset(f.name for f in fields(Filters))


def like_pattern(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(h))


FRAME_COLUMNS = tuple(name for name, _ in EVENTS if name != "detail")
_DTYPES = {"INTEGER": "Int64", "BIGINT": "Int64", "DOUBLE PRECISION": "float64", "BOOLEAN": "boolean", "TEXT": "str"}


def normalise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The same dtypes from either backend: nullable ints, dates as datetime64, text as str."""
    out = frame.copy()
    for name, kind in EVENTS:
        if name not in out.columns:
            continue
        base = kind.split(" PRIMARY")[0]
        if base in ("DATE", "TIMESTAMP"):
            out[name] = pd.to_datetime(out[name]).astype("datetime64[us]")
        else:
            out[name] = out[name].astype(_DTYPES[base])
    return out.reset_index(drop=True)
