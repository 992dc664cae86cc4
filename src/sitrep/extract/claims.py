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

Anaphora ("it", "the ministry", "the statement") take the most recent source that fits.
Institutions are normalised: "Azerbaijan's defence ministry" -> "Ministry of Defence of
Azerbaijan" (AZE); "police said" -> "Police of <country>" with the country named in the
phrase, else the article's focus country (the one its places and demonyms name most),
else "Police".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from sitrep.extract.dates import sentence_paragraphs
from sitrep.models import Claim

__all__ = ["CountryOf", "attribute_claims", "country_of_text", "country_name"]

CountryOf = Callable[[str], "str | None"]

_REPORT_VERBS = frozenset({
    "say", "state", "claim", "announce", "report", "clarify", "add", "tell", "accuse", "confirm",
    "deny", "allege", "insist", "note", "explain", "warn", "declare", "stress", "write", "tweet",
    "post", "quote", "acknowledge", "admit", "assert", "reveal", "inform", "disclose", "maintain",
    "argue", "blame", "emphasize", "emphasise", "underline", "condemn", "read",
})  # fmt: skip
_STATEMENT_NOUNS = frozenset({
    "statement", "communique", "communiqué", "release", "report", "message", "post", "notice",
    "letter", "bulletin", "briefing", "tweet",
})  # fmt: skip
_SPOKES_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson", "official", "representative", "head", "chief"})
_PEOPLE_SOURCES = {
    "witness": "Witnesses", "resident": "Residents", "villager": "Residents", "source": "Sources",
    "medic": "Medical sources", "doctor": "Medical sources", "activist": "Activists",
}  # fmt: skip
_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i"})
_CONTENT_DEPS = frozenset({"ccomp", "parataxis", "xcomp"})
_MINISTRY_TYPES = (
    ("defen", "Defence"), ("interior", "Interior"), ("internal affairs", "Interior"),
    ("home", "Interior"), ("foreign", "Foreign Affairs"), ("health", "Health"),
    ("justice", "Justice"), ("emergenc", "Emergency Situations"), ("information", "Information"),
)  # fmt: skip
_MINISTRY_OF_RE = re.compile(r"\bministry of (?:the )?(?P<kind>[a-z ]+?)(?= of |$|,)")
_KIND_MINISTRY_RE = re.compile(
    r"\b(?P<kind>defen[cs]e|interior|home|foreign(?: affairs)?|health|justice|emergency|information"
    r"|[a-z]+ affairs)\s+ministry\b"
)
_MINISTRY_RE = re.compile(r"\bministry\b")
_POLICE_RE = re.compile(r"\bpolice\b")
_MILITARY_RE = re.compile(r"\b(?:army|military|armed forces|defen[cs]e forces)\b")
_GOVERNMENT_RE = re.compile(r"\b(?:government|authorities|officials|presidency|cabinet)\b")
_BACKGROUND_RE = re.compile(
    r"^\W*(?:(?:In|Since|By|During|Until)\s+(?:the\s+)?(?:1[89]|20)\d\d|Meanwhile|Separately|Elsewhere"
    r"|Earlier|Last (?:year|month)|Relations\b|The (?:war|conflict)\b)"
)
_OPEN_QUOTES = frozenset("“«")
_CLOSE_QUOTES = frozenset("”»")

# Display names where pycountry's official short name is not the one news uses.
_DISPLAY = {
    "RUS": "Russia", "IRN": "Iran", "SYR": "Syria", "KOR": "South Korea", "PRK": "North Korea",
    "COD": "DR Congo", "TZA": "Tanzania", "VEN": "Venezuela", "BOL": "Bolivia", "MDA": "Moldova",
    "LAO": "Laos", "PSE": "Palestine", "VNM": "Vietnam", "TWN": "Taiwan", "GBR": "United Kingdom",
    "USA": "United States", "TUR": "Turkey",
}  # fmt: skip
# A small fallback until the shared demonym table (extract/actors.py) is passed in.
_ALIASES = {
    "azerbaijani": "AZE", "azeri": "AZE", "armenian": "ARM", "russian": "RUS", "russia": "RUS",
    "ukrainian": "UKR", "american": "USA", "us": "USA", "u.s.": "USA", "america": "USA",
    "british": "GBR", "britain": "GBR", "uk": "GBR", "israeli": "ISR", "palestinian": "PSE",
    "palestine": "PSE", "syrian": "SYR", "syria": "SYR", "iraqi": "IRQ", "iranian": "IRN",
    "iran": "IRN", "afghan": "AFG", "pakistani": "PAK", "indian": "IND", "nigerian": "NGA",
    "malian": "MLI", "somali": "SOM", "sudanese": "SDN", "yemeni": "YEM", "turkish": "TUR",
    "turkey": "TUR", "türkiye": "TUR", "lebanese": "LBN", "egyptian": "EGY", "libyan": "LBY",
    "ethiopian": "ETH", "kenyan": "KEN", "congolese": "COD", "burkinabe": "BFA", "nigerien": "NER",
    "chinese": "CHN", "french": "FRA", "german": "DEU", "georgian": "GEO", "mexican": "MEX",
    "colombian": "COL", "venezuelan": "VEN", "venezuela": "VEN", "burmese": "MMR",
    "filipino": "PHL", "philippine": "PHL", "saudi": "SAU", "emirati": "ARE", "qatari": "QAT",
    "jordanian": "JOR", "south korea": "KOR", "north korea": "PRK", "vietnam": "VNM",
    "bolivia": "BOL", "tanzania": "TZA", "moldova": "MDA", "laos": "LAO", "ivory coast": "CIV",
    "dr congo": "COD", "taiwan": "TWN", "cameroonian": "CMR", "mozambican": "MOZ",
    "haitian": "HTI", "ecuadorian": "ECU", "peruvian": "PER", "brazilian": "BRA", "chadian": "TCD",
}  # fmt: skip


@cache
def _country_index() -> dict[str, str]:
    """Lower-cased country names and demonyms -> ISO3 (built on first use, not at import)."""
    import pycountry

    index: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                index[value.lower()] = c.alpha_3
    index.update(_ALIASES)
    return index


def country_of_text(text: str) -> str | None:
    """ISO3 of the first country or demonym named in ``text`` ("Azerbaijan's ministry" -> "AZE")."""
    index = _country_index()
    words = re.findall(r"[A-Za-zÀ-ÿ.]+", re.sub(r"['’]s\b", "", text))
    words = [w.rstrip(".") if w.count(".") == 1 else w for w in words]
    for i in range(len(words)):
        for n in (3, 2, 1):
            key = " ".join(words[i : i + n]).lower()
            if len(key) > 1 and key in index:
                return index[key]
    return None


def country_name(iso3: str) -> str:
    """The short name news uses for a country ("RUS" -> "Russia")."""
    if iso3 in _DISPLAY:
        return _DISPLAY[iso3]
    import pycountry

    found = pycountry.countries.get(alpha_3=iso3)
    if found is None:
        return iso3
    return str(getattr(found, "common_name", None) or found.name)


@dataclass(frozen=True)
class _Attribution:
    claim: Claim
    trailing: bool  # the attribution follows the content ("..., it said.")


def _core(tok: Token) -> Span:
    """The noun phrase of a source without its clauses, appositions and "in a statement"."""
    keep = [tok.i]
    stack = [c for c in tok.children]
    while stack:
        child = stack.pop()
        if child.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj") or (
            child.dep_ == "prep" and child.lower_ not in ("of", "for", "from")
        ):
            continue
        keep.append(child.i)
        stack.extend(child.children)
    return tok.doc[min(keep) : max(keep) + 1]


def _institution(core: str, country: str | None) -> tuple[str, str | None] | None:
    lower = core.lower().replace("’", "'")
    suffix = f" of {country_name(country)}" if country else ""
    if _MINISTRY_RE.search(lower):
        m = _MINISTRY_OF_RE.search(lower) or _KIND_MINISTRY_RE.search(lower)
        kind = m["kind"].strip() if m else ""
        label = next((v for k, v in _MINISTRY_TYPES if kind.startswith(k) or k in kind), kind.title())
        return (f"Ministry of {label}" if label else "Ministry") + suffix, country
    if _POLICE_RE.search(lower):
        return "Police" + suffix, country
    if _MILITARY_RE.search(lower):
        return "Military" + suffix, country
    if _GOVERNMENT_RE.search(lower):
        return ("Government" + suffix if country else "Officials"), country
    return None


class _Resolver:
    """Turns source phrases into claims, remembering earlier sources for anaphora."""

    def __init__(self, focus: str | None, country_of: CountryOf) -> None:
        self.focus = focus
        self.country_of = country_of
        self.history: list[Claim] = []

    def _recent(self, test: Callable[[Claim], bool]) -> Claim | None:
        return next((c for c in reversed(self.history) if test(c)), None)

    def resolve(self, tok: Token, text: str) -> Claim | None:
        lower, lemma = tok.lower_, tok.lemma_.lower()
        if tok.pos_ == "PRON" or lower in _PRONOUNS:
            if lower in ("i", "we"):
                return None  # a speaker inside a quotation, not the source
            found = self._recent(lambda c: True)
            return Claim(found.name, found.country, text) if found else None
        by_prep = {
            c.lower_: next((g for g in c.children if g.dep_ == "pobj"), None) for c in tok.children if c.dep_ == "prep"
        }
        if lemma in _STATEMENT_NOUNS or lemma in _SPOKES_NOUNS:
            owner = (
                next((c for c in tok.children if c.dep_ == "poss"), None) or by_prep.get("from") or by_prep.get("by")
            )
            owner = owner or by_prep.get("for") or by_prep.get("of")
            if owner is not None:
                return self.resolve(owner, text)
            if lemma in _STATEMENT_NOUNS:
                found = self._recent(lambda c: True)
                return Claim(found.name, found.country, text) if found else None
        core = _core(tok).text
        own_country = self.country_of(core)
        if lemma in _PEOPLE_SOURCES:
            return Claim(_PEOPLE_SOURCES[lemma], own_country, text)
        inst = _institution(core, own_country)
        if inst is not None:
            if own_country is None:
                # "the ministry": the earlier full name; else the article's focus country
                head = inst[0]
                found = self._recent(
                    lambda c: c.name.startswith(head) or (head == "Ministry" and c.name.startswith("Ministry"))
                )
                if found is not None:
                    return Claim(found.name, found.country, text)
                if self.focus is not None:
                    inst = _institution(core, self.focus) or inst
            return Claim(inst[0], inst[1], text)
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        name = ent.text if ent is not None else core
        name = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.IGNORECASE).strip()
        if not name:
            return None
        return Claim(name[0].upper() + name[1:], own_country, text)

    def remember(self, claim: Claim) -> None:
        self.history.append(claim)


def _subject(verb: Token) -> Token | None:
    for dep in ("nsubj", "nsubjpass"):
        found = next((c for c in verb.children if c.dep_ == dep), None)
        if found is not None:
            return found
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        return next((g for g in agent.children if g.dep_ == "pobj"), None)
    if verb.dep_ == "conj" and verb.head.lemma_.lower() in _REPORT_VERBS:
        return _subject(verb.head)  # "the ministry said ... and added"
    return None


def _verb_attribution(verb: Token, resolver: _Resolver) -> _Attribution | None:
    lemma = verb.lemma_.lower()
    if verb.pos_ not in ("VERB", "AUX") or lemma not in _REPORT_VERBS:
        return None
    if verb.dep_ in ("relcl", "acl", "amod", "xcomp", "pcomp", "csubj"):
        return None
    subj = _subject(verb)
    if lemma == "read":  # “...,” read the statement / the statement read
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        subj = obj if obj is not None and obj.lemma_.lower() in _STATEMENT_NOUNS else subj
        if subj is None or subj.lemma_.lower() not in _STATEMENT_NOUNS:
            return None
    if subj is None:
        return None
    lo = min(subj.left_edge.i, verb.i)
    hi = max(verb.i, subj.right_edge.i if subj.i > verb.i else verb.i)
    claim = resolver.resolve(subj, verb.doc[lo : hi + 1].text)
    if claim is None:
        return None
    content = [c for c in verb.children if c.dep_ in _CONTENT_DEPS]
    trailing = any(c.i < verb.i for c in content) or (not content and verb.i > verb.sent.start + len(verb.sent) // 2)
    return _Attribution(claim, trailing)


def _according_to(tok: Token, resolver: _Resolver) -> _Attribution | None:
    if tok.lower_ != "according":
        return None
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    obj = next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
    if obj is None:
        return None
    claim = resolver.resolve(obj, tok.doc[tok.i : obj.right_edge.i + 1].text)
    return _Attribution(claim, trailing=tok.i > tok.sent.start + len(tok.sent) // 2) if claim else None


def _direct(sent: Span, resolver: _Resolver) -> list[_Attribution]:
    found: list[_Attribution] = []
    for tok in sent:
        attr = _verb_attribution(tok, resolver) or _according_to(tok, resolver)
        if attr is not None and all(a.claim.name != attr.claim.name for a in found):
            found.append(attr)
    for attr in found:
        resolver.remember(attr.claim)
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


def _focus_country(doc: Doc, country_of: CountryOf) -> str | None:
    counts = Counter(c for e in doc.ents if e.label_ in ("GPE", "NORP") and (c := country_of(e.text)))
    return counts.most_common(1)[0][0] if counts else None


def attribute_claims(doc: Doc, *, country_of: CountryOf = country_of_text) -> list[tuple[Claim, ...]]:
    """Who asserts each sentence: one tuple of claims per sentence, () for the outlet's voice.

    ``country_of`` maps a phrase to ISO3; pass the shared actor module's function to
    use its demonym table.
    """
    sents = list(doc.sents)
    resolver = _Resolver(_focus_country(doc, country_of), country_of)
    direct = [_direct(sent, resolver) for sent in sents]
    claims: list[tuple[Claim, ...]] = [tuple(a.claim for a in d) for d in direct]
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
        if found and any(a.trailing for a in found):
            i = j - 1
            while i >= 0 and not claims[i] and paragraphs[i] == paragraphs[j]:
                claims[i] = tuple(a.claim for a in found if a.trailing)
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
    return claims
