"""The event database's schema, one definition for DuckDB and PostgreSQL.

Tables are declared once as (column, portable type) lists; the only dialect differences
(the JSON column type, how it is compressed, and which secondary indexes are worth
having) live in ``DIALECTS``.

An event row holds the merged record's flat fields as columns, ACLED-style, so filters
and DataFrames need no join; the actor and place columns are denormalised copies of the
``actors`` and ``places`` rows their ids point to. Only what has no column (lists of
sources, claims, evidence and reports; spans as written) goes into the ``detail`` JSON,
so a record is never stored twice. ``codec.merged_from_row`` rebuilds it exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION = 3
"""Bump whenever a table, column or key changes; ``SqlStore`` refuses other versions.
Version 1 (no ``schema_version`` table) kept a full JSON copy of each record in ``events.record``;
version 2 had DuckDB keep ``PRIMARY KEY (event_id, article_id)`` on ``sources``."""

ARTICLES: tuple[tuple[str, str], ...] = (
    ("article_id", "TEXT PRIMARY KEY"),  # the article's content-hash id
    ("title", "TEXT"),
    ("url", "TEXT"),
    ("outlet", "TEXT"),
    ("published", "DATE"),
    ("language", "TEXT"),
    ("text", "TEXT"),
    ("text_hash", "TEXT"),
    ("near_duplicate_of", "TEXT"),
    ("pipeline_version", "TEXT"),
    ("ingested_at", "TIMESTAMP"),
)

# MinHash sketches of stored articles, so that a later run still finds the earlier
# copy of a syndicated story (``sketches.py``).
ARTICLE_SKETCHES: tuple[tuple[str, str], ...] = (
    ("article_id", "TEXT PRIMARY KEY"),
    ("text_key", "TEXT NOT NULL"),  # hash of the normalised text: exact copies
    ("shingles", "INTEGER NOT NULL"),  # distinct shingles, for containment
    ("signature", "BLOB NOT NULL"),  # num_perm little-endian uint32 MinHash values
)

SKETCH_BUCKETS: tuple[tuple[str, str], ...] = (
    ("bucket", "BIGINT NOT NULL"),  # hash of (band number, band values): the LSH bucket
    ("article_id", "TEXT NOT NULL"),
)

MENTIONS: tuple[tuple[str, str], ...] = (
    ("mention_id", "TEXT PRIMARY KEY"),  # the per-article Event.event_id
    ("article_id", "TEXT NOT NULL"),
    ("event_id", "TEXT NOT NULL"),  # the merged event it was folded into
    ("event_date", "DATE"),
    ("event_type", "TEXT"),
    ("plover_event", "TEXT"),
    ("country", "TEXT"),
    ("lat", "DOUBLE PRECISION"),
    ("lon", "DOUBLE PRECISION"),
    ("fatalities", "INTEGER"),
    ("injured", "INTEGER"),
    ("record", "JSON"),  # Event.to_dict() as the article reported it
    ("pipeline_version", "TEXT"),
)

ACTORS: tuple[tuple[str, str], ...] = (
    ("actor_id", "TEXT PRIMARY KEY"),  # codec.actor_id(name, country, sector, inter)
    ("name", "TEXT NOT NULL"),
    ("country", "TEXT"),
    ("sector", "TEXT"),
    ("inter", "INTEGER"),
)

PLACES: tuple[tuple[str, str], ...] = (
    ("place_id", "TEXT PRIMARY KEY"),  # 'g' + geonameid, else a hash of name and coordinates
    ("geonameid", "BIGINT"),
    ("name", "TEXT"),
    ("lat", "DOUBLE PRECISION"),
    ("lon", "DOUBLE PRECISION"),
    ("country", "TEXT"),
    ("admin1", "TEXT"),
    ("admin2", "TEXT"),
)

EVENTS: tuple[tuple[str, str], ...] = (
    ("event_id", "TEXT PRIMARY KEY"),
    ("article_id", "TEXT"),  # the record's own article_id (its first report)
    ("event_date", "DATE"),  # the first day of the period the record's date covers
    ("date_precision", "TEXT"),
    ("historical", "BOOLEAN"),
    ("event_type", "TEXT"),
    ("sub_event_type", "TEXT"),
    ("disorder_type", "TEXT"),
    ("plover_event", "TEXT"),
    ("plover_mode", "TEXT"),
    ("actor1_id", "TEXT"),
    ("actor1_name", "TEXT"),
    ("actor1_country", "TEXT"),
    ("actor1_sector", "TEXT"),
    ("actor1_inter", "INTEGER"),
    ("actor2_id", "TEXT"),
    ("actor2_name", "TEXT"),
    ("actor2_country", "TEXT"),
    ("actor2_sector", "TEXT"),
    ("actor2_inter", "INTEGER"),
    ("place_id", "TEXT"),
    ("location_name", "TEXT"),
    ("geonameid", "BIGINT"),
    ("lat", "DOUBLE PRECISION"),
    ("lon", "DOUBLE PRECISION"),
    ("country", "TEXT"),
    ("admin1", "TEXT"),
    ("admin2", "TEXT"),
    ("geo_precision", "INTEGER"),
    ("fatalities", "INTEGER"),
    ("fatalities_low", "INTEGER"),
    ("fatalities_high", "INTEGER"),
    ("injured", "INTEGER"),
    ("n_sources", "INTEGER"),
    ("confidence", "DOUBLE PRECISION"),
    ("notes", "TEXT"),
    ("detail", "JSON"),  # codec.detail(): the nested parts no column holds
    ("pipeline_version", "TEXT"),
    ("updated_at", "TIMESTAMP"),
)

SOURCES: tuple[tuple[str, str], ...] = (
    ("event_id", "TEXT NOT NULL"),
    ("article_id", "TEXT NOT NULL"),
    ("outlet", "TEXT"),
    ("url", "TEXT"),
    ("published", "TEXT"),  # as the record gives it: a date or an ISO timestamp
    ("fatalities", "INTEGER"),
    ("injured", "INTEGER"),
)

CLAIMS: tuple[tuple[str, str], ...] = (
    ("event_id", "TEXT NOT NULL"),
    ("article_id", "TEXT"),  # null when a bulk-loaded record does not say which report claimed it
    ("name", "TEXT NOT NULL"),
    ("country", "TEXT"),
    ("text", "TEXT"),
)

VERSION: tuple[tuple[str, str], ...] = (
    ("version", "INTEGER NOT NULL"),
    ("written_by", "TEXT"),  # the sitrep version that created the database
)

TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "schema_version": VERSION,
    "articles": ARTICLES,
    "article_sketches": ARTICLE_SKETCHES,
    "sketch_buckets": SKETCH_BUCKETS,
    "mentions": MENTIONS,
    "actors": ACTORS,
    "places": PLACES,
    "events": EVENTS,
    "sources": SOURCES,
    "claims": CLAIMS,
}

# (name, table, columns): one per filter of EventStore.events() and per join key.
INDEXES: tuple[tuple[str, str, str], ...] = (
    ("events_country_date", "events", "country, event_date"),
    ("events_date", "events", "event_date"),
    ("events_type", "events", "event_type, event_date"),
    ("events_plover", "events", "plover_event, event_date"),
    ("events_admin1", "events", "admin1"),
    ("events_latlon", "events", "lat, lon"),
    ("events_fatalities", "events", "fatalities"),
    ("events_sources", "events", "n_sources"),
    ("events_actor1", "events", "actor1_id"),
    ("events_actor2", "events", "actor2_id"),
    ("events_place", "events", "place_id"),
    ("sources_event", "sources", "event_id"),
    ("sources_article", "sources", "article_id"),
    ("claims_event", "claims", "event_id"),
    ("mentions_article", "mentions", "article_id"),
    ("mentions_event", "mentions", "event_id"),
    ("sketch_buckets_bucket", "sketch_buckets", "bucket"),
    ("sketches_text_key", "article_sketches", "text_key"),
)


@dataclass(frozen=True)
class Dialect:
    name: str
    json_type: str
    blob_type: str
    indexes: tuple[tuple[str, str, str], ...]
    sources_key: bool  # declare PRIMARY KEY (event_id, article_id) on sources


# DuckDB's min/max zonemaps already prune range scans and each ART index costs bulk
# appends dearly (per 100,000 events: ~0.1 s CPU for sources_event, ~0.07 s for
# claims_event, against ~1.3 s for the whole insert), so it keeps only the small
# tables' lookup indexes: its hash joins need none, and add()'s per-event DELETE on
# sources scans a column that zonemaps cannot prune but that is fast to scan.
_DUCKDB_INDEXES = tuple(ix for ix in INDEXES if ix[1] not in ("events", "sources", "claims"))

# The same goes for the key on sources: in DuckDB it is an ART over two strings per
# report that doubled the file and cost ~0.3 s CPU per 100,000 events at insert and
# commit. Its rows are unique without it: each event's rows are written together (add()
# replaces them all, one per article; the bulk SQL refuses an event listing an article
# twice) and an event id is written once, which the events key enforces.

DIALECTS: dict[str, Dialect] = {
    # zstd for JSON: each row's text is unique, so DuckDB's default (FSST) compresses
    # it poorly and slowly; zstd checkpoints in about half the time, at a third the size.
    "duckdb": Dialect(
        name="duckdb",
        json_type="JSON USING COMPRESSION zstd",
        blob_type="BLOB",
        indexes=_DUCKDB_INDEXES,
        sources_key=False,
    ),
    "postgres": Dialect(name="postgres", json_type="JSONB", blob_type="BYTEA", indexes=INDEXES, sources_key=True),
}


def column_names(table: str) -> tuple[str, ...]:
    return tuple(name for name, _ in TABLES[table])


def _column_type(kind: str, dialect: Dialect) -> str:
    if kind.startswith("JSON"):
        return dialect.json_type + kind[4:]
    if kind.startswith("BLOB"):
        return dialect.blob_type + kind[4:]
    return kind


def create_statements(dialect: Dialect) -> list[str]:
    """``CREATE TABLE/INDEX IF NOT EXISTS`` statements, safe to run on every open."""
    statements = []
    for table, columns in TABLES.items():
        body = ",\n  ".join(f"{name} {_column_type(kind, dialect)}" for name, kind in columns)
        # Sources are unique per (event, article), declared where the dialect keeps the
        # key; the other tables have a one-column key or none.
        extra = ",\n  PRIMARY KEY (event_id, article_id)" if table == "sources" and dialect.sources_key else ""
        statements.append(f"CREATE TABLE IF NOT EXISTS {table} (\n  {body}{extra}\n)")
    for name, table, indexed in dialect.indexes:
        statements.append(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({indexed})")
    return statements
