"""The bulk path: merged events to Arrow columns, then rows for every table in SQL.

Calling ``MergedEvent.to_dict()`` and ``json.dumps`` per record costs ~60 µs, too slow
for 100,000 events/s. Instead the records are read into Arrow columns named and shaped
exactly like ``to_dict()``'s keys and values; DuckDB then computes the flat event columns,
actor and place ids, the ``detail`` JSON (``to_json``) and the actor, place, source and
claim rows in parallel C++. The PostgreSQL backend runs the same SQL in an in-memory
DuckDB and COPYs the result.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator, Sequence
from datetime import datetime
from itertools import accumulate, chain
from operator import attrgetter
from typing import Any

import pyarrow as pa

from sitrep.models import MergedEvent
from sitrep.store import codec

S, I64, F64 = pa.string(), pa.int64(), pa.float64()
ACTOR = pa.struct([("name", S), ("country", S), ("sector", S), ("inter", I64), ("text", S)])
LOCATION = pa.struct(
    [("name", S), ("geonameid", I64), ("lat", F64), ("lon", F64), ("country", S), ("admin1", S),
     ("admin2", S), ("precision", I64), ("text", S), ("start", I64), ("end", I64)]
)  # fmt: skip
PLOVER = pa.struct([("event", S), ("mode", S), ("context", pa.list_(S))])
CLAIM = pa.struct([("name", S), ("country", S), ("text", S)])
EVIDENCE = pa.struct([("article_id", S), ("start", I64), ("end", I64), ("text", S)])
SOURCE = pa.struct([("article_id", S), ("outlet", S), ("url", S), ("published", S)])
DISPUTE = pa.struct([("about", S), ("parties", pa.list_(S)), ("says", pa.list_(S)), ("article_id", S)])
REPORT = pa.struct(
    [("article_id", S), ("fatalities", I64), ("injured", I64), ("claimed_by", pa.list_(S)), ("outlet", S)]
)

# Scalar fields of Event, in to_dict() order, with the nested ones placed by name below.
RECORD_FIELDS: tuple[tuple[str, pa.DataType], ...] = (
    ("event_id", S), ("article_id", S), ("event_date", S), ("date_precision", S), ("historical", pa.bool_()),
    ("event_type", S), ("sub_event_type", S), ("disorder_type", S), ("plover", PLOVER), ("actor1", ACTOR),
    ("actor2", ACTOR), ("location", LOCATION), ("fatalities", I64), ("injured", I64),
    ("claimed_by", pa.list_(CLAIM)), ("evidence", pa.list_(EVIDENCE)), ("sources", pa.list_(SOURCE)),
    ("confidence", F64), ("notes", S), ("fatalities_low", I64), ("fatalities_high", I64),
    ("fatality_reports", pa.list_(REPORT)), ("mention_ids", pa.list_(S)), ("disputes", pa.list_(DISPUTE)),
)  # fmt: skip
RECORD = pa.schema(list(RECORD_FIELDS))


def _getter(kind: pa.StructType) -> attrgetter:
    return attrgetter(*(kind.field(i).name for i in range(kind.num_fields)))


_ACTOR, _LOCATION, _CLAIM, _EVIDENCE, _SOURCE = map(_getter, (ACTOR, LOCATION, CLAIM, EVIDENCE, SOURCE))
_REPORT, _DISPUTE = _getter(REPORT), _getter(DISPUTE)
_LIST_GETTERS: dict[str, attrgetter | None] = {
    "claimed_by": _CLAIM, "evidence": _EVIDENCE, "sources": _SOURCE, "fatality_reports": _REPORT, "mention_ids": None,
    "disputes": _DISPUTE,
}  # fmt: skip


def _structs(values: Sequence[Any], kind: pa.StructType, getter: attrgetter) -> pa.Array:
    """Optional records as one struct array; ``None`` stays null."""
    present = [v is not None for v in values]
    if all(present):
        return pa.array(list(map(getter, values)), type=kind)
    blank = (None,) * kind.num_fields
    tuples = [getter(v) if v is not None else blank for v in values]
    return pa.array(tuples, type=kind, mask=pa.array([not p for p in present]))


def _lists(lists: Sequence[Sequence[Any]], child: pa.DataType, getter: attrgetter | None = None) -> pa.Array:
    """Tuples of records (or strings) as one list array, flattened in C loops rather than per event."""
    offsets = pa.array([0, *accumulate(map(len, lists))], type=pa.int32())
    flat = list(chain.from_iterable(lists))
    values = pa.array(flat if getter is None else list(map(getter, flat)), type=child)
    return pa.ListArray.from_arrays(offsets, values)


_EVENT_FIELDS = ("event_id", "article_id", "event_date", "date_precision", "historical", "event_type",
                 "sub_event_type", "disorder_type", "plover", "actor1", "actor2", "location", "fatalities",
                 "injured", "claimed_by", "evidence", "sources", "confidence", "notes", "disputes")  # fmt: skip
_EVENT = attrgetter(*_EVENT_FIELDS)
_MERGED = attrgetter("fatalities_low", "fatalities_high", "reports", "mention_ids")
_PLOVER = attrgetter("event", "mode", "context")


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    # Transposing 100,000s of records allocates millions of short-lived tuples; the
    # cyclic collector would rescan every live record each time, doubling the cost.
    # Paused for this call only and restored as it was.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def record_table(batch: Sequence[MergedEvent]) -> pa.Table:
    """One row per merged event, one column per ``to_dict()`` key holding its value.

    Top-level columns rather than one struct column: DuckDB then scans only the
    columns each statement reads (the actor and place statements ran 2-3 times faster)."""
    with _gc_paused():
        return _record_table(batch)


def _record_table(batch: Sequence[MergedEvent]) -> pa.Table:
    # One pass over the objects, then transpose: touching each object once is what
    # keeps this cheap (column-by-column passes were three times slower).
    columns: dict[str, Any] = dict(zip(_EVENT_FIELDS, zip(*[_EVENT(m.event) for m in batch], strict=True), strict=True))
    merged_cols = zip(*map(_MERGED, batch), strict=True)
    columns.update(
        zip(("fatalities_low", "fatalities_high", "fatality_reports", "mention_ids"), merged_cols, strict=True)
    )
    arrays = []
    for name, kind in RECORD_FIELDS:
        values = columns[name]
        if name == "plover":
            arrays.append(_structs(values, PLOVER, _PLOVER))
        elif name in ("actor1", "actor2", "location"):
            arrays.append(_structs(values, kind, _LOCATION if name == "location" else _ACTOR))
        elif name in _LIST_GETTERS:
            arrays.append(_lists(values, kind.value_type, _LIST_GETTERS[name]))
        else:
            arrays.append(pa.array(values, type=kind))
    return pa.Table.from_arrays(arrays, schema=RECORD)


# In write order: a duplicate event id fails the first statement, before any other work.
TABLES = ("events", "actors", "places", "sources", "claims")
SHARED_TABLES = frozenset({"actors", "places"})  # rows other events may already have written


def chunks(items: Sequence[MergedEvent], size: int, *, first: int | None = None) -> list[Sequence[MergedEvent]]:
    """Slices of ``size`` items; the first of ``first`` items when given."""
    head = min(first or size, size)
    rest = [items[start : start + size] for start in range(head, len(items), size)]
    return [items[:head], *rest] if items else []


_DAY = (
    "TRY_CAST(CASE length(rec.event_date) WHEN 4 THEN rec.event_date || '-01-01' "
    "WHEN 7 THEN rec.event_date || '-01' ELSE left(rec.event_date, 10) END AS DATE)"
)  # the first day the date covers, as codec.parse_day


_DETAIL = (
    "to_json({'event_date': rec.event_date, 'plover_context': rec.plover.context, "
    "'actor1_text': rec.actor1.text, 'actor2_text': rec.actor2.text, 'location_text': rec.location.text, "
    "'location_start': rec.location.start, 'location_end': rec.location.\"end\", 'claimed_by': rec.claimed_by, "
    "'evidence': rec.evidence, 'sources': rec.sources, 'fatality_reports': rec.fatality_reports, "
    "'mention_ids': rec.mention_ids, 'disputes': rec.disputes})"
)  # codec.detail(), key for key


def select_sql(table: str, *, source: str) -> str:
    """A SELECT over ``source`` (a relation shaped like ``record_table``'s, read as ``rec``)
    giving ``table``'s columns in order.

    Parameters: ``events`` takes (pipeline_version, updated_at); the others none.
    ``actors`` and ``places`` give each id once; the caller skips ids already stored.
    """
    if table == "events":
        return f"""
SELECT rec.event_id, rec.article_id, {_DAY}, rec.date_precision, rec.historical, rec.event_type,
  rec.sub_event_type, rec.disorder_type, rec.plover.event, rec.plover.mode,
  {codec.actor_id_sql("rec.actor1")}, rec.actor1.name, rec.actor1.country, rec.actor1.sector, rec.actor1.inter,
  {codec.actor_id_sql("rec.actor2")}, rec.actor2.name, rec.actor2.country, rec.actor2.sector, rec.actor2.inter,
  {codec.place_id_sql("rec.location")}, rec.location.name, rec.location.geonameid, rec.location.lat,
  rec.location.lon, rec.location.country, rec.location.admin1, rec.location.admin2, rec.location.precision,
  rec.fatalities, rec.fatalities_low, rec.fatalities_high, rec.injured, len(rec.sources), rec.confidence,
  rec.notes, {_DETAIL}, ?::VARCHAR, ?::TIMESTAMP
FROM {source} AS rec"""
    if table == "actors":
        # Distinct named fields first, so md5 runs once per actor rather than per mention.
        both = " UNION ".join(
            f"SELECT {a}.name AS name, {a}.country AS country, {a}.sector AS sector, {a}.inter AS inter "
            f"FROM {source} AS rec WHERE {a} IS NOT NULL"
            for a in ("rec.actor1", "rec.actor2")
        )
        return f"SELECT {codec.actor_id_sql('a', struct=False)}, name, country, sector, inter FROM ({both}) a"
    if table == "places":
        loc = "rec.location"
        return f"""
SELECT id, first(geonameid), first(name), first(lat), first(lon), first(country), first(admin1), first(admin2)
FROM (SELECT {codec.place_id_sql(loc)} AS id, {loc}.geonameid AS geonameid, {loc}.name AS name, {loc}.lat AS lat,
        {loc}.lon AS lon, {loc}.country AS country, {loc}.admin1 AS admin1, {loc}.admin2 AS admin2
      FROM {source} AS rec WHERE {loc} IS NOT NULL)
GROUP BY id"""
    # Each source takes the toll of the first report from its article; each claim is
    # attributed to every report naming its claimant, else to none. List lambdas per
    # event rather than joins over the unnested lists: half the time, no hash tables.
    # A record listing one article twice among its sources fails the write, as a key on
    # (event_id, article_id) would: DuckDB keeps none (schema.Dialect.sources_key).
    if table == "sources":
        return f"""
SELECT event_id, src.article_id, src.outlet, src.url, src.published, rep.fatalities, rep.injured
FROM (SELECT event_id, src, list_filter(reps, lambda r: r.article_id = src.article_id)[1] AS rep
      FROM (SELECT rec.event_id AS event_id, UNNEST(rec.sources) AS src, rec.fatality_reports AS reps
            FROM {source} AS rec
            WHERE CASE WHEN len(rec.sources) > 1 AND len(list_distinct(list_transform(rec.sources, lambda s:
                         s.article_id))) < list_count(list_transform(rec.sources, lambda s: s.article_id))
                       THEN error('event ' || rec.event_id || ' lists an article twice among its sources')
                       ELSE TRUE END))"""
    if table == "claims":
        return f"""
SELECT event_id, UNNEST(CASE WHEN len(reporters) = 0 THEN [NULL::VARCHAR] ELSE reporters END), cl.name,
  cl.country, cl.text
FROM (SELECT event_id, cl, list_transform(list_filter(reps, lambda r: list_contains(r.claimed_by, cl.name)),
                                          lambda r: r.article_id) AS reporters
      FROM (SELECT rec.event_id AS event_id, UNNEST(rec.claimed_by) AS cl, rec.fatality_reports AS reps
            FROM {source} AS rec))"""
    raise ValueError(f"no bulk rows for table {table!r}")


def bulk_params(table: str, *, pipeline_version: str, now: datetime) -> list[Any]:
    return [pipeline_version, now] if table == "events" else []
