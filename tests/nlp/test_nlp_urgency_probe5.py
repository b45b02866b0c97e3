"""urgency_probe5 is a development set: registered, pooled by index parity, never in any training file."""

from collections import Counter

from nlp.corpus import DEVELOPMENT_SETS, text_key
from nlp.halves import POOLED_PROBES
from nlp.train import data_path, read_jsonl

TRAINING = ("corpus.jsonl", "urgency_train.jsonl", "urgency_high_train.jsonl", "danger_train.jsonl")


def test_probe_is_a_development_set_and_not_trained_on() -> None:
    assert "urgency_probe5.jsonl" in DEVELOPMENT_SETS
    assert POOLED_PROBES["urgency_probe5"] == "index"
    probe = read_jsonl(data_path("urgency_probe5.jsonl"))
    assert len(probe) == 228
    trained = set()
    for name in TRAINING:
        if data_path(name).exists():
            trained |= {text_key(ex.text) for ex in read_jsonl(data_path(name))}
    assert not [ex.text for ex in probe if text_key(ex.text) in trained]


def test_halves_hold_both_labels() -> None:
    probe = read_jsonl(data_path("urgency_probe5.jsonl"))
    for half, want in ((0, {"high": 55, "normal": 59}), (1, {"high": 59, "normal": 55})):
        assert Counter(ex.urgency for i, ex in enumerate(probe) if i % 2 == half) == want
