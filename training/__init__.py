"""`./run train`: the models and word lists the engine learns from annotated data.

Learned from PolNeAR train (less the held-out fold, see corpus.HELD_OUT_FOLD) and GUM train;
written under quotes/english/lexicon/ and quotes/models/, where the engine reads them.
"""
