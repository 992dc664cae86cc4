"""Assemble event records from the per-mention results of the extraction steps.

Also merges mentions of one event within one article (an operation announced in the
lead and again in the last paragraph is one event, not two) and writes the ACLED-style
``notes`` sentence. Merging across articles is the job of ``resolve/``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sitrep.extract.counts import merge_casualties
from sitrep.extract.types import Casualties, EventDate, EventMention
from sitrep.models import Actor, Article, Claim, Event, Evidence, Location, Plover, Source, content_hash


@dataclass(frozen=True)
class _Draft:
    """One mention with everything extracted for it, before merging."""

    mention: EventMention
    sent_start: int
    sent_end: int
    sent_text: str
    date: EventDate
    claims: tuple[Claim, ...]
    actor1: Actor | None
    actor2: Actor | None
    location: Location | None
    casualties: Casualties


def _compatible_actor(a: Actor | None, b: Actor | None) -> bool:
    if a is None or b is None:
        return True
    same_country = a.country is None or b.country is None or a.country == b.country
    same_sector = a.sector is None or b.sector is None or a.sector == b.sector
    return same_country and same_sector


def _compatible_location(a: Location | None, b: Location | None) -> bool:
    if a is None or b is None:
        return True
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    # A region mention and a town inside it: the broader one (precision 3) admits the other.
    if a.country == b.country and (a.precision == 3 or b.precision == 3):
        return a.admin1 is None or b.admin1 is None or a.admin1 == b.admin1
    return False


def _same_event(a: _Draft, b: _Draft) -> bool:
    ma, mb = a.mention, b.mention
    if a.sent_start == b.sent_start:
        return False  # distinct triggers in one sentence were already judged distinct
    if (ma.event_type, ma.sub_event_type, ma.plover_event) != (mb.event_type, mb.sub_event_type, mb.plover_event):
        return False
    if (a.date.value, a.date.historical) != (b.date.value, b.date.historical):
        return False
    both_counted = a.casualties.fatalities is not None and b.casualties.fatalities is not None
    if both_counted and a.casualties.fatalities != b.casualties.fatalities:
        return False
    return (
        _compatible_actor(a.actor1, b.actor1)
        and _compatible_actor(a.actor2, b.actor2)
        and _compatible_location(a.location, b.location)
    )


def _merge(keep: _Draft, other: _Draft) -> _Draft:
    def better_location(x: Location | None, y: Location | None) -> Location | None:
        if x is None:
            return y
        if y is None:
            return x
        return x if x.precision <= y.precision else y

    named = {c.name for c in keep.claims}
    claims = keep.claims + tuple(c for c in other.claims if c.name not in named)
    return replace(
        keep,
        claims=claims,
        actor1=keep.actor1 or other.actor1,
        actor2=keep.actor2 or other.actor2,
        location=better_location(keep.location, other.location),
        # A repeated mention restates or updates the toll ("rose to"): keep the larger.
        casualties=merge_casualties(keep.casualties, other.casualties),
    )


def merge_drafts(drafts: Sequence[_Draft]) -> list[tuple[_Draft, list[_Draft]]]:
    """Group drafts describing the same event; each group keeps its first mention as head."""
    groups: list[tuple[_Draft, list[_Draft]]] = []
    for draft in drafts:
        for index, (head, members) in enumerate(groups):
            if _same_event(head, draft):
                groups[index] = (_merge(head, draft), [*members, draft])
                break
        else:
            groups.append((draft, [draft]))
    return groups


def _format_date(value: date | None, precision: str | None) -> str:
    if value is None:
        return "On an unstated date"
    if precision == "year":
        return f"In {value.year}"
    if precision == "month":
        return f"In {value.strftime('%B %Y')}"
    if precision == "week":
        return f"In the week of {value.day} {value.strftime('%B %Y')}"
    return f"On {value.day} {value.strftime('%B %Y')}"


def _kind(mention: EventMention) -> str:
    """'remote explosive/landmine/IED': the type with only its first letter lowered."""
    name = mention.sub_event_type or f"{mention.plover_event.lower()} event"
    return name[0].lower() + name[1:]


def write_notes(draft: _Draft) -> str:
    """One plain sentence in the manner of ACLED's notes column."""
    sentence = _format_date(draft.date.value, draft.date.precision)
    loc = draft.location
    if loc is not None and loc.name:
        context = ", ".join(x for x in (loc.admin1 if loc.admin1 != loc.name else None, loc.country) if x)
        where = f"{loc.name} ({context})" if context else loc.name
        sentence += f", {'near' if loc.precision == 2 else 'in'} {where}"
    sentence += f": {_kind(draft.mention)}"
    if draft.actor1 is not None:
        sentence += f" by {draft.actor1.name}"
    if draft.actor2 is not None:
        sentence += f" against {draft.actor2.name}" if draft.actor1 else f" involving {draft.actor2.name}"
    counts = []
    if draft.casualties.fatalities is not None:
        counts.append(f"{draft.casualties.fatalities} killed")
    if draft.casualties.injured is not None:
        counts.append(f"{draft.casualties.injured} injured")
    sentence += f" ({', '.join(counts)})" if counts else ""
    if draft.claims:
        sentence += "; according to " + " and ".join(c.name for c in draft.claims)
    if draft.date.historical:
        sentence += " (background, not a new event)"
    return sentence + "."


def _evidence(article: Article, members: Sequence[_Draft]) -> tuple[Evidence, ...]:
    seen: set[int] = set()
    out = []
    for d in sorted(members, key=lambda d: d.sent_start):
        if d.sent_start in seen:
            continue
        seen.add(d.sent_start)
        out.append(Evidence(article_id=article.id, start=d.sent_start, end=d.sent_end, text=d.sent_text))
    return tuple(out)


def assemble_events(
    doc: Any,
    article: Article,
    mentions: Sequence[EventMention],
    *,
    dates: Sequence[EventDate],
    claims: Sequence[tuple[Claim, ...]],
    actors: Sequence[tuple[Actor | None, Actor | None]],
    locations: Sequence[Location | None],
    casualties: Sequence[Casualties],
    min_confidence: float = 0.0,
) -> list[Event]:
    sents = list(doc.sents)
    drafts = []
    for i, m in enumerate(mentions):
        sent = sents[m.sent_index]
        drafts.append(
            _Draft(
                mention=m,
                sent_start=sent.start_char,
                sent_end=sent.end_char,
                sent_text=sent.text,
                date=dates[i],
                claims=tuple(claims[m.sent_index]) if m.sent_index < len(claims) else (),
                actor1=actors[i][0],
                actor2=actors[i][1],
                location=locations[i],
                casualties=casualties[i],
            )
        )
    source = Source(
        article_id=article.id,
        outlet=article.outlet,
        url=article.url,
        published=article.published.isoformat() if article.published else None,
    )
    events = []
    for head, members in merge_drafts(drafts):
        m = head.mention
        confidence = round(max(d.mention.confidence for d in members), 3)
        if confidence < min_confidence:
            continue
        trigger_char = doc[m.trigger].idx
        events.append(
            Event(
                event_id=content_hash(article.id, article.text, trigger_char, m.sub_event_type, m.plover_event),
                article_id=article.id,
                event_date=head.date.value.isoformat() if head.date.value else None,
                date_precision=head.date.precision,
                historical=head.date.historical,
                event_type=m.event_type,
                sub_event_type=m.sub_event_type,
                disorder_type=m.disorder_type,
                plover=Plover(event=m.plover_event, mode=m.plover_mode, context=tuple(m.plover_context)),
                actor1=head.actor1,
                actor2=head.actor2,
                location=head.location,
                fatalities=head.casualties.fatalities,
                injured=head.casualties.injured,
                claimed_by=head.claims,
                evidence=_evidence(article, members),
                sources=(source,),
                confidence=confidence,
                notes=write_notes(head),
            )
        )
    return events
