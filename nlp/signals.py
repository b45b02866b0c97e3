"""Urgency signal features: who is vulnerable, what was taken, repetition, threats, water near power.

Why features and not rules: each word alone proves nothing (孩子 is in half the school complaints,
三次 in many a calm question), but together and with the rest of the message they say a lot
("老人 … 银行卡 … 拿走", "孩子 … 一个人 … 锁"). The model's heads learn how much each signal and
each pair is worth from the corpus's urgency labels; the rules never read them. Every signal is one
feature ``u:<name>``, every pair of signals in a message one more (``u:elder+savings``), so a rare
synonym shares the weight of the common word of its group.

Cheap: read off the tokens the model already has (a memoised lookup per token and one per pair of
adjacent tokens), no second pass over the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import combinations

#: Every signal feature starts with this (the category head ignores them: ``train.category_view``).
SIGNAL_PREFIX = "u:"

#: signal -> its literal words (normalised text: simplified Chinese, half width, lower case)
_WORDS: dict[str, tuple[str, ...]] = {
    "repeat": ("多次", "屡次", "反复", "一再", "再三", "三番五次", "一次又一次", "每次", "每回", "又一次",
               "还是老样子", "照旧", "依旧", "仍然", "始终", "一拖再拖", "推来推去", "踢皮球", "无数次",
               "again and again", "many times", "several times", "still not"),
    "waiting": ("至今", "到现在", "到今天", "一直没", "一直不", "一直在", "迟迟", "拖着", "没下文", "没回音",
                "没消息", "不了了之", "没人管", "没人理", "没解决", "没有解决", "没处理", "不处理", "敷衍",
                "推诿", "没有回复", "没回复", "石沉大海", "still waiting", "no reply", "nobody"),
    "elder": ("老人", "老太", "老头", "大爷", "大妈", "奶奶", "爷爷", "外婆", "外公", "姥姥", "姥爷", "阿婆",
              "阿公", "老母亲", "老父亲", "老妈", "老爸", "老伴", "独居", "空巢", "退休", "老两口", "孤寡",
              "低保", "瘫痪", "痴呆", "糊涂", "elderly", "grandma", "grandpa", "old man", "old lady"),
    "child": ("孩子", "小孩", "儿子", "女儿", "学生", "娃", "幼儿园", "小学", "初中", "宝宝", "婴儿",
              "未成年", "外孙", "孙子", "孙女", "child", "kid", "daughter", "baby"),
    "alone": ("一个人", "独自", "自己在家", "锁在", "反锁", "没人照看", "没大人", "没人看着", "无人看管",
              "不回家", "没回家", "关在", "alone", "locked in"),
    "savings": ("积蓄", "养老钱", "存款", "退休金", "养老金", "存折", "银行卡", "工资卡", "社保卡", "棺材本",
                "血汗钱", "房本", "房产证", "密码", "身份证", "户口本", "savings", "pension", "bank card"),
    "taken": ("拿走", "扣着", "扣了", "骗", "转走", "取走", "收走", "被拿", "不还", "捏着", "攥着",
              "霸占", "占着", "过户", "抵押", "忽悠", "哄", "taken", "took", "scam", "cheat"),
    "threat": ("威胁", "恐吓", "扬言", "放话", "要挟", "报复", "走着瞧", "好看", "混不下去", "不放过",
               "找人", "叫人", "带人", "收拾", "弄死", "打断", "堵在", "堵门", "上门闹", "泼", "砸",
               "threat", "warned me"),
    "water": ("淹", "漫", "积水", "进水", "漏水", "渗水", "泡在水", "水位", "水已经", "水快", "水漫",
              "flood", "water"),
    "power": ("电箱", "配电", "电表", "插座", "电线", "电闸", "总闸", "变压器", "电缆", "开关", "充电",
              "带电", "漏电", "电梯井", "electric", "socket", "wires"),
    "hurt": ("受伤", "伤口", "流血", "出血", "血", "淤青", "青一块", "紫一块", "肿", "骨折", "缝针", "摔倒",
             "摔了", "烫", "咬", "疼", "住院", "医院", "伤痕", "破了", "hurt", "bruise", "injur", "bleed"),
    "group": ("几十", "十几", "上百", "一群", "一帮", "大家", "工友们", "我们都", "我们几个", "全体", "联名",
              "集体", "好多人", "很多人", "所有人", "整栋", "全村", "workers", "all of us"),
    "fear": ("害怕", "不敢", "吓得", "吓坏", "走投无路", "没办法", "求求", "绝望", "崩溃", "睡不着",
             "急死", "哭", "scared", "afraid", "desperate"),
    "school": ("学校", "老师", "班主任", "同学", "校门", "school", "teacher", "classmate"),
    "money": ("万元", "万块", "几万", "十几万", "几十万", "上万"),
}

#: Pairs whose meeting is the point: the single words are too common to matter alone.
_PAIRS = frozenset(tuple(sorted(pair)) for pair in {
    ("elder", "savings"), ("elder", "taken"), ("savings", "taken"), ("elder", "money"), ("child", "alone"),
    ("child", "hurt"), ("child", "school"), ("hurt", "school"), ("water", "power"), ("repeat", "waiting"),
    ("count", "waiting"), ("count", "repeat"), ("duration", "waiting"), ("duration", "repeat"),
    ("count", "duration"), ("elder", "hurt"), ("elder", "alone"), ("threat", "fear"), ("group", "money"),
    ("elder", "fear"), ("child", "fear"), ("hurt", "fear"), ("elder", "child"),
})

_WORD_SIGNAL = {word: name for name, words in _WORDS.items() for word in words}
#: Cue words inside one token ("养老金" in "养老金卡"), memoised per token as in ``model.cues_in_token``.
_HAN_WORDS = tuple(w for w in _WORD_SIGNAL if not w.isascii())
_NUMERAL = re.compile(r"^第?[0-9两二三四五六七八九十几半百千]+[多几来余]?(?:个多|个|多)?")
_UNITS = {"次": "count", "回": "count", "遍": "count", "趟": "count", "月": "duration", "个月": "duration",
          "年": "duration", "年多": "duration", "岁": "age", "多岁": "age", "万": "money", "万块": "money",
          "万元": "money"}
_ELDER_AGE = re.compile(r"^(?:[6-9]\d|[六七八九]十)")
_CHILD_AGE = re.compile(r"^(?:1[0-7]|[1-9]|[一二三四五六七八九]|十[一二三四五六七]?)多?岁$")
_memo: dict[str, tuple[tuple[str, ...], bool]] = {}
_MEMO_LIMIT = 200_000


def _numeral(number: str, unit: str) -> str | None:
    """The signal of a number and its unit ("四"+"次", "八十多岁", "5"+"万块"), or None."""
    name = _UNITS.get(unit)
    if name != "age":
        return name
    if _ELDER_AGE.match(number):
        return "elder"
    return "child" if _CHILD_AGE.match(number + unit) else None


_HEADS = frozenset(first for word in _WORD_SIGNAL for first in (word[:i] for i in range(1, len(word))))


_NO_SIGNAL: dict[bool, tuple[tuple[str, ...], bool]] = {False: ((), False), True: ((), True)}


def _token_signals(token: str) -> tuple[tuple[str, ...], bool]:
    """The signals inside one token, and whether it may begin a word cut in two or be a number."""
    names = {_WORD_SIGNAL[token]} if token in _WORD_SIGNAL else set()
    head = token in _HEADS
    if not token.isascii() or token.isdigit():
        names.update(_WORD_SIGNAL[w] for w in _HAN_WORDS if w in token)
        m = _NUMERAL.match(token)
        if m:
            head = head or m.end() == len(token)
            if m.end() < len(token) and (name := _numeral(m.group(), token[m.end():])):
                names.add(name)
    # Most tokens hold no signal: they share one of two records, so a message's records stay few objects in the
    # CPU caches instead of one tuple per token.
    found = (tuple(sorted(names)), head) if names else _NO_SIGNAL[head]
    if len(_memo) < _MEMO_LIMIT:
        _memo[token] = found
    return found


def token_signals(token: str) -> tuple[tuple[str, ...], bool]:
    """The signals inside one token and whether it may begin a cut word or be a number (memoised)."""
    return _memo.get(token) or _token_signals(token)


def signal_names(
    tokens: Sequence[str], signals: Sequence[tuple[tuple[str, ...], bool]] | None = None
) -> set[str]:
    """The signals present in a message's tokens: words within a token, words that jieba cuts in
    two (养老+钱, 一个+人), and numbers with their unit (四次, 三个+月, 6+岁, 5+万块).

    ``signals``: ``token_signals`` of each token, when the caller already has them."""
    found: set[str] = set()
    if signals is None:
        get = _memo.get
        signals = [get(tok) or _token_signals(tok) for tok in tokens]
    prev_head, prev = False, ""
    for tok, (names, head) in zip(tokens, signals, strict=True):
        if names:
            found.update(names)
        if prev_head:
            name = _WORD_SIGNAL.get(f"{prev} {tok}" if prev.isascii() and tok.isascii() else prev + tok)
            if name is None and tok in _UNITS and _NUMERAL.fullmatch(prev):
                name = _numeral(prev, tok)
            if name:
                found.add(name)
        prev_head, prev = head, tok
    return found


def signal_features(
    tokens: Sequence[str], signals: Sequence[tuple[tuple[str, ...], bool]] | None = None
) -> list[str]:
    """``u:<signal>`` for every signal and ``u:<a>+<b>`` for every meaningful pair present."""
    found = signal_names(tokens, signals)
    if not found:
        return []
    feats = [SIGNAL_PREFIX + name for name in found]
    feats.extend(f"{SIGNAL_PREFIX}{a}+{b}" for a, b in combinations(sorted(found), 2) if (a, b) in _PAIRS)
    return feats
