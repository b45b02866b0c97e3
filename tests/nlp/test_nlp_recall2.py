"""Present emergencies in plain everyday wording, and each new cue's or cancel's look-alike (recall2 round).

A child searched for in vain or not at the school gate; despair said, then silence; someone who does not
wake however shaken, no pulse felt; water in the home and someone who cannot get out; a family shut in;
a robber who dragged the victim; a child found again, a gas smell already checked, a child repeating
television. Every sentence was written for this test; none is in a data file.
"""

from __future__ import annotations

import pytest
from nlp_rules import rules_danger

# (happening now, the look-alike that must not be a present danger)
PAIRS = [
    # a child searched for in vain (not a job it cannot find, not found again)
    ("我女儿六岁，傍晚在楼下玩，一直找不到她，邻居都说没见着", "我女儿毕业一年了，一直找不到工作"),
    ("孙子九岁，午饭后出去玩，到现在都找不着人", "孙子九岁，午饭后出去玩找不着人，原来在隔壁打游戏"),
    # not at the school gate, the teacher says it left alone
    ("儿子十岁，放学后没在门口等我，老师说他早就走了", "儿子十岁，放学后在门口等我，老师说他表现很好"),
    # despair, then silence (not a shop that cannot go on, its owner out of reach)
    ("我表妹发消息说活不下去了，现在手机一直关机", "店里生意撑不下去了，老板电话一直关机"),
    # not waking however shaken; no pulse felt
    ("我爸躺在沙发上，怎么叫都不醒，呼吸很弱", "我爸午睡时怎么叫都不醒，睡得太沉，后来自己醒了"),
    ("路边有个阿姨倒下了，摸不到脉搏", "体检的时候护士说我脉搏有点快"),
    # water in the home and someone who cannot get out (not last year's flood)
    ("地下室进水了，我爷爷在里面出不来", "前年地下室进水，我爷爷困在里面出不来，后来装了排水泵"),
    # a family shut in (not a lock fixed already)
    ("全家被锁在屋里了，门打不开，宝宝一直在哭", "上个月全家被锁在屋里，开锁师傅来了半小时，想问锁坏了物业管不管"),
    # a small child no longer seen (not someone seen to come back)
    ("朵朵三岁，我在门口收个快递，回头就没看见人了", "朵朵三岁，我在门口收个快递，回头就没看见人了，原来在沙发后面躲着"),
    # choking and unable to speak (not choking last time, settled)
    ("我儿子吃果冻噎住了，脸都紫了，说不出话", "去年我儿子吃果冻噎住了，说不出话，后来拍背吐出来了"),
    # a lift holding people a long while (not one that let them out)
    ("3栋电梯坏了，里面有个孕妇，关了快四十分钟了", "3栋电梯坏了，里面有个孕妇，关了快四十分钟，刚才物业来放出来了"),
    # despair, then settled and calm
    ("我哥刚才说不想活了，现在电话打不通", "我哥刚才说不想活了，现在已经好了，我们聊开了"),
    # a last word, then silence (not a wish to leave a job)
    ("我弟出门前说这回让你们再也见不到我，到现在手机关机", "我弟说辞职后你们再也见不到我加班了，他现在很开心"),
    # a lift stuck between floors with people inside (not last time)
    ("电梯停在5楼和6楼之间，我妈和我儿子在里面", "上次电梯停在5楼和6楼之间，我妈在里面，想问维保记录"),
    # people on a roof above flood water (not a roof being mended)
    ("洪水把一楼淹了，张大爷一家还在屋顶上等人救", "洪水退了以后，张大爷一家还在屋顶上修瓦"),
    # a fire that has broken out and crackles (not a temper)
    ("楼道电表那冒火了，噼里啪啦的响", "他一听这话就冒火了，跟我吵了一架"),
    # held by a group and not let go (not salesmen with a form)
    ("被一帮醉汉围着不让我走，有人在扯我衣服", "商场门口被一群推销的围着不让走，非要我填问卷"),
    # English: a man on the ground being kicked (not a football match)
    ("two guys keep kicking him while he's on the ground outside the shop", "the kids keep kicking the ball against our wall every evening"),
    # a rumour denied
    ("小区门口有人把一个小孩抱走了，孩子一直在哭喊", "群里有人说小区门口有小孩被抱走了，我问了保安根本没这回事"),
    # a child described by what it carries, then lost (not a schoolbag lost)
    ("找一个五岁的小女孩，粉色水杯，扎两个辫子，在菜市场走丢的", "我女儿五岁，今天在幼儿园，水杯走丢了找不到"),
    # fallen into water, English (not a phone, not last summer)
    ("my little brother fell into the pond and can't get out", "my phone fell into the pond yesterday, can the estate drain it"),
    # a lift with someone inside who cannot get out (not one who let herself out)
    ("电梯停了，我妈在里面出不来，她有高血压", "电梯停了一会，我妈自己按了开门键出来了"),
    # a wide burn (not a small blister)
    ("我妈被开水烫到了，整条腿都起水泡了", "上个月我手被烫了一下，起了个小泡，早好了"),
    # a building that shakes, a floor cracked open (not a wall with a hairline crack last year)
    ("楼上在砸墙，我们家楼板裂开了，整栋楼在晃", "去年楼上装修，说楼板裂了一点，后来修补好了"),
    # not waking, lips blue (English; not someone who slept late last week)
    ("my dad won't wake up and his lips are turning blue", "my teenage son sleeps so late, last week he never woke up before noon"),
    # a cry for help that was children playing, a gas smell that was the drains, a fight taken to the station
    ("楼上有人在喊救命，一直在哭，敲门没人开", "楼上有人在喊救命，我上去看了，是两个小孩在玩游戏"),
    ("我家一股煤气味，越来越浓，头有点晕", "我家一股煤气味，燃气公司已经来查过了，说是下水道的味"),
    ("我老公在楼下跟人打架，对方拿了砖头", "我老公刚才跟人打架，现在两个人都被警察带走了"),
    # an appliance on fire (not a temper)
    ("厨房的燃气热水器冒火了，我不敢过去关", "我爸一听说涨价就冒火了，骂了半天"),
    # a child the friend's family has not seen, its watch unreachable (not a watch that needs charging)
    ("朵朵八岁，说去同学家写作业，同学妈妈说没来过", "朵朵八岁，电话手表经常打不通，是不是该换了"),
    # a farewell to the world (not a song title)
    ("群里有个男生刚发了一句再见了这个世界，然后就不说话了", "昨晚听了一首歌叫再见了世界，挺好听的，就是楼下放得太大声"),
    # only moaning when called (not a grandfather humming)
    ("我奶奶摔在厨房地上，喊她她只会哼", "我爷爷喝完酒就哼小曲，声音太大吵到邻居"),
    # something swallowed, a dozen pills (not a battery changed, not a dozen pills a week)
    ("我儿子把一块磁铁吞下去了，现在在哭", "孩子玩具的纽扣电池没电了，哪里能换"),
    ("我爸糊涂了，一下吃了二十多片安眠药", "我爸每周要吃二十多片降压药，医保能报吗"),
    # a stranger pulling a child away (not an aunt holding a hand)
    ("有个陌生男的在超市门口拽着我儿子的手要带走", "幼儿园老师拉着孩子的手要带他去洗手"),
    # English: a reaction that stops the breath, a child grabbed
    ("my daughter ate a peanut and now she can't breathe", "I can't breathe in this flat because of the neighbours' smoking, can you do something"),
    ("a man grabbed a little boy outside the school gate and put him in a van", "the video shows how a man grabbed a little boy's ball in the park"),
    # fire out of a window (not a stove lit for dinner)
    ("3楼的窗户往外冒火，里面有人在喊", "楼下烧烤摊的炭炉往外冒烟，每天晚上都这样"),
    # flood water and people not yet out (not a drill)
    ("洪水冲下来了，河边那几户老人还没撤出来", "上个月防汛演练，河边那几户老人撤得很快"),
    # gas poisoning behind a door nobody opens (not a talk about it)
    ("隔壁好像煤气中毒了，敲门没人开，屋里一股味", "社区在讲冬天怎么预防煤气中毒，大家都去听听"),
    # gone in the blink of an eye (not a holiday that passed)
    ("孙子三岁，在广场上玩，一晃眼就不见了", "孙子三岁了，暑假一晃眼就没了，该上幼儿园了"),
    # a fire growing (not a business); water to the waist at home (not a fishing trip)
    ("车棚那边着火了，火越烧越旺", "他家的生意越做越旺，火得很"),
    ("我家一楼水已经没过腰了，我爸腿脚不好", "我们下河摸鱼，水到腰了，可好玩了，就是想问那条河让不让下"),
    # a crane fallen on a shed with people inside (not an empty one last year)
    ("大风把广告牌刮倒了，砸到了板房，里面有人", "去年广告牌倒了砸到了板房，幸好里面没人"),
    # Cantonese choking (not a meal eaten fast)
    ("阿嫲食汤圆噎亲，面都紫咗，讲唔到嘢", "阿嫲话食汤圆要慢慢食，唔好噎亲"),
    # someone struggling in water (not a fish, not last summer)
    ("河里有个人在挣扎，一会儿沉下去一会儿冒出来", "前年夏天有个人在河里挣扎，后来被船夫救上来了"),
    # a robber who dragged the victim along
    ("有人抢我的包，把我拖了好几米，我手在流血", "去年有人抢我的包，拖了我好几米，案子到现在还没破"),
]


@pytest.mark.parametrize(("now", "look_alike"), PAIRS)
def test_plain_present_emergency(now: str, look_alike: str) -> None:
    assert rules_danger(now) == "present"
    assert rules_danger(look_alike) != "present"


def test_gas_smell_checked_already_is_settled() -> None:
    assert rules_danger("厨房煤气味很大，刚才师傅来了已经检查完关好了，想问收费标准") != "present"
    assert rules_danger("厨房煤气味很大，越来越浓，阀门关不上") == "present"


def test_child_repeating_television_is_no_threat() -> None:
    assert rules_danger("女儿看了动画后说坏人要杀她，晚上不敢一个人睡") != "present"
    assert rules_danger("我在看电视，门外有个男的在喊要杀了她，还在砸门") == "present"


def test_men_called_in_over_a_bill_are_a_dispute_not_a_group_holding_someone() -> None:
    assert rules_danger("吃完饭老板嫌我们给少了，叫来几个人围着我们不让走") != "present"
    assert rules_danger("在酒吧门口被几个喝醉的男的围着不让我们走，有人在推我朋友") == "present"


def test_talk_in_sleep_and_words_said_lightly_are_not_a_danger() -> None:
    assert rules_danger("孩子睡着了说梦话喊救命，是不是白天吓着了") != "present"
    assert rules_danger("孩子在房间里喊救命，门反锁了，里面有烟") == "present"
    assert rules_danger("我弟老说活着没意思，他就是考试没考好才这么说的") != "present"
    assert rules_danger("我弟说活着没意思，刚发了遗书，电话关机了") == "present"


def test_a_reason_found_out_later_and_nobody_hurt_settle_it() -> None:
    assert rules_danger("同学说她想死，后来才知道是因为手机被没收了，闹着玩的") != "present"
    assert rules_danger("同学说她想死，刚才一个人往天台去了") == "present"
    assert rules_danger("孩子在学校跟人打架了，班主任说两个人都没事") != "present"
    assert rules_danger("孩子在学校跟人打架了，被打得头破血流") == "present"
