"""Naming the source of a claim: the phrase a reporting verb's subject gives ("Azerbaijan's
defence ministry", "a KNLA spokesman", "it", "the office") as a normalised party.

``SourceResolver`` turns a source token into a :class:`Claim`, remembering the sources an
article has named so that anaphora ("it", "the ministry", "the statement", "the office")
take the most recent one that fits. Institutions are normalised: "Azerbaijan's defence
ministry" -> "Ministry of Defence of Azerbaijan" (AZE); "police said" -> "Police of
<country>" with the country named in the phrase, else the article's focus country, else
"Police"; "the prime minister's office" -> "Office of the Prime Minister of <country>".
Which sentences a source speaks for is ``claims.py``'s job.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from sitrep.extract.actor_lexicon import ActorLexicon, shared_lexicon
from sitrep.models import Claim

__all__ = ["PEOPLE_SOURCES", "SPOKES_NOUNS", "STATEMENT_NOUNS", "CountryOf", "SourceResolver", "country_name"]

CountryOf = Callable[[str], "str | None"]

STATEMENT_NOUNS = frozenset({
    "statement", "communique", "communiqué", "release", "report", "message", "post", "notice",
    "letter", "bulletin", "briefing", "tweet",
})  # fmt: skip
SPOKES_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson", "official", "representative", "head", "chief"})
PEOPLE_SOURCES = {
    "witness": "Witnesses", "resident": "Residents", "villager": "Residents", "source": "Sources",
    "medic": "Medical sources", "doctor": "Medical sources", "activist": "Activists",
}  # fmt: skip
_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i"})

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
_REGION_POLICE_RE = re.compile(
    r"(?P<region>[A-Z][\w-]+(?:[ -][A-Z][\w-]+)*)(?:'s)? (?:state |provincial |regional )?police\b"
)
_POLICE_RE = re.compile(r"\bpolice\b")
_MILITARY_RE = re.compile(
    r"\b(?:army|military|armed forces|defen[cs]e forces|air force|navy|troops"
    r"|brigade|battalion|regiment|division|command)\b"
    r"(?! administration| governor| prosecutor| court)"
)
_GOVERNMENT_RE = re.compile(r"\b(?:government|authorities|officials|presidency|cabinet)\b")
# "the prime minister's office", "the office of the president", "the presidential office"
_HEAD_OFFICE_RE = re.compile(
    r"\b(?:(?P<a>prime minister|president|governor)'?s? office|office of the (?P<b>prime minister|president|governor)"
    r"|(?P<c>presidential|prime ministerial) office)\b"
)
_OFFICE_OF = {"presidential": "president", "prime ministerial": "prime minister"}
# Sources that are nobody: "No group has said it carried out the blast".

_ARMED_NOUNS = frozenset({"rebel", "insurgent", "guerrilla", "militant", "jihadist", "separatist", "insurgency"})


def country_name(iso3: str) -> str:
    """The short name news uses for a country ("RUS" -> "Russia")."""
    return shared_lexicon().country_name(iso3)


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


_NOT_A_PORTFOLIO = frozenset({"the", "a", "an", "its", "their", "his", "her", "country's", "state", "national",
                              "federal", "regional", "provincial", "government", "government's"})


def _ministry_words(lower: str, country: str | None) -> str:
    """The portfolio written before "ministry" when no known one matched: "the citizen
    protection ministry" -> "citizen protection"; determiners and the country's words dropped."""
    before = lower.split("ministry", 1)[0].split()[-3:]
    skip = _NOT_A_PORTFOLIO | (_country_words(country) if country else frozenset())
    while before and (before[0] in skip or before[0].endswith("'s")):
        before = before[1:]
    words = [w for w in before if w not in skip and w.isalpha()]
    return " ".join(words)


def _institution(core: str, country: str | None) -> tuple[str, str | None] | None:
    lower = core.lower().replace("’", "'")
    suffix = f" of {country_name(country)}" if country else ""
    if _MINISTRY_RE.search(lower):
        m = _MINISTRY_OF_RE.search(lower) or _KIND_MINISTRY_RE.search(lower)
        kind = m["kind"].strip() if m else _ministry_words(lower, country)
        label = next((v for k, v in _MINISTRY_TYPES if kind.startswith(k) or k in kind), kind.title())
        return (f"Ministry of {label}" if label else "Ministry") + suffix, country
    if _POLICE_RE.search(lower):
        region = _REGION_POLICE_RE.search(core.replace("’", "'"))
        if (
            region
            and region["region"] not in ("The", "An", "State", "Regional", "Provincial", "Federal", "National")
            and (country is None or region["region"].lower() not in _country_words(country))
        ):
            return f"{region['region']} Police", country  # "a KwaZulu-Natal police spokesperson"
        return "Police" + suffix, country
    if _MILITARY_RE.search(lower):
        return "Military" + suffix, country
    office = _HEAD_OFFICE_RE.search(lower)
    if office:
        holder = office["a"] or office["b"] or _OFFICE_OF[office["c"]]
        return f"Office of the {holder.title()}" + suffix, country
    if _GOVERNMENT_RE.search(lower):
        return ("Government" + suffix if country else "Officials"), country
    return None


@functools.cache
def _country_words(iso3: str) -> frozenset[str]:
    lex = shared_lexicon()
    return frozenset({k for k, v in lex.country_keys.items() if v == iso3} | {lex.country_name(iso3).lower()})


_STAFF = frozenset({"director", "nurse", "surgeon", "official", "worker", "employee", "spokesman", "spokeswoman"})
_ALLEGIANCE = frozenset({"loyal", "linked", "allied", "affiliated", "aligned", "close"})


def _named_phrase(tok: Token) -> str | None:
    """A proper-name phrase headed by ``tok`` without its article, or None."""
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end and e.label_ in ("ORG", "FAC", "PERSON")), None)
    if ent is not None:
        return re.sub(r"^(?:the|a|an)\s+", "", ent.text, flags=re.IGNORECASE)
    if tok.pos_ != "PROPN" and not any(c.pos_ == "PROPN" and c.dep_ in ("compound", "poss") for c in tok.children):
        return None
    text = tok.doc[tok.left_edge.i : tok.i + 1].text
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)


def _workplace(tok: Token) -> str | None:
    """The named institution a person speaks from: "a doctor at X Hospital", "a nurse from X"."""
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("at", "from", "in")):
        pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if pobj is not None and pobj.ent_type_ not in ("GPE", "LOC"):
            named = _named_phrase(pobj)
            if named:
                return named
    return None


def _patron(tok: Token) -> str | None:
    """ "loyal to X", "linked to X", "affiliated with X": the named figure a group answers to."""
    for adj in (c for c in tok.children if c.dep_ in ("amod", "acl") and c.lower_ in _ALLEGIANCE):
        for prep in (c for c in adj.children if c.dep_ == "prep" and c.lower_ in ("to", "with")):
            pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if pobj is None:
                continue
            names = [t for t in pobj.subtree if t.pos_ == "PROPN"]
            if names:
                return f"{adj.text} {prep.text} {tok.doc[names[0].i : names[-1].i + 1].text}"
    return None


class SourceResolver:
    """Turns source phrases into claims, remembering earlier sources for anaphora."""

    def __init__(self, focus: str | None, country_of: CountryOf, lexicon: ActorLexicon) -> None:
        self.focus = focus
        self.country_of = country_of
        self.lexicon = lexicon
        self.history: list[Claim] = []
        self.personal: set[Claim] = set()  # claims whose source is a person ("a spokesman")

    def _recent(self, test: Callable[[Claim], bool]) -> Claim | None:
        return next((c for c in reversed(self.history) if test(c)), None)

    def resolve(self, tok: Token, text: str) -> Claim | None:
        lower, lemma = tok.lower_, tok.lemma_.lower()
        if tok.pos_ == "PRON" or lower in _PRONOUNS:
            if lower in ("i", "we"):
                return None  # a speaker inside a quotation, not the source
            if lower in ("he", "she"):
                found = self._recent(lambda c: c in self.personal) or self._recent(lambda c: True)
            else:
                found = self._recent(lambda c: c not in self.personal) or self._recent(lambda c: True)
            return Claim(found.name, found.country, text) if found else None
        by_prep = {
            c.lower_: next((g for g in c.children if g.dep_ == "pobj"), None) for c in tok.children if c.dep_ == "prep"
        }
        # "a statement issued by X", "a statement released by X"
        for acl in (c for c in tok.children if c.dep_ == "acl"):
            for agent in (c for c in acl.children if c.dep_ == "agent" or c.lower_ == "by"):
                by_prep.setdefault("by", next((g for g in agent.children if g.dep_ == "pobj"), None))
        if lemma in STATEMENT_NOUNS or lemma in SPOKES_NOUNS:
            owner = (
                next((c for c in tok.children if c.dep_ == "poss"), None) or by_prep.get("from") or by_prep.get("by")
            )
            owner = owner or by_prep.get("for") or by_prep.get("of") or by_prep.get("with")
            if owner is None and lemma in SPOKES_NOUNS and _institution(_core(tok).text, None) is None:
                # "a KNLA spokesman": the organisation named in front of the title
                owner = next(
                    (
                        c
                        for c in tok.children
                        if c.dep_ == "compound"
                        and (c.ent_type_ == "ORG" or self.lexicon.organisation_of_text(c.text) is not None)
                    ),
                    None,
                )
            if owner is not None and owner.pos_ != "PRON":
                return self.resolve(owner, text)
            bare = lemma in SPOKES_NOUNS and all(c.dep_ == "det" for c in tok.children)  # "the spokesman"
            if owner is not None or lemma in STATEMENT_NOUNS or bare:
                found = self._recent(lambda c: c not in self.personal) or self._recent(lambda c: True)
                return Claim(found.name, found.country, text) if found else None
        core = _core(tok).text
        own_country = self.country_of(core)
        if lemma in PEOPLE_SOURCES or lemma in _STAFF:
            workplace = _workplace(tok)  # "a doctor at Bannu's District Headquarters Hospital"
            if workplace is not None:
                return Claim(workplace, own_country, text)
        patron = _patron(tok)  # "a militant faction loyal to Hafiz Gul Bahadur"
        if patron is not None:
            base = re.sub(r"^(?:the|a|an)\s+", "", tok.doc[tok.left_edge.i : tok.i + 1].text, flags=re.IGNORECASE)
            return Claim(f"{base[0].upper()}{base[1:]} {patron}", own_country, text)
        if lemma in PEOPLE_SOURCES:
            return Claim(PEOPLE_SOURCES[lemma], own_country, text)
        named = self._named(tok)
        if named is not None:
            return Claim(named[0], named[1], text)
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
        if lemma in _ARMED_NOUNS and any(c.lower_ in ("the", "its", "their") for c in tok.children):
            group = self._armed_group(tok.doc)  # "the rebels" of an article about the KNLA
            if group is not None:
                return Claim(group[0], group[1], text)
        if all(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
            # "the office said", after "the prime minister's office said": the same source
            found = self._recent(lambda c: lemma in c.name.lower().split())
            if found is not None:
                return Claim(found.name, found.country, text)
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        name = ent.text if ent is not None and ent.label_ not in ("CARDINAL", "DATE", "TIME") else core
        name = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.IGNORECASE).strip()
        if not name:
            return None
        return Claim(name[0].upper() + name[1:], own_country, text)

    def _armed_group(self, doc: Doc) -> tuple[str, str | None] | None:
        """The one rebel or militant organisation an article names, if it names just one."""
        found = {
            org.name: org.country or self.focus
            for e in doc.ents
            if e.label_ in ("ORG", "NORP", "PERSON", "GPE")
            and (org := self.lexicon.organisation_of_text(e.text)) is not None
            and org.sector == "REB"
        }
        return next(iter(found.items())) if len(found) == 1 else None

    def _named(self, tok: Token) -> tuple[str, str | None] | None:
        """A named organisation standing for the source: a known group ("al-Shabaab" -> "Al-Shabaab"),
        a name in apposition ("the Islamist group al-Shabaab"), a person's organisation ("Tendai Moyo
        of Zimbabwe Lawyers for Human Rights")."""
        doc = tok.doc
        appos = [c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        candidates = [doc[c.left_edge.i : c.i + 1] for c in appos]
        if tok.ent_type_ == "PERSON":
            # "Captain X, an officer with the army's 27th Division": the person's institution
            for desc in (c for c in tok.children if c.dep_ == "appos"):
                described = doc[desc.left_edge.i : desc.right_edge.i + 1].text
                inst = _institution(described, self.country_of(described) or self.focus)
                if inst is not None and not inst[0].startswith(("Government", "Officials")):
                    return inst
            for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "from", "with", "at")):
                pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if pobj is not None and pobj.pos_ == "PROPN":
                    ent = next((e for e in doc.ents if e.start <= pobj.i < e.end and e.label_ == "ORG"), None)
                    candidates.append(ent if ent is not None else doc[pobj.left_edge.i : pobj.i + 1])
        candidates.append(_core(tok))
        for span in candidates:
            org = self.lexicon.organisation_of_text(span.text)
            if org is not None:
                return org.name, org.country or self.country_of(span.text)
        for span in candidates[:-1]:
            name = re.sub(r"^(?:the|a|an)\s+", "", span.text, flags=re.IGNORECASE).strip()
            if name:
                return name, self.country_of(span.text)
        return None

    def remember(self, claim: Claim, source: Token | None = None) -> None:
        self.history.append(claim)
        if source is not None and _is_person(source):
            self.personal.add(claim)


def _is_person(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    if lemma in SPOKES_NOUNS or tok.ent_type_ == "PERSON":
        return True
    return lemma in ("officer", "commander", "director", "lawyer", "captain", "minister", "governor", "mayor")
