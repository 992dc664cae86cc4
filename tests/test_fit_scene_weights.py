"""The scene-model fit script (scripts/fit_scene_weights.py): folds, fit and decision on toy sentences."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytest.importorskip("scipy")

_PATH = Path(__file__).resolve().parents[1] / "scripts" / "fit_scene_weights.py"


@pytest.fixture(scope="module")
def fsw():
    spec = importlib.util.spec_from_file_location("fit_scene_weights", _PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_records_of_one_wire_story_share_a_fold(fsw) -> None:
    a = {"id": "APW_ENG_20031101.0130_5_shoot", "text": "one"}
    b = {"id": "APW_ENG_20031101.0130_9_kill", "text": "another"}
    assert fsw.group_of(a) == fsw.group_of(b) == "APW_ENG_20031101.0130"
    assert fsw.fold_of(a, 5) == fsw.fold_of(b, 5)
    assert fsw.group_of({"id": "-812055", "text": "a text"}) == "a text"


def _toy(fsw) -> list:
    item = fsw.Item
    sentences = []
    for n in range(40):
        # the place after "in" is the scene; a place that names an actor never is; "unlinked" ones mean none
        sentences.append(fsw.Sentence(n, True, [item(["bias", "gov=in"], True, 10, True),
                                                item(["bias", "names_actor"], False, 0, True)]))
        sentences.append(fsw.Sentence(n, False, [item(["bias", "unlinked"], False, 5, True)]))
    return sentences


def test_fit_learns_the_scene_and_the_bar(fsw) -> None:
    sentences = _toy(fsw)
    weights = fsw.fit(sentences, l2=1.0)
    assert weights["gov=in"] > weights["names_actor"] and weights["gov=in"] > weights["unlinked"]
    bar = fsw.best_bar(weights, sentences)
    assert fsw.accuracy(weights, sentences, bar) == 1.0


def test_decide_follows_the_benchmark_ties_and_eligibility(fsw) -> None:
    item = fsw.Item
    weights = {"a": 1.0}
    tie = fsw.Sentence(0, True, [item(["a"], False, 20, True), item(["a"], True, 3, True)])
    assert fsw.decide(weights, tie, 0.0) is tie.items[1]  # equal scores: the earlier place
    barred = fsw.Sentence(1, True, [item(["a"], True, 3, False)])
    assert fsw.decide(weights, barred, 0.0) is None  # the best place names an actor: none at all
    assert fsw.decide(weights, tie, 1.0) is None  # nothing clears the bar
    assert fsw.error_kind(weights, barred, 0.0) == "missed: gold named, none given"


def test_saved_tagger_readings_answer_like_the_tagger(fsw, tmp_path) -> None:
    import numpy as np

    # pieces of "Fighting in Karvino and Lomara" starting at char 100 of the record's text
    saved = tmp_path / "v.npz"
    np.savez(saved, ids=np.array(["r1"]), bounds=np.array([0, 4]), starts=np.array([100, 109, 112, 121]),
             ends=np.array([108, 112, 119, 127]), probs=np.array([0.1, 0.9, 0.7, 0.2], dtype=np.float32))  # fmt: skip
    (starts, ends, probs), = fsw.load_tag_verdicts(saved).values()
    tags = fsw.SavedTags(starts, ends, probs, base=100)
    # spans relative to the sentence: "Karvino" (9-19, two pieces), "Lomara" (21-27), past the pieces read (40-45)
    karvino, lomara, past = tags("", (0, 8), [(9, 19), (21, 27), (40, 45)])
    assert (karvino, lomara) == pytest.approx((0.9, 0.2)) and np.isnan(past)  # no reading, as the tagger answers
