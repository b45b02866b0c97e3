"""category_probe4 is a development set: registered, never in the corpus, both halves cover every category."""

from nlp.corpus import DEVELOPMENT_SETS, text_key
from nlp.taxonomy import CATEGORIES
from nlp.train import data_path, read_jsonl


def test_probe_is_a_development_set_and_not_in_the_corpus() -> None:
    assert "category_probe4.jsonl" in DEVELOPMENT_SETS
    probe = read_jsonl(data_path("category_probe4.jsonl"))
    corpus = {text_key(ex.text) for ex in read_jsonl(data_path("corpus.jsonl"))}
    assert len(probe) == 220
    assert not [ex.text for ex in probe if text_key(ex.text) in corpus]


def test_each_half_holds_every_category() -> None:
    probe = read_jsonl(data_path("category_probe4.jsonl"))
    for half in (0, 1):
        assert {ex.category for i, ex in enumerate(probe) if i % 2 == half} == set(CATEGORIES)
