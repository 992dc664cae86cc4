"""The event database on both backends: idempotent ingest, rollback, filters, round-trips."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

from sitrep.errors import StoreError
from sitrep.models import (
    Actor,
    Article,
    Claim,
    Dispute,
    Event,
    Evidence,
    FatalityReport,
    Location,
    MergedEvent,
    Plover,
    Source,
    content_hash,
)
from sitrep.store import EventStore, open_store
from sitrep.store.filters import FRAME_COLUMNS
from tests import pg

BACKENDS = ["duckdb", "postgres"]
VERSION = "test-1"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    if not pg.have_server():
        pytest.skip(pg.NO_SERVER)
    with pg.server() as url:
        yield url


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[EventStore]:
    if request.param == "duckdb":
        target = str(tmp_path / "sitrep.duckdb")
    else:
        target = pg.fresh_database(request.getfixturevalue("pg_server"))
    opened = open_store(target)
    yield opened
    opened.close()


# -- building records ---------------------------------------------------------------


def make_article(n: int, *, day: date = date(2023, 9, 19), outlet: str = "Wire") -> Article:
    text = f"Report {n}: fighters attacked the town, the ministry said."
    return Article(
        id=content_hash(text),
        text=text,
        title=f"Report {n}",
        published=day,
        url=f"https://example.org/{n}",
        outlet=outlet,
    )


def make_event(  # noqa: PLR0913 - a test factory with one knob per filterable field
    article: Article,
    k: int = 0,
    *,
    day: str | None = "2023-09-19",
    country: str | None = "AZE",
    admin1: str | None = "Fuzuli",
    lat: float | None = 39.6,
    lon: float | None = 47.15,
    event_type: str | None = "Explosions/Remote violence",
    sub_event_type: str | None = "Remote explosive/landmine/IED",
    actor: str | None = "Military Forces of Armenia",
    fatalities: int | None = 2,
    claimant: str | None = "Ministry of Defence of Azerbaijan",
) -> Event:
    location = None
    if country is not None:
        location = Location("Füzuli", 147622, lat, lon, country, admin1, "Fuzuli District", 1, "Füzuli", 10, 16)
    return Event(
        event_id=content_hash(article.id, k),
        article_id=article.id,
        event_date=day,
        date_precision="day" if day and len(day) == 10 else "month",
        historical=False,
        event_type=event_type,
        sub_event_type=sub_event_type,
        disorder_type="Political violence" if event_type else None,
        plover=Plover("ASSAULT", "explosives", ("military",)),
        actor1=Actor(actor, "ARM", "MIL", 1, "troops") if actor else None,
        actor2=Actor("Civilians (Azerbaijan)", "AZE", "CVL", 7, None),
        location=location,
        fatalities=fatalities,
        injured=None,
        claimed_by=(Claim(claimant, "AZE", "the ministry said"),) if claimant else (),
        evidence=(Evidence(article.id, 0, 20, article.text[:20]),),
        confidence=0.8,
        notes="A mine exploded.",
    )


def new_event(event: Event, article: Article, candidates: list[MergedEvent]) -> MergedEvent:
    """The trivial resolver: every mention is a new event."""
    source = Source(
        article.id, article.outlet, article.url, article.published.isoformat() if article.published else None
    )
    report = FatalityReport(
        article.id, event.fatalities, event.injured, tuple(c.name for c in event.claimed_by), article.outlet
    )
    merged = dataclasses.replace(event, event_id="m" + event.event_id, sources=(source,))
    return MergedEvent(merged, event.fatalities, event.fatalities, (report,), (event.event_id,))


def join_first(event: Event, article: Article, candidates: list[MergedEvent]) -> MergedEvent:
    """A minimal merging resolver: fold into the first candidate, lowest toll wins."""
    fresh = new_event(event, article, candidates)
    if not candidates:
        return fresh
    old = candidates[0]
    tolls = [t for t in (old.fatalities_low, old.fatalities_high, event.fatalities) if t is not None]
    record = dataclasses.replace(
        old.event, sources=old.event.sources + fresh.event.sources, fatalities=min(tolls) if tolls else None
    )
    return MergedEvent(
        record,
        min(tolls) if tolls else None,
        max(tolls) if tolls else None,
        old.reports + fresh.reports,
        old.mention_ids + fresh.mention_ids,
    )


def table_contents(store: EventStore, table: str) -> list[tuple]:
    rows = store._fetchall(f"SELECT * FROM {table}")  # type: ignore[attr-defined]
    return sorted(rows, key=repr)


# -- tests ----------------------------------------------------------------------------


def test_open_store_rejects_unknown_scheme() -> None:
    with pytest.raises(StoreError, match="unsupported database URL"):
        open_store("mysql://localhost/db")


def test_reingesting_the_same_articles_changes_nothing(store: EventStore) -> None:
    articles = [make_article(n, day=date(2023, 9, 1) + timedelta(days=n % 20)) for n in range(100)]
    batch = [
        (a, [make_event(a, k, day=a.published.isoformat()) for k in range(1 + n % 2)]) for n, a in enumerate(articles)
    ]
    tables = ("articles", "mentions", "events", "sources", "claims")

    first = [store.add(a, evs, resolver=join_first, pipeline_version=VERSION) for a, evs in batch]
    before = {t: table_contents(store, t) for t in tables}
    second = [store.add(a, evs, resolver=join_first, pipeline_version=VERSION) for a, evs in batch]

    assert not any(r.skipped for r in first)
    assert all(r.skipped for r in second)
    assert {t: table_contents(store, t) for t in tables} == before
    assert store.count("articles") == 100
    assert store.count("mentions") == 150


def test_a_failing_resolver_leaves_nothing_of_its_article(store: EventStore) -> None:
    earlier = [make_article(n) for n in range(3)]
    for a in earlier:
        store.add(a, [make_event(a)], resolver=join_first, pipeline_version=VERSION)
    tables = ("articles", "mentions", "events", "sources", "claims")
    before = {t: table_contents(store, t) for t in tables}
    calls = []

    def flaky(event: Event, article: Article, candidates: list[MergedEvent]) -> MergedEvent:
        calls.append(event.event_id)
        if len(calls) == 3:
            raise RuntimeError("resolver crashed")
        return join_first(event, article, candidates)

    doomed = make_article(99)
    events = [make_event(doomed, k, country=c) for k, c in enumerate(["AZE", "ARM", "GEO", "IRN"])]
    with pytest.raises(RuntimeError, match="resolver crashed"):
        store.add(doomed, events, resolver=flaky, pipeline_version=VERSION)

    assert len(calls) == 3
    assert {t: table_contents(store, t) for t in tables} == before
    assert not store.has_article(doomed.id)  # type: ignore[attr-defined]
    # The store is usable afterwards and the same article can be added whole.
    result = store.add(doomed, events, resolver=join_first, pipeline_version=VERSION)
    assert not result.skipped and store.count("mentions") == 3 + 4


def test_reports_of_one_incident_merge_and_others_do_not(store: EventStore) -> None:
    reports = [make_article(n, outlet=f"Outlet {n}") for n in range(4)]
    days = ["2023-09-19", "2023-09-19", "2023-09-20", "2023-09-18"]
    for a, day, toll in zip(reports, days, [2, 3, 2, 4], strict=True):
        store.add(a, [make_event(a, day=day, fatalities=toll)], resolver=join_first, pipeline_version=VERSION)
    others = {
        "far away": {"lon": 48.5},  # ~115 km east
        "two days later": {"day": "2023-09-21"},
        "another country": {"country": "ARM"},
        "another type": {"event_type": "Protests", "sub_event_type": "Peaceful protest"},
    }
    for n, spec in enumerate(others.values(), start=10):
        a = make_article(n)
        event = make_event(a, **spec)
        if "event_type" in spec:
            event = dataclasses.replace(event, plover=Plover("PROTEST", None, ()))
        store.add(a, [event], resolver=join_first, pipeline_version=VERSION)

    frame = store.events()
    assert len(frame) == 1 + len(others)
    merged = frame[frame["n_sources"] == 4]
    assert len(merged) == 1
    row = merged.iloc[0]
    assert (row["fatalities"], row["fatalities_low"], row["fatalities_high"]) == (2, 2, 4)
    assert store.count("sources") == 4 + len(others)


@pytest.fixture
def loaded(store: EventStore) -> EventStore:
    """Seven events with one distinguishing attribute each (and one with two sources)."""
    specs = {
        0: {},
        1: {"country": "ARM", "admin1": "Syunik", "lat": 39.2, "lon": 46.4},
        2: {"day": "2023-10-05"},
        3: {"event_type": "Battles", "sub_event_type": "Armed clash", "actor": "Karabakh Defence Army"},
        4: {"fatalities": 40, "claimant": "Human Rights Watch"},
        5: {"country": "UKR", "admin1": "Kharkiv", "lat": 49.99, "lon": 36.23, "actor": "100% Rebels_"},
        6: {"country": None, "fatalities": None, "claimant": None, "actor": None},
    }
    for n, spec in specs.items():
        a = make_article(n)
        store.add(a, [make_event(a, **spec)], resolver=new_event, pipeline_version=VERSION)
    second = make_article(100, outlet="Second outlet")
    target = "m" + content_hash(make_article(0).id, 0)

    def join_event_0(event: Event, article: Article, candidates: list[MergedEvent]) -> MergedEvent:
        assert target in {c.event.event_id for c in candidates}
        return join_first(event, article, [c for c in candidates if c.event.event_id == target])

    store.add(second, [make_event(second, fatalities=3)], resolver=join_event_0, pipeline_version=VERSION)
    return store


FILTER_CASES = {
    "country": ({"country": "arm"}, {1}),
    "admin1": ({"admin1": "kharkiv"}, {5}),
    "date range": ({"date_from": "2023-10-01", "date_to": date(2023, 10, 31)}, {2}),
    "event type": ({"event_type": "Battles"}, {3}),
    "sub-event type": ({"sub_event_type": "Armed clash"}, {3}),
    "actor substring": ({"actor": "defence ARMY"}, {3}),
    "actor with LIKE wildcards": ({"actor": "100% rebels_"}, {5}),
    "wildcards are literal": ({"actor": "%"}, {5}),
    "bbox": ({"bbox": (36.0, 49.0, 37.0, 50.5)}, {5}),
    "near": ({"near": (39.25, 46.45, 20.0)}, {1}),
    "min fatalities": ({"min_fatalities": 10}, {4}),
    "min sources": ({"min_sources": 2}, {0}),
    "claimed by": ({"claimed_by": "human rights"}, {4}),
    "combined": ({"country": "AZE", "date_from": "2023-09-19", "date_to": "2023-09-19", "event_type": "Battles"}, {3}),
    "none match": ({"country": "AZE", "min_fatalities": 1000}, set()),
}


def _event_numbers(frame: pd.DataFrame) -> set[int]:
    ids = {"m" + content_hash(make_article(n).id, 0): n for n in range(7)}
    return {ids[e] for e in frame["event_id"]}


@pytest.mark.parametrize("filters, expected", FILTER_CASES.values(), ids=FILTER_CASES.keys())
def test_filters(loaded: EventStore, filters: dict, expected: set[int]) -> None:
    assert _event_numbers(loaded.events(**filters)) == expected
    assert {m.event.event_id for m in loaded.iter_events(**filters)} == set(loaded.events(**filters)["event_id"])


def test_unknown_filter_is_an_error(store: EventStore) -> None:
    with pytest.raises(TypeError):
        store.events(colour="red")  # type: ignore[call-arg]


def test_dataframe_columns_and_types(loaded: EventStore) -> None:
    frame = loaded.events()
    assert tuple(frame.columns) == FRAME_COLUMNS
    assert len(frame) == 7
    assert str(frame["event_date"].dtype) == "datetime64[us]"
    assert str(frame["fatalities"].dtype) == "Int64"
    assert frame["lat"].dtype == "float64"
    assert frame["country"].isna().sum() == 1
    assert list(frame["event_date"]) == sorted(frame["event_date"])  # date order


def _varied(n: int) -> MergedEvent:
    a = make_article(n)
    kinds = [
        {},
        {"country": None, "actor": None, "claimant": None, "fatalities": None, "day": None},
        {"day": "2023-09", "actor": 'Ñandú «quoted» "forces"'},
    ]
    event = make_event(a, **kinds[n % 3])
    if n % 3 == 0:  # two sources in the article disagree: kept through every write path
        dispute = Dispute("fatalities", ("Ministry of Defence of Azerbaijan", "Witnesses"), ("2", "5"), a.id)
        event = dataclasses.replace(event, disputes=(dispute,))
    if n % 3 == 1:
        event = dataclasses.replace(event, plover=None, evidence=(), actor2=None, historical=True, notes="")
    return new_event(event, a, [])


@pytest.mark.parametrize("path", ["add", "bulk_insert"])
def test_merged_event_json_round_trip(store: EventStore, path: str) -> None:
    originals = [_varied(n) for n in range(6)]
    if path == "add":
        by_mention = {m.mention_ids[0]: m for m in originals}
        for n, m in enumerate(originals):
            event = dataclasses.replace(m.event, event_id=m.mention_ids[0], sources=())
            store.add(
                make_article(n), [event], resolver=lambda e, a, c: by_mention[e.event_id], pipeline_version=VERSION
            )
    else:
        assert store.bulk_insert(originals, pipeline_version=VERSION) == 6
    assert sorted(store.iter_events(), key=lambda m: m.event.event_id) == sorted(
        originals, key=lambda m: m.event.event_id
    )
    frame = store.events(country="AZE").set_index("event_id")
    first = originals[0]
    assert frame.loc[first.event.event_id, "actor1_name"] == "Military Forces of Armenia"
    assert frame.loc[first.event.event_id, "n_sources"] == 1


def test_bulk_and_add_give_the_same_event_rows(tmp_path: Path) -> None:
    originals = [_varied(n) for n in range(6)]
    bulk, one_by_one = open_store(tmp_path / "bulk.duckdb"), open_store(tmp_path / "add.duckdb")
    bulk.bulk_insert(originals, pipeline_version=VERSION)
    by_mention = {m.mention_ids[0]: m for m in originals}
    for n, m in enumerate(originals):
        event = dataclasses.replace(m.event, event_id=m.mention_ids[0])
        one_by_one.add(
            make_article(n), [event], resolver=lambda e, a, c: by_mention[e.event_id], pipeline_version=VERSION
        )
    drop = ["updated_at"]
    pd.testing.assert_frame_equal(bulk.events().drop(columns=drop), one_by_one.events().drop(columns=drop))
    assert table_contents(bulk, "sources") == table_contents(one_by_one, "sources")
    bulk.close()
    one_by_one.close()


def test_bulk_insert_of_a_stored_id_writes_nothing(store: EventStore) -> None:
    originals = [_varied(n) for n in range(3)]
    store.bulk_insert(originals[:1], pipeline_version=VERSION)
    with pytest.raises(StoreError):
        store.bulk_insert(originals, pipeline_version=VERSION)
    assert store.count("events") == 1
    assert store.count("sources") == 1


def test_bulk_insert_of_a_record_listing_an_article_twice_writes_nothing(store: EventStore) -> None:
    # Sources are one row per (event, article): DuckDB keeps no key for it, the bulk SQL checks.
    originals = [_varied(n) for n in range(3)]
    twice = originals[1].event.sources * 2
    originals[1] = dataclasses.replace(originals[1], event=dataclasses.replace(originals[1].event, sources=twice))
    with pytest.raises(StoreError, match="lists an article twice"):
        store.bulk_insert(originals, pipeline_version=VERSION)
    assert store.count("events") == 0
    assert store.count("sources") == 0


def test_backends_return_equal_frames(tmp_path: Path, pg_server: str) -> None:
    stores = [open_store(tmp_path / "x.duckdb"), open_store(pg.fresh_database(pg_server))]
    for s in stores:
        s.bulk_insert([_varied(n) for n in range(9)], pipeline_version=VERSION)
    frames = [s.events(date_from="2023-01-01").drop(columns=["updated_at"]) for s in stores]
    pd.testing.assert_frame_equal(frames[0], frames[1])
    for s in stores:
        s.close()


def test_candidates_span_the_period_of_a_coarse_date_and_any_country_when_unplaced(store: EventStore) -> None:
    article = make_article(900)
    store.add(article, [make_event(article, day="2023-09-19")], resolver=new_event, pipeline_version="test")
    probe = make_article(901)
    month = dataclasses.replace(make_event(probe, day="2023-09-01"), date_precision="month")
    assert len(store.candidates(month)) == 1  # 19 September lies in the month that 1 September stands for
    assert store.candidates(dataclasses.replace(month, date_precision="day")) == []
    unplaced = make_event(probe, country=None)
    assert len(store.candidates(unplaced)) == 1


# -- actors, places, schema version, near-duplicates across runs -----------------------


@pytest.fixture(params=BACKENDS)
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database location (not yet opened), so a test can open it more than once."""
    if request.param == "duckdb":
        return str(tmp_path / "sitrep.duckdb")
    return pg.fresh_database(request.getfixturevalue("pg_server"))


def test_actors_and_places_are_normalised_the_same_by_add_and_bulk(store: EventStore, tmp_path: Path) -> None:
    originals = [_varied(n) for n in range(6)]
    unlisted = dataclasses.replace(originals[0].event.location, geonameid=None, name="Hamlet", lat=39.61237)
    originals.append(
        dataclasses.replace(
            originals[0],
            event=dataclasses.replace(originals[0].event, event_id="unlisted", location=unlisted),
            mention_ids=("unlisted-m",),
        )
    )
    by_mention = {m.mention_ids[0]: m for m in originals}
    for n, m in enumerate(originals):
        event = dataclasses.replace(m.event, event_id=m.mention_ids[0])
        store.add(make_article(n), [event], resolver=lambda e, a, c: by_mention[e.event_id], pipeline_version=VERSION)
    other = open_store(tmp_path / "bulk.duckdb")
    other.bulk_insert(originals, pipeline_version=VERSION)
    for s in (store, other):
        # Two actors named in _varied (the armed group under two names, civilians) plus none.
        assert s.count("actors") == 3
        assert s.count("places") == 2
        frame = s.events()
        for slot in ("actor1", "actor2"):
            named = frame[frame[f"{slot}_name"].notna()]
            assert named[f"{slot}_id"].notna().all()
            assert set(named[f"{slot}_id"]) <= {row[0] for row in table_contents(s, "actors")}
        assert frame[frame["location_name"].notna()]["place_id"].notna().all()
        assert set(frame["place_id"].dropna()) == {row[0] for row in table_contents(s, "places")}
    assert table_contents(store, "actors") == table_contents(other, "actors")
    assert table_contents(store, "places") == table_contents(other, "places")
    assert "g147622" in {row[0] for row in table_contents(other, "places")}
    # Filters still work on the denormalised columns.
    assert len(store.events(actor="FORCES")) == len(other.events(actor="FORCES")) == 5
    other.close()


def test_a_database_of_another_schema_version_is_refused(target: str) -> None:
    store = open_store(target)
    store._execute("UPDATE schema_version SET version = 99")  # type: ignore[attr-defined]
    store.close()
    with pytest.raises(StoreError, match="schema version 99.*upgrade sitrep"):
        open_store(target)


def test_a_database_from_before_schema_versions_is_refused(target: str) -> None:
    store = open_store(target)
    store._execute("DROP TABLE schema_version")  # type: ignore[attr-defined]
    store.close()
    with pytest.raises(StoreError, match="schema version 1;.*re-ingest"):
        open_store(target)


WIRE = (
    "Shelling hit the market in the eastern town on Tuesday morning, killing at least four people and "
    "wounding eleven, local officials said. The regional governor said the strike came shortly after "
    "nine o'clock as traders were setting up their stalls, and that rescue teams were still searching "
    "the rubble of two buildings. Witnesses described a series of loud explosions followed by a fire "
    "that spread to nearby shops. The defence ministry blamed artillery units stationed across the "
    "river, while the other side denied firing on civilian areas and accused its opponents of staging "
    "the attack. Aid groups called for an independent investigation and for safe access to the wounded."
)


def test_a_syndicated_copy_links_to_an_article_stored_in_an_earlier_run(target: str) -> None:
    from sitrep.ingest.dedup import NearDuplicateIndex

    original = Article(id="wire-1", text=WIRE, outlet="Wire")
    trimmed = WIRE.rsplit(" Aid groups", 1)[0] + " The mayor declared a day of mourning."
    copy = Article(id="paper-1", text="By our correspondent. " + trimmed, outlet="Daily")
    shouted = Article(id="paper-2", text=WIRE.upper().replace(",", ""), outlet="Caps")
    unrelated = Article(id="other-1", text=make_article(5).text * 3, outlet="Other")

    first_run = open_store(target)
    first_run.add(original, [], resolver=new_event, pipeline_version=VERSION, near_duplicates=NearDuplicateIndex())
    first_run.close()

    second_run = open_store(target)  # a new process would see only what the database holds
    index = NearDuplicateIndex()
    assert second_run.near_duplicate_of(copy, index) == "wire-1"
    assert second_run.near_duplicate_of(original, index) is None  # not a copy of itself
    for article in (copy, shouted, unrelated):
        second_run.add(article, [], resolver=new_event, pipeline_version=VERSION, near_duplicates=index)
    links = dict(second_run._fetchall("SELECT article_id, near_duplicate_of FROM articles"))  # type: ignore[attr-defined]
    assert links == {"wire-1": None, "paper-1": "wire-1", "paper-2": "wire-1", "other-1": None}
    assert second_run.count("article_sketches") == 4
    second_run.close()
