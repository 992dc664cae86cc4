"""Bulk insert and filtered query speed of the event database, DuckDB beside PostgreSQL.

Builds N synthetic merged events (1-3 sources each, 40 countries, six ACLED types,
2018-2024), inserts them with ``store.bulk_insert`` in chunks (only the inserts are
timed, not building the records), then times ``store.events(country=..., date_from=...,
date_to=..., event_type=...)`` returning a DataFrame: the first run and the median of
the next ones. Beside wall-clock time it reports this process's CPU time (all its
threads, DuckDB's included; not the PostgreSQL server's), which other load on a shared
machine changes far less than the wall clock. PostgreSQL is a throwaway server started
here (``sitrep.store.pgserver``).

    .venv/bin/python bench/store.py              # 1,000,000 events
    .venv/bin/python bench/store.py --n 100000 --skip-postgres
    .venv/bin/python bench/store.py --breakdown 100000   # CPU seconds per DuckDB step
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

from sitrep.models import Actor, Claim, Event, Evidence, FatalityReport, Location, MergedEvent, Plover, Source
from sitrep.store import EventStore, FilterArgs, open_store

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
QUERY: FilterArgs = {"country": "C07", "date_from": "2021-03-01", "date_to": "2021-05-31", "event_type": "Battles"}


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
    inserted, seconds, cpu = 0, 0.0, 0.0
    for batch in synthetic(n, chunk=chunk):
        start, start_cpu = time.perf_counter(), time.process_time()
        inserted += store.bulk_insert(batch, pipeline_version="bench")
        seconds += time.perf_counter() - start
        cpu += time.process_time() - start_cpu
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
        "insert_cpu_s": cpu,
        "events_per_cpu_s": inserted / cpu,
        "query_first_ms": timings[0] * 1000,
        "query_median_ms": statistics.median(timings[1:]) * 1000,
        "query_rows": rows,
    }


def breakdown(n: int) -> dict[str, float]:
    """CPU seconds of each step of one ``n``-event chunk into a fresh DuckDB file, run
    one after another (bulk_insert overlaps the Arrow step with the inserts)."""
    from sitrep.store import bulk
    from sitrep.store.duckdb_store import DuckDBStore
    from sitrep.store.schema import column_names

    (batch,) = synthetic(n, chunk=n)
    steps: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as tmp:
        store = DuckDBStore(Path(tmp) / "sitrep.duckdb")
        con = store._con  # noqa: SLF001 - timing the store's own statements one by one
        start = time.process_time()
        table = bulk.record_table(batch)
        steps["arrow"] = time.process_time() - start
        con.register("sitrep_bulk", table)
        con.execute("BEGIN TRANSACTION")
        for name in bulk.TABLES:
            sql = f"INSERT INTO {name} ({', '.join(column_names(name))}) {bulk.select_sql(name, source='sitrep_bulk')}"
            sql += " ON CONFLICT DO NOTHING" if name in bulk.SHARED_TABLES else ""
            start = time.process_time()
            con.execute(sql, bulk.bulk_params(name, pipeline_version="bench", now=datetime.now()))
            steps[name] = time.process_time() - start
        start = time.process_time()
        con.execute("COMMIT")
        steps["commit"] = time.process_time() - start
        store.close()
    steps["total"] = sum(steps.values())
    return steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="synthetic merged events to insert")
    parser.add_argument("--chunk", type=int, default=200_000, help="events per bulk_insert call")
    parser.add_argument("--repeats", type=int, default=5, help="timed query runs after the first")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--breakdown", type=int, metavar="N", help="only time each DuckDB step for N events")
    args = parser.parse_args()
    if args.breakdown:
        steps = breakdown(args.breakdown)
        print(f"CPU seconds per step, {args.breakdown:,} events into DuckDB in one chunk")
        for name, seconds in steps.items():
            print(f"{name:24}{seconds:>16.2f}")
        return

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
        ("insert CPU s, this proc", "insert_cpu_s", "{:.2f}"),
        ("events per CPU s", "events_per_cpu_s", "{:,.0f}"),
        ("query first ms", "query_first_ms", "{:.1f}"),
        ("query median ms (<200)", "query_median_ms", "{:.1f}"),
        ("query rows", "query_rows", "{:,.0f}"),
    ]
    for label, key, fmt in rows:
        print(f"{label:24}" + "".join(f"{fmt.format(results[name][key]):>16}" for name in names))


if __name__ == "__main__":
    main()
