from __future__ import annotations

import dataclasses
from datetime import date

import pytest

import sitrep
from sitrep.models import Actor, Article, Event, Plover, content_hash


def test_content_hash_is_deterministic_and_sensitive():
    assert content_hash("a", 1, date(2020, 1, 1)) == content_hash("a", 1, date(2020, 1, 1))
    assert content_hash("a", 1) != content_hash("a", 2)
    assert len(content_hash("x")) == 16


def test_event_to_dict_has_contract_keys_in_order():
    event = Event(
        event_id="e", article_id="a", event_date="2023-09-19", date_precision="day", historical=False,
        event_type=None, sub_event_type=None, disorder_type=None, plover=Plover("ASSAULT", None, ("crime",)),
        actor1=Actor(name="X"), actor2=None, location=None, fatalities=None, injured=None,
    )  # fmt: skip
    record = event.to_dict()
    assert list(record) == [
        "event_id", "article_id", "event_date", "date_precision", "historical", "event_type",
        "sub_event_type", "disorder_type", "plover", "actor1", "actor2", "location", "fatalities",
        "injured", "claimed_by", "evidence", "sources", "confidence", "notes", "disputes",
    ]  # fmt: skip
    assert record["plover"] == {"event": "ASSAULT", "mode": None, "context": ["crime"]}
    assert record["actor1"]["name"] == "X"


def test_records_are_frozen():
    article = Article(id="a", text="t")
    with pytest.raises(dataclasses.FrozenInstanceError):
        article.text = "other"  # type: ignore[misc]


def test_public_surface_is_explicit():
    for name in sitrep.__all__:
        assert hasattr(sitrep, name), name
    assert {"Article", "Event", "extract", "process_articles"} <= set(sitrep.__all__)
