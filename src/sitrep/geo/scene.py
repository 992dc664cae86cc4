"""Where did an event happen? Features of a (event word, place) pair and a linear score over them.

Each place of the event's sentence is described by a handful of symbolic features: how
it hangs on the event word in the dependency tree (the governing preposition, the path
length, whether the path climbs through a noun: "an attack on X" vs "killed in X"), what
kind of place it is (city, country, unresolved local name), its own syntactic role
("Iraq's army", "officials in Baku said"), and whether it only qualifies another place of
the sentence ("Tabag village in Uruzgan", "Mauthausen, Austria": the nested pair's inner and
outer place). Other features describe the setting rather than the place: the event word itself
and its modality ("will patrol", "attempted to enter"), dates and aggregates ("since 2011",
"in 1704", "so far this year"), movement ("fled to Turkey"), speakers ("Baghdad said") and
quoted speech. The weights (``data/scene_weights.tsv``) were fitted as a choice model per
sentence (a softmax over its places and "none", ``scripts/fit_scene_weights.py``); a place is
the scene when its score is the sentence's highest and clears the bar, the "none" option's
score.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache

from spacy.tokens import Span, Token

from sitrep.resources import read_tsv

__all__ = ["SceneCandidate", "anchors", "extra_features", "extra_names", "features", "path_features", "score",
           "score_with", "tag_features", "threshold", "using_weights"]

_PREPS = frozenset({
    "in", "at", "near", "outside", "inside", "around", "on", "across", "into", "within", "throughout",
    "along", "over", "off", "towards", "toward", "to", "from", "through", "between", "by", "beyond", "of",
    "against", "with", "for", "during", "after", "under", "as", "according", "including", "among",
    "before", "since", "upon", "onto", "like", "about", "amid", "behind", "via", "until", "outskirts",
})
_DEPS = frozenset({"pobj", "compound", "poss", "conj", "nsubj", "dobj", "appos", "nmod", "amod", "npadvmod",
                   "nsubjpass", "attr", "dative", "oprd", "ROOT", "advmod", "pcomp", "dep"})
_CLIMB_DEPS = frozenset({"xcomp", "conj", "advcl", "acl", "relcl", "amod", "dobj", "nsubj", "nsubjpass", "pobj",
                         "oprd", "prep", "pcomp", "ccomp"})
_SPEECH_VERBS = frozenset({"say", "tell", "report", "announce", "claim", "state", "add", "confirm", "deny",
                           "accuse", "allege", "write", "quote", "cite", "note", "warn"})
PLACE_NOUNS = frozenset({
    "city", "town", "village", "province", "district", "region", "area", "capital", "suburb", "governorate",
    "county", "state", "neighborhood", "neighbourhood", "camp", "countryside", "outskirts", "port", "border",
    "municipality", "settlement", "quarter", "island", "valley", "street", "road", "highway",
    "base", "prison", "square", "market", "part", "edge", "centre", "center", "heart", "west", "east", "north",
    "south", "hamlet", "locality", "territory", "enclave", "strip", "bank", "zone", "front", "vicinity",
    "lga", "tehsil", "agency", "regency", "prefecture", "oblast", "canton", "commune", "ward", "township",
    "airport", "airbase", "checkpoint", "crossing", "mountain", "mountains", "hill", "hilltop", "river", "pass",
    "roundabout", "mosque", "church", "hospital", "school", "beach", "dam", "bridge",
})
_CONFLICT_NOUNS = frozenset({"war", "conflict", "violence", "crisis", "uprising", "revolution", "insurgency",
                             "campaign", "civil", "unrest", "occupation", "history", "year", "decade"})
_MOVE_VERBS = frozenset({"flee", "return", "arrive", "travel", "deport", "extradite", "send", "come", "move",
                         "escape", "evacuate", "transfer", "bring", "fly", "go", "head", "withdraw", "retreat",
                         "emigrate", "migrate", "cross", "smuggle", "repatriate", "expel", "export", "import"})
_AGGREGATE = frozenset({"since", "so", "far", "throughout", "across", "nationwide", "total", "overall",
                        "altogether", "annually", "ever", "history", "past", "last", "decade", "decades", "years"})
_SPECIFIC = {"city": 3, "other": 3, "unres": 3, "extra": 3, "admin2": 2, "region": 1, "admin1": 1, "country": 0}
_QUOTES = frozenset({'"', "\u201c", "\u201d", "''", "``"})
# Nouns that make a place name an attribute of an actor ("Iraqi soldiers", "the Kabul government").
STATE_ACTOR_NOUNS = frozenset({
    "soldier", "troop", "force", "army", "military", "official", "government", "authority", "police",
    "policeman", "officer", "peacekeeper", "group", "rebel", "militant", "fighter", "leader", "minister",
    "ministry", "president", "embassy", "ambassador", "envoy", "diplomat", "citizen", "national", "man",
    "woman", "people", "resident", "spokesman", "spokeswoman", "agency", "media", "newspaper", "navy",
    "air", "jet", "warplane", "aircraft", "plane", "helicopter", "drone", "guard", "commander", "general",
    "administration", "parliament", "court", "company", "firm", "team", "delegation", "counterpart",
})
ACTOR_NOUNS = STATE_ACTOR_NOUNS | {
    "regime", "opposition", "party", "member", "supporter", "student", "worker", "activist", "protester",
    "demonstrator", "immigrant", "refugee", "tourist", "journalist", "reporter", "victim",
}
_MAX_HOPS = 8
_SKIP_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY",
                          "WORK_OF_ART", "LAW", "LANGUAGE", "PRODUCT"})
_CUE_BEFORE = frozenset({"in", "at", "near", "into", "outside", "inside", "around", "towards", "toward", "across",
                         "through", "on", "from", "of"})


def lemma(token: Token) -> str:
    return (token.lemma_ or token.lower_).lower()


def anchors(trigger: Token) -> list[Token]:
    """The event word and the words it leans on ("was found murdered": found; "the attack on": attack)."""
    out = [trigger]
    head = trigger
    for _ in range(3):
        if head.head == head or head.dep_ not in _CLIMB_DEPS or lemma(head.head) in _SPEECH_VERBS:
            break  # where officials spoke is not where the event was
        head = head.head
        out.append(head)
    return out


def _path_to(token: Token, target: Token) -> list[Token] | None:
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


def _noun_class(token: Token) -> str:
    word = lemma(token)
    if word in PLACE_NOUNS:
        return "place"
    if word in ACTOR_NOUNS:
        return "actor"
    if word in _EVENT_NOUNS:
        return "event"
    if word in _CONFLICT_NOUNS:
        return "conflict"
    return "other"


_EVENT_NOUNS = frozenset({"attack", "clash", "fighting", "offensive", "battle", "bombing", "explosion", "blast",
                          "raid", "strike", "airstrike", "shelling", "assault", "protest", "demonstration", "rally",
                          "march", "operation", "ambush", "firefight", "killing", "shooting", "incident", "fire",
                          "bomb", "attacks", "riot", "massacre", "siege", "advance", "counter", "skirmish"})


def phrase(root: Token) -> set[int]:
    """The place's own phrase: its root and the noun it names ("the town of X", "X village")."""
    out = {root.i}
    if root.dep_ in {"compound", "nmod", "amod", "poss"} and _noun_class(root.head) == "place":
        out.add(root.head.i)
    if root.dep_ == "pobj" and root.head.lower_ == "of" and _noun_class(root.head.head) == "place":
        out.update({root.head.i, root.head.head.i})
    return out


class SceneCandidate:
    """A place of the event's sentence: its root token and what kind of entry it resolved to."""

    __slots__ = ("extra", "kind", "root")

    def __init__(self, root: Token, kind: str, *, extra: bool = False) -> None:
        self.root = root
        self.kind = kind  # city | country | admin1 | admin2 | region | other | unres
        self.extra = extra  # a proper name the geoparser did not report as a place


def features(cand: SceneCandidate, trigger: Token, others: Sequence[SceneCandidate], n_places: int) -> list[str]:
    root = cand.root
    kind = "extra" if cand.extra else cand.kind
    feats = ["bias", f"kind={kind}", f"n={min(n_places, 4)}"]
    found: tuple[int, list[Token]] | None = None
    for rank, anchor in enumerate(anchors(trigger)):
        path = _path_to(root, anchor)
        if path is not None:
            found = (rank, path)
            if rank:
                feats.append(f"anchor={lemma(anchor)}")
            break
    if found is None:
        feats += ["unlinked", f"unlinked|{kind}"]
        if root.i < trigger.i and root.sent == trigger.sent:
            feats.append("unlinked_before")
    else:
        rank, path = found
        preps = [t.lower_ for t in path if t.dep_ in {"prep", "agent"}]
        gov = preps[0] if preps else "-"
        top = preps[-1] if preps else "-"
        gov = gov if gov in _PREPS else "other"
        top = top if top in _PREPS else "other"
        feats += [f"rank={rank}", f"len={min(len(path), 6)}", f"gov={gov}", f"top={top}",
                  f"gov|{kind}={gov}", f"govtop={gov}|{top}"]
        feats += path_features(path, kind)
        arg = path[-1] if path else root
        verb_class = "take" if lemma(anchors(trigger)[rank]) in _TAKE_VERBS else "other"
        if arg.dep_ in {"dobj", "nsubjpass", "nsubj", "attr", "conj"}:
            feats += [f"arg={arg.dep_}|{verb_class}", f"argl={arg.dep_}|{lemma(trigger)}"]
        elif preps:
            feats += [f"arg_prep={gov}|{verb_class}", f"argl={gov}|{lemma(trigger)}"]
        nouns = [t for t in path[1:] if t.dep_ not in {"prep", "agent"} and t.pos_ in {"NOUN", "PROPN"}]
        if nouns:
            # "airstrikes over X killed", "killed in an attack in X": the noun's role on the event word
            feats += [f"via_noun={_noun_class(nouns[0])}", f"via_noun={_noun_class(nouns[0])}|{arg.dep_}"]
        clause = next((t for t in path if t.dep_ in {"relcl", "advcl", "ccomp"}), None)
        if clause is not None:
            feats += ["via_clause", f"clause={_clause_kind(clause)}"]
    dep = root.dep_ if root.dep_ in _DEPS else "other"
    feats += [f"dep={dep}", f"dep|head={dep}|{_noun_class(root.head)}"]
    if root.dep_ == "pobj":
        feats.append(f"pobj_of={_noun_class(root.head.head)}")
    feats.append("before" if root.i < trigger.i else "after")
    distance = abs(root.i - trigger.i)
    feats.append(f"dist={0 if distance <= 3 else 1 if distance <= 8 else 2 if distance <= 15 else 3}")
    ent = root.ent_type_ or "none"
    feats += [f"ent={ent}", f"ent|{kind}={ent}"]
    left = root.doc[root.left_edge.i - 1] if root.left_edge.i > 0 else None
    if left is not None and left.lower_ in _CUE_BEFORE:
        feats.append(f"cue_prep={left.lower_}")
    after = root.doc[root.i + 1] if root.i + 1 < len(root.doc) else None
    if after is not None and _noun_class(after) == "place":
        feats.append("cue_noun_after")
    feats += _context_features(cand, kind, trigger, others)
    if cand.extra:
        feats += extra_features(root)
    own = phrase(root)
    ancestors = {t.i for t in root.ancestors}
    for other in others:
        if other is cand:
            continue
        if phrase(other.root) & ancestors:
            feats.append(f"qualifies|{kind}")  # "Uruzgan" in "Tabag village in Uruzgan"
            break
    for other in others:
        if other is not cand and own & {t.i for t in other.root.ancestors}:
            feats.append(f"qualified|{kind}")
            break
    return feats


def path_features(path: Sequence[Token], kind: str) -> list[str]:
    """The dependency path from the place up to the event word, its first four steps, as labels
    ("pobj/prep": "killed in X") and with the prepositions spelled out ("pobj/in", "pobj/of/pobj/in":
    "in the town of X"), the latter also per kind of place."""
    steps = path[:4]
    labels = "/".join(t.dep_ for t in steps)
    words = "/".join(t.lower_ if t.dep_ in {"prep", "agent"} else t.dep_ for t in steps)
    return [f"path={labels}", f"lpath={words}", f"lpath|{kind}={words}"]


# Words that make a proper-noun run a person ("Gov. Jose Reyes Baez") or an organisation
# ("Jund Al-Aqsa Front", "the Revolutionary Guard Corps") rather than a local place name.
_TITLES = frozenset({
    "mr", "mrs", "ms", "gov", "gen", "col", "lt", "maj", "capt", "sgt", "dr", "president", "minister", "mullah",
    "sheikh", "imam", "general", "governor", "mayor", "commander", "leader", "chief", "prime", "king", "prince",
    "pope", "senator", "rep", "sen", "cmdr", "brig", "judge", "spokesman",
})
_ORG_WORDS = frozenset({
    "army", "force", "forces", "brigade", "division", "corps", "group", "front", "state", "party", "movement",
    "council", "ministry", "police", "guard", "organization", "organisation", "committee", "union", "agency",
    "network", "battalion", "regiment", "militia", "al-qaeda", "taliban", "hezbollah", "hamas", "isis", "isil",
    "unit", "association", "company", "bank", "news", "times", "post", "press", "observatory", "university",
    "office", "department",
})


def extra_features(root: Token) -> list[str]:
    """What a proper name the geoparser did not report looks like: its length, a title before or in
    it, an organisation word in it, the named-entity label spaCy gave it."""
    doc = root.doc
    i = root.i
    while i > 0 and doc[i - 1].pos_ == "PROPN":
        i -= 1
    j = root.i + 1
    while j < len(doc) and doc[j].pos_ == "PROPN":
        j += 1
    words = [t.lower_.strip(".") for t in doc[i:j]]
    before = doc[i - 1].lower_.strip(".") if i > 0 else ""
    feats = [f"extra_len={min(j - i, 3)}", f"extra_ent={root.ent_type_ or 'none'}"]
    if before in _TITLES or (words and words[0] in _TITLES):
        feats.append("extra_title")
    if any(w in _ORG_WORDS for w in words):
        feats.append("extra_org")
    if any(t.ent_type_ == "PERSON" for t in doc[i:j]):
        feats.append("extra_person")
    return feats


def tag_features(probs: Sequence[float], k: int) -> list[str]:
    """The token tagger's reading of candidate ``k`` among the sentence's (``geo.scene_tagger``),
    as valued features: its log-odds (they tell 0.99 from 0.9), and its lead over the likeliest
    other candidate (negative when another is likelier); and whether it is the sentence's most
    likely place and at least an even chance. Five-fold held out, these did better than the
    probability in tenths, and better again than the tenths beside them (note of 2026-12-06, sixth session)."""
    p = probs[k]
    if math.isnan(p):
        return []  # past what the tagger read (``geo.scene_tagger``): the syntactic features alone
    odds = min(max(p, _TAG_FLOOR), 1.0 - _TAG_FLOOR)
    rival = max((q for j, q in enumerate(probs) if j != k and not math.isnan(q)), default=0.0)
    feats = [f"taglogit*{math.log(odds / (1.0 - odds)):.3f}", f"tagmargin*{p - rival:.3f}"]
    if p >= 0.5 and p >= rival:
        feats.append("tagtop")
    return feats


# The tagger's probabilities are clipped to [0.001, 0.999] before log-odds (about -6.9 to 6.9).
_TAG_FLOOR = 1e-3


def _year(token: Token) -> bool:
    return token.like_num and len(token.text) == 4 and token.text[:2] in {"18", "19", "20"}


def _context_features(cand: SceneCandidate, kind: str, trigger: Token, others: Sequence[SceneCandidate]) -> list[str]:
    """Dates and aggregates around the place, its governing verb, quotes, specificity among the places."""
    root = cand.root
    doc = root.doc
    sent = trigger.sent
    feats: list[str] = []
    window = doc[root.i + 1: min(sent.end, root.i + 5)]
    if any(_year(t) for t in window):
        feats.append("year_after")
    if any(t.lower_ == "since" for t in doc[max(sent.start, root.i - 6): min(sent.end, root.i + 6)]):
        feats.append("since_near")
    words = {t.lower_ for t in sent}
    if words & _AGGREGATE:
        feats.append(f"aggregate|{kind}")
    if any(_year(t) for t in sent):
        feats.append("sent_year")
    if any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in trigger.children):
        feats.append("perfect")
    feats += [f"trig_pos={trigger.pos_}", f"trig={lemma(trigger)}", f"trig_tag={trigger.tag_}",
              f"trigl_tag={lemma(trigger)}|{trigger.tag_}", f"trigl_kind={lemma(trigger)}|{kind}"]
    feats += _trigger_features(trigger)
    feats += _object_features(trigger, {o.root.i for o in others})
    if root.dep_ == "pobj":
        prep = root.head
        governor = prep.head
        if prep.lower_ in {"from", "to", "into", "towards", "toward"} and lemma(governor) in _MOVE_VERBS:
            feats.append(f"move|{prep.lower_}")
        if lemma(governor) in _CONFLICT_NOUNS:
            feats.append(f"of_conflict|{kind}")
        if _noun_class(governor) == "place":
            feats.append(f"in_place_noun|{kind}")
    if root.dep_ in {"nsubj", "nsubjpass"} and lemma(root.head) in _SPEECH_VERBS:
        feats.append("speaker")
    if root.dep_ in {"compound", "amod", "poss", "nmod"} and _noun_class(root.head) == "actor":
        feats.append("names_actor")
    if any(lemma(t) in _CONFLICT_NOUNS for t in root.ancestors if t.i != trigger.i and t.pos_ == "NOUN"):
        feats.append("under_conflict")
    quotes_before = sum(t.text in _QUOTES for t in doc[sent.start: root.i])
    trig_quotes = sum(t.text in _QUOTES for t in doc[sent.start: trigger.i])
    if quotes_before % 2:
        feats.append("in_quote" if trig_quotes % 2 else "in_quote_alone")
    after = doc[root.i + 1] if root.i + 1 < sent.end else None
    if after is not None and _noun_class(after) == "place":
        feats.append(f"head_noun={lemma(after) if lemma(after) in _HEADS else 'place'}")
    nest = _nesting(root, {o.root.i: o for o in others if o is not cand})
    if nest:
        feats += [f"nest={nest}", f"nest|{kind}={nest}"]
    mine = _SPECIFIC.get(kind, 3)
    rivals = [_SPECIFIC.get("extra" if o.extra else o.kind, 3) for o in others if o is not cand]
    if rivals:
        feats.append("most_specific" if mine >= max(rivals) else "less_specific")
        order = sum(o.root.i < root.i for o in others if o is not cand)
        feats.append(f"order={'first' if order == 0 else 'last' if order == len(rivals) else 'mid'}")
    return feats


_MODALS = frozenset({"will", "would", "could", "may", "might", "should", "can", "must", "shall"})
_INTENT = frozenset({"attempt", "try", "plan", "expect", "threaten", "vow", "seek", "want", "prepare", "aim",
                     "intend", "continue", "begin", "start", "fail", "refuse", "order", "allow"})


def _trigger_features(trigger: Token) -> list[str]:
    """Whether the event word reports a real, single event: modality, negation, its clause."""
    feats = [f"trig_dep={trigger.dep_ if trigger.dep_ in _TRIG_DEPS else 'other'}"]
    children = list(trigger.children)
    if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in children):
        feats.append("modal")
    if any(c.dep_ == "neg" for c in children):
        feats.append("negated")
    if trigger.dep_ == "xcomp" and lemma(trigger.head) in _INTENT:
        feats.append("intended")
    if trigger.pos_ == "VERB" and trigger.tag_ in {"VBG", "VB"} and trigger.dep_ in {"pcomp", "pobj"}:
        feats.append("trig_gerund_obj")
    return feats


# A clause between the event word and the place: "killed when a bomb hit a bus near X" tells
# of the same event, "killed in the town that X had held" of another.
_SAME_EVENT_MARKS = frozenset({"when", "as", "while", "after", "during", "before"})


def _clause_kind(clause: Token) -> str:
    if clause.dep_ != "advcl":
        return clause.dep_
    marks = {lemma(c) for c in clause.children if c.dep_ in {"mark", "advmod"}}
    return "advcl_when" if marks & _SAME_EVENT_MARKS else "advcl"


_PERSON_PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them", "we", "us", "i", "me", "who"})
# Objects that make "captured", "shot" or "took" a contest or a picture, not an act of violence.
_PRIZE_NOUNS = frozenset({"title", "medal", "gold", "silver", "bronze", "crown", "championship", "cup", "trophy",
                          "round", "wicket", "seat", "vote", "prize", "race", "stage", "game", "match", "set",
                          "image", "picture", "photo", "film", "attention", "imagination", "mood", "spirit",
                          "lead", "victory", "win", "majority", "share", "percent"})


def _object_features(trigger: Token, places: set[int]) -> list[str]:
    """What the event word acts on ("captured the town", "captured two soldiers", "captured the
    title"): the sense of the verb, whether the event is a taking of ground or of people."""
    for child in trigger.children:
        if child.dep_ not in {"dobj", "nsubjpass"}:
            continue
        if child.i in places or _noun_class(child) == "place":
            kind = "place"
        elif (child.ent_type_ in {"PERSON", "NORP", "CARDINAL"} or child.lower_ in _PERSON_PRONOUNS
              or _noun_class(child) == "actor"):
            kind = "person"
        elif lemma(child) in _PRIZE_NOUNS:
            kind = "prize"
        else:
            kind = "thing"
        verb = "take" if lemma(trigger) in _TAKE_VERBS else "other"
        return [f"obj={kind}", f"obj={kind}|{verb}"]
    return ["obj=none"]


_TRIG_DEPS = frozenset({"ROOT", "conj", "advcl", "relcl", "xcomp", "ccomp", "acl", "pobj", "nsubj", "dobj",
                        "nsubjpass", "pcomp", "compound"})
_TAKE_VERBS = frozenset({"capture", "enter", "seize", "storm", "attack", "bomb", "shell", "target", "besiege",
                         "patrol", "invade", "raid", "overrun", "liberate", "take", "destroy", "hit", "strike",
                         "recapture", "retake", "surround", "encircle", "occupy", "control", "reach", "advance",
                         "assault", "offensive", "siege", "airstrike", "bombing",
                         "shelling", "invasion", "march", "rock", "shake", "flood", "ravage", "damage", "visit"})
_NEST_PREPS = frozenset({"in", "near", "of", "outside", "on", "at", "inside"})


def _nesting(root: Token, others: dict[int, SceneCandidate]) -> str | None:
    """"inner" for the specific place of a nested pair, "outer" for the one that only locates it:
    "the West Bank city of Nablus", "Tabag village in Uruzgan", "Naarden in Holland",
    "Bethlehem's Church", "Mauthausen, Austria"."""
    def pobj_cands(token: Token) -> list[Token]:
        return [g for c in token.children if c.dep_ == "prep" and c.lower_ in _NEST_PREPS
                for g in c.children if g.dep_ == "pobj" and g.i in others]

    head = root.head
    if root.dep_ in {"compound", "amod", "nmod", "poss"}:
        if head.i in others:
            return "outer"
        if _noun_class(head) == "place":
            of_names = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children if g.dep_ == "pobj"]
            if of_names:
                return "outer"
            if pobj_cands(head):
                return "inner"
    if root.dep_ == "pobj":
        prep, governor = head, head.head
        if prep.lower_ == "of" and _noun_class(governor) == "place" and any(
                c.dep_ in {"compound", "amod", "nmod", "poss"} and c.i in others for c in governor.children):
            return "inner"
        if prep.lower_ in _NEST_PREPS and (governor.i in others or (
                _noun_class(governor) == "place"
                and any(c.dep_ in {"compound", "nmod"} and c.i in others for c in governor.children))):
            return "outer"
    if root.dep_ == "appos" and head.i in others:
        return "outer"
    if any(c.dep_ == "appos" and c.i in others for c in root.children) or pobj_cands(root):
        return "inner"
    return None


_HEADS = frozenset({"town", "village", "city", "district", "province", "state", "camp", "lga", "area", "region",
                    "governorate", "countryside", "neighborhood", "neighbourhood", "county", "suburb"})


# Two fits of the same choice model: with the scene tagger's reading of the sentence
# (``tag_features``), the one the pipeline uses, and over the syntactic features alone (used
# where no tagger runs, and to find the most specific place, ``extract/places.py``).
WEIGHTS = "scene_weights.tsv"
SYNTAX_WEIGHTS = "scene_weights_syntax.tsv"


@lru_cache(maxsize=2)
def _stored_weights(name: str) -> dict[str, float]:
    return {row["feature"]: float(row["weight"]) for row in read_tsv(name)}


_override: list[tuple[Mapping[str, float], Mapping[str, float]]] = []


def _weights(syntax: bool) -> Mapping[str, float]:
    if _override:
        return _override[-1][1 if syntax else 0]
    return _stored_weights(SYNTAX_WEIGHTS if syntax else WEIGHTS)


@contextmanager
def using_weights(weights: Mapping[str, float], *, syntax: Mapping[str, float] | None = None) -> Iterator[None]:
    """Score with ``weights`` (``__threshold__`` the bar) instead of the stored weights inside
    the block, and with ``syntax`` (default: ``weights`` too) where the syntax-only model is
    asked: held-out evaluation of a fit (``scripts/fit_scene_weights.py``)."""
    _override.append((weights, weights if syntax is None else syntax))
    try:
        yield
    finally:
        _override.pop()


def threshold(*, syntax: bool = False) -> float:
    """A place is the scene only when its score clears this bar; below it, the sentence names none.
    ``syntax``: the syntax-only model's bar."""
    return _weights(syntax).get("__threshold__", 0.0)


def feature_value(feature: str) -> tuple[str, float]:
    """A feature's weight name and value: "name*2.5" is worth 2.5 times the weight of "name";
    any other feature once its own weight."""
    name, star, value = feature.partition("*")
    return (name, float(value)) if star else (feature, 1.0)


def score(feats: Sequence[str], *, syntax: bool = False) -> float:
    return score_with(_weights(syntax), feats)


def score_with(weights: Mapping[str, float], feats: Sequence[str]) -> float:
    """The score of ``feats`` under ``weights`` (valued features "name*value" included)."""
    total = 0.0
    for f in feats:
        name, value = feature_value(f)
        total += weights.get(name, 0.0) * value
    return total


def extra_names(sentence: Span, taken: set[int]) -> list[Span]:
    """Proper-noun runs of the sentence that no reported place covers: candidate local names
    the gazetteer lacks ("Almaqamat", "Ein el-Hilweh"). Needs part-of-speech tags."""
    out: list[Span] = []
    doc = sentence.doc

    def cued(i: int, j: int) -> bool:
        """"in X", "near X", "X village": a run the NER mislabelled (DATE, PRODUCT) still names a place."""
        before = doc[i - 1] if i > sentence.start else None
        after = doc[j] if j < sentence.end else None
        return (before is not None and before.lower_ in _LOCAL_CUES) or (
            after is not None and _noun_class(after) == "place")

    def name_like(k: int) -> bool:
        return doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper()

    i = sentence.start
    while i < sentence.end:
        if not name_like(i) or i in taken:
            i += 1
            continue
        j = i + 1
        while j < sentence.end and j not in taken and (
                name_like(j) or (doc[j].text in {"-", "'"} and j + 1 < sentence.end and name_like(j + 1))):
            j += 1
        labelled = any(doc[k].ent_type_ in _SKIP_LABELS for k in range(i, j))
        if labelled and not (cued(i, j) and doc[i].ent_type_ not in {"DATE", "TIME", "CARDINAL", "MONEY"}):
            # keep the old behaviour: split the run at the labelled words
            k = i
            while k < j and doc[k].ent_type_ not in _SKIP_LABELS:
                k += 1
            if k > i and not (i == sentence.start and k - i == 1):
                out.append(doc[i:k])
            i = max(k + 1, i + 1)
            continue
        if all(_noun_class(doc[k]) == "place" for k in range(i, j)):
            pass  # "Road", "Oblast": the head noun of a reported place, not a name of its own
        elif not (i == sentence.start and j - i == 1 and not cued(i, j)):
            out.append(doc[i:j])
        i = j
    return out


_LOCAL_CUES = frozenset({"in", "near", "at", "outside", "inside", "around", "into", "from", "of", "on", "towards",
                         "toward", "entered", "captured", "seized", "stormed", "attacked", "shelled", "bombed"})
