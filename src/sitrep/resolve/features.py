"""Features that say whether a new report tells the same real event as a merged one.

Each feature is a pure function of two records giving ``None`` when the records are
incompatible (a hard "no"), ``UNKNOWN`` when one side lacks the field (no evidence
either way) or a score in 0..1. ``match_features`` gathers them; the resolver weighs them.

kind
    ACLED type family, as within one article (``extract.merge.kinds_compatible``: the same
    event type, or a generic kind such as "Attack" that folds into a specific one). Same
    sub-event type 1.0, same event type 0.7, a generic kind folding in 0.4.
date
    The periods named overlap or lie a day apart. A date is the period its precision
    names (a week-precision report covers the seven days from its Monday, a month or a
    year all of its days), so a report dated "this week" matches a day within it.
    Overlap of two days 1.0, of wider periods 0.7, a day apart 0.5. Background
    (``historical``) never matches a current event.
place
    Same country; then the same gazetteer entry 1.0, within ``max_km`` (haversine on
    lat/lon) 1.0 falling to 0.5 at the limit, the same admin2 0.7. A region (precision 3)
    admits a place inside it: the same admin1, or within ``region_km`` (0.6).
actors
    Compatible in either order (a report may name the attacked side first): countries
    and sectors agree where both are given (``extract.merge``'s rule); a missing actor is
    compatible, and so is an unidentified armed group with any armed actor (one report's
    "gunmen" are another's al-Shabaab). 0.5, plus 0.25 for each actor named alike. A
    conflict scores 0 but does not rule a match out: actors are the noisiest field the
    extractor fills (one outlet's quoted UN envoy becomes its actor1).
toll
    Both reports state a death toll: the ratio of the smaller to the larger, 1.0 for
    equal counts (tolls of one incident differ as counts are updated; of two incidents
    often by much more). Unknown when either states none.
text
    Lexical similarity of the evidence sentences (content-word Jaccard, ``text.py``), the
    best over the merged event's source articles, divided by ``TEXT_SATURATION`` and capped
    at 1: two wire reports of one incident in their own words share about a fifth of their
    content words (0.1 to 0.35), reports of two incidents in one town a twentieth. Or any
    ``TextSimilarity`` given (e.g. a sentence-embedding cosine), used as it is.
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from sitrep.extract.merge import ARMED_SECTORS, GENERIC_INTO, UNIDENTIFIED_SECTORS, _actor_ok, kinds_compatible
from sitrep.extract.types import EventMention
from sitrep.models import Actor, Event, Location
from sitrep.resolve.text import TextSimilarity, best_similarity

TEXT_SATURATION: Final = 0.3
UNKNOWN: Final = -1.0  # a feature one side cannot inform: left out of the weighted score
EARTH_RADIUS_KM = 6371.0088
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


@dataclass(frozen=True)
class MatchFeatures:
    """Scores in 0..1, or ``UNKNOWN``; built only for compatible pairs."""

    kind: float
    date: float
    place: float
    actors: float
    toll: float
    text: float


def as_mention(event: Event) -> EventMention:
    """The fields of ``event`` that ``kinds_compatible`` reads, as an ``EventMention``."""
    plover = event.plover
    return EventMention(
        sent_index=0,
        trigger=0,
        event_type=event.event_type,
        sub_event_type=event.sub_event_type,
        disorder_type=event.disorder_type,
        plover_event=plover.event if plover else "",
        plover_mode=plover.mode if plover else None,
        plover_context=tuple(plover.context) if plover else (),
        confidence=event.confidence,
    )


def is_generic(event: Event) -> bool:
    return (event.sub_event_type or "") in GENERIC_INTO


def kind_score(a: Event, b: Event) -> float | None:
    if not kinds_compatible(as_mention(a), as_mention(b)):
        return None
    if a.sub_event_type == b.sub_event_type:
        return 1.0
    return 0.7 if a.event_type == b.event_type else 0.4


def date_span(value: str | None, precision: str | None) -> tuple[date, date] | None:
    """The first and last day of the period a date names (``None`` without a date)."""
    if not value:
        return None
    start = date.fromisoformat(value[:10])
    if precision == "week":
        return start, start + timedelta(days=6)
    if precision == "month":
        return start.replace(day=1), start.replace(day=calendar.monthrange(start.year, start.month)[1])
    if precision == "year":
        return date(start.year, 1, 1), date(start.year, 12, 31)
    return start, start


def day_gap(a: tuple[date, date], b: tuple[date, date]) -> int:
    """Days between two periods; 0 when they overlap."""
    return max(0, (b[0] - a[1]).days, (a[0] - b[1]).days)


def date_score(a: Event, b: Event, *, max_days: int = 1) -> float | None:
    if a.historical != b.historical:
        return None
    span_a, span_b = date_span(a.event_date, a.date_precision), date_span(b.event_date, b.date_precision)
    if span_a is None or span_b is None:
        return UNKNOWN
    gap = day_gap(span_a, span_b)
    if gap > max_days:
        return None
    if gap:
        return 0.5
    both_days = span_a[0] == span_a[1] and span_b[0] == span_b[1]
    return 1.0 if both_days else 0.7


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


def distance_km(a: Location, b: Location) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def _inside_region(region: Location, place: Location, *, region_km: float) -> bool:
    """Whether ``place`` lies in ``region`` (a precision-3 location)."""
    names = {region.admin1, region.name} - {None}
    if place.admin1 is not None and place.admin1 in names:
        return True
    km = distance_km(region, place)
    return km is not None and km <= region_km


def place_score(
    a: Location | None, b: Location | None, *, max_km: float = 10.0, region_km: float = 150.0
) -> float | None:
    if a is None or b is None:
        return UNKNOWN
    if a.country and b.country and a.country != b.country:
        return None
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return 1.0
    if a.precision >= 3 or b.precision >= 3:
        region, place = (a, b) if a.precision >= b.precision else (b, a)
        return 0.6 if _inside_region(region, place, region_km=region_km) else None
    km = distance_km(a, b)
    if km is not None and km <= max_km:
        return 1.0 - 0.5 * km / max_km
    if a.admin2 is not None and a.admin2 == b.admin2 and a.admin1 == b.admin1:
        return 0.7
    return None


def _same_name(a: Actor | None, b: Actor | None) -> bool:
    return a is not None and b is not None and a.name.casefold() == b.name.casefold()


def _unidentified_armed(a: Actor, b: Actor) -> bool:
    return (a.sector in UNIDENTIFIED_SECTORS and b.sector in ARMED_SECTORS) or (
        b.sector in UNIDENTIFIED_SECTORS and a.sector in ARMED_SECTORS
    )


def actors_compatible(a: Actor | None, b: Actor | None) -> bool:
    if a is None or b is None or _unidentified_armed(a, b):
        return True
    return _actor_ok(a, b)


def actor_score(a: Event, b: Event) -> float:
    if a.actor1 is None and a.actor2 is None or b.actor1 is None and b.actor2 is None:
        return UNKNOWN
    pairings = ((a.actor1, b.actor1, a.actor2, b.actor2), (a.actor1, b.actor2, a.actor2, b.actor1))
    scores = [
        0.5 + 0.25 * (_same_name(x1, y1) + _same_name(x2, y2))
        for x1, y1, x2, y2 in pairings
        if actors_compatible(x1, y1) and actors_compatible(x2, y2)
    ]
    return max(scores, default=0.0)


def toll_score(a: Event, b: Event) -> float:
    x, y = a.fatalities, b.fatalities
    if x is None or y is None:
        return UNKNOWN
    return 1.0 if x == y else min(x, y) / max(x, y)


def evidence_text(event: Event) -> str:
    return " ".join(e.text for e in event.evidence)


def text_score(new: Event, merged: Event, *, similarity: TextSimilarity | None = None) -> float:
    """Similarity of the new report's evidence to the closest source article's evidence."""
    text = evidence_text(new)
    by_article: dict[str, list[str]] = {}
    own = {ev.article_id for ev in new.evidence}
    # Only other articles' words are evidence: sentences of one article share its words.
    for ev in (ev for ev in merged.evidence if ev.article_id not in own):
        by_article.setdefault(ev.article_id, []).append(ev.text)
    others = [" ".join(texts) for texts in by_article.values()]
    if not text or not others:
        return UNKNOWN
    if similarity is None:
        return min(1.0, best_similarity(text, others) / TEXT_SATURATION)
    return best_similarity(text, others, similarity=similarity)


def match_features(
    new: Event,
    merged: Event,
    *,
    max_km: float = 10.0,
    region_km: float = 150.0,
    max_days: int = 1,
    similarity: TextSimilarity | None = None,
) -> MatchFeatures | None:
    """The features of a (new report, merged event) pair; ``None`` when they cannot be one event."""
    kind = kind_score(new, merged)
    when = date_score(new, merged, max_days=max_days)
    where = place_score(new.location, merged.location, max_km=max_km, region_km=region_km)
    who = actor_score(new, merged)
    if kind is None or when is None or where is None:
        return None
    return MatchFeatures(
        kind=kind,
        date=when,
        place=where,
        actors=who,
        toll=toll_score(new, merged),
        text=text_score(new, merged, similarity=similarity),
    )
