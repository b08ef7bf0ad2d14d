"""Quote and attribution extraction for news articles.

    >>> from quotes import extract
    >>> result = extract("“We will win,” she said.")
    >>> result["quotes"][0]["text"]

`extract(text, doc_id=None, deadline=None) -> dict` returns the JSON-ready result of the v1 API contract
(`quotes`, `speakers`, `meta`). The engine has no web dependencies.
"""
from quotes.nlp import load_pipeline, model_info, models_loaded
from quotes.pipeline import DeadlineExceeded, extract, extract_many

__all__ = ["DeadlineExceeded", "extract", "extract_many", "load_pipeline", "model_info", "models_loaded"]
