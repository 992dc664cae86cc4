"""sitrep's exceptions, one hierarchy (in the manner of httpx ``_exceptions.py``).

    SitrepError
    ├── InputError        an article or input file cannot be read (carries the record id)
    ├── ResourceError     a model, gazetteer or packaged data file is missing or broken
    ├── SettingsError     a setting has a bad value
    └── StoreError        the event database cannot be opened, read or written
"""

from __future__ import annotations


class SitrepError(Exception):
    """Base class of every error sitrep raises on purpose."""


class InputError(SitrepError):
    """A record that cannot be read: names the record and the reason."""

    def __init__(self, record: str, reason: str) -> None:
        super().__init__(f"{record}: {reason}")
        self.record = record
        self.reason = reason


class ResourceError(SitrepError):
    """A model or data resource sitrep needs is missing or unreadable."""


class SettingsError(SitrepError):
    """A setting (file or SITREP_* environment variable) has a bad value."""


class StoreError(SitrepError):
    """The event database failed: it cannot be opened, a write was rolled back, or a server is missing."""
