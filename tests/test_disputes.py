"""Sources within one article that contradict each other (``extract/disputes.py``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.extract.disputes import OUTLET, denial_about, denial_verb, toll_disputes
from sitrep.extract.merge import EventDraft
from sitrep.extract.types import Casualties, EventDate, EventMention
from sitrep.ingest.readers import read_path
from sitrep.models import Claim, Dispute

ARTICLES = Path(__file__).parent / "articles"


def _draft(sent: int, fatalities: int | None, *claimants: str, injured: int | None = None) -> EventDraft:
    mention = EventMention(sent, 0, "Battles", "Armed clash", "Political violence", "FIGHT", None, (), 0.8)
    return EventDraft(
        mention=mention, sent_start=sent * 10, sent_end=sent * 10 + 9, sent_text="", date=EventDate(
            date(2024, 4, 8), "day", False), claims=tuple(Claim(c) for c in claimants), actor1=None, actor2=None,
        location=None, casualties=Casualties(fatalities, injured),
    )  # fmt: skip


def test_two_voices_with_two_tolls_are_a_dispute():
    members = [_draft(1, 40, "Army"), _draft(3, 5, "Rebels")]
    assert toll_disputes(members, article_id="a") == [Dispute("fatalities", ("Army", "Rebels"), ("40", "5"), "a")]


def test_one_voice_updating_its_toll_is_no_dispute():
    assert toll_disputes([_draft(0, 3, "Police"), _draft(2, 5, "Police")]) == []
    assert toll_disputes([_draft(0, 3, "Army"), _draft(2, 3, "Rebels")]) == []  # they agree
    assert toll_disputes([_draft(0, 3, "Army"), _draft(2, None, "Rebels")]) == []  # one states none


def test_a_lede_with_both_sources_speaks_for_the_one_left():
    # "killing four soldiers, a military officer said. Al-Shabaab said it was behind the attack."
    # then al-Shabaab's own "more than ten": the lede's four is the officer's figure.
    members = [_draft(0, 4, "Army", "Al-Shabaab"), _draft(4, 10, "Al-Shabaab")]
    assert toll_disputes(members) == [Dispute("fatalities", ("Army", "Al-Shabaab"), ("4", "10"))]


def test_the_outlets_own_figure_and_injured_counts():
    members = [_draft(0, None, injured=6), _draft(2, None, "Hospital", injured=9)]
    assert toll_disputes(members) == [Dispute("injured", (OUTLET, "Hospital"), ("6", "9"))]


@pytest.mark.parametrize(
    ("sentence", "about"),
    [
        ("A KNLA spokesman dismissed that account as propaganda.", "account"),
        ("The rebels denied any involvement in the attack.", "responsibility"),
        ("The army denied shelling the market.", "responsibility"),
        ("Police rejected the claim.", "account"),
    ],
)
def test_specific_denials(nlp, sentence, about):
    verb = denial_verb(next(nlp(sentence).sents))
    assert verb is not None
    assert denial_about(verb) == about


@pytest.mark.parametrize(
    "sentence",
    [
        "It has in the past denied targeting civilians.",  # habitual: answers no event
        "The ministry did not deny the report.",  # negated
        "Protesters were killed after police fired on the crowd.",  # no denial at all
    ],
)
def test_no_denial(nlp, sentence):
    assert denial_verb(next(nlp(sentence).sents)) is None


def _extract(real_pipeline, name: str):
    (article,) = list(read_path(ARTICLES / name))
    return list(real_pipeline.process([article]))


def test_end_to_end_a_denied_account(real_pipeline):
    events = _extract(real_pipeline, "myanmar-kawkareik-clash.txt")
    disputes = [d for e in events for d in e.disputes]
    assert Dispute(
        "account", ("Military of Myanmar", "Karen National Liberation Army"), ("asserts", "denies"),
        "myanmar-kawkareik-clash.txt",
    ) in disputes  # fmt: skip


def test_end_to_end_two_tolls(real_pipeline):
    (event,) = [e for e in _extract(real_pipeline, "somalia-beledweyne-ied.txt") if not e.historical]
    assert event.fatalities == 4  # ACLED's lowest credible figure
    assert [(d.about, d.says) for d in event.disputes] == [("fatalities", ("4", "10"))]
    assert event.to_dict()["disputes"][0]["parties"] == ["Military of Somalia", "Al-Shabaab"]


def test_end_to_end_no_dispute_where_sources_agree(real_pipeline):
    for name in ("sudan-el-fasher-airstrike.txt", "ukraine-dnipro-missile.txt", "kenya-kisumu-protest-teargas.txt"):
        assert all(e.disputes == () for e in _extract(real_pipeline, name)), name


def test_merging_reports_keeps_every_articles_disputes_once():
    from sitrep.models import Article, Event
    from sitrep.resolve.fold import add_report, start_event

    def report(n: int, dispute: Dispute) -> tuple[Event, Article]:
        article = Article(id=f"a{n}", text="Fighting near the town.", published=date(2024, 4, 10))
        event = Event(
            event_id=f"e{n}", article_id=article.id, event_date="2024-04-08", date_precision="day", historical=False,
            event_type="Battles", sub_event_type="Armed clash", disorder_type="Political violence", plover=None,
            actor1=None, actor2=None, location=None, fatalities=5, injured=None, disputes=(dispute,),
        )  # fmt: skip
        return event, article

    first = Dispute("fatalities", ("Army", "Rebels"), ("40", "5"), "a1")
    second = Dispute("account", ("Army", "Rebels"), ("asserts", "denies"), "a2")
    merged = start_event(*report(1, first))
    merged = add_report(merged, *report(2, second))
    merged = add_report(merged, *report(1, first))  # the same article again adds nothing
    assert merged.event.disputes == (first, second)


@pytest.mark.parametrize(
    "sentence",
    ["The Pakistani Taliban said it had no part in the attack.", "The group said it had nothing to do with the blast."],
)
def test_saying_one_had_no_part_is_a_denial_of_responsibility(nlp, sentence):
    verb = denial_verb(next(nlp(sentence).sents))
    assert verb is not None and denial_about(verb) == "responsibility"
