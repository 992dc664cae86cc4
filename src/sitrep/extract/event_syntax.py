"""Dependency-parse helpers for event detection: trigger matching, roles, negation, modality.

Pure functions over spaCy tokens; :mod:`sitrep.extract.events` combines them with the lexicon.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from sitrep.extract.event_rules import NONSTATE_WORDS, POS_TAGS, UNARMED_SIDES, Condition, TriggerRule

OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "dative", "obj", "iobj"})
NOUN_MOD_DEPS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod"})
NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
# Governors that say an act did not happen: "failed to reach", "refused to resign", "prevented the march".
NEGATING_GOVERNORS = frozenset(
    {
        "fail",
        "refrain",
        "avoid",
        "refuse",
        "decline",
        "cancel",
        "postpone",
        "avert",
        "prevent",
        "forestall",
        "thwart",
        "foil",
        "deny",
        "delay",
    }
)
# Words that make a definite re-mention a new event: a toll of its own, or "the same day, another ...".
NEW_EVENT_CUES = frozenset(
    {"kill", "dead", "death", "fatality", "injury", "injure", "wound", "casualty", "another", "second", "same", "also"}
)
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True)
class Candidate:
    rule: TriggerRule
    token: Token
    tokens: tuple[int, ...]  # every token the trigger covers (multi-word triggers)


# Surface forms the small English model lemmatises wrongly ("raped" -> "rap", "waged" -> "wag",
# "retook" left as it is): the trigger table and the cue sets are written in the right lemmas
_LEMMA_FIXES = {
    "raped": "rape", "raping": "rape", "waged": "wage", "waging": "wage", "retook": "retake",
}  # fmt: skip


def lemma(tok: Token) -> str:
    return _LEMMA_FIXES.get(tok.lower_) or tok.lemma_.lower()


def depth(tok: Token) -> int:
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok, depth = tok.head, depth + 1
    return depth


def _noun_tagged_adj(rule: TriggerRule, tok: Token) -> bool:
    """A noun trigger the tagger took for an adjective in a noun's place ("launched an offensive
    three days ago": ADJ, but the object of "launched", with its own article)."""
    return (
        rule.pos == "N"
        and tok.pos_ == "ADJ"
        and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj")
        and any(c.dep_ == "det" for c in tok.children)
    )


def match(rule: TriggerRule, tok: Token, sent: Span) -> Candidate | None:
    """Does ``rule`` start at ``tok``? Verbs take their other words from their dependents
    ("shot ... down", "took control"), other triggers from the following tokens."""
    if len(rule.lemmas) == 1:
        return Candidate(rule, tok, (tok.i,)) if tok.pos_ in POS_TAGS[rule.pos] or _noun_tagged_adj(rule, tok) else None
    if rule.pos == "V":
        if tok.pos_ not in POS_TAGS["V"]:
            return None
        found = [tok.i]
        pool = list(tok.children) + [g for c in tok.children for g in c.children]
        for word in rule.lemmas[1:]:
            hit = next((t for t in pool if word in (lemma(t), t.lower_) and t.i not in found), None)
            if hit is None:
                return None
            found.append(hit.i)
        return Candidate(rule, tok, tuple(found))
    covered = [tok.i]
    pos = tok.i + 1
    for word in rule.lemmas[1:]:
        while pos < sent.end and sent.doc[pos].text in ("-", "–"):
            pos += 1
        if pos >= sent.end or word not in (lemma(sent.doc[pos]), sent.doc[pos].lower_):
            return None
        covered.append(pos)
        pos += 1
    span = [sent.doc[i] for i in covered]
    head = next((t for t in span if t.head.i not in covered or t.head.i == t.i), span[-1])
    if head.pos_ not in POS_TAGS[rule.pos] and span[-1].pos_ not in POS_TAGS[rule.pos]:
        return None
    return Candidate(rule, head, tuple(covered))


def neighbourhood(tok: Token) -> list[Token]:
    """Tokens one or two dependency steps from ``tok``."""
    near = list(tok.children)
    near.extend(g for c in tok.children for g in c.children)
    if tok.head.i != tok.i:
        near.append(tok.head)
        near.extend(c for c in tok.head.children if c.i != tok.i)
        if tok.head.head.i != tok.head.i:
            near.append(tok.head.head)
    # the words naming the doer: "the bomber squadrons skirted the capital and hit radar sites"
    verb = tok.head if tok.dep_ == "conj" and tok.pos_ == "VERB" else tok
    for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
        near.extend(c for c in subject.children if c.dep_ in ("compound", "amod"))
    return near


def objects(tok: Token) -> list[Token]:
    """Objects of a verb (with prepositions and their objects), or modifiers of a noun."""
    out: list[Token] = []
    if tok.pos_ in ("VERB", "AUX"):
        for c in tok.children:
            if c.dep_ in OBJECT_DEPS:
                out.append(c)
                out.extend(g for g in c.children if g.dep_ in ("compound", "amod", "conj"))
                # "lifted a state of emergency", "suspended part of a programme"
                out.extend(p for g in c.children if g.dep_ == "prep" and g.lower_ == "of" for p in g.children)
            elif c.dep_ in ("prep", "prt", "xcomp"):
                out.append(c)
                out.extend(g for g in c.children if g.dep_ in ("pobj", "dobj", "compound"))
        if tok.dep_ in ("acl", "relcl", "amod") and tok.head.pos_ in ("NOUN", "PROPN"):
            out.append(tok.head)  # "the agreement signed in Doha"
    else:
        for c in tok.children:
            if c.dep_ in NOUN_MOD_DEPS:
                out.append(c)
            elif c.dep_ == "prep":
                out.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def heads(tok: Token) -> list[Token]:
    """The word governing ``tok`` (through a preposition) and its adjectival modifiers."""
    out = [c for c in tok.children if c.dep_ in ("amod", "compound")]
    head = tok.head
    if tok.dep_ == "aux" and head.head.i != head.i:
        out.append(head.head)  # "said that X must ...": the reporting verb
    if head.i != tok.i:
        out.append(head)
        if head.dep_ in ("prep", "agent") or head.pos_ == "ADP":
            out.append(head.head)
        if tok.dep_ in ("nsubj", "nsubjpass"):
            out.extend(c for c in head.children if c.dep_ in ("xcomp", "ccomp"))
        if head.dep_ in ("xcomp",) and head.pos_ in ("VERB", "AUX"):
            out.append(head.head)
    return out


def conditions_hold(cand: Candidate) -> bool:
    return not unmet_conditions(cand, first_only=True)


# prepositions whose named place is not the ground taken: where it happened ("was captured in Las
# Vegas"), or where a thing went ("handed over to the United States")
_NOT_TAKEN = frozenset({"to", "in", "at", "near"})


def _club_wielded(tok: Token) -> bool:
    """A club held as a weapon ("beat them to death with clubs"), no football club."""
    return lemma(tok) == "club" and tok.dep_ == "pobj" and tok.head.lower_ == "with"


def unmet_conditions(cand: Candidate, *, first_only: bool = False) -> list[Condition]:
    """The conditions of ``cand``'s rule that its neighbourhood fails (``first_only``: stop at one)."""
    tok = cand.token
    unmet: list[Condition] = []
    for cond in cand.rule.conditions:
        if cond.key == "obj":
            pool = objects(tok)
        elif cond.key == "head":
            pool = heads(tok)
        elif cond.key == "prt":
            pool = [c for c in tok.children if c.dep_ in ("prt", "advmod", "prep")]
        else:
            pool = neighbourhood(tok)
            if cond.key == "notnear":
                pool = [t for t in pool if not _club_wielded(t)]
        words = {lemma(t) for t in pool if t.i not in cand.tokens} | {t.lower_ for t in pool if t.i not in cand.tokens}
        if any(
            (t.ent_type_ in PLACE_ENTS or (t.pos_ == "PROPN" and _told_as_a_place(t)))
            and not (t.dep_ == "pobj" and t.head.lower_ in _NOT_TAKEN)
            for t in pool
        ):
            # a named place counts as territory ("occupied Karabakh"), not where it happened or
            # where a thing went (_NOT_TAKEN)
            words.add("@place")
        if any(
            t.ent_type_ == "PERSON"
            and t.pos_ == "PROPN"
            and t.dep_ in ("dobj", "nsubjpass")
            and not _told_as_a_place(t)
            for t in pool
        ):
            words.add("@person")  # a named person taken ("Tom Howes was captured by the FARC")
        if any(t.ent_type_ == "NORP" and t.tag_ in ("NNS", "NNPS") and t.dep_ in ("dobj", "nsubjpass") for t in pool):
            words.add("@nationals")  # "captured 11 Iranians", "four Britons were captured"
        hit = bool(words & cond.values)
        if hit == (cond.key == "notnear"):
            unmet.append(cond)
            if first_only:
                break
    return unmet


def anaphoric(tok: Token) -> bool:
    """A definite noun trigger that refers back and adds no toll of its own ("The mine had been
    laid by ...", "The exchange of fire lasted two hours")."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
        return False
    return not any(t.lemma_.lower() in NEW_EVENT_CUES for t in tok.sent)


def stative(tok: Token) -> bool:
    """A participle describing a state: present passive in a relative clause, or a bare
    participle modifying a noun with no agent."""
    if tok.tag_ != "VBN" or any(c.dep_ == "agent" for c in tok.children):
        return False
    if tok.dep_ == "acl":
        return not any(c.dep_ in ("aux", "auxpass") for c in tok.children)
    if tok.dep_ == "relcl":
        return any(c.dep_ == "auxpass" and c.lower_ in ("is", "are") for c in tok.children)
    return False


_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"})


def people_named_by_participle(tok: Token) -> bool:
    """A participle standing for the people it happened to ("The wounded were taken to
    hospital", "medics treated the injured"), not the act itself."""
    return (
        tok.tag_ in ("VBN", "VBD", "JJ")
        and tok.dep_ in _NOMINAL_DEPS
        and any(c.dep_ == "det" and c.lower_ in ("the", "those", "these") for c in tok.children)
    )


def negated(tok: Token) -> bool:
    for node in [tok, *verb_of_noun(tok)]:
        if any(c.dep_ == "neg" or (c.lower_ in NEGATORS and c.dep_ in ("det", "advmod", "neg")) for c in node.children):
            return True
    head = tok.head
    if tok.dep_ in ("pcomp", "pobj") and head.lower_ == "without":
        return True  # "seized the airport without firing a shot", "without a fight"
    # "failed to attack", "refrained from attacking", "prevented the march"
    if tok.dep_ in ("xcomp", "pcomp", "dobj") and lemma(head) in NEGATING_GOVERNORS:
        return True
    return head.dep_ == "prep" and lemma(head.head) in NEGATING_GOVERNORS


def verb_of_noun(tok: Token) -> list[Token]:
    """The verb a noun trigger is the subject or object of ("no attack was reported" has none)."""
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "attr"):
        return [tok.head] if tok.head.lemma_.lower() not in ("say", "report", "tell") else []
    return []


def predicate_chain(tok: Token) -> list[Token]:
    """``tok`` and the verbs it hangs from through conjunction or an open complement."""
    chain = [tok]
    node = tok
    while node.dep_ in ("conj", "xcomp") and node.head.i != node.i and len(chain) < 6:
        if node.dep_ == "xcomp":
            chain.append(node)
            break
        node = node.head
        chain.append(node)
    return chain


def bare_infinitive(tok: Token) -> bool:
    """A "to" infinitive that is not perfect: "to arrest", not "to have been captured" (done)."""
    aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    return "to" in aux and not aux & {"have", "has", "having"}


def clause_ancestors(tok: Token) -> Iterator[Token]:
    """Heads reached through complement clauses or objects: "denied that ... shelled"."""
    node = tok
    for _ in range(6):
        if node.head.i == node.i:
            return
        if node.dep_ not in ("ccomp", "xcomp", "pcomp", "dobj", "pobj", "prep", "conj", "advcl", "nsubj", "nsubjpass"):
            return
        node = node.head
        yield node


def under(tok: Token, lemmas: frozenset[str]) -> bool:
    return any(lemma(a) in lemmas for a in clause_ancestors(tok))


def has_dep_lemma(tok: Token, lemmas: frozenset[str]) -> bool:
    for c in tok.children:
        if lemma(c) in lemmas or c.dep_ == "ccomp" and "that" in lemmas:
            return True
        if c.dep_ in ("dobj", "prep") and any(lemma(g) in lemmas for g in c.children):
            return True
    return False


def near_any(tok: Token, lemmas: frozenset[str]) -> bool:
    return any(lemma(t) in lemmas for t in neighbourhood(tok))


def subject_of(
    verb: Token, *, deps: tuple[str, ...] = ("nsubj", "csubj"), naming_verbs: frozenset[str] = frozenset()
) -> list[Token]:
    """The subject of ``verb``, climbing through xcomp/conj/advcl heads that lack one.

    With ``naming_verbs``, a pronoun subject of a naming clause is skipped: in "Azerbaijan
    has begun what it calls an operation" the doer is Azerbaijan, not "it".
    """
    node = verb
    for _ in range(4):
        subj = [c for c in node.children if c.dep_ in deps]
        naming = node.lemma_.lower() in naming_verbs and node.dep_ in ("ccomp", "relcl", "acl")
        if subj and naming and all(t.pos_ == "PRON" for t in subj):
            node = node.head
            continue
        if subj:
            return subj
        if node.dep_ in ("xcomp", "conj", "advcl") and node.head.i != node.i:
            node = node.head
            continue
        break
    return []


def _reduced_passive(tok: Token) -> bool:
    """ "were killed and three wounded": a participle sharing the passive of the verb it is
    coordinated with, its subject ("three") the people it was done to."""
    return (
        tok.tag_ == "VBN"
        and tok.dep_ == "conj"
        and any(c.dep_ == "auxpass" for c in tok.head.children)
        and not any(c.dep_ in ("aux", "auxpass", "dobj") for c in tok.children)
    )


def agents(tok: Token) -> list[Token]:
    """Who did it: "by" agent, active subject, or the subject of "launch/carry out <noun>"."""
    out = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if tok.pos_ in ("VERB", "AUX"):
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)  # "... and were taken"
        if not passive and not _reduced_passive(tok):
            out.extend(subject_of(tok))
    else:
        out.extend(c for c in tok.children if c.dep_ == "poss")
        out.extend(g for c in tok.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children)
        if tok.dep_ in ("dobj",) and tok.head.pos_ == "VERB":
            out.extend(subject_of(tok.head))
    return out


def doers(tok: Token) -> list[Token]:
    """``agents``, with a relative pronoun replaced by the noun it stands for ("a fire that
    engulfed the house, killing eight": fire), and the noun a trailing participle hangs on when the
    parser left the sentence without a verb ("A fire that engulfed the house on Monday, killing
    eight": "killing" modifies "fire")."""
    out = []
    if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ == "NOUN" and tok.head.dep_ == "ROOT":
        out.append(tok.head)
    for agent in agents(tok):
        if agent.lower_ in ("that", "which", "who") and agent.head.dep_ == "relcl":
            agent = agent.head.head
        out.append(agent)
    return out


def patients(tok: Token) -> list[Token]:
    """Who it was done to: object, passive subject, "on/against" object."""
    out: list[Token] = []
    reduced = _reduced_passive(tok)
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass", "obj") or (reduced and c.dep_ == "nsubj"):
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ in ("on", "against", "at", "of", "upon"):
            out.extend(g for g in c.children if g.dep_ == "pobj")
    return out


# Verbs of harm that, done by someone to himself alone, tell a suicide ("Hitler shot himself").
_SELF_HARM_VERBS = frozenset({"shoot", "kill", "hang", "stab"})
REFLEXIVES = frozenset({"himself", "herself", "themselves", "itself"})


def self_inflicted(tok: Token) -> bool:
    """Whether ``tok`` is a shooting, stabbing or killing whose only victim is its doer ("the
    gunman shot himself in the head", "then killed himself"): a suicide, no event of its own.
    A bomber's "blew himself up" is another verb, and "killed himself and a police officer" has
    another victim."""
    if lemma(tok) not in _SELF_HARM_VERBS or tok.pos_ != "VERB":
        return False
    victims = [t for p in patients(tok) for t in (p, *(c for c in p.children if c.dep_ == "conj"))]
    return bool(victims) and all(v.lower_ in REFLEXIVES for v in victims)


def captures_a_person(tok: Token) -> bool:
    """The thing a capture verb takes is a named person or a personal pronoun ("Omar Haddad
    was captured in Yemen", "troops captured him near the border"), so no ground was taken."""
    theme = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    return bool(theme) and all(
        (t.ent_type_ == "PERSON" and not _told_as_a_place(t)) or t.lower_ in PERSONAL_PRONOUNS for t in theme
    )


# Words that locate a name or call it a place ("Samashki, 35 kilometers west of Grozny", "Kassab, a
# town north of Latakia"): a place the tagger took for a person or an organisation.
_LOCATING = frozenset({"kilometer", "kilometre", "km", "mile", "north", "south", "east", "west", "northeast",
                       "northwest", "southeast", "southwest", "outskirt", "town", "city", "village"})  # fmt: skip


def _told_as_a_place(name: Token) -> bool:
    return any(lemma(c) in _LOCATING for c in name.children if c.dep_ in ("appos", "amod", "advmod", "npadvmod"))


PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her", "they", "them"})


def captures_nationals_or_officials(tok: Token) -> bool:
    """The people a capture verb takes are named by nationality only ("four Britons were captured")
    or by their office ("the spy chief was captured", "two company officials were captured")."""
    theme = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    return bool(theme) and all(t.ent_type_ == "NORP" or t.lemma_.lower() in OFFICE_HOLDERS for t in theme)


def civilian_captives(tok: Token) -> bool:
    """The people a capture verb takes are told as civilians at work or as hostages, in their own
    phrase or with those taken beside them ("X was captured with two Afghans, a translator and a
    driver", "captured Christo Johnson, a local reporter"): kidnapped, not arrested."""
    theme = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    beside = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("with", "along") for g in c.subtree]
    words = {t.lemma_.lower() for th in theme for t in th.subtree} | {t.lemma_.lower() for t in beside}
    return bool(words & CIVILIAN_ROLES)


# civilians at work abroad or in a war zone, and hostages: "captured" by no named side, kidnapped
CIVILIAN_ROLES = frozenset(
    """journalist reporter photographer correspondent cameraman engineer contractor missionary priest
    nun tourist translator interpreter hostage volunteer""".split()  # noqa: SIM905
)
# people named by their office: taken by no named side, most often wanted men arrested
OFFICE_HOLDERS = frozenset(
    """governor commander official leader chief mayor minister politician diplomat businessman""".split()  # noqa: SIM905
)


# verbs that take a person into custody: with a would-be bomber as the one taken, a disrupted attack
SEIZE_VERBS = frozenset({"capture", "seize", "arrest", "detain", "apprehend", "catch", "nab", "stop", "intercept"})
# killing by hand, a crowd's way: with plain people as the doers, mob violence
MELEE_VERBS = frozenset({"beat", "club", "stone", "lynch", "hack", "bludgeon", "batter", "machete"})
PLAIN_CROWDS = frozenset(
    {"people", "passenger", "vendor", "settler", "man", "men", "worker", "student", "trader", "local"}
)


def unarmed_doers(tok: Token, *, through: tuple[str, ...] = ("conj",), phrase: bool = False) -> set[str]:
    """The lemmas of who did ``tok``, also the subject of the verb it hangs on by a ``through``
    relation ("captured a fighter and clubbed him"), leaving out doers said to be armed ("men armed
    with machetes"); ``phrase``: each doer's noun phrase ("hundreds of youths": youth too)."""
    doers = (*agents(tok), *(agents(tok.head) if tok.dep_ in through else ()))
    unarmed = [a for a in doers if not any(t.lower_ == "armed" for t in a.subtree)]
    return {w for a in unarmed for w in noun_phrase_lemmas(a)} if phrase else {lemma(a) for a in unarmed}


def clash_sides(tok: Token) -> list[Token]:
    """The sides of a clash: its subject, "with" object, "between" objects, and their conjuncts."""
    heads = list(agents(tok))
    heads += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("with", "between") for g in c.children]
    return [*heads, *(c for h in heads for c in h.conjuncts)]


def riot_clash(tok: Token, armed: frozenset[str]) -> bool:
    """A clash between unarmed civilians and the police ("government opponents clashed with police")."""
    sides = {lemma(a) for a in clash_sides(tok)}
    police = {"police", "policeman"}
    return bool(sides & police) and bool(sides & UNARMED_SIDES) and not sides & (armed - police)


def civilian_clash(tok: Token, armed: frozenset[str]) -> bool:
    """A clash whose every named side is a civilian group ("supporters clashed with activists",
    "clashes between rival gangs", "Muslims and Christians clashed"): a riot, not a battle."""
    sides = clash_sides(tok)
    if not sides:
        return False
    for side in sides:
        words = {lemma(side), *(lemma(c) for c in side.subtree if c.i != side.i)}
        if words & (armed | NONSTATE_WORDS | {"armed", "gun", "bandit"}) or side.ent_type_ == "ORG":
            return False  # "Islamist rebel groups", "the ISIL group", "members of Hezbollah"
        if lemma(side) not in UNARMED_SIDES and not (side.ent_type_ == "NORP" and side.pos_ != "ADJ"):
            return False
    return True


def civic_defender(tok: Token) -> bool:
    """A defender who is no footballer: "human rights defenders", "the public defender's office"."""
    if lemma(tok) != "defender":
        return False
    words = {lemma(c) for c in tok.children} | ({lemma(tok.head)} if tok.dep_ == "compound" else set())
    return bool(words & {"right", "rights", "human", "public", "environmental", "land", "office"})


def noun_phrase_lemmas(tok: Token, *, appositive: bool = True) -> set[str]:
    """The lemmas of ``tok``'s noun phrase core: itself, its compounds and modifiers, an "of"
    object and an appositive ("police chief", "dozens of police officers", "Pavon, a police chief")."""
    words = {lemma(tok)}
    for child in tok.children:
        if child.dep_ in ("compound", "amod", "nmod", "poss"):
            words.add(lemma(child))
            # "police lieutenant colonel": a compound's own compounds name the same person
            words.update(lemma(g) for g in child.children if g.dep_ == "compound")
        elif child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    words |= noun_phrase_lemmas(obj, appositive=False)
        elif child.dep_ == "appos" and appositive:
            words |= noun_phrase_lemmas(child, appositive=False)
    return words


# What is told of a captive never seen again: the guide's (and ACLED's) forced disappearance,
# whoever took him, state forces included.
_DISAPPEARED = (
    "never heard from again", "never seen again", "never been seen again", "never been heard from again",
    "forcibly disappeared", "forced disappearance", "enforced disappearance", "whereabouts remain unknown",
    "whereabouts are unknown", "whereabouts are still unknown", "to an unknown location",
)  # fmt: skip


def told_disappeared(sent: Span) -> bool:
    """Whether the sentence tells its captives disappeared ("captured him ..., and he was never
    heard from again", "taken to an unknown location")."""
    text = sent.text.lower()
    return any(phrase in text for phrase in _DISAPPEARED)
