"""The gate's scorer itself: a right prediction scores, wrong ones are caught."""

from __future__ import annotations

from sitrep.models import Claim, Event, Evidence, Location, Plover

from .eval_gate import GateReport, score_article

GOLD = {
    "file": "x.txt",
    "events": [
        {
            "event_type": "Protests", "sub_event_type": "Peaceful protest", "plover_event": "PROTEST",
            "event_date": "2024-01-02", "historical": False, "fatalities": None,
            "location_text": "Accra", "location_lat": 5.56, "location_lon": -0.2, "location_country": "GHA",
            "claimed_by": ["Police"], "trigger": "marched",
        }
    ],
    "must_not": {"location_text": ["Kumasi"], "event_count_max": 1},
}  # fmt: skip


def _event(*, lat: float, name: str, sub: str = "Peaceful protest", fatalities: int | None = None) -> Event:
    return Event(
        event_id="e", article_id="x", event_date="2024-01-02", date_precision="day", historical=False,
        event_type="Protests", sub_event_type=sub, disorder_type="Demonstrations", plover=Plover("PROTEST"),
        actor1=None, actor2=None,
        location=Location(name, None, lat, -0.2, "GHA", None, None, 1, name, 0, 5),
        fatalities=fatalities, injured=None, claimed_by=(Claim("Ghana Police"),),
        evidence=(Evidence("x", 0, 30, "Hundreds marched through Accra."),),
    )  # fmt: skip


def test_right_prediction_scores_full_marks():
    report = GateReport()
    score_article(GOLD, [_event(lat=5.56, name="Accra")], report)
    assert report.failures == []
    assert all(rate == 1.0 for rate in report.rates().values()), report.rates()


def test_wrong_fields_and_forbidden_places_are_caught():
    report = GateReport()
    score_article(GOLD, [_event(lat=6.69, name="Kumasi", sub="Protest with intervention", fatalities=3)], report)
    rates = report.rates()
    assert rates["sub_event_type"] == 0.0
    assert rates["fatalities"] == 0.0
    assert rates["location_50km"] == 0.0
    assert any("forbidden 'Kumasi'" in f for f in report.failures)


def test_missed_and_spurious_events_lower_recall_and_precision():
    report = GateReport()
    spurious = _event(lat=5.56, name="Accra")
    spurious = Event(**{**spurious.__dict__, "event_type": "Riots"})
    score_article(GOLD, [spurious], report)
    assert report.rates()["event_recall"] == 0.0
    assert report.rates()["event_precision"] == 0.0


def test_an_optional_record_takes_the_event_that_fits_it_best():
    # two background records told in one sentence: the one event emitted is the second's
    sentence = "Rebels took the town in 2010 and held it until troops retook it in May 2015."
    background = {"historical": True, "optional": True, "event_type": "Battles", "location_text": "Accra"}
    gold = {
        "file": "y.txt",
        "events": [
            {**background, "sub_event_type": "Non-state actor overtakes territory", "event_date": "2010",
             "trigger": "took"},
            {**background, "sub_event_type": "Government regains territory", "event_date": "2015-05",
             "trigger": "retook"},
        ],
        "historical_allowed": True,
    }  # fmt: skip
    retaken = Event(**{
        **_event(lat=5.56, name="Accra").__dict__, "event_type": "Battles",
        "sub_event_type": "Government regains territory", "event_date": "2015-05", "historical": True,
        "evidence": (Evidence("y", 0, len(sentence), sentence),),
    })  # fmt: skip
    report = GateReport()
    score_article(gold, [retaken], report)
    assert report.misses == []
    assert report.rates()["sub_event_type"] == 1.0
