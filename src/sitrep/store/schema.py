"""The event database's schema, one definition for DuckDB and PostgreSQL.

Tables are declared once as (column, portable type) lists; the only dialect differences
(the JSON column type and which secondary indexes are worth having) live in ``DIALECTS``.
"""

from __future__ import annotations

from dataclasses import dataclass

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

EVENTS: tuple[tuple[str, str], ...] = (
    ("event_id", "TEXT PRIMARY KEY"),
    ("event_date", "DATE"),
    ("date_precision", "TEXT"),
    ("historical", "BOOLEAN"),
    ("event_type", "TEXT"),
    ("sub_event_type", "TEXT"),
    ("disorder_type", "TEXT"),
    ("plover_event", "TEXT"),
    ("plover_mode", "TEXT"),
    ("actor1_name", "TEXT"),
    ("actor1_country", "TEXT"),
    ("actor1_sector", "TEXT"),
    ("actor1_inter", "INTEGER"),
    ("actor2_name", "TEXT"),
    ("actor2_country", "TEXT"),
    ("actor2_sector", "TEXT"),
    ("actor2_inter", "INTEGER"),
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
    ("record", "JSON"),  # MergedEvent.to_dict(): the source of truth for iter_events()
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

TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": ARTICLES,
    "mentions": MENTIONS,
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
    ("sources_event", "sources", "event_id"),
    ("sources_article", "sources", "article_id"),
    ("claims_event", "claims", "event_id"),
    ("mentions_article", "mentions", "article_id"),
    ("mentions_event", "mentions", "event_id"),
)


@dataclass(frozen=True)
class Dialect:
    name: str
    json_type: str
    # DuckDB's min/max zonemaps already prune range scans and its ART indexes slow
    # bulk appends several-fold, so it keeps only the join-key indexes.
    indexes: tuple[tuple[str, str, str], ...]


DIALECTS: dict[str, Dialect] = {
    "duckdb": Dialect(
        name="duckdb",
        json_type="JSON",
        indexes=tuple(ix for ix in INDEXES if ix[1] != "events"),
    ),
    "postgres": Dialect(name="postgres", json_type="JSONB", indexes=INDEXES),
}


def column_names(table: str) -> tuple[str, ...]:
    return tuple(name for name, _ in TABLES[table])


def create_statements(dialect: Dialect) -> list[str]:
    """``CREATE TABLE/INDEX IF NOT EXISTS`` statements, safe to run on every open."""
    statements = []
    for table, columns in TABLES.items():
        body = ",\n  ".join(f"{name} {kind.replace('JSON', dialect.json_type)}" for name, kind in columns)
        extra = ""
        if table == "sources":
            extra = ",\n  PRIMARY KEY (event_id, article_id)"
        statements.append(f"CREATE TABLE IF NOT EXISTS {table} (\n  {body}{extra}\n)")
    for name, table, indexed in dialect.indexes:
        statements.append(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({indexed})")
    return statements
