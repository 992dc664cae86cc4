"""HTML, feeds, CSV, WARC, URLs and near-duplicates: every input is local or a double."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import httpx
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitrep.errors import InputError
from sitrep.ingest import (
    HttpxFetcher,
    MappingFetcher,
    NearDuplicateIndex,
    article_from_html,
    read_csv,
    read_feed,
    read_inputs,
    read_path,
    read_warc,
)
from sitrep.models import Article, content_hash

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
PAGE = (FIXTURES / "page.html").read_bytes()
CANONICAL = "https://news.example.org/world/kharkiv-shelling"


def split(results):
    good = [r for r in results if isinstance(r, Article)]
    bad = [r for r in results if isinstance(r, InputError)]
    assert len(good) + len(bad) == len(results)
    return good, bad


# --- HTML ---------------------------------------------------------------------------


def test_html_page_gives_main_text_and_metadata():
    article = article_from_html(PAGE, record="page.html")
    assert article.text.startswith("KHARKIV, Ukraine — Artillery shells")  # the <h1> is the title, not the text
    assert "crater several metres wide" in article.text
    for boilerplate in ("Copyright", "Sport", "Most read"):
        assert boilerplate not in article.text
    assert article.title == "Shelling kills two in Kharkiv residential district"
    assert article.published == date(2024, 5, 12)
    assert article.url == CANONICAL
    assert article.outlet == "Northline News"
    assert article.id == content_hash("url", CANONICAL)


def test_html_without_url_is_identified_by_its_text():
    page = b"<html><body><article><p>Police dispersed a march in Lagos on Monday, witnesses said.</p></article></body>"
    article = article_from_html(page, record="x.html")
    assert article.url is None
    assert article.id == content_hash("text", article.text)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.html", (FIXTURES / "empty.html").read_bytes(), "no extractable article text"),
        ("blank.html", b"", "no extractable article text"),
        ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content"),
    ],
)
def test_html_without_text_is_an_error_naming_the_file(name, data, reason):
    with pytest.raises(InputError) as info:
        article_from_html(data, record=name)
    assert info.value.record == name
    assert reason in info.value.reason


def test_broken_html_is_read_leniently_and_bad_pages_do_not_stop_the_run(tmp_path):
    (tmp_path / "blob.html").write_bytes(b"\x00\x01binary")
    inputs = [FIXTURES / "broken.html", FIXTURES / "empty.html", tmp_path / "blob.html", FIXTURES / "page.html"]
    good, bad = split(list(read_inputs([str(p) for p in inputs])))
    assert "tear gas" in good[0].text and good[0].title == "Protest in Nairobi"
    assert good[1].url == CANONICAL
    assert [b.record for b in bad] == [str(inputs[1]), str(inputs[2])]


# --- feeds --------------------------------------------------------------------------


def test_rss_entries_use_the_fetched_page_else_the_summary_else_an_error():
    fetcher = MappingFetcher({CANONICAL: PAGE})
    results = list(read_feed((FIXTURES / "feed.rss").read_bytes(), name="feed.rss", fetcher=fetcher))
    assert fetcher.requested == [
        CANONICAL,
        "https://news.example.org/world/border-clash",
        "https://news.example.org/world/gallery",
    ]
    page, summary, failed = results
    assert isinstance(page, Article) and page.text.startswith("KHARKIV, Ukraine")
    assert page.published == date(2024, 5, 12)  # the entry's date
    assert page.id == content_hash("url", CANONICAL)
    assert isinstance(summary, Article)
    assert summary.text == (
        "Soldiers from two neighbouring armies exchanged fire at a border post on Monday, the defence ministry said.\n"
        "One soldier was wounded."
    )
    assert (summary.title, summary.outlet, summary.published) == (
        "Troops clash at border post",
        "Northline World",
        date(2024, 5, 13),
    )
    assert isinstance(failed, InputError)
    assert failed.record == "https://news.example.org/world/gallery"
    assert "unreachable" in failed.reason and "no summary" in failed.reason


def test_feed_entry_id_does_not_depend_on_whether_the_page_was_fetched():
    data = (FIXTURES / "feed.rss").read_bytes()
    online = next(iter(read_feed(data, name="f", fetcher=MappingFetcher({CANONICAL: PAGE}))))
    offline = next(iter(read_feed(data, name="f", fetcher=None)))
    assert isinstance(online, Article) and isinstance(offline, Article)
    assert online.id == offline.id
    assert offline.text == "Artillery shells struck a residential district of Kharkiv."


def test_atom_feed_content_without_fetching():
    results = list(read_path(FIXTURES / "feed.atom", fetcher=None))
    (article,) = results
    assert isinstance(article, Article)
    assert article.text.startswith("Dock workers walked out at the port of Mombasa")
    assert article.published == date(2024, 6, 1)  # published, not updated
    assert article.outlet == "Southwire Dispatches"
    assert article.url == "https://wire.example.net/port-strike"


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (b"<rss version='2.0'><channel><title>Quiet</title></channel></rss>", 0),  # empty but valid
        (b"<?xml version='1.0'?><urlset><url><loc>x</loc></url></urlset>", 1),  # XML, not a feed
    ],
)
def test_feed_without_entries(data, errors):
    results = list(read_feed(data, name="f.xml", fetcher=None))
    assert len(results) == errors
    assert all(isinstance(r, InputError) and r.record == "f.xml" for r in results)


# --- URLs through the fetcher ----------------------------------------------------------


def test_urls_are_fetched_as_page_or_feed_and_unreachable_ones_are_counted():
    feed_url = "https://news.example.org/world/feed"
    fetcher = MappingFetcher({feed_url: (FIXTURES / "feed.rss").read_bytes(), CANONICAL: PAGE})
    results = list(read_inputs([CANONICAL, "https://down.example.com/story", feed_url], fetcher=fetcher))
    good, bad = split(results)
    assert [a.url for a in good] == [CANONICAL, CANONICAL, "https://news.example.org/world/border-clash"]
    assert [b.record for b in bad] == ["https://down.example.com/story", "https://news.example.org/world/gallery"]


def test_fetch_pages_off_reads_feed_summaries_only():
    feed_url = "https://news.example.org/world/feed"
    fetcher = MappingFetcher({feed_url: (FIXTURES / "feed.rss").read_bytes(), CANONICAL: PAGE})
    good, bad = split(list(read_inputs([feed_url], fetcher=fetcher, fetch_pages=False)))
    assert fetcher.requested == [feed_url]
    assert len(good) == 2 and len(bad) == 1


def _mock_fetcher(handler, **options) -> HttpxFetcher:
    return HttpxFetcher(transport=httpx.MockTransport(handler), **options)


def test_httpx_fetcher_returns_body_and_sends_user_agent():
    seen = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen["ua"] = request.headers["User-Agent"]
        return httpx.Response(200, content=PAGE)

    with _mock_fetcher(handler, user_agent="sitrep-test") as fetcher:
        assert fetcher.fetch("https://news.example.org/a") == PAGE
    assert seen["ua"] == "sitrep-test"


def _refuse(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("connection refused", request=request)


@pytest.mark.parametrize(
    ("url", "handler", "reason"),
    [
        ("https://x.example/missing", lambda r: httpx.Response(404), "HTTP 404"),
        ("https://x.example/big", lambda r: httpx.Response(200, content=b"x" * 2000), "too large"),
        ("https://x.example/down", _refuse, "ConnectError"),
        ("file:///etc/passwd", lambda r: httpx.Response(200), "not an http(s) URL"),
        ("ftp://x.example/a", lambda r: httpx.Response(200), "not an http(s) URL"),
    ],
)
def test_httpx_fetcher_failures_are_input_errors(url, handler, reason):
    with _mock_fetcher(handler, max_bytes=1000) as fetcher, pytest.raises(InputError) as info:
        fetcher.fetch(url)
    assert info.value.record == url
    assert reason in info.value.reason


# --- CSV ----------------------------------------------------------------------------


def test_csv_rows_with_aliases_and_bad_rows_counted():
    path = FIXTURES / "articles.csv"
    good, bad = split(list(read_path(path)))
    assert [a.id for a in good] == [
        "csv-1",
        content_hash("url", "https://wire.example.net/market"),
        content_hash("text", "Rebels seized a village after heavy fighting, residents said."),
    ]
    first = good[0]
    assert (first.title, first.published, first.url, first.outlet) == (
        "Clashes in Aden",
        date(2024, 3, 6),
        "https://news.example.org/aden",
        "Northline News",
    )
    assert good[1].published == date(2024, 3, 7)  # RFC 2822 date
    assert [(b.record, b.reason.split(" (")[0]) for b in bad] == [
        ("csv-3", "7 fields where the header has 6"),
        ("csv-4", "empty text"),
        ("csv-5", "'published' is not an ISO or RFC 2822 date: 'last Tuesday'"),
    ]


@pytest.mark.parametrize(
    ("data", "columns", "expected"),
    [
        (b"story_body,when\nShots were fired.,2024-01-02\n", {"text": "story_body", "published": "when"}, "ok"),
        (b"Body,Date\nShots were fired.,2024-01-02\n", None, "ok"),  # aliases, any case
        (b"title,date\nNo text here,2024-01-02\n", None, "no text column"),
        (b"body\nx\n", {"text": "missing"}, "is not in the header"),
        (b"body\nx\n", {"colour": "body"}, "unknown article field"),
        (b"", None, "empty CSV file"),
    ],
)
def test_csv_column_mapping(data, columns, expected):
    results = list(read_csv(io.BytesIO(data), name="in.csv", columns=columns))
    if expected == "ok":
        (article,) = results
        assert isinstance(article, Article)
        assert (article.text, article.published) == ("Shots were fired.", date(2024, 1, 2))
    else:
        (error,) = results
        assert isinstance(error, InputError) and expected in error.reason
        assert error.record.startswith("in.csv")


def test_csv_undecodable_row_is_set_aside_and_tsv_reads_tabs(tmp_path):
    path = tmp_path / "mixed.tsv"
    path.write_bytes(b"id\ttext\na\tGood row.\nb\tcaf\xe9 row\nc\tAnother good row.\n")
    good, bad = split(list(read_path(path)))
    assert [a.id for a in good] == ["a", "c"]
    assert [(b.record, b.reason) for b in bad] == [("b", "not UTF-8")]


# --- WARC ---------------------------------------------------------------------------


def _record(writer: WARCWriter, number: int, url: str, content_type: str, body: bytes, kind: str = "response"):
    headers = {
        "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{number:012d}>",
        "WARC-Date": "2024-05-12T10:00:00Z",
    }
    http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    if kind == "request":
        http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "x.example")], is_http_request=True)
    return writer.create_warc_record(url, kind, payload=io.BytesIO(body), http_headers=http, warc_headers_dict=headers)


def make_warc(*, gzip: bool) -> bytes:
    """Good page, request, image, empty page, junk bytes, good page."""
    chunks = []
    specs = [
        (1, CANONICAL, "text/html; charset=utf-8", PAGE, "response"),
        (2, CANONICAL, "", b"", "request"),
        (3, "https://news.example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n", "response"),
        (4, "https://news.example.org/empty", "text/html", (FIXTURES / "empty.html").read_bytes(), "response"),
        (5, "https://news.example.org/nairobi", "text/html", (FIXTURES / "broken.html").read_bytes(), "response"),
    ]
    for number, url, content_type, body, kind in specs:
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=gzip)
        writer.write_record(_record(writer, number, url, content_type, body, kind))
        chunks.append(buffer.getvalue())
    junk = b"\x1f\x8b\x08\x00not really gzip" if gzip else b"NOT A WARC HEADER\r\n\r\n"
    return b"".join(chunks[:4]) + junk + chunks[4]


@pytest.mark.parametrize("gzip", [False, True])
def test_warc_html_responses_become_articles_and_bad_records_are_counted(gzip):
    data = make_warc(gzip=gzip)
    good, bad = split(list(read_warc(io.BytesIO(data), name="crawl.warc")))
    assert [a.url for a in good] == [CANONICAL, "https://news.example.org/nairobi"]
    assert good[0].id == content_hash("url", CANONICAL)  # same id as the page read on its own
    assert [b.record for b in bad[:2]] == [
        "crawl.warc:<urn:uuid:00000000-0000-0000-0000-000000000003>",
        "crawl.warc:<urn:uuid:00000000-0000-0000-0000-000000000004>",
    ]
    assert "not an HTML page" in bad[0].reason and "no extractable" in bad[1].reason
    assert len(bad) == 3 and bad[2].record.startswith("crawl.warc@") and "corrupt WARC" in bad[2].reason


@pytest.mark.parametrize("suffix", [".warc", ".warc.gz"])
def test_warc_files_are_picked_by_suffix(tmp_path, suffix):
    path = tmp_path / f"news{suffix}"
    path.write_bytes(make_warc(gzip=suffix.endswith(".gz")))
    good, bad = split(list(read_inputs([str(path)])))
    assert len(good) == 2 and len(bad) == 3


# --- dispatch and stable ids ----------------------------------------------------------


def test_unknown_suffix_is_sniffed_but_txt_stays_text(tmp_path):
    (tmp_path / "story").write_bytes(PAGE)
    (tmp_path / "feed").write_bytes((FIXTURES / "feed.atom").read_bytes())
    (tmp_path / "note.txt").write_bytes(b"<html> is how a page starts.")
    good, bad = split(list(read_inputs([str(tmp_path / n) for n in ("story", "feed", "note.txt")], fetch_pages=False)))
    assert not bad
    assert [a.url for a in good] == [CANONICAL, "https://wire.example.net/port-strike", None]
    assert good[2].id == "note.txt"


@pytest.mark.parametrize("name", ["page.html", "broken.html", "feed.rss", "feed.atom", "articles.csv", "wire.txt"])
def test_ids_are_stable_across_two_reads(name):
    def ids():
        fetcher = MappingFetcher({CANONICAL: PAGE})
        results = read_inputs([str(FIXTURES / name)], fetcher=fetcher)
        return [r.id if isinstance(r, Article) else r.record for r in results]

    first = ids()
    assert first and first == ids()


def test_warc_ids_are_stable_across_two_reads():
    data = make_warc(gzip=True)
    first = [r.id for r in read_warc(io.BytesIO(data), name="w") if isinstance(r, Article)]
    assert first == [r.id for r in read_warc(io.BytesIO(data), name="w") if isinstance(r, Article)]


# --- near-duplicates ------------------------------------------------------------------

WIRE = (FIXTURES / "wire.txt").read_text(encoding="utf-8")
EDITED = (FIXTURES / "wire_edited.txt").read_text(encoding="utf-8")  # new dateline, a paragraph cut, typos
UNRELATED = (FIXTURES / "unrelated.txt").read_text(encoding="utf-8")  # same city and officials, other story


def test_edited_wire_copy_is_a_near_duplicate_and_unrelated_story_is_not():
    index = NearDuplicateIndex()
    assert index.add(Article(id="wire", text=WIRE, title="Rebels kill nine in Goma camp")) is None
    assert index.add(Article(id="other", text=UNRELATED)) is None
    assert index.add(Article(id="copy", text=EDITED, title="Nine civilians killed in attack on camp")) == "wire"
    assert len(index) == 3


def test_exact_copy_differing_in_case_spacing_and_punctuation():
    index = NearDuplicateIndex()
    index.add(Article(id="a", text=WIRE))
    shouted = "  ".join(WIRE.upper().replace(",", "").split())
    assert index.add(Article(id="b", text=shouted)) == "a"


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({}, "wire"),
        ({"containment_threshold": None}, None),  # Jaccard alone: the cut paragraph puts it under 0.8
        ({"containment_threshold": None, "threshold": 0.6}, "wire"),
    ],
)
def test_thresholds_decide_trimmed_copies(options, expected):
    index = NearDuplicateIndex(**options)
    index.add(Article(id="wire", text=WIRE))
    assert index.query(Article(id="copy", text=EDITED)) == expected
    assert "copy" not in index  # query does not add


def test_typo_only_copy_passes_jaccard_alone():
    copy = WIRE.replace("officials", "officals").replace("hospital", "hosptial").replace("Goma", "Goma,", 1)
    index = NearDuplicateIndex(containment_threshold=None)
    index.add(Article(id="wire", text=WIRE))
    assert index.add(Article(id="typo", text=copy)) == "wire"


def test_re_adding_the_same_article_is_idempotent_and_short_texts_do_not_match_by_containment():
    index = NearDuplicateIndex()
    article = Article(id="wire", text=WIRE)
    assert index.add(article) is None
    assert index.add(article) is None
    assert len(index) == 1
    lead = " ".join(WIRE.split()[:12])  # a one-line brief quoting the lead
    assert index.add(Article(id="brief", text=lead)) is None
