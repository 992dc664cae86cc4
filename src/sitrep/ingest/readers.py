"""Read articles from plain text, JSON Lines and standard input.

Every reader yields ``Article`` for a good record and ``InputError`` for a bad one,
so a caller counts and reports the bad ones and carries on: one broken record never
stops a run. Nothing here raises for a bad record.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from sitrep.errors import InputError
from sitrep.models import Article

# ` date 2023-09-19 BAKU – ...`: the lead line of the plain-text format (contract).
_DATE_LEAD = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})[ \t]*")
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json"})
DEFAULT_MAX_CHARS = 2_000_000

ReadResult = Article | InputError


def parse_published(value: Any, *, record: str) -> date | None:
    """``YYYY-MM-DD`` or an ISO timestamp to a date; ``None``/empty stays ``None``."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise InputError(record, f"'published' must be a string, not {type(value).__name__}")
    text = value.strip()
    try:
        return date.fromisoformat(text[:10]) if len(text) >= 10 else date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError as exc:
        raise InputError(record, f"'published' is not an ISO date: {value!r}") from exc


def check_text(text: str, *, record: str, max_chars: int) -> None:
    """Raise ``InputError`` for text sitrep will not process."""
    if not text.strip():
        raise InputError(record, "empty text")
    if "\x00" in text:
        raise InputError(record, "binary content (NUL bytes)")
    if len(text) > max_chars:
        raise InputError(record, f"too large ({len(text):,} characters; limit {max_chars:,})")


def article_from_text(
    raw: str, *, article_id: str, max_chars: int = DEFAULT_MAX_CHARS
) -> Article:
    """A plain-text article; an optional ` date YYYY-MM-DD` lead gives the publication date.

    The date prefix is removed and the rest is the body: every offset in the output
    refers to that body.
    """
    published = None
    body = raw
    match = _DATE_LEAD.match(raw)
    if match:
        published = parse_published(match.group(1), record=article_id)
        body = raw[match.end() :]
    check_text(body, record=article_id, max_chars=max_chars)
    return Article(id=article_id, text=body, published=published)


def article_from_record(
    record: Any, *, fallback_id: str, max_chars: int = DEFAULT_MAX_CHARS
) -> Article:
    """A JSON Lines record ``{"id", "text", "title"?, "published"?, "url"?, "outlet"?, "language"?}``."""
    if not isinstance(record, dict):
        raise InputError(fallback_id, f"expected a JSON object, got {type(record).__name__}")
    rid = record.get("id")
    article_id = str(rid) if rid not in (None, "") else fallback_id
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(article_id, "missing or non-string 'text'")
    check_text(text, record=article_id, max_chars=max_chars)
    optional = {}
    for key in ("title", "url", "outlet", "language"):
        value = record.get(key)
        optional[key] = str(value) if value is not None else None
    published = parse_published(record.get("published"), record=article_id)
    return Article(id=article_id, text=text, published=published, **optional)


def read_jsonl_lines(
    lines: Iterable[str | bytes], *, name: str, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[ReadResult]:
    for lineno, line in enumerate(lines, start=1):
        where = f"{name}:{lineno}"
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield InputError(where, f"not UTF-8 ({exc.reason} at byte {exc.start})")
                continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"invalid JSON ({exc.msg}, column {exc.colno})")
            continue
        try:
            yield article_from_record(record, fallback_id=where, max_chars=max_chars)
        except InputError as exc:
            yield exc


def _decode(data: bytes, *, record: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(record, "binary content (NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(record, f"not UTF-8 ({exc.reason} at byte {exc.start})") from exc


def read_path(path: Path, *, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[ReadResult]:
    """Articles in one file: JSON Lines by suffix, else one plain-text article."""
    name = str(path)
    if path.suffix.lower() in JSONL_SUFFIXES:
        try:
            with path.open("rb") as handle:
                yield from read_jsonl_lines(handle, name=name, max_chars=max_chars)
        except OSError as exc:
            yield InputError(name, f"cannot read file ({exc.strerror or exc})")
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(name, f"cannot read file ({exc.strerror or exc})")
        return
    try:
        yield article_from_text(_decode(data, record=path.name), article_id=path.name, max_chars=max_chars)
    except InputError as exc:
        yield exc


def read_stream(stream: IO[bytes], *, name: str = "<stdin>", max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[ReadResult]:
    """Standard input: JSON Lines when it starts with ``{``, else one plain-text article."""
    data = stream.read()
    if data.lstrip()[:1] == b"{":
        yield from read_jsonl_lines(data.splitlines(), name=name, max_chars=max_chars)
        return
    try:
        yield article_from_text(_decode(data, record=name), article_id=name, max_chars=max_chars)
    except InputError as exc:
        yield exc


def read_inputs(
    inputs: Iterable[str], *, stdin: IO[bytes] | None = None, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[ReadResult]:
    """Every article in the named inputs, in order; ``-`` is standard input."""
    for item in inputs:
        if item == "-":
            if stdin is None:
                yield InputError("-", "standard input is not available")
                continue
            yield from read_stream(stdin, max_chars=max_chars)
        else:
            yield from read_path(Path(item), max_chars=max_chars)
