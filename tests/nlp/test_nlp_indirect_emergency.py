"""Emergencies told by what is seen or heard now (no 着火/打人/晕倒 word), and their past or not-real twins.

Every sentence here was written for this test (emcorpus round); none is in a data file. The rules alone
are checked (``assess``): the model is a net on top of them and is retrained often.
"""

from __future__ import annotations

import pytest
from nlp_rules import rules_danger

from nlp.segment import normalize
from nlp.urgency import assess

# (happening now, told as over / feared / someone else's habit): the same kind of cue.
PAIRS = [
    ("外公坐着坐着嘴唇就发乌了，手也凉", "外公去年冬天嘴唇发乌住了一个月院，现在想问慢病补贴"),  # blue lips
    (
        "我摇了她几下都没反应，眼睛也不睁",
        "上次我摇了她几下都没反应，后来医生说是睡得太沉",
    ),  # no response to a shake
    ("阿爷喺公园凳度，叫佢唔应，面色好差", "旧年阿爷喺公园叫佢唔应，后来送医院检查冇事"),  # Cantonese 唔应
    (
        "孩子吃果冻噎住了，脸憋得通红，一点声音都没有",
        "孩子小时候吃果冻噎住过一次，现在想问急救课哪里报名",
    ),  # choking
    (
        "他躺在地上手脚一抽一抽的，嘴里有白沫",
        "他小时候发烧手脚一抽一抽的，后来好了，想问体检要查什么",
    ),  # seizure
    (
        "我舅舅在果园里被一条蛇咬了手，手已经肿得发亮了",
        "去年我舅舅在果园被蛇咬过，今年想问园区能不能除草",
    ),  # snakebite
    (
        "我姐把剩下的安眠药全部倒出来吞了，现在说话含糊",
        "我姐前年把安眠药全部吞了，抢救过来了，想问心理门诊怎么挂号",
    ),  # pills
    ("我爸喝了小半瓶敌敌畏，现在吐得厉害", "村里以前有人喝过敌敌畏，想问农药店能不能管一管"),  # poison
    (
        "表弟在出租屋里点了一盆炭，窗户都用胶带封了",
        "我们老家以前冬天点过一盆炭取暖，想问城里能不能这样",
    ),  # charcoal
    (
        "一个男的站在天台边缘，风很大，他一直往下看",
        "那个男的去年站在天台边缘，后来被消防劝下来了，想问天台门能不能锁",
    ),  # ledge
    ("三楼窗户里往外冒红光，还有噼啪声", "小时候看到过山那边窗户里冒红光，原来是烧荒"),  # glow
    ("地下室全是黑乎乎的烟，我们在楼梯口", "去年地下室全是黑乎乎的烟，后来查出是配电箱烧了"),  # smoke
    (
        "山那边在往下冲泥巴，路已经埋了一半，车还在往上开",
        "前年山那边往下冲泥巴，后来修了挡土墙，现在想问补偿",
    ),  # mudslide
    ("有辆面包车冲进了鱼塘里，只露着车尾", "上个月有辆面包车冲进了鱼塘里，司机自己爬出来了"),  # car in water
    (
        "有人在用什么东西拨我家门锁，我不敢出声",
        "上礼拜有人在拨我家门锁，后来发现是邻居走错门",
    ),  # lock worked at night
    (
        "一个戴帽子的人拿硬东西顶着那个女孩的后腰，把她往巷子里带",
        "电影里有个人拿东西顶着女孩的后腰，我看得好紧张",
    ),  # pressed into a back
    (
        "两个人把我关在办公室里不让我走，说不签字别想出去",
        "以前上班时老板把我们关在会议室里不让走，逼着签合同，我现在想问能不能告",
    ),  # held
    (
        "隔壁有人尖叫，接着哐当一声玻璃碎了",
        "昨晚隔壁有人尖叫，接着玻璃碎了，今天问了是他们家孩子打翻了鱼缸",
    ),  # scream and glass
    (
        "someone is climbing up the drainpipe to my neighbour's window",
        "last year someone climbed up the drainpipe, now we want spikes",
    ),  # climber
]


@pytest.mark.parametrize(("now", "over"), PAIRS)
def test_an_indirect_present_emergency_and_its_past_twin(now: str, over: str) -> None:
    assert rules_danger(now) == "present"
    assert rules_danger(over) != "present"


@pytest.mark.parametrize(
    "text",
    [
        "这种情况算不算非法拘禁？他们只是不给我们发工资",  # asking what a word means
        "他吼我一句这算家暴吗",
        "我家狗晒太阳晒得一动不动，跟睡死了一样",  # a pet, nobody else
        "这个火锅辣得我喉咙要冒烟了",  # figurative: 辣得…冒烟
        "我儿子高兴得说要从床上跳下去",
        "我表哥天天在群里说不想活了，每天都这么说，说完就发红包",  # said over and over: asked at most
        "小区后山有山体滑坡的迹象，请派人看看",  # a sign, not the event
        "燃气公司说我家阀门有点漏气，当场换了新的",  # fixed there and then
        "看了个纪录片讲楼房着火怎么自救，想问我们小区有没有逃生图",  # a documentary
    ],
)
def test_look_alikes_are_not_a_present_emergency(text: str) -> None:
    assert rules_danger(text) != "present"


def test_a_child_climbing_by_habit_is_asked_about_not_alarmed() -> None:
    assert rules_danger("我家老二老爱爬窗，已经装了护栏，还要注意什么") == "uncertain"


def test_stuck_or_held_is_not_treatment() -> None:
    # "住了" in 卡住了/压住了 is not "住了一个月院": the hand is still caught, nothing was treated.
    assert rules_danger("他的手被机器绞住了，拔不出来") == "present"
    assert rules_danger("他的手被机器绞住了，住了半个月院，现在想问工伤怎么认定") != "present"


def test_a_cry_for_help_heard_now_is_present_but_not_a_daily_one_or_the_writers_own() -> None:
    assert rules_danger("楼上一直有个老人在喊救命，声音越来越小") == "present"
    assert rules_danger("邻居家的八哥每天都喊救命，吵得人睡不着") != "present"
    assert rules_danger("救命啊，物业又停水了") != "present"


def test_a_raise_by_the_heads_alone_is_asked_about_when_the_message_says_it_was_a_joke() -> None:
    from nlp.urgency import refine

    joke = normalize("他开玩笑说要把整栋楼的人都叫下来看他表演")
    plain = normalize("他说要把整栋楼的人都叫下来看他表演")
    raised_joke = refine(assess(joke), 0.95, 0.1, "neighbor", joke)
    raised_plain = refine(assess(plain), 0.95, 0.1, "neighbor", plain)
    assert (raised_joke.urgency, raised_joke.danger) == ("high", "uncertain")
    assert (raised_plain.urgency, raised_plain.danger) == ("emergency", "present")


@pytest.mark.parametrize(
    "text",
    [
        "排队排了两个钟头，晒得我都要晕倒了，窗口能不能多开几个",  # 晒得…晕倒: discomfort
        "论文改了八遍，导师还不满意，难得我想跳江",  # 难得…想跳江
        "这个月房贷加车贷，想跳楼的心都有了",
        "弟弟说隔壁小孩拿刀追他，后来才知道是把玩具刀",  # a toy
        "佢话要斩死我，其实佢讲笑啫",  # Cantonese: joking
        "楼道里有股臭鸡蛋味，燃气公司测过了，说没有泄漏，是下水道的味",
        "邻居的猫躺在地上晒肚皮，喊它也不动",  # a pet lying down
    ],
)
def test_discomfort_toys_jokes_measurements_and_pets_are_not_a_present_emergency(text: str) -> None:
    assert rules_danger(text) != "present"


def test_asking_whether_it_is_a_gas_leak_is_still_present() -> None:
    assert rules_danger("厨房里煤气味冲鼻子，是不是漏气了") == "present"


def test_said_then_back_to_ordinary_things_is_asked_but_hanging_up_is_not() -> None:
    assert rules_danger("表妹说论文过不了就不想活了，说完就去追剧了") == "uncertain"
    assert rules_danger("同学说体测不及格就从看台跳下去，说完就去小卖部吃冰棍了") == "uncertain"
    assert rules_danger("表妹说论文过不了就不想活了，说完就挂了电话，再打不通") == "present"


def test_a_video_someone_watched_is_not_an_event() -> None:
    assert rules_danger("刷到一个视频，有个人被困在电梯里喊了好久") != "present"
