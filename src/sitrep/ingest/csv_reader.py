"""CSV (and TSV) with a header row: one article per row, columns found by name.

Column names are matched case-insensitively against common aliases (``body``,
``headline``, ``link``, ``source`` ...); ``columns={"text": "story_body"}`` names a
column outright. A row that cannot be read is an ``InputError`` naming ``file:line``
(or the row's id), and the rest of the file is read.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from typing import IO

from sitrep.errors import InputError
from sitrep.ingest.base import (
    DEFAULT_MAX_CHARS,
    ReadResult,
    article_id_for,
    check_text,
    parse_published_lenient,
)
from sitrep.models import Article

CSV_SUFFIXES = frozenset({".csv", ".tsv"})
FIELDS = ("id", "text", "title", "published", "url", "outlet", "language")
COLUMN_ALIASES: Mapping[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "guid", "doc_id"),
    "text": ("text", "body", "content", "article", "story", "maintext"),
    "title": ("title", "headline", "heading"),
    "published": ("published", "date", "published_at", "pubdate", "date_publish", "publish_date"),
    "url": ("url", "link", "source_url", "href"),
    "outlet": ("outlet", "source", "publisher", "site", "site_name", "source_domain"),
    "language": ("language", "lang"),
}


def resolve_columns(header: list[str], *, columns: Mapping[str, str] | None = None) -> dict[str, int]:
    """Article field → column index. Explicit ``columns`` must exist; aliases may not.

    Raises ``InputError`` (record ``header``) for an unknown field name, a named column
    missing from the header, or no text column at all.
    """
    columns = dict(columns or {})
    unknown = sorted(set(columns) - set(FIELDS))
    if unknown:
        raise InputError("header", f"unknown article field(s) in column mapping: {', '.join(unknown)}")
    by_name = {name.strip().lower(): i for i, name in reversed(list(enumerate(header)))}
    found: dict[str, int] = {}
    for field in FIELDS:
        if field in columns:
            wanted = columns[field].strip().lower()
            if wanted not in by_name:
                raise InputError("header", f"column {columns[field]!r} (for {field}) is not in the header")
            found[field] = by_name[wanted]
            continue
        for alias in COLUMN_ALIASES[field]:
            if alias in by_name:
                found[field] = by_name[alias]
                break
    if "text" not in found:
        raise InputError("header", f"no text column (looked for {', '.join(COLUMN_ALIASES['text'])})")
    return found


def article_from_row(
    row: list[str], *, mapping: Mapping[str, int], width: int, where: str, max_chars: int = DEFAULT_MAX_CHARS
) -> Article:
    """One CSV row as an ``Article``; its own id when it has one, else a content hash."""
    values = {field: row[i].strip() if i < len(row) else "" for field, i in mapping.items()}
    record = values.get("id") or where
    if len(row) != width:
        raise InputError(record, f"{len(row)} fields where the header has {width}")
    if any("\udc80" <= ch <= "\udcff" for value in row for ch in value):
        raise InputError(record, "not UTF-8")  # surrogateescape marks the undecodable bytes
    text = row[mapping["text"]]
    check_text(text, record=record, max_chars=max_chars)
    url = values.get("url") or None
    return Article(
        id=values.get("id") or article_id_for(url=url, text=text),
        text=text,
        title=values.get("title") or None,
        published=parse_published_lenient(values.get("published") or None, record=record),
        url=url,
        outlet=values.get("outlet") or None,
        language=values.get("language") or None,
    )


def read_csv(
    stream: IO[bytes],
    *,
    name: str,
    columns: Mapping[str, str] | None = None,
    delimiter: str = ",",
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[ReadResult]:
    """Every row of a CSV stream with a header, as ``Article`` or ``InputError``."""
    # csv's field limit (128 KiB by default) is process-wide; a long article is a legal
    # field, so the limit is raised to max_chars, never lowered.
    if csv.field_size_limit() < max_chars + 1:
        csv.field_size_limit(max_chars + 1)
    # Decoding bytes we cannot read as surrogates keeps one bad byte to its own row.
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    reader = csv.reader(text, delimiter=delimiter, strict=False)
    try:
        header = next(reader, None)
        if header is None:
            yield InputError(name, "empty CSV file (no header)")
            return
        mapping = resolve_columns(header, columns=columns)
    except InputError as exc:
        yield InputError(f"{name}:{exc.record}", exc.reason)
        return
    except csv.Error as exc:
        yield InputError(f"{name}:1", f"cannot read CSV header ({exc})")
        return
    start_line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield InputError(f"{name}:{reader.line_num}", f"cannot read CSV row ({exc})")
            start_line = reader.line_num + 1
            continue
        where = f"{name}:{start_line}"
        start_line = reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        try:
            yield article_from_row(row, mapping=mapping, width=len(header), where=where, max_chars=max_chars)
        except InputError as exc:
            yield exc
