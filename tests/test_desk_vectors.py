"""The desk's word vectors come from whichever Stanza package STANZA_RESOURCES_DIR holds: a pretrain file
of another package (here one written by Stanza's own Pretrain class from a small vectors text file) is
found and read the same way, and linking still works without any vectors (lexically)."""
from datetime import UTC, datetime

import numpy as np
from stanza.models.common.pretrain import Pretrain

from desk import linking, vectors
from desk.words import normal_words


def test_another_packages_pretrain_is_found_and_read(tmp_path, monkeypatch):
    directory = tmp_path / "resources" / "en" / "pretrain"
    directory.mkdir(parents=True)
    rows = {"the": [1, 0, 0], "benefit": [0, 1, 0.1], "profit": [0, 1, 0.15], "nations": [0.2, 0, 1]}
    text_vectors = tmp_path / "vectors.txt"
    text_vectors.write_text(f"{len(rows)} 3\n" + "".join(f"{word} {' '.join(map(str, row))}\n"
                                                         for word, row in rows.items()))
    Pretrain(str(directory / "conll17.pt"), str(text_vectors)).load()  # reads the text, writes the .pt file
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "resources"))
    vectors.load_vectors.cache_clear()
    try:
        assert vectors.pretrain_path() == directory / "conll17.pt"
        loaded = vectors.load_vectors()
        assert loaded.similarity("benefit", "profit") > 0.99 > loaded.similarity("benefit", "nations")
        assert loaded.weight("the") < loaded.weight("nations") <= 1.0 == loaded.weight("unseen")
        assert np.allclose(np.linalg.norm(loaded.unit[loaded.rank["nations"]]), 1.0)
    finally:
        vectors.load_vectors.cache_clear()


def side(text: str, speaker: int | None = 1) -> linking.Side:
    return linking.Side(normal_words(text), [], speaker, 0.9, datetime(2026, 12, 7, tzinfo=UTC), "direct")


def test_linking_without_vectors_is_lexical():
    said = side("we can make sure we are communicating as clearly as possible")
    same = linking.compare(side("we can make sure we are communicating as clearly as possible."), said, {}, None)
    fragment = linking.compare(side("make sure we are communicating as clearly as possible"), said, {}, None)
    different = linking.compare(side("the talks were frank and productive"), said, {}, None)
    assert same.linked and same.similarity == 1.0
    assert fragment.linked
    assert not different.linked
    # the same words credited to another speaker the engine is sure of: a misattribution, not a link
    elsewhere = linking.compare(side("we can make sure we are communicating as clearly as possible", 2), said, {}, None)
    assert elsewhere.misattributed and not elsewhere.linked
