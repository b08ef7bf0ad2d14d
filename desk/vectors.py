"""Word vectors from the Stanza package's pretrain file (the one the engine's models use), loaded once."""
from __future__ import annotations

import functools
import math
from pathlib import Path

import numpy as np

from quotes.nlp import resources_dir

# A word's weight grows with its rarity: the pretrain vocabulary is ordered by frequency, so its rank
# says how common a word is ("the" is near 0); words past this rank, and unknown ones, weigh 1.
RARE_RANK = 20_000


class WordVectors:
    def __init__(self, words: list[str], matrix: np.ndarray):
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        self.unit = (matrix / np.maximum(norms, 1e-9)).astype(np.float32)
        self.rank = {word: index for index, word in enumerate(words)}
        self._weights = {word: min(1.0, math.log(rank + 2) / math.log(RARE_RANK)) for word, rank in self.rank.items()
                         if rank < RARE_RANK}

    def weight(self, word: str) -> float:
        return self._weights.get(word, 1.0)

    def similarity(self, first: str, second: str) -> float:
        """Cosine of the two words' vectors; 1 for the same word, 0 when either has none."""
        if first == second:
            return 1.0
        a, b = self.rank.get(first), self.rank.get(second)
        if a is None or b is None:
            return 0.0
        return float(self.unit[a] @ self.unit[b])


def pretrain_path(directory: str | None = None) -> Path | None:
    """The English pretrain file of the Stanza resources directory the engine uses."""
    found = sorted((Path(directory or resources_dir()) / "en" / "pretrain").glob("*.pt"))
    return found[0] if found else None


@functools.lru_cache(maxsize=1)
def load_vectors() -> WordVectors | None:
    """The process-wide word vectors (None without a pretrain file: linking is then lexical only)."""
    path = pretrain_path()
    if path is None:
        return None
    from stanza.models.common.pretrain import (
        Pretrain,  # imports torch: only when the vectors are needed
    )

    pretrain = Pretrain(str(path))
    vocab = pretrain.vocab
    words = [vocab.id2unit(index) for index in range(len(vocab))]
    return WordVectors(words, pretrain.emb.numpy() if hasattr(pretrain.emb, "numpy") else np.asarray(pretrain.emb))
