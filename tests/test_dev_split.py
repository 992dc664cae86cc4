"""Integrity of the event dev split (bench/dev_labels.tsv): ids and labels only, no text."""

from __future__ import annotations

import csv
import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

from sitrep.extract.event_rules import PLOVER_EVENTS

REPO = Path(__file__).resolve().parents[1]
LABELS = REPO / "bench" / "dev_labels.tsv"
TYPES = REPO / "src" / "sitrep" / "data" / "acled_types.tsv"
SHARED = REPO.parent / "shared"
SENTENCES = SHARED / "data" / "event_location" / "train.jsonl"
PLOVER = PLOVER_EVENTS
# The shared wire sentences hold fewer than three usable sentences of these types (see
# bench/LABELLING.md, "Rare types"); every other sub-event type must appear at least three times.
RARE = {"Headquarters or base established": 1, "Other": 2}
# Non-events that the notes mark as hard negatives, by the word the note starts with or contains.
HARD_NEGATIVE_WORDS = (
    "accident",
    "flood",
    "earthquake",
    "wildfire",
    "storm",
    "disaster",
    "hurricane",
    "tennis",
    "football",
    "cricket",
    "golf",
    "rugby",
    "basketball",
    "skiing",
    "threat",
    "warning",
    "vow",
    "plan",
    "hypothetical",
    "conditional",
    "denial",
    "condemnation",
    "accusation",
    "claim",
    "statement",
)


def _rows() -> list[dict[str, str]]:
    with LABELS.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))


def _types() -> dict[str, tuple[str, str]]:
    out = {}
    with TYPES.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or line.startswith("sub_event_type"):
                continue
            sub, event, disorder, *_ = line.rstrip("\n").split("\t")
            out[sub] = (event, disorder)
    return out


def test_columns_and_size():
    rows = _rows()
    assert list(rows[0]) == [
        "id",
        "event_type",
        "sub_event_type",
        "disorder_type",
        "plover_event",
        "crime",
        "fatalities",
        "note",
    ]
    assert len(rows) >= 400


def test_ids_unique_and_nonempty():
    ids = [r["id"] for r in _rows()]
    assert all(ids)
    assert len(ids) == len(set(ids))


def test_type_spellings_and_consistency():
    types = _types()
    assert len(types) == 25
    for r in _rows():
        sub = r["sub_event_type"]
        if sub:
            assert sub in types, r["id"]
            assert (r["event_type"], r["disorder_type"]) == types[sub], r["id"]
            assert r["crime"] == "0", r["id"]
        else:
            assert r["event_type"] == "" and r["disorder_type"] == "", r["id"]
        assert r["plover_event"] in PLOVER or r["plover_event"] == "", r["id"]
        assert r["crime"] in {"0", "1"}, r["id"]
        if r["crime"] == "1":
            assert r["plover_event"] == "ASSAULT", r["id"]
        if r["fatalities"]:
            assert r["fatalities"].isdigit(), r["id"]
        assert "\t" not in r["note"]


def test_every_sub_event_type_present():
    counts = Counter(r["sub_event_type"] for r in _rows() if r["sub_event_type"])
    for sub in _types():
        floor = RARE.get(sub, 3)
        assert counts[sub] >= floor, (sub, counts[sub])


def test_non_events_and_hard_negatives():
    rows = _rows()
    non = [r for r in rows if not r["sub_event_type"]]
    assert len(non) >= 100
    assert sum(r["crime"] == "1" for r in non) >= 10
    hard = [r for r in non if any(w in r["note"].lower() for w in HARD_NEGATIVE_WORDS)]
    assert len(hard) >= 40


def test_notes_hold_no_sentence_text():
    """Notes are short reasons in our own words, never copied text."""
    for r in _rows():
        assert len(r["note"]) <= 120, r["id"]
        assert '"' not in r["note"] and "\u201c" not in r["note"], r["id"]


def _loader():
    spec = importlib.util.spec_from_file_location("dev_split", REPO / "bench" / "dev_split.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not SENTENCES.exists(), reason="shared wire sentences not present")
def test_loader_joins_text():
    dev = _loader()
    items = dev.load_dev_split(SHARED)
    assert len(items) == len(_rows())
    assert all(it.text.strip() for it in items)
    held = dev.held_out_ids(SHARED)
    assert {it.id for it in items} <= held


def test_loader_reports_missing_data(tmp_path):
    dev = _loader()
    with pytest.raises(dev.SharedDataMissing):
        dev.load_dev_split(tmp_path)
