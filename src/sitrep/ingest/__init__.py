"""Ingest: files, streams and URLs to ``Article`` records (or ``InputError`` for bad ones).

Formats: plain text, JSON Lines, CSV/TSV, HTML pages, RSS/Atom feeds and WARC(.gz);
``read_inputs`` picks the reader for each input. ``NearDuplicateIndex`` links
syndicated copies of one article.
"""

from sitrep.ingest.base import ReadResult, article_id_for
from sitrep.ingest.csv_reader import read_csv, resolve_columns
from sitrep.ingest.dedup import MinHasher, NearDuplicateIndex, estimate_jaccard, text_key
from sitrep.ingest.feeds import is_feed, read_feed
from sitrep.ingest.fetch import Fetcher, HttpxFetcher, MappingFetcher
from sitrep.ingest.html import article_from_html, looks_like_html, read_html
from sitrep.ingest.readers import (
    article_from_record,
    article_from_text,
    read_bytes,
    read_inputs,
    read_jsonl_lines,
    read_path,
    read_stream,
    read_url,
)
from sitrep.ingest.warc import read_warc

__all__ = [
    "Fetcher",
    "HttpxFetcher",
    "MappingFetcher",
    "MinHasher",
    "NearDuplicateIndex",
    "ReadResult",
    "article_from_html",
    "article_from_record",
    "article_from_text",
    "article_id_for",
    "estimate_jaccard",
    "is_feed",
    "looks_like_html",
    "read_bytes",
    "read_csv",
    "read_feed",
    "read_html",
    "read_inputs",
    "read_jsonl_lines",
    "read_path",
    "read_stream",
    "read_url",
    "read_warc",
    "resolve_columns",
    "text_key",
]
