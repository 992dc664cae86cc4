"""WARC and WARC.gz (Common Crawl News style): each HTML ``response`` record → ``Article``.

Records that are not responses (``request``, ``warcinfo``, ``metadata``) carry no
article and are skipped silently. A response that is not HTML, has no text, or cannot
be parsed is an ``InputError`` naming its WARC-Record-ID. When the archive itself is
corrupt at some point, the reader reports it, looks for the next record header, and
goes on from there (on a seekable stream).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from sitrep.errors import InputError
from sitrep.ingest.base import DEFAULT_MAX_CHARS, ReadResult
from sitrep.ingest.html import article_from_html, looks_like_html

WARC_SUFFIXES = (".warc", ".warc.gz")
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."
_SCAN_CHUNK = 1 << 16
# What a damaged archive raises from warcio: bad headers, bad gzip members, short reads.
_ARCHIVE_ERRORS = (ArchiveLoadFailed, zlib.error, EOFError, ValueError, OSError)


def is_warc_name(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


def _record_name(name: str, record: Any) -> str:
    rid = record.rec_headers.get_header("WARC-Record-ID")
    return f"{name}:{rid}" if rid else f"{name}:?"


def article_from_record(record: Any, *, name: str, max_chars: int = DEFAULT_MAX_CHARS) -> ReadResult | None:
    """One WARC record: an ``Article``, an ``InputError``, or ``None`` for non-responses."""
    if record.rec_type != "response":
        return None
    where = _record_name(name, record)
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    content_type = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
    try:
        payload = record.content_stream().read(max_chars * 4 + 1)
    except _ARCHIVE_ERRORS as exc:
        return InputError(where, f"cannot read the record's payload ({type(exc).__name__}: {exc})")
    if record.http_headers is not None and record.http_headers.get_statuscode() not in ("200", "203"):
        return InputError(where, f"HTTP status {record.http_headers.get_statuscode()}, not a page ({url})")
    is_html = "html" in content_type.lower() if content_type else looks_like_html(payload)
    if not is_html:
        return InputError(where, f"not an HTML page (Content-Type {content_type or 'missing'}; {url})")
    if len(payload) > max_chars * 4:
        return InputError(where, f"payload too large (limit {max_chars * 4:,} bytes)")
    try:
        return article_from_html(payload, record=where, url=url, max_chars=max_chars)
    except InputError as exc:
        return exc


def _next_record_start(stream: IO[bytes], start: int, *, magic: bytes) -> int | None:
    """The offset of the next ``magic`` at or after ``start``, or ``None`` at the end."""
    stream.seek(start)
    position, tail = start, b""
    while chunk := stream.read(_SCAN_CHUNK):
        window = tail + chunk
        found = window.find(magic)
        if found >= 0:
            return position - len(tail) + found
        tail = window[-(len(magic) - 1) :]
        position += len(chunk)
    return None


def read_warc(stream: IO[bytes], *, name: str, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[ReadResult]:
    """Every HTML response in a WARC(.gz) stream, resynchronising after a damaged record."""
    seekable = stream.seekable()
    base = stream.tell() if seekable else 0
    head = stream.read(len(_GZIP_MAGIC)) if seekable else b""
    magic = _GZIP_MAGIC if head == _GZIP_MAGIC else _WARC_MAGIC
    if seekable:
        stream.seek(base)
    while True:
        records = ArchiveIterator(stream)
        failed_at: int | None = None
        try:
            for record in records:
                result = article_from_record(record, name=name, max_chars=max_chars)
                if result is not None:
                    yield result
        except _ARCHIVE_ERRORS as exc:
            failed_at = base + records.offset
            reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
            yield InputError(f"{name}@{failed_at}", f"corrupt WARC data ({reason})")
        if failed_at is None:
            return
        if not seekable:
            yield InputError(name, "cannot skip past corrupt data in a stream that cannot seek; rest not read")
            return
        # Record boundaries are not indexed: scan for the next record header or gzip
        # member after the damage. A false match fails again and moves on by a byte.
        resume = _next_record_start(stream, failed_at + 1, magic=magic)
        if resume is None:
            return
        stream.seek(resume)
        base = resume
