"""The desk's learned link decision: the judged pairs it learns from point at real quotations of PolNeAR train
and the seed articles, none of them a pair of the shared dev file (measured on, never learned from), and the
committed model is the one the desk reads."""
import json

from support import SHARED, require_shared

from desk import linking
from training import desk_links

POLNEAR = SHARED / "corpus" / "polnear"


def texts() -> dict[str, str]:
    found = {d["doc_id"]: d["text"] for d in map(json.loads, require_shared(POLNEAR / "train.jsonl").read_text().splitlines())}
    found.update((d["doc_id"], d["text"]) for d in desk_links.seed_documents())
    return found


def test_judged_pairs_point_at_training_quotations_and_never_at_a_dev_pair():
    pairs = desk_links.judged_pairs()
    articles = texts()
    train = {d["doc_id"] for d in desk_links.training_documents()} | {d["doc_id"] for d in desk_links.seed_documents()}
    for pair in pairs:
        assert pair["same"] in (True, False, None) and pair["why"]
        for side in (pair["a"], pair["b"]):
            assert side["article"] in train, side["article"]  # no held-out train fold, no dev article
            assert articles[side["article"]][side["start"]:side["end"]].startswith(side["text"].split()[0])
    dev = [json.loads(line) for line in require_shared(POLNEAR / "desk-pairs-dev.jsonl").read_text().splitlines()]

    def key(pair):
        return frozenset([(pair["a"]["article"], pair["a"]["start"]), (pair["b"]["article"], pair["b"]["start"])])

    assert not {key(pair) for pair in pairs} & {key(pair) for pair in dev}
    assert sum(pair["same"] is True for pair in pairs) >= 100 and sum(pair["same"] is False for pair in pairs) >= 300


def test_the_committed_decision_is_read_by_the_desk():
    committed = json.loads(linking.MODEL_PATH.read_text())
    model = linking.load_model()
    assert model.threshold == committed["threshold"] and model.weights == committed["weights"]
    assert set(committed["weights"]) <= {"similarity", "coverage", "density", "log_run", "log_short_words",
                                         "log_long_words", "log_specific_pairs", "stock_share", "log_rarest_speakers",
                                         "speaker_same", "speaker_unsure", "speaker_none",
                                         "speaker_neither", "log_days_apart", "context", "mixed", "fragment"}
    assert committed["training"]["cv_different_linked"] <= desk_links.MAX_DIFFERENT_LINKED
