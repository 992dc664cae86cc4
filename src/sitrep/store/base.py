"""The ``EventStore`` protocol and the logic both SQL backends share.

A backend supplies a connection, a transaction and a bulk path; adding articles,
finding merge candidates and querying are written once here, in portable SQL.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from importlib import metadata
from typing import TYPE_CHECKING, Any, Protocol, Self, Unpack, runtime_checkable

import pandas as pd

from sitrep.errors import StoreError
from sitrep.models import Article, Event, MergedEvent
from sitrep.store import codec, sketches
from sitrep.store.filters import FRAME_COLUMNS, FilterArgs, Filters, haversine_km
from sitrep.store.schema import SCHEMA_VERSION, TABLES, Dialect, column_names, create_statements

if TYPE_CHECKING:
    from sitrep.ingest.dedup import MinHasher, NearDuplicateIndex

Resolver = Callable[[Event, Article, list[MergedEvent]], MergedEvent]
"""Given a new per-article event, its article and the candidate merged events, the merged
event it belongs to after folding it in: an updated candidate (same ``event_id``) or a new one."""

CANDIDATE_DAYS = 1
CANDIDATE_KM = 50.0


@dataclass(frozen=True)
class AddResult:
    """What ``EventStore.add`` did with one article."""

    article_id: str
    skipped: bool  # the article was already stored, so nothing was written
    new_event_ids: tuple[str, ...] = ()
    merged_event_ids: tuple[str, ...] = ()  # existing events a mention of this article joined


@runtime_checkable
class EventStore(Protocol):
    """An event database: articles, their event mentions, merged events, sources, claims."""

    def add(
        self,
        article: Article,
        events: Sequence[Event],
        *,
        resolver: Resolver,
        pipeline_version: str,
        near_duplicate_of: str | None = None,
        near_duplicates: NearDuplicateIndex | None = None,
    ) -> AddResult: ...

    def near_duplicate_of(self, article: Article, index: NearDuplicateIndex | None = None) -> str | None: ...

    def candidates(self, event: Event) -> list[MergedEvent]: ...

    def bulk_insert(self, merged_events: Sequence[MergedEvent], *, pipeline_version: str) -> int: ...

    def events(self, **filters: Unpack[FilterArgs]) -> pd.DataFrame: ...

    def iter_events(self, **filters: Unpack[FilterArgs]) -> Iterator[MergedEvent]: ...

    def count(self, table: str) -> int: ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc_info: object) -> None: ...


def _insert_sql(table: str) -> str:
    cols = column_names(table)
    return f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"


def _insert_new_sql(table: str) -> str:
    """Insert unless the key is already stored (actors, places: first writer names them)."""
    return f"{_insert_sql(table)} ON CONFLICT DO NOTHING"


def _upsert_sql(table: str, key: str) -> str:
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in column_names(table) if c != key)
    return f"{_insert_sql(table)} ON CONFLICT ({key}) DO UPDATE SET {updates}"


def _period(day: date, precision: str | None) -> tuple[date, date]:
    """First and last day a date of this precision stands for (dates are their period's start)."""
    if precision == "week":
        return day, day + timedelta(days=6)
    if precision == "month":
        following = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        return day, following - timedelta(days=1)
    if precision == "year":
        return day, date(day.year, 12, 31)
    return day, day


class SqlStore:
    """Shared implementation; subclasses provide the connection-level primitives below."""

    dialect: Dialect
    _lock: threading.RLock
    _hasher: MinHasher | None = None

    # -- backend primitives -------------------------------------------------------------
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        raise NotImplementedError

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def _frame(self, sql: str, params: Sequence[Any]) -> pd.DataFrame:
        raise NotImplementedError

    def _iter_rows(self, sql: str, params: Sequence[Any]) -> Iterator[tuple[Any, ...]]:
        raise NotImplementedError

    def _transaction(self) -> contextlib.AbstractContextManager[None]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    # -- shared -------------------------------------------------------------------------
    def _schema_version(self) -> int | None:
        """The stored schema version: None for an empty database, 1 for one written before versions."""
        found = {
            row[0]
            for row in self._fetchall(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema() AND table_name IN ('events', 'schema_version')"
            )
        }
        if "schema_version" in found:
            rows = self._fetchall("SELECT MAX(version) FROM schema_version")
            return int(rows[0][0]) if rows and rows[0][0] is not None else None
        return 1 if "events" in found else None

    def _check_schema(self, *, create: bool) -> None:
        """Refuse a database of another schema version; create the schema in an empty one."""
        version = self._schema_version()
        if version is not None and version != SCHEMA_VERSION:
            advice = (
                "upgrade sitrep to read it"
                if version > SCHEMA_VERSION
                else "export its events with the sitrep that wrote it, or re-ingest into a new database"
            )
            raise StoreError(
                f"{self!r} holds event database schema version {version}; this sitrep reads version "
                f"{SCHEMA_VERSION} only: {advice}"
            )
        if not create:
            return
        with self._transaction():
            for statement in create_statements(self.dialect):
                self._execute(statement)
            if version is None:
                self._execute(
                    "INSERT INTO schema_version (version, written_by) VALUES (?, ?)",
                    (SCHEMA_VERSION, _sitrep_version()),
                )

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def count(self, table: str) -> int:
        if table not in TABLES:
            raise ValueError(f"no table {table!r}")
        with self._lock:
            return int(self._fetchall(f"SELECT COUNT(*) FROM {table}")[0][0])

    def has_article(self, article_id: str) -> bool:
        with self._lock:
            return bool(self._fetchall("SELECT 1 FROM articles WHERE article_id = ?", (article_id,)))

    def candidates(self, event: Event, *, days: int = CANDIDATE_DAYS, km: float = CANDIDATE_KM) -> list[MergedEvent]:
        """Merged events this mention may belong to.

        Same ACLED event type or PLOVER event, dated within ``days`` of the period the
        mention's date covers (a week-, month- or year-precision date spans its period),
        in the same country (any country when the mention has none), and within ``km``
        when both have coordinates. An undated mention has none: a date is the least a
        merge needs. The resolver makes the final call.
        """
        day = codec.parse_day(event.event_date)
        if day is None:
            return []
        plover = event.plover.event if event.plover else None
        loc = event.location
        country = loc.country if loc else None
        sql = (
            f"SELECT {', '.join(codec.RECORD_COLUMNS)} FROM events WHERE event_date BETWEEN ? AND ? "
            "AND (event_type = ? OR plover_event = ?)"
            + (" AND country = ?" if country is not None else "")
            + " ORDER BY event_id"
        )
        first, last = _period(day, event.date_precision)
        params: list[Any] = [first - timedelta(days=days), last + timedelta(days=days), event.event_type, plover]
        if country is not None:
            params.append(country)
        with self._lock:
            rows = self._fetchall(sql, params)
        here = (loc.lat, loc.lon) if loc and loc.lat is not None and loc.lon is not None else None
        lat_at, lon_at = codec.RECORD_COLUMNS.index("lat"), codec.RECORD_COLUMNS.index("lon")
        return [
            codec.merged_from_row(row)
            for row in rows
            if here is None
            or row[lat_at] is None
            or row[lon_at] is None
            or haversine_km(here[0], here[1], row[lat_at], row[lon_at]) <= km
        ]

    def add(
        self,
        article: Article,
        events: Sequence[Event],
        *,
        resolver: Resolver,
        pipeline_version: str,
        near_duplicate_of: str | None = None,
        near_duplicates: NearDuplicateIndex | None = None,
    ) -> AddResult:
        """Store an article and fold each of its events into the database, in one transaction.

        An article already stored (same id) is skipped whole, so re-ingesting changes
        nothing. If anything raises, the resolver included, nothing of this article is kept.
        The article's MinHash sketch is stored with it; given ``near_duplicates`` (for its
        thresholds) and no ``near_duplicate_of``, the earlier stored article it copies is
        looked up among all stored sketches, from this run or any before.
        """
        now = datetime.now(UTC).replace(tzinfo=None)
        new_ids: list[str] = []
        merged_ids: list[str] = []
        with self._lock, self._transaction():
            if self._fetchall("SELECT 1 FROM articles WHERE article_id = ?", (article.id,)):
                return AddResult(article_id=article.id, skipped=True)
            sketch = sketches.sketch(article, self._sketcher())
            if near_duplicate_of is None and near_duplicates is not None:
                near_duplicate_of = self._match_sketch(sketch, near_duplicates)
            row = codec.article_row(
                article, near_duplicate_of=near_duplicate_of, pipeline_version=pipeline_version, now=now
            )
            self._execute(_insert_sql("articles"), row)
            self._execute(_insert_sql("article_sketches"), sketch.row())
            # One statement for all bands: 64 single-row inserts cost DuckDB ~20 ms.
            self._execute(
                "INSERT INTO sketch_buckets (bucket, article_id) SELECT UNNEST(CAST(? AS BIGINT[])), ?",
                (sketch.buckets(), article.id),
            )
            for event in events:
                candidates = self.candidates(event)
                merged = resolver(event, article, candidates)
                merged_id = merged.event.event_id
                known = {c.event.event_id for c in candidates}
                (merged_ids if merged_id in known else new_ids).append(merged_id)
                self._write_mention(article, event, merged, pipeline_version=pipeline_version, now=now)
        return AddResult(
            article_id=article.id,
            skipped=False,
            new_event_ids=tuple(dict.fromkeys(new_ids)),
            merged_event_ids=tuple(dict.fromkeys(merged_ids)),
        )

    def _write_mention(
        self, article: Article, event: Event, merged: MergedEvent, *, pipeline_version: str, now: datetime
    ) -> None:
        merged_id = merged.event.event_id
        published = article.published.isoformat() if isinstance(article.published, date) else None
        current = (merged_id, article.id, article.outlet, article.url, published, event.fatalities, event.injured)
        sources = codec.source_rows(merged, current=current)
        row = codec.event_row(merged, n_sources=len(sources), pipeline_version=pipeline_version, now=now)
        self._execute(_upsert_sql("events", "event_id"), row)
        e = merged.event
        for actor in (e.actor1, e.actor2):
            if actor is not None:
                self._execute(_insert_new_sql("actors"), codec.actor_row(actor))
        if e.location is not None:
            self._execute(_insert_new_sql("places"), codec.place_row(e.location))
        # Sources follow the merged record, which the resolver may have rewritten whole.
        self._execute("DELETE FROM sources WHERE event_id = ?", (merged_id,))
        self._executemany(_insert_sql("sources"), sources)
        claims = codec.claim_rows(event, merged_id=merged_id)
        if claims:
            self._executemany(_insert_sql("claims"), claims)
        mention = codec.mention_row(event, merged_id=merged_id, pipeline_version=pipeline_version)
        self._execute(_upsert_sql("mentions", "mention_id"), mention)

    def events(self, **filters: Unpack[FilterArgs]) -> pd.DataFrame:
        """Merged events matching ``filters`` as a DataFrame, one row per event (no JSON column)."""
        sql, params = Filters(**filters).select(", ".join(FRAME_COLUMNS))
        with self._lock:
            return self._frame(sql, params)

    def iter_events(self, **filters: Unpack[FilterArgs]) -> Iterator[MergedEvent]:
        """Merged events matching ``filters``, in date order, rebuilt from their rows."""
        sql, params = Filters(**filters).select(", ".join(codec.RECORD_COLUMNS))
        for row in self._iter_rows(sql, params):
            yield codec.merged_from_row(row)

    # -- near-duplicate articles across runs ----------------------------------------------
    def _sketcher(self) -> MinHasher:
        # Built on first use (numpy tables), then kept: one per store, never shared.
        if self._hasher is None:
            self._hasher = sketches.new_hasher()
        return self._hasher

    def _match_sketch(self, sketch: sketches.Sketch, index: NearDuplicateIndex) -> str | None:
        exact = self._fetchall(sketches.EXACT_SQL, (sketch.text_key, sketch.article_id))
        if exact:
            return str(exact[0][0])
        buckets = sketch.buckets()
        if not buckets:
            return None
        rows = self._fetchall(sketches.candidates_sql(len(buckets)), (*buckets, sketch.article_id))
        return sketches.best_match(sketch, rows, index)

    def near_duplicate_of(self, article: Article, index: NearDuplicateIndex | None = None) -> str | None:
        """The stored article (from any run) that ``article`` copies, by ``index``'s thresholds
        (``NearDuplicateIndex()``'s defaults if none); ``None`` if there is none. Writes nothing."""
        if index is None:
            from sitrep.ingest.dedup import NearDuplicateIndex

            index = NearDuplicateIndex()
        sketch = sketches.sketch(article, self._sketcher())
        with self._lock:
            return self._match_sketch(sketch, index)


def _sitrep_version() -> str | None:
    try:
        return metadata.version("sitrep")
    except metadata.PackageNotFoundError:
        return None
