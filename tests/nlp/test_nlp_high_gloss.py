"""English words read through their Chinese counterparts by the `high` head (high9 round): the urgency
glossary's shape, the category and the emergency heads untouched, a Chinese message untouched."""

from __future__ import annotations

import importlib

import pytest

from nlp import classify, initialize
from nlp.lexicon import ENGLISH_GLOSS, URGENCY_GLOSS

C = importlib.import_module("nlp.classify")


@pytest.fixture(scope="module", autouse=True)
def _ready() -> None:
    initialize()


def _heads(text: str, monkeypatch: pytest.MonkeyPatch) -> dict:
    seen: dict = {}
    refine = C.refine

    def spy(result, p_emergency, p_high, category, text="", p_char=None):  # noqa: ANN001, ANN202
        seen.update(p_emergency=p_emergency, p_high=p_high)
        return refine(result, p_emergency, p_high, category, text, p_char)

    monkeypatch.setattr(C, "refine", spy)
    result = classify(text)
    monkeypatch.setattr(C, "refine", refine)
    return {"category": result.category, "alternatives": result.alternatives, **seen}


def test_urgency_glossary_shape() -> None:
    for word, zh in URGENCY_GLOSS.items():
        assert word == word.lower() and word.isascii() and word.isalpha(), word
        assert zh and all("\u4e00" <= ch <= "\u9fff" for ch in zh), (word, zh)
        # One sense per word: the category's glossary is not overridden.
        assert word not in ENGLISH_GLOSS, word
    # Words of present danger, and words with a common figurative or unrelated sense, are left out.
    for word in ("kill", "knife", "fire", "bleeding", "stabbed", "still", "weeks"):
        assert word not in URGENCY_GLOSS
    assert set(C.HIGH_GLOSS) == set(ENGLISH_GLOSS) | set(URGENCY_GLOSS)


@pytest.mark.parametrize(
    "text",
    [
        "my ex keeps threatening me again, twice this month he said he would come to my flat",
        "two men conned my elderly grandmother out of her savings and her pension card",
        "the landlord owes me the deposit",
    ],
)
def test_only_the_high_head_reads_it(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    glossed = _heads(text, monkeypatch)
    monkeypatch.setattr(C, "HIGH_GLOSS_WEIGHT", 0.0)
    plain = _heads(text, monkeypatch)
    assert glossed["category"] == plain["category"] and glossed["alternatives"] == plain["alternatives"]
    assert glossed["p_emergency"] == plain["p_emergency"]


def test_urgency_words_move_p_high(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "my ex keeps threatening me again, twice this month he said he would come to my flat"
    glossed = _heads(text, monkeypatch)
    monkeypatch.setattr(C, "HIGH_GLOSS_WEIGHT", 0.0)
    plain = _heads(text, monkeypatch)
    assert glossed["p_high"] > plain["p_high"]


def test_chinese_message_untouched(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "楼上邻居又来威胁我，说再投诉就让我好看，这是第三次了"
    glossed = _heads(text, monkeypatch)
    monkeypatch.setattr(C, "HIGH_GLOSS_WEIGHT", 0.0)
    assert glossed == _heads(text, monkeypatch)
