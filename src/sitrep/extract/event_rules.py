"""The event lexicon: trigger rules, cue word sets and ACLED's taxonomy, loaded from data files.

Everything here is immutable once loaded; an :class:`EventLexicon` is built once and shared by
every document an :class:`~sitrep.extract.events.EventDetector` sees.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from sitrep.resources import read_tsv

# Resolver names used in the ``sub`` column of event_triggers.tsv instead of a fixed sub-event type.
# Word sets of the detector (events.py).
ROBBABLE = frozenset({"Battles", "Explosions/Remote violence"})
# PLOVER's event types (the codebook's list, as in its gold-standard records).
PLOVER_EVENTS = frozenset(
    {
        "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "INVESTIGATE", "DEMAND",
        "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT", "FIGHT",
    }
)  # fmt: skip
HOSTILE = frozenset({"ASSAULT", "FIGHT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST", "THREATEN"})
COOPERATIVE = frozenset({"SUPPORT", "AID", "COOPERATE", "CONSULT"})
MODALS = frozenset({"will", "shall", "would", "could", "might", "may", "should", "must", "can", "'ll", "wo", "ca"})
AGGREGATE_CAUSES = frozenset({"war", "conflict", "crisis", "insurgency", "violence", "unrest", "fighting"})
ARREST_WORDS = frozenset({"arrest", "detain", "nab", "apprehend", "book", "remand", "charge", "custody"})
KILLING = frozenset({"kill", "execute", "massacre", "murder", "behead", "slaughter"})
MOB_AGENTS = frozenset({"mob", "crowd", "villager", "resident", "youth", "vigilante", "rioter"})
SECURITY = frozenset(
    {
        "police", "policeman", "security", "force", "soldier", "troop", "army", "officer", "guard", "gendarme",
        "gendarmerie",
    }
)  # fmt: skip
# Victims whose presence makes state violence the repression of a riot ("troops shot stone-throwing rioters").
RIOTERS = frozenset({"rioter", "stone-thrower", "stone-throwing", "riot"})
# Civilian sides of a clash with police: a riot, not an armed clash ("youths clashed with police").
# (clans, tribes and herders count as communal militias: their fights are armed clashes)
UNARMED_SIDES = frozenset(
    """youth opponent villager resident student supporter worker fan crowd group people member activist
    inmate prisoner gang settler anarchist mob rioter demonstrator protester man woman christian muslim
    hindu sikh buddhist""".split()  # noqa: SIM905
)
# Words that report rather than assert: an allegation is still coded, with lower confidence.
ALLEGATION = frozenset({"accuse", "allege", "claim", "blame", "charge", "suspect"})
SPECULATIVE = frozenset({"could", "might", "may"})
OBLIGATION_MODALS = frozenset({"must", "should", "ought"})
# PLOVER types whose clausal complement is their content, not a further event ("urged X to withdraw").
CONTENT_TAKING = frozenset({"DEMAND", "AGREE", "REJECT", "THREATEN"})

RESOLVERS = frozenset({"@violence", "@explosive", "@capture", "@protest"})
COND_KEYS = frozenset({"obj", "head", "near", "prt", "notnear", "generic"})
POS_TAGS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "V": frozenset({"VERB", "AUX"}),
        "N": frozenset({"NOUN", "PROPN"}),
        "A": frozenset({"ADJ"}),
        "*": frozenset({"VERB", "AUX", "NOUN", "PROPN", "ADJ", "ADV", "X"}),
    }
)

# Words that tell who holds ground and what a military target is (EventDetector._capture/_violence).
STATE_WORDS = frozenset(
    {"army", "troop", "soldier", "military", "government", "force", "police", "guard", "marine", "navy"}
)
NONSTATE_WORDS = frozenset(
    {
        "rebel",
        "militant",
        "insurgent",
        "jihadist",
        "fighter",
        "militia",
        "militiaman",
        "guerrilla",
        "gunman",
        "separatist",
        "extremist",
        "islamist",
        "terrorist",
        "faction",
        "group",
        "isis",
        "isil",
        "taliban",
        "nusra",
        "qaeda",
        "shabab",
        "jaysh",
        "jabhat",
        "ahrar",
        "harakat",
        "fsa",
        "sdf",
        "ypg",
        "pkk",
        "farc",
        "mujahideen",
        "islamic",
    }
)
RETAKE_LEMMAS = frozenset({"recapture", "retake", "regain", "liberate"})
# Verbs that take ground (unlike "storm", which only says an assault happened).
TAKE_LEMMAS = RETAKE_LEMMAS | {"capture", "seize", "take", "overrun", "occupy"}
MILITARY_TARGETS = frozenset(
    {
        "base",
        "post",
        "checkpoint",
        "position",
        "barrack",
        "barracks",
        "convoy",
        "patrol",
        "outpost",
        "garrison",
        "tank",
        "vehicle",
        "station",
        "headquarters",
        "unit",
    }
)


@dataclass(frozen=True)
class AcledType:
    sub_event_type: str
    event_type: str
    disorder_type: str
    plover_event: str | None
    plover_mode: str | None


@dataclass(frozen=True)
class Condition:
    key: str  # obj | head | near | prt | notnear
    values: frozenset[str]


@dataclass(frozen=True)
class TriggerRule:
    lemmas: tuple[str, ...]
    pos: str  # V | N | A | *
    sub: str | None  # ACLED sub-event type, a resolver (@violence ...) or None
    plover: str
    mode: str | None
    context: str | None
    conditions: tuple[Condition, ...]
    generic: bool
    weight: float

    @property
    def is_specific(self) -> bool:
        return any(c.key != "notnear" for c in self.conditions)

    @property
    def is_resolver(self) -> bool:
        return self.sub in RESOLVERS


@dataclass(frozen=True)
class EventLexicon:
    """Trigger rules indexed by first lemma, cue sets and the ACLED taxonomy."""

    rules: Mapping[str, tuple[TriggerRule, ...]]
    cues: Mapping[str, frozenset[str]]
    acled: Mapping[str, AcledType]

    @classmethod
    def load(
        cls,
        *,
        triggers: str = "event_triggers.tsv",
        cues: str = "event_cues.tsv",
        acled: str = "acled_types.tsv",
    ) -> EventLexicon:
        cue_sets = {row["set"]: frozenset(row["lemmas"].split()) for row in read_tsv(cues)}
        taxonomy = {row["sub_event_type"]: _acled_row(row) for row in read_tsv(acled)}
        rules = [_rule(row, cue_sets, taxonomy) for row in read_tsv(triggers)]
        return cls.from_rules(rules, cue_sets, taxonomy)

    @classmethod
    def from_rules(
        cls,
        rules: Iterable[TriggerRule],
        cues: Mapping[str, frozenset[str]],
        acled: Mapping[str, AcledType],
    ) -> EventLexicon:
        index: dict[str, list[TriggerRule]] = defaultdict(list)
        for rule in rules:
            index[rule.lemmas[0]].append(rule)
        # Multi-word readings first, then readings with positive conditions, then bare ones (an
        # exclusion alone does not make a reading specific): the most specific reading of a word
        # wins. ``sorted`` is stable, so file order breaks ties.
        ordered = {
            key: tuple(sorted(rows, key=lambda r: (-len(r.lemmas), not r.is_specific))) for key, rows in index.items()
        }
        return cls(MappingProxyType(ordered), MappingProxyType(dict(cues)), MappingProxyType(dict(acled)))

    def cue(self, name: str) -> frozenset[str]:
        return self.cues.get(name, frozenset())

    def instrument(self, lemmas: frozenset[str]) -> str | None:
        """The sub-event type that the weapon named in a sentence implies, if any."""
        cue = self.cue
        if lemmas & {"tear", "teargas"}:
            lemmas = lemmas - {"gas", "tear"}  # tear gas is riot control, not a chemical weapon
        if lemmas & (cue("chemical") - {"gas"}) or ("gas" in lemmas and lemmas & {"attack", "weapon", "bomb", "shell"}):
            return "Chemical weapon"
        if lemmas & cue("suicide") and lemmas & (cue("explosive") | {"attack", "attacker", "bomber", "vest"}):
            return "Suicide bomb"
        aircraft = lemmas & cue("air")
        if {"barrel", "bomb"} <= lemmas:
            aircraft |= {"barrel"}  # barrel bombs are dropped from helicopters
        if aircraft == {"bomber"} and lemmas & {"detonate", "belt", "vest", "blow", "himself", "herself"}:
            aircraft = set()  # "the bomber detonated his belt": a person, not a plane
        if aircraft and not lemmas & {"shoot", "intercept"}:
            return "Air/drone strike"
        if lemmas & cue("shell"):
            return "Shelling/artillery/missile attack"
        if lemmas & cue("grenade"):
            return "Grenade"
        if lemmas & (cue("explosive") - {"device"}):
            return "Remote explosive/landmine/IED"
        return None

    def explosive(self, lemmas: frozenset[str]) -> str:
        """The kind of an explosion: a remote explosive unless the sentence names another means."""
        kind = self.instrument(lemmas)
        if kind in ("Suicide bomb", "Grenade", "Air/drone strike", "Chemical weapon"):
            return kind
        return "Remote explosive/landmine/IED"


def capture_kind(side: str | None, rule: TriggerRule, *, taker_told: bool = False) -> str:
    """Who took ground: ``side`` is the capturer's ("state", "nonstate" or None when no phrase
    says; ``territory.capturer_side``); ``taker_told``: the capture names a doer that could tell it."""
    # "took control", and an armed side driven out ("kicked government forces out of the town")
    takes = rule.lemmas[0] in TAKE_LEMMAS or "control" in rule.lemmas or rule.lemmas[-1] == "out"
    if side == "nonstate":  # "rebel forces", "the Free Syrian Army": the capturer decides
        return "Non-state actor overtakes territory" if takes or "back" in rule.lemmas else "Armed clash"
    if rule.lemmas[0] in RETAKE_LEMMAS or "back" in rule.lemmas:
        return "Government regains territory"  # "liberated", "recaptured": the state's wording
    if side == "state" and takes:
        return "Government regains territory"
    if takes and taker_told:
        # A taker no table knows ("the RRA", "Aidid's men", "they"): the state is named by its
        # country, forces or ministries, which the tables know, so the rest are most often armed
        # groups. With no doer at all ("was captured in June", or a parse that lost it), or a
        # country's people ("the Ethiopians"), the battle reading stays for a sentence model to
        # re-type (``territory.unknown_taker_told``).
        return "Non-state actor overtakes territory"
    return "Armed clash"


def _none(value: str | None) -> str | None:
    value = (value or "").strip()
    return None if value in ("", "-") else value


def _acled_row(row: Mapping[str, str | None]) -> AcledType:
    return AcledType(
        sub_event_type=str(row["sub_event_type"]),
        event_type=str(row["event_type"]),
        disorder_type=str(row["disorder_type"]),
        plover_event=_none(row.get("plover_event")),
        plover_mode=_none(row.get("plover_mode")),
    )


def _expand(values: str, cues: Mapping[str, frozenset[str]]) -> frozenset[str]:
    out: set[str] = set()
    for value in values.split("|"):
        if value.startswith("$"):
            if value[1:] not in cues:
                raise ValueError(f"unknown cue set {value!r} in event_triggers.tsv")
            out |= cues[value[1:]]
        elif value:
            out.add(value.lower())
    return frozenset(out)


def _rule(row: Mapping[str, str], cues: Mapping[str, frozenset[str]], taxonomy: Mapping[str, AcledType]) -> TriggerRule:
    sub = _none(row["sub"])
    if sub is not None and sub not in RESOLVERS and sub not in taxonomy:
        raise ValueError(f"unknown ACLED sub-event type {sub!r} for trigger {row['lemma']!r}")
    if row["pos"] not in POS_TAGS:
        raise ValueError(f"unknown pos {row['pos']!r} for trigger {row['lemma']!r}")
    conditions: list[Condition] = []
    generic = False
    for part in filter(None, (_none(p) for p in row["cond"].split(";"))):
        if part == "generic":
            generic = True
            continue
        key, _, values = part.partition("=")
        if key not in COND_KEYS:
            raise ValueError(f"unknown condition {key!r} for trigger {row['lemma']!r}")
        conditions.append(Condition(key, _expand(values, cues)))
    return TriggerRule(
        lemmas=tuple(row["lemma"].lower().split()),
        pos=row["pos"],
        sub=sub,
        plover=row["plover"],
        mode=_none(row["mode"]),
        context=_none(row["context"]),
        conditions=tuple(conditions),
        generic=generic,
        weight=float(row["weight"]),
    )
