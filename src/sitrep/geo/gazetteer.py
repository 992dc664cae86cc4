"""Gazetteer: place names to ``GazEntry`` rows, behind a small protocol.

Two implementations:

* ``SqliteGazetteer``: the real one, a SQLite file built once from GeoNames-derived
  packages (see ``sitrep.geo.build``) into ``sitrep.resources.cache_dir()`` and keyed by
  ``BUILD_VERSION``; opening it is instant and each distinct name is looked up once.
* ``MemoryGazetteer``: built from a list of ``GazEntry`` (unit tests, small custom lists).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

from sitrep.errors import ResourceError
from sitrep.extract.types import GazEntry
from sitrep.geo.names import name_key
from sitrep.resources import cache_dir

# Bump whenever the build (sources, filters, schema) changes: old cache files are ignored.
BUILD_VERSION = "13"
MAX_CANDIDATES = 60

__all__ = [
    "BUILD_VERSION",
    "Gazetteer",
    "MemoryGazetteer",
    "SqliteGazetteer",
    "default_gazetteer_path",
    "load_gazetteer",
    "name_key",
]


@runtime_checkable
class Gazetteer(Protocol):
    """What the geoparser needs from a gazetteer."""

    def candidates(self, name: str) -> list[GazEntry]:
        """Entries a name may refer to, most populous first (empty when unknown)."""
        ...

    def country(self, iso3: str) -> GazEntry | None:
        """The country entry for an ISO 3166-1 alpha-3 code."""
        ...


def _rank(entries: Iterable[GazEntry]) -> list[GazEntry]:
    unique = {(e.geonameid, e.name, e.feature, e.lat, e.lon): e for e in entries}
    return sorted(unique.values(), key=lambda e: (-e.population, e.name))[:MAX_CANDIDATES]


class MemoryGazetteer:
    """A gazetteer held in memory: every entry under its own name plus optional aliases."""

    def __init__(self, entries: Iterable[GazEntry], *, aliases: Mapping[str, Sequence[str]] | None = None) -> None:
        """``aliases`` maps an entry's name to further names it is known by."""
        self._index: dict[str, list[GazEntry]] = {}
        self._countries: dict[str, GazEntry] = {}
        extra = aliases or {}
        for entry in entries:
            for name in (entry.name, *extra.get(entry.name, ())):
                self._index.setdefault(name_key(name), []).append(entry)
            if entry.feature == "country" and entry.country:
                self._countries[entry.country] = entry

    def candidates(self, name: str) -> list[GazEntry]:
        return _rank(self._index.get(name_key(name), ()))

    def country(self, iso3: str) -> GazEntry | None:
        return self._countries.get(iso3)


_COLUMNS = "geonameid, name, lat, lon, country, feature, admin1, admin2, population, source"


def _entry(row: tuple[object, ...]) -> GazEntry:
    geonameid, name, lat, lon, country, feature, admin1, admin2, population, source = row
    return GazEntry(
        geonameid=int(geonameid) if geonameid is not None else None,  # type: ignore[call-overload]
        name=str(name),
        lat=float(lat),  # type: ignore[arg-type]
        lon=float(lon),  # type: ignore[arg-type]
        country=str(country) if country else None,
        feature=str(feature),
        admin1=str(admin1) if admin1 else None,
        admin2=str(admin2) if admin2 else None,
        population=int(population or 0),  # type: ignore[call-overload]
        source=str(source),
    )


class SqliteGazetteer:
    """Read-only gazetteer over a built SQLite file; lookups are memoised per instance."""

    def __init__(self, path: Path, *, memo_size: int = 200_000) -> None:
        if not path.exists():
            raise ResourceError(f"gazetteer file not found: {path}")
        # immutable=1: the file never changes after the build, so SQLite can skip locking.
        self._db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        self._memo: dict[str, list[GazEntry]] = {}
        self._memo_size = memo_size
        self._countries: dict[str, GazEntry] | None = None
        self.path = path

    def candidates(self, name: str) -> list[GazEntry]:
        key = name_key(name)
        found = self._memo.get(key)
        if found is None:
            rows = self._db.execute(
                f"SELECT {_COLUMNS} FROM names JOIN entries ON entries.id = names.entry_id WHERE names.key = ?",
                (key,),
            ).fetchall()
            found = _rank(_entry(row) for row in rows)
            if len(self._memo) >= self._memo_size:
                self._memo.clear()  # a crude bound; lookups are cheap enough to redo
            self._memo[key] = found
        return list(found)

    def country(self, iso3: str) -> GazEntry | None:
        if self._countries is None:
            rows = self._db.execute(f"SELECT {_COLUMNS} FROM entries WHERE feature = 'country'").fetchall()
            self._countries = {e.country: e for e in map(_entry, rows) if e.country}
        return self._countries.get(iso3)

    def close(self) -> None:
        self._db.close()


def default_gazetteer_path() -> Path:
    return cache_dir() / f"gazetteer-v{BUILD_VERSION}.sqlite"


def load_gazetteer(
    *, path: Path | None = None, rebuild: bool = False, geonames: Path | None = None, reuse_dump: bool = True
) -> SqliteGazetteer:
    """Open the gazetteer, building it first when the cache file is missing (slow, once).

    ``geonames``: a GeoNames dump to build from as well (see ``geo.geonames_dump``); giving
    one always rebuilds. Without one, a build reuses the dump an earlier build beside it
    was made from, unless ``reuse_dump`` is false.
    """
    target = path or default_gazetteer_path()
    if rebuild or geonames is not None or not target.exists():
        from sitrep.geo.build import build_gazetteer  # heavy: only imported to build

        build_gazetteer(target, geonames=geonames, reuse_dump=reuse_dump)
    return SqliteGazetteer(target)
