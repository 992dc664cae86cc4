"""Flag what sources within one article contradict: different tolls for one incident, or
one party denying another's account.

ACLED's coders keep the lowest credible toll and note the disagreement; an analyst needs
the disagreement itself (who says 40, who says 5; who denies the attack happened or that
they did it). Two kinds are found here, both from what earlier steps already decided:

* **tolls**: the mentions folded into one event (``merge.py``) that different voices
  attribute different fatality or injury counts to;
* **denials**: a sentence whose main verb is a denial ("dismissed that account", "denied
  carrying out the attack", "rejected the claim") placed after an event it answers, by a
  party other than the event's own sources. A habitual denial ("has in the past denied
  targeting civilians") answers no particular event and is left out, as is a negated
  one ("did not deny").
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from sitrep.extract.merge import EventDraft, superseded
from sitrep.models import Claim, Dispute

DENIAL_LEMMAS = frozenset({"deny", "dismiss", "reject", "refute", "rebut", "dispute", "contest"})
_HABITUAL = frozenset({"past", "previously", "repeatedly", "always", "consistently", "often", "routinely", "long"})
_RESPONSIBILITY = frozenset({"responsibility", "involvement", "role", "behind", "responsible", "involved"})
_NEGATIONS = frozenset({"not", "n't", "never"})
OUTLET = "the outlet"  # the party of a toll told in the article's own voice


def toll_disputes(members: Sequence[EventDraft], *, article_id: str | None = None) -> list[Dispute]:
    """Different counts for one incident from different voices, per field, in article order.

    A sentence carrying several sources (a lede that sums up both sides) speaks for those
    of them no single-source sentence speaks for; one in the article's own voice is the
    outlet's. A figure the text marks as overtaken is left out."""
    out: list[Dispute] = []
    for about in ("fatalities", "injured"):
        # a figure the text marks as overtaken ("initially said seven") is a revision, not a dispute
        stated = [
            (d, getattr(d.casualties, about))
            for d in members
            if getattr(d.casualties, about) is not None and not superseded(d)
        ]
        said: dict[str, tuple[int, int]] = {}  # voice -> (value, sentence index)
        for draft, value in sorted(stated, key=lambda item: len(item[0].claims) > 1):  # stable: single voices first
            voices = [c.name for c in draft.claims if c.name not in said] if draft.claims else [OUTLET]
            if len(draft.claims) > 1 and len(voices) != 1:
                continue  # still several voices, or none left: whose figure it is stays unknown
            for voice in voices:
                said.setdefault(voice, (value, draft.mention.sent_index))
        if len({v for v, _ in said.values()}) > 1:
            order = sorted(said, key=lambda voice: said[voice][1])
            out.append(Dispute(about, tuple(order), tuple(str(said[v][0]) for v in order), article_id))
    return out


_NO_PART = frozenset({"part", "role", "involvement", "hand", "link", "links", "connection"})


def _says_no_part(tok: Token) -> bool:
    """"said it had no part in the attack", "said it had nothing to do with the bombing"."""
    if tok.lemma_.lower() not in ("say", "insist", "state") or tok.pos_ not in ("VERB", "AUX"):
        return False
    for comp in (c for c in tok.children if c.dep_ == "ccomp"):
        words = [t for t in comp.subtree]
        if any(t.lower_ in _NO_PART and any(c.lower_ == "no" for c in t.children) for t in words):
            return True
        if any(t.lower_ == "nothing" and t.nbor(1).lower_ == "to" for t in words if t.i + 1 < len(t.doc)):
            return True
    return False


def denial_verb(sent: Span) -> Token | None:
    """The sentence's denial verb when it is a specific, affirmed denial by a named subject."""
    for tok in sent:
        if _says_no_part(tok):
            return tok
        if tok.lemma_.lower() not in DENIAL_LEMMAS or tok.pos_ not in ("VERB", "AUX"):
            continue
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            continue
        if any(c.dep_ == "neg" or c.lower_ in _NEGATIONS for c in tok.children):
            continue
        if any(t.lower_ in _HABITUAL for c in tok.children if c.dep_ in ("prep", "advmod", "npadvmod")
               for t in c.subtree):  # fmt: skip
            continue
        return tok
    return None


def denial_about(verb: Token) -> str:
    """"responsibility" when what is denied is a part in the event, else "account"."""
    if _says_no_part(verb):
        return "responsibility"
    words = {t.lower_ for c in verb.children if c.dep_ not in ("nsubj", "nsubjpass") for t in c.subtree}
    if words & _RESPONSIBILITY:
        return "responsibility"
    # "denied shelling the market", "denied that its troops fired": the denier's own act.
    acts = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"]
    return "responsibility" if acts else "account"


def denial_disputes(
    doc: Doc,
    groups: Sequence[Sequence[EventDraft]],
    claims: Sequence[Sequence[Claim]],
    *,
    article_id: str | None = None,
) -> list[list[Dispute]]:
    """Per event group, the denials that answer it: each denial goes to the group told
    most recently before it (by any member's sentence), if the denier is not among the
    sources of the account it answers: that event's latest sentence before the denial (or,
    where it names no source, all its sentences before the denial)."""
    sents = list(doc.sents)
    out: list[list[Dispute]] = [[] for _ in groups]
    seen = [[m.mention.sent_index for m in members] for members in groups]
    for j, sent in enumerate(sents):
        verb = denial_verb(sent)
        deniers = tuple(c.name for c in claims[j]) if j < len(claims) else ()
        if verb is None or not deniers:
            continue
        before = [(max(i for i in idx if i <= j), g) for g, idx in enumerate(seen) if any(i <= j for i in idx)]
        if not before:
            continue
        _, target = max(before)
        told = [m for m in groups[target] if m.mention.sent_index < j]
        sources = tuple(dict.fromkeys(c.name for m in told for c in m.claims))
        # the account answered is the latest one told: a lede that gives both sides' versions
        # does not make the denier the source of the account it then dismisses
        latest = max(told, key=lambda m: m.mention.sent_index) if told else None
        answered = tuple(dict.fromkeys(c.name for c in latest.claims)) if latest is not None else ()
        if set(deniers) <= set(answered or sources):
            continue  # a party qualifying its own account is no contradiction
        asserting = tuple(s for s in (answered or sources) if s not in deniers) or (OUTLET,)
        parties = asserting + deniers
        says = ("asserts",) * len(asserting) + ("denies",) * len(deniers)
        out[target].append(Dispute(denial_about(verb), parties, says, article_id))
    return out
