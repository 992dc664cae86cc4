"""Find the dateline at the head of a story: ``BAKU –``, ``KYIV, Ukraine (AP) —``.

The dateline names where the story was filed. It is a weak hint about the article's
country, never the place an event happened.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from sitrep.extract.types import Dateline

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_CAPS_PLACE = r"[A-Z][A-Z'’.]+(?:[ -][A-Z][A-Z'’.]*){0,3}"
_TITLE_PLACE = r"[A-Z][a-zA-Z'’.]+(?:[ -][A-Z][a-zA-Z'’.]*){0,3}"
_QUALIFIER = r"[A-Z][A-Za-z.'’]+(?: [A-Z][A-Za-z.'’]+){0,3}"
_AGENCY = r"\((?:[A-Za-z][A-Za-z .&/-]{0,30})\)"
_DATE = rf"{_MONTH} \d{{1,2}}(?:,? \d{{4}})?"
_DASH = r"(?:[–—―]|--?|:)"

# An all-capitals place may stand alone before the dash ("BAKU –"); a title-case one only
# with an agency or a date, since "Officials said – ..." must not count.
_CAPS = re.compile(
    rf"(?P<place>{_CAPS_PLACE})(?:, (?P<qual>{_QUALIFIER}))?(?:,? (?P<date>{_DATE}))?"
    rf"(?: ?{_AGENCY})?\s*{_DASH}\s*"
)
_TITLE = re.compile(
    rf"(?P<place>{_TITLE_PLACE})(?:, (?P<qual>{_QUALIFIER}))?"
    rf"(?:(?:,? (?P<date>{_DATE}))(?: ?{_AGENCY})?|(?: ?{_AGENCY}))\s*{_DASH}\s*"
)
_HEAD_CHARS = 300
_NOT_PLACES = frozenset(
    {"UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE", "ANALYSIS", "OPINION", "WATCH", "PHOTOS", "VIDEO"}
)


def find_dateline_in_text(text: str) -> Dateline | None:
    """The dateline at the start of the first non-empty line of ``text``, if any."""
    head = text[:_HEAD_CHARS]
    offset = len(head) - len(head.lstrip())
    for pattern in (_CAPS, _TITLE):
        match = pattern.match(head, offset)
        if match is None:
            continue
        place = match.group("place").rstrip(" .")
        if place.upper() in _NOT_PLACES or len(place.replace(".", "")) < 2:
            continue
        start = match.start("place")
        return Dateline(start=start, end=start + len(place), text=place, span_end=match.end())
    return None


def find_dateline(doc: Doc) -> Dateline | None:
    """The dateline of a story Doc (see ``find_dateline_in_text``)."""
    return find_dateline_in_text(doc.text)
