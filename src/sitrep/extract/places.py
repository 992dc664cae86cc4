"""Choose where an event happened among the places of its article.

Order of evidence: the place of the event's own sentence that the scene model
(``sitrep.geo.scene``) scores highest, when it clears the model's bar ("killed in Nablus",
"clashes near Aghdam"; not "Iraq's army" nor "officials in Baku said"), then the place of
the previous sentences of the paragraph, then the article's focus. The dateline is where the
story was filed, never the event location.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Span, Token

from sitrep.extract.types import Dateline, EventMention, GazEntry, ResolvedPlace
from sitrep.geo import scene
from sitrep.geo.names import name_key
from sitrep.models import Location

_NEAR = frozenset({"near", "outside", "around", "off", "towards", "toward", "beyond", "nearby", "close",
                   "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                   "northern", "southern", "eastern", "western", "outskirts", "suburb", "suburbs", "district",
                   "countryside", "area", "province", "region", "vicinity", "edge", "km", "kilometers",
                   "kilometres", "miles"})
_SPECIFICITY = {"city": 4, "other": 4, "admin2": 3, "region": 2, "admin1": 2, "country": 1}
_UNRESOLVED_SPECIFICITY = 4  # local names the gazetteer lacks are mostly neighbourhoods and villages
_AREA_AFTER = frozenset({"district", "area", "province", "region", "countryside"})
_CONTINUATION = frozenset({"same", "another", "also", "again", "further", "second", "third", "similar"})
_BORDER_NOUNS = frozenset({"border", "frontier", "boundary"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "nummod"})
_PREVIOUS_SENTENCES = 3
# How far below the sentence-level bar a linked town may score and still beat the context.
_CONTEXT_SLACK = 1.5
# The scene tagger's probability at which a word no one reported is proposed as the scene, and
# at which the words beside it join the name. Five-fold held out (fit_scene_weights.py), words
# at 0.7 and more, with a capital and not a demonym, were right 25 times and wrong 5 times
# where the sentence had otherwise no scene.
_PROPOSE_AT = 0.7
_EXTEND_AT = 0.5
_WORD = re.compile(r"\S+")
_WIDE = frozenset({"country", "admin1", "region"})

__all__ = ["PlaceTagger", "choose_location", "eligible", "scene_candidates", "tag_scores", "usable_places"]

# A token tagger's reading of a sentence (``geo.scene_tagger.SceneTagger``): (sentence text,
# the event word's character span, character spans: the candidates', then words no place
# covers) -> one probability each.
PlaceTagger = Callable[[str, tuple[int, int], Sequence[tuple[int, int]]], Sequence[float]]


def _lemma(token: Token) -> str:
    """The lemma, or the lower-cased word where the pipeline has no lemmatizer."""
    return (token.lemma_ or token.lower_).lower()


def _place_root(doc: Doc, place: ResolvedPlace) -> Token | None:
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


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
    # joined from the tokens between: Doc.text is rebuilt from every token on each access
    between = "".join(t.text_with_ws for t in prev.doc[prev.start : following.start])
    return "\n" in between[len(between.rstrip()):]


def eligible(doc: Doc, place: ResolvedPlace) -> bool:
    """False for places that name whose rather than where, or a landmark ("border with X")."""
    root = _place_root(doc, place)
    if root is None:
        return False
    if root.dep_ in _MODIFIER_DEPS and _lemma(root.head) in scene.STATE_ACTOR_NOUNS:
        return False  # "a US soldier", "Iraq's army"
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.ent_type_ == "PERSON":
        return False  # "Master Sgt John Dunbar of Austin, Texas, died": where someone is from
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
        here = [p for p in places if _in(prev, p) and p.entry is not None and eligible(prev.doc, p)]
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
    lead = [p for p in in_focus if p.start < lead_end and eligible(sentences[0].doc, p)]
    if lead:
        return max(lead, key=lambda p: (_specificity(p), -p.start))
    return min(in_focus, key=lambda p: (p.entry is None or p.entry.feature != "country", p.start))


def _lead_end(sentences: Sequence[Span]) -> int:
    """Where the first paragraph ends (char offset)."""
    for prev, following in zip(sentences, sentences[1:], strict=False):
        if _paragraph_break(prev, following):
            return following.start_char
    return sentences[-1].end_char if sentences else 0


def scene_candidates(doc: Doc, sentence: Span,
                     usable: Sequence[ResolvedPlace]) -> list[tuple[scene.SceneCandidate, ResolvedPlace]]:
    """The candidate scenes of ``sentence``: its usable places, then proper names the geoparser
    left out (local names the gazetteer lacks), reported unresolved."""
    cands: list[tuple[scene.SceneCandidate, ResolvedPlace]] = []
    taken: set[int] = set()
    for place in usable:
        if not _in(sentence, place):
            continue
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        taken.update(range(span.start, span.end))
        kind = place.entry.feature if place.entry else "unres"
        cands.append((scene.SceneCandidate(span.root, kind), place))
    for span in scene.extra_names(sentence, taken):
        extra = ResolvedPlace(start=span.start_char, end=span.end_char, text=span.text, entry=None, score=0.1)
        cands.append((scene.SceneCandidate(span.root, "unres", extra=True), extra))
    return cands


def usable_places(places: Sequence[ResolvedPlace], dateline: Dateline | None) -> list[ResolvedPlace]:
    """Places that may be an event's scene: not the dateline, not before it, not a demonym
    ("Armenian positions" says whose, not where)."""
    cut = dateline.span_end if dateline is not None else -1
    return [p for p in places if not p.is_dateline and p.start >= cut and p.kind == "toponym"]


def tag_scores(tagger: PlaceTagger, sentence: Span, trigger: Token, places: Sequence[ResolvedPlace]) -> list[float]:
    """The tagger's probability, per place of ``sentence``, that it is where ``trigger`` happened."""
    base = sentence.start_char
    event = (trigger.idx - base, trigger.idx + len(trigger.text) - base)
    return list(tagger(sentence.text, event, [(p.start - base, p.end - base) for p in places]))


def _best(doc: Doc, cands: Sequence[tuple[scene.SceneCandidate, ResolvedPlace]], feats: Sequence[list[str]],
          slack: float, *, syntax: bool) -> tuple[ResolvedPlace, Token] | None:
    """The top-scoring place (the first on ties) of one fit of the scene model, when it clears
    that fit's bar less ``slack`` and may be a scene."""
    bar = scene.threshold(syntax=syntax)
    scored = []
    for (cand, place), place_feats in zip(cands, feats, strict=True):
        value = scene.score(place_feats, syntax=syntax)
        if value <= bar and ("unlinked" in place_feats or cand.kind in _WIDE or place.entry is None):
            continue  # below the sentence bar, only known towns tied to the event word stay in the running
        scored.append((value, -place.start, place, cand.root))
    if not scored:
        return None
    best, _, place, root = max(scored, key=lambda s: (s[0], s[1]))
    if best <= bar - slack or not eligible(doc, place):
        return None
    return place, root


def _scene(doc: Doc, sentence: Span, trigger: Token, usable: Sequence[ResolvedPlace],
           slack: float, tagger: PlaceTagger | None,
           reported: Sequence[ResolvedPlace] = ()) -> tuple[ResolvedPlace, Token] | None:
    """The place of the sentence where the event happened, or None (see ``sitrep.geo.scene``).

    The bar is the model's, less ``slack``: in an article (``_CONTEXT_SLACK``) a town tied to
    the event word beats borrowing a place from other sentences even when it scores a little
    below it. With a ``tagger`` the model reads its features too; without, the syntax-only fit.
    Where no candidate clears the bar, a name the tagger is sure of that no one reported
    (``_proposed``; ``reported``: all of the geoparser's places, demonyms and dateline included).
    """
    cands = scene_candidates(doc, sentence, usable)
    if tagger is None and not cands:
        return None
    others = [c for c, _ in cands]
    feats = [scene.features(c, trigger, others, len(cands)) for c in others]
    syntax_choice = _best(doc, cands, feats, slack, syntax=True) if cands else None
    if tagger is None:
        return syntax_choice
    # The tagger reads each word outside the candidates in the same pass: a cut between words
    # leaves the sentence's word pieces as they are, so the candidates' readings do not change.
    taken = [(p.start, p.end) for _, p in cands] + [(p.start, p.end) for p in reported]
    words = [w for w in _words(sentence) if not any(w[0] < b and w[1] > a for a, b in taken)]
    text = doc.text  # once: Doc.text is rebuilt from every token on each access
    if not cands and not any(_nameable(text, sentence, a, b) and _proper(doc, a, b) for a, b in words):
        return None  # nothing to score and nothing likely to propose: no tagger pass (it costs ~17 ms)
    spans = [p for _, p in cands] + [ResolvedPlace(a, b, text[a:b], None, 0.0) for a, b in words]
    readings = tag_scores(tagger, sentence, trigger, spans)
    tags = readings[: len(cands)]
    joint = [f + scene.tag_features(tags, k) for k, f in enumerate(feats)]
    chosen = _best(doc, cands, joint, slack, syntax=False) if cands else None
    if chosen is None:
        return _proposed(doc, sentence, words, readings[len(cands):])
    if syntax_choice is not None and _inside(syntax_choice[0], chosen[0]):
        # ACLED codes the most specific place: where the model with the tagger settles on a country
        # or region and the syntax-only model on a town inside it ("fire on positions in the
        # direction of Aghdam" beside "forces in the territory of Azerbaijan"), the town.
        return syntax_choice
    return chosen


def _words(sentence: Span) -> list[tuple[int, int]]:
    """The character spans of the sentence's words (runs of non-space characters)."""
    return [(sentence.start_char + m.start(), sentence.start_char + m.end()) for m in _WORD.finditer(sentence.text)]


def _nameable(text: str, sentence: Span, start: int, end: int) -> bool:
    """Whether a word may be proposed as a place: a capital in it, and for the sentence's first
    word a proper noun ("Agasha, a village ..."; not "Police said ...")."""
    if not any(ch.isupper() for ch in text[start:end]):
        return False
    return start > sentence.start_char or sentence[0].pos_ in {"PROPN", ""}


def _proper(doc: Doc, start: int, end: int) -> bool:
    """Whether a word holds a proper noun (or the Doc has no part-of-speech tags)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is None or any(t.pos_ in {"PROPN", ""} for t in span)


def _proposed(doc: Doc, sentence: Span, words: Sequence[tuple[int, int]],
              probs: Sequence[float]) -> tuple[ResolvedPlace, Token] | None:
    """A place name no one reported that the tagger is sure names the scene: the surest word that
    may name one (``_nameable``: "the Heart Hospital", "al-Qanat Street", a village the gazetteer lacks),
    with the likely words beside it, reported unresolved."""
    text = doc.text
    best = max((k for k, (a, b) in enumerate(words) if probs[k] >= _PROPOSE_AT and _nameable(text, sentence, a, b)),
               key=lambda k: probs[k], default=None)
    if best is None:
        return None
    first = last = best
    while first > 0 and probs[first - 1] >= _EXTEND_AT and words[first - 1][1] + 1 >= words[first][0]:
        first -= 1
    while last + 1 < len(words) and probs[last + 1] >= _EXTEND_AT and words[last][1] + 1 >= words[last + 1][0]:
        last += 1
    span = doc.char_span(words[first][0], words[last][1], alignment_mode="expand")
    if span is None:
        return None
    tokens = [t for t in span if not t.is_punct and t.lower_ not in {"the", "a", "an", "'s", "’s"}]
    if not tokens:
        return None
    span = doc[tokens[0].i : tokens[-1].i + 1]
    place = ResolvedPlace(start=span.start_char, end=span.end_char, text=span.text, entry=None,
                          score=float(probs[best]))
    return (place, span.root) if eligible(doc, place) else None


def _inside(town: ResolvedPlace, wide: ResolvedPlace) -> bool:
    """Whether a known place narrower than a region lies in a known country, first-level
    division or named region (the same country, and the same division where the wide place is one)."""
    t, w = town.entry, wide.entry
    if t is None or w is None or t.feature in _WIDE or w.feature not in _WIDE or t.country != w.country:
        return False
    return w.feature != "admin1" or (t.admin1 is not None and name_key(t.admin1) == name_key(w.name))


def choose_location(doc: Doc, mention: EventMention, places: list[ResolvedPlace],
                    dateline: Dateline | None, *, use_context: bool = True,
                    tagger: PlaceTagger | bool | None = True) -> Location | None:
    """The location of ``mention``: the place of its sentence where it happened, else context.

    ``use_context=False`` stops at the sentence (no previous sentences, no article focus):
    a sentence that names no scene of its own gives None. ``tagger``: the token tagger whose
    reading of the sentence joins the scene model's features (True: the packaged one,
    ``geo.scene_tagger``; False or None: the symbolic features alone, a weaker model).
    """
    if tagger is True:
        from sitrep.geo.scene_tagger import load_scene_tagger

        tagger = load_scene_tagger()
    tagger = tagger or None
    usable = usable_places(places, dateline)
    sentences = list(doc.sents)
    if not 0 <= mention.sent_index < len(sentences):
        return None
    sentence = sentences[mention.sent_index]
    slack = _CONTEXT_SLACK if use_context else 0.0
    reported = [p for p in places if _in(sentence, p)]
    if dateline is not None:
        reported.append(ResolvedPlace(0, dateline.span_end, doc.text[: dateline.span_end], None, 0.0))
    found = _scene(doc, sentence, doc[mention.trigger], usable, slack, tagger, reported)
    if found is not None:
        place, root = found
        location = _location(place, _precision(place.entry, _near(doc, root, sentence)))
        if place.entry is None:
            # A local name the gazetteer lacks ("Mbale", "Tabag"): its country and province come
            # from the sentence's resolved places, else from the paragraph and the article focus.
            here = [p for p in usable if _in(sentence, p) and p.entry is not None]
            context = (max(here, key=lambda p: (_specificity(p), p.score)) if here else
                       _fallback(sentences, mention.sent_index, [p for p in usable if not _in(sentence, p)])
                       if use_context else None)
            if context is not None and context.entry is not None:
                entry = context.entry
                location = dataclasses.replace(
                    location, country=entry.country,
                    admin1=entry.name if entry.feature == "admin1" else entry.admin1)
        return location
    if not use_context:
        return None
    # The sentence's own places were judged above: context comes from elsewhere.
    elsewhere = [p for p in usable if not _in(sentence, p)]
    fallback = _fallback(sentences, mention.sent_index, elsewhere)
    if fallback is None:
        return None
    return _location(fallback, max(2, _precision(fallback.entry, False)))
