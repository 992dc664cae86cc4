"""Packaged data (found via importlib.resources) and the user cache directory.

Nothing here reads the working directory, and nothing is ever written into the package.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import platformdirs

DATA_PACKAGE = "sitrep.data"


def data_path(name: str) -> resources.abc.Traversable:
    """A packaged data file under ``sitrep/data``."""
    return resources.files(DATA_PACKAGE).joinpath(name)


def read_text(name: str) -> str:
    return data_path(name).read_text(encoding="utf-8")


def read_tsv(name: str) -> Iterator[dict[str, str]]:
    """Rows of a packaged TSV table (header line; lines starting with '#' are comments)."""
    lines = [ln for ln in read_text(name).splitlines() if ln.strip() and not ln.startswith("#")]
    yield from csv.DictReader(lines, delimiter="\t")


def cache_dir() -> Path:
    """Where built indexes live: ``$SITREP_CACHE_DIR`` or the platform user cache dir."""
    override = os.environ.get("SITREP_CACHE_DIR")
    path = Path(override) if override else Path(platformdirs.user_cache_dir("sitrep"))
    path.mkdir(parents=True, exist_ok=True)
    return path
