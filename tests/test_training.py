"""The learning side: GUM mention types, the cue lexicon, and the committed speaker model."""
import json

from quotes import pipeline
from quotes.article import Mention
from quotes.english import lexicons
from quotes.learned import PRONOUN_RANKER, SPEAKER_RANKER, LinearModel, load
from quotes.speaker import candidates
from quotes.speaker.people import NameIndex
from training import cue_lexicon, mention_types, pronouns

CONLLU = """# text = The spokesman said analysts in the city doubt the agency.
1	The	the	DET	DT	_	2	det	_	Entity=(1-person-new-x-x-1-sgl
2	spokesman	spokesman	NOUN	NN	Number=Sing	3	nsubj	_	Entity=1)
3	said	say	VERB	VBD	_	0	root	_	_
4	analysts	analyst	NOUN	NNS	Number=Plur	8	nsubj	_	Entity=(2-person-new-x-x-1-sgl
5	in	in	ADP	IN	_	7	case	_	_
6	the	the	DET	DT	_	7	det	_	Entity=(3-place-new-x-x-1-sgl
7	city	city	NOUN	NN	Number=Sing	4	nmod	_	Entity=3)2)
8	doubt	doubt	VERB	VBP	_	3	ccomp	_	_
9	the	the	DET	DT	_	10	det	_	Entity=(4-organization-new-x-x-1-sgl
10	agency	agency	NOUN	NN	Number=Sing	8	obj	_	Entity=4)|SpaceAfter=No
11	.	.	PUNCT	.	_	3	punct	_	_

"""


def test_mention_types_are_read_off_gum_heads(tmp_path):
    (tmp_path / "doc.conllu").write_text(CONLLU * 2, encoding="utf-8")
    counts = mention_types.count_heads(tmp_path)
    assert counts["spokesman"]["person"] == 2
    assert counts["analyst"]["group"] == 2  # a person noun in the plural; its nested "city" is not its head
    assert counts["city"]["place"] == 2
    table = {lemma: kind for lemma, kind, _, _ in mention_types.learn(tmp_path)}
    assert table == {"spokesman": "person", "analyst": "person", "city": "place", "agency": "organization"}


def test_cue_lexicon_keeps_verbs_annotated_as_cues_in_most_uses():
    texts = ["Ann Lee scoffed at the plan. Bob Ray scoffed too. Cal Fox scoffed again. They walked home.",
             "Dee Moss walked in. Eve Lin walked out. Fay Orr scoffed at that."]
    articles = pipeline.parse_texts(texts, until="tokens")

    def cues_of(text, word):
        return [{"cue_fragments": [[i, i + len(word)]]} for i in range(len(text)) if text.startswith(word, i)]

    documents = [{"quotes": cues_of(texts[0], "scoffed")}, {"quotes": cues_of(texts[1], "scoffed")}]
    lemmas, _ = cue_lexicon.learn(documents, articles)
    learned = {lemma for lemma, _, _ in lemmas}
    scoffed = articles[0].words[2].lemma.lower()
    assert scoffed in learned and "walk" not in learned


def test_committed_speaker_model_prefers_the_cue_subject_nearby():
    ranker = load(SPEAKER_RANKER)
    assert isinstance(ranker, LinearModel) and 0 <= ranker.threshold < 1
    near = {"rule": 1.0, "method_subject": 1.0, "same_paragraph": 1.0, "cue_same_sentence": 1.0, "type_person": 1.0}
    far = {"named_nearby": 1.0, "paragraph_gap": 1.0, "log_distance": 1.0, "type_person": 1.0}
    assert ranker.probability(near) >= ranker.threshold
    assert ranker.probability(near) > 10 * ranker.probability(far)
    assert json.loads(SPEAKER_RANKER.read_text())["training"]["cv_accuracy"] > 0.5


def test_the_speaker_model_reads_what_a_candidate_is_in_its_clause():
    text = "The mayor told Ana Ruiz in a letter to the council that the governor's aide had lied."
    article = pipeline.parse_texts([text])[0]

    def role(phrase):
        start = text.index(phrase)
        return candidates.grammatical_role(article, Mention(start, start + len(phrase), None, phrase, "person"))

    assert [role(p) for p in ("The mayor", "Ana Ruiz", "the council", "the governor")] == \
        ["subject", "object", "oblique", "possessor"]
    # learned, not set: a cue's object or a possessor says the quote less often than a subject
    weights = load(SPEAKER_RANKER).weights
    assert weights["grammar_object"] < weights["grammar_subject"]
    assert weights["grammar_possessor"] < weights["grammar_subject"]


def test_learned_lexicons_are_in_the_engine():
    assert "say" in lexicons.learned(lexicons.LEARNED_CUE_VERBS)
    assert lexicons.learned(lexicons.MENTION_TYPES)["government"][0] == "organization"


PRONOUN_CONLLU = """# newpar
# text = Ann Lee met Bob Ray.
1	Ann	Ann	PROPN	NNP	_	3	nsubj	_	Entity=(1-person-new-x-x-1-sgl
2	Lee	Lee	PROPN	NNP	_	1	flat	_	Entity=1)
3	met	meet	VERB	VBD	_	0	root	_	_
4	Bob	Bob	PROPN	NNP	_	3	obj	_	Entity=(2-person-new-x-x-1-sgl
5	Ray	Ray	PROPN	NNP	_	4	flat	_	Entity=2)|SpaceAfter=No
6	.	.	PUNCT	.	_	3	punct	_	_

# newpar
# text = He smiled.
1	He	he	PRON	PRP	Case=Nom|Gender=Masc|Number=Sing|Person=3|PronType=Prs	2	nsubj	_	Entity=(2-person-giv-x-x-1-coref)
2	smiled	smile	VERB	VBD	_	0	root	_	SpaceAfter=No
3	.	.	PUNCT	.	_	2	punct	_	_

"""


def test_gum_pronouns_get_character_offsets_in_the_rebuilt_text(tmp_path):
    (tmp_path / "doc.conllu").write_text(PRONOUN_CONLLU, encoding="utf-8")
    document = pronouns.read_document(tmp_path / "doc.conllu")
    assert document.text == "Ann Lee met Bob Ray.\nHe smiled."  # one paragraph per line, as the engine reads
    he = document.pronouns[0]
    assert document.text[he.start:he.end] == "He" and he.entity == "2"
    assert document.entity_at(document.text.index("Bob"), document.text.index("Ray") + 3) == "2"


def test_pronoun_ranker_trained_on_a_gum_slice_is_deterministic(tmp_path, monkeypatch):
    monkeypatch.setenv("QUOTES_TRAIN_CACHE", str(tmp_path / "cache"))
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    learned = pronouns.train(limit=6, path=first)
    pronouns.train(limit=6, path=second)
    assert first.read_text() == second.read_text()
    model = json.loads(first.read_text())
    assert set(model) == {"bias", "training", "weights"}
    assert {"gender_clashes", "last_person_mentioned", "subject", "sentence_gap"} <= set(model["weights"])
    assert learned["answerable"] > 20 and 0 < model["training"]["cv_accuracy"] <= 1
    # a first name that clashes with the pronoun's gender counts against a candidate
    assert model["weights"]["gender_clashes"] < 0


def test_committed_pronoun_ranker_is_read_by_the_engine():
    ranker = load(PRONOUN_RANKER)
    assert ranker is not None
    assert json.loads(PRONOUN_RANKER.read_text())["training"]["cv_accuracy"] > \
        json.loads(PRONOUN_RANKER.read_text())["training"]["rule"]["accuracy"]


def test_a_name_in_the_clause_a_cue_reports_is_no_candidate_speaker():
    text = ("Sen. Dale Porter spoke in Topeka on Wednesday. Porter said the plan was a “gift” to Governor "
            "Tom Baker and his donors.")
    article = pipeline.parse_texts([text])[0]
    article = pipeline.analyse(article)
    (quote,) = [a for a in article.attributions if a.pieces]
    assert quote.cue.text == "said" and text[quote.content[0]:].startswith("the plan")
    names = {c.mention.name for c in candidates.candidates(article, quote, None, None, NameIndex(article))}
    assert "Dale Porter" in names and "Tom Baker" not in names


def test_single_marks_are_labelled_from_the_same_article_in_double_marks():
    from training import single_marks

    original = "“It’s the Joneses’ house,” said O’Brien."
    single = "‘It’s the Joneses’ house,’ said O’Brien."
    rows = single_marks.examples(original, single)
    # each mark twice: as set, and straightened
    assert [label for _, label in rows] == [True, False, False, True, False] * 2
    assert rows[0][0]["glyph=left"] == 1.0 and rows[5][0]["glyph=straight"] == 1.0


def test_role_heads_are_learned_from_roles_in_two_articles_or_more(tmp_path):
    from training import roles

    lines = [{"doc": "a.txt", "role": "Planetary Scientist for Io"}, {"doc": "a-british.txt", "role": "project scientist"},
             {"doc": "b.txt", "role": "principal investigator, and lead"}, {"doc": "c.txt", "role": "atmospheric scientist"},
             {"doc": "d.txt", "role": "investigator"}, {"doc": "e.txt", "role": None}]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    # "scientist" heads roles in a and c (a's British copy is the same article); "investigator" in b and d
    assert roles.learn(gold) == [("investigator", 2), ("scientist", 2)]


def test_news_train_quotes_label_the_candidate_named_as_the_gold_speaker():
    """news-train teaches the speaker model by name: the person the gold names is right, the other person
    named nearby is not (training/speaker_model.collect_news, on the real parse)."""
    from training import speaker_model

    text = ("Rocket test ends early\n\nProject manager Tom Reyes watched from the control room.\n\n“The engine "
            "shut down two seconds early,” said Lena Brandt of the Coastal Propulsion Center in Maine.\n")
    gold = [{"anchor": "The engine shut down", "anchor_start": text.index("The engine"), "speaker": "Lena Brandt",
             "kind": "direct"}]
    (quote,) = speaker_model.collect_news([{"gold": gold}], pipeline.parse_texts([text]), first_number=7)
    assert quote.document == 7 and quote.has_source
    right = [options for options in quote.options if options[1]]
    assert len(right) == 1 and len(quote.options) >= 2, quote.options
