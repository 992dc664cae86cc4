from __future__ import annotations

import io
import json
from datetime import date

import pytest

from sitrep.errors import InputError
from sitrep.ingest import article_from_record, article_from_text, read_inputs, read_stream
from sitrep.models import Article


def test_date_lead_line_gives_published_and_is_stripped_from_body():
    article = article_from_text(" date 2023-09-19 BAKU – Something happened.", article_id="a.txt")
    assert article.published == date(2023, 9, 19)
    assert article.text == "BAKU – Something happened."
    assert article.id == "a.txt"


def test_text_without_lead_line_keeps_all_text():
    article = article_from_text("KYIV — Shelling hit the city.", article_id="b")
    assert article.published is None
    assert article.text.startswith("KYIV")


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"id": "x", "text": "   "}, "empty text"),
        ({"id": "x"}, "missing or non-string 'text'"),
        ({"id": "x", "text": 5}, "missing or non-string 'text'"),
        ({"id": "x", "text": "ok", "published": "yesterday"}, "not an ISO date"),
        ({"id": "x", "text": "a\x00b"}, "binary"),
        (["not", "an", "object"], "expected a JSON object"),
    ],
)
def test_bad_records_raise_input_error_naming_record_and_reason(record, reason):
    with pytest.raises(InputError) as info:
        article_from_record(record, fallback_id="file:3")
    assert reason in info.value.reason
    assert info.value.record in {"x", "file:3"}


def test_published_accepts_iso_timestamp():
    article = article_from_record({"id": "t", "text": "x", "published": "2024-05-12T08:00:00Z"}, fallback_id="f")
    assert article.published == date(2024, 5, 12)


def test_too_large_record_is_rejected():
    with pytest.raises(InputError, match="too large"):
        article_from_record({"id": "big", "text": "x" * 101}, fallback_id="f", max_chars=100)


def test_jsonl_file_bad_lines_are_set_aside_and_the_rest_read(tmp_path):
    path = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": "First."}),
        "{not json",
        json.dumps({"id": "a2", "text": ""}),
        "",
        json.dumps({"id": "a3", "text": "Third.", "outlet": "Wire"}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    results = list(read_inputs([str(path)]))
    good = [r for r in results if isinstance(r, Article)]
    bad = [r for r in results if isinstance(r, InputError)]
    assert [a.id for a in good] == ["a1", "a3"]
    assert good[1].outlet == "Wire"
    assert [b.record for b in bad] == [f"{path}:2", "a2"]


def test_missing_file_and_binary_file_are_errors_not_crashes(tmp_path):
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02garbage")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("caf\xe9".encode("latin-1"))
    results = list(read_inputs([str(tmp_path / "nope.txt"), str(binary), str(latin)]))
    assert all(isinstance(r, InputError) for r in results)
    assert "cannot read file" in results[0].reason
    assert "binary" in results[1].reason
    assert "not UTF-8" in results[2].reason


def test_stdin_jsonl_and_plain_text():
    stream = io.BytesIO(b'{"id": "s1", "text": "One."}\n{"id": "s2", "text": "Two."}\n')
    assert [a.id for a in read_stream(stream)] == ["s1", "s2"]
    plain = list(read_stream(io.BytesIO(b" date 2024-01-02 Hello there.")))
    assert plain[0].published == date(2024, 1, 2)
    assert plain[0].id == "<stdin>"
