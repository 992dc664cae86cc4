"""Bulk insert and filtered query speed of the event database, DuckDB beside PostgreSQL.

Builds N synthetic merged events (1-3 sources each, 40 countries, six ACLED types,
2018-2024), inserts them with ``store.bulk_insert`` in chunks (only the inserts are
timed, not building the records), then times ``store.events(country=..., date_from=...,
date_to=..., event_type=...)`` returning a DataFrame: the first run and the median of
the next ones. PostgreSQL is a throwaway server started here (``sitrep.store.pgserver``).

    .venv/bin/python bench/store.py              # 1,000,000 events
    .venv/bin/python bench/store.py --n 100000 --skip-postgres
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from sitrep.models import Actor, Claim, Event, Evidence, FatalityReport, Location, MergedEvent, Plover, Source
from sitrep.store import EventStore, open_store

COUNTRIES = [f"C{i:02d}" for i in range(40)]
TYPES = [
    ("Battles", "Armed clash", "ASSAULT"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "ASSAULT"),
    ("Violence against civilians", "Attack", "ASSAULT"),
    ("Protests", "Peaceful protest", "PROTEST"),
    ("Riots", "Violent demonstration", "PROTEST"),
    ("Strategic developments", "Arrests", "COERCE"),
]
START = date(2018, 1, 1)
DAYS = 7 * 365
QUERY = {"country": "C07", "date_from": "2021-03-01", "date_to": "2021-05-31", "event_type": "Battles"}


def synthetic(n: int, *, chunk: int, seed: int = 5) -> Iterator[list[MergedEvent]]:
    rng = random.Random(seed)
    actors = [Actor(f"Armed group {i}", rng.choice(COUNTRIES), "REB", 2, f"group {i}") for i in range(500)]
    batch: list[MergedEvent] = []
    for i in range(n):
        country = COUNTRIES[i % len(COUNTRIES)]
        event_type, sub_type, plover = TYPES[rng.randrange(len(TYPES))]
        day = (START + timedelta(days=rng.randrange(DAYS))).isoformat()
        lat, lon = rng.uniform(-40, 60), rng.uniform(-20, 120)
        ids = [f"a{i}-{k}" for k in range(1 + i % 3)]
        tolls = [rng.randrange(0, 20) for _ in ids]
        event = Event(
            event_id=f"e{i:08d}", article_id=ids[0], event_date=day, date_precision="day", historical=False,
            event_type=event_type, sub_event_type=sub_type, disorder_type="Political violence",
            plover=Plover(plover, None, ("military",)), actor1=actors[i % 500], actor2=actors[(i * 7) % 500],
            location=Location(f"Town {i % 5000}", 100000 + i % 5000, lat, lon, country, f"Region {i % 17}",
                              None, 1, f"Town {i % 5000}", 10, 16),
            fatalities=min(tolls), injured=None, claimed_by=(Claim("Ministry of Defence", country, "said"),),
            evidence=(Evidence(ids[0], 0, 40, "Fighters attacked the town on Tuesday."),),
            sources=tuple(Source(a, f"Outlet {j}", f"https://example.org/{a}", day) for j, a in enumerate(ids)),
            confidence=0.8, notes="Synthetic event.",
        )  # fmt: skip
        reports = tuple(
            FatalityReport(a, t, None, ("Ministry of Defence",), None) for a, t in zip(ids, tolls, strict=True)
        )
        batch.append(MergedEvent(event, min(tolls), max(tolls), reports, tuple(f"m{a}" for a in ids)))
        if len(batch) == chunk:
            yield batch
            batch = []
    if batch:
        yield batch


def run(store: EventStore, *, n: int, chunk: int, repeats: int) -> dict[str, float]:
    inserted, seconds = 0, 0.0
    for batch in synthetic(n, chunk=chunk):
        start = time.perf_counter()
        inserted += store.bulk_insert(batch, pipeline_version="bench")
        seconds += time.perf_counter() - start
    timings, rows = [], 0
    for _ in range(repeats + 1):
        start = time.perf_counter()
        rows = len(store.events(**QUERY))
        timings.append(time.perf_counter() - start)
    return {
        "events": inserted,
        "sources": store.count("sources"),
        "insert_s": seconds,
        "events_per_s": inserted / seconds,
        "query_first_ms": timings[0] * 1000,
        "query_median_ms": statistics.median(timings[1:]) * 1000,
        "query_rows": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="synthetic merged events to insert")
    parser.add_argument("--chunk", type=int, default=200_000, help="events per bulk_insert call")
    parser.add_argument("--repeats", type=int, default=5, help="timed query runs after the first")
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()

    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as tmp:
        store = open_store(Path(tmp) / "sitrep.duckdb")
        results["DuckDB"] = run(store, n=args.n, chunk=args.chunk, repeats=args.repeats)
        store.close()
    if not args.skip_postgres:
        from sitrep.store.pgserver import throwaway_postgres

        with throwaway_postgres() as url:
            store = open_store(url)
            results["PostgreSQL"] = run(store, n=args.n, chunk=args.chunk, repeats=args.repeats)
            store.close()

    print(f"bulk insert of {args.n:,} merged events, then events({QUERY})")
    names = list(results)
    print(f"{'':24}" + "".join(f"{name:>16}" for name in names))
    rows = [
        ("events inserted", "events", "{:,.0f}"),
        ("source rows", "sources", "{:,.0f}"),
        ("insert seconds", "insert_s", "{:.2f}"),
        ("events/s (>= 100,000)", "events_per_s", "{:,.0f}"),
        ("query first ms", "query_first_ms", "{:.1f}"),
        ("query median ms (<200)", "query_median_ms", "{:.1f}"),
        ("query rows", "query_rows", "{:,.0f}"),
    ]
    for label, key, fmt in rows:
        print(f"{label:24}" + "".join(f"{fmt.format(results[name][key]):>16}" for name in names))


if __name__ == "__main__":
    main()
