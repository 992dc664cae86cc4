"""Near-duplicate articles (syndicated wire copies): MinHash over word shingles, with LSH.

An article's text is normalised (case, punctuation, whitespace) and cut into 5-word
shingles; MinHash estimates the Jaccard similarity of two shingle sets, and banding
(locality-sensitive hashing) finds the candidates without comparing against every
earlier article. Exact copies are caught first by a hash of the normalised text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np
import numpy.typing as npt

from sitrep.models import Article

_WORD = re.compile(r"\w+")
_MERSENNE = np.uint64((1 << 61) - 1)
_MAX32 = np.uint64(0xFFFFFFFF)

Signature = npt.NDArray[np.uint32]


def normalise(text: str) -> list[str]:
    """The words of a text, case-folded and accent-folded: what copies have in common."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return _WORD.findall("".join(ch for ch in folded if not unicodedata.combining(ch)))


def text_key(text: str) -> str:
    """A hash of the normalised text: equal for copies that differ in spacing, case or punctuation."""
    return hashlib.sha1(" ".join(normalise(text)).encode("utf-8")).hexdigest()


def shingles(words: list[str], *, size: int = 5) -> set[str]:
    """Overlapping ``size``-word shingles; a text shorter than that is one shingle."""
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


class MinHasher:
    """MinHash signatures of ``num_perm`` universal hash functions, fixed by ``seed``
    so that signatures from two processes can be compared (and stored)."""

    def __init__(self, *, num_perm: int = 256, shingle_size: int = 5, seed: int = 1) -> None:
        rng = np.random.default_rng(seed)
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self._a = rng.integers(1, int(_MERSENNE), size=num_perm, dtype=np.uint64)
        self._b = rng.integers(0, int(_MERSENNE), size=num_perm, dtype=np.uint64)

    def sketch(self, text: str) -> tuple[Signature, int] | None:
        """The text's signature and its number of distinct shingles; ``None`` when it has no words."""
        grams = shingles(normalise(text), size=self.shingle_size)
        if not grams:
            return None
        hashes = np.fromiter(
            (int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=4).digest(), "little") for g in grams),
            dtype=np.uint64,
            count=len(grams),
        )
        # (a·x + b) mod p, the usual universal hash; uint64 wraps on overflow, which
        # keeps it a fixed pseudo-random function of x (as datasketch does).
        permuted = (np.outer(hashes, self._a) + self._b) % _MERSENNE & _MAX32
        return permuted.min(axis=0).astype(np.uint32), len(grams)  # 32-bit values: half the memory

    def signature(self, text: str) -> Signature | None:
        """The text's MinHash signature, or ``None`` when it has no words."""
        sketch = self.sketch(text)
        return None if sketch is None else sketch[0]


def estimate_jaccard(a: Signature, b: Signature) -> float:
    """The fraction of equal MinHash slots: an unbiased estimate of the Jaccard similarity."""
    return float(np.count_nonzero(a == b)) / len(a)


def containment(jaccard: float, size_a: int, size_b: int) -> float:
    """How much of the smaller shingle set lies in the larger, from their Jaccard similarity
    and sizes: |A∩B| = J·(|A|+|B|)/(1+J)."""
    return min(1.0, jaccard * (size_a + size_b) / ((1.0 + jaccard) * min(size_a, size_b)))


class NearDuplicateIndex:
    """Articles seen so far; ``add`` says which earlier one a new article copies, if any.

    Two articles are near-duplicates when the estimated Jaccard similarity of their
    5-word shingle sets is at least ``threshold``, or when at least ``containment_threshold``
    of the shorter one's shingles are in the longer (a wire story trimmed by a subscriber:
    paragraphs cut, so Jaccard falls with the cut while containment stays high); the
    shorter needs ``min_shingles`` for that, so a one-line brief does not match every
    story that repeats it. ``containment_threshold=None`` turns containment off.

    256 permutations keep the estimate's standard error near 0.03 at J = 0.7 (128 gave
    misses on a trimmed copy in tests). LSH uses ``bands`` bands of ``num_perm // bands``
    rows; with 64 × 4 a pair at Jaccard 0.6 becomes a candidate with probability ≈ 0.9998
    and a pair at 0.2 with ≈ 0.1; every candidate is then checked against the thresholds.
    """

    def __init__(
        self,
        *,
        threshold: float = 0.8,
        containment_threshold: float | None = 0.85,
        min_shingles: int = 20,
        num_perm: int = 256,
        bands: int = 64,
        shingle_size: int = 5,
        seed: int = 1,
    ) -> None:
        if num_perm % bands:
            raise ValueError(f"num_perm ({num_perm}) must be a multiple of bands ({bands})")
        self.threshold = threshold
        self.containment_threshold = containment_threshold
        self.min_shingles = min_shingles
        self._hasher = MinHasher(num_perm=num_perm, shingle_size=shingle_size, seed=seed)
        self._rows = num_perm // bands
        self._ids: set[str] = set()
        self._exact: dict[str, str] = {}
        self._sketches: dict[str, tuple[Signature, int]] = {}
        self._buckets: list[dict[bytes, list[str]]] = [{} for _ in range(bands)]

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._ids

    def _bands(self, signature: Signature) -> list[bytes]:
        return [signature[i * self._rows : (i + 1) * self._rows].tobytes() for i in range(len(self._buckets))]

    def similarity(self, a: tuple[Signature, int], b: tuple[Signature, int]) -> float:
        """The score compared with the thresholds, scaled so that 1.0 means a match:
        the larger of Jaccard/threshold and containment/containment_threshold."""
        jaccard = estimate_jaccard(a[0], b[0])
        score = jaccard / self.threshold
        if self.containment_threshold is not None and min(a[1], b[1]) >= self.min_shingles:
            score = max(score, containment(jaccard, a[1], b[1]) / self.containment_threshold)
        return score

    def _match(self, key: str, sketch: tuple[Signature, int] | None, *, exclude: str) -> str | None:
        exact = self._exact.get(key)
        if exact is not None and exact != exclude:
            return exact
        if sketch is None:
            return None
        best_id, best = None, 1.0
        seen: set[str] = set()
        for band, bucket in zip(self._bands(sketch[0]), self._buckets, strict=True):
            for other in bucket.get(band, ()):
                if other in seen or other == exclude:
                    continue
                seen.add(other)
                score = self.similarity(sketch, self._sketches[other])
                if score >= best:
                    best_id, best = other, score
        return best_id

    def query(self, article: Article) -> str | None:
        """The id of the most similar earlier article that is a near-duplicate, without adding."""
        return self._match(text_key(article.text), self._hasher.sketch(article.text), exclude=article.id)

    def add(self, article: Article) -> str | None:
        """Index the article; return the id of an earlier near-duplicate, else ``None``.

        Adding an id already indexed changes nothing (re-ingesting is idempotent).
        """
        key = text_key(article.text)
        sketch = self._hasher.sketch(article.text)
        match = self._match(key, sketch, exclude=article.id)
        if article.id in self._ids:
            return match
        self._ids.add(article.id)
        self._exact.setdefault(key, article.id)
        if sketch is not None:
            self._sketches[article.id] = sketch
            for band, bucket in zip(self._bands(sketch[0]), self._buckets, strict=True):
                bucket.setdefault(band, []).append(article.id)
        return match
