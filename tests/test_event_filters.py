"""Filters that tell a mention describing something else from a new event (``extract/event_filters.py``)."""

from __future__ import annotations

import pytest

from sitrep.extract.event_filters import remembers_the_dead


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Relatives of the 58 people killed in the massacre prayed on Saturday.", "killed", True),
        ("Relatives of the 58 people killed in the massacre prayed on Saturday.", "massacre", True),
        ("The families of those killed in the 2014 attack gathered at the site.", "attack", True),
        ("Gunmen killed 58 people in the massacre on Saturday.", "killed", False),
        ("The bodies of five people were found after the attack.", "attack", False),
        ("Survivors of the attack said the gunmen arrived at dawn.", "attack", False),
    ],
)
def test_remembers_the_dead(nlp, text: str, trigger: str, expected: bool) -> None:
    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    assert remembers_the_dead(tok) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Engineers destroyed 400 old mortar rounds in a controlled explosion in the desert.", set()),
        ("Militants fired mortar rounds at the army base.", {"Shelling/artillery/missile attack"}),
        ("A roadside bomb exploded near a police patrol, killing two officers.", {"Remote explosive/landmine/IED"}),
    ],
)
def test_munitions_handled_are_not_fired(nlp, text: str, expected: set[str]) -> None:
    from sitrep.extract.events import EventDetector

    doc = nlp(text)
    assert {m.sub_event_type for m in EventDetector()(doc) if m.event_type} == expected
