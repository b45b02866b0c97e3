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
    ("糖糖不见了，穿着蓝色羽绒服，在小区里找遍了", "我新买的蓝色外套不见了，穿了才两次"),
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
    # 困了人: the lift has caught people (now), not last month
    ("二号楼电梯困了两个人在里面，快来", "上个月电梯困了人，物业到现在没给说法"),
    # a drill that has just ended turns to what is real; one told as ended with a lesson after stays a lesson
    ("演练刚结束，楼下仓库真冒烟了，火越烧越大", "消防演练结束后，老师说遇到着火要先跑"),
    ("有个男的从公交站一直跟着我，我现在躲在奶茶店里", "那个推销员一直跟着我问要不要买保险"),
    # not home yet, the age told after; a parent searching (English)
    ("小雨放学到现在还没到家，她才九岁，平时五点就回了", "孩子放学后没到家之前都在托管班，托管班收费太高了"),
    ("my toddler slipped out of the gate, we have been searching the street for half an hour",
     "my son wandered off once when he was three, now I want to buy a gps watch"),
    # a farewell said another way, then silence
    ("我姐在朋友圈发了一句晚安，永远，她一个人住，电话没人接", "我爸去年给我们写了封信，说对不起大家，后来我们和好了"),
    ("我的遗嘱放在抽屉里了，这辈子对不起你们", "这辈子对不起的人太多了，就是想找人聊聊，社区有心理咨询吗"),
    # astride a parapet; sitting on an air conditioner outside a window (not a fitter at work)
    ("那个小伙子骑到了楼顶的女儿墙上", "楼顶的女儿墙裂了一道缝，物业说要等维修基金"),
    ("隔壁有个阿姨在窗台外面的空调架上坐着，在哭", "装空调的师傅站在空调外机上干活，没系安全绳，太危险了"),
    # water up to someone's chest; car doors that will not open in water
    ("水一直往屋里灌，已经漫到我胸口了，抱着孩子站在桌子上", "去年暴雨水到了我的腰，车也泡了，保险不赔"),
    ("我们的车在下穿通道熄火了，水从门缝往里进，车门打不开", "车门打不开了，是不是电瓶没电了，4S店说要拖车"),
    # a lift stopped half-way, named in an earlier clause
    ("单元楼那部电梯，一到傍晚就坏，今晚又停在半截了，我女儿在里面", "电梯上个月卡在半空过一次，还好没人"),
    # a crowd crush
    ("楼梯口人挤人，好几个小孩被踩在下面哭", "踩踏事件的演练明天在学校操场举行"),
    # followed from somewhere to here (not by a salesman)
    ("一个戴帽子的男的从超市跟到我小区门口，我现在在保安亭", "一个男的从店里跟到门口，一直推销他的保健品"),
    # a child in a shut car, in distress or alone (not with a parent beside it)
    ("车窗关着，里面一个两三岁的小孩满头汗，已经不哭了", "车窗关着，孩子在车里睡觉，我就在旁边看着"),
    # a cry to stop the beating heard through the wall (not on television)
    ("墙那边的女人在哭喊别打了，砰的一声之后就没声了", "电视剧里那个女的一直喊别打了，看得我好难受"),
    # an old woman who cannot be got up (not a project); a newborn turning blue (not cold)
    ("邻居家的老太太倒在门口，怎么扶都扶不起来", "我爸扶不起来的那个项目，终于黄了"),
    ("孩子刚生下来三天，突然脸憋得发紫，不出声了", "孩子脸冻得发紫，学校暖气不热，能不能反映一下"),
    # half a bottle of pills swallowed (not medicine that did not help)
    ("我弟吃了半瓶降压药，现在说胡话", "我吃了好多药都没用，这个病该去哪看"),
    # fumes, and two people who cannot get up
    ("我们家用蜂窝煤炉子，今早起来我奶奶和我妈都起不来，头疼得厉害", "煤炉子的味道太大，我和我妈都不想用了，想换电暖器"),
    # a time clause telling when a shock happened, not a fear of one
    ("同事搭电线的时候被电打倒了，一直抽", "搭电线的时候怎么防止触电"),
    # 走失 and 还没回 for a child; English "lost our …"
    ("我家小的七岁，在庙会上走失了，人太多了", "我家小的七岁那年在庙会走失过，后来找回来了"),
    ("we just lost our little girl in the crowd at the fireworks", "we lost our little girl's shoe at the fireworks"),
    # 别惦记 / 就靠你了, then silence
    ("我弟刚发消息说让我们别惦记他，然后就关机了", "我弟去外地读书了，说让我们别惦记他，每周都打电话回来"),
    # sitting astride a railing
    ("有个女的跨坐在江边的护栏上，腿朝着江那边", "江边的护栏被车撞歪了，有几个人跨过去拍照"),
    # over a railing and hanging outside
    ("他从阳台栏杆翻出去了，人挂在外面，两只手抓着", "阳台栏杆太矮，孩子从这里翻出去怎么办"),
    # a door that will not open with water coming in
    ("水已经进到一楼了，门推不开，我和我妈在屋里", "门推不开了，是不是门锁坏了，房东不来修"),
    # slipped into the water
    ("有个钓鱼的大爷往水里滑下去了，扑了几下就没影了", "我的鱼竿往水里滑下去了，捞不上来"),
    # knocked down and trampled
    ("出站口有人被挤倒踩在下面了，后面的人还在往前挤", "出站口每天都很挤，建议多开一个闸机"),
    # driven into a crowd; pushed into the back seat
    ("一辆白色面包车开进了菜市场的人群，撞倒了好几个人", "菜市场门口的面包车开进来卸货，把路都堵了"),
    ("那两个男的把她往后备箱里塞，她在喊救命", "把行李往后备箱里塞，塞不下了"),
    # fainted on the floor
    ("我妈晕在厕所地上了，叫她没反应", "我妈上个月晕在厕所里，后来查出是低血糖，现在好了"),
    # 一扭头就 is a moment, not a habit; 到处找不到; a small child who cannot find its parents
    ("我小孙女三岁，在超市一扭头就找不到了", "他一扭头就走，从来不打招呼"),
    ("邻居家的弟弟，六岁，从托管班跑出来了，到处找不到", "他们家到处找不到钥匙"),
    ("路边有个小女孩一个人在哭，说找不到妈妈了，旁边都是车", "孩子说找不到家里的钥匙了"),
    # things given to classmates, "thank you for these years", then silence
    ("我表弟把他的吉他送给同学了，说用不上了，现在人不在宿舍", "我表弟把旧吉他送给同学了，他买了把新的"),
    ("我舅妈在群里发了句谢谢你们这些年，然后就不回消息了", "谢谢大家这些年的照顾，我退休了，以后常联系"),
    # surrounded by flood water, water still rising; a gas cylinder burst; covered in blood
    ("大水把村子围住了，我们一家在房顶上", "去年大水把村子围住过，今年修了堤"),
    ("店里的液化气罐爆了，有个人浑身是血", "液化气罐快过期了，能不能换新的"),
    # a dog that will not let go of a child's arm (not of a rope)
    ("一条狗咬住了小男孩的手不松口", "狗咬住绳子不松口，拉都拉不动"),
    # a child alone in a car, the owner away
    ("停车场的车里有个小孩在拍窗户，车主不在", "车里放着孩子的玩具，车主不在，窗户开着一条缝"),
    # an old woman who barely answers
    ("外婆倒在院子里了，叫她不怎么应", "外婆前年摔了一跤以后耳朵就背了，叫她不怎么应"),
    # no trace left of a child; a baby in a pram taken by someone
    ("我小外甥三岁，在商场电梯口一下子就没了人影", "我小外甥三岁，跑得快，一下子就没了人影，又从柜台后面钻出来了"),
    ("宝宝在推车里被人推走了，我就转身买了瓶水", "宝宝的推车被人推走了，应该是收废品的，值三百块"),
    # knocked over by flood water and not up; into a lake and not seen since
    ("积水把一个骑车的连人带车冲倒了，人没起来", "人没起来，又睡了一觉，今天上班迟到了"),
    ("一个喝醉的跳进河里游泳，现在看不到人了", "湖边太黑了看不到人了，我们就回家了"),
    # several sick near a stove; a car reversing into people again and again
    ("宿舍用电炉子烧水，好几个人说胸闷头晕，有一个已经吐了", "几个人一起头疼，是不是空调的问题"),
    ("那辆车一直在倒车撞人，已经倒了两个", "那台车一直在撞人家的墙，司机是新手倒车"),
    # something driven into the body
    ("工友被钢筋扎进了肚子，我们不敢拔", "小区的玻璃扎进了轮胎"),
    # 鸡蛋 is food, not a pet: the person is still the one who cannot be woken
    ("屋里一股臭鸡蛋的味道，我室友躺着叫不醒", "我家猫吃了鸡蛋以后一动不动"),
    # gone in the time it took to do something; taken onto a motorbike by a stranger
    ("我去结个账的工夫就不在了，我儿子才四岁", "我去结个账的工夫他就不在了，原来去厕所了，后来找到了"),
    ("有个男的把一个小女孩抱上电动车就跑了", "我把孩子抱上车就走了，去医院打疫苗"),
    # water over the bed, someone who cannot move
    ("屋里的水漫过了床，我爷爷瘫在床上动不了", "楼上漏水，水漫过了床脚，床垫泡坏了"),
    # standing on a windowsill (not cleaning it); out beyond a balcony
    ("我邻居站到窗台上了，窗户开着", "阿姨站在窗台上擦玻璃，没系安全绳"),
    ("她站到了阳台外面", "阳台外面的雨棚被风吹坏了"),
    # an elder who gets confused, out and not back (not keys)
    ("老人有点糊涂，早上出去到现在还没回来", "我妈有点糊涂了，钥匙老是找不到"),
    # "以后你要好好的", then a phone switched off (not a farewell before going abroad)
    ("我表姐刚给我发了句以后你要好好的，现在电话关机了", "我表姐给我发了句以后你要好好的，她下个月出国读书"),
    # a lift that has shut someone in again, named in an earlier clause
    ("这台电梯上午修过，刚刚又关了人在里面", "这台电梯上午修过，刚刚又有异响"),
    # a dog mauling someone (not two dogs fighting)
    ("一条大狗扑到一个小孩身上撕咬", "两只流浪狗在垃圾桶边撕咬，抢吃的"),
]


@pytest.mark.parametrize(("now", "look_alike"), PAIRS)
def test_present_without_the_usual_cue(now: str, look_alike: str) -> None:
    assert rules_danger(now) == "present"
    assert rules_danger(look_alike) != "present"


def test_resigned_sigh_alone_is_asked_and_after_a_complaint_is_a_sigh() -> None:
    from nlp import classify

    assert rules_danger("这辈子就这样吧") == "uncertain"
    assert rules_danger("这辈子就这样吧，对不起，再见") == "present"
    assert classify("这辈子就这样吧，房东又要涨房租，押金也不退").danger == "none"


def test_cry_naming_a_relative_is_asked_not_alarmed() -> None:
    # like 救命: asked about unless something urges; with 快 it is present
    assert rules_danger("救救我老公") == "uncertain"
    assert rules_danger("救救我老公，他倒在地上了，快来") == "present"
