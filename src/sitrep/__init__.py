"""sitrep: news articles to sourced, geolocated records of political violence and events."""

from sitrep.errors import InputError, ResourceError, SettingsError, SitrepError
from sitrep.models import Actor, Article, Claim, Event, Evidence, Location, Place, Plover, Source
from sitrep.pipeline import Pipeline, extract, process_articles
from sitrep.settings import Settings, load_settings

__all__ = [
    "Actor",
    "Article",
    "Claim",
    "Event",
    "Evidence",
    "InputError",
    "Location",
    "Pipeline",
    "Place",
    "Plover",
    "ResourceError",
    "Settings",
    "SettingsError",
    "SitrepError",
    "Source",
    "extract",
    "load_settings",
    "process_articles",
]
