"""Event dates: when each event mention happened, relative to the publication date.

``resolve_dates(doc, mentions, published)`` gives one :class:`EventDate` per mention.

How a mention is dated, in order:

1. a date expression in the mention's sentence that the dependency tree attaches to the
   trigger's clause (its own clause, a noun phrase under it, or a clause above it; never
   a subordinate clause that does not contain the trigger, so "the statement signed on
   10 November 2020" does not re-date a current event);
2. the date of the previous sentence(s) of the same paragraph (a paragraph that goes on
   about a dated event);
3. otherwise the **publication date, precision "day"** (``published`` None: no date).

Anaphoric expressions ("the same day", "the next day", "two days later") count from the
previous mention's date, or the last date stated before them.

Representation: ``value`` is the first day of the period named: the day itself
(precision ``day``); the Monday of the ISO week (``week``; a weekend is its Saturday);
the 1st of the month (``month``); 1 January (``year``, e.g. "in 2020" -> 2020-01-01).

Conventions:
- "on Monday" is the most recent Monday on or before publication; when the article is
  published on a Monday it is that same day (wire copy is filed the day of the events;
  a week-old Monday is written "last Monday", which is taken as strictly before).
- "last night" is the day before publication; "overnight" is the publication day (the
  night ending on the morning the story is filed).
- A day and month without a year take the publication year, or the year before when that
  would put the date more than 7 days after publication.
- ``historical`` is True when the period named ends more than 30 days before
  publication, or is a year before the publication year: background, anniversaries.
"""

from __future__ import annotations

import dataclasses
import re
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from sitrep.extract.types import EventDate, EventMention

__all__ = ["DateExpression", "find_date_expressions", "resolve_dates", "sentence_paragraphs"]

HISTORICAL_DAYS = 30
_FUTURE_SLACK_DAYS = 7

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a few": 3, "few": 3, "several": 3,
}  # fmt: skip

# Month names are matched capitalised only: "march" and "may" are also verbs.
_MON = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_MON_FULL = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December)"
_YEAR = r"(?P<y>(?:1[89]|20)\d\d)"
_NUM = r"(?P<n>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|a few|few|several)"

_ISO_RE = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")
_MDY_RE = re.compile(rf"\b{_MON}\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?!-)(?:,?\s+{_YEAR}\b)?")
_DMY_RE = re.compile(rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}(?:,?\s+{_YEAR}\b)?")
_MONTH_RE = re.compile(
    rf"\b(?:(?P<pre>[Ii]n|[Ss]ince|[Dd]uring|[Uu]ntil|[Bb]y|[Ff]rom|[Ll]ast|[Tt]his|[Ee]arly|[Ll]ate|[Mm]id)[\s-]+)?"
    rf"{_MON_FULL}(?:,?\s+(?:of\s+)?{_YEAR})?\b"
)
_WEEKDAY_RE = re.compile(
    r"\b(?:(?P<mod>[Ll]ast|[Tt]his|[Pp]ast|[Oo]n|[Ee]arly|[Ll]ate)\s+)?"
    r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_RELATIVE_RE = re.compile(
    r"\b(?P<rel>the day before yesterday|yesterday|today|tonight|earlier today|this (?:morning|afternoon|evening)"
    r"|last night|overnight|(?:earlier |later )?this (?:week|month|year)|last (?:week|month|year|weekend)"
    r"|over the weekend|this weekend|the past 24 hours)\b",
    re.IGNORECASE,
)
_AGO_RE = re.compile(rf"\b{_NUM}\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.IGNORECASE)
_ANAPHORIC_RE = re.compile(
    r"\b(?P<ana>(?:that |the )same day|that day|that night|(?:later|earlier) that day"
    r"|the (?:next|following) (?:day|morning|night|evening)|the day (?:after|before)"
    r"|the (?:previous|preceding) (?:day|night)|a day (?:later|earlier|before|after)"
    # a time of day with no day named is the day the story is telling ("In the afternoon, a bomb ...")
    r"|(?:in|during) the (?:early |late )?(?:morning|afternoon|evening)|later in the day)\b",
    re.IGNORECASE,
)
_DAYS_LATER_RE = re.compile(rf"\b{_NUM}\s+days\s+(?P<dir>later|after|earlier|before)\b", re.IGNORECASE)
# A bare year counts only after a preposition or "the" ("the 2014 massacre"), as a
# decade, or inside a spaCy DATE entity: "2020 people" is not a date.
_YEAR_RE = re.compile(
    rf"\b(?:(?P<pre>(?:[Ii]n|[Ss]ince|[Dd]uring|[Uu]ntil|[Ff]rom|[Bb]y|[Oo]f|[Bb]efore|[Aa]fter)(?:\s+(?:early|late|mid))?"
    rf"|[Tt]he|[Ee]arly|[Ll]ate|[Mm]id)[\s-]+)?(?:the\s+)?{_YEAR}(?P<s>s)?\b(?![-–/]\d)"
)

# Dependency labels that open a clause of their own.
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "csubj", "parataxis", "conj", "pcomp"})
_UPWARD_PENALTY = 10


@dataclass(frozen=True)
class DateExpression:
    """A date expression in the text (char offsets), resolved as far as the text allows.

    ``kind`` is ``absolute`` (value known), ``relative`` (value from the publication
    date, already applied) or ``anaphoric`` (``offset_days`` from a reference date).
    """

    start: int
    end: int
    text: str
    kind: str
    value: date | None
    precision: str | None
    offset_days: int = 0
    since: bool = False


def sentence_paragraphs(sents: Sequence[Span]) -> list[int]:
    """Paragraph number of each sentence: a new paragraph follows a line break."""
    out: list[int] = []
    para = 0
    text = sents[0].doc.text if sents else ""  # Doc.text is rebuilt on every access
    for i, sent in enumerate(sents):
        if i:
            gap = text[sents[i - 1].start_char : sent.start_char]
            if "\n" in gap[len(gap.rstrip()) :]:
                para += 1
        out.append(para)
    return out


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _month_start(day: date, back: int = 0) -> date:
    y, m = day.year, day.month - back
    while m < 1:
        y, m = y - 1, m + 12
    return date(y, m, 1)


def _infer_year(month: int, day: int, published: date | None) -> date | None:
    if published is None:
        return None
    try:
        candidate = date(published.year, month, day)
        if candidate > published + timedelta(days=_FUTURE_SLACK_DAYS):
            candidate = date(published.year - 1, month, day)
    except ValueError:
        return None
    return candidate


def _number(word: str) -> int | None:
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word)


def _anaphoric_offset(phrase: str) -> int:
    """Days from the reference date: "the next day" +1, "the day before" -1, "that day" 0."""
    words = phrase.lower().split()
    if "that" in words:  # "that day", "later that day": the reference day itself
        return 0
    if words[-1] in ("later", "after") or words[1] in ("next", "following"):
        return 1
    if words[-1] in ("earlier", "before") or words[1] in ("previous", "preceding"):
        return -1
    return 0


def _relative(phrase: str, published: date | None) -> tuple[date | None, str]:
    """Value and precision of a phrase anchored on the publication date."""
    p = phrase.lower()
    precision = "day"
    if p.endswith("week") or p.endswith("weekend"):
        precision = "week"
    elif p.endswith("month"):
        precision = "month"
    elif p.endswith("year"):
        precision = "year"
    if published is None:
        return None, precision
    if p == "yesterday" or p == "last night":
        return published - timedelta(days=1), precision
    if p == "the day before yesterday":
        return published - timedelta(days=2), precision
    if p.endswith("weekend"):
        saturday = published - timedelta(days=(published.weekday() - 5) % 7)
        return (saturday - timedelta(days=7) if p.startswith("last") and saturday == published else saturday), precision
    if precision == "week":
        return _week_start(published) - timedelta(days=7 if p.startswith("last") else 0), precision
    if precision == "month":
        return _month_start(published, 1 if p.startswith("last") else 0), precision
    if precision == "year":
        return date(published.year - (1 if p.startswith("last") else 0), 1, 1), precision
    return published, precision


def _expr(m: re.Match[str], kind: str, value: date | None, precision: str | None, **kw: object) -> DateExpression:
    return DateExpression(m.start(), m.end(), m.group(0), kind, value, precision, **kw)  # type: ignore[arg-type]


def _absolute_matches(text: str, published: date | None) -> Iterable[DateExpression]:
    for m in _ISO_RE.finditer(text):
        try:
            yield _expr(m, "absolute", date(int(m["y"]), int(m["m"]), int(m["d"])), "day")
        except ValueError:
            continue
    for rx in (_MDY_RE, _DMY_RE):
        for m in rx.finditer(text):
            month, day = _MONTHS[m["mon"][:3].lower()], int(m["d"])
            try:
                value = date(int(m["y"]), month, day) if m["y"] else _infer_year(month, day, published)
            except ValueError:
                continue
            if value is not None or m["y"] is None:
                yield _expr(m, "absolute", value, "day" if value else None)
    for m in _MONTH_RE.finditer(text):
        if not (m["pre"] or m["y"]):
            continue  # a lone "May" or "March" is too often a verb or a name
        month = _MONTHS[m["mon"][:3].lower()]
        since = (m["pre"] or "").lower() == "since"
        if m["y"]:
            yield _expr(m, "absolute", date(int(m["y"]), month, 1), "month", since=since)
        elif published is not None:
            year = published.year
            if month > published.month or ((m["pre"] or "").lower() == "last" and month == published.month):
                year -= 1
            yield _expr(m, "absolute", date(year, month, 1), "month", since=since)
    for m in _YEAR_RE.finditer(text):
        if m["pre"] or m["s"]:
            since = (m["pre"] or "").lower().startswith("since")
            yield _expr(m, "absolute", date(int(m["y"]), 1, 1), "year", since=since)


def _relative_matches(text: str, published: date | None) -> Iterable[DateExpression]:
    for m in _WEEKDAY_RE.finditer(text):
        value = None
        if published is not None:
            back = (published.weekday() - _WEEKDAYS.index(m["wd"].lower())) % 7
            if back == 0 and (m["mod"] or "").lower() in ("last", "past"):
                back = 7
            value = published - timedelta(days=back)
        yield _expr(m, "relative", value, "day")
    for m in _RELATIVE_RE.finditer(text):
        value, precision = _relative(m["rel"], published)
        yield _expr(m, "relative", value, precision)
    for m in _AGO_RE.finditer(text):
        n, unit = _number(m["n"]) or 1, m["unit"].lower()
        value = None
        if published is not None:
            if unit == "day":
                value = published - timedelta(days=n)
            elif unit == "week":
                value = _week_start(published - timedelta(days=7 * n))
            elif unit == "month":
                value = _month_start(published, n)
            else:
                value = date(published.year - n, 1, 1)
        yield _expr(m, "relative", value, unit if unit != "day" else "day")
    for m in _ANAPHORIC_RE.finditer(text):
        yield _expr(m, "anaphoric", None, None, offset_days=_anaphoric_offset(m["ana"]))
    for m in _DAYS_LATER_RE.finditer(text):
        n = _number(m["n"]) or 1
        sign = 1 if m["dir"].lower() in ("later", "after") else -1
        yield _expr(m, "anaphoric", None, None, offset_days=sign * n)


def find_date_expressions(
    text: str, published: date | None, date_entities: Sequence[tuple[int, int]] = ()
) -> list[DateExpression]:
    """All date expressions in ``text``, longest first where they overlap.

    ``date_entities`` (char spans of spaCy DATE entities) admit bare years such as "the
    2014 massacre" that the patterns alone would not trust.
    """
    found = [*_absolute_matches(text, published), *_relative_matches(text, published)]
    for start, end in date_entities:
        for m in re.finditer(rf"\b{_YEAR}\b(?![-–/]\d)", text[start:end]):
            found.append(
                DateExpression(
                    start + m.start(), start + m.end(), m.group(0), "absolute", date(int(m["y"]), 1, 1), "year"
                )
            )
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    kept: list[DateExpression] = []
    for expr in found:
        if kept and expr.start < kept[-1].end:
            continue
        kept.append(expr)
    return kept


def is_historical(value: date | None, precision: str | None, published: date | None) -> bool:
    """Background: the period ends more than 30 days before publication (a past year)."""
    if value is None or published is None:
        return False
    if precision == "year":
        return value.year < published.year
    if precision == "month":
        end = _month_start(date(value.year, value.month, 28) + timedelta(days=4)) - timedelta(days=1)
    elif precision == "week":
        end = value + timedelta(days=6)
    else:
        end = value
    return (published - end).days > HISTORICAL_DAYS


def _clause_edge(tok: Token) -> bool:
    """True when ``tok`` heads a clause inside its head's clause."""
    if tok.dep_ == "conj":
        return tok.pos_ in ("VERB", "AUX")
    return tok.dep_ in _CLAUSE_DEPS


def _attached(
    sent: Span, start_tok: Token, owner: dict[int, int], back_refs: frozenset[int] = frozenset()
) -> int | None:
    """Index of the expression (``owner``: token index -> expression) tied to ``start_tok``.

    A cheapest-path search over the sentence's dependency tree: each edge costs 1;
    climbing out of a subordinate clause costs extra (a date of the reporting clause is
    still a fair date for the event it reports); descending into a clause that does not
    contain the trigger is not allowed. ``back_refs`` are the tokens of anaphoric dates ("the
    same day"): one reached through a coordinated clause points back to this clause's date and
    never dates it.
    """
    best: tuple[int, int, int] | None = None
    seen = {start_tok.i}
    queue: deque[tuple[Token, int, bool]] = deque([(start_tok, 0, False)])
    while queue:
        tok, cost, via_conj = queue.popleft()
        if tok.i in owner and via_conj and tok.i in back_refs:
            continue
        if tok.i in owner:
            cand = (cost, abs(tok.i - start_tok.i), owner[tok.i])
            if best is None or cand < best:
                best = cand
            continue
        steps: list[tuple[Token, int, bool]] = []
        if tok.head.i != tok.i:
            steps.append((tok.head, cost + 1 + (_UPWARD_PENALTY if _clause_edge(tok) else 0), via_conj))
        # a noun trigger's own relative clause describes it ("an attack that began on Monday")
        own = tok.i == start_tok.i and tok.pos_ in ("NOUN", "PROPN")
        steps.extend(
            (child, cost + 1, via_conj)
            for child in tok.children
            if not _clause_edge(child) or (own and child.dep_ in ("relcl", "acl"))
        )
        # A participle describing the very thing acted on ("defused a car bomb parked near the
        # market on Tuesday") often carries the act's time; a clause on any other noun ("the
        # agreement signed in 2020") tells another time. At a price, like a coordinated predicate.
        acted_on = (tok.dep_ == "dobj" and tok.head.i == start_tok.i) or (
            tok.dep_ == "pobj" and tok.head.head.i == start_tok.i and start_tok.pos_ == "VERB"
        )  # "defused a car bomb parked ...", "fired tear gas at students who hurled stones ... on Saturday"
        if acted_on:
            steps.extend(
                (child, cost + 1 + _UPWARD_PENALTY // 2, via_conj)
                for child in tok.children
                if _describes_its_noun(child)
                or (child.dep_ == "acl" and child.tag_ == "VBN" and not any(g.dep_ == "agent" for g in child.children))
            )
        # Coordinated predicates share their time: "police fired tear gas and arrested 23
        # people yesterday" dates the firing too. Cheaper than nothing, dearer than the own clause,
        # and cheaper than leaving a relative clause for its host's time ("the hillside where they
        # were gunned down and buried 15 years ago").
        steps.extend(
            (child, cost + 1 + _UPWARD_PENALTY // 2, True)
            for child in tok.children
            if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")
        )
        for nxt, c, conj in steps:
            if nxt.i not in seen and sent.start <= nxt.i < sent.end:
                seen.add(nxt.i)
                queue.append((nxt, c, conj))
    return None if best is None else best[2]


def _in_comparison(tok: Token) -> bool:
    """A date that bounds a comparison, not an event: "the deadliest attack this year",
    "one of the worst floods in a decade", "the biggest protest since 2019"."""
    for anc in [tok, *tok.ancestors][:4]:
        if anc.pos_ in ("NOUN", "PROPN") and any(c.tag_ == "JJS" or c.lower_ in ("worst", "biggest", "largest")
                                                 for c in anc.children if c.dep_ == "amod"):  # fmt: skip
            return True
    return False


_RELATIVES = frozenset({"who", "which", "that", "whom"})
_REPORTING = frozenset({"say", "tell", "report", "announce", "confirm", "state", "add", "claim"})


# Nouns of telling: an event noun under "accounts of", "reports of" is what was told.
_ACCOUNT_NOUNS = frozenset({"account", "report", "version", "detail", "description", "news", "word", "claim"})


def _told_of(trigger: Token) -> bool:
    """The trigger is the matter of an account ("gave accounts of fighting", "reports of clashes")."""
    head = trigger.head
    if trigger.pos_ not in ("NOUN", "PROPN") or head.dep_ != "prep" or head.lower_ not in ("of", "about"):
        return False
    told = head.head
    if told.lemma_.lower() in _ACCOUNT_NOUNS:
        return True
    # "gave accounts on Wednesday of fighting": the parser hangs "of" on the verb
    return told.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lemma_.lower() in _ACCOUNT_NOUNS for c in told.children)


def _reported_clause(trigger: Token) -> Token | None:
    """The clause a reporting verb governs that holds the trigger ("officials said [it had
    retaken the town]"), or None when the trigger is not reported speech."""
    clause = trigger
    while not (clause.dep_ in ("ccomp", "parataxis") or clause.head.i == clause.i):
        clause = clause.head
    if clause.head.i == clause.i or clause.head.lemma_.lower() not in _REPORTING:
        return None
    return clause


def _describes_its_noun(clause: Token) -> bool:
    """A relative clause whose subject is the noun itself ("students who hurled stones on
    Saturday", "women who were collecting firewood last Thursday"): the noun's own doing, at the
    time of the sentence. One with a subject of its own ("the ceasefire it had declared in
    January") tells another actor and another time."""
    return clause.dep_ == "relcl" and any(
        g.dep_ in ("nsubj", "nsubjpass") and g.lower_ in _RELATIVES for g in clause.children
    )


def _same_clause(tok: Token, clause: Token) -> bool:
    """``tok`` belongs to ``clause`` itself, not to a clause inside it that tells another time
    ("the ceasefire it had declared in January", "after the army had attacked on Sunday"); a
    participle on a noun ("a car packed with explosives") does not count as such a clause."""
    node = tok
    while node.i != clause.i and node.head.i != node.i:
        if node.dep_ in ("relcl", "advcl", "ccomp", "csubj", "parataxis") and not _describes_its_noun(node):
            return False
        node = node.head
    return True


def _own_rather_than_reported(trigger: Token, owner: dict[int, int], chosen: int) -> tuple[int, bool]:
    """A date found in the reporting clause ("..., officials said on Friday") gives way to
    one anywhere inside the reported clause, even in a part the parser hung on a
    participle ("rammed a car packed with explosives into a checkpoint on Thursday").
    Also says whether the date kept is the reporting clause's (when it was said)."""
    clause = _reported_clause(trigger)
    if clause is None:
        return chosen, False
    inside = [
        i for i in owner if clause.left_edge.i <= i <= clause.right_edge.i and _same_clause(clause.doc[i], clause)
    ]
    # "the army said on Sunday it had retaken the town": a date between the reporting verb and
    # the reported clause's subject is when it was said, however the parser hung it
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    said_at = [i for i in owner if owner[i] == chosen]
    if subject is not None and said_at and all(clause.head.i < i < subject.left_edge.i for i in said_at):
        return chosen, True
    if any(owner[i] == chosen for i in inside):
        return chosen, False
    if not inside:  # reported only when the date kept lies outside the reported clause
        return chosen, not any(clause.left_edge.i <= i <= clause.right_edge.i for i in said_at)
    return owner[min(inside, key=lambda i: abs(i - trigger.i))], False


def _realise(expr: DateExpression, reference: EventDate | None, published: date | None) -> EventDate:
    if expr.kind == "anaphoric":
        if reference is None or reference.value is None:
            value, precision = published, ("day" if published else None)
        elif reference.precision == "day":
            value, precision = reference.value + timedelta(days=expr.offset_days), "day"
        else:
            value, precision = reference.value, reference.precision
    else:
        value, precision = expr.value, expr.precision
    if value is None:
        precision = None  # a relative date with no publication date to count from
    return EventDate(value, precision, is_historical(value, precision, published), expr.text)


def _reference(previous: EventDate | None, last_stated: EventDate | None) -> EventDate | None:
    """What "the day before" counts from: the previous mention's date when the text stated
    it, else the last date the text stated (a mention dated only by default says nothing)."""
    if previous is not None and previous.text is not None:
        return previous
    return last_stated or previous


def _default(published: date | None) -> EventDate:
    return EventDate(published, "day" if published else None, False, None)


def resolve_dates(doc: Doc, mentions: list[EventMention], published: date | None) -> list[EventDate]:
    """One :class:`EventDate` per mention, in the order given (see the module docstring).

    With no date in the text for a mention, the result is the publication date with
    precision ``day`` (``value`` None when ``published`` is None).
    """
    sents = list(doc.sents)
    paragraphs = sentence_paragraphs(sents)
    ents = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"]
    exprs = find_date_expressions(doc.text, published, ents)
    owners: list[dict[int, int]] = [{} for _ in sents]
    sent_of_token: dict[int, int] = {}
    for si, sent in enumerate(sents):
        for tok in sent:
            sent_of_token[tok.i] = si
    anaphoric_tokens: set[int] = set()
    for index, expr in enumerate(exprs):
        span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
        if span is None:
            continue
        if _in_comparison(span.root):
            continue
        for tok in span:
            owners[sent_of_token[tok.i]][tok.i] = index
            if expr.kind == "anaphoric":
                anaphoric_tokens.add(tok.i)
    back_refs = frozenset(anaphoric_tokens)

    by_sent: dict[int, list[int]] = {}
    for mi in sorted(range(len(mentions)), key=lambda k: (mentions[k].sent_index, mentions[k].trigger)):
        by_sent.setdefault(mentions[mi].sent_index, []).append(mi)

    results: list[EventDate | None] = [None] * len(mentions)
    previous: EventDate | None = None  # the previous mention's date
    last_stated: EventDate | None = None  # the last date the text stated
    carried: EventDate | None = None  # the running date of the current paragraph
    for si, sent in enumerate(sents):
        if si and paragraphs[si] != paragraphs[si - 1]:
            carried = None
        owner = owners[si]
        own_date = False
        for mi in by_sent.get(si, ()):
            trigger = doc[mentions[mi].trigger]
            ei = _attached(sent, trigger, owner, back_refs) if owner else None
            reported = False
            if ei is not None:
                ei, reported = _own_rather_than_reported(trigger, owner, ei)
            if ei is not None and not reported and _told_of(trigger):
                # "gave different accounts on Wednesday of fighting near X": when it was told
                reported = not any(owner.get(t.i) == ei for t in trigger.subtree)
            if ei is not None:
                dated = dataclasses.replace(_realise(exprs[ei], _reference(previous, last_stated), published),
                                            reported=reported)
                own_date = True
                if not exprs[ei].since:
                    carried = last_stated = dated
            else:
                dated = carried or _default(published)
            results[mi] = previous = dated
        ei = _attached(sent, sent.root, owner) if owner and not own_date else None
        if ei is not None and not exprs[ei].since and not own_date:
            carried = last_stated = _realise(exprs[ei], _reference(previous, last_stated), published)
    return [r if r is not None else _default(published) for r in results]
