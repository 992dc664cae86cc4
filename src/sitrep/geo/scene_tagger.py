"""Which words of a sentence name where its event happened: a fine-tuned token tagger.

all-MiniLM-L6-v2, fine-tuned on the event-location annotations (``scripts/train_scene_tagger.py``),
reads the sentence with the event word marked as BERT's second segment (token type 1) and scores
every word piece as part of the event's place. A candidate place's score is the highest among
its pieces. ``sitrep.geo.scene`` turns that score into features of its choice model: the
tagger reads the whole sentence ("clashes erupted after troops entered X", "an official in X
said"), where the symbolic features see only the path between two words.

The weights (``data/scene_tagger.npz``, 30 MB) are read on the first call, not at import;
inference is numpy alone (``sitrep.nlp.embed``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from sitrep.nlp.embed import Encoder, read_model
from sitrep.resources import data_path

__all__ = ["SceneTagger", "load_scene_tagger"]

WEIGHTS = "scene_tagger.npz"


@dataclass(frozen=True)
class SceneTagger:
    """The head over a lazily loaded fine-tuned encoder."""

    head_weight: np.ndarray = field(compare=False, repr=False)  # (384,)
    head_bias: float
    max_tokens: int
    encoder: Encoder = field(compare=False, repr=False)

    def __call__(self, text: str, event: tuple[int, int], spans: Sequence[tuple[int, int]]) -> list[float]:
        """For each character span of ``text`` (a sentence), the probability that it names where
        the event at character span ``event`` happened: the highest among its word pieces (those
        within the first ``max_tokens``; NaN, no reading, for a span wholly past them)."""
        tokenizer = self.encoder.tokenizer
        # Cut the text at every boundary; the pieces of each stretch are the sentence's pieces
        # there, so each piece knows the stretch, and so the spans, it belongs to.
        cuts = sorted({0, len(text), *(max(0, min(len(text), x)) for x in (*event, *(b for s in spans for b in s)))})
        ids = [tokenizer.cls]
        types = [0]
        owner = [(0, 0)]
        for start, end in zip(cuts, cuts[1:], strict=False):
            pieces = tokenizer.piece_ids(text[start:end])
            inside_event = start >= event[0] and end <= event[1]
            ids += pieces
            types += [int(inside_event)] * len(pieces)
            owner += [(start, end)] * len(pieces)
        ids, types, owner = ids[: self.max_tokens - 1], types[: self.max_tokens - 1], owner[: self.max_tokens - 1]
        states = self.encoder.token_states([*ids, tokenizer.sep], [*types, 0])[1 : len(ids)]
        probs = 1.0 / (1.0 + np.exp(-(states @ self.head_weight + self.head_bias)))
        owned = np.asarray(owner[1:], dtype=np.int64).reshape(-1, 2)
        read_to = int(owned[:, 1].max()) if len(owned) else 0
        out = []
        for a, b in spans:  # a sentence's words are spans too (``extract/places.py``): no loop over pieces per span
            inside = probs[(owned[:, 0] >= a) & (owned[:, 1] <= b)]
            # A span past the pieces read has no reading (NaN), not a reading of "not here".
            out.append(float(inside.max()) if inside.size else math.nan if a >= read_to else 0.0)
        return out


@lru_cache(maxsize=1)
def load_scene_tagger() -> SceneTagger | None:
    """The packaged tagger (its head now, the encoder on first use), loaded once and shared;
    None when no weights file ships."""
    path = data_path(WEIGHTS)
    if not path.is_file():
        return None
    with path.open("rb") as fh, np.load(fh) as data:
        meta = json.loads(str(data["meta"]))
        weight = np.asarray(data["head_weight"], dtype=np.float32)
        bias = float(np.asarray(data["head_bias"]).reshape(-1)[0])

    def source() -> tuple[list[str], dict[str, np.ndarray]]:
        with path.open("rb") as fh, np.load(fh) as data:
            return read_model({k: data[k] for k in data.files})

    return SceneTagger(weight, bias, int(meta["max_tokens"]), Encoder(source=source, max_length=meta["max_tokens"]))
