"""Actors of an event mention: who did it (actor1) and to whom (actor2), normalised ACLED-style.

Roles come from the dependency parse around the trigger (subject of an active verb, "by" agent,
"planted by X"; object, passive subject, "against X", "killing two civilians"), names from three
packaged tables: ``countries_demonyms.tsv``, ``organisations.tsv`` and ``sector_terms.tsv``.
Build an :class:`ActorExtractor` (or :class:`ActorLexicon`) once and reuse it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from sitrep.extract.actor_lexicon import ActorLexicon, Organisation, SectorTerm, is_dateline, shared_lexicon
from sitrep.extract.event_syntax import subject_of
from sitrep.extract.types import EventMention
from sitrep.models import Actor

__all__ = ["ActorExtractor", "ActorLexicon", "Organisation", "SectorTerm", "country_of_text", "extract_actors"]
# Nouns naming a part of a force: the actor is the force they belong to ("groups of Armenia's armed forces").
UNIT_NOUNS = frozenset({
    "group", "unit", "formation", "member", "personnel", "element", "detachment", "contingent",
    "battalion", "brigade", "regiment", "squad", "team", "division", "company", "fighter", "soldier",
    "officer", "servicemen", "serviceman", "militant", "troop", "thousand", "hundred", "dozen",
    "score", "million",
})  # fmt: skip
# Weapons: never actors themselves, but "a Russian missile" names whose forces fired it.
WEAPONS = frozenset({
    "bomb", "mine", "landmine", "ied", "device", "explosive", "missile", "rocket", "shell", "mortar",
    "grenade", "drone", "warplane", "jet", "aircraft", "helicopter", "artillery", "strike", "airstrike",
})  # fmt: skip
# Objects that are weapons or vehicles, never actors.
NON_ACTORS = WEAPONS | frozenset({
    "explosion", "blast", "vehicle", "car", "truck", "bus", "road", "fire", "attack", "weapon", "it",
    "this", "that", "which", "who", "what", "position", "target", "area", "building", "house", "home",
    "village", "town", "city", "infrastructure", "facility",
})  # fmt: skip
AGENT_VERBS = frozenset({
    "plant", "install", "lay", "fire", "launch", "carry", "conduct", "claim", "detonate", "commit",
    "perpetrate", "stage", "organize", "organise", "throw", "drop", "mount", "target", "attack",
})  # fmt: skip
VICTIM_VERBS = frozenset({"kill", "wound", "injure", "target", "hit", "murder", "abduct", "kidnap", "shoot", "carry"})
# "what it calls an operation": the naming verb's subject is the doer's pronoun; the doer is higher up.
NAMING_VERBS = frozenset({"call", "describe", "term", "dub", "label", "name", "brand"})
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
PRONOUNS = frozenset({"PRON"})
CROWD_EVENTS = frozenset({"Protests", "Riots"})
# Sectors whose members are rarely given a nationality in the text: they take the article's country.
UNNAMED_SECTORS = frozenset({"CVL", "PTR", "RIO", "UAG", "REB", "REF", "MED", "HLH", "COP", "CRM", "MIL", "GOV"})
# Plain people named as the doers of violence ("eight men opened fire") are an unidentified armed group.
PLAIN_PEOPLE = frozenset({"man", "men", "people", "person", "youth", "individual", "group"})
_CLAIMANTS_KEY = "sitrep.responsibility_claims"


class ActorExtractor:
    """Finds and normalises actor1 and actor2 of an :class:`EventMention`."""

    def __init__(self, lexicon: ActorLexicon | None = None) -> None:
        self.lexicon = lexicon if lexicon is not None else shared_lexicon()

    def __call__(
        self, doc: Doc, mention: EventMention, *, default_country: str | None = None
    ) -> tuple[Actor | None, Actor | None]:
        # The article's own focus (demonyms on actors, lede) beats the places' country, which a
        # dateline or a border crossing can tip ("BANGKOK — Myanmar's military ...").
        focus = self.lexicon.focus_country(doc, default_country)
        trigger = doc[mention.trigger]
        sent = trigger.sent
        violent = mention.event_type in VIOLENT_TYPES or mention.plover_event in ("ASSAULT", "FIGHT")
        agent = _first(_agent_tokens(trigger)) or (_first(_sentence_agents(sent)) if violent else None)
        if agent is None and trigger.pos_ in ("NOUN", "PROPN") and trigger.lemma_.lower() in self.lexicon.sectors:
            agent = trigger  # the trigger names the doer: "a suicide bomber blew himself up"
        if agent is None and violent:
            agent = _armed_weapon(_agent_tokens(trigger))  # "a Russian missile struck"
        patient = _first(t for t in _patient_tokens(trigger) if agent is None or t.i != agent.i)
        if patient is None and violent:
            patient = _first(t for t in _sentence_victims(sent) if agent is None or t.i != agent.i)
        actor1 = self.actor(agent, violent=violent, default_country=focus) if agent is not None else None
        if agent is None and violent and sent.end < len(doc):
            # "... struck a landmine. The mine had been laid by X": the next sentence names who laid it.
            nxt = doc[sent.end].sent
            agent = _first(
                p
                for t in nxt
                if t.lemma_.lower() in AGENT_VERBS
                and any(c.dep_ == "nsubjpass" and c.lemma_.lower() in WEAPONS for c in t.children)
                for p in _by_agent(t)
            )
            actor1 = self.actor(agent, violent=True, default_country=focus) if agent is not None else None
        if actor1 is None and violent:
            # No doer in the sentence: a group that claimed the attack later in the article.
            actor1 = self.claimant(doc, sent)
        if actor1 is not None and mention.event_type in CROWD_EVENTS and actor1.sector in ("CVL", "POL", "OPP", None):
            # Whoever marches or riots is coded as protesters or rioters (ACLED inter 6 / 5).
            term = self.lexicon.sectors["protester" if mention.event_type == "Protests" else "rioter"]
            name = _name(term.name, self.lexicon.country_names.get(actor1.country or "") or None)
            actor1 = Actor(name, actor1.country, term.sector, term.inter, actor1.text)
        elif (
            actor1 is not None
            and violent
            and mention.event_type not in CROWD_EVENTS
            and actor1.sector == "CVL"
            and agent is not None
            and agent.lemma_.lower() in PLAIN_PEOPLE
        ):
            term = self.lexicon.sectors["gunman"]
            name = _name(term.name, self.lexicon.country_names.get(actor1.country or "") or None)
            actor1 = Actor(name, actor1.country, term.sector, term.inter, actor1.text)
        sentence_countries = self.lexicon.countries_in(sent.text)
        other = next((c for c in sentence_countries if actor1 is None or c != actor1.country), None)
        actor2 = self.actor(patient, violent=violent, default_country=focus or other) if patient is not None else None
        return actor1, actor2

    def actor(self, head: Token, *, violent: bool = False, default_country: str | None = None) -> Actor | None:
        """Normalise the noun phrase headed by ``head`` into an :class:`Actor`."""
        lex = self.lexicon
        phrase = _phrase(head)
        text = phrase.text
        owner = _owner(head)  # "groups of Armenia's armed forces" -> "forces"
        core = _phrase(owner) if owner is not None else phrase
        full = head.doc[phrase.start : max(phrase.end, core.end)].text
        org = lex.organisation_of_text(full) or lex.organisation_of_text(_appos_text(head))
        country = lex.country_of_text(full)
        if org is not None:
            return Actor(org.name, org.country or country or default_country, org.sector, org.inter, text)
        term = self._sector(core) or self._sector(phrase)
        weapon = head.lemma_.lower() in WEAPONS or (head.dep_ == "amod" and head.head.lemma_.lower() in WEAPONS)
        if term is None and weapon and country is not None:
            term = lex.sectors["military"]  # "a Russian missile": Russia's forces fired it
        if term is None:
            iso = lex.country_of_text(text)
            if iso and head.pos_ == "PROPN" and head.ent_type_ != "NORP" and not head.tag_.endswith("S"):
                # A state named as the doer: its forces in violence, its government otherwise.
                key = "military" if violent else "government"
                term = lex.sectors[key]
                country = iso
            elif iso and (head.ent_type_ == "NORP" or head.tag_ in ("NNPS", "NNS")):
                term, country = lex.sectors["civilian"], iso  # "ethnic Albanians", "Palestinians"
            elif head.pos_ == "PROPN" and head.ent_type_ in ("ORG", "NORP") and violent:
                # A named local armed group not in the table: keep its name, in the article's country.
                name = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)
                return Actor(name, default_country, "REB", 3, text)
            else:
                return None
        if country is None and term.sector in UNNAMED_SECTORS:
            country = default_country
        name = _name(term.name, lex.country_names.get(country) if country else None)
        return Actor(name, country, term.sector, term.inter, text)

    def claimant(self, doc: Doc, sent: Span) -> Actor | None:
        """The group that claimed the attack told in ``sent``: "X claimed responsibility",
        "X said it was behind the attack", in this sentence or a later one."""
        claims = doc.user_data.get(_CLAIMANTS_KEY)
        if claims is None:
            claims = []
            for tok in doc:
                subj = _responsibility_subject(tok)
                if subj is not None:
                    found = self.actor(subj, violent=True, default_country=self.lexicon.focus_country(doc))
                    if found is not None and found.sector in ("REB", "UAG", "MIL", "CRM"):
                        claims.append((tok.sent.start, found))
            doc.user_data[_CLAIMANTS_KEY] = claims
        return next((a for start, a in claims if start >= sent.start), None)

    def _sector(self, phrase: Span) -> SectorTerm | None:
        lemmas = [t.lemma_.lower() for t in phrase if not t.is_punct]
        lowers = [t.lower_ for t in phrase if not t.is_punct]
        if len(lemmas) > 1 and lemmas[-1] in _MEMBERSHIP:
            lemmas, lowers = lemmas[:-1], lowers[:-1]  # "gang members", "Wagner fighters": the group
        for seq in (lemmas, lowers):
            for size in range(min(4, len(seq)), 0, -1):
                # Longest term ending at the phrase head (the last word) first: "riot police" > "police".
                gram = " ".join(seq[len(seq) - size :])
                if gram in self.lexicon.sectors:
                    return self.lexicon.sectors[gram]
        return None


_MEMBERSHIP = frozenset({"member", "fighter", "element"})


def _appos_text(head: Token) -> str:
    """ "the Islamist group al-Shabaab": the name in apposition to a generic head."""
    return " ".join(
        c.text_with_ws.strip() if c.dep_ != "appos" else c.doc[c.left_edge.i : c.i + 1].text
        for c in head.children
        if c.dep_ == "appos"
    )


def _responsibility_subject(tok: Token) -> Token | None:
    """Subject of a claim of responsibility: "X claimed responsibility (for ...)", "X claimed the
    attack", "X said it was behind the attack" / "it carried out the bombing"."""
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None and tok.dep_ == "conj":
        subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ == "PRON":
        return None
    if lemma in ("claim", "accept", "admit") and any(
        c.dep_ == "dobj" and c.lemma_.lower() in ("responsibility", "attack", "bombing", "killing", "ambush")
        for c in tok.children
    ):
        return subj
    if lemma == "say":
        for comp in (c for c in tok.children if c.dep_ == "ccomp"):
            pron = next((c for c in comp.children if c.dep_ == "nsubj" and c.lower_ in ("it", "they", "we")), None)
            behind = any(c.dep_ == "prep" and c.lower_ == "behind" for c in comp.children)
            did = comp.lemma_.lower() in ("carry", "conduct", "stage", "perpetrate") and any(
                c.dep_ == "dobj" for c in comp.children
            )
            if pron is not None and (behind or did):
                return subj
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
    """ISO3 of a country named in ``text`` ("Azerbaijan's Ministry of Defence" -> "AZE")."""
    return (lexicon or shared_lexicon()).country_of_text(text)


# -- roles ----------------------------------------------------------------------------------------
def _first(tokens: Iterable[Token]) -> Token | None:
    for tok in tokens:
        if is_dateline(tok):
            # "BAKU – Azerbaijan has launched": the parser may hang the subject off the dateline
            tok = next((c for c in tok.children if c.dep_ == "appos"), tok)
        if tok.pos_ not in PRONOUNS and tok.lemma_.lower() not in NON_ACTORS and not is_dateline(tok):
            return tok
    return None


def _armed_weapon(tokens: Iterable[Token]) -> Token | None:
    """A weapon whose owner is named on it ("a Russian missile", "Israeli drones")."""
    for tok in tokens:
        if tok.lemma_.lower() in WEAPONS and any(
            c.dep_ in ("amod", "poss", "compound") and c.ent_type_ in ("NORP", "GPE") for c in tok.children
        ):
            return tok
    return None


def _by_agent(tok: Token) -> list[Token]:
    return [
        g
        for c in tok.children
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _subjects(verb: Token) -> list[Token]:
    return subject_of(verb, deps=("nsubj",), naming_verbs=NAMING_VERBS)


_BLAME_VERBS = frozenset({"blame", "accuse", "hold", "suspect", "charge"})


def _blamed(tok: Token) -> Token | None:
    """Who a noun trigger is laid at: "blamed X for the attack", "accused X of the killing",
    "held X responsible for the bombing" -> X. The one who blames is a source, not the doer."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ != "pobj" or tok.head.lower_ not in ("for", "of"):
        return None
    above = tok.head.head
    if above.pos_ == "ADJ" and above.lower_ == "responsible":
        above = above.head  # "held X responsible for ...", the adjective on the verb or on X
    if above.dep_ == "dobj" and above.head.lemma_.lower() in _BLAME_VERBS:
        return above  # the preposition attached to X: "accused the rebels of the killing"
    if above.pos_ not in ("VERB", "AUX") or above.lemma_.lower() not in _BLAME_VERBS:
        return None
    return next((c for c in above.children if c.dep_ == "dobj" and c.i != tok.i), None)


def _agent_tokens(tok: Token) -> list[Token]:
    blamed = _blamed(tok)
    if blamed is not None:
        return [blamed]
    out = _by_agent(tok)
    if tok.pos_ in ("VERB", "AUX"):
        if not any(c.dep_ == "nsubjpass" for c in tok.children):
            out.extend(_subjects(tok))
    else:
        out.extend(c for c in tok.children if c.dep_ == "poss")
        out.extend(c for c in tok.children if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE"))
        out.extend(a for c in tok.children if c.dep_ == "acl" for a in _by_agent(c))  # "mine planted by X"
        verb = _governing_verb(tok)
        if verb is not None and not _suffers(verb):
            out.extend(_subjects(verb))  # "X launched an operation", "X subjected Y to fire"
    return out


_SUFFER_VERBS = frozenset({"die", "perish", "succumb", "injure", "wound", "hurt", "kill", "flee", "suffer", "lose"})


def _suffers(verb: Token) -> bool:
    """The verb's subject undergoes the event named in its phrase: "seven officers died in the
    blast", "three were wounded in the attack"."""
    return verb.lemma_.lower() in _SUFFER_VERBS and (
        verb.lemma_.lower() in ("die", "perish", "succumb", "flee", "suffer", "lose")
        or any(c.dep_ == "auxpass" for c in verb.children)
    )


def _governing_verb(tok: Token) -> Token | None:
    """The verb a noun trigger is the object of, directly or through a preposition."""
    if tok.dep_ in ("dobj", "oprd") and tok.head.pos_ in ("VERB", "AUX"):
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
        if verb is not None and _suffers(verb):
            out.extend(c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))  # the victims
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
            (
                g
                for c in node.children
                if c.dep_ == "prep" and c.lower_ in ("of", "from")
                for g in c.children
                if g.dep_ == "pobj"
            ),
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
