"""Residents' long genres (false3 round, nlp/data/false_probe2.jsonl).

Each pair: an ordinary message whose danger word is background, a thing, a lesson or a figure (a stove lit, a
harmless cause named later, a shout at a boxing gym, a condition after 现在, last week's day, a month gone by,
a case document, an outcome, a hazard cordoned off, kinds of people, homework, a friend's own place, an incident
named as a noun, a plaster, a blow already treated, a show or a game named, a child's report at home, a
warning, a saying by habit, fear of blood, a sign's words, a year long gone, an English weekday gone by, unable
to hold a knife, a harmless thing named instead, a story that ends well, a repair log, a tally of past cases,
callers listed by kind, a photo of a weapon, crying faint) and a present twin in the same
surroundings, which must stay a present danger. Sentences are written for these tests, not taken from any
data file.
"""

from __future__ import annotations

import pytest
from nlp_rules import rules_danger

# (look-alike: not a present danger by the rules, present twin: a present danger by the rules)
PAIRS = [
    # lighting a stove; a stove whose flame set the hood on fire
    ("燃气灶老是打着火两秒就灭，想约师傅来看看", "燃气灶上的锅着火了，火窜到抽油烟机上了，快来人"),
    # a thing held down with a brick; a child pinned under a slab
    ("路边下水道的盖子松了，我用石头压住了，请市政来换", "路边的水泥板倒下来压住了一个小孩的腿，他在哭"),
    # a harmless cause named later; blood that is a person's
    ("楼道里有一摊血吓死人，问了楼下才知道是鸡血，杀鸡的时候洒的", "楼道里一摊血，顺着血迹上去，三楼的大爷倒在门口，头上还在流血"),
    # a shout in quotes at a boxing gym; a fight breaking out at the gym now
    ("楼下搏击馆的教练天天吼“打他！”，吵得孩子睡不着", "楼下搏击馆里两个学员真打起来了，一个拿哑铃砸对方的头，现在满脸是血"),
    # a sales patter in quotes; a shop owner on the roof now
    ("商场门口的喇叭一直喊“清仓甩卖，老板不想活了”，能不能管管噪音", "商场的老板欠了一屁股债，现在站在商场楼顶边上说不想活了"),
    # a condition right after 现在; a fire now
    ("楼道的灭火器被人拿走了，现在万一起火都没东西灭，请物业补上", "楼道里现在起火了，灭火器被人拿走了，火越来越大"),
    # last week's day; today
    ("上个星期三我爷爷在菜市场晕倒了，现在住院观察，想问医保怎么报", "我爷爷刚刚在菜市场晕倒了，叫他没反应"),
    # a month gone by of this year, in a complaint; a blow now
    ("我要投诉，2026年4月对门的人用拖把砸我，派出所调解了，可他一直不赔医药费", "对门的人正在拿拖把砸我，我躲在卧室里，快来"),
    # a document about a case; the same man at the door now
    ("补充说明：那天夜里有人从窗户翻进我家偷了钱包，派出所已经立案", "有人正从窗户翻进我家，我和孩子躲在卫生间里"),
    # an outcome: out of danger; still unconscious
    ("想表扬一下小区保安，上个月我妈在花园里晕倒，是他背去医院的，现在已经脱离危险", "我妈刚才在花园里晕倒了，一直叫不醒，保安在帮忙"),
    # rescued ashore; still in the water
    ("谢谢那位大哥，我儿子掉进鱼塘，是他跳下去把孩子救上岸的，想给他送面锦旗", "我儿子掉进鱼塘了，还在水里扑腾，岸上没人会游泳"),
    # a hazard cordoned off, with a request for later; the spill alight now
    ("小区门口一辆车漏汽油，保安已经拉了警戒线，请物业以后多巡查", "小区门口一辆车漏的汽油着火了，火正在往旁边的车上烧"),
    # kinds of people; a person now
    ("想办一个讲座，帮助有自杀想法的青少年，请问社区有场地吗", "我同学刚才发消息说想自杀，现在电话打不通"),
    # homework; a real fire
    ("孩子的作业是画一张着火时的逃生路线图，请问往楼上跑还是往楼下跑", "我们楼着火了，楼道全是烟，往楼上跑还是往楼下跑，快来救"),
    # a friend's own place; here
    ("我同事说他们小区有人从楼上扔酒瓶，这种情况能报警吗", "我们楼上现在有人一直往下扔酒瓶，砸到了一个路过的老人"),
    # an incident named as a noun; one happening now
    ("社区通知说最近发生了几起儿童溺水事件，请家长看好孩子", "小区池塘里有个儿童溺水了，人沉下去了，快来"),
    # a cut seen to with a plaster; bleeding that does not stop
    ("在理发店修眉毛被划出血了，店员给贴了个创可贴就不管了", "修眉毛的刀片划到了眼角，血一直往外冒，止不住"),
    # a shove already treated; a beating now
    ("超市保安把我推倒在地，手腕骨折做了手术，超市一直不赔", "超市保安正在打我爸，把他推倒在地上还在踢"),
    # a film named in book marks; a real attack now
    ("《夜巡》那集里有人拿刀捅人，拍得太真实了", "楼下有人拿刀捅人，人倒在地上，快叫救护车"),
    # a child's report at home; the child calling from school now
    ("女儿放学回家说体育老师拿跳绳抽了她们几个", "女儿刚打电话哭着说体育老师现在还在拿跳绳抽她们"),
    # a warning before the cue; a kettle on fire now
    ("停电前提醒大家注意别让电热毯烧着火", "电热毯着火了，被子都烧起来了"),
    # fear of blood; a real wound
    ("我儿子晕血，一看到流血就晕倒，体检要抽血怎么办", "我儿子手被玻璃割了一个大口子，流了很多血，人已经晕倒了"),
    # a sign's words in quotes; a fall into the water now
    ("水库边“严禁游泳，曾有人溺水”的牌子被风吹倒了，请扶起来", "水库边有人溺水了，刚刚还看到他在扑腾"),
    # a year long gone; buried now
    ("我奶奶说1954年发大水的时候她被困在房顶上两天，想把这段经历讲给社区的孩子们听", "我奶奶家房子塌了，她现在被困在房顶上，水还在涨"),
    # an English weekday gone by; a fire now
    ("The small fire in the bin room last Saturday was started by a cigarette, please put up a no-smoking sign",
     "There is a fire in the bin room right now and the smoke is going up the stairs"),
    # unable to hold a knife; holding one at someone
    ("我爸做了一辈子厨师，现在手抖得拿不稳刀了，想问问退休金怎么办", "我爸喝醉了拿着刀在客厅里追我妈，快来"),
    # a harmless thing named instead; the knife real
    ("群里说有人拿着刀在小区里追人，我问了保安，他拿的是雨伞，不是刀", "有人拿着刀在小区里追人，刀上有血，已经砍伤一个人了"),
    # a story that ends well (woke up, taken home), though someone acted at once; a collapse with no end yet
    ("表扬一下公交司机：早上车上一个阿姨突然晕倒，司机马上停车叫人，阿姨很快醒过来了，被家人接走了",
     "公交车上一个阿姨突然晕倒了，司机马上停车，阿姨一直醒不过来"),
    # a repair log that ends checked; a leak with the repairman not there yet
    ("维修记录：5栋住户报燃气表漏气，师傅关阀换了表，检测无泄漏后恢复供气", "5栋住户家燃气表在漏气，师傅还没到，屋里的人已经头晕了"),
    # a tally of past cases; one being swept away now
    ("这条河今年已经有三个人被冲走了，请在河边装护栏", "河里有个人被冲走了，现在还在水里挣扎，快来人"),
    # callers listed by kind; a caller who has taken pills now
    ("做热线志愿者一年了，电话里有想自杀的，有失恋的，有被家暴的", "热线刚接到一个电话，对方说他已经吞了一整瓶安眠药想自杀，现在说话含糊"),
    # a photo of a knife as a joke; a knife at a door now
    ("儿子同学在群里发了一张拿着刀的照片，说要去砍期末考试", "儿子同学拿着刀堵在我们家门口，说要砍我儿子"),
    # crying faint as a figure; fainting now
    ("这价格便宜得老板都要哭晕在厕所了，快来抢购", "我妈在厕所晕倒了，叫不醒"),
]


@pytest.mark.parametrize(("look_alike", "present"), PAIRS)
def test_a_genre_look_alike_is_no_present_danger_and_its_twin_is(look_alike: str, present: str) -> None:
    assert rules_danger(look_alike) == "none"
    assert rules_danger(present) == "present"


def test_a_game_denied_is_no_story() -> None:
    # at a murder-mystery game the cues are play; "这次不是在演戏" sets the game aside
    assert rules_danger("剧本杀店里有人喊“有人拿刀要杀我”，原来是在玩") == "none"
    assert rules_danger("剧本杀店里这回不是在演戏，有个男的拿刀追着一个女孩，她手上全是血") == "present"


def test_a_habitual_saying_is_asked_about_not_alarmed() -> None:
    assert rules_danger("我爸动不动就说“再不让我喝酒我就去跳河”") == "uncertain"
    assert rules_danger("我爸刚才说不想活了，现在站在河边要跳河") == "present"


def test_a_promise_to_come_and_a_describing_now_do_not_urge() -> None:
    assert rules_danger("车库里有股汽油味，车主说马上来处理，保安拉了警戒带，希望以后加强巡查") == "none"
    assert rules_danger("感谢信：我在河边不慎落水，是正在散步的两位市民把我拉上岸的") == "none"
    assert rules_danger("车库里汽油漏出来着火了，保安拉了警戒带，火还在烧") == "present"


def test_a_date_gone_by_is_past_unless_a_turn_follows() -> None:
    assert rules_danger("2026年2月楼道里着了一次火，物业说整改了，可楼道还是堆满杂物") == "none"
    assert rules_danger("2026年2月我们就投诉过楼道堆物，结果楼道着火了，火很大") == "present"
