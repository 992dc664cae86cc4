"""Demonyms and adjectives of place ("Russian", "European") mapped to the place they derive from.

A demonym is not a place ("Armenian forces" locates nothing); the geoparser reports them
only when asked to, e.g. to follow GeoWebNews's annotation conventions.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from sitrep.resources import read_tsv

COUNTRY_PREFIX = "iso3:"


def load_demonyms() -> Mapping[str, str]:
    """Demonym -> gazetteer name, or ``"iso3:XXX"`` for a country (packaged tables)."""
    out: dict[str, str] = {}
    for row in read_tsv("countries_demonyms.tsv"):
        for demonym in (row.get("demonyms") or "").split(";"):
            demonym = demonym.strip()
            # "US", "U.S." appear there as adjectives; they are place names proper.
            if demonym and not demonym.replace(".", "").isupper():
                out[demonym] = COUNTRY_PREFIX + row["iso3"]
    for row in read_tsv("region_demonyms.tsv"):
        out[row["demonym"]] = row["place"]
    return MappingProxyType(out)
