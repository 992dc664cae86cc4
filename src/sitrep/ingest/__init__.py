"""Ingest: files and streams to ``Article`` records (or ``InputError`` for bad ones)."""

from sitrep.ingest.readers import (
    article_from_record,
    article_from_text,
    read_inputs,
    read_jsonl_lines,
    read_path,
    read_stream,
)

__all__ = [
    "article_from_record",
    "article_from_text",
    "read_inputs",
    "read_jsonl_lines",
    "read_path",
    "read_stream",
]
