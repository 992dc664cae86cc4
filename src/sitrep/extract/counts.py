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

How many people a victim phrase stands for (number words, ranges, vague words) is read
in :mod:`sitrep.extract.victims`.

Merging one event's mentions across sentences is the pipeline's job: use
:func:`merge_casualties`, which keeps the largest stated value per field (reports of
one event restate its total; they do not add up) and None only when no mention has one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from sitrep.extract.types import Casualties, EventMention
from sitrep.extract.victims import (
    count_group,
    count_one,
    is_partitive,
    number_of,
    numbered,
    parse_count,
    split_front,
)

__all__ = ["count_casualties", "merge_casualties", "outcome_casualties", "parse_count"]

_DEATH_VERBS = frozenset(
    {"kill", "murder", "slay", "execute", "assassinate", "behead", "massacre", "lynch", "slaughter"}
)
_DIE_VERBS = frozenset({"die", "perish", "succumb"})
# killing verbs only with "down": "gunned down", "mowed down"
_DOWN_VERBS = frozenset({"gun", "mow"})
_INJURY_VERBS = frozenset({"wound", "injure", "hurt", "maim"})
_DEATH_NOUNS = frozenset({"death", "fatality", "dead"})
_INJURY_NOUNS = frozenset({"injury", "wounded", "injured"})
# every word _facts_of looks at, to skip the rest of the sentence cheaply
_KEYWORDS = _DEATH_VERBS | _DIE_VERBS | _INJURY_VERBS | _DEATH_NOUNS | _INJURY_NOUNS | {
    "shoot", "toll", "life", "casualty", "dead", "injured", "wounded", "fatally", "lose", "body", "corpse",
    "corpses", *_DOWN_VERBS,
}  # fmt: skip
_REL_PRONOUNS = frozenset({"that", "which", "who", "whom", "what"})  # "in what appeared to be ..."
_CLAUSE_DEPS = frozenset({"conj", "parataxis", "advcl", "ccomp", "relcl", "acl", "csubj", "pcomp"})
# a clause opened by one of these tells an earlier or later incident ("hours after four were shot")
_OTHER_TIME_MARKS = frozenset({"after", "before", "since", "until"})
# a clause opened by one of these tells the circumstance of the same incident
_SAME_TIME_MARKS = frozenset({"when", "as"})


@dataclass(frozen=True)
class _Fact:
    kind: str  # "death" | "injury" | "both" (zero casualties)
    count: int | None
    keyword: Token
    victim: int | None  # token index of the victim noun, to avoid counting it twice
    toll: bool = False
    implied: bool = False  # a zero implied by "no one was hurt"
    fallback: bool = False  # a figure that stands only when no other is stated (a running total)


def merge_casualties(*items: Casualties) -> Casualties:
    """Combine the counts of one event's mentions: per field the largest stated value."""

    def top(values: Iterable[int | None]) -> int | None:
        known = [v for v in values if v is not None]
        return max(known) if known else None

    return Casualties(top(c.fatalities for c in items), top(c.injured for c in items))



def _child(tok: Token, *deps: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _argument(verb: Token, *deps: str) -> Token | None:
    """The verb's subject or object in these relations, preferring a noun when the parser gave
    two ("South of Baghdad, 10 people were"), and the later of two that are one phrase the parser
    split ("20 IS militants were killed", "killed policeman Haouch Mouhous and his daughter")."""
    subs = [c for c in verb.children if c.dep_ in deps]
    if len(subs) == 2 and subs[1].pos_ in ("NOUN", "PROPN"):
        front = split_front(subs[1])
        if front is not None and front.i == subs[0].i:
            return subs[1]
    return next((c for c in subs if c.pos_ in ("NOUN", "PROPN", "NUM", "PRON")), subs[0] if subs else None)


# verbs that report or find a state of their subject: "were reported dead", "was found murdered"
_RAISING_HEADS = frozenset({
    "report", "fear", "find", "allege", "believe", "confirm", "presume", "say", "declare", "know", "think",
})  # fmt: skip


def _passive_argument(verb: Token) -> Token | None:
    """A passive verb's subject, also where the parser hung it on the auxiliary ("X was on Monday killed")."""
    subj = _argument(verb, "nsubjpass")
    if subj is None and any(c.dep_ == "auxpass" for c in verb.children):
        aux = next(c for c in verb.children if c.dep_ == "auxpass")
        subj = _argument(aux, "nsubj", "nsubjpass") or _argument(verb, "nsubj")
    if subj is None:
        clause = _child(verb, "csubjpass")  # "a motorist driving through the town was shot"
        subj = _argument(clause, "nsubj") if clause is not None else None
    if subj is None and verb.tag_ == "VBN":
        head = verb.head
        if verb.dep_ in ("advcl", "xcomp", "acomp", "ccomp") and head.lemma_ == "be" and head.i < verb.i:
            subj = _argument(head, "nsubj", "nsubjpass")  # "people were on Wednesday night killed", "were" the verb
        else:
            # the subject the parser gave a participle phrase before the verb ("nine fighters of IS
            # (also known as ISIS) were killed"): such a phrase has no subject of its own
            subj = next(
                (
                    s
                    for c in verb.children
                    if c.dep_ == "advcl" and c.tag_ == "VBN" and c.i < verb.i
                    and not any(a.dep_ in ("aux", "auxpass") for a in c.children)
                    and (s := _argument(c, "nsubjpass", "nsubj")) is not None
                ),
                None,
            )  # fmt: skip
    return subj


def _raised_argument(word: Token) -> Token | None:
    """The subject a reporting verb lends its complement: "four were reported dead", "were feared killed"."""
    head = word.head
    if word.dep_ in ("xcomp", "oprd", "advcl", "ccomp", "acomp") and head.lemma_.lower() in _RAISING_HEADS:
        return _passive_argument(head)
    return None


def _victim_of_verb(verb: Token, lemma: str) -> Token | None:
    if lemma in _DIE_VERBS:
        subj = _argument(verb, "nsubj", "nsubjpass")
        if subj is None and verb.dep_ == "conj":
            subj = _passive_argument(verb.head) or _argument(verb.head, "nsubj")  # "was shot and later died"
        return subj
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)  # "and three (were) wounded"
    if verb.dep_ == "conj" and not own_subject and any(c.dep_ == "auxpass" for c in verb.head.children) and (
        verb.tag_ == "VBN" or (verb.tag_ == "VBD" and _child(verb, "dobj") is None)
    ):
        # "the administrator was shot and killed": his subject, also where the tagger read the
        # second participle as a past tense ("was shot at close range and killed")
        return _passive_argument(verb.head)
    # "were reported killed" lends its subject; "are reported to have killed 36 people" does not
    raised = _raised_argument(verb) if verb.tag_ == "VBN" and _child(verb, "dobj") is None else None
    passive = _passive_argument(verb) or raised
    if passive is not None:
        return passive
    obj = _argument(verb, "dobj")
    if obj is not None and verb.dep_ == "acl" and not any(c.dep_ == "auxpass" for c in verb.children):
        return obj  # "airstrikes killed 15 civilians" parsed as a reduced relative
    if any(c.dep_ == "auxpass" for c in verb.children) or (verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod")):
        if verb.dep_ in ("acl", "amod") and verb.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            return verb.head  # "three people killed in the attack"
        if verb.dep_ == "conj":
            # "a member ... was shot dead": the subject of the clause the verb is coordinated with
            return _argument(verb.head, "nsubjpass") or _argument(verb.head, "nsubj")
        return None
    obj = _argument(verb, "dobj")
    between = _between_count(verb)
    if between is not None and numbered(between) and (obj is None or not numbered(obj)):
        return between  # "killing between 160-200 members of X, Y and Z": the range, not the names
    subj = _child(verb, "nsubj")
    if obj is None and subj is not None and verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children):
        return subj  # reduced passive: "three dead and 12 injured"
    if obj is None and verb.dep_ == "conj":
        obj = _child(verb.head, "dobj")  # "killed and wounded dozens" shares its object
    if obj is None:
        obj = next((_child(c, "dobj") for c in verb.children if c.dep_ == "conj" and _child(c, "dobj")), None)
    if obj is None:
        # "killing 40 rebels hiding inside", parsed as a clause with the victims its subject
        clause = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.tag_ in ("VBG", "VBN")), None)
        obj = _child(clause, "nsubj") if clause is not None else None
    if obj is None:
        obj = between
    if obj is None and subj is not None:
        obj = _object_parsed_away(verb)
    return obj


_NOT_VICTIM_ENTS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})


def _object_parsed_away(verb: Token) -> Token | None:
    """The object of an active killing verb that the parser hung elsewhere, often as the subject
    of a word it took for the main verb ("a coalition airstrike killed Abu Othman al-Afari, a
    commander in ISIS ranks", with "ranks" read as the verb): the phrase right after the verb."""
    doc = verb.doc
    j = verb.i + 1
    while j < len(doc) and (doc[j].lower_ in ("dead", "down") or doc[j].is_space):
        j += 1
    if j >= len(doc):
        return None
    head = doc[j]
    # up to the phrase's head, not into the word the parser took for a verb ("... ranks")
    while head.head.i != head.i and head.head.left_edge.i == j and head.head.i != verb.i and head.dep_ != "nsubj":
        head = head.head
    if head.left_edge.i != j or head.i in {a.i for a in verb.ancestors} or head.dep_ in ("prep", "advmod", "cc"):
        return None
    if head.pos_ not in ("NOUN", "PROPN", "NUM", "ADJ"):
        return None
    if head.ent_type_ in _NOT_VICTIM_ENTS and head.lower_ != "old":  # "a 14-year-old" is tagged DATE
        return None
    return head


def _between_count(verb: Token) -> Token | None:
    """The victims of "killing between eight and 13 people", parsed with "between" as a preposition."""
    between = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "between"), None)
    return _child(between, "pobj") if between is not None else None


_ALONG = frozenset({"along", "together"})
_VAGUE_HEADS = frozenset({"dozens", "hundreds", "thousands", "tens"})


def _in_clause_of(tok: Token, verb: Token) -> bool:
    """True when no clause with a subject of its own lies between ``tok`` and ``verb`` above it."""
    for above in tok.ancestors:
        if above.i == verb.i:
            return True
        if _is_clause(above) and _child(above, "nsubj", "nsubjpass") is not None:
            return False
    return False


def _listed_siblings(victim: Token) -> list[Token]:
    """The later items of a list the parser made several objects of one verb: "killing a nurse,
    a farmer and 11 other people" (nurse, farmer -conj-> people): each after a comma, the last
    one closing the list with "and"."""
    later = [c for c in victim.head.children if c.dep_ == victim.dep_ and c.i > victim.i]
    if not later or not any(c.dep_ == "cc" for c in later[-1].children):
        return []
    if not (victim.left_edge.lower_ in ("a", "an", "one") or victim.left_edge.like_num):
        return []  # "North of Baghdad, five civilians and a police officer were killed": one group
    doc = victim.doc
    return later if all(c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == "," for c in later) else []


def _victims(verb: Token, victim: Token | None) -> int | None:
    """The people ``verb`` harmed: its victim group and those "along with" them.

    "was killed along with six other militants" -> 7; "killing him along with his two
    guards" -> 3; None when the victim gives no number.
    """
    if victim is None:
        return None
    count = count_group(victim)
    if count is None:
        return None
    if any(c.dep_ == "cc" for c in victim.children):
        # "seven militants as well as eight civilians", parsed as two subjects of the verb
        for other in victim.head.children:
            if other.dep_ == victim.dep_ and other.i > victim.i and (extra := count_group(other)) is not None:
                count += extra
    else:
        for other in _listed_siblings(victim):
            count += count_group(other) or 0
    # "along with" anywhere in the verb's own clause, wherever the parser hung it ("killed in
    # Tikrit airstrikes along with four of his escorts", "in the battle for Hit along with three")
    for prep in verb.subtree:
        if prep.lower_ == "with" and prep.i > 0 and prep.nbor(-1).lower_ in _ALONG and _in_clause_of(prep, verb):
            companions = _child(prep, "pobj")
            extra = count_group(companions) if companions is not None else None
            return count + extra if extra is not None else count
    return count


def _toll_count(toll: Token) -> int | None:
    """The number a death toll reaches: "rose to 31", "stood at 31", "is 31", "of 31", "rose from 8 to 31"."""
    places = [toll, toll.head, *(c for c in toll.head.children if c.dep_ == "prep" and c.lower_ == "from")]
    for place in places:
        for child in place.children:
            if child.dep_ in ("prep", "agent") and child.lower_ in ("to", "at", "of"):
                obj = _child(child, "pobj")
                if obj is not None and obj.like_num:
                    return number_of(obj)
            if place is not toll and child.dep_ in ("attr", "dobj", "npadvmod") and child.like_num:
                return number_of(child)
    return None


_INTENT_HEADS = frozenset({"attempt", "try", "plot", "plan", "threaten", "vow", "seek", "want", "aim", "intend"})


def _unrealised_or_vague(tok: Token) -> bool:
    """ "tried to kill", "an attempt to assassinate": no casualty; "killed or wounded": no split."""
    if tok.dep_ in ("xcomp", "acl") and tok.head.lemma_.lower() in _INTENT_HEADS:
        return True
    coordinated = [tok, tok.head] if tok.dep_ == "conj" else [tok]
    return any(c.dep_ == "cc" and c.lower_ == "or" for t in coordinated for c in t.children)


def _facts_of(tok: Token) -> Iterable[_Fact]:
    lemma = tok.lemma_.lower()
    lower = tok.lower_
    if tok.pos_ in ("VERB", "AUX") and _unrealised_or_vague(tok):
        return
    if lemma in _DOWN_VERBS and any(c.lower_ == "down" for c in tok.children):
        lemma = "kill"  # "gunned down", "mowed down"
    if tok.pos_ in ("VERB", "AUX") and (lemma in _DEATH_VERBS or lemma in _DIE_VERBS or lemma in _INJURY_VERBS):
        kind = "injury" if lemma in _INJURY_VERBS else "death"
        victim = _victim_of_verb(tok, lemma)
        negated = any(c.dep_ == "neg" for c in tok.children)
        count = 0 if negated and victim is None else _victims(tok, victim)
        # "killed five, beheading two of them": the part stands only when no whole is stated
        part = victim is not None and is_partitive(victim)
        yield _Fact(kind, count, tok, victim.i if victim is not None else None, fallback=part)
        if kind == "injury" and count == 0:
            yield _Fact("death", 0, tok, None, implied=True)
    elif lemma == "shoot" and (
        any(c.lower_ == "dead" for c in tok.children)
        # "shot dead two Palestinians", "shot dead Hindu priest X", with "dead" parsed as an
        # adjective somewhere in the object: next to "shot", the idiom whatever the parse
        or (tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "dead" and tok.i in {a.i for a in tok.nbor(1).ancestors})
    ):
        victim = _victim_of_verb(tok, "kill")
        if victim is None and _child(tok, "dobj") is None:
            victim = _child(tok, "nsubj")  # a headline's reduced passive: "journalist shot dead in Baghdad"
        yield _Fact("death", _victims(tok, victim), tok, victim.i if victim else None)
    elif lower == "dead" and tok.dep_ == "amod" and tok.i > tok.head.i:
        # "leaving nine people dead and 30 injured": the victims before the adjective; "six
        # residents, including two children, dead": the whole group, not the part it includes
        head = tok.head
        if head.dep_ == "pobj" and head.head.lower_ == "including" and head.head.head.pos_ in ("NOUN", "PROPN"):
            head = head.head.head
        victims = [head, *(c for c in head.conjuncts if c.i < tok.i)]
        counts = [count_one(v) for v in victims]
        total = sum(c for c in counts if c is not None) if any(c is not None for c in counts) else None
        yield _Fact("death", total, tok, head.i)
    elif lower in ("dead", "injured", "wounded") and tok.pos_ in ("ADJ", "VERB") and tok.dep_ != "amod":
        # "left three people dead", "five were injured" parsed as an adjective
        if lower == "dead" and tok.head.lemma_.lower() == "shoot":
            return  # "shot dead": counted with "shoot"
        kind = "death" if lower == "dead" else "injury"
        if any(c.dep_ == "nummod" for c in tok.children):
            yield _Fact(kind, count_one(tok), tok, tok.i)  # "left four dead"
            return
        victim = _child(tok, "nsubj") or (_child(tok.head, "dobj") if tok.dep_ in ("oprd", "ccomp", "xcomp") else None)
        victim = victim or _raised_argument(tok)
        if victim is None and tok.dep_ in ("acomp",):
            victim = _child(tok.head, "nsubj")
        yield _Fact(kind, count_group(victim) if victim is not None else None, tok, victim.i if victim else None)
    elif lower == "fatally" and tok.head.pos_ == "VERB" and tok.head.lemma_.lower() not in _DEATH_VERBS:
        verb = tok.head  # "was fatally shot", "fatally stabbed"
        victim = _victim_of_verb(verb, "kill")
        yield _Fact("death", _victims(verb, victim), verb, victim.i if victim else None)
    elif (
        lemma == "death"
        and tok.head.lower_ == "to"
        and tok.head.head.pos_ == "VERB"
        and tok.head.head.lemma_.lower() not in _DEATH_VERBS
    ):
        verb = tok.head.head  # "shot to death", "clubbed him to death", "burnt to death two soldiers"
        victim = _victim_of_verb(verb, "kill")
        yield _Fact("death", _victims(verb, victim), verb, victim.i if victim else None)
    elif (lemma == "body" or lower.startswith("corpse")) and tok.pos_ == "NOUN" and (dead := _bodies(tok)) is not None:
        yield _Fact("death", count_one(dead), tok, dead.i)  # "the bodies of 17 villagers were recovered"
    elif lemma == "toll" and any(c.lower_ == "death" for c in tok.children):
        # "bringing the death toll to 149": a running total over more than this event
        running = tok.head.lemma_.lower() == "bring"
        yield _Fact("death", _toll_count(tok), tok, None, toll=not running, fallback=running)
    elif lemma == "lose" and tok.pos_ == "VERB" and (lost := _lost_people(tok)) is not None:
        yield _Fact("death", count_group(lost), tok, lost.i)  # "the rebels lost 23 fighters"
    elif lemma == "life" and tok.head.lower_ == "of" and tok.head.head.lower_ in _VAGUE_HEADS and (
        tok.head.head.head.lemma_ in ("lose", "claim", "take")
    ):
        yield _Fact("death", count_one(tok.head.head), tok, tok.head.head.i)  # "claimed dozens of lives"
    elif lemma == "life" and tok.head.lemma_ in ("lose", "claim", "take"):
        of = next((_child(c, "pobj") for c in tok.children if c.lower_ == "of"), None)
        victim = of or _child(tok.head, "nsubj") if tok.head.lemma_ == "lose" else of
        count = count_one(tok) if any(c.dep_ == "nummod" for c in tok.children) else None
        if count is None and victim is not None:
            count = count_group(victim)
        yield _Fact("death", count, tok, victim.i if victim is not None else None)
    elif lemma in _DEATH_NOUNS | _INJURY_NOUNS and tok.pos_ in ("NOUN", "PROPN"):
        kind = "death" if lemma in _DEATH_NOUNS else "injury"
        of = next((_child(c, "pobj") for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if tok.tag_ == "NN" and of is not None and numbered(of):
            yield _Fact(kind, count_group(of), tok, of.i)  # "caused the death of six civilians"
            return
        yield _Fact(kind, count_one(tok) if tok.tag_ != "NN" else _zero_only(tok), tok, tok.i)
    elif lemma == "casualty" and tok.pos_ == "NOUN" and _zero_only(tok) == 0:
        yield _Fact("both", 0, tok, tok.i)


# what is done with the dead: "bodies were found", "recovered 12 corpses" (not "two government bodies")
_BODY_VERBS = frozenset({
    "find", "recover", "discover", "retrieve", "dump", "exhume", "unearth", "pull", "receive", "wash", "lie",
    "bring", "identify", "bury", "show", "remain", "collect",
})  # fmt: skip


def _bodies(noun: Token) -> Token | None:
    """The counted dead a "bodies"/"corpses" phrase states: the noun itself when numbered ("22
    bodies", "another 12 corpses"), or its "of" group ("the bodies of 17 villagers")."""
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    people = _child(of, "pobj") if of is not None else None
    counted = people if people is not None and numbered(people) else noun if numbered(noun) else None
    if counted is None:
        return None
    verb = noun.head.head if noun.head.dep_ == "prep" else noun.head
    handled = verb.lemma_.lower() in _BODY_VERBS
    # ("corpses" is lemmatised "corps")
    return counted if noun.lower_.startswith("corpse") or people is not None or handled else None


def _lost_people(verb: Token) -> Token | None:
    """The counted people a side lost ("lost 23 fighters", "lost two of its men"), not "lost the town"."""
    obj = _child(verb, "dobj")
    if obj is None or obj.lemma_.lower() == "life":
        return None
    return obj if numbered(obj) and count_one(obj) is not None else None


def _zero_only(tok: Token) -> int | None:
    return 0 if any(c.lower_ == "no" for c in tok.children) else None


def _is_clause(tok: Token) -> bool:
    return tok.head.i == tok.i or (tok.dep_ in _CLAUSE_DEPS and tok.pos_ in ("VERB", "AUX"))


def _clause_of(tok: Token) -> Token:
    while not _is_clause(tok):
        tok = tok.head
    return tok


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
    return (noun.dep_ == "dobj" and noun.head.i == trigger.i) or (noun.dep_ == "pobj" and noun.head.head.i == trigger.i)


def _has_agent(clause: Token, trigger: Token | None = None) -> bool:
    """True when ``clause`` tells an event of its own (its own actor, place or time)."""
    if clause.dep_ == "relcl" and any(c.lower_ in ("where", "when") for c in clause.children):
        # "the town where 28 people were killed this year": another event there, unless the
        # town is what the trigger struck ("attacked the village, where five were killed")
        subj = _child(clause, "nsubj")
        own_time = any(t.ent_type_ in ("DATE", "TIME") or t.lower_ in ("earlier", "ago") for t in clause.subtree)
        return own_time or not (_on_target(clause.head, trigger) and (subj is None or subj.pos_ == "PRON"))
    if clause.lemma_.lower() in _DIE_VERBS | {"lose"} or clause.dep_ == "relcl":
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


def _belongs(trigger: Token, keyword: Token) -> bool:
    """True when no clause with an agent of its own lies between trigger and keyword.

    Only the keyword's side of the path is checked: the clauses governing the trigger
    tell the trigger's own event ("a vehicle blew up after striking a landmine, and two
    civilians were killed": the landmine's toll), while a clause with its own agent
    below the meeting point tells another ("while a bomb killed four").
    """
    t_pos = {t.i for t in (trigger, *trigger.ancestors)}
    k_up = [keyword, *keyword.ancestors]
    meet = next((n for n, t in enumerate(k_up) if t.i in t_pos), None)
    if meet is None:
        return False  # different sentences
    home, above = _clause_of(trigger), _clause_of(k_up[meet])
    if above.i != home.i and _has_agent(home) and _has_agent(above):
        return False  # "Rebels killed five, days after an airstrike hit the town": two events
    if any(_other_time(t) for t in k_up[:meet] if _is_clause(t)):
        return False  # "..., hours after four officials were shot dead": an earlier incident
    return all(not _has_agent(t, trigger) for t in k_up[:meet] if _is_clause(t))


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


def count_casualties(doc: Doc, mention: EventMention) -> Casualties:
    """Deaths and injured stated for ``mention``, None per field when the text gives no number."""
    sent = _sentence(doc, mention)
    trigger = doc[mention.trigger]
    facts = [
        f
        for tok in sent
        if tok.lemma_.lower() in _KEYWORDS or tok.lower_ in _KEYWORDS
        for f in _facts_of(tok)
        if f.keyword.i == trigger.i or _belongs(trigger, f.keyword)
    ]
    # Two incidents with a toll each ("... killed in a mortar attack, and a civilian died in a
    # roadside bomb attack"): the one named apart from the trigger is not its toll. Where it is
    # the sentence's only toll, it is the trigger's incident named again ("gunmen killed 11
    # people in an attack").
    apart = {f.keyword.i for f in facts if f.keyword.i != trigger.i and _own_incident(f.keyword, trigger)}
    apart |= {f.keyword.i for f in facts if _second_toll(f, facts)}
    if any(f.keyword.i not in apart and f.count is not None for f in facts):
        facts = [f for f in facts if f.keyword.i not in apart]
    return Casualties(_combine(facts, "death"), _combine(facts, "injury"))


# Words that make a toll a running total or a tally over time, not one incident's outcome.
_TALLY_WORDS = frozenset({
    "since", "so", "total", "overall", "altogether", "cumulative", "war", "conflict", "insurgency", "year",
    "month", "week", "toll", "tally", "campaign", "far", "past", "recent",
})  # fmt: skip


def outcome_casualties(sent: Span) -> Casualties:
    """Deaths and injured a sentence states with no event of its own: the outcome of the
    incident told just before ("Seven soldiers were killed and 30 wounded."). A running total
    or a tally over time ("the war has killed 3,000 since 2019") is not an outcome: no counts."""
    if any(t.lemma_.lower() in _TALLY_WORDS for t in sent):
        return Casualties(None, None)
    root = sent.root
    facts = [
        f
        for tok in sent
        if tok.lemma_.lower() in _KEYWORDS or tok.lower_ in _KEYWORDS
        for f in _facts_of(tok)
        if not f.toll and not f.fallback and (f.keyword.i == root.i or _belongs(root, f.keyword))
    ]
    facts = [f for f in facts if not _second_toll(f, facts) and not _own_incident(f.keyword, root)]
    return Casualties(_combine(facts, "death"), _combine(facts, "injury"))


def _second_toll(fact: _Fact, facts: list[_Fact]) -> bool:
    """True for a clause coordinated after another toll of the same kind, with victims of its own:
    "three policemen were shot dead in Gaza, and another Palestinian was killed inside Israel" tells
    two incidents, and a sentence's event is its first (bench/LABELLING.md), also where the trigger
    kept for the sentence sits in the second clause; "five were killed and three wounded" tells one."""
    clause = _clause_of(fact.keyword)
    if clause.dep_ != "conj" or _child(clause, "nsubj", "nsubjpass") is None:
        return False
    first = _clause_of(clause.head).i
    return any(
        other.kind == fact.kind and other.count is not None and _clause_of(other.keyword).i == first
        for other in facts
    )


def _combine(facts: list[_Fact], kind: str) -> int | None:
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
