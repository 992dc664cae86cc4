"""End to end on the founding example: the shared original and the bundled rewording.

What a good coder gets (DEVELOPERS.md, issue #2): four current events on 2023-09-19,
placed near Aghdam, Fuzuli/Shusha and in Karabakh (never the Baku dateline), two dead
for the road blast and no invented count for the troops' blast, every claim from
Azerbaijan's defence ministry, and the 1991/2020 background absent or marked historical.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.ingest import read_path
from sitrep.models import Article

from .conftest import KARABAKH_BUNDLED, KARABAKH_SHARED

pytestmark = pytest.mark.e2e

IED = "Remote explosive/landmine/IED"
MINISTRY = "Ministry of Defence of Azerbaijan"


def _events(pipeline, path: Path):
    if not path.is_file():
        pytest.skip(f"{path} not found")
    (article,) = list(read_path(path))
    assert isinstance(article, Article)
    return article, list(pipeline.process([article]))


@pytest.fixture(scope="module", params=[KARABAKH_SHARED, KARABAKH_BUNDLED], ids=["shared", "bundled"])
def example(request, real_pipeline):
    return _events(real_pipeline, request.param)


def test_four_current_events_all_on_the_day(example):
    _, events = example
    current = [e for e in events if not e.historical]
    assert len(current) == 4, [e.notes for e in current]
    assert {e.event_date for e in current} == {"2023-09-19"}


def test_background_is_historical_with_its_own_year(example):
    _, events = example
    for event in events:
        if event.historical:
            assert event.event_date is not None and event.event_date[:4] in {"1991", "2020"}, event.notes
            assert event.event_date != "2023-09-19"


def test_nothing_is_placed_at_the_baku_dateline(example):
    _, events = example
    for event in events:
        loc = event.location
        assert loc is not None, event.notes
        assert loc.country == "AZE"
        assert "baku" not in (loc.name or "").lower() and "baku" not in (loc.text or "").lower()


def test_two_landmine_blasts_counted_as_stated(example):
    _, events = example
    blasts = sorted(
        (e for e in events if e.sub_event_type == IED and not e.historical), key=lambda e: e.evidence[0].start
    )
    assert len(blasts) == 2
    road, troops = blasts
    assert road.fatalities == 2
    assert road.location is not None and road.location.name in {"Füzuli", "Fuzuli", "Shusha"}
    assert road.actor2 is not None and road.actor2.sector == "CVL"
    assert troops.fatalities is None


def test_fire_near_aghdam_and_operation_in_karabakh(example):
    _, events = example
    current = [e for e in events if not e.historical and e.sub_event_type != IED]
    names = {e.location.name for e in current if e.location}
    assert any("Aghdam" in n or "Ağdam" in n for n in names), names
    assert any("Karabakh" in n for n in names), names


def test_every_claim_comes_from_the_defence_ministry(example):
    _, events = example
    for event in (e for e in events if not e.historical):
        assert [c.name for c in event.claimed_by] == [MINISTRY], event.notes
        assert event.claimed_by[0].country == "AZE"


def test_offsets_point_into_the_article_text(example):
    article, events = example
    for event in events:
        for ev in event.evidence:
            assert article.text[ev.start : ev.end] == ev.text
        loc = event.location
        if loc is not None and loc.start is not None:
            assert article.text[loc.start : loc.end] == loc.text
