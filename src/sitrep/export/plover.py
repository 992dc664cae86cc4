"""Merged events as PLOVER records (the PLOVER manual's event-data fields).

Mapping:

================ ==========================================================================
PLOVER field     sitrep
================ ==========================================================================
id               the merged event_id
date             ``event_date`` (ISO day; the first day of a wider period)
date_precision   ``date_precision`` (sitrep's addition: PLOVER records are daily)
event            ``plover.event`` (one of PLOVER's 16 types)
mode             ``plover.mode``
context          ``plover.context`` (a list)
source           ``actor1.name``; ``source_actor`` its country (ISO3), ``source_agent``
                 its sector code (MIL, REB, CVL ...)
target           ``actor2.name``; ``target_actor``/``target_agent`` likewise
location         ``{name, country, admin1, admin2, lat, lon, geonameid, precision}``
magnitude        ``{dead, injured, dead_low, dead_high}``: PLOVER's dead and injured
                 magnitudes are the reconciled (lowest) counts; the range is added
claimed_by       the parties the facts are attributed to (names)
text             the evidence sentences, one per entry
sources          every report: ``{article_id, outlet, url, published}``
publication_date the earliest report's publication day
================ ==========================================================================
"""

from __future__ import annotations

from typing import Any

from sitrep.models import MergedEvent


def plover_record(merged: MergedEvent) -> dict[str, Any]:
    e = merged.event
    a1, a2, loc, p = e.actor1, e.actor2, e.location, e.plover
    published = [s.published for s in e.sources if s.published]
    return {
        "id": e.event_id,
        "date": e.event_date,
        "date_precision": e.date_precision,
        "event": p.event if p else None,
        "mode": p.mode if p else None,
        "context": list(p.context) if p else [],
        "source": a1.name if a1 else None,
        "source_actor": a1.country if a1 else None,
        "source_agent": a1.sector if a1 else None,
        "target": a2.name if a2 else None,
        "target_actor": a2.country if a2 else None,
        "target_agent": a2.sector if a2 else None,
        "location": None
        if loc is None
        else {
            "name": loc.name,
            "country": loc.country,
            "admin1": loc.admin1,
            "admin2": loc.admin2,
            "lat": loc.lat,
            "lon": loc.lon,
            "geonameid": loc.geonameid,
            "precision": loc.precision,
        },
        "magnitude": {
            "dead": e.fatalities,
            "injured": e.injured,
            "dead_low": merged.fatalities_low,
            "dead_high": merged.fatalities_high,
        },
        "claimed_by": [c.name for c in e.claimed_by],
        "text": [ev.text for ev in e.evidence],
        "sources": [s.to_dict() for s in e.sources],
        "publication_date": min(published, default=None),
    }
