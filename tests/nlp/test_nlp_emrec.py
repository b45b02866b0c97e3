"""Present dangers the rules missed in the emrec round, and the endings that close a danger told as now.

Recall: a knife held on someone, a child hanging outside a window, a river bank opened, and English: onto a
roof edge, a battery or magnets swallowed, every pill taken, a fall down the stairs with no movement. Each has
a look-alike that must not be a present danger. Endings: a fight parted after "刚才", a collapse already on a
drip, a call asked about under "如果", a teacher's lesson, a rescue told after "还在", a fire smothered; each
has a present twin that must stay present. Every sentence was written for this test; none is in a data file.
"""

from __future__ import annotations

import pytest
from nlp_rules import rules_danger

# (happening now, the look-alike that must not be a present danger)
FOUND = [
    ("金店里有个人拿着匕首逼着店员往袋子里装首饰", "如果歹徒用刀逼着你交钱，应该先保命还是反抗"),
    ("楼下有个小男孩挂在四楼的阳台外面，脚够不着东西", "上周有个小孩挂在阳台外面，被消防员救下来了，想问物业能不能装防护网"),
    ("那孩子两只手扒着窗框，身子已经在外头了", "上回那孩子两只手扒着窗框吊在外面，被邻居拉进来了"),
    ("江堤冲开了一道口子，水哗哗往镇上流", "前年江堤开过一道口子，现在加固好了，想问补偿款的事"),
    ("我舅舅的腿被倒下的货架压着，抽不出来", "去年我舅舅的腿被货架压过一次，骨折住院，现在想问工伤"),
    ("我外婆坐着坐着嘴巴歪起了，话也说不清", "我外婆前年嘴巴歪到一边，医生说是面瘫，现在早好了"),
    ("a man is climbing onto the ledge of the car park roof", "in the movie a man climbs onto the ledge of a building and everyone screams"),
    ("my daughter swallowed two magnets from her brother's toy", "my daughter swallowed a magnet two years ago, it passed, but the toy is still sold"),
    ("I've taken them all, the whole box, sorry", "I took all of my vitamins this morning like the doctor said"),
    ("grandma fell down the stairs and can't move her right leg", "grandma fell down the stairs last winter and couldn't move for weeks, she walks fine now"),
]
# (told as over, asked or taught: not a present danger; its present twin)
CLOSED = [
    ("刚刚小区门口两个人打架，已经被路人劝开了，各自走了", "刚刚小区门口两个人打架，一个人倒在地上不动了"),
    ("我妈刚才在超市晕倒了，现在在医院输着液，医生说是贫血", "我妈刚才在超市晕倒了，叫了半天没反应"),
    ("假如半夜孩子抽搐，是该打120还是自己开车去医院", "孩子半夜抽搐停不下来，我打120了还没来"),
    ("班主任在班会上讲了触电急救的方法，孩子回来考我", "楼下有人触电了，倒在配电箱边上"),
    ("那天拆迁队推房子的时候我外公还在屋里，幸好被邻居拖出来了，现在想问房子的补助", "拆迁队在推房子，我外公还在屋里没出来"),
    ("锅里的油刚才烧起来了，我用湿毛巾捂灭了，就是墙熏黑了", "锅里的油烧起来了，火窜到了橱柜上，灭不掉"),
]


@pytest.mark.parametrize(("now", "look_alike"), FOUND)
def test_present_danger_found(now: str, look_alike: str) -> None:
    assert rules_danger(now) == "present"
    assert rules_danger(look_alike) != "present"


@pytest.mark.parametrize(("closed", "now"), CLOSED)
def test_danger_closed_by_its_ending(closed: str, now: str) -> None:
    assert rules_danger(closed) != "present"
    assert rules_danger(now) == "present"
