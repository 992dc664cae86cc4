"""Where did an event happen? Features of a (event word, place) pair and a linear score over them.

Each place of the event's sentence is described by a handful of symbolic features: how
it hangs on the event word in the dependency tree (the governing preposition, the path
length, whether the path climbs through a noun: "an attack on X" vs "killed in X"), what
kind of place it is (city, country, unresolved local name), its own syntactic role
("Iraq's army", "officials in Baku said"), and whether it only qualifies another place of
the sentence ("Tabag village in Uruzgan", "Mauthausen, Austria"). The weights
(``data/scene_weights.tsv``) were fitted by logistic regression on sentence-level
event-location annotations; the score is a log-odds that the place is the event's scene.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Span, Token

from sitrep.resources import read_tsv

__all__ = ["SceneCandidate", "anchors", "extra_names", "features", "score", "threshold"]

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
})
ACTOR_NOUNS = frozenset({
    "soldier", "troop", "force", "army", "military", "official", "government", "authority", "police",
    "policeman", "officer", "peacekeeper", "group", "rebel", "militant", "fighter", "leader", "minister",
    "ministry", "president", "embassy", "ambassador", "envoy", "diplomat", "citizen", "national", "man",
    "woman", "people", "resident", "spokesman", "spokeswoman", "agency", "media", "newspaper", "navy",
    "air", "jet", "warplane", "aircraft", "plane", "helicopter", "drone", "guard", "commander", "general",
    "administration", "parliament", "court", "company", "firm", "team", "delegation", "counterpart",
    "regime", "opposition", "party", "member", "supporter", "student", "worker", "activist", "protester",
    "demonstrator", "immigrant", "refugee", "tourist", "journalist", "reporter", "victim",
})
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
    return "other"


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
        nouns = [t for t in path[1:] if t.dep_ not in {"prep", "agent"} and t.pos_ in {"NOUN", "PROPN"}]
        if nouns:
            feats.append(f"via_noun={_noun_class(nouns[0])}")
        if any(t.dep_ in {"relcl", "advcl", "ccomp"} for t in path):
            feats.append("via_clause")
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


@lru_cache(maxsize=1)
def _weights() -> dict[str, float]:
    return {row["feature"]: float(row["weight"]) for row in read_tsv("scene_weights.tsv")}


def threshold() -> float:
    """A place is the scene only when its score clears this bar; below it, the sentence names none."""
    return _weights().get("__threshold__", 0.0)


def score(feats: Sequence[str]) -> float:
    weights = _weights()
    return sum(weights.get(f, 0.0) for f in feats)


def extra_names(sentence: Span, taken: set[int]) -> list[Span]:
    """Proper-noun runs of the sentence that no reported place covers: candidate local names
    the gazetteer lacks ("Almaqamat", "Ein el-Hilweh"). Needs part-of-speech tags."""
    out: list[Span] = []
    doc = sentence.doc
    i = sentence.start
    while i < sentence.end:
        token = doc[i]
        if token.pos_ != "PROPN" or i in taken or token.ent_type_ in _SKIP_LABELS or not token.text[:1].isupper():
            i += 1
            continue
        j = i + 1
        while j < sentence.end and j not in taken and (
                (doc[j].pos_ == "PROPN" and doc[j].ent_type_ not in _SKIP_LABELS)
                or (doc[j].text in {"-", "'"} and j + 1 < sentence.end and doc[j + 1].pos_ == "PROPN")):
            j += 1
        if not (i == sentence.start and j - i == 1):
            out.append(doc[i:j])
        i = j
    return out
