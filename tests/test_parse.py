"""The partial parse (quotes.stages.parse) and the faster stand-ins inside Stanza (quotes.nlp.patches), against Stanza's own results."""
from pathlib import Path

import numpy as np
import pytest
from stanza.models.common import chuliu_edmonds, crf, data

from quotes import extract, records
from quotes.article import UNPARSED
from quotes.nlp import load_pipeline, model_info, resources_dir
from quotes.nlp.decoder import maximum_tree
from quotes.nlp.patches import padded_ids, stock, viterbi
from quotes.pipeline import analyse, from_document, parse_texts
from quotes.stages import parse

TEXT = ("The storm hit the coast on Monday. Thousands of homes lost power.\n"
        "“We are working around the clock,” said Ana Ruiz, a spokeswoman for the utility.")


def test_the_decoder_gives_stanzas_trees():
    """On scores shaped like the parser's (log-probabilities of each word's head), sentences of one
    to a hundred and twenty words: Stanza's root reweighting leaves every one of two words or more
    with cycles to contract, nested when the sentence is long."""
    load_pipeline()  # installs the stand-ins
    assert chuliu_edmonds.chuliu_edmonds is maximum_tree
    rng = np.random.default_rng(11)
    for _ in range(400):
        size = int(rng.integers(2, 122))
        logits = rng.normal(scale=3.0, size=(size, size))
        scores = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        found = chuliu_edmonds.chuliu_edmonds_one_root(scores)
        with stock():
            expected = chuliu_edmonds.chuliu_edmonds_one_root(scores)
        assert found.tolist() == expected.tolist()


@pytest.mark.parametrize("pad_id", [0, 7])
def test_padded_ids_are_stanzas_tensors(pad_id):
    """Batches of sentences or of words' characters: ragged, with empty rows, with more rows than
    given; deeper nesting (a word's feature ids) goes to Stanza's own."""
    rng = np.random.default_rng(5)
    batches = [[[int(x) for x in rng.integers(1, 90, size=int(rng.integers(0, 12)))] for _ in range(int(rng.integers(1, 9)))]
               for _ in range(200)]
    batches += [[[1, 2], []], [[], [3]], [[[1, 2], [3, 4]], [[5, 6]]]]
    for batch in batches:
        if not any(batch):
            continue
        for size in (len(batch), len(batch) + 2):
            with stock():
                expected = data.get_long_tensor(batch, size, pad_id)
            found = padded_ids(batch, size, pad_id)
            assert found.dtype == expected.dtype and found.tolist() == expected.tolist()


def test_viterbi_finds_stanzas_tag_sequences():
    rng = np.random.default_rng(3)
    for _ in range(300):
        scores = rng.normal(size=(int(rng.integers(1, 60)), int(rng.integers(2, 40))))
        transitions = rng.normal(size=(scores.shape[1], scores.shape[1]))
        path, score = viterbi(scores, transitions)
        expected_path, expected_score = crf.viterbi_decode(scores, transitions)
        assert [int(t) for t in path] == [int(t) for t in expected_path] and score == expected_score


def test_the_stand_ins_give_stanzas_tags_and_arcs():
    """A real article through the tagger and the parser, with the stand-ins and with Stanza's own."""
    text = (Path(__file__).parent / "articles" / "description_before_name.txt").read_text(encoding="utf-8")

    def words():
        article = parse_texts([text])[0]
        return article.words

    found = words()
    with stock():
        expected = words()
    assert any(word.is_parsed for word in found) and any(word.feats for word in found)
    assert any(word.ner != "O" for word in found)
    assert found == expected


def test_only_sentences_with_a_possible_cue_are_parsed_and_their_arcs_are_stanzas():
    pipeline = load_pipeline()
    article = parse_texts([TEXT])[0]
    full = from_document(TEXT, pipeline(TEXT))
    parsed_sentences = [n for n, (a, b) in enumerate(article.sentences) if article.words[a].is_parsed]
    assert parsed_sentences == [2]  # only the sentence with "said"
    assert all(w.deprel == UNPARSED and w.head is None for w in article.words[:article.sentences[2][0]])
    first, last = article.sentences[2]
    assert [(w.head, w.deprel) for w in article.words[first:last]] == \
        [(w.head, w.deprel) for w in full.words[first:last]]


def test_the_engine_finds_what_a_full_parse_finds_on_a_real_article(seed_article):
    full = records.build(analyse(from_document(seed_article, load_pipeline()(seed_article))), None, {})
    engine = extract(seed_article)

    def summary(result):
        return [(q["spans"], q["kind"], q["speaker"] and q["speaker"]["name"], q["cue"] and q["cue"]["text"],
                 q["affiliation"] and q["affiliation"]["name"]) for q in result["quotes"]]

    assert summary(engine) == summary(full)
    assert len(engine["quotes"]) >= 5


def test_a_run_on_sentence_is_not_parsed():
    run_on = " ".join(["officials said the talks went on and on"] * 30)  # 240 words, no sentence end
    article = parse_texts([run_on])[0]
    assert len(article.words) > parse.MAX_PARSED_WORDS
    assert not any(word.is_parsed for word in article.words)


@pytest.mark.parametrize("text", ["", "   ", "No quotes and no cues here at all."])
def test_nothing_to_parse_is_fine(text):
    assert extract(text)["quotes"] == []


def test_the_pipeline_runs_ner_when_the_package_has_it_and_names_every_package():
    pipeline = load_pipeline()
    if not (Path(resources_dir()) / "en" / "ner").is_dir():
        pytest.skip("this Stanza package has no NER model")
    assert "ner" in pipeline.processors
    packages = model_info()["packages"]
    assert all(isinstance(name, str) and name for name in packages.values()), packages  # NER's model_path is a list
    article = parse_texts([TEXT])[0]
    assert {word.text for word in article.words if word.ner.endswith("PERSON")} == {"Ana", "Ruiz"}
