"""The pipeline's plumbing with test doubles for every step (no model, no gazetteer)."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.errors import InputError
from sitrep.models import Article
from sitrep.pipeline import extract, process_articles

TEXT = "Gunmen attacked a market in Testville. 3 people died. Police attacked nobody else."


def test_events_carry_every_step_result(fake_pipeline):
    events = extract(TEXT, "2024-03-01", article_id="art-1", pipeline=fake_pipeline)
    first = events[0]
    assert first.article_id == "art-1"
    assert first.event_date == "2024-03-01"
    assert first.location is not None and first.location.name == "Testville"
    assert first.claimed_by[0].name == "Police of Testland"
    assert first.evidence[0].text == TEXT[first.evidence[0].start : first.evidence[0].end]
    assert first.sources[0].published == "2024-03-01"
    assert "Testville" in first.notes and first.notes.endswith(".")


def test_same_event_in_two_sentences_is_merged_within_an_article(fake_pipeline):
    # Both sentences say 'attacked' with compatible actors and the same date; the second
    # has no location, so they are one event with two pieces of evidence.
    events = extract(TEXT, date(2024, 3, 1), pipeline=fake_pipeline)
    assert len(events) == 1
    assert len(events[0].evidence) == 2


def test_a_further_incident_is_kept_apart(fake_pipeline):
    text = "Gunmen attacked 4 houses in Testville. Separately, gunmen attacked 9 shops in Testville."
    assert len(extract(text, pipeline=fake_pipeline)) == 2


def test_restated_toll_is_merged_with_the_larger_count(fake_pipeline):
    text = "Gunmen attacked 4 houses in Testville. The gunmen attacked 9 in all, police said."
    (event,) = extract(text, pipeline=fake_pipeline)
    assert event.fatalities == 9


def test_event_ids_are_stable_and_distinct(fake_pipeline):
    a = extract(TEXT, pipeline=fake_pipeline)
    b = extract(TEXT, pipeline=fake_pipeline)
    assert [e.event_id for e in a] == [e.event_id for e in b]
    other = extract(TEXT + " More text.", pipeline=fake_pipeline)
    assert other[0].event_id != a[0].event_id


def test_bad_article_is_reported_and_the_rest_processed(fake_pipeline):
    errors: list[InputError] = []
    articles = [
        Article(id="good-1", text="Gunmen attacked Testville."),
        Article(id="empty", text="  "),
        Article(id="good-2", text="Gunmen attacked a bus."),
    ]
    events = list(process_articles(articles, pipeline=fake_pipeline, on_error=errors.append))
    assert [e.article_id for e in events] == ["good-1", "good-2"]
    assert [e.record for e in errors] == ["empty"]


def test_extract_raises_for_bad_text(fake_pipeline):
    with pytest.raises(InputError, match="empty text"):
        extract("   ", pipeline=fake_pipeline)


def test_geoparse_returns_places_per_article(fake_pipeline):
    results = list(fake_pipeline.geoparse([Article(id="g", text="Rain in Testville today.")]))
    assert results[0].id == "g"
    place = results[0].places[0]
    assert (place.text, place.lat, place.feature) == ("Testville", 10.0, "city")


def test_evidence_has_no_trailing_whitespace(fake_pipeline):
    text = "Gunmen attacked Testville.\n\nNothing else happened."
    (event,) = extract(text, pipeline=fake_pipeline)
    assert event.evidence[0].text == "Gunmen attacked Testville."
    assert text[event.evidence[0].start : event.evidence[0].end] == event.evidence[0].text
