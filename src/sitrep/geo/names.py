"""Name keys for gazetteer lookup: case-, diacritic- and punctuation-insensitive."""

from __future__ import annotations

import re
import unicodedata

# Letters that NFKD does not decompose into a base letter plus a combining mark.
_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "ə": "a",
        "ʻ": "",
        "ʼ": "",
        "ʿ": "",
        "ʾ": "",
        "'": "",
        "’": "",
        "‘": "",
        "`": "",
        ".": "",
    }
)
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_/,]+")
_LATIN_MAX = 0x024F


def name_key(name: str) -> str:
    """The lookup key of a place name: ``"Füzuli"`` and ``"FUZULI"`` both give ``"fuzuli"``.

    Hyphens and dashes count as spaces, so "Nagorno-Karabakh" meets "Nagorno Karabakh";
    a leading "the" is dropped ("the Gaza Strip").
    """
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).translate(_SPECIAL)
    text = _SEPARATORS.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def is_latin(name: str) -> bool:
    """True when every letter is Latin script (GeoNames alternate names mix every script)."""
    for ch in name:
        if ch.isalpha():
            code = ord(ch)
            if code > _LATIN_MAX and not 0x1E00 <= code <= 0x1EFF:
                return False
    return True
