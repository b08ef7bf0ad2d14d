"""Faster stand-ins for slow pure functions inside Stanza, giving Stanza's own results.

`install()` (called once per process by quotes.nlp.load_pipeline) puts them in place:

- the parser's tree decoder: `quotes.nlp.decoder.maximum_tree` for Stanza's Chu-Liu-Edmonds;
- unmapping of tags: the tagger turns every word's XPOS and feature ids back into strings one
  Python call at a time; the same few thousand id combinations come back again and again, so each
  vocabulary keeps the strings it has built;
- padded id tensors: `get_long_tensor` fills one row at a time from a new tensor per word or
  sentence; numpy fills the same tensor in one step;
- the NER tagger's CRF: at prediction Stanza still computes the training loss (a forward pass over
  every tag sequence, thrown away); under inference mode, which quotes.stages.parse always runs in, the
  loss is skipped. Its Viterbi decoder takes one argmax per step where Stanza's takes a max and
  an argmax, and indexes instead of expanding arrays.

Each is a pure function of its arguments and of a vocabulary that never changes after loading,
so the outputs are Stanza's own (tests/test_parse.py compares them). On the benchmark's articles
they take about 9 % off the engine's time. `stock()` puts Stanza's own functions
back for a while: the benchmark's baseline runs Stanza as shipped.
"""
from __future__ import annotations

import importlib
import itertools
from contextlib import contextmanager

import numpy as np
import torch
from stanza.models.common import chuliu_edmonds, crf, data, vocab
from stanza.models.common.seq2seq_constant import PAD_ID

from quotes.nlp.decoder import maximum_tree

# The modules that import get_long_tensor by name (each holds its own reference to it).
TENSOR_USERS = ("stanza.models.common.data", "stanza.models.pos.data", "stanza.models.depparse.data",
                "stanza.models.ner.data", "stanza.models.mwt.data", "stanza.models.lemma.data")

_stock_decoder = chuliu_edmonds.chuliu_edmonds
_stock_id2unit = vocab.CompositeVocab.id2unit
_stock_long_tensor = data.get_long_tensor
_stock_crf_loss = crf.CRFLoss.forward
_stock_viterbi = crf.viterbi_decode


def remembered_id2unit(self: vocab.CompositeVocab, ids) -> str:
    """CompositeVocab.id2unit, each id combination built once per vocabulary."""
    built = self.__dict__.setdefault("_built_units", {})
    key = ids if isinstance(ids, int) else tuple(ids)
    unit = built.get(key)
    if unit is None:
        unit = built[key] = _stock_id2unit(self, ids)
    return unit


def padded_ids(tokens_list: list, batch_size: int, pad_id: int = PAD_ID) -> torch.Tensor:
    """get_long_tensor for a list of id lists (a batch of sentences, or of words' characters);
    deeper nesting goes to Stanza's own."""
    if not tokens_list or not all(isinstance(row, list) for row in tokens_list) or \
            any(row and isinstance(row[0], list) for row in tokens_list):
        return _stock_long_tensor(tokens_list, batch_size, pad_id)
    lengths = np.fromiter(map(len, tokens_list), dtype=np.int64, count=len(tokens_list))
    width = int(lengths.max())
    if width == 0:
        return _stock_long_tensor(tokens_list, batch_size, pad_id)
    padded = np.full((batch_size, width), pad_id, dtype=np.int64)
    filled = padded[:len(tokens_list)]
    filled[np.arange(width) < lengths[:, None]] = np.fromiter(
        itertools.chain.from_iterable(tokens_list), dtype=np.int64, count=int(lengths.sum()))
    return torch.from_numpy(padded)


def crf_loss_unless_inferring(self: crf.CRFLoss, inputs, masks, tag_indices):
    """CRFLoss.forward; under inference mode, a zero loss (nothing reads it) and the transitions."""
    if torch.is_inference_mode_enabled():
        return inputs.new_zeros(()), self._transitions
    return _stock_crf_loss(self, inputs, masks, tag_indices)


def viterbi(scores: np.ndarray, transitions: np.ndarray) -> tuple[list, float]:
    """crf.viterbi_decode: the best tag sequence and its score (each step's maximum read at its argmax)."""
    trellis = np.zeros_like(scores)
    backpointers = np.zeros_like(scores, dtype=np.int32)
    trellis[0] = scores[0]
    columns = np.arange(scores.shape[1])
    for t in range(1, scores.shape[0]):
        step = trellis[t - 1][:, None] + transitions
        best = step.argmax(0)
        backpointers[t] = best
        trellis[t] = scores[t] + step[best, columns]
    path = [np.argmax(trellis[-1])]
    for pointers in reversed(backpointers[1:]):
        path.append(pointers[path[-1]])
    path.reverse()
    return path, np.max(trellis[-1])


def _replacements() -> list[tuple[object, str, object, object]]:
    """(owner, attribute, Stanza's own, ours) for every stand-in."""
    found = [(chuliu_edmonds, "chuliu_edmonds", _stock_decoder, maximum_tree),
             (vocab.CompositeVocab, "id2unit", _stock_id2unit, remembered_id2unit),
             (crf.CRFLoss, "forward", _stock_crf_loss, crf_loss_unless_inferring),
             (importlib.import_module("stanza.models.ner.trainer"), "viterbi_decode", _stock_viterbi, viterbi)]
    for name in TENSOR_USERS:
        module = importlib.import_module(name)
        if getattr(module, "get_long_tensor", None) is not None:
            found.append((module, "get_long_tensor", _stock_long_tensor, padded_ids))
    return found


def install() -> None:
    """Put the stand-ins in place, process-wide."""
    for owner, attribute, _, ours in _replacements():
        setattr(owner, attribute, ours)


@contextmanager
def stock():
    """Stanza's own functions for the duration."""
    replacements = _replacements()
    current = [(owner, attribute, getattr(owner, attribute)) for owner, attribute, _, _ in replacements]
    for owner, attribute, own, _ in replacements:
        setattr(owner, attribute, own)
    try:
        yield
    finally:
        for owner, attribute, value in current:
            setattr(owner, attribute, value)
