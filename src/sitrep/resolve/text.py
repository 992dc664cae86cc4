"""Cheap lexical similarity of evidence texts, and a hook for sentence embeddings.

Two reports of one incident share its content words ("bomb", "livestock", "market",
"Baidoa") even when the wording differs; reports of two incidents in one town share
only the town and the generic violence words. Content words are lower-cased, stop words
dropped and reduced by a crude suffix rule (a stand-in for lemmas that needs no model:
"killed"/"killing"/"kills" all become "kill").
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence

TextSimilarity = Callable[[str, str], float]

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Function words and the reporting verbs every wire story uses: they say nothing about
# which incident a sentence tells.
_STOP_WORDS = """a about after again against all also an and any are as at be been before being but by
    can could did do does during each for from had has have he her his how i if in into is it
    its more most no nor not of on once only or other our out over own said same say says she
    should so some such than that the their them then there these they this those through to
    told too under until up very was we were what when where which while who whom why will with
    would you your according added adding reporters reported spokesman spokeswoman official
    officials statement monday tuesday wednesday thursday friday saturday sunday yesterday
    today"""
_STOP = frozenset(_STOP_WORDS.split())
_SUFFIXES = ("ings", "ing", "edly", "ed", "es", "s")


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        # Keep at least four letters so "news" and "gas" survive.
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> frozenset[str]:
    """The stemmed content words of ``text``."""
    words = (w.lower() for w in _WORD.findall(text))
    return frozenset(_stem(w) for w in words if len(w) > 2 and w not in _STOP)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def lexical_similarity(a: str, b: str) -> float:
    """Jaccard similarity of the content words of two texts (0..1)."""
    return jaccard(content_words(a), content_words(b))


def best_similarity(text: str, others: Iterable[str], *, similarity: TextSimilarity = lexical_similarity) -> float:
    """The highest similarity of ``text`` to any of ``others`` (0 when there are none).

    The maximum, not a mean: a new report need only resemble one earlier report, and a
    merged event's growing pile of evidence must not dilute the match.
    """
    return max((similarity(text, other) for other in others), default=0.0)


def embedding_similarity(encode: Callable[[Sequence[str]], Sequence[Sequence[float]]]) -> TextSimilarity:
    """A ``TextSimilarity`` from any sentence encoder (e.g. a sentence-transformers
    model's ``encode``), as the cosine of the two vectors, negative values taken as 0.

    sitrep imports no embedding library: the caller brings the encoder.
    """

    def similarity(a: str, b: str) -> float:
        va, vb = encode([a, b])
        dot = sum(x * y for x, y in zip(va, vb, strict=True))
        norm = math.sqrt(sum(x * x for x in va)) * math.sqrt(sum(y * y for y in vb))
        return 0.0 if norm == 0 else max(0.0, min(1.0, dot / norm))

    return similarity
