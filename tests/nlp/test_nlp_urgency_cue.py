"""The per-cue context of the urgency rules, computed by shortcuts that must equal their definitions."""

import re

from nlp.urgency import _SENTENCE_BREAK, _STRONG_ONGOING, _cue, _sentence_start


def test_sentence_start_is_after_the_last_break_before_the_position():
    texts = ["", "着火了", "昨天吵架了。今天他拿着刀！快来\n救命?? 正在砍门.", "。。！a?b\n\n", "没有句号，只有逗号，到底"]
    for text in texts:
        for pos in range(len(text) + 1):
            expected = max((b.end() for b in _SENTENCE_BREAK.finditer(text, 0, pos)), default=0)
            assert _sentence_start(text, pos) == expected


def test_cue_knows_whether_its_sentence_urges_now():
    text = "昨天还在吵。今天他拿着刀在门口，快来！上个月他也拿过刀"
    for m in re.finditer("拿着刀|拿过刀", text):
        c = _cue(text, m, "s110")
        assert c.strong_now == (_STRONG_ONGOING.search(c.sentence) is not None)
    first, last = (_cue(text, m, "s110") for m in re.finditer("拿着刀|拿过刀", text))
    assert first.strong_now and not last.strong_now
