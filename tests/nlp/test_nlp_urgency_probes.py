"""The urgency probes are development sets: registered, pooled by index parity, never in any training file."""

from collections import Counter

import pytest

from nlp.corpus import DEVELOPMENT_SETS, text_key
from nlp.halves import POOLED_PROBES
from nlp.train import data_path, read_jsonl

TRAINING = ("corpus.jsonl", "urgency_train.jsonl", "urgency_high_train.jsonl", "danger_train.jsonl")

# probe → (lines, urgency counts of half A (even index), of half B), as each card fixed them
PROBES = {
    "urgency_probe4": (227, {"high": 60, "normal": 54}, {"high": 52, "normal": 61}),
    "urgency_probe5": (228, {"high": 55, "normal": 59}, {"high": 59, "normal": 55}),
}


@pytest.mark.parametrize("name", sorted(PROBES))
def test_probe_is_a_development_set_and_not_trained_on(name: str) -> None:
    assert f"{name}.jsonl" in DEVELOPMENT_SETS
    assert POOLED_PROBES[name] == "index"
    probe = read_jsonl(data_path(f"{name}.jsonl"))
    assert len(probe) == PROBES[name][0]
    trained = set()
    for file in TRAINING:
        if data_path(file).exists():
            trained |= {text_key(ex.text) for ex in read_jsonl(data_path(file))}
    assert not [ex.text for ex in probe if text_key(ex.text) in trained]


@pytest.mark.parametrize("name", sorted(PROBES))
def test_halves_hold_both_labels(name: str) -> None:
    probe = read_jsonl(data_path(f"{name}.jsonl"))
    _, half_a, half_b = PROBES[name]
    for half, want in ((0, half_a), (1, half_b)):
        assert Counter(ex.urgency for i, ex in enumerate(probe) if i % 2 == half) == want
