"""High-urgency cues in the genres residents really write (work orders, Cantonese, chat): the rules
alone, before the model's heads. Each case has a twin the cue must leave alone. Sentences written
for these tests; none is in a data file."""

from __future__ import annotations

import pytest

from nlp.entities import extract_amounts
from nlp.segment import normalize
from nlp.urgency import assess


def _urgency(text: str) -> str:
    norm = normalize(text)
    return assess(norm, extract_amounts(norm)).urgency


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # mediation or talks that failed again and again are a repeated, unresolved complaint
        ("来电人反映楼上渗水，居委会调解过三次，对方仍不维修。", "high"),
        ("我们跟隔壁好几次当面协商都无果，墙还是歪的。", "high"),
        ("这件事至今仍未解决，请尽快处理。", "high"),
        ("想问一下调解要去哪里申请？", "normal"),
        ("我们和房东协商好了，下个月退押金。", "normal"),
        # Cantonese: 伙计 are workers, 成间厂 the whole factory
        ("老细欠咗我哋三十几个伙计两个月人工。", "high"),
        ("成间厂都冇出粮，大家都好嬲。", "high"),
        ("老细话个伙计请咗假，今日冇人返工。", "normal"),
        # two sides squaring off is a group confrontation
        ("新旧物业两拨人在小区门口对峙了一下午。", "high"),
        ("新旧物业交接，想问业主要做什么。", "normal"),
        # a head split open is an injury; a window split open is not
        ("昨天在大排档有人被啤酒瓶砸破了头，打人的跑了。", "high"),
        ("楼下小孩踢球把我家玻璃砸破了，想让家长赔。", "normal"),
        # 强制执行 is a court procedure the resident asks for, not a child coerced
        ("前夫不给孩子抚养费，我想申请强制执行，怎么弄？", "normal"),
        ("补习班老师强制孩子买资料，不买就罚站。", "high"),
    ],
)
def test_high_cues_in_real_genres(text: str, expected: str) -> None:
    assert _urgency(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # told the office again and again, in Chinese or English
        ("我们楼的灭火器全过期了，跟物业说过三次了。", "high"),
        ("I have complained to the management office four times about the leak.", "high"),
        ("我跟他说了三遍他都没听懂，想问问怎么写申请。", "normal"),
        ("I called the shop three times to ask about the price.", "normal"),
        # a party that refuses to comply after being told to
        ("城管来看过，那家餐馆拒不整改，油烟照排。", "high"),
        ("城管来看过，那家餐馆已经整改了。", "normal"),
        # eleven to nineteen people, in Chinese numerals
        ("我们十三个工人被老板拖了两个月工资。", "high"),
        ("十一号楼的电梯又停了，想问什么时候修。", "normal"),
        # a bump raised on a child's head is an injury; a takeaway packed is not
        ("托管班的老师推了一下，孩子额头磕出个包。", "high"),
        ("饭没吃完，让服务员打了个包带走。", "normal"),
    ],
)
def test_more_high_cues_in_real_genres(text: str, expected: str) -> None:
    assert _urgency(text) == expected
