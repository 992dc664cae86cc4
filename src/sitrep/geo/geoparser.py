"""Geoparser: every toponym in a Doc, resolved to a gazetteer entry by context.

Resolution scores each candidate with a prior (feature class, population, exact name)
and the article's context: the countries and first-level divisions the other mentions
point to, qualifiers ("London, Ont.", "Rafah, Egypt"), kind words ("the Aghdam region")
and, weakly, the dateline. Context is what the article's other names could
mean (their plausible readings vote), so no pass order matters. One sense per name and article.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from sitrep.extract.types import Dateline, GazEntry, ResolvedPlace
from sitrep.geo.demonyms import load_demonyms
from sitrep.geo.facilities import anchor_facilities, facility_names, one_sense_per_name, place_unknown
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.names import name_key
from sitrep.geo.recognise import Mention, MentionFinder

# A city counts as the sense of a same-named division when it is at least this big a share of it
# ("Baku", "Kharkiv", "Washington" the capital rather than the state).
_CITY_SHARE = 0.08
_MAJOR_CITY = 500_000  # a city this big shadows a same-named division elsewhere in its country

__all__ = ["Geoparser", "Weights"]


@dataclass(frozen=True)
class Weights:
    """How much each kind of evidence counts when choosing among a name's readings."""

    population: float = 0.44  # per factor of ten inhabitants
    country: float = 0.9  # feature priors: a bare "Georgia" is more often the country ...
    region: float = 3.2  # curated regions carry no population; their names are specific
    admin1: float = 0.45
    admin2: float = 0.05
    exact_name: float = 0.3  # the reading's own name is the name written (not an alias)
    shadowed_division: float = 1.5  # penalty: division named after its city ("Baku" the district)
    country_context: float = 1.05  # times the share of the article's other names in that country
    admin_context: float = 1.4  # times the support of other names for the same first-level division
    major_city: float = 0.5  # a city of half a million or more is known far beyond its country
    major_city_population: int = 500_000
    qualifier: float = 2.5  # "London, Ont.", "Rafah, Egypt"
    kind_word: float = 0.8  # "the Aghdam region", "Gaza city"
    county_context: float = 0.8  # a town and its county named together ("Paris ... Henry County")
    # A big city does not lose to a tiny namesake on division context alone ("Rome" in an
    # article naming New York towns), unless the namesake's division is named outright:
    # below this share of the biggest same-named city, division context counts this much.
    # Off (1.0) by default: on the outside gold, damping cost LGL (local news, where the small
    # namesake is usually meant) more than it gained on GeoWebNews.
    namesake_share: float = 0.02
    namesake_population: int = 1_000_000
    namesake_context: float = 1.0
    # The same within one country, whether or not the namesake's division is named: a city of
    # this size keeps most of its lead over a namesake under this share of it.
    home_namesake_population: int = 100_000
    home_namesake_share: float = 0.03
    home_namesake_context: float = 0.5

    def prior(self, entry: GazEntry, key: str) -> float:
        feature = {"country": self.country, "region": self.region, "other": self.region, "admin1": self.admin1,
                   "admin2": self.admin2}.get(entry.feature, 0.0)
        exact = self.exact_name if name_key(entry.name) == key else 0.0
        major = self.major_city if entry.feature == "city" and entry.population >= self.major_city_population else 0.0
        return self.population * math.log10(entry.population + 1) + feature + exact + major


def _shadowed_divisions(cands: Sequence[GazEntry]) -> set[int]:
    """Indexes of divisions named after a city among the candidates (Baku city vs Baku division)."""
    out: set[int] = set()
    for i, div in enumerate(cands):
        if div.feature not in {"admin1", "admin2"}:
            continue
        div_key = name_key(div.name)
        for city in cands:
            if city.feature != "city" or city.country != div.country:
                continue
            named_after = name_key(city.admin1 or "") == div_key or name_key(city.admin2 or "") == div_key
            # A big enough share of the division: its own town, or a city known far beyond it
            # ("Washington" the capital); not a mid-sized namesake elsewhere ("Wyoming", Michigan).
            inside = div.feature == "admin2" or name_key(city.admin1 or "") == div_key
            big = inside or city.population >= _MAJOR_CITY
            if named_after or (big and city.population >= _CITY_SHARE * max(div.population, 1)):
                out.add(i)
                break
    return out


_NEAR_KM = 60.0


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


_DEMONYM_WEIGHT = 0.5  # an adjective of place ("Georgian") as context, against 1 for a name
_SOFTMAX_TEMPERATURE = 1.0  # how sharply a name's own evidence picks its reading before context
_CONTEXT_ROUNDS = 2  # context from prior-only readings, then from context-informed readings


def _softmax(scores: Sequence[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp((s - top) / _SOFTMAX_TEMPERATURE) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def _county(entry: GazEntry) -> tuple[str, str] | None:
    """(first-level division, county) of a town or a county, as name keys."""
    if entry.feature == "admin2" and entry.admin1:
        return name_key(entry.admin1), _county_key(entry.name)
    if entry.feature == "city" and entry.admin1 and entry.admin2:
        return name_key(entry.admin1), _county_key(entry.admin2)
    return None


def _county_key(name: str) -> str:
    key = name_key(name)
    for suffix in (" county", " parish", " borough"):
        if key.endswith(suffix):
            return key[: -len(suffix)]
    return key


class _Context:
    """What the other names of an article mean: votes for countries and first-level divisions.

    Each distinct name votes with the probability of each of its readings (a softmax over
    their scores), so "Cairo" votes almost wholly for Egypt and not for Cairo, New York,
    while "Walton County", "Athens" and "Georgia" together point to the US state.
    """

    def __init__(self, votes: Mapping[str, tuple[float, Sequence[GazEntry], Sequence[float]]]) -> None:
        self.countries: dict[str, dict[str, float]] = {}
        self.admins: dict[str, dict[str, float]] = {}
        # (division, county) pairs any reading of a name lies in or is: a town and a county
        # named together rarely share a pair by chance, so any reading counts.
        self.counties: dict[str, set[tuple[str, str]]] = {}
        # Where each name's likely readings lie: "New York" the city when the other names are
        # around it (Brooklyn, Queens), the state when they are upstate towns.
        self.points: dict[str, list[tuple[float, float, float]]] = {}
        for key, (weight, cands, probs) in votes.items():
            self.points[key] = [(c.lat, c.lon, weight * p) for c, p in zip(cands, probs, strict=True)
                                if p >= 0.2 and c.feature in {"city", "admin2", "other"}]
            countries: dict[str, float] = {}
            admins: dict[str, float] = {}
            self.counties[key] = {pair for c in cands if (pair := _county(c))}
            for c, p in zip(cands, probs, strict=True):
                if c.country:
                    countries[c.country] = countries.get(c.country, 0.0) + weight * p
                admin = name_key(c.name if c.feature == "admin1" else c.admin1 or "")
                if admin:
                    admins[admin] = admins.get(admin, 0.0) + weight * p
            self.countries[key] = countries
            self.admins[key] = admins
        self.names = len(self.countries)
        self.named_admins: frozenset[str] = frozenset()  # first-level divisions the text names outright

    def country_share(self, iso3: str | None, own_key: str) -> float:
        if not iso3 or self.names <= 1:
            return 0.0
        votes = sum(v.get(iso3, 0.0) for k, v in self.countries.items() if k != own_key)
        return votes / (self.names - 1)

    def county_support(self, entry: GazEntry, own_key: str) -> float:
        pair = _county(entry)
        if pair is None:
            return 0.0
        return 1.0 if any(pair in v for k, v in self.counties.items() if k != own_key) else 0.0

    def near_support(self, entry: GazEntry, own_key: str) -> float:
        """How much the other names' readings lie within ``_NEAR_KM`` of ``entry``."""
        votes = 0.0
        for k, points in self.points.items():
            if k != own_key:
                votes += sum(p for lat, lon, p in points if _km(lat, lon, entry.lat, entry.lon) <= _NEAR_KM)
        return min(votes, 1.0)

    def admin_support(self, entry: GazEntry, own_key: str) -> float:
        key = name_key(entry.name if entry.feature == "admin1" else entry.admin1 or "")
        if not key:
            return 0.0
        votes = sum(v.get(key, 0.0) for k, v in self.admins.items() if k != own_key)
        return min(votes, 1.0)


class Geoparser:
    """``Geoparser(gazetteer)(doc, dateline) -> list[ResolvedPlace]``; build once, call per Doc."""

    def __init__(self, gazetteer: Gazetteer, *, max_ngram: int = 4, min_city_population: int = 5000,
                 use_ner: bool = True, match_gazetteer: bool = True, dateline_weight: float = 0.5,
                 weights: Weights | None = None, demonyms: Mapping[str, str] | None = None,
                 report_demonyms: bool = True) -> None:
        """Adjectives of place ("Armenian positions", "Russian") are reported as places marked
        ``kind="demonym"`` (they name whose, not where: event location and the article's focus
        skip them); ``demonyms`` replaces the packaged table, ``report_demonyms=False`` leaves
        them out altogether."""
        self._gazetteer = gazetteer
        self.weights = weights or Weights()
        table = load_demonyms()
        wanted = (table if demonyms is None else demonyms) if report_demonyms else {}
        self._finder = MentionFinder(gazetteer, max_ngram=max_ngram, min_city_population=min_city_population,
                                     use_ner=use_ner, match_gazetteer=match_gazetteer, demonyms=wanted,
                                     not_places=frozenset(table) | frozenset(wanted))
        self._dateline_weight = dateline_weight

    def __call__(self, doc: Doc, dateline: Dateline | None = None) -> list[ResolvedPlace]:
        return self.resolve(doc, self.find(doc, dateline), dateline)

    def find(self, doc: Doc, dateline: Dateline | None = None) -> list[Mention]:
        """Recognition only: the toponym mentions of ``doc`` with their candidate readings."""
        mentions = self._finder(doc)
        if dateline is not None:
            mentions = self._with_dateline(doc, mentions, dateline)
        return mentions

    def resolve(self, doc: Doc, mentions: list[Mention], dateline: Dateline | None = None,
                *, weights: Weights | None = None) -> list[ResolvedPlace]:
        """Resolution only: choose a reading for each mention from ``find``."""
        w = weights or self.weights
        bonuses = _qualifier_bonuses(doc, mentions, w.qualifier)
        listed = _listed_divisions(doc, mentions, bonuses, w)
        in_dateline = [dateline is not None and m.start < dateline.span_end and m.end > dateline.start
                       for m in mentions]
        dateline_keys = {name_key(m.text) for m, dl in zip(mentions, in_dateline, strict=True) if dl}
        # One sense per name: the mentions of a name pool their qualifier evidence.
        by_key: dict[str, list[int]] = {}
        for i, m in enumerate(mentions):
            by_key.setdefault(name_key(m.text), []).append(i)
        pooled: dict[str, dict[int, float]] = {}
        for key, indexes in by_key.items():
            pool: dict[int, float] = {}
            for i in indexes:
                for c, bonus in bonuses.get(i, {}).items():
                    pool[c] = max(pool.get(c, 0.0), bonus)
            pooled[key] = pool
        # Each name's own evidence first, then the others' readings as context, twice over.
        # A kind word of its own ("central Washington") outweighs a qualifier pooled from another mention.
        local = {i: _local_scores(m, bonuses.get(i) or ({} if m.hint else pooled[name_key(m.text)]), w,
                                  listed=i in listed)
                 for i, m in enumerate(mentions)}
        named_admins = _named_admins(mentions)
        context = _Context({})
        context.named_admins = named_admins
        for _ in range(_CONTEXT_ROUNDS):
            votes: dict[str, tuple[float, Sequence[GazEntry], Sequence[float]]] = {}
            for key, indexes in by_key.items():
                i = indexes[0]
                m = mentions[i]
                if not m.candidates:
                    continue
                # "Georgian officials" says which Georgia the article is about, more weakly than a name.
                weight = _DEMONYM_WEIGHT if m.demonym else self._dateline_weight if key in dateline_keys else 1.0
                scores = _with_context(m, local[i], context, w)
                votes[key] = (weight, m.candidates, _softmax(scores))
            context = _Context(votes)
            context.named_admins = named_admins
        chosen = {i: _best(m, local[i], context, w) for i, m in enumerate(mentions)}
        places = [
            ResolvedPlace(start=m.start, end=m.end, text=m.text, entry=chosen[i][0],
                          score=_confidence(chosen[i], m), is_dateline=in_dateline[i],
                          kind="demonym" if m.demonym else "toponym")
            for i, m in enumerate(mentions)
        ]
        places = place_unknown(doc, mentions, places)
        places = anchor_facilities(doc, mentions, places, facility_names(doc, self._gazetteer))
        return one_sense_per_name(places)

    def _with_dateline(self, doc: Doc, mentions: list[Mention], dateline: Dateline) -> list[Mention]:
        """The dateline place is a mention even when NER missed it (all capitals: "BAKU")."""
        if any(m.start < dateline.end and m.end > dateline.start for m in mentions):
            return mentions
        span = doc.char_span(dateline.start, dateline.end, alignment_mode="expand")
        if span is None or not len(span):
            return mentions
        cands = tuple(self._gazetteer.candidates(dateline.text))
        extra = Mention(span.start, span.end, dateline.start, dateline.end, dateline.text, cands, None, True)
        return sorted([*mentions, extra], key=lambda m: m.start)

_LIST_GAPS = ([","], ["and"], ["or"], ["&"], [",", "and"], [",", "or"])


def _listed_divisions(doc: Doc, mentions: Sequence[Mention], bonuses: Mapping[int, Mapping[int, float]],
                      w: Weights) -> set[int]:
    """A list's items are of one kind: in a list of first-level divisions ("California or
    Washington", "Delaware, Illinois and Kentucky") a name reads as a division too, as if followed
    by "state". A list with a town in it ("Washington, New York and Boston") says nothing, nor
    does "X, Y" where Y qualifies X ("Paris, Texas")."""
    def kind(m: Mention) -> str | None:
        key = name_key(m.text)
        if m.demonym or not m.candidates:
            return None
        best = max(m.candidates, key=lambda c: w.prior(c, key))
        return best.feature if name_key(best.name) == key else None

    out: set[int] = set()
    i = 0
    while i < len(mentions):
        j = i  # the list runs from mentions[i] to mentions[j]
        while j + 1 < len(mentions) and [t.lower_ for t in doc[mentions[j].end_tok:mentions[j + 1].start_tok]] \
                in _LIST_GAPS and j not in bonuses:
            j += 1
        items = range(i, j + 1)
        if j > i and not any(k in bonuses for k in items):
            kinds = [kind(mentions[k]) for k in items]
            if "city" not in kinds and kinds.count("admin1") >= 1:
                for k in items:
                    key = name_key(mentions[k].text)
                    if mentions[k].hint is None and any(c.feature == "admin1" and name_key(c.name) == key
                                                        for c in mentions[k].candidates) \
                            and sum(x == "admin1" for n, x in zip(items, kinds, strict=True) if n != k):
                        out.add(k)
        i = j + 1
    return out


def _local_scores(mention: Mention, bonus: Mapping[int, float], w: Weights, *, listed: bool = False) -> list[float]:
    """Each reading's score from the name itself: prior, qualifiers, kind words."""
    cands = mention.candidates
    key = name_key(mention.text)
    shadowed = _shadowed_divisions(cands) if mention.hint != "admin" and not listed else set()
    scores: list[float] = []
    for i, c in enumerate(cands):
        s = w.prior(c, key) + bonus.get(i, 0.0)
        if i in shadowed:
            s -= w.shadowed_division
        admin_kind = mention.hint == "admin" and c.feature in {"admin1", "admin2", "region"}
        if admin_kind or (mention.hint == "city" and c.feature == "city") or (listed and c.feature == "admin1"):
            s += w.kind_word
        scores.append(s)
    return scores


def _named_admins(mentions: Sequence[Mention]) -> frozenset[str]:
    """Keys of the first-level divisions the text names outright ("Ohio", "Ky.", "Kent county")."""
    out: set[str] = set()
    for m in mentions:
        if m.demonym:
            continue
        key = name_key(m.text)
        for c in m.candidates:
            if c.feature == "admin1" and (name_key(c.name) == key or m.hint == "admin" or "." in m.text
                                          or m.text.isupper()):
                out.add(name_key(c.name))
    return frozenset(out)


def _with_context(mention: Mention, local: Sequence[float], context: _Context, w: Weights) -> list[float]:
    key = name_key(mention.text)
    top = max((c.population for c in mention.candidates if c.feature == "city"), default=0)
    # The biggest city of the name in each country: a small namesake in the same country does not
    # outvote it on its division's context alone ("Portland" in an article naming Texas towns).
    tops: dict[str, int] = {}
    for c in mention.candidates:
        if c.feature == "city" and c.country and name_key(c.name) == key:
            tops[c.country] = max(tops.get(c.country, 0), c.population)
    scores: list[float] = []
    for c, s in zip(mention.candidates, local, strict=True):
        s += w.country_context * context.country_share(c.country, key)
        # Only a reading by its own name draws on the division context: "Liverpool" in an
        # article about Ohio is still Liverpool, not East Liverpool. A city named after its
        # division ("New York City" for "New York") shares the division's context.
        if c.feature == "city" and name_key(c.name) != key and name_key(c.admin1 or "") == key:
            # A city named after its division ("New York City" for "New York") draws on the
            # names around it, the division on the names anywhere in it.
            s += w.admin_context * context.near_support(c, key)
        elif name_key(c.name) == key:
            damp = 1.0
            if (c.feature == "city" and top >= w.namesake_population and c.population < w.namesake_share * top
                    and name_key(c.admin1 or "") not in context.named_admins):
                damp = w.namesake_context
            home = tops.get(c.country or "", 0)
            if c.feature == "city" and home >= w.home_namesake_population \
                    and c.population < w.home_namesake_share * home:
                damp = min(damp, w.home_namesake_context)
            s += damp * w.admin_context * context.admin_support(c, key)
            s += damp * w.county_context * context.county_support(c, key)
        scores.append(s)
    return scores


def _best(mention: Mention, local: Sequence[float], context: _Context, w: Weights) -> tuple[GazEntry | None, float]:
    cands = mention.candidates
    if not cands:
        return None, 0.0
    scores = _with_context(mention, local, context, w)
    order = sorted(range(len(cands)), key=lambda i: -scores[i])
    margin = scores[order[0]] - scores[order[1]] if len(order) > 1 else 1.0
    return cands[order[0]], margin


def _confidence(choice: tuple[GazEntry | None, float], mention: Mention) -> float:
    entry, margin = choice
    if entry is None:
        return 0.2
    base = 1.0 / (1.0 + math.exp(-3.0 * margin))
    return round(base if mention.from_ner else 0.85 * base, 3)


def _qualifier_bonuses(doc: Doc, mentions: Sequence[Mention], weight: float) -> dict[int, dict[int, float]]:
    """"X, Y" where Y names X's country or division: bonus for X's candidates inside Y."""
    out: dict[int, dict[int, float]] = {}
    text = doc.text  # once: Doc.text is rebuilt from every token on each access
    for i in range(len(mentions) - 1):
        head, qual = mentions[i], mentions[i + 1]
        between = text[head.end:qual.start]
        if between.strip() != "," or not qual.candidates or _listed(text, mentions, i):
            continue
        countries = {c.country for c in qual.candidates if c.feature == "country"}
        admins = {name_key(c.name) for c in qual.candidates if c.feature in {"admin1", "admin2"}}
        bonus: dict[int, float] = {}
        for j, c in enumerate(head.candidates):
            if c.feature == "country":
                continue
            if c.country in countries:
                bonus[j] = weight
            if name_key(c.admin1 or "") in admins or name_key(c.admin2 or "") in admins:
                bonus[j] = weight + 0.5
        if bonus:
            out[i] = bonus
    return out


_LIST_WORDS = frozenset({"and", "or", "&"})


def _listed(text: str, mentions: Sequence[Mention], i: int) -> bool:
    """"Washington, New York and Boston": a list of places, not a place and its qualifier."""
    qual = mentions[i + 1]
    if "." in qual.text or qual.text.isupper():
        return False  # "Springfield, Ill., and Chicago": abbreviations only ever qualify
    if i + 2 < len(mentions):
        after = text[qual.end:mentions[i + 2].start].strip()
        if after == "," or after.lower() in _LIST_WORDS or after.lower() in {", and", ", or"}:
            # "Paris, Texas, and Lyon" is still a qualifier when the head's readings fit it;
            # a list's items are mostly of the same kind, so give up only on that evidence.
            return True
    if i > 0:
        before = text[mentions[i - 1].end:mentions[i].start].strip()
        if before == ",":
            prev = mentions[i - 1]
            # "Rome, Paris, London": the head continues a list begun before it.
            return bool(prev.candidates) and not any(c.feature in {"admin1", "country"} for c in qual.candidates[:1])
    return False
