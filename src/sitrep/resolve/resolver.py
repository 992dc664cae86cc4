"""The cross-article resolver the store calls for each new per-article event.

``Resolver(...)(event, article, candidates)`` returns the best-matching candidate with
the new report folded in (same ``event_id``), or a new ``MergedEvent`` when no candidate
scores above the threshold. The store pre-filters candidates cheaply (date within a day,
same country, near); ``is_candidate`` is that filter as a pure function, for stores and
tests that hold events in memory.

Scoring: the features of ``features.py`` are hard gates (an incompatible kind, dates
more than a day apart, places too far apart or actors in conflict rule a candidate
out) and, for the candidates left, a weighted mean of the known features (an unknown
one, such as a report with no place, counts neither for nor against).

Two mentions of one article may join one merged event: the within-article merge keeps
mentions apart on conflicts that other reports resolve (actors coded differently in
two sentences), and an article's stray background sentence dated to its own day would
otherwise seed a rival event that pulls later reports away. ``one_per_article=True``
forbids it, for stores that trust the within-article merge.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields

from sitrep.models import Article, Event, MergedEvent
from sitrep.resolve.features import (
    UNKNOWN,
    MatchFeatures,
    date_score,
    match_features,
    place_score,
)
from sitrep.resolve.fold import add_report, start_event
from sitrep.resolve.text import TextSimilarity

ResolveFn = Callable[[Event, Article, list[MergedEvent]], MergedEvent]


@dataclass(frozen=True)
class Weights:
    """How much each feature counts in the score (normalised over the known ones).

    Date and place only gate: the store's candidates already share both, so most of the
    weight is on what tells two incidents of one day and town apart, the kind of event
    and what the reports say.
    """

    kind: float = 0.25
    date: float = 0.10
    place: float = 0.10
    actors: float = 0.10
    toll: float = 0.10
    text: float = 0.35


DEFAULT_WEIGHTS = Weights()  # frozen: a shared default, not mutable state


def score(features: MatchFeatures, weights: Weights = DEFAULT_WEIGHTS) -> float:
    """Weighted mean of the known features, 0..1."""
    total = weight_sum = 0.0
    for f in fields(MatchFeatures):
        value, weight = getattr(features, f.name), getattr(weights, f.name)
        if value == UNKNOWN:
            continue
        total += weight * value
        weight_sum += weight
    return total / weight_sum if weight_sum else 0.0


def _article_ids(merged: MergedEvent) -> set[str]:
    return {s.article_id for s in merged.event.sources} | {r.article_id for r in merged.reports}


@dataclass(frozen=True)
class Resolver:
    """Merge a new report into the best candidate event or start a new event.

    Options: ``threshold`` the lowest score that makes a match; ``max_km`` how far apart
    two precise places may be; ``region_km`` how far a place may lie from the centre of
    a region that admits it (when admin1 does not say); ``max_days`` how many days may
    separate two dates; ``similarity`` a text similarity to use instead of the lexical
    one (e.g. ``text.embedding_similarity(model.encode)``); ``weights`` the feature weights.
    """

    threshold: float = 0.6
    max_km: float = 10.0
    region_km: float = 150.0
    max_days: int = 1
    similarity: TextSimilarity | None = None
    weights: Weights = DEFAULT_WEIGHTS
    one_per_article: bool = False

    def features(self, event: Event, merged: MergedEvent) -> MatchFeatures | None:
        return match_features(
            event,
            merged.event,
            max_km=self.max_km,
            region_km=self.region_km,
            max_days=self.max_days,
            similarity=self.similarity,
        )

    def score(self, event: Event, article: Article, merged: MergedEvent) -> float | None:
        """The match score of a report against one candidate; ``None`` when ruled out."""
        if event.event_id in merged.mention_ids or (self.one_per_article and article.id in _article_ids(merged)):
            return None
        features = self.features(event, merged)
        return None if features is None else score(features, self.weights)

    def best(self, event: Event, article: Article, candidates: Iterable[MergedEvent]) -> MergedEvent | None:
        """The best candidate scoring at least ``threshold``; ties go to the smaller event_id."""
        scored = [(s, c) for c in candidates if (s := self.score(event, article, c)) is not None]
        good = [(s, c) for s, c in scored if s >= self.threshold]
        if not good:
            return None
        return min(good, key=lambda sc: (-sc[0], sc[1].event.event_id))[1]

    def __call__(self, event: Event, article: Article, candidates: list[MergedEvent]) -> MergedEvent:
        if any(event.event_id in c.mention_ids for c in candidates):
            # The same mention again (a re-ingested article): nothing to add.
            return next(c for c in candidates if event.event_id in c.mention_ids)
        match = self.best(event, article, candidates)
        return start_event(event, article) if match is None else add_report(match, event, article)


def resolve(
    event: Event, article: Article, candidates: list[MergedEvent], *, resolver: Resolver | None = None
) -> MergedEvent:
    """Function form of ``Resolver()(event, article, candidates)`` with default options."""
    return (resolver or Resolver())(event, article, candidates)


def is_candidate(event: Event, merged: MergedEvent, *, max_days: int = 1, max_km: float = 50.0) -> bool:
    """The store's cheap pre-filter: dates within ``max_days`` (by the periods their
    precisions name), the same country, and places within ``max_km`` or admitted by a
    region. Unknown dates or places pass."""
    other = merged.event
    if date_score(event, other, max_days=max_days) is None:
        return False
    return place_score(event.location, other.location, max_km=max_km, region_km=max(max_km, 150.0)) is not None


def resolve_all(
    pairs: Iterable[tuple[Event, Article]], *, resolver: Resolver | None = None, events: Iterable[MergedEvent] = ()
) -> list[MergedEvent]:
    """Resolve reports one by one against an in-memory list of merged events (a store
    double for tests and small jobs); returns the merged events, in first-seen order."""
    chosen = resolver or Resolver()
    store: list[MergedEvent] = list(events)
    for event, article in pairs:
        candidates = [m for m in store if is_candidate(event, m, max_days=chosen.max_days)]
        merged = chosen(event, article, candidates)
        ids = [m.event.event_id for m in store]
        if merged.event.event_id in ids:
            store[ids.index(merged.event.event_id)] = merged
        else:
            store.append(merged)
    return store
