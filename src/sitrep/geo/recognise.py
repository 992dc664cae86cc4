"""Find toponym mentions in a spaCy Doc: NER spans plus gazetteer matching of proper-noun n-grams."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from sitrep.extract.types import GazEntry
from sitrep.geo.abbrev import QUALIFIER_ABBREVIATIONS
from sitrep.geo.cues import (
    ADMIN_WORDS,
    BLOCKING_LABELS,
    CIVIC_WORDS,
    CONNECTORS,
    CONTEST_NOUNS,
    DEMONYM_ENDINGS,
    DETERMINERS,
    FACILITY_WORDS,
    LIST_GAPS,
    LOCATIVE_PREPS,
    LOOSE_PREPS,
    MOTION_VERBS,
    NOT_PLACES,
    ODD_LABELS,
    PART_WORDS,
    PLACE_AFTER,
    PLACE_LABELS,
    PLACE_NOUNS,
    SETTLEMENT_WORDS,
    TITLES,
    capitalised,
)
from sitrep.geo.demonyms import COUNTRY_PREFIX
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.names import name_key


@dataclass(frozen=True)
class Mention:
    """A toponym found in the text, before resolution."""

    start_tok: int
    end_tok: int
    start: int
    end: int
    text: str
    candidates: tuple[GazEntry, ...]
    hint: str | None  # "admin" when followed by "region"/"province"..., "city" for "city"/"town"
    from_ner: bool
    demonym: bool = False


def _list_gap(tokens: Span) -> bool:
    """The words between two items of a list: ",", "and", "or", ", and"."""
    return [t.lower_ for t in tokens] in LIST_GAPS


def _strip_det(span: Span) -> tuple[int, int]:
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    while end > start and (span.doc[end - 1].is_punct or span.doc[end - 1].lower_ in {"'s", "’s", "'"}):
        end -= 1  # "Mississippi State's", "Baku's"
    return start, end


def _locative_cue(doc: Doc, start: int, end: int) -> bool:
    """Words around a name that say it is a place: "in X", "the town of X", "X countryside"."""
    before = doc[start - 1].lower_ if start > 0 else ""
    if before in LOCATIVE_PREPS:
        return True
    if before in PART_WORDS and doc[start - 1].text.islower():
        return True  # "in southern Corsica", "the northern Hama countryside": a part of a place
    if before == "to" and start > 1 and (doc[start - 2].lemma_ or doc[start - 2].lower_).lower() in MOTION_VERBS:
        return True
    if before == "for" and start > 1 and doc[start - 2].lower_ in CONTEST_NOUNS:
        return True  # "the battle for Manbij"
    if before == "of" and start > 1 and (doc[start - 2].lower_ in PLACE_NOUNS or doc[start - 2].text == ","):
        return True  # "the town of X"; "Miss Abdhou, of Hayes, ...": where someone lives
    if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ == "based":
        return True  # "the Kent-based outfit"
    return end < len(doc) and doc[end].lower_ in PLACE_AFTER


# A city named without any cue and labelled as a person or group by NER must be this big.
_BARE_POPULATION = 100_000

_WIDE = frozenset({"country", "admin1", "region"})


# A person-labelled name that is a city this big, alone and no one's name in the article, is the city.
_PERSON_CITY_POPULATION = 300_000


def _lone_city(doc: Doc, start: int, end: int, cands: Sequence[GazEntry], names: Mapping[str, set[str]]) -> bool:
    """``doc[start:end]``, labelled a person, reads as a big city: no first or last name of anyone
    named in full, no title before it, no capitalised name beside it, and no speaker of a verb."""
    if end - start != 1 or not any(c.feature == "city" and c.population >= _PERSON_CITY_POPULATION
                                   for c in cands[:1]):
        return False
    token = doc[start]
    if token.lower_ in names:
        return False
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    if before is not None and (before.lower_.rstrip(".") in TITLES
                               or (capitalised(before) and before.is_alpha and not before.is_sent_start)):
        return False
    if after is not None and capitalised(after) and after.is_alpha:
        return False
    return not (token.dep_ in {"nsubj", "nsubjpass"} and token.head.pos_ == "VERB")


# Words of a date: a DATE entity holding none of them (nor a digit) may be a misread name ("in Mayadeen").
_DATE_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tomorrow", "tonight",
    "day", "days", "week", "weeks", "weekend", "month", "months", "year", "years", "decade", "decades", "century",
    "morning", "afternoon", "evening", "night", "overnight", "dawn", "dusk", "noon", "midnight", "spring", "summer",
    "autumn", "fall", "winter", "ramadan", "eid", "christmas", "easter", "ago", "last", "next", "early", "late",
    "mid", "recent", "recently", "time", "season", "holiday", "hours",
})


def _dateless_date(ent: Span) -> bool:
    """A DATE entity of capitalised names and no date word: "killed in Mayadeen"."""
    return ent.label_ == "DATE" and len(ent) <= 3 and all(
        t.pos_ == "PROPN" and capitalised(t) and not t.like_num and t.lower_ not in _DATE_WORDS for t in ent)


def _curated(entry: GazEntry) -> bool:
    """A named region or landmark from sitrep's own tables (rivers, deltas, islands, airports: no
    GeoNames id, no population): chosen because news names them, so no population floor applies."""
    return entry.geonameid is None and entry.feature in {"region", "other"}


# A city opening an organisation's name is meant only when it is big ("Toronto Police"), or when
# the name is of a local body (``CIVIC_WORDS``).
_ORG_PREFIX_POPULATION = 100_000


class MentionFinder:
    """Recognise toponyms in a Doc with NER and gazetteer matching (cached lookups only)."""

    def __init__(self, gazetteer: Gazetteer, *, max_ngram: int = 4, min_city_population: int = 5000,
                 use_ner: bool = True, match_gazetteer: bool = True,
                 demonyms: Mapping[str, str] | None = None, not_places: frozenset[str] = frozenset()) -> None:
        """``demonyms`` (see ``sitrep.geo.demonyms``): also report "Russian", "European".
        ``not_places``: words never taken for a place, even when NER says so ("Ukrainian")."""
        self._gaz = gazetteer
        self._demonyms = demonyms or {}
        self._not_places = not_places
        self._max_ngram = max_ngram
        self._min_pop = min_city_population
        self._use_ner = use_ner
        self._match = match_gazetteer

    def __call__(self, doc: Doc) -> list[Mention]:
        found: dict[int, Mention] = {}
        taken: set[int] = set()
        tagged = doc.has_annotation("TAG")
        # Last names of people named in full: a later bare "Jordan" is the person.
        # ("Tamil Nadu" tagged PERSON is no person: names of countries and divisions are left out;
        # nor is a two-word place tagged PERSON its own surname: "In Klamath Falls, Oregon".)
        surnames: dict[str, set[str]] = {}
        names: dict[str, set[str]] = {}  # first and last names, for person-labelled big cities
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) > 1 and not self._wide_place(ent.text):
                surnames.setdefault(ent[-1].lower_, set()).add(ent.text)
                names.setdefault(ent[-1].lower_, set()).add(ent.text)
                names.setdefault(ent[0].lower_, set()).add(ent.text)
        # Known places the model called a person or group, set aside for want of a cue; a
        # list of places takes them in ("Suba, Migori, Rongo and Siaya").
        pending: list[Mention] = []
        for ent in doc.ents if self._use_ner else ():
            if ent.label_ in PLACE_LABELS:
                self._add_entity(doc, ent, found, taken)
            elif ent.label_ in {"ORG", "PERSON", "NORP"}:
                # The small model often labels places ORG, PERSON or NORP ("Aghdam", "Port Harcourt").
                self._add_mislabelled(doc, ent, found, taken, surnames, pending, names)
            elif ent.label_ in ODD_LABELS or _dateless_date(ent) \
                    or (ent.label_ == "LANGUAGE" and ent.text not in self._demonyms):
                # ... or a date or a language: "killed in Mayadeen", "an assault in southern Aleppo".
                # ... and now and then PRODUCT or WORK_OF_ART: "the eastern town of Mbale", "Nitra, Prešov".
                self._add_mislabelled(doc, ent, found, taken, surnames, pending, names)
            elif ent.label_ == "MONEY":
                # "59.2 billion US dollars": the currency's country.
                self._add_org_inner(doc, ent.start - 1, ent.end, found, taken, features=frozenset({"country"}),
                                    cities=False)
            if ent.label_ in BLOCKING_LABELS or ent.label_ == "ORG":
                taken.update(range(ent.start, ent.end))
        if self._match:
            self._scan(doc, 0, len(doc), found, taken, strict=True, tagged=tagged)
        self._merge_adjacent(doc, found)
        self._add_qualifiers(doc, found, taken)
        if pending:
            self._add_listed(doc, pending, found, taken)
        ner_places = {i for ent in doc.ents if ent.label_ in PLACE_LABELS for i in range(ent.start, ent.end)}
        for k, m in list(found.items()):
            # "Connie Yates ... Yates said": a bare surname of someone named in full is the person,
            # unless the model or the words around it make it a place ("in Lincoln"), or it is a
            # big city ("Sochi" after the misread "Bogdanov Joins Sochi").
            if m.end_tok - m.start_tok == 1 and not m.demonym and doc[m.start_tok].lower_ in surnames \
                    and m.start_tok not in ner_places \
                    and not any(c.feature in _WIDE for c in m.candidates[:1]) \
                    and not any(c.feature == "city" and c.population >= _BARE_POPULATION for c in m.candidates) \
                    and not _locative_cue(doc, m.start_tok, m.end_tok):
                del found[k]
        if self._demonyms:
            self._add_demonyms(doc, found)
        for k, m in found.items():
            # "central Washington", "northern California": a part of a wide place, not a town.
            if m.hint is None and m.start_tok > 0 and doc[m.start_tok - 1].text in PART_WORDS \
                    and any(c.feature in _WIDE for c in m.candidates):
                found[k] = replace(m, hint="admin")
        return [found[k] for k in sorted(found)]

    def _merge_adjacent(self, doc: Doc, found: dict[int, Mention]) -> None:
        """Two names side by side that together are one place the model split: "Baja" + "California",
        "Boa" + "Vista"."""
        ends = {m.end_tok: m for m in found.values() if not m.demonym}
        for start in sorted(found):
            second = found.get(start)
            first = ends.get(start)
            if second is None or first is None or second.demonym or first.start_tok not in found \
                    or first.text.lower() in NOT_PLACES or second.text.lower() in NOT_PLACES:
                continue
            span = doc[first.start_tok:second.end_tok]
            key = name_key(span.text)
            cands = tuple(self._gaz.candidates(span.text))
            if not any(name_key(c.name) == key for c in cands):
                continue  # only a name the gazetteer has under exactly this name
            merged = Mention(first.start_tok, second.end_tok, span.start_char, span.end_char, span.text, cands,
                             second.hint, True)
            del found[start]
            found[first.start_tok] = merged
            ends.pop(first.end_tok, None)
            ends[merged.end_tok] = merged

    def _wide_place(self, text: str) -> bool:
        """A country, first-level division or named region goes by this name."""
        cands = self._gaz.candidates(text)
        return bool(cands) and cands[0].feature in _WIDE and text[:1].isupper()

    def _add_org_inner(self, doc: Doc, start: int, end: int, found: dict[int, Mention], taken: set[int],
                       *, features: frozenset[str] = frozenset({"country", "admin1"}), cities: bool = True) -> None:
        """A country or division inside an organisation's name ("Central Bank of Malta", "Air Zimbabwe"),
        and with ``cities`` a big city by its own name closing it ("CSA Singapore", "Baseball Toronto")."""
        i = max(start + 1, 0)
        while i < end:
            step = 1
            for stop in range(min(end, i + 3), i, -1):
                if not all(capitalised(t) for t in doc[i:stop]) or doc[i].lower_ in NOT_PLACES:
                    continue
                if any(t in taken for t in range(i, stop)):
                    continue
                key = name_key(doc[i:stop].text)
                cands = tuple(self._gaz.candidates(doc[i:stop].text))
                closing = cities and stop == end and any(c.feature in {"city", "admin2"} and name_key(c.name) == key
                                                         and c.population >= _ORG_PREFIX_POPULATION for c in cands)
                if cands and (cands[0].feature in features or closing) and \
                        self._acceptable(doc, i, stop, list(cands), True, False, entity=True):
                    self._put(doc, i, stop, cands, None, True, found, taken)
                    step = stop - i
                    break
            i += step

    def _add_demonyms(self, doc: Doc, found: dict[int, Mention]) -> None:
        used = {i for m in found.values() for i in range(m.start_tok, m.end_tok)}
        i = 0
        while i < len(doc):
            for length in (2, 1):
                span = doc[i:i + length]
                target = self._demonyms.get(span.text) if len(span) == length else None
                if target is None or any(t.i in used for t in span):
                    continue
                cands: tuple[GazEntry, ...]
                if target.startswith(COUNTRY_PREFIX):
                    entry = self._gaz.country(target[len(COUNTRY_PREFIX):])
                    cands = (entry,) if entry else ()
                else:
                    # The region or country meant, not a same-named town ("Middle East", Maryland).
                    readings = self._gaz.candidates(target)
                    order = {"region": 0, "country": 1, "admin1": 2}
                    wide = sorted((c for c in readings if c.feature in order), key=lambda c: order[c.feature])
                    cands = tuple((wide or readings)[:1])
                if cands:
                    found[i] = Mention(i, i + length, span.start_char, span.end_char, span.text, cands,
                                       None, False, demonym=True)
                    i += length - 1
                    break
            i += 1

    def _lookup(self, doc: Doc, start: int, end: int) -> tuple[int, tuple[GazEntry, ...], str | None]:
        """Candidates for tokens [start, end), taking in a following "region"/"city" word."""
        text = doc[start:end].text
        hint = None
        if end < len(doc):
            word = doc[end].lower_
            if word in ADMIN_WORDS or word in SETTLEMENT_WORDS:
                hint = "admin" if word in ADMIN_WORDS else "city"
                longer = self._gaz.candidates(f"{text} {doc[end].text}")
                if longer:
                    return end + 1, tuple(longer), hint
        full = QUALIFIER_ABBREVIATIONS.get(text) or QUALIFIER_ABBREVIATIONS.get(text + ".")
        if full is not None and "." in text:
            # "Md.", "Calif.", "W.Va": dotted state abbreviations are unambiguous on their own.
            return end, tuple(c for c in self._gaz.candidates(full) if c.feature == "admin1"), "admin"
        cands = tuple(self._gaz.candidates(text))
        if not cands and end - start >= 2 and doc[end - 1].lower_ in ADMIN_WORDS \
                and doc[start:end - 1].text.lower() not in NOT_PLACES \
                and not (end < len(doc) and (capitalised(doc[end]) or doc[end].lower_ in {"'s", "’s"})):
            # "Sokoto State", "Oaxaca State": the division by its bare name (but "Columbia State
            # Community College" and "Mississippi State's guard" are no divisions).
            bare = self._gaz.candidates(doc[start:end - 1].text)
            return end, tuple(c for c in bare if c.feature in {"admin1", "admin2"}), "admin"
        return end, cands, hint

    def _put(self, doc: Doc, start: int, end: int, cands: tuple[GazEntry, ...], hint: str | None,
             from_ner: bool, found: dict[int, Mention], taken: set[int]) -> None:
        span = doc[start:end]
        found[start] = Mention(start, end, span.start_char, span.end_char, span.text, cands, hint, from_ner)
        taken.update(range(start, end))

    def _extended(self, doc: Doc, start: int, end: int) -> int:
        """The end of a longer known name running on past an entity: "Trinidad" + "and Tobago",
        "Mazar" + "-e-Sharif"."""
        stop = end
        while stop < len(doc) and not doc[stop - 1].whitespace_ and "-" in (doc[stop].text, doc[stop - 1].text):
            stop += 1  # the rest of a hyphenated word the tokenizer split
        if stop > end and doc[stop - 1].text != "-" and self._gaz.candidates(doc[start:stop].text):
            return stop
        for extra in (3, 2):
            stop = end + extra
            if stop > len(doc) or doc[end].lower_ not in {"and", "of", "&"} \
                    or not all(capitalised(t) for t in doc[end + 1:stop]):
                continue
            text = doc[start:stop].text
            cands = self._gaz.candidates(text)
            if cands and cands[0].feature in _WIDE and any(name_key(c.name) == name_key(text) for c in cands):
                return stop
        return end

    def _add_entity(self, doc: Doc, ent: Span, found: dict[int, Mention], taken: set[int]) -> None:
        start, end = _strip_det(ent)
        if start >= end or doc[start:end].text in self._not_places or any(i in taken for i in range(start, end)):
            return
        end = self._extended(doc, start, end)
        new_end, cands, hint = self._lookup(doc, start, end)
        if cands and self._acceptable(doc, start, end, list(cands), False, False):
            self._put(doc, start, new_end, cands, hint, True, found, taken)
            return
        before = len(found)
        if any(t.text == "-" for t in doc[start:end]):
            # "Ahmadbayli-Fuzuli-Shusha road": no entry for the whole; the parts are places.
            self._hyphen_parts(doc, start, end, found, taken)
        elif doc[end - 1].lower_ not in FACILITY_WORDS:
            self._scan(doc, start, end, found, taken, strict=True, tagged=False)
        if len(found) == before:
            if doc[end - 1].lower_.rstrip(".") in FACILITY_WORDS:
                # A street or building the gazetteer lacks ("Press Street") is not reported as a
                # place; its words are not searched for one either.
                taken.update(range(start, end))
                return
            # A place name the gazetteer lacks ("Khayelitsha"): reported, left unresolved.
            self._put(doc, start, end, (), None, True, found, taken)

    def _hyphen_parts(self, doc: Doc, start: int, end: int, found: dict[int, Mention], taken: set[int]) -> None:
        part = start
        for i in range(start, end + 1):
            if i == end or doc[i].text == "-":
                if part < i and capitalised(doc[part]) and doc[part].lower_ not in NOT_PLACES:
                    cands = tuple(self._gaz.candidates(doc[part:i].text))
                    if cands:
                        self._put(doc, part, i, cands, None, True, found, taken)
                part = i + 1

    def _add_mislabelled(self, doc: Doc, ent: Span, found: dict[int, Mention], taken: set[int],
                         surnames: Mapping[str, set[str]], pending: list[Mention],
                         names: Mapping[str, set[str]]) -> None:
        """An ORG or PERSON entity that is wholly a known place name ("Russia said", "Aghdam")."""
        start, end = _strip_det(ent)
        if start >= end or any(i in taken for i in range(start, end)):
            return
        if ent.label_ == "PERSON" and surnames.get(doc[end - 1].lower_, set()) - {doc[start:end].text}:
            return
        text = doc[start:end].text
        new_end, cands, hint = self._lookup(doc, start, end) if end - start <= 6 else (end, (), None)
        if ent.label_ == "NORP" and (text in self._not_places or text in self._demonyms
                                     or (text.lower().endswith(DEMONYM_ENDINGS)
                                         and not self._own_name(text, cands))):
            return  # "Kurdish", "Shiite"; but "Tunis" and "Cavan" are places by their own name
        if not self._acceptable(doc, start, end, list(cands), True, False, entity=True):
            # A small town the model calls a group, written with its county or state: "Croft, Yorkshire".
            qualified = tuple(c for c in cands if self._qualified(doc, new_end, c))
            if qualified and self._acceptable(doc, start, end, list(qualified), True, False, entity=True,
                                              floor=0):
                self._put(doc, start, new_end, cands, hint, True, found, taken)
            elif ent.label_ == "ORG":
                before = len(found)
                self._add_org_prefix(doc, start, end, found, taken)
                if len(found) == before:
                    self._add_org_inner(doc, start, end, found, taken)
            return
        # Without a cue, only a big city outweighs a group label ("captured Kisangani"), and a
        # person label only a very big one standing alone as no one's name ("Owerri", "Douma's fall").
        if ent.label_ in ODD_LABELS | {"DATE", "LANGUAGE"} and not _locative_cue(doc, start, new_end):
            # A product or work named like a place is one only in a list of places: "Nitra, Prešov and Košice".
            span = doc[start:new_end]
            pending.append(Mention(start, new_end, span.start_char, span.end_char, span.text, cands, hint, True))
            return
        if ent.label_ in {"PERSON", "NORP"} and cands[0].feature not in {"country", "admin1", "region"} \
                and not _locative_cue(doc, start, new_end) \
                and not any(self._qualified(doc, new_end, c) for c in cands) \
                and (cands[0].population < _BARE_POPULATION
                     or (ent.label_ == "PERSON" and not _lone_city(doc, start, new_end, cands, names))):
            span = doc[start:new_end]
            pending.append(Mention(start, new_end, span.start_char, span.end_char, span.text, cands, hint, True))
            return
        self._put(doc, start, new_end, cands, hint, True, found, taken)

    def _own_name(self, text: str, cands: Sequence[GazEntry]) -> bool:
        """A division or a big city goes by exactly this name ("Tunis", not "Tunisian")."""
        key = name_key(text)
        return any(name_key(c.name) == key and (c.feature in _WIDE or c.population >= _BARE_POPULATION)
                   for c in cands)

    def _qualified(self, doc: Doc, end: int, entry: GazEntry) -> bool:
        """``entry`` lies in the division or country named after a comma: "Klamath Falls, Oregon"."""
        if end + 1 >= len(doc) or doc[end].text != "," or not capitalised(doc[end + 1]):
            return False
        for stop in range(min(len(doc), end + 4), end + 1, -1):
            text = doc[end + 1:stop].text
            name = QUALIFIER_ABBREVIATIONS.get(text) or QUALIFIER_ABBREVIATIONS.get(text + ".") or text
            for c in self._gaz.candidates(name):
                if c.feature == "country" and c.country == entry.country:
                    return True
                if c.feature in {"admin1", "admin2"} and c.country == entry.country and \
                        name_key(c.name) in {name_key(entry.admin1 or ""), name_key(entry.admin2 or "")}:
                    return True
        return False

    def _add_listed(self, doc: Doc, pending: list[Mention], found: dict[int, Mention], taken: set[int]) -> None:
        """Names set aside for want of a cue that stand in a list with places found:
        "Becker, Clay, Douglas, Grant and Wilkin counties", "Moonbi, Parkes, Berry and Wyong"."""
        used = {i for m in found.values() for i in range(m.start_tok, m.end_tok)}
        waiting = [m for m in pending if not any(i in used for i in range(m.start_tok, m.end_tok))]
        changed = True
        while waiting and changed:
            changed = False
            for m in list(waiting):
                if self._next_in_list(doc, m, found):
                    found[m.start_tok] = m
                    taken.update(range(m.start_tok, m.end_tok))
                    waiting.remove(m)
                    changed = True

    @staticmethod
    def _next_in_list(doc: Doc, m: Mention, found: Mapping[int, Mention]) -> bool:
        places = [p for p in found.values() if p.candidates and not p.demonym]
        ends = {p.end_tok: p for p in places}
        starts = {p.start_tok: p for p in places}
        for gap in (1, 2):
            before = m.start_tok - gap
            if before >= 0 and before in ends and _list_gap(doc[before:m.start_tok]):
                return True
            after = m.end_tok + gap
            if after in starts and _list_gap(doc[m.end_tok:after]):
                return True
        return False

    def _add_org_prefix(self, doc: Doc, start: int, end: int, found: dict[int, Mention], taken: set[int]) -> None:
        """A place opening an organisation's name: "U.S. Army", "California Highway Patrol"."""
        for stop in range(min(end - 1, start + 3), start, -1):
            cands = tuple(self._gaz.candidates(doc[start:stop].text))
            if not cands or not self._acceptable(doc, start, stop, list(cands), True, False, entity=True):
                continue
            # A town's own bodies bear its name, small as it is: "Beverly Hills Police Department".
            civic = doc[stop].lower_ in CIVIC_WORDS or doc[end - 1].lower_.rstrip(".") in CIVIC_WORDS
            # Any wide reading will do: "EU Transport Commissioner" (not Eu, the French town).
            big = any(c.feature in {"country", "admin1"} or c.population >= _ORG_PREFIX_POPULATION or _curated(c)
                      for c in cands)
            if big or civic:  # "Cauvery Water Management Authority": a curated river names a place too
                self._put(doc, start, stop, cands, None, True, found, taken)
            return

    def _acceptable(self, doc: Doc, start: int, end: int, cands: list[GazEntry], strict: bool, tagged: bool,
                    *, entity: bool = False, floor: int | None = None) -> bool:
        if not cands:
            return False
        letters = [ch for ch in doc[start:end].text if ch.isalpha()]
        acronym = all(ch.isupper() for ch in letters) or (len(letters) <= 3 and any(ch.isupper() for ch in letters[1:]))
        if len(letters) <= 4 and acronym and not any(c.feature in _WIDE for c in cands):
            return False  # acronyms ("U.N.", "IS", "MoD") are places only when they abbreviate one ("US")
        if not strict:
            return True
        tokens = doc[start:end]
        if end - start == 1:
            token = tokens[0]
            # "US" is a stop word in lower case only
            stop = token.is_stop and not (token.text.isupper() and any(c.feature == "country" for c in cands))
            if stop or token.lower_.rstrip(".") in NOT_PLACES:
                return False
            if len(token.text) < 3 and not any(c.feature in {"country", "region"} for c in cands):
                return False
            if tagged and token.pos_ != "PROPN" and not (
                    token.pos_ in {"NOUN", "ADJ"} and not token.is_sent_start and _locative_cue(doc, start, end)):
                return False  # the small model calls unknown names nouns now and then: "killed in Taez"
            if not tagged and not entity and token.is_sent_start and start > 0:
                return False
        elif tokens[0].lower_ in NOT_PLACES and tokens[-1].lower_ in NOT_PLACES \
                and not self._own_name(tokens.text, [c for c in cands if c.feature in {"country", "admin1"}]):
            return False  # both words rarely places ("North Central"); but "Western Cape" is a province
        best = cands[0]
        if best.feature in {"country", "admin1", "region"} or _curated(best):
            return True
        if floor is None:
            floor = self._min_pop if end - start == 1 else self._min_pop // 5
            if _locative_cue(doc, start, end) and not (start > 0 and doc[start - 1].lower_ in LOOSE_PREPS):
                floor //= 5  # "a crash at Coggeshall", "Middlestown residents": small towns by their cue
        return any(c.population >= floor for c in cands)

    def _scan(self, doc: Doc, lo: int, hi: int, found: dict[int, Mention], taken: set[int],
              *, strict: bool, tagged: bool) -> None:
        i = lo
        while i < hi:
            if i in taken or not capitalised(doc[i]) or doc[i].lower_ in DETERMINERS:
                i += 1
                continue
            step = 1
            for length in range(min(self._max_ngram, hi - i), 0, -1):
                end = i + length
                last = doc[end - 1]
                inner = doc[i:end]
                if not capitalised(last) or any(t.i in taken for t in inner):
                    continue
                if any(not capitalised(t) and t.lower_ not in CONNECTORS for t in inner):
                    continue
                new_end, cands, hint = self._lookup(doc, i, end)
                if self._acceptable(doc, i, end, list(cands), strict, tagged):
                    self._put(doc, i, new_end, cands, hint, not strict, found, taken)
                    step = new_end - i
                    break
            i += step

    def _add_qualifiers(self, doc: Doc, found: dict[int, Mention], taken: set[int]) -> None:
        """Abbreviated states after a comma: "London, Ont.", "Ames, IA"."""
        for mention in list(found.values()):
            after = mention.end_tok
            if after + 1 >= len(doc) or doc[after].text != "," or (after + 1) in taken:
                continue
            token = doc[after + 1]
            name = QUALIFIER_ABBREVIATIONS.get(token.text)
            end = after + 2
            if name is None and end < len(doc) and doc[end].text == ".":
                name = QUALIFIER_ABBREVIATIONS.get(token.text + ".")
                end += 1
            if name is None:
                continue
            cands = tuple(c for c in self._gaz.candidates(name) if c.feature == "admin1")
            if cands:
                self._put(doc, after + 1, after + 2, cands, "admin", False, found, taken)
