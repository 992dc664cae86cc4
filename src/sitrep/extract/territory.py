"""Who took ground: the side of a territory event (issue #4).

ACLED splits a capture by the taker: state forces (or forces fighting with them) regain
territory, a rebel, militia or jihadist group overtakes it. The verb rarely says which
("captured", "seized", "liberated" are used by both sides' media); the capturing phrase does,
and a word list over its head and modifiers misses most named forces: "the Syrian Democratic
Forces", "the Free Syrian Army", "MODEL forces", "the Army of Conquest" are armed groups,
while "the Syrian Arab Army", "Iraqi Security Forces" and "the Republican Guard" are the state.

:func:`capturer_side` reads the capturing phrase with the actor tables (named organisations,
country names and demonyms) and a rule for named forces: a force noun named by words that are
neither a country nor a state force's usual title ("Free", "Democratic", "Tigray") belongs to
an armed group. :func:`settle_sides` makes a sentence's territory mentions agree with it,
whichever stage typed them (rules or the event encoder, which tells capture from battle well
but not one side from the other).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Literal

from spacy.tokens import Span, Token

from sitrep.extract.actor_lexicon import ActorLexicon
from sitrep.extract.event_rules import NONSTATE_WORDS, STATE_WORDS, TAKE_LEMMAS, AcledType
from sitrep.extract.event_syntax import agents, lemma
from sitrep.extract.types import EventMention

__all__ = [
    "GOVERNMENT",
    "NONSTATE",
    "TERRITORY_TYPES",
    "TRANSFER",
    "Side",
    "capturer_side",
    "settle_sides",
    "taken_unopposed",
    "territory_type",
    "unknown_taker_told",
]

Side = Literal["state", "nonstate"]
GOVERNMENT = "Government regains territory"
NONSTATE = "Non-state actor overtakes territory"
TRANSFER = "Non-violent transfer of territory"
_SECTOR_SIDE: dict[str, Side] = {
    "MIL": "state",
    "COP": "state",
    "GOV": "state",
    "REB": "nonstate",
    "UAG": "nonstate",
    "CRM": "nonstate",
}
# Nouns that name an armed force or one of its units.
FORCE_NOUNS = frozenset(
    {"force", "army", "brigade", "battalion", "division", "regiment", "legion", "corps", "front", "guard", "unit"}
)
# Words in a state force's own title ("Syrian Arab Army", "Iraqi Security Forces", "the
# Republican Guard", "Somali National Army"): they do not make a force an armed group.
STATE_TITLE_WORDS = frozenset(
    """arab armed national security defence defense special elite republican royal federal government
    regular presidential army air naval navy border military mechanized mechanised armoured armored
    infantry tank marine marines commando commandos airborne guard force forces
    division brigade battalion regiment corps unit the coalition allied international joint
    multinational peacekeeping northern southern eastern western central""".split()  # noqa: SIM905
)
# Modifiers that put a group on the government's side ("pro-government militia", "regime forces").
_LOYAL_WORDS = ("pro-government", "pro-regime", "pro-assad", "loyalist")
# Possessives that stand for a group named earlier in the sentence ("According to Jaysh
# al-Izza, their forces captured ...").
_PRONOUNS = frozenset({"their", "its"})
_TERRITORY = frozenset({GOVERNMENT, NONSTATE})
TERRITORY_TYPES = _TERRITORY | {TRANSFER}
# Takers of ground who are no state, beside the armed-group words (which are also a clash's
# sides, where "opposition" or a "sect" may be unarmed civilians): "Somali warlord Aidid",
# "the Boko Haram sect", "opposition fighters", "mutineers".
_TAKER_NONSTATE_WORDS = frozenset({"warlord", "sect", "opposition", "mutineer", "dissident", "secessionist"})
_MEMBERS = frozenset({"fighter", "member", "element", "militant", "man", "unit"})


def territory_type(side: Side | None) -> str | None:
    """The ACLED sub-event type of a capture by ``side`` (None: the side is unknown)."""
    return {"state": GOVERNMENT, "nonstate": NONSTATE}.get(side or "")


def capturer_side(tok: Token, lexicon: ActorLexicon) -> Side | None:
    """The side of whoever did ``tok`` (a capture verb or noun), or None when no agent says."""
    for agent in agents(tok):
        side = phrase_side(agent, lexicon)
        if side is not None:
            return side
    return None


def unknown_taker_told(tok: Token, lexicon: ActorLexicon) -> bool:
    """Whether capture ``tok`` names a doer other than a country's people: a taker the tables do
    not know is then most often an armed group (``event_rules.capture_kind``). A country's
    people may be its army ("the Ethiopians captured Burdhubo") or a people at war beyond its
    borders ("the Serbs captured Srebrenica"), so they tell no side; a people with no state of
    its own ("the Kurds") does."""
    return any(
        not (agent.ent_type_ == "NORP" and lexicon.country_of_text(agent.text) is not None) for agent in agents(tok)
    )


def phrase_side(head: Token, lexicon: ActorLexicon) -> Side | None:
    """State or armed group, for the noun phrase headed by ``head``."""
    for part in _conjuncts(head):
        side = _one_side(part, lexicon)
        if side is not None:
            return side  # "the Syrian Commandos and their allies": the first named side leads
    return None


def _one_side(head: Token, lexicon: ActorLexicon, depth: int = 0) -> Side | None:
    if depth > 2:
        return None  # a pronoun's speaker, an owner, a group: no deeper
    if head.pos_ == "PRON":
        speaker = _speaker(head)  # "the army said it had retaken the town"
        return _one_side(speaker, lexicon, depth + 1) if speaker is not None else None
    owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")), None)
    noun = _singular(head, lexicon)
    member = noun in FORCE_NOUNS | _MEMBERS or lexicon.sectors.get(noun) is not None
    led = False
    if owner is not None and member:
        # "Jund al-Aqsa's fighters", "the Syrian Arab Army's 4th Division": the owner decides;
        # a name the tables do not know ("Mobutu's forces", "Haftar's forces") is a leader's
        # men, of either side unless a word of the phrase says which.
        side = _one_side(owner, lexicon, depth + 1)
        if side is not None:
            return side
        led = owner.pos_ == "PROPN"
    if member:
        # "soldiers with the Mai-Mai militia", "fighters from the Islamic State": the group decides
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.lower_ in ("with", "from", "of"):
                for group in prep.children:
                    side = _one_side(group, lexicon, depth + 1) if group.dep_ == "pobj" else None
                    if side is not None:
                        return side
    tokens = _phrase_tokens(head)
    text = head.doc[tokens[0].i : tokens[-1].i + 1].text
    org = lexicon.organisation_of_text(text)
    if org is not None and org.sector in _SECTOR_SIDE:
        return _SECTOR_SIDE[org.sector]
    if any(word in text.lower() for word in _LOYAL_WORDS):
        return "state"  # "pro-government militiamen": forces fighting with the state
    words = {lemma(t) for t in tokens}
    if words & (NONSTATE_WORDS | _TAKER_NONSTATE_WORDS):
        return "nonstate"
    if any(c.dep_ == "poss" and c.lower_ in _PRONOUNS for c in head.children):
        side = _antecedent_side(head, lexicon)
        if side is not None:
            return side
    if noun in FORCE_NOUNS:
        named = _naming_words(head, tokens)
        if any(not _state_title(t, lexicon) for t in named):
            return "nonstate"  # "the Free Syrian Army", "MODEL forces", "the Army of Conquest"
    if led:
        return None
    term = lexicon.sectors.get(noun)
    if term is not None and term.sector in _SECTOR_SIDE:
        return _SECTOR_SIDE[term.sector]
    if words & STATE_WORDS:
        return "state"
    if head.ent_type_ == "GPE" and lexicon.country_of_text(head.text) is not None:
        return "state"  # "Ethiopia captured the ridge"
    return None


def _speaker(pronoun: Token) -> Token | None:
    """The named subject of the clause a pronoun subject's clause hangs from: "Burkina Faso's
    army said on Sunday it had retaken Titao" -> army."""
    for verb in pronoun.head.ancestors:
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")), None)
        if subject is not None:
            return subject
    return None


def _singular(tok: Token, lexicon: ActorLexicon) -> str:
    """The head noun's lemma; a capitalised plural the lemmatiser kept ("Forces", "Commandos")
    loses its "s" when the singular is a known force or sector word."""
    word = lemma(tok)
    if (
        word.endswith("s")
        and word not in lexicon.sectors
        and (word[:-1] in FORCE_NOUNS or word[:-1] in lexicon.sectors)
    ):
        return word[:-1]
    return word


def _conjuncts(head: Token) -> list[Token]:
    return [head, *(c for c in head.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN"))]


def _phrase_tokens(head: Token) -> list[Token]:
    """The head, its left modifiers and an "of" name ("the Army of Conquest")."""
    out = [t for t in head.lefts if t.dep_ in ("compound", "amod", "nmod", "npadvmod") for t in t.subtree]
    out.append(head)
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            out.extend(t for g in prep.children if g.dep_ == "pobj" for t in g.subtree)
    return sorted(out, key=lambda t: t.i)


def _naming_words(head: Token, tokens: Iterable[Token]) -> list[Token]:
    """The capitalised words that name a force: its modifiers (and "of" name) that are not
    numbers or ordinals, with the head itself when it is capitalised."""
    out = []
    for t in tokens:
        if t.i == head.i or not t.is_alpha or not t.text[0].isupper():
            continue
        if t.ent_type_ in ("PERSON", "ORDINAL", "CARDINAL", "DATE"):
            continue  # "Haftar's forces", "the 4th Division": a leader or a number, not a name
        out.append(t)
    return out


def _state_title(tok: Token, lexicon: ActorLexicon) -> bool:
    return tok.lower_ in STATE_TITLE_WORDS or lexicon.country_of_text(tok.text) is not None


def _antecedent_side(head: Token, lexicon: ActorLexicon) -> Side | None:
    """The side of the group a possessive pronoun stands for: a named organisation, or a state
    or armed-group word, earlier in the sentence."""
    sent = head.sent
    before = head.doc[sent.start : head.i]
    org = lexicon.organisation_of_text(before.text)
    if org is not None and org.sector in _SECTOR_SIDE:
        return _SECTOR_SIDE[org.sector]
    for tok in reversed(before):
        if tok.pos_ not in ("NOUN", "PROPN"):
            continue
        if lemma(tok) in NONSTATE_WORDS:
            return "nonstate"
        if lemma(tok) in STATE_WORDS:
            return "state"
    named = [t for t in before if t.pos_ == "PROPN" and t.ent_type_ in ("ORG", "NORP")]
    if named and not any(_state_title(t, lexicon) for t in named):
        return "nonstate"  # "According to Jaysh al-Izza's media office, their forces ..."
    return None


def settle_sides(
    sent: Span,
    mentions: list[EventMention],
    lexicon: ActorLexicon,
    taxonomy: Mapping[str, AcledType],
) -> list[EventMention]:
    """The sentence's mentions with each territory type set to its capturer's side, or to a
    non-violent transfer where the ground was taken unopposed (:func:`taken_unopposed`).

    A mention typed as territory keeps its type when no capturing phrase tells the side; the
    capture verb is the mention's trigger, or else the sentence's first capture word.
    """
    if not any(m.sub_event_type in _TERRITORY for m in mentions):
        return mentions
    unopposed = taken_unopposed(sent)
    out = []
    for m in mentions:
        if m.sub_event_type in _TERRITORY:
            side = _capture_side(sent, sent.doc[m.trigger], lexicon)
            wanted = TRANSFER if unopposed else territory_type(side)
            if wanted is not None and wanted != m.sub_event_type and wanted in taxonomy:
                acled = taxonomy[wanted]
                m = replace(
                    m,
                    event_type=acled.event_type,
                    sub_event_type=acled.sub_event_type,
                    disorder_type=acled.disorder_type,
                )
        out.append(m)
    return out


def _capture_side(sent: Span, trigger: Token, lexicon: ActorLexicon) -> Side | None:
    """Who took ground in the event on ``trigger``: its own agent when it is a capture word;
    else the agent of the sentence's capture word (a mention the encoder re-typed may sit on
    another verb: in "Rebels seized Ndele and held it until army units attacked the town" the
    taker is the rebels), else the trigger's agent."""
    if lemma(trigger) in _CAPTURE_WORDS:
        return capturer_side(trigger, lexicon)  # "it had retaken the town, a week after jihadists overran it"
    for tok in [*(t for t in sent if lemma(t) in _CAPTURE_WORDS), trigger]:
        side = capturer_side(tok, lexicon)
        if side is not None:
            return side
    return None


_CAPTURE_WORDS = TAKE_LEMMAS | {"control"}  # "took control of the district"


# "without a fight", "without resistance", "without firing a shot"
_NO_FIGHT = frozenset(
    {"fight", "fighting", "resistance", "battle", "struggle", "bloodshed", "clash", "shot", "opposition"}
)
_UNOPPOSED = frozenset({"unopposed", "uncontested", "unchallenged"})
_BEFORE_MARKS = frozenset({"after", "as", "when", "once", "following"})
_AFTER_MARKS = frozenset({"after", "once", "following"})
# leaving a place, which makes its taking unopposed only where no fighting is told
_LEFT = frozenset({"withdraw", "flee", "retreat", "evacuate"})
_FIGHTING = frozenset(
    {"fight", "fighting", "battle", "clash", "kill", "shell", "shelling", "airstrike", "attack", "assault", "heavy"}
)


def taken_unopposed(sent: Span) -> bool:
    """Whether the sentence says ground changed hands with no fight: "captured the town virtually
    without a fight", "entered unopposed", "took control after the rebels abandoned their
    positions". ACLED codes these as a non-violent transfer of territory, whoever took it."""
    fought = any(lemma(t) in _FIGHTING for t in sent)
    for tok in sent:
        word = lemma(tok)
        if word in _UNOPPOSED:
            return True
        if tok.lower_ == "without":
            objects = [g for c in (tok, *tok.children) for g in c.children if g.dep_ in ("pobj", "dobj")]
            if any(lemma(g) in _NO_FIGHT for g in objects):
                return True
        left = word == "abandon" or (word in _LEFT and not fought)
        if left and tok.pos_ == "VERB":
            # the other side left before the taking: "after the rebels abandoned their positions",
            # "after the militants fled" (with no fighting told: "as the rebels fled" a battle is
            # still a battle; "since 2015, when they retreated" is the taker's own past)
            marks = _BEFORE_MARKS if word == "abandon" else _AFTER_MARKS
            marked = any(c.dep_ in ("mark", "advmod") and c.lower_ in marks for c in tok.children)
            if marked or (tok.dep_ == "pcomp" and tok.head.lower_ in marks):
                return True
    return False
