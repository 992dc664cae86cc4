"""Choose where an event happened among the places of its article.

Order of evidence: a place governed by a locative preposition attached to the event word
("killed in Nablus", "clashes near Aghdam"), then a place linked to the event word in the
same sentence, then the place of the previous sentences of the paragraph, then the
article's focus. The dateline is where the story was filed, never the event location.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from sitrep.extract.types import Dateline, EventMention, GazEntry, ResolvedPlace
from sitrep.models import Location

_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "around", "on", "across", "into", "within",
                       "throughout", "along", "over", "off", "towards", "toward", "to", "from", "through",
                       "between", "by", "beyond", "of"})
_NEAR = frozenset({"near", "outside", "around", "off", "towards", "toward", "beyond", "nearby", "close",
                   "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                   "northern", "southern", "eastern", "western", "outskirts", "suburb", "suburbs", "district",
                   "countryside", "area", "province", "region", "vicinity", "edge", "km", "kilometers",
                   "kilometres", "miles"})
_SPECIFICITY = {"city": 4, "other": 4, "admin2": 3, "region": 2, "admin1": 2, "country": 1}
_UNRESOLVED_SPECIFICITY = 4  # local names the gazetteer lacks are mostly neighbourhoods and villages
_AREA_AFTER = frozenset({"district", "area", "province", "region", "countryside"})
_MAX_HOPS = 8
_CONTINUATION = frozenset({"same", "another", "also", "again", "further", "second", "third", "similar"})
_BORDER_NOUNS = frozenset({"border", "frontier", "boundary"})
_CLIMB_DEPS = frozenset({"xcomp", "conj", "advcl", "acl", "relcl", "amod", "dobj", "nsubj", "nsubjpass", "pobj",
                         "oprd", "prep"})
_SPEECH_VERBS = frozenset({"say", "tell", "report", "announce", "claim", "state", "add", "confirm", "deny",
                           "accuse", "allege", "write", "quote", "cite", "note", "warn"})
_ACTOR_NOUNS = frozenset({
    "soldier", "troop", "force", "army", "military", "official", "government", "authority", "police",
    "policeman", "officer", "peacekeeper", "group", "rebel", "militant", "fighter", "leader", "minister",
    "ministry", "president", "embassy", "ambassador", "envoy", "diplomat", "citizen", "national", "man",
    "woman", "people", "resident", "spokesman", "spokeswoman", "agency", "media", "newspaper", "navy",
    "air", "jet", "warplane", "aircraft", "plane", "helicopter", "drone", "guard", "commander", "general",
    "administration", "parliament", "court", "company", "firm", "team", "delegation", "counterpart",
})
_MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "nummod"})
_PREP_LINK = 2.5
_PREVIOUS_SENTENCES = 3

__all__ = ["choose_location"]


def _lemma(token: Token) -> str:
    """The lemma, or the lower-cased word where the pipeline has no lemmatizer."""
    return (token.lemma_ or token.lower_).lower()


def _place_root(doc: Doc, place: ResolvedPlace) -> Token | None:
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _path_to(token: Token, target: Token) -> list[Token] | None:
    """Tokens from ``token`` up the dependency tree to ``target`` (exclusive), or None."""
    path: list[Token] = []
    current = token
    for _ in range(_MAX_HOPS + 1):
        if current == target:
            return path
        if current.head == current:
            return None
        path.append(current)
        current = current.head
    return None


def _event_anchors(trigger: Token) -> list[Token]:
    """The event word and the words it leans on ("was found murdered": found; "the attack on": attack)."""
    anchors = [trigger]
    head = trigger
    for _ in range(3):
        if head.head == head or head.dep_ not in _CLIMB_DEPS or _lemma(head.head) in _SPEECH_VERBS:
            break  # where officials spoke is not where the event was
        head = head.head
        anchors.append(head)
    return anchors


def _link_score(root: Token, trigger: Token) -> float:
    """How strongly a place token is tied to the event word: 3 prepositional, 2 linked, 0 none."""
    best = 0.0
    for rank, anchor in enumerate(_event_anchors(trigger)):
        path = _path_to(root, anchor)
        if path is None:
            continue
        preps = [t for t in path if t.dep_ == "prep" and t.lower_ in _LOCATIVE]
        score = 3.0 if preps else 2.0
        score -= 0.1 * len(path) + 0.4 * rank
        best = max(best, score)
    return best


def _near(doc: Doc, root: Token, sentence: Span) -> bool:
    """"near X", "north of X", "the outskirts of X", "X district"."""
    window = doc[max(sentence.start, root.i - 4): root.i]
    after = doc[root.i + 1: min(sentence.end, root.i + 2)]
    return any(t.lower_ in _NEAR for t in window) or any(t.lower_ in _AREA_AFTER for t in after)


def _precision(entry: GazEntry | None, near: bool) -> int:
    if entry is None or entry.feature in {"country", "admin1", "region"}:
        return 3
    if near or entry.feature == "admin2":
        return 2
    return 1


def _location(place: ResolvedPlace, precision: int) -> Location:
    entry = place.entry
    admin1 = admin2 = None
    if entry is not None:
        admin1 = entry.name if entry.feature == "admin1" else entry.admin1
        admin2 = entry.name if entry.feature == "admin2" else entry.admin2
    return Location(
        name=entry.name if entry else place.text, geonameid=entry.geonameid if entry else None,
        lat=entry.lat if entry else None, lon=entry.lon if entry else None,
        country=entry.country if entry else None, admin1=admin1, admin2=admin2,
        precision=precision, text=place.text, start=place.start, end=place.end,
    )


def _specificity(place: ResolvedPlace) -> int:
    return _SPECIFICITY.get(place.entry.feature, 4) if place.entry else _UNRESOLVED_SPECIFICITY


def _in(span: Span, place: ResolvedPlace) -> bool:
    return span.start_char <= place.start < span.end_char


def _paragraph_break(prev: Span, following: Span) -> bool:
    """A blank line or line break between two sentences (spaCy keeps it inside the first)."""
    between = prev.doc.text[prev.start_char: following.start_char]
    return "\n" in between[len(between.rstrip()):]


def _eligible(doc: Doc, place: ResolvedPlace) -> bool:
    """False for places that name whose rather than where, or a landmark ("border with X")."""
    root = _place_root(doc, place)
    if root is None:
        return False
    if root.dep_ in _MODIFIER_DEPS and _lemma(root.head) in _ACTOR_NOUNS:
        return False  # "a US soldier", "Iraq's army"
    return not (root.dep_ == "pobj" and _lemma(root.head.head) in _BORDER_NOUNS)


def _fallback(sentences: Sequence[Span], index: int, places: Sequence[ResolvedPlace]) -> ResolvedPlace | None:
    """The most specific place of the previous sentences of the paragraph, else the article's focus.

    A paragraph break ends the search unless the sentence says it goes on with the story
    ("The same day, another mine ..."), when the previous paragraph's last sentence counts.
    """
    continues = any(t.lower_ in _CONTINUATION for t in sentences[index])
    for back in range(1, _PREVIOUS_SENTENCES + 1):
        if index - back < 0:
            break
        prev = sentences[index - back]
        if _paragraph_break(prev, sentences[index - back + 1]) and not (continues and back == 1):
            break  # earlier paragraphs are about something else
        here = [p for p in places if _in(prev, p) and p.entry is not None and _eligible(prev.doc, p)]
        if here:
            return max(here, key=lambda p: (_specificity(p), p.score, p.start))
    resolved = [p for p in places if p.entry is not None]
    if not resolved:
        return None
    counts = Counter(p.entry.country for p in resolved if p.entry and p.entry.country)
    if not counts:
        return None
    focus, _ = counts.most_common(1)[0]
    in_focus = [p for p in resolved if p.entry and p.entry.country == focus]
    # The lead paragraph names the story's scene ("fighting near the town of Kawkareik"); later
    # events without a place of their own are mostly there, else somewhere in the focus country.
    lead_end = _lead_end(sentences)
    lead = [p for p in in_focus if p.start < lead_end and _eligible(sentences[0].doc, p)]
    if lead:
        return max(lead, key=lambda p: (_specificity(p), -p.start))
    return min(in_focus, key=lambda p: (p.entry is None or p.entry.feature != "country", p.start))


def _lead_end(sentences: Sequence[Span]) -> int:
    """Where the first paragraph ends (char offset)."""
    for prev, following in zip(sentences, sentences[1:], strict=False):
        if _paragraph_break(prev, following):
            return following.start_char
    return sentences[-1].end_char if sentences else 0


def choose_location(doc: Doc, mention: EventMention, places: list[ResolvedPlace],
                    dateline: Dateline | None, *, use_context: bool = True) -> Location | None:
    """The location of ``mention``: a place of its sentence tied to the event word, else context.

    ``use_context=False`` stops at the sentence (no previous sentences, no article focus).
    """
    cut = dateline.span_end if dateline is not None else -1
    usable = [p for p in places if not p.is_dateline and p.start >= cut]
    sentences = list(doc.sents)
    if not 0 <= mention.sent_index < len(sentences):
        return None
    sentence = sentences[mention.sent_index]
    trigger = doc[mention.trigger]
    scored: list[tuple[float, ResolvedPlace, Token]] = []
    for place in usable:
        if not _in(sentence, place):
            continue
        root = _place_root(doc, place)
        if root is None or not _eligible(doc, place):
            continue
        link = _link_score(root, trigger)
        if link <= 0:
            continue
        if place.entry is not None and place.entry.feature == "country" and link < _PREP_LINK:
            continue  # a country loosely tied to the event is background more often than the scene
        # A resolved name beats an unknown one at equal standing ("the Ukrainian city of Dnipro").
        # Last, the better-known place of a pair ("the Ahmadbayli-Fuzuli-Shusha road": Fuzuli).
        known = 0.02 * math.log10(place.entry.population + 1) if place.entry else 0.0
        scored.append((link + 0.25 * _specificity(place) + 0.1 * (place.entry is not None) + known, place, root))
    if scored:
        _, place, root = max(scored, key=lambda s: (s[0], -s[1].start))
        return _location(place, _precision(place.entry, _near(doc, root, sentence)))
    if not use_context:
        return None
    # The sentence's own places were judged (modifiers, background) above: context comes from elsewhere.
    elsewhere = [p for p in usable if not _in(sentence, p)]
    fallback = _fallback(sentences, mention.sent_index, elsewhere)
    if fallback is None:
        return None
    return _location(fallback, max(2, _precision(fallback.entry, False)))
