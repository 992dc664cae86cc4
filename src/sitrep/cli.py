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

    def articles_from(self, inputs: Iterable[str], *, published: date | None, max_chars: int) -> Iterator[Article]:
        stdin = getattr(sys.stdin, "buffer", None)
        for item in read_inputs(inputs, stdin=stdin, max_chars=max_chars):
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


def _finish(report: RunReport, written: int, what: str) -> None:
    click.echo(
        f"sitrep: {report.articles} article(s) read, {written} {what} written, "
        f"{report.rejected} record(s) set aside",
        err=True,
    )
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
    _finish(report, written, "event(s)")


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
    _finish(report, written, "article result(s)")


@cli.group()
def gazetteer() -> None:
    """Build or query the gazetteer index (GeoNames data from PyPI packages, cached)."""


@gazetteer.command("build")
@click.option("--path", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Where to write the index.")
def gazetteer_build(path: Path | None) -> None:
    """Build (or rebuild) the gazetteer index now instead of on first use."""
    from sitrep.geo.gazetteer import default_gazetteer_path, load_gazetteer

    target = path or default_gazetteer_path()
    load_gazetteer(path=target, rebuild=True)
    click.echo(f"sitrep: gazetteer written to {target}", err=True)


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
