"""Typed records: what flows out of sitrep (the contract's event record) and in.

Every record is a frozen dataclass with ``to_dict()`` giving the JSON shape of
``shared/docs/contract.md``. Keys never change with flags: absent values are ``None``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return value.to_dict()  # type: ignore[attr-defined]
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


class _Record:
    """Mixin: ``to_dict`` in field order, nested records and dates made plain."""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]


def content_hash(*parts: Any, length: int = 16) -> str:
    """Deterministic id from content (sqlite-utils ``hash_record`` style).

    Same parts give the same id in every process and on every machine; unlike
    ``hash()`` it is not salted per process.
    """
    payload = json.dumps([_plain(p) for p in parts], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:length]


@dataclass(frozen=True)
class Article(_Record):
    """One news article. ``text`` is the body all offsets refer to."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    outlet: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Actor(_Record):
    name: str
    country: str | None = None  # ISO 3166-1 alpha-3
    sector: str | None = None  # MIL, GOV, REB, CVL, POL, ...
    inter: int | None = None  # ACLED inter code 1-8
    text: str | None = None  # the span as written


@dataclass(frozen=True)
class Place(_Record):
    """A toponym in the text resolved to a gazetteer entry (``geoparse`` output)."""

    start: int
    end: int
    text: str
    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    feature: str | None = None  # city | admin1 | admin2 | country | region | other
    score: float | None = None
    admin1: str | None = None
    admin2: str | None = None
    kind: str = "toponym"  # "toponym" | "demonym" ("Armenian positions" names Armenia, not a scene)


@dataclass(frozen=True)
class Location(_Record):
    """Where an event happened, with ACLED geo precision (1 town, 2 near/part of district, 3 region)."""

    name: str | None
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    admin2: str | None
    precision: int
    text: str | None
    start: int | None
    end: int | None


@dataclass(frozen=True)
class Claim(_Record):
    name: str
    country: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class Dispute(_Record):
    """Parties in one article who disagree about an event: over its toll, or one denies it.

    ``says`` is, per party in article order, a count ("40", "5"), "asserts" (the source of
    the account another party denies) or "denies".
    """

    about: str  # fatalities | injured | account | responsibility
    parties: tuple[str, ...]
    says: tuple[str, ...]
    article_id: str | None = None


@dataclass(frozen=True)
class Evidence(_Record):
    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Source(_Record):
    article_id: str
    outlet: str | None = None
    url: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class Plover(_Record):
    event: str
    mode: str | None = None
    context: tuple[str, ...] = ()


@dataclass(frozen=True)
class Event(_Record):
    """The contract's event record."""

    event_id: str
    article_id: str
    event_date: str | None
    date_precision: str | None  # day | week | month | year
    historical: bool
    event_type: str | None
    sub_event_type: str | None
    disorder_type: str | None
    plover: Plover | None
    actor1: Actor | None
    actor2: Actor | None
    location: Location | None
    fatalities: int | None
    injured: int | None
    claimed_by: tuple[Claim, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    sources: tuple[Source, ...] = ()
    confidence: float = 0.0
    notes: str = ""
    disputes: tuple[Dispute, ...] = ()  # sources in one article that contradict each other


@dataclass(frozen=True)
class GeoparseResult(_Record):
    """One line of ``sitrep geoparse`` output."""

    id: str
    places: tuple[Place, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class FatalityReport(_Record):
    """What one report (article) said about one merged event's toll."""

    article_id: str
    fatalities: int | None
    injured: int | None
    claimed_by: tuple[str, ...] = ()
    outlet: str | None = None


@dataclass(frozen=True)
class MergedEvent(_Record):
    """One real event reported by one or more articles (the database's record).

    ``event`` is the contract's record for the merged event: ``sources`` lists every
    report, ``claimed_by`` every party, ``evidence`` the spans from each article, and
    ``fatalities`` the lowest credible count (ACLED's reconciliation). The range and who
    reported which figure are kept beside it. ``to_dict()`` flattens to the event record
    plus ``fatalities_low``, ``fatalities_high``, ``fatality_reports`` and ``mention_ids``.
    """

    event: Event
    fatalities_low: int | None
    fatalities_high: int | None
    reports: tuple[FatalityReport, ...] = ()
    mention_ids: tuple[str, ...] = ()  # the per-article event ids folded into it

    def to_dict(self) -> dict[str, Any]:
        record = self.event.to_dict()
        record["fatalities_low"] = self.fatalities_low
        record["fatalities_high"] = self.fatalities_high
        record["fatality_reports"] = [r.to_dict() for r in self.reports]
        record["mention_ids"] = list(self.mention_ids)
        return record
