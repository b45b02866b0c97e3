"""Everyday messages that name a danger only in passing (false3 round, nlp/data/ordinary_probe.jsonl).

Each pair: an ordinary message whose danger word is background (a report doubted, an old matter, a
worry) and a present twin in the same surroundings, which must stay a present danger. Sentences are
written for these tests, not taken from any data file.
"""

from __future__ import annotations

import pytest
from nlp_rules import rules_danger

from nlp import classify, urgency
from nlp.segment import normalize

# (look-alike: no present danger by the rules, present twin: present danger by the rules)
PAIRS = [
    # a report doubted: someone says they heard or saw it, the writer thinks they got it wrong
    ("对门阿姨说她夜里听到我家有人打架，我家就我一个人住，我估计她听错了", "对门阿姨说听到我家有人打架，我回家一看，我哥正在打我爸"),
    ("保安说看到我家阳台冒烟，我怀疑他看错了楼，我家根本没人", "保安说看到我家阳台冒烟，我没看错，现在烟越来越大"),
    # a smell the gas company measured and found normal (the smell after a check is still a leak)
    ("卫生间总有点煤气味，燃气公司上门检测了说是正常的，可能是下水道的味", "燃气公司上周检测过说是正常的，可是现在厨房煤气味特别重，我妈头晕"),
    # a bank that gave way in an earlier flood; a breach feared
    ("村头那段河堤前年冲垮过，修得马马虎虎，要是决堤了怎么办", "村头的河堤刚决口了，水正往村里灌，还有老人没撤出来"),
    # someone came, looked and named a harmless cause of the smell
    ("走廊里有股焦糊味，保安上来查过了说是对门煮粥烧糊了，我还是想请电工看看线路", "走廊里有股焦糊味，保安查过说是对门煮粥烧糊了，可是现在电表箱在冒烟"),
    # someone fetched to fix a thing, not to deal with a person
    ("卫生间瓷砖掉了好几块，物业说过几天找人来弄，一个月了也没来", "他说再来闹就找人来弄你，现在就带了几个人堵在我家门口"),
    # a rescuer who jumped in and brought the child out, told after
    ("池塘边没有护栏，前年有个孩子滑进去，幸好路过的大哥跳下去救上来了，希望装个栏杆", "小孩滑进池塘了，有人跳下去救，两个人现在都在水里扑腾"),
    # a small child who bites at play; a dog biting a child
    ("托儿所说我们家两岁的宝宝咬人，让我们接回家反省，小孩子抢东西咬一口也正常吧", "楼下的大狗咬人了，咬住孩子的腿不松口"),
    # a lift out of order keeps an elder upstairs (Cantonese); a fire that does
    ("𨋢坏咗成个礼拜，我阿嫲住九楼落唔到楼买餸，物业都唔理", "楼下着火，我哋困喺九楼落唔到楼"),
    # the one who hit, named as a person in a claim; the same people back and at it
    ("表哥在饭馆被人打了，眉骨缝了四针，打人的家属想赔钱了事，我们想走法律程序", "打人的那伙人又回来了，拿着棍子在饭馆门口砸车"),
    # a collapse the hospital diagnosed, told in a claim for overtime pay; a collapse now
    ("车间里连着加班半个月，一个姐妹干活时晕倒了，送到医院说是贫血，想问工时怎么算", "车间里有个姐妹干活时晕倒了，现在还没醒，嘴唇发紫"),
    # a bump and a small sum offered; the same toy and a child knocked out now
    ("儿子在广场被别人家的无人机砸到了额头，起了个包，对方说赔两百块，我想要个道歉", "别人家的无人机刚砸到我儿子的额头，他现在昏过去了叫不醒"),
    # a question about the ambulance service; a call for one
    ("问一下，如果我爸半夜在家心口疼，打120一般多久能到，我们住得偏", "我爸在家心口疼得直冒冷汗，嘴唇发紫，快打120"),
    # a fight parted by someone, told after; parted and started again
    ("刚在超市门口看到两个大妈为了排队打起来了，后来被保安拉开了，超市该多开几个收银台",
     "超市门口两个人打起来了，被保安拉开了，可是现在又打起来了，有人拿了刀"),
    # 前两天 is two days ago; a collapse caught in time, told after
    ("我同事前两天开会开着开着晕过去了，幸亏旁边的人及时发现，公司说体检不报销", "我同事刚才开会开着开着晕过去了，现在叫不醒，嘴唇发紫"),
    # a judgment asked of what an official or a teacher did, told after; the same scene now
    ("摆摊的大爷被城管推了一下，倒在地上哭了半天，好多人在拍，城管这样执法合理吗", "摆摊的大爷被城管推倒了，倒在地上起不来，头在流血，快来"),
    # a faint that passed (缓过来了); a faint that has not
    ("女儿体育课跑完八百米晕了过去，校医给她喝了葡萄糖就缓过来了，这样安排体测对吗", "女儿体育课跑完八百米晕了过去，现在还没醒过来，校医在按人中"),
    # a near miss inside a long cue; the same knocked down
    ("广场上有人骑滑板车横冲直撞，我外婆差点被撞倒，家长还说我们大惊小怪", "广场上有人骑滑板车横冲直撞，把我外婆撞倒了，她现在起不来"),
    # a grazed knee at a playground; a head cut open
    ("游乐场的地垫都烂了，孩子们从攀爬架上跳下来，膝盖都磕破了好几回，请物业换新的", "孩子从攀爬架上摔下来，头磕破了，血流不止"),
    # a street knock told with a small sum and an x-ray after; the same knock now
    ("骑车的人冲上人行道撞了我的脚，赔了三百就走了，后来拍片说是骨裂", "骑车的人冲上人行道把我的脚轧了，骨头都露出来了，流了好多血"),
    # a stray dog that chases people barking; one that bites a child
    ("废厂房里的流浪狗晚上会追着人叫我家孩子，把他吓哭了，想问归哪个部门管", "一条流浪狗追着我家孩子咬，孩子腿上全是血"),
    # a fit at nursery that passed after cooling; a fit now
    ("托班老师说儿子午睡时发烧抽搐了一下，冰敷降温后就好了，让我早点去接", "儿子在托班发烧抽搐，现在还在抽，叫不醒"),
    # a man inside at his cigarette; a man inside a fire
    ("隔壁的废品站堆满了纸壳，老板还在里面抽烟，这一排都是木板房", "隔壁的废品站着火了，老板还在里面，门口全是烟"),
    # a drunk snoring in the grass; a man down and bleeding
    ("早上看见一个人躺在花坛边上，走近一看是喝多了在打呼噜，保安把他扶走了，物业该不该管", "花坛边上有个人倒着，叫不醒，满脸是血"),
    # a smell that "could knock one out"; someone knocked out by fumes
    ("菜市场的公厕没人打扫，臭得能把人熏晕过去，请安排保洁", "菜市场公厕里有个人被熏晕过去了，倒在地上叫不醒"),
    # a fall from a swing seen at the hospital; the same fall and a child who will not wake
    ("滑梯扶手断了，女儿从上面摔下来磕到了头，起了个大包，医院查了说没事，物业要不要负责", "滑梯扶手断了，女儿从上面摔下来磕到了头，现在叫不醒，吐了两次"),
    # a river bank dug away with nobody under it; the same bank fallen on a child
    ("挖沙的把河岸挖塌了，我家的地也跟着塌下去一块，他们说是河水冲的", "挖沙的地方河岸塌了，下面压着一个小孩"),
    # a shop that says the smoke is normal; the same car on fire
    ("新买的车排气管冒黑烟，4S店说是正常现象，我想退车", "新买的车排气管冒黑烟，4S店说是正常的，可现在车头着火了"),
    # a fight relayed by a neighbour, the father asked says he is fine; a fight now
    ("老家的人跟我妈说我爸跟人打架了，我打电话问我爸他说没事，还是不放心", "我爸在村口跟人打架，现在还在打，头上都是血"),
    # trash burnt on purpose, in English; the same fire out of control
    ("The people behind us are burning garbage in a barrel every evening and the smoke stinks",
     "Someone is burning garbage behind the building and it is out of control, flames are near the cars"),
]


def test_a_saying_of_a_relative_is_asked_about_not_alarmed() -> None:
    assert rules_danger("我外婆老念叨她活够了不想连累儿女，其实身体挺硬朗，就是寂寞") == "uncertain"
    assert rules_danger("我外婆老念叨她活够了，刚才喝了半瓶农药，现在叫不醒") == "present"


def test_a_scald_as_it_happens_is_present_one_told_after_is_not() -> None:
    assert rules_danger("水壶倒了，开水浇了我女儿一身，她疼得打滚，皮都起泡了") == "present"
    assert rules_danger("去年女儿被开水烫过，皮都起泡了，早就好了，想问这个牌子的水壶能不能投诉") == "none"


def test_a_routine_asked_whether_to_step_in_is_asked_not_alarmed() -> None:
    # no cue of the rules here: the model alone would raise it, and a routine with a question is asked
    routine = "对门的小姑娘天天放学一个人在家，爸妈半夜才回，我常听到她在屋里哭，要不要跟社区说一声"
    result = classify(routine)
    assert result.urgency != "emergency"
    assert classify("对门的小姑娘一个人在家，刚才屋里着火了，她在窗口哭喊").urgency == "emergency"


def test_a_worry_of_self_harm_is_asked_about() -> None:
    assert rules_danger("我爸生意赔光了，整夜睡不着，我们怕他想不开，社区有没有心理疏导") == "uncertain"
    assert rules_danger("我们怕他想不开，他现在站在天台边上，电话也不接") == "present"


def test_still_there_yesterday_is_not_now() -> None:
    # a man who follows the writer every day and was still at the gate yesterday: asked, not alarmed
    assert rules_danger("有个男的每天下班都跟着我，快一个月了，昨天还在我单元门口等着，我该怎么办") != "present"
    assert rules_danger("有个男的每天下班都跟着我，昨天还在我单元门口，现在他又跟着我进了电梯") == "present"
    assert rules_danger("A man has been following me home for the last few nights, what should I do") != "present"


def test_a_quoted_threat_split_by_its_comma_is_asked_about() -> None:
    assert rules_danger('我叔跟我说"你敢跟我分宅基地，我就弄死你"，这是过年吵架时说的，他现在在外地打工') == "uncertain"
    assert rules_danger('我叔在门口喊"你敢分宅基地，我就弄死你"，正在踹门') == "present"


def test_a_warning_forwarded_in_a_group_is_not_alarmed() -> None:
    assert rules_danger("小区群里有人转发说附近有人撬门入室，提醒大家锁好门，我们单元的门锁什么时候换") != "present"
    assert rules_danger("我们单元刚才有人在撬门入室，我听到声音了，人还在三楼") == "present"


def test_again_right_after_a_past_word_tells_that_past_occasion() -> None:
    assert rules_danger("上个月他又上门要钱，临走推了我一把，我摔倒在地上，扭了腰，想问社区能不能管") == "none"
    assert rules_danger("上个月他来过一次，今天他又来了，把我推倒在地上，我起不来") == "present"


def test_what_a_man_says_or_does_when_drunk_or_angry_is_asked_about() -> None:
    assert rules_danger("他工资半年没发，天天喝闷酒，喝多了就说不如死了算了，第二天照常上班") == "uncertain"
    assert rules_danger("他喝多了就说不如死了算了，刚才吞了一整瓶安眠药，现在叫不醒") == "present"
    assert rules_danger("我爸妈吵架的时候我爸会摔东西，我妈就打电话给我哭") == "uncertain"
    assert rules_danger("我爸妈在吵架，我爸正在摔东西，还拿着刀") == "present"


def test_a_schoolmate_hurt_just_now_told_by_a_child_stays_present() -> None:
    assert rules_danger("儿子跟我说他同学刚才在厕所割腕了，血流了一地") == "present"


def test_a_state_of_things_asked_whether_to_step_in_is_asked() -> None:
    assert rules_danger("对门老奶奶的儿子平时把她锁在家里，白天能听到她在屋里喊，我们要不要报警") == "uncertain"
    assert rules_danger("对门老奶奶被她儿子锁在家里，刚才屋里着火了，她在喊救命") == "present"


def test_a_follower_who_has_come_in_is_present_one_told_after_is_not() -> None:
    assert rules_danger("那个一路跟着我的男的跟进了我们单元，在我家门口敲门，我一个人在家") == "present"
    assert rules_danger("上个月有人跟进了我们楼偷东西，想问门禁什么时候修好") == "none"


def test_swelling_left_by_a_beating_is_asked_about_a_beating_now_is_present() -> None:
    assert rules_danger("补习班老师用戒尺打我女儿手心打到肿，其他家长说他们孩子也挨过") == "uncertain"
    assert rules_danger("补习班老师用戒尺打我女儿手心打到肿，现在还在打") == "present"

# A child passing on a schoolmate's words is asked about, not alarmed; the same words with the
# schoolmate at an edge now stay a present danger.
def test_a_schoolmates_words_passed_on_by_a_child_are_asked_about() -> None:
    assert rules_danger("儿子回家跟我说他同学说活着没意思不想活了，我要不要跟班主任讲") == "uncertain"
    assert rules_danger("儿子刚跟我说他同学站在教学楼顶边上说不想活了，老师还不知道") == "present"

# Said on the way to a settled matter: "现在我们在谈离婚协议" is where the writer is, not the threat's author.
SAID_THEN_SETTLED = "吵架时他说过分手就同归于尽，第二天就认错了，现在我们在商量怎么分房子"


def test_a_threat_said_before_a_settled_matter_is_not_alarmed() -> None:
    assert rules_danger(SAID_THEN_SETTLED) != "present"
    assert rules_danger("吵架时他说要跟我同归于尽，现在他在我家楼下转来转去") == "present"
    assert rules_danger("他说要杀了我，现在我在家，他在外面") == "present"


def test_choking_at_a_meal_is_a_present_danger_a_tendency_is_not() -> None:
    assert rules_danger("我外公喝汤的时候被呛住了，脸憋得发紫，喘不上气") == "present"
    assert rules_danger("我外公吃东西的时候容易被呛住，想问怎么预防") == "none"


@pytest.mark.parametrize(("look_alike", "present"), PAIRS)
def test_background_is_no_present_danger_and_its_twin_is(look_alike: str, present: str) -> None:
    assert rules_danger(look_alike) == "none"
    assert rules_danger(present) == "present"


def test_cantonese_that_time_reads_as_past_after_normalisation() -> None:
    # 嗰 becomes 𠮶 in normalisation; the past words must be written the way the rules see them
    assert urgency._PAST.search(normalize("嗰阵")) is not None
    assert urgency._PAST.search(normalize("嗰次")) is not None
