"""How a sentence model's verdict changes the rules' mentions (event_classifier.apply_verdict)."""

from __future__ import annotations

import spacy

from sitrep.extract.event_classifier import Verdict, apply_verdict, sentence_label
from sitrep.extract.event_rules import EventLexicon
from sitrep.extract.events import main_mention
from sitrep.extract.types import EventMention

PARAMS = {"veto": 0.7, "retype": 0.5, "new": 0.4}
CLASSES = ("Disrupted weapons use", "Remote explosive/landmine/IED", "Armed clash")


def _mention(trigger: int, sub: str, event_type: str) -> EventMention:
    return EventMention(0, trigger, event_type, sub, "Political violence", "ASSAULT", None, (), 0.8)


def _sentence():
    doc = spacy.blank("en")("Experts defused a car bomb and a second device exploded")
    # the defusal is the main event: the root of a flat hand-built parse
    for tok in doc:
        tok.head = doc[1]
    doc[0].is_sent_start = True
    return doc[:]


def test_retyping_never_folds_two_events_of_a_sentence_into_one() -> None:
    taxonomy = EventLexicon.load().acled
    sent = _sentence()
    defused = _mention(1, "Disrupted weapons use", "Strategic developments")
    exploded = _mention(9, "Remote explosive/landmine/IED", "Explosions/Remote violence")
    verdict = Verdict("Remote explosive/landmine/IED", 0.9, 0.05, 10)
    out = apply_verdict(sent, 0, [defused, exploded], verdict, CLASSES, PARAMS, taxonomy, keep_vetoed=True)
    assert [m.sub_event_type for m in out] == ["Disrupted weapons use", "Remote explosive/landmine/IED"]
    # alone, the main mention takes a confident type, but not a bomb for the one a bomb squad set off
    out = apply_verdict(sent, 0, [defused], verdict, CLASSES, PARAMS, taxonomy, keep_vetoed=True)
    assert [m.sub_event_type for m in out] == ["Disrupted weapons use"]
    clash = Verdict("Armed clash", 0.9, 0.05, 10)
    out = apply_verdict(sent, 0, [defused], clash, CLASSES, PARAMS, taxonomy, keep_vetoed=True)
    assert [m.sub_event_type for m in out] == ["Armed clash"]


def test_the_event_a_verdict_names_is_the_one_its_sentence_reports_first() -> None:
    taxonomy = EventLexicon.load().acled
    doc = spacy.blank("en")("Attacks including suicide bombings killed 32 soldiers")
    for tok in doc:
        tok.head = doc[4]
    doc[0].is_sent_start = True
    attacks = _mention(0, "Attack", "Violence against civilians")
    bombings = _mention(3, "Suicide bomb", "Explosions/Remote violence")
    classes = ("Attack", "Suicide bomb")
    assert main_mention(doc, [attacks, bombings]) is attacks  # by the parse alone: the first of equals
    verdict = Verdict("Suicide bomb", 0.9, 0.05, 10)
    out = apply_verdict(doc[:], 0, [attacks, bombings], verdict, classes, PARAMS, taxonomy, keep_vetoed=True)
    assert [m.sub_event_type for m in out] == ["Attack", "Suicide bomb"]  # two mentions still
    assert [m.confirmed for m in out] == [False, True]
    assert out[1].confidence == 0.9  # the sentence model's certainty, for the merge to weigh
    assert main_mention(doc, out) is out[1]
    unsure = Verdict("Suicide bomb", 0.4, 0.05, 10)  # below the re-type threshold: unmarked
    assert apply_verdict(doc[:], 0, [attacks, bombings], unsure, classes, PARAMS, taxonomy, keep_vetoed=True) == [
        attacks,
        bombings,
    ]
    agree = Verdict("Attack", 0.3, 0.05, 10)  # agreeing with the main mention confirms it at any certainty
    out = apply_verdict(doc[:], 0, [attacks, bombings], agree, classes, PARAMS, taxonomy, keep_vetoed=True)
    assert [m.confirmed for m in out] == [True, False]
    assert out[0].confidence == 0.8


def test_some_confident_verdicts_never_overrule_the_rules_reading_of_who_did_it() -> None:
    # who holds the captives is the rules' reading (a militia's are abducted); other re-types stand
    params = {"veto": 0.7, "retype": 0.5, "new": 0.0}
    abduction = "Abduction/forced disappearance"
    assert sentence_label(abduction, "Arrests", 0.95, params) == abduction
    assert sentence_label("Arrests", abduction, 0.95, params) == "Arrests"  # police or troops hold them
    assert sentence_label("Disrupted weapons use", "Arrests", 0.95, params) == "Disrupted weapons use"
    ied = "Remote explosive/landmine/IED"
    assert sentence_label(ied, "Air/drone strike", 0.95, params) == ied  # a roadside bomb is no air strike
    assert sentence_label("Mob violence", "Attack", 0.95, params) == "Mob violence"
    # a crowd fighting police is no armed clash, whatever the clash word makes a model read
    assert sentence_label("Violent demonstration", "Armed clash", 0.95, params) == "Violent demonstration"
    assert sentence_label("Armed clash", "Violent demonstration", 0.95, params) == "Violent demonstration"
    assert sentence_label("Suicide bomb", "Remote explosive/landmine/IED", 0.95, params) == "Suicide bomb"
    nonstate, government = "Non-state actor overtakes territory", "Government regains territory"
    assert sentence_label(nonstate, government, 0.95, params) == nonstate  # the capturer's side is syntax's
    assert sentence_label(government, nonstate, 0.95, params) == government
    assert sentence_label("Armed clash", "Arrests", 0.95, params) == "Arrests"
    # an arrest or tear gas told with the march is the protest's intervention, whatever a model says
    intervention = "Protest with intervention"
    assert sentence_label(intervention, "Peaceful protest", 0.95, params) == intervention
    # and the rules read one only where no killing or shooting is told: tear gas is no excessive force
    assert sentence_label(intervention, "Excessive force against protesters", 0.95, params) == intervention
    # an aircraft or a state as the bomber is the rules' reading; a model reads "bombed" as a device
    assert sentence_label("Air/drone strike", "Remote explosive/landmine/IED", 0.95, params) == "Air/drone strike"
    # an attack the rules read is no abduction a model reads in "carried off" goods
    assert sentence_label("Attack", abduction, 0.95, params) == "Attack"


def test_a_vetoed_mention_keeps_the_rules_typing_for_the_incident_it_may_retell() -> None:
    taxonomy = EventLexicon.load().acled
    sent = _sentence()
    exploded = _mention(9, "Remote explosive/landmine/IED", "Explosions/Remote violence")
    no_event = Verdict("-", 0.8, 0.8, 10)
    (kept,) = apply_verdict(sent, 0, [exploded], no_event, CLASSES, PARAMS, taxonomy, keep_vetoed=True)
    assert (kept.event_type, kept.sub_event_type) == (None, None)
    assert kept.vetoed == ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert apply_verdict(sent, 0, [exploded], no_event, CLASSES, PARAMS, taxonomy, keep_vetoed=False) == []
    unsure = Verdict("-", 0.6, 0.6, 10)  # below the veto threshold the rules stand, unmarked
    assert apply_verdict(sent, 0, [exploded], unsure, CLASSES, PARAMS, taxonomy, keep_vetoed=True) == [exploded]


def test_no_verdict_vetoes_a_landmine_that_killed_unless_the_sentence_dates_it_to_an_old_war(nlp) -> None:
    from sitrep.extract.events import EventDetector

    taxonomy = EventLexicon.load().acled
    rules = EventDetector(verbal=False, classifier=False)
    no_event = Verdict("-", 0.95, 0.95, 10)
    classes = ("Remote explosive/landmine/IED",)

    def after_veto(text: str) -> list[str | None]:
        doc = nlp(text)
        found = [m for m in rules(doc) if m.event_type]
        assert [m.sub_event_type for m in found] == ["Remote explosive/landmine/IED"]
        out = apply_verdict(next(doc.sents), 0, found, no_event, classes, PARAMS, taxonomy, keep_vetoed=False)
        return [m.sub_event_type for m in out]

    assert after_veto("A shepherd was killed after stepping on a landmine near the border.") == [
        "Remote explosive/landmine/IED"
    ]
    # old ordnance is no event (our guide): there the verdict stands
    assert after_veto("A farmer was killed when his plough struck a landmine dating from the Bosnian war.") == []
    assert after_veto("A farmer was killed when his tractor hit a landmine left over from the civil war.") == []
