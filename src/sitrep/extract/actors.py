"""Actors of an event mention: who did it (actor1) and to whom (actor2), normalised ACLED-style.

Roles come from the dependency parse around the trigger (subject of an active verb, "by" agent,
"planted by X"; object, passive subject, "against X", "killing two civilians"), names from three
packaged tables: ``countries_demonyms.tsv``, ``organisations.tsv`` and ``sector_terms.tsv``.
Build an :class:`ActorExtractor` (or :class:`ActorLexicon`) once and reuse it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from spacy.tokens import Doc, Span, Token

from sitrep.extract.types import EventMention
from sitrep.models import Actor
from sitrep.resources import read_tsv

__all__ = ["ActorExtractor", "ActorLexicon", "Organisation", "SectorTerm", "country_of_text", "extract_actors"]

_WORD = re.compile(r"[A-Za-z\u00C0-\u024F][\w.'’\-]*")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
MAX_NGRAM = 6
# Nouns naming a part of a force: the actor is the force they belong to ("groups of Armenia's armed forces").
UNIT_NOUNS = frozenset(
    {
        "group",
        "unit",
        "formation",
        "member",
        "personnel",
        "element",
        "detachment",
        "contingent",
        "battalion",
        "brigade",
        "regiment",
        "squad",
        "team",
        "division",
        "company",
        "fighter",
        "soldier",
        "officer",
        "servicemen",
        "serviceman",
        "militant",
        "troop",
        "thousand",
        "hundred",
        "dozen",
        "score",
        "million",
    }
)
# Objects that are weapons or vehicles, never actors.
NON_ACTORS = frozenset(
    {
        "bomb",
        "mine",
        "landmine",
        "ied",
        "device",
        "explosive",
        "explosion",
        "blast",
        "missile",
        "rocket",
        "shell",
        "mortar",
        "grenade",
        "drone",
        "vehicle",
        "car",
        "truck",
        "bus",
        "road",
        "fire",
        "attack",
        "weapon",
        "it",
        "this",
        "that",
        "which",
        "who",
        "what",
        "position",
        "target",
        "area",
        "building",
        "house",
        "home",
        "village",
        "town",
        "city",
        "infrastructure",
        "facility",
    }
)
AGENT_VERBS = frozenset(
    {
        "plant",
        "install",
        "lay",
        "fire",
        "launch",
        "carry",
        "conduct",
        "claim",
        "detonate",
        "commit",
        "perpetrate",
        "stage",
        "organize",
        "organise",
        "throw",
        "drop",
        "mount",
        "target",
        "attack",
    }
)
VICTIM_VERBS = frozenset({"kill", "wound", "injure", "target", "hit", "murder", "abduct", "kidnap", "shoot", "carry"})
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
PRONOUNS = frozenset({"PRON"})
CROWD_EVENTS = frozenset({"Protests", "Riots"})
# Sectors whose members are rarely given a nationality in the text: they take the article's country.
UNNAMED_SECTORS = frozenset({"CVL", "PTR", "RIO", "UAG", "REB", "REF", "MED", "HLH", "COP"})


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


class ActorExtractor:
    """Finds and normalises actor1 and actor2 of an :class:`EventMention`."""

    def __init__(self, lexicon: ActorLexicon | None = None) -> None:
        self.lexicon = lexicon if lexicon is not None else ActorLexicon.load()

    def __call__(
        self, doc: Doc, mention: EventMention, *, default_country: str | None = None
    ) -> tuple[Actor | None, Actor | None]:
        trigger = doc[mention.trigger]
        sent = trigger.sent
        violent = mention.event_type in VIOLENT_TYPES or mention.plover_event in ("ASSAULT", "FIGHT")
        agent = _first(_agent_tokens(trigger)) or (_first(_sentence_agents(sent)) if violent else None)
        if agent is None and trigger.pos_ in ("NOUN", "PROPN") and trigger.lemma_.lower() in self.lexicon.sectors:
            agent = trigger  # the trigger names the doer: "a suicide bomber blew himself up"
        patient = _first(t for t in _patient_tokens(trigger) if agent is None or t.i != agent.i)
        if patient is None and violent:
            patient = _first(t for t in _sentence_victims(sent) if agent is None or t.i != agent.i)
        actor1 = self.actor(agent, violent=violent, default_country=default_country) if agent is not None else None
        if actor1 is not None and mention.event_type in CROWD_EVENTS and actor1.sector in ("CVL", "POL", "OPP", None):
            # Whoever marches or riots is coded as protesters or rioters (ACLED inter 6 / 5).
            term = self.lexicon.sectors["protester" if mention.event_type == "Protests" else "rioter"]
            name = _name(term.name, self.lexicon.country_names.get(actor1.country or "") or None)
            actor1 = Actor(name, actor1.country, term.sector, term.inter, actor1.text)
        sentence_countries = self.lexicon.countries_in(sent.text)
        other = next((c for c in sentence_countries if actor1 is None or c != actor1.country), None)
        actor2 = (
            self.actor(patient, violent=violent, default_country=default_country or other)
            if patient is not None
            else None
        )
        return actor1, actor2

    def actor(self, head: Token, *, violent: bool = False, default_country: str | None = None) -> Actor | None:
        """Normalise the noun phrase headed by ``head`` into an :class:`Actor`."""
        lex = self.lexicon
        phrase = _phrase(head)
        text = phrase.text
        owner = _owner(head)  # "groups of Armenia's armed forces" -> "forces"
        core = _phrase(owner) if owner is not None else phrase
        full = head.doc[phrase.start : max(phrase.end, core.end)].text
        org = lex.organisation_of_text(full)
        country = lex.country_of_text(full)
        if org is not None:
            return Actor(org.name, country or org.country, org.sector, org.inter, text)
        term = self._sector(core) or self._sector(phrase)
        if term is None:
            iso = lex.country_of_text(text)
            if iso and head.pos_ == "PROPN" and head.ent_type_ != "NORP" and not head.tag_.endswith("S"):
                # A state named as the doer: its forces in violence, its government otherwise.
                key = "military" if violent else "government"
                term = lex.sectors[key]
                country = iso
            elif iso and (head.ent_type_ == "NORP" or head.tag_ in ("NNPS", "NNS")):
                term, country = lex.sectors["civilian"], iso  # "ethnic Albanians", "Palestinians"
            else:
                return None
        if country is None and term.sector in UNNAMED_SECTORS:
            country = default_country
        name = _name(term.name, lex.country_names.get(country) if country else None)
        return Actor(name, country, term.sector, term.inter, text)

    def _sector(self, phrase: Span) -> SectorTerm | None:
        lemmas = [t.lemma_.lower() for t in phrase if not t.is_punct]
        lowers = [t.lower_ for t in phrase if not t.is_punct]
        for seq in (lemmas, lowers):
            for size in range(min(4, len(seq)), 0, -1):
                # Longest term ending at the phrase head (the last word) first: "riot police" > "police".
                gram = " ".join(seq[len(seq) - size :])
                if gram in self.lexicon.sectors:
                    return self.lexicon.sectors[gram]
        return None


def extract_actors(
    doc: Doc,
    mention: EventMention,
    *,
    extractor: ActorExtractor | None = None,
    default_country: str | None = None,
) -> tuple[Actor | None, Actor | None]:
    """(actor1, actor2) of ``mention``. ``default_country``: ISO3 for unnamed victims or attackers
    (the article's country). Pass an ``extractor`` built once when processing many mentions."""
    return (extractor or ActorExtractor())(doc, mention, default_country=default_country)


def country_of_text(text: str, *, lexicon: ActorLexicon | None = None) -> str | None:
    """ISO3 of a country named in ``text`` ("Azerbaijan's Ministry of Defence" -> "AZE").
    Pass a ``lexicon`` built once when calling this often."""
    return (lexicon or ActorLexicon.load()).country_of_text(text)


# -- roles ----------------------------------------------------------------------------------------
def _first(tokens: Iterable[Token]) -> Token | None:
    for tok in tokens:
        if _is_dateline(tok):
            # "BAKU – Azerbaijan has launched": the parser may hang the subject off the dateline
            tok = next((c for c in tok.children if c.dep_ == "appos"), tok)
        if tok.pos_ not in PRONOUNS and tok.lemma_.lower() not in NON_ACTORS and not _is_dateline(tok):
            return tok
    return None


def _is_dateline(tok: Token) -> bool:
    """ "BAKU –" at the head of a story names where it was filed, not an actor."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return tok.text.isupper() and nxt is not None and nxt.text in ("–", "—", "-", "--")


def _by_agent(tok: Token) -> list[Token]:
    return [
        g
        for c in tok.children
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _subjects(verb: Token) -> list[Token]:
    node = verb
    for _ in range(4):
        subj = [c for c in node.children if c.dep_ == "nsubj"]
        if subj:
            return subj
        if node.dep_ in ("xcomp", "conj", "advcl") and node.head.i != node.i:
            node = node.head
            continue
        break
    return []


def _agent_tokens(tok: Token) -> list[Token]:
    out = _by_agent(tok)
    if tok.pos_ in ("VERB", "AUX"):
        if not any(c.dep_ == "nsubjpass" for c in tok.children):
            out.extend(_subjects(tok))
    else:
        out.extend(c for c in tok.children if c.dep_ == "poss")
        out.extend(c for c in tok.children if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE"))
        out.extend(a for c in tok.children if c.dep_ == "acl" for a in _by_agent(c))  # "mine planted by X"
        verb = _governing_verb(tok)
        if verb is not None:
            out.extend(_subjects(verb))  # "X launched an operation", "X subjected Y to fire"
    return out


def _governing_verb(tok: Token) -> Token | None:
    """The verb a noun trigger is the object of, directly or through a preposition."""
    if tok.dep_ == "dobj" and tok.head.pos_ in ("VERB", "AUX"):
        return tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX"):
        return tok.head.head
    return None


def _patient_tokens(tok: Token) -> list[Token]:
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ in ("on", "against", "at", "with", "upon", "to", "of", "among"):
            out.extend(g for g in c.children if g.dep_ == "pobj")
    if tok.pos_ not in ("VERB", "AUX"):
        verb = _governing_verb(tok)
        if verb is not None:
            out.extend(c for c in verb.children if c.dep_ == "dobj" and c.i != tok.i)
            # "launched an operation ... to drive out the formations of X": the purpose's object
            out.extend(g for c in verb.children if c.dep_ in ("advcl", "xcomp") for g in c.children if g.dep_ == "dobj")
    return [_possessor(t) for t in out]


def _possessor(tok: Token) -> Token:
    """Whose place was hit: "the Army's positions" -> "Army", "Hamas positions" -> "Hamas"."""
    if tok.lemma_.lower() in NON_ACTORS:
        owner = next((c for c in tok.children if c.dep_ == "poss"), None) or next(
            (c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None
        )
        if owner is not None:
            return owner
    return tok


def _sentence_agents(sent: Span) -> list[Token]:
    """Doers named anywhere in the sentence: "planted by X", "installed by X"."""
    return [p for t in sent if t.lemma_.lower() in AGENT_VERBS for p in _by_agent(t)]


def _sentence_victims(sent: Span) -> list[Token]:
    """Victims named anywhere in the sentence: "killing two civilians", "casualties among X"."""
    out: list[Token] = []
    for t in sent:
        if t.lemma_.lower() in VICTIM_VERBS:
            out.extend(c for c in t.children if c.dep_ in ("dobj", "nsubjpass"))
        elif t.dep_ == "pobj" and t.head.lower_ == "among":
            out.append(t)
    return out


# -- names ----------------------------------------------------------------------------------------
def _phrase(head: Token) -> Span:
    """The noun phrase up to its head: determiners dropped, left modifiers kept."""
    start = head.left_edge.i
    while start < head.i and head.doc[start].dep_ in ("det", "punct", "nummod", "quantmod", "predet"):
        start += 1
    return head.doc[start : head.i + 1]


def _owner(head: Token) -> Token | None:
    """The force a unit belongs to: "groups of Armenia's armed forces" -> "forces"."""
    node = head
    for _ in range(3):
        if node.lemma_.lower() not in UNIT_NOUNS:
            break
        pobj = next(
            (g for c in node.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"),
            None,
        )
        if pobj is None:
            break
        node = pobj
    return node if node.i != head.i else None


def _name(template: str, country_name: str | None) -> str:
    if country_name:
        return template.format(country=country_name)
    # No country known: "Military Forces of {country}" -> "Military Forces", "Civilians ({country})" -> "Civilians".
    return re.sub(r"\s*(?:of \{country\}|\(\{country\}\))", "", template).strip()
