"""How many people a victim phrase stands for: number words and ACLED's conventions.

``parse_count`` reads a number from its words ("twenty - five", "two hundred",
"dozens"); ``count_group`` reads the people a victim noun and its coordinated nouns
stand for ("two policemen and three militants" -> 5, "a soldier" -> 1, "several" ->
None). :mod:`sitrep.extract.counts` ties such nouns to casualty words.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

__all__ = ["count_group", "count_one", "is_partitive", "number_of", "parse_count"]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_RANGE_MARKS = frozenset({"-", "–", "to"})
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# ACLED's conventions for vague quantities (see counts.py's docstring); "scores" gives none,
# "tens" is read as "dozens" (bench/LABELLING.md).
_VAGUE = {"dozen": 12, "dozens": 12, "tens": 12, "hundreds": 100, "thousands": 1000}
VAGUE_WORDS = frozenset(_VAGUE)

_NON_COUNT_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
# Nouns a casualty number cannot count ("killed two days ago", "wounded 3 vehicles").
_NON_PERSONS = frozenset({
    "vehicle", "car", "truck", "tank", "house", "home", "building", "shop", "day", "week",
    "month", "year", "hour", "minute", "time", "region", "village", "area", "percent",
    "dollar", "animal", "cow", "cattle", "goat", "sheep", "camel", "horse", "dog",
    "bomb", "mine", "rocket", "missile", "shell", "grenade", "drone", "explosive", "device",
    "aircraft", "plane", "helicopter", "jet", "seat", "vote", "point", "game", "match", "job",
})  # fmt: skip
_GROUP_NOUNS = frozenset({"total", "group", "number"})
_SINGULAR_PRONOUNS = frozenset({"he", "she", "him", "her", "himself", "herself"})
_PARTITIVE_OF = frozenset({"them", "those", "whom", "these", "which"})
_ZERO_WORDS = frozenset({"nobody", "none", "noone", "no-one"})


def parse_count(words: list[str]) -> int | None:
    """A number from its words: ["27"], ["1,200"], ["twenty", "-", "five"], ["two", "hundred"], ["dozens"]."""
    total, current, seen = 0, 0, False
    for raw in words:
        word = raw.lower().replace(",", "")
        if word in ("-", "a", "an", "and"):
            if word in ("a", "an") and not seen:
                current, seen = 1, True
            continue
        if word.replace(".", "", 1).isdigit():
            current, seen = current + int(float(word)), True
        elif word in _UNITS:
            current, seen = current + _UNITS[word], True
        elif "-" in word and all(p in _UNITS for p in word.split("-")):
            current, seen = current + sum(_UNITS[p] for p in word.split("-")), True
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0
            seen = True
        elif word in _VAGUE:
            return _VAGUE[word] if not seen else current * _VAGUE[word]
        else:
            return None
    return total + current if seen else None


def _number_start(tok: Token) -> int:
    """Where the number ``tok`` ends starts: "two hundred", "twenty - five" (not "25 - 30")."""
    doc, start = tok.doc, tok.i
    while start > tok.sent.start:
        prev = doc[start - 1]
        if prev.like_num or (
            prev.text == "-" and start - 2 >= tok.sent.start and _compound_dash(doc[start - 2], doc[start])
        ):
            start -= 1
        else:
            break
    return start


def _compound_dash(left: Token, right: Token) -> bool:
    """ "twenty - five" is one number; "25 - 30" and "eight - ten" are a range."""
    tens, unit = _UNITS.get(left.lower_), _UNITS.get(right.lower_)
    return tens is not None and unit is not None and tens >= 20 and tens % 10 == 0 and 0 < unit < 10


def _range_low(doc: Doc, start: int, sent_start: int) -> int | None:
    """The lower figure of a range ending at ``start``: "25-30", "8 to 30" (not "rose from 8 to 30")."""
    if start - 2 < sent_start or doc[start - 1].lower_ not in _RANGE_MARKS or not doc[start - 2].like_num:
        return None
    first = doc[start - 2]
    if first.i - 1 >= sent_start and doc[first.i - 1].lower_ == "from":
        return None  # a change from one figure to another, not a range
    begin = _number_start(first)
    return parse_count([t.text for t in doc[begin : first.i + 1]])


def number_of(tok: Token) -> int | None:
    """The number a numeral token states, None for dates, ages, money and the like."""
    if tok.ent_type_ in _NON_COUNT_ENTS:
        return None
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.text == "-" and tok.i + 2 < len(tok.doc) and not tok.nbor(2).like_num:
        return None  # "44-day", "19-year-old"
    # the numeral with its left neighbours: "twenty - five", "two hundred"; a range
    # "between 10 and 15" stops at "and" and keeps the lower bound below
    start = _number_start(tok)
    end = tok.i + 1
    while end < len(tok.doc) and tok.doc[end].lower_ in ("dozen", "hundred", "thousand", "million"):
        end += 1  # "two dozen", parsed with "dozen" under "two"
    words = [t.text for t in tok.doc[start:end]]
    value = parse_count(words) if words else None
    if value is None:
        value = parse_count([tok.text])
    low = _range_low(tok.doc, start, tok.sent.start)
    if low is not None and value is not None:
        value = min(value, low)
    for child in tok.children:
        if child.dep_ == "conj" and child.like_num:
            other = parse_count([child.text])
            if other is not None and value is not None:
                value = min(value, other)
    return value


def count_one(noun: Token) -> int | None:
    """The number of people a victim word stands for, None when the text gives none."""
    lower = noun.lower_
    children = list(noun.children)
    if lower in _ZERO_WORDS or (lower == "one" and any(c.lower_ == "no" for c in children)):
        return 0
    if any(c.dep_ == "det" and c.lower_ == "no" for c in children):
        return 0
    if noun.lemma_.lower() in _NON_PERSONS:
        return None
    ranked = any((c.ent_type_ == "ORDINAL" or c.lower_ == "latest") and c.dep_ == "amod" for c in children)
    if ranked and not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in children):
        return None  # "becoming the 170th teacher killed": a rank in a running count
    # ("a third US soldier was killed": one more death, this event's own)
    partitive = is_partitive(noun)
    # ("nine of them died in hospital": the part that died is this toll)
    dying = noun.dep_ == "nsubj" and noun.head.lemma_.lower() in ("die", "succumb", "perish")
    if partitive and noun.dep_ not in ("dobj", "nsubjpass") and not dying:
        return None  # "8 guards were killed, one of them in the first raid": part of a group counted elsewhere
    # ("killing six of them": the victims of this blast, counted here)
    if any(c.lower_ == "other" for c in children) and any(c.dep_ == "det" and c.lower_ == "the" for c in children):
        return None  # "the other seven": the rest of a group counted elsewhere
    if noun.lemma_.lower() in _GROUP_NOUNS | {"family"}:
        # "a total of 28 rebels", "a group of five soldiers", "a family of four": the people
        # counted, not one ("the family of the governor": its members, uncounted)
        of = next((c for c in children if c.dep_ == "prep" and c.lower_ == "of"), None)
        members = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        if members is None or (noun.lemma_.lower() == "family" and not numbered(members)):
            return None
        return count_one(members)
    if noun.like_num:
        return number_of(noun)
    if lower in _VAGUE:
        return _VAGUE[lower]
    for child in children:
        # "Eighteen Taliban": a spelled-out number the tagger took for part of a name
        numeral = child.dep_ in ("nummod", "quantmod") or (child.dep_ == "compound" and child.i < noun.i)
        if numeral and child.like_num:
            value = number_of(child)
            if value is not None:
                return value
        if child.dep_ in ("amod", "nummod", "det", "compound") and child.lower_ in _VAGUE:
            return _VAGUE[child.lower_]
        if child.dep_ == "amod" and child.i < noun.i:
            # "nine other terrorists" parsed with the numeral under "other"
            num = next((g for g in child.children if g.dep_ == "nummod" and g.like_num), None)
            if num is not None and (value := number_of(num)) is not None:
                return value
    if lower in _SINGULAR_PRONOUNS:
        return 1
    if lower == "old" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in children):
        return 1  # "a 14-year-old", tagged as an adjective
    if _singular(noun) or _aged(noun):
        return 1  # "a soldier", "the driver", "Ahmed", "Menezes, 27,"
    # (the first named one: "The Islamic State's (ISIS) Deputy Military Chief, Abu Jannat")
    named = next((c for c in children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if named is not None:
        return count_group(named)  # "two brothers, Ali and Omar": the names counted
    return _leading_number(noun)


def numbered(noun: Token) -> bool:
    """ "four", "four people": a number, not a description."""
    return noun.like_num or any(c.dep_ == "nummod" and c.like_num for c in noun.children)


def split_front(noun: Token) -> Token | None:
    """The front of ``noun``'s phrase that the parser made a sibling of it: same relation to the
    same head, side by side, nothing joining them ("20 IS" + "militants", "policeman" + "Haouch
    Mouhous"; not "five soldiers as well as" + "three civilians")."""
    before = [
        c for c in noun.head.children if c.dep_ == noun.dep_ and c.i < noun.i and c.right_edge.i + 1 == noun.left_edge.i
    ]
    if before and not any(c.dep_ in ("cc", "conj", "punct", "prep") for c in before[-1].children):
        return before[-1]
    return None


# determiners of one person: "a civilian", "another Palestinian"
_ONE_MORE = frozenset({"a", "an", "another"})


def _singular(noun: Token) -> bool:
    """One person's word: a singular noun or a person's name (which the tagger may call plural:
    "Kamal Shamsi" NNPS)."""
    if noun.like_num:
        return False
    if noun.tag_ == "JJ" and noun.dep_ not in ("amod", "acomp") and any(c.lower_ in _ONE_MORE for c in noun.children):
        return True  # "killing a civilian", "shot another Palestinian dead", the noun tagged as an adjective
    return (noun.tag_ in ("NN", "NNP") and noun.pos_ in ("NOUN", "PROPN")) or (
        noun.pos_ == "PROPN" and noun.ent_type_ == "PERSON"
    )


def _aged(noun: Token) -> bool:
    """A name with an age set off by commas, "Menezes, 27, was shot": one person, whatever number
    the tagger gave the name (a name ending in "s" is often tagged plural)."""
    return noun.pos_ == "PROPN" and any(
        c.dep_ == "appos" and c.like_num and c.i == noun.i + 2 and noun.nbor(1).text == "," for c in noun.children
    )


def is_partitive(noun: Token) -> bool:
    """ "two of them", "one of whom": a part of a group told elsewhere in the sentence."""
    return any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.lower_ in _PARTITIVE_OF for g in c.children)
        for c in noun.children
    )


def _leading_number(noun: Token) -> int | None:
    """A numeral opening the noun's phrase that the parser hung elsewhere in it: "six IS militants",
    "20+ fighters", or on a sibling it split the phrase into ("20 IS" + "militants")."""
    front = split_front(noun)
    start = front.left_edge.i if front is not None else noun.left_edge.i
    for tok in noun.doc[start : noun.i]:
        if not tok.like_num or tok.ent_type_ not in ("CARDINAL", ""):
            continue
        path = [a for a in tok.ancestors if a.i < noun.i and a.i >= start]
        if any(a.dep_ in ("prep", "pobj", "poss", "relcl", "acl") for a in (tok, *path)):
            return None  # "the 12 soldiers' commander", "men of the 3 brigades"
        return number_of(tok)
    return None


_INDEFINITE = frozenset({"a", "an", "one"})


def opens_list_item(tok: Token) -> bool:
    """Whether ``tok`` opens an item of a list of victims: "a nurse", "one driver", "11 others"."""
    return tok.lower_ in _INDEFINITE or tok.like_num


def _listed_after(noun: Token) -> list[Token]:
    """The rest of a list the parser hung on its first item as an apposition: "a pastor, a
    teacher and 18 other persons" (pastor -appos-> teacher -conj-> persons). Only between
    indefinite items: "two people, a pastor and a teacher" names the two, it adds none."""
    if not any(c.dep_ == "det" and c.lower_ in _INDEFINITE for c in noun.children):
        return []
    for appos in (c for c in noun.children if c.dep_ == "appos"):
        later = [t for t in appos.conjuncts if t.i > appos.i]
        opens = appos.left_edge
        listed = opens.i > 0 and opens.nbor(-1).text == ","  # not "a student -- three rounds in the chest"
        if later and listed and opens_list_item(opens):
            return [appos, *later]
    return []


_SAYING = frozenset({"say", "tell", "report", "add", "confirm", "state"})


def _before_speakers(members: list[Token]) -> list[Token]:
    """The victims without the speakers the parser added to them: "killing him and two guards,
    police and a doctor said" (guards -conj-> police -conj-> doctor, then "said")."""
    doc = members[-1].doc
    after = members[-1].right_edge.i + 1
    if after >= len(doc) or doc[after].pos_ != "VERB" or doc[after].lemma_.lower() not in _SAYING:
        return members
    for k in range(len(members) - 1, 0, -1):
        start = members[k].left_edge.i
        if doc[start - 1].text == ",":
            return members[:k]
    return members


def _same_person(earlier: Token, later: Token) -> bool:
    """ "a tribal elder and former jihadi": one person described twice, the second word with no
    determiner, number or name of its own. A shared "the" or possessive usually covers two
    people ("the governor and police chief", "his son and daughter")."""
    return (
        earlier.tag_ == "NN"
        and later.tag_ == "NN"
        and not any(c.dep_ in ("det", "poss", "nummod") for c in later.children)
        and not any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ not in ("a", "an")) for c in earlier.children)
    )


def _names_listed(noun: Token) -> list[Token]:
    """More people named in a list the parser bent out of shape: "Rezan Serekani, Jiyanda Kobani,
    and Khwinda Kobani" (the middle name an apposition of the first), "Michael Israel from
    California and Anton Leschek from Bielefeld" (the second name joined to "California")."""
    if noun.pos_ != "PROPN":
        return []
    found: list[Token] = []
    later_conj = [c for c in noun.children if c.dep_ == "conj"]
    if later_conj:
        found += [c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i < later_conj[0].i]
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "from"):
        for place in (g for g in prep.children if g.dep_ == "pobj"):
            found += [t for t in place.conjuncts if t.i > place.i and t.ent_type_ == "PERSON"]
    return found


def _before_own_verb(members: list[Token]) -> list[Token]:
    """The victims without a later item that is the subject the parser took from its own verb:
    "shot dead a policeman and a boy ... and eight people were wounded" (people -conj-> boy,
    "were wounded" left with no subject)."""
    doc = members[0].doc
    for k, member in enumerate(members[1:], start=1):
        after = member.right_edge.i + 1
        if after >= len(doc):
            break
        verb = doc[after].head if doc[after].dep_ in ("aux", "auxpass") else doc[after]
        subjectless = not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)
        if verb.pos_ == "VERB" and verb.i > member.i and subjectless and doc[after].lemma_.lower() not in _SAYING:
            return members[:k]
    return members


def count_group(noun: Token) -> int | None:
    """Sum over coordinated victims: "two policemen and three militants" -> 5."""
    members = [noun, *(t for t in noun.conjuncts if t.i > noun.i)]
    if len(members) == 1:
        members += _listed_after(noun)
    members = sorted([*members, *_names_listed(noun)], key=lambda t: t.i)
    members = _before_own_verb(_before_speakers(members))
    members = [m for k, m in enumerate(members) if k == 0 or not _same_person(members[k - 1], m)]
    counts = [count_one(m) for m in members]
    known = [c for c in counts if c is not None]
    if not known:
        return None
    if len(members) > 1 and all(_singular(m) for m in members):
        return len(members) if all(c == 1 for c in counts) else sum(known)
    return sum(known)
