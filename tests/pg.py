"""A throwaway PostgreSQL for the tests: one server per session, a fresh database per test.

The server itself comes from ``sitrep.store.pgserver`` (shared with ``bench/store.py``).
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Iterator

import psycopg

from sitrep.store.pgserver import find_bindir, throwaway_postgres

NO_SERVER = (
    "PostgreSQL backend tests skipped: no PostgreSQL server binaries (initdb, pg_ctl) on PATH "
    "or under /usr/lib/postgresql/*/bin; install them (Debian/Ubuntu: apt-get install -y postgresql)"
)


def have_server() -> bool:
    return find_bindir() is not None


@contextlib.contextmanager
def server() -> Iterator[str]:
    """The URL of a private server's maintenance database; stopped and deleted on exit."""
    with throwaway_postgres() as url:
        yield url


def fresh_database(url: str) -> str:
    """A new empty database on the server at ``url``; its URL."""
    name = "t_" + secrets.token_hex(6)
    with psycopg.connect(url, autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    return url.rsplit("/", 1)[0] + "/" + name
