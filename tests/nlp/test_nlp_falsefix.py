"""Frames that are no incident (falsefix round, nlp/data/redteam_false2.jsonl and the training corpus).

Each pair: an ordinary message naming a danger inside a frame that is not an incident happening now
(a safety lesson or drill, a question of how to react, a scammer's story, a claim for damage after the
fact, a medical history, a word written or learned, a game or a book, a month of this year, a narrated
occasion, a thing fallen with nobody under it, stored fuel, a missing knife, a stay in care, a habit of
drinking) and a present twin in the same surroundings, which must stay a present danger. Sentences are
written for these tests, not taken from any data file.
"""

from __future__ import annotations

import pytest
from nlp_rules import rules_danger

from nlp import classify

# (look-alike: no present danger by the rules, present twin: present danger by the rules)
PAIRS = [
    # a lesson, a drill, a demonstration, how to react
    ("消防员来小区演示怎么扑灭煤气罐起火，讲得很好，希望多办几次", "演示刚结束，现在隔壁楼真的起火了，烟很大，快来"),
    ("遇到有人拿刀抢东西是跑还是报警，想给女儿讲一讲", "刚才遇到有人拿刀抢东西，他现在还在追我"),
    ("老人被鱼刺卡在喉咙里了该怎么处理，想学一下", "我爸被鱼刺卡在喉咙里了，喘不上气，快叫救护车"),
    ("孩子安全课上学了遇到火灾要喊救命再往外跑，回家教了我一遍", "楼下着火了，我们在喊救命，楼梯全是烟"),
    # a scammer's story
    ("有人打电话说我老公开车撞了人被扣在派出所，要我赶紧转钱，我老公就在旁边，这是骗子吧",
     "我老公刚才开车撞了人，被对方一伙人围住在打，快来"),
    ("诈骗分子会说你家孩子被人绑架了，叫你马上汇款，大家千万别信", "我女儿刚被两个男的拖进一辆面包车里，车往北开了"),
    # a claim after the fact
    ("楼上厨房起火把我家阳台熏黑了，火灾认定书也有了，损失找谁赔", "楼上厨房起火了，火都窜到我家阳台了，快派消防车"),
    ("隔壁小孩拿弹弓砸我家的窗户，玻璃碎了，家长不赔", "有人在砸我家的门，门快被砸开了，快来"),
    # a thing fallen with nobody under it, a collapse already treated
    ("工地的围墙倒塌了一段，砖头堆在路边，请尽快清走", "工地的围墙倒塌了，下面压着两个人"),
    ("吊顶塌了一块砸到我爸，头上缝了三针，物业说不归他们管", "吊顶塌下来砸到我爸，他躺着不动，快来"),
    # a medical history
    ("我奶奶有中风病史，想问社区能不能上门量血压", "我奶奶刚才突然嘴歪了，半边身子动不了"),
    # a word written or learned
    ("我家鹦鹉学会了说抢劫，客人一来就喊，挺尴尬的", "有人在店里抢劫，拿着刀，快来"),
    ("广告牌把失火写成了失伙，谁负责改一下", "仓库失火了，里面还有工人"),
    # a game or a book
    ("孩子天天玩打僵尸的游戏，耳机里老喊砍死它砍死它，怎么戒", "孩子在打游戏，突然听到隔壁有人砍人，一直在惨叫"),
    # a month of this year, a narrated occasion
    ("今年四月份我家楼道的电线冒烟烧焦过一次，想问物业后来换线了没有", "楼道的电线现在在冒烟，一股烧焦味"),
    ("我们找老板要了几次工钱，有一次他叫了几个人拿着棍子站在门口，我们就走了", "老板现在叫了几个人拿着棍子堵在门口，要打我们"),
    # things, not events
    ("小卖部门口堆了好几桶汽油，太危险了，请消防来查", "有个男的在楼道里浇汽油，还拿着打火机"),
    ("网购的刀具套装少了一把水果刀，客服不补", "有个男的拿着一把水果刀在超市门口追人"),
    ("网贷公司天天打我电话催款，能不能投诉", "他现在在打我，快来"),
    ("Our car park is a fire trap, please send someone to inspect it.", "There is a fire in the car park, smoke is pouring out right now"),
    # a stay in care, a past told in a long unpunctuated message
    ("上个月我爸在工地从脚手架上摔下来腿骨折了现在还在医院住着老板不给医药费", "我爸刚才从脚手架上摔下来了躺着不动快叫救护车"),
    ("我姨父脾气一直很差现在老了更凶上个月还把我姨推倒在地上手腕骨折了", "我姨父现在在家里把我姨推倒在地上还在踢她"),
    # a paper about a settled matter, animals fighting, a story written or a show heard, a row online
    ("调解协议里写着双方打架各付各的医药费，他现在反悔了", "签了协议也没用，他现在又冲进我家在打我老公"),
    ("两条狗在小区里打架，把我家的花盆撞碎了，狗主人不管", "两个男的在小区里打架，一个已经倒地不动了"),
    ("儿子写的小说里主角每章都要砍死几个坏人，老师说太暴力", "楼下有个男的拿刀在砍人，已经砍伤两个了"),
    ("奶奶天天看谍战剧，枪声开得震天响，邻居都来敲门了", "楼下刚才传来几声枪声，有人倒在地上"),
    ("业主群为了物业费吵炸了，什么时候开业主大会", "楼下配电箱炸了，在冒火"),
    # the smell a past fire left, the cause of a punishment
    ("楼下饭店上个月着过火，现在楼道里还有焦味，物业什么时候清理", "楼道里突然一股焦味，越来越浓，好像哪家着火了"),
    ("他因为打人被判了半年，现在出来了又住回我们楼，我有点怕", "他现在在楼下打人，打得那个人满脸是血"),
    # a story seen on TV, an animal that grabbed something, a vow in a stock group called a scam
    ("在电视上看到有人被困在电梯里一整夜，我们楼的警铃也坏了，能修吗", "我们被困在电梯里了，警铃也不响，快来人"),
    ("去动物园被猴子抢了眼镜，还抓破了手，园方说不负责", "有个男的抢了我的包，现在往地铁口跑了"),
    ("理财群里的大师说跟着他买亏了就跳楼，结果亏了三万，这是骗局吧", "我朋友在群里发了遗言，说现在就去跳楼，电话打不通"),
    # Cantonese: youth is the past ("后生嗰阵")
    ("阿爷话佢后生嗰阵遇过大火，而家好怕，想问社区派唔派灭火器", "阿爷屋企而家着咗火，佢仲喺入面"),
    # something that came to nothing
    ("早上送我妈去复诊被后面的车撞了，膝盖流血，幸好没什么大碍，司机不接电话了", "刚才被车撞了，腿一直在流血，动不了"),
]

# Present emergencies that merely mention a frame word: a course never taken, insurance, a drill, a history.
PRESENT_WITH_FRAME_WORDS = [
    "我爸晕倒了，叫不醒，之前一直想学急救都没学，怎么办",
    "家里着火了，保险也没买，烟已经进卧室了",
    "楼下有人拿刀砍人，我们上个月刚搞过安全演练，可没人敢上去",
    "隔壁两口子在打架，男的拿刀，女的满脸是血，损失以后再说",
    "我在看小说，突然闻到很浓的煤气味，整个楼道都是",
    "我家猫在叫，起来一看有个男的正在撬窗户",
    "诈骗犯把我妈骗到宾馆里关着不让走，现在还在里面",
    "工地围墙倒塌了，有工人被压在下面",
]


@pytest.mark.parametrize("text", PRESENT_WITH_FRAME_WORDS)
def test_a_frame_word_in_passing_does_not_cancel_a_present_danger(text: str) -> None:
    assert rules_danger(text) == "present"


def test_a_smell_of_burning_plastic_is_not_a_bonfire() -> None:
    # 烧塑料 is a nuisance lit on purpose, "一股烧塑料的味道" with thick smoke is a fire.
    assert rules_danger("有人在空地上烧塑料，浓烟呛得睁不开眼，请城管处理") == "none"
    assert rules_danger("楼下在冒浓烟，有一股烧塑料的味道，楼上还有人没下来") == "present"


# Asked about rather than alarmed: a habit of drinking, then breaking things.
HABIT_PAIRS = [
    ("老公喝了酒就摔东西，孩子都不敢回家，想找人调解", "老公喝了酒现在正在摔东西，还拿着刀"),
]


@pytest.mark.parametrize(("look_alike", "present"), PAIRS)
def test_frame_is_no_present_danger_and_its_twin_is(look_alike: str, present: str) -> None:
    assert rules_danger(look_alike) == "none"
    assert rules_danger(present) == "present"


@pytest.mark.parametrize(("habit", "present"), HABIT_PAIRS)
def test_drinking_habit_is_asked_and_its_twin_is_present(habit: str, present: str) -> None:
    assert rules_danger(habit) == "uncertain"
    assert rules_danger(present) == "present"


def test_threat_dealt_with_by_police_is_high_not_asked() -> None:
    # A threat to kill the police already dealt with: no question, still a serious (high) report.
    result = classify("前夫上个月发短信说要杀了我，派出所已经找他谈话警告过了，想问能不能申请保护令")
    assert result.danger == "none"
    assert result.urgency == "high"
    # ... but the same threat made again with its author at the door is still asked about or alarmed.
    assert classify("前夫说要杀了我，派出所警告过他，可他现在就堵在我家门口").urgency == "emergency"
    # ... and a fresh threat after the warning is asked about.
    assert rules_danger("前夫说过要杀了我，派出所警告过他，今天他又在微信上说要杀了我") == "uncertain"


def test_frames_are_not_emergencies_end_to_end() -> None:
    for look_alike, _ in PAIRS:
        assert classify(look_alike).urgency != "emergency", look_alike


def test_present_twins_are_emergencies_end_to_end() -> None:
    for _, present in PAIRS + HABIT_PAIRS:
        assert classify(present).urgency == "emergency", present
