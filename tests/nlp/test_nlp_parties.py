"""Counterparty and ask: who the complaint is about and the sentence that carries the request."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from i18n import MESSAGES, t
from nlp import classify, initialize
from nlp.parties import ask_sentence, counterparty
from nlp.taxonomy import COUNTERPARTIES


@pytest.fixture(scope="module", autouse=True)
def _ready() -> None:
    initialize()


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("包工头欠了我们三个月工资不给", "employer"),
        ("房东不退押金，还扣了我的身份证", "landlord"),
        ("楼上邻居每天半夜跳绳，吵得睡不着", "neighbor"),
        ("物业不修电梯，还乱收停车费", "property"),
        ("网上买的手机是翻新机，商家不给退", "merchant"),
        ("我老公天天喝酒骂我，还不给家用", "family"),
    ],
)
def test_counterparty_of_common_disputes(text: str, party: str) -> None:
    assert classify(text).counterparty == party


@pytest.mark.parametrize(
    ("tokens", "category", "party"),
    [
        (["孩子", "在", "学校", "被", "老师", "体罚"], "minors", "school"),
        (["孩子", "在", "网吧", "上网"], "minors", "merchant"),
        (["孩子", "最近", "不", "爱", "说话"], "minors", None),
        (["邻居", "占", "了", "我家", "宅基地"], "land", "neighbor"),
        (["装修公司", "收", "了", "钱", "不", "干活"], "debt", "merchant"),
        # a private person who owes money (not family, not a shop) is a "stranger" to the taxonomy
        (["借给", "朋友", "两万"], "debt", "stranger"),
        (["借给", "表舅", "二十万"], "debt", "family"),
        (["借", "了", "两万", "的", "是", "楼下", "邻居"], "debt", "neighbor"),
        (["借", "钱"], "debt", None),
        (["宅基地", "被", "村委", "占", "了"], "land", "official"),
        (["我", "哥哥", "占", "了", "宅基地"], "land", "family"),
        (["请问", "居住证", "怎么", "办"], "consult", None),
    ],
)
def test_counterparty_where_the_words_decide(tokens: list[str], category: str, party: str | None) -> None:
    assert counterparty(tokens, category) == party


@pytest.mark.parametrize(
    ("tokens", "category", "party"),
    [
        # the category's own party is not named, someone else is: that one (a quoted threat)
        (["对方", "说", "要", "找人", "打", "我"], "family", "stranger"),
        (["房东", "说", "下个月", "要", "涨", "房租"], "labor", "landlord"),
        # an addressee or the resident's own family is no evidence against the category
        (["我妈", "被", "商家", "骗", "了"], "consumer", "merchant"),
        (["我妈", "买", "的", "保健品", "是", "假", "的"], "consumer", "merchant"),
        (["请", "街道", "管管", "楼上", "噪音"], "neighbor", "neighbor"),
        # the restaurant a cook works in is the employer; the shop upstairs is a neighbour
        (["我", "在", "饭店", "干", "了", "两个月", "没", "发", "工资"], "labor", "employer"),
        (["楼上", "按摩店", "天天", "放", "音乐"], "neighbor", "neighbor"),
        # names the dictionary lacks, by their ending
        (["那家", "按摩店", "骗", "了", "我妈"], "minors", "merchant"),
        (["住建局", "不", "批"], "land", "official"),
    ],
)
def test_counterparty_needs_evidence(tokens: list[str], category: str, party: str | None) -> None:
    assert counterparty(tokens, category) == party


@pytest.mark.parametrize(
    ("text", "ask"),
    [
        ("房东不退押金。恳请社区帮我协调退还押金！", "恳请社区帮我协调退还押金！"),
        ("楼上天天半夜吵,我该怎么办?", "楼上天天半夜吵，我该怎么办？"),
        ("老板欠薪三个月。希望你们帮忙。谢谢", "希望你们帮忙。"),
        ("楼道灯坏了", None),
        ("", None),
    ],
)
def test_ask_sentence(text: str, ask: str | None) -> None:
    assert ask_sentence(text) == ask


def test_classify_gives_the_ask() -> None:
    c = classify("尊敬的领导：1、楼上住改商开麻将馆，每天吵到凌晨；2、多次投诉无果。恳请派人上门处理。")
    assert c.ask == "恳请派人上门处理。"


def test_every_counterparty_has_labels_in_both_languages() -> None:
    for party in COUNTERPARTIES:
        zh, en = MESSAGES[f"nlp.counterparty.{party}"]
        assert zh and en and zh != en
    assert t("nlp.counterparty.property", "zh") == "物业"
    assert t("nlp.counterparty.neighbor", "en") == "neighbour/shop in the building"


def test_classify_output_shows_danger_numbers_counterparty_and_ask(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.cli import app

    runner = CliRunner()
    text = "楼下有人拿刀砍人，流了好多血\n房东不退押金，请帮我要回来\n"
    rows = [json.loads(line) for line in runner.invoke(app, ["classify", "--text"], input=text).output.splitlines()]
    assert rows[0]["danger"] == "present" and rows[0]["numbers"] == ["110", "120"]
    assert rows[1]["counterparty"] == "landlord" and rows[1]["ask"] == "房东不退押金，请帮我要回来"
    monkeypatch.setenv("LINLI_LOCALE", "zh")
    zh = runner.invoke(app, ["classify", "--text", "--readable"], input=text).output.splitlines()
    assert "拨打 110/120" in zh[0] and "对方：房东/中介" in zh[1] and "诉求：房东不退押金，请帮我要回来" in zh[1]
    monkeypatch.setenv("LINLI_LOCALE", "en")
    en = runner.invoke(app, ["classify", "--text", "--readable"], input=text).output.splitlines()
    assert "call 110/120" in en[0] and "counterparty: landlord/agent" in en[1]
