"""Explosive devices in a sentence's syntax: who set one off, why, and whether it was a weapon.

A device going off is an attack only when someone used it as a weapon. These pure functions over
a parsed sentence tell the other cases apart: a bomb squad making one safe (the guide's
disrupted weapons use), a bomber stopped before the blast, an attacker setting off what he
carries (a suicide bomb), a state or an aircraft that "bombed" (an air strike), and a weapon
fired or set off in no act of violence at all: a missile or nuclear test, a building brought
down, a decades-old shell or a stockpile cleared, wagons of explosives blowing up in transit.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from sitrep.extract.actor_lexicon import ActorLexicon
from sitrep.extract.event_syntax import REFLEXIVES, agents, lemma, patients, self_inflicted
from sitrep.extract.territory import capturer_side

__all__ = [
    "DEVICES",
    "DISPOSERS",
    "IED",
    "controlled_detonation",
    "detonated_by",
    "explosive_kind",
    "harmless_detonation",
    "no_act_of_violence",
    "self_detonation",
    "weapon_test",
    "would_be_bomber",
]

IED = "Remote explosive/landmine/IED"
# trigger readings of a device going off or made safe (harmless_detonation applies)
EXPLOSIVE_READINGS = frozenset({"@explosive", IED, "Disrupted weapons use"})
# the doers of "bombed" that fly (the sentence-wide aircraft cue leaves out words as often told
# of transport: "a plane carrying", "evacuated by helicopter")
AIRCRAFT = frozenset(
    {
        "plane", "airplane", "helicopter", "chopper", "mig", "sukhoi", "jet", "warplane", "aircraft", "airforce",
        "bomber", "drone", "gunship",
    }
)  # fmt: skip


def no_act_of_violence(tok: Token, reading: str | None, plover: str | None) -> bool:
    """Whether a trigger read as ``reading`` (a sub-event type or resolver) tells a weapon tested
    or a device set off or made safe in no act of violence (``weapon_test``, ``harmless_detonation``)."""
    if plover in ("ASSAULT", "FIGHT") and weapon_test(tok):
        return True
    return reading in EXPLOSIVE_READINGS and harmless_detonation(tok)


def explosive_kind(tok: Token, means: str, actors: ActorLexicon) -> str:
    """The kind of an explosion told by ``tok`` (an "@explosive" reading), ``means`` being what the
    sentence's weapon words make of it (``EventLexicon.explosive``): a device made safe by a bomb
    squad, a bomber's own, a bombing by a state or an aircraft ("NATO bombed Belgrade", "US forces
    bombed a mosque", "was bombed by a plane": from the air, guide ruling 13; an armed group's
    "bombed" is a planted device), else ``means``."""
    if controlled_detonation(tok):
        return "Disrupted weapons use"
    if self_detonation(tok):
        return "Suicide bomb"  # "detonated his explosive belt"
    bombed = means == IED and lemma(tok) == "bomb" and tok.pos_ == "VERB"
    if bombed and (from_the_air(tok) or capturer_side(tok, actors) == "state" or _alliance(tok, actors)):
        return "Air/drone strike"
    return means


def from_the_air(tok: Token) -> bool:
    """Whether whoever did ``tok`` is an aircraft or an air force ("warplanes bombed", "Sri
    Lanka's air force bombed")."""
    doers = agents(tok)
    words = {lemma(a) for a in doers}
    modifiers = {lemma(c) for a in doers for c in a.children if c.dep_ in ("compound", "amod")}
    return bool(words & AIRCRAFT) or ("force" in words and "air" in modifiers)


def _alliance(tok: Token, actors: ActorLexicon) -> bool:
    """A bombing by an intergovernmental force ("NATO bombed Belgrade"): from the air."""
    for agent in agents(tok):
        org = actors.organisation_of_text(agent.text)
        if org is not None and org.sector == "IGO" and org.inter == 8:
            return True
    return False


# Who blows up a bomb on purpose to make it safe, and what they blow up: the guide's disrupted
# weapons use ("the bomb disposal unit detonated the parcel", "soldiers detonated a device").
DISPOSERS = frozenset(
    {"police", "policeman", "army", "soldier", "troop", "military", "squad", "disposal", "sapper", "engineer", "expert"}
)
DEVICES = frozenset(
    {
        "bomb", "device", "explosive", "ied", "mine", "landmine", "package", "parcel", "shell", "ordnance", "munition",
        "suitcase", "bag", "object",
    }
)  # fmt: skip
# Words of a device used against someone, not made safe.
DETONATION_HARM = frozenset({"kill", "destroy", "wound", "injure", "target", "stronghold", "position", "enemy"})


def controlled_detonation(tok: Token) -> bool:
    """A security force or bomb squad setting off a device itself ("police detonated the
    explosives they had found"): the bomb was disrupted, not used."""
    if lemma(tok) not in ("detonate", "blow"):
        return False  # "exploded" tells the device going off, whoever was near it
    if any(lemma(t) in DETONATION_HARM for t in tok.sent if t.i != tok.i):
        return False  # "detonated a tunnel bomb under their stronghold, destroying ...": a weapon used
    who = {lemma(a) for a in agents(tok)} | {lemma(c) for a in agents(tok) for c in a.children}
    return bool(who & DISPOSERS) and any(lemma(p) in DEVICES for p in _named_things(patients(tok)))


# Verbs of a bomb squad making a device safe: the device they take is the disrupted weapon.
_DEFUSE = frozenset({"defuse", "dismantle", "disarm", "deactivate", "neutralise", "neutralize"})


def made_safe(tok: Token) -> bool:
    """A device noun that is what a bomb squad made safe ("defused a bomb planted near the police
    station", "a bomb and a grenade were defused"): the disrupted-weapons event's device, no
    explosion of its own."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    while tok.dep_ == "conj" and tok.head.pos_ in ("NOUN", "PROPN"):
        tok = tok.head  # "defused a bomb and two grenades": the first of the list
    return tok.dep_ in ("dobj", "nsubjpass") and lemma(tok.head) in _DEFUSE


# Words that count or gather the things named after "of": "a number of landmines", "a cache of shells".
_QUANTITY = frozenset(
    {"number", "dozen", "dozens", "hundreds", "several", "couple", "pair", "batch", "cache", "stockpile"}
)


def _named_things(nouns: list[Token]) -> list[Token]:
    """The nouns, with a quantity word read as what it counts ("a number of roadside bombs": bombs)."""
    out = []
    for noun in nouns:
        out.append(noun)
        if lemma(noun) in _QUANTITY:
            out += [
                g
                for c in noun.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children
                if g.dep_ == "pobj"
            ]
    return out


# a bomber's gear: "wearing an explosives belt", "his suicide vest"
_BOMBER_GEAR = frozenset({"belt", "vest", "jacket"})
_SET_OFF = frozenset({"detonate", "explode", "blow", "trigger"})


def would_be_bomber(sent: Span) -> bool:
    """Whether the sentence tells a bomber stopped before the blast: a device he was wearing ("the
    man, who was wearing an explosives belt, was captured"), or one he was "attempting to" or
    "could" not yet set off ("captured before they could detonate", "stopped before detonating")."""
    for tok in sent:
        if lemma(tok) in _BOMBER_GEAR and any(lemma(c) in ("explosive", "suicide", "explosives") for c in tok.children):
            return True
        if lemma(tok) not in _SET_OFF or tok.pos_ != "VERB":
            continue
        if tok.dep_ == "xcomp" and lemma(tok.head) in ("attempt", "try", "seek"):
            return True  # "one of the terrorists that was attempting to detonate his vest"
        clause = tok if tok.dep_ != "pcomp" else tok.head
        if any(c.dep_ == "mark" and c.lower_ == "before" for c in clause.children) or (
            clause.lower_ == "before" and clause.dep_ == "prep"
        ):
            return True  # "before they could detonate", "before detonating their explosives"
    return False


def self_detonation(tok: Token) -> bool:
    """An attacker setting off a device he carries or drives ("detonated his explosive belt", "a
    driver detonated his explosives-laden car"): the guide's suicide bomb, though no "suicide"
    is written. A device set off from afar ("detonated his bomb by remote control") is not."""
    if lemma(tok) not in ("detonate", "blow"):
        return False
    if any(lemma(t) in ("remote", "remotely", "remote-controlled") for t in tok.sent):
        return False
    if any(p.lower_ in REFLEXIVES for p in patients(tok)):
        return True  # "the bomber blew himself up"
    if any(c.dep_ == "conj" and self_inflicted(c) for c in tok.children):
        return True  # "detonated a belt stuffed with explosives and killed himself"
    # the device itself, or where it sat: "the explosives in his car"
    inside = (g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "inside") for g in c.children)
    held = [*patients(tok), *inside]
    return any(t.lower_ in ("his", "her") for p in held for t in p.subtree)


def detonated_by(tok: Token) -> Token | None:
    """The detonating verb a device noun is the object of ("detonated an explosive device",
    "detonated his explosives-laden car"), if any."""
    verb = next((a for a in tok.ancestors if a.pos_ == "VERB"), None)
    if verb is None or lemma(verb) not in ("detonate", "blow"):
        return None
    return verb if any(tok in p.subtree for p in patients(verb)) else None


# A nuclear device is set off as a test (or, once, over a city in a world war): not an attack
# of our time (guide ruling 4; ACLED codes no weapons tests).
_NUCLEAR = frozenset({"nuclear", "atomic", "thermonuclear", "hydrogen", "h-bomb"})
_BLASTS = DEVICES | frozenset({"explosion", "blast", "weapon", "warhead", "test", "h-bomb"})
# Ordnance left from an old war, made safe: "a World War Two bomb", "a mine laid 60 years ago".
_LEFTOVER = frozenset({"unexploded", "wartime", "leftover", "decades-old", "century-old"})
_LEFTOVER_PHRASES = ("world war", "years ago", "decades ago", "left over", "left behind", "dating from")
_MADE_SAFE = frozenset({"detonate", "blow", "defuse", "dispose", "remove"})
_DEMOLITION = frozenset({"demolition", "demolish", "implosion", "implode"})
# rail and freight loads that blow up in transit: an accident, unless someone set them off
_CARGO = frozenset({"wagon", "railcar", "freight", "cargo", "consignment", "shipment"})


def _devices(tok: Token) -> list[Token]:
    """The device nouns a trigger names: itself, or a verb's object and subject ("detonated five
    nuclear devices", "a nuclear device exploded")."""
    if tok.pos_ in ("NOUN", "PROPN"):
        return [tok]
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    return [t for t in (*patients(tok), *subjects) if lemma(t) in _BLASTS]


def _leftover(sent: Span) -> bool:
    """Words of old ordnance in the sentence ("an unexploded shell", "a World War Two bomb", "left
    over from the civil war", "dropped during the Vietnam war")."""
    text = sent.text.lower()
    return (
        any(lemma(t) in _LEFTOVER for t in sent)
        or any(p in text for p in _LEFTOVER_PHRASES)
        or _PAST_WAR.search(text) is not None
    )


# "during the Vietnam war", "from the 1992-95 war": a device of a war told as past (a sentence of
# a war going on says "the war" alone, or "in the war")
_PAST_WAR = re.compile(r"\b(?:during|from) the [\w' -]{1,30}? war\b")
_LANDMINES = frozenset({"landmine", "mine", "land-mine"})
_HARMED = frozenset({"kill", "die", "dead", "wound", "injure", "maim", "hurt"})


def landmine_harm(tok: Token) -> bool:
    """A landmine that killed or maimed someone, told with no sign of an old war's ordnance ("a
    shepherd was killed after stepping on a landmine near the border"): an event (our guide; only
    old ordnance is none, ``_leftover``)."""
    return lemma(tok) in _LANDMINES and any(lemma(t) in _HARMED for t in tok.sent) and not _leftover(tok.sent)


def harmless_detonation(tok: Token) -> bool:
    """A device set off, or made safe, in no act of violence: a nuclear test ("India detonated
    five nuclear devices"), a building brought down ("the landmark building was detonated a day
    after the demolition of ..."), or old ordnance cleared ("experts detonated a World War Two
    bomb", "a mine planted 60 years ago was successfully detonated", mines detonated at a range).
    Guide: disposal of old wartime ordnance is no event."""
    devices = _devices(tok)
    if any(lemma(c) in _NUCLEAR for d in devices for c in d.children) or any(lemma(d) == "h-bomb" for d in devices):
        return True
    sent = tok.sent
    if any(lemma(t) in DETONATION_HARM for t in sent if t.i != tok.i):
        return False  # "... killing two guards": whatever the device was, it harmed
    lemmas = {lemma(t) for t in sent}
    if lemmas & _DEMOLITION and lemmas & {"detonate", "blow", "implode"}:
        return True
    doers = {lemma(a) for a in agents(tok)} - _CARGO - {"train"}
    if lemmas & _CARGO and lemmas & {"carry", "carrying", "load", "loaded"} and not doers:
        return True  # "two train wagons carrying explosives detonated at the station": an accident
    # made safe, by a verb the parser may hang anywhere ("a mine laid 60 years ago was safely
    # detonated"): leftover words in the sentence, or "old" on the device itself
    made_safe = lemmas & _MADE_SAFE
    return bool(made_safe) and (
        _leftover(sent) or _clearance(sent) or any(lemma(c) == "old" for d in devices for c in d.children)
    )


def _clearance(sent: Span) -> bool:
    """Mines cleared or a stockpile destroyed ("detonated landmines at the army's range", "a mine
    clearance operation"): weapons made safe, no one's attack disrupted."""
    lemmas = {lemma(t) for t in sent}
    if lemmas & {"stockpile", "demining", "de-mining", "clearance"}:
        return True
    return any(lemma(t) == "range" and t.dep_ == "pobj" and t.head.lower_ in ("at", "on") for t in sent)


_TEST = frozenset({"test", "testing", "test-fire", "test-launch"})


def weapon_test(tok: Token) -> bool:
    """A weapon fired or set off as a test ("test-fired two ballistic missiles", "fired three
    missiles in a test"): the guide's missile tests are no event."""
    verb = tok if tok.pos_ in ("VERB", "AUX") else next((a for a in tok.ancestors if a.pos_ == "VERB"), tok)
    for word in {tok, verb}:
        if lemma(word) in _TEST:
            return True
        for child in word.children:
            if lemma(child) in _TEST and child.dep_ in ("npadvmod", "compound", "advmod", "amod"):
                return True
            tested = child.dep_ == "prep" and child.lower_ in ("in", "during", "as")
            if tested and any(lemma(g) in _TEST for g in child.children if g.dep_ == "pobj"):
                return True
    return False
