"""Present dangers told without the usual cue words, and each new cue's own look-alike (recallfix round).

A child named only by age, pet name or kinship word; a farewell followed by silence; someone at the
edge of a roof or over a bridge railing; people still in a flooded car or house, water to the chest; a
lift named in an earlier clause; a fall into a pond by someone who cannot swim; something that fell and
struck a person; a stranger inside the home; a drunk driver ramming; 快来人; a Cantonese fall; a hand
stuck to a live wire; several people dizzy where there are fumes. Every sentence was written for this
test; none is in a data file.
"""

from __future__ import annotations

import pytest
from nlp_rules import rules_danger

# (happening now, the cue's own look-alike that must not be a present danger)
PAIRS = [
    # a child named by age only; a pet of the same age, a lost toy, a child lost years ago
    ("乐乐六岁，刚在小区门口玩，转个身就不见了", "我家狗三岁了，昨天跑丢了，不见了"),
    ("在超市走散了，我闺女的同学，才八岁，穿黄衣服", "五岁的儿子玩具不见了，是不是被同学拿了"),
    ("she is 7 years old and she went missing at the mall twenty minutes ago", "我儿子五岁的时候走丢过一次，现在想办个防走失卡"),
    # a doubled pet name (not a doubled adverb)
    ("糖糖不见了！小区里找遍了，四岁，短头发", "刚刚不见了一个快递"),
    # a kinship word for a child
    ("我外孙女下午去同学家玩，到现在没回来，同学家说她三点就走了", "我们家丫头找到工作了，终于不用操心"),
    # a farewell, then out of reach (not a trip away, not relief after exams)
    ("我哥发了条朋友圈说大家保重，然后电话就打不通了", "她走之前说让我照顾好妈妈，现在她去外地打工了，电话打不通"),
    ("我走了，大家保重，别找我", "我走了，明天再来"),
    ("我今晚就要解脱了，再也不用受这个罪", "考完试终于解脱了"),
    # at the edge of a bridge, over a roof's railing
    ("桥上有个男的坐在了最边上，腿晃来晃去", "我以前在桥上坐在最边上钓过鱼"),
    ("天台上有人翻过了护栏", "天台的护栏太矮，小孩能翻过去，建议加高"),
    # people still in a flooded car or house, water to the waist
    ("暴雨把车淹了，车里还有人", "车里还有人在睡觉，保安就把车拖走了"),
    ("河水涨到屋里，已经齐腰深了，我爸妈还在二楼", "那年水齐腰深，村里都搬走了"),
    # a lift named in an earlier clause
    ("电梯上午修好了，下午又把人困住了，里面有个孕妇", "电梯前天把人困住过一次，现在想问维保单位是谁"),
    # slipped into water, someone who cannot swim out of reach
    ("我侄子在河边玩滑下去了，他不会游泳", "我手机在河边滑下去了"),
    # something fell and struck a person (not a car, not a roof, not a fear)
    ("工棚顶塌下来砸在两个工人身上", "树枝断了掉下来砸在我车上"),
    ("阳台上的花盆掉下来砸到人了", "椰子熟透了没人摘，掉下来要砸到人的"),
    # a stranger inside the home at night (not a salesman)
    ("凌晨两点我家客厅站着一个不认识的男人", "家里来了一个不认识的人推销净水器"),
    ("there is a stranger in our flat right now, he came in through the window", "my neighbour said a stranger was in her flat last year"),
    # a drunk driver ramming (not last year's)
    ("有个喝醉的开车在广场上乱撞，撞倒了人", "那个酒驾的去年开车乱撞，撞坏了三辆车"),
    # 快来人: the writer's call, not a complaint's 快来人管管
    ("快来人啊，有人掉河里了", "快来人管管吧，垃圾堆了一个月了"),
    # Cantonese: fallen and cannot get up
    ("我奶奶在厨房跌低咗，起唔到身", "我奶奶上个月跌低咗，起唔到身，而家好返了"),
    # a hand stuck to a live wire; drowsy and cannot be woken properly
    ("工人的手粘在电闸上了，下不来", "电闸上粘了一张封条"),
    ("我爸叫了半天都迷迷糊糊的，嘴里说胡话", "我爸前天发烧，叫他都迷迷糊糊的，现在好了"),
    # several people dizzy where there are fumes (not a canteen's food)
    ("宿舍里一股怪味，好几个人头晕想吐", "好几个人头疼想吐，可能是食堂的菜不干净"),
    # a cue word in an ordinary use: sleeping pills to sleep, a fire drill, a salesman following
    ("她把一整瓶安眠药吃了", "她说吃安眠药才睡得着"),
    ("消防演练刚结束，隔壁厨房着火了，火苗往外窜", "学校组织演练，模拟教学楼起火"),
    ("有个男的从公交站一直跟着我，我现在躲在奶茶店里", "那个推销员一直跟着我问要不要买保险"),
]


@pytest.mark.parametrize(("now", "look_alike"), PAIRS)
def test_present_without_the_usual_cue(now: str, look_alike: str) -> None:
    assert rules_danger(now) == "present"
    assert rules_danger(look_alike) != "present"


def test_cry_naming_a_relative_is_asked_not_alarmed() -> None:
    # like 救命: asked about unless something urges; with 快 it is present
    assert rules_danger("救救我老公") == "uncertain"
    assert rules_danger("救救我老公，他倒在地上了，快来") == "present"
