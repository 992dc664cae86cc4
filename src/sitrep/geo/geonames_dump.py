"""Extend the gazetteer from a full GeoNames dump (``allCountries.zip``, ``cities1000.zip``,
a country's ``XX.zip``, or the unzipped ``.txt``), for users who have one.

The packaged build knows towns of 500 people or more. Conflict reporting names villages,
camps and airstrips far smaller than that ("Ahmadbayli", "Zamzam camp"), and the packages
give divisions a computed point rather than GeoNames' own. A dump fixes both:

* divisions the packaged build already has (matched by GeoNames id) take the dump's point;
* populated places (class ``P``), first- and second-level divisions and a short list of
  named features news writes about (airports, refugee camps, islands, regions, ports) that
  the packaged build lacks are added, with admin1/admin2 names looked up from the dump's own
  ``ADM1``/``ADM2`` rows.

The dump is read twice, streaming (about 13 million lines for ``allCountries``): first
for the divisions, then for the places. Nothing is held per line beyond what is kept.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from sitrep.errors import InputError
from sitrep.extract.types import GazEntry
from sitrep.geo.names import is_latin

# GeoNames feature codes kept besides populated places, as sitrep's gazetteer feature.
DIVISION_CODES: Mapping[str, str] = {"ADM1": "admin1", "ADM2": "admin2"}
NAMED_FEATURE_CODES = frozenset({
    "AIRP", "AIRB", "AIRF",  # airports, air bases, airfields
    "CMPRF", "CMP",  # refugee and other camps
    "ISL", "ISLS",  # islands
    "RGN", "AREA",  # named regions and areas
    "PRT",  # ports
})  # fmt: skip
_COLUMNS = 19  # geonameid, name, asciiname, alternatenames, lat, lon, class, code, country, ... (GeoNames readme)


@dataclass(frozen=True)
class DumpRecord:
    """The columns of one dump line sitrep uses."""

    geonameid: int
    name: str
    alternates: tuple[str, ...]
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country: str  # ISO 3166-1 alpha-2, as in the dump
    admin1_code: str
    admin2_code: str
    population: int


@dataclass
class Divisions:
    """Names and points of the dump's ADM1/ADM2 rows, keyed by their codes and ids."""

    admin1: dict[tuple[str, str], str] = field(default_factory=dict)  # (country, admin1 code) -> name
    admin2: dict[tuple[str, str, str], str] = field(default_factory=dict)
    points: dict[int, tuple[float, float]] = field(default_factory=dict)  # geonameid -> (lat, lon)

    def names_for(self, record: DumpRecord) -> tuple[str | None, str | None]:
        one = self.admin1.get((record.country, record.admin1_code))
        two = self.admin2.get((record.country, record.admin1_code, record.admin2_code))
        return one, two


@contextmanager
def _open_text(path: Path) -> Iterator[IO[str]]:
    """The dump's text: the one ``.txt`` member of a zip (not its readme), or the file itself."""
    if not path.exists():
        raise InputError(f"GeoNames dump {path}", "does not exist")
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [n for n in archive.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
            if len(members) != 1:
                raise InputError(f"GeoNames dump {path}", f"expected one .txt member, found {members or 'none'}")
            with archive.open(members[0]) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
    else:
        with path.open(encoding="utf-8", newline="\n") as fh:
            yield fh


def parse_line(line: str, *, where: str) -> DumpRecord:
    """One tab-separated dump line; ``InputError`` naming ``where`` when it is malformed."""
    cols = line.rstrip("\n").split("\t")
    if len(cols) < _COLUMNS - 4:  # trailing columns (elevation, timezone, date) may be cut off
        raise InputError(where, f"{len(cols)} columns, a GeoNames dump line has {_COLUMNS}")
    try:
        return DumpRecord(
            geonameid=int(cols[0]), name=cols[1], alternates=tuple(a for a in cols[3].split(",") if a),
            lat=float(cols[4]), lon=float(cols[5]), feature_class=cols[6], feature_code=cols[7], country=cols[8],
            admin1_code=cols[10], admin2_code=cols[11], population=int(cols[14] or 0),
        )  # fmt: skip
    except ValueError as exc:
        raise InputError(where, str(exc)) from exc


def read_dump(path: Path, *, classes: frozenset[str] | None = None) -> Iterator[DumpRecord]:
    """The records of the dump in file order; only feature ``classes`` when given (a cheap
    test before parsing, which matters over 13 million lines)."""
    with _open_text(path) as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip() or line.startswith("#"):
                continue
            if classes is not None:
                head = line.split("\t", 7)
                if len(head) > 7 and head[6] not in classes:  # a short line falls through to its error
                    continue
            yield parse_line(line, where=f"{path.name} line {number}")


def read_divisions(records: Iterable[DumpRecord]) -> Divisions:
    out = Divisions()
    for r in records:
        if r.feature_class != "A" or r.feature_code not in DIVISION_CODES:
            continue
        out.points[r.geonameid] = (r.lat, r.lon)
        if r.feature_code == "ADM1":
            out.admin1[(r.country, r.admin1_code)] = r.name
        else:
            out.admin2[(r.country, r.admin1_code, r.admin2_code)] = r.name
    return out


def gazetteer_feature(record: DumpRecord) -> str | None:
    """sitrep's feature for a dump record, or ``None`` when the record is not kept."""
    if record.feature_class == "P":
        return "city"
    if record.feature_class == "A":
        return DIVISION_CODES.get(record.feature_code)
    return "other" if record.feature_code in NAMED_FEATURE_CODES else None


def alternate_names(record: DumpRecord) -> set[str]:
    """Names written like names: Latin script, capitalised, not a short code ("BAK")."""
    names = {record.name, *(a for a in record.alternates if a[:1].isupper() and not (a.isupper() and len(a) <= 4))}
    return {n for n in names if n and is_latin(n)}


def dump_entry(record: DumpRecord, divisions: Divisions, iso3_of: Mapping[str, str]) -> GazEntry | None:
    feature = gazetteer_feature(record)
    if feature is None:
        return None
    admin1, admin2 = divisions.names_for(record)
    return GazEntry(
        geonameid=record.geonameid, name=record.name, lat=record.lat, lon=record.lon,
        country=iso3_of.get(record.country), feature=feature,
        admin1=admin1 if feature != "admin1" else None, admin2=admin2 if feature == "city" else None,
        population=record.population, source="geonames dump",
    )  # fmt: skip


def extend_with_dump(
    rows: Iterable[tuple[GazEntry, set[str]]], dump: Path, *, iso3_of: Mapping[str, str]
) -> Iterator[tuple[GazEntry, set[str]]]:
    """The packaged rows (divisions moved to the dump's points), then what only the dump has."""
    divisions = read_divisions(read_dump(dump, classes=frozenset("A")))
    seen: set[int] = set()
    for entry, names in rows:
        if entry.geonameid is not None:
            seen.add(entry.geonameid)
            point = divisions.points.get(entry.geonameid) if entry.feature in {"admin1", "admin2"} else None
            if point is not None:
                entry = dataclasses.replace(entry, lat=point[0], lon=point[1])
        yield entry, names
    for record in read_dump(dump, classes=frozenset("APSTL")):  # not H (water), R (roads), U, V
        if record.geonameid in seen:
            continue
        new = dump_entry(record, divisions, iso3_of)
        if new is not None:
            seen.add(record.geonameid)
            yield new, alternate_names(record)
