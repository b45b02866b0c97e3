"""``segment.tokenize`` computes jieba's no-HMM segmentation itself: it must give jieba's words."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from nlp import segment

# Development data only (the held-out sets are never read by tests).
_FILES = ("corpus.jsonl", "dev.jsonl", "dev_long.jsonl", "real_dev.jsonl", "emergency_dev.jsonl",
          "redteam_false.jsonl")


def _jieba_words(text: str) -> list[str]:
    return [w for w in segment._tokenizer.cut(text, HMM=False) if not w.isspace()]


def _texts() -> list[str]:
    texts = []
    for name in _FILES:
        source = resources.files("nlp") / "data" / name
        for line in source.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(segment.normalize(json.loads(line)["text"]))
    return texts


def test_the_words_are_jiebas_on_every_development_text() -> None:
    texts = _texts()
    assert len(texts) > 5000
    differ = [t for t in texts if segment.tokenize(t) != _jieba_words(t)]
    assert differ == []


@pytest.mark.parametrize("text", [
    "",
    " ",
    "老板拖欠我三个月工资",
    "wifi密码abc123忘了, 3楼302室\r\n漏水",  # Latin letters and digits joined, whitespace dropped
    "A-1号楼 c++ 50% #3 & a.b_c",  # the other characters of jieba's runs
    "楼上ドアが开かない，한국어 😀😀",  # characters outside jieba's runs, one token each
    "\u9fd6\u9fff\u3400鿿漏水",  # Han beyond jieba's range
    "的的的的的的的的的的的的的的的的的的的的",
    "中华人民共和国国务院总理",  # long dictionary words and their prefixes
    "水水",
])
def test_the_words_are_jiebas_on_edge_cases(text: str) -> None:
    assert segment.tokenize(text) == _jieba_words(text)


def test_a_new_dictionary_is_not_read_through_an_old_memo(monkeypatch) -> None:
    """The log-probability memo belongs to one dictionary: another dictionary gives its own words."""
    assert segment.tokenize("老板拖欠我三个月工资") == ["老板", "拖欠", "我", "三个", "月工资"]
    monkeypatch.setattr(segment._tokenizer, "FREQ", {"老": 0, "老板": 5, "工": 0, "工资": 5, "资": 1})
    monkeypatch.setattr(segment._tokenizer, "total", 11)
    assert segment.tokenize("老板拖欠工资") == ["老板", "拖", "欠", "工资"] == _jieba_words("老板拖欠工资")


def test_fragments_that_begin_no_word_are_remembered_for_one_dictionary_only(monkeypatch) -> None:
    """The set of fragments that begin no word spares jieba's dictionary their probe; it holds only such
    fragments, and another dictionary (where one of them may be a word) starts without it."""
    words = _jieba_words("老板拖欠工资")
    segment.tokenize("")  # the memos belong to the current dictionary
    monkeypatch.setattr(segment, "_no_words", set())  # not full from other tests
    assert segment.tokenize("老板拖欠工资") == words
    freq = segment._tokenizer.FREQ
    assert "欠工" in segment._no_words and not any(f in freq for f in segment._no_words)
    assert segment.tokenize("老板拖欠工资") == words  # now through the set: the same words
    monkeypatch.setattr(segment._tokenizer, "FREQ", {"老": 0, "老板": 5, "欠": 1, "欠工": 0, "欠工资": 50, "拖": 1})
    monkeypatch.setattr(segment._tokenizer, "total", 57)
    assert segment.tokenize("老板拖欠工资") == ["老板", "拖", "欠工资"] == _jieba_words("老板拖欠工资")


def _readable_by_counts(text: str) -> bool:
    han, latin, foreign = segment.script_profile(text)
    return not ((han == 0 and latin < 2) or (foreign > han and foreign > latin))


def test_readable_agrees_with_the_script_counts_on_every_development_text() -> None:
    texts = _texts()
    assert [t for t in texts if segment.readable(t) != _readable_by_counts(t)] == []


@pytest.mark.parametrize("text", [
    "", " ", "a", "ok", "楼", "楼上", "楼上a", "こんにちは", "楼こんにちは", "楼上こんにちは", "楼上吵こんにちは",
    "안녕하세요 楼上", "楼上 안녕", "hello こんにちは", "hi こんにちは", "123", "😀😀楼", "楼😀", "楼上。。。",
    "𠮶阵", "ab楼", "a楼", "楼ab", "楼上ab", "ёж楼", "ёжик楼上",
])
def test_readable_agrees_with_the_script_counts_on_edge_cases(text: str) -> None:
    assert segment.readable(text) == _readable_by_counts(text)
