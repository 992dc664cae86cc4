"""Event detection and typing: which sentences report an event that happened, and of what type.

Trigger words come from ``data/event_triggers.tsv`` (lemma, part of speech, conditions on the
dependency neighbourhood); each match is filtered (negation, denial, threat/plan/future,
conditionals, commemorations, sports, disasters), typed with ACLED's taxonomy and PLOVER, and
de-duplicated within its sentence. Build an :class:`EventDetector` once and call it per Doc.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from sitrep.extract.actor_lexicon import ActorLexicon, shared_lexicon
from sitrep.extract.devices import (
    IED,
    controlled_detonation,
    detonated_by,
    explosive_kind,
    made_safe,
    no_act_of_violence,
    self_detonation,
    would_be_bomber,
)
from sitrep.extract.event_classifier import (
    EventClassifier,
    apply_verdict,
    load_classifier,
    main_typed,
    revise,
    worth_reading,
)
from sitrep.extract.event_encoder import EventEncoder, load_event_encoder
from sitrep.extract.event_filters import (
    DocContext,
    GenericCues,
    Typed,
    at_a_workplace_mine,
    crowd_control,
    deduplicate,
    demands_valuables,
    describes_damage,
    doc_context,
    generic_statement,
    lethal_lemmas,
    military_exercise,
    outbreak_of_violence,
    plover_for,
    protest_kind,
    protest_modifier,
    remembers_the_dead,
    told_intoxicated,
    verbal_objection,
    workplace_mine,
    zero_outcome,
)
from sitrep.extract.event_modality import Modality, accidental, before_1950
from sitrep.extract.event_rules import (
    AGGREGATE_CAUSES,
    ALLEGATION,
    ARREST_WORDS,
    COOPERATIVE,
    HOSTILE,
    KILLING,
    MILITARY_TARGETS,
    MOB_AGENTS,
    RIOTERS,
    ROBBABLE,
    SECURITY,
    SPECULATIVE,
    EventLexicon,
    TriggerRule,
    capture_kind,
)
from sitrep.extract.event_syntax import (
    MELEE_VERBS,
    PLAIN_CROWDS,
    SEIZE_VERBS,
    Candidate,
    agents,
    anaphoric,
    captures_a_person,
    captures_nationals_or_officials,
    civic_defender,
    civilian_captives,
    civilian_clash,
    conditions_hold,
    depth,
    doers,
    has_dep_lemma,
    lemma,
    match,
    near_any,
    negated,
    noun_phrase_lemmas,
    patients,
    people_named_by_participle,
    riot_clash,
    self_inflicted,
    stative,
    told_disappeared,
    unarmed_doers,
    under,
    unmet_conditions,
)
from sitrep.extract.territory import capturer_side, settle_sides, unknown_taker_told
from sitrep.extract.types import EventMention

__all__ = ["EventDetector", "detect_events", "main_mention"]

NO_CONTEXT = DocContext(sports=False, robbery=False)
# people on the move because they must, whose "march" is no protest
UPROOTED = frozenset({"refugee", "displaced", "migrant", "evacuee", "pilgrim"})
PROTEST_CONTEXT = frozenset({"demand", "against", "chant", "slogan", "banner", "placard", "petition"})

# The readings of a trigger verb whose missing context the event encoder may make up for (see
# EventDetector._unmet): violence, fighting and captures, protests, arrests and destruction, and
# an agreement verb with a clause for its complement ("both sides agreed to halt all military
# operations": a clause the rules' word tests cannot read, no deal or truce named; the encoder
# vetoes a company's or a committee's, and it coded no non-event on dev, the train split or the
# speed articles), not one with an object the rules do read ("signed a decree"); not the other
# strategic verbs ("take", "set up", "withdraw") that news uses far more often for something
# else. Weaker readings (prior below this) are too often figurative to be worth a read.
ASKABLE_PLOVER = frozenset({"ASSAULT", "FIGHT", "PROTEST", "COERCE", "AGREE"})
ASKABLE_WEIGHT = 0.7
# Of the nouns only the strongest violent readings, the weapons themselves ("a bomb had been
# hidden under a cart", "the bicycle carrying the bomb"): a noun with no act near it is most
# often something else ("fire" a blaze, "operation" surgery, "arrest" a cardiac one).
ASKABLE_NOUN_WEIGHT = 0.85
WEAPON_PLOVER = frozenset({"ASSAULT", "FIGHT"})
# ... and not in a sentence about weapons found or handed in ("recovered rifles and grenades"): a cache
WEAPON_HAULS = frozenset({
    "seize", "confiscate", "find", "discover", "recover", "store", "stockpile", "cache", "collect",
    "surrender", "smuggle", "sell", "defuse", "dispose", "dismantle",
})  # fmt: skip
# The underworld's words: a gang's killing of an official, a judge or a reporter is political (our guide)
UNDERWORLD = frozenset(
    {"gangland", "gangster", "mafia", "mobster", "underworld", "hitman", "cartel", "narco", "trafficker"}
)
# Motives that make a killing ordinary crime whoever the victim (a quarrel, a feud, the underworld);
# weaker crime cues ("wife", "allegedly") do not outweigh the encoder's reading of the victim.
CRIME_MOTIVES = frozenset(
    {"dispute", "argument", "quarrel", "feud", "jealous", "jealousy", "drunk", "argue"} | UNDERWORLD
)  # "seen arguing with a taxi driver", a cartel boss's son
# Victims whose killing the guide calls political whoever did it: officials, the police, judges,
# politicians, reporters and activists
OFFICIAL_VICTIMS = frozenset({
    "official", "officer", "policeman", "police", "chief", "commander", "mayor", "governor", "minister",
    "politician", "lawmaker", "legislator", "congressman", "senator", "councillor", "councilman", "candidate",
    "judge", "prosecutor", "journalist", "reporter", "broadcaster", "editor", "activist",
})  # fmt: skip
POLICE = frozenset({"police", "policeman", "officer"})  # political cues (event_cues.tsv)
# A fight between armed sides named beside a capture of people: the guide codes the battle.
BATTLE_WORDS = frozenset({"clash", "ambush", "battle", "fighting", "firefight", "shootout", "gunbattle", "gunfight"})
# Readings of people or places taken: a criminal charge beside them makes them a police matter.
SEIZURES = frozenset({"@capture", "Arrests", "Abduction/forced disappearance"})
# Verbs whose patient is what was struck, never the weapon (EventDetector._violence).
STRIKING_VERBS = frozenset({"hit", "strike", "target", "attack", "ambush"})
# A fire as the doer of a killing tells a disaster (EventDetector._not_violence).
FIRE_NOUNS = frozenset({"fire", "blaze", "flame", "inferno"})
# Words that make a fire someone's act.
ARSON = frozenset({"arson", "arsonist", "torch", "petrol", "molotov", "firebomb", "set", "attacker", "gunman"})


class EncoderView(NamedTuple):
    """What ``EventDetector.encoder_view`` tells the event encoder of one sentence."""

    main: str | None  # the rules' main sub-event type
    crime: bool  # the rules found violent crime with no political side
    reads: bool  # the encoder reads it: to veto, re-type, or add where a candidate was dropped
    bare: bool = False  # no reading of the rules, or only ones a neighbouring word excluded: add on surer evidence


class EventDetector:
    """Finds and types event mentions in a parsed Doc (tagger, parser and lemmatizer needed).

    ``verbal``: also return PLOVER events outside ACLED's taxonomy (AGREE, DEMAND, THREATEN...).
    ``restatements``: also return, marked ``vetoed``, the mentions a sentence model judged no
    event of their own, so that an assembler can fold their sources and tolls into the
    incident they retell (with ``verbal`` they are returned, marked, in any case).
    ``crime``: return violent crime without a political side (ACLED fields None, context crime).
    ``min_confidence``: drop mentions below this confidence.
    ``classifier``: the sentence classifier that re-types or vetoes the rules' typing (True: the
    packaged one; False or None: rules only).
    ``actors``: the actor tables that tell a capturing force's side (default: the shared ones).
    ``embedder``: the fine-tuned event encoder (issue #4, ``extract/event_encoder.py``), used
    instead of ``classifier`` (True, the default: the packaged one; False or None: off, the
    lexical classifier types). It reads the sentences ``encoder_view`` picks: where the rules
    found an event (to veto or re-type it), where they dropped a candidate only for a reason
    a sentence model can judge (to add one), and, when the encoder's thresholds name one
    (``new_bare``), where they had no reading, or only ones a neighbouring word excluded (to add
    one, on surer evidence).
    """

    def __init__(
        self,
        lexicon: EventLexicon | None = None,
        *,
        verbal: bool = True,
        restatements: bool = False,
        crime: bool = True,
        min_confidence: float = 0.3,
        classifier: EventClassifier | bool | None = True,
        embedder: EventEncoder | bool | None = True,
        actors: ActorLexicon | None = None,
    ) -> None:
        self.lexicon = lexicon if lexicon is not None else EventLexicon.load()
        self.actors = actors if actors is not None else shared_lexicon()  # who takes ground (territory.py)
        self.classifier = load_classifier() if classifier is True else (classifier or None)
        # classifier=False asks for the rules alone (as the training scripts do): no encoder either
        self.embedder = (load_event_encoder() if classifier else None) if embedder is True else (embedder or None)
        self.verbal = verbal
        self.keep_vetoed = verbal or restatements
        self.crime = crime
        self.min_confidence = min_confidence
        cue = self.lexicon.cue
        self._sports = cue("sports")
        self._disaster = cue("disaster")
        self._exercise = cue("exercise")
        self._less_lethal = cue("lesslethal")
        self._violent_crowd = cue("violentdemo")
        self._political = cue("political") | cue("armed")
        self._weapons = cue("weapon") | cue("shell") | cue("air") | cue("firearm")
        self._crime_cues = cue("crime")
        self._denial_obj = cue("denialobj")
        self._armed = cue("armed")
        self._civilian = cue("civilian")
        self._protest = cue("protest")
        self._organised = cue("protest") - cue("mobagent") - {"crowd", "striker"}
        self._mob = cue("mobagent")
        self._zero = cue("zero")
        self._perception = cue("perception")
        self._robbery = cue("robbery")
        self._combat = cue("combat")
        self._crime_arrest = cue("crimearrest") | self._crime_cues
        self._criminal_charge = cue("crimearrest")
        self._political_arrest = cue("politicalarrest")
        # In a match report "shot", "guard" and "unit" are football words, not weapons or forces.
        self._hard_weapons = (self._weapons | self._armed | {"dead", "death", "murder", "wound"}) - {
            "shot",
            "guard",
            "unit",
            "patrol",
            "force",
        }
        self._generic = GenericCues(
            aggregate=cue("aggregate"),
            habitual_mod=cue("habitualmod"),
            habitual_adv=cue("habitualadv"),
            quantity=cue("quantity"),
            trend=cue("trend"),
        )
        self.modality = Modality.from_lexicon(self.lexicon)
        self._context_cues = {"sports": self._sports, "combat": self._combat, "robbery": self._robbery}

    def __call__(self, doc: Doc) -> list[EventMention]:
        mentions: list[EventMention] = []
        last_seen: dict[str, int] = {}  # sub-event type -> sentence where it was last reported
        context = self.context_of(doc)
        sents = list(doc.sents)
        per_sentence = [self.sentence_events(sent, index, context) for index, sent in enumerate(sents)]
        if self.embedder is not None:
            per_sentence = self._embedding_revise(sents, per_sentence, context)
        elif self.classifier is not None:
            per_sentence = [
                revise(sent, index, found, self.classifier, self.lexicon.acled, keep_vetoed=self.keep_vetoed)
                for index, (sent, found) in enumerate(zip(sents, per_sentence, strict=True))
            ]
        for index, found in enumerate(per_sentence):
            found = settle_sides(sents[index], found, self.actors, self.lexicon.acled)
            for m in found:
                if m.sub_event_type and anaphoric(doc[m.trigger]) and index - last_seen.get(m.sub_event_type, -9) <= 2:
                    continue  # "The mine had been laid by ...": the event of a sentence or two before
                if m.sub_event_type:
                    last_seen[m.sub_event_type] = index
                mentions.append(m)
        return mentions

    def context_of(self, doc: Doc) -> DocContext:
        """What the whole article says that one sentence may not (a match report, a robbery)."""
        return doc_context(doc, self._context_cues)

    def encoder_view(self, sent: Span, found: list[EventMention], context: DocContext = NO_CONTEXT) -> EncoderView:
        """What the event encoder is told of a sentence and whether it reads it: the rules' main
        sub-event type, their crime flag, and ``reads`` where they found an ACLED-typed or crime
        mention, or found none but dropped a candidate only for a reason a sentence model can
        judge too ("two soldiers were wounded": an outcome told without its event; "marched to
        mark the anniversary"). A sentence whose candidates fell to a denial, a negation, a plan,
        a drill, a match report or a disaster is not read: there the rules know more than a
        reading of the sentence alone. ``bare``: the rules found nothing, and had no reading to
        drop or only ones a neighbouring word excluded ("the two sides signed a peace deal", "a
        mass grave was found"): nothing of theirs to overrule, so an encoder may add an event on
        surer evidence. The training script asks the same question."""
        main = main_typed(found, sent)
        crime = any("crime" in m.plover_context for m in found)
        if main is None and crime and self._crime_told(sent, context, found):
            return EncoderView(None, True, False)  # "shot dead during a robbery": the rules read the motive
        if main is not None or crime or (self.embedder is not None and self.embedder.every_sentence):
            return EncoderView(main.sub_event_type if main else None, crime, True)
        # Only a candidate that could have carried an ACLED type counts: a sentence whose only
        # trigger is a verbal one ("met", "urged") is not worth a forward pass. Where the rules
        # found a PLOVER-only event they typed it so on purpose (a denial, a threat, an agreement
        # "to postpone the rally"); only a violent, capture, protest or arrest verb they
        # passed over for want of context ("was captured ... after a crackdown") still gets the
        # sentence read, an agreement verb only where they found nothing.
        candidates = (
            [c for c in self._unmet(sent) if c.rule.plover != "AGREE"]
            if found
            else (*self._candidates(sent), *self._unmet(sent))
        )
        acled = [c for c in candidates if c.rule.sub is not None]
        # Bare: no reading of the rules at all, or only ones a neighbouring word excluded
        # ("notnear": crude, so the encoder may judge them) and none for a reason it must not
        # overrule ("an earthquake killed 30": the disaster's).
        excluded = [] if found or acled else list(self._excluded(sent))
        if not acled and not excluded:
            return EncoderView(None, False, False, bare=not found)
        lemmas = lethal_lemmas(sent, self._less_lethal)
        readable = any(not self._ruled_out(c, sent, lemmas, context) for c in acled)
        bare = not found and not acled and not any(self._ruled_out(c, sent, lemmas, context) for c in excluded)
        return EncoderView(None, False, readable, bare=bare)

    def _excluded(self, sent: Span) -> Iterator[Candidate]:
        """ACLED-typed readings of the sentence's verbs and nouns that a neighbouring word
        excluded (a ``notnear`` condition unmet)."""
        for tok in sent:
            for rule in self.lexicon.rules.get(lemma(tok)) or self.lexicon.rules.get(tok.lower_) or ():
                cand = match(rule, tok, sent) if rule.sub is not None else None
                if cand is not None and any(c.key == "notnear" for c in unmet_conditions(cand)):
                    yield cand

    def _criminal_case(self, others: frozenset[str], lemmas: frozenset[str]) -> bool:
        """Whether a capture is told with an ordinary crime's charge (drugs, a cartel, a theft,
        laundering) and no political or militant word: a criminal arrest, no ACLED event. Only
        charge words count: a "dispute" or a "husband" tells a killing's motive, not an arrest's."""
        return bool(others & self._criminal_charge) and not lemmas & self._political_arrest

    def _crime_told(self, sent: Span, context: DocContext, found: list[EventMention]) -> bool:
        """Whether the sentence (or its article) names an ordinary crime's motive or setting (a
        robbery, a quarrel, a drug gang): a crime verdict resting on that is not the encoder's to
        overrule, while one resting only on no political side being named is. A gang named as the
        killer of an official, a judge or a reporter is no such motive: the encoder reads it."""
        lemmas = {lemma(t) for t in sent}
        if context.robbery or told_intoxicated(sent):
            return True  # a drunk soldier's shooting is crime however martial the sentence
        motives = lemmas & (self._robbery | CRIME_MOTIVES)
        if motives and motives <= UNDERWORLD and _officials_killed(sent, found):
            return False  # "a local reporter was killed by hitmen of a drug cartel"
        return (bool(motives) or demands_valuables(sent)) and not lemmas & self._combat

    def _unmet(self, sent: Span) -> Iterator[Candidate]:
        """Trigger verbs and weapon nouns the rules passed over only because a condition they look
        for was missing ("was captured in 1992": no militant named as the one captured; "marched
        through the city": no protest word near): a violent, capture, protest or arrest reading, or
        an agreement told in a clause, whose own word matched and whose exclusions (``notnear``)
        did not fire. The event encoder judges these from the whole sentence; on the held-out train
        sentences they carried most of the events it typed right that the shipped policy never
        showed it."""
        hauls = any(lemma(t) in WEAPON_HAULS for t in sent)
        for tok in sent:
            if tok.pos_ != "VERB" and (tok.pos_ != "NOUN" or hauls):
                continue
            rules = self.lexicon.rules.get(lemma(tok)) or self.lexicon.rules.get(tok.lower_) or ()
            for rule in rules:
                cand = match(rule, tok, sent)
                if cand is None:
                    continue
                unmet = unmet_conditions(cand)
                if not unmet:
                    break  # a reading that holds: a candidate of the rules themselves
                if (
                    rule.sub is not None
                    and rule.plover in ASKABLE_PLOVER
                    and (tok.pos_ == "VERB" or rule.plover in WEAPON_PLOVER)
                    and (rule.plover != "AGREE" or _takes_a_clause(tok))  # see ASKABLE_PLOVER
                    and rule.weight >= (ASKABLE_WEIGHT if tok.pos_ == "VERB" else ASKABLE_NOUN_WEIGHT)
                    and all(c.key != "notnear" for c in unmet)
                ):
                    # every such reading, not the first only: "the air force continued its campaign,
                    # striking several sites" is no strike of workers (ruled out: armed strikers)
                    # but may be an air strike
                    yield cand

    def _ruled_out(self, cand: Candidate, sent: Span, lemmas: frozenset[str], doc_ctx: DocContext) -> bool:
        """Whether the rules dropped ``cand`` for a reason the sentence model must not overrule."""
        tok = cand.token
        if self.modality.denied(tok) or self.modality.content(tok) or zero_outcome(tok, self._zero) or negated(tok):
            return True
        if remembers_the_dead(tok):
            return True  # the dead remembered ("justice for those killed in last month's crackdown"): told before
        if before_1950(tok):
            return True  # a long-past war, whatever the sentence model reads in it
        if people_named_by_participle(tok):
            return True  # "The wounded were taken to hospital": an outcome's people, no act to type
        if self_inflicted(tok):
            return True  # "the gunman shot himself": a suicide, whatever else the sentence tells
        if no_act_of_violence(tok, cand.rule.sub, cand.rule.plover):
            return True  # a missile or nuclear test, a demolition, old or stockpiled ordnance cleared
        if cand.rule.sub in SEIZURES and self._criminal_case(lemmas - set(cand.rule.lemmas), lemmas):
            return True  # "the fugitive was captured ... on drug charges": the rules read the charge
        if cand.rule.sub == "@protest" and {lemma(a) for a in agents(tok)} & self._armed:
            return True  # "150,000 soldiers marched down the avenue": a parade, not a protest
        if cand.rule.sub == "@protest" and self._fleeing_march(tok, lemmas):
            return True
        if cand.rule.sub == "@protest" and (
            verbal_objection(tok, self._protest) or protest_modifier(tok, self._protest)
        ):
            return True  # "the ministry protested the detention": the rules read who objected
        # any candidate's words, not only violent ones: the model would add a violent event
        return self._not_violence(cand, sent, lemmas, doc_ctx, any_rule=True) or self.modality.irrealis(tok) is not None

    def _crowd_did(self, tok: Token) -> bool:
        """Whether a crowd did ``tok``: a mob, rioters, youths, villagers or residents, also "hundreds
        of youths" and the subject of the verb a participle hangs on ("youths went on the rampage,
        setting fire to shops"); not men said to be armed."""
        doers = unarmed_doers(tok, through=("conj", "advcl", "xcomp"), phrase=True)
        return bool(doers & (self._mob | MOB_AGENTS))

    def _fleeing_march(self, tok: Token, lemmas: frozenset[str]) -> bool:
        """A march of people fleeing ("refugees marched along dusty roads"), told with no demand,
        slogan or protest word: a flight, not a protest."""
        if lemma(tok) != "march" or (lemmas - {"march", "marcher"}) & (self._protest | PROTEST_CONTEXT):
            return False
        return bool({w for a in agents(tok) for w in noun_phrase_lemmas(a)} & UPROOTED)  # "thousands of refugees"

    def _not_violence(
        self, cand: Candidate, sent: Span, lemmas: frozenset[str], doc_ctx: DocContext, *, any_rule: bool = False
    ) -> bool:
        """War words telling a match, a disaster, an accident or a drill (``any_rule``: whatever the
        rule's kind)."""
        rule = cand.rule
        # destruction is a disaster's word as much as violence's ("homes destroyed in the quake")
        violent = rule.plover in ("ASSAULT", "FIGHT") or rule.sub in (
            "@violence",
            "@explosive",
            "@capture",
            "Looting/property destruction",
        )
        if not (violent or any_rule):
            return False
        if workplace_mine(cand.token) or at_a_workplace_mine(cand.token):
            return True  # a blast in a coal mine: an accident, whoever is said to look into it
        others = lemmas - set(rule.lemmas)
        sports = others & self._sports and any(lemma(t) in self._sports and not civic_defender(t) for t in sent)
        if (doc_ctx.sports or sports) and not lemmas & self._hard_weapons:
            return True  # a match report: "River's attack tore through the defence"
        # a fire as the doer ("a fire that engulfed the house, killing eight", "the blaze killed
        # six") is a disaster whoever died; "opened fire" and "set fire to" keep it an object
        if any(lemma(d) in FIRE_NOUNS and not _weapons_fire(d) for d in doers(cand.token)) and not (
            others - FIRE_NOUNS
        ) & (self._weapons | ARSON):
            return True
        # a disaster's word naming or describing a place ("the Industrial District", "an industrial
        # city") tells where, not what
        named = {lemma(t) for t in sent if _names_a_place(t)} - {lemma(t) for t in sent if not _names_a_place(t)}
        disaster = (others & self._disaster) - named
        if outbreak_of_violence(sent):
            disaster -= {"outbreak"}  # "clashes since the outbreak of violence": no epidemic
        protest = rule.sub == "@protest"  # people protest about disasters too ("to mark the anniversary of Chernobyl")
        if disaster and not protest and not others & (self._political | self._weapons) and not _aimed(rule, cand.token):
            return True  # disasters and accidents are not events
        if not protest and accidental(cand.token):
            return True  # said to be an accident, even with a weapon: "detonated an old shell by accident"
        return military_exercise(sent, self._exercise)  # a drill told in war words

    def _embedding_revise(
        self, sents: list[Span], per_sentence: list[list[EventMention]], context: DocContext
    ) -> list[list[EventMention]]:
        """Apply the event encoder to the sentences of one Doc it reads, encoded in one batch."""
        assert self.embedder is not None
        model = self.embedder
        picked: list[int] = []
        rules: list[tuple[str | None, bool]] = []
        bare: set[int] = set()
        for index, found in enumerate(per_sentence):
            view = self.encoder_view(sents[index], found, context)
            if view.reads or (view.bare and model.reads_bare and self._worth_reading(sents[index], model)):
                picked.append(index)
                rules.append((view.main, view.crime))
                if view.bare:
                    bare.add(index)
        if not picked:
            return per_sentence
        verdicts = model.verdicts([sents[i].text for i in picked], rules)
        out = list(per_sentence)
        for index, verdict in zip(picked, verdicts, strict=True):
            out[index] = apply_verdict(
                sents[index],
                index,
                per_sentence[index],
                verdict,
                model.overrulable,
                model.params_for(bare=index in bare),
                self.lexicon.acled,
                keep_vetoed=self.keep_vetoed,
            )
        return out

    def _worth_reading(self, sent: Span, model: EventEncoder) -> bool:
        """The cheap first look at a sentence with no candidate of the rules: the lexical
        classifier's "no event" under the encoder's ``bare_gate`` (most such sentences are
        quotes and background; reading them all would cost the encoder's time on each)."""
        return self.classifier is None or worth_reading(self.classifier, sent, model.params.get("bare_gate", 1.1))

    # -- one sentence ---------------------------------------------------------------------------
    def sentence_events(self, sent: Span, sent_index: int, context: DocContext = NO_CONTEXT) -> list[EventMention]:
        lemmas = lethal_lemmas(sent, self._less_lethal)
        typed: list[Typed] = []
        candidates = list(self._candidates(sent))
        trigger_ids = {c.token.i for c in candidates}
        for cand in candidates:
            head = cand.token.head
            if head.dep_ == "prep" and head.lower_ == "with" and head.head.i in trigger_ids:
                continue  # "pounding positions with heavy fire": the means of the governing event
            result = self._type(cand, sent, sent_index, lemmas, context)
            if result is not None:
                typed.append(result)
        return [m for m in deduplicate(typed, sent.doc) if m.confidence >= self.min_confidence]

    def _candidates(self, sent: Span) -> Iterator[Candidate]:
        used: set[int] = set()
        for tok in sent:
            if tok.i in used or tok.is_punct or tok.is_space:
                continue
            rules = self.lexicon.rules.get(lemma(tok)) or self.lexicon.rules.get(tok.lower_)
            for rule in rules or ():
                cand = match(rule, tok, sent)
                if cand is not None and conditions_hold(cand):
                    used.update(cand.tokens)
                    yield cand
                    break

    def _type(
        self, cand: Candidate, sent: Span, sent_index: int, lemmas: frozenset[str], doc_ctx: DocContext
    ) -> Typed | None:
        rule, tok = cand.rule, cand.token
        modality = self.modality
        if modality.denied(tok) or modality.commemorated(tok) or modality.content(tok) or zero_outcome(tok, self._zero):
            return None
        if rule.sub == "@protest" and verbal_objection(tok, self._protest):
            return None  # "France protested the plans": an objection, not a demonstration
        if rule.sub == "@protest" and protest_modifier(tok, self._protest):
            return None  # "demonstration permits", "protest leaders": a kind of thing, not a gathering
        if rule.sub == "@protest" and tok.dep_ == "pobj" and tok.head.lower_ == "in":
            act = next((a for a in tok.ancestors if a.pos_ == "VERB"), None)
            if act is not None and modality.irrealis(act):
                return None  # "would march ... to hand in permits in protest": the act it tells is not done yet
        if rule.sub is not None and generic_statement(tok, sent, self._generic):
            return None  # "have carried out waves of kidnappings": a pattern, not a datable event
        is_negated = negated(tok)
        if is_negated and not (rule.sub in (None, "Agreement") and rule.plover in COOPERATIVE | {"AGREE", "CONCEDE"}):
            return None
        if rule.lemmas[0] in self.modality.denial and (
            has_dep_lemma(tok, self._denial_obj | {"that"}) or any(c.pos_ == "VERB" for c in tok.children)
        ):
            return None  # "denied involvement", "denied targeting civilians": a denial, not a rejection event
        if rule.lemmas[0] == "warn" and any(
            c.dep_ == "ccomp" and any(g.dep_ == "aux" and g.lower_ in SPECULATIVE for g in c.children)
            for c in tok.children
        ):
            return None  # "agencies warn that an assault could ...": a forecast, not a threat
        if rule.generic and rule.lemmas[0] != "kill" and not agents(tok) and not self.lexicon.instrument(lemmas):
            return None  # "two soldiers were wounded": the outcome of an event reported elsewhere
        if rule.generic and {lemma(a) for a in agents(tok)} & AGGREGATE_CAUSES:
            return None  # "the war has killed thousands": a running toll, not an event
        if stative(tok) or (tok.dep_ == "amod" and rule.sub is None):
            return None  # "where the contingent is deployed", "territories liberated": a state, not an act
        if self._not_violence(cand, sent, lemmas, doc_ctx):
            return None
        if before_1950(tok):
            return None  # "was shot ... on Aug. 18, 1936": wars before 1950 are no event (bench/LABELLING.md)
        if self_inflicted(tok):
            return None  # "Hitler shot himself": a suicide
        others = lemmas - set(rule.lemmas)
        confidence = rule.weight
        plover, mode, context = rule.plover, rule.mode, rule.context
        sub = rule.sub
        irrealis = None if is_negated else self.modality.irrealis(tok)
        if is_negated:
            # PLOVER codes a refused or failed cooperation ("will not accept", "failed to agree") as REJECT.
            plover, mode, sub = "REJECT", None, None
        elif irrealis == "purpose" and plover not in ("PROTEST", "DEMAND", "DISAPPROVE"):
            return None  # "launched an operation to drive out X": the aim, not a further event
        elif irrealis == "hypothetical":
            return None  # "if it is attacked": neither an event nor an intention
        elif irrealis == "obligation":
            plover, mode, sub = "DEMAND", None, None  # "X said Y must withdraw": a demand on Y
            confidence *= 0.8
        elif irrealis == "conditional-threat":
            plover, mode, sub = "THREATEN", None, None  # "will withdraw unless ..."
            confidence *= 0.8
        elif irrealis and irrealis != "purpose":
            # Plans, threats, futures and conditionals are not events that happened; PLOVER codes
            # the intention itself: hostile intent as THREATEN, cooperative intent as AGREE.
            if plover in HOSTILE:
                plover, mode, sub = "THREATEN", None, None
            elif plover in COOPERATIVE | {"CONCEDE", "RETREAT"}:
                plover, mode, sub = "AGREE", None, None
            else:
                sub = None
            confidence *= 0.6
        elif under(tok, ALLEGATION):
            confidence *= 0.85
        crime = riot = False
        robbery = not lemmas & self._combat and (
            doc_ctx.robbery or bool(lemmas & self._robbery) or demands_valuables(sent)
        )
        if no_act_of_violence(tok, sub, plover):
            return None  # a nuclear or missile test, a demolition, old ordnance cleared
        if sub in ("@explosive", IED) and made_safe(tok):
            return None  # "defused a bomb planted near the station": the defusal's device
        verb = detonated_by(tok) if sub in ("@explosive", IED) else None
        if verb is not None and (controlled_detonation(verb) or self_detonation(verb)):
            return None  # "detonated an explosive device": the device of the event the verb tells
        if sub == "@explosive":
            sub = explosive_kind(tok, self.lexicon.explosive(lemmas), self.actors)
        elif sub == "@violence":
            # a crowd beating a suspected thief is mob justice, not the theft (ACLED: mob violence)
            doers = unarmed_doers(tok)
            crowd = doers & MOB_AGENTS or (lemma(tok) in MELEE_VERBS and doers & PLAIN_CROWDS)
            if robbery and not crowd:
                sub, crime = None, True
            else:
                sub, crime = self._violence(tok, sent, lemmas)
        elif sub == "@capture":
            if tok.dep_ == "amod":
                return None  # "the recently liberated city": a state, not an act
            if self._criminal_case(others, lemmas):
                return None  # "captured in Lima and faces fraud charges": a police matter
            side = capturer_side(tok, self.actors)
            if side != "state" and civilian_captives(tok):
                sub = "Abduction/forced disappearance"  # "X was captured with a translator and a driver"
            elif captures_a_person(tok):
                return None  # "Omar Haddad was captured in Yemen": the place is where, not what, was taken
            else:
                sub = capture_kind(side, rule, taker_told=unknown_taker_told(tok, self.actors))
        elif (
            sub in ("Arrests", "Abduction/forced disappearance")
            and {lemma(a) for a in agents(tok)} & (PLAIN_CROWDS | MOB_AGENTS)
            and others & (MELEE_VERBS | KILLING)
        ):
            return None  # "people of the commune captured a fighter and clubbed him to death": the mob's killing
        elif sub == "Arrests" and capturer_side(tok, self.actors) == "nonstate":
            sub = "Abduction/forced disappearance"  # "arrested by Islamist militants": a seizure
        elif sub == "Abduction/forced disappearance" and others & KILLING:
            sub = "Attack"  # killed and kidnapped in one incident: the killing takes precedence
        elif sub == "Abduction/forced disappearance" and rule.lemmas[0] in ("capture", "seize"):
            side = capturer_side(tok, self.actors)
            if side == "state":
                sub = "Arrests"  # soldiers or aid workers captured by state forces: the guide's arrest
            elif side is None and civilian_captives(tok):
                pass  # "Mastrogiacomo was captured ... with a translator and a driver": kidnapped
            elif side is None and (captures_a_person(tok) or captures_nationals_or_officials(tok)):
                # "Hamdan was captured at a roadblock in Afghanistan": a named person or "he" taken
                # by no named side is most often a wanted man arrested; only a named armed group
                # makes it an abduction ("was captured by the FARC", "by the insurgents")
                return None
            elif others & BATTLE_WORDS:
                sub = "Armed clash"  # "captured following a clash": captives taken in a battle
        elif sub == "@protest":
            if self._fleeing_march(tok, lemmas):
                return None
            sub = protest_kind(tok, lemmas, self.lexicon.cue, self._mob, self._organised)
            riot = sub == "Mob violence"
        elif sub == "Armed clash" and (
            near_any(tok, self._protest)
            or {w for a in agents(tok) for w in noun_phrase_lemmas(a)} & self._protest  # "hundreds of protesters"
        ):
            sub = "Violent demonstration"  # protesters clashing with police is a riot
        elif sub == "Armed clash" and riot_clash(tok, self._armed):
            sub, riot = "Violent demonstration", True  # "youths clashed with police"
        elif sub == "Armed clash" and civilian_clash(tok, self._armed):
            # rival supporters, gangs or communities fighting: a riot, violent if a protest is told
            sub, riot = ("Violent demonstration" if lemmas & self._protest else "Mob violence"), True
        elif sub == "Armed clash" and any(lemma(c) in ("communal", "ethnic") for c in tok.children):
            sub, riot = "Mob violence", True  # communal clashes between villages: no organised armed side
        elif sub == "Looting/property destruction":
            if describes_damage(tok, self._perception):
                return None  # "photographs showed cars burning": damage seen after a strike
            if {lemma(a) for a in agents(tok)} & (self._disaster | {"fire", "blaze", "flame"}):
                return None  # "the fire has destroyed 10 houses": a disaster, not an act
            if self._crowd_did(tok):
                # a crowd's arson is a riot, not a strategic development (our guide: "communal mobs
                # burning homes, shops or places of worship")
                sub = "Violent demonstration" if lemmas & self._organised else "Mob violence"
                riot = True
        if sub == "Arrests" and told_disappeared(sent):
            sub = "Abduction/forced disappearance"  # "... captured him, and he was never heard from again"
        seizing = sub in ("Arrests", "Abduction/forced disappearance") or rule.sub == "@capture"
        if seizing and lemma(tok) in SEIZE_VERBS and would_be_bomber(sent):
            sub = "Disrupted weapons use"  # a would-be bomber seized before the blast (our guide, ACLED)
        if sub == "Arrests" and others & self._crime_arrest and not lemmas & self._political_arrest:
            sub = None  # an arrest for murder or theft: ordinary crime, PLOVER COERCE only
        acled = self.lexicon.acled.get(sub) if sub else None
        if robbery and acled is not None and (acled.event_type in ROBBABLE or sub == "Attack"):
            acled, sub, crime = None, None, True  # a heist: violent crime, outside ACLED's taxonomy
        if crime:
            if not self.crime:
                return None
            plover = "ASSAULT"
            context_t: tuple[str, ...] = ("crime",)
        else:
            context_t = (context,) if context else ()
        if acled is not None:
            # a crowd's riot stays PROTEST (riot) whichever word reported it
            plover, mode = ("PROTEST", "riot") if riot else plover_for(acled, rule, plover, mode)
            if rule.generic:
                confidence *= 0.8
        elif not crime and not self.verbal:
            return None
        mention = EventMention(
            sent_index=sent_index,
            trigger=tok.i,
            event_type=acled.event_type if acled else None,
            sub_event_type=acled.sub_event_type if acled else None,
            disorder_type=acled.disorder_type if acled else None,
            plover_event=plover,
            plover_mode=mode,
            plover_context=context_t,
            confidence=round(max(0.0, min(1.0, confidence)), 3),
        )
        specificity = 0 if rule.generic else (2 if not rule.is_resolver else 1)
        return Typed(mention, rule.generic, specificity)

    # -- resolvers ------------------------------------------------------------------------------
    def _violence(self, tok: Token, sent: Span, lemmas: frozenset[str]) -> tuple[str | None, bool]:
        """Sub-event type of a generic violent act; second value True for plain crime."""
        if told_intoxicated(sent):
            return None, True  # whoever he serves, a drunk man's shooting is his own
        # what a verb of striking hit is no weapon of the act: "his jet was hit by a missile" is no
        # air strike (the patient of "fired", "launched" or "shot" is the weapon itself)
        struck = {lemma(p) for p in patients(tok)} if lemma(tok) in STRIKING_VERBS else set()
        instrument = self.lexicon.instrument(lemmas - {lemma(tok)} - struck)
        if instrument is not None:
            return instrument, False
        agent_words = {lemma(t) for t in agents(tok)}
        patient_words = {lemma(t) for t in patients(tok)}
        others = lemmas - {lemma(tok)}
        # a nationality or a named group as actor makes it political; a shop or a company named in passing does not
        actors = {t.i for t in (*agents(tok), *patients(tok))}
        # The police count as a side only as the ones who did it or had it done to them: as the
        # source of the report ("police said", "according to police station officials") or the
        # ones investigating they make no murder political.
        # ("shot by police": the parser often makes "by" a plain preposition, not the agent)
        by = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
        sides = (*agents(tok), *patients(tok), *by)
        police_sides = {w for t in sides for w in noun_phrase_lemmas(t)} & POLICE
        political = bool((others - POLICE) & self._political or police_sides) or any(
            e.label_ == "NORP" or (e.label_ == "ORG" and e.root.i in actors) for e in sent.ents
        )
        if agent_words & MOB_AGENTS:
            return "Mob violence", False  # a crowd's lynching ("beat to death a suspected thief") is a riot (ACLED)
        unarmed = unarmed_doers(tok)
        if lemma(tok) == "stone" and unarmed and not unarmed & (self._armed | SECURITY):
            # stones are a crowd's weapon: protesters' make a violent demonstration, anyone else's a mob
            return ("Violent demonstration" if unarmed & self._protest else "Mob violence"), False
        if lemma(tok) in MELEE_VERBS and unarmed & (PLAIN_CROWDS | MOB_AGENTS):
            # people, passengers or young men beating, clubbing or stoning someone: a crowd, no armed group
            return "Mob violence", False
        if others & self._crime_cues and not (others & (self._political - {"police", "policeman", "officer"})):
            return None, True
        if others & ARREST_WORDS and others & self._crime_arrest and not lemmas & self._political_arrest:
            return None, True  # "arrested for allegedly murdering his neighbour": a criminal case
        if not political:
            return None, True
        if crowd_control(tok, self._less_lethal) and (patient_words | others) & (self._protest | RIOTERS):
            # tear gas and stun grenades at a crowd: the protest is the event, violent if the crowd was
            return ("Violent demonstration" if others & self._violent_crowd else "Protest with intervention"), False
        if patient_words & self._protest and not agent_words - SECURITY:
            return "Excessive force against protesters", False  # "protesters were killed", "police shot protesters"
        # the state's hand: named as the doer, or, with no doer named, a crackdown or the security forces told
        state_hand = agent_words & SECURITY or (not agent_words and others & (SECURITY | {"crackdown"}))
        if state_hand and others & self._protest and not patient_words & self._armed:
            if others & (self._violent_crowd | {"storm"}) and not agent_words:
                return "Violent demonstration", False  # "shot as police fought a crowd trying to storm the gates"
            return "Excessive force against protesters", False  # "shot during a crackdown on a rally"
        if agent_words & SECURITY and others & RIOTERS:
            return "Violent demonstration", False  # troops firing on rioters: the riot is the event
        if patient_words & (self._armed | MILITARY_TARGETS):
            return "Armed clash", False
        return "Attack", False


def _takes_a_clause(verb: Token) -> bool:
    """Whether ``verb`` has a clause for its complement ("agreed to halt all military operations")."""
    return any(c.dep_ in ("xcomp", "ccomp") for c in verb.children)


def _officials_killed(sent: Span, found: list[EventMention]) -> bool:
    """Whether the victims of the sentence's crime mentions are officials, police, judges,
    politicians, reporters or activists ("the police chief was shot dead")."""
    for mention in found:
        if "crime" in mention.plover_context:
            victims = patients(sent.doc[mention.trigger])
            if {w for v in victims for w in noun_phrase_lemmas(v)} & OFFICIAL_VICTIMS:
                return True
    return False


# Places a disaster's word may describe ("an industrial city", "the industrial zone").
_PLACE_NOUNS = frozenset(
    {"city", "town", "area", "zone", "district", "estate", "park", "region", "hub", "suburb", "belt", "port"}
)


# "downed by ground fire", "killed by sniper fire": the fire of weapons, no blaze
_GUNFIRE_MODIFIERS = frozenset({
    "ground", "gun", "machine", "machinegun", "machine-gun", "anti", "anti-aircraft", "antiaircraft", "aircraft",
    "enemy", "hostile", "friendly", "sniper", "artillery", "mortar", "rocket", "tank", "automatic", "small", "arm",
})  # fmt: skip


def _weapons_fire(tok: Token) -> bool:
    return any(c.dep_ in ("compound", "amod", "nmod") and lemma(c) in _GUNFIRE_MODIFIERS for c in tok.children)


def _names_a_place(tok: Token) -> bool:
    """A word naming or describing a place ("the Industrial District", "an industrial city")."""
    return tok.pos_ == "PROPN" or (tok.dep_ in ("amod", "compound") and lemma(tok.head) in _PLACE_NOUNS)


# Means whose trigger tells someone aimed at someone ("shot two labourers", "stabbed a guard"):
# a disaster's word beside it ("at an aluminium factory") is where, not what, it happened.
_AIMED_MODES = frozenset({"firearms", "primitive"})


def _aimed(rule: TriggerRule, tok: Token) -> bool:
    """Whether ``tok`` is a shooting or stabbing done to someone: a verb of those means with an
    object or a passive subject (not "shot down" nor a fire "that killed")."""
    if rule.mode not in _AIMED_MODES or tok.pos_ != "VERB":
        return False
    if any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children):
        return False  # "shot down" an aircraft: a crash may follow
    return any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children)


def detect_events(
    doc: Doc,
    *,
    detector: EventDetector | None = None,
    verbal: bool = True,
    crime: bool = True,
) -> list[EventMention]:
    """Event mentions in ``doc``. Pass a ``detector`` built once when processing many Docs."""
    if detector is None:
        detector = EventDetector(verbal=verbal, crime=crime)
    return detector(doc)


def main_mention(doc: Doc, mentions: Iterable[EventMention]) -> EventMention | None:
    """The sentence's main event: the one a sentence model confirmed, else the mention closest to
    its sentence's root (ties: higher confidence)."""
    best: tuple[bool, int, float] | None = None
    chosen: EventMention | None = None
    for m in mentions:
        key = (not m.confirmed, depth(doc[m.trigger]), -m.confidence)
        if best is None or key < best:
            best, chosen = key, m
    return chosen
