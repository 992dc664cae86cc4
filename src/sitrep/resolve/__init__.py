"""Merge reports of one real event across articles (ACLED-style reconciliation).

The store calls a ``Resolver`` (``Callable[[Event, Article, list[MergedEvent]], MergedEvent]``)
for each new per-article event with the candidate events it pre-filtered.
"""

from sitrep.resolve.features import MatchFeatures, haversine_km, match_features
from sitrep.resolve.fold import add_report, merge_events, merged_event_id, start_event
from sitrep.resolve.resolver import ResolveFn, Resolver, Weights, is_candidate, resolve, resolve_all, score
from sitrep.resolve.text import content_words, embedding_similarity, lexical_similarity

__all__ = [
    "MatchFeatures",
    "ResolveFn",
    "Resolver",
    "Weights",
    "add_report",
    "content_words",
    "embedding_similarity",
    "haversine_km",
    "is_candidate",
    "lexical_similarity",
    "match_features",
    "merge_events",
    "merged_event_id",
    "resolve",
    "resolve_all",
    "score",
    "start_event",
]
