"""Cross-article resolution: hand-built events (unit) and ten reports of one bombing (e2e)."""

from __future__ import annotations

import itertools
import random
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from sitrep.ingest.readers import article_from_text
from sitrep.models import Actor, Article, Claim, Event, Evidence, Location, MergedEvent, Plover, Source
from sitrep.resolve import Resolver, is_candidate, merged_event_id, resolve_all, start_event
from sitrep.resolve.features import date_score, haversine_km, place_score

INCIDENT = Path(__file__).parent / "articles" / "incident"
BAIDOA = Location("Baidoa", 64013, 3.114, 43.650, "SOM", "Bay", None, 1, "Baidoa", 0, 6)
BAY = Location("Bay", 64538, 3.0, 43.5, "SOM", "Bay", None, 3, "Bay region", 0, 10)
MOGADISHU = Location("Mogadishu", 53654, 2.037, 45.344, "SOM", "Banaadir", None, 1, "Mogadishu", 0, 9)
REB = Actor(name="Al-Shabaab", country="SOM", sector="REB", inter=2)
CIVILIANS = Actor(name="Civilians (Somalia)", country="SOM", sector="CVL", inter=7)
POLICE = Actor(name="Police Forces of Somalia", country="SOM", sector="COP", inter=1)
BOMB = ("Explosions/Remote violence", "Remote explosive/landmine/IED", Plover("ASSAULT", "explosives", ("terrorism",)))


def make_event(
    article_id: str,
    *,
    text: str = "A bomb exploded at the livestock market in Baidoa, killing traders.",
    day: str | None = "2024-03-11",
    precision: str | None = "day",
    kind: tuple[str | None, str | None, Plover] = BOMB,
    location: Location | None = BAIDOA,
    actors: tuple[Actor | None, Actor | None] = (None, CIVILIANS),
    fatalities: int | None = 12,
    claims: tuple[str, ...] = ("Police",),
    historical: bool = False,
) -> tuple[Event, Article]:
    published = date.fromisoformat(day) if day else date(2024, 3, 11)
    article = Article(id=article_id, text=text, published=published, outlet=f"outlet-{article_id}")
    event = Event(
        event_id=f"mention-{article_id}",
        article_id=article_id,
        event_date=day,
        date_precision=precision,
        historical=historical,
        event_type=kind[0],
        sub_event_type=kind[1],
        disorder_type="Political violence" if kind[0] else None,
        plover=kind[2],
        actor1=actors[0],
        actor2=actors[1],
        location=location,
        fatalities=fatalities,
        injured=None,
        claimed_by=tuple(Claim(name=c) for c in claims),
        evidence=(Evidence(article_id, 0, len(text), text),),
        sources=(Source(article_id=article_id, published=published.isoformat()),),
        confidence=0.85,
    )
    return event, article


def test_new_event_id_is_a_hash_of_the_first_mention():
    event, article = make_event("a")
    merged = start_event(event, article)
    assert merged.event.event_id == merged_event_id("mention-a") != "mention-a"
    assert merged.mention_ids == ("mention-a",)
    assert [r.fatalities for r in merged.reports] == [12]


def test_report_joins_candidate_and_keeps_its_id():
    first = start_event(*make_event("a", fatalities=12))
    event, article = make_event(
        "b", text="Fifteen people died when a bomb hit Baidoa's livestock market.", fatalities=15
    )
    merged = Resolver()(event, article, [first])
    assert merged.event.event_id == first.event.event_id
    assert (merged.fatalities_low, merged.fatalities_high, merged.event.fatalities) == (12, 15, 12)
    assert [s.article_id for s in merged.event.sources] == ["a", "b"]
    assert {r.article_id: r.fatalities for r in merged.reports} == {"a": 12, "b": 15}


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({"day": "2024-03-14"}, "three days apart"),
        ({"location": MOGADISHU}, "another town 223 km away"),
        (
            {"kind": ("Strategic developments", "Arrests", Plover("COERCE", "arrest", ("legal",)))},
            "another type family",
        ),
        ({"historical": True}, "background is not a current event"),
        (
            {
                "kind": ("Battles", "Armed clash", Plover("FIGHT", "firearms", ("military",))),
                "text": "Gunmen ambushed a police checkpoint on the edge of Baidoa in the evening.",
                "actors": (REB, POLICE),
                "fatalities": 4,
            },
            "another incident the same day in the same town",
        ),
    ],
)
def test_different_incidents_start_new_events(changes, why):
    first = start_event(*make_event("a"))
    event, article = make_event("b", **changes)
    merged = Resolver()(event, article, [first])
    assert merged.event.event_id == merged_event_id("mention-b"), why


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (("2024-03-11", "day"), ("2024-03-11", "day"), 1.0),
        (("2024-03-11", "day"), ("2024-03-12", "day"), 0.5),
        (("2024-03-11", "week"), ("2024-03-14", "day"), 0.7),  # a day inside the week
        (("2024-03-11", "week"), ("2024-03-18", "day"), 0.5),  # a day after the week's end
        (("2024-03-01", "month"), ("2024-04-02", "day"), None),
        (("2024-03-11", "day"), ("2024-03-13", "day"), None),
    ],
)
def test_date_score_respects_precision(a, b, expected):
    ea, _ = make_event("a", day=a[0], precision=a[1])
    eb, _ = make_event("b", day=b[0], precision=b[1])
    assert date_score(ea, eb) == expected


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        (BAIDOA, replace(BAIDOA, geonameid=1, lat=3.14, lon=43.66, precision=2), True),  # ~3 km
        (BAIDOA, BAY, True),  # a region admits a town inside it
        (BAY, MOGADISHU, False),  # outside the region and 200+ km away
        (BAIDOA, MOGADISHU, False),  # 223 km
        (BAIDOA, replace(BAIDOA, country="ETH"), False),
        (BAIDOA, None, True),  # unknown: neither for nor against
    ],
)
def test_place_compatibility(a, b, ok):
    assert (place_score(a, b) is not None) is ok


@pytest.mark.parametrize(
    ("points", "km"),
    [
        ((0.0, 0.0, 1.0, 0.0), 111.195),  # one degree of latitude
        ((0.0, 0.0, 0.0, 1.0), 111.195),  # one degree of longitude on the equator
        ((60.0, 0.0, 60.0, 1.0), 55.60),  # half as long at 60 degrees
        ((3.114, 43.650, 3.114, 43.650), 0.0),
    ],
)
def test_haversine_distance(points, km):
    assert haversine_km(*points) == pytest.approx(km, abs=0.01)


def test_actors_match_in_either_order():
    first = start_event(*make_event("a", actors=(REB, CIVILIANS)))
    event, article = make_event("b", actors=(CIVILIANS, REB))
    assert Resolver()(event, article, [first]).event.event_id == first.event.event_id


def test_claims_kept_side_by_side_and_most_precise_date_and_place():
    first = start_event(*make_event("a", claims=("Police",), day="2024-03-11", precision="week", location=BAY))
    event, article = make_event("b", claims=("Al-Shabaab",), day="2024-03-12", location=BAIDOA)
    merged = Resolver()(event, article, [first])
    assert [c.name for c in merged.event.claimed_by] == ["Al-Shabaab", "Police"]
    assert (merged.event.event_date, merged.event.date_precision) == ("2024-03-12", "day")
    assert merged.event.location == BAIDOA
    assert {r.article_id: r.claimed_by for r in merged.reports} == {"a": ("Police",), "b": ("Al-Shabaab",)}


def test_reports_without_a_toll_are_ignored():
    first = start_event(*make_event("a", fatalities=None))
    event, article = make_event("b", fatalities=14)
    merged = Resolver()(event, article, [first])
    assert (merged.event.fatalities, merged.fatalities_low, merged.fatalities_high) == (14, 14, 14)


def test_same_mention_again_adds_nothing():
    event, article = make_event("a")
    first = start_event(event, article)
    assert Resolver()(event, article, [first]) == first


REPORTS = [
    dict(fatalities=12, claims=("Police",)),
    dict(fatalities=15, claims=("Minister",), text="Fifteen killed as bomb rips through Baidoa livestock market."),
    dict(fatalities=None, location=None, text="A bomb blast hit the Baidoa animal market; traders were killed."),
    dict(fatalities=11, day="2024-03-11", precision="week", location=BAY, actors=(REB, None)),
    dict(fatalities=16, claims=("Elder", "Police"), day="2024-03-12"),
]


def _without_id(merged: MergedEvent) -> dict:
    record = merged.to_dict()
    record.pop("event_id")
    return record


def test_any_order_gives_the_same_record():
    pairs = [make_event(f"r{i}", **kw) for i, kw in enumerate(REPORTS)]
    results = []
    for order in itertools.permutations(pairs):
        merged = resolve_all(order)
        assert len(merged) == 1
        results.append(_without_id(merged[0]))
    assert all(r == results[0] for r in results)
    assert (results[0]["fatalities_low"], results[0]["fatalities_high"], results[0]["fatalities"]) == (11, 16, 11)
    assert len(results[0]["sources"]) == 5


# --- end to end: ten reports of one bombing, two other incidents in the same town ------------

MARKET = [f"baidoa-market-{i:02d}.txt" for i in range(1, 11)]
STATED_TOLLS = (12, 15, 14, 12, 16, 13, 11, 15, 14, 15)  # as written in the ten reports


@pytest.fixture(scope="module")
def reports():
    from sitrep.pipeline import Pipeline, process_articles

    pipeline = Pipeline.load()
    articles = {
        f.name: replace(
            article_from_text(f.read_text(encoding="utf-8"), article_id=f.name), outlet=f"Wire {f.stem[-2:]}"
        )
        for f in sorted(INCIDENT.glob("*.txt"))
    }
    return [(e, articles[e.article_id]) for e in process_articles(articles.values(), pipeline=pipeline)]


def _event_of(events: list[MergedEvent], article_id: str, event_type: str) -> MergedEvent:
    found = [
        m for m in events if m.event.event_type == event_type and article_id in {s.article_id for s in m.event.sources}
    ]
    assert len(found) == 1, [m.event.notes for m in found]
    return found[0]


@pytest.mark.e2e
@pytest.mark.parametrize("seed", [None, 1, 2, 3])
def test_ten_reports_become_one_event(reports, seed):
    pairs = list(reports)
    if seed is not None:
        random.Random(seed).shuffle(pairs)
    events = resolve_all(pairs)
    bombing = _event_of(events, MARKET[0], "Explosions/Remote violence")
    assert sorted(s.article_id for s in bombing.event.sources) == MARKET
    assert (bombing.fatalities_low, bombing.fatalities_high) == (min(STATED_TOLLS), max(STATED_TOLLS))
    assert bombing.event.fatalities == min(STATED_TOLLS)
    assert len(bombing.reports) == 10
    assert bombing.event.location is not None and bombing.event.location.name == "Baidoa"
    assert (bombing.event.event_date, bombing.event.date_precision) == ("2024-03-11", "day")


@pytest.mark.e2e
def test_two_incidents_same_day_same_town_stay_two(reports):
    events = resolve_all(reports)
    shelling = _event_of(events, "baidoa-school-shelling.txt", "Explosions/Remote violence")
    ambush = _event_of(events, "baidoa-checkpoint-ambush.txt", "Battles")
    assert shelling.event.event_id != ambush.event.event_id
    assert (shelling.event.fatalities, ambush.event.fatalities) == (3, 4)


@pytest.mark.e2e
def test_store_prefilter_passes_the_bombing_reports(reports):
    events = resolve_all(reports)
    bombing = _event_of(events, MARKET[0], "Explosions/Remote violence")
    folded = [e for e, _ in reports if e.event_id in bombing.mention_ids]
    assert len(folded) >= 10
    assert all(is_candidate(e, bombing) for e in folded)
