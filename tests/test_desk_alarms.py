"""Each change between two copies of a statement gets a class (desk/alarms.py), and only minor, wording and
meaning changes raise an alert: the seed articles' own changes, and the kinds of change the guideline names."""
import pytest

from desk import alarms


@pytest.mark.parametrize("before, after, expected", [
    # the seed articles' copies (../shared/corpus/articles 000 and 001)
    ("candid, substantive, and constructive", "frank, substantive, and constructive", "wording"),
    ("to manage stresses in the relationship", "to manage stress in the relationship", "minor"),
    # PolNeAR copies: "laws" / "law" (a plural), a capital after an ellipsis or a quote mark opens a sentence
    ("being a big beneficiary of the laws. But", "being a big beneficiary of the law.", "minor"),
    ("I do. He was the most valuable player. I give him the award",
     ("I do. He was the most valuable player. … He was the award"), "wording"),
    # punctuation, case and quote marks are no change; spelling variants and a possessive's form are style
    ("“The U.S. doesn’t,” he", "the US doesn't he", None),
    ("ISIS's fighters", "ISIS' fighters", "style"),
    ("the honour of the party", "the honor of the party", "style"),
    # a cut at either end, or whole sentences an ellipsis marks as left out
    ("we will win this election and then we will govern", "win this election", None),
    ("This is great. We love it. And it works", "This is great ... And it works", "cut"),
    ("she said it was wrong to do", "[Clinton] said it was wrong to do", "editorial"),
    ("we will not back down now", "we won't back down now", "minor"),
    ("it is bad, you know, really bad", "it is bad, really bad", "minor"),
    ("we want a deal on trade", "we want the deal on trade", "minor"),
    ("this is a very big deal for us", "this is a huge deal for us", "wording"),
    ("I love this country and its people", "I love this country and all its people", "wording"),
    ("This is great and we love it works", "This is great ... it works", "wording"),  # a splice
    ("We are not going to win", "We are going to win", "meaning"),
    ("we lost 10,000 jobs last year", "we lost 12,000 jobs last year", "meaning"),
    ("I told Obama to stop", "I told Clinton to stop", "meaning"),
    ("we will win the state", "we would win the state", "meaning"),
    ("we meet on Monday to talk", "we meet on Tuesday to talk", "meaning"),
])
def test_a_change_is_classed_by_the_first_rule_that_claims_it(before, after, expected):
    assert alarms.change_class(before, after) == expected


def test_only_minor_wording_and_meaning_raise_an_alert():
    assert [name for name in alarms.CLASSES if alarms.raises_alert(name)] == ["minor", "wording", "meaning"]
    assert alarms.severity_at_least("wording") == ("wording", "meaning")


def test_a_pair_carries_its_most_severe_change():
    assert alarms.change_class("we will not go to the 10 meetings you know", "we won't go to the 12 meetings") \
        == "meaning"
    assert [alarms.classify(change) for change in alarms.changes_between(
        "Beijing sees it as in its interest to manage stresses in the relationship",
        "Beijing sees it in its interest to manage stress in the relationship")] == ["wording", "minor"]


def test_a_contraction_lines_up_word_for_word_whatever_stands_before_it():
    """"We have got to" beside "... not who we are. We've got to" (PolNeAR, Clinton): the contraction, not
    "have" swapped for "are We've"."""
    assert alarms.change_class("We have got to do everything possible to improve policing",
                               "Look, this is not who we are. We've got to do everything possible to improve policing") \
        == "minor"
    assert alarms.change_class("Trump's plan is bad", "Trump plan is bad") == "style"
