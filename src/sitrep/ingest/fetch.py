"""Fetching pages and feeds: a one-method ``Fetcher`` protocol, the httpx default, a double.

Every network read in ingest goes through a ``Fetcher`` (as httpx puts transports
behind ``BaseTransport``), so tests and offline runs pass ``MappingFetcher`` and
nothing touches the network.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType
from typing import Protocol, runtime_checkable
from urllib.parse import urlsplit

import httpx

from sitrep.errors import InputError

DEFAULT_USER_AGENT = "sitrep/0.1 (+https://github.com/sitrep; news event extraction)"
DEFAULT_TIMEOUT_S = 20.0
DEFAULT_MAX_BYTES = 10_000_000
ALLOWED_SCHEMES = frozenset({"http", "https"})


@runtime_checkable
class Fetcher(Protocol):
    """Anything that turns a URL into the bytes of its body, raising ``InputError`` on failure."""

    def fetch(self, url: str) -> bytes: ...


def is_url(value: str) -> bool:
    return urlsplit(value).scheme.lower() in ALLOWED_SCHEMES


def check_url(url: str) -> None:
    """Only http and https: ``file:``, ``ftp:`` and the like are refused, so a feed cannot
    make sitrep read local files or other services through its links."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES or not parts.hostname:
        raise InputError(url, "not an http(s) URL")


class HttpxFetcher:
    """The default fetcher: httpx with timeouts, a body size limit and a user agent.

    Redirects are followed (at most ``max_redirects``); a body over ``max_bytes`` is cut
    off while streaming, never read whole. Use as a context manager, or call ``close()``.
    ``transport`` is for tests (``httpx.MockTransport``).
    """

    def __init__(
        self,
        *,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        max_bytes: int = DEFAULT_MAX_BYTES,
        user_agent: str = DEFAULT_USER_AGENT,
        max_redirects: int = 5,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.max_bytes = max_bytes
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout_s),
            headers={"User-Agent": user_agent},
            follow_redirects=True,
            max_redirects=max_redirects,
            transport=transport,
        )

    def fetch(self, url: str) -> bytes:
        check_url(url)
        try:
            with self._client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise InputError(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
                declared = response.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise InputError(url, f"too large ({int(declared):,} bytes; limit {self.max_bytes:,})")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > self.max_bytes:
                        raise InputError(url, f"too large (over {self.max_bytes:,} bytes)")
                return bytes(body)
        except httpx.HTTPError as exc:  # timeouts, refused connections, too many redirects, bad URLs
            raise InputError(url, f"cannot fetch ({type(exc).__name__}: {exc})") from exc

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HttpxFetcher:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class MappingFetcher:
    """A fetcher over a dict of URL → body: a URL not in it is unreachable.

    For tests and offline runs (pages saved beforehand). ``requested`` records every
    URL asked for, in order.
    """

    def __init__(self, pages: Mapping[str, bytes]) -> None:
        self._pages = dict(pages)
        self.requested: list[str] = []

    def fetch(self, url: str) -> bytes:
        self.requested.append(url)
        check_url(url)
        try:
            return self._pages[url]
        except KeyError:
            raise InputError(url, "cannot fetch (unreachable)") from None
