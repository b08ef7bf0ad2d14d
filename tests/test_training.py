"""The learning side: GUM mention types, the cue lexicon, and the committed speaker model."""
import json

from quotes import lexicons, pipeline, parse
from quotes.nlp import load_pipeline
from quotes.ranking import MODEL_PATH, Ranker, load
from training import cue_lexicon, mention_types

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
    tagged = parse.tag(load_pipeline(), texts)
    articles = [pipeline.prepare(text, document) for text, document in zip(texts, tagged)]

    def cues_of(text, word):
        return [{"cue_fragments": [[i, i + len(word)]]} for i in range(len(text)) if text.startswith(word, i)]

    documents = [{"quotes": cues_of(texts[0], "scoffed")}, {"quotes": cues_of(texts[1], "scoffed")}]
    lemmas, _ = cue_lexicon.learn(documents, articles)
    learned = {lemma for lemma, _, _ in lemmas}
    scoffed = articles[0].words[2].lemma.lower()
    assert scoffed in learned and "walk" not in learned


def test_committed_speaker_model_prefers_the_cue_subject_nearby():
    ranker = load()
    assert isinstance(ranker, Ranker) and 0 <= ranker.threshold < 1
    near = {"rule": 1.0, "method_subject": 1.0, "same_paragraph": 1.0, "cue_same_sentence": 1.0, "type_person": 1.0}
    far = {"named_nearby": 1.0, "paragraph_gap": 1.0, "log_distance": 1.0, "type_person": 1.0}
    assert ranker.probability(near) >= ranker.threshold
    assert ranker.probability(near) > 10 * ranker.probability(far)
    assert json.loads(MODEL_PATH.read_text())["training"]["cv_accuracy"] > 0.5


def test_learned_lexicons_are_in_the_engine():
    assert "say" in lexicons.learned(lexicons.LEARNED_CUE_VERBS)
    assert lexicons.learned(lexicons.MENTION_TYPES)["government"][0] == "organization"
