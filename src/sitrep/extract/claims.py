"""Claims: who asserts each sentence of an article.

``attribute_claims(doc)`` gives one tuple of :class:`Claim` per sentence of
``list(doc.sents)``; an empty tuple when the sentence is in the outlet's own voice.

A sentence is attributed directly by a reporting verb with its subject ("the ministry
said", "said the ministry", "X said in a statement", "read the statement", "X claimed
responsibility"), or by "according to X". The attribution is then carried across one
statement:

- every sentence of a quotation that spans sentences (and paragraphs) gets its speaker;
- a trailing attribution ("..., it said.") also covers the unattributed sentences just
  before it in its paragraph;
- an attributed sentence's source goes on to the next unattributed sentences of its
  paragraph, until a sentence opens with background ("In 2020", "Meanwhile").

Sources are named, and anaphora resolved, by ``claim_sources.SourceResolver``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from sitrep.extract.actor_lexicon import ActorLexicon, shared_lexicon
from sitrep.extract.claim_sources import (
    PEOPLE_SOURCES,
    STATEMENT_NOUNS,
    CountryOf,
    SourceResolver,
    country_name,
)
from sitrep.extract.dates import sentence_paragraphs
from sitrep.models import Claim

__all__ = ["CountryOf", "attribute_claims", "country_name"]

_REPORT_VERBS = frozenset({
    "say", "state", "claim", "announce", "report", "clarify", "add", "tell", "accuse", "confirm",
    "deny", "allege", "insist", "note", "explain", "warn", "declare", "stress", "write", "tweet",
    "post", "quote", "acknowledge", "admit", "assert", "reveal", "inform", "disclose", "maintain",
    "argue", "blame", "emphasize", "emphasise", "underline", "condemn", "read", "dismiss", "reject",
    "rebut", "dispute", "counter", "reply", "respond", "describe",
})  # fmt: skip
_CONTENT_DEPS = frozenset({"ccomp", "parataxis", "xcomp"})
_NOBODY = frozenset({"nobody", "none", "noone", "no-one"})
_BACKGROUND_RE = re.compile(
    r"^\W*(?:(?:In|Since|By|During|Until)\s+(?:the\s+)?(?:1[89]|20)\d\d|Meanwhile|Separately|Elsewhere"
    r"|Earlier|Last (?:year|month)|Relations\b|The (?:war|conflict)\b)"
)
# A source that names the incident it speaks of ("confirmed the arrests", "claimed responsibility",
# "said it was behind the attack"): the incident's sentence, told earlier in the outlet's voice,
# is attributed to it too.
_INCIDENT_WORDS = {
    "arrest": ("arrest", "detain", "detention", "round"),
    "detention": ("arrest", "detain", "detention"),
    "abduction": ("abduct", "kidnap", "seize", "abduction", "kidnapping"),
    "kidnapping": ("abduct", "kidnap", "seize", "abduction", "kidnapping"),
    "killing": ("kill", "shoot", "die", "dead", "killing", "murder"),
    "death": ("kill", "shoot", "die", "dead", "death"),
}  # fmt: skip
_VIOLENCE_WORDS = frozenset({
    "attack", "bomb", "bombing", "blast", "explosion", "explode", "kill", "shoot", "shooting", "ambush",
    "strike", "airstrike", "raid", "clash", "fight", "fighting", "abduct", "kidnap", "storm", "shell",
    "shelling", "detonate", "assault", "massacre", "wound", "injure", "fire",
})  # fmt: skip
_GENERIC_INCIDENTS = frozenset({
    "responsibility", "attack", "bombing", "blast", "explosion", "incident", "ambush", "raid",
    "assault", "shooting", "strike", "massacre", "operation",
})  # fmt: skip
_CONFIRM_VERBS = frozenset({"confirm", "claim", "acknowledge", "admit", "accept"})
# Generic source heads that a nearby named source may stand for ("a local rights group" -> the
# Darfur Bar Association, "their lawyer" -> Zimbabwe Lawyers for Human Rights).
_COLLECTIVE = frozenset({
    "group", "organisation", "organization", "association", "body", "agency", "ngo", "monitor",
    "watchdog", "union", "coalition", "council", "committee", "network", "campaign",
})  # fmt: skip
_OPEN_QUOTES = frozenset("“«")
_CLOSE_QUOTES = frozenset("”»")


@dataclass(frozen=True)
class _Attribution:
    claim: Claim
    trailing: bool  # the attribution follows the content ("..., it said.")


def _is_generic(tok: Token) -> bool:
    """A source described, not named: "a local rights group", "their lawyer", "a hospital official"."""
    if tok.pos_ in ("PRON", "PROPN") or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return False
    phrase = tok.doc[tok.left_edge.i : tok.right_edge.i + 1]
    named = any(t.pos_ == "PROPN" or (t.is_title and t.i != t.sent.start) for t in phrase)
    return not named and tok.lemma_.lower() not in PEOPLE_SOURCES


def _subject(verb: Token) -> Token | None:
    found = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if found is not None:
        return found  # a passive subject ("injuries were reported") is what is said, not who says it
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        return next((g for g in agent.children if g.dep_ == "pobj"), None)
    if verb.dep_ == "conj" and verb.head.lemma_.lower() in _REPORT_VERBS:
        return _subject(verb.head)  # "the ministry said ... and added"
    if verb.dep_ == "acl" and verb.lemma_.lower() == "say" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # "with the rebels saying they lost only a handful"
    return None


@dataclass(frozen=True)
class _Found:
    attribution: _Attribution
    source: Token
    verb: Token


def _verb_attribution(verb: Token, resolver: SourceResolver) -> _Found | None:
    lemma = verb.lemma_.lower()
    if verb.pos_ not in ("VERB", "AUX") or lemma not in _REPORT_VERBS:
        return None
    absolute = lemma == "say" and (
        (verb.dep_ == "pcomp" and any(c.dep_ == "nsubj" for c in verb.children))
        or (verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"))
    )  # "with the army saying it killed dozens"
    if verb.dep_ in ("relcl", "acl", "amod", "xcomp", "pcomp", "csubj") and not absolute:
        return None
    passive = verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.children) and lemma != "read"
    if passive and not any(c.dep_ == "agent" for c in verb.children):
        return None  # "no injuries had been reported": no source
    subj = _subject(verb)
    if lemma == "read":  # “...,” read the statement / the statement read
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        subj = obj if obj is not None and obj.lemma_.lower() in STATEMENT_NOUNS else subj
        if subj is None or subj.lemma_.lower() not in STATEMENT_NOUNS:
            return None
    if subj is None or subj.lower_ in _NOBODY or any(c.dep_ == "det" and c.lower_ == "no" for c in subj.children):
        return None
    lo = min(subj.left_edge.i, verb.i)
    hi = max(verb.i, subj.right_edge.i if subj.i > verb.i else verb.i)
    claim = resolver.resolve(subj, verb.doc[lo : hi + 1].text)
    if claim is None:
        return None
    content = [c for c in verb.children if c.dep_ in _CONTENT_DEPS]
    trailing = any(c.i < verb.i for c in content) or (not content and verb.i > verb.sent.start + len(verb.sent) // 2)
    return _Found(_Attribution(claim, trailing), subj, verb)


def _according_to(tok: Token, resolver: SourceResolver) -> _Found | None:
    if tok.lower_ != "according":
        return None
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    obj = next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
    if obj is None:
        return None
    claim = resolver.resolve(obj, tok.doc[tok.i : obj.right_edge.i + 1].text)
    if claim is None:
        return None
    return _Found(_Attribution(claim, trailing=tok.i > tok.sent.start + len(tok.sent) // 2), obj, tok)


def _direct(sent: Span, resolver: SourceResolver) -> list[_Found]:
    found: list[_Found] = []
    for tok in sent:
        attr = _verb_attribution(tok, resolver) or _according_to(tok, resolver)
        if attr is None:
            continue
        # "officials and witnesses said", "police and hospital officials said": every source speaks
        joined = [attr]
        for source in (c for c in attr.source.conjuncts if c.i > attr.source.i):
            claim = resolver.resolve(source, attr.attribution.claim.text or source.text)
            if claim is not None:
                joined.append(_Found(_Attribution(claim, attr.attribution.trailing), source, attr.verb))
        for one in joined:
            if all(a.attribution.claim.name != one.attribution.claim.name for a in found):
                found.append(one)
    for attr in found:
        resolver.remember(attr.attribution.claim, attr.source)
    return found


def _quote_runs(sents: Sequence[Span]) -> list[int | None]:
    """For each sentence, the first sentence of the quotation it continues (None if none)."""
    runs: list[int | None] = []
    open_from: int | None = None
    for i, sent in enumerate(sents):
        runs.append(open_from)
        depth = 1 if open_from is not None else 0
        for ch in sent.text:
            if ch in _OPEN_QUOTES or (ch == '"' and depth == 0):
                depth = 1  # a new paragraph re-opens a running quotation: still one quotation
            elif ch in _CLOSE_QUOTES or ch == '"':
                depth = 0
        if depth and open_from is None:
            open_from = i
        elif not depth:
            open_from = None
    return runs


def _incident_words(verb: Token) -> frozenset[str] | None:
    """The words of the earlier incident a confirmation or claim of responsibility refers to
    ("confirmed the arrests" -> arrest words; "claimed responsibility", "said it was behind the
    attack" -> violence words); None when the statement refers to no earlier incident."""
    lemma = verb.lemma_.lower()
    objs: list[Token] = []
    if lemma in _CONFIRM_VERBS:
        objs = [c for c in verb.children if c.dep_ == "dobj"]
    elif lemma == "say":
        for comp in (c for c in verb.children if c.dep_ == "ccomp"):
            pron = any(c.dep_ == "nsubj" and c.lower_ in ("it", "they", "we") for c in comp.children)
            behind = [g for c in comp.children if c.dep_ == "prep" and c.lower_ == "behind" for g in c.children]
            done = [c for c in comp.children if c.dep_ == "dobj"] if comp.lemma_.lower() in ("carry", "stage") else []
            if pron:
                objs.extend(t for t in behind + done if t.dep_ in ("pobj", "dobj"))
    for obj in objs:
        noun = obj.lemma_.lower()
        if noun == "responsibility":  # "responsibility for the bombing"
            target = next((g for c in obj.children if c.lower_ == "for" for g in c.children if g.dep_ == "pobj"), None)
            noun = target.lemma_.lower() if target is not None else noun
        if noun in _INCIDENT_WORDS:
            return frozenset(_INCIDENT_WORDS[noun])
        definite = any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in obj.children)
        if noun in _GENERIC_INCIDENTS and (definite or obj.lemma_.lower() == "responsibility"):
            return _VIOLENCE_WORDS
    return None


def _incident_sentence(sents: Sequence[Span], before: int, words: frozenset[str]) -> int | None:
    """The first sentence before ``before`` that tells an incident in ``words``, not background."""
    for i in range(before):
        if _BACKGROUND_RE.match(sents[i].text):
            continue
        if any(t.lemma_.lower() in words or t.lower_ in words for t in sents[i]):
            return i
    return None


def _named_for_generic(
    sents: Sequence[Span], direct: Sequence[Sequence[_Found]], i: int, found: _Found
) -> Claim | None:
    """A named source near a generic one that it stands for: within the next two sentences (or the
    one before), a source with a proper name that shares the generic's head or a modifier word
    ("hospital official" ~ "director of Kankan regional hospital"), or any named organisation for
    a collective head ("a local rights group" ~ "The Darfur Bar Association")."""
    tok = found.source
    words = {t.lemma_.lower() for t in tok.doc[tok.left_edge.i : tok.i + 1] if t.pos_ in ("NOUN", "ADJ")}
    words -= {"local", "senior", "regional", "official", "source"}
    head = tok.lemma_.lower()
    for j in (i + 1, i + 2, i - 1, i + 3, i + 4):
        if not 0 <= j < len(sents):
            continue
        for other in direct[j]:
            src = other.source
            if src.pos_ == "PRON" or _is_generic(src):
                continue
            phrase = src.doc[src.left_edge.i : src.right_edge.i + 1]
            lemmas = {t.lemma_.lower() for t in phrase} | {t.lower_ for t in phrase}
            shares = bool(words & lemmas) or any(w.rstrip("s") in lemmas or w + "s" in lemmas for w in words)
            if shares or (head in _COLLECTIVE and src.ent_type_ == "ORG" and abs(j - i) <= 2):
                return other.attribution.claim
    return None


def attribute_claims(
    doc: Doc, *, country_of: CountryOf | None = None, lexicon: ActorLexicon | None = None
) -> list[tuple[Claim, ...]]:
    """Who asserts each sentence: one tuple of claims per sentence, () for the outlet's voice.

    ``lexicon``: the actor tables (countries, organisations), built once; by default the shared one,
    or the one ``country_of`` is bound to when that is ``ActorLexicon.country_of_text``.
    """
    if lexicon is None:
        bound = getattr(country_of, "__self__", None)
        lexicon = bound if isinstance(bound, ActorLexicon) else shared_lexicon()
    country_of = country_of or lexicon.country_of_text
    sents = list(doc.sents)
    resolver = SourceResolver(lexicon.focus_country(doc), country_of, lexicon)
    direct = [_direct(sent, resolver) for sent in sents]
    # a generic source ("a local rights group said") that a named one nearby stands for
    for i, found in enumerate(direct):
        for k, f in enumerate(found):
            if _is_generic(f.source):
                named = _named_for_generic(sents, direct, i, f)
                if named is not None:
                    a = f.attribution
                    found[k] = _Found(
                        _Attribution(Claim(named.name, named.country, a.claim.text), a.trailing), f.source, f.verb
                    )
    claims: list[tuple[Claim, ...]] = [tuple(a.attribution.claim for a in d) for d in direct]
    paragraphs = sentence_paragraphs(sents)

    # a quotation over several sentences: every sentence gets the speaker named in it
    runs = _quote_runs(sents)
    groups: dict[int, list[int]] = {}
    for i, start in enumerate(runs):
        if start is not None:
            groups.setdefault(start, [start]).append(i)
    for members in groups.values():
        speaker = next((claims[k] for k in members if claims[k]), ())
        for k in members:
            claims[k] = claims[k] or speaker

    # "..., it said." covers the unattributed sentences before it in the paragraph
    for j, found in enumerate(direct):
        if found and any(a.attribution.trailing for a in found):
            i = j - 1
            while i >= 0 and not claims[i] and paragraphs[i] == paragraphs[j]:
                claims[i] = tuple(a.attribution.claim for a in found if a.attribution.trailing)
                i -= 1

    # A wire story's lede says in the outlet's voice what the next paragraph attributes
    # ("X launched an operation." / "The ministry said in a statement ..."): an
    # unattributed lede takes the source that opens the second paragraph.
    lede = [i for i in range(len(sents)) if paragraphs[i] == paragraphs[0]]
    if lede and len(lede) < len(sents) and not any(claims[i] for i in lede) and claims[len(lede)]:
        for i in lede:
            claims[i] = claims[len(lede)]

    # a statement goes on in its paragraph until the narrative turns to background
    for i in range(1, len(sents)):
        if claims[i] or not claims[i - 1] or paragraphs[i] != paragraphs[i - 1]:
            continue
        if _BACKGROUND_RE.match(sents[i].text):
            continue
        claims[i] = claims[i - 1]

    # "A police spokesman confirmed the arrests", "al-Shabaab claimed responsibility": the
    # incident told earlier is also reported by that source.
    for j, found in enumerate(direct):
        for f in found:
            words = _incident_words(f.verb)
            target = _incident_sentence(sents, j, words) if words else None
            claim = f.attribution.claim
            if target is not None and all(c.name != claim.name for c in claims[target]):
                claims[target] = (*claims[target], claim)
    return claims
