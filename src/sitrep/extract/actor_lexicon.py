"""The actor tables: countries and demonyms, named organisations and sector head words.

Loaded once from the packaged TSV files (``countries_demonyms.tsv``, ``organisations.tsv``,
``sector_terms.tsv``) into an :class:`ActorLexicon`, which answers phrase look-ups
("Azerbaijan's ministry" -> AZE, "KNLA" -> Karen National Liberation Army) and names an
article's focus country. Build it once (or use :func:`shared_lexicon`) and reuse it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from spacy.tokens import Doc, Token

from sitrep.resources import read_tsv

__all__ = ["ActorLexicon", "Organisation", "SectorTerm", "is_dateline", "shared_lexicon"]

_WORD = re.compile(r"[A-Za-z\u00C0-\u024F][\w.'’\-]*")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
MAX_NGRAM = 6
# Sectors whose head word, when a country qualifies it, says whose story it is ("Myanmar's military").
_ACTOR_SECTORS = frozenset({"MIL", "COP", "GOV", "REB", "UAG", "JUD", "OPP", "POL", "PTR", "CRM"})
_FOCUS_KEY = "sitrep.focus_country"


@dataclass(frozen=True)
class Organisation:
    name: str
    country: str | None
    sector: str
    inter: int


@dataclass(frozen=True)
class SectorTerm:
    sector: str
    inter: int
    name: str  # template with {country}


@dataclass(frozen=True)
class ActorLexicon:
    """Country, organisation and sector tables, indexed for phrase look-up."""

    country_names: Mapping[str, str]  # ISO3 -> short name
    country_keys: Mapping[str, str]  # lower-cased name/alias/demonym -> ISO3
    exact_keys: Mapping[str, str]  # case-sensitive short acronyms ("US", "UK") -> ISO3
    organisations: Mapping[str, Organisation]  # lower-cased alias -> organisation
    exact_organisations: Mapping[str, Organisation]  # all-capital acronyms, matched exactly
    sectors: Mapping[str, SectorTerm]  # lower-cased term (lemmas, space-joined) -> sector

    @classmethod
    def load(cls) -> ActorLexicon:
        names: dict[str, str] = {}
        keys: dict[str, str] = {}
        exact: dict[str, str] = {}
        for row in read_tsv("countries_demonyms.tsv"):
            iso = row["iso3"]
            names[iso] = row["name"]
            values = [row["name"], *_split(row["aliases"]), *_split(row["demonyms"])]
            for value in values:
                target = exact if _is_acronym(value) else keys
                target.setdefault(value if _is_acronym(value) else value.lower(), iso)
        orgs: dict[str, Organisation] = {}
        exact_orgs: dict[str, Organisation] = {}
        for row in read_tsv("organisations.tsv"):
            org = Organisation(row["name"], (row["country"] or "").strip() or None, row["sector"], int(row["inter"]))
            for alias in [row["name"], *_split(row["aliases"])]:
                if _is_acronym(alias):
                    exact_orgs.setdefault(alias, org)
                else:
                    orgs.setdefault(alias.lower(), org)
        sectors = {
            row["term"].lower(): SectorTerm(row["sector"], int(row["inter"]), row["name"])
            for row in read_tsv("sector_terms.tsv")
        }
        return cls(*(MappingProxyType(m) for m in (names, keys, exact, orgs, exact_orgs, sectors)))  # type: ignore[arg-type]

    def country_of_text(self, text: str) -> str | None:
        """ISO3 of the first country named in ``text`` by name, alias or demonym ("Armenia's", "Azeri")."""
        for gram in _ngrams(_words(text)):
            iso = self.exact_keys.get(gram) or self.country_keys.get(gram.lower())
            if iso:
                return iso
        return None

    def countries_in(self, text: str) -> list[str]:
        out: list[str] = []
        for gram in _ngrams(_words(text)):
            iso = self.exact_keys.get(gram) or self.country_keys.get(gram.lower())
            if iso and iso not in out:
                out.append(iso)
        return out

    def organisation_of_text(self, text: str) -> Organisation | None:
        for gram in _ngrams(_words(text)):
            org = self.exact_organisations.get(gram) or self.organisations.get(gram.lower())
            if org:
                return org
        return None

    def country_name(self, iso3: str) -> str:
        return self.country_names.get(iso3, iso3)

    def sector_of(self, tok: Token) -> SectorTerm | None:
        return self.sectors.get(tok.lemma_.lower()) or self.sectors.get(tok.lower_)

    def focus_country(self, doc: Doc, default: str | None = None) -> str | None:
        """The country an article is about, remembered on the doc (``doc.user_data``).

        Votes: every country named (name, alias, demonym); a country attached to an actor
        ("Myanmar's military", "Somali army", "Kenyan police") counts three times, a named group
        of one country ("Al-Shabaab") twice, and the first paragraph counts double. The dateline
        (where the story was filed) does not vote. ``default`` (e.g. the country of the article's
        places) decides when the text names no country.
        """
        cached = doc.user_data.get(_FOCUS_KEY)
        if cached is not None:
            return cached[0] or default
        votes: dict[str, float] = {}
        first_para_end = doc.text.find("\n\n")
        first_para_end = len(doc.text) if first_para_end < 0 else first_para_end
        i = 0
        while i < len(doc):
            tok = doc[i]
            if not tok.is_alpha or not (tok.text[0].isupper() or tok.lower_ in ("u.s.",)) or is_dateline(tok):
                i += 1
                continue
            found = None
            for size in (3, 2, 1):
                if i + size > len(doc):
                    continue
                span = doc[i : i + size]
                gram = _POSSESSIVE.sub("", span.text)
                iso = self.exact_keys.get(gram) or self.country_keys.get(gram.lower())
                if iso:
                    found = (iso, span)
                    break
            if found is None:
                i += 1
                continue
            iso, span = found
            last = span[-1]
            if last.dep_ == "case" and len(span) > 1:
                last = span[-2]  # "Myanmar 's"
            head = last.head if last.dep_ in ("poss", "amod", "compound", "nmod") else None
            weight = 2.0 if last.dep_ == "nsubj" else 1.0  # a state as the doer ("Azerbaijan has begun")
            if head is not None and head.i != last.i:
                term = self.sector_of(head)
                if term is not None and term.sector in _ACTOR_SECTORS:
                    weight = 3.0
            if span.start_char < first_para_end:
                weight *= 2
            votes[iso] = votes.get(iso, 0.0) + weight
            i = span.end
        # a named group of one country is an actor of it ("Al-Shabaab militants attacked ..." in a
        # story naming no country but Turkey, in passing)
        for ent in doc.ents:
            org = self.organisation_of_text(ent.text)
            if org is not None and org.country is not None and not is_dateline(ent[0]):
                weight = 2.0 * (2 if ent.start_char < first_para_end else 1)
                votes[org.country] = votes.get(org.country, 0.0) + weight
        focus = max(votes, key=lambda k: votes[k]) if votes else None
        doc.user_data[_FOCUS_KEY] = (focus,)
        return focus or default


@functools.cache
def shared_lexicon() -> ActorLexicon:
    """One :class:`ActorLexicon` per process, for callers that are given none."""
    return ActorLexicon.load()


def is_dateline(tok: Token) -> bool:
    """ "BAKU –" at the head of a story names where it was filed, not an actor or a focus."""
    if tok.i > 8:
        return False
    j = tok.i
    while j + 1 < len(tok.doc) and tok.doc[j + 1].text.isupper() and tok.doc[j + 1].is_alpha:
        j += 1  # "PORT SUDAN –"
    nxt = tok.doc[j + 1] if j + 1 < len(tok.doc) else None
    return tok.text.isupper() and nxt is not None and nxt.text in ("–", "—", "-", "--", ",")


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


def _is_acronym(value: str) -> bool:
    letters = value.replace(".", "")
    return len(letters) <= 5 and letters.isupper()


def _words(text: str) -> list[str]:
    return [_POSSESSIVE.sub("", w).rstrip(".") if not _is_acronym(w) else w for w in _WORD.findall(text)]


def _ngrams(words: list[str]) -> Iterable[str]:
    """Word n-grams, longest first at each start position (so "South Korean" beats "Korean")."""
    for start in range(len(words)):
        for size in range(min(MAX_NGRAM, len(words) - start), 0, -1):
            yield " ".join(words[start : start + size])
