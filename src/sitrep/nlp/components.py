"""sitrep's spaCy components, registered on demand (never at import time).

``sitrep_dateline_boundary`` runs before the parser and starts a new sentence right after
the dateline. Without it the parser reads "PORT SUDAN – At least 14 people were killed"
as one clause with two subjects, and the dateline's place leaks into counts and actors.

``sitrep_layout_boundary``, also before the parser, starts a sentence after a layout break (a
line break, or a run of two or more spaces beyond the one separating words) followed by a
capital or a digit: a heading, a dateline on its own line ("Aleppo, Syria    On Thursday, 15
soldiers were killed") or a paragraph that lost its full stop. Inside a sentence such runs
are followed by lower case ("the president   s office", mojibake) and are left alone.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from sitrep.nlp.dateline import find_dateline_in_text

DATELINE_BOUNDARY = "sitrep_dateline_boundary"
LAYOUT_BOUNDARY = "sitrep_layout_boundary"
_HEAD_TOKENS = 80  # a dateline sits in the first few dozen tokens


def dateline_boundary(doc: Doc) -> Doc:
    """Mark the token after the dateline as a sentence start (before parsing)."""
    head = doc[: min(len(doc), _HEAD_TOKENS)]
    dateline = find_dateline_in_text(head.text)
    if dateline is None:
        return doc
    for token in head:
        if token.idx >= dateline.span_end and not token.is_space:
            if token.i > 0:
                token.is_sent_start = True
            break
    return doc


def _layout_break(token: Token) -> bool:
    """A whitespace token the layout left: a line break, or two or more spaces of its own."""
    return token.is_space and ("\n" in token.text or "\r" in token.text or len(token.text) >= 2)


def layout_boundary(doc: Doc) -> Doc:
    """Mark the token after a layout break as a sentence start when it opens one (before parsing)."""
    for token in doc[1:]:
        if token.is_space or not _layout_break(doc[token.i - 1]):
            continue
        if token.is_title or token.is_upper or token.is_digit or token.is_quote:
            token.is_sent_start = True
    return doc


def add_sitrep_components(nlp: Language) -> Language:
    """Register sitrep's components (once per process) and add them to ``nlp``."""
    for name, func in ((DATELINE_BOUNDARY, dateline_boundary), (LAYOUT_BOUNDARY, layout_boundary)):
        if not Language.has_factory(name):
            Language.component(name, func=func)
        if name not in nlp.pipe_names:
            if "parser" in nlp.pipe_names:
                nlp.add_pipe(name, before="parser")
            else:
                nlp.add_pipe(name, first=True)
    return nlp
