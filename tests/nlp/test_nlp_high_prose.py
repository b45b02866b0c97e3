"""``high`` told in prose (high2 round): each new rule cue with a calm twin in the same surroundings.

Repetition to the hotline or an authority, threats to the writer, an eviction today or tomorrow, water
or power cut off with a frail person at home, a minor kept working unpaid, a pupil's money taken, a crew
counted small, several households hit, English groups, counts and wounds. Every sentence was written
for this test; none is in a data file.
"""

from __future__ import annotations

import pytest

from nlp.entities import extract_amounts
from nlp.segment import normalize
from nlp.urgency import assess


def rules_urgency(text: str) -> str:
    """``urgency`` of the rules alone (before the model's heads) on the normalised text."""
    norm = normalize(text)
    return assess(norm, extract_amounts(norm)).urgency


# (serious, the calm twin that must stay normal)
PAIRS = [
    # counted calls to the hotline, a repeated request to an authority (not a first call)
    ("来电人称已致电本热线五次，菜场后门的油污始终没人清理", "来电人称首次致电本热线，菜场后门有油污，建议清理"),
    ("楼下的违章棚子我反复拨打热线，工单一直回复已处理", "楼下搭了个棚子，我拨打热线问一下归谁管"),
    ("这个漏水的问题我们多次向物业反映，到现在还在滴", "这个漏水的问题我们准备向物业反映，麻烦看看"),
    ("我连续两个月每周都打一次12345，路灯还是不亮", "我想打一次12345问问路灯归谁修"),
    ("为了这堵违建墙我写过四封信给街道", "为了这堵违建墙我写了一封信给街道，想问问格式对不对"),
    ("车库积水，物业每次来人看一眼就走", "车库积水，物业今天来人看了，说明天抽水"),
    ("路面塌陷的事，城管和住建两边推到现在", "路面塌陷的事，城管说明天就来修"),
    ("一楼的储藏室已经被淹了四次", "一楼的储藏室昨天下雨有点潮"),
    ("I have e-mailed the estate office six times about the broken gate", "I e-mailed the estate office about the broken gate"),
    # threats to the writer told in prose (not a friendly word, not advice)
    ("他说我要是敢去告他，这个摊子就别想再开下去了", "他说这个摊子下个月就不开了，问我要不要接手"),
    ("对门放话说要让我在这栋楼住不安生", "对门说最近装修，这栋楼大家都住得不太安生，先道个歉"),
    ("保安说再乱发帖就让我的车出不了小区", "保安说今天修路，我的车暂时出不了小区"),
    ("那人在楼道里说你们家孩子上学小心点", "老师在群里说下雨天上学路上小心点"),
    ("他喝完酒说明天要去找我老公算账", "月底要去找会计算账"),
    ("她前夫说要带几个兄弟来我店里", "她前夫说要带孩子来我店里吃饭"),
    ("催收的人说知道我家住在哪", "快递员说知道我家住在哪栋楼，放门口就行"),
    ("两家为了车位天天吵，看样子迟早要打起来", "两家为了车位吵过一次，现在已经说开了"),
    ("He said he would find me if I went to the labour office", "He said I can find him at the labour office"),
    # put out today or tomorrow by a landlord (not a tenant leaving at the end of the lease)
    ("房东让我们明天中午之前必须搬走", "房东让我们合同到期再搬，不着急"),
    ("二房东说明天就来换锁", "二房东说明天来修门锁"),
    # water or power cut off with a frail person at home (not an announced cut)
    ("房东把我们的电闸拉了，老婆怀孕七个月", "物业通知周六检修，把我家的电闸拉了两个小时，老婆怀孕七个月"),
    ("停水三天了，家里老人卧床", "停水三天了，我们年轻人去健身房洗澡就行"),
    # a minor kept working unpaid (not an adult asking about pay)
    ("我才十五岁，在饭店洗碗，老板不发工资还不让我回家", "我今年二十五岁，在饭店洗碗，想问问工资怎么算"),
    # a pupil's money taken, a child crying not to go to school
    ("高年级的同学天天管我儿子要零花钱", "我儿子天天找我要零花钱买卡片"),
    ("我女儿每天早上哭着不肯去幼儿园，说有小朋友掐她", "我女儿每天早上都高高兴兴去幼儿园"),
    # a crew counted small, several households hit (not a family, not one household)
    ("包工头欠我们八个人的工钱", "包工头欠我一个人的工钱"),
    ("我们单元五户人家的快递都被偷过", "我家的快递昨天被邻居拿错了"),
    ("We are 20 workers at the warehouse and none of us has been paid", "I work at the warehouse and my pay came one day late"),
    # wounds said plainly (not a broken thing)
    ("我爸的锁骨断了，对方一分钱没赔", "我家的晾衣杆断了，物业说不管"),
    ("我姐胳膊上青一块紫一块，说是被他推的", "我姐最近胳膊有点酸，想去做个理疗"),
    ("My son came home hurt from the club again", "My son came home from the club happy"),
    ("打市长热线少说也有六回了，路灯还是黑的", "打市长热线问了一回，说路灯这周修"),
    ("工地上二十多个钢筋工的工钱都没结", "工地上有个钢筋工问工钱怎么算"),
    ("两个村的人为了水渠放话要见个高低", "两个村的人为了水渠想请镇里来看一看"),
    ("He told me he would sort me out if I complained again", "He told me he would sort out the noise if I complained again"),
    ("The agent said we have to leave by tomorrow", "The agent said we have to leave the keys at the office"),
    ("房东把我们的水阀关了，我爸在做化疗", "物业通知明天关一下水阀换管子，我爸在做化疗"),
    ("已经三天没电了，家里有个坐月子的", "已经三天没电视看了，家里有个坐月子的"),
    ("我给社区打了不下十个电话，井盖还是没人补", "我给社区打了个电话，问井盖什么时候补"),
    ("房东让我们后天之前必须搬走", "房东让我们后天之前把这个月的水费转给他"),
    ("他手被机器压了，断了两根手指", "他的手机摔了，断了两根数据线"),
    ("门上贴了张纸条，写着识相点", "门上贴了张纸条，写着快递放前台"),
    ("The landlord's son said he will deal with us if we complain", "The landlord's son said he will deal with the boiler tomorrow"),
    ("I'm 16 and the restaurant says they owe me nothing for the summer", "I'm 26 and the restaurant says they owe me nothing for the summer"),
    ("二叔拿着奶奶的身份证去办了信用卡，刷完不还", "我拿奶奶的身份证去办高龄补贴，要带什么材料"),
    ("我妈被劝着买了一万八的理疗套餐", "我妈被劝着买了一件两百块的外套，想问能不能退"),
    ("中介限我们明早八点前搬空", "中介说明早八点来看房，让我们把客厅收拾一下"),
    ("The landlord turned off the heating and it's below zero at night", "The landlord will turn off the heating in May when it's warm"),
    ("我妈七十一，照着骗子说的操作，卡里六万多全没了", "我妈七十一，想问问卡里的钱怎么转成定期"),
    # an elder drained (not an elder asking a question)
    ("阿婆被人哄着按了手印，房子给转走了", "阿婆想问一下按手印的委托书要不要公证"),
    ("My grandmother is 84 and a salesman drained her savings", "My grandmother is 84 and wants to open a savings account"),
]


@pytest.mark.parametrize(("serious", "calm"), PAIRS)
def test_high_told_in_prose_and_its_calm_twin(serious: str, calm: str) -> None:
    assert rules_urgency(serious) == "high", serious
    assert rules_urgency(calm) == "normal", calm


def test_a_neighbour_told_again_is_not_a_repeated_report() -> None:
    # Telling the neighbour or the landlord again is an everyday quarrel; the development sets label it normal.
    assert rules_urgency("楼上拖椅子的声音很吵，我上去说了好几次") == "normal"
    assert rules_urgency("楼上拖椅子的声音很吵，我向物业反映了好几次") == "high"


def test_pupils_sold_cigarettes_stays_normal_and_harm_to_a_pupil_is_high() -> None:
    assert rules_urgency("学校门口的小卖部卖烟给学生，能不能查一下") == "normal"
    assert rules_urgency("学校门口有几个大孩子拿我儿子的零花钱，还把他的书包扔进水沟") == "high"
