"""The desk's rules on hand-built inputs: how an article names a speaker, when two quotes' speakers may be one,
one speaker's names across articles, and the changes between copies that are cuts rather than alterations."""
from datetime import UTC, datetime

from desk import alarms, linking, speakers

NOW = datetime(2016, 8, 11, tzinfo=UTC)


def side(speaker_id, evidence="name", confidence=0.9):
    return linking.Side(["we", "will", "win"], [], speaker_id, confidence, NOW, "direct", evidence)


def test_the_evidence_for_a_speaker_is_how_the_article_names_them():
    assert linking.speaker_evidence(None) is None
    assert linking.speaker_evidence({"name": "Donald Trump", "mention": "Mr. Trump", "named": True}) == "name"
    assert linking.speaker_evidence({"name": "Donald Trump", "mention": "he", "named": True}) == "reference"
    assert linking.speaker_evidence({"name": "Obama", "mention": "the president", "named": True}) == "reference"
    assert linking.speaker_evidence({"name": "officials", "mention": "officials", "named": False}) == "description"


def test_two_speakers_differ_only_when_both_are_named_and_sure():
    assert linking.speaker_relation(side(1), side(1)) == "same"
    assert linking.speaker_relation(side(1), side(2)) == "different"
    assert linking.speaker_relation(side(1), side(2, "reference")) == "unsure"  # "he", resolved to someone else
    assert linking.speaker_relation(side(1), side(2, confidence=0.3)) == "unsure"  # the engine guessed
    assert linking.speaker_relation(side(None, "description"), side(None, "description")) == "unsure"  # "officials"
    assert linking.speaker_relation(side(1), side(None, "description")) == "unsure"  # "the New York businessman"
    assert linking.speaker_relation(side(1), side(None)) == "none"
    assert linking.speaker_relation(side(None), side(None)) == "neither"


def test_a_possessive_and_a_contraction_are_folded_for_the_alignment():
    assert linking.folded(["isis's", "best"]) == ["isis", "best"]
    assert linking.folded(["i'll", "be"]) == ["i", "will", "be"]


def test_a_persons_name_without_titles_party_labels_accents_or_what_follows_it():
    assert speakers.parse_name("Republican Donald Trump", "person").key == "person:donald trump"
    assert speakers.parse_name("Representative Charles B. Rangel of New York", "person").key == "person:charles b rangel"
    assert speakers.parse_name("Felipe Calderón", "person") == speakers.parse_name("Felipe Calderon", "person")
    assert speakers.parse_name("Obama on Climate", "person").surname == "obama"


def test_given_names_agree_when_one_is_shared_or_missing():
    def agree(first, second):
        return speakers._given_agrees(speakers.parse_name(first, "person").given,
                                      speakers.parse_name(second, "person").given)

    assert agree("Crooked Hillary Clinton", "Hillary Clinton") and agree("Clinton", "Bill Clinton")
    assert agree("Antony J. Blinken", "A. Blinken")
    assert not agree("Hillary Clinton", "Bill Clinton") and not agree("Joe Biden", "Hunter Biden")


def test_words_between_quoted_fragments_are_a_cut():
    """“hater of Donald Trump” who had “railroaded” him: the engine joins the two fragments into one quote."""
    joined = "hater of Donald Trump railroaded"
    found = alarms.changes_between("I have a judge who is a hater of Donald Trump, a hater. He's a hater", joined,
                                   (), alarms.fragment_starts([{"start": 10, "end": 30}, {"start": 40, "end": 50}]))
    assert [alarms.classify(change) for change in found] == ["cut"]


def test_a_copy_beginning_inside_the_others_sentence_is_a_cut_unless_a_word_is_inflected():
    assert alarms.change_class("millions of people that are waiting to come into this country",
                               "cannot come into this country") == "cut"
    assert alarms.change_class("being a big beneficiary of the laws. But", "being a big beneficiary of the law.") \
        == "minor"
    assert alarms.change_class("candid, substantive, and constructive", "frank, substantive, and constructive") \
        == "wording"


def test_a_bracketed_word_after_an_article_is_editorial():
    assert alarms.change_class("until we can figure out what is going on",
                               "until we can figure out what the [censored] is going on") == "editorial"
