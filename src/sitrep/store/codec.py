"""Records to database rows and back.

An ``events`` row is the merged record's flat fields plus ``detail`` (the nested parts
as JSON); ``merged_from_row`` inverts ``event_row`` exactly (lists become tuples again),
so what ``iter_events()`` yields compares equal to what was stored. Actor and place ids
are computed here in Python and, for the bulk path, by the equivalent SQL expressions
beside them; a test checks that both give the same ids.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

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
    Plover,
    Source,
    content_hash,
)


def parse_day(value: str | date | None) -> date | None:
    """The first day an ISO date, month (``2023-09``) or year (``2023``) covers."""
    if value is None or isinstance(value, date):
        return value
    text = value.strip()[:10]
    parts = text.split("-")
    try:
        if len(parts) == 1:
            return date(int(parts[0]), 1, 1)
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 1)
        return date.fromisoformat(text)
    except ValueError:
        # A date the pipeline could not pin down stays in the JSON record only.
        return None


def _opt(cls: Any, value: Mapping[str, Any] | None) -> Any:
    return None if value is None else cls(**value)


def disputes_from(items: Any) -> tuple[Dispute, ...]:
    """Disputes from their dicts; rows written before disputes existed have none."""
    return tuple(
        Dispute(x["about"], tuple(x["parties"] or ()), tuple(x["says"] or ()), x.get("article_id"))
        for x in items or ()
    )


def event_from_dict(d: Mapping[str, Any]) -> Event:
    """The per-article event a ``mentions.record`` holds (``Event.to_dict()`` inverted)."""
    plover = d.get("plover")
    return Event(
        event_id=d["event_id"],
        article_id=d["article_id"],
        event_date=d.get("event_date"),
        date_precision=d.get("date_precision"),
        historical=bool(d.get("historical")),
        event_type=d.get("event_type"),
        sub_event_type=d.get("sub_event_type"),
        disorder_type=d.get("disorder_type"),
        plover=None
        if plover is None
        else Plover(plover["event"], plover.get("mode"), tuple(plover.get("context", ()))),
        actor1=_opt(Actor, d.get("actor1")),
        actor2=_opt(Actor, d.get("actor2")),
        location=_opt(Location, d.get("location")),
        fatalities=d.get("fatalities"),
        injured=d.get("injured"),
        claimed_by=tuple(Claim(**c) for c in d.get("claimed_by") or ()),
        evidence=tuple(Evidence(**e) for e in d.get("evidence") or ()),
        sources=tuple(Source(**s) for s in d.get("sources") or ()),
        confidence=d.get("confidence", 0.0),
        notes=d.get("notes", ""),
        disputes=disputes_from(d.get("disputes")),
    )


def load_json(value: str | Mapping[str, Any]) -> Mapping[str, Any]:
    """A JSON column's value: DuckDB returns text, psycopg an already decoded JSONB."""
    return json.loads(value) if isinstance(value, str) else value


def dump_json(record: Mapping[str, Any]) -> str:
    # Compact, as DuckDB's to_json writes it on the bulk path.
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def article_row(article: Article, *, near_duplicate_of: str | None, pipeline_version: str, now: datetime) -> tuple:
    return (
        article.id,
        article.title,
        article.url,
        article.outlet,
        article.published,
        article.language,
        article.text,
        content_hash(article.text, length=40),
        near_duplicate_of,
        pipeline_version,
        now,
    )


def mention_row(event: Event, *, merged_id: str, pipeline_version: str) -> tuple:
    loc = event.location
    return (
        event.event_id,
        event.article_id,
        merged_id,
        parse_day(event.event_date),
        event.event_type,
        event.plover.event if event.plover else None,
        loc.country if loc else None,
        loc.lat if loc else None,
        loc.lon if loc else None,
        event.fatalities,
        event.injured,
        dump_json(event.to_dict()),
        pipeline_version,
    )


def _key(*values: object) -> str:
    # NULL and '' must differ, and no value can run into the next: each is tagged and
    # separated. The SQL twins below build the same string, so both paths agree on ids.
    return "\x1f".join("0" if v is None else "1" + str(v) for v in values)


def _md5(text: str) -> str:
    return hashlib.md5(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


def _grid(degrees: float | None) -> int | None:
    # Coordinates to 1e-4 degree (~11 m) as an integer, the same in Python and SQL:
    # floor(x * 10000 + 0.5) is exact IEEE arithmetic on both sides, unlike round().
    return None if degrees is None else math.floor(degrees * 10000 + 0.5)


def actor_id(actor: Actor) -> str:
    """The actor's id: its identity is (name, country, sector, inter), not the span as written."""
    return _md5(_key(actor.name, actor.country, actor.sector, actor.inter))


def place_id(loc: Location) -> str:
    """A gazetteer place is its geonameid; an unlisted one its name, coordinates and admin areas."""
    if loc.geonameid is not None:
        return f"g{loc.geonameid}"
    return "h" + _md5(_key(loc.name, _grid(loc.lat), _grid(loc.lon), loc.country, loc.admin1, loc.admin2))


def _sql_key(*columns: str) -> str:
    return " || chr(31) || ".join(f"(CASE WHEN {c} IS NULL THEN '0' ELSE '1' || {c} END)" for c in columns)


def actor_id_sql(actor: str, *, struct: bool = True) -> str:
    """SQL (DuckDB) giving ``actor_id`` of the struct column ``actor`` (NULL when it is),
    or with ``struct=False`` of the relation ``actor`` holding the fields as columns."""
    key = _sql_key(f"{actor}.name", f"{actor}.country", f"{actor}.sector", f"{actor}.inter")
    if not struct:
        return f"left(md5({key}), 16)"
    return f"CASE WHEN {actor} IS NULL THEN NULL ELSE left(md5({key}), 16) END"


def place_id_sql(loc: str) -> str:
    """SQL (DuckDB) giving ``place_id`` of the struct column ``loc``; NULL when it is."""
    grid = [f"CAST(floor({loc}.{c} * 10000 + 0.5) AS BIGINT)" for c in ("lat", "lon")]
    key = _sql_key(f"{loc}.name", *grid, f"{loc}.country", f"{loc}.admin1", f"{loc}.admin2")
    return (
        f"CASE WHEN {loc} IS NULL THEN NULL WHEN {loc}.geonameid IS NOT NULL THEN 'g' || {loc}.geonameid "
        f"ELSE 'h' || left(md5({key}), 16) END"
    )


def actor_row(actor: Actor) -> tuple:
    return (actor_id(actor), actor.name, actor.country, actor.sector, actor.inter)


def place_row(loc: Location) -> tuple:
    return (place_id(loc), loc.geonameid, loc.name, loc.lat, loc.lon, loc.country, loc.admin1, loc.admin2)


def detail(merged: MergedEvent) -> dict[str, Any]:
    """What no ``events`` column holds: the date as written, spans, and every list."""
    e = merged.event
    a1, a2, loc, plover = e.actor1, e.actor2, e.location, e.plover
    return {
        "event_date": e.event_date,
        "plover_context": list(plover.context) if plover else None,
        "actor1_text": a1.text if a1 else None,
        "actor2_text": a2.text if a2 else None,
        "location_text": loc.text if loc else None,
        "location_start": loc.start if loc else None,
        "location_end": loc.end if loc else None,
        "claimed_by": [c.to_dict() for c in e.claimed_by],
        "evidence": [v.to_dict() for v in e.evidence],
        "sources": [s.to_dict() for s in e.sources],
        "fatality_reports": [r.to_dict() for r in merged.reports],
        "mention_ids": list(merged.mention_ids),
        "disputes": [x.to_dict() for x in e.disputes],
    }


def event_row(merged: MergedEvent, *, n_sources: int, pipeline_version: str, now: datetime) -> tuple:
    """The ``events`` row, in ``schema.EVENTS`` order."""
    e = merged.event
    a1, a2, loc, plover = e.actor1, e.actor2, e.location, e.plover
    return (
        e.event_id,
        e.article_id,
        parse_day(e.event_date),
        e.date_precision,
        e.historical,
        e.event_type,
        e.sub_event_type,
        e.disorder_type,
        plover.event if plover else None,
        plover.mode if plover else None,
        *((actor_id(a1), a1.name, a1.country, a1.sector, a1.inter) if a1 else (None,) * 5),
        *((actor_id(a2), a2.name, a2.country, a2.sector, a2.inter) if a2 else (None,) * 5),
        *(
            (
                place_id(loc),
                loc.name,
                loc.geonameid,
                loc.lat,
                loc.lon,
                loc.country,
                loc.admin1,
                loc.admin2,
                loc.precision,
            )
            if loc
            else (None,) * 9
        ),  # fmt: skip
        e.fatalities,
        merged.fatalities_low,
        merged.fatalities_high,
        e.injured,
        n_sources,
        e.confidence,
        e.notes,
        dump_json(detail(merged)),
        pipeline_version,
        now,
    )


# The columns merged_from_row reads, in this order.
RECORD_COLUMNS: tuple[str, ...] = (
    "event_id", "article_id", "date_precision", "historical", "event_type", "sub_event_type", "disorder_type",
    "plover_event", "plover_mode", "actor1_name", "actor1_country", "actor1_sector", "actor1_inter",
    "actor2_name", "actor2_country", "actor2_sector", "actor2_inter", "place_id", "location_name", "geonameid",
    "lat", "lon", "country", "admin1", "admin2", "geo_precision", "fatalities", "fatalities_low",
    "fatalities_high", "injured", "confidence", "notes", "detail",
)  # fmt: skip


def merged_from_row(row: Sequence[Any]) -> MergedEvent:
    """The merged event an ``events`` row holds (its ``RECORD_COLUMNS``, in order)."""
    (event_id, article_id, date_precision, historical, event_type, sub_event_type, disorder_type,
     plover_event, plover_mode, a1_name, a1_country, a1_sector, a1_inter, a2_name, a2_country, a2_sector,
     a2_inter, place, loc_name, geonameid, lat, lon, country, admin1, admin2, geo_precision, fatalities,
     low, high, injured, confidence, notes, raw) = row  # fmt: skip
    d = load_json(raw)
    plover = None if plover_event is None else Plover(plover_event, plover_mode, tuple(d["plover_context"] or ()))
    actor1 = None if a1_name is None else Actor(a1_name, a1_country, a1_sector, a1_inter, d["actor1_text"])
    actor2 = None if a2_name is None else Actor(a2_name, a2_country, a2_sector, a2_inter, d["actor2_text"])
    location = None
    if place is not None:
        location = Location(
            loc_name, geonameid, lat, lon, country, admin1, admin2, geo_precision,
            d["location_text"], d["location_start"], d["location_end"],
        )  # fmt: skip
    event = Event(
        event_id=event_id,
        article_id=article_id,
        event_date=d["event_date"],
        date_precision=date_precision,
        historical=bool(historical),
        event_type=event_type,
        sub_event_type=sub_event_type,
        disorder_type=disorder_type,
        plover=plover,
        actor1=actor1,
        actor2=actor2,
        location=location,
        fatalities=fatalities,
        injured=injured,
        claimed_by=tuple(Claim(**c) for c in d["claimed_by"] or ()),
        evidence=tuple(Evidence(**v) for v in d["evidence"] or ()),
        sources=tuple(Source(**s) for s in d["sources"] or ()),
        confidence=confidence,
        notes=notes,
        disputes=disputes_from(d.get("disputes")),
    )
    reports = tuple(
        FatalityReport(r["article_id"], r["fatalities"], r["injured"], tuple(r["claimed_by"] or ()), r["outlet"])
        for r in d["fatality_reports"] or ()
    )
    return MergedEvent(event, low, high, reports, tuple(d["mention_ids"] or ()))


def source_rows(merged: MergedEvent, *, current: tuple | None = None) -> list[tuple]:
    """One row per report: the record's sources, each with the toll it reported.

    ``current`` (the article being added, as a row) is kept even when the resolver
    did not list it among the record's sources, so no report goes unrecorded.
    """
    event_id = merged.event.event_id
    tolls = {r.article_id: (r.fatalities, r.injured) for r in merged.reports}
    rows: dict[str, tuple] = {}
    for s in merged.event.sources:
        rows.setdefault(
            s.article_id, (event_id, s.article_id, s.outlet, s.url, s.published, *tolls.get(s.article_id, (None, None)))
        )
    if current is not None:
        rows.setdefault(current[1], current)
    return list(rows.values())


def claim_rows(event: Event, *, merged_id: str) -> list[tuple]:
    """What one article's report says each party claimed, attributed to that article."""
    return [(merged_id, event.article_id, c.name, c.country, c.text) for c in event.claimed_by]
