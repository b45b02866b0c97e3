"""Dialect, colloquial and Taiwan/Hong Kong words read through their Mandarin counterparts (``DIALECT_GLOSS``)."""

from __future__ import annotations

import importlib

import pytest

from nlp.lexicon import DIALECT_GLOSS, ENGLISH_GLOSS
from nlp.segment import normalize, tokenize

C = importlib.import_module("nlp.classify")


@pytest.fixture(autouse=True, scope="module")
def _model() -> None:
    C.initialize()


def test_glossary_shape() -> None:
    assert len(DIALECT_GLOSS) > 80
    for word, zh in DIALECT_GLOSS.items():
        # Keys are found in the normalised text, so they must already be in its form.
        assert normalize(word) == word and word != zh, word
        assert zh and all("\u4e00" <= ch <= "\u9fff" for ch in zh), (word, zh)
        assert word not in ENGLISH_GLOSS
    # Function words, words for home, kinship terms and words of several senses are left out.
    for left_out in ("佢", "唔", "冇", "咗", "嘅", "屋企", "阿婆", "业主", "人工", "跑路", "租屋"):
        assert left_out not in DIALECT_GLOSS


def test_dialect_words_are_found_in_the_text() -> None:
    norm = normalize("老細欠咗我兩個月人工，仲話要炒我魷魚")
    assert C._glossed_words(norm, tokenize(norm)) == ["老板"]
    norm = normalize("包租公唔肯退按金")
    assert C._glossed_words(norm, tokenize(norm)) == ["房东", "押金"]
    norm = normalize("the landlord 唔肯退按金")
    assert C._glossed_words(norm, tokenize(norm)) == ["房东", "押金"]


def test_mandarin_message_has_no_gloss() -> None:
    norm = normalize("房东不退押金，还说要扣我一个月房租")
    assert C._gloss_ids(C._model, norm, tokenize(norm)) == []


@pytest.mark.parametrize(
    "text",
    ["包租婆拎住铁棍喺门口，话今晚唔搬走就打死我", "隔篱个电驴喺楼道充电，冒紧烟，好大阵火烛味",
     "我老细两个月冇出粮，仲话要炒我鱿鱼"],
)
def test_urgency_is_untouched(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    glossed = C.classify(text)
    monkeypatch.setattr(C, "GLOSS_WEIGHT", 0.0)
    plain = C.classify(text)
    assert (glossed.urgency, glossed.danger) == (plain.urgency, plain.danger)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("嗰个包租公而家成日嚟催我，话唔加租就唔续租约，按金都唔退", "rental"),
        ("老细两个月冇出粮，问佢就话要炒我鱿鱼", "labor"),
        ("隔篱成日好嘈，半夜都唔停", "neighbor"),
    ],
)
def test_dialect_messages(text: str, category: str) -> None:
    assert C.classify(text).category == category
