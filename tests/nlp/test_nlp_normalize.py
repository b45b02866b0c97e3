"""Traditional characters are folded to simplified (OpenCC t2s) before anything else reads them."""

from __future__ import annotations

import pytest

from nlp import classify, initialize
from nlp.segment import normalize


@pytest.fixture(scope="module", autouse=True)
def _ready() -> None:
    initialize()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("樓上鄰居裝修噪音擾民", "楼上邻居装修噪音扰民"),
        ("這個老闆欠薪三個月", "这个老板欠薪三个月"),
        ("我被房東趕出來了", "我被房东赶出来了"),
        ("廚房著火了", "厨房着火了"),  # OpenCC keeps 著; the particle and 著火 are 着
        ("他拿著刀", "他拿着刀"),
        ("著名的學校", "著名的学校"),  # the word 著名 stays
        ("ＡＢＣ１２３", "abc123"),
    ],
)
def test_traditional_to_simplified(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_lone_surrogate_does_not_crash() -> None:
    assert normalize("\ud800樓") == "\ud800楼"


def test_traditional_message_classified_like_simplified() -> None:
    trad, simp = classify("房東不退押金，還扣了我的身份證"), classify("房东不退押金，还扣了我的身份证")
    assert trad.category == simp.category == "rental"
    assert classify("廚房著火了，快來人").urgency == "emergency"


def test_the_fold_is_the_translation_table_on_every_code_point() -> None:
    from nlp.segment import _FOLDABLE, _TRANSLATION, _fold

    every = "".join(map(chr, range(0x110000)))  # lone surrogates included
    for i in range(0, len(every), 4096):
        chunk = every[i : i + 4096]
        assert _FOLDABLE.sub(_fold, chunk) == chunk.translate(_TRANSLATION)
    assert normalize("Ａ，\u200b\x07ｂ") == "a, b"  # full width folded, zero width dropped, control char a space
