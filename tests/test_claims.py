"""Claims: direct attribution, normalised sources, anaphora and carried statements."""

from __future__ import annotations

import pytest

from sitrep.extract.actor_lexicon import shared_lexicon
from sitrep.extract.claims import attribute_claims, country_name
from sitrep.models import Claim

MOD_AZE = "Ministry of Defence of Azerbaijan"




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
    assert shared_lexicon().country_of_text(text) == iso3


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


def test_karabakh(nlp, karabakh_article) -> None:
    doc = nlp(karabakh_article.text)
    sents = [s.text for s in doc.sents]
    claims = attribute_claims(doc)
    assert len(claims) == len(sents)

    def of(prefix: str) -> tuple[Claim, ...]:
        return next(c for s, c in zip(sents, claims, strict=True) if s.startswith(prefix))

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


@pytest.mark.parametrize(
    ("text", "index", "expected"),
    [
        # "According to a statement issued by X": X is the source
        (
            "According to a statement issued by Kenya's Interior Ministry, gunmen killed four officers.",
            0,
            {"Ministry of Interior of Kenya"},
        ),
        # a later confirmation attributes the incident told in the outlet's voice
        (
            "Police arrested five opposition officials in Harare, Zimbabwe on Sunday.\n\n"
            "Their lawyer said they were held overnight.\n\nA police spokesman confirmed the arrests.",
            0,
            {"Police of Zimbabwe"},
        ),
        # a claim of responsibility in a later paragraph attributes the attack
        (
            "A roadside bomb killed three soldiers near Baidoa in Somalia on Monday.\n\n"
            "The wounded were taken to hospital.\n\n"
            "In a statement on its radio station, al-Shabaab claimed responsibility.",
            0,
            {"Al-Shabaab"},
        ),
        ("Gunmen attacked a bus in Nigeria. The Islamist group Ansaru said it was behind the attack.", 0, {"Ansaru"}),
        # a generic source gives way to the named organisation nearby
        (
            "At least 14 people were killed in an air strike on a market in Sudan, a local rights group said.\n\n"
            "The Darfur Bar Association said the aircraft dropped barrels of explosives.",
            0,
            {"Darfur Bar Association"},
        ),
        # a person speaks for their organisation
        (
            "Five activists were detained in Harare, said Tendai Moyo of Zimbabwe Lawyers for Human Rights.",
            0,
            {"Zimbabwe Lawyers for Human Rights"},
        ),
        # "he" is the spokesman just introduced, not the institution before him
        (
            "The military of Myanmar said it killed 40 rebels.\n\nA KNLA spokesman dismissed that account. "
            "Speaking by telephone, he said five fighters had died.",
            -1,
            {"Karen National Liberation Army"},
        ),
        # each side of a contested toll keeps its own source
        (
            "The Colombian army said 40 rebels were killed. The ELN said it lost five fighters.",
            1,
            {"National Liberation Army"},
        ),
    ],
)
def test_source_of_the_incident(nlp, text: str, index: int, expected: set[str]) -> None:
    claims = attribute_claims(nlp(text))
    assert {c.name for c in claims[index]} >= expected, claims


@pytest.mark.parametrize(
    ("text", "name", "iso3"),
    [
        # focus: actors' demonyms outweigh the dateline and a border province
        (
            "BANGKOK — Myanmar's military and Karen rebels clashed near Kawkareik.\n\nThe military said 40 died.\n\n"
            "Thai officials said refugees crossed into Thailand's Tak province.",
            "Military of Myanmar",
            "MMR",
        ),
        (
            "Two guards were shot in Durban, South Africa, a KwaZulu-Natal police spokesperson said.",
            "KwaZulu-Natal Police",
            "ZAF",
        ),
        ("Ukraine's air force said the missile could not be intercepted.", "Military of Ukraine", "UKR"),
    ],
)
def test_source_names(nlp, text: str, name: str, iso3: str) -> None:
    claims = attribute_claims(nlp(text))
    assert any((c.name, c.country) == (name, iso3) for sent in claims for c in sent), claims


def test_passive_report_has_no_source(nlp) -> None:
    (got,) = attribute_claims(nlp("No serious injuries had been reported."))
    assert got == ()


@pytest.mark.parametrize(
    "text", ["No group has said it carried out the blast.", "Nobody has claimed responsibility for the attack."]
)
def test_nobody_is_no_source(nlp, text: str) -> None:
    (got,) = attribute_claims(nlp(text))
    assert got == ()


def test_head_of_government_office_and_its_anaphora(nlp) -> None:
    doc = nlp(
        "Somali troops searched the market in Baidoa on Monday. The blast killed 15 people, the prime minister's "
        "office said. The office said security forces had arrested suspects."
    )
    got = names(attribute_claims(doc))
    assert got[1:] == [[("Office of the Prime Minister of Somalia", "SOM")]] * 2


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("A doctor at Bannu's District Headquarters Hospital said 11 people had been killed.",
         "District Headquarters Hospital"),
        ("A militant faction loyal to the commander Hafiz Gul Bahadur claimed responsibility.",
         "Militant faction loyal to Hafiz Gul Bahadur"),
        ("A doctor at the hospital said 11 people had died.", "Medical sources"),  # no name: the kind of source
    ],
)
def test_a_persons_institution_and_a_groups_patron(nlp, text: str, name: str) -> None:
    ((claim,),) = attribute_claims(nlp(text))
    assert claim.name == name


@pytest.mark.parametrize(
    ("core", "country", "name"),
    [
        ("The citizen protection ministry", "GRC", "Ministry of Citizen Protection of Greece"),
        ("the Ukrainian agriculture ministry", "UKR", "Ministry of Agriculture of Ukraine"),
        ("the Greek ministry", "GRC", "Ministry of Greece"),
    ],
)
def test_any_portfolio_names_a_ministry(core: str, country: str, name: str) -> None:
    from sitrep.extract.claim_sources import _institution

    assert _institution(core, country) == (name, country)


def test_every_one_of_joined_sources_speaks(nlp) -> None:
    doc = nlp("Gang members looted the courthouse, officials and witnesses said.")
    ((officials, witnesses),) = attribute_claims(doc)
    assert (officials.name, witnesses.name) == ("Officials", "Witnesses")
