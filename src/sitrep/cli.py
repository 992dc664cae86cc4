"""The ``sitrep`` command line: parse options, call the library, report errors clearly.

Machine-readable output goes to stdout; progress, warnings and the run summary to
stderr. A record that cannot be read is reported (its id and the reason), counted and
set aside; the run goes on. The exit status is 1 when any record was set aside.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import click

from sitrep.errors import InputError, SitrepError
from sitrep.export.formats import BINARY_FORMATS, EXPORT_FORMATS, export_events
from sitrep.export.writers import EVENT_CSV_COLUMNS, FORMATS, write_records
from sitrep.ingest.readers import read_inputs
from sitrep.models import Article


class RunReport:
    """Counts what a run read, wrote and set aside, and reports bad records on stderr."""

    def __init__(self) -> None:
        self.articles = 0
        self.rejected = 0

    def reject(self, error: InputError) -> None:
        self.rejected += 1
        click.echo(f"sitrep: set aside {error.record}: {error.reason}", err=True)

    def articles_from(
        self, inputs: Iterable[str], *, published: date | None, max_chars: int, **read_options: Any
    ) -> Iterator[Article]:
        stdin = getattr(sys.stdin, "buffer", None)
        for item in read_inputs(inputs, stdin=stdin, max_chars=max_chars, **read_options):
            if isinstance(item, InputError):
                self.reject(item)
                continue
            if published is not None and item.published is None:
                item = dataclasses.replace(item, published=published)
            self.articles += 1
            yield item


def _progress(items: Iterable[Any], *, enabled: bool | None, unit: str) -> Iterable[Any]:
    from tqdm import tqdm

    # disable=None lets tqdm hide itself when stderr is not a terminal.
    return tqdm(items, unit=unit, file=sys.stderr, disable=None if enabled is None else not enabled, leave=False)


def _load_pipeline(model: str | None) -> Any:
    from sitrep.pipeline import Pipeline

    return Pipeline.load(model=model)


def _finish(report: RunReport, summary: str) -> None:
    """The run summary on stderr; exit status 1 when any record was set aside."""
    click.echo(f"sitrep: {summary}, {report.rejected} record(s) set aside", err=True)
    if report.rejected:
        sys.exit(1)


input_args = click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
format_opt = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True, help="Output format on stdout."
)
model_opt = click.option("--model", default=None, help="spaCy pipeline name (default: setting 'model').")
published_opt = click.option(
    "--published",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Publication date (YYYY-MM-DD) for articles that carry none.",
)
progress_opt = click.option(
    "--progress/--no-progress", default=None, help="Progress bar on stderr (default: when stderr is a terminal)."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sitrep")
def cli() -> None:
    """sitrep: news articles to sourced, geolocated records of political violence and events.

    INPUT is a plain-text article (optional first line ' date YYYY-MM-DD ...'), a JSON Lines
    file (.jsonl, one article per line), or - for standard input.
    """


@cli.command()
@input_args
@format_opt
@model_opt
@published_opt
@progress_opt
def extract(inputs: tuple[str, ...], fmt: str, model: str | None, published: Any, progress: bool | None) -> None:
    """Extract event records (one JSON object per event) from articles."""
    pipeline = _load_pipeline(model)
    report = RunReport()
    articles = report.articles_from(
        inputs, published=published.date() if published else None, max_chars=pipeline.settings.max_article_chars
    )
    events = pipeline.process(_progress(articles, enabled=progress, unit="article"), on_error=report.reject)
    written = write_records((e.to_dict() for e in events), sys.stdout, fmt=fmt, columns=EVENT_CSV_COLUMNS)
    _finish(report, f"{report.articles} article(s) read, {written} event(s) written")


@cli.command()
@input_args
@click.option("--format", "fmt", type=click.Choice(("jsonl", "json")), default="jsonl", show_default=True)
@model_opt
@progress_opt
def geoparse(inputs: tuple[str, ...], fmt: str, model: str | None, progress: bool | None) -> None:
    """Find and resolve every place name (one JSON object per article)."""
    pipeline = _load_pipeline(model)
    report = RunReport()
    articles = report.articles_from(inputs, published=None, max_chars=pipeline.settings.max_article_chars)
    results = pipeline.geoparse(_progress(articles, enabled=progress, unit="article"), on_error=report.reject)
    written = write_records((r.to_dict() for r in results), sys.stdout, fmt=fmt)
    _finish(report, f"{report.articles} article(s) read, {written} article result(s) written")


def _csv_columns(pairs: tuple[str, ...]) -> dict[str, str] | None:
    columns = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or not field or not column:
            raise click.BadParameter(f"expected FIELD=COLUMN, got {pair!r}", param_hint="--csv-column")
        columns[field.strip()] = column.strip()
    return columns or None


@cli.command()
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@click.option("--db", required=True, help="Event database: a DuckDB file (created if absent) or a postgresql:// URL.")
@model_opt
@published_opt
@progress_opt
@click.option("--fetch-pages/--no-fetch-pages", default=True, help="Fetch each feed entry's page (else its own text).")
@click.option("--timeout", type=float, default=20.0, show_default=True, help="Seconds allowed per download.")
@click.option("--csv-column", multiple=True, metavar="FIELD=COLUMN", help="CSV column holding an article field.")
def ingest(
    sources: tuple[str, ...],
    db: str,
    model: str | None,
    published: Any,
    progress: bool | None,
    fetch_pages: bool,
    timeout: float,
    csv_column: tuple[str, ...],
) -> None:
    """Extract events from articles and merge them into an event database.

    Re-ingesting an article already stored changes nothing; a new report of a known
    event joins it as another source.
    """
    from sitrep.ingest import HttpxFetcher, NearDuplicateIndex
    from sitrep.resolve import Resolver
    from sitrep.store import open_store

    pipeline = _load_pipeline(model)
    report = RunReport()
    resolver, near_duplicates = Resolver(), NearDuplicateIndex()
    stored = skipped = new_events = merged = 0
    with open_store(db) as store, HttpxFetcher(timeout_s=timeout) as fetcher:
        articles = report.articles_from(
            sources,
            published=published.date() if published else None,
            max_chars=pipeline.settings.max_article_chars,
            fetcher=fetcher,
            fetch_pages=fetch_pages,
            csv_columns=_csv_columns(csv_column),
        )
        shown = _progress(articles, enabled=progress, unit="article")
        for article, events in pipeline.process_by_article(shown, on_error=report.reject):
            result = store.add(
                article,
                events,
                resolver=resolver,
                pipeline_version=pipeline.version,
                near_duplicates=near_duplicates,  # matches sketches stored by this run and earlier ones
            )
            skipped += result.skipped
            stored += not result.skipped
            new_events += len(result.new_event_ids)
            merged += len(result.merged_event_ids)
    _finish(
        report,
        f"{stored} article(s) stored, {skipped} already stored, {new_events} new event(s), "
        f"{merged} report(s) merged into known events",
    )


def _floats(text: str | None, n: int, name: str) -> tuple[float, ...] | None:
    if text is None:
        return None
    try:
        values = tuple(float(v) for v in text.split(","))
    except ValueError:
        values = ()
    if len(values) != n:
        raise click.BadParameter(f"expected {n} comma-separated numbers, got {text!r}", param_hint=name)
    return values


@cli.command()
@click.option("--db", required=True, help="Event database: a DuckDB file or a postgresql:// URL.")
@click.option("--country", help="ISO 3166-1 alpha-3 code of the event's country.")
@click.option("--admin1", help="First-level division name.")
@click.option("--date-from", type=click.DateTime(formats=["%Y-%m-%d"]), help="Earliest event date.")
@click.option("--date-to", type=click.DateTime(formats=["%Y-%m-%d"]), help="Latest event date.")
@click.option("--event-type", help="ACLED event type, e.g. 'Battles'.")
@click.option("--sub-event-type", help="ACLED sub-event type, e.g. 'Air/drone strike'.")
@click.option("--actor", help="Text found in actor1's or actor2's name.")
@click.option("--bbox", metavar="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT", help="Bounding box.")
@click.option("--near", metavar="LAT,LON,KM", help="Within KM of a point.")
@click.option("--min-fatalities", type=int, help="At least this many fatalities.")
@click.option("--min-sources", type=int, help="Reported by at least this many articles.")
@click.option("--claimed-by", help="Text found in a claimant's name.")
@click.option("--limit", type=int, help="At most this many events.")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file, not stdout.")
def events(db: str, fmt: str, output: Path | None, bbox: str | None, near: str | None, **filters: Any) -> None:
    """Query merged events and export them (JSON Lines, ACLED CSV, GeoJSON, Parquet, PLOVER)."""
    from sitrep.store import open_store

    if fmt in BINARY_FORMATS and output is None:
        raise click.UsageError(f"--format {fmt} needs --output FILE")
    for key in ("date_from", "date_to"):
        if filters[key] is not None:
            filters[key] = filters[key].date()
    query = {k: v for k, v in filters.items() if v is not None}
    if bbox is not None:
        query["bbox"] = _floats(bbox, 4, "--bbox")
    if near is not None:
        query["near"] = _floats(near, 3, "--near")
    with open_store(db, read_only=True) as store:
        written = export_events(store.iter_events(**query), output if output is not None else sys.stdout, fmt=fmt)
    click.echo(f"sitrep: {written} event(s) written", err=True)


@cli.group()
def gazetteer() -> None:
    """Build or query the gazetteer index (GeoNames data from PyPI packages, cached)."""


@gazetteer.command("build")
@click.option("--path", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Where to write the index.")
@click.option(
    "--geonames", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
    help="A GeoNames dump (allCountries.zip, cities1000.zip, XX.zip or .txt) to add villages, camps and "
    "airports from, and GeoNames' own points for divisions.",
)  # fmt: skip
@click.option("--packages-only", is_flag=True, help="Do not reuse the GeoNames dump an earlier build was made from.")
def gazetteer_build(path: Path | None, geonames: Path | None, packages_only: bool) -> None:
    """Build (or rebuild) the gazetteer index now instead of on first use."""
    from sitrep.geo.build import build_meta
    from sitrep.geo.gazetteer import default_gazetteer_path, load_gazetteer

    if geonames is not None and packages_only:
        raise click.UsageError("--geonames and --packages-only contradict each other")
    target = path or default_gazetteer_path()
    if geonames is not None:
        click.echo(f"sitrep: reading {geonames} (allCountries takes several minutes)", err=True)
    load_gazetteer(path=target, rebuild=True, geonames=geonames, reuse_dump=not packages_only).close()
    built_from = build_meta(target).get("built_from", "packages")
    click.echo(f"sitrep: gazetteer written to {target} (from {built_from})", err=True)


@gazetteer.command("lookup")
@click.argument("names", nargs=-1, required=True)
def gazetteer_lookup(names: tuple[str, ...]) -> None:
    """Print the gazetteer entries a place name may refer to (JSON Lines)."""
    from sitrep.geo.gazetteer import load_gazetteer

    index = load_gazetteer()
    entries = (dict(query=name, **dataclasses.asdict(e)) for name in names for e in index.candidates(name))
    write_records(entries, sys.stdout, fmt="jsonl")


def main() -> None:
    """Console entry point: library errors become one clear line and exit status 2."""
    try:
        cli(standalone_mode=True)
    except SitrepError as exc:
        click.echo(f"sitrep: error: {exc}", err=True)
        sys.exit(2)
