"""The command line, with the test-double pipeline (no model load)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from sitrep import cli as cli_module


@pytest.fixture
def runner(monkeypatch, fake_pipeline):
    monkeypatch.setattr(cli_module, "_load_pipeline", lambda model: fake_pipeline)
    return CliRunner()


@pytest.fixture
def article_file(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(" date 2024-03-01 TESTVILLE – Gunmen attacked a market in Testville.", encoding="utf-8")
    return path


def test_extract_text_file_to_jsonl(runner, article_file):
    result = runner.invoke(cli_module.cli, ["extract", str(article_file)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 1
    assert lines[0]["article_id"] == "story.txt"
    assert lines[0]["event_date"] == "2024-03-01"
    assert "1 article(s) read, 1 event(s) written, 0 record(s) set aside" in result.stderr


def test_extract_csv_and_json(runner, article_file):
    result = runner.invoke(cli_module.cli, ["extract", "--format", "csv", str(article_file)])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["location_name"] == "Testville"
    result = runner.invoke(cli_module.cli, ["extract", "--format", "json", str(article_file)])
    assert json.loads(result.stdout)[0]["sub_event_type"] == "Attack"


def test_bad_records_are_reported_counted_and_skipped(runner, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"id": "ok", "text": "Gunmen attacked Testville.", "published": "2024-01-01"}\n'
        "{broken\n"
        '{"id": "empty", "text": ""}\n',
        encoding="utf-8",
    )
    result = runner.invoke(cli_module.cli, ["extract", str(path), str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1
    assert f"set aside {path}:2: invalid JSON" in result.stderr
    assert "set aside empty: empty text" in result.stderr
    assert "missing.txt: cannot read file" in result.stderr
    assert "3 record(s) set aside" in result.stderr


def test_stdin_and_published_default(runner):
    result = runner.invoke(
        cli_module.cli, ["extract", "--published", "2022-02-02", "-"], input="Gunmen attacked Testville."
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["event_date"] == "2022-02-02"


def test_geoparse_command(runner, article_file):
    result = runner.invoke(cli_module.cli, ["geoparse", str(article_file)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["id"] == "story.txt"
    assert record["places"][0]["name"] == "Testville"


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["extract"],
        ["geoparse"],
        ["ingest"],
        ["events"],
        ["gazetteer"],
        ["gazetteer", "build"],
        ["gazetteer", "lookup"],
    ],
)
def test_help_for_every_command(command):
    result = CliRunner().invoke(cli_module.cli, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_gazetteer_lookup_prints_candidates(monkeypatch):
    from sitrep.extract.types import GazEntry
    from sitrep.geo import gazetteer as gazetteer_module

    entry = GazEntry(geonameid=7, name="Testville", lat=1.0, lon=2.0, country="TST", feature="city")
    monkeypatch.setattr(gazetteer_module, "load_gazetteer", lambda: gazetteer_module.MemoryGazetteer([entry]))
    result = CliRunner().invoke(cli_module.cli, ["gazetteer", "lookup", "testville"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert (record["query"], record["geonameid"], record["country"]) == ("testville", 7, "TST")


def test_ingest_is_idempotent_and_events_exports(runner, tmp_path, article_file):
    db = str(tmp_path / "events.duckdb")
    first = runner.invoke(cli_module.cli, ["ingest", str(article_file), "--db", db])
    assert first.exit_code == 0, first.output
    assert "1 article(s) stored" in first.stderr and "1 new event(s)" in first.stderr
    again = runner.invoke(cli_module.cli, ["ingest", str(article_file), "--db", db])
    assert "0 article(s) stored, 1 already stored, 0 new event(s)" in again.stderr

    exported = runner.invoke(cli_module.cli, ["events", "--db", db, "--country", "TST"])
    assert exported.exit_code == 0, exported.output
    (record,) = [json.loads(line) for line in exported.stdout.splitlines()]
    assert record["location"]["name"] == "Testville"
    assert record["fatalities_low"] is None and len(record["sources"]) == 1

    none = runner.invoke(cli_module.cli, ["events", "--db", db, "--country", "FRA"])
    assert none.stdout == ""


def test_events_parquet_needs_an_output_file(runner, tmp_path):
    result = runner.invoke(cli_module.cli, ["events", "--db", str(tmp_path / "x.duckdb"), "--format", "parquet"])
    assert result.exit_code != 0
    assert "--output" in result.output


@pytest.mark.parametrize("option", [["--bbox", "1,2,3"], ["--near", "a,b,c"]])
def test_events_rejects_malformed_geometry(runner, tmp_path, option):
    result = runner.invoke(cli_module.cli, ["events", "--db", str(tmp_path / "x.duckdb"), *option])
    assert result.exit_code == 2
    assert "comma-separated numbers" in result.output
