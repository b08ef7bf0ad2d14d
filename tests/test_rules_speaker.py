"""quotes.speaker's rules on hand-built articles: the speaker phrase of a cue, canonical names, who is
named, and the grammar below them (quotes.english.grammar)."""
from hand_built import make_article

from quotes.english.grammar import effective_subject
from quotes.speaker.affiliations import known_of
from quotes.speaker.people import NameIndex, is_named, with_canonical_name
from quotes.speaker.phrase import speaker_mention
from quotes.stages import Context, cues


def cue_of(article, text):
    cues.run(article, Context())
    return next(c for c in article.cues if c.text == text)


def test_the_subject_of_a_cue_climbs_through_a_clause_that_shares_it():
    article = make_article("Ana Ruiz went on to say the plan failed .",
                           upos="PROPN PROPN VERB ADP PART VERB DET NOUN VERB PUNCT",
                           heads="2 3 0 3 6 3 8 9 6 3",
                           deprels="compound nsubj root compound:prt mark xcomp det nsubj ccomp punct",
                           lemmas="ana ruiz go on to say the plan fail .")
    assert article.words[effective_subject(article, 5)].text == "Ruiz"


def test_a_name_the_parser_hung_off_a_time_subject_is_the_subject():
    # "the following year, Premier Zhu Rongji said" parsed with "year" the subject, the name its apposition
    article = make_article("The following year , Premier Zhu Rongji said it was too much .",
                           upos="DET VERB NOUN PUNCT PROPN PROPN PROPN VERB PRON AUX ADV ADJ PUNCT",
                           heads="3 3 8 3 3 5 6 0 12 12 12 8 8",
                           deprels="det amod nsubj punct appos flat flat root nsubj cop advmod ccomp punct",
                           lemmas="the follow year , premier zhu rongji say it be too much .")
    assert article.words[effective_subject(article, 7)].text == "Premier"


def test_a_reported_clause_gives_its_cue_the_subject_not_a_word_of_what_it_reports():
    article = make_article("Ana Ruiz said officials failed .", upos="PROPN PROPN VERB NOUN VERB PUNCT",
                           heads="2 3 0 5 3 3", deprels="compound nsubj root nsubj ccomp punct",
                           lemmas="ana ruiz say official fail .")
    cue = cue_of(article, "said")
    mention, method = speaker_mention(article, cue, None, (14, 30))
    assert (mention.name, method) == ("Ana Ruiz", "subject")


def test_according_to_names_the_source_after_it():
    article = make_article("The talks failed , according to the ministry .",
                           upos="DET NOUN VERB PUNCT VERB ADP DET NOUN PUNCT",
                           lemmas="the talk fail , accord to the ministry .")
    cue = cue_of(article, "according to")
    mention, method = speaker_mention(article, cue, None)
    assert method == "according" and mention.name.endswith("ministry")


def test_a_cue_that_opens_its_sentence_is_followed_by_its_speaker():
    article = make_article("Said Ana Ruiz : “ Never . ”", upos="VERB PROPN PROPN PUNCT PUNCT ADV PUNCT PUNCT",
                           lemmas="say ana ruiz : “ never . ”")
    cue = cue_of(article, "Said")
    mention, method = speaker_mention(article, cue, [article.pieces[0]])
    assert (mention.name, method) == ("Ana Ruiz", "inverted")


def test_a_surname_alone_takes_the_fullest_name_the_article_gave():
    article = make_article("Ana Ruiz spoke . Ruiz said no .", upos="PROPN PROPN VERB PUNCT PROPN VERB INTJ PUNCT",
                           lemmas="ana ruiz speak . ruiz say no .", sentences=[4, 4])
    cue = cue_of(article, "said")
    mention, _ = speaker_mention(article, cue, None)
    assert mention.name == "Ruiz"
    assert with_canonical_name(article, mention, NameIndex(article)).name == "Ana Ruiz"


def test_a_description_is_no_name():
    article = make_article("A spokesman said no .", upos="DET NOUN VERB INTJ PUNCT", lemmas="a spokesman say no .")
    mention, _ = speaker_mention(article, cue_of(article, "said"), None)
    assert mention.name.lower().endswith("spokesman") and not is_named(mention)


def test_an_apposition_that_opens_with_a_role_gives_the_role_and_the_name_after_at():
    article = make_article("“ We start tomorrow , ” said Sabrina Savage , principal investigator at Marshall .",
                           upos="PUNCT PRON VERB NOUN PUNCT PUNCT VERB PROPN PROPN PUNCT ADJ NOUN ADP PROPN PUNCT",
                           lemmas="“ we start tomorrow , ” say sabrina savage , principal investigator at marshall .")
    organization, role = known_of(article, "Sabrina Savage", NameIndex(article))
    assert role == "principal investigator" and organization[0] == "Marshall"
    assert article.text[organization[1]:organization[2]] == "Marshall"


def test_an_acronym_before_a_title_is_the_affiliation_and_the_title_no_part_of_the_name():
    article = make_article("NASA Administrator Bill Nelson said no .", upos="PROPN PROPN PROPN PROPN VERB INTJ PUNCT",
                           lemmas="nasa administrator bill nelson say no .")
    mention, _ = speaker_mention(article, cue_of(article, "said"), None)
    assert (mention.name, mention.role, mention.affiliation[0]) == ("Bill Nelson", "administrator", "NASA")


def test_a_place_before_a_title_is_no_affiliation():
    article = make_article("Ohio Governor Ann Cole said no .", upos="PROPN PROPN PROPN PROPN VERB INTJ PUNCT",
                           lemmas="ohio governor ann cole say no .")
    mention, _ = speaker_mention(article, cue_of(article, "said"), None)
    assert mention.name == "Ann Cole" and mention.affiliation is None


def test_a_person_named_before_the_description_the_parse_made_the_subject_is_the_speaker():
    article = make_article("Ben Rozitis , a planetary scientist , told reporters : “ We found rubble . ”",
                           upos="PROPN PROPN PUNCT DET ADJ NOUN PUNCT VERB NOUN PUNCT PUNCT PRON VERB NOUN PUNCT PUNCT",
                           heads="2 8 6 6 6 8 8 0 8 8 13 13 8 13 13 13",
                           deprels="compound dep punct det amod nsubj punct root obj punct punct nsubj parataxis obj "
                                   "punct punct",
                           lemmas="ben rozitis , a planetary scientist , tell reporter : “ we find rubble . ”")
    mention, method = speaker_mention(article, cue_of(article, "told"), [article.pieces[0]])
    assert (mention.name, mention.type, method) == ("Ben Rozitis", "person", "subject")


def test_a_document_from_an_organisation_speaks_for_it():
    article = make_article("A statement from the ministry said no .",
                           upos="DET NOUN ADP DET PROPN VERB INTJ PUNCT",
                           heads="2 6 5 5 2 0 6 6", deprels="det nsubj case det nmod root obj punct",
                           lemmas="a statement from the ministry say no .")
    mention, _ = speaker_mention(article, cue_of(article, "said"), None)
    assert mention.type == "organization" and mention.name.lower().endswith("ministry")


def test_an_acronym_names_the_organisation_of_its_statement():
    article = make_article("The WHO statement said no .", upos="DET PROPN NOUN VERB INTJ PUNCT",
                           heads="3 3 4 0 4 4", deprels="det compound nsubj root obj punct",
                           lemmas="the who statement say no .")
    mention, _ = speaker_mention(article, cue_of(article, "said"), None)
    assert (mention.name, mention.type) == ("WHO", "organization")


def test_a_place_the_sentence_opens_with_is_not_the_name_of_the_description_after_it():
    article = make_article("In Chelsea , the mayor said no .", upos="ADP PROPN PUNCT DET NOUN VERB INTJ PUNCT",
                           heads="2 6 6 5 6 0 6 6", deprels="case obl punct det nsubj root obj punct",
                           lemmas="in chelsea , the mayor say no .")
    mention, _ = speaker_mention(article, cue_of(article, "said"), None)
    assert mention.name.lower() == "mayor" and mention.role == "mayor"


def test_a_person_of_an_organisation_after_the_cue_is_the_person():
    article = make_article("“ We found it , ” said Shannon Curry of the University of Colorado .",
                           upos="PUNCT PRON VERB PRON PUNCT PUNCT VERB PROPN PROPN ADP DET PROPN ADP PROPN PUNCT",
                           lemmas="“ we find it , ” say shannon curry of the university of colorado .")
    mention, method = speaker_mention(article, cue_of(article, "said"), [article.pieces[0]])
    assert (mention.name, mention.type, method) == ("Shannon Curry", "person", "inverted")
    assert mention.affiliation[0] == "University of Colorado"


def test_an_organisations_person_after_the_cue_is_the_person_and_the_organisation_their_affiliation():
    article = make_article("“ We found it , ” said JPL ’s Guy Zohar .",
                           upos="PUNCT PRON VERB PRON PUNCT PUNCT VERB PROPN PART PROPN PROPN PUNCT",
                           lemmas="“ we find it , ” say jpl ’s guy zohar .")
    mention, method = speaker_mention(article, cue_of(article, "said"), [article.pieces[0]])
    assert (mention.name, mention.type, method) == ("Guy Zohar", "person", "inverted")
    assert mention.affiliation[0] == "JPL"


def test_a_person_of_an_organisations_unit_is_the_person():
    article = make_article("“ We found it , ” said Ann Cole of the University ’s Laboratory for Physics .",
                           upos="PUNCT PRON VERB PRON PUNCT PUNCT VERB PROPN PROPN ADP DET PROPN PART PROPN ADP "
                                "PROPN PUNCT",
                           lemmas="“ we find it , ” say ann cole of the university ’s laboratory for physics .")
    mention, _ = speaker_mention(article, cue_of(article, "said"), [article.pieces[0]])
    assert (mention.name, mention.type) == ("Ann Cole", "person")


def test_a_coach_before_a_name_is_a_role():
    article = make_article("Leeds United coach Tom Hart said no .", upos="PROPN PROPN NOUN PROPN PROPN VERB INTJ PUNCT",
                           heads="2 3 5 5 6 0 6 6", deprels="compound compound compound compound nsubj root obj punct",
                           lemmas="leeds united coach tom hart say no .")
    mention, _ = speaker_mention(article, cue_of(article, "said"), None)
    assert (mention.name, mention.role) == ("Tom Hart", "coach")


def test_a_title_in_capitals_is_no_organisation():
    article = make_article("“ No , ” said CEO Dana Rusk .", upos="PUNCT INTJ PUNCT PUNCT VERB PROPN PROPN PROPN PUNCT",
                           lemmas="“ no , ” say ceo dana rusk .")
    organization, role = known_of(article, "Dana Rusk", NameIndex(article))
    assert organization is None and role == "ceo"
