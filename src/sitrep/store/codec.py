"""Records to database rows and back: the JSON record is the source of truth.

``merged_from_dict`` inverts ``MergedEvent.to_dict()`` exactly (lists become tuples
again), so what ``iter_events()`` yields compares equal to what was stored.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sitrep.models import (
    Actor,
    Article,
    Claim,
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


def event_from_dict(d: Mapping[str, Any]) -> Event:
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
    )


def merged_from_dict(d: Mapping[str, Any]) -> MergedEvent:
    reports = tuple(
        FatalityReport(
            article_id=r["article_id"],
            fatalities=r.get("fatalities"),
            injured=r.get("injured"),
            claimed_by=tuple(r.get("claimed_by") or ()),
            outlet=r.get("outlet"),
        )
        for r in d.get("fatality_reports") or ()
    )
    return MergedEvent(
        event=event_from_dict(d),
        fatalities_low=d.get("fatalities_low"),
        fatalities_high=d.get("fatalities_high"),
        reports=reports,
        mention_ids=tuple(d.get("mention_ids") or ()),
    )


def load_json(value: str | Mapping[str, Any]) -> Mapping[str, Any]:
    """A JSON column's value: DuckDB returns text, psycopg an already decoded JSONB."""
    return json.loads(value) if isinstance(value, str) else value


def dump_json(record: Mapping[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=False)


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


def event_row(merged: MergedEvent, *, n_sources: int, pipeline_version: str, now: datetime) -> tuple:
    e = merged.event
    a1, a2, loc, plover = e.actor1, e.actor2, e.location, e.plover
    return (
        e.event_id,
        parse_day(e.event_date),
        e.date_precision,
        e.historical,
        e.event_type,
        e.sub_event_type,
        e.disorder_type,
        plover.event if plover else None,
        plover.mode if plover else None,
        *((a1.name, a1.country, a1.sector, a1.inter) if a1 else (None,) * 4),
        *((a2.name, a2.country, a2.sector, a2.inter) if a2 else (None,) * 4),
        *(
            (loc.name, loc.geonameid, loc.lat, loc.lon, loc.country, loc.admin1, loc.admin2, loc.precision)
            if loc
            else (None,) * 8
        ),
        e.fatalities,
        merged.fatalities_low,
        merged.fatalities_high,
        e.injured,
        n_sources,
        e.confidence,
        e.notes,
        dump_json(merged.to_dict()),
        pipeline_version,
        now,
    )


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
