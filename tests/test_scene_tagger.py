"""The scene tagger (geo/scene_tagger.py) and how its reading joins the scene model."""

from __future__ import annotations

import json

import numpy as np
import pytest

from sitrep.extract.places import choose_location
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


def test_tag_features_are_tenths_and_the_sentence_favourite() -> None:
    assert scene.tag_features([0.93, 0.2], 0) == ["tag9", "tagtop"]
    assert scene.tag_features([0.93, 0.2], 1) == ["tag2"]
    assert scene.tag_features([1.0], 0) == ["tag9", "tagtop"]
    assert scene.tag_features([0.3, 0.1], 0) == ["tag3"]  # the likeliest, but not likely


def test_the_taggers_reading_decides_between_two_towns() -> None:
    doc = parsed(["Troops", "from", "Aghdam", "shelled", "Shusha", "."],
                 [3, 0, 1, 3, 3, 3], ["nsubj", "prep", "pobj", "ROOT", "dobj", "punct"])  # fmt: skip
    places = [place(doc, 2, AGHDAM), place(doc, 4, SHUSHA)]

    def reads(*probs: float):
        return lambda text, event, spans: list(probs)

    with scene.using_weights({"__threshold__": 0.0, "tag9": 3.0, "tag0": -3.0, "tagtop": 1.0}):
        second = choose_location(doc, mention(doc, 3), places, None, use_context=False, tagger=reads(0.02, 0.97))
        first = choose_location(doc, mention(doc, 3), places, None, use_context=False, tagger=reads(0.97, 0.02))
        none = choose_location(doc, mention(doc, 3), places, None, use_context=False, tagger=reads(0.01, 0.02))
    assert second is not None and second.name == "Shusha"
    assert first is not None and first.name == "Aghdam"
    assert none is None
