"""Assemble event records from the per-mention results of the extraction steps.

Mentions of one incident within the article are folded together first (``merge.py``);
each group becomes one event with all its evidence and an ACLED-style ``notes`` sentence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from sitrep.extract.casualty_facts import sentence_facts
from sitrep.extract.disputes import denial_disputes, toll_disputes
from sitrep.extract.event_filters import introduces_new_event
from sitrep.extract.merge import EventDraft, attach_outcomes, cited, merge_drafts, names_incident, refers_back
from sitrep.extract.types import Casualties, EventDate, EventMention
from sitrep.models import Actor, Article, Claim, Dispute, Event, Evidence, Location, Plover, Source, content_hash


def _responsibility_deniers(disputes: Sequence[Dispute]) -> set[str]:
    return {
        party
        for d in disputes
        if d.about == "responsibility"
        for party, says in zip(d.parties, d.says, strict=True)
        if says == "denies"
    }


def format_event_date(value: date | None, precision: str | None) -> str:
    """ "On 19 September 2023", "In March 2024", "In 2020": the opening of a notes sentence."""
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


def write_notes(draft: EventDraft) -> str:
    """One plain sentence in the manner of ACLED's notes column."""
    sentence = format_event_date(draft.date.value, draft.date.precision)
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


# ACLED codes no fatalities for these: a toll in their sentence belongs to the violence
# they mention ("signed a truce, ending fighting that had killed nine"; "police detained
# three suspects in the bombing that killed 15").
NON_VIOLENT_TYPES = frozenset(
    {
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Headquarters or base established",
        "Non-violent transfer of territory",
    }
)


def _evidence(article: Article, members: Sequence[EventDraft]) -> tuple[Evidence, ...]:
    seen: set[int] = set()
    out = []
    for d in sorted(members, key=lambda d: d.sent_start):
        if d.sent_start in seen:
            continue
        seen.add(d.sent_start)
        out.append(Evidence(article_id=article.id, start=d.sent_start, end=d.sent_end, text=d.sent_text))
    return tuple(out)


# Event types whose incidents have tolls an outcome sentence may state.
VIOLENT_TYPES = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests"}
)


def _outcome_draft(
    sents: Sequence[Any], index: int, found: Casualties, claims: Sequence[tuple[Claim, ...]]
) -> EventDraft:
    sent = sents[index]
    placeholder = EventMention(index, sent.root.i, None, None, None, "ASSAULT", None, (), 0.0)  # replaced on attaching
    return EventDraft(
        mention=placeholder,
        sent_start=sent.start_char,
        sent_end=sent.start_char + len(sent.text.rstrip()),
        sent_text=sent.text.rstrip(),
        date=EventDate(None, None, False),
        claims=tuple(claims[index]) if index < len(claims) else (),
        actor1=None,
        actor2=None,
        location=None,
        casualties=found,
        refers_back=names_incident(sent),
    )


def _tree_distance(a: Any, b: Any) -> int:
    """Arcs between two tokens of one parse."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    index_b = {t.i: n for n, t in enumerate(up_b)}
    return next((n + index_b[t.i] for n, t in enumerate(up_a) if t.i in index_b), len(up_a) + len(up_b))


def _toll_owner(keyword: Any, triggers: Sequence[Any]) -> int:
    """Which of ``triggers`` a toll word tells: the incident it names ("killed in clashes"), else
    the nearest in the parse."""
    named = {g.i for c in keyword.children if c.dep_ == "prep" and c.lower_ in ("in", "during") for g in c.children}
    for k, trigger in enumerate(triggers):
        if trigger.i in named:
            return k
    return min(range(len(triggers)), key=lambda k: _tree_distance(keyword, triggers[k]))


def one_toll_per_sentence(
    doc: Any, groups: list[tuple[EventDraft, list[EventDraft]]]
) -> list[tuple[EventDraft, list[EventDraft]]]:
    """A sentence that states one death toll and tells several incidents kept apart ("police fired
    tear gas at students ..., and at least 12 people were killed in clashes across the country")
    gives the toll to one of them, the one it names or the nearest: counted once, as ACLED does,
    not once per incident."""
    out = list(groups)
    sents = list(doc.sents)
    by_sentence: dict[int, list[int]] = {}
    for k, (head, members) in enumerate(groups):
        told_in = {d.mention.sent_index for d in members}
        if len(told_in) == 1 and head.casualties.fatalities is not None:
            by_sentence.setdefault(told_in.pop(), []).append(k)
    for index, ks in by_sentence.items():
        counts = {groups[k][0].casualties.fatalities for k in ks}
        if len(ks) < 2 or len(counts) != 1 or index >= len(sents):
            continue
        tolls = [f for f in sentence_facts(sents[index]) if f.kind == "death" and f.count is not None]
        if len(tolls) != 1:
            continue
        owner = ks[_toll_owner(tolls[0].keyword, [doc[groups[k][0].mention.trigger] for k in ks])]
        for k in ks:
            if k != owner:
                head, members = out[k]
                out[k] = (replace(head, casualties=Casualties(None, head.casualties.injured)), members)
    return out


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
    outcomes: Mapping[int, Casualties] | None = None,
    min_confidence: float = 0.0,
    vetoed_events: bool = False,
) -> list[Event]:
    """``outcomes``: by sentence index, the tolls of sentences with no event of their own
    (``counts.outcome_casualties``); each joins the violent incident told right before it.

    A mention a sentence model vetoed (``EventMention.vetoed``) only lends its source and toll
    to the incident it retells (``merge.restates``); one that retells none becomes a PLOVER-only
    event when ``vetoed_events``, else nothing."""
    sents = list(doc.sents)
    drafts = []
    for i, m in enumerate(mentions):
        sent = sents[m.sent_index]
        drafts.append(
            EventDraft(
                mention=m,
                sent_start=sent.start_char,
                # spaCy's sentence spans keep the paragraph break after them; evidence does not.
                sent_end=sent.start_char + len(sent.text.rstrip()),
                sent_text=sent.text.rstrip(),
                date=dates[i],
                claims=tuple(claims[m.sent_index]) if m.sent_index < len(claims) else (),
                actor1=actors[i][0],
                actor2=actors[i][1],
                location=locations[i],
                casualties=Casualties(None, None) if m.sub_event_type in NON_VIOLENT_TYPES else casualties[i],
                marked_new=introduces_new_event(doc, m),
                refers_back=refers_back(doc, m),
                cited=cited(doc, m),
            )
        )
    source = Source(
        article_id=article.id,
        outlet=article.outlet,
        url=article.url,
        published=article.published.isoformat() if article.published else None,
    )
    groups = merge_drafts(drafts)
    if not vetoed_events:
        groups = [(head, members) for head, members in groups if head.mention.vetoed is None]
    # A vetoed sentence kept (as a retelling, or as a PLOVER-only event) has given its toll already.
    kept = {d.mention.sent_index for _, members in groups for d in members if d.mention.vetoed is not None}
    if outcomes:
        told = [_outcome_draft(sents, i, found, claims) for i, found in sorted(outcomes.items()) if i not in kept]
        groups = attach_outcomes(groups, told, violent=VIOLENT_TYPES)
    groups = one_toll_per_sentence(doc, groups)
    denials = denial_disputes(doc, [members for _, members in groups], claims, article_id=article.id)
    events = []
    for (head, members), denied in zip(groups, denials, strict=True):
        m = head.mention
        # a retelling the encoder vetoed vouches for nothing (a PLOVER-only group has only those)
        vouching = [d.mention.confidence for d in members if d.mention.vetoed is None]
        confidence = round(max(vouching or [d.mention.confidence for d in members]), 3)
        if confidence < min_confidence:
            continue
        trigger_char = doc[m.trigger].idx
        deniers = _responsibility_deniers(denied)  # who denies any part in it is a disputant, not its source
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
                claimed_by=tuple(c for c in head.claims if c.name not in deniers),
                evidence=_evidence(article, members),
                sources=(source,),
                confidence=confidence,
                notes=write_notes(head),
                disputes=(*toll_disputes(members, article_id=article.id), *denied),
            )
        )
    return events
