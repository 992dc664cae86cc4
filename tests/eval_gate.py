"""Scoring of the pipeline against the project's own gold articles (``tests/articles/``).

Used by ``tests/test_eval_gate.py`` (floors pinned, CI fails on regression) and by
``bench/articles.py``-style runs that print the figures. Each expected event is matched
to at most one predicted event of the same article: same ACLED event type (or, for
events outside ACLED's taxonomy, the same PLOVER event) whose evidence contains the
expected trigger word.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.ingest import read_path
from sitrep.models import Article, Event

REPO = Path(__file__).resolve().parents[1]
GOLD_FILE = REPO / "tests" / "articles" / "expected.json"
LOCATION_KM = 50.0


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.right += int(ok)

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 1.0


@dataclass
class GateReport:
    tallies: dict[str, Tally] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)  # hard violations (must_not, no-event articles)
    misses: list[str] = field(default_factory=list)  # soft: reported, scored by the floors

    def tally(self, name: str) -> Tally:
        return self.tallies.setdefault(name, Tally())

    def rates(self) -> dict[str, float]:
        return {name: round(t.rate, 3) for name, t in sorted(self.tallies.items())}


def load_gold() -> list[dict[str, Any]]:
    return json.loads(GOLD_FILE.read_text(encoding="utf-8"))


def accepted(expected: dict[str, Any], key: str) -> list[Any]:
    """The gold value of a field and any alternatives listed under ``accept``."""
    values = [expected[key]] if key in expected else []
    return values + list((expected.get("accept") or {}).get(key, []))


def _matches(expected: dict[str, Any], event: Event) -> bool:
    if expected.get("event_type"):
        same_type = event.event_type in accepted(expected, "event_type")
    else:
        same_type = event.plover is not None and event.plover.event in accepted(expected, "plover_event")
    triggers = [t.lower() for t in accepted(expected, "trigger") if t]
    in_evidence = not triggers or any(t in ev.text.lower() for t in triggers for ev in event.evidence)
    return same_type and in_evidence


def _closeness(expected: dict[str, Any], event: Event) -> int:
    score = int(event.sub_event_type in accepted(expected, "sub_event_type"))
    score += int(event.event_date == expected.get("event_date"))
    score += int(event.fatalities in accepted(expected, "fatalities"))
    score += int(event.historical == bool(expected.get("historical", False)))
    return score


def _location_ok(expected: dict[str, Any], event: Event) -> bool:
    loc = event.location
    if loc is None:
        return False
    has_point = loc.lat is not None and loc.lon is not None
    if has_point and km(expected["location_lat"], expected["location_lon"], loc.lat, loc.lon) <= LOCATION_KM:
        return True
    said = f"{loc.text} {loc.name}".lower()
    return any(t.lower() in said for t in accepted(expected, "location_text")[1:])


_SYNONYMS = {
    "army": "military", "troops": "military", "forces": "military", "armed": "military",
    "defense": "defence", "spokesman": "", "spokeswoman": "", "official": "", "officials": "",
}  # fmt: skip
_STOP = {"of", "the", "a", "an", "'s", "s", ""}


@functools.lru_cache(maxsize=1)
def _lexicon() -> Any:
    from sitrep.extract.actors import ActorLexicon

    return ActorLexicon.load()


def _name_key(name: str) -> frozenset[str]:
    """Content words of a source name, demonyms made countries: 'Colombian army' ~ 'Military of Colombia'."""
    key = set()
    for word in re.findall(r"[\w-]+", name.lower()):
        word = _SYNONYMS.get(word, word)
        if word in _STOP:
            continue
        country = _lexicon().country_of_text(word)
        key.add(country or word)
    return frozenset(key)


def accepted_claimants(expected: dict[str, Any]) -> Sequence[str]:
    return (expected.get("accept") or {}).get("claimed_by", ())


def _claims_ok(expected: Sequence[str], event: Event, accept: Sequence[str] = ()) -> bool:
    """Every expected source is among the claims (by content words), or else one of the
    accepted alternatives is."""
    keys = [_name_key(c.name) for c in event.claimed_by]

    def found(name: str) -> bool:
        return any(_name_key(name) <= k or (k and k <= _name_key(name)) for k in keys)

    return all(found(e) for e in expected) or any(found(a) for a in accept)


def _actor_country_ok(expected: dict[str, Any], event: Event) -> bool:
    actors = [event.actor1, event.actor2]
    if (expected.get("accept") or {}).get("actor_order") == "either":
        return any(a is not None and a.country == expected["actor1_country"] for a in actors)
    return event.actor1 is not None and event.actor1.country in accepted(expected, "actor1_country")


def _check_must_not(name: str, must_not: dict[str, Any], events: list[Event], report: GateReport) -> None:
    current = [e for e in events if not e.historical]
    for text in must_not.get("location_text", []):
        for e in current:
            if e.location is not None and text.lower() in f"{e.location.text} {e.location.name}".lower():
                report.failures.append(f"{name}: event located at forbidden {text!r}: {e.notes}")
    if "event_count_max" in must_not and len(events) > must_not["event_count_max"]:
        report.failures.append(f"{name}: {len(events)} events > max {must_not['event_count_max']}")
    for e in current:
        if e.fatalities is not None and e.fatalities in must_not.get("fatalities_values", []):
            report.failures.append(f"{name}: forbidden fatality count {e.fatalities}: {e.notes}")


def _score_match(name: str, exp: dict[str, Any], best: Event, report: GateReport) -> None:
    def check(metric: str, ok: bool, detail: str) -> None:
        report.tally(metric).add(ok)
        if not ok:
            report.misses.append(f"{name}: {metric}: {detail} ({exp.get('trigger')})")

    if exp.get("sub_event_type"):
        check("sub_event_type", best.sub_event_type in accepted(exp, "sub_event_type"), f"{best.sub_event_type}")
    if exp.get("plover_event"):
        got = best.plover.event if best.plover else None
        check("plover_event", got in accepted(exp, "plover_event"), f"{got}")
    if exp.get("event_date") and not exp.get("historical"):
        check("event_date", best.event_date in accepted(exp, "event_date"), f"{best.event_date}")
    if exp.get("historical"):
        year = str(exp.get("event_date", ""))[:4]
        check("historical", best.historical and (best.event_date or "")[:4] == year, f"{best.event_date}")
    else:
        check("historical", not best.historical, "marked historical")
    if "fatalities" in exp:
        check("fatalities", best.fatalities in accepted(exp, "fatalities"), f"{best.fatalities}")
    if exp.get("location_lat") is not None:
        got = best.location.name if best.location else None
        check("location_50km", _location_ok(exp, best), f"{got}")
    if exp.get("location_country"):
        got = best.location.country if best.location else None
        check("location_country", got == exp["location_country"], f"{got}")
    if exp.get("actor1_country"):
        check("actor1_country", _actor_country_ok(exp, best), f"{best.actor1}")
    if exp.get("claimed_by"):
        claims_ok = _claims_ok(exp["claimed_by"], best, accepted_claimants(exp))
        check("claimed_by", claims_ok, f"{[c.name for c in best.claimed_by]}")


def score_article(gold: dict[str, Any], events: list[Event], report: GateReport) -> None:
    name = gold["file"]
    _check_must_not(name, gold.get("must_not") or {}, events, report)
    unmatched = list(events)
    expected = gold.get("events", [])
    # Required records first, in gold order; then the optional (background) ones, so that one of
    # two optional records told in one sentence ("IS seized Hawija in 2014 ... Iraqi forces
    # retook the town in 2017": both triggers in the evidence) takes the event that fits it best.
    for exp in [e for e in expected if not e.get("optional")] + _best_fit_first(
        [e for e in expected if e.get("optional")], events
    ):
        candidates = [e for e in unmatched if _matches(exp, e)]
        if not exp.get("optional"):
            report.tally("event_recall").add(bool(candidates))
        if not candidates:
            if not exp.get("optional"):
                kind = exp.get("sub_event_type") or exp.get("plover_event")
                report.misses.append(f"{name}: missed {kind} ({exp.get('trigger')})")
            continue
        best = max(candidates, key=lambda e: _closeness(exp, e))
        unmatched.remove(best)
        _score_match(name, exp, best, report)
    # Precision over current events: background predictions are allowed where the gold says so.
    allowed_background = gold.get("historical_allowed", False)
    for e in events:
        spurious = e in unmatched and not (e.historical and allowed_background)
        if e.historical and allowed_background and e in unmatched:
            continue
        report.tally("event_precision").add(not spurious)
        if spurious:
            what = e.sub_event_type or (e.plover.event if e.plover else "?")
            report.misses.append(f"{name}: spurious {what}: {e.evidence[0].text[:90] if e.evidence else ''}")


def _best_fit_first(optional: list[dict[str, Any]], events: list[Event]) -> list[dict[str, Any]]:
    """Optional gold records ordered by how closely their best candidate event fits them."""
    def fit(exp: dict[str, Any]) -> int:
        return max((_closeness(exp, e) for e in events if _matches(exp, e)), default=-1)

    return sorted(optional, key=fit, reverse=True)


def run_gate(pipeline: Any) -> GateReport:
    report = GateReport()
    for gold in load_gold():
        (article,) = list(read_path(REPO / gold["file"]))
        assert isinstance(article, Article), article
        score_article(gold, list(pipeline.process([article])), report)
    return report
