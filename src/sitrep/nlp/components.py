"""sitrep's spaCy components, registered on demand (never at import time).

``sitrep_dateline_boundary`` runs before the parser and starts a new sentence right after
the dateline. Without it the parser reads "PORT SUDAN – At least 14 people were killed"
as one clause with two subjects, and the dateline's place leaks into counts and actors.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from sitrep.nlp.dateline import find_dateline_in_text

DATELINE_BOUNDARY = "sitrep_dateline_boundary"
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


def add_sitrep_components(nlp: Language) -> Language:
    """Register sitrep's components (once per process) and add them to ``nlp``."""
    if not Language.has_factory(DATELINE_BOUNDARY):
        Language.component(DATELINE_BOUNDARY, func=dateline_boundary)
    if DATELINE_BOUNDARY not in nlp.pipe_names:
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(DATELINE_BOUNDARY, before="parser")
        else:
            nlp.add_pipe(DATELINE_BOUNDARY, first=True)
    return nlp
