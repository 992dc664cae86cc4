"""Stored MinHash sketches: near-duplicate articles found across ingest runs.

``NearDuplicateIndex`` (``sitrep.ingest.dedup``) keeps its sketches in memory for one
run. The store keeps each article's sketch in ``article_sketches`` and its LSH buckets
in ``sketch_buckets`` (one row per band), so a syndicated copy ingested next week still
links to the original: the lookup fetches only the articles sharing a bucket, then
scores them with the index's thresholds (``NearDuplicateIndex.similarity``).

The MinHash parameters are fixed here, not taken from the index: sketches written by
one run must be comparable with the next run's, so they are part of the schema.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from sitrep.models import Article

if TYPE_CHECKING:
    from sitrep.ingest.dedup import MinHasher, NearDuplicateIndex

NUM_PERM = 256  # NearDuplicateIndex's defaults: its thresholds are tuned for these
BANDS = 64
SHINGLE_SIZE = 5
SEED = 1
ROWS = NUM_PERM // BANDS


@dataclass(frozen=True)
class Sketch:
    """What is stored of an article to find its copies later."""

    article_id: str
    text_key: str  # hash of the normalised text: exact copies match on it alone
    signature: bytes | None  # NUM_PERM little-endian uint32; None for a text without words
    shingles: int

    def buckets(self) -> list[int]:
        """One signed 64-bit LSH bucket per band: a hash of the band's number and values."""
        if self.signature is None:
            return []
        step = ROWS * 4
        return [
            int.from_bytes(
                hashlib.blake2b(band.to_bytes(2, "little") + self.signature[band * step : (band + 1) * step],
                                digest_size=8).digest(),
                "little",
                signed=True,
            )
            for band in range(BANDS)
        ]  # fmt: skip

    def row(self) -> tuple[Any, ...]:
        """The ``article_sketches`` row (an empty signature stands for none)."""
        return (self.article_id, self.text_key, self.shingles, self.signature or b"")


def new_hasher() -> MinHasher:
    from sitrep.ingest.dedup import MinHasher

    return MinHasher(num_perm=NUM_PERM, shingle_size=SHINGLE_SIZE, seed=SEED)


def sketch(article: Article, hasher: MinHasher) -> Sketch:
    from sitrep.ingest.dedup import text_key

    made = hasher.sketch(article.text)
    if made is None:
        return Sketch(article.id, text_key(article.text), None, 0)
    signature, shingles = made
    return Sketch(article.id, text_key(article.text), signature.astype("<u4").tobytes(), shingles)


EXACT_SQL = (
    "SELECT s.article_id FROM article_sketches s JOIN articles a ON a.article_id = s.article_id "
    "WHERE s.text_key = ? AND s.article_id <> ? ORDER BY a.ingested_at, s.article_id LIMIT 1"
)


def candidates_sql(n_buckets: int) -> str:
    """Stored sketches sharing at least one of ``n_buckets`` buckets, earliest stored first."""
    marks = ", ".join("?" * n_buckets)
    return (
        "SELECT s.article_id, s.shingles, s.signature FROM article_sketches s "
        "JOIN articles a ON a.article_id = s.article_id "
        f"WHERE s.article_id IN (SELECT article_id FROM sketch_buckets WHERE bucket IN ({marks})) "
        "AND s.article_id <> ? ORDER BY a.ingested_at, s.article_id"
    )


def best_match(probe: Sketch, rows: Sequence[tuple[Any, ...]], index: NearDuplicateIndex) -> str | None:
    """The earliest stored article scoring highest (and at least 1.0) against ``probe``."""
    if probe.signature is None:
        return None
    mine = (np.frombuffer(probe.signature, dtype="<u4"), probe.shingles)
    best_id, best = None, 1.0
    for article_id, shingles, signature in rows:
        if not signature:
            continue
        score = index.similarity(mine, (np.frombuffer(bytes(signature), dtype="<u4"), shingles))
        if score > best or (best_id is None and score >= best):
            best_id, best = article_id, score
    return best_id
