from __future__ import annotations

import spacy

from sitrep.nlp.components import (
    DATELINE_BOUNDARY,
    LAYOUT_BOUNDARY,
    add_sitrep_components,
    dateline_boundary,
    layout_boundary,
)


def test_dateline_becomes_its_own_sentence_start():
    nlp = spacy.blank("en")
    doc = dateline_boundary(nlp("PORT SUDAN – At least 14 people were killed."))
    starts = [t.text for t in doc if t.is_sent_start]
    assert "At" in starts


def test_no_dateline_leaves_doc_alone():
    nlp = spacy.blank("en")
    doc = dateline_boundary(nlp("At least 14 people were killed in Port Sudan."))
    assert [t.i for t in doc if t.is_sent_start] in ([], [0])


def test_component_is_added_once_before_the_parser():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    add_sitrep_components(nlp)
    add_sitrep_components(nlp)
    assert nlp.pipe_names.count(DATELINE_BOUNDARY) == 1
    assert nlp.pipe_names.count(LAYOUT_BOUNDARY) == 1
    doc = nlp("KYIV, Ukraine (AP) — Drones hit the city. Two died.")
    assert [s.text for s in doc.sents][0].startswith("KYIV")
    assert any(s.text.startswith("Drones") for s in doc.sents)


def test_layout_break_before_a_capital_starts_a_sentence():
    nlp = spacy.blank("en")
    doc = layout_boundary(nlp("Homs, Syria    On Friday, nine soldiers were killed.\n\n12 more died later."))
    starts = [t.text for t in doc if t.is_sent_start and t.i > 0]
    assert starts == ["On", "12"]


def test_space_runs_inside_a_sentence_are_left_alone():
    nlp = spacy.blank("en")
    # one extra space, and a run before lower case (mojibake of an apostrophe), stay in the sentence
    doc = layout_boundary(nlp("Gunmen  Killed the governor   s guard and  two   others."))
    assert [t.i for t in doc if t.is_sent_start and t.i > 0] == []
