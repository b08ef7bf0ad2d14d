"""The quote desk's link decision, learned from pairs of PolNeAR train quotations judged by a careful reader.

training/data/desk_pairs.jsonl holds the judgments (doc ids, offsets, the quoted words, same or not and why;
guideline: ../shared/corpus/README.md). The training articles' extractions are stored in a throwaway archive, in
order of publication, as the service would store them; each judged pair is found there and described by the
features the desk computes at link time (desk.linking.features, the archive's speakers per word pair included).
A logistic regression learns from the pairs the rules leave to the model (desk.linking.compare: not a fragment,
not two different speakers, a side without a speaker only with a long near-identical stretch); its C is chosen
by 5-fold cross-validation over speakers (the held-out ROC AUC), the threshold as the one with the most same
pairs linked while at most MAX_DIFFERENT_LINKED of the held-out different ones are. Weights go to desk/link_model.json.
"""
from __future__ import annotations

import copy
import json
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold

from training import weights
from training.corpus import CORPUS, training_documents

JUDGED = Path(__file__).parent / "data" / "desk_pairs.jsonl"
SEEDS = CORPUS / "articles"
SEED = 11
FOLDS = 5
C_VALUES = (0.1, 0.3, 1.0, 3.0, 10.0)
THRESHOLDS = tuple(round(0.01 * i, 2) for i in range(10, 100))
MAX_DIFFERENT_LINKED = 0.03  # held out: the target for different pairs linked


def published(doc_id: str) -> datetime | None:
    """PolNeAR ids carry the day of publication: "politico_2016-06-01_pga-tour-ditches-trump" (the seed
    articles' ids do not: they are stored as published when stored)."""
    try:
        return datetime.strptime(doc_id.split("_")[1], "%Y-%m-%d").replace(tzinfo=UTC)
    except (IndexError, ValueError):
        return None


def judged_pairs(path: Path = JUDGED) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def extractions(documents: list[dict], parsed: list) -> dict[str, dict]:
    """The engine's result for each training article, from its cached parse (as quotes.extract_many makes it)."""
    from quotes import records
    from quotes.nlp import model_info
    from quotes.pipeline import analyse

    meta = {"models": model_info(), "elapsed_ms": 0.0}
    return {document["doc_id"]: records.build(analyse(copy.deepcopy(article)), document["doc_id"], meta)
            for document, article in zip(documents, parsed)}


def seed_documents() -> list[dict]:
    """The five seed articles (one visit, syndicated and machine-spun): the judged pairs hold their rewrites."""
    return [{"doc_id": path.name, "text": path.read_text(encoding="utf-8")} for path in sorted(SEEDS.glob("*.txt"))]


def build_archive(documents: list[dict], results: dict[str, dict], database: str) -> None:
    """Store the articles in order of publication, as a newsroom's archive would grow."""
    from desk import db
    from desk.archive import Archive

    db.upgrade(database)
    archive = Archive(database)
    for document in sorted(documents, key=lambda d: (str(published(d["doc_id"])), d["doc_id"])):
        archive.store(document["doc_id"], document["text"], results[document["doc_id"]],
                      source=document.get("publisher"), published=published(document["doc_id"]))


def first_pk_of(session, article_id: str) -> int:
    """The archive as it stood when an article was stored: its quotes are filed after every earlier one."""
    from sqlalchemy import func, select

    from desk.models import Quote

    return session.scalar(select(func.min(Quote.pk)).where(Quote.article_id == article_id))


def pair_rows(pairs: list[dict], database: str) -> list[tuple[dict[str, float], bool, str]]:
    """(features, same, group) of each judged pair the model decides; group: the speaker, for the folds."""
    from desk import archive, db
    from desk.vectors import load_vectors

    vectors = load_vectors()
    rows = []
    with db.reading(database) as session:
        for pair in pairs:
            if pair["same"] is None:
                continue
            first, second = archive.quote_over(session, pair["a"]), archive.quote_over(session, pair["b"])
            if first is None or second is None or first.pk == second.pk:
                continue
            new, old = (second, first) if first.pk < second.pk else (first, second)
            keys = archive.linking.index_keys(new.words.split())
            counts = archive.speakers_of_keys(session, keys, new.article_id, first_pk_of(session, new.article_id))
            values = archive.linking.features(archive.side(new), archive.side(old), counts, vectors)
            if archive.linking.left_to_model(archive.side(new), archive.side(old), values):
                rows.append((values, bool(pair["same"]), str(new.speaker_id or old.speaker_id)))
    return rows


def _fit(vectorizer: DictVectorizer, rows: list, c: float) -> LogisticRegression:
    model = LogisticRegression(C=c, max_iter=5000, random_state=SEED, class_weight="balanced")
    model.fit(vectorizer.transform([values for values, _, _ in rows]), [same for _, same, _ in rows])
    return model


def _best_threshold(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float, float]:
    """(threshold, same pairs linked, different pairs linked) with the most same pairs linked while at most
    MAX_DIFFERENT_LINKED of the different ones are (the highest threshold among equals)."""
    best = None
    for threshold in THRESHOLDS:
        linked = scores >= threshold
        recall = linked[labels].mean() if labels.any() else 0.0
        false = linked[~labels].mean() if (~labels).any() else 0.0
        if false <= MAX_DIFFERENT_LINKED and (best is None or recall >= best[1]):
            best = (threshold, float(recall), float(false))
    return best or (THRESHOLDS[-1], 0.0, 0.0)


def train(documents: list[dict], parsed: list) -> dict:
    """Learn from the training articles as `./run train` parsed them (and the seed articles, extracted here)."""
    return train_on(documents, extractions(documents, parsed))


def train_on(documents: list[dict], results: dict[str, dict]) -> dict:
    import quotes

    seeds = seed_documents()
    results = {**results, **dict(zip([d["doc_id"] for d in seeds],
                                      quotes.extract_many([d["text"] for d in seeds], [d["doc_id"] for d in seeds])))}
    with tempfile.TemporaryDirectory(prefix="quotes-desk-train-") as directory:
        database = f"sqlite:///{directory}/archive.db"
        build_archive(documents + seeds, results, database)
        card = learn(database, len(documents) + len(seeds))
        from desk import db

        db.engine_for(database).dispose()
    return card


def main(argv: list[str] | None = None) -> int:
    """`python -m training.desk_links --records FILE`: learn from extractions made beforehand (one JSON line per
    article, {"doc_id", "result"}) instead of parsing PolNeAR train."""
    import argparse

    import torch

    parser = argparse.ArgumentParser(prog="python -m training.desk_links", description=main.__doc__)
    parser.add_argument("--records", type=Path, required=True)
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    documents = training_documents()
    records = {r["doc_id"]: r["result"] for r in map(json.loads, args.records.read_text(encoding="utf-8").splitlines())}
    missing = [d["doc_id"] for d in documents if d["doc_id"] not in records]
    if missing:
        raise SystemExit(f"the records lack {len(missing)} training articles, e.g. {missing[0]}")
    train_on(documents, records)
    return 0



def learn(database: str, articles: int) -> dict:
    """Fit the decision on the judged pairs found in an archive of the training articles; write the model."""
    pairs = judged_pairs()
    rows = pair_rows(pairs, database)
    labels = np.array([same for _, same, _ in rows])
    vectorizer = DictVectorizer(sparse=False)
    vectorizer.fit([values for values, _, _ in rows])
    folds = list(GroupKFold(n_splits=FOLDS).split(rows, groups=[group for _, _, group in rows]))
    held_out = {}
    for c in C_VALUES:
        scores = np.zeros(len(rows))
        for train_index, test_index in folds:
            model = _fit(vectorizer, [rows[i] for i in train_index], c)
            scores[test_index] = model.predict_proba(vectorizer.transform([rows[i][0] for i in test_index]))[:, 1]
        held_out[c] = scores
    # C by how well the held-out scores rank the pairs (steadier than the recall at one threshold), then the threshold
    c = max(C_VALUES, key=lambda value: (round(roc_auc_score(labels, held_out[value]), 3), -value))
    threshold, recall, false = _best_threshold(held_out[c], labels)
    model = _fit(vectorizer, rows, c)
    card = {"judged_pairs": len(pairs), "pairs_decided_by_model": len(rows), "same": int(labels.sum()),
            "different": int((~labels).sum()), "C": c, "threshold": threshold, "cv_same_linked": round(recall, 3),
            "cv_different_linked": round(false, 3), "articles": articles}
    from desk.linking import MODEL_PATH
    from quotes import learned

    weights.write(MODEL_PATH, vectorizer, model, card, threshold)
    learned.load.cache_clear()
    print("desk link model:", json.dumps(card))
    return card


if __name__ == "__main__":
    raise SystemExit(main())
