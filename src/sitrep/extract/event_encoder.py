"""ACLED typing and non-event gating by a fine-tuned sentence encoder (issue #4).

all-MiniLM-L6-v2, fine-tuned on our labelled wire sentences with a head over the 25 ACLED
sub-event types and "no event", runs on the sentences ``EventDetector.encoder_view`` picks: where
the rules found an event, and where they dropped a candidate only for a reason a sentence model
can judge too (an outcome told without its event, a march "to mark the anniversary", a violent
verb whose expected object or neighbour was missing: "was captured in 1992"); where their filters
saw a plan, a drill, a denial or a match report it is not asked. A stacker, linear
weights over the head's log-probabilities and the rules' own sub-event type, turns them into a
verdict (the shipped model's stacker passes the head's probabilities through: a logistic one
fitted on held-out verdicts overruled the rules more often on our own articles), and
``event_classifier.apply_verdict`` applies it with the veto / re-type / add thresholds chosen on
held-out train sentences. ``rules_stand`` can name rule types whose reading the model may not
overrule (the shipped model names none: keeping the rare types' readings coded more non-events).
The rules stay in charge of everything else an event has (actors, counts, places, dates): the
model only says whether, and which kind.

Everything ships in ``data/event_encoder.npz`` (about 30 MB: int8 word embeddings, float16
layers, the vocabulary, head and stacker), written by ``scripts/train_event_encoder.py``, so no
model package is needed at run time. The forward pass is :mod:`sitrep.nlp.embed`'s numpy one;
nothing is read until the first sentence is typed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from sitrep.extract.event_classifier import NONE, Verdict, thresholds_for
from sitrep.nlp.embed import Encoder, read_model
from sitrep.resources import data_path

__all__ = ["WEIGHTS", "EventEncoder", "load_event_encoder", "rule_vector"]

WEIGHTS = "event_encoder.npz"


def rule_vector(rule_classes: Sequence[str], rule: str | None, crime: bool) -> np.ndarray:
    """One-hot of the rules' sub-event type (NONE when they typed none) plus the crime flag."""
    vec = np.zeros(len(rule_classes) + 1, dtype=np.float32)
    key = rule or NONE
    if key in rule_classes:
        vec[rule_classes.index(key)] = 1.0
    vec[-1] = 1.0 if crime else 0.0
    return vec


@dataclass(frozen=True)
class EventEncoder:
    """The head and stacker over a (lazily loaded) fine-tuned encoder."""

    classes: tuple[str, ...]  # the head's classes: NONE and the sub-event types
    stack_classes: tuple[str, ...]  # the stacker's (those seen where it was fitted)
    rule_classes: tuple[str, ...]
    head_weight: np.ndarray  # (384, classes)
    head_bias: np.ndarray
    stack_weight: np.ndarray  # (classes + rule classes + 1, stack classes)
    stack_bias: np.ndarray
    params: Mapping[str, float]
    encoder: Encoder = field(compare=False, repr=False)
    rules_stand: frozenset[str] = frozenset()  # rule types the stacker may not overrule

    @property
    def every_sentence(self) -> bool:
        """Whether to read every sentence, adding events where the rules found none."""
        return bool(self.params.get("every_sentence", 0.0))

    @property
    def reads_bare(self) -> bool:
        """Whether to read sentences where the rules had no candidate (``new_bare`` names the add
        threshold there; without it they are not read)."""
        return self.params.get("new_bare", 1.1) <= 1.0

    def params_for(self, *, bare: bool) -> Mapping[str, float]:
        """The thresholds for one sentence (``event_classifier.thresholds_for``)."""
        return thresholds_for(self.params, bare=bare)

    @property
    def overrulable(self) -> tuple[str, ...]:
        """The rule types whose reading a verdict may veto or change."""
        return tuple(c for c in self.stack_classes if c not in self.rules_stand)

    def log_probs(self, texts: Sequence[str]) -> np.ndarray:
        """The head's log-probabilities per text (rows in input order)."""
        scores = self.encoder.encode(texts) @ self.head_weight + self.head_bias
        scores -= scores.max(axis=1, keepdims=True)
        return scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))

    def verdicts(self, texts: Sequence[str], rules: Sequence[tuple[str | None, bool]]) -> list[Verdict]:
        """One verdict per text, given the rules' sub-event type and crime flag for it."""
        if not texts:
            return []
        extra = np.stack([rule_vector(self.rule_classes, r, c) for r, c in rules])
        scores = np.hstack([self.log_probs(texts), extra]) @ self.stack_weight + self.stack_bias
        scores -= scores.max(axis=1, keepdims=True)
        probs = np.exp(scores)
        probs /= probs.sum(axis=1, keepdims=True)
        none = self.stack_classes.index(NONE)
        out = []
        for row in probs:
            k = int(row.argmax())
            out.append(Verdict(self.stack_classes[k], float(row[k]), float(row[none]), known=len(row)))
        return out


@lru_cache(maxsize=1)
def load_event_encoder() -> EventEncoder | None:
    """The packaged model (head and stacker now, encoder weights on first use), loaded once and
    shared by every detector (it is immutable); None when no weights file ships."""
    path = data_path(WEIGHTS)
    if not path.is_file():
        return None
    with path.open("rb") as fh, np.load(fh) as data:
        meta = json.loads(str(data["meta"]))
        arrays = {k: np.asarray(data[k]) for k in ("head_weight", "head_bias", "stack_weight", "stack_bias")}

    def source() -> tuple[list[str], dict[str, np.ndarray]]:
        with path.open("rb") as fh, np.load(fh) as data:
            return read_model({k: data[k] for k in data.files})

    return EventEncoder(
        classes=tuple(meta["classes"]),
        stack_classes=tuple(meta["stack_classes"]),
        rule_classes=tuple(meta["rule_classes"]),
        head_weight=arrays["head_weight"],
        head_bias=arrays["head_bias"],
        stack_weight=arrays["stack_weight"],
        stack_bias=arrays["stack_bias"],
        params={k: float(v) for k, v in meta["params"].items()},
        rules_stand=frozenset(meta.get("rules_stand", ())),
        encoder=Encoder(max_length=int(meta.get("max_tokens", 128)), normalise=False, source=source),
    )
