"""What each casualty word of a sentence states: the kind (death or injury), the number and the
victim it counts (``facts_of``), read from the dependency tree, with the repairs that parser
errors common in wire copy need (objects hung on the wrong word, lists bent out of shape,
passive subjects given to an auxiliary). Which of these facts belong to an event, and how they
add up, is :mod:`sitrep.extract.counts`'s job; how many people a victim phrase stands for is
:mod:`sitrep.extract.victims`'.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from sitrep.extract.victims import (
    VAGUE_WORDS,
    count_group,
    count_one,
    is_partitive,
    number_of,
    numbered,
    opens_list_item,
    split_front,
)

_DEATH_VERBS = frozenset(
    {"kill", "murder", "slay", "execute", "assassinate", "behead", "massacre", "lynch", "slaughter"}
)
DIE_VERBS = frozenset({"die", "perish", "succumb"})
# killing verbs only with "down": "gunned down", "mowed down"
_DOWN_VERBS = frozenset({"gun", "mow"})
_INJURY_VERBS = frozenset({"wound", "injure", "hurt", "maim"})
_DEATH_NOUNS = frozenset({"death", "fatality", "dead"})
_INJURY_NOUNS = frozenset({"injury", "wounded", "injured"})
# every word facts_of looks at, to skip the rest of the sentence cheaply
KEYWORDS = _DEATH_VERBS | DIE_VERBS | _INJURY_VERBS | _DEATH_NOUNS | _INJURY_NOUNS | {
    "shoot", "toll", "life", "casualty", "dead", "injured", "wounded", "fatally", "lose", "body", "corpse",
    "corpses", *_DOWN_VERBS,
}  # fmt: skip

_CLAUSE_DEPS = frozenset({"conj", "parataxis", "advcl", "ccomp", "relcl", "acl", "csubj", "pcomp"})


@dataclass(frozen=True)
class Fact:
    kind: str  # "death" | "injury" | "both" (zero casualties)
    count: int | None
    keyword: Token
    victim: int | None  # token index of the victim noun, to avoid counting it twice
    toll: bool = False
    implied: bool = False  # a zero implied by "no one was hurt"
    fallback: bool = False  # a figure that stands only when no other is stated (a running total)


def first_child(tok: Token, *deps: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


_COMPASS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"})


def _worded(arg: Token) -> Token | None:
    """``arg``, or the noun before it when the parser made a bracket or stray mark the head of the
    phrase ("killed seven youths _ all aged 15 to 20", the "_" of a wire's dash): such a mark
    names nobody ("... province [eastern DRC] -- were beheaded")."""
    if arg.like_num or any(ch.isalpha() for ch in arg.text):
        return arg
    return next((c for c in arg.lefts if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")), None)


def _argument(verb: Token, *deps: str) -> Token | None:
    """The verb's subject or object in these relations, preferring a noun when the parser gave
    two ("South of Baghdad, 10 people were"), and the later of two that are one phrase the parser
    split ("17 IS militants were killed", "killed policeman Yacine Brahimi and his wife")."""
    subs = [w for c in verb.children if c.dep_ in deps and (w := _worded(c)) is not None]
    if len(subs) > 1:
        # "North of Baghdad, five civilians ... were killed": the fronted direction is a place
        subs = [c for c in subs if c.lower_ not in _COMPASS] or subs
    if len(subs) == 2 and subs[1].pos_ in ("NOUN", "PROPN"):
        front = split_front(subs[1])
        if front is not None and front.i == subs[0].i:
            return subs[1]
    # a noun before a pronoun: "Separately in Bajaur -- another of the districts -- a tribal elder
    # was killed", the fronted aside parsed as a second subject
    return next(
        (c for kinds in (("NOUN", "PROPN", "NUM"), ("PRON",)) for c in subs if c.pos_ in kinds),
        subs[0] if subs else None,
    )


# verbs that report or find a state of their subject: "were reported dead", "was found murdered"
_RAISING_HEADS = frozenset({
    "report", "fear", "find", "allege", "believe", "confirm", "presume", "say", "declare", "know", "think",
})  # fmt: skip


def _passive_argument(verb: Token) -> Token | None:
    """A passive verb's subject, also where the parser hung it on the auxiliary ("X was on Monday killed")."""
    subj = _argument(verb, "nsubjpass")
    if subj is None and any(c.dep_ == "auxpass" for c in verb.children):
        aux = next(c for c in verb.children if c.dep_ == "auxpass")
        subj = _argument(aux, "nsubj", "nsubjpass") or _argument(verb, "nsubj")
    if subj is None and any(c.dep_ == "auxpass" for c in verb.children):
        subj = _stranded_subject(verb)
    if subj is None:
        clause = first_child(verb, "csubjpass")  # "a motorist driving through the town was shot"
        subj = _argument(clause, "nsubj") if clause is not None else None
    if subj is None and verb.tag_ == "VBN":
        head = verb.head
        if verb.dep_ in ("advcl", "xcomp", "acomp", "ccomp") and head.lemma_ == "be" and head.i < verb.i:
            subj = _argument(head, "nsubj", "nsubjpass")  # "people were on Wednesday night killed", "were" the verb
        else:
            # the subject the parser gave a participle phrase before the verb ("nine fighters of IS
            # (also known as ISIS) were killed", "seven men invited for a meeting were killed" with the
            # participle tagged as a past tense): such a phrase has no subject of its own
            subj = next(
                (
                    s
                    for c in verb.children
                    if c.dep_ == "advcl" and c.tag_ in ("VBN", "VBD") and c.i < verb.i
                    and not any(a.dep_ in ("aux", "auxpass") for a in c.children)
                    and (s := _argument(c, "nsubjpass", "nsubj")) is not None
                ),
                None,
            )  # fmt: skip
    return subj


def _stranded_subject(verb: Token) -> Token | None:
    """The subject of a passive verb that the parser hung as an apposition on a word before it:
    "According to the agency Tasnim, colonel Kamal Shamsi of the Guards was killed", with the
    colonel read as another name of the agency. The apposition must end right before the
    auxiliary."""
    aux = next(c for c in verb.children if c.dep_ == "auxpass")
    if aux.i == 0 or aux.i < verb.sent.start + 1:
        return None
    before = aux.doc[aux.i - 1]
    for tok in (before, *before.ancestors):
        if tok.i == verb.i or tok.i > aux.i:
            return None
        if tok.dep_ == "appos" and tok.pos_ in ("NOUN", "PROPN") and tok.right_edge.i == aux.i - 1:
            return tok
    return None


def _raised_argument(word: Token) -> Token | None:
    """The subject a reporting verb lends its complement: "four were reported dead", "were feared killed"."""
    head = word.head
    if word.dep_ in ("xcomp", "oprd", "advcl", "ccomp", "acomp") and head.lemma_.lower() in _RAISING_HEADS:
        return _passive_argument(head)
    return None


def _victim_of_verb(verb: Token, lemma: str) -> Token | None:
    if lemma in DIE_VERBS:
        subj = _argument(verb, "nsubj", "nsubjpass")
        if subj is None and verb.dep_ == "conj":
            subj = _passive_argument(verb.head) or _argument(verb.head, "nsubj")  # "was shot and later died"
        return subj
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)  # "and three (were) wounded"
    if (
        verb.dep_ == "conj"
        and not own_subject
        and any(c.dep_ == "auxpass" for c in verb.head.children)
        and (verb.tag_ == "VBN" or (verb.tag_ == "VBD" and _argument(verb, "dobj") is None))
    ):
        # "the administrator was shot and killed": his subject, also where the tagger read the
        # second participle as a past tense ("was shot at close range and killed")
        return _passive_argument(verb.head)
    # "were reported killed" lends its subject; "are reported to have killed 36 people" does not
    raised = _raised_argument(verb) if verb.tag_ == "VBN" and first_child(verb, "dobj") is None else None
    passive = _passive_argument(verb) or raised
    if passive is not None:
        return passive
    obj = _argument(verb, "dobj")
    if obj is not None and verb.dep_ == "acl" and not any(c.dep_ == "auxpass" for c in verb.children):
        return obj  # "airstrikes killed 15 civilians" parsed as a reduced relative
    if any(c.dep_ == "auxpass" for c in verb.children) or (verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod")):
        if verb.dep_ in ("acl", "amod") and verb.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            return verb.head  # "three people killed in the attack"
        if verb.dep_ == "conj":
            # "a member ... was shot dead": the subject of the clause the verb is coordinated with
            return _argument(verb.head, "nsubjpass") or _argument(verb.head, "nsubj")
        return None
    obj = _argument(verb, "dobj")
    between = _between_count(verb)
    if between is not None and numbered(between) and (obj is None or not numbered(obj)):
        return between  # "killing between 160-200 members of X, Y and Z": the range, not the names
    subj = first_child(verb, "nsubj")
    if obj is None and subj is not None and verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children):
        return subj  # reduced passive: "three dead and 12 injured"
    if obj is None and verb.dep_ == "conj":
        obj = first_child(verb.head, "dobj")  # "killed and wounded dozens" shares its object
    if obj is None:
        obj = next((first_child(c, "dobj") for c in verb.children if c.dep_ == "conj" and first_child(c, "dobj")), None)
    if obj is None:
        # "killing 40 rebels hiding inside", parsed as a clause with the victims its subject
        clause = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.tag_ in ("VBG", "VBN")), None)
        obj = first_child(clause, "nsubj") if clause is not None else None
    if obj is None:
        obj = between
    if obj is None and subj is not None:
        obj = _object_parsed_away(verb)
    return obj


_NOT_VICTIM_ENTS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})


def _object_parsed_away(verb: Token) -> Token | None:
    """The object of an active killing verb that the parser hung elsewhere, often as the subject
    of a word it took for the main verb ("a coalition airstrike killed Abu Othman al-Afari, a
    commander in ISIS ranks", with "ranks" read as the verb): the phrase right after the verb."""
    doc = verb.doc
    j = verb.i + 1
    while j < len(doc) and (doc[j].lower_ in ("dead", "down") or doc[j].is_space):
        j += 1
    if j >= len(doc):
        return None
    head = doc[j]
    # up to the phrase's head, not into the word the parser took for a verb ("... ranks")
    while head.head.i != head.i and head.head.left_edge.i == j and head.head.i != verb.i and head.dep_ != "nsubj":
        head = head.head
    if head.left_edge.i != j or head.i in {a.i for a in verb.ancestors} or head.dep_ in ("prep", "advmod", "cc"):
        return None
    if head.pos_ not in ("NOUN", "PROPN", "NUM", "ADJ"):
        return None
    if head.ent_type_ in _NOT_VICTIM_ENTS and head.lower_ != "old":  # "a 14-year-old" is tagged DATE
        return None
    return head


def _between_count(verb: Token) -> Token | None:
    """The victims of "killing between eight and 13 people", parsed with "between" as a preposition."""
    between = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "between"), None)
    return first_child(between, "pobj") if between is not None else None


_ALONG = frozenset({"along", "together"})


def _in_clause_of(tok: Token, verb: Token) -> bool:
    """True when no clause with a subject of its own lies between ``tok`` and ``verb`` above it."""
    for above in tok.ancestors:
        if above.i == verb.i:
            return True
        if is_clause(above) and first_child(above, "nsubj", "nsubjpass") is not None:
            return False
    return False


def _listed_siblings(victim: Token) -> list[Token]:
    """The later items of a list the parser made several objects of one verb: "killing a nurse,
    a farmer and 11 other people" (nurse, farmer -conj-> people): each after a comma, the last
    one closing the list with "and"."""
    later = [c for c in victim.head.children if c.dep_ == victim.dep_ and c.i > victim.i]
    if not later or not any(c.dep_ == "cc" for c in later[-1].children):
        return []
    if not opens_list_item(victim.left_edge):
        return []  # "South of the city, four farmers and a soldier were killed": one group
    doc = victim.doc
    return later if all(c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == "," for c in later) else []


def _victims(verb: Token, victim: Token | None) -> int | None:
    """The people ``verb`` harmed: its victim group and those "along with" them.

    "was killed along with six other militants" -> 7; "killing him along with his two
    guards" -> 3; None when the victim gives no number.
    """
    if victim is None:
        return None
    count = count_group(victim)
    if count is None:
        return None
    if any(c.dep_ == "cc" for c in victim.children):
        # "seven militants as well as eight civilians", parsed as two subjects of the verb
        for other in victim.head.children:
            if other.dep_ == victim.dep_ and other.i > victim.i and (extra := count_group(other)) is not None:
                count += extra
    else:
        for other in _listed_siblings(victim):
            count += count_group(other) or 0
    # "along with" anywhere in the verb's own clause, wherever the parser hung it ("killed in
    # Tikrit airstrikes along with four of his escorts", "in the battle for Hit along with three")
    for prep in verb.subtree:
        if prep.lower_ == "with" and prep.i > 0 and prep.nbor(-1).lower_ in _ALONG and _in_clause_of(prep, verb):
            companions = first_child(prep, "pobj")
            extra = count_group(companions) if companions is not None else None
            return count + extra if extra is not None else count
    return count


def _toll_count(toll: Token) -> int | None:
    """The number a death toll reaches: "rose to 31", "stood at 31", "is 31", "of 31", "rose from 8 to 31"."""
    places = [toll, toll.head, *(c for c in toll.head.children if c.dep_ == "prep" and c.lower_ == "from")]
    for place in places:
        for child in place.children:
            if child.dep_ in ("prep", "agent") and child.lower_ in ("to", "at", "of"):
                obj = first_child(child, "pobj")
                if obj is not None and obj.like_num:
                    return number_of(obj)
            if place is not toll and child.dep_ in ("attr", "dobj", "npadvmod") and child.like_num:
                return number_of(child)
    return None


_INTENT_HEADS = frozenset({"attempt", "try", "plot", "plan", "threaten", "vow", "seek", "want", "aim", "intend"})


def _unrealised_or_vague(tok: Token) -> bool:
    """ "tried to kill", "an attempt to assassinate": no casualty; "killed or wounded": no split."""
    if tok.dep_ in ("xcomp", "acl") and tok.head.lemma_.lower() in _INTENT_HEADS:
        return True
    coordinated = [tok, tok.head] if tok.dep_ == "conj" else [tok]
    return any(c.dep_ == "cc" and c.lower_ == "or" for t in coordinated for c in t.children)


def sentence_facts(sent: Span) -> Iterator[Fact]:
    """Every casualty fact of the sentence's keywords, in order."""
    for tok in sent:
        if tok.lemma_.lower() in KEYWORDS or tok.lower_ in KEYWORDS:
            yield from facts_of(tok)


def facts_of(tok: Token) -> Iterable[Fact]:
    lemma = tok.lemma_.lower()
    lower = tok.lower_
    if tok.pos_ in ("VERB", "AUX") and _unrealised_or_vague(tok):
        return
    if lemma in _DOWN_VERBS and any(c.lower_ == "down" for c in tok.children):
        lemma = "kill"  # "gunned down", "mowed down"
    if tok.pos_ in ("VERB", "AUX") and (lemma in _DEATH_VERBS or lemma in DIE_VERBS or lemma in _INJURY_VERBS):
        kind = "injury" if lemma in _INJURY_VERBS else "death"
        victim = _victim_of_verb(tok, lemma)
        negated = any(c.dep_ == "neg" for c in tok.children)
        count = 0 if negated and victim is None else _victims(tok, victim)
        # "killed five, beheading two of them": the part stands only when no whole is stated
        part = victim is not None and is_partitive(victim)
        yield Fact(kind, count, tok, victim.i if victim is not None else None, fallback=part)
        if kind == "injury" and count == 0:
            yield Fact("death", 0, tok, None, implied=True)
    elif lemma == "shoot" and (
        any(c.lower_ == "dead" for c in tok.children)
        # "shot dead two Palestinians", "shot dead Hindu priest X", with "dead" parsed as an
        # adjective somewhere in the object: next to "shot", the idiom whatever the parse
        or (tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "dead" and tok.i in {a.i for a in tok.nbor(1).ancestors})
    ):
        victim = _victim_of_verb(tok, "kill")
        if victim is None and first_child(tok, "dobj") is None:
            victim = first_child(tok, "nsubj")  # a headline's reduced passive: "journalist shot dead in Baghdad"
        yield Fact("death", _victims(tok, victim), tok, victim.i if victim else None)
    elif lower == "dead" and tok.dep_ == "amod" and tok.i > tok.head.i:
        # "leaving nine people dead and 30 injured": the victims before the adjective; "six
        # residents, including two children, dead": the whole group, not the part it includes
        head = tok.head
        if head.dep_ == "pobj" and head.head.lower_ == "including" and head.head.head.pos_ in ("NOUN", "PROPN"):
            head = head.head.head
        victims = [head, *(c for c in head.conjuncts if c.i < tok.i)]
        counts = [count_one(v) for v in victims]
        total = sum(c for c in counts if c is not None) if any(c is not None for c in counts) else None
        yield Fact("death", total, tok, head.i)
    elif lower in ("dead", "injured", "wounded") and tok.pos_ in ("ADJ", "VERB") and tok.dep_ != "amod":
        # "left three people dead", "five were injured" parsed as an adjective
        if lower == "dead" and tok.head.lemma_.lower() == "shoot":
            return  # "shot dead": counted with "shoot"
        kind = "death" if lower == "dead" else "injury"
        if any(c.dep_ == "nummod" for c in tok.children):
            yield Fact(kind, count_one(tok), tok, tok.i)  # "left four dead"
            return
        victim = first_child(tok, "nsubj") or (
            first_child(tok.head, "dobj") if tok.dep_ in ("oprd", "ccomp", "xcomp") else None
        )
        victim = victim or _raised_argument(tok)
        if victim is None and tok.dep_ in ("acomp",):
            victim = first_child(tok.head, "nsubj")
        yield Fact(kind, count_group(victim) if victim is not None else None, tok, victim.i if victim else None)
    elif lower == "fatally" and tok.head.pos_ == "VERB" and tok.head.lemma_.lower() not in _DEATH_VERBS:
        verb = tok.head  # "was fatally shot", "fatally stabbed"
        victim = _victim_of_verb(verb, "kill")
        yield Fact("death", _victims(verb, victim), verb, victim.i if victim else None)
    elif (
        lemma == "death"
        and tok.head.lower_ == "to"
        and tok.head.head.pos_ == "VERB"
        and tok.head.head.lemma_.lower() not in _DEATH_VERBS
    ):
        verb = tok.head.head  # "shot to death", "clubbed him to death", "burnt to death two soldiers"
        victim = _victim_of_verb(verb, "kill")
        yield Fact("death", _victims(verb, victim), verb, victim.i if victim else None)
    elif (lemma == "body" or lower.startswith("corpse")) and tok.pos_ == "NOUN" and (dead := _bodies(tok)) is not None:
        yield Fact("death", count_one(dead), tok, dead.i)  # "the bodies of 17 villagers were recovered"
    elif lemma == "toll" and any(c.lower_ == "death" for c in tok.children):
        # "bringing the death toll to 149": a running total over more than this event
        running = tok.head.lemma_.lower() == "bring"
        yield Fact("death", _toll_count(tok), tok, None, toll=not running, fallback=running)
    elif lemma == "lose" and tok.pos_ == "VERB" and (lost := _lost_people(tok)) is not None:
        yield Fact("death", count_group(lost), tok, lost.i)  # "the rebels lost 23 fighters"
    elif (
        lemma == "life"
        and tok.head.lower_ == "of"
        and tok.head.head.lower_ in VAGUE_WORDS
        and (tok.head.head.head.lemma_ in ("lose", "claim", "take"))
    ):
        yield Fact("death", count_one(tok.head.head), tok, tok.head.head.i)  # "claimed dozens of lives"
    elif lemma == "life" and tok.head.lemma_ in ("lose", "claim", "take"):
        of = next((first_child(c, "pobj") for c in tok.children if c.lower_ == "of"), None)
        victim = of or first_child(tok.head, "nsubj") if tok.head.lemma_ == "lose" else of
        count = count_one(tok) if any(c.dep_ == "nummod" for c in tok.children) else None
        if count is None and victim is not None:
            count = count_group(victim)
        yield Fact("death", count, tok, victim.i if victim is not None else None)
    elif lemma in _DEATH_NOUNS | _INJURY_NOUNS and tok.pos_ in ("NOUN", "PROPN"):
        kind = "death" if lemma in _DEATH_NOUNS else "injury"
        of = next((first_child(c, "pobj") for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if tok.tag_ == "NN" and of is not None and numbered(of):
            yield Fact(kind, count_group(of), tok, of.i)  # "caused the death of six civilians"
            return
        yield Fact(kind, count_one(tok) if tok.tag_ != "NN" else _zero_only(tok), tok, tok.i)
    elif lemma == "casualty" and tok.pos_ == "NOUN" and _zero_only(tok) == 0:
        yield Fact("both", 0, tok, tok.i)


# what is done with the dead: "bodies were found", "recovered 12 corpses" (not "two government bodies")
_BODY_VERBS = frozenset({
    "find", "recover", "discover", "retrieve", "dump", "exhume", "unearth", "pull", "receive", "wash", "lie",
    "bring", "identify", "bury", "show", "remain", "collect",
})  # fmt: skip


def _bodies(noun: Token) -> Token | None:
    """The counted dead a "bodies"/"corpses" phrase states: the noun itself when numbered ("22
    bodies", "another 12 corpses"), or its "of" group ("the bodies of 17 villagers")."""
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    people = first_child(of, "pobj") if of is not None else None
    counted = people if people is not None and numbered(people) else noun if numbered(noun) else None
    if counted is None:
        return None
    verb = noun.head.head if noun.head.dep_ == "prep" else noun.head
    handled = verb.lemma_.lower() in _BODY_VERBS
    # ("corpses" is lemmatised "corps")
    return counted if noun.lower_.startswith("corpse") or people is not None or handled else None


def _lost_people(verb: Token) -> Token | None:
    """The counted people a side lost ("lost 23 fighters", "lost two of its men"), not "lost the town"."""
    obj = first_child(verb, "dobj")
    if obj is None or obj.lemma_.lower() == "life":
        return None
    return obj if numbered(obj) and count_one(obj) is not None else None


def _zero_only(tok: Token) -> int | None:
    return 0 if any(c.lower_ == "no" for c in tok.children) else None


def is_clause(tok: Token) -> bool:
    return tok.head.i == tok.i or (tok.dep_ in _CLAUSE_DEPS and tok.pos_ in ("VERB", "AUX"))


def clause_of(tok: Token) -> Token:
    while not is_clause(tok):
        tok = tok.head
    return tok
