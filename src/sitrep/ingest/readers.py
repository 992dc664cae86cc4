"""Read articles from any input sitrep takes, and pick the reader for each input.

Plain text, JSON Lines and standard input are read here; HTML pages, RSS/Atom feeds,
CSV and WARC have their own modules, chosen by file suffix or by sniffing the bytes,
and ``http(s)://`` inputs are fetched through a ``Fetcher``.

Every reader yields ``Article`` for a good record and ``InputError`` for a bad one,
so a caller counts and reports the bad ones and carries on: one broken record never
stops a run. Nothing here raises for a bad record.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from sitrep.errors import InputError
from sitrep.ingest.base import (
    DEFAULT_MAX_CHARS,
    ReadResult,
    article_id_for,
    check_text,
    decode_utf8,
    parse_published,
)
from sitrep.ingest.csv_reader import CSV_SUFFIXES, read_csv
from sitrep.ingest.feeds import FEED_SUFFIXES, is_feed, read_feed
from sitrep.ingest.fetch import Fetcher, HttpxFetcher, is_url
from sitrep.ingest.html import HTML_SUFFIXES, looks_like_html, read_html
from sitrep.ingest.warc import is_warc_name, read_warc
from sitrep.models import Article

__all__ = [
    "DEFAULT_MAX_CHARS",
    "JSONL_SUFFIXES",
    "ReadResult",
    "article_from_record",
    "article_from_text",
    "check_text",
    "parse_published",
    "read_bytes",
    "read_inputs",
    "read_jsonl_lines",
    "read_path",
    "read_stream",
    "read_url",
]

# ` date 2023-09-19 BAKU – ...`: the lead line of the plain-text format (contract).
_DATE_LEAD = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})[ \t]*")
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
_WARC_START = (b"WARC/1.", b"\x1f\x8b\x08")

_decode = decode_utf8  # the old private name, kept for callers of this module


def article_from_text(raw: str, *, article_id: str, max_chars: int = DEFAULT_MAX_CHARS) -> Article:
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


def article_from_record(record: Any, *, fallback_id: str, max_chars: int = DEFAULT_MAX_CHARS) -> Article:
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


def _text_article(data: bytes, *, article_id: str, max_chars: int) -> Iterator[ReadResult]:
    try:
        yield article_from_text(decode_utf8(data, record=article_id), article_id=article_id, max_chars=max_chars)
    except InputError as exc:
        yield exc


def read_bytes(
    data: bytes,
    *,
    name: str,
    suffix: str = "",
    text_id: str | None = None,
    url: str | None = None,
    fetcher: Fetcher | None = None,
    csv_columns: Mapping[str, str] | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[ReadResult]:
    """Articles in one input held in memory, the format chosen by ``suffix`` (``.warc.gz``
    included) or, for an unknown one, by the bytes: JSON Lines, WARC, feed, HTML, else text.

    ``fetcher`` fetches a feed's linked pages (``None``: summaries only). ``text_id`` is
    the id of a plain-text article (the file name); ``url`` is where the bytes came from.
    """
    suffix = suffix.lower()
    head = data.lstrip()[:16]
    if suffix in JSONL_SUFFIXES or (not suffix and head[:1] == b"{"):
        yield from read_jsonl_lines(data.splitlines(), name=name, max_chars=max_chars)
    elif suffix.endswith(".warc.gz") or suffix == ".warc" or (not suffix and data.startswith(_WARC_START)):
        yield from read_warc(io.BytesIO(data), name=name, max_chars=max_chars)
    elif suffix in CSV_SUFFIXES:
        delimiter = "\t" if suffix == ".tsv" else ","
        yield from read_csv(io.BytesIO(data), name=name, columns=csv_columns, delimiter=delimiter, max_chars=max_chars)
    elif suffix in HTML_SUFFIXES:
        yield from read_html(data, name=name, url=url, max_chars=max_chars)
    elif suffix in FEED_SUFFIXES or (suffix not in TEXT_SUFFIXES and is_feed(data)):
        yield from read_feed(data, name=name, fetcher=fetcher, max_chars=max_chars)
    elif suffix not in TEXT_SUFFIXES and looks_like_html(data):
        yield from read_html(data, name=name, url=url, max_chars=max_chars)
    else:
        yield from _text_article(data, article_id=text_id or article_id_for(url=url, text=name), max_chars=max_chars)


def _suffix(name: str) -> str:
    lowered = name.lower()
    return ".warc.gz" if lowered.endswith(".warc.gz") else Path(lowered).suffix


def read_path(
    path: Path,
    *,
    fetcher: Fetcher | None = None,
    csv_columns: Mapping[str, str] | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[ReadResult]:
    """Articles in one file; the suffix picks the reader (see ``read_bytes``).

    JSON Lines, CSV and WARC are streamed; other files are read whole.
    """
    name = str(path)
    suffix = _suffix(path.name)
    try:
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as handle:
                yield from read_jsonl_lines(handle, name=name, max_chars=max_chars)
            return
        if is_warc_name(path.name):
            with path.open("rb") as handle:
                yield from read_warc(handle, name=name, max_chars=max_chars)
            return
        if suffix in CSV_SUFFIXES:
            with path.open("rb") as handle:
                delimiter = "\t" if suffix == ".tsv" else ","
                yield from read_csv(handle, name=name, columns=csv_columns, delimiter=delimiter, max_chars=max_chars)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(name, f"cannot read file ({exc.strerror or exc})")
        return
    yield from read_bytes(
        data, name=name, suffix=suffix, text_id=path.name, fetcher=fetcher, csv_columns=csv_columns, max_chars=max_chars
    )


def read_url(
    url: str,
    *,
    fetcher: Fetcher,
    fetch_pages: bool = True,
    csv_columns: Mapping[str, str] | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[ReadResult]:
    """An ``http(s)://`` input: a page, a feed (then its entries' pages), or a file by its suffix."""
    try:
        data = fetcher.fetch(url)
    except InputError as exc:
        yield exc
        return
    suffix = _suffix(urlsplit(url).path)
    # A URL's path often has no suffix or ".php": sniff those, never read them as text.
    known = JSONL_SUFFIXES | CSV_SUFFIXES | FEED_SUFFIXES | HTML_SUFFIXES | {".warc", ".warc.gz"}
    yield from read_bytes(
        data,
        name=url,
        suffix=suffix if suffix in known else "",
        url=url,
        fetcher=fetcher if fetch_pages else None,
        csv_columns=csv_columns,
        max_chars=max_chars,
    )


def read_stream(
    stream: IO[bytes],
    *,
    name: str = "<stdin>",
    fetcher: Fetcher | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[ReadResult]:
    """Standard input: JSON Lines when it starts with ``{``, a WARC, feed or HTML page when
    it looks like one, else one plain-text article named ``name``."""
    data = stream.read()
    yield from read_bytes(data, name=name, text_id=name, fetcher=fetcher, max_chars=max_chars)


class _LazyHttpxFetcher:
    """The default fetcher, made on first use: a run with no URLs or feeds opens no client."""

    def __init__(self) -> None:
        self._fetcher: HttpxFetcher | None = None

    def fetch(self, url: str) -> bytes:
        if self._fetcher is None:
            self._fetcher = HttpxFetcher()
        return self._fetcher.fetch(url)

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()


def read_inputs(
    inputs: Iterable[str],
    *,
    stdin: IO[bytes] | None = None,
    fetcher: Fetcher | None = None,
    fetch_pages: bool = True,
    csv_columns: Mapping[str, str] | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[ReadResult]:
    """Every article in the named inputs, in order; ``-`` is standard input, ``http(s)://``
    a page or feed to fetch.

    ``fetcher`` fetches URLs and feeds' linked pages (default: ``HttpxFetcher``, made
    only when needed and closed at the end); ``fetch_pages=False`` reads feed entries'
    summaries without fetching their pages.
    """
    with contextlib.closing(_LazyHttpxFetcher()) as default:
        active: Fetcher = fetcher if fetcher is not None else default
        page_fetcher = active if fetch_pages else None
        for item in inputs:
            if item == "-":
                if stdin is None:
                    yield InputError("-", "standard input is not available")
                    continue
                yield from read_stream(stdin, fetcher=page_fetcher, max_chars=max_chars)
            elif is_url(item):
                yield from read_url(
                    item, fetcher=active, fetch_pages=fetch_pages, csv_columns=csv_columns, max_chars=max_chars
                )
            else:
                yield from read_path(Path(item), fetcher=page_fetcher, csv_columns=csv_columns, max_chars=max_chars)
