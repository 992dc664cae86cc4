"""The default backend: one DuckDB file (``sitrep.duckdb``), no server.

DuckDB allows one writing process per file; inside the process this store's lock makes
it the single writer, so share one ``DuckDBStore`` rather than opening several.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from sitrep.errors import StoreError
from sitrep.models import MergedEvent
from sitrep.store import bulk
from sitrep.store.base import SqlStore
from sitrep.store.filters import normalise_frame
from sitrep.store.schema import DIALECTS, column_names

# small enough that building the next chunk overlaps inserting this one (25,000 gave ~6% fewer
# events/s on bench/store.py)
BULK_CHUNK = 50_000
FIRST_CHUNK = 5_000  # nothing overlaps building the first chunk: DuckDB starts on a small one
FETCH_BATCH = 2_000
# While bulk_insert's Arrow thread keeps one core busy, DuckDB takes the others: a
# second DuckDB thread on a two-core machine only contended with it (~0.15 s more CPU
# per 100,000 events, no faster).
BULK_THREADS = max(1, (os.cpu_count() or 2) - 1)


class DuckDBStore(SqlStore):
    dialect = DIALECTS["duckdb"]

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = str(path)
        self._lock = threading.RLock()
        try:
            self._con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open DuckDB database {self.path}: {exc}") from exc
        try:
            # A full row group (122,880 rows) is compressed and written as soon as an
            # insert fills it, not five at a time at commit: the work then overlaps
            # building the next chunk's Arrow columns, and fewer rows wait in memory.
            self._con.execute("SET write_buffer_row_group_count = 1")
            self._check_schema(create=not read_only)
        except BaseException:
            self._con.close()
            raise

    def __repr__(self) -> str:
        return f"DuckDBStore({self.path!r})"

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._con.execute(sql, list(params))

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self._con.executemany(sql, [list(r) for r in rows])

    def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._con.execute(sql, list(params)).fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"query failed on {self.path}: {exc}") from exc

    def _frame(self, sql: str, params: Sequence[Any]) -> pd.DataFrame:
        try:
            table = self._con.sql(sql, params=list(params)).to_arrow_table()
        except duckdb.Error as exc:
            raise StoreError(f"query failed on {self.path}: {exc}") from exc
        return normalise_frame(table.to_pandas())

    def _iter_rows(self, sql: str, params: Sequence[Any]) -> Iterator[tuple[Any, ...]]:
        # A cursor is its own connection to the same database, so iterating does not
        # hold the store's lock or block writers in between batches.
        with self._lock:
            cursor = self._con.cursor()
        try:
            cursor.execute(sql, list(params))
            while batch := cursor.fetchmany(FETCH_BATCH):
                yield from batch
        finally:
            cursor.close()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._lock:
            self._con.execute("BEGIN TRANSACTION")
            try:
                yield
            except duckdb.Error as exc:
                self._con.execute("ROLLBACK")
                raise StoreError(f"write to {self.path} rolled back: {exc}") from exc
            except BaseException:
                self._con.execute("ROLLBACK")
                raise
            else:
                try:
                    self._con.execute("COMMIT")
                except duckdb.Error as exc:
                    raise StoreError(f"commit to {self.path} failed: {exc}") from exc

    def bulk_insert(self, merged_events: Sequence[MergedEvent], *, pipeline_version: str) -> int:
        """Append new merged events with their actors, places, sources and claims, all or nothing.

        For loading many records at once (an export, a benchmark): no resolver, no
        mentions, and an ``event_id`` already stored is an error (``StoreError``). Actors
        and places already stored are kept as they are.
        """
        now = datetime.now(UTC).replace(tzinfo=None)
        params = {t: bulk.bulk_params(t, pipeline_version=pipeline_version, now=now) for t in bulk.TABLES}
        parts = bulk.chunks(merged_events, BULK_CHUNK, first=FIRST_CHUNK)
        with (
            self._lock,
            self._threads(BULK_THREADS),
            self._transaction(),
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="sitrep-arrow") as pool,
        ):
            # Python builds the next chunk's Arrow columns while DuckDB, which releases
            # the GIL, inserts this one: the two halves of the work overlap on two cores.
            upcoming = [pool.submit(bulk.record_table, part) for part in parts[:1]]
            for following in [*parts[1:], None]:
                table = upcoming.pop().result()
                if following is not None:
                    upcoming.append(pool.submit(bulk.record_table, following))
                self._insert_chunk(table, params)
        return len(merged_events)

    @contextlib.contextmanager
    def _threads(self, threads: int) -> Iterator[None]:
        """DuckDB's worker threads set to ``threads`` for the block, then as they were."""
        (before,) = self._con.execute("SELECT current_setting('threads')").fetchone() or (threads,)
        self._con.execute(f"SET threads = {int(threads)}")
        try:
            yield
        finally:
            self._con.execute(f"SET threads = {int(before)}")

    def _insert_chunk(self, table: pa.Table, params: dict[str, list[Any]]) -> None:
        self._con.register("sitrep_bulk", table)
        try:
            for name in bulk.TABLES:
                sql = f"INSERT INTO {name} ({', '.join(column_names(name))}) "
                sql += bulk.select_sql(name, source="sitrep_bulk")
                if name in bulk.SHARED_TABLES:
                    sql += " ON CONFLICT DO NOTHING"
                self._con.execute(sql, params[name])
        except BaseException:
            # The failed statement aborted the transaction, so unregistering fails too:
            # that must not hide why the write failed.
            with contextlib.suppress(duckdb.Error):
                self._con.unregister("sitrep_bulk")
            raise
        self._con.unregister("sitrep_bulk")

    def close(self) -> None:
        with self._lock:
            self._con.close()
