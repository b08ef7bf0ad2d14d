"""Pronoun resolution learned from GUM: which earlier name "he"/"she" means.

GUM marks every mention with its entity, so each third-person pronoun has a gold chain of
mentions. Each GUM document is rebuilt as text (one paragraph per line, as the engine reads
articles) and run through the engine's own stages (tagging, and the parse of the sentences that
hold a possible cue, as at run time); the candidates of a pronoun are exactly those
quotes.speaker.pronouns.pronoun_candidates gives the engine, and a candidate is right when the innermost
GUM mention under its last word belongs to the pronoun's chain. A logistic regression over
quotes.speaker.pronouns.pronoun_features learns to rank them; its weights go to
quotes/models/pronoun_ranker.json and the engine scores with a dot product.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from quotes import learned, pipeline
from quotes.article import Article, Mention
from quotes.english import lexicons
from quotes.learned import PRONOUN_RANKER, LinearModel, Models
from quotes.speaker import pronouns
from quotes.speaker.people import NameIndex
from training import corpus, weights
from training.corpus import fresh
from training.mention_types import entity_spans

GUM = corpus.CORPUS / "gum"
SEED = 11
FOLDS = 5
C_VALUES = (0.01, 0.03, 0.1, 0.3, 1.0)


@dataclass
class GoldMention:
    start: int
    end: int
    entity: str


@dataclass
class GoldPronoun:
    start: int
    end: int
    text: str
    entity: str


@dataclass
class GumDocument:
    name: str
    text: str
    mentions: list[GoldMention] = field(default_factory=list)
    pronouns: list[GoldPronoun] = field(default_factory=list)

    def entity_at(self, start: int, end: int) -> str | None:
        """The entity of the innermost gold mention holding text[start:end] (None: no mention does)."""
        holding = [m for m in self.mentions if m.start <= start and end <= m.end]
        return min(holding, key=lambda m: m.end - m.start).entity if holding else None


def _blocks(path: Path):
    """(comment lines, word rows) of every sentence of a CoNLL-U file."""
    comments: list[str] = []
    rows: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if rows:
                yield comments, rows
            comments, rows = [], []
        elif line.startswith("#"):
            comments.append(line)
        else:
            cols = line.split("\t")
            if cols[0].isdigit():  # multi-word token ranges and empty nodes carry no entities
                rows.append(cols)
    if rows:
        yield comments, rows


def read_document(path: Path) -> GumDocument:
    """The document's text (sentences joined by spaces, paragraphs by line breaks), its gold mentions
    with character offsets, and its third-person pronouns with their entity."""
    paragraphs: list[list[str]] = []
    spans: list[tuple[int, int, str, list[list[str]], list[int | None], int]] = []
    offset = 0
    for comments, rows in _blocks(path):
        sentence = next((c.split("=", 1)[1].strip() for c in comments if c.startswith("# text")), None)
        if sentence is None:
            sentence = " ".join(r[1] for r in rows)
        if not paragraphs or any(c.strip() == "# newpar" or c.startswith("# newpar ") for c in comments):
            if paragraphs:
                offset += 1  # the line break
            paragraphs.append([])
        elif paragraphs[-1]:
            offset += 1  # the space between sentences
        base = offset
        paragraphs[-1].append(sentence)
        offset += len(sentence)
        # each word's offset: its form found in order in the sentence (sub-words of "don't" too)
        starts: list[int | None] = []
        cursor = 0
        for cols in rows:
            found = sentence.find(cols[1], cursor)
            if found < 0 or found - cursor > 20:
                starts.append(None)
            else:
                starts.append(base + found)
                cursor = found + len(cols[1])
        spans.append((base, offset, sentence, rows, starts, 0))
    text = "\n".join(" ".join(p) for p in paragraphs)
    document = GumDocument(path.stem, text)
    for _, _, _, rows, starts, _ in spans:
        def end_of(i: int) -> int | None:
            return None if starts[i] is None else starts[i] + len(rows[i][1])
        for first, last, _, entity in entity_spans(rows):
            if starts[first] is None or end_of(last) is None:
                continue
            document.mentions.append(GoldMention(starts[first], end_of(last), entity))
            if first == last and rows[first][1].lower() in PRONOUNS and rows[first][3] == "PRON" \
                    and "Poss=Yes" not in rows[first][5]:
                document.pronouns.append(GoldPronoun(starts[first], end_of(last), rows[first][1], entity))
    assert all(text[m.start:m.end] for m in document.mentions)
    return document


# the third-person pronouns "he said" needs, and "they" (counted; the engine gives it no person candidates)
PRONOUNS = frozenset({"he", "him", "she", "her", "they", "them"})


def read_split(split: str) -> list[GumDocument]:
    return [read_document(p) for p in sorted((GUM / split).glob("*.conllu"))]


@dataclass
class PronounCase:
    """One GUM pronoun as the engine sees it: its candidates, their features and gold labels."""
    document: int
    text: str
    features: list[dict[str, float]]
    right: list[bool]
    rule_right: bool
    rule_chose: bool
    engine_right: bool = False  # the engine's choice with the ranker given to collect (speaker continuation included)

    @property
    def answerable(self) -> bool:
        return any(self.right)


def earlier_speakers(article: Article) -> list[Mention]:
    """The resolved speakers of the article's quotations and reported speech ("Wang said the United
    States ..."), in text order, as the engine's resolution stage sees them before a pronoun. GUM has
    few quotation marks but much reported speech, so "who spoke last" has data to learn from. The
    attribution stage's own choice stands (no speaker model: it is trained after this one), and the
    hand rule resolves pronouns: what is learned must not depend on the model it replaces."""
    pipeline.analyse(article, models=replace(Models.committed(), speaker_ranker=None, pronoun_ranker=None))
    return [a.mention for a in article.attributions if a.mention is not None]


def collect(documents: list[GumDocument], articles: list[Article],
            ranker: LinearModel | None = None) -> tuple[list[PronounCase], Counter]:
    """The person pronouns ("he", "she", ...) of the documents with their candidates; and counts of
    the pronouns that drop out (no engine word at the pronoun, "they" with no person candidates)."""
    cases, dropped = [], Counter()
    table = lexicons.table(lexicons.PRONOUNS)
    for number, (document, parsed) in enumerate(zip(documents, articles)):
        article = fresh(parsed)
        said = earlier_speakers(article)
        index = NameIndex(article)
        for pronoun in document.pronouns:
            lower = pronoun.text.lower()
            if lower not in table or table[lower][0] != "person":
                dropped[f"{lower} (no person candidates at run time)"] += 1
                continue
            word = article.word_at(pronoun.start)
            if word is None or (article.words[word].start, article.words[word].end) != (pronoun.start, pronoun.end):
                dropped["not one engine word"] += 1
                continue
            mention = Mention(pronoun.start, pronoun.end, word, article.words[word].text, "pronoun")
            previous = [m for m in said if m.start < pronoun.start]
            candidates = pronouns.pronoun_candidates(article, mention, previous, index)
            right = [document.entity_at(c.mention.start, c.mention.end) == pronoun.entity for c in candidates]
            rule = pronouns.rule_antecedent(article, mention, previous, index)
            rule_right = rule is not None and document.entity_at(rule.start, rule.end) == pronoun.entity
            engine = pronouns.ranked_antecedent(article, mention, previous, index, ranker) if ranker else None
            engine_right = engine is not None and document.entity_at(engine.start, engine.end) == pronoun.entity
            cases.append(PronounCase(number, lower, pronouns.pronoun_features(article, mention, candidates), right,
                                     rule_right, rule is not None, engine_right))
    return cases, dropped


def _fit(vectorizer: DictVectorizer, cases: list[PronounCase], c: float) -> LogisticRegression:
    # only pronouns with a right candidate teach the ranking; the others hold negatives only
    rows = [f for case in cases if case.answerable for f in case.features]
    labels = [r for case in cases if case.answerable for r in case.right]
    model = LogisticRegression(C=c, max_iter=2000, random_state=SEED)
    return model.fit(vectorizer.transform(rows), labels)


def choices(vectorizer: DictVectorizer, model: LogisticRegression, cases: list[PronounCase]) -> list[int | None]:
    """The index of each pronoun's best candidate (the engine's choice: the highest score, ties to the later)."""
    chosen = []
    for case in cases:
        if not case.features:
            chosen.append(None)
            continue
        scores = model.decision_function(vectorizer.transform(case.features))
        chosen.append(max(range(len(scores)), key=lambda i: (round(float(scores[i]), 9), i)))
    return chosen


def figures(cases: list[PronounCase], chosen: list[int | None] | None = None) -> dict:
    """Accuracy of the rule (chosen=None) or the model on the pronouns that have a right candidate,
    and on all of them; and how many have no candidate or no right one."""
    answerable = [i for i, case in enumerate(cases) if case.answerable]
    if chosen is None:
        right = sum(cases[i].rule_right for i in answerable)
    else:
        right = sum(cases[i].right[chosen[i]] for i in answerable)
    return {"pronouns": len(cases), "no_candidate": sum(not case.features for case in cases),
            "no_right_candidate": sum(bool(case.features) and not case.answerable for case in cases),
            "answerable": len(answerable), "right": right,
            "accuracy": round(right / max(1, len(answerable)), 3), "accuracy_all": round(right / max(1, len(cases)), 3)}


def learn(cases: list[PronounCase]) -> tuple[DictVectorizer, LogisticRegression, dict]:
    """C by grouped cross-validation over documents (pronoun accuracy), then a fit on all cases."""
    vectorizer = DictVectorizer(sparse=False)
    vectorizer.fit([f for case in cases for f in case.features])
    groups = [case.document for case in cases]
    folds = list(GroupKFold(n_splits=FOLDS).split(cases, groups=groups))
    cv = {}
    for c in C_VALUES:
        chosen: list[int | None] = [None] * len(cases)
        for train_index, test_index in folds:
            model = _fit(vectorizer, [cases[i] for i in train_index], c)
            for i, choice in zip(test_index, choices(vectorizer, model, [cases[i] for i in test_index])):
                chosen[i] = choice
        cv[c] = figures(cases, chosen)["accuracy"]
    best_c = max(C_VALUES, key=lambda c: (cv[c], -c))
    return vectorizer, _fit(vectorizer, cases, best_c), {"C": best_c, "cv_accuracy": cv[best_c]}


def write(vectorizer: DictVectorizer, model: LogisticRegression, training: dict, path: Path = PRONOUN_RANKER) -> None:
    weights.write(path, vectorizer, model, training)


def engine_articles(documents: list[GumDocument]) -> list[Article]:
    """The documents as the engine reads them: tagged, cue sentences parsed (cached on disk)."""
    return corpus.parsed_articles([{"text": d.text} for d in documents])


def train(directory: Path = GUM / "train", limit: int | None = None, path: Path = PRONOUN_RANKER) -> dict:
    """Learn the pronoun ranker from the GUM documents of `directory` and write it to `path`."""
    documents = [read_document(p) for p in sorted(directory.glob("*.conllu"))][:limit]
    cases, dropped = collect(documents, engine_articles(documents))
    vectorizer, model, chosen = learn(cases)
    rule = figures(cases)
    training = {"documents": len(documents), **chosen, "pronouns": rule["pronouns"], "answerable": rule["answerable"],
                "rule": rule,
                "candidates": sum(len(case.features) for case in cases), "dropped": dict(sorted(dropped.items()))}
    write(vectorizer, model, training, path)
    return training


def evaluate(splits: tuple[str, ...] = ("dev", "test"), path: Path = PRONOUN_RANKER) -> dict[str, dict]:
    """Rule and committed model (scored as the engine scores it) on GUM's held-out documents."""
    documents = [document for split in splits for document in read_split(split)]
    ranker = learned.load.__wrapped__(path)
    cases, dropped = collect(documents, engine_articles(documents), ranker)
    ranked = [max(range(len(case.features)), key=lambda i: (ranker.score(case.features[i]), i)) if case.features
              else None for case in cases]
    engine = figures([replace(case, rule_right=case.engine_right) for case in cases])
    return {"rule": figures(cases), "ranker alone": figures(cases, ranked), "engine": engine,
            "dropped": dict(sorted(dropped.items()))}


if __name__ == "__main__":
    import sys

    for name, values in evaluate(tuple(sys.argv[1:]) or ("dev", "test")).items():
        print(f"{name:>8}: {values}")
