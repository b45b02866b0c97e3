"""English words read as their Chinese counterparts for the category (cat7 round): the glossary's shape, a
Chinese message untouched, urgency never moved by it, and English messages scored with it."""

from __future__ import annotations

import importlib

import pytest

from nlp import classify, initialize
from nlp.lexicon import ENGLISH_GLOSS
from nlp.segment import normalize, tokenize

C = importlib.import_module("nlp.classify")


@pytest.fixture(scope="module", autouse=True)
def _ready() -> None:
    initialize()


def test_glossary_shape() -> None:
    for word, zh in ENGLISH_GLOSS.items():
        assert word == word.lower() and word.isascii() and word.isalpha(), word
        assert zh and all("\u4e00" <= ch <= "\u9fff" for ch in zh), (word, zh)
    # Plurals are added for nouns and verbs alike; words of several senses are left out.
    assert ENGLISH_GLOSS["landlords"] == ENGLISH_GLOSS["landlord"] == "房东"
    for ambiguous in ("will", "work", "order", "card", "security", "gate", "fee"):
        assert ambiguous not in ENGLISH_GLOSS


def test_chinese_message_has_no_gloss() -> None:
    norm = normalize("房东不退押金，还说要扣我一个月房租")
    assert C._gloss_ids(C._model, norm, tokenize(norm)) == []


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("my tenant has not paid the rent for three months and will not answer the door", "rental"),
        ("the boss of the noodle shop owes me two months of wages and blocked my number", "labor"),
        ("the guy upstairs drags furniture around every night after midnight", "neighbor"),
        ("I lent my colleague 3000 yuan in March and he keeps saying next week", "debt"),
    ],
)
def test_english_messages(text: str, category: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with_gloss = classify(text)
    assert with_gloss.category == category
    monkeypatch.setattr(C, "GLOSS_WEIGHT", 0.0)
    without = classify(text)
    # The gloss moves the category's scores only: urgency, danger and numbers are the message's own.
    assert (with_gloss.urgency, with_gloss.danger, with_gloss.numbers) == (without.urgency, without.danger,
                                                                             without.numbers)
    assert with_gloss.confidence >= without.confidence


def test_gloss_weight_zero_is_the_plain_model(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "the property company charges a parking fee but the gate has been broken for a month"
    monkeypatch.setattr(C, "ENGLISH_GLOSS", {})
    plain = classify(text)
    monkeypatch.undo()
    monkeypatch.setattr(C, "GLOSS_WEIGHT", 0.0)
    zero = classify(text)
    assert plain.alternatives == zero.alternatives
