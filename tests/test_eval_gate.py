"""Quality gate: the pipeline on the project's own gold articles, floors pinned.

Floors sit a little below the figures measured when they were set (see the issue
notes); raising them is welcome, lowering them needs a reason in the commit message.
Print the current figures with ``.venv/bin/python -m tests.eval_gate_report``.
"""

from __future__ import annotations

import pytest

from .eval_gate import GOLD_FILE, run_gate

pytestmark = pytest.mark.e2e

# Measured 2026-11-25 (issue #2) on 16 articles: recall 1.000, precision 0.909, sub_event_type
# 1.000, plover_event 0.944, event_date 0.889, fatalities 0.944, location_50km 0.944, claimed_by
# 0.938, actor1_country 1.000, historical 1.000.
# Re-measured the same day on 26 articles, ten of them written as unseen text (first run on them:
# precision 0.448, event_date 0.364, claimed_by 0.400) after the fixes they prompted: recall 0.935,
# precision 0.816, sub_event_type 0.862, plover_event 0.931, event_date 0.828, historical 0.968,
# fatalities 0.966, location_50km 0.967, claimed_by 0.769, actor1_country 0.862. The sub_event_type
# and claimed_by floors are lowered for the larger, harder set, not for a regression.
# Later the same day, after the session's fixes: recall 1.000, precision 0.892, sub_event_type 0.906,
# plover_event 0.968, event_date 0.903, historical 1.000, fatalities 1.000, location_50km 0.969,
# claimed_by 0.857, actor1_country 0.871; floors raised to match.
FLOORS = {
    "event_recall": 0.90,
    "event_precision": 0.85,
    "sub_event_type": 0.88,
    "plover_event": 0.90,
    "event_date": 0.85,
    "historical": 0.95,
    "fatalities": 0.85,
    "location_50km": 0.85,
    "location_country": 0.95,
    "claimed_by": 0.80,
    "actor1_country": 0.85,
}


@pytest.fixture(scope="module")
def report(real_pipeline):
    if not GOLD_FILE.is_file():
        pytest.fail(f"gold file {GOLD_FILE} is missing")
    return run_gate(real_pipeline)


def test_no_hard_violations(report):
    assert report.failures == []


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_metric_at_or_above_floor(report, metric):
    rates = report.rates()
    assert metric in rates, f"no gold item scores {metric}"
    floor = FLOORS[metric]
    assert rates[metric] >= floor, f"{metric} {rates[metric]} < floor {floor}; misses: {report.misses}"
