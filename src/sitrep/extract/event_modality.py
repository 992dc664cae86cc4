"""Whether an event word tells something that happened (event_modality).

A trigger word is an event only when the text asserts it happened: not when it is denied
("denied carrying out the attack"), commemorated ("marked the anniversary of the massacre"),
the content of a demand or agreement ("urged the rebels to withdraw"), unrealised (a modal,
a condition, an intent or a purpose: "could attack", "if attacked", "plans an offensive",
"launched an operation to drive out"), or said to be an accident. ``Modality`` holds the
word lists these tests need, read once from the event lexicon.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from sitrep.extract.event_filters import future_dated
from sitrep.extract.event_rules import CONTENT_TAKING, MODALS, OBLIGATION_MODALS, SPECULATIVE, EventLexicon
from sitrep.extract.event_syntax import (
    OBJECT_DEPS,
    bare_infinitive,
    clause_ancestors,
    lemma,
    neighbourhood,
    predicate_chain,
)

ACCIDENT = frozenset({"accident", "accidental", "accidentally", "unintentionally", "inadvertently"})
# adjectives that put an event noun in the future: "an upcoming prisoner swap", "an imminent attack"
NOT_YET = frozenset(
    {"upcoming", "planned", "proposed", "future", "impending", "imminent", "forthcoming", "prospective"}
)


@dataclass(frozen=True)
class Modality:
    """The event lexicon's words for denial, commemoration, intent and content-taking verbs."""

    denial: frozenset[str]
    commemoration: frozenset[str]
    intent: frozenset[str]
    noun_intent: frozenset[str]
    content_verbs: frozenset[str]  # verbs whose object clause is a demand or an agreement, not a fact

    @classmethod
    def from_lexicon(cls, lexicon: EventLexicon) -> Modality:
        cue = lexicon.cue
        content_verbs = frozenset(
            rule.lemmas[0]
            for rules in lexicon.rules.values()
            for rule in rules
            if len(rule.lemmas) == 1
            and rule.pos == "V"
            and rule.plover in CONTENT_TAKING
            and rule.sub in (None, "Agreement")
            and not rule.is_specific
        )
        return cls(cue("denial"), cue("commemoration"), cue("intent"), cue("nounintent"), content_verbs)

    def denied(self, tok: Token) -> bool:
        """Is ``tok`` in what a denial denies ("denied that its troops shelled the village")? A clause
        joined to the denial itself is asserted, not denied: "the army denied firing shots but said
        it had a firefight with gunmen"."""
        below = tok
        for node in clause_ancestors(tok):
            if lemma(node) in self.denial and not self._beside_denial(below, node):
                return True
            below = node
        return False

    def _beside_denial(self, below: Token, head: Token) -> bool:
        """``below`` is a clause joined to the denial ``head`` itself ("denied X but said Y")."""
        return below.dep_ == "conj" and lemma(head) in self.denial

    def commemorated(self, tok: Token) -> bool:
        if any(lemma(a) in self.commemoration for a in tok.ancestors):
            return True
        return any(lemma(c) in self.commemoration for c in neighbourhood(tok))

    def irrealis(self, tok: Token) -> str | None:
        """Why ``tok`` is not (yet) a fact: modal, conditional, intent, purpose; None if it is."""
        for node in predicate_chain(tok):
            modals = {c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")} & MODALS
            if modals & OBLIGATION_MODALS and lemma(tok) != "must":
                return "obligation"
            if modals:
                if any(
                    c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "unless" for g in c.children)
                    for c in node.children
                ):
                    return "conditional-threat"
                return "modal"
        for node in [tok, *tok.ancestors]:
            if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in node.children):
                return "hypothetical"
            if node.dep_ == "xcomp" and lemma(node.head) in self.intent:
                return "intent"
            if node.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
                return "purpose"  # purpose clause: "launched an operation to drive out ..."
            if node.dep_ in ("acl", "relcl") and node.head.pos_ == "NOUN" and bare_infinitive(node):
                return "purpose"  # "a pretext to arrest its supporters", "orders to detain them": not done
            if node.dep_ == "pcomp" and node.head.lower_ in ("for", "of") and lemma(node.head.head) in self.noun_intent:
                return "intent"
            if node.dep_ == "pcomp" and node.head.lower_ == "at" and lemma(node.head.head) in self.intent:
                return "intent"  # "a campaign aimed at recapturing Raqqa"
        if tok.pos_ in ("NOUN", "PROPN"):
            head = tok.head
            if future_dated(tok):
                return "intent"  # "called further demonstrations for next week"
            if any(c.dep_ == "amod" and c.lower_ in NOT_YET for c in tok.children):
                return "intent"  # "slated for release in an upcoming prisoner swap"
            if lemma(head) in self.noun_intent and tok.dep_ in ("compound", "nsubj"):
                return "intent"
            if head.dep_ == "prep" and head.lower_ in ("of", "for") and lemma(head.head) in self.noun_intent:
                return "intent"
            if tok.dep_ in OBJECT_DEPS and lemma(head) in self.intent:
                return "intent"  # "threatened a general strike", "plans an offensive"
            if tok.dep_ == "nsubj" and any(c.dep_ == "aux" and c.lower_ in SPECULATIVE for c in head.children):
                return "hypothetical"  # "an assault on the city could drive out ...": speculation
            if tok.dep_ in OBJECT_DEPS | {"nsubj", "nsubjpass"} and head.pos_ in ("VERB", "AUX"):
                return "modal" if self._irrealis_verb(head) else None
        return None

    def content(self, tok: Token) -> bool:
        """Is ``tok`` the content of a demand, agreement, rejection or threat ("urged Y to withdraw")?"""
        node = tok
        for _ in range(4):
            if (
                node.dep_ not in ("xcomp", "ccomp", "dobj", "pobj", "prep", "conj", "acl", "pcomp")
                or node.head.i == node.i
            ):
                return False
            below, node = node, node.head
            if self._beside_denial(below, node):
                return False  # "denied firing shots but said it had a firefight": asserted
            if lemma(node) in self.content_verbs and node.pos_ in ("VERB", "AUX"):
                return True
        return False

    def _irrealis_verb(self, verb: Token) -> bool:
        for node in predicate_chain(verb):
            if any(c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS for c in node.children):
                return True
            if node.dep_ == "xcomp" and lemma(node.head) in self.intent:
                return True
        return False


def accidental(tok: Token) -> bool:
    """Whether the trigger's own phrase calls it an accident ("detonated a bomb by accident", "shot
    in a friendly fire incident"); an accident told in another clause ("while another soldier died
    in an accident") does not count. A participle telling the outcome ("..., killing three") belongs
    to the phrase it follows."""
    node = tok
    while node.dep_ in ("advcl", "acl", "xcomp") and node.tag_ == "VBG" and node.head.i != node.i:
        node = node.head
    if any(lemma(t) in ACCIDENT or _friendly_fire(t) for t in node.subtree):
        return True
    by = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if any(_own_side(d) for d in (*(c for c in tok.children if c.dep_ == "nsubj"), *by)):
        return True  # "his own troops shot him", "shot by his own men": friendly fire, in other words
    # told inside "a friendly fire incident that left six dead when troops returned fire"
    return any(a.pos_ == "NOUN" and any(_friendly_fire(c) for c in a.children) for a in tok.ancestors)


def _own_side(doer: Token) -> bool:
    """Troops of the victim's own side as the doers: "his own troops", "their own comrades"."""
    owned = any(c.dep_ == "poss" for c in doer.children)
    return owned and any(lemma(c) == "own" for c in doer.children) and lemma(doer) in _OWN_FORCES


_OWN_FORCES = frozenset({"troop", "soldier", "man", "men", "force", "comrade", "unit"})


def _friendly_fire(tok: Token) -> bool:
    """ "friendly fire", also as parsed in "a friendly fire incident" ("friendly" on "incident")."""
    fires = ("fire", "fires")
    if tok.lower_ != "friendly":
        return False
    return tok.head.lower_ in fires or (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in fires)


def before_1950(tok: Token) -> bool:
    """Whether the event word's own clause dates it to a year before 1950 ("was shot on Aug. 18,
    1936", "captured in 1945"): long-past wars are background, never events. A year told
    elsewhere in the sentence ("marked the 1948 Nakba with protests") does not count, except on
    the verb the event's clause is joined to ("was captured in 1940 and tortured") or on the
    sentence's main verb when the event's clause tells no date of its own ("was captured in 1940
    ..., but escaped with the help of partisans who attacked the prison"). A participle telling
    the outcome ("..., killing 40") is dated by the clause it follows."""
    while tok.dep_ in ("advcl", "acl", "xcomp") and tok.tag_ == "VBG" and tok.head.i != tok.i:
        tok = tok.head
    clause = tok
    while clause.dep_ not in ("ROOT", "ccomp", "advcl", "relcl", "conj", "parataxis") and clause.head.i != clause.i:
        clause = clause.head
    if _dated_before_1950(clause, (clause.i, tok.i)):
        return True
    if any(t.ent_type_ == "DATE" for t in clause.subtree):
        return False  # "founded in 1920, and rebels attacked it on Monday": the clause's own time
    joined = clause.head if clause.dep_ == "conj" and clause.head.pos_ in ("VERB", "AUX") else None
    if joined is not None and _dated_before_1950(joined, (joined.i,), own_only=True):
        return True
    root = tok.sent.root
    return root.i != clause.i and _dated_before_1950(root, (root.i,), own_only=True)


def _dated_before_1950(clause: Token, verbs: tuple[int, ...], *, own_only: bool = False) -> bool:
    """Whether a year before 1950 dates one of ``verbs`` within ``clause`` (with ``own_only``,
    only the clause's own date phrases, not those of the clauses under it)."""
    tokens = (
        clause.subtree
        if not own_only
        else (t for c in clause.children if c.dep_ in ("prep", "npadvmod", "tmod") for t in c.subtree)
    )
    for t in tokens:
        if not (t.like_num and len(t.text) == 4 and t.text.isdigit() and 1000 <= int(t.text) < 1950):
            continue
        # the year must date the clause ("in 1941", "on Aug. 18, 1936" hung on the verb), not name
        # a thing it mentions ("the 1948 Nakba", "the 1943 memorial")
        dated = t.head if t.dep_ == "nummod" and t.head.ent_type_ == "DATE" and t.ent_type_ == "DATE" else t
        if dated.dep_ == "pobj" and dated.head.dep_ == "prep" and dated.head.head.i in verbs:
            return True  # not a clause within ("the town, which was founded in 1920")
        if dated.dep_ in ("npadvmod", "tmod") and dated.head.i in verbs:
            return True  # a date with no preposition: "were captured Dec. 26, 1944"
    return False
