"""Filters that tell a datable event from a generic, habitual or descriptive statement, and the
article-level context (sport, robbery) that changes how a violent word is read.

Pure functions over spaCy tokens and word sets; the sets come from ``data/event_cues.tsv`` and are
handed over once by :class:`~sitrep.extract.events.EventDetector` (nothing is compiled per Doc).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from sitrep.extract.event_rules import SECURITY, AcledType, TriggerRule
from sitrep.extract.event_syntax import SEIZE_VERBS, agents, lemma
from sitrep.extract.types import EventMention

__all__ = [
    "DocContext",
    "GenericCues",
    "Typed",
    "deduplicate",
    "describes_damage",
    "doc_context",
    "future_dated",
    "generic_statement",
    "introduces_new_event",
    "plover_for",
    "specific_date",
]

# A DATE/TIME entity that pins a day ("on Monday", "yesterday", "12 March", "overnight").
_DAY = re.compile(
    r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b|\byesterday\b|\btoday\b|\btonight\b|\bovernight\b"
    r"|\b(morning|afternoon|evening|night|dawn|midnight)\b"
    r"|\b\d{1,2}(st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b",
    re.IGNORECASE,
)
_PERFECT = frozenset({"have", "has", "'ve", "'s"})
# Determiners and modifiers that make a definite or counted noun a new incident.
_NEW_MARKERS = frozenset({"another", "second", "third", "fourth", "separate", "fresh", "further", "new"})
# An act told as a reply to what came before; "in retaliation for X" more often gives the motive of
# the incident told already (a group claiming its attack), so it marks nothing.
_RESPONSE = re.compile(r"\bin (?:response|retaliation|reprisal)\b(?! for)", re.IGNORECASE)
_NEW_OPENERS = re.compile(
    r"^\W*(the same day|on the same day|later (that|the same) (day|night|morning|evening)|separately|elsewhere|"
    r"in (a|another) separate|in another (attack|incident)|meanwhile)\b",
    re.IGNORECASE,
)


VIOLENT_EVENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})
# Police action and property destruction folded into the protest or riot of the same sentence.
PART_OF_DISORDER = frozenset({"Arrests", "Looting/property destruction"})


@dataclass(frozen=True)
class Typed:
    """A typed mention before de-duplication: ``generic`` for bare outcome words ("killed")."""

    mention: EventMention
    generic: bool
    specificity: int


@dataclass(frozen=True)
class GenericCues:
    """Word sets for :func:`generic_statement` (all lemmas, lower case)."""

    aggregate: frozenset[str]  # "waves of", "a series of", "its use of" + event noun
    habitual_mod: frozenset[str]  # "continued attacks", "such robberies", "repeated shelling"
    habitual_adv: frozenset[str]  # "increasingly", "often", "every year"
    quantity: frozenset[str]  # "several strikes", "many attacks" (with a present perfect)
    trend: frozenset[str]  # "protests have grown", "stepped up attacks"


@dataclass(frozen=True)
class DocContext:
    """What the whole article is about, computed once per Doc."""

    sports: bool  # a match report: violent words are sport metaphors unless weapons are named
    robbery: bool  # a robbery story with no political actor: violence is crime


def specific_date(sent: Span) -> bool:
    """Does the sentence pin a day (not "since 2022", "in recent years")?"""
    for ent in sent.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        before = sent.doc[ent.start - 1].lower_ if ent.start > sent.start else ""
        if before == "since":
            continue
        if _DAY.search(ent.text):
            return True
    return False


_FUTURE = re.compile(r"^(the\s+)?(next|coming|tomorrow|later this|upcoming|following)\b", re.IGNORECASE)


def future_dated(tok: Token) -> bool:
    """A noun trigger dated ahead: "announced further demonstrations for next week"."""
    targets = {tok.i, tok.head.i}
    for ent in tok.sent.ents:
        if ent.label_ not in ("DATE", "TIME") or not _FUTURE.search(ent.text):
            continue
        node = ent.root
        for _ in range(3):
            node = node.head
            if node.i in targets:
                return True
    return False


def _clause_verb(tok: Token) -> Token:
    """The verb whose clause ``tok`` belongs to (itself for a verb)."""
    node = tok
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return node
        node = node.head
    return node


def _present_perfect(verb: Token) -> bool:
    node = verb
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in _PERFECT for c in node.children):
            return True
        if node.dep_ not in ("conj", "xcomp") or node.head.i == node.i:
            return False
        node = node.head
    return False


_SPAN_UNITS = frozenset({"week", "month", "year", "decade"})
_SPAN_MODS = frozenset({"past", "last", "recent", "few", "previous"})
_MAGNITUDES = frozenset({"dozens", "scores", "hundreds", "thousands", "half", "percent", "%", "third", "most"})


def _time_span(prep: Token) -> bool:
    """ "in recent weeks", "over the past year", "in two weeks", "over the last 48 hours": a period, not a day."""
    if prep.lower_ not in ("in", "over", "during", "within", "throughout"):
        return False
    for obj in prep.children:
        if obj.dep_ != "pobj" or lemma(obj) not in _SPAN_UNITS:
            continue
        mods = {c.lower_ for c in obj.children}
        if mods & _SPAN_MODS or (obj.tag_ == "NNS" and any(c.like_num for c in obj.children)):
            return True
    return False


def _running_total(verb: Token) -> bool:
    """ "have killed dozens of", "have captured more than half of Zaire", "so far": a tally."""
    so_far = any(c.lower_ == "far" and any(g.lower_ == "so" for g in c.children) for c in verb.subtree)
    if not (so_far or _present_perfect(verb)):
        return False
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass", "nsubj"):
            words = [t for t in c.subtree if t.i <= c.i or t.dep_ == "prep"]
            if {t.lower_ for t in words} & _MAGNITUDES or (so_far and any(t.like_num for t in words)):
                return True  # "96 militants have been killed so far", "have killed thousands"
    return False


_BEFORE_NOW = frozenset({"before", "previously"})


def _present_simple_habit(verb: Token) -> bool:
    """ "its fighters launch raids and bombings on the town": a bare present with a plural,
    undetermined object describes what happens, not what happened."""
    if verb.tag_ not in ("VBP", "VBZ") or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return bool(objects) and all(
        o.tag_ == "NNS" and not any(g.dep_ in ("det", "nummod", "poss") for g in o.children) for o in objects
    )


def _habitual_clause(verb: Token, cues: GenericCues) -> bool:
    if verb.pos_ in ("VERB", "AUX") and _running_total(verb):
        return True
    if verb.pos_ == "VERB" and _present_simple_habit(verb):
        return True
    if _present_perfect(verb) and any(c.dep_ == "advmod" and c.lower_ in _BEFORE_NOW for c in verb.children):
        return True  # "militants have attacked markets in the region before": background
    for c in verb.children:
        if c.dep_ == "prep" and _time_span(c):
            return True  # "have been killed in the past few months"
        if c.dep_ in ("advmod", "npadvmod") and lemma(c) in cues.habitual_adv:
            return True
        if c.dep_ in ("npadvmod", "prep") and any(
            g.dep_ == "det" and g.lower_ in ("every", "each") for t in (c, *c.children) for g in t.children
        ):
            return True  # "every year", "in each election"
        if c.dep_ == "prep" and c.lower_ == "since":
            return True  # "have staged several strikes since then", "were killed since the ceasefire broke down"
    return False


# Who mourns or remembers the dead of an earlier event: "relatives of the 58 people killed in
# the massacre prayed", "the families of those killed in the 2014 attack gathered".
_MOURNERS = frozenset({
    "relative", "family", "widow", "orphan", "survivor", "memory", "name", "grave", "body", "remains",
    "mother", "father", "parent", "loved", "kin", "descendant",
})  # fmt: skip
_DEATH_PARTICIPLES = frozenset({"kill", "murder", "slay", "massacre", "die", "execute", "slaughter"})
# what people demand for the dead: "justice for those killed in last month's crackdown"
_REDRESS = frozenset({"justice", "accountability", "compensation", "reparation", "reparations"})


def remembers_the_dead(tok: Token) -> bool:
    """The trigger only describes the dead whom the sentence's people mourn or seek redress for:
    it sits in (or is) a death participle on a noun governed by "of" under a mourner ("relatives
    of the people killed in the massacre") or by "for" under a redress ("demanding justice for
    those killed in last month's crackdown"), an event told elsewhere or long ago, not a new one."""
    for node in (tok, *tok.ancestors):
        if node.lemma_.lower() in _DEATH_PARTICIPLES and node.dep_ in ("acl", "relcl") and node.tag_ == "VBN":
            owner = node.head
            if owner.dep_ != "pobj":
                continue
            prep, holder = owner.head.lower_, owner.head.head
            if prep == "of" and lemma(holder) in _MOURNERS:
                return True
            # "justice for those killed", or "demanding justice for those killed" (the parser hangs
            # "for" on the verb)
            sought = {lemma(holder)} | {lemma(c) for c in holder.children if c.dep_ == "dobj"}
            if prep == "for" and sought & _REDRESS:
                return True
    return False


def lethal_lemmas(sent: Span, less_lethal: frozenset[str]) -> frozenset[str]:
    """The sentence's lemmas without crowd-control munitions and incendiaries ("stun grenades",
    "rubber bullets" and "petrol bombs" are not the grenades, guns and bombs that type an event)
    nor the air of shots fired into it, nor the "scores" of "scores of people"."""
    lemmas = [lemma(t) for t in sent]
    mining = not _MINING.isdisjoint(lemmas)
    softened = not less_lethal.isdisjoint(lemmas)  # only then can a modifier make a weapon less lethal
    return frozenset(
        "mining" if lem == "mine" and (mining or _workplace_mine(t)) else lem
        for t, lem in zip(sent, lemmas, strict=True)
        if not (softened and any(lemma(m) in less_lethal for m in _modifiers(t)))
        and not _into_the_air(t)
        and not _scores_of(t)
        and not _industrial_chemical(t)
    )


# A doer the sentence tells was drunk acted on his own account, even in uniform: "a drunken
# soldier opened fire at a wedding party" is ordinary crime (our guide), not the army's attack.
_INTOXICATED = frozenset({"drunk", "drunken", "intoxicated", "inebriated"})
_INFLUENCE = re.compile(r"\bunder the influence of (?:alcohol|drink|drugs)\b", re.IGNORECASE)


def told_intoxicated(sent: Span) -> bool:
    """Whether the sentence tells someone in it was drunk ("a drunken soldier", "police said he was
    intoxicated", "under the influence of alcohol")."""
    return any(lemma(t) in _INTOXICATED or t.lower_ in _INTOXICATED for t in sent) or bool(_INFLUENCE.search(sent.text))


# A mine that is a workplace, not a landmine ("a blast in a coal mine killed 12 miners"): read as
# "mining", a disaster's word.
_MINING = frozenset(
    {"miner", "mining", "colliery", "mineshaft", "coalmine", "methane", "firedamp", "shaft", "quarry", "underground"}
)
_MINERALS = frozenset(
    {"coal", "gold", "copper", "diamond", "tin", "iron", "salt", "uranium", "silver", "jade", "cobalt", "zinc"}
)


def workplace_mine(tok: Token) -> bool:
    """Whether ``tok`` is a mine where people work, not a landmine: named so (``_workplace_mine``)
    or in a sentence that tells mining ("the blast at the mine was caused by gas, the mining
    ministry said"), whatever else the sentence holds (a ministry, a blast)."""
    return lemma(tok) == "mine" and (any(lemma(t) in _MINING for t in tok.sent) or _workplace_mine(tok))


def at_a_workplace_mine(tok: Token) -> bool:
    """ "the blast at the mine", "an explosion in a gold mine": where it happened is a workplace mine."""
    return any(
        c.dep_ == "prep" and c.lower_ in ("at", "in", "inside") and any(workplace_mine(g) for g in c.children)
        for c in tok.children
    )


def _workplace_mine(tok: Token) -> bool:
    """A mine named by its mineral or its own name ("a coal mine", "the Zasyadko mine"), or told
    as where something happened ("an explosion at a mine in Shanxi"): landmines are hit, stepped
    on, laid or set off, not a place things happen at."""
    if any(lemma(m) in _MINERALS or m.pos_ == "PROPN" for m in _modifiers(tok)):
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ in ("at", "in", "inside", "into")


# Works whose "chemical" is a trade, not a weapon: "a chemical factory", "the Texas Chemical plant".
_WORKS = frozenset({"factory", "plant", "company", "firm", "industry", "works", "facility", "warehouse", "depot"})


def _industrial_chemical(tok: Token) -> bool:
    """ "an explosion at a chemical factory": an industry, not a chemical weapon."""
    return lemma(tok) == "chemical" and tok.dep_ in ("amod", "compound") and lemma(tok.head) in _WORKS


def _scores_of(tok: Token) -> bool:
    """ "scores of soldiers were killed": a number, not a match score (a sports word)."""
    return tok.lower_ == "scores" and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)


def _into_the_air(tok: Token) -> bool:
    """ "fired into the air": warning shots, not an air strike; nor is an "open-air" concert one."""
    if lemma(tok) != "air":
        return False
    open_air = tok.i >= 2 and tok.nbor(-1).text == "-" and tok.nbor(-2).lower_ == "open"
    return open_air or (tok.dep_ == "pobj" and tok.head.lower_ in ("into", "in"))


def crowd_control(tok: Token, less_lethal: frozenset[str]) -> bool:
    """The trigger fires only crowd-control munitions: "fired tear gas and stun grenades",
    "fired rubber bullets" (not "fired live rounds", not "fired on the crowd")."""
    objs = [c for c in tok.children if c.dep_ == "dobj"]
    return bool(objs) and all(
        lemma(o) in less_lethal or any(lemma(m) in less_lethal for m in _modifiers(o)) for o in objs
    )


def _modifiers(tok: Token) -> Iterator[Token]:
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "nmod"):
            yield c  # "stun grenades", "tear gas and stun grenades" (parsed as one modifier phrase)
            yield from (g for g in c.children if g.dep_ == "conj")


_STREET_WORDS = frozenset({"street", "streets", "outside", "square", "march", "rally", "crowd", "gather",
                           "chant", "placard", "banner", "sit-in", "picket"})  # fmt: skip


def _gathering_subject(subject: Token, crowd: frozenset[str]) -> bool:
    # Many people: a plural noun or a number ("students", "thousands"), a crowd word, or a list.
    return (
        subject.tag_ in ("NNS", "NNPS")
        or subject.like_num
        or lemma(subject) in crowd
        or any(c.dep_ == "conj" for c in subject.children)
    )


# who protests in words, and where: a state's offices and envoys, a parliament or a court
_OFFICIAL_PROTESTERS = frozenset({"government", "ministry", "embassy", "administration", "minister", "ambassador"})
_CHAMBERS = frozenset({"parliament", "assembly", "senate", "congress", "chamber", "court"})


def protest_modifier(tok: Token, protest: frozenset[str]) -> bool:
    """A protest noun modifying another noun that is no protest word: "demonstration permits",
    "protest leaders", "the protest movement" name a kind of thing, not a gathering ("a protest
    march" keeps its march)."""
    return (
        tok.pos_ == "NOUN"
        and tok.dep_ == "compound"
        and tok.head.pos_ == "NOUN"
        and lemma(tok.head) not in protest | {"march", "rally", "demonstration", "protest", "sit-in", "strike"}
    )


def verbal_objection(tok: Token, crowd: frozenset[str]) -> bool:
    """A protest verb that tells an objection or a showing, not people gathering: "France protested
    Belgium's plans", "a caller who protested the ban", "Sakharov protested", "the signing
    demonstrated the will", "the effect was demonstrated". One person, a state or a thing objects;
    a crowd, a plural or a number of people demonstrates, whatever the object; a street, a march, a
    square or a named place nearby makes it a demonstration whoever the subject."""
    if tok.pos_ != "VERB" or lemma(tok) not in ("protest", "demonstrate"):
        return False
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
        return True  # "was demonstrated": shown
    near = {lemma(t) for t in tok.subtree} | {lemma(tok.head)}
    if near & _STREET_WORDS or any(
        c.dep_ == "prep"
        and c.lower_ in ("in", "at", "outside", "near", "across")
        and any(g.ent_type_ in ("GPE", "LOC", "FAC") for g in c.subtree)
        for c in tok.children
    ):
        return False  # "demonstrated in downtown Tokyo": people gathered somewhere
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    if tok.dep_ == "relcl" and (not subjects or subjects[0].tag_ in ("WP", "WDT")):
        subjects = [tok.head]  # "a caller who protested"
    transitive = any(c.dep_ in ("dobj", "ccomp") and c.ent_type_ not in ("DATE", "TIME") for c in tok.children)
    if lemma(tok) == "demonstrate" and transitive:
        return True  # "demonstrated the political will", "demonstrated that ..."
    if any(
        c.dep_ == "prep" and c.lower_ == "in" and any(lemma(g) in _CHAMBERS for g in c.children) for c in tok.children
    ):
        return True  # "protested in parliament against the visit": a speech
    if not subjects or any(_gathering_subject(s, crowd) for s in subjects):
        return False
    if any(lemma(s) in _OFFICIAL_PROTESTERS for s in subjects):
        return True  # "the foreign ministry protested the detention": a note, not a crowd
    named = all(s.ent_type_ == "PERSON" or (s.ent_type_ in ("GPE", "NORP") and s.tag_ == "NNP") for s in subjects)
    return named or transitive


def military_exercise(sent: Span, exercise: frozenset[str]) -> bool:
    """A sentence telling a drill ("stormed across a river ... in the largest exercise held there",
    "simulated explosions echoed"): its assaults and shelling are simulated. "Exercise" the verb
    ("exercise restraint") is no drill."""
    return any(lemma(t) in exercise and not (t.pos_ == "VERB" and lemma(t) in _NO_DRILL_VERBS) for t in sent)


# "exercise restraint", "mocked the victims": verbs of these words tell no drill ("a mock attack" does)
_NO_DRILL_VERBS = frozenset({"exercise", "mock"})
# What breaks out in an "outbreak of ...": a disease is a disaster, violence is not
_VIOLENT_OUTBREAKS = frozenset({
    "violence", "fighting", "fight", "clash", "war", "hostility", "conflict", "unrest", "protest", "riot",
    "rioting", "demonstration", "insurgency", "rebellion", "uprising", "battle", "attack", "shooting",
    "gunfire", "killing", "bloodshed", "looting", "tension",
})  # fmt: skip


def outbreak_of_violence(sent: Span) -> bool:
    """Whether the sentence's "outbreak" is one of violence ("since the outbreak of fighting"), not
    of a disease: the disaster word tells no disaster then."""
    return any(
        lemma(t) == "outbreak"
        and any(
            lemma(o) in _VIOLENT_OUTBREAKS
            for p in t.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for o in p.children
            if o.dep_ == "pobj"
        )
        for t in sent
    )


def generic_statement(tok: Token, sent: Span, cues: GenericCues) -> bool:
    """A habitual, generic or trend statement rather than one datable event: "has increased its use
    of roadside bombs", "have carried out waves of kidnappings", "the continued attacks on schools",
    "protests over prices have grown", "such robberies are carried out every year". A sentence that
    pins a day ("a series of blasts on Monday") reports an event; the dead that mourners
    remember never do (``remembers_the_dead``)."""
    if remembers_the_dead(tok):
        return True
    if specific_date(sent):
        return False
    verb = _clause_verb(tok)
    if tok.pos_ in ("NOUN", "PROPN"):
        head = tok.head
        if head.dep_ == "prep" and head.lower_ in ("of", "in") and lemma(head.head) in cues.aggregate:
            return True
        mods = {w for c in tok.children if c.dep_ in ("amod", "det", "predet", "advmod") for w in (lemma(c), c.lower_)}
        if mods & cues.habitual_mod:
            return True
        plural = tok.tag_ in ("NNS", "NNPS")
        if plural and mods & cues.quantity and _present_perfect(verb):
            return True
        if plural and tok.dep_ in ("nsubj", "dobj") and lemma(head) in cues.trend:
            return True  # "protests have grown", "stepped up attacks"
    if _habitual_clause(verb, cues):
        return True
    return tok.pos_ in ("VERB", "AUX") and verb is not tok and _habitual_clause(tok, cues)


def describes_damage(tok: Token, perception: frozenset[str]) -> bool:
    """Damage seen after the fact ("photographs showed cars burning", "burning cars"), not an act."""
    if tok.tag_ in ("VBG", "VBN") and tok.dep_ in ("acl", "amod") and not any(c.dep_ == "agent" for c in tok.children):
        return True
    node = tok
    for _ in range(4):
        if node.head.i == node.i:
            return False
        node = node.head
        if lemma(node) in perception:
            return True
    return False


# what a robber demands: "demanded money from the shopkeeper and shot him"
_VALUABLES = frozenset({"money", "cash", "valuables", "wallet", "purse", "jewellery", "jewelry", "phone", "cellphone"})


def demands_valuables(sent: Span) -> bool:
    """Whether someone in the sentence demands money or valuables: a robbery or an extortion."""
    return any(
        lemma(t) == "demand" and any(c.dep_ == "dobj" and lemma(c) in _VALUABLES for c in t.children) for t in sent
    )


def doc_context(
    doc: Doc,
    cue: Mapping[str, frozenset[str]],
) -> DocContext:
    """Sport and robbery context of one article, from its lemmas (one pass, set operations)."""
    lemmas = {t.lemma_.lower() for t in doc}
    sports_hits = len(lemmas & cue["sports"])
    combat = len(lemmas & cue["combat"])
    robbery = bool(lemmas & cue["robbery"]) or {"cash", "transit"} <= lemmas
    return DocContext(
        sports=sports_hits >= 3 and sports_hits > combat,
        robbery=robbery and not lemmas & cue["combat"],
    )


def introduces_new_event(doc: Doc, mention: EventMention) -> bool:
    """Does the mention say it is a further incident ("another mine", "a second blast", "a separate
    attack", "The same day, ...")? Such a mention must not be merged into an earlier one of its type."""
    tok = doc[mention.trigger]
    sent = tok.sent
    if _NEW_OPENERS.search(sent.text):
        return True
    if tok.pos_ == "VERB" and _RESPONSE.search(sent.text):
        return True  # "its warplanes struck RSF positions in response": the other side's reply
    nodes = [tok]
    if tok.pos_ in ("VERB", "AUX"):
        nodes.extend(c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "dobj"))
        nodes.extend(g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj")
    else:
        nodes.append(tok.head)
    for node in nodes:
        if any(c.dep_ in ("det", "amod", "advmod") and c.lower_ in _NEW_MARKERS for c in node.children):
            return True
    return False


def plover_for(acled: AcledType, rule: TriggerRule, plover: str, mode: str | None) -> tuple[str, str | None]:
    """PLOVER event/mode of an ACLED-typed mention: the taxonomy's default unless the rule's own
    reading is at least as specific (a protest trigger stays PROTEST, an arrest COERCE)."""
    if rule.is_resolver or rule.generic:
        return acled.plover_event or plover, acled.plover_mode or mode
    if acled.event_type in ("Explosions/Remote violence",) and acled.plover_event:
        return acled.plover_event, mode or acled.plover_mode
    return plover, mode or acled.plover_mode


def _own_subject(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _another_crowd(doc: Doc | None, part: EventMention, disorders: list[EventMention]) -> bool:
    """A looting or arrest with a doer of its own, unlike every protest or riot beside it ("gang
    members looted the town, and a crowd in a nearby town beat a man to death"): its own event."""
    if doc is None:
        return False
    subject = _own_subject(doc[part.trigger])
    return subject is not None and all(
        (other := _own_subject(doc[d.trigger])) is not None and other.i != subject.i for d in disorders
    )


# how a chemical agent is delivered: the same incident as the chemical weapon it carries
CARRIERS = frozenset({"Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED"})
# words that make a clause or phrase the time of another event: "hours after four were shot dead"
_TIME_REFERENCE = frozenset({"after", "before", "since", "until"})


def told_as_time(tok: Token) -> bool:
    """Whether ``tok`` sits in a clause or phrase that dates another event of its sentence ("two
    journalists were killed, hours after four officials were shot dead", "a day after they
    opened fire in a market"): an earlier or later incident, not the one the sentence reports."""
    for node in (tok, *tok.ancestors):
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _TIME_REFERENCE for c in node.children):
            return _own_subject(node) is not None
        if node.dep_ == "pobj" and node.head.lower_ in _TIME_REFERENCE and node.head.dep_ == "prep":
            return True  # "two days after a bomb attack on a church"
        if node.dep_ == "pcomp" and node.head.lower_ in _TIME_REFERENCE:
            return False  # "blew up after striking a landmine": the subject's own sequence, one incident
    return False


def _chemical_carried(typed: list[Typed]) -> list[Typed]:
    """A chemical agent named as the weapon: the air strike or shelling that carried it is the same
    incident, coded a chemical weapon (ACLED's precedence). The carrier's word stays the trigger
    (its clause tells the toll: "an airstrike using sarin killed 80")."""
    chemical = next((t for t in typed if t.mention.sub_event_type == "Chemical weapon"), None)
    carrier = next((t for t in typed if t.mention.sub_event_type in CARRIERS), None)
    if chemical is None or carrier is None:
        return typed
    confidence = max(chemical.mention.confidence, carrier.mention.confidence)
    mention = replace(chemical.mention, trigger=carrier.mention.trigger, confidence=confidence)
    merged = Typed(mention, chemical.generic and carrier.generic, max(chemical.specificity, carrier.specificity))
    rest = [t for t in typed if t is not chemical and t.mention.sub_event_type not in CARRIERS]
    return [merged, *rest]


# what sexual violence takes precedence over in one incident (our guide: sexual violence, then
# attack, then abduction)
_BELOW_SEXUAL_VIOLENCE = frozenset({"Attack", "Abduction/forced disappearance"})


def _sexual_violence_first(typed: list[Typed]) -> list[Typed]:
    """Rape told with a killing or an abduction ("raped seven women and shot dead another"): one
    incident of sexual violence, on the rape's word (its doer is the sentence's)."""
    if not any(t.mention.sub_event_type == "Sexual violence" for t in typed):
        return typed
    return [t for t in typed if t.mention.sub_event_type not in _BELOW_SEXUAL_VIOLENCE]


# a would-be bomber's devices, which never went off once he was seized
_UNUSED_DEVICE_TYPES = frozenset({"Suicide bomb", "Remote explosive/landmine/IED", "Grenade"})


def _bomber_seized(typed: list[Typed], doc: Doc | None) -> list[Typed]:
    """A would-be bomber seized (a disrupted attack on a capture word): his belt, vest or
    explosives are no bombing of their own."""
    seized = doc is not None and any(
        t.mention.sub_event_type == "Disrupted weapons use" and lemma(doc[t.mention.trigger]) in SEIZE_VERBS
        for t in typed
    )
    return [t for t in typed if t.mention.sub_event_type not in _UNUSED_DEVICE_TYPES] if seized else typed


def _spoils_of_violence(typed: list[Typed], doc: Doc | None) -> list[Typed]:
    """Weapons seized in the course of an attack or a battle the sentence tells ("stormed the camp,
    killing 20 soldiers and seizing weapons"): the attack's spoils, no disrupted weapons use of
    their own. Only a seizure that shares the violent act's doer (no subject of its own) is one."""
    if doc is None or not any(t.mention.event_type in VIOLENT_EVENT_TYPES and not t.generic for t in typed):
        return typed

    def spoils(t: Typed) -> bool:
        tok = doc[t.mention.trigger]
        return (
            t.mention.sub_event_type == "Disrupted weapons use"
            and lemma(tok) in SEIZE_VERBS
            and tok.dep_ in ("conj", "advcl", "xcomp")
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
        )

    return [t for t in typed if not spoils(t)]


def _raid_for_arrests(typed: list[Typed], doc: Doc | None) -> list[Typed]:
    """A raid by security forces told with the arrests it made ("police raided a house, arresting
    two men"): the arrests' operation, no attack of its own."""
    if doc is None or not any(t.mention.sub_event_type == "Arrests" for t in typed):
        return typed

    def raid(t: Typed) -> bool:
        tok = doc[t.mention.trigger]
        return (
            t.mention.sub_event_type == "Attack"
            and lemma(tok) == "raid"
            and any(lemma(a) in SECURITY for a in agents(tok))
        )

    return [t for t in typed if not raid(t)]


def deduplicate(typed: list[Typed], doc: Doc | None = None) -> list[EventMention]:
    """One mention per ACLED sub-event type (or per PLOVER event for the rest) in a sentence;
    bare outcome words ("killed") only when nothing more specific reports the violence. A
    mention told as the time of another ("hours after four were shot dead") gives way to one of
    its type that is not, and does not silence a bare outcome word."""
    typed = _spoils_of_violence(_raid_for_arrests(_bomber_seized(typed, doc), doc), doc)
    background = {t.mention.trigger for t in typed if doc is not None and told_as_time(doc[t.mention.trigger])}
    has_specific_violence = any(
        t.mention.trigger not in background
        and not t.generic
        and (
            t.mention.event_type in VIOLENT_EVENT_TYPES
            or t.mention.sub_event_type == "Excessive force against protesters"
        )
        for t in typed
    )
    # ground taken or retaken is the outcome of the fighting told with it: ACLED codes the territory
    territory = any(
        t.mention.sub_event_type in ("Non-state actor overtakes territory", "Government regains territory")
        for t in typed
    )
    typed = [t for t in typed if not (territory and t.mention.sub_event_type == "Armed clash")]
    typed = _chemical_carried(typed)
    typed = _sexual_violence_first(typed)
    disorders = [t.mention for t in typed if t.mention.event_type in ("Protests", "Riots")]

    def rank(t: Typed) -> tuple[bool, int, float]:
        # a mention not told as the time of another first, then the more specific, the surer
        return (t.mention.trigger not in background, t.specificity, t.mention.confidence)

    has_disorder = bool(disorders)
    best: dict[tuple[str | None, str], Typed] = {}
    for t in typed:
        m = t.mention
        if t.generic and has_specific_violence:
            continue
        if has_disorder and m.sub_event_type in PART_OF_DISORDER and not _another_crowd(doc, m, disorders):
            continue  # "police fired tear gas and arrested 23", "rioters torched cars": the protest or riot
        key = (m.sub_event_type, m.plover_event if m.sub_event_type is None else "")
        if m.sub_event_type is None and "crime" in m.plover_context:
            key = ("crime", "ASSAULT")
        current = best.get(key)
        if current is None or rank(t) > rank(current):
            if current is not None:
                # keep the earlier trigger's position only if it is the more specific reading
                m = replace(m, confidence=max(m.confidence, current.mention.confidence))
                t = Typed(m, t.generic, t.specificity)
            best[key] = t
    return sorted((t.mention for t in best.values()), key=lambda m: m.trigger)


def zero_outcome(tok: Token, zero: frozenset[str]) -> bool:
    """The subject says nothing happened: "nobody was killed", "no soldiers were hurt"."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    return any(
        c.dep_ in ("nsubj", "nsubjpass")
        and (c.lower_ in zero or any(g.dep_ == "det" and g.lower_ == "no" for g in c.children))
        for c in tok.children
    )


_LETHAL = frozenset({"kill", "dead", "death", "shoot", "live"})
_FORCES = frozenset({"police", "security", "soldier", "troop", "force"})


def protest_kind(
    tok: Token,
    lemmas: frozenset[str],
    cue: Callable[[str], frozenset[str]],
    mob: frozenset[str],
    organised: frozenset[str],
) -> str:
    """Sub-event type of a protest trigger from what else the sentence says."""
    if lemmas & _LETHAL and lemmas & _FORCES:
        return "Excessive force against protesters"
    if lemmas & cue("violentdemo"):
        if {lemma(a) for a in agents(tok)} & mob and not (lemmas - {lemma(tok)}) & organised:
            return "Mob violence"  # "the crowd marched to the post and stoned it": no organised protest
        return "Violent demonstration"
    if intervention_told(tok, cue("intervene")):
        return "Protest with intervention"
    return "Peaceful protest"


# What a protest is about, not what was done to it: "protested against the arrest of their leader",
# "demanding an end to violence by the police".
_GRIEVANCE_PREPS = frozenset({"against", "over", "about", "for", "at"})
_DESCRIBING = frozenset({"amod", "relcl", "acl"})
_GRIEVANCE_VERBS = frozenset({"demand", "protest", "denounce", "condemn", "oppose", "call", "chant", "decry"})


def intervention_told(tok: Token, words: frozenset[str]) -> bool:
    """Whether the sentence of protest trigger ``tok`` tells the authorities stepping in (an arrest,
    tear gas, a dispersal): a word of ``words`` that is not part of what the protest is about.
    Police named only as escorts, a source or a crowd's estimate ("25,000 according to police")
    are no intervention: the word "police" alone is not one of ``words``."""
    for t in tok.sent:
        if lemma(t) not in words:
            continue
        if t.pos_ == "VERB" and t.dep_ in _DESCRIBING:
            continue  # "the arrested leader", "the station where he is detained": a description, not the act
        if any(
            (a.dep_ == "prep" and a.lower_ in _GRIEVANCE_PREPS and a.head.i == tok.i)
            or (a.dep_ == "dobj" and a.head.i == tok.i)
            or (a.i != tok.i and lemma(a) in _GRIEVANCE_VERBS)
            for a in (t, *t.ancestors)
        ):
            continue
        return True
    return False
