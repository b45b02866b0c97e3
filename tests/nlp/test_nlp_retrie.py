"""``nlp.retrie``: factoring a big alternation by leading literals keeps every match as it was."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from nlp import urgency
from nlp.retrie import _expand_branch, _split_top, factor_branches


def _spans(pattern: str, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(pattern, text)]


def test_shared_leading_literals_are_factored() -> None:
    assert factor_branches(["打人", "在打", "打我"]) == "打(?:人|我)|在打"
    assert factor_branches(["打人", "打人家"]) == "打(?:人(?:|家))"


@pytest.mark.parametrize(
    ("branches", "texts"),
    [
        # The first alternative that matches wins, before and after: 打 before 打人 stays first.
        (["打", "在打", "打人"], ["打人", "在打人"]),
        (["打人", "打", "在打"], ["打人", "在打人"]),
        # An escaped literal and the plain character are the same character.
        ([r"\ a", "b", " x", r"\ ab"], [" ab", " x", "b"]),
        # A branch that does not start with a literal is a barrier: nothing moves across it.
        (["ab", "[ax]y", "a", "xz"], ["ay", "ab", "xz", "a"]),
        # A quantified first literal is not factored.
        (["a?b", "ab", "ac"], ["b", "ab", "ac"]),
        # Look-arounds after the literal keep their meaning.
        (["还有(?<=,还有)", "还要", "还有(?!人)"], [",还有人", "还有人", "还有事", "还要"]),
    ],
)
def test_same_matches_as_the_plain_alternation(branches: list[str], texts: list[str]) -> None:
    factored = factor_branches(branches)
    for text in texts:
        assert _spans(factored, text) == _spans("|".join(branches), text)


def test_capturing_groups_are_left_alone() -> None:
    assert factor_branches(["a(b)", "a(c)"]) == "a(b)|a(c)"


def test_urgency_patterns_match_the_same_spans_on_the_corpus() -> None:
    path = resources.files("nlp") / "data" / "dev.jsonl"
    texts = [json.loads(line)["text"].lower() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for source in (urgency._SELF_HARM, urgency._FIRE, urgency._VIOLENCE, urgency._MEDICAL):
        branches = [b for alt in _split_top(source) for b in _expand_branch(alt)]
        plain, factored = re.compile("|".join(branches)), re.compile(factor_branches(branches))
        for text in texts:
            assert [m.span() for m in factored.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_named_groups_are_left_alone() -> None:
    assert factor_branches(["a(?P<x>b)", "a(?:c)"]) == "a(?P<x>b)|a(?:c)"


_SHARED_CASES = [
    # A class, a group, an optional group, a quantified class, a digit class and plain literals.
    r"(?:坐|站)[^，]{0,2}楼顶|[六七]十多?岁|\d{2,}个人|(?:正|还)?在打(?!桩)|救命|打人|打(?:孩子|老人)",
    # An optional class head, a class with +, and branches that share their first character.
    r"[大小]?孩子(?:不见了|丢了)|[一两]+个人|孩子找不到|孩子哭",
    # An empty alternative inside a group, and a look-behind after the first character.
    r"(?:老|阿)(?:人|姨)(?<=老人)摔|(?:他|她)(?:|们)在打",
    # Neighbouring branches whose second character is open (a negated class): one look-behind for the run.
    r"(?:坐|站)[^，]{0,2}楼顶|(?:跳|爬)[^，]{0,3}窗|救命|(?:他|她)[^，]{0,2}在打|打人",
]
_SHARED_TEXTS = [
    "他坐在楼顶", "站着楼顶", "七十岁", "六十多岁", "12个人", "3个人", "正在打", "在打桩", "在打人", "救命啊",
    "打孩子", "打老人", "大孩子不见了", "孩子丢了", "小孩子找不到", "两两个人", "孩子哭了", "老人摔了", "阿姨摔",
    "他们在打", "她在打架", "没事", "",
    "跳窗", "爬上窗", "他在打", "她们在打", "坐楼顶", "站着跳窗",
]


@pytest.mark.parametrize("source", _SHARED_CASES)
def test_the_shared_first_character_form_keeps_every_match(source: str) -> None:
    from nlp.retrie import _shared_first

    shared = _shared_first(source)
    assert shared is not None and shared.startswith("[")
    for text in _SHARED_TEXTS + ["。".join(_SHARED_TEXTS)]:
        assert _spans(shared, text) == _spans(source, text), text


def test_a_pattern_whose_expansion_would_copy_much_shares_its_first_character() -> None:
    from re import _compiler, _parser  # type: ignore[attr-defined]

    from nlp.retrie import COPIES_BEFORE_SHARING, literal_first

    long_rest = "[^。]{0,30}(?:" + "|".join(f"不见了{i}" for i in range(40)) + ")"
    source = f"[一二三四五六七八九十两几半俩仨廿百千万零]岁{long_rest}|孩子{long_rest}"
    copied = factor_branches([b for alt in _split_top(source) for b in _expand_branch(alt)])
    assert len(copied) >= COPIES_BEFORE_SHARING * len(source)
    shared = literal_first(source)
    assert len(shared) < len(source) * 1.5
    # re can still scan to the candidate positions only.
    assert _compiler._get_charset_prefix(_parser.parse(shared), 0)
    for text in ("三岁的孩子不见了7", "孩子在门口不见了12", "三十岁不见了", "一岁。不见了3"):
        assert _spans(shared, text) == _spans(source, text)
    # A short pattern keeps the copied form, which scans fastest.
    assert literal_first("[六七]十岁|救命") == "六十岁|七十岁|救命"


def test_urgency_patterns_in_the_shared_form_match_the_same_spans_on_the_dev_set() -> None:
    from nlp.retrie import _shared_first

    path = resources.files("nlp") / "data" / "dev.jsonl"
    texts = [json.loads(line)["text"].lower() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for source in (urgency._SELF_HARM, urgency._FIRE, urgency._VIOLENCE, urgency._MEDICAL):
        shared = _shared_first(source)
        assert shared is not None
        plain, fast = re.compile(source), re.compile(shared)
        for text in texts:
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_a_run_of_branches_told_apart_by_their_first_character_is_guarded_once() -> None:
    from nlp.retrie import _shared_first

    shared = _shared_first(r"(?:坐|站)[^，]{0,2}楼顶|(?:跳|爬)[^，]{0,3}窗|救命")
    assert shared is not None and shared.startswith("[坐站跳爬救](?:(?<=[坐站跳爬])(?:")
    for text in ("坐在楼顶", "爬上窗", "跳窗", "救命", "站楼", "救"):
        assert _spans(shared, text) == _spans(r"(?:坐|站)[^，]{0,2}楼顶|(?:跳|爬)[^，]{0,3}窗|救命", text)


def test_normalised_text_holds_no_absent_character() -> None:
    from nlp.retrie import ABSENT
    from nlp.segment import normalize

    # normalize converts (OpenCC) first, then folds by its table and lower-cases: no code point
    # comes out of the last two steps as a full-width form.
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert not any(ABSENT & set(normalize(every[i : i + 1000])) for i in range(0, len(every), 1000))
    assert not ABSENT & set(normalize("“你好！”，他说：（１２３）？～；Ａ"))


@pytest.mark.parametrize(
    ("pattern", "folded"),
    [
        ("[^，,。]{0,4}", "[^,。]{0,4}"),
        ("[^。！？]", "[^。]"),
        ("(?:a|[，, ])x[^，。,.！？!?]", "(?:a|[, ])x[^。,.!?]"),
        # Left as written: nothing would be left, a range, a leading ^, an escaped bracket.
        ("[！？]", "[！？]"),
        ("[^！]", "[^！]"),
        ("[a-！]", "[a-！]"),
        ("[！^a]", "[！^a]"),
        (r"\[！]", r"\[！]"),
    ],
)
def test_absent_characters_leave_the_classes(pattern: str, folded: str) -> None:
    from nlp.retrie import without_absent

    assert without_absent(pattern) == folded
    for text in ("他说,好。", "a x有", "a,x!", "a-b", "^a", "[!"):  # normalised: no full-width forms
        assert [m.span() for m in re.finditer(pattern, text)] == [m.span() for m in re.finditer(folded, text)]


def test_lazy_pattern_compiles_on_first_use_and_matches_like_the_compiled_one() -> None:
    from nlp.retrie import LazyPattern, literal_first

    source = r"(?:坐|站)[^，,。]{0,2}楼顶|救命"
    lazy = LazyPattern(source)
    assert "search" not in vars(lazy)  # nothing compiled yet
    compiled = re.compile(literal_first(source))
    for text in ("他坐在楼顶", "救命啊,救命", "没事"):
        assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
        assert bool(lazy.search(text)) == bool(compiled.search(text))
    assert vars(lazy)["search"].__self__.pattern == compiled.pattern  # the compiled pattern's own method
    assert lazy.source == source and lazy.pattern == compiled.pattern


def test_lazy_pattern_compiles_what_prepare_makes_of_the_source() -> None:
    from nlp.retrie import LazyPattern

    source = r"[^，！]{0,3}救命"  # not through literal_first: the full-width forms stay in the class
    raw = LazyPattern(source, None)
    assert "search" not in vars(raw)
    assert raw.pattern == source and raw.search("！救命").span() == (1, 3)
    upper = LazyPattern("ab", str.upper)
    assert upper.pattern == "AB" and upper.source == "ab"


@pytest.mark.parametrize("pattern", ["去年|上个?月|前天", "ab|a\\ c|xy(?!z)", "[一二]天前|今天"])
def test_not_after_keeps_every_match_and_the_first_character_set(pattern: str) -> None:
    from nlp.retrie import literal_first, not_after

    front = re.compile(f"(?<!比)(?:{pattern})")
    moved = re.compile(not_after("比", literal_first(pattern)))
    texts = ["比去年", "去年比上月", "上个月比前天", "比比前天", "前天", "比", "", "ab比ab", "a cxyxyz比a c",
             "一天前比二天前", "比今天今天"]
    for text in texts:
        assert [m.span() for m in moved.finditer(text)] == [m.span() for m in front.finditer(text)]
        for start in range(len(text) + 1):  # a search from inside the text still sees the character before
            found, expected = moved.search(text, start), front.search(text, start)
            assert (found and found.span()) == (expected and expected.span())
    # A branch that does not start with a literal keeps the look-behind in front.
    assert not_after("比", "[一二]天前|今天") == "(?<!比)(?:[一二]天前|今天)"


def test_past_markers_match_as_the_pattern_with_the_look_behinds_in_front_on_the_dev_set() -> None:
    front = "(?<!冲凉)(?<!食饭)(?<!瞓觉)(?<!揸车)(?<!行街)(?<!返工)(?<!煮饭)(?<!洗碗)(?<!落楼)(?<!上楼)(?<!行路)(?<!洗澡)𠮶阵"
    moved = "𠮶阵" + "".join(f"(?<!{v}𠮶阵)" for v in ("冲凉", "食饭", "瞓觉", "揸车", "行街", "返工", "煮饭", "洗碗", "落楼",
                                                        "上楼", "行路", "洗澡"))
    assert moved in urgency._PAST_WORDS
    plain = re.compile("(?<!比)(?:" + urgency._PAST_WORDS.replace(moved, front) + ")")
    path = resources.files("nlp") / "data" / "dev.jsonl"
    texts = [json.loads(line)["text"].lower() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts += ["比去年", "去年", "冲凉𠮶阵", "𠮶阵", "那𠮶阵", "三年前", "比三年前", "上年纪", "2019年"]
    for text in texts:
        assert [m.span() for m in urgency._PAST.finditer(text)] == [m.span() for m in plain.finditer(text)]


# --- ascii_branches: the copies an all-ASCII text is scanned with ---------------------------------------

def test_ascii_branches_drops_only_branches_opened_by_a_non_ascii_literal() -> None:
    from nlp.retrie import ascii_branches

    assert ascii_branches(re.compile(r"打人|help|[a-z]救|\b(?:fire)\b|救命")).pattern == r"help|[a-z]救|\b(?:fire)\b"
    same = re.compile(r"help|fire")
    assert ascii_branches(same) is same  # nothing to drop: the pattern itself
    assert ascii_branches(re.compile(r"打人|救命")) is None  # never matches an ASCII text
    for kept in (re.compile(r"打人|help", re.IGNORECASE), re.compile(r"(打)人|help"), re.compile(r"打人|help", re.VERBOSE)):
        assert ascii_branches(kept) is kept  # case folding, groups or verbose syntax: left alone


def _ascii_texts() -> list[str]:
    from nlp import segment

    texts = []
    for name in ("corpus.jsonl", "dev.jsonl", "urgency_train.jsonl", "danger_train.jsonl", "real_dev.jsonl"):
        for line in (resources.files("nlp") / "data" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                text = segment.normalize(json.loads(line)["text"])
                texts += [text, text[len(text) // 2 :]] if text.isascii() else []
    return texts


def test_the_ascii_copies_of_the_scans_find_what_the_patterns_find_on_every_ascii_development_text() -> None:
    from nlp.retrie import ascii_branches

    texts = _ascii_texts()
    assert len(texts) > 500
    identical = (urgency._MISSING_MORE, urgency._MISSING_PLAIN)  # compared by identity: not copied
    copies = [(group, pattern if any(pattern is p for p in identical) else ascii_branches(pattern))
              for group, pattern in urgency._EMERGENCY]
    scans, repeat, escalation_or_injury = urgency._ascii_scans()
    assert [(g, c.pattern) for g, c in scans] == [(g, c.pattern) for g, c in copies if c is not None]
    pairs = [(urgency._REPEAT, repeat), (urgency._ESCALATION_OR_INJURY, escalation_or_injury)]
    pairs += [(pattern, copy) for (_, pattern), (_, copy) in zip(urgency._EMERGENCY, copies, strict=True)]
    for pattern, copy in pairs:
        for text in texts:
            found = [m.span() for m in pattern.finditer(text)]
            assert found == ([m.span() for m in copy.finditer(text)] if copy is not None else [])
    # the signs patterns' copies are known as signs patterns (``m.re`` is compared by identity)
    assert all(any(c is p for p in urgency._SIGNS_ASCII) for _, c in scans[-4:])
