"""The event-classifier dev split: our labels joined, at run time, to the shared wire sentences.

    .venv/bin/python bench/dev_split.py [--shared ../shared]

``bench/dev_labels.tsv`` holds only sentence ids and our labels (the labelling guide is
``bench/LABELLING.md``). The sentence text lives in ``../shared/data/event_location/train.jsonl``
(MIT) and is never copied into the repository; this module joins the two by id.

Never train on this split. The shared file holds further copies of some dev sentences under
other ids (the same wire sentence filed twice); ``held_out_ids`` lists every id whose text
matches a dev sentence, so a training script can drop all of them.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
LABELS = BENCH / "dev_labels.tsv"
DEFAULT_SHARED = BENCH.parents[1] / "shared"
SENTENCES = Path("data") / "event_location" / "train.jsonl"
FIELDS = ("event_type", "sub_event_type", "disorder_type", "plover_event", "crime", "fatalities", "note")


class SharedDataMissing(FileNotFoundError):
    """The shared wire sentences are not present, so the split's text cannot be read."""


@dataclass(frozen=True)
class DevLabels:
    event_type: str | None  # ACLED event type; None = no ACLED event
    sub_event_type: str | None
    disorder_type: str | None
    plover_event: str | None  # PLOVER event type, also for some non-events (statements, threats)
    crime: bool  # violent crime with no political side (ACLED fields then None)
    fatalities: int | None  # stated for the event; None when the sentence states none
    note: str

    @property
    def is_event(self) -> bool:
        """True when the sentence reports an ACLED event."""
        return self.sub_event_type is not None


@dataclass(frozen=True)
class DevItem:
    id: str
    text: str
    labels: DevLabels


def read_labels(path: Path = LABELS) -> dict[str, DevLabels]:
    """The label file as {id: labels}, in file order; comment lines start with '#'."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        out: dict[str, DevLabels] = {}
        for row in rows:
            if row["id"] in out:
                raise ValueError(f"duplicate id in {path.name}: {row['id']}")
            out[row["id"]] = DevLabels(
                event_type=row["event_type"] or None,
                sub_event_type=row["sub_event_type"] or None,
                disorder_type=row["disorder_type"] or None,
                plover_event=row["plover_event"] or None,
                crime=row["crime"] == "1",
                fatalities=int(row["fatalities"]) if row["fatalities"] else None,
                note=row["note"],
            )
    return out


def sentences_path(shared: Path | None = None) -> Path:
    return (shared or DEFAULT_SHARED) / SENTENCES


def _read_sentences(shared: Path | None) -> list[dict]:
    path = sentences_path(shared)
    if not path.exists():
        raise SharedDataMissing(
            f"dev split text not found: {path} (the shared wire sentences are read at run time "
            "and are not part of the repository; pass --shared or place them there)"
        )
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_dev_split(shared: Path | None = None) -> list[DevItem]:
    """Every labelled sentence with its text, in label-file order.

    ``shared`` is the folder holding ``data/event_location/train.jsonl`` (default ``../shared``
    beside the repository). Raises ``SharedDataMissing`` when the file is absent and
    ``KeyError`` when a labelled id is not in it.
    """
    labels = read_labels()
    texts = {r["id"]: r["text"] for r in _read_sentences(shared)}
    missing = [i for i in labels if i not in texts]
    if missing:
        raise KeyError(f"{len(missing)} labelled ids not in {sentences_path(shared)}, e.g. {missing[:3]}")
    return [DevItem(id=i, text=texts[i], labels=lab) for i, lab in labels.items()]


def train_rows(labels_path: Path, shared: Path | None = None) -> tuple[list[dict], dict[str, DevLabels]]:
    """The labelled train-split sentences (shared records) and their labels; fails loudly if any
    labelled id is a dev id or a copy of a dev sentence, so training never sees the dev split."""
    labels = read_labels(labels_path)
    held = held_out_ids(shared)
    overlap = held & set(labels)
    if overlap:
        raise SystemExit(f"{len(overlap)} train ids are dev ids or copies of dev sentences, e.g. {sorted(overlap)[:3]}")
    return [r for r in _read_sentences(shared) if r["id"] in labels and r["id"] not in held], labels


TRAIN_LABELS = Path(__file__).resolve().parent / "train_labels.tsv"


def load_train_split(shared: Path | None = None) -> list[DevItem]:
    """The labelled train-split sentences as ``DevItem``s, for error analysis that leaves dev unseen."""
    rows, labels = train_rows(TRAIN_LABELS, shared)
    texts = {r["id"]: r["text"] for r in rows}
    return [DevItem(id=i, text=texts[i], labels=lab) for i, lab in labels.items() if i in texts]


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def held_out_ids(shared: Path | None = None) -> set[str]:
    """Ids of every shared sentence a training script must skip: the dev ids and their duplicates."""
    labels = read_labels()
    rows = _read_sentences(shared)
    dev_texts = {_norm(r["text"]) for r in rows if r["id"] in labels}
    return {r["id"] for r in rows if r["id"] in labels or _norm(r["text"]) in dev_texts}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None, help="folder with data/event_location/train.jsonl")
    args = parser.parse_args()
    try:
        items = load_dev_split(args.shared)
    except SharedDataMissing as exc:
        print(f"skipped: {exc}", file=sys.stderr)
        return 0
    events = [it for it in items if it.labels.is_event]
    print(
        f"{len(items)} sentences: {len(events)} ACLED events, {len(items) - len(events)} without one "
        f"({sum(it.labels.crime for it in items)} of them violent crime)"
    )
    print(f"{sum(it.labels.fatalities is not None for it in events)} events state a fatality count")
    print("\nevent type")
    for name, n in sorted(Counter(it.labels.event_type for it in events).items(), key=lambda kv: -kv[1]):
        print(f"  {n:4d}  {name}")
    print("\nsub-event type")
    for name, n in sorted(Counter(it.labels.sub_event_type for it in events).items(), key=lambda kv: -kv[1]):
        print(f"  {n:4d}  {name}")
    print("\nPLOVER event (all sentences)")
    for name, n in sorted(Counter(it.labels.plover_event or "-" for it in items).items(), key=lambda kv: -kv[1]):
        print(f"  {n:4d}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
