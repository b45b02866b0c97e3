"""Present dangers told by their signs, relayed, in dialect or English, and each cue's look-alike (recall6 round).

A moan as the only answer, a heart attack told by an image, choking seen, a pulse not felt, a household
poison swallowed, someone hurt on the road, a farewell then silence, smoke under a door, a child out on an
air-conditioner bracket, people inside what a flood caught, a dog on a child (English), a weapon swung
(English), a beating told by hair and wall, a confused elder gone, someone pinned under a fall, Cantonese
flood words, a stroke in dialect, a self-harm picture, a child taken with a die-together threat, shooting,
a door worked from outside, a swimmer gone under, a head struck, sudden confusion, driven off with the doors
locked, a fall into a shaft, a snake on a person, a dam leak growing, a cry for help then silence, a video
call (no film) and Cantonese "while" (no past). Every sentence was written for this test; none is in a data file.
"""

from __future__ import annotations

import pytest
from nlp_rules import rules_danger

# (happening now, the look-alike that must not be a present danger)
PAIRS = [
    # only a moan however shaken (not a snorer who turns over)
    ("我外婆躺在床上，怎么摇都只会哼哼，手冰凉", "我老公打呼噜，推他只会哼一声翻个身接着睡，去哪个科看"),
    # a heart attack told by an image and a cold sweat (not last month's, treated)
    ("我舅舅说胸口像压了一块大石头，直冒冷汗，脸色很难看", "上个月我舅舅说胸口像压了一块大石头，出了一身冷汗，住院放了支架，现在想办慢病卡"),
    # choking seen at a meal (not one coughed out already)
    ("我儿子吃花生卡住了，憋得说不出话，一直抓着喉咙", "我儿子吃花生卡住了，憋得满脸通红，拍了两下背咳出来了，现在没事了"),
    # no pulse at the wrist (not a first-aid question)
    ("路口有个大叔倒下了，摸不到他手腕的脉", "上急救课的时候，摸不到手腕的脉是不是要摸脖子"),
    # a household poison swallowed (not nearly, not a fear)
    ("我孙子喝了一口消毒水，现在嘴巴疼一直哭", "我孙子差点喝了消毒水，幸好我一把抢下来了"),
    ("三岁的女儿误食了蟑螂药，嘴边还有粉末", "怕孩子误食蟑螂药，想问问这种药放哪里安全"),
    # hurt on the road and unable to get up; a bone through the skin (not a fall last winter)
    ("路口有个老人被电动车撞了，躺在路边起不来", "去年冬天我滑倒在路上起不来，是邻居扶我回家的，想送面锦旗"),
    ("我摔下台阶了，小腿骨头都戳出来了", "我上个月摔下台阶小腿骨折，骨头戳出来过，现在拆了石膏，想报销"),
    # a farewell then silence (not a lyric)
    ("我同学在空间发了一句世界不值得，配着天台的照片，现在手机关机", "他在空间发了一句世界不值得，我打电话过去他说是歌词，正在听歌"),
    # smoke under a door (not cooking fumes every day)
    ("三楼那户门缝下面有烟往外冒，敲门没人应", "邻居家炒菜的油烟从门缝里飘出来，天天这样，想请物业管一管"),
    # a child out on a bracket (not a habit to be fenced off)
    ("我家孩子爬到阳台外的空调外机上了，够不着他，六楼", "孩子老爱爬到空调外机上，想请物业装个护栏"),
    # people inside what a flood caught (not last year's, rescued)
    ("河堤冲垮了，有辆小车被卡在桥边，里面有一家人", "去年发大水车被冲走了，里面有一家人，后来都救上来了"),
    # a dog on a child (English; not a dog that chases cats)
    ("a big dog is biting a little boy at the bus stop and won't let go", "my son's dog keeps chasing our cat around the garden"),
    # a weapon swung at cars or people (English; not a shed being knocked down)
    ("a man is smashing car windows with a metal pipe outside the shop", "they were smashing the old shed with a hammer all afternoon, so noisy"),
    # a missing child in English (not found again)
    ("our son went to the park at noon, his friend says he never arrived, we have looked everywhere",
     "our daughter went to her friend's, the friend's mum says she never came, then we found her at her gran's"),
    # a beating told by hair and wall (not last week's, dealt with)
    ("有个男的揪着他老婆的头发往墙上撞，就在我们楼道", "上周两个人吵架，一个揪着另一个的头发往墙上撞，派出所已经处理了"),
    # kicked by a ring of men (not a game of shuttlecock)
    ("一帮人围着那个小伙子用脚踢，他抱着头蜷在地上", "小区门口一群大妈围着他踢毽子"),
    # a confused elder gone, the illness told after (not a bracelet request)
    ("我爸中午出去遛弯到现在没回来，他有老年痴呆，外面下雪", "我姑妈有老年痴呆，上次走丢过一次，想问问防走失手环在哪领"),
    # someone pinned under a fall (not a wall that leans)
    ("围墙倒了，压着个老太太，我们几个在搬砖", "以前那堵围墙倒过，压着个老人，现在又歪了，能不能拆掉"),
    # Cantonese flood words (not ten years ago)
    ("水浸到二楼喇，我阿爷仲喺一楼行唔到", "水浸到二楼係十年前嘅事，而家条河修好咗"),
    ("阿弟喺河边玩俾水冲走咗", "阿弟成日话想去河边玩水，我唔俾"),
    # a stroke in dialect (not an old stroke, cared for)
    ("阿婆突然讲唔出嘢，右边手抬不起来", "我奶奶中风后一边手抬不起来，想申请护理补贴"),
    # a self-harm picture, a goodbye to everyone then silence (not an old scar, in care)
    ("她在群里发了一张割破的手腕照片，说再见了大家，现在都不回", "他以前割腕过，现在在看心理医生，好多了"),
    # a child taken with a die-together threat
    ("他抢走了孩子开车跑了，说要带孩子一起去死", "他们离婚后他抢了孩子的抚养权，想问问怎么申请探视"),
    # shooting (English; not a film, not basketball)
    ("someone is shooting in the car park, we heard two shots", "the police were shooting a film in our street all day, so noisy"),
    # a door worked from outside (not a fair question about a lock)
    ("有人在拧我的门把手，一直在拧，我一个人住", "我的门把手坏了，拧不动，房东多久能来修"),
    # a swimmer gone under (not fish; not one who surfaced)
    ("那个男的在河里游着游着就不见了，水面上只剩冒泡", "湖里的鱼在水面上冒泡，是不是缺氧了"),
    # a head struck, then vomiting (not last year's)
    ("我妈刚才摔了一跤后脑勺着地，现在一直吐", "我妈去年摔了一跤后脑勺着地，现在还经常头晕，想问能不能申请护理"),
    # sudden confusion (not a drunk who rambles)
    ("我爸头痛得厉害，刚刚突然开始胡言乱语，连我都不认得", "我爸喝多了开始胡言乱语，吵得邻居睡不着"),
    # driven off with the doors locked (not a detour paid for)
    ("网约车司机往山里开，车门锁了，我喊停他不停", "打车的时候司机绕路，最后多收了我三十块，怎么投诉"),
    # a fall into a shaft, calling from below (not a loose cover)
    ("工地的窨井盖没了，一个工人掉下去了，人在下面喊", "小区门口那个井盖松了，怕有人掉下去"),
    # a snake on a person (not a video)
    ("一条蛇从草里窜出来缠住了我儿子的腿", "动物园的蟒蛇缠在饲养员身上的视频好吓人"),
    # a dam leak growing (not a seep reported last year)
    ("水库的坝在渗水，越渗越多，下游有村子", "村里水库大坝有点渗水，去年就反映过，一直没人修"),
    # a cry for help sent, then silence (not an exam)
    ("我女儿发消息说有人跟踪我，然后电话就打不通了", "我女儿发消息说考试好难，然后就去睡觉了"),
    # a video call is no film
    ("我妈在视频里跟我说厨房全是烟，她找不到门", "我在视频里看到一个厨房全是烟的画面，挺吓人"),
    # pushed into a home by the people at the door (not a surprise party)
    ("邻居阿姨刚开门就被两个陌生人推进屋里了，里面在喊", "开门就被他们推进去了，是我朋友给我办的惊喜生日派对"),
    # heatstroke with confusion (not last month's); a fallen parent who does not answer a child (not a sulk)
    ("我爸在田里中暑了，现在说胡话，浑身发烫", "上个月中暑晕倒过一次，想问问工地有没有高温补贴"),
    ("奶奶摔在厨房了，我喊她她也不理我", "我奶奶摔倒了以后，喊她她也不理人，生我气呢"),
    # the wrong medicine, a handful (not a daily tablet)
    ("外公把安眠药当成维生素吃了一把，现在站都站不稳", "我爸每天吃降压药，一次吃一片，医生说要吃一辈子"),
    # a sign told of a pet is no person's
    ("我儿子吃了老鼠药，嘴边都是沫", "我家猫吃了老鼠药，邻居乱放药要负责吗"),
    # an ambulance called and not there yet; chest compressions given (not a class, not a late ambulance last time)
    ("我妈倒在客厅，叫了救护车还没到，她嘴唇发白", "上次叫了救护车半小时才到，想投诉一下急救中心"),
    ("我爸跑步时一头栽倒了，我正在给他按胸口", "社区组织急救培训，老师在按胸口示范，我们在练习"),
    # a time clause with a sudden event is when it happened (not a fear of it)
    ("老伴散步的时候突然倒下了，脸色发青", "怕他散步的时候突然倒下，想给他买个定位手环"),
    # a sudden fall told as a scene, help already there, before a complaint
    ("排队挂号的时候一个阿姨突然晕倒了，没人管，她脸都白了", "排队挂号的时候一个阿姨突然晕倒了，医生很快就来抢救了，可是我的号过了要重挂"),
    # a toxic gas from a plant, people down (not a month ago)
    ("化工厂在冒黄烟，我们村好几个老人喘气困难晕倒了", "上个月化工厂冒黄烟，村里几个老人喘气困难，现在好了"),
    # a mother at a high window with a child in her arms (not a mother taking a child down to play)
    ("我表姐抱着孩子坐到了阳台的窗台上，说活着没意思", "她带孩子下去玩了，一会儿回来"),
    # writhing in pain, a board-hard belly (not last night's, treated)
    ("我老公肚子疼得在地上打滚，肚子硬得像木板", "我肚子疼得在床上打滚了一晚上，昨天去医院说是肠胃炎，现在好了"),
    # pinned by a leg; eyes rolling when called (not a teenager rolling his eyes)
    ("衣柜倒下来压住了我奶奶的腿，她出不来", "衣柜的门坏了，一开就往下掉，想找师傅修"),
    ("我爸在厕所倒了，叫他就翻白眼", "这孩子一说他就翻白眼，青春期怎么办"),
    # stung all over (not a nest feared)
    ("我儿子被马蜂蛰了满脸，现在喘不上气", "阳台上有个马蜂窝，好多马蜂，怕蛰到孩子"),
    # into a reservoir (not a phone)
    ("我侄子在水库边玩，刚才掉下去了，他不会游泳", "手机在河边掉下去了，捞不上来"),
    # English: through the ice, under a wheel, a crowbar at a door (not traffic, not a builder's tool)
    ("a boy has gone through the ice on the lake and is holding the edge", "the lake froze over last week and the council put up warning signs"),
    ("a lorry hit a pedestrian, he's under the back wheel", "the traffic is not moving on the ring road, so we'll be late"),
    ("a man with a crowbar is trying to get into the flat downstairs", "there was a crowbar left in the garden by the builders"),
    # a boiler over pressure (not a rule); a throat closing (not an itchy lip)
    ("车间锅炉的压力表过红线了，安全阀一直在叫，人还在旁边", "压力表到红线了就要停机，这是规定吧"),
    ("我儿子吃了花生，嘴唇肿起来了，说喉咙像被堵住，喘不上气", "吃了芒果嘴唇肿起来了，有点痒，明天去看皮肤科"),
    # Cantonese: a gas pipe burst; a victim dragged (not an old pipe)
    ("楼下煤气喉爆咗，成条走廊都系味", "煤气喉老化了想换新的"),
    ("有人抢咗阿婆个袋，仲拖住佢行咗好远", "阿婆个袋好重，我帮佢拖住个车仔行"),
    # workers down a well gone quiet, the next one down not back up (not a safety rule)
    ("井下的人没声音了，另一个人下去也没上来", "下去的时候要带上气体检测仪，下面的人没声音了就要马上拉"),
    # English: masked raiders; fallen into a drain; a child at a platform edge (not a sign, not last summer)
    ("two men in balaclavas are in the post office waving a knife", "the kids wore woolly hats and scarves in the snow"),
    ("a little boy has fallen into the storm drain and the water is fast", "my son fell in the ditch last summer and broke his arm"),
    ("a toddler is standing at the edge of the platform on her own and a train is coming", "please don't stand on the edge of the platform when the train is coming, the sign says"),
    # Cantonese "while" is no past
    ("阿爸冲凉嗰阵跌低咗，流好多血，唔识讲嘢", "阿爸后生嗰阵跌低过，流好多血，而家好返晒"),
]


@pytest.mark.parametrize(("now", "look_alike"), PAIRS)
def test_present_danger_by_its_signs(now: str, look_alike: str) -> None:
    assert rules_danger(now) == "present"
    assert rules_danger(look_alike) != "present"
