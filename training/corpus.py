"""PolNeAR training articles, tagged and parsed by the engine's own stages, cached on disk.

Parses are cached per article text (and, once parsed, per cue lexicon: the engine parses only
the sentences that hold a possible cue) in a directory outside the project, so that a second
`./run train` does not parse again. From an empty cache the whole training set takes a few minutes.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
from pathlib import Path

from quotes import pipeline
from quotes.article import Article
from quotes.english import cues as english_cues
from quotes.english import lexicons
from quotes.stages import marks, parse, tokens

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
POLNEAR_TRAIN = CORPUS / "polnear" / "train.jsonl"
GUM_TRAIN = CORPUS / "gum" / "train"
NEWS_TRAIN = CORPUS / "news-train"
# Train articles whose line number is 0 modulo 6 are never learned from: the held-out figures
# (`./run evaluate ../shared/corpus/polnear/train.jsonl --fold 0/6`) are measured on them.
HELD_OUT_FOLD = (0, 6)
CACHE_VERSION = "1"
BATCH = 16


def cache_dir() -> Path:
    return Path(os.environ.get("QUOTES_TRAIN_CACHE", Path.home() / ".cache" / "quotes-train"))


def read_documents(path: Path = POLNEAR_TRAIN) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def training_documents(path: Path = POLNEAR_TRAIN) -> list[dict]:
    """The train articles learned from: every one outside the held-out fold."""
    k, n = HELD_OUT_FOLD
    return [d for i, d in enumerate(read_documents(path)) if i % n != k]


def news_train_documents() -> list[dict]:
    """news-train's articles as collected (double marks: the British copies are the same text), each with its
    gold lines (`gold`: the news sets' format, quotes.evaluate)."""
    gold: dict[str, list[dict]] = {}
    for row in read_documents(NEWS_TRAIN / "gold.jsonl"):
        gold.setdefault(row["doc"], []).append(row)
    return [{"doc_id": path.name, "text": path.read_text(encoding="utf-8"), "gold": gold.get(path.name, [])}
            for path in sorted((NEWS_TRAIN / "articles").glob("*.txt")) if not path.stem.endswith("-british")]


def _digest(*parts: str) -> str:
    return hashlib.sha1("\0".join(parts).encode()).hexdigest()[:20]


def _lexicon_digest() -> str:
    """What decides which sentences the engine parses: the cue word lists and the code that reads them."""
    files = sorted(lexicons.LEXICON_DIR.glob("*cue*")) + [Path(english_cues.__file__), Path(parse.__file__)]
    return _digest(_tagging_digest(), *(f.read_text(encoding="utf-8") for f in files))


def _tagging_digest() -> str:
    """What decides the tagged words and sentences besides Stanza: the code that reads its output
    and the title abbreviations it joins sentences at (not the rest of the title lists, which the
    engine reads later)."""
    return _digest(Path(tokens.__file__).read_text(encoding="utf-8"), *sorted(tokens.title_abbreviations()))


def _text_read(document: dict) -> str:
    """The article's text as the stages read it (the cache key): one set in single quotation marks is reset
    in double ones by the marks stage."""
    return marks.as_double_style(document["text"])


def fresh(article: Article) -> Article:
    """A copy without the cached properties of the old one (children, word starts, ...)."""
    copy = Article(article.text, list(article.words), list(article.sentences), list(article.paragraphs),
                   list(article.pieces), submitted_text=article.submitted_text)
    return copy


def _load_or_make(documents: list[dict], kind: str, key, make) -> list[Article]:
    directory = cache_dir() / kind
    directory.mkdir(parents=True, exist_ok=True)
    paths = [directory / f"{key(d)}.pickle" for d in documents]
    missing = [i for i, p in enumerate(paths) if not p.exists()]
    for batch_start in range(0, len(missing), BATCH):
        batch = missing[batch_start:batch_start + BATCH]
        for i, article in zip(batch, make([documents[i] for i in batch])):
            with paths[i].open("wb") as out:
                pickle.dump(fresh(article), out)
        print(f"  {kind}: {min(batch_start + BATCH, len(missing))}/{len(missing)} articles", flush=True)
    articles = []
    for p in paths:
        with p.open("rb") as source:
            articles.append(pickle.load(source))
    return articles


def tagged_articles(documents: list[dict]) -> list[Article]:
    """Articles with words, tags and lemmas (no parse)."""
    def make(batch):
        return pipeline.parse_texts([d["text"] for d in batch], until="tokens")
    tagging = _tagging_digest()
    return _load_or_make(documents, "tagged", lambda d: _digest(CACHE_VERSION, _text_read(d), tagging), make)


def parsed_articles(documents: list[dict]) -> list[Article]:
    """Articles as the engine parses them with the current cue lexicon (arcs around cues)."""
    lexicon = _lexicon_digest()

    def make(batch):
        return pipeline.finish_parsing([fresh(a) for a in tagged_articles(batch)], after="tokens")
    return _load_or_make(documents, "parsed", lambda d: _digest(CACHE_VERSION, _text_read(d), lexicon), make)
