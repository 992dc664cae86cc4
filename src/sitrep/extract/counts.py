"""Casualty counts: deaths and injured stated for one event mention.

``count_casualties(doc, mention)`` reads the mention's sentence. A count is a number
tied by the dependency tree to a casualty word ("killed", "died", "wounded", "deaths",
"death toll", "lost their lives", "left ... dead") and to the trigger's event: a
casualty clause with an agent of its own ("while gunmen killed four elsewhere") is
another event and is not counted; subjectless and passive casualty clauses ("...,
killing 8", "two were killed when ...", "a mine that killed two civilians") are.

Conventions (ACLED's: the lowest credible number, vague words fixed):
- "at least 27", "more than 27", "about 27", "up to 27" -> 27; "between 10 and 15" -> 10;
- magnitude words give the lower bound they guarantee, as ACLED does: "dozens" / "a
  dozen" -> 12, "hundreds" -> 100, "thousands" -> 1000;
- words with no such floor ("several", "many", "numerous", "a few", and "scores", which
  our labelling guide leaves empty) are not counts: the contract forbids a guess presented
  as a count, so they give None;
- "a soldier", "the driver", "he" -> 1; "two policemen and three militants" -> 5;
- "the death toll rose to 31" -> 31; a death toll overrides the other death counts of
  the sentence (it is the running total, not one more group);
- "no one was hurt", "no casualties" -> 0 (a "no one was hurt" also gives 0 deaths when
  no death is stated);
- words without a number ("led to fatalities", "civilians were killed") -> None;
- numbers that are dates, ages, durations, money or quantities are never counts, and a
  number only counts when it qualifies a victim noun ("two vehicles" does not).

What each casualty word states (kind, number, victim) is read in
:mod:`sitrep.extract.casualty_facts`; how many people a victim phrase stands for (number
words, ranges, vague words) in :mod:`sitrep.extract.victims`.

Merging one event's mentions across sentences is the pipeline's job: use
:func:`merge_casualties`, which keeps the largest stated value per field (reports of
one event restate its total; they do not add up) and None only when no mention has one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from sitrep.extract.casualty_facts import DIE_VERBS, Fact, clause_of, first_child, is_clause, sentence_facts
from sitrep.extract.types import Casualties, EventMention
from sitrep.extract.victims import parse_count

__all__ = ["count_casualties", "merge_casualties", "outcome_casualties", "parse_count"]

_REL_PRONOUNS = frozenset({"that", "which", "who", "whom", "what"})  # "in what appeared to be ..."
# a clause opened by one of these tells an earlier or later incident ("hours after four were shot")
_OTHER_TIME_MARKS = frozenset({"after", "before", "since", "until"})
# a clause opened by one of these tells the circumstance of the same incident
_SAME_TIME_MARKS = frozenset({"when", "as"})


def merge_casualties(*items: Casualties) -> Casualties:
    """Combine the counts of one event's mentions: per field the largest stated value."""

    def top(values: Iterable[int | None]) -> int | None:
        known = [v for v in values if v is not None]
        return max(known) if known else None

    return Casualties(top(c.fatalities for c in items), top(c.injured for c in items))


# Subjects that name what happened rather than who did it: "clashes erupted and two were
# killed", "when shots rang out": the same incident, no agent of another event.
_HAPPENING_SUBJECTS = frozenset({
    "shot", "shots", "gunfire", "fighting", "clash", "clashes", "violence", "unrest", "chaos", "panic",
    "firefight", "scuffle", "skirmish", "melee", "stampede", "shooting",
})  # fmt: skip


def _on_target(noun: Token, trigger: Token | None) -> bool:
    """True when ``noun`` is what the trigger struck: "attacked the village(, a hamlet) where ..."."""
    while noun.head.i != noun.i:
        if noun.dep_ in ("appos", "conj"):
            noun = noun.head
        elif noun.dep_ == "pobj" and noun.head.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head.head  # "the village in Damboa district where ..."
        else:
            break
    if trigger is None:
        return False
    # its object, or the place it happened: "attacked X in Dan district, where", "an attack on the village where"
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head.i == trigger.i:
        return True  # "the village was bombed, where", "attacked the village, where"
    if noun.dep_ == "attr" and noun.head.dep_ == "auxpass" and noun.head.head.i == trigger.i:
        return True  # inverted: "Also bombed was the village of X, where two people were killed"
    return noun.dep_ == "pobj" and noun.head.head.i == trigger.i


def _has_agent(clause: Token, trigger: Token | None = None) -> bool:
    """True when ``clause`` tells an event of its own (its own actor, place or time)."""
    if clause.dep_ == "relcl" and any(c.lower_ in ("where", "when") for c in clause.children):
        # "the town where 28 people were killed this year": another event there, unless the
        # town is what the trigger struck ("attacked the village, where five were killed")
        subj = first_child(clause, "nsubj")
        own_time = any(t.ent_type_ in ("DATE", "TIME") or t.lower_ in ("earlier", "ago") for t in clause.subtree)
        return own_time or not (_on_target(clause.head, trigger) and (subj is None or subj.pos_ == "PRON"))
    if clause.lemma_.lower() in DIE_VERBS | {"lose"} or clause.dep_ == "relcl":
        return False
    marks = (c for c in clause.children if c.dep_ in ("mark", "advmod"))
    if clause.dep_ == "advcl" and any(c.lower_ in _SAME_TIME_MARKS for c in marks):
        return False
    if clause.dep_ == "pcomp" and clause.head.lower_ in _SAME_TIME_MARKS:
        # the same, parsed with "as" as a preposition: "killed 28 when they stormed the compound",
        # "detonated a mine as a bus passed, killing six"
        return False
    if clause.tag_ in ("VBN", "VBG") and not any(c.dep_ == "aux" for c in clause.children):
        return False  # "and 12 injured": the subject is the victim; "..., killing five": the main clause's
    return any(
        c.dep_ == "nsubj" and c.lower_ not in _REL_PRONOUNS and c.lower_ not in _HAPPENING_SUBJECTS
        for c in clause.children
    )


# Verbs that describe a device rather than tell an event: "a bomb packed with nails".
_DEVICE_VERBS = frozenset({"pack", "load", "plant", "park", "hide", "fill", "strap", "rig", "conceal", "place"})


def _trailing_toll(trigger: Token, keyword: Token) -> bool:
    """True for ", killing 10 people" (or its ", wounding 20" conjunct) after the trigger with no
    event clause between them, whatever verb the parser hung it on: "claimed an attack in the
    district where a car bomb exploded at a checkpoint, killing 10" tells the blast's toll."""
    head = keyword.head if keyword.dep_ == "conj" and keyword.head.tag_ == "VBG" else keyword
    if keyword.tag_ != "VBG" or head.dep_ != "advcl" or head.i <= trigger.i:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children) or head.nbor(-1).text != ",":
        return False
    for tok in head.doc[trigger.i + 1 : head.i]:
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() in _DEVICE_VERBS:
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            return False  # "... exploded, and gunmen stormed the hall, killing 5": another event's
    return True


def _belongs(trigger: Token, keyword: Token) -> bool:
    """True when no clause with an agent of its own lies between trigger and keyword.

    Only the keyword's side of the path is checked: the clauses governing the trigger
    tell the trigger's own event ("a vehicle blew up after striking a landmine, and two
    civilians were killed": the landmine's toll), while a clause with its own agent
    below the meeting point tells another ("while a bomb killed four").
    """
    if _trailing_toll(trigger, keyword):
        return True
    t_pos = {t.i for t in (trigger, *trigger.ancestors)}
    k_up = [keyword, *keyword.ancestors]
    meet = next((n for n, t in enumerate(k_up) if t.i in t_pos), None)
    if meet is None:
        return False  # different sentences
    home, above = clause_of(trigger), clause_of(k_up[meet])
    if above.i != home.i and _has_agent(home) and _has_agent(above):
        return False  # "Rebels killed five, days after an airstrike hit the town": two events
    if any(_other_time(t) for t in k_up[:meet] if is_clause(t)):
        return False  # "..., hours after four officials were shot dead": an earlier incident
    return all(not _has_agent(t, trigger) for t in k_up[:meet] if is_clause(t))


# Nouns naming an incident: "died in a roadside bomb attack" names its own.
_INCIDENT_NOUNS = frozenset({
    "attack", "bombing", "blast", "explosion", "airstrike", "strike", "raid", "ambush", "clash", "shooting",
    "shelling", "bombardment", "assault", "battle", "fighting", "accident", "crash", "firefight", "skirmish",
})  # fmt: skip
# determiners and adjectives that introduce an incident not told before ("a", "another", "separate")
_NEW_INCIDENT_MARKS = frozenset({"a", "an", "another", "separate", "other", "different"})


def _own_incident(keyword: Token, trigger: Token) -> bool:
    """True when the keyword names an incident of its own, not the trigger's: "a soldier was
    killed in a mortar attack and a civilian died in a roadside bomb attack" (two tolls). "Killed
    in the blast" refers back to the trigger's incident and stays."""
    holders = [keyword, keyword.head] if keyword.dep_ == "dobj" else [keyword]  # "lost their lives in"
    for prep in (c for holder in holders for c in holder.children):
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "during"):
            continue
        if prep.i == prep.sent.start:
            continue  # "In other attacks, a man was killed ... by a roadside bomb": it frames the sentence
        for noun in prep.children:
            if noun.dep_ != "pobj" or noun.lemma_.lower() not in _INCIDENT_NOUNS:
                continue
            if noun.i == trigger.i or trigger.i in {t.i for t in noun.subtree}:
                return False
            if any(c.lower_ in _NEW_INCIDENT_MARKS for c in noun.children if c.dep_ in ("det", "amod")):
                return True
    return False


def _other_time(clause: Token) -> bool:
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _OTHER_TIME_MARKS for c in clause.children)


def _sentence(doc: Doc, mention: EventMention) -> Span:
    trigger = doc[mention.trigger]
    return trigger.sent


def _facts_for(sent: Span, anchor: Token) -> list[Fact]:
    """The sentence's casualty facts that belong to the event at ``anchor``."""
    return [f for f in sentence_facts(sent) if f.keyword.i == anchor.i or _belongs(anchor, f.keyword)]


def count_casualties(doc: Doc, mention: EventMention) -> Casualties:
    """Deaths and injured stated for ``mention``, None per field when the text gives no number."""
    trigger = doc[mention.trigger]
    facts = _facts_for(_sentence(doc, mention), trigger)
    # Two incidents with a toll each ("... killed in a mortar attack, and a civilian died in a
    # roadside bomb attack"): the one named apart from the trigger is not its toll. Where it is
    # the sentence's only toll, it is the trigger's incident named again ("gunmen killed 11
    # people in an attack").
    apart = {f.keyword.i for f in facts if f.keyword.i != trigger.i and _own_incident(f.keyword, trigger)}
    apart |= {f.keyword.i for f in facts if _second_toll(f, facts)}
    if any(f.keyword.i not in apart and f.count is not None for f in facts):
        facts = [f for f in facts if f.keyword.i not in apart]
    return Casualties(_combine(facts, "death"), _combine(facts, "injury"))


# A sentence updating an incident's toll ("the death toll rose to 11", "raising the death toll to
# nine", "two more died of their wounds"): no new incident, and its figure is the latest.
TOLL_UPDATE = re.compile(
    r"\b(?:toll (?:rose|climbed|reached|increased|stands|stood|has risen|had risen)"
    r"|(?:rais|bring|push)(?:ing|ed|es|s)? the (?:death |casualty )?toll (?:from [\w' -]{1,40} )?to"
    r"|died (?:later )?(?:of|from) (?:their |his |her )?(?:wounds|injuries)|succumbed to)\b",
    re.I,
)
# Words that make a toll a running total or a tally over time, not one incident's outcome.
_TALLY_WORDS = frozenset({
    "since", "so", "total", "overall", "altogether", "cumulative", "war", "conflict", "insurgency", "year",
    "month", "week", "toll", "tally", "campaign", "far", "past", "recent",
})  # fmt: skip


# Words that put a toll on another incident than the one told before ("Separately, ...").
_ELSEWHERE_WORDS = frozenset({"separately", "elsewhere", "meanwhile", "another", "earlier", "previous", "previously"})


def outcome_casualties(sent: Span, *, not_violence: frozenset[str] = frozenset()) -> Casualties:
    """Deaths and injured a sentence states with no event of its own: the outcome of the
    incident told just before ("Seven soldiers were killed and 30 wounded."). None when the
    sentence may tell another toll: a running total or a tally over time ("the war has killed
    3,000 since 2019"), a year of its own ("In 2019, 40 people died"), a word marking another
    incident ("Separately, ..."), or one of ``not_violence`` (disasters, accidents, disease:
    "a road accident killed six")."""
    lemmas = {t.lemma_.lower() for t in sent}
    dated = any(e.label_ == "DATE" and any(t.like_num and len(t.text) == 4 for t in e) for e in sent.ents)
    # "died in a fire" is a blaze; "opened fire" or "came under fire" would not say "in"
    blaze = any(t.lower_ == "fire" and t.dep_ == "pobj" and t.head.lower_ == "in" for t in sent)
    # an update of an incident's toll names its toll ("raising the death toll to nine") and may say
    # "toll"; a tally's other words ("the war's toll", "so far this year") still rule it out
    update = TOLL_UPDATE.search(sent.text) is not None
    tally = _TALLY_WORDS - {"toll"} if update else _TALLY_WORDS
    if dated or blaze or lemmas & (tally | _ELSEWHERE_WORDS | not_violence):
        return Casualties(None, None)
    if update:
        # the updated toll itself, wherever the parser hangs it ("the toll had risen to 11, the governor said")
        tolls = [
            f.count for f in sentence_facts(sent) if f.toll and f.kind in ("death", "both") and f.count is not None
        ]
        if tolls:
            return Casualties(max(tolls), None)
    root = sent.root
    facts = [f for f in _facts_for(sent, root) if not f.toll and not f.fallback]
    facts = [f for f in facts if not _second_toll(f, facts) and not _own_incident(f.keyword, root)]
    return Casualties(_combine(facts, "death"), _combine(facts, "injury"))


def _second_toll(fact: Fact, facts: list[Fact]) -> bool:
    """True for a clause coordinated after another toll of the same kind, with victims of its own:
    "two guards were shot dead at the port, and another man was killed in the market" tells
    two incidents, and a sentence's event is its first (bench/LABELLING.md), also where the trigger
    kept for the sentence sits in the second clause; "five were killed and three wounded" tells one."""
    clause = clause_of(fact.keyword)
    if clause.dep_ != "conj" or first_child(clause, "nsubj", "nsubjpass") is None:
        return False
    first = clause_of(clause.head).i
    return any(
        other.kind == fact.kind and other.count is not None and clause_of(other.keyword).i == first for other in facts
    )


def _combine(facts: list[Fact], kind: str) -> int | None:
    """Sum the groups of victims stated for one kind; a death toll overrides them."""
    mine = [f for f in facts if f.kind in (kind, "both")]
    tolls = [f.count for f in mine if f.toll and f.count is not None]
    if tolls:
        return max(tolls)
    stated = [f for f in mine if not f.implied and not f.fallback]
    seen: set[int] = set()
    total: int | None = None
    for fact in stated:
        if fact.count is None or (fact.victim is not None and fact.victim in seen):
            continue
        if fact.victim is not None:
            seen.add(fact.victim)
        total = (total or 0) + fact.count
    if total is None and not stated and any(f.implied for f in mine):
        return 0
    if total is None:
        total = max((f.count for f in mine if f.fallback and f.count is not None), default=None)
    return total
