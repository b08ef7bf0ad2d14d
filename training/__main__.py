"""`python -m training` (`./run train`): learn the single-mark model, the cue lexicon, the mention types, the pronoun
ranker and the speaker model.

Seeded and deterministic; from an empty parse cache it runs in well under 30 minutes on 2 cores.
"""
from __future__ import annotations

import argparse
import time

from quotes import learned
from quotes.english import cues, lexicons
from quotes.stages import reported
from training import (
    corpus,
    cue_lexicon,
    desk_links,
    indirect_model,
    mention_types,
    pronouns,
    reported_objects,
    roles,
    single_marks,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="./run train", description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-speakers", action="store_true", help="learn everything but the speaker model")
    parser.add_argument("--limit", type=int, help="learn from the first N training articles only (a quick run)")
    parser.add_argument("--speaker-articles", type=int,
                        help="train the speaker model on the first N of those articles that hold quotations")
    args = parser.parse_args(argv)
    started = time.perf_counter()

    table = mention_types.learn(corpus.GUM_TRAIN)
    mention_types.write(table, lexicons.LEXICON_DIR / f"{lexicons.MENTION_TYPES}.txt")
    print(f"mention types: {len(table)} nouns from GUM train")

    heads = roles.learn()
    roles.write(heads, lexicons.LEXICON_DIR / f"{lexicons.LEARNED_ROLE_WORDS}.txt")
    print(f"role words: {len(heads)} heads of the roles of news-train")

    documents = corpus.training_documents()[:args.limit]
    print(f"PolNeAR train: {len(documents)} articles (fold {corpus.HELD_OUT_FOLD[0]}/{corpus.HELD_OUT_FOLD[1]} held out)")
    # first: the marks stage reads it, and every later step reads the articles through that stage
    figures = single_marks.train(documents)
    print(f"single-mark model: {figures['marks']} marks of {figures['articles']} articles, cross-validated "
          f"accuracy {figures['cv_accuracy']} (all apostrophes: {figures['cv_accuracy_all_apostrophes']})")
    tagged = corpus.tagged_articles(documents)
    lemmas, pairs = cue_lexicon.learn(documents, tagged)
    cue_lexicon.write(lemmas, lexicons.LEXICON_DIR / f"{lexicons.LEARNED_CUE_VERBS}.txt", "verbs by lemma")
    cue_lexicon.write(pairs, lexicons.LEXICON_DIR / f"{lexicons.LEARNED_CUE_PHRASES}.txt", "verb + particle")
    print(f"cue lexicon: {len(lemmas)} verbs, {len(pairs)} verb + particle phrases")
    lexicons.clear()
    cues.clear()

    parsed = corpus.parsed_articles(documents)
    objects = reported_objects.learn(documents, parsed)
    reported_objects.write(objects, lexicons.LEXICON_DIR / f"{lexicons.LEARNED_REPORTED_OBJECTS}.txt")
    print(f"reported objects: {len(objects)} cue + introducer pairs")
    lexicons.clear()
    reported.clear()
    indirect_model.train(documents, parsed)
    learned.load.cache_clear()

    # after the cue lexicon and the indirect-speech model (its data runs the engine's reported speech,
    # so that one run from scratch writes what a second run would), before the speaker model (whose
    # training resolves the pronouns of PolNeAR's quotes with this ranker)
    pronoun_started = time.perf_counter()
    figures = pronouns.train()
    learned.load.cache_clear()
    print(f"pronoun ranker: {figures['answerable']} GUM train pronouns with a named antecedent, cross-validated "
          f"accuracy {figures['cv_accuracy']} (rule {figures['rule']['accuracy']}), "
          f"{time.perf_counter() - pronoun_started:.0f} s")

    if not args.skip_speakers:
        from training import speaker_model

        # only articles with quotations teach the speaker model
        quoted = [(d, a) for d, a in zip(documents, parsed)
                  if any(q["kind"] != "indirect" for q in d["quotes"])][:args.speaker_articles]
        news = corpus.news_train_documents()
        speaker_model.train([d for d, _ in quoted], [a for _, a in quoted], news, corpus.parsed_articles(news))
    desk_links.train(documents, parsed)  # the quote desk's link decision, on the engine just trained
    print(f"done in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
