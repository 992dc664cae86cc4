"""Within one article, fold the mentions of one incident into one event.

A story tells one incident several times: the lede ("Gunmen attacked a school"), the
detail ("the attackers arrived on motorcycles"), the claim ("al-Shabaab said it was
behind the attack"). ACLED codes one event; so do we. Two mentions are one incident
when their kinds are compatible (the same ACLED event type, or a generic kind such as
"Attack" folding into a specific one), their dates, places and actors do not
conflict, and nothing marks the later one as new ("another mine", "a second blast").
Across articles the same job is done by ``resolve/``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from sitrep.extract.counts import TOLL_UPDATE, merge_casualties
from sitrep.extract.event_filters import PART_OF_DISORDER
from sitrep.extract.types import Casualties, EventDate, EventMention
from sitrep.models import Actor, Claim, Location

# Generic sub-event types and the event types whose specific events may absorb them
# (ACLED: arrests and looting during a riot belong to the riot, the killing in an
# air strike is the air strike).
_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots"})
GENERIC_INTO: dict[str, frozenset[str]] = {
    "Attack": _VIOLENT,
    "Armed clash": frozenset({"Battles", "Explosions/Remote violence"}),
    "Peaceful protest": frozenset({"Protests", "Riots"}),
    # ACLED codes a crowd's day at its most severe: police intervening in a protest that turned
    # violent is the riot.
    "Protest with intervention": frozenset({"Riots"}),
    "Arrests": frozenset({"Protests", "Riots"}),
    "Looting/property destruction": _VIOLENT,
}


@dataclass(frozen=True)
class EventDraft:
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
    marked_new: bool = False  # "another mine", "a second attack": never folded into an earlier event
    refers_back: bool = False  # "the attack": may fold into an earlier incident of another kind
    cited: bool = False  # "blamed X for the attack": named by a statement, its sentence's places are not its own


_ANAPHORIC_DETS = frozenset({"the", "this", "that", "these", "those", "its", "their"})
_INCIDENT_NOUNS = frozenset({
    "operation", "attack", "assault", "raid", "offensive", "fighting", "clash", "battle", "ambush",
    "bombing", "blast", "explosion", "strike", "airstrike", "shelling", "shooting", "violence", "unrest",
})  # fmt: skip


# A claim of responsibility is about an incident already told ("al-Shabaab claimed
# responsibility, saying it had killed more than ten soldiers").
_CLAIMS_RESPONSIBILITY = re.compile(r"\b(claim(ed|s|ing)? (the )?responsibility|(was|were) behind)\b", re.I)


def refers_back(doc: Doc, mention: EventMention) -> bool:
    """Whether the mention points to an incident told before: a definite event noun ("the
    attack", "the clashes", "its assault"), a claim of responsibility or a toll update."""
    token = doc[mention.trigger]
    if token.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ in ("det", "poss") and c.lower_ in _ANAPHORIC_DETS for c in token.children
    ):
        return True
    # "four soldiers were killed in the operation": an outcome placed in an incident already named
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("in", "during")):
        for pobj in (g for g in prep.children if g.dep_ == "pobj" and g.lemma_.lower() in _INCIDENT_NOUNS):
            if any(c.dep_ in ("det", "poss") and c.lower_ in _ANAPHORIC_DETS for c in pobj.children):
                return True
    text = token.sent.text
    return bool(_CLAIMS_RESPONSIBILITY.search(text) or TOLL_UPDATE.search(text))


def names_incident(sent: Span) -> bool:
    """Whether a sentence names an incident told elsewhere: "the attack", "Monday's bombing"."""
    return any(
        tok.lemma_.lower() in _INCIDENT_NOUNS
        and any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _ANAPHORIC_DETS) for c in tok.children)
        for tok in sent
    )


def _generic(mention: EventMention) -> bool:
    return mention.sub_event_type in GENERIC_INTO


def kinds_compatible(a: EventMention, b: EventMention) -> bool:
    if a.event_type is None or b.event_type is None:
        # Outside ACLED's taxonomy (crime, verbal events): the PLOVER coding must agree.
        return a.event_type == b.event_type and (a.plover_event, a.plover_context) == (b.plover_event, b.plover_context)
    if a.event_type == b.event_type:
        # Strategic developments are unlike one another (an arrest is not an agreement).
        return a.event_type != "Strategic developments" or a.sub_event_type == b.sub_event_type
    return b.event_type in GENERIC_INTO.get(a.sub_event_type or "", ()) or a.event_type in GENERIC_INTO.get(
        b.sub_event_type or "", ()
    )


def _actor_ok(a: Actor | None, b: Actor | None) -> bool:
    if a is None or b is None:
        return True
    return (a.country is None or b.country is None or a.country == b.country) and (
        a.sector is None or b.sector is None or a.sector == b.sector
    )


def _actors_ok(a: EventDraft, b: EventDraft, *, ordered: bool) -> bool:
    if _actor_ok(a.actor1, b.actor1) and _actor_ok(a.actor2, b.actor2):
        return True
    if ordered:
        return False
    return _actor_ok(a.actor1, b.actor2) and _actor_ok(a.actor2, b.actor1)


def _same_place(a: Location | None, b: Location | None) -> bool:
    return a is not None and b is not None and a.geonameid is not None and a.geonameid == b.geonameid


def _places_ok(a: Location | None, b: Location | None) -> bool:
    if a is None or b is None or _same_place(a, b):
        return True
    # A region and a place inside it: the broader one (precision 3) admits the other.
    if a.country == b.country and (a.precision == 3 or b.precision == 3):
        return a.admin1 is None or b.admin1 is None or a.admin1 == b.admin1
    return False


def _same_country(a: EventDraft, b: EventDraft) -> bool:
    x, y = a.location, b.location
    return x is None or y is None or x.country is None or y.country is None or x.country == y.country


def _dates_ok(a: EventDate, b: EventDate, *, refers_back: bool = False) -> bool:
    if a.historical != b.historical:
        return False
    if a.value == b.value:
        return True
    if (a.reported or b.reported) and a.value is not None and b.value is not None:
        # the day it was said and the day it happened, a day or two before: one incident
        said, happened = (a, b) if a.reported else (b, a)
        return said.value is not None and happened.value is not None and 0 <= (said.value - happened.value).days <= 2
    # A mention dated only by default (the publication day) takes the other's stated date,
    # and so does one dated from a governing clause ("signed a truce on Wednesday, ending
    # fighting") when a later sentence points back and dates it ("the clashes broke out on Monday").
    return not a.historical and (a.text is None or b.text is None or refers_back)


_CITING_PREPS = frozenset({"for", "of", "behind", "over", "about", "in"})
_STATEMENT_VERBS = frozenset({
    "blame", "accuse", "hold", "condemn", "denounce", "deny", "claim", "say", "praise", "investigate",
    "suspect", "link", "attribute", "reject", "mourn", "confirm", "report",
})  # fmt: skip


def cited(doc: Doc, mention: EventMention) -> bool:
    """A definite event noun that a statement is about rather than the sentence's own event:
    "police blamed the rebels for the attack", "condemned the bombing", "denied any role in
    the killing". Where its sentence places things (the rebels' bases) is not where it happened."""
    token = doc[mention.trigger]
    if token.pos_ not in ("NOUN", "PROPN") or not any(
        c.dep_ in ("det", "poss") and c.lower_ in _ANAPHORIC_DETS for c in token.children
    ):
        return False
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in _CITING_PREPS:
        head = head.head
        while head.pos_ in ("NOUN", "ADJ") and head.dep_ in ("dobj", "oprd", "acomp", "attr", "amod"):
            head = head.head  # "blamed the rebels for", "held X responsible for", "denied any role in"
    return head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in _STATEMENT_VERBS


def _names_back(head: EventDraft, draft: EventDraft) -> bool:
    """A draft outside ACLED's taxonomy that points back ("said it had no part in the
    attack"), or a bare outcome at the same place on no date of its own ("a council member
    said eight civilians had been killed"), is about the ACLED incident of the same PLOVER
    kind told before."""
    detail_here = draft.date.text is None and _same_place(head.location, draft.location)
    return (
        (draft.refers_back or detail_here)
        and draft.mention.event_type is None  # a bare killing, coded crime when told alone
        and head.mention.event_type is not None
        and draft.mention.plover_event in (head.mention.plover_event, "ASSAULT")
        and head.mention.plover_event in ("ASSAULT", "FIGHT")
    )


def same_incident(head: EventDraft, draft: EventDraft) -> bool:
    if draft.marked_new and draft.sent_start != head.sent_start:
        return False
    if not kinds_compatible(head.mention, draft.mention) and not _names_back(head, draft):
        return False
    if draft.sent_start == head.sent_start and PART_OF_DISORDER & {head.mention.sub_event_type,
                                                                    draft.mention.sub_event_type}:
        return False  # a looting kept beside a riot in its own sentence has its own doers (event_filters.deduplicate)
    if not _dates_ok(head.date, draft.date, refers_back=draft.refers_back):
        return False
    other_kind = head.mention.event_type != draft.mention.event_type
    # A generic kind folds into an earlier incident of another kind only when it points
    # back ("the attack") or adds detail at the very same place on no date of its own
    # ("Witnesses said gendarmes began shooting" after "troops fired on protesters").
    detail_here = _same_place(head.location, draft.location) and draft.date.text is None
    if other_kind and draft.sent_start != head.sent_start and not (draft.refers_back or detail_here):
        return False
    # A definite "the blast" of the same kind names the incident told before, even where
    # its sentence places it by another landmark ("on the road to X"); within one country.
    same_kind_back = draft.refers_back and (
        head.mention.event_type == draft.mention.event_type or head.mention.event_type in GENERIC_INTO.get(
            draft.mention.sub_event_type or "", ()) or _names_back(head, draft)
    )  # fmt: skip
    places_ok = _places_ok(head.location, draft.location) or (same_kind_back and _same_country(head, draft))
    if not places_ok and not (same_kind_back and draft.cited):
        return False
    # Who acted on whom: across sentences the order matters (A's attack and B's reply are
    # two events), unless both name the very same place, where they are one fight told
    # by two sides; within one sentence the roles of two triggers may differ.
    if same_kind_back:
        return True  # "the blast" names the incident told before, however its sentence casts the sides
    # A crowd's day at one place is one event however a sentence casts its sides (police firing
    # tear gas at students, hooded youths throwing stones at officers: civilians, then rioters).
    if {head.mention.event_type, draft.mention.event_type} <= {"Riots", "Protests"} and _same_place(
        head.location, draft.location
    ):
        return True
    ordered = draft.sent_start != head.sent_start and not _same_place(head.location, draft.location)
    return _actors_ok(head, draft, ordered=ordered)


def _pick_date(head: EventDraft, draft: EventDraft) -> EventDate:
    a, b = head.date, draft.date
    if a.reported != b.reported and a.text is not None and b.text is not None:
        return b if a.reported else a  # when it happened beats when it was said
    if draft.refers_back and b.text is not None and not TOLL_UPDATE.search(draft.sent_text):
        return b  # the sentence that points back and dates the incident is the detail (a toll update dates the update)
    return a if a.text is not None or b.text is None else b


def _pick_location(a: Location | None, b: Location | None) -> Location | None:
    if a is None or b is None:
        return a or b
    return a if a.precision <= b.precision else b


# A figure the text itself marks as overtaken ("police initially said seven had died").
_SUPERSEDED = re.compile(
    r"\b(?:initially|originally|at first|earlier|first) (?:said|reported|put|gave|counted|announced)\b"
    r"|\b(?:an|the) (?:initial|earlier|first|preliminary) (?:toll|count|figure|report)\b",
    re.I,
)


def superseded(draft: EventDraft) -> bool:
    return bool(_SUPERSEDED.search(draft.sent_text))


# An update that adds dead ("two more died of their wounds", "a further three") rather than
# giving the new total ("raising the death toll to nine").
_ADDED_DEAD = re.compile(r"\b(?:more|another|further|additional)\b", re.I)
_NEW_TOTAL = re.compile(r"\btoll\b", re.I)


def _pick_casualties(head: EventDraft, draft: EventDraft) -> Casualties:
    # An overtaken figure gives way to any other; a toll update overrides what came before.
    if superseded(draft) and not superseded(head):
        return merge_casualties(head.casualties) if head.casualties != Casualties(None, None) else draft.casualties
    if superseded(head) or TOLL_UPDATE.search(draft.sent_text):
        a, b = head.casualties, draft.casualties
        if a.fatalities is not None and b.fatalities is not None and _ADDED_DEAD.search(draft.sent_text) \
                and not _NEW_TOTAL.search(draft.sent_text):
            return Casualties(a.fatalities + b.fatalities, a.injured)  # "two more died of their wounds"
        return Casualties(b.fatalities if b.fatalities is not None else a.fatalities,
                          b.injured if b.injured is not None else a.injured)  # fmt: skip
    heads, others = {c.name for c in head.claims}, {c.name for c in draft.claims}
    if heads != others:
        # Tolls told by different voices for one incident (the army's and the rebels',
        # or the militants' boast beside the officials' count): ACLED keeps the lowest.
        def low(x: int | None, y: int | None) -> int | None:
            return min((v for v in (x, y) if v is not None), default=None)

        a, b = head.casualties, draft.casualties
        return Casualties(low(a.fatalities, b.fatalities), low(a.injured, b.injured))
    # One voice restating or updating its toll ("rose to"): the larger is the latest.
    return merge_casualties(head.casualties, draft.casualties)


def fold(head: EventDraft, draft: EventDraft) -> EventDraft:
    """``draft`` folded into ``head``; the more specific kind becomes the head's."""
    acled_draft = draft.mention.event_type is not None or head.mention.event_type is None  # never lose the ACLED kind
    more_specific = _generic(head.mention) and not _generic(draft.mention) and acled_draft
    same_level = _generic(head.mention) == _generic(draft.mention)
    surer = same_level and acled_draft and draft.mention.confidence > head.mention.confidence + 0.1
    specific = draft if more_specific or surer else head
    other = head if specific is draft else draft
    named = {c.name for c in head.claims}
    return replace(
        head,
        mention=specific.mention,
        sent_start=head.sent_start,
        date=_pick_date(head, draft),
        claims=head.claims + tuple(c for c in draft.claims if c.name not in named),
        actor1=_named_first(specific.actor1, other.actor1),
        actor2=_named_first(specific.actor2, other.actor2),
        location=_pick_location(head.location, draft.location),
        casualties=_pick_casualties(head, draft),
    )


# Sectors of an armed actor whose identity the report does not know, and of armed actors.
UNIDENTIFIED_SECTORS = frozenset({"UAG", "UAF", "UNK"})
ARMED_SECTORS = frozenset({"MIL", "REB", "COP", "SPY", "CRM"}) | UNIDENTIFIED_SECTORS


def _named_first(specific: Actor | None, other: Actor | None) -> Actor | None:
    """The actor of the more specific mention, unless it is an unidentified armed group and the
    other mention names the armed side ("Al-Shabaab militants attacked a base ... The fighters
    used a car bomb": Al-Shabaab, not unidentified fighters)."""
    if specific is None:
        return other
    named = other is not None and not _unidentified(other) and other.sector in ARMED_SECTORS
    if named and _unidentified(specific) and _actor_ok(replace(specific, sector=None), other):
        return other
    return specific


def _unidentified(actor: Actor) -> bool:
    """An armed side no report names ("gunmen", "fighters": ACLED's "Unidentified Armed Group")."""
    return actor.sector in UNIDENTIFIED_SECTORS or actor.name.startswith("Unidentified ")


def _same_actor(a: Actor, b: Actor | None) -> bool:
    return b is not None and (a.name, a.country, a.sector) == (b.name, b.country, b.sector)


def _bare_outcome(last: EventDraft, head: EventDraft, draft: EventDraft) -> bool:
    """ "A car bomb exploded at a checkpoint on Monday. Seven soldiers were killed.": a generic
    outcome with no doer, place or date of its own, told right after an incident of a kind it
    may fold into, is that incident's toll."""
    # a place named in its own sentence (or one whose span is unknown) makes it an incident of its own
    own_place = draft.location is not None and (
        draft.location.start is None or draft.sent_start <= draft.location.start < draft.sent_end
    )
    return (
        _generic(draft.mention)
        and draft.mention.sent_index == last.mention.sent_index + 1
        # no doer of its own: none, or the incident's (a claimant named later lends both the same)
        and (draft.actor1 is None or _same_actor(draft.actor1, head.actor1))
        and (draft.date.text is None or draft.date.value == head.date.value)  # none of its own, or the same
        and not own_place
        and _places_ok(head.location, draft.location)
        and not draft.marked_new
        and draft.date.historical == head.date.historical
        and kinds_compatible(head.mention, draft.mention)
    )


# How many sentences after an incident's latest one a restatement may still be about it.
RESTATEMENT_REACH = 3


def as_ruled(draft: EventDraft) -> EventDraft:
    """A vetoed draft with the typing the rules gave it, to test which incident it restates."""
    if draft.mention.vetoed is None:
        return draft
    event_type, sub_event_type = draft.mention.vetoed
    return replace(draft, mention=replace(draft.mention, event_type=event_type, sub_event_type=sub_event_type))


def restates(head: EventDraft, last: EventDraft, draft: EventDraft) -> bool:
    """Whether a vetoed draft (a sentence a model judged no event of its own: "the ministry said
    11 officers were injured and 27 people were arrested", "al-Shabaab said its fighters had
    killed more than ten soldiers") retells the ACLED incident told just before, by the rules'
    reading of it. Folded in, it lends that incident its source and its toll, not its type."""
    return (
        head.mention.event_type is not None
        and 0 < draft.mention.sent_index - last.mention.sent_index <= RESTATEMENT_REACH
        and same_incident(head, as_ruled(draft))
    )


def merge_drafts(drafts: Sequence[EventDraft]) -> list[tuple[EventDraft, list[EventDraft]]]:
    """Group drafts describing one incident; each group's head carries the merged fields.

    A draft joins the most recent compatible group (stories tell an incident in one
    stretch), else starts its own. A vetoed draft joins only an incident it restates; one that
    restates none starts a group of its own, which the assembler keeps only as a PLOVER event.
    """
    groups: list[tuple[EventDraft, list[EventDraft]]] = []
    for draft in drafts:
        vetoed = draft.mention.vetoed is not None
        # the incident told most recently first (by its latest sentence, not by when it began)
        recent = sorted(range(len(groups)), key=lambda k: (groups[k][1][-1].sent_start, k), reverse=True)
        for index in recent:
            head, members = groups[index]
            if vetoed:
                # reach counts from the incident's last own sentence: retellings do not chain
                told = [m for m in members if m.mention.vetoed is None] or members
                joins = restates(head, told[-1], draft)
            else:
                joins = same_incident(head, draft) or _bare_outcome(members[-1], head, draft)
            if joins:
                groups[index] = (fold(head, draft), [*members, draft])
                break
        else:
            groups.append((draft, [draft]))
    return groups


def attach_outcomes(
    groups: list[tuple[EventDraft, list[EventDraft]]], outcomes: Sequence[EventDraft], *, violent: frozenset[str]
) -> list[tuple[EventDraft, list[EventDraft]]]:
    """Fold each outcome sentence (a toll with no event of its own) into the incident told in
    the sentence before it, or in the sentence after it when the outcome names its incident
    ("mourning for the 15 people killed in Monday's bombing", then "The blast struck ..."), when
    that incident is one of the ``violent`` event types; an outcome with no such incident beside
    it is left out. Each outcome draft carries its head's mention, moved to its own sentence."""
    groups = list(groups)
    for outcome in outcomes:
        index = outcome.mention.sent_index
        wanted: tuple[int, ...] = (index - 1, index + 1) if outcome.refers_back else (index - 1,)
        if TOLL_UPDATE.search(outcome.sent_text):
            # "rescuers pulled two more bodies from the rubble, raising the death toll to nine":
            # the incident told last, a few sentences back (officials' and claimants' words between)
            wanted = tuple(range(index - 1, max(-1, index - 1 - RESTATEMENT_REACH), -1))
        for near in wanted:
            k = next(
                (
                    k
                    for k, (head, members) in enumerate(groups)
                    if head.mention.event_type in violent
                    and head.mention.sub_event_type != "Peaceful protest"  # a toll would make it no peaceful one
                    and not head.date.historical
                    and any(d.mention.sent_index == near for d in members)
                ),
                None,
            )
            if k is not None:
                head, members = groups[k]
                draft = replace(outcome, mention=replace(head.mention, sent_index=index), date=head.date)
                groups[k] = (fold(head, draft), [*members, draft])
                break
    return groups
