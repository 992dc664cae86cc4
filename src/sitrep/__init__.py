"""sitrep: news articles to sourced, geolocated records of political violence and events."""

from sitrep.errors import InputError, ResourceError, SettingsError, SitrepError
from sitrep.models import Actor, Article, Claim, Event, Evidence, Location, Place, Plover, Source

__all__ = [
    "Actor",
    "Article",
    "Claim",
    "Event",
    "Evidence",
    "InputError",
    "Location",
    "Place",
    "Plover",
    "ResourceError",
    "SettingsError",
    "SitrepError",
    "Source",
]
