"""Stanza: the pipeline, loaded once per process from STANZA_RESOURCES_DIR, with the engine's patches
(quotes.nlp.patches) and its tree decoder (quotes.nlp.decoder)."""
from __future__ import annotations

import functools
import gc
import os
from pathlib import Path

# The processors the engine needs; ner is added when the installed package has it.
REQUIRED_PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse")
# Stanza pads every sentence of a parser batch to the longest one, and the biaffine arc scorer is
# quadratic in that length: batches of a few hundred words of similar-length sentences (Stanza
# sorts by length) parse about 40 % faster than its default 1,500, with identical arcs.
DEPPARSE_BATCH_WORDS = 256
SHARED_MODELS = Path(__file__).resolve().parents[3] / "shared" / "models" / "stanza"


def resources_dir() -> str:
    """Where the Stanza models live: STANZA_RESOURCES_DIR, else ../shared/models/stanza, else Stanza's default."""
    configured = os.environ.get("STANZA_RESOURCES_DIR")
    if configured:
        return configured
    if SHARED_MODELS.is_dir():
        return str(SHARED_MODELS)
    return str(Path.home() / "stanza_resources")


def _available_processors(directory: str) -> list[str]:
    english = Path(directory) / "en"
    processors = list(REQUIRED_PROCESSORS)
    if (english / "ner").is_dir():
        processors.append("ner")
    return processors


def build_pipeline(**settings):
    """A new Stanza pipeline with the engine's processors and Stanza's own settings, overridden by `settings`."""
    import stanza  # imported lazily: importing torch costs a second

    directory = resources_dir()
    return stanza.Pipeline("en", dir=directory, processors=",".join(_available_processors(directory)),
                           download_method=None, logging_level="WARN", **settings)


@functools.lru_cache(maxsize=1)
def load_pipeline():
    """The process-wide Stanza pipeline (loaded on first call, then cached)."""
    from quotes.nlp import patches

    patches.install()
    pipeline = build_pipeline(depparse_batch_size=DEPPARSE_BATCH_WORDS)
    # The models are millions of objects that live as long as the process: frozen, the garbage
    # collector stops walking them on every full collection (a few percent of each request), and
    # gunicorn's forked workers stop writing to, and so copying, their memory pages.
    gc.freeze()
    return pipeline


def inference_mode():
    """torch without autograd bookkeeping at all (Stanza's own no_grad still tracks versions): a few % faster."""
    import torch

    return torch.inference_mode()


def models_loaded() -> bool:
    """Whether this process has loaded its pipeline yet."""
    return load_pipeline.cache_info().currsize > 0


@functools.lru_cache(maxsize=1)
def model_info() -> dict:
    """The Stanza version and the package of each loaded processor."""
    import stanza

    pipeline = load_pipeline()
    packages = {}
    for name, processor in pipeline.processors.items():
        config = getattr(processor, "config", {}) or {}
        packages[name] = package_name(config.get("model_path"))
    return {"stanza": stanza.__version__, "packages": packages}


def package_name(model_path) -> str | None:
    """The package of a processor from its `model_path`: one path, or a list of them (NER's), or none.

    Stanza names model files `<package>_<role>.pt` ("combined_small_parser.pt"); a list gives its
    packages joined by "+", in order ("ontonotes-ww-multi_charlm+conll03_charlm").
    """
    paths = model_path if isinstance(model_path, (list, tuple)) else [model_path]
    stems = [Path(str(path)).stem for path in paths if path]
    return "+".join(stems) if stems else None
