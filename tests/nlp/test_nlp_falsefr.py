"""Danger words in passing, second round (falsefr round, nlp/data/ordinary_probe2.jsonl).

Each pair: an ordinary message that names a danger word in passing (a question about the law, a legal
term, a product claimed from the shop, animals killed, a story that went round online, a scene filmed
for a camera, an advert's figure of speech) and a present twin in the same surroundings, which must stay
a present danger. Sentences are written for these tests, not taken from any data file.
"""

from __future__ import annotations

import pytest
from nlp_rules import rules_danger

from nlp import classify

# (look-alike: no present danger by the rules, present twin: present danger by the rules)
PAIRS = [
    # a question about the law; the same question asked while it happens
    ("想了解一下，邻居把我儿子推下台阶摔伤了，他家要承担什么责任，能起诉吗",
     "邻居正在打我儿子，把他推下台阶，头都磕破了在流血，快来"),
    # a legal term, even with 现在 in the clause; an attack named with 现在
    ("我现在离婚还能以家暴为由要求孩子的抚养权吗，我手上只有验伤单",
     "他现在在家暴我，掐着我脖子，我躲不开"),
    ("请问放火罪一般怎么判？村里有人烧了别人的草垛", "有人在村里放火，草垛已经烧起来了，火正往房子那边蔓延"),
    # a product bought and failed, claimed from the seller; the same product on fire now
    ("在商场买的电暖气用了三天电线就烧焦了，我拔了插头，商场让我找厂家",
     "在商场买的电暖气刚才起火了，火已经烧到床上，屋里全是烟"),
    ("网购的折叠床睡了一周就塌了，卖家说只能换货不退款", "折叠床塌了，下面压着我女儿，她现在喊不出声"),
    # animals killed, not people; a person electrocuted by the same net
    ("有人在水库里电鱼，电死了一大片鲢鱼，承包户损失不小", "有人在水库里电鱼，刚才我爸下水捞网被电倒了，现在没反应"),
    ("我家鸽子被人用气枪打死了两只，邻居说不是他干的", "邻居拿着气枪对着我家窗户打，我儿子被打中了眼睛，血止不住"),
    # a story that went round online, refuted or far away; the same story that turns out to be here now
    ("业主群里都在传南门有人持刀伤人，后来派出所辟谣了，说是外地的视频",
     "业主群里在传南门有人持刀伤人，我下楼一看是真的，那个人现在还在南门"),
    ("看到网上说有个城市的商场电梯吃人了，想问我们小区的电梯多久检修一次",
     "小区电梯的扶梯把一个小孩的脚卷进去了，现在还卡着，孩子在哭"),
    # a scene staged for a camera; the same crowd where it turns real
    ("楼下有人拍短视频，演持刀抢劫的戏，吓到了路过的老人，能不能管管",
     "楼下有人说是拍短视频，可是刚才真的有人被刀捅了，躺在地上流血"),
    # figures of speech in adverts; a real explosion
    ("那家店的横幅写着辣到爆炸，其实一点也不辣，还收了包间费", "那家店的后厨刚才爆炸了，玻璃都震碎了，有人被埋在里面"),
    # ordinary uses: a cooker's air, a bed jumped from, a window hit
    ("新买的高压锅用了两次就漏气，盖子边上一直嗤嗤响，售后说要寄回去", "厨房煤气罐漏气了，嗤嗤响，满屋子都是味"),
    ("孩子在幼儿园从床上往下跳，扭了脚踝，老师说没看住", "孩子站在十楼窗台上说要往下跳，我拉不住他"),
    ("楼上的孩子用弹弓打我家窗户玻璃，打出了一道裂纹，家长不肯赔", "楼上的人拿着棍子冲进来打我，我头破了"),
    # a prop on a film set; a real knife where the filming was
    ("剧组在街上拍武侠片，演员拿着道具刀对砍，围了一圈人，车都过不去", "剧组在街上拍戏，突然有个路人冲进去拿真刀砍人，已经砍倒一个了"),
    # whether it can still be reported, asked later; the same brick now
    ("被人拿砖头砸了车窗，当时没报案，现在过了一个月还能立案吗", "有人正在拿砖头砸我的车窗，人还在车旁边"),
    # a licence in a job advert; a gun at the gate
    ("保安公司招人，有持枪证的优先，待遇面议", "有个男的持枪站在小区门口，保安正在跟他对峙"),
    # a sketch acted at a party; a real knife at the party
    ("年会上我们部门演一个绑架人质的小品，我演人质，同事说我演得太假", "年会上有个喝醉的同事突然拿刀挟持了一个女同事，现在还在会议室里"),
    # a toy gun; a real one
    ("孩子拿着玩具枪在楼道里冲人比划，邻居说吓到她了", "有个男的拿着枪在楼道里冲人比划，现在还在三楼"),
    # a video posted in a group, found to be nothing; found to be real
    ("群里有人发了个视频说超市门口有人打架，我刚路过什么事都没有", "群里有人发视频说超市门口有人打架，我过去一看，现在还在打，有人拿了砖头"),
    # nobody there when it burned; someone there
    ("充电器插座烧焦了一块，幸好当时没人在家，想问物业线路谁来查", "充电器插座烧起来了，火已经烧到窗帘，我奶奶还在屋里"),
]


@pytest.mark.parametrize(("look_alike", "present"), PAIRS)
def test_a_word_in_passing_is_no_present_danger_and_its_twin_is(look_alike: str, present: str) -> None:
    assert rules_danger(look_alike) == "none"
    assert rules_danger(present) == "present"


def test_a_threat_on_a_condition_with_someone_fetched_is_asked_about() -> None:
    assert rules_danger("包工头说我们再去劳动局就叫人打我们，他人在外地，我们想问仲裁怎么申请") == "uncertain"
    assert rules_danger("包工头说再去劳动局就叫人打我们，现在真的带了人在工棚门口打我们") == "present"
    assert rules_danger("借钱的老板说你再来催我就从楼上跳下去，他欠了我三万块") == "uncertain"
    assert rules_danger("借钱的老板说再催就从楼上跳下去，他现在已经站在楼顶边上了") == "present"


def test_a_farewell_posted_online_is_not_a_story_retold() -> None:
    # a post of one's own is a farewell, not something that went round
    assert rules_danger("我姐刚才发了条朋友圈说对不起所有人，然后电话就关机了，她说过不想活了") != "none"


def test_a_person_named_by_an_activity_with_animals_is_no_animal() -> None:
    assert rules_danger("河边的高压线电死了一个钓鱼的人，现在还躺在那里") == "present"


def test_the_first_time_and_already_is_told_after() -> None:
    assert rules_danger("孩子第一次去游泳馆就呛水了，教练没看住，我想退剩下的课") == "none"
    assert rules_danger("孩子在游泳馆呛水了，现在没有呼吸，教练在按压") == "present"


def test_a_law_question_end_to_end_is_not_an_emergency_and_its_twin_is() -> None:
    assert classify("请问醉酒后推人的法律责任是什么？我舅舅喝多了把人推倒了，对方要告他").urgency != "emergency"
    assert classify("我舅舅喝多了，现在正在把人往地上推，还拿着酒瓶砸人头").urgency == "emergency"


def test_nobody_there_told_after_is_no_danger_and_someone_there_is() -> None:
    assert rules_danger("卫生间的排气扇烧焦了，好在那会儿屋里没人，物业说是线路老化，我想问谁来换") == "none"
    assert rules_danger("卫生间的排气扇烧起来了，屋里还有人，烟很大，快来") == "present"


def test_a_law_question_with_nothing_dated_is_asked_by_the_rules_and_not_alarmed() -> None:
    # nothing dates or settles the deed, so the rules ask; the whole pipeline does not alarm
    question = "打群架和寻衅滋事怎么区分？我侄子跟人打架，对方说要告他"
    assert rules_danger(question) == "uncertain"
    assert classify(question).urgency != "emergency"
    assert rules_danger("我侄子跟人打架，对方现在拿着砍刀追着他，就在网吧门口") == "present"
    assert classify("请问防卫过当怎么认定？比如小偷翻进院子，我用铁锹把他拍伤了，要负责任吗").urgency != "emergency"
    assert rules_danger("他拿刀砍我，能起诉吗") == "uncertain"
    assert rules_danger("请问防卫过当怎么认定？现在有个人拿着刀翻进我家院子了") == "present"
