"""A present emergency told after its background, and each rule's own look-alike (redrecall2 round).

The background (an old fight, a story in the news, hearsay about someone's past, a child lost once before,
a broken railing reported last year) comes first; the danger happening now is told in a later clause. The
cancel rule must give way to that clause and still cancel its own case. Every sentence was written for this
test; none is in a data file.
"""

from __future__ import annotations

import pytest
from nlp_rules import rules_danger

from nlp.entities import extract_amounts
from nlp.segment import normalize
from nlp.urgency import assess, refine

# (happening now, the rule's own case): the rule is named in the comment.
PAIRS = [
    # habitual violence: a habit word in another clause (这样) no longer beats 今天/今晚 in the cue's clause
    ("上个月就打过一次，结果今天晚上又打起来了，谁想到会这样", "他们家天天打架，一直这样"),
    ("楼下那家去年闹过，今晚又打起来了，以后还不知道会怎样", "他喝醉了就打人，以后还会这样"),
    # a story: a later clause opens on now and here
    ("我们看新闻说过这种事，没想到现在我们楼下就着火了", "刚才看新闻说哪里着火了"),
    ("视频里见过这种事，这会儿我家楼道里真冒黑烟了", "看了个视频，现在想问问着火了怎么办"),
    # hearsay: about the past, in an earlier clause; the cue's clause is now
    ("听说他以前坐过牢，现在他拿着刀在楼下追人", "听说现在楼下有人拿刀"),
    # the past: a long cue across clauses is judged in its verb's clause
    ("这孩子以前也跑丢过一次，后来找到了，可是今天又不见了，已经两个小时了", "孩子去年暑假，在公园不见了两个小时，后来找到了"),
    # the past frame: 这次 brings the sentence back to now, like 今天 and 又
    ("这种事以前发生过很多次，这次更严重，他掐着我妈的脖子不放", "这种事以前发生过很多次，他掐着我妈的脖子不放"),
    # the past frame: a present marker in the cue's own clause, even after the cue (English "now")
    ("my husband used to hit me, I left him last year, but he is banging on my door with a knife now",
     "last year he came to my door with a knife, now he has moved away"),
    # cue words: a knife drawn (not to cut a melon), English "smells of gas", "fainted"
    ("刚才在楼下跟人吵起来，已经把刀掏出来了", "他把刀拔出来切西瓜"),
    ("now the whole flat smells of gas and my mum fainted", "we smelled gas last week, the gas company fixed it, now it is fine"),
    # a quoted threat said at the door is not only words; said there yesterday it is past
    ("以前他就威胁过我，我搬家了，他今天找到了我新住的地方，在门外说要杀了我", "他昨天在门口说要杀了我"),
    # treated: paperwork or money (医保, 医药费) does not cover a collapse just now; care (住院, 缝了) does
    ("我妈刚才在家里晕倒了，叫不醒，救护车来了要先交钱吗，我们有医保", "我妈刚才晕倒了，送到医院后住院观察，医保能报销吗"),
    ("我婆婆刚才晕倒了，我们在等救护车，她的医保卡在哪里办", "上个月在工地上突然晕倒，送去医院说是脑梗，现在半边身子动不了，能不能算工伤"),
    # cue words behind a saying or a quote: a head banged against a wall, a cigarette burn (not play, not the past)
    ("俗话说“打是亲骂是爱”，我看他们家不是这样，男的这会儿把女的头往墙上撞", "孩子把头往墙上撞着玩"),
    ("我老公常说“家丑不可外扬”，所以我一直没说，他今晚又拿烟头烫我", "他以前拿烟头烫过我，现在离婚了"),
    # a correction: checked and found normal (the present case: the smell after the check)
    ("燃气公司检查过了说没问题，可是现在煤气味越来越大", "厨房有点煤气味，燃气公司的人刚来检查过，说是正常的，没有漏"),
]


@pytest.mark.parametrize(("now", "look_alike"), PAIRS)
def test_present_clause_beats_background(now: str, look_alike: str) -> None:
    assert rules_danger(now) == "present"
    assert rules_danger(look_alike) != "present"


def test_smoke_rushing_up_with_either_character() -> None:
    assert rules_danger("楼道那辆电动车又着了，烟往上蹿") == "present"
    assert rules_danger("楼道那辆电动车又着了，烟往上窜") == "present"


def _refined(text: str, p_emergency: float) -> str:
    norm = normalize(text)
    return refine(assess(norm, extract_amounts(norm)), p_emergency, 0.5, "minors", norm).urgency


def test_model_raise_after_background_with_a_present_clause() -> None:
    # No cue word: the model raises; the past (去年, 反映过) is background, 刚才 comes after it.
    now = "小区的护栏去年就坏了，我们反映过。刚才一个小孩从缺口掉进了旁边的施工坑里，孩子在下面哭"
    assert _refined(now, 0.85) == "emergency"
    # the look-alike: the same background, nothing after it brings the message to now
    over = "小区的护栏去年就坏了，我们反映过。上个月一个小孩从缺口掉进了旁边的施工坑里"
    assert _refined(over, 0.85) == "high"


def test_threat_said_elsewhere_is_still_asked() -> None:
    assert rules_danger("他在微信上说要杀了我") == "uncertain"


def _verdicts(text: str) -> list[tuple[int, str]]:
    from nlp.danger import spans_of

    norm = normalize(text)
    return [(span.start, span.verdict) for span in spans_of(norm, assess(norm, extract_amounts(norm)))]


def test_same_word_kept_and_cancelled_is_placed_where_each_was_judged() -> None:
    # the learned check must read the kept 着火 (the second), not the asked-about one (the first)
    assert _verdicts("万一着火怎么办这种问题我以前问过，现在是真的着火了，三楼窗户往外冒火") == [
        (2, "cancelled"), (22, "present"), (30, "present")]  # (往外冒火 is a fire cue of its own)
    # and the other way round: kept first, a past one after it
    assert _verdicts("楼下电动车着火了，火很大，上个月那次着火是隔壁楼") == [(5, "present"), (9, "present"), (18, "cancelled")]


def test_model_raise_after_background_today_again() -> None:
    # voice-typed, no cue word (在屋里头打): 今天又 after the past brings it back to now
    assert _refined("我跟你讲 上回他就打过我妈 派出所来过 今天又来了 在屋里头打 我妈在哭", 0.85) == "emergency"
    assert _refined("我跟你讲 上回他就打过我妈 派出所来过 后来就再没来了", 0.85) == "high"
