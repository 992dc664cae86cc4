"""Event dates: expressions, clause attachment, carrying, defaults, the Karabakh example."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.extract.dates import find_date_expressions, is_historical, resolve_dates
from sitrep.extract.types import EventDate

from .conftest import mention_on

PUBLISHED = date(2023, 9, 19)  # a Tuesday



@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("On September 19", date(2023, 9, 19), "day"),
        ("19 September 2023", date(2023, 9, 19), "day"),
        ("Sept. 19", date(2023, 9, 19), "day"),
        ("on 10 November 2020", date(2020, 11, 10), "day"),
        ("on December 30", date(2022, 12, 30), "day"),  # later than publication: the year before
        ("on Monday", date(2023, 9, 18), "day"),
        ("on Tuesday", date(2023, 9, 19), "day"),  # published on a Tuesday: that same day
        ("last Tuesday", date(2023, 9, 12), "day"),
        ("yesterday", date(2023, 9, 18), "day"),
        ("today", date(2023, 9, 19), "day"),
        ("last night", date(2023, 9, 18), "day"),
        ("overnight", date(2023, 9, 19), "day"),
        ("three days ago", date(2023, 9, 16), "day"),
        ("earlier this week", date(2023, 9, 18), "week"),
        ("last week", date(2023, 9, 11), "week"),
        ("last month", date(2023, 8, 1), "month"),
        ("in March", date(2023, 3, 1), "month"),
        ("in October", date(2022, 10, 1), "month"),
        ("in 2020", date(2020, 1, 1), "year"),
        ("since 1991", date(1991, 1, 1), "year"),
        ("in the 1990s", date(1990, 1, 1), "year"),
        ("2023-09-17", date(2023, 9, 17), "day"),
    ],
)
def test_expressions(text: str, value: date, precision: str) -> None:
    (expr,) = find_date_expressions(text, PUBLISHED)
    assert (expr.value, expr.precision) == (value, precision)


@pytest.mark.parametrize(
    "text",
    ["a 19-year-old man", "during 44-day-long clashes", "2020 people marched", "protesters march", "you may go"],
)
def test_not_dates(text: str) -> None:
    assert find_date_expressions(text, PUBLISHED) == []


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("the same day", 0),
        ("the next day", 1),
        ("two days later", 2),
        ("the day before", -1),
        ("In the afternoon", 0),  # a time of day with no day named: the day being told
        ("later in the day", 0),
    ],
)
def test_anaphoric_offsets(text: str, offset: int) -> None:
    (expr,) = find_date_expressions(text, PUBLISHED)
    assert (expr.kind, expr.offset_days) == ("anaphoric", offset)


@pytest.mark.parametrize(
    ("value", "precision", "historical"),
    [
        (date(2023, 9, 1), "day", False),
        (date(2023, 8, 1), "day", True),
        (date(2023, 8, 1), "month", False),
        (date(2023, 3, 1), "month", True),
        (date(2022, 1, 1), "year", True),
        (date(2023, 1, 1), "year", False),
    ],
)
def test_historical(value: date, precision: str, historical: bool) -> None:
    assert is_historical(value, precision, PUBLISHED) is historical


@pytest.mark.parametrize(
    ("text", "trigger", "value", "precision", "historical"),
    [
        ("Gunmen attacked a village on Monday.", "attacked", date(2023, 9, 18), "day", False),
        ("Gunmen attacked a village in the north.", "attacked", PUBLISHED, "day", False),  # the default
        ("Militants stormed the base last week.", "stormed", date(2023, 9, 11), "week", False),
        # the date belongs to the agreement's clause, not to the shelling
        (
            "Troops shelled the town, contrary to the ceasefire agreement signed on 10 November 2020.",
            "shelled",
            PUBLISHED,
            "day",
            False,
        ),
        (
            "Protesters gathered on Monday on the anniversary of the 2014 massacre.",
            "gathered",
            date(2023, 9, 18),
            "day",
            False,
        ),
        (
            "Protesters gathered on Monday on the anniversary of the 2014 massacre.",
            "massacre",
            date(2014, 1, 1),
            "year",
            True,
        ),
        ("In 2020, the army launched an offensive in the region.", "offensive", date(2020, 1, 1), "year", True),
        # a date bounding a comparison dates no event: the default (or the stated day) stands
        ("Gunmen killed nine people, one of the deadliest attacks this year.", "attacks", PUBLISHED, "day", False),
        ("It was the biggest protest since 2019, organisers said.", "protest", PUBLISHED, "day", False),
    ],
)
def test_attachment(nlp, text: str, trigger: str, value: date, precision: str, historical: bool) -> None:
    doc = nlp(text)
    (got,) = resolve_dates(doc, [mention_on(doc, trigger)], PUBLISHED)
    assert (got.value, got.precision, got.historical) == (value, precision, historical)


def test_two_clauses_two_dates(nlp) -> None:
    doc = nlp("Gunmen killed five villagers on Sunday, and a bomb exploded in the market on Monday.")
    got = resolve_dates(doc, [mention_on(doc, "killed"), mention_on(doc, "exploded")], PUBLISHED)
    assert [d.value for d in got] == [date(2023, 9, 17), date(2023, 9, 18)]


def test_carried_within_paragraph_not_across(nlp) -> None:
    doc = nlp("Rebels attacked the town on Saturday. They burned the market.\n\nSoldiers arrested a man.")
    mentions = [mention_on(doc, "attacked"), mention_on(doc, "burned"), mention_on(doc, "arrested")]
    got = resolve_dates(doc, mentions, PUBLISHED)
    assert [d.value for d in got] == [date(2023, 9, 16), date(2023, 9, 16), PUBLISHED]


def test_anaphora_follows_previous_mention(nlp) -> None:
    doc = nlp("Rebels attacked the town on Saturday.\n\nThe next day, soldiers shelled their camp.")
    got = resolve_dates(doc, [mention_on(doc, "attacked"), mention_on(doc, "shelled")], PUBLISHED)
    assert [d.value for d in got] == [date(2023, 9, 16), date(2023, 9, 17)]


def test_no_publication_date(nlp) -> None:
    doc = nlp("Gunmen attacked a village on Monday. On 3 May 2021 a bomb exploded.")
    got = resolve_dates(doc, [mention_on(doc, "attacked"), mention_on(doc, "exploded")], None)
    assert got[0] == EventDate(None, None, False, "on Monday")
    assert got[1].value == date(2021, 5, 3)


def test_output_follows_input_order(nlp) -> None:
    doc = nlp("Rebels attacked the town on Saturday. Soldiers shelled the camp on Sunday.")
    got = resolve_dates(doc, [mention_on(doc, "shelled"), mention_on(doc, "attacked")], PUBLISHED)
    assert [d.value for d in got] == [date(2023, 9, 17), date(2023, 9, 16)]


def test_karabakh(nlp, karabakh_article) -> None:
    published = karabakh_article.published
    doc = nlp(karabakh_article.text)
    triggers = [("launched", 0), ("fire", 0), ("exploded", 0), ("explosion", 0), ("occupied", 0), ("clashes", 0)]
    got = resolve_dates(doc, [mention_on(doc, w, n) for w, n in triggers], published)
    current = [(d.value, d.precision, d.historical) for d in got[:4]]
    assert current == [(date(2023, 9, 19), "day", False)] * 4
    assert (got[4].value, got[4].precision, got[4].historical) == (date(1991, 1, 1), "year", True)
    assert (got[5].value, got[5].precision, got[5].historical) == (date(2020, 1, 1), "year", True)


def test_coordinated_predicates_share_their_date(nlp) -> None:
    doc = nlp("Police fired tear gas and arrested 23 people yesterday as they broke up a protest.")
    (got,) = resolve_dates(doc, [mention_on(doc, "gas")], PUBLISHED)
    assert got.value == date(2023, 9, 18)


def test_the_reported_clause_dates_the_event_not_the_reporting(nlp) -> None:
    # the parser hangs "on Thursday evening" on the participle "packed"; "on Friday" is when officials spoke
    doc = nlp(
        "A suicide bomber rammed a car packed with explosives into a police checkpoint on the outskirts of Bannu "
        "on Thursday evening, killing at least 11 people, officials said on Friday."
    )
    (got,) = resolve_dates(doc, [mention_on(doc, "bomber")], date(2024, 10, 25))
    assert got.value == date(2024, 10, 24)


@pytest.mark.parametrize(
    ("text", "second"),
    [
        # the thing acted on carries the time, and "the same day" points back to it
        ("Experts defused a car bomb parked near a busy market in Kirkuk on Tuesday, and two police officers "
         "were wounded the same day when a second device exploded near Hawija, security officials said.",
         "exploded"),
        # a time of day with no day named continues the day told before
        ("Experts defused a car bomb in Kirkuk on Tuesday, security officials said.\n\n"
         "In the afternoon, a bomb hidden in a culvert near Hawija went off while police worked on it.", "off"),
    ],
)  # fmt: skip
def test_a_later_mention_keeps_the_day_told_before(nlp, text: str, second: str) -> None:
    doc = nlp(text)
    got = resolve_dates(doc, [mention_on(doc, "defused"), mention_on(doc, second)], date(2023, 10, 11))
    assert [d.value for d in got] == [date(2023, 10, 10), date(2023, 10, 10)]


def test_the_day_an_account_was_given_is_when_it_was_told(nlp) -> None:
    doc = nlp("The army and the rebels gave different accounts on Friday of fighting near the town of Mae Sot.")
    (got,) = resolve_dates(doc, [mention_on(doc, "fighting")], date(2024, 4, 12))
    assert (got.value, got.reported) == (date(2024, 4, 12), True)


def test_a_date_said_before_the_reported_clause_is_when_it_was_said(nlp) -> None:
    doc = nlp("Burkina Faso's army said on Sunday it had retaken the northern town of Titao.")
    (got,) = resolve_dates(doc, [mention_on(doc, "retaken")], date(2024, 3, 11))
    assert (got.value, got.reported) == (date(2024, 3, 10), True)
    doc = nlp("Troops retook the town on Saturday, the army said.")
    (got,) = resolve_dates(doc, [mention_on(doc, "retook")], date(2024, 3, 11))
    assert (got.value, got.reported) == (date(2024, 3, 9), False)


def test_a_clause_inside_the_reported_one_keeps_its_own_time(nlp) -> None:
    doc = nlp("On Monday, the group said in a statement that it was suspending the unilateral ceasefire it had "
              "declared in January.")
    got = resolve_dates(doc, [mention_on(doc, "suspending"), mention_on(doc, "ceasefire")], date(2024, 9, 17))
    assert [(d.value, d.reported) for d in got] == [(date(2024, 9, 16), True), (date(2024, 1, 1), False)]


def test_the_day_before_counts_from_the_last_stated_date(nlp) -> None:
    doc = nlp(
        "Students marched in the city on Saturday.\n\nPolice arrested 27 people.\n\n"
        "The day before, police had cleared a sit-in at the university."
    )
    mentions = [mention_on(doc, "marched"), mention_on(doc, "arrested"), mention_on(doc, "cleared")]
    got = resolve_dates(doc, mentions, date(2024, 2, 11))
    assert [d.value for d in got] == [date(2024, 2, 10), date(2024, 2, 11), date(2024, 2, 9)]
