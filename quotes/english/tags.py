"""Word and tag classes (Universal Dependencies tags) that more than one part of the engine reads."""
from __future__ import annotations

PHRASE_WORD_TAGS = frozenset({"ADP", "DET", "NOUN", "PROPN", "PART", "ADJ"})  # what a title may follow

PHRASE_START_TAGS = frozenset({"DET", "PRON", "PROPN", "NOUN", "ADJ", "NUM"})  # how a noun phrase opens

SPEAKER_TAGS = frozenset({"NOUN", "PROPN", "PRON"})  # a speaker phrase holds one of these
