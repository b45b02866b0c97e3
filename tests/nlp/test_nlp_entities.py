"""Entities, amounts and PII masking (including the logging filter)."""

from __future__ import annotations

import logging

import pytest

from nlp import MaskingFilter, extract_amounts, extract_entities, mask


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("欠我12万", 120_000),
        ("十二万", 120_000),
        ("1.5万", 15_000),
        ("5000元", 5_000),
        ("120000元", 120_000),
        ("一百万", 1_000_000),
        ("两万块", 20_000),
        ("说好三千五", 3_500),
        ("二十多万", 200_000),
        ("120,000元", 120_000),
    ],
)
def test_amounts(text: str, amount: int) -> None:
    assert extract_amounts(text) == (amount,)


@pytest.mark.parametrize("text", ["三个月", "七十多岁", "3栋2单元501", "2024年3月", "5 weeks"])
def test_numbers_that_are_not_money(text: str) -> None:
    assert extract_amounts(text) == ()


def test_extract_entities() -> None:
    text = "我住群众街3栋2单元501，电话13812345678，身份证46020019900101123X，欠我1.5万"
    found = extract_entities(text, communities=["群众街社区", "海虹社区"])
    assert found.communities == ("群众街社区",)
    assert found.buildings == ("3栋2单元501",)
    assert found.phones == ("13812345678",)
    assert found.id_cards == ("46020019900101123X",)
    assert found.amounts == (15_000,)


def test_building_forms() -> None:
    assert extract_entities("5号楼楼下").buildings == ("5号楼",)


def test_mask() -> None:
    masked = mask("电话13812345678，座机0898-88886666，身份证460200199001011234")
    assert "138****5678" in masked
    assert "4602**********1234" in masked
    assert "13812345678" not in masked and "460200199001011234" not in masked
    assert "88886666" not in masked


def test_mask_leaves_other_text_alone() -> None:
    assert mask("欠我5000元，3栋501") == "欠我5000元，3栋501"


def test_masking_filter(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("linli.test.masking")
    handler_filter = MaskingFilter()
    logger.addFilter(handler_filter)
    try:
        with caplog.at_level(logging.INFO, logger=logger.name):
            logger.info("resident %s wrote from %s", "13812345678", "460200199001011234")
    finally:
        logger.removeFilter(handler_filter)
    assert "13812345678" not in caplog.text
    assert "138****5678" in caplog.text
    assert "4602**********1234" in caplog.text
