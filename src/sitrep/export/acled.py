"""Merged events as rows with ACLED's column names (the public ACLED export's header).

Mapping (empty where sitrep has nothing to put):

================== ==========================================================================
ACLED column       sitrep
================== ==========================================================================
event_id_cnty      ISO3 of the location's country + the merged event_id (``SOM5f0c...``)
event_date         ``event_date`` (first day of the period for week/month/year precision)
year               its year
time_precision     ACLED's 1 day, 2 week, 3 month or year
disorder_type      ``disorder_type``
event_type         ``event_type``
sub_event_type     ``sub_event_type``
actor1, actor2     ``actor1.name``, ``actor2.name``
assoc_actor_1/2    empty (sitrep codes no associated actors)
inter1, inter2     ``actor1.inter``, ``actor2.inter`` (ACLED's 1-8)
interaction        ACLED's two-digit code: the smaller inter code then the larger ("17");
                   one actor alone: its code then 0 ("10")
civilian_targeting "Civilian targeting" when actor2 is civilian (inter 7 or sector CVL)
iso                ISO 3166-1 numeric of the country (pycountry)
region             empty (ACLED's world regions are not in sitrep's data)
country            the country's name (pycountry)
admin1, admin2     ``location.admin1``, ``location.admin2``; admin3 empty
location           ``location.name``
latitude/longitude ``location.lat``/``location.lon``
geo_precision      ``location.precision``
source             the outlets of every report, "; "-joined (the article id where an
                   outlet is unknown), in source order
source_scale       empty
notes              ``notes``
fatalities         the reconciled (lowest) count; empty when no report states one
tags               "fatalities range LOW-HIGH" when the reports disagree, else empty
timestamp          the latest source's publication day as Unix seconds (UTC midnight);
                   ACLED's is the row's last change, which sitrep does not track
================== ==========================================================================

Every value is written as text; ``None`` becomes an empty cell.
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime
from typing import Any

import pycountry

from sitrep.models import Actor, MergedEvent

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip

TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}


@functools.lru_cache(maxsize=512)
def _country(iso3: str) -> tuple[str, str]:
    """(name, numeric code) of an ISO3 code; empty strings when pycountry does not know it."""
    found = pycountry.countries.get(alpha_3=iso3)
    return (found.name, str(int(found.numeric))) if found is not None else ("", "")


def _interaction(inter1: int | None, inter2: int | None) -> str:
    codes = sorted(c for c in (inter1, inter2) if c is not None)
    if not codes:
        return ""
    return f"{codes[0]}{codes[1] if len(codes) > 1 else 0}"


def _civilian(actor: Actor | None) -> bool:
    return actor is not None and (actor.inter == 7 or actor.sector == "CVL")


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def acled_row(merged: MergedEvent) -> dict[str, str]:
    """One ACLED-columned row (all values text) for a merged event."""
    e = merged.event
    loc = e.location
    iso3 = (loc.country if loc else None) or (e.actor1.country if e.actor1 else None) or ""
    name, numeric = _country(iso3) if iso3 else ("", "")
    a1, a2 = e.actor1, e.actor2
    sources = e.sources
    latest = max((s.published for s in sources if s.published), default=None)
    timestamp = int(datetime.fromisoformat(latest[:10]).replace(tzinfo=UTC).timestamp()) if latest else None
    tags = ""
    if merged.fatalities_low is not None and merged.fatalities_low != merged.fatalities_high:
        tags = f"fatalities range {merged.fatalities_low}-{merged.fatalities_high}"
    row: dict[str, Any] = {
        "event_id_cnty": f"{iso3}{e.event_id}",
        "event_date": e.event_date,
        "year": e.event_date[:4] if e.event_date else None,
        "time_precision": TIME_PRECISION.get(e.date_precision or ""),
        "disorder_type": e.disorder_type,
        "event_type": e.event_type,
        "sub_event_type": e.sub_event_type,
        "actor1": a1.name if a1 else None,
        "assoc_actor_1": None,
        "inter1": a1.inter if a1 else None,
        "actor2": a2.name if a2 else None,
        "assoc_actor_2": None,
        "inter2": a2.inter if a2 else None,
        "interaction": _interaction(a1.inter if a1 else None, a2.inter if a2 else None),
        "civilian_targeting": "Civilian targeting" if _civilian(a2) else None,
        "iso": numeric,
        "region": None,
        "country": name,
        "admin1": loc.admin1 if loc else None,
        "admin2": loc.admin2 if loc else None,
        "admin3": None,
        "location": loc.name if loc else None,
        "latitude": loc.lat if loc else None,
        "longitude": loc.lon if loc else None,
        "geo_precision": loc.precision if loc else None,
        "source": "; ".join(s.outlet or s.article_id for s in sources),
        "source_scale": None,
        "notes": e.notes,
        "fatalities": e.fatalities,
        "tags": tags,
        "timestamp": timestamp,
    }
    return {column: _text(row[column]) for column in ACLED_COLUMNS}
