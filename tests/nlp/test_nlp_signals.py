"""Urgency signal features: read off the tokens, learned by the urgency heads only."""

from __future__ import annotations

import numpy as np
import pytest

from nlp.segment import initialize, normalize, tokenize
from nlp.signals import SIGNAL_PREFIX, signal_features, signal_names
from nlp.train import Example, train


@pytest.fixture(scope="module", autouse=True)
def _jieba() -> None:
    initialize()


def _names(text: str) -> set[str]:
    return signal_names(tokenize(normalize(text)))


@pytest.mark.parametrize(("text", "expected"), [
    ("我奶奶的退休金卡被我小叔拿走了", {"elder", "savings", "taken"}),
    ("孩子才6岁，被一个人锁在家里", {"child", "alone"}),
    ("地下室进水了，水快淹到配电箱了", {"water", "power"}),
    ("反映了四次了，半年了一点没变", {"count", "duration"}),
    ("打了五六次12345", {"count"}),
    ("三个月了", {"duration"}),
    ("我爸八十多岁了", {"elder"}),
    ("借了他5万块", {"money"}),
    ("My grandma's bank card was taken", {"elder", "savings", "taken"}),
])
def test_signals_found(text: str, expected: set[str]) -> None:
    assert expected <= _names(text)


@pytest.mark.parametrize("text", ["请问居住证怎么办", "路灯坏了", "谢谢你们", "hello"])
def test_plain_messages_have_no_signal(text: str) -> None:
    assert _names(text) == set()


def test_pairs_only_where_they_mean_something() -> None:
    feats = signal_features(tokenize(normalize("老人的银行卡被拿走了")))
    assert f"{SIGNAL_PREFIX}elder+savings" in feats
    assert f"{SIGNAL_PREFIX}savings+taken" in feats
    # water and money meeting says nothing: no pair feature for them
    assert not any("+" in f for f in signal_features(tokenize(normalize("漏水赔了5万块"))))


def test_category_head_ignores_signals_the_urgency_heads_use_them() -> None:
    high = ["老人的银行卡被儿子拿走了", "奶奶的存折被拿走了", "孩子一个人锁在家里", "爷爷的退休金被骗光了",
            "小孩被反锁在屋里哭", "外婆的养老钱被转走了", "老人的社保卡被扣着", "孩子独自在家没大人",
            "老太太的积蓄被哄走了", "孩子被锁在家里两天", "大爷的工资卡被拿走", "老母亲的存款被转走了"]
    normal = ["老人的银行卡丢了怎么补", "奶奶想办高龄补贴", "孩子想报托管班", "爷爷问医保怎么报销",
              "小孩放学几点接", "外婆想学用手机", "老人想办老年卡", "孩子的学籍怎么转",
              "老太太问公交卡", "孩子想去图书馆", "大爷问怎么交电费", "老母亲想办身份证"]
    examples = ([Example(t, "family", "high") for t in high[:6]] + [Example(t, "consult", "high") for t in high[6:]]
                + [Example(t, "family", "normal") for t in normal[:6]]
                + [Example(t, "consult", "normal") for t in normal[6:]]
                + [Example(t, "security", "emergency") for t in ["他拿刀砍人了", "着火了快来", "有人跳楼", "孩子找不到了",
                                                                "煤气泄漏了", "打起来了见血了", "老人晕倒了", "有人落水了",
                                                                "他要杀我", "电梯困人了"]])
    model = train(examples, c=5.0, calibrate=False)
    signal_rows = [i for term, i in model.vocabulary.items() if term.startswith(SIGNAL_PREFIX)]
    assert signal_rows, "the signals are in the vocabulary"
    assert np.allclose(model.weights[signal_rows], 0.0)
    assert model.urgency_weights is not None
    assert not np.allclose(model.urgency_weights[signal_rows, 1], 0.0)
