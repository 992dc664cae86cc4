"""HTML pages to ``Article`` through trafilatura: main text, title, date, URL, site name.

The page's boilerplate (menus, footers, comments) is dropped by trafilatura; the
article's ``text`` is the main text as trafilatura gives it, so every offset sitrep
writes refers to that text, not to the HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from sitrep.errors import InputError
from sitrep.ingest.base import DEFAULT_MAX_CHARS, ReadResult, article_id_for, check_text, parse_published
from sitrep.models import Article

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)


def looks_like_html(data: bytes) -> bool:
    """Whether bytes start like an HTML document (doctype, ``<html>``, ``<head>`` or ``<body>``)."""
    return bool(_HTML_START.match(data[:4096].lstrip(b"\xef\xbb\xbf")))


_MENU_SPLIT = re.compile(r"[\n|•·»]")


def has_prose(text: str, *, min_words: int) -> bool:
    """Whether some line (menu separators splitting lines too) has ``min_words`` words.

    trafilatura falls back to whatever text a page has, so a page with no article gives
    its menu ("Home | World"); a menu is short items, an article has sentences.
    """
    return any(len(part.split()) >= min_words for part in _MENU_SPLIT.split(text))


def _strip_title_line(text: str, title: str | None) -> str:
    # trafilatura keeps the page's <h1> as the first line of the text. The title is kept
    # in its own field, and a headline without a full stop would run into the dateline
    # sentence ("KHARKIV, Ukraine —") and hide it from the dateline component.
    if not title:
        return text
    first, sep, rest = text.partition("\n")
    return rest.lstrip("\n") if sep and first.strip() == title.strip() else text


def article_from_html(
    data: bytes | str,
    *,
    record: str,
    url: str | None = None,
    article_id: str | None = None,
    min_words: int = 6,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Article:
    """One page as an ``Article``; ``InputError`` naming ``record`` when it has no text.

    ``url`` is where the page came from; the page's canonical URL, when it declares
    one, replaces it. ``article_id`` defaults to a hash of the URL (else of the text).
    """
    if isinstance(data, bytes) and b"\x00" in data[:8192]:
        raise InputError(record, "binary content (NUL bytes), not an HTML page")
    import trafilatura  # imported on use: heavy, and only HTML input needs it

    try:
        doc = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False)
    except (ValueError, TypeError, LookupError) as exc:  # lxml and charset detection failures
        raise InputError(record, f"cannot parse HTML ({exc})") from exc
    meta: dict[str, Any] = {} if doc is None else doc if isinstance(doc, dict) else doc.as_dict()
    raw_text = meta.get("text") or ""
    if not has_prose(raw_text, min_words=min_words):
        raise InputError(record, "no extractable article text in the page")
    title = (meta.get("title") or "").strip() or None
    text = _strip_title_line(raw_text, title)
    check_text(text, record=record, max_chars=max_chars)
    page_url = meta.get("url") or url
    try:
        published = parse_published(meta.get("date"), record=record)
    except InputError:
        published = None  # a page's date is a guess by htmldate; a bad one is not fatal
    outlet = meta.get("sitename") or (urlsplit(page_url).hostname if page_url else None)
    return Article(
        id=article_id or article_id_for(url=page_url, text=text),
        text=text,
        title=title,
        published=published,
        url=page_url,
        outlet=outlet,
        language=meta.get("language"),
    )


def read_html(
    data: bytes | str, *, name: str, url: str | None = None, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[ReadResult]:
    """A page as a one-item stream: the ``Article`` or the ``InputError``."""
    try:
        yield article_from_html(data, record=name, url=url, max_chars=max_chars)
    except InputError as exc:
        yield exc
