"""Each engine stage on short real sentences, parsed by the real Stanza models."""
import pytest

from quotes import extract


def only_quote(result):
    assert len(result["quotes"]) == 1, result["quotes"]
    return result["quotes"][0]


def spans_text(text, quote):
    return [text[s["start"]:s["end"]] for s in quote["spans"]]


def test_split_quote_is_one_record_with_two_spans():
    text = "“We came here to talk,” Mr. Hass added, “and we will keep talking.”"
    quote = only_quote(extract(text))
    assert spans_text(text, quote) == ["We came here to talk", "and we will keep talking."]
    assert quote["text"] == "We came here to talk and we will keep talking."
    assert quote["kind"] == "direct"
    assert quote["cue"]["lemma"] == "add"
    assert quote["speaker"]["mention"] == "Mr. Hass"


def test_quote_over_several_sentences_is_one_record():
    text = "“The talks went well. We agreed on a lot. There is more to do,” the minister said."
    quote = only_quote(extract(text))
    assert quote["text"].startswith("The talks went well.") and quote["text"].endswith("more to do")


def test_mixed_quote_goes_to_the_subject_of_the_reporting_clause():
    text = "Wang Yi said the United States should stop “putting forward” the “China threat theory.”"
    quotes = extract(text)["quotes"]
    # each fragment is a quotation of its own (words of the writer stand between), as the news
    # guideline counts them; both report the one clause
    assert [spans_text(text, quote) for quote in quotes] == [["putting forward"], ["China threat theory."]]
    for quote in quotes:
        assert quote["kind"] == "mixed"
        assert quote["speaker"]["name"] == "Wang Yi"
        assert quote["cue"]["lemma"] == "say"
        assert quote["content"]["text"].startswith("the United States should stop")


def test_inverted_attribution_with_apposition_gives_affiliation_and_role():
    text = ("“Diplomacy is not a gift,” stated Jessica Chen Weiss, a professor of government "
            "at Cornell University.")
    quote = only_quote(extract(text))
    assert quote["speaker"]["name"] == "Jessica Chen Weiss"
    assert quote["speaker"]["type"] == "person"
    assert quote["cue"]["text"] == "stated"
    assert quote["affiliation"]["name"] == "Cornell University"
    assert text[quote["affiliation"]["start"]:quote["affiliation"]["end"]] == "Cornell University"
    assert quote["role"] == "professor"


def test_surname_and_pronoun_resolve_to_the_full_name_with_its_affiliation():
    text = ("Ryan Hass, a senior fellow at the Brookings Institution, spoke on Monday.\n"
            "“China wants to talk,” Mr. Hass said.\n"
            "“It needs room to pivot,” he added.")
    result = extract(text)
    assert [q["speaker"]["name"] for q in result["quotes"]] == ["Ryan Hass", "Ryan Hass"]
    assert [q["speaker"]["mention"] for q in result["quotes"]] == ["Mr. Hass", "he"]
    assert {q["affiliation"]["name"] for q in result["quotes"]} == {"Brookings Institution"}
    assert {q["role"] for q in result["quotes"]} == {"senior fellow"}
    (speaker,) = result["speakers"]
    assert speaker["quote_ids"] == ["q1", "q2"] and speaker["affiliation"] == "Brookings Institution"


def test_title_is_stripped_from_the_name_and_kept_as_role():
    text = "Secretary of State Antony J. Blinken said, “We are here to manage our differences.”"
    quote = only_quote(extract(text))
    assert quote["speaker"]["name"] == "Antony J. Blinken"
    assert quote["role"] == "secretary of state"


def test_prenominal_title_and_organisation():
    text = "“The U.S. side should stop hyping,” Foreign Ministry spokesman Wang Wenbin told reporters."
    quote = only_quote(extract(text))
    assert quote["speaker"]["name"] == "Wang Wenbin"
    assert quote["affiliation"]["name"] == "Foreign Ministry"
    assert quote["role"] == "spokesman"


@pytest.mark.parametrize("text, name, role, affiliation", [
    ("FBI Director James Comey said the investigation was “closed.”", "James Comey", "director", "FBI"),
    ("“We will not wait,” said Senate Majority Leader Mitch McConnell.", "Mitch McConnell", "majority leader",
     "Senate"),
    ("Fox News Executive Vice President Bill Shine called the report “false.”", "Bill Shine", "vice president",
     "Fox News"),
    ("FBI General Counsel James A. Baker said the case was “closed.”", "James A. Baker", "general counsel", "FBI"),
])
def test_an_organisation_and_a_title_before_a_name_are_affiliation_and_role(text, name, role, affiliation):
    quote = only_quote(extract(text))
    assert (quote["speaker"]["name"], quote["speaker"]["type"]) == (name, "person")
    assert quote["role"] == role
    assert quote["affiliation"]["name"] == affiliation


def test_an_organisation_with_a_title_word_inside_stays_an_organisation():
    quote = only_quote(extract("The Office of the Director of National Intelligence called the report “accurate.”"))
    assert (quote["speaker"]["name"], quote["speaker"]["type"]) == (
        "Office of the Director of National Intelligence", "organization")


def test_organisations_and_groups_speak_too():
    text = ("The State Department said the talks had been “candid and constructive.”\n"
            "Analysts said the visit was “a first step.”")
    first, second = extract(text)["quotes"]
    assert (first["speaker"]["name"], first["speaker"]["type"]) == ("State Department", "organization")
    assert second["speaker"]["type"] == "group"


def test_according_to_names_the_source():
    text = "The meeting was “frank and productive,” according to the State Department."
    quote = only_quote(extract(text))
    assert quote["speaker"]["name"] == "State Department"
    assert quote["cue"]["lemma"] == "according to"


def test_affiliation_is_the_organisation_not_the_place():
    text = ("“Beijing wants less competition,” said Zhang Baohui, a professor at Lingnan University "
            "in Hong Kong.")
    quote = only_quote(extract(text))
    assert quote["affiliation"]["name"] == "Lingnan University"


def test_scare_quotes_and_titles_are_not_quotations():
    # a period inside the closing mark is American punctuation, not the end of a quoted sentence
    text = ("She watched “Saturday Night Live” and mocked the so-called “guardrails” of the plan. "
            "He spoke on CNN’s “New Day.”")
    records = extract(text)["quotes"]
    assert [q for q in records if q["kind"] != "indirect"] == []
    # what "mocked" reports is a noun phrase (learned from PolNeAR's contents), not the title she watched
    assert all("Saturday" not in q["text"] for q in records)


@pytest.mark.parametrize("boilerplate", ["[ad_1]", "Back to top button", "Photo: Reuters/Alamy", "[ad_2]\n\n"])
def test_boilerplate_produces_no_quote_and_no_error(boilerplate):
    text = f"{boilerplate}\n“We will win,” Maria Lopez said.\n{boilerplate}"
    quote = only_quote(extract(text))
    assert quote["speaker"]["name"] == "Maria Lopez"


def test_offsets_index_the_submitted_text_exactly():
    text = "\u00a0Intro\u00a0line.\r\n“Costs rose\u00a0sharply,” said Ana Ruiz, an economist at the World Bank.\r\n"
    result = extract(text)
    quote = only_quote(result)
    assert spans_text(text, quote) == ["Costs rose\u00a0sharply"]
    speaker = quote["speaker"]
    assert text[speaker["start"]:speaker["end"]] == speaker["mention"] == "Ana Ruiz"
    assert text[quote["cue"]["start"]:quote["cue"]["end"]] == "said"


def test_pronoun_inside_a_quote_is_never_a_name():
    quote = only_quote(extract("“We will win,” she said."))
    assert quote["speaker"] is None or quote["speaker"]["name"] != "We"


def test_a_signature_dash_after_the_quote_names_the_speaker():
    text = "“He is ignorant of our culture and lives.” ― Pamela Padilla\n“Next one.” — Carlos Rivera"
    result = extract(text)
    assert [q["speaker"]["name"] for q in result["quotes"]] == ["Pamela Padilla", "Carlos Rivera"]


def test_the_department_is_the_organisation_named_before():
    text = ("Officials of the State Department briefed reporters.\n"
            "The department’s written summary said the talks had been “candid and constructive.”")
    quote = only_quote(extract(text))
    assert (quote["speaker"]["name"], quote["speaker"]["type"]) == ("State Department", "organization")


def test_two_word_cue():
    text = "Beijing made clear that “the relationship is at its lowest point.”"
    quote = only_quote(extract(text))
    assert quote["cue"]["lemma"] == "make clear" and quote["cue"]["text"] == "made clear"
    assert quote["speaker"]["name"] == "Beijing"


def test_indirect_speech_has_its_clause_as_content():
    text = "Analysts say the deal will take much more work. Officials believe it could fail."
    (quote,) = [q for q in extract(text)["quotes"] if q["kind"] == "indirect"]
    assert quote["text"] == "the deal will take much more work"
    assert quote["content"]["text"] == quote["text"]
    assert quote["speaker"]["type"] == "group" and quote["cue"]["lemma"] == "say"


@pytest.mark.parametrize("text", [
    "Several weeks ago, Donald Trump stated that Melania would discuss her history “in a few weeks.”",
    "Donald Trump unleashed a series of tweets early Friday saying that his rival had shown “bad judgment.”",
])
def test_a_time_noun_is_never_the_speaker(text):
    quote = only_quote(extract(text))
    assert quote["speaker"]["name"] == "Donald Trump"


def test_a_conjunction_between_quote_and_cue_is_not_a_speaker():
    text = "Ted Cruz exhorted Republicans to “vote your conscience” and said he stood by his pledge."
    (quote,) = [q for q in extract(text)["quotes"] if q["kind"] != "indirect"]
    assert quote["text"] == "vote your conscience"
    assert quote["speaker"]["name"] == "Ted Cruz"


def test_a_cue_that_reports_a_noun_phrase_gives_it_as_the_content():
    text = "Striking teachers called for a moratorium on charter schools on Wednesday."
    quote = only_quote(extract(text))
    assert quote["kind"] == "indirect"
    assert quote["text"].startswith("a moratorium on charter schools")
    assert quote["speaker"]["mention"] == "Striking teachers"
    assert quote["cue"]["lemma"] == "call"


@pytest.mark.parametrize("text, content", [
    # the small parser splits the complement in two
    ("Clinton said she thinks America is strongest when people work together.",
     "she thinks America is strongest when people work together"),
    # the complement comes before the cue, and the cue heads the sentence
    ("A global climate accord could not simply be a compact among developed economies, he said.",
     "A global climate accord could not simply be a compact among developed economies"),
    # a relative clause on the speaker is not what was said
    ("Chris Cox, who runs the lobbying arm, says the actions would not have prevented the shootings.",
     "the actions would not have prevented the shootings"),
    # "told" addresses reporters; "says" does not, and its misparsed object belongs to the clause
    ("Trump told reporters that the wall would be built.", "that the wall would be built"),
    ("The magnate says a hit that used to be a great tackle now draws a penalty.",
     "a hit that used to be a great tackle now draws a penalty"),
])
def test_the_reported_clause_is_whole_and_only_what_was_said(text, content):
    quote = only_quote(extract(text))
    assert quote["kind"] == "indirect"
    assert quote["text"] == content


@pytest.mark.parametrize("text", [
    "Trump went after Bush on Monday, calling him a total stiff.",
    "Dan Gross live tweeted as Obama spoke from the White House.",
])
def test_a_clause_the_cue_hangs_from_is_not_reported_by_it(text):
    assert not [q for q in extract(text)["quotes"] if q["text"].startswith(("Trump went", "Dan Gross"))]


def test_a_cue_that_reports_a_noun_phrase_is_indirect_speech():
    # "reject [the offer]": PolNeAR annotates what such a cue's object says (learned by ./run train)
    records = extract("The union rejected the offer from the district on Tuesday.")["quotes"]
    (record,) = records
    assert record["kind"] == "indirect" and record["text"].startswith("the offer")
    assert record["speaker"]["name"] == "The union" and record["cue"]["lemma"] == "reject"


def test_quotes_with_a_sentence_between_them_are_two_records():
    text = ("Hillary Clinton spoke in Iowa.\n\nThe program “can continue to be a powerful tool,” Clinton wrote. "
            "Still, she added, “we also can’t ignore significant changes.”")
    first, second = [q for q in extract(text)["quotes"] if q["kind"] != "indirect"]
    assert first["text"].startswith("can continue") and second["text"].startswith("we also")
    assert second["speaker"]["mention"] == "she" and second["speaker"]["name"] == "Hillary Clinton"


def test_an_unnamed_source_is_marked_so_and_a_named_one_is_not():
    text = ("Top U.S. officials said there is a “significant and substantive agenda.”\n"
            "“We are ready,” Antony Blinken said.")
    unnamed, named = [q["speaker"] for q in extract(text)["quotes"] if q["kind"] != "indirect"]
    assert unnamed["mention"].lower().endswith("officials") and unnamed["named"] is False
    assert named["name"] == "Antony Blinken" and named["named"] is True


def test_the_object_of_a_preposition_is_not_the_speaker():
    # the small parser makes "Blinken" (of "with Blinken") the subject of "urged"
    text = ("China said Qin had in a phone call with Blinken urged the United States to respect "
            "“China’s core concerns” such as the issue of Taiwan.")
    quote = only_quote(extract(text))
    assert quote["speaker"]["name"] == "Qin"


def test_a_mixed_quote_whose_clause_the_parser_misplaced_has_the_rest_of_the_sentence_as_content():
    # the parser hangs "the language was ... pill" on "blocked", not on "said"
    text = "Senate Democrats blocked the bill because they said the language was an untenable “poison pill.”"
    quote = only_quote(extract(text))
    assert quote["kind"] == "mixed" and quote["cue"]["lemma"] == "say"
    assert quote["content"]["text"].startswith("the language was an untenable")


def test_a_quoted_whole_sentence_is_a_statement_wherever_it_stands():
    text = "When Trump finally wrapped up — “I will fight for you, and I will win for you!” — the balloons fell."
    quote = only_quote(extract(text))
    assert quote["kind"] == "direct" and quote["text"].startswith("I will fight")


def test_any_verb_right_after_a_quote_and_its_subject_reports_it():
    # "continued" is no speech verb of the lexicon; its place after the quote makes it the cue
    text = ("Felipe Calderon spoke on Saturday.\n\n"
            "“The first loser of such a policy would be the United States,” he continued.")
    quote = only_quote(extract(text))
    assert quote["cue"]["text"] == "continued"
    assert quote["speaker"]["mention"] == "he" and quote["speaker"]["name"] == "Felipe Calderon"


def test_a_cue_the_lemmatizer_left_inflected_is_known_by_its_base_form():
    # the small lemmatizer gives "labeling" as its own lemma
    quote = only_quote(extract("The U.S. was labeling the intercepts as “unsafe and unprofessional.”"))
    assert quote["cue"]["lemma"] == "label" and quote["speaker"]["name"] == "The U.S."


@pytest.mark.parametrize("text, content, speaker", [
    # no arc from "saying" to its clause: a subject and its finite verb open it; the participle's
    # speaker is the subject of the clause it hangs from, never a word of what was said
    ("Palin expressed her distaste for Donald Trump, the current GOP front-runner, saying conservatives "
     "need to band together to stop him.", "conservatives need to band together to stop him", "Palin"),
    # a surname the small tagger reads as an adverb
    ("Jolly said he would be cautious in restructuring federal education spending.",
     "he would be cautious in restructuring federal education spending", "Jolly"),
])
def test_reported_clause_and_speaker_where_the_parse_fails(text, content, speaker):
    (quote,) = [q for q in extract(text)["quotes"] if q["cue"]["lemma"] == "say"]
    assert quote["kind"] == "indirect" and quote["text"] == content
    assert quote["speaker"]["name"] == speaker


def test_a_reported_clause_ends_before_a_quote_another_cue_reports():
    text = ("DeSantis said he has supported legislation that would target accreditation bodies, "
            "which he called “a cartel for higher education.”")
    indirect = [q for q in extract(text)["quotes"] if q["kind"] == "indirect"]
    assert [q["text"] for q in indirect] == ["he has supported legislation that would target accreditation bodies"]
    assert indirect[0]["speaker"]["name"] == "DeSantis"


def test_who_names_the_speaker_it_relates_to_even_where_the_parser_missed_the_relative_clause():
    # parsed as "cheered ... and called": "who" still relates to Mike Pence, the mention nearest the quote
    quote = only_quote(extract("The crowd cheered Mike Pence, who called him “an American hero.”"))
    assert quote["speaker"]["mention"] == "who" and quote["speaker"]["name"] == "Mike Pence"


def test_a_verb_the_data_shows_to_be_a_cue_reports_speech_without_a_quote_beside_it():
    # "insist" is only in the learned lexicon, where it is a cue in nine uses of ten
    quote = only_quote(extract("Senate Democrats insisted that any package include a two-year delay of the tax."))
    assert quote["kind"] == "indirect" and quote["cue"]["text"] == "insisted"
    assert quote["text"].endswith("any package include a two-year delay of the tax")


def test_a_speech_verb_of_a_title_case_headline_is_no_part_of_a_name():
    text = "Glenn Beck Says Trump Is Dangerous\n\n“He will divide us even more,” Beck said on CNN."
    (quote,) = [q for q in extract(text)["quotes"] if q["kind"] == "direct"]
    assert quote["speaker"]["name"] == "Glenn Beck"


def test_a_reported_clause_that_quotes_a_name_is_a_mixed_quote():
    text = ("George Zimmerman claimed that the “Smithsonian Museum” had expressed interest in "
            "buying the firearm.")
    (quote,) = [q for q in extract(text)["quotes"] if q["speaker"]]
    assert quote["kind"] == "mixed"
    assert spans_text(text, quote) == ["Smithsonian Museum"]
    assert quote["content"]["text"].startswith("that the “Smithsonian Museum” had expressed")
    assert quote["speaker"]["name"] == "George Zimmerman"


def test_a_mixed_quote_before_its_cue_reports_the_sentence_up_to_it():
    text = ("In private, Bill Clinton has been “very worked up about it,” said a source close to "
            "the campaign.")
    (quote,) = extract(text)["quotes"]
    assert quote["kind"] == "mixed"
    assert quote["content"]["text"] == "In private, Bill Clinton has been “very worked up about it"
    assert quote["speaker"]["mention"] == "a source"  # what follows "close" is no part of the name


def test_whom_a_participle_tells_is_not_the_speaker_of_the_quote_before_it():
    text = ("Donald Trump hailed the vote as “fantastic,” telling reporters in Scotland on Friday "
            "that he thinks it is a great thing.")
    (quote,) = [q for q in extract(text)["quotes"] if q["kind"] == "mixed"]
    assert quote["speaker"]["name"] == "Donald Trump"


def test_a_subordinate_clause_after_a_quote_is_no_credit_line():
    text = "The crowd chanted “Build the wall!” as Trump spoke."
    quote = only_quote(extract(text))
    assert quote["cue"]["text"] == "chanted"  # the lexicon learned "chanted"; the lemmatizer says "chant"
    assert quote["speaker"]["mention"] == "The crowd"


def test_a_quote_after_the_reporters_own_words_does_not_continue_the_last_speaker():
    text = ("“We show anger, we show emotion,” said Christopher Harvey, a delegate from Michigan.\n\n"
            "When Donald Trump finally wrapped up — “I will fight for you, and I will win for you!” — "
            "the balloons cascaded down on the crowd.")
    first, second = extract(text)["quotes"]
    assert first["speaker"]["name"] == "Christopher Harvey"
    assert second["speaker"]["name"] == "Donald Trump"


def test_a_season_is_no_speaker():
    for text, speaker in (("And last summer, Geraldo Rivera calls Santilli a “fascist.”", "Geraldo Rivera"),
                          ("This spring, at a rally in Ohio, the senator calls the plan “a disaster.”", "the senator")):
        assert only_quote(extract(text))["speaker"]["mention"] == speaker


def test_any_verb_between_a_short_subject_and_a_quote_is_its_cue():
    text = ("“What is going to happen is Donald Trump is going to make this look like a stolen "
            "election,” Beck said on CNN.\n\nHe continued, “There will be maybe 10 to 15 percent of "
            "the population that will just become virulent.”")
    second = extract(text)["quotes"][1]
    assert second["cue"]["text"] == "continued"
    assert (second["speaker"]["mention"], second["speaker"]["name"]) == ("He", "Beck")


def test_a_sentence_the_tokenizer_ended_at_a_title_is_joined_again():
    text = ("Looking back to 2008, Devine argued that the philosophical distance between Clinton and "
            "then-Sen. Barack Obama was narrower than what exists between Clinton and Sanders now.")
    quote = only_quote(extract(text))
    assert quote["kind"] == "indirect"
    assert quote["content"]["text"].endswith("then-Sen. Barack Obama was narrower than what exists "
                                             "between Clinton and Sanders now")


def test_a_sentence_the_tokenizer_ended_inside_a_name_is_joined_again():
    # Stanza's tokenizer ends a sentence after "Jane" here; the cue's subject is the whole name
    text = ("Activists clash over drilling plan\n\n"
            "Greenpeace director Jane Roe said the plan would damage the coast for decades.")
    quote = only_quote(extract(text))
    assert quote["speaker"]["name"] == "Jane Roe"
    assert quote["role"] == "director"


def test_every_quote_of_a_speaker_carries_the_profiles_one_role():
    # the first mention gives "director"; the later "Roe said" reads "Greenpeace director" off the name's
    # first occurrence: one profile, one role, on every quote
    text = ("Greenpeace director Jane Roe said the plan would damage the coast.\n\n"
            "“This is the wrong decision,” Roe said.")
    quotes = extract(text)["quotes"]
    assert [(q["speaker"]["name"], q["role"]) for q in quotes] == [("Jane Roe", "director")] * 2


def test_an_infinitive_after_the_cue_is_what_was_urged():
    text = "Addressing the topic on Monday, the White House urged Silicon Valley to find a compromise."
    quote = only_quote(extract(text))
    assert (quote["kind"], quote["content"]["text"]) == ("indirect", "to find a compromise")
    assert quote["speaker"]["name"] == "White House"


def test_a_cue_after_a_quote_inside_its_own_subject_still_reports_its_clause():
    text = ("A representative for the Ivanka Trump brand - a 12-employee business pitched as \"the "
            "ultimate destination for Women Who Work\" - noted that the company offers new mothers "
            "eight weeks of paid leave.")
    indirect = [q for q in extract(text)["quotes"] if q["kind"] == "indirect"]
    assert [q["content"]["text"] for q in indirect] == [
        "that the company offers new mothers eight weeks of paid leave"]


@pytest.mark.parametrize("dateline", ["Washington (AFP) –", "WASHINGTON, June 10 (UPI) —"])
def test_a_dateline_with_its_date_and_agency_is_no_speaker(dateline):
    text = (f"{dateline} Democrat Hillary Clinton has taken a swipe at Republican rival Donald "
            "Trump’s stance on Brexit, saying that “bombastic comments” do more harm than good.")
    quote = only_quote(extract(text))
    assert quote["speaker"]["name"].endswith("Hillary Clinton")


def test_beside_another_subject_a_relative_pronoun_is_no_speaker():
    text = ("DeSantis said he has supported legislation that would target regional accreditation "
            "bodies, which he called “a cartel for higher education.”")
    (quote,) = [q for q in extract(text)["quotes"] if q["kind"] != "indirect"]
    assert quote["speaker"]["name"] == "DeSantis"  # "which" is what he called a cartel


def test_the_cue_right_before_a_quote_and_a_comma_reports_it():
    text = ("After BlazeTV’s Glenn Beck asked the conservative who he thought would win the presidency, "
            "D’Souza replied, “If I had to bet now, I regret to say, I would bet on Hillary.”")
    quote = next(q for q in extract(text)["quotes"] if q["kind"] == "direct")
    assert (quote["cue"]["text"], quote["speaker"]["name"]) == ("replied", "D’Souza")


@pytest.mark.parametrize("text, cue, name", [
    ("“It is time to deliver a victory for the American people,” Trump said.\n\nHe continued with an "
     "appeal to voters: “To every parent who dreams for their child, I say these words to you tonight: "
     "I am with you.”", "continued", "Trump"),
    ("\"It is huge,\" Marco Rubio said, doing his best Trump impersonation.\n\nHe also played up his "
     "believed strength in a general election: \"Who gives us the best chance to win? I know that I do.\"",
     "played", "Marco Rubio"),
])
def test_a_verb_before_a_colon_that_opens_a_quote_is_its_cue(text, cue, name):
    second = extract(text)["quotes"][1]
    assert second["cue"]["text"] == cue
    assert (second["speaker"]["mention"], second["speaker"]["name"]) == ("He", name)


def test_a_second_cue_between_two_quotes_makes_them_two_quotations():
    text = ('"I am just not ready to do that at this point," Paul Ryan said last week on CNN, though '
            'he said, "I hope to."')
    first, second = extract(text)["quotes"]
    assert second["text"] == "I hope to."
    assert (second["speaker"]["mention"], second["speaker"]["name"]) == ("he", "Paul Ryan")


def test_the_subject_of_what_is_said_is_not_the_speaker():
    text = ("Sunday, on CNN’s “State of the Union,” Governor Mary Fallin (R-OK) said presumptive "
            "Republican presidential nominee Donald Trump is “trying to campaign as a racial healer.”")
    (quote,) = [q for q in extract(text)["quotes"] if q["kind"] == "mixed"]
    assert quote["speaker"]["name"] == "Mary Fallin"


def test_no_speaker_stands_between_a_quote_and_a_conjoined_cue():
    text = ('(The spokeswoman challenged the assertion that Grayson had ever "attacked" Clinton, and '
            'said he "maintains that she will be a very competent president.")')
    fragment = next(q for q in extract(text)["quotes"] if q["text"] == "attacked")
    assert fragment["speaker"]["mention"] == "The spokeswoman"


def test_the_noun_a_relative_clause_before_the_cue_relates_to_is_the_speaker():
    text = ("Although there is no such overlap with Sanders’s team, a White House official who spoke "
            "anonymously to discuss internal strategy said Wednesday, \"Certainly there are discussions "
            "between the White House and the Sanders campaign.\"")
    quote = only_quote(extract(text))
    assert (quote["speaker"]["mention"], quote["speaker"]["named"]) == ("a White House official", False)


def test_a_mixed_quote_that_runs_on_to_its_cue_reports_the_sentence_it_opens_in():
    text = ("Murphy’s support of Clinton’s idea is “really an amorphous position to have. What we do "
            "here is, we legislate. That’s what we do,” Grayson said.")
    quote = only_quote(extract(text))
    assert quote["kind"] == "mixed"
    assert quote["content"]["text"].startswith("Murphy’s support of Clinton’s idea is “really an amorphous")


def test_what_a_cue_says_its_object_is_belongs_to_the_content():
    text = "Trump described the country as beset by illegal immigrants, some of them killers."
    quote = only_quote(extract(text))
    assert quote["content"]["text"] == "the country as beset by illegal immigrants, some of them killers"


def test_what_a_cue_accuses_its_object_of_belongs_to_the_content():
    text = "Washington has accused China of hacking computers at a range of federal agencies."
    quote = only_quote(extract(text))
    assert (quote["kind"], quote["content"]["text"]) == (
        "indirect", "China of hacking computers at a range of federal agencies")


def test_words_between_a_quote_and_its_cue_that_are_no_noun_phrase_name_no_speaker():
    text = ('"Campaigns are having trouble raising money. Super PACs have the money. They don\'t have a '
            'choice" but to take the lead in advertising, says Evan Tracey, a Republican media '
            'consultant with National Media in Alexandria, Va.')
    quote = only_quote(extract(text))
    assert quote["speaker"]["name"] == "Evan Tracey"


def test_a_reported_clause_starts_at_the_that_after_its_cue_wherever_the_parser_hangs_it():
    text = ('On Tuesday, Walsh insisted that senators who refused to rule out a new tax for retirees - '
            'as several of his rivals have - were "reckless."')
    quote = only_quote(extract(text))
    assert quote["kind"] == "mixed"
    assert quote["content"]["text"].startswith("that senators who refused to rule out")


def test_with_before_a_participles_subject_marks_an_absolute_clause_not_a_prepositions_object():
    text = ("Many Democrats who support the budget were unhappy about the cuts, with Sen. Maria Lopez "
            "calling it a “cruel joke.”")
    quote = only_quote(extract(text))
    assert quote["speaker"]["name"] == "Maria Lopez"


def test_a_subject_a_colon_parts_from_the_cue_belongs_to_the_clause_before():
    text = ("Even mayors who backed the plan sounded doubtful: Former Gov. Ellen Marsh called it "
            "“the least painful choice on the table.”")
    quote = only_quote(extract(text))
    assert quote["speaker"]["name"] == "Ellen Marsh"


@pytest.mark.parametrize("text, speaker", [
    # the parser makes the participle what the cue says (ccomp of "argued")
    ('Ruiz argued that the governor had broken "every promise," noting in a speech that the budget '
     'was "a disgrace."', "Ruiz"),
    ('Ms. Chen insisted that the company owes workers "real answers," saying at a rally that its '
     'offer was "an insult."', "Chen"),
    # the parser hangs the participle on the reported clause (advcl of "represents")
    ('Perry said this week that Gore represents "Hollywood values," claiming during the debate that '
     'they are "out of touch."', "Perry"),
])
def test_a_participle_set_off_after_a_reported_clause_shares_the_cues_speaker(text, speaker):
    quotes = extract(text)["quotes"]
    assert [q["speaker"]["name"] for q in quotes] == [speaker, speaker]


def test_the_second_word_of_a_two_word_cue_is_no_speaker():
    text = ('Ruiz said she was open to new taxes in cases where "common sense" made clear that the money '
            'would reach schools.')
    speaker = only_quote(extract(text))["speaker"]
    assert speaker is None or "clear" not in speaker["mention"]


@pytest.mark.parametrize("text", [
    "“We will not raise taxes this year,” said Gov. Ana Ruiz on Tuesday.",
    "“We will not raise taxes this year,” said Gov. Ana Ruiz Tuesday.",
    "“We will not raise taxes this year,” made clear Gov. Ana Ruiz on Tuesday.",
    "“We will not raise taxes this year,” said Gov. Ana Ruiz on Aug. 4.",
    "Gov. Ana Ruiz on Feb. 3 said, “We will not raise taxes this year.”",
])
def test_the_day_after_an_inverted_speaker_is_not_part_of_the_name(text):
    assert only_quote(extract(text))["speaker"]["name"] == "Ana Ruiz"


def test_a_cue_joined_by_comma_and_to_a_reported_clause_is_the_first_cues_second_verb():
    # the parser makes "called" a conjunct of "give", inside what "said" reports
    text = ('Sen. Ann Cole (D-Ore.) said Walsh\'s tax plan would give money to foreign companies, and '
            'called him "the best friend Wall Street ever had."')
    quote = next(q for q in extract(text)["quotes"] if q["kind"] == "mixed")
    assert quote["cue"]["text"] == "called"
    assert quote["speaker"]["name"] == "Ann Cole"


@pytest.mark.parametrize("text, speaker", [
    # the parser hangs the participle on the noun before it ("attack"), which says nothing
    ('Cole offered a Walsh-style retort on the senator\'s preferred mode of attack, tweeting at him, '
     '"You have no plan and no shame."', "Cole"),
    # ... or on a predicate noun, whose subject is the speaker
    ('Lopez was a fierce critic of the mayor\'s transit plan, calling it "a gift to developers."', "Lopez"),
])
def test_a_participle_set_off_after_a_noun_shares_the_subject_of_its_clause(text, speaker):
    quote = only_quote(extract(text))
    assert quote["speaker"]["name"] == speaker


@pytest.mark.parametrize("text, speaker", [
    ("Holding banners outside the hall, the students chanted “No more cuts!”", "the students"),
    ("Addressing supporters of the Ohio Republican Party’s annual dinner Friday, Walsh described "
     "factories humming with workers and a state of “grit and common sense.”", "Walsh"),
])
def test_a_subject_a_comma_parts_from_a_subject_nearer_the_cue_is_not_the_speaker(text, speaker):
    quote = only_quote(extract(text))
    assert quote["speaker"]["mention"] == speaker


def test_a_day_the_parser_makes_the_subject_is_no_speaker():
    text = ("Saturday at the Oregon Republican state’s party convention Rep. Carl Hale (R-OR) said the "
            "Democratic governor was a “total failure” in office.")
    quote = only_quote(extract(text))
    assert quote["speaker"]["name"] == "Carl Hale"


def test_a_participle_phrase_is_no_speaker():
    text = ("But that afternoon, a crowd of angry teachers and parents had gathered at the capitol, "
            "calling for the governor's resignation and carrying signs saying, \"Cuts today, closed "
            "schools tomorrow.\"")
    quote = only_quote(extract(text))
    assert quote["speaker"] is None or quote["speaker"]["mention"] != "carrying signs"


def test_a_quote_split_around_its_cue_reports_the_sentence_up_to_its_first_piece():
    text = ('Walsh’s lead in the polls means "he must be getting something right," she says, "but I am '
            'not sure I would vote for him."')
    quote = only_quote(extract(text))
    assert quote["kind"] == "mixed"
    assert quote["content"]["text"].startswith("Walsh’s lead in the polls means")


def test_a_content_that_is_only_the_quote_gives_way_to_the_clause_around_it():
    text = 'Ortiz opened the forum saying "of course" her rival has the experience to be mayor.'
    quote = only_quote(extract(text))
    assert quote["kind"] == "mixed"
    assert quote["content"]["text"].endswith("her rival has the experience to be mayor")


def test_a_verb_whose_that_clause_quotes_words_is_their_cue():
    text = "Ruiz estimated that there are “somewhere between 40 and 50 members who will vote against the bill.”"
    quote = only_quote(extract(text))
    assert (quote["kind"], quote["cue"]["text"], quote["speaker"]["name"]) == ("mixed", "estimated", "Ruiz")
    assert quote["content"]["text"].startswith("that there are “somewhere between")


def test_a_result_clause_after_so_is_not_what_its_participle_says():
    text = ("Patel, the governor of Ohio, said the state’s debts are so daunting that “we have to "
            "rethink every program we run.”")
    quote = only_quote(extract(text))
    assert (quote["cue"]["text"], quote["speaker"]["name"]) == ("said", "Patel")


@pytest.mark.parametrize("text", [
    "“We will win this state,” Walsh said on NBC’s “Sunday Morning with Chuck Lane.”",
    "“We will win this state,” Walsh told “Good Morning Ohio,” adding that the race was close.",
])
def test_a_title_where_a_noun_phrase_goes_is_no_quote_even_beside_a_cue(text):
    quotes = [q["text"] for q in extract(text)["quotes"] if q["kind"] != "indirect"]
    assert quotes == ["We will win this state"]


@pytest.mark.parametrize("text", [
    "The report was shared widely, leading senior aides like Dana Ortiz to insist that “every dollar came "
    "back to the state.”",
    "The ruling prompted state lawyers like Dana Ortiz to argue that the law was “plainly unconstitutional.”",
])
def test_whom_a_verb_gets_to_speak_is_the_speaker_of_the_infinitive(text):
    quote = only_quote(extract(text))
    assert quote["speaker"]["mention"].endswith(" like Dana Ortiz")  # not "The report", "The ruling"


@pytest.mark.parametrize("text, name", [
    # the verbs and nouns of a title-case heading are no part of its names, and its names are whole
    ("Carly Fiorina Endorses Ted Cruz\n\nThe former executive joined Cruz in Miami on Wednesday.\n\n"
     "“He is the only one who can beat Trump,” Fiorina said.", "Carly Fiorina"),
    ("Ben Carson Slams Hillary Over Benghazi Lies\n\nThe retired neurosurgeon spoke in Iowa on Friday.\n\n"
     "“She lied to the families,” Carson said.", "Ben Carson"),
    # a surname beats a first word: not the restaurant named after him
    ("Donald Trump spoke at length on Monday. Later he dined at Trump Tower Grill with aides. “We will win,” "
     "Trump said.", "Donald Trump"),
    # a name never runs over the end of a line
    ("Cruz Is At Fault\nTed Cruz spoke in Iowa on Friday.\n\n“We will win this state,” Cruz said.", "Ted Cruz"),
    # a word capitalised only because it opens the sentence is no part of the name after it...
    ("Understated Perez raises his profile. “We will stand up and be counted,” Perez said.", "Perez"),
    # ... but a first name there is, however rare
    ("Elward Edd, a farmer from Ames, said the drought was the worst he had seen. “We lost everything,” "
     "Mr. Edd said.", "Elward Edd"),
])
def test_a_name_holds_the_words_that_name_and_only_those(text, name):
    quotes = extract(text)["quotes"]
    assert quotes and {q["speaker"]["name"] for q in quotes} == {name}


@pytest.mark.parametrize("text, mention", [
    ("Roger Stone spoke on his radio show on Tuesday.\n\nStated Stone:\n\n“I think that the stakes are so "
     "high that they would do anything to remain in power.”", "Stone"),
    ("The minister spoke for an hour.\n\nAdded the minister, “We will not give up.”", "the minister"),
])
def test_a_cue_that_opens_its_sentence_is_followed_by_its_speaker(text, mention):
    (quote,) = extract(text)["quotes"]
    assert quote["speaker"]["mention"] == mention


@pytest.mark.parametrize("text, name", [
    ("Sanders was asked by host Bill Maher, “Do you think the email story is over?”", "Bill Maher"),
    ("The senator was told by aides, “Stay away from the cameras.”", "aides"),
])
def test_whoever_a_passive_cue_addresses_is_not_its_speaker_the_agent_is(text, name):
    assert only_quote(extract(text))["speaker"]["name"] == name


def test_a_quoted_sentence_inside_the_clause_a_cue_reports_is_a_mixed_quote():
    text = ("Governor Alvarez says if the bridge closes for a month, the bakers of Lindenfeld will be at the "
            "barricades every morning shouting “Let us through to our ovens!”")
    quote = only_quote(extract(text))
    assert quote["kind"] == "mixed" and quote["speaker"]["name"] == "Alvarez"
    assert quote["content"]["text"].startswith("if the bridge closes for a month")


def test_a_quote_that_opens_a_reported_clause_going_on_after_it_is_a_mixed_quote():
    text = ("Councillor Bianchi said \"We will not accept any more excuses\" from the contractor about the "
            "harbour repairs, which are now two years late.")
    quote = only_quote(extract(text))
    assert quote["kind"] == "mixed"
    assert quote["content"]["text"].endswith("from the contractor about the harbour repairs, which are now two years late")


@pytest.mark.parametrize("text", [
    "Bianchi told the crowd \"We will not give up on this harbour.\"",
    "“We will not give up on this harbour,” Bianchi said, waving a flag at the crowd.",
    "Bianchi said: “We will not give up on this harbour.”",
])
def test_a_quoted_sentence_introduced_by_its_cue_stays_direct(text):
    quote = only_quote(extract(text))
    assert (quote["kind"], quote["content"], quote["speaker"]["name"]) == ("direct", None, "Bianchi")


def test_a_reported_phrase_ending_in_a_quote_with_its_period_is_a_mixed_quote():
    text = "At the rally, Mayor Keller called the new bus schedule “The Great Commuter Robbery.”"
    quote = only_quote(extract(text))
    assert (quote["kind"], quote["text"], quote["speaker"]["name"]) == ("mixed", "The Great Commuter Robbery.", "Keller")


def test_the_content_of_a_quote_in_a_cues_object_runs_on_past_the_object():
    text = "Bishop Alvarado criticized the “quiet cruelty” on display at the border crossings along the river."
    quote = only_quote(extract(text))
    assert quote["kind"] == "mixed"
    assert quote["content"]["text"] == "the “quiet cruelty” on display at the border crossings along the river"


def test_a_clause_leading_into_a_quote_with_a_colon_gives_its_subject_though_no_cue_is_in_it():
    text = ("Mayor Ortiz said the council members were “sleepwalking,” but she gave the newest member a rare "
            "compliment: “You always know where she stands.”")
    quote = next(q for q in extract(text)["quotes"] if q["text"].startswith("You always know"))
    assert (quote["cue"]["text"], quote["speaker"]["mention"], quote["speaker"]["name"]) == ("gave", "she", "Ortiz")


def test_a_pronoun_that_means_the_one_who_reports_the_clause_gives_way_to_them():
    text = "Councillor Bianchi said she warned the mayor that “the harbour comes last in this plan.”"
    quote = only_quote(extract(text))
    assert (quote["cue"]["text"], quote["speaker"]["mention"]) == ("warned", "Councillor Bianchi")


def test_one_who_reports_what_another_said_is_not_the_speaker():
    text = ("Captain Moreau arrived late. Port officials said he warned them that “the cranes will not be "
            "fixed by May.”")
    quote = only_quote(extract(text))
    assert (quote["speaker"]["mention"], quote["speaker"]["name"]) == ("he", "Moreau")  # the title is no part of it


@pytest.mark.parametrize("verb", ["screamed", "chanted", "whispered"])
def test_manners_of_speaking_the_data_has_too_rarely_are_cues(verb):
    text = f"The mayor asked who would pay for the new stadium. “Not one more cent!” the protesters {verb} from the gallery."
    quote = next(q for q in extract(text)["quotes"] if q["kind"] == "direct")
    assert (quote["cue"]["text"], quote["speaker"]["mention"]) == (verb, "the protesters")


def test_as_someone_put_it_is_a_cue():
    text = ("Few expect the cranes to be fixed this year. As the harbour master, Ines Duarte, put it: “We are "
            "waiting for parts that nobody makes any more.”")
    quote = next(q for q in extract(text)["quotes"] if q["kind"] == "direct")
    assert (quote["cue"]["text"], quote["speaker"]["name"]) == ("put it", "Ines Duarte")


@pytest.mark.parametrize("text, cue", [
    ("Ines Duarte spoke for an hour. “We will rebuild the pier by summer,” Duarte went on.", "went on"),
    ("Ines Duarte spoke for an hour. “Nobody in this town gives up,” beamed Duarte.", "beamed"),
])
def test_a_short_clause_after_a_quote_credits_it_whatever_its_verb(text, cue):
    quote = only_quote(extract(text))
    assert (quote["cue"]["text"], quote["speaker"]["mention"], quote["speaker"]["name"]) == (cue, "Duarte", "Ines Duarte")


def test_a_clause_after_a_quote_inside_a_sentence_is_no_credit_line():
    text = "When the council promised to “protect our harbour,” the fishermen went home."
    (quote,) = extract(text)["quotes"]
    assert (quote["cue"]["text"], quote["speaker"]["mention"]) == ("promised", "the council")
