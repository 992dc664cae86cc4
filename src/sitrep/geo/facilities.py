"""Facilities and names the gazetteer lacks: where they lie.

A facility's name ("Percy French Hotel", "Barclays Center", "Royal Street") is found as a run of
capitalised words with a facility head; it lies at the town that qualifies it ("..., Ballyjamesduff",
"... in St. Louis"), the town whose it is ("Brooklyn's ..."), or else at the article's clear focus.
A place name the gazetteer lacks lies at its qualifier or at that focus too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from sitrep.extract.types import GazEntry, ResolvedPlace
from sitrep.geo.cues import DETERMINERS, FACILITY_HEADS, NAME_JOINERS, NAME_PREFIX_WORDS, STREET_HEADS, capitalised
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.names import name_key
from sitrep.geo.recognise import Mention

__all__ = ["FacilityName", "anchor_facilities", "clear_focus", "facility_names", "one_sense_per_name", "place_unknown"]


@dataclass(frozen=True)
class FacilityName:
    """A run of capitalised words headed by a facility noun: tokens [start, end), head at ``head``."""

    start: int
    end: int
    head: int


def facility_names(doc: Doc, gazetteer: Gazetteer) -> list[FacilityName]:
    """Multi-word capitalised names with a facility head the gazetteer does not know as a whole."""
    out: list[FacilityName] = []
    i, n = 0, len(doc)
    while i < n:
        # A stop word opens no name, unless it is a number word: "Third Street", "One World Trade Center".
        if not capitalised(doc[i]) or doc[i].lower_ in DETERMINERS or (doc[i].is_stop and not doc[i].like_num) \
                or doc[i].is_punct or doc[i].text.endswith("-"):
            i += 1
            continue
        j = i + 1
        while j < n and ((capitalised(doc[j]) and not doc[j].is_punct and doc[j].lower_ not in DETERMINERS)
                         or (doc[j].lower_ in NAME_JOINERS and j + 1 < n
                             and (capitalised(doc[j + 1]) or doc[j + 1].lower_ == "the"))):
            if (doc[j].lower_ == "the" and doc[j - 1].lower_ != "of") or doc[j].text.endswith("-"):
                break
            j += 1
        while j > i + 1 and not capitalised(doc[j - 1]):
            j -= 1
        start = i
        for k in range(i + 1, j - 1):
            # "Brooklyn's Barclays Center": the facility is what follows the town's possessive.
            if doc[k].lower_ in {"'s", "’s"} and doc[i].lower_.rstrip(".") not in {"st", "saint"} \
                    and gazetteer.candidates(doc[i:k].text):
                start = k + 1
                break
        heads = [k for k in range(start, j)
                 if doc[k].lower_.rstrip(".") in FACILITY_HEADS and doc[k].text[:1].isupper()]
        if not heads and doc[j - 1].lower_.rstrip(".") in STREET_HEADS and doc[j - 1].text[:1].isupper():
            heads = [j - 1]
        if heads and j - start >= 2 and not (start == heads[0] == j - 1) \
                and not gazetteer.candidates(doc[start:j].text):
            out.append(FacilityName(start, j, heads[0]))
        i = j
    return out


_WIDE_FEATURES = frozenset({"country", "admin1", "region"})
_LOCAL_FEATURES = frozenset({"city", "admin2"})


def anchor_facilities(doc: Doc, mentions: Sequence[Mention], places: list[ResolvedPlace],
                       facilities: Sequence[FacilityName]) -> list[ResolvedPlace]:
    """A place read from inside a facility's name ("Percy French Hotel", "St. Peter's Basilica") is
    not where the facility is: the facility is reported whole, at the place that qualifies it
    ("..., Ballyjamesduff", "... in St. Louis") or else at the article's most named town.
    A place opening the name ("Manila Cathedral", "Florida State University") or after its head
    ("University of Florida") names where it is and is kept."""
    if not facilities:
        return places
    inside: dict[int, FacilityName] = {}
    touched: set[FacilityName] = set()
    for i, m in enumerate(mentions):
        for f in facilities:
            if m.start_tok < f.end and f.start < m.end_tok:
                touched.add(f)
            if f.start <= m.start_tok and m.end_tok <= f.end and (m.start_tok, m.end_tok) != (f.start, f.end):
                inside[i] = f
                break
    bare = [f for f in facilities if f not in touched and _building(doc, f)]
    if not inside and not bare:
        return places
    counts: dict[int, int] = {}
    first: dict[int, GazEntry] = {}
    for i, p in enumerate(places):
        if i in inside or p.kind != "toponym" or p.entry is None or p.entry.feature != "city":
            continue
        key = id(p.entry)
        counts[key] = counts.get(key, 0) + 1
        first.setdefault(key, p.entry)
    focus = first[max(counts, key=lambda k: counts[k])] if counts else None
    focus_town = clear_focus([p for i, p in enumerate(places) if i not in inside])
    countries = {p.entry.country for i, p in enumerate(places) if i not in inside and p.entry is not None}
    by_start = {m.start_tok: i for i, m in enumerate(mentions)}
    replaced: dict[FacilityName, list[int]] = {}
    towns: dict[FacilityName, GazEntry] = {}
    qualifiers: dict[FacilityName, GazEntry] = {}
    for i, f in inside.items():
        m, p = mentions[i], places[i]
        after = doc[m.end_tok].lower_ if m.end_tok < len(doc) else ""
        # Opening the name, or its part after "of", past words such as "Northern" or "Mount".
        lead = m.start_tok
        while lead > f.start and doc[lead - 1].lower_ not in {"of", "the"}:
            lead -= 1
        prefix = m.end_tok <= f.head and all(t.lower_ in NAME_PREFIX_WORDS for t in doc[lead:m.start_tok])
        if after in {"'s", "’s"} and doc[m.start_tok].lower_.rstrip(".") in {"st", "saint"}:
            prefix = False  # "St. Peter's Basilica": a saint, not a town
        after_head = m.start_tok > f.head
        wide = p.kind == "demonym" or (p.entry is not None and p.entry.feature in _WIDE_FEATURES)
        if wide and p.kind == "toponym" and p.entry is not None and p.entry.feature == "admin1" \
                and p.entry.country not in countries:
            # "Northwestern Memorial Hospital" in an article about Chicago: not Zambia's province.
            prefix = after_head = wide = False
        # "University of Nebraska at Omaha" is still Nebraska's; only a comma re-places a wide name.
        qualifier = _facility_qualifier(doc, f, by_start, places, comma_only=wide)
        if (prefix and (wide or qualifier is None)) or (after_head and qualifier is None):
            if prefix and not wide and p.entry is not None and p.entry.feature in _LOCAL_FEATURES:
                towns.setdefault(f, p.entry)  # "London's Heathrow ...": the rest lies there too
            continue
        replaced.setdefault(f, []).append(i)
        if qualifier is not None:
            qualifiers.setdefault(f, qualifier)
    anchors = {f: anchor for f in replaced if (anchor := qualifiers.get(f) or towns.get(f) or focus)}
    # A facility with no place in its name ("Royal Street", "Barclays Center") lies at the town that
    # qualifies it ("..., Dublin", "... in Miami Beach"), the town whose it is ("Brooklyn's ..."),
    # or else at the article's most named town.
    scores = dict.fromkeys(anchors, 0.5)
    for f in bare:
        anchor = _facility_qualifier(doc, f, by_start, places) or _facility_owner(doc, f, mentions, places)
        scores[f] = 0.5 if anchor is not None else 0.3  # placed only by the article's focus: less sure
        anchor = anchor or focus_town
        if anchor is not None:
            anchors[f] = anchor
            replaced[f] = []
    drop = {i for f in anchors for i in replaced[f]}
    if not anchors:
        return places
    out = [p for i, p in enumerate(places) if i not in drop]
    for f, entry in anchors.items():
        idx = replaced[f]
        span = doc[f.start:f.end]
        out.append(ResolvedPlace(start=span.start_char, end=span.end_char, text=span.text, entry=entry,
                                 score=scores[f], is_dateline=any(places[i].is_dateline for i in idx), kind="toponym"))
    return sorted(out, key=lambda p: p.start)


_SURE = 0.5  # a reading at least this confident came from the name's own evidence, not a fallback


def one_sense_per_name(places: list[ResolvedPlace]) -> list[ResolvedPlace]:
    """A name placed only by a fallback (the article's focus, a facility's town) takes the reading
    that the same name got on its own elsewhere in the article ("Mississippi State" once tagged a
    team name and placed at the focus, once resolved to the state)."""
    sure: dict[str, ResolvedPlace] = {}
    for p in places:
        if p.kind == "toponym" and p.entry is not None and p.score >= _SURE:
            key = name_key(p.text)
            if key not in sure or p.score > sure[key].score:
                sure[key] = p
    if not sure:
        return places
    out = []
    for p in places:
        best = sure.get(name_key(p.text)) if p.kind == "toponym" and p.score < _SURE else None
        out.append(p if best is None else replace(p, entry=best.entry, score=_SURE))
    return out


_FOCUS_WEIGHT = 1.5  # summed confidence a town needs to be the article's clear focus


def clear_focus(places: Sequence[ResolvedPlace]) -> GazEntry | None:
    """The article's town, where that is clear: the dateline's when the story names it again (a
    wire bureau the story never mentions, "BAGHDAD –" over a Kirkuk story, is where the reporter
    sat, not where things are), or else the town of the article's main country named most surely
    and more than any other (mentions weighed by confidence)."""
    for p in places:
        if p.is_dateline and p.entry is not None and p.entry.feature in _LOCAL_FEATURES:
            dateline = p.entry
            if any(not q.is_dateline and q.entry is not None and q.entry.geonameid == dateline.geonameid
                   for q in places):  # fmt: skip
                return dateline
    by_country: dict[str, float] = {}
    towns: dict[int, tuple[GazEntry, float]] = {}
    for p in places:
        if p.kind != "toponym" or p.entry is None or not p.entry.country:
            continue
        by_country[p.entry.country] = by_country.get(p.entry.country, 0.0) + p.score
        if p.entry.feature == "city":
            entry, weight = towns.get(id(p.entry), (p.entry, 0.0))
            towns[id(p.entry)] = (entry, weight + p.score)
    if not by_country:
        return None
    country = max(by_country, key=lambda c: by_country[c])
    # Within it, the division the article names most surely: New Orleans' street names in an
    # article naming Louisiana and its towns do not lie in a namesake town of another state.
    by_admin: dict[str, float] = {}
    for p in places:
        if p.kind == "toponym" and p.entry is not None and p.entry.country == country:
            admin = name_key(p.entry.name if p.entry.feature == "admin1" else p.entry.admin1 or "")
            if admin and p.entry.feature in {"admin1", "admin2", "city"}:
                by_admin[admin] = by_admin.get(admin, 0.0) + p.score
    admins = sorted(by_admin.values(), reverse=True)
    main = max(by_admin, key=lambda a: by_admin[a]) if admins and (len(admins) == 1 or admins[0] > admins[1]) else None
    ranked = sorted((t for t in towns.values() if t[0].country == country
                     and (main is None or name_key(t[0].admin1 or "") == main)), key=lambda t: -t[1])
    if ranked and ranked[0][1] >= _FOCUS_WEIGHT and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


# Heads that name bodies as often as buildings ("the Interior Ministry's Internal Troops"): such a
# name is placed only through a place within it.
_BODY_HEADS = frozenset({"ministry", "institute", "club"})


def _building(doc: Doc, f: FacilityName) -> bool:
    """A name that is of a building or ground itself: headed last ("Barclays Center") or by
    "Head of ..." ("Museum of Ice Cream"), and not by a word that often names a body."""
    head = doc[f.head].lower_.rstrip(".")
    if head in _BODY_HEADS:
        return False
    return f.head == f.end - 1 or (f.head == f.start and doc[f.head + 1].lower_ == "of")


def place_unknown(doc: Doc, mentions: Sequence[Mention], places: list[ResolvedPlace]) -> list[ResolvedPlace]:
    """A place name the gazetteer lacks ("Khayelitsha", "Portroe") lies at the town that qualifies
    it ("Rathbeggan, near Dunshaughlin") or else, in an article clearly about one town, at that town.
    Lower-case names (the model's slips: "anesthesia") stay unresolved."""
    unknown = [i for i, p in enumerate(places) if p.entry is None and p.kind == "toponym"
               and p.text[:1].isupper() and not mentions[i].candidates]
    if not unknown:
        return places
    focus = clear_focus(places)
    by_start = {m.start_tok: i for i, m in enumerate(mentions)}
    out = list(places)
    for i in unknown:
        m = mentions[i]
        anchor = _facility_qualifier(doc, FacilityName(m.start_tok, m.end_tok, m.start_tok), by_start, places)
        if anchor is not None or focus is not None:
            p = places[i]
            out[i] = ResolvedPlace(start=p.start, end=p.end, text=p.text, entry=anchor or focus,
                                   score=0.4 if anchor is not None else 0.25, is_dateline=p.is_dateline, kind=p.kind)
    return out


def _facility_owner(doc: Doc, f: FacilityName, mentions: Sequence[Mention],
                     places: Sequence[ResolvedPlace]) -> GazEntry | None:
    """The town named just before a facility, possessive: "Brooklyn's Barclays Center"."""
    if f.start < 2 or doc[f.start - 1].lower_ not in {"'s", "’s"}:
        return None
    for m, p in zip(mentions, places, strict=True):
        if m.end_tok == f.start - 1 and p.kind == "toponym" and p.entry is not None \
                and p.entry.feature in _LOCAL_FEATURES:
            return p.entry
    return None


def _facility_qualifier(doc: Doc, f: FacilityName, by_start: Mapping[int, int],
                        places: Sequence[ResolvedPlace], *, comma_only: bool = False) -> GazEntry | None:
    """The town after a facility's name: "Percy French Hotel, Ballyjamesduff", "... in St. Louis"."""
    if f.end + 1 >= len(doc) or doc[f.end].lower_ not in ({","} if comma_only else {",", "in", "at", "near"}):
        return None
    after = f.end + 2 if doc[f.end].text == "," and doc[f.end + 1].lower_ in {"near", "in"} else f.end + 1
    i = by_start.get(after)
    if i is None:
        return None
    entry = places[i].entry
    return entry if entry is not None and entry.feature in _LOCAL_FEATURES and places[i].kind == "toponym" else None
