"""The shared backend: PostgreSQL at a ``postgresql://`` URL, same schema as DuckDB.

Statements are the portable ones of ``base.py`` with ``?`` turned into psycopg's
``%s``; the bulk path builds rows in an in-memory DuckDB and sends them with COPY.
"""

from __future__ import annotations

import contextlib
import io
import threading
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

import duckdb
import pandas as pd
import psycopg
import pyarrow.csv as pacsv

from sitrep.errors import StoreError
from sitrep.models import MergedEvent
from sitrep.store import bulk
from sitrep.store.base import SqlStore
from sitrep.store.filters import normalise_frame
from sitrep.store.schema import DIALECTS, column_names

BULK_CHUNK = 200_000


def _pg(sql: str) -> str:
    # Only placeholders use '?' in sitrep's SQL; user text always travels as a parameter.
    return sql.replace("?", "%s")


class PostgresStore(SqlStore):
    dialect = DIALECTS["postgres"]

    def __init__(self, url: str) -> None:
        self.url = url
        self._lock = threading.RLock()
        try:
            self._con = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL at {_redact(url)}: {exc}") from exc
        try:
            self._check_schema(create=True)
        except BaseException:
            self._con.close()
            raise

    def __repr__(self) -> str:
        return f"PostgresStore({_redact(self.url)!r})"

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._con.execute(_pg(sql), list(params) or None)

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self._con.cursor() as cur:
                cur.executemany(_pg(sql), [list(r) for r in rows])

    def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._con.execute(_pg(sql), list(params) or None).fetchall()
        except psycopg.Error as exc:
            raise StoreError(f"query failed: {exc}") from exc

    def _frame(self, sql: str, params: Sequence[Any]) -> pd.DataFrame:
        try:
            with self._con.cursor() as cur:
                cur.execute(_pg(sql), list(params) or None)
                names = [d.name for d in cur.description or ()]
                rows = cur.fetchall()
        except psycopg.Error as exc:
            raise StoreError(f"query failed: {exc}") from exc
        return normalise_frame(pd.DataFrame.from_records(rows, columns=names))

    def _iter_rows(self, sql: str, params: Sequence[Any]) -> Iterator[tuple[Any, ...]]:
        # Fetched whole under the lock: a server-side cursor would hold the one shared
        # connection (and its transaction) open across the caller's loop.
        with self._lock:
            rows = self._fetchall(sql, params)
        yield from rows

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._lock:
            try:
                with self._con.transaction():
                    yield
            except psycopg.Error as exc:
                raise StoreError(f"write rolled back: {exc}") from exc

    def bulk_insert(self, merged_events: Sequence[MergedEvent], *, pipeline_version: str) -> int:
        """As ``DuckDBStore.bulk_insert``: rows built by DuckDB in memory, then COPY, all or nothing."""
        now = datetime.now(UTC).replace(tzinfo=None)
        scratch = duckdb.connect()
        try:
            with self._transaction(), _built_in_duckdb():
                for chunk in bulk.chunks(merged_events, BULK_CHUNK):
                    scratch.register("sitrep_bulk", bulk.record_table(chunk))
                    for table in bulk.TABLES:
                        params = bulk.bulk_params(table, pipeline_version=pipeline_version, now=now)
                        rows = scratch.sql(bulk.select_sql(table, source="sitrep_bulk"), params=params).to_arrow_table()
                        if table in bulk.SHARED_TABLES:
                            self._copy_new(table, rows)
                        else:
                            self._copy(table, rows)
                    scratch.unregister("sitrep_bulk")
        finally:
            scratch.close()
        return len(merged_events)

    def _copy_new(self, table: str, rows: Any) -> None:
        """COPY rows whose key may already be stored: through a scratch table, keeping the stored ones."""
        scratch = f"sitrep_new_{table}"
        self._con.execute(f"CREATE TEMP TABLE IF NOT EXISTS {scratch} (LIKE {table})")
        self._copy(table, rows, into=scratch)
        cols = ", ".join(column_names(table))
        self._con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {scratch} ON CONFLICT DO NOTHING")
        self._con.execute(f"TRUNCATE {scratch}")

    def _copy(self, table: str, rows: Any, *, into: str | None = None) -> None:
        cols = column_names(table)
        buffer = io.BytesIO()
        # Arrow quotes every string and leaves nulls bare: COPY's CSV reads "" as an
        # empty string and a bare empty field as NULL, so both survive.
        pacsv.write_csv(rows.rename_columns(list(cols)), buffer, pacsv.WriteOptions(include_header=False))
        with (
            self._con.cursor() as cur,
            cur.copy(f"COPY {into or table} ({', '.join(cols)}) FROM STDIN WITH (FORMAT csv)") as copy,
        ):
            copy.write(buffer.getbuffer())

    def close(self) -> None:
        with self._lock:
            self._con.close()


@contextlib.contextmanager
def _built_in_duckdb() -> Iterator[None]:
    """A record the bulk SQL refuses (say, one listing an article twice) is a StoreError,
    raised inside the PostgreSQL transaction so that nothing is written."""
    try:
        yield
    except duckdb.Error as exc:
        raise StoreError(f"bulk rows refused: {exc}") from exc


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    scheme, sep, rest = url.partition("://")
    if "@" not in rest:
        return url
    creds, _, host = rest.rpartition("@")
    user = creds.split(":", 1)[0]
    return f"{scheme}{sep}{user}:***@{host}"
