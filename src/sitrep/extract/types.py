"""Intermediate records passed between the extraction steps.

They refer to a spaCy ``Doc`` by token or character offsets, so they stay small,
hashable and independent of the Doc's lifetime. The steps are pure functions:

    find_dateline(doc)                         -> Dateline | None          (nlp/dateline.py)
    Geoparser(gazetteer)(doc, dateline)         -> list[ResolvedPlace]      (geo/geoparser.py)
    detect_events(doc)                          -> list[EventMention]       (extract/events.py)
    extract_actors(doc, mention)                -> (Actor | None, Actor | None)  (extract/actors.py)
    choose_location(doc, mention, places, dateline) -> Location | None     (extract/places.py)
    resolve_dates(doc, mentions, published)     -> list[EventDate]          (extract/dates.py)
    count_casualties(doc, mention)              -> Casualties               (extract/counts.py)
    attribute_claims(doc)                       -> list[tuple[Claim, ...]]  (extract/claims.py, one per sentence)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Dateline:
    """The filing place at the head of a story (``BAKU –``, ``KYIV, Ukraine (AP) —``)."""

    start: int  # char offset of the place name
    end: int
    text: str  # the place name as written, e.g. "BAKU"
    span_end: int  # char offset just after the dash: where the story body begins


@dataclass(frozen=True)
class GazEntry:
    """One gazetteer row."""

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str | None  # ISO3
    feature: str  # city | admin1 | admin2 | country | region | other
    admin1: str | None = None  # name of the first-level division
    admin2: str | None = None
    population: int = 0
    source: str = "geonames"


@dataclass(frozen=True)
class ResolvedPlace:
    """A toponym mention and the entry it was resolved to (``entry`` None if unresolved)."""

    start: int  # char offsets into doc.text
    end: int
    text: str
    entry: GazEntry | None
    score: float
    is_dateline: bool = False
    kind: str = "toponym"  # "toponym" | "demonym" (an adjective of place: "Armenian positions")


@dataclass(frozen=True)
class EventMention:
    """One event reported in one sentence."""

    sent_index: int  # index into list(doc.sents)
    trigger: int  # token index of the event word (verb or noun) in the doc
    event_type: str | None  # ACLED event type, None for crime outside ACLED's scope
    sub_event_type: str | None
    disorder_type: str | None
    plover_event: str
    plover_mode: str | None
    plover_context: tuple[str, ...]
    confidence: float
    # The rules' (event type, sub-event type) where a sentence model judged the sentence no
    # event of its own: such a mention may only restate an incident told nearby, lending it
    # its source and its toll (``merge.merge_drafts``).
    vetoed: tuple[str, str] | None = None
    # A sentence model read the sentence as reporting an event of this mention's type
    # (``event_classifier.apply_verdict``): of a sentence's mentions, the one it reports first
    # ("Attacks including a spate of suicide bombings killed 32": the bombings).
    confirmed: bool = False


@dataclass(frozen=True)
class EventDate:
    value: date | None
    precision: str | None  # day | week | month | year
    historical: bool
    text: str | None = None  # the date expression used, if any
    reported: bool = False  # taken from the reporting clause ("officials said on Sunday"): when it was said


@dataclass(frozen=True)
class Casualties:
    fatalities: int | None
    injured: int | None
