"""Shared pieces of every reader: the result type, limits, date and text checks, ids.

Readers yield ``Article`` for a good record and ``InputError`` for a bad one; the
helpers here raise ``InputError`` and the readers turn it into a yielded value.
"""

from __future__ import annotations

import email.utils
from datetime import date, datetime
from typing import Any

from sitrep.errors import InputError
from sitrep.models import Article, content_hash

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


def parse_published_lenient(value: Any, *, record: str) -> date | None:
    """ISO dates, and RFC 2822 dates (``Tue, 19 Sep 2023 08:00:00 GMT``) as feeds and
    feed-derived CSV exports write them; anything else is an ``InputError``."""
    try:
        return parse_published(value, record=record)
    except InputError:
        if not isinstance(value, str):
            raise
        try:
            return email.utils.parsedate_to_datetime(value).date()
        except (TypeError, ValueError) as exc:
            raise InputError(record, f"'published' is not an ISO or RFC 2822 date: {value!r}") from exc


def check_text(text: str, *, record: str, max_chars: int) -> None:
    """Raise ``InputError`` for text sitrep will not process."""
    if not text.strip():
        raise InputError(record, "empty text")
    if "\x00" in text:
        raise InputError(record, "binary content (NUL bytes)")
    if len(text) > max_chars:
        raise InputError(record, f"too large ({len(text):,} characters; limit {max_chars:,})")


def decode_utf8(data: bytes, *, record: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(record, "binary content (NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(record, f"not UTF-8 ({exc.reason} at byte {exc.start})") from exc


def article_id_for(*, url: str | None, text: str) -> str:
    """The id of an article whose input names none: a hash of its URL, else of its text.

    The URL wins so that a page fetched again after a small edit keeps its id (an
    upsert replaces it); text without a URL is identified by what it says.
    """
    return content_hash("url", url) if url else content_hash("text", text)
