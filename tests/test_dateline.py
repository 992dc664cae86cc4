"""Datelines: the filing place at the head of a story."""

from __future__ import annotations

import pytest
import spacy

from sitrep.nlp.dateline import find_dateline, find_dateline_in_text


@pytest.mark.parametrize(
    ("text", "place", "body_starts"),
    [
        ("BAKU – Azerbaijan has launched", "BAKU", "Azerbaijan"),
        ("KYIV, Ukraine (AP) — Russian forces", "KYIV", "Russian"),
        ("WASHINGTON (Reuters) - The Senate", "WASHINGTON", "The"),
        ("GAZA CITY, March 3 (Reuters) - Israeli", "GAZA CITY", "Israeli"),
        ("  NEW YORK — Stocks fell", "NEW YORK", "Stocks"),
        ("UNITED NATIONS (AP) — The council", "UNITED NATIONS", "The"),
        ("Kyiv (Reuters) - Ukraine said", "Kyiv", "Ukraine"),
        ("ISLAMABAD, Pakistan, Jan. 5 (AFP) -- Police", "ISLAMABAD", "Police"),
    ],
)
def test_dateline_found_with_place_and_body_start(text: str, place: str, body_starts: str) -> None:
    found = find_dateline_in_text(text)
    assert found is not None
    assert found.text == place
    assert text[found.start:found.end] == place
    assert text[found.span_end:].startswith(body_starts)


@pytest.mark.parametrize(
    "text",
    [
        "Officials said – nothing more.",
        "The U.S. said: yes.",
        "He said - ok",
        "UPDATE – the story continues",
        "Azerbaijan has launched an operation – officials said.",
    ],
)
def test_no_dateline(text: str) -> None:
    assert find_dateline_in_text(text) is None


def test_dateline_only_at_the_head() -> None:
    assert find_dateline_in_text("The army said on Monday.\nBAKU – more") is None


def test_find_dateline_reads_the_doc_text() -> None:
    doc = spacy.blank("en")("BAKU – Azerbaijan has launched an operation.")
    found = find_dateline(doc)
    assert found is not None and (found.start, found.end) == (0, 4)
