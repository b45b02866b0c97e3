"""False emergencies found by the red-team of ordinary messages (nlp/data/redteam_false.jsonl).

Each pair: an ordinary message using an emergency cue for something else (an object, a pet, a game,
a habit, a risk asked to be fixed, a chronic condition) and a present twin of the same cue, which
must stay a present danger. Sentences are written for these tests, not taken from the set.
"""

from __future__ import annotations

import pytest
from nlp_rules import rules_danger

from nlp import classify

# (look-alike: no present danger by the rules, present twin: present danger by the rules)
PAIRS = [
    ("我的电瓶车车胎没气了，楼下修车铺关门了", "我爸倒在厨房，好像没气了，快来"),  # 没气了: a tyre
    ("新买的空调一直嘶嘶响，想问能不能换货", "厨房燃气管嘶嘶响，一股煤气味"),  # 嘶嘶: an appliance
    ("小区化粪池旁边一股臭鸡蛋味，请物业清理", "楼道里一股臭鸡蛋味，越来越浓"),  # 臭鸡蛋味: a drain
    ("楼道的灯一直闪，请物业换个灯泡", "电线冒火花，屋里的灯一直闪，还有焦味"),  # 灯…闪: a lamp
    ("楼下的落水管堵了，阳台积水", "有人落水了，在河中间扑腾"),  # 落水管, not 落水
    ("我的手机掉进水里了，保修管不管", "孩子掉进水里了，快来人"),  # an object in water
    ("网上买的剃须刀片是假的", "我室友反锁在卫生间，里面有刀片，不开门"),  # 剃须刀片
    ("拿刀切开的西瓜是生的，老板非要我买", "有个男的拿刀在楼下追人"),  # 拿刀切瓜
    ("邻居天天拿凳子占车位", "有人拿着凳子在楼下砸人"),  # a stool holding a parking space
    ("演唱会门票一开卖就被抢光了", "我的包刚被抢了，那人往地铁站跑了"),  # 被抢光
    ("物业把楼下的马蜂窝捅了，蜂子满天飞", "他拿刀捅了我朋友，血一直在流"),  # 捅马蜂窝
    ("邻居在偷用我家WiFi", "有个人正在偷隔壁的电动车"),  # 偷用 WiFi
    ("公司要求我们掐着点打卡", "他掐着我妈的脖子不放"),  # 掐着点
    ("快递员把账单夹在门缝里，老是丢", "工人的手被机器夹住了，拔不出来"),  # a bill in a door
    ("搬家师傅往车上拖冰箱，磕坏了一个角", "两个男的把一个女孩往车上拖"),  # goods loaded
    ("被那家网店拖进黑名单了", "有人把一个小孩拖进面包车里了"),  # a blacklist
    ("中介天天打电话推销房子", "挖掘机正在推我家的房子，我妈还在里面"),  # 推销房子
    ("健身房的销售天天追着我推销课程", "有个男的一直追着我，我躲进便利店了"),  # a salesman
    ("晚上蚊子围着我咬，绿化带从来不打药", "一条大狗扑过来咬我女儿，在流血"),  # mosquitoes
    ("对面楼正在拆房子，灰尘太大", "拆迁队正在拆我家的房，人还在屋里"),  # demolition next door
    ("孩子们在楼道玩狼人杀，一直喊杀人了", "楼下有人杀人了，满地是血"),  # a game
    ("邻居家的猫天天扒我家纱门", "有人在扒我家防盗窗，正在往里爬"),  # a cat
    ("我家狗吃了老鼠药，邻居乱放药要负责吗", "我妈吃了老鼠药，现在吐白沫"),  # a pet poisoned
    ("孩子的校服不见了，学校让再买一套", "孩子放学两个小时了还没回家，电话手表打不通"),  # a lost uniform
    ("儿子毕业一年了还没找到工作", "儿子下午出去玩，到现在还没找到"),  # no job yet
    ("在网上买的茶杯在泡茶时开片了，商家不退", "啲人喺楼下开片，揸住铁通"),  # crackle glaze
    ("爬山虎爬满了落水管，蚊子多", "有个人顺着排水管往三楼爬"),  # a creeper
    ("宝宝把钥匙锁在车里了，开锁要价五百", "宝宝被锁在车里了，太阳很晒，哭得很厉害"),  # keys, not the baby
    ("中介那个男的让我上去看房，结果收看房费", "有个陌生人叫我女儿上车，她已经走过去了"),  # 上去看房
    ("学校的课桌太高，孩子坐着两只脚悬空", "楼顶有个人坐在边上，两条腿悬在外面"),  # feet under a desk
    ("阳台的推拉门变形了，门扒不开", "我们被困在电梯里，灯灭了，门扒不开"),  # a balcony door
    ("按摩技师用膝盖顶着我的后背，按完腰疼", "有个人拿东西顶着我的后腰，让我别出声"),  # a massage
    ("商场保安查完包才放我走，这合法吗", "他们收了我手机，说交钱才放我走"),  # released after a check
    ("找开锁师傅来撬锁，开口就要四百", "有人正在撬我家的锁，我在屋里"),  # a locksmith
    ("唱歌唱得喉咙发紧，课能不能退", "被马蜂蛰了，现在嗓子发紧喘不上来"),  # sung hoarse
    ("我爸前几年中风了，现在嘴歪，想办残疾证", "我爷爷刚才吃饭突然嘴歪了，说不出话"),  # chronic
    ("邻居在楼道抽烟，楼道里全是烟，请贴个禁烟标志", "楼道里全是烟，看不见楼梯了"),  # cigarettes
    ("烟雾报警器半夜一直响，检查了没烟没火，是不是没电了", "烟雾报警器一直响，厨房里冒黑烟"),  # a false alarm
    ("孩子在幼儿园磕破了头，缝了两针，老师没告诉我", "他们打起来了，有个人头磕破了在流血"),  # treated
    ("阳台栏杆太矮，孩子容易爬到窗外的空调架上，能不能加装护栏", "我儿子爬到窗外的空调架上了，下不来"),  # a risk
    ("工人每天站在楼顶边上刷漆，也不系安全绳", "有个人站在楼顶边上，说不想活了"),  # a habit
    ("女儿一吵架就把自己关在卫生间，想约心理老师", "女儿把自己关在卫生间一个小时了，叫她不应"),  # a habit
    ("我婆婆刀子嘴豆腐心，天天数落我", "有个男的揣着刀子在楼下追人"),  # 刀子嘴
    ("手机屏幕炸了，贴膜店说不是膜的问题", "楼下电动车电池炸了，火很大"),  # a cracked screen
    ("烧烤店每天傍晚在门口点一盆炭，烟全进我家", "我表哥在出租屋里点了一盆炭，门窗都封上了"),  # a grill
    ("速冻汤圆煮了十分钟都没浮上来，馅是生的", "我朋友跳进水库游泳，到现在还没浮上来"),  # dumplings
    ("河边栏杆太矮，孩子们喜欢坐在栏杆上玩，建议加高", "有个女的坐在桥的栏杆外面，一直在哭"),  # a risk
    ("Can you help me with the residence permit?", "help me! he is hitting me right now"),
    ("我老公打呼噜，有时候半夜憋气没呼吸，想做个睡眠监测", "我爸倒在床边，没呼吸了，快来"),  # now and then
    ("装修工人拿着电锤打孔，把楼下水管打穿了", "有个男的拿着锤子在砸人"),  # a tool at work
    ("我的车被人困在车位里了，挪车电话打不通", "我们一家被困在屋里，门口着火了"),  # a car boxed in
    ("产检有点见红，医生说问题不大，想问孕妇学校", "他们打起来了，已经见红了，还在打"),  # a doctor's word
    ("He said he'd kill me if I parked there again, it was a joke.", "He says he will kill me, he is at my door now"),
    ("My son had a seizure when he was a baby, does school need a form?", "My son is having a seizure right now"),
    ("条水管爆咗成个礼拜都冇人整", "楼上水管爆咗，水冲落嚟，电箱度冒火花"),  # lasted a week
    ("扶梯把孩子的鞋带卷进去了，幸好及时拉出来，想投诉商场", "扶梯把孩子的手卷进去了，拔不出来"),  # pulled out in time
    ("邻居家的狗扑我孩子，邻居还说狗不咬人", "楼下有条狗在咬人，咬住一个老人不放"),  # 不咬人
    ("电热毯插上电有烧焦的味道，已经拔了，想退货", "屋里有烧焦的味道，越来越大，还冒烟"),  # unplugged
    ("出差困在机场两天了，公司不给报住宿", "我们被困在地下室了，水越涨越高"),  # stranded at an airport
    ("The property office is unresponsive about the broken gate.", "My grandmother is unresponsive on the floor."),
    ("My landlord is kicking me out next week.", "Someone is kicking my door and shouting."),
    ("My parcel has gone missing.", "My son has gone missing at the park."),
    ("My boss wants to fire me without pay.", "There is a fire in the kitchen downstairs."),
]


@pytest.mark.parametrize(("look_alike", "present"), PAIRS)
def test_look_alike_is_no_present_danger_and_its_twin_is(look_alike: str, present: str) -> None:
    assert rules_danger(look_alike) != "present"
    assert rules_danger(present) == "present"


def test_look_alikes_are_not_emergencies() -> None:
    # The full pipeline (rules, heads, danger check): an ordinary message is never an emergency.
    for look_alike, _ in PAIRS:
        assert classify(look_alike).urgency != "emergency", look_alike


def test_present_twins_are_emergencies() -> None:
    for _, present in PAIRS:
        assert classify(present).urgency == "emergency", present
