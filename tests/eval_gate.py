"""Scoring of the pipeline against the project's own gold articles (``tests/articles/``).

Used by ``tests/test_eval_gate.py`` (floors pinned, CI fails on regression) and by
``bench/articles.py``-style runs that print the figures. Each expected event is matched
to at most one predicted event of the same article: same ACLED event type (or, for
events outside ACLED's taxonomy, the same PLOVER event) whose evidence contains the
expected trigger word.
"""

from __future__ import annotations

import json
import math
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


def _matches(expected: dict[str, Any], event: Event) -> bool:
    if expected.get("event_type"):
        same_type = event.event_type == expected["event_type"]
    else:
        same_type = event.plover is not None and event.plover.event == expected.get("plover_event")
    trigger = (expected.get("trigger") or "").lower()
    in_evidence = not trigger or any(trigger in ev.text.lower() for ev in event.evidence)
    return same_type and in_evidence


def _closeness(expected: dict[str, Any], event: Event) -> int:
    score = int(event.sub_event_type == expected.get("sub_event_type"))
    score += int(event.event_date == expected.get("event_date"))
    score += int(event.fatalities == expected.get("fatalities"))
    return score


def _location_ok(expected: dict[str, Any], event: Event) -> bool:
    loc = event.location
    if loc is None or loc.lat is None or loc.lon is None:
        return False
    return km(expected["location_lat"], expected["location_lon"], loc.lat, loc.lon) <= LOCATION_KM


def _claims_ok(expected: Sequence[str], event: Event) -> bool:
    names = [c.name.lower() for c in event.claimed_by]
    return all(any(e.lower() in n or n in e.lower() for n in names) for e in expected)


def score_article(gold: dict[str, Any], events: list[Event], report: GateReport) -> None:
    name = gold["file"]
    must_not = gold.get("must_not") or {}
    current = [e for e in events if not e.historical]
    for text in must_not.get("location_text", []):
        for e in events:
            if e.location is not None and text.lower() in f"{e.location.text} {e.location.name}".lower():
                report.failures.append(f"{name}: event located at forbidden {text!r}: {e.notes}")
    if "event_count_max" in must_not and len(current) > must_not["event_count_max"]:
        report.failures.append(f"{name}: {len(current)} current events > max {must_not['event_count_max']}")
    expected_events = gold.get("events", [])
    if not expected_events and not gold.get("historical_allowed") and current:
        report.failures.append(f"{name}: no-event article gave {len(current)} events: {current[0].notes}")

    unmatched = list(events)
    for exp in expected_events:
        candidates = [e for e in unmatched if _matches(exp, e)]
        report.tally("event_recall").add(bool(candidates))
        if not candidates:
            report.misses.append(f"{name}: missed {exp.get('sub_event_type') or exp.get('plover_event')} ({exp.get('trigger')})")
            continue
        best = max(candidates, key=lambda e: _closeness(exp, e))
        unmatched.remove(best)
        if exp.get("sub_event_type"):
            report.tally("sub_event_type").add(best.sub_event_type == exp["sub_event_type"])
        if exp.get("plover_event"):
            report.tally("plover_event").add(best.plover is not None and best.plover.event == exp["plover_event"])
        if exp.get("event_date"):
            report.tally("event_date").add(best.event_date == exp["event_date"])
        report.tally("historical").add(best.historical == bool(exp.get("historical", False)))
        if "fatalities" in exp:
            ok = best.fatalities == exp["fatalities"]
            report.tally("fatalities").add(ok)
            if not ok:
                report.misses.append(f"{name}: fatalities {best.fatalities} != {exp['fatalities']} ({exp.get('trigger')})")
        if exp.get("location_lat") is not None:
            ok = _location_ok(exp, best)
            report.tally("location_50km").add(ok)
            if not ok:
                report.misses.append(f"{name}: location {best.location and best.location.name} != {exp.get('location_text')}")
        if exp.get("location_country"):
            report.tally("location_country").add(best.location is not None and best.location.country == exp["location_country"])
        if exp.get("actor1_country"):
            report.tally("actor1_country").add(best.actor1 is not None and best.actor1.country == exp["actor1_country"])
        if exp.get("claimed_by"):
            report.tally("claimed_by").add(_claims_ok(exp["claimed_by"], best))
    # Precision: current predicted events that match no expected event (historical
    # predictions are allowed where the gold says background may be coded).
    spurious = [e for e in unmatched if not (e.historical and gold.get("historical_allowed", True))]
    for _ in range(len(events) - len(unmatched)):
        report.tally("event_precision").add(True)
    for e in spurious:
        report.tally("event_precision").add(False)
        report.misses.append(f"{name}: spurious {e.sub_event_type or e.plover.event if e.plover else '?'}: {e.evidence[0].text[:80]}")


def run_gate(pipeline: Any) -> GateReport:
    report = GateReport()
    for gold in load_gold():
        (article,) = list(read_path(REPO / gold["file"]))
        assert isinstance(article, Article), article
        score_article(gold, list(pipeline.process([article])), report)
    return report
