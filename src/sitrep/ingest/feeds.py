"""RSS and Atom feeds: each entry's linked page through a ``Fetcher``, else its summary.

feedparser is only ever given bytes, never a URL: it would fetch URLs itself, past the
fetcher's limits and past the tests' double.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import feedparser

from sitrep.errors import InputError
from sitrep.ingest.base import DEFAULT_MAX_CHARS, ReadResult, article_id_for, check_text
from sitrep.ingest.fetch import Fetcher
from sitrep.ingest.html import article_from_html, looks_like_html
from sitrep.models import Article

FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.I)
_BLOCK_END = re.compile(r"<\s*(?:br\s*/?|/p|/div|/li|/h[1-6]|/blockquote)\s*>", re.I)
_TAG = re.compile(r"<[^>]+>")
_BLANKS = re.compile(r"[ \t\r\f\v]+")


def is_feed(data: bytes) -> bool:
    """Whether bytes look like RSS, Atom or RSS 1.0 (RDF): the root element, near the top."""
    head = data[:4096]
    return bool(_FEED_ROOT.search(head)) and not looks_like_html(head)


def html_to_text(fragment: str) -> str:
    """Feed summary HTML (already sanitised by feedparser) to plain text, one line per block."""
    text = html.unescape(_TAG.sub("", _BLOCK_END.sub("\n", fragment)))
    lines = (_BLANKS.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _entry_date(entry: Any) -> date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None


def _entry_summary(entry: Any) -> str:
    # Atom <content> is the full text where a feed gives it; <summary> is a teaser.
    contents = entry.get("content") or []
    for item in contents:
        text = html_to_text(item.get("value", ""))
        if text:
            return text
    return html_to_text(entry.get("summary", ""))


def article_from_entry(
    entry: Any,
    *,
    record: str,
    feed_title: str | None,
    fetcher: Fetcher | None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Article:
    """One feed entry as an ``Article``: the linked page when it can be fetched and read,
    else the entry's own content or summary; ``InputError`` when neither has text.

    The id is a hash of the entry's link (else its guid, else the text), whichever way
    the text was found, so a later run that reaches the page keeps the id.
    """
    link = entry.get("link") or None
    title = (entry.get("title") or "").strip() or None
    published = _entry_date(entry)
    summary = _entry_summary(entry)
    key = link or entry.get("id") or None
    article_id = article_id_for(url=key, text=summary)
    page_problem = "no link" if not link else "page not fetched (fetching is off)"
    if link and fetcher is not None:
        try:
            page = article_from_html(
                fetcher.fetch(link), record=link, url=link, article_id=article_id, max_chars=max_chars
            )
        except InputError as exc:
            page_problem = f"page: {exc.reason}"
        else:
            return Article(
                id=page.id,
                text=page.text,
                title=page.title or title,
                published=published or page.published,  # the feed's date is the publisher's own
                url=page.url,
                outlet=page.outlet or feed_title,
                language=page.language,
            )
    if not summary:
        raise InputError(record, f"{page_problem}; the entry has no summary or content text")
    check_text(summary, record=record, max_chars=max_chars)
    return Article(id=article_id, text=summary, title=title, published=published, url=link, outlet=feed_title)


def read_feed(
    data: bytes,
    *,
    name: str,
    fetcher: Fetcher | None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[ReadResult]:
    """Every entry of an RSS/Atom feed; ``fetcher=None`` reads summaries only (offline)."""
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        # A real feed with nothing in it is not an error; bytes that are no feed at all are.
        if not parsed.get("version"):
            problem = parsed.get("bozo_exception")
            yield InputError(name, f"not a readable RSS/Atom feed ({problem})" if problem else "not an RSS/Atom feed")
        return
    feed_title = (parsed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(entries, start=1):
        record = entry.get("link") or entry.get("id") or f"{name}#{number}"
        try:
            yield article_from_entry(entry, record=record, feed_title=feed_title, fetcher=fetcher, max_chars=max_chars)
        except InputError as exc:
            yield exc
