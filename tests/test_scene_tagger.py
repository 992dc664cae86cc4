"""The scene tagger (geo/scene_tagger.py) and how its reading joins the scene model."""

from __future__ import annotations

import json

import numpy as np
import pytest

from sitrep.extract.places import choose_location
from sitrep.extract.types import ResolvedPlace
from sitrep.geo import scene
from sitrep.geo.scene_tagger import WEIGHTS, load_scene_tagger
from sitrep.resources import data_path

from .test_places import AGHDAM, SHUSHA, mention, parsed, place


def test_the_numpy_tagger_matches_torch_on_the_shipped_weights() -> None:
    if not data_path(WEIGHTS).is_file():
        pytest.skip("no scene tagger ships")
    with data_path(WEIGHTS).open("rb") as fh, np.load(fh) as data:
        reference = json.loads(str(data["meta"]))["reference"]
    tagger = load_scene_tagger()
    assert tagger is not None
    for (text, verb, places), expected in zip(reference["sentences"], reference["probs"], strict=True):
        start = text.index(verb)
        spans = [(text.index(p), text.index(p) + len(p)) for p in places]
        assert tagger(text, (start, start + len(verb)), spans) == pytest.approx(expected, abs=2e-3)
    # the place where the killing happened, not the speaker's town
    text, verb, places = reference["sentences"][0]
    start = text.index(verb)
    spans = [(text.index(p), text.index(p) + len(p)) for p in places]
    karvino, lomara = tagger(text, (start, start + len(verb)), spans)
    assert karvino > 0.5 > lomara


def test_tag_features_are_log_odds_the_lead_and_the_sentence_favourite() -> None:
    assert scene.tag_features([0.93, 0.2], 0) == ["taglogit*2.587", "tagmargin*0.730", "tagtop"]
    assert scene.tag_features([0.93, 0.2], 1) == ["taglogit*-1.386", "tagmargin*-0.730"]
    assert scene.tag_features([1.0], 0) == ["taglogit*6.907", "tagmargin*1.000", "tagtop"]  # clipped at 0.999
    assert "tagtop" not in scene.tag_features([0.3, 0.1], 0)  # the likeliest, but not likely


def test_a_valued_feature_is_worth_its_value_times_its_weight() -> None:
    assert scene.feature_value("taglogit*-1.5") == ("taglogit", -1.5)
    assert scene.feature_value("tag9") == ("tag9", 1.0)
    with scene.using_weights({"taglogit": 0.5, "tag9": 1.0}):
        assert scene.score(["tag9", "taglogit*-1.5", "unknown"]) == pytest.approx(0.25)


def test_the_taggers_reading_decides_between_two_towns() -> None:
    doc = parsed(["Troops", "from", "Aghdam", "shelled", "Shusha", "."],
                 [3, 0, 1, 3, 3, 3], ["nsubj", "prep", "pobj", "ROOT", "dobj", "punct"])  # fmt: skip
    places = [place(doc, 2, AGHDAM), place(doc, 4, SHUSHA)]

    def reads(*probs: float):
        return lambda text, event, spans: [*probs, *[0.0] * (len(spans) - len(probs))]

    with scene.using_weights({"__threshold__": 0.0, "taglogit": 1.0, "tagtop": 1.0}):
        second = choose_location(doc, mention(doc, 3), places, None, use_context=False, tagger=reads(0.02, 0.97))
        first = choose_location(doc, mention(doc, 3), places, None, use_context=False, tagger=reads(0.97, 0.02))
        none = choose_location(doc, mention(doc, 3), places, None, use_context=False, tagger=reads(0.01, 0.02))
    assert second is not None and second.name == "Shusha"
    assert first is not None and first.name == "Aghdam"
    assert none is None


def _reads_words(sure: dict[str, float]):
    """A tagger reading each span as the surest of the words in ``sure`` it holds (else 0.01)."""
    return lambda text, event, spans: [
        max([p for w, p in sure.items() if w in text[a:b]], default=0.01) for a, b in spans]


def test_a_name_no_one_reported_is_proposed_when_the_tagger_is_sure_of_it() -> None:
    doc = parsed(["Gunmen", "stormed", "the", "Heart", "Hospital", "on", "Monday", "."],
                 [1, 1, 4, 4, 1, 1, 5, 1],
                 ["nsubj", "ROOT", "det", "compound", "dobj", "prep", "pobj", "punct"])  # fmt: skip
    with scene.using_weights({"__threshold__": 0.0}):
        loc = choose_location(doc, mention(doc, 1), [], None, use_context=False,
                              tagger=_reads_words({"Heart": 0.95, "Hospital": 0.6}))
        unsure = choose_location(doc, mention(doc, 1), [], None, use_context=False,
                                 tagger=_reads_words({"Heart": 0.6, "Hospital": 0.6}))
        untagged = choose_location(doc, mention(doc, 1), [], None, use_context=False, tagger=None)
    assert loc is not None and loc.text == "Heart Hospital" and loc.geonameid is None  # the determiner left out
    assert unsure is None and untagged is None


def test_a_proposal_needs_a_capital_and_no_reported_place() -> None:
    doc = parsed(["Troops", "recaptured", "the", "desert", "city", "near", "Armenian", "posts", "."],
                 [1, 1, 4, 4, 1, 1, 7, 5, 1],
                 ["nsubj", "ROOT", "det", "compound", "dobj", "prep", "amod", "pobj", "punct"])  # fmt: skip
    armenian = place(doc, 6, None)
    armenian = ResolvedPlace(armenian.start, armenian.end, armenian.text, None, 0.8, kind="demonym")
    with scene.using_weights({"__threshold__": 0.0}):
        loc = choose_location(doc, mention(doc, 1), [armenian], None, use_context=False,
                              tagger=_reads_words({"desert": 0.95, "Armenian": 0.95}))
    assert loc is None  # "desert" has no capital; "Armenian" is a demonym the geoparser reported


def test_a_place_past_what_the_tagger_read_has_no_reading() -> None:
    assert scene.tag_features([0.8, float("nan")], 1) == []
    assert scene.tag_features([0.8, float("nan")], 0) == ["taglogit*1.386", "tagmargin*0.800", "tagtop"]
    if not data_path(WEIGHTS).is_file():
        pytest.skip("no scene tagger ships")
    tagger = load_scene_tagger()
    assert tagger is not None
    text = "Troops shelled Aghdam " + "and then they shelled the hills again " * 40 + "near Shusha."
    aghdam, shusha = (text.index("Aghdam"), text.index("Aghdam") + 6), (text.index("Shusha"), text.index("Shusha") + 6)
    near, far = tagger(text, (7, 14), [aghdam, shusha])
    assert 0.0 <= near <= 1.0 and np.isnan(far)
