"""Word and tag classes (Universal Dependencies tags and relations) that more than one part of the
engine reads, each declared once."""
from __future__ import annotations

SUBJECT_DEPRELS = frozenset({"nsubj", "nsubj:pass", "csubj"})  # a clause's subject, a clause as subject too
NOMINAL_SUBJECT_DEPRELS = frozenset({"nsubj", "nsubj:pass"})  # a subject that can be a name

PHRASE_WORD_TAGS = frozenset({"ADP", "DET", "NOUN", "PROPN", "PART", "ADJ"})  # what a title may follow

PHRASE_START_TAGS = frozenset({"DET", "PRON", "PROPN", "NOUN", "ADJ", "NUM"})  # how a noun phrase opens

SPEAKER_TAGS = frozenset({"NOUN", "PROPN", "PRON"})  # a speaker phrase holds one of these

RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})

COMPLEMENT_DEPRELS = frozenset({"ccomp", "xcomp"})  # a cue's own dependents that hold what it reports

PARTICIPLE_TAGS = frozenset({"VBG"})

CLAUSE_HEAD_TAGS = frozenset({"VERB", "AUX"})
