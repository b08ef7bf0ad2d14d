"""The cues and quotations stages' rules on hand-built articles (tests/hand_built.py): each rule is
tested on the fields it reads, whatever a parser would make of the sentence."""
from hand_built import make_article

from quotes.stages import Context, cues, quotations

INVERTED = dict(tokens="“ We will win , ” said Ana Ruiz .",
                upos="PUNCT PRON AUX VERB PUNCT PUNCT VERB PROPN PROPN PUNCT",
                heads="4 4 4 7 4 4 0 7 8 7", deprels="punct nsubj aux ccomp punct punct root nsubj flat punct",
                lemmas="“ we will win , ” say ana ruiz .")


def quotations_of(article):
    cues.run(article, Context())
    quotations.run(article, Context())
    return article.attributions


def test_a_cue_inside_the_quote_marks_is_not_a_cue():
    article = make_article("“ They said no , ” he added .", upos="PUNCT PRON VERB INTJ PUNCT PUNCT PRON VERB PUNCT",
                           lemmas="“ they say no , ” he add .")
    cues.run(article, Context())
    assert [(c.text, c.lemma) for c in article.cues] == [("added", "add")]


def test_a_cue_after_the_quote_credits_the_name_after_it():
    [quote] = quotations_of(make_article(**INVERTED))
    assert (quote.kind, quote.cue.text, quote.method) == ("direct", "said", "inverted")
    assert (quote.mention.name, quote.mention.type) == ("Ana Ruiz", "person")


def test_the_words_between_the_quote_and_its_cue_win_over_a_parse_without_a_subject():
    # the parse hangs the name on the quote's verb and leaves "said" without a subject
    article = make_article("“ We will win , ” Mayor Ana Ruiz said .",
                           upos="PUNCT PRON AUX VERB PUNCT PUNCT PROPN PROPN PROPN VERB PUNCT",
                           heads="4 4 4 10 4 4 9 9 4 0 10",
                           deprels="punct nsubj aux ccomp punct punct compound compound obj root punct",
                           lemmas="“ we will win , ” mayor ana ruiz say .")
    [quote] = quotations_of(article)
    assert quote.method == "between" and quote.mention.name == "Ana Ruiz"


def test_a_cue_before_a_colon_introduces_the_quote_and_an_apposition_is_stepped_over():
    article = make_article("Wang , the official , said : “ We are done . ”",
                           upos="PROPN PUNCT DET NOUN PUNCT VERB PUNCT PUNCT PRON AUX ADJ PUNCT PUNCT",
                           lemmas="wang , the official , say : “ we be done . ”")
    [quote] = quotations_of(article)
    assert quote.cue.text == "said" and quote.method == "before" and quote.mention.name == "Wang"


def test_a_quote_with_no_cue_after_an_attributed_one_continues_it():
    article = make_article("“ We will win , ” said Ana Ruiz . “ Soon . ”",
                           upos="PUNCT PRON AUX VERB PUNCT PUNCT VERB PROPN PROPN PUNCT PUNCT ADV PUNCT PUNCT",
                           lemmas="“ we will win , ” say ana ruiz . “ soon . ”", sentences=[10, 4])
    first, second = quotations_of(article)
    assert second.method == "continued" and second.cue == first.cue and second.mention is None


def test_a_title_after_a_noun_is_no_quotation():
    article = make_article("She appeared on “ Fox and Friends ” today .",
                           upos="PRON VERB ADP PUNCT PROPN CCONJ PROPN PUNCT NOUN PUNCT",
                           lemmas="she appear on “ fox and friends ” today .")
    assert quotations_of(article) == []


def test_a_quoted_fragment_nobody_is_said_to_have_said_is_a_scare_quote():
    article = make_article("The plan is “ bold ” and new .", upos="DET NOUN AUX PUNCT ADJ PUNCT CCONJ ADJ PUNCT",
                           lemmas="the plan be “ bold ” and new .")
    assert quotations_of(article) == []


def cue_found(article):
    cues.run(article, Context())
    group = quotations.group_pieces(article)[0]
    cue, method = quotations.find_cue(article, group, quotations.quote_kind(article, group))
    return cue.text, method


def test_the_cue_right_after_the_closing_mark_is_the_quotes_own():
    unparsed = {key: value for key, value in INVERTED.items() if key not in ("heads", "deprels")}
    assert cue_found(make_article(**unparsed)) == ("said", "parse")


def test_the_cue_before_a_colon_and_the_opening_mark_is_the_quotes_own():
    article = make_article("Later , Ana Ruiz said : “ We are done . ”",
                           upos="ADV PUNCT PROPN PROPN VERB PUNCT PUNCT PRON AUX ADJ PUNCT PUNCT",
                           lemmas="later , ana ruiz say : “ we be done . ”")
    assert cue_found(article) == ("said", "parse")


def test_a_cue_only_near_the_quote_is_found_by_distance():
    article = make_article("“ We will win . ” Ana Ruiz said that on Monday .",
                           upos="PUNCT PRON AUX VERB PUNCT PUNCT PROPN PROPN VERB PRON ADP PROPN PUNCT",
                           lemmas="“ we will win . ” ana ruiz say that on monday .", sentences=[6, 7])
    assert cue_found(article) == ("said", "nearby")
