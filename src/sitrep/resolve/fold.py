"""Fold reports of one real event into one ``MergedEvent``, whatever their order.

Every field is chosen by a rule that does not depend on arrival order (a minimum under
a fixed total order, or a union kept sorted), so ``merge_events`` is commutative and
associative: adding reports one by one, in any order, gives the same record. Only the
``event_id`` is kept from the record reports are added to, so an event's id never
changes once the store has given it out.

- kind (event, sub-event and disorder type, PLOVER, actors, confidence): taken together
  from one report, so the record never pairs one report's actors with another's event
  type: a specific kind over a generic one ("Remote explosive/landmine/IED" over
  "Attack"), then the higher confidence, then more actors named, then names;
- date: the most precise (day over week over month over year), then the earliest;
- location: the most precise (the lowest ACLED geo precision), then named entries first;
- fatalities: ACLED's rule, the lowest count any report states (reports that state none
  are ignored); ``fatalities_low``/``fatalities_high`` the range, and ``reports`` one
  ``FatalityReport`` per article: who reported which figure, on whose word;
- injured: the lowest stated, as for fatalities;
- claimed_by: the union by name; contradicting parties stay side by side;
- disputes (sources within one article that contradict each other), evidence, sources and
  mention ids: the union, sorted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from sitrep.extract.assemble import format_event_date
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
    Source,
    content_hash,
)
from sitrep.resolve.features import PRECISION_RANK, is_generic


def merged_event_id(first_mention_id: str) -> str:
    """The id of a merged event: a content hash of its first mention's id."""
    return content_hash("merged-event", first_mention_id)


def _low(values: Iterable[int | None]) -> int | None:
    return min((v for v in values if v is not None), default=None)


def _high(values: Iterable[int | None]) -> int | None:
    return max((v for v in values if v is not None), default=None)


def _actor_key(actor: Actor | None) -> tuple[Any, ...]:
    return ("\uffff",) if actor is None else (actor.name, actor.country or "", actor.sector or "")


def _kind_key(event: Event) -> tuple[Any, ...]:
    named = (event.actor1 is not None) + (event.actor2 is not None)
    return (
        is_generic(event),
        -event.confidence,
        -named,
        event.event_type or "",
        event.sub_event_type or "",
        event.plover.to_dict() if event.plover else {},
        _actor_key(event.actor1),
        _actor_key(event.actor2),
    )


def _kind_sort_key(event: Event) -> tuple[Any, ...]:
    key = _kind_key(event)
    # dicts do not order; their JSON text does.
    return (*key[:5], content_hash(key[5]), *key[6:])


def _date_key(event: Event) -> tuple[int, str]:
    if event.event_date is None:
        return (len(PRECISION_RANK), "")
    return (PRECISION_RANK.get(event.date_precision or "day", len(PRECISION_RANK)), event.event_date)


def _location_key(loc: Location) -> tuple[Any, ...]:
    return (loc.precision, loc.geonameid is None, loc.name or "", loc.geonameid or 0, loc.text or "", loc.start or 0)


def _pick_location(a: Location | None, b: Location | None) -> Location | None:
    if a is None or b is None:
        return a or b
    return min(a, b, key=_location_key)


def _claims(a: Iterable[Claim], b: Iterable[Claim]) -> tuple[Claim, ...]:
    by_name: dict[str, Claim] = {}
    for claim in (*a, *b):
        kept = by_name.get(claim.name)
        key = (claim.country or "", claim.text or "")
        if kept is None or key < (kept.country or "", kept.text or ""):
            by_name[claim.name] = claim
    return tuple(by_name[name] for name in sorted(by_name))


def _disputes(a: Iterable[Dispute], b: Iterable[Dispute]) -> tuple[Dispute, ...]:
    unique = {(d.article_id or "", d.about, d.parties, d.says): d for d in (*a, *b)}
    return tuple(unique[k] for k in sorted(unique))


def _evidence(a: Iterable[Evidence], b: Iterable[Evidence]) -> tuple[Evidence, ...]:
    unique = {(e.article_id, e.start, e.end): e for e in (*a, *b)}
    return tuple(unique[k] for k in sorted(unique))


def _source_key(source: Source) -> tuple[str, str]:
    return (source.published or "", source.article_id)


def _sources(a: Iterable[Source], b: Iterable[Source]) -> tuple[Source, ...]:
    by_article: dict[str, Source] = {}
    for source in (*a, *b):
        kept = by_article.get(source.article_id)
        # The same article twice: keep the fuller record, then a fixed one.
        if kept is None or _fullness(source) > _fullness(kept):
            by_article[source.article_id] = source
    return tuple(sorted(by_article.values(), key=_source_key))


def _fullness(source: Source) -> tuple[int, str]:
    filled = sum(v is not None for v in (source.outlet, source.url, source.published))
    return (filled, content_hash(source))


def _reports(a: Iterable[FatalityReport], b: Iterable[FatalityReport]) -> tuple[FatalityReport, ...]:
    by_article: dict[str, FatalityReport] = {}
    for report in (*a, *b):
        kept = by_article.get(report.article_id)
        if kept is not None:
            # Two mentions from one article in one event: its lowest figures, all its voices.
            report = FatalityReport(
                article_id=report.article_id,
                fatalities=_low((kept.fatalities, report.fatalities)),
                injured=_low((kept.injured, report.injured)),
                claimed_by=tuple(sorted(set(kept.claimed_by) | set(report.claimed_by))),
                outlet=kept.outlet or report.outlet,
            )
        by_article[report.article_id] = report
    return tuple(by_article[k] for k in sorted(by_article))


def report_of(event: Event, article: Article) -> FatalityReport:
    """What ``article`` said about the toll of ``event``."""
    return FatalityReport(
        article_id=article.id,
        fatalities=event.fatalities,
        injured=event.injured,
        claimed_by=tuple(sorted({c.name for c in event.claimed_by})),
        outlet=article.outlet,
    )


def source_of(event: Event, article: Article) -> tuple[Source, ...]:
    own = Source(
        article_id=article.id,
        outlet=article.outlet,
        url=article.url,
        published=article.published.isoformat() if article.published else None,
    )
    return _sources(event.sources, (own,))




def merged_notes(event: Event, *, low: int | None, high: int | None, n_sources: int) -> str:
    """One ACLED-style sentence for the merged record, with the toll range and source count."""
    day = date.fromisoformat(event.event_date) if event.event_date else None
    sentence = format_event_date(day, event.date_precision)
    loc = event.location
    if loc is not None and loc.name:
        context = ", ".join(x for x in (loc.admin1 if loc.admin1 != loc.name else None, loc.country) if x)
        sentence += f", {'near' if loc.precision == 2 else 'in'} {loc.name}" + (f" ({context})" if context else "")
    kind = event.sub_event_type or (f"{event.plover.event.lower()} event" if event.plover else "event")
    sentence += f": {kind[0].lower() + kind[1:]}"
    if event.actor1 is not None:
        sentence += f" by {event.actor1.name}"
    if event.actor2 is not None:
        sentence += f" against {event.actor2.name}" if event.actor1 else f" involving {event.actor2.name}"
    if low is not None:
        sentence += f" ({low} killed)" if low == high else f" ({low}-{high} killed reported; {low} coded)"
    return sentence + f"; {n_sources} source{'s' if n_sources != 1 else ''}."


def merge_events(a: MergedEvent, b: MergedEvent) -> MergedEvent:
    """``b`` folded into ``a`` (keeping ``a``'s event_id); see the module docstring."""
    head = min(a.event, b.event, key=_kind_sort_key)
    when = min(a.event, b.event, key=_date_key)
    reports = _reports(a.reports, b.reports)
    sources = _sources(a.event.sources, b.event.sources)
    stated = [r.fatalities for r in reports]
    low, high = _low(stated), _high(stated)
    event = replace(
        head,
        event_id=a.event.event_id,
        article_id=sources[0].article_id if sources else head.article_id,
        event_date=when.event_date,
        date_precision=when.date_precision,
        location=_pick_location(a.event.location, b.event.location),
        fatalities=low,
        injured=_low(r.injured for r in reports),
        claimed_by=_claims(a.event.claimed_by, b.event.claimed_by),
        evidence=_evidence(a.event.evidence, b.event.evidence),
        sources=sources,
        disputes=_disputes(a.event.disputes, b.event.disputes),
    )
    event = replace(event, notes=merged_notes(event, low=low, high=high, n_sources=len(sources)))
    mention_ids = tuple(sorted(set(a.mention_ids) | set(b.mention_ids)))
    return MergedEvent(event=event, fatalities_low=low, fatalities_high=high, reports=reports, mention_ids=mention_ids)


def start_event(event: Event, article: Article) -> MergedEvent:
    """A merged event of one report; its id is a content hash of the mention's id."""
    sources = source_of(event, article)
    report = report_of(event, article)
    seed = replace(event, event_id=merged_event_id(event.event_id), sources=sources)
    single = MergedEvent(
        event=seed,
        fatalities_low=event.fatalities,
        fatalities_high=event.fatalities,
        reports=(report,),
        mention_ids=(event.event_id,),
    )
    # Folding into itself normalises every field (sorted claims, notes) the way a join does.
    return merge_events(single, single)


def add_report(merged: MergedEvent, event: Event, article: Article) -> MergedEvent:
    """``merged`` with one more report (keeps ``merged``'s event_id)."""
    return merge_events(merged, start_event(event, article))
