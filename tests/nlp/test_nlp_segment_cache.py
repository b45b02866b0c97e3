"""The prefix dictionary cache: what it loads is what jieba built, and anything else is rebuilt."""

from __future__ import annotations

import marshal
from pathlib import Path

import jieba
import pytest

from nlp import segment


@pytest.fixture()
def tokenizer_state():
    """The tokenizer's dictionary, restored after the test (it is shared by the process)."""
    segment.initialize()
    freq, total = segment._tokenizer.FREQ, segment._tokenizer.total
    yield freq, total
    segment._tokenizer.FREQ, segment._tokenizer.total = freq, total


def test_a_saved_dictionary_loads_back_identical(tmp_path: Path, tokenizer_state) -> None:
    freq, total = tokenizer_state
    words = segment.user_dictionary_words()
    path = tmp_path / segment.PREFIX_CACHE
    segment._save_prefix_dictionary(path, words)
    segment._tokenizer.FREQ, segment._tokenizer.total = {}, 0

    assert segment._load_prefix_dictionary(path, words)
    assert freq == segment._tokenizer.FREQ and segment._tokenizer.total == total
    assert segment.tokenize("老板拖欠我三个月工资") == ["老板", "拖欠", "我", "三个", "月工资"]


def test_the_cached_dictionary_is_what_jieba_builds(tmp_path: Path, tokenizer_state) -> None:
    """The process's dictionary (from the cache when one was there) equals a fresh jieba build."""
    freq, total = tokenizer_state
    fresh = jieba.Tokenizer()
    fresh.tmp_dir, fresh.cache_file = str(tmp_path), "fresh.cache"
    fresh.initialize()
    for word in segment.user_dictionary_words():
        fresh.add_word(word, freq=segment.USER_WORD_FREQ)
    assert fresh.total == total
    assert freq == fresh.FREQ


def test_the_user_words_are_in_the_cached_dictionary(tokenizer_state) -> None:
    freq, _ = tokenizer_state
    for word in segment.user_dictionary_words()[:50]:
        assert freq.get(word) == segment.USER_WORD_FREQ


@pytest.mark.parametrize("content", [
    b"",                                                  # empty
    b"not marshal at all",                                # garbage
    marshal.dumps(("jieba 0.0 old key", {"a": 1}, 1)),    # another jieba or other user words
    marshal.dumps({"a": 1}),                              # another shape
])
def test_anything_but_our_own_cache_is_refused(tmp_path: Path, content: bytes, tokenizer_state) -> None:
    freq, _ = tokenizer_state
    path = tmp_path / segment.PREFIX_CACHE
    path.write_bytes(content)
    assert not segment._load_prefix_dictionary(path, segment.user_dictionary_words())
    assert segment._tokenizer.FREQ is freq  # untouched


def test_other_user_words_are_another_key() -> None:
    assert segment._cache_key(["甲"]) != segment._cache_key(["乙"])


def test_a_missing_cache_is_refused(tmp_path: Path) -> None:
    assert not segment._load_prefix_dictionary(tmp_path / "none", [])
