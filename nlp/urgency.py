"""Urgency, emergency service and flags: rules on the normalised raw text, then the learned heads.

Why rules first: an emergency the patterns see must never hinge on a statistical guess, and the
patterns must see the words as the resident wrote them, before segmentation can split a cue.
Recall of ``emergency`` comes first, so the cues are broad and only clear evidence cancels one:
a negation just before it in the same clause ("不是打架"), a past-time or resolution marker
("上个月打过一架，已经处理了"), or, for fire and gas, a hypothetical ("万一着火").

Danger, not just urgency: every emergency cue is judged in its clause and sentence as present (an
emergency), over or not real (past, resolved, negated, hypothetical, figurative, a story: no danger),
or open (a quoted threat, habitual violence, a bare cry for help: ``danger="uncertain"``, the resident
is asked whether it is happening now). When in doubt, uncertain: a missed emergency is the worst error.

Why also a model: rules only know the phrasings someone thought of. ``refine`` lets the two
urgency heads of the category model (same features, same dot product, trained on the corpus's
urgency labels) raise a message the rules missed, and lower an emergency that rests only on the
mention of an object (菜刀, 汽油) when the model is very sure. A cancelled cue beats the model.

Where things are, in file order: the emergency cues by number to call (``_EMERGENCY``, grown by three
later blocks: dangers told without the usual cue words, plain everyday wordings, and dangers told by their
signs, relayed, in dialect or English, ``_SIGNS_MORE``); the ``high``
cues; the judgement of one cue, ``_cancelled``, which asks in turn ``_recall_reason`` (what the later
cues alone can get wrong), ``_said_reason`` (negated, figurative, quoted …), ``_frame_reason`` (past,
resolved, hypothetical, a story), ``_habit_reason`` and ``_everyday_reason`` (a report doubted, an
aftermath, a relative's saying), then, for a cue still open, ``_not_incident`` (a lesson, a scam, a
claim after the fact); ``assess``, which runs them all on a text; ``refine``, which adds the learned
heads.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date

from nlp.retrie import LazyPattern, ascii_branches, literal_first, not_after

# --- emergency cues, grouped by the number to call ------------------------------------------------
_SELF_HARM = (
    r"不想活|活不下去|不活了|活着没意思|想死|去死吧我|自杀|轻生|寻死|跳楼|跳河|跳江|跳海|割腕|上吊|"
    r"喝农药|吃安眠药|吞药|安眠药|一了百了|结束自己|了结自己|自残|跳下去|跳下来|往下跳|要跳|想跳|(?:要|想)往[^，,。]{0,4}跳|"
    r"(?:坐|站|爬)[^，,。]{0,6}(?:栏杆|楼顶边|天台边|塔吊|楼顶|天台|窗台外)(?![^，,。]{0,3}(?:乘凉|晒太阳|聊天|喝茶|看星星|拍照))|"
    r"活着[^，,。！？]{0,3}没(?:有)?(?:意思|意义|盼头|劲)|活够了|不如死了|死了算了|想了断|把自己了断|了断自己|"
    r"寻短见|想不开|遗书|(?:天台|楼顶|顶楼|桥上|江边|河边|海边|崖边)[^。！？]{0,12}(?:说再见|说了再见|跟我告别|道别)|遗言|最后一次联系|最后一次跟|最后一条消息|交代后事|永别|下辈子再|对不起(?:爸|妈|家里|你们了|大家了)|(?:跟|对)(?:家里|家人|爸妈|父母|孩子)[^，,。]{0,4}(?:对不起|永别)|不想拖累|"
    r"吞了[^，,。]{0,6}药|喝药|死给(?:你|我|他|她)们?看|(?:拿着|抱着|旁边|边上|喝了)[^，,。]{0,4}农药瓶|劝[^，,。]{0,4}不下来|不肯下来|一整瓶|一瓶药|药都买好|买好了药|攒了[^，,。]{0,4}药|烧炭(?:[^。！？]{0,24}(?:胶带|封(?:死|上|住|好)|堵(?:死|上|住)))?|割手|刀片|划自己|割自己|"
    r"kill myself|killing myself|kill (?:him|her)self|suicid|want to die|end (?:it|my life)|take my (?:own )?life|"
    r"overdos|jump off|bottle of pills|(?:took|taken|swallowed) [^,.]{0,20}pills|(?:took|taken|swallowed) (?:\d+|dozens of|a handful of|a box of|a packet of|all (?:of )?(?:her|his|my|the)) (?:[a-z]+ )?(?:tablets|paracetamol|painkillers|antidepressants|capsules|aspirin|ibuprofen)|locked (?:herself|himself) in|"
    r"(?:站|企|坐|爬)(?:在|喺|咗喺|咗|到|上)?[^，,。]{0,8}(?:围栏|护栏|栏杆|窗台|楼顶|天台|屋顶|顶楼)[^，,。]{0,2}(?:外面|外边|外头|出面|边上|边缘|边沿|外侧)|"
    r"(?:顶|台(?<=天台))[^，,。]{0,8}(?:坐|站|企)(?:在|喺)?(?:最)?边(?:上|缘|沿)|(?:爬|翻)(?:到|出|上)?了?[^，,。]{0,3}(?:窗外|窗户外|空调架|防盗网外|阳台外|栏杆外)|"
    r"(?:往|朝)[^，,。]{0,4}(?:水|河|江|海|湖)(?:里|中|深处)(?:走|去)|bu ?xiang ?huo|"
    r"on the (?:ledge|parapet|roof edge|edge of the (?:roof|building|bridge))|walk(?:ed|ing)? into the (?:sea|river|water|lake)|"
    # told by what is seen now (emcorpus round): pills or poison swallowed, a charcoal basin, a farewell,
    # someone outside a railing or parapet, a bathroom locked from inside
    r"药[^，,。]{0,8}(?:全部|全都|全|一把)[^，,。]{0,5}(?:吃|吞)(?:了|下|掉)|(?:吃|吞)(?:了|下|掉)[^，,。]{0,3}(?:一把|一大把|整瓶|一整瓶|整板|一整板|整盒|一整盒|几十片)[^，,。]{0,4}药|"
    r"(?:喝|吞|吃)(?:了|下)?[^，,。]{0,4}(?:除草剂|百草枯|敌敌畏|老鼠药|杀虫剂|草甘膦|洁厕灵)(?!味|残留)|药[^，,。]{0,3}(?:已经)?吞下去|"
    r"(?:点|烧|生)了?[^，,。]{0,3}(?:一盆|一盘|一炉|盆)炭|这辈子(?:就)?(?:到这了|到这儿了|到此为止)|"
    r"(?:围栏|护栏|栏杆|窗台|阳台|天台|楼顶|女儿墙)的?(?:外侧|外沿|边沿|边缘)[^，,。]{0,4}(?:坐|站|蹲|企)|"
    r"(?:站|坐|蹲|企)(?:在|喺)?[^，,。]{0,6}(?:阳台|女儿墙|楼顶|天台|窗台)的?(?:外沿|外侧)|(?:腿|脚)[^，,。]{0,3}(?:悬在|悬空在?|吊在)(?:外面|外边|外头|半空|空中|窗外|楼外)|"
    r"把自己(?:反)?(?:锁|关)在[^，,。]{0,4}(?:浴室|卫生间|厕所|洗手间)"
)
_MEDICAL = (
    r"晕倒|昏倒|昏迷|不省人事|没有呼吸|没呼吸|没气了|心脏病发|心梗|脑溢血|中风了|抽搐|口吐白沫|大出血|"
    r"流了好多血|流了很多血|血流不止|在流血|出血了|头破了|流着血|满身是血|一地血|流血|(?:全是|都是|一头|满头是?|满脸是?)血(?![印迹压糖型管])|躺着不动|倒在地上|倒地不起|躺在[^，,。]{0,6}不动|"
    r"不动了|一动不动|不动弹|(?:喊|叫)(?:他|她|了)?[^，,。]{0,3}(?:没动静|没有动静)|喘不上气|喘不过气|下药(?!店|房|铺|材|方)|叫救护车|快叫120|打120|叫不醒|喊不醒|叫不应|没(?:有)?反应了|"
    r"(?:躺|倒|趴)[^，,。]{0,6}没(?:有)?反应|发紫|昏过去|晕过去|晕了过去|昏死|突然倒下|倒下了|倒地|爬不起来|"
    r"起不来了|站不起来了|嘴歪|口眼歪斜|半边(?:身子|身体)(?:动不了|不能动|麻了)|"
    r"突然[^，,。]{0,6}说不出话|(?:摔|跌)(?:倒|在|了|亲)[^，,。]{0,4}(?:起不来|动不了)|压着(?:个|一个)?人|压在下面|压在[^，,。]{0,4}下面|埋在下面|被埋|砸中了(?:一个|人|他|她|路)|砸到了(?:一个|人|头)|"
    r"心口疼|胸口疼|胸口痛|胸痛|喘不上来|头着地|(?:突然|倒下|倒在地上|晕|叫他|喊他|叫她|喊她)[^，,。]{0,6}不说话|血流了|流了一地|从[^，,。]{0,6}(?:摔|掉|跌|坠)下来|坠楼|"
    r"卡在[^，,。]{0,6}出不来|翻(?:到|进|在)[^，,。]{0,3}(?:沟|河|塘|崖)|触电|被电(?!动|瓶|驴|车|话|视|信|费|网|商|梯|影|脑|饭|扇|子)|电到了|电死|电晕|(?:轧|卷|绞|夹)(?:住|进|在)(?!中间)|被压住|压住了|被压在|"
    r"unconscious|not breathing|fainted|heart attack|ambulance|collapsed|passed out|unresponsive|electrocut|bleeding|"
    r"没(?:有)?(?:在)?(?:喘气|出气|心跳|脉搏|气息|呼息)|不(?:喘气了|会呼(?:吸|息))|胸口没(?:有)?(?:起伏|动)|(?:呼(?:吸|息)|心跳)(?:都)?(?:没了|停了|很弱|越来越弱)|"
    r"无(?:醒|气了)|叫[^，,。]{0,2}(?:无应|唔醒)|误(?:吃|服|食|喝|吞)了?[^，,。]{0,8}(?:药|消毒水|洗衣液|洗洁精|清洁剂|洁厕|电池|漂白|酒精|杀虫)|"
    # Cantonese and pinyin (emrec10): 冇咗呼吸, 冇晒反应, 血流唔停, "mei you hu xi"
    r"冇(?:咗|晒)?(?:呼吸|气(?!味|压|氛)|脉)|(?:吃|吞|喝|食|饮)(?:了|咗|下|进|掉)[^，,。]{0,4}(?:洗衣(?:凝)?珠|洗衣液|漂白(?:水|剂)|消毒(?:水|液)|洁厕(?:灵|剂)|纽扣电池|电池|磁铁|磁珠|水银)|"
    r"(?:倒|躺|趴)[^，,。]{0,6}(?:无动|冇郁)|(?:fell|collapsed|lying|hit|knocked)[^.]{0,30}(?:not|isn'?t) moving|(?:baby|toddler|kid|child|infant)[^,.]{0,6}(?:left|locked|alone|stuck) (?:alone )?in (?:a|the|his|her|their) (?:hot )?car|出(?:了|咗)?(?:很多|好多|一大滩|一大摊|大量)(?:的)?血|流咗好多血|透唔(?:到|过)气|(?:抖|唞|喘)唔(?:到|过)气|喘(?:无|不)过气|喘(?:到|得)(?:好|很|勁)辛苦|"
    r"(?:叫|喊|嗌|拍|摇)[^，,。]{0,3}(?:冇|无)反应|(?:躺|瞓|跌|倒|趴)[^，,。]{0,6}(?:郁唔到|唔识郁|郁都唔郁|动无了|动无得)|(?:出|流|标)紧血|标血|晕低(?!咗)|心口(?:好|很|勁|突然)痛|心口痛到|遇溺|冇(?:咗|晒)反应|血[^，,。]{0,2}(?:流唔停|止唔(?:到|住)|唔停)|mei ?you ?hu ?xi|(?:yun|hun) ?dao ?(?:le|la|zai)|hu ?xi ?mei ?(?:le|you)|"
    r"(?:cut|slit|slashed) (?:her|his|my|their) wrists?|blood (?:everywhere|all over (?:the|her|him|his))|喊[^，,。]{0,2}唔醒|气都无|快叫车来|倒(?:了)?下去|埋在[^，,。]{0,4}(?:砖|土|废墟|瓦)|被卡在|瘫在地上|压在车轮下|卷进车轮|冲(?:上了?人行道|进人群)|晕低咗|"
    r"n'?t breathing|no pulse|n'?t wake up|can'?t wake (?:him|her|them)|jiao ?bu ?xing|"
    # signs seen now (emcorpus round): blue lips, no response to a shake, no rising chest, choking,
    # a seizure, a stroke, a snakebite, a throat closing, confusion
    r"(?:嘴唇|嘴巴|脸|脸色)[^，,。]{0,3}(?:发乌|乌青|青紫|发青)|(?:拍|摇|推|叫|喊|掐|嗌)了?(?:他|她|佢|伊)(?:几下|半天|好几声|几声)?[^，,。]{0,2}(?:都|也)?(?:没|无|唔|不)(?:有)?(?:声音|反应|动静|应|醒|睁眼)|"
    r"(?:拍|叫|喊|嗌|摇)[^，,。]{0,3}唔(?:应|醒|郁)|(?:喊|叫)伊[^，,。]{0,2}(?:无应|无声|无醒)|看不(?:出|到|见)[^，,。]{0,3}(?:起伏|喘气|出气)|胸口[^，,。]{0,3}(?:看不出|不见)[^，,。]{0,2}起伏|"
    r"噎住|呛住|卡(?<!刺卡)(?<!头卡)(?:在|住)?[^，,。]{0,2}(?:喉咙|嗓子|气管)|(?:嗓子|喉咙)[^，,。]{0,2}(?:发紧|肿了|肿得|堵住)|眼睛(?:往上|直)翻|直翻白眼|(?:手脚|浑身|全身|身子)[^，,。]{0,2}一抽一抽|一抽一抽[^，,。]{0,4}停不下来|抽(?<!烟抽)个不停|"
    r"(?:半边|半张)脸[^，,。]{0,4}(?:垮|歪|塌|麻|动不了)|被[^，,。]{0,4}蛇咬|俾蛇咬|毒蛇咬|神志不清|意识不清|意识模糊|叫不太醒|喊不太醒|"
    r"压在车底下|压在(?:车轮|轮子|轮胎)(?:底下|下面)|压在底下(?:了|动不了|出不来)|(?:被|把)[^，,。]{0,10}压在(?:车)?底下|(?:痴呆|认知障碍|阿尔茨海默)[^。！？怕担防万]{0,30}(?:没回来|没回家|找不到|不见了|走丢|联系不上)|"
    r"lips (?:are |look |turning |went )?(?:blue|purple|grey)|chest (?:isn'?t|is not|not|stopped) (?:moving|rising)|choking|seizure|(?:shaking|jerking|twitching) (?:all over )?on the (?:floor|ground)|snake ?bite|bitten by a snake|face down in"
)
_FIRE = (
    r"着火|起火|失火|救火(?![队员车站])|火灾|烧起来|烧着了|冒烟|冒黑烟|浓烟|火很大|大火|火苗|爆炸|炸了|冒火花|焦味|烧焦|"
    r"煤气味|燃气味|天然气味|煤气泄漏|燃气泄漏|天然气泄漏|液化气泄漏|漏气|气味很[重大浓]|"
    r"被困|困在|关在电梯|卡在电梯|困电梯|出不来了|溺水|落水(?!管)|掉进水|掉进河|掉河里|掉水里|"
    r"水管爆|爆管|电线[^，,。]{0,4}(?:冒|闪|烧|断了|掉下|掉在|落在)|灯[^，,。]{0,3}闪|电梯(?:(?!的?事|项目|审批|手续|方案)[^，,。]){0,8}(?:卡住|卡在|困住|停在|冲顶|下坠|往下掉|往下滑|下滑)|还在里面(?![放摆堆装养种住开])|"
    r"(?:煤气|燃气|天然气|液化气|瓦斯)(?:罐|瓶|管|管道|灶|阀门)?[^，,。]{0,2}(?:味|气味|泄|漏)|嘶嘶|臭鸡蛋味|"
    r"火[^，,。]{0,2}(?:窜|蹿)|沉(?:到|在)水底|烟[^，,。]{0,4}(?:往上冒|冒出来|窜|蹿)|冒着烟|着了火|烧着|"
    r"塌了|倒塌|坍塌|塌下来|塌方|巨响|侧翻|翻车|里面有人在喊|有人在喊|(?:人|还有人|孩子|小孩|老人|他|她)[^，,。]{0,3}出不来|里面还有人|"
    r"(?:人|奶奶|爷爷|老人|孩子|小孩|他|她|妈|爸|家人|老婆|老公|姥姥|外婆|外公)[^，,。]{0,8}(?:没出来|还在屋里(?![充住睡看玩吃做干打抽])|困在|不肯出来)|"
    r"(?:掉|跌)(?:进|到|入|下|落)[^，,。]{0,6}(?:水|河|湖|塘|海|井|江|沟|池|潭)|(?:水|河|湖|塘|海|井|江|池)里[^，,。]{0,6}掉下去|"
    r"扑腾|被(?:水|浪|海浪|洪水)?冲走|漫坝|溃坝|垮坝|(?:人|人家|户|老人|孩子|小孩|村民|家人|他们|她们)[^，,。]{0,4}还没(?:有)?(?:撤|跑|逃|救|疏散)出来|"
    r"微弱的?(?:敲(?:墙|门|地|打)声?|呼救声?|喊(?:叫)?声|呻吟声?)|沉下去|淹到[^，,。]{0,3}(?:腰|脖子|胸)|呛水|"
    r"fire\b(?! exit| escape| door| extinguisher| alarm| drill| sale| brigade| department| station| service| safety| hazard| code| inspection| insurance| regulation| rule| prevention| blanket| truck| engine)|on fire|flames|smoke (?:is |was )?(?:pouring|coming|billowing|filling|everywhere)|"
    r"smells? (?:of )?gas|can'?t get up(?![a-z])|cannot get up(?![a-z])|lying on the [a-z ]{0,12}floor|gas smell|gas leak|trapped|burning|explosion|drowning|collaps|"
    r"火(?:烛|烧厝|烧屋|势|[^，,。]{0,4}(?:烧到|烧过来|蔓延))|着(?:紧火|咗火|伙了)|起(?:咗火|伙了)|烧紧|冒(?:紧烟|大烟|一冒)|沉一浮|水(?:里|中)挣扎|"
    r"烟(?:(?<=[浓黑大]烟)|雾)[^，,。]{0,4}(?:往楼上|往上冲|冲上来|灌进|涌进|门缝)|缝[^，,。]{0,6}(?:浓烟|黑烟|烟雾|冒烟|冒出烟|进烟)|(?:燃(?:汽|器)|煤汽)[^，,。]{0,2}(?:味|泄|漏)|"
    r"出唔(?:到(?!粮)|去)|落唔到|(?:下去|下水|跳下去|潜下去)[^，,。]{0,2}(?:就|后|以后|之后)?(?:再)?(?:也)?没(?:有)?(?:再)?(?:上来|浮上来|冒上来)|(?:塌|冧)(?:咗)?落嚟|吊(?:喺|在)半空|连人(?:带车)?(?:掉|跌|冲|翻)(?:咗)?(?:下去|进|落|到)|漫过(?:了)?(?:堤|坝|河堤|堤坝|大堤|桥面)|(?:老人|村民|孩子|小孩|居民|好多人|几户|人)[^，,。]{0,4}还没(?:有)?(?:撤|撤离|转移|疏散)(?![^，,。]{0,2}(?:计划|方案|通知|的))|冒出(?:了|咗)?(?:很多|好多|大量|一股股|滚滚|浓浓)(?:的)?(?:黑|白)?烟|(?:入面|里面|里头|屋里)仲有(?:人|个)|压住咗|(?:跌|掉|碌)咗落[^，,。]{0,3}(?:水|河|海|池|塘|井|坑|沟)|(?:浮|冒)唔(?:起身|上嚟|返上嚟)|冇(?:再)?(?:浮|冒)(?:返)?上嚟|无(?:浮|冒)起来|"
    r"(?:沉|落水|下水|下去|潜|水|塘|河|海)[^。！？]{0,10}(?:无上来|无起来|冇上嚟)|(?:出海|赶海|下海|落海|去海边|去河边|去塘边|游水|游泳)[^。！？]{0,16}(?:无转来|无回来|冇返嚟|无上来|冇上嚟)|走唔(?:到|甩)|困(?:住咗|咗|喺)|卡喺(?<=[人机佢仔女路公婆]卡喺)|"
    r"漂(?:走|远)了|越漂越远|往(?:(?:外|深处|海里)漂|下(?:掉|砸)(?:玻璃|钢管|钢筋))|正(?:在)?往下(?:掉|砸|落)|"
    r"浪[^，,。]{0,3}(?:卷|冲|拖)(?:走|下去)|洪水[^，,。]{0,3}(?:卷|冲)(?:走|下去)|被水[^，,。]{0,2}(?:卷|冲)走|"
    r"挂在[^，,。]{0,6}(?:外机|栏杆外|阳台外)|快要?掉下去|(?:拉|抓|拽|扯|揪)(?:着|住)(?:她|他|孩子|小孩|老人|人|女儿|儿子)[^，,。]{0,3}不敢(?:松手|放手|撒手)|绳断(?<=安全绳断)|zhao ?(?:huo|火|起|qi ?lai)|"
    r"f(?:ell|allen) in(?:to)? (?:the )?(?:water|river|pond|lake|pool|sea|well)|coming (?:up(?<=n't coming up)|back up(?<=n't coming back up))|swept away|"
    r"can(?:'?t|not) get out of (?:the |my |our )?(?:flat|house|room|building|apartment|car|lift|elevator)|full of smoke|spark(?:ing|s (?:coming|flying))|"
    # seen now (emcorpus round): a red glow, smoke pouring up a stairwell, sparks, a wildfire, a mudslide,
    # water up to a car door, a car in a river, a lift door pried from inside, a body face down in water
    r"(?:窜|冒|透)(?:出)?[^，,。]{0,2}(?:红光|火光)|闪[^，,。]{0,2}火光|烟雾报警器[^，,。]{0,4}(?:一直|响个不停|叫个不停)|全是[^，,。]{0,4}烟(?<![油抽香吸手]烟)(?![头蒂味盒灰花])|"
    r"烟(?<![油抽香吸手]烟)[^，,。]{0,6}涌|(?:喷|溅|迸)[^，,。]{0,2}火星|山火|林火|泥石流|山体滑坡|山[^，,。]{0,3}往下(?:溜|滑|冲|垮)|石头[^，,。]{0,4}(?:滚下来|往下滚)|"
    r"脸(?<!练脸)朝下[^，,。]{0,3}(?:漂|浮|趴在水)|没(?:有)?(?:浮|冒)上来|水[^，,。]{0,4}(?:涨到|漫到|没过)[^，,。]{0,4}(?:腰|胸|脖子|车门|车窗|车顶|膝盖)|被(?:水|洪水|大水)冲得|"
    r"(?:车|人|孩子|小孩|老人|他|她)[^，,。的]{0,4}(?:冲|开|栽|滑|翻|掉)(?:进|到|下)(?:了)?[^，,。]{0,3}(?:河|江|海|湖|水库|水塘|池塘|鱼塘)(?:里|中)|电梯[^。！？]{0,20}(?:门扒不开|扒不开门)|"
    r"capsiz(?:ed|ing)|(?:someone|somebody|he|she|they|man|woman|boy|girl|kid|child|person|people|worker|driver|baby)s? (?:is |are |got )?(?:still )?(?:stuck|trapped|pinned) underneath|(?:room|flat|corridor|hallway|stairwell|stairs|house|building|lift|classroom|bedroom|bus|shop|warehouse|office|basement|garage) (?:is |was )?(?:filling|filled|fills) (?:up )?with (?:smoke|fumes)|"
    r"(?:people|workers|kids|children|students|passengers|customers)[^,.]{0,20}(?:fainting|passing out)|coughing and (?:falling|collapsing|choking)|(?:screaming|crying|banging) (?:inside|in) (?:the |a )?(?:locked |hot )?car|locked (?:inside|in) (?:the |a )?(?:hot )?car|"
    r"(?:people|workers?|someone|somebody|men|man|woman|kids?|children|child|boy|girl|person)(?: is| are)?(?: still)?(?: trapped| stuck| lying| pinned| buried)? under (?:the |a )?(?:poles|scaffold(?:ing)?|rubble|debris|beams?|fallen|collapsed)|"
    # trapped, pinned or buried under a vehicle, a seat, a tree, a shelf (not "stuck" or "lying": a ball, a nap)
    r"(?:people|workers?|someone|somebody|men|man|woman|kids?|children|child|boy|girl|person|driver|passenger|rider|baby)(?: is| are| got| was)?(?: still)? (?:trapped|pinned|buried) under (?:the |a |his |her |their )?(?:seats?|car|bus|van|truck|lorry|tree|wall|shelf|shelves|rack|machine|motorbike|scooter|tractor|forklift|roof)\b|"
    r"(?:poured|pouring|splashed|splashing|spilled|doused)[^,.]{0,20}(?:petrol|gasoline|kerosene)|smell(?:s|ing)? (?:of )?(?:petrol|gasoline) (?:in|on|all over) (?:the |our |my )?(?:stairwell|stairs|hallway|corridor|flat|building|house|room)|"
    r"(?:people|someone|somebody|person|man|woman|kid|child|boy|girl|swimmer)s? (?:is |are )?(?:still )?in the water (?:waving|screaming|shouting|struggling|calling|crying)|struggling in the water|"
    r"glowing (?:orange|red)|(?:smoke|fire) alarm (?:won'?t stop|keeps|is going off)|stuck in (?:the |a )?(?:lift|elevator)|(?:lift|elevator) (?:dropped|fell|plunged)"
)
_VIOLENCE = (
    r"打(?:人|我|他|她|孩子|小孩|老婆|老公|老人|妈|爸|奶奶|爷爷|一个(?![^，,。]{0,3}(?:电话|车|招呼|分|折|包|针|比方|卡|喷嚏|哈欠))|学生)|(?:正|还)?在打(?!桩|电话|过去|给|回|游戏|牌|麻将|扫|工|针|球|字|印|卡|听|算|不|着石膏|石膏|点滴|吊针|吊瓶)|"
    r"打起来|打架|打交|打紧(?!麻将|牌|机|波|游戏|电话|工|针|字|卡|球|边炉|斋)|打劫|(?:斩|劈|砍|捅|劏)紧|追住[^，,。]{0,4}(?:斩|劈|砍|捅|打)|(?:俾|畀)人?绑(?:咗|住)|绑咗喺|(?:阿公|阿婆|阿嬷|阿嫲|阿爸|阿妈|阿伯|老人|爷爷|奶奶|外公|外婆|老爸|老妈)[^。！？]{0,20}(?:无转来|冇返嚟|没回来|没回家)[^。！？]{0,12}(?:打无通|打不通|打唔通|关机|无人接|没人接|冇人听)|(?:开车|驾车|揸车)[^，,。]{0,3}撞(?:人|我|他|她)|na ?dao ?(?:kan|zhui|ci)|zai ?kan ?ren|揸(?:住|着)?[^，,。]{0,2}刀|斩人|劏人|群架|斗殴|殴打|围殴|群殴|围着[^，,。]{0,6}打|动手了|动刀|拿刀|持刀|举着刀|拿着[^，,。]{0,3}刀|菜刀|砍刀|水果刀|刀子|匕首|"
    r"(?:拿着|拿|抄起|操起|抓起|举着|举起|挥着|挥舞|抡着|抡起|抡|拎着|拎|扛着|提着|握着|掏出|带着|带)[^，,。]{0,4}"
    r"(?:棍|棒|钢管|铁棍|铁通|铁枝|铁尺|水喉通|啤酒瓶|酒瓶|瓶子|砖|石头|锤|斧|铁锹|锄头|镰刀|扁担|凳|椅子|剪刀|枪|刀|扳手|皮带|铁勺|勺|锅|秤砣|铁链|叉)|一把刀|砍人|砍我|砍伤|追着[^，,。]{0,4}砍|对砍|互砍|捅人|捅了|捅伤|杀人|杀了|要杀|杀你|杀我|杀全家|"
    r"(?:砍|斩|捅|弄|打|杀|掐|勒|整|搞|烧|毒)死|掐脖子|掐(?:我|他|她|孩子)|卸[^，,。]{0,3}(?:胳膊|腿)|掐着[^，,。]{0,3}脖子|要(?:你|我|他|她)的?命|"
    r"互殴|扭打|厮打|撕打|打成一团|扭在一起|拳打脚踢|扇耳光|扇巴掌|打耳光|扇[^，,。]{0,2}耳光|毒打|暴打|揍(?:我|他|她|人)|在揍|"
    r"抽(?:我|他|她|孩子)|砸(?:人|我|他|她)(?!家)|往[^，,。]{0,6}(?:头上|脸上|身上)(?:砸|打|捅|泼|砍)|推倒在地|推到地上|打倒在地|(?:踹|踢)(?:倒|翻)(?:了)?(?:我|他|她|人|在)|"
    r"见红|见血|血[^，,。]{0,3}(?:直流|止不住|一直|还在)|撞飞|卷到车底|压在车底|"
    r"同归于尽|拿着枪|有枪|持枪|开枪|枪声|绑架|劫持|抢劫|抢了我|抢了[^，,。]{0,3}(?:包|手机|钱|项链)|被抢|飞车抢|抢包|"
    r"(?:拖|拽|塞|架|押|绑|拉|推)(?:上|进)[^，,。]{0,6}车|要把孩子(?:接走|带走|抢走)|把孩子(?:抢走|抱走)|"
    r"(?:派人|快)[^，,。]{0,3}拦住|等(?:她|他|我)[^，,。]{0,4}(?:拿|交|送)[^，,。]{0,4}(?:银行卡|密码|现金)|(?:拖|拽)进|(?:架|绑|掳)走|往外(?:拖|拽)|(?:拖|拽)出(?:来|去)|"
    r"(?:堵|围|按|摁|拖)(?:在|到)[^，,。]{0,6}(?:打(?!电话|招呼|卡|车|游戏|牌)|踢|揍)|磕破|头破|"
    r"追着[^，,。]{0,3}(?:女|男|人|我|他|她|孩子)(?!要|讨|催|叫|吠|狂|乱|汪|推销|推|卖|发传单|问)|强行带走|绑走|掳走|"
    r"把(?:我|我们|他|她|人|孩子|我和孩子)[^，,。]{0,3}(?:反锁|锁|关)(?:在|起来)|(?:锁|关)在[^，,。]{0,6}不让(?:出|走)|非法拘禁|囚禁|"
    r"扒[^，,。]{0,6}(?:窗|防盗|门)|翻窗|爬窗|(?:在|正在|还在)偷(?!用|接|懒|看|吃|听|拍|电|水|网|跑)|(?:小偷|贼)[^，,。]{0,2}(?:还在|正在)|翻东西|扔我(?:的)?东西|"
    r"汽油|纵火|烧了(?:我家|你家|他家|房子)|闯进|破门|撬门|撬(?:锁|开|窗|防盗)(?!了|过)(?<!被撬锁)(?<!被撬开)|(?:正在|还在)[^，,。]{0,6}撬|撬我家|撬了我|在撬|砸门|踹门|踢门|砸我家|砸东西|摔东西|乱砸|在砸|咬人|咬倒|冲进(?:我家|屋|来|家里|店里|房间|院子)|冲到我家|翻墙进|翻进|爬进|互砸|躺在地上|躺地上|"
    r"(?:躲|藏)(?:在|进)(?:厕所|卫生间|房间|屋里|柜子|阳台|车里|里面|床底)|"
    r"撕票|(?:在|落在)(?:他|我们|他们)手上|绑在|赎人|去赎|拿钱赎|要压人|压死|闯到|按在|掐住|掐着|勒住|往外推|推我|拽我|"
    r"(?:叫|喊|找)了?(?:人|几个人|一帮人|一伙人|兄弟)[^，,。]{0,3}(?:过来|来)[^，,。]{0,2}(?:弄|打|砍|收拾|揍|堵)|"
    r"(?:手里|手上|身上)(?:有|拿着|拿|揣着)(?:刀|枪|棍|砍刀|匕首)|(?:头|脑袋)(?:往|朝)(?:墙|地|柱子|桌角|门)上?(?:撞|磕|砸)(?!着?玩)|(?:烟头|开水|熨斗|烙铁)[^，,。]{0,2}烫(?:我|他|她|孩子|人)|把(?:刀|枪|匕首|砍刀|菜刀|水果刀)(?:子)?(?:掏|亮|拔|抽)出来(?![^，,。]{0,3}(?:切|削|剁|剖|修|杀(?:鱼|鸡)|砍(?:柴|骨|树)))|"
    r"救命|家暴|泼硫酸|浇汽油|放火|推[^，,。]{0,4}房子|(?:开始|正在|已经在)(?:推|拆|铲|砸)[^，,。]{0,3}(?:房|墙|院|屋)|"
    r"(?:孩子|儿子|女儿|小孩|闺女|孙子|孙女|男孩|女孩|伢儿|伢子|娃儿|娃子|(?:我|俺|我们)家娃|囡囡|细路|(?:我|佢|你)(?:个|嘅)(?:仔|女))[^。！？]{0,30}"
    r"(?:没回家|没回来|没到家|没找到|不见了|联系不上|失联|找不到了|(?<![说讲])找不到人|找不着|走丢|没影|不见人影|人也不在|打不通|唔见咗(?![个只条部张本啲])|揾唔到(?![工嘢位车])(?:佢|人)?)|"
    r"上了[^，,。]{0,6}陌生(?:人|男人|女人)的车|陌生人(?:带走|抱走|领走)|"
    r"(?:孩子|小孩)丢了|走丢了|被拐|拐走|找了[^，,。]{0,6}(?:小时|钟头)|(?:小时|钟头)了?[^，,。]{0,4}(?:找不到|没找到|找不着)|"
    r"(?:一转眼|一眨眼)[^，,。]{0,6}(?:不见|没了|没影)|(?:自称|不认识的|陌生)[^，,。]{0,10}(?:接走|带走|领走|抱走)|(?:孩子|小孩|儿子|女儿)被[^，,。]{0,10}(?:领走|抱走|带走|接走)|"
    r"跟着我(?!住|生活|过|长大|读书|上学|一起)(?![^，,。]{1,4}(?:住|生活|过日子|长大|读书|上学))|跟踪我|尾随|(?:追着|围着|扑)[^，,。]{0,8}咬|在咬|强奸|性侵|猥亵|"
    r"attack|stab|knife|machete|gun\b|waving (?:a |the |an )?(?:broken )?(?:bottle|blade|bat|pipe|machete|stick) at |(?:holding|waving|swinging|brandishing|(?:'s|has|have) got) (?:an? |his |her |a big )?(?:axe|hatchet|cleaver|hammer|crowbar|baseball bat|metal pipe|iron bar)\b|with an? (?:axe|hatchet|cleaver)\b|force (?:open|the door)|forcing(?! (?:us|me|them|residents|owners|tenants|people) to)|hiding in|beating|hitting me|punching|kicking me(?! out)|kidnap|following me|chasing|"
    r"broke into|breaking into|break-in|intruder|robbed|robbery|mugged|assault|kill (?:me|us|you|him|her)|help me|help!|sos\b|"
    # taken into a vehicle, acid thrown: the English of 往车里塞 and 泼硫酸
    r"(?:pulled|dragged|pushed|forced|bundled|grabbed|snatched|shoved)(?: [a-z]+){0,3} (?:girl|boy|kid|child|toddler|woman|daughter|son)s? into (?:a |the |his |their |an )?(?:[a-z]+ )?(?:van|car|truck|vehicle)|"
    r"(?:threw|thrown|throwing|splashed) acid|acid attack|"
    r"劈(?:友|人|死)|追斩|郁手|爆格|刣(?:死|人)|踹[^，,。]{0,3}门|撞门|惨叫|要撞(?:我|人|死)|才放(?:我|我们|人|他|她)(?:走|出去|离开|回去)|不放(?:我|我们)(?:走|出去)|"
    r"(?:朝|往)(?:我|我们|人|人群|他|她)[^，,。]{0,2}(?:冲过来|撞过来|开过来)|挖掘机[^，,。]{0,6}(?:往前开|压过来|冲过来|铲过来)|躺在(?:挖掘机|铲车|推土机)|"
    r"被(?<=[我们人他她子爸妈婆公儿]被)[^，,。]{0,6}(?:关|锁|反锁|困)在(?![^，,。]{0,4}外)|跟(?:宗|纵)(?:我|着我)|被[^，,。]{0,5}跟(?:踪|宗|纵)|往[^，,。]{0,4}车里(?:拖|拽|塞|推)|往[^，,。]{0,5}车上(?:拉|拖|拽|塞|推|抱)|皮带[^，,。]{0,2}抽|hitting (?:his|her|my) |陌生[^，,。]{0,4}(?:把|将)[^，,。]{0,6}(?:抱|拉|拽|拖|塞)(?:上|进|走)|"
    r"kuai ?lai ?ren|zai ?da ?(?:jia|ren)|qiang ?(?:jie|劫)|jiu ?(?:ming|命)|"
    r"gone missing|can'?t find (?:my|our) (?:son|daughter|kid|child|boy|girl)|kick(?:ing|ed)? (?:in )?(?:the|my|our) door|"
    r"into(?:(?<=kid into)|(?<=boy into)|(?<=girl into)|(?<=child into)|(?<=woman into)) (?:the back of )?(?:a |the )?(?:van|car|truck)|"
    # seen or heard now (emcorpus round): a lock worked at night, something pressed into a back, a car
    # driven at someone, a person dragged, held and not let out, screams with breaking glass, a climber
    r"有人[^，,。]{0,6}(?:捅|拨|撬|拧|捣鼓)[^，,。]{0,4}(?:门锁|锁眼|锁芯|门把手)|(?:顶|抵)(?:着|住)[^，,。]{0,6}(?:的)?(?:腰|后背|后腰|脖子|太阳穴|脑袋)|"
    r"(?:朝|往|对着|冲着)(?:我|我们|人|人群|他|她|那个人|那人|行人|路人)[^，,。]{0,4}(?:冲过去|撞过去|开过去|轧过去|碾过去)|"
    r"(?:拖|拽|挂)着(?:一个)?人[^，,。]{0,4}(?:跑|开|走)|(?:卡|挂|卷)在车(?:底|下面)|"
    r"(?:堵|关|锁|困|拦)[^，,。]{0,8}不让(?:我|我们|人)?(?:出门|出去|走|离开)|把(?:我|我们|他们)几个[^，,。]{0,5}(?:反锁|锁|关)(?:在|起来)|"
    r"尖叫[^。！？]{0,12}(?:玻璃|碎|砸|撞)|(?:玻璃|碗|盘子)[^，,。]{0,3}碎[^。！？]{0,12}尖叫|揸(?:住|着)?[^，,。]{0,2}(?:铁通|铁棍|棍|斧|枪)|(?:喺|在)[^，,。茶泡杯瓷釉烧]{0,4}开片|"
    r"(?:顺着|沿着|爬(?!满))[^，,。]{0,3}(?:水管|排水管|落水管)|(?:车里|车内)(?:锁|关|困)着[^，,。]{0,6}(?:孩子|小孩|娃|宝宝|婴儿)|(?:孩子|小孩|娃|宝宝|婴儿)[^，,。把]{0,3}(?:锁|关|困)在车里|"
    r"(?:陌生人|不认识的人|车上的人|那个男的|那个女的|那人)[^，,。]{0,6}(?:让|叫|哄|拉|招手)[^，,。]{0,4}上(?:车|去(?!看|坐|玩|拿))|"
    r"na ?zhe ?(?:dao|gun|qiang|bang)|zhui ?(?:zhe ?)?ren|"
    r"climbing (?:up )?the (?:drainpipe|drain pipe|wall|balcony)|climbing (?:in|into|through) (?:the|a|my|our) window|dragging (?:a |someone|him|her)|pick(?:ing)? (?:the|my|our) lock"
)
# The formal register of a hotline operator's work order: "持械伤人", "用枪指着", "传来呼救声", "非法限制
# 人身自由", "至今未归 / 下落不明", "突发疾病 / 呼之不应 / 请求120", "发生火情 / 明火未灭", "人员被埋" name the same
# present dangers as the chat words above, which such a record seldom uses.
_FORMAL_VIOLENCE = (
    r"持械(?:伤人|打人|行凶|威胁|闹事|斗殴|冲进|闯入)|(?:用|举着?|端着?)(?:枪|猎枪|刀|匕首)[^，,。]{0,2}(?:指着|对着|顶着|抵着|逼着)|"
    r"枪口?(?:指着|对着|顶着|抵着)|(?:传来|传出|听到|听见)[^，,。]{0,6}(?:呼救|求救|打砸|惨叫|哭喊)声|非法限制[^，,。]{0,4}人身自由|"
    r"(?:至今|仍|还|一直)(?:仍|还)?(?:未归|未回家|未回来|下落不明|去向不明)|"
    r"(?:走失|走丢|离家|出门|放学|孩子|儿子|女儿|小孩|老人|父亲|母亲|爷爷|奶奶|外公|外婆)[^。！？]{0,16}(?:下落|去向|行踪)不明|"
    r"手持[^，,。]{0,3}(?:酒瓶|瓶子|棍|棒|钢管|铁管|砖|锤|斧|铁锹|锄头|镰刀|凳|剪刀|枪|刀|扳手|凶器)|持(?:棍|棒|钢管|铁棍|斧|锤|凶器)(?!证)|家庭暴力|"
    r"(?:儿童|孩子|小孩|婴儿|幼儿|宝宝|老人)[^，,。把]{0,4}(?:锁|关|困)在(?:车|车辆)(?:内|里)"
)
_FORMAL_MEDICAL = (
    r"突发(?:疾病|急病|心脏病|心梗|脑梗|脑溢血|昏厥|抽搐)|昏厥|休克|意识丧失|呼之不应|心跳骤停|心脏骤停|(?:请求|需要|请派)(?:派)?(?:120|救护车|急救车)|出血(?:较多|很多|量大|不止)|大量出血"
)
_FORMAL_FIRE = (
    r"(?:发生|出现|突发)(?:了)?火情|明火(?:未灭|仍|还|正在|蔓延|窜|较大|很大)|有明火|人员被埋|被埋压|(?:煤气|燃气|天然气|液化气)[^。！？]{0,12}(?:正在|还在)(?:泄漏|漏气)"
)
# Four separate patterns rather than one alternation, each rewritten by ``literal_first`` so that
# re's fast first-character scan works (which is also why no branch starts with a look-behind or \b).
_EMERGENCY = (
    ("s120", re.compile(literal_first(_SELF_HARM))),
    ("s119", re.compile(literal_first(_FIRE + "|" + _FORMAL_FIRE))),
    ("s110", re.compile(literal_first(_VIOLENCE + "|" + _FORMAL_VIOLENCE))),
    ("m120", re.compile(literal_first(_MEDICAL + "|" + _FORMAL_MEDICAL))),
)

# A space between two Han characters is how voice-typed and hurried messages end a clause.
# (Written to start with a literal so that re keeps its fast first-character scan.)
_CLAUSE_BREAK = re.compile(r"[，,。.!！?？;；\n~～…]| (?<=[\u4e00-\u9fff] ) *(?=[\u4e00-\u9fff])")
_SENTENCE_BREAK = re.compile(r"[。.!！?？\n]")
_POINT_BREAK = re.compile(r"[；;]|(?<![\d.])(?:\d{1,2}|[一二三四五六七八九十])、")
# A negator right before the cue, in the same clause. "没人管" is not a negation of what follows.
_NEGATED = re.compile(
    r"(?:不是|不算|没有|并没|并非|不会|不可能|不用|不需要|用不着|未曾|未|(?<![特区分级告派])别|不要(?!命)|并不|谈不上|不至于|以免|避免|防止|以为|"
    r"没(?!人|事|钱|办法|用)|差点|差一点|差啲|险些|not |no |never |isn't |wasn't )[^，,。]{0,3}$|"
    r"没有?人(?:在)?$|(?:并)?无(?:人员|人)?$|防.?$|(?<![要得])不$|(?:唔係|唔系|冇|唔敢|不敢|冇胆)[^，,。]{0,2}$|"
    # an English negative subject, as 没人 above: "nothing was on fire", "no one got hurt"
    r"(?:nothing|nobody|no one|no-one)(?: (?:was|is|were|got|gets|has been|had been|actually|really|ever))* ?$"
)
# Past markers. Every branch opens with a literal (the look-behinds of 𠮶阵 sit after it) or a class, and
# 比 before a marker (比去年) is checked after its first character (``not_after``): so ``re`` skips in C the
# positions where none can start, instead of trying every branch at every position.
_PAST_WORDS = (
    r"上个月|上月|上周|上个?星期|上次|涉嫌(?![^，,。]{0,8}的(?:人|男|女|那|家伙))|事发|曾(?:多次|经常|因|拿|持|被|试图|企图|扬言|威胁|动手|打过|有)|去年|前年|以前|之前|曾(?:发生|出现|有过)|前几天|前段时间|几年前|几个月前|曾经|当年|小时候|"
    r"那次|昨天|昨晚|前天|拍到|痕|淤青|去年|这两年|前两年|前几年|多年前|那年|那时候|那会|当时|后来|事后|"
    r"shang ?ge ?yue|qu ?nian|zuo ?tian|zuo ?wan|上礼拜|上个礼拜|上回|那天|那晚|前阵子|前些(?:天|日子|年)|早些年|年初|上学期|上半年|寻日|琴日|旧年|上年(?!纪|级|轻)|上个?礼拜|噚日|前日(?<![以之]前日)|寻晚|琴晚|𠮶阵(?<!冲凉𠮶阵)(?<!食饭𠮶阵)(?<!瞓觉𠮶阵)(?<!揸车𠮶阵)(?<!行街𠮶阵)(?<!返工𠮶阵)(?<!煮饭𠮶阵)(?<!洗碗𠮶阵)(?<!落楼𠮶阵)(?<!上楼𠮶阵)(?<!行路𠮶阵)(?<!洗澡𠮶阵)|𠮶次|前两(?:天|晚|周|个星期|个礼拜)|"
    r"[一二三四五六七八九十两几半\d]+(?:年|个月|天|周|个星期|个礼拜)(?:以)?前|"
    # a year before this one ("2019年9月…被困"): this year's date may head a report of today
    + "|".join(str(y) for y in range(1980, date.today().year)) + r"年|"
    r"(?:发生|出|闹|着|遇到|碰到|经历)过|"
    r"last (?:week|month|year|night|time|summer|winter|spring|autumn|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|"
    r"yesterday|years ago|months ago|weeks ago|days ago|a year ago|used to|back in|when (?:he|she|i|we|they) (?:was|were) (?:a baby|little|young|small)|as a baby"
)
_PAST = re.compile(not_after("比", literal_first(_PAST_WORDS)))
# A span of time after 关了 is how long someone has been shut in, not a tap turned off: "已经关了一下午".
_SPAN_OF_TIME = r"(?:整整)?(?:[一两二三四五六七八九十几半\d]+|好几)?个?多?(?:上午|下午|晚上|整天|天(?!然)|夜|宿|小时|钟头)"
_TAKEN_BACK_PATTERN = (
    r"it'?s (?:all )?over(?! for me)|(?:was|were|been|got) put out|already (?:out|over|put out)|"
    r"(?:已经|当场|马上|及时)[^，,。]{0,2}(?:换了|换掉|更换|修好|关掉|关了(?!" + _SPAN_OF_TIME + r")|关好|拔了|拔掉|断电)"
)
_RESOLVED_SOURCE = (
    r"已经(?:处理|解决|没事|散了|走了|灭了|扑灭|修好|好了|和解|报过警|调解|安静)|处理完了|没事了|灭掉了|"
    # put out, in Cantonese and plain words: "消防车嚟咗好快就救熄咗", "火已经浇熄了"
    r"(?:救|扑|淋|浇|踩|整|搞)熄(?:咗|了)?|熄咗|"
    r"没收|收缴|被[^，,。]{0,4}(?:收了|收走|抓了|抓走|控制住)|(?:警察|民警|派出所)[^，,。]{0,6}(?:抓走|带走|控制住)|重建|翻建|重新盖|(?:的人|那人|小偷|贼|他们|那伙人|对方)(?:已经|早就?|就|都)?(?:跑了|逃了|溜了|走了)|已经被(?:救|送)|才(?:清理|处理|清走|修好|弄好)|已经(?:回)?到(?:家|公司|单位|学校)了|已经安全|调解过了|处理过了|和好了|扑灭|送医后|送到医院后|抢救过来|救出来了|救下来了|"
    r"(?:幸好|幸亏|及时)[^，,。]{0,6}(?:拉|救|抱|拽)(?:了)?(?:出来|上来|开)|"
    # a fight parted, a collapse caught in time: "后来被管理员拉开了", "幸好旁边的人及时发现"
    # healed by now, after the past: "是前年的事了，现在早好了"
    r"现在(?:早就?|都|也)(?:已经)?(?:好了|没事了|痊愈了|康复了)|(?:盖|浇|扑|踩|捂)灭了|"
    # a fight over by now: "现在打完了，人都走了"
    r"(?:现在|已经|早就?|都)(?:已经)?(?:打|吵|闹)完了|人(?:已经|早就?)?都(?:走|散)了|"
    r"(?:被|让)[^，,。]{0,6}(?:拉开|劝开|劝走)了|(?:降温|处理|休息|歇|吃了药|喂了药)[^，,。]{0,3}(?:后|以后|之后)?就好了|(?:就|才|已经|后来)(?:缓|醒|苏醒)(?:了)?过来了?|(?:幸好|幸亏)[^，,。]{0,8}(?:及时发现|发现得早|没出大事)|"
    + _TAKEN_BACK_PATTERN
)
_RESOLVED = re.compile(literal_first(_RESOLVED_SOURCE))
# The ends of this round that a resident may take back: "关了总阀，但煤气味还是很大", "was put out but now …".
_TAKEN_BACK_ENDS = re.compile(_TAKEN_BACK_PATTERN)
# Right after the cue, "after": "厨房水管爆裂后物业上门", "着火之后" (not 后面, 后门, 后天 …).
_THEN = re.compile(r"[了裂掉]?(?:之)?后(?![面门院背脑山头边座排天街巷楼窗])")
# Something burnt on purpose: rubbish, straw, paper offerings, a barbecue.
_BURNING = re.compile(r"焚烧|烧垃圾|烧秸秆|烧荒|烧纸|烧树叶|烧落叶|烧塑料(?!的?味)|烧轮胎(?!的?味)|烧电线(?!的?味)|burning (?:trash|rubbish|garbage|leaves|waste)")
# ... unless it got out of hand: "焚烧垃圾把仓库点着了", "烧纸引燃了楼道的杂物".
_SPREAD = re.compile(r"把[^，,。]{0,8}(?:点着|烧着|引燃)|引燃|引着|火烧到|蔓延|失控|(?:房子|房|屋|仓库|车|楼)[^，,。]{0,3}着了|spread|out of control|caught (?:fire|alight)")
# Between a story (or a joke, a habit) and the cue, the resident turns to what they sense here and now:
# "刚看了个视频，抬头发现楼下着火了" (place words are not enough: "抖音上说楼下那家饭店着火了").
# ... or a later clause that opens on now: "看新闻说过这种事，没想到现在我们楼下就着火了" (not a question
# asked now about the story: "看了个视频，现在想问问着火了怎么办").
_NOW_CLAUSE = re.compile(r"[，,；;][^，,。]{0,8}(?:现在|此刻|这会儿?)(?![^，,。]{0,3}(?:想|问|要|该|怎么|才))")
_BACK_TO_REAL = re.compile(
    r"真的|真有|结果(?!是|说|原来|发现是)|突然|抬头|这时|闻到|听到|发现|监控|"
    # the game denied: "剧本杀店里这次不是在演戏！…拿刀要杀她"
    r"不是(?:在)?(?:演戏|演的|拍戏|玩游戏|做游戏|演练|排练|游戏)"
)
# ... and for a joke or a habit, a contrast sets it aside too: "平时爱开玩笑，但这次…", "天天这么说，可今天…".
_SET_ASIDE = re.compile(_BACK_TO_REAL.pattern + r"|但|可是|却|这次|这回|今天|\bbut\b|this time")
# Not a joke: "不是讲笑", "没开玩笑", "我不是开玩笑的".
_NOT_JOKING = re.compile(r"(?:不是|没|没有|并非|并没有?|冇|唔系|唔係|not|no|isn't|ain't)(?:在|跟你|和你)?\s*$")
# The police are already on it: "警方已介入调查", "该男子已被警方带走" (a report told after the event;
# not in _RESOLVED, whose high-urgency twin must not settle a serious report by a police visit).
_POLICE_ON_IT = re.compile(r"(?:警方|民警|派出所|公安)已(?:经)?(?:介入|立案|出警|到场|将|把)|已被(?:警方|民警|公安)")
_HYPOTHETICAL = re.compile(
    r"万一|担心|怕|如果|要是|假如|假设|真要|一旦|到时候|不堪设想|容易|隐患|迟早|会不会|可能|随时|差点|以防|预防|小心|提醒|一着火|"
    r"经常|老是|总是|每次|每年|年年|常有|成日|三天两头|隔三差五|动不动|时不时|每到|每逢|就麻烦|就危险|的时候|一到|跑不出|就完了|进不来|哪天|哪一天|总有一天|真(?:的)?(?:着|起|失|发生)|想学|演练|逃生|预案"
)
# Habitual or conditional hitting ("天天打他", "不给就打他") is serious but not happening now.
_HABITUAL = re.compile(
    r"天天|经常|老是|总是|动不动|隔三差五|三天两头|时不时|每次|不给就|不给钱就|再不给|再闹就|就要|要是|的话|要找人|找人|说要|扬言要|威胁|每天|以后|"
    r"这样|就打|又打了|都是伤|一直|every (?:day|night)|always|for the (?:last|past) (?:few|several|two|three|\d+) (?:nights|days|weeks|evenings)"
)
# Cues that describe conduct which can be habitual or threatened rather than happening now.
_MILD_VIOLENCE = re.compile(r"^(?:打|砸|摔|抽|掐|动手|家暴|跟着|跟踪|尾随|把|堵|围|按|摁|following)")
_EVIDENCE = re.compile(r"身上有|(?:打|抽)(?:到|得)肿|伤痕|掐痕|印子|印记|淤青|验伤|肿了|都肿|红肿|青一块|紫一块|红印|血印|一道一道|伤疤")
# A condition or a story, not an event: "如果有人拿刀…", "电视剧里打架打得好凶".
_CONDITIONAL = re.compile(r"(?:如果|假如|假设|万一|要是|倘若|\bif )")
_FICTION = LazyPattern(r"(?:警匪|动作|恐怖|战争|武打|枪战|灾难)片|部戏|套戏|戏入面|狼人杀|剧本杀|玩游戏|做游戏|打机|打紧机|过家家|捉迷藏|警察抓小偷|特价|包邮|扫码下单|看新闻|新闻说|新闻上|新闻报道|网上看到|看到网上说|看到新闻|看到(?:一条|一个|个)新闻|网上说的|想提前了解|视频里(?![^，,。]{0,3}(?:跟|和|对|给|朝)(?:我|我们)(?:说|讲|喊|哭))|刷到|电视剧|电影|剧里|动画片|游戏里|梦里|梦见|梦到|做梦|小说|新闻里|的新闻|课上|讲座|宣传|科普|教孩子|怎么教|这种课|纪录片|怎么自救|自救知识|看到(?:一个|个)?视频|看了(?:一个|个)?视频|刷到(?:一个|个)?视频|in the movie|tv show|documentary|"
    r"记者了解到|记者获悉|向记者|记者从|记者在|据悉|本报|通报称|警方通报|"
    r"(?:抖音|快手|小红书|微博|视频号|douyin|tiktok)(?:上|里)?(?:看到|刷到|有人说|说|发的)|看(?:抖音|快手|小红书|微博|视频号)(?:上)?说")
# (the look-behind sits after 还, not before it, so that every alternative starts with a literal and `re`
# skips in C the positions where none can start)
# Cantonese progressive aspect, V紧 ("淋紧天拿水", "出紧血"), is a present marker like 正在.
_PROGRESSIVE = r"紧(?<=[淋泼倒斩劈砍追烧捅砸踢撞撬冲拍漏浸冒流出喷塌抢劫拖扯掐勒郁嗌喊插]紧)(?!张|急|要)"  # 紧 first: a fast scan
_ONGOING = re.compile(r"现在|正在|还(?<!昨天还|前天还|昨晚还|那天还|当时还)在|马上|快来|救命|刚刚|刚才|此刻|now|" + _PROGRESSIVE)
# "刚才" dates the reading of the news, not the event; only these keep a reported cue alive.
# Present markers that are not themselves a cry for help.
_URGING = re.compile(r"正在|还在|快来|快叫|马上|赶紧|快点|现在就|在路上|快到了|come quick|right now|hurry")
_STRONG_ONGOING = re.compile(r"正在|还(?<!昨天还|前天还|昨晚还|那天还|当时还)在|快来|快叫|救命|马上|赶紧|快点|现在就|在路上|快到了|快派|快救|快报警|" + _PROGRESSIVE)
# Treatment and paperwork mean the injury is behind us: "摔下来，腿骨折了打了钢板，医药费不出".
_TREATED = LazyPattern(r"医药费|住院|住了(?:院|[一二三四五六七八九十两几\d半好]+多?(?:天|个?月|周|个?星期|个?礼拜)院?)|icu|钢板|做了手术|出院|工伤|赔偿|理赔|认定|缝了|石膏|拆线|残疾证|护理补贴|失能|高龄认证|医保|报销|针灸|理疗|卫生服务中心|几点开门"
                      # a bump and a small sum offered: "起了个包，家长说赔一百块"
                      r"|医生说是|(?:医院|医生|诊所)[^。！？]{0,6}(?:看|查|检查)(?:了|过)[^。！？]{0,10}(?:说是|开了药|说没事)|(?:起|鼓|肿)了(?:个|一个)大?包|(?:医院|医生|诊所)[^，,。]{0,4}(?:看|查|检查)(?:了|过)[^，,。]{0,2}说(?:没事|没什么事|问题不大|没问题)|赔(?:了)?[^，,。]{0,2}[一二三四五六七八九十百千两\d]+(?:块|元|百|千)|拍片|拍了片", None)

# Care given, not paperwork or money (医保, 医药费, 工伤, 高龄认证): only care covers a collapse told as now.
_CARE = re.compile(r"挂(?:着|上)?水|输(?:着|上)?液|打(?:着|上)?点滴|住院|住了(?:院|[一二三四五六七八九十两几\d半好]+多?(?:天|个?月|周|个?星期|个?礼拜)院?)|icu|钢板|做了手术|出院|缝了|石膏|拆线|针灸|理疗")

# Just now, before a collapse in its clause (not 现在, which also tells a lasting state: 现在半边身子动不了).
_JUST_NOW = re.compile(r"刚才|刚刚|此刻|正在|还在")

# Back to now after a past frame: "去年打过，今天又拿刀来了".
_NOW_AGAIN = re.compile(r"今天|今晚|今早|今儿|这会|这次|这回|又|刚|现在|正在|还在|开始|以来|至今|this morning|today|tonight|now|since")
# A correction later in the sentence: "跟同学打架了，其实没打起来".
_CORRECTION = re.compile(
    r"气话|说说而已|假视频|视频是假的|假消息|消息是假的|辟谣|其实没|其实不是|其实并没|其实是|结果是|原来是|谣言|虚惊一场|误会一场|误报|没打起来|没打成|没真(?:打|动手)|"
    r"医生说(?:问题不大|没事|没什么事|没问题|是正常)|(?:检查|查)(?:过|了)[^。！？]{0,12}(?:是正常的|没(?:有)?(?:问题|漏(?![水油])))|(?:师傅|售后|客服)(?:说|讲)[^，,。]{0,8}(?:老化|坏了|正常|没事)|开玩笑的|闹着玩|说着玩|吓唬吓唬|就是吓唬|吓唬人|玩具(?:刀|枪)|没有泄漏|没有漏气|并没有泄漏|没烟没火|没有烟也没有火|没烟也没火|"
    # a report doubted: "他说听到我家有人打架，我怀疑他记错了楼层" (not "我没看错")
    r"(?<![没不])(?:记错|听错|看错|搞错|弄错)(?:了|楼|门|人|地方)|"
    # a smell checked by the gas company: "燃气公司来检测过说是正常的"
    r"(?:检测|测)(?:过|了)[^。！？]{0,12}(?:是正常|正常的|没(?:有)?(?:问题|漏(?![水油])|超标))|"
    # someone came, looked and named a harmless cause: "物业来看过说是楼下哪家做饭糊了"
    r"(?:看|查|检查)(?:过|了)(?:了)?[^，,。]{0,2}(?:说|讲)是[^，,。]{0,10}(?:做饭|烧菜|炒菜|煮|糊了|烧糊|烟囱|排风|烧烤|抽烟)|"
    # a collapse a hospital has already diagnosed: "送医院说是低血糖"
    r"送(?:到|去)?(?:了)?(?:医院|卫生院|诊所)[^，,。]{0,4}(?:说是|查出|诊断)|"
    # a shop that says it is normal; the person asked says he is fine
    r"(?:4s店|店里|厂家|维修店|修理厂)(?:说|讲)[^，,。]{0,8}(?:正常|没事|老化)|问[^，,。]{0,6}(?:他|她)?说(?:没事|没什么事)"
)
# Said in jest, wherever in the sentence: "他开玩笑说要砍死我", "he joked that he would kill me".
# (别当真, 疑似玩笑: how a group relay or an operator's record says the talk was not meant)
_JOKE = re.compile(r"开玩笑|闹着玩|说着玩|讲笑|玩嘢|别当真|不要当真|当不得真|玩笑话|疑似玩笑|joked|joking|kidding|a joke")
# A tally of incidents is a report of past ones: "已经第五家被撬门了", "好几家被偷".
_TALLY = re.compile(r"第[二三四五六七八九十\d]+(?:家|户|回|起)|好几(?:家|户|起)|几家|[几\d]+家被|报了[^，,。]{0,3}次警")
_PROPERTY_CRIME = re.compile(r"^(?:撬|偷|翻|扒|爬窗|被抢|抢|闯|破门)|在偷|在撬")
# Discomfort said with 得: "呛得人喘不过气", "气得喘不过气" is not a medical emergency.
_FIGURATIVE_BODY = re.compile(r"(?:呛|熏|臭|闷|气|累|吵|憋|压|忙|热|晒|冻|饿|唱|喊|哭)得[^，,。]{0,3}$")
# Cold that turns skin blue: a sign of exposure, not a figure of speech like 累得 or 吵得.
_COLD_BODY = re.compile(r"冻得[^，,。]{0,3}$")
_COLD_SIGN = re.compile(r"紫|青|白|僵")
_FRAIL = re.compile(r"婴儿|宝宝|孩子|小孩|娃|老人|老太|老头|老爷子|爷爷|奶奶|外公|外婆|姥姥|姥爷|baby|toddler")

# --- high: serious but not immediate ------------------------------------------------------------
_GROUP = re.compile(literal_first(
    r"(?:几十|十几|十[一二三四五六七八九]|十余|数十|数百|上百|近百|成百|[二三四五六七八九]十|[一二三四五六七八九]?百|\d{2,})[多几余来]?[个名位户家号]?"
    r"(?:工人|农民工|村民|居民|业主|租客|租户|住户|家长|员工|骑手|同事|工友|兄弟|老乡|同学|学生|孩子|老人|保安|保洁|"
    r"司机|师傅|环卫工|清洁工|装卸工|绿化工|临时工|泥水工|老师|商户|摊主|会员|学员|游客|乘客|伙计|人|户|家)"
    r"(?!民|门)|"
    r"集体(?:讨薪|上访|投诉|维权|罢工|停工|反映|去|到|来)|我们集体|大家集体|大家一起|联名|全村|全体|"
    r"整栋楼|整个小区|所有业主|好多户|很多户|群体|"
    # a crew named by its trade: "三十几个搬运工", "二十多名钢筋工"
    r"(?:几十|十几|十余|数十|[二三四五六七八九]十|\d{2,})[多几余来]?[个名位][\u4e00-\u9fff]{1,2}工(?![资钱地厂程作期具会伤龄人时装])|"
    # a crew counted small but named as one: "欠我们八个人的工资", "我们七个人想讨个说法"
    r"我们(?:[五六七八九十]|十几|二十几)个(?:人|工人|工友|师傅)|"
    # several households hit by the same thing: "七户人家的电瓶都被偷了"
    r"(?:[三四五六七八九]|十几)户(?:人家)?[^，,。]{0,10}(?:都|全)(?:被|遭)|"
    r"(?:一个|整个|全|成间|成个)(?:车间|厂|工地|班组|部门)|(?:一排|一整排|整排|整条街|一条街|整个单元|全楼|全单元)[^，,。]{0,4}(?:商铺|商户|铺面|店|住户|业主|租客|人|人家)"
))
# A group told in English: "We are 14 cleaners", "dozens of families".
_GROUP_EN = re.compile(
    r"\b(?:\d{2,}|dozens of|hundreds of|a dozen|over \d+|more than \d+) (?:[a-z]+ )?"
    r"(?:workers|cleaners|builders|labou?rers|drivers|riders|tenants|families|households|residents|owners|employees|staff|colleagues|of us)\b"
)
_ESCALATION = LazyPattern(
    r"扬言|报复|堵路|上访|拉横幅|横幅|找媒体|曝光|闹事|去政府|市政府|区政府|闹大|去他家闹|要去闹|"
    r"围堵|冲突|对峙|威胁|恐吓|收拾我|找人.{0,4}(?:收拾|弄|搞|打)(?:我|你|他|她|人|死|伤|断)|围着|不让走|静坐|信访|堵在|"
    r"堵(?:了|住)?(?:马路|公路|路口|国道|大路|路)|把[^，,。]{0,6}路[^，,。]{0,2}堵|"
    r"(?:去|到)[^，,。]{0,8}(?:局|政府|信访办|市里|区里)(?:门口)?|门口坐着|去[^，,。]{0,5}闹|推倒|推了我|推搡|上门[^，,。]{0,4}抢|堵[^，,。]{0,6}(?:门口|大门)|一帮人|一伙人|发到[^，,。]{0,6}(?:网上|朋友圈|亲戚|微信群)|通缉令|爆通讯录|骂我父母|"
    r"砸(?:了|坏|烂|我家|门|窗)|断水断电|逃逸|撞完就跑|撞了就跑|肇事[^，,。]{0,4}跑|"
    r"走着瞧|等着瞧|给我等着|你等着|有你好看|让你好看|要你好看|让[^，,。]{0,6}好看|吃不了兜着走|出不了门|不放过|不会放过(?:我|你)|饶不了(?:我|你)|没完|"
    r"打断[^，,。]{0,3}腿|卸[^，,。]{0,3}(?:胳膊|腿)|废了(?:你|我|他|她)|堵我|去堵|要堵|"
    r"控制着|手机[^，,。]{0,2}被(?:收|没收|拿走|抢走)|不让[^，,。]{0,4}(?:跟家里|联系|出门|见人)|限制[^，,。]{0,2}自由|"
    r"(?:印成|做成|印了)传单|贴在[^，,。]{0,12}(?:村口|学校|单位|门口|小区)|(?:打电话|发信息|发短信)给[^，,。]{0,6}(?:亲戚|同事|朋友)|敲碎|砸碎|"
    r"围(?:了)?(?:过来|上来)|混不下去|(?:带|叫|找)(?:了)?(?:几个|一帮|一伙|一群|好几个)人|"
    r"(?:去|到)[^，,。]{0,10}(?:躺着|坐着|跪着|躺下|睡在)|出了事我[^，,。]{0,3}(?:担|负责|扛)|豁出去|跟他拼了|"
    r"泼(?:油漆|红漆|漆|粪|大粪)|贴[^，,。]{0,6}(?:大字报|照片|满)|把[^，,。]{0,8}(?:堵了|堵上|围了)|"
    r"threaten|revenge|protest|petition"
)
_INJURY = LazyPattern(
    r"骨折|住院|缝了|缝针|\d+针|[一二三四五六七八九十]针(?<!打了.针)(?<!打.针)|受伤|打伤|砍伤|咬伤|烫伤|摔伤|砸伤|扎伤|摔断|打断|断了腿|腿断|骨头断|骨裂|"
    r"(?:砸|打|磕|撞)破[了]?[^，,。]{0,2}(?:头|脑袋|额头|嘴|嘴唇|眉骨)|(?:撞|磕|碰|摔)(?:出|了)(?:一?个|好大一个)?大?包(?!裹|子|厢|间|装)|伤得|伤口|摔裂|要做手术|做了手术|动手术|重伤|轻伤|脑震荡|抢救|icu|头破血流|bleeding|swollen|bruis|stitches|fractur|鼻青脸肿|流血|门牙|牙[^，,。]{0,2}掉|淤青|肿了|"
    r"(?:给了|打了|踢了|扇了|挨了)[^，,。]{0,2}(?:一拳|一脚|一巴掌|一耳光|几拳|几脚|几巴掌)|眼镜[^，,。]{0,3}(?:打碎|打掉|打飞|打坏)|脱臼|"
    r"流了[^，,。]{0,3}血|水泡|起泡|烫(?:了|出|得|掉)|咬了一口|牙印|狂犬疫苗|红印|血印|伤疤|口子|肿得|"
    r"鼓膜|穿孔|验伤|骨(?:头)?断了|断了[^，,。]{0,3}(?:手指|脚趾|肋骨)|(?:压|砸|夹|轧|绞)断了?[^，,。]{0,3}(?:手指|腿|胳膊|手|脚|骨)|摔坏了?(?:腰|腿|胳膊|头|脑袋)|青一块|紫一块|青紫|"
    r"cut lip|split lip|black eye|(?:came|come|comes|coming) (?:back|home) (?:hurt|injured|with (?:a )?(?:cut|bruise))|被(?!护士|医生|蚊子|虫)[^，,。]{0,6}(?:打了|打过|咬了|扇了|踢了|踹了|掐了|扎了)(?!针|折|电话|分|卡|疫苗|吊)|"
    r"(?:在|进了|送|住进|躺在|去了)医院|医院躺着|上吐下泻|食物中毒|injur|hospital|broke (?:his|her|my) "
)
_VULNERABLE = re.compile(literal_first(
    r"老人|老母亲|老父亲|老太太|老大爷|老爷子|[六七八九]十多?岁|[六七八九]十(?:几|来|好几)岁|阿公|阿婆|阿嬷|阿嫲|grandfather|grandmother|grandpa|grandma|[6-9]\d years old|[6-9]\d-year-old|[六七八九]十[一二三四五六七八九](?:岁|了)|我[妈爸]|"
    r"孩子|儿子|女儿|小孩|学生|儿童|女童|男童|elderly|my (?:mum|mom|dad|mother|father|son|daughter|child|kid)|"
    r"初中生|小学生|中学生|幼儿|未成年|孕妇|怀孕|怀(?:着|了)孕|残疾|老两口|老俩口|痴呆|奶奶|爷爷|外婆|外公|姥姥|姥爷|父亲|母亲|[一二三四五六七八九十]{1,2}岁|\d{1,2}多?岁"
))
_VULNERABLE_HARM = LazyPattern(
    r"被骗|骗了|骗走|骗去|骗光|骗买|骗出|骗着|偷偷过户|过户到|被[^，,。]{0,6}过户|抵押了|拿去抵押|被抵押|瞒着[^，,。]{0,6}(?:卖|抵押|过户|取|转)|(?:工资|工钱)[^，,。]{0,4}(?:没给|不给)|一分[^，,。]{0,4}没给|虐待|不给[^，,。]{0,3}(?:吃饭|饭吃|吃的|看病|治病)|只给[^，,。]{0,4}吃|一天[^，,。]{0,4}一顿|嫌(?:他|她)(?:麻烦|累赘|碍事)|(?:让|叫|哄|骗|逼|被)[^，,。]{0,8}按了?手印|按了手印|过给了|过到[^，,。]{0,4}名下|不让[^，,。]{0,4}(?:进门|看她|看他)|褥疮|皮包骨|饿得|暧昧|删掉?聊天|单独(?:见面|出去|辅导)|不要告诉(?:爸妈|家长|你妈|你爸|别人)|骗[^，,。]{0,4}(?:老人|钱)|忽悠|转账|转了|安全账户|诈骗|被[^，,。]{0,6}打|打了|打得|欺负|伤|"
    r"性侵|猥亵|不雅|过夜|勒索|要钱|抢走|抢了|拿走|体罚|掐|羞辱|嘲笑|不肯去上学|不敢去上学|不想去学校|发到[^，,。]{0,6}群|"
    r"成年(?<!未成年)男|成年(?<!未成年)人|带去|带走|带出去|强迫|逼着|逼他|逼她|不买就|强制(?!执行)|约她|约他|约出去|恶心的|裸照|黄色|哄|诱导|套路|坑了|坑走|发照片|要[^，,。]{0,2}照片|私密|裸|"
    r"推了[^，,。]{0,2}一把|推倒|撞倒|撞伤|摸(?:我|她|他|孩子|小孩)|动手动脚|偷拍|童工|雇了?[^，,。]{0,6}(?:小孩|孩子|未成年)|不去上学|辍学|"
    r"(?:拿|用)(?:着)?(?:她|他|老人|奶奶|爷爷|外婆|外公|我妈|我爸)的身份证(?:去)?(?:办了|贷了|借了|开了)|(?:拿|用)(?:着)?(?:她|他|老人|奶奶|爷爷|外婆|外公|我妈|我爸)的身份证[^，,。]{0,6}(?:信用卡|贷款|网贷)|劝着?买|(?:卡里|账上|账户里)[^，,。]{0,8}(?:全|都)没了|(?:养老钱|棺材本|积蓄|存款|退休金|养老金|存折)[^，,。]{0,8}(?:没了|光了|骗|转走|转给|投进|亏|买了|取走|拿走|花光|取了|干净)|保健品|"
    r"(?:钱|积蓄|存款|家底)[^，,。]{0,3}(?:都|全)(?:借给|给了|转给|投了|投进|被|拿去|取)|(?:存|攒)了[^，,。]{0,6}的?钱[^，,。]{0,2}(?:都|全)|一辈子的(?:积蓄|钱|血汗钱)|血汗钱|全部(?:积蓄|家当|存款)|"
    # a pupil's money taken or things thrown away, a child crying not to go
    r"拿(?:他|她|孩子)的?[^，,。]{0,2}(?:零花钱|钱|午饭钱|生活费)|(?:管|逼)[^，,。]{0,6}要[^，,。]{0,2}(?:零花钱|午饭钱|生活费)|把(?:他|她)的?(?:书包|文具|作业本?|课本)[^，,。]{0,4}(?:扔进|扔到|丢进|撕|踩)|哭着不(?:肯|想|愿意?|敢)|"
    r"scam|cheat|tricked|beaten|abuse|charged (?:his|her|their) (?:card|account)|drained|emptied (?:his|her)|took (?:all )?(?:his|her) (?:savings|pension|money)"
)
_ELDER_NEGLECT = LazyPattern(
    r"(?:老人|老母亲|老父亲|老爸|老妈|奶奶|爷爷|老爷子|老太太|[六七八九]十多?岁?|[6-9]\d多?岁)[^。！？]{0,20}"
    r"(?:没人管|没人照顾|无人照顾|无人照料|无人管|无人赡养|没饭吃|没人送饭|送饭|赶出|丢在|锁在|遗弃|不管|不来看|没人看|没见|没来过|没人应|没开门)|"
    r"给(?:他|她|老人家?|老爷子|老太太)打(?:电话|视频)[^，,。]{0,6}(?:没人接|不接|打不通)"
)
_REPEAT = re.compile(literal_first(
    r"(?:反映|投诉|举报|报警|打了?12345|找了?(?:社区|物业|城管|街道|居委会|村委|派出所)|上报)"
    r"[^。！？]{0,6}(?:好几次|好多次|很多次|多次|几次|N次|\d+次|[二三四五六七八九十]次|几回|好几回)|"
    r"(?:多次|屡次|反复|好几次|几次)(?:反映|投诉|举报|报警|找)|(?:多次|屡次|反复|好几次|几次)[^，,。]{0,6}(?:协商|沟通|交涉|调解)[^，,。]{0,2}(?:无果|未果|不成|失败)|"
    r"调解(?:过|了)?[两二三四五六七八九十几\d]+[次回]|报了[^，,。]{0,3}(?:几|好几|多|\d+|[二三四五六七八九十两])次警|"
    r"第[二三四五六七八九十\d]+[次回趟](?:反映|投诉|来|找|报警|举报|打|了|致电|拨打)|第[二三四五六七八九十\d]+[次回趟](?:去|到|向|给)[^，,。]{0,8}(?:反映|投诉|举报|求助|上访|信访|讨说法|讨薪)|"
    r"(?:跟|和|向|给)(?:物业|社区|居委会|村委会?|街道|城管|派出所|学校|老师|房东|中介|公司|老板|管理处)[^，,。]{0,4}(?:说|讲|提|催)(?:过|了)[^，,。]{0,2}(?:[两二三四五六七八九十几\d]+|好几|好多|很多)[次回遍]|"
    r"拒不(?:整改|改正|履行)|(?:reported|complained|e-?mailed|written to|wrote to|contacted|chased|(?:called|phoned|told|asked) (?:the )?(?:building |estate )?(?:management|office|council|landlord|hotline|police|property|agent|committee|12345))[^.!?]{0,50}(?:\d+|three|four|five|six|seven|several|many|multiple|countless) times|"
    r"找遍了|跑遍了|都找过了|(?:谁|都|每个部门)都说不归|踢皮球|一拖再拖|拖到(?:现在|今天|年底|如今)|从[^，,。]{0,8}拖到|"
    r"(?:每次|每回|每一次|回回|次次|每个)都(?:说|答应|推)|"
    r"又[^，,。]{0,3}(?:打|找|反映|投诉|举报|报)了?[^。！？]{0,8}(?:还是|也|都|依然)(?:没|不)|"
    r"先后(?:向|找|到|去)[^。！？]{0,20}(?:反映|递交|投诉|举报|求助)|(?:均|都|始终|仍|仍然)未(?:得到|收到|解决|答复|处理)|"
    r"(?:没有|没|未)(?:得到|收到)(?:任何)?(?:答复|回复|处理|结果)|至今(?:没|未)(?!有?(?:还|付|给|支付|归还|退|要回|结清|发放|偿还))|"
    r"已经过去[^，,。]{0,3}(?:几个月|好几个月|[两三四五六七八九十\d]+个月|半年|大半年|一年|[两三四五\d]+年)|"
    r"(?:一直|还是|都|始终)(?:压着)?(?:没人管|没有人管|没人处理|没人理|不处理|没解决|没有解决)|"
    r"(?:十几|几十|[二三四五六七八九十]+|\d+|多|数)次(?:拨打|致电|打)[^，,。]{0,4}(?:热线|12345|电话)|推来推去|石沉大海|反映过|投诉过|举报过|"
    r"(?:半年|一年|两年|大半年|几个月|好几个月|三个月|一年多|半年多)了?[^。！？]{0,3}(?:一点|都|还是|依然|仍然|照样|也)(?:没|不)[^。！？]{0,3}(?:变|改|解决|处理|管|动)|"
    r"(?:报修|反映|投诉|举报|报警)[^。！？，]{0,4}(?:[二三四五六七八九十两几\d]+|好几|好多|很多)[次趟回遍]|"
    r"(?:找|跑|打电话|打了电话|打了|打过|打)[^。！？，]{0,4}(?:[三四五六七八九十几\d]+|好几|好多|很多)[次趟回遍]|"
    r"(?:投诉|反映|举报|找|催|说|闹|告)到(?:现在|今天|如今)|"
    r"(?:说|反映|投诉|举报|找|催|讨|要)了?(?:快|有|都|足足|整整)?(?:一年|半年|两年|三年|几年|好几年|大半年|几个月|好几个月|[两二三四五六七八九十\d]+个月)|"
    r"一点(?:都|也)?没(?:变|改|动|好转)|还是老样子|等于白说|说了也白说|"
    r"(?:[三四五六七八九十\d]|好几|好多|七八)[次趟回遍][^。]{0,8}(?:没人|没有人|都说|也没|还是|没结果|没答复)|"
    # counted in prose, to the hotline or an authority (telling the neighbour or the landlord again is
    # not it): "致电本热线六次", "反复拨打", "多次向物业反映", "每周打一次12345", "写过三封信",
    # "每次来人掏一下就走", "两边推到现在", "已经被淹了三次"
    r"(?:致电|拨打|打)[^，,。]{0,8}(?:热线|12345|电话)[^，,。]{0,5}(?:[三四五六七八九十]|好几|多|数|[3-9]|\d{2})[^，,。]{0,1}[次回遍]|"
    r"(?:多次|屡次|反复|好几次|几次|一再|再三|三番五次)(?:拨打|致电|打12345|打热线|反应|向(?:物业|社区|居委会?|街道|城管|派出所|12345|热线|有关部门|相关部门|政府|村委会?|管理处|学校|业委会))|"
    r"每(?:天|周|个?星期|个?礼拜|个?月)(?:都)?(?:打|拨)[^，,。]{0,4}(?:12345|热线|投诉电话|市长)|连续[^，,。]{0,3}(?:个月|周|个星期|个礼拜)[^，,。]{0,6}(?:投诉|反映|举报|打)|"
    r"(?:写|递|寄|交|发)(?:过|了)(?:[三四五六七八九十]|好几|几)(?:封|份)|每(?:次|回)(?:来人?|都)?[^，,。]{0,6}(?:就走|就完事|应付|糊弄|敷衍)|"
    r"(?:给|向|找)(?:物业|社区|居委会?|街道|城管|派出所|12345|热线|村委会?|管理处|房管所|供电所|环保|学校)[^，,。]{0,4}打了?(?:不下|少说)?(?:[三四五六七八九十]|好几|好多|十几|几十)个?(?:电话|通电话)|"
    r"推到(?:现在|今天|如今)|互相推诿|来回推|已经(?:被)?[^，,。]{1,3}了(?:[三四五六七八九十]|好几|好多)[次回趟]"
))
_POLICE = re.compile(
    r"身份证[^，,。]{0,6}(?:扣|不还|拿走|押)|扣[^，,。]{0,4}身份证|威胁|恐吓|扬言|报复|殴打|打人|动手|砸|"
    r"不让走|围着|锁在|非法拘禁|强拆|偷|抢|骗|敲诈|勒索|拿刀|持刀|砍|捅|高利贷|暴力催收|放火|下药(?!店|房|铺|材|方)"
)

# Threats to the writer told in prose, and a quarrel said to be about to turn into a fight.
_THREAT_PROSE = re.compile(literal_first(
    r"别想(?:再)?(?:开下去|开了|住下去|住了|混下去|干下去|好过|安生|太平|过好日子|在这[里儿]?(?:住|开|混|待|干))|"
    r"(?:住|过|睡|活)(?:得)?不安生|不得安生|没(?:有)?好日子过|好日子到头|"
    r"就(?:让|叫)(?:我|你|你们|我们|他|她|他们)[^，,。]{0,8}(?:出不了|出不去|开不出|进不了|进不去|住不下去|干不下去|开不下去|做不成|做不下去|待不下去|呆不下去)|"
    r"(?:你|你们|你家|你们家)[^，,。]{0,4}(?:出门|走路|上学|放学|走夜路)(?:的时候)?(?:小心|当心|注意)(?:点|些|着)|"
    r"(?:找|跟)(?:他|她|你|他们|你们|我|我们)[^，,。]{0,2}算账|(?:要|去)算账|"
    r"(?:带|叫|喊)(?:上|了)?(?:几个|一帮|一伙|一群|好几个|[三四五六七八九十]个)(?:兄弟|弟兄|小弟|混混)|(?:带|叫|喊)(?:上|了)?(?:小弟|混混|社会上的人|道上的)|"
    r"(?:知道|晓得)(?:你|我)[^，,。]{0,3}(?:家|女儿|儿子|孩子|老婆|爸妈)[^，,。]{0,6}(?:在哪|住哪|哪个)(?!栋|个|一|号|层|间)|(?:知道|晓得)(?:你|我)(?:家)?住(?:哪|在哪)(?!栋|个|一|号|层|间)|"
    r"(?:让|叫)(?:我|你)(?:以后)?(?:小心点|当心点|注意点)|(?:再|敢)[^，,。]{0,8}(?:弄死|打死|砍死|整死|废了)(?:你|我)|"
    r"(?:给|打给)[^，,。]{0,4}通讯录|门口堵(?:他|她|人)|"
    r"(?:迟早|早晚|眼看|随时|怕是)[^，,。]{0,4}(?:打起来|动手|动刀|干起来)|见个高低|拼个你死我活|鱼死网破|识相点|识相的话"
))
_THREAT_PROSE_EN = re.compile(
    r"\bfind (?:me|you|us)\b|knows? where (?:i|we|you) live|watch (?:your|my) back|you(?:'ll| will) regret|make (?:my|your) life hell|"
    r"sort (?:me|you|us) out|deal with (?:me|you|us)\b|teach (?:me|you|us) a lesson|you(?:'ll| will) be sorry"
)
# Put out of one's home now: "明天上午就换锁", "让我们今晚把东西搬走" (with a landlord or an agent in the message).
_EVICT_NOW = LazyPattern(
    r"(?:让|要|叫|逼|限|必须|赶|要求|勒令)[^，,。]{0,8}(?:今天|今晚|明天|明早|后天|当天)[^，,。]{0,8}(?:搬走|搬出去|搬离|搬空|腾房|腾出来|腾空)|"
    r"(?:今天|今晚|明天|明早|后天)[^，,。]{0,6}(?:换锁|收房|清房|把[^，,。]{0,6}(?:扔|丢|清)出去)"
)
_EVICT_NOW_EN = re.compile(
    r"(?:throw|kick|put) (?:all )?(?:my|our|me|us)(?: [a-z]+)? out[^.!?]{0,20}(?:tomorrow|tonight|today|right now)|"
    r"(?:tomorrow|tonight|today)[^.!?]{0,20}(?:change the locks?|throw (?:me|us) out|evict)|"
    r"(?:be|get|move|moved) out (?:by|before) (?:tonight|tomorrow|today|this evening)|(?:have|has|had) to leave (?:by )?(?:tonight|today|tomorrow)"
)
_RENTAL_PARTY = re.compile(r"房东|二房东|房主|中介|租|landlord|agent")
# Water or power cut off (by someone, or for days), with a baby, a pregnant woman, a patient or an elder at home.
_CUT_OFF = LazyPattern(
    r"(?:把|将)[^，,。]{0,8}(?:水|电|水电|电闸|总闸|水阀|总阀|阀门|水表|电表)(?:给)?(?:停|断|拉|掐|关|剪|拔|拆)|"
    r"(?:[两三四五六七八九十几]|好几)天(?:都)?没(?:水|电)(?![视脑话梯瓶池量费])|"
    r"(?:停|断)(?:水|电)(?:了)?[^，,。]{0,3}(?:[两三四五六七八九十几]|好几)天|"
    r"(?:水|电|水电)(?:被|给)?(?:停|断|掐|拉)(?:了)?(?:快|有|都|整整)?(?:[两三四五六七八九十几]|好几)天|"
    r"(?:水管|自来水管|电线|电缆)[^，,。]{0,8}(?:挖断|弄断|剪断|切断|铲断|砸断)|"
    r"(?:cut|turned|switched|shut) off (?:our|my|the) (?:electricity|power|(?:hot )?water|heating|gas)"
)
_FRAIL = re.compile(literal_first(
    r"婴儿|宝宝|满月|坐月子|月子里|孩子才[^，,。]{0,3}个月|孕妇|怀孕|怀着|透析|化疗|卧床|瘫痪|瘫在|刚出院|做完手术|病人|制氧机|呼吸机|老人|老两口|"
    r"pregnant|baby|newborn|elderly|dialysis|bedridden|oxygen|my (?:two |three )?kids|below zero|freezing"
))
# An announced or planned cut is an inconvenience: "物业通知明天停水检修".
_PLANNED = re.compile(r"通知|计划|预计|检修|将于|临时")
# A minor working unpaid or kept: "我才十六岁 … 工资一分没拿到 … 也不让我回家".
_MINOR_AGE = re.compile(r"(?:才|只有|刚满?|未满)(?:十[一二三四五六七]?|[一二三四五六七八九]|1[0-7]|[1-9])岁")
_MINOR_AGE_EN = re.compile(r"\b(?:i'm|i am|he's|she's|he is|she is) 1[0-7]\b")
_MINOR_UNPAID_EN = re.compile(r"(?:haven't|hasn't|not|never) (?:been )?paid|owe (?:me|him|her) nothing|won't pay")
_MINOR_KEPT = re.compile(r"不(?:给|发)[^，,。]{0,3}(?:工资|工钱)|一分[^，,。]{0,3}没(?:拿到|给|见)|不让[^，,。]{0,3}(?:回家|走)")

#: Every match of the English-only patterns (``*_EN``) holds one of these.
_LATIN = re.compile(r"[a-z]")

_ESCALATION_OR_INJURY = re.compile(literal_first(f"{_ESCALATION.source}|{_INJURY.source}"))  # one scan, not two

# Now and urging written informally, folded for the rules only (same length, so every cue span the rules
# return still points into the text the learned scorers read): Cantonese 而家/依家/宜家 and 仲喺 (还在),
# Hainan and Minnan 现下/这下, pinyin-input slips 正再/现再/还再/马尚/块来/块点, English "rn". Without it a
# past frame ("寻日…而家追住人斩") or a typo ("上个月…正再拿刀") kept the present act cancelled.
_INFORMAL_NOW = re.compile(
    r"而家|依家|宜家(?<![去在到逛从]宜家)(?!家居|商场|买|的)|现下|这下(?=有人|伊|他|她|佢|火|水|人|阿|我)|"
    r"正再(?<!真正再)|现再|还再|马尚|块来|块点|仲喺|起赖|快啲|快d|快嚟|即刻|紧来|"
    # pinyin-input slips of the danger words themselves: 晕到了 (晕倒), 打驾, 流雪, 抢节, 燃起泄漏, 救名
    r"晕到(?=了|在|地上|啦|咗)|昏到(?=了|在|地上|啦)|打驾|流雪|出雪(?=了)|抢节|抢结|燃起(?=泄|漏|味)|然气(?<!天然气)(?=泄|漏|味)|救名|rn(?<![a-z0-9]rn)(?![a-z0-9])|"
    # the formal register of a hotline operator's record: 目前 (现在), 仍在 (还在), 尚未 (还没) —
    # "劫匪尚未离开", "目前对方仍在其住处" are the record's present tense, not a report of something over
    r"目前|仍在|尚未"
)
_INFORMAL_NOW_AS = {"正再": "正在", "还再": "还在", "马尚": "马上", "块来": "快来", "块点": "快点", "仲喺": "还在",
                    "起赖": "起来", "晕到": "晕倒", "昏到": "昏倒", "打驾": "打架", "流雪": "流血", "出雪": "出血",
                    "抢节": "抢劫", "抢结": "抢劫", "燃起": "燃气", "然气": "燃气", "救名": "救命",
                    "快啲": "快点", "快d": "快点", "快嚟": "快来", "即刻": "马上", "紧来": "快来",
                    "目前": "现在", "仍在": "还在", "尚未": "还没"}


def informal_now(text: str) -> str:
    """``text`` with informal now-words and urging typos in their standard form, for the rules (same length)."""
    if _INFORMAL_NOW.search(text) is None:
        return text
    return _INFORMAL_NOW.sub(lambda m: _INFORMAL_NOW_AS.get(m.group(0), "现在"), text)


LARGE_SUM = 100_000

EMERGENCY_SERVICE = {"s110": "110", "s119": "119", "s120": "120", "m120": "120"}
_SERVICE_PRIORITY = ("s120", "s119", "s110", "m120")


@dataclass(frozen=True, slots=True)
class UrgencyResult:
    urgency: str
    emergency_service: str | None
    flags: frozenset[str]
    cues: tuple[str, ...]
    #: Emergency cues found but cancelled (negated, past, resolved, hypothetical, story).
    cancelled: tuple[str, ...] = ()
    #: "present" (urgency is emergency), "uncertain" (ask the resident) or "none".
    danger: str = "none"
    #: The numbers that fit the danger, present or uncertain: 110 violence, 119 fire/gas, 120 injury.
    numbers: tuple[str, ...] = ()
    #: The message says nothing but a cry for help ("救命！"): asked about even when the model is calm.
    bare: bool = False
    #: Why each cue of ``cancelled`` was set aside (same order): see ``SENSE_REASONS`` in ``refine``.
    cancel_reasons: tuple[str, ...] = ()
    #: The cue group (s110, s119 …) of each cue of ``cancelled`` (same order): the number to show when a
    #: cancelled cue is asked about after all (``refine``, ``ASK_BOTH_CANCELLED``: a fire → 119, not 110).
    cancelled_groups: tuple[str, ...] = ()

    @property
    def cancelled_as_other_senses(self) -> bool:
        """Every cue set aside was a word meant in another sense (``SENSE_REASONS``): no veto on a sure head."""
        return bool(self.cancel_reasons) and all(r in SENSE_REASONS for r in self.cancel_reasons)


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    # One character past ``start``, so that a space break right before the cue sees the Han after it.
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start + 1) if m.end() <= start), default=0)
    right_match = _CLAUSE_BREAK.search(text, end)
    return left, right_match.start() if right_match else len(text)


# Danger words used for something else: a price, an exaggeration, livestock, a knife in a shop.
_FIGURATIVE = LazyPattern(
    r"(?:打折|价格|价钱|降价|甩卖|清仓|便宜)[^，,。]{0,4}跳楼|"
    r"(?:bought|buy|ordered|sells?|sold|refund)[^,.]{0,20}knife|knife[^,.]{0,12}(?:arrived|broken|refund|blunt)|"
    r"跳楼价|跳楼甩卖|跳楼大甩卖|跳楼清仓|跳楼大促|跳楼促销|杀价|砍价|杀熟|要命|要了(?:我的)?老命|"
    r"要(?:我|他|她|你)的?命(?:一样|似的|啊|呀)|命一样|"
    r"杀了?[^，,。]{0,3}(?:猪|牛|羊|鸡|鸭|鱼|鹅)|宰(?:牛|羊|猪)|"
    r"(?:买|卖|网购|磨|送|退|换)[^，,。]{0,4}(?:菜刀|水果刀|刀具|刀子|砍刀)|(?:菜刀|刀具|水果刀)[^，,。]{0,6}(?:质量|退货|生锈|钝|价格|多少钱|坏了|断了|断的|卷刃|买的|买回来|刀柄|松了)|"
    r"气死|笑死|累死|热死|吵死|烦死|饿死|困死|丑死|冷死|(?:气|烦|累|忙|困|饿|热|吵|骂|训|批|吼|闷|晒|冻|无聊|尴尬|丢人|虐|坑|折磨|贵|嘈|攰|慢|难吃|难食)(?:得|到)[^，,。]{0,2}想死|(?:气|恨|烦)得[^，,。]{0,2}想(?:杀人|砍人|打人)|救命价|(?:脑袋|脑子|脑壳|头)(?:都)?要?炸|(?:吵|叫|烦|气|闹)得[^，,。]{0,4}炸|(?:打|杀)死(?:我)?(?:也|都)不|"
    r"(?:价格|价钱|这价|收费|要价|房租|报价|太|简直|真是)[^，,。]{0,6}(?:杀人|抢劫|抢钱)|杀人不眨眼|(?:daylight|highway) robbery|(?:菜刀|刀具|水果刀|剪刀)[^，,。]{0,6}(?:摆了|摆满|摊)|"
    r"杀了半天|杀人不见血|想(?:死|跳楼|跳河|跳江|撞墙|自杀)的心都有|(?:气|烦|累|忙|困|饿|热|吵|逼|急|难)得[^，,。]{0,4}想(?:跳楼|跳河|跳江|撞墙)|(?:困|挡|晾)(?:在)?门外|气炸|肺都要?炸|炸毛|关在(?:门)?外|锁在(?:门)?外|救命钱|救命稻草|救命恩人|救命之恩|(?:说|骂)[^，,。]{0,3}要(?:她|他|你|我)的?命|"
    r"(?:辣|热|晒|烫|急|馋|渴)得[^，,。]{0,6}(?:着火|冒烟|冒火|炸|爆炸)|(?:开心|高兴|激动|兴奋)得[^，,。]{0,10}(?:跳|死|疯)|"
    r"炸了锅|群里炸了|炸街|我(?:真的|真|都|快|就)?(?:要|快)?(?:气)?炸了(?=[!！~。，,]|$)|原地爆炸|火很大(?:的)?脾气|脾气火|上火|火大|火爆|爆炸性|爆炸头|"
    r"(?:业绩|销量|生意|人气|流量|订单|信息量)[^，,。]{0,3}爆炸|"
    # things, not people (redfalse round): a tyre, a ball, a fridge, a drain, a stove, a razor, a cup,
    # goods being loaded, a parking space, a wasps' nest, a blacklist, a market, a blinking lamp …
    r"(?:轮胎?|车胎|胎|球|气垫|充气)[^，,。]{0,3}(?:漏气|没气)|(?:冰箱|空调|水管|暖气|热水器)[^，,。]{0,4}嘶嘶|"
    r"(?:下水道|化粪池|井盖|污水|厕所|垃圾|臭水沟|水沟)[^，,。]{0,8}臭鸡蛋味|火苗(?:发黄|发红|偏小|太小|很小|不稳|忽大忽小)|"
    r"(?:剃须|刮胡)刀片?|(?:杯|口|边|纸|盒|包装|罐头)[^，,。]{0,2}割手|拿刀切(?:开|西瓜|瓜|菜|肉|水果)|"
    r"(?:勺|扳手)[^，,。]{0,6}(?:修|抖|打菜)|(?:凳|椅|砖|石头|锥|桶|花盆)[^，,。]{0,6}占(?:车位|位|座|地方)|"
    r"(?:硬币|纸币|钱|卡|币|钥匙)[^，,。]{0,8}出不来|车位[^，,。]{0,4}出不来|(?:行李|东西|押金|证件|衣服|钱)还在里面|"
    r"(?:摊位|肉摊|鱼摊|菜市场|案板)[^，,。]{0,6}(?:都是|全是)血|(?:大盘|股市|股票|基金|A股|大市)[^，,。]{0,4}见红|刮[^，,。]{0,6}见血|"
    r"(?:漏水|水|油|汤|奶)[^，,。]{0,2}流了一地|(?:树|杆|牌|棚|广告|栏)[^，,。]{0,4}倒在地上|"
    r"(?:电动车|车子|电瓶车|自行车|手表|钟|电脑|手机|空调|风扇|洗衣机)[^，,。]{0,6}不动了|"
    r"(?:账单|传单|广告|纸条|单子|卡片|信|快递单)[^，,。]{0,4}夹在|蛋糕[^，,。]{0,6}塌|"
    r"(?:楼道|路|走廊|廊|声控|感应)的?灯[^，,。]{0,4}闪|灯泡[^，,。]{0,3}闪|"
    r"(?:手机|钥匙|鞋|帽子|球|东西)[^，,。]{0,3}掉(?:进|到|入)|掉(?:进|到|入)下水|"
    r"(?:车位|座位|位置|门票|票|名额|号)[^，,。]{0,4}被抢|被抢(?:光|购|先|答)|"
    r"(?:马蜂窝|蜂窝|蜂巢|窟窿|娄子)[^，,。]{0,2}捅|捅了?(?:马蜂窝|娄子|窟窿)|(?:总算|终于|开始)动手|"
    r"雨水冲进|尾随就(?:能|可以)|(?:狗|车|电动车|自行车|绳|树)[^，,。]{0,4}绑在|按摩[^，,。]{0,8}按在|掐着?(?:点|时间)|"
    r"(?:领口|领子|衣服|校服|裤腰|松紧|带子)[^，,。]{0,4}勒住|太紧[，,]?勒住|推我(?:进|加|入)|(?:问题|责任|事情|工作|皮球)[^，,。]{0,2}往外推|"
    r"(?:拖|拽|拉)进(?:了)?黑名单|"
    r"(?:垃圾桶?|家具|冰箱|行李|箱子|柜子|沙发|床垫|洗衣机|货物|东西|三轮车|电动车|自行车|纸箱)[^，,。]{0,6}(?:往外|往[^，,。]{0,4}车)?(?:拖|拽|塞|拉|推)|"
    r"(?:拖|拽|塞|拉|推)(?:上|进)?[^，,。]{0,2}(?:家具|冰箱|行李|箱子|柜子|沙发|床垫|洗衣机|货物|三轮车)|"
    r"拦住[^，,。]{0,2}(?:大?货车|车辆|渣土车)|(?:车|货|东西|摊|物品)[^，,。]{0,3}强行(?:带走|拖走|拉走)|"
    r"(?:蚊子|虫子|跳蚤|臭虫)[^，,。]{0,6}咬|房东[^，,。]{0,8}翻东西|(?:对面|装修|施工|工地)[^，,。]{0,6}(?:正在|已经在|开始|在)(?:拆|砸)|在砸墙|"
    r"推销|当铺|典当|赎回|火灾(?:保险|险)|困在(?:机场|车站|酒店)|电锤|电钻|冲击钻|巡逻[^，,。]{0,4}(?:拿着|带着|配着)|车[^，,。]{0,4}困在|困在[^，,。]{0,6}(?:合同|工作|婚姻|债务|车位)|鱼[^，,。]{0,3}被电|刀子嘴|屏幕?[^，,。]{0,2}炸|烧烤[^，,。]{0,14}炭|(?:饺子|汤圆|丸子|元宵|馄饨)[^，,。]{0,10}没(?:有)?浮|(?:支架|架子|外机|桌|椅|凳|床)[^。]{0,8}(?:腿|脚)[^，,。]{0,3}悬|help me (?:with|to (?:find|check|apply|understand|ask))|(?:娃娃|玩偶|玩具|公仔|布偶|图案)[^，,。]{0,4}嘴歪|(?:膝盖|背包|包|胳膊肘|肘)[^，,。]{0,4}(?:顶|抵)(?:着|住)|(?:塑料|袋|护板|树枝)[^，,。]{0,3}(?:卡|挂|卷)在车|(?:查完|检查完|看完|扫完|签完字|签了字)[^，,。]{0,6}才放|开锁(?:师傅|公司|的)[^，,。]{0,6}撬|"
    r"fire (?:me|us|him|her|them|workers|staff)|(?:parcel|package|delivery|order|item|luggage|bag|wallet|phone|keys?) (?:has |have |had )?gone missing|"
    r"(?:office|company|management|landlord|agent|staff|support|service|they|website|app) (?:is |are |was |were |has been |have been )?unresponsive|"
    r"(?:leaflets|flyers|papers|forms|notices) (?:were |was )?passed out|(?:customs|asset|property|goods|parcel) seizure|seizure of (?:my|the|our|goods|assets|property)|"
    r"choking on (?:the )?(?:dust|smell|stink)|chasing (?:the |my |our )?(?:landlord|agent|agency|employer|contractor|company|boss|payment|deposit|refund|money|wages|pay)\b|"
    r"kill(?:ing)? (?:me|us) with (?:this|these|the|their|his|her|its|all|such|so much) (?!knife|gun|bat|axe|hammer|stick|bottle|machete|poison|petrol|fire|car\b)|"
    r"(?:feet|legs|back|knees|muscles|calves|thighs|arms|ears|cheeks) (?:is |are |were |was )?(?:on fire|burning)|"
    r"(?:gave|give|giving|gives) me a heart attack|(?:nearly|almost) (?:had|having) a heart attack (?:when|at|over|seeing|reading)|"
    r"drowning (?:in|under) (?!(?:the|a|an|our|my|his|her|their|this|that|deep|water|river|sea|pool|lake|pond|flood|canal)\b)|"
    r"kill me if (?:i|we)(?:'m| am|'re| are)? ?(?:late|forget|miss|fail|lose|don'?t|do not|break|spend|eat|tell (?:her|him|them) about the)|kill me[^,.!?]{0,30}\b(?:lol|lmao|haha|jk)\b|"
    r"(?:feel|felt|feeling) trapped|trapped in (?:this|a|the|my) (?:contract|lease|job|marriage|situation)|"
    # paperwork up to the neck, buried in books, a mind that caves in, a client that stabs in the back
    r"(?:工作|作业|邮件|文件|材料|试卷|卷子|习题|报表|账单|消息|琐事|家务|活儿)[^，,。]{0,4}(?:多|堆)得?到?[^，,。]{0,4}(?:没过|淹过|淹没|齐)|"
    r"埋(?:在|进)了?[^，,。]{0,2}(?:书|文件|作业|试卷|卷子|题海|资料|报表|账本|材料)(?:堆|山|海|里)|"
    r"(?:心态|心理防线|防线|人设|信仰|世界观|三观|精神世界|信心)[^，,。]{0,3}(?:崩)?塌|"
    r"(?:甲方|乙方|公司|单位|平台|银行|项目|政策|市场|资本|客户|合作方|东家)[^，,。]{0,4}捅了?[^，,。]{0,2}(?:一刀|刀子)"
)
# Said by someone else: "他说要砍死我" is a threat, not (yet) an attack; the resident is asked.
_QUOTED = re.compile(
    r"(?:说|讲|话(?<![电讲说对通笑废坏好实闲情童神谈会]话)|扬言|威胁|放话|喊着?|骂|吓唬|警告|声称)(?:着|了|咗)?[^，,。]{0,8}(?:要|会|就|让|等着)[^，,。]{0,8}$|"
    r"[“\"「『][^”\"」』]{0,40}$"
)
# Self-harm threatened on a condition: "你再不结婚我就去死", "再提离婚就不活了".
_LEVERAGE = re.compile(r"(?:再|要是|如果|敢)[^，,。]{1,10}就(?:去|要)?$")
# The speaker said the cue word itself: "说要杀了我" (the cue 要杀 carries the modal).
_SAID = re.compile(r"(?:说|讲|话(?<![电讲说对通笑废坏好实闲情童神谈会]话)|扬言|威胁|放话|喊着?|骂|吓唬|警告|声称)(?:着|了|咗)?[^，,。]{0,3}$")
# A threat whose author is close by now: "他说知道我住哪，刚发了我家楼下的照片" is not only words.
_NEARBY = LazyPattern(r"楼下的照片|门口的照片|知道我住|现在(?!我们?(?:在|正在)(?:谈|办|商量|协商|准备|打官司|走程序|起诉|分居))[^，,。]{0,4}(?:在(?!外地|外省|国外|老家|外面打工|坐牢|监狱|里面)|堵|守|蹲)|已经(?:在|到)|就在(?:我家)?(?:楼下|门口|门外|外面)|守在|蹲在|"
    # at the door, saying it: "他今天找到了我新住的地方，在门外说要杀了我"
    r"(?:在|站在|堵在)(?:我家|我们家)?(?:门外|门口)[^，,。]{0,4}(?:说|喊|骂|叫)", None)
#: Cancel reasons that leave a danger open rather than over: the resident is asked.
_UNSURE_REASONS = frozenset({"quoted", "habitual", "exclaim", "future", "hearsay", "lasting", "law", "cold"})
# A duration right after the cue: "水管爆了三天都不来修", "漏气好几天了" has lasted, it did not just start.
_LASTING = re.compile(r"(?:了|咗)?(?:(?:[一二三四五六七八九十两几\d]+|好几|半)(?:天|个?星期|周|个?礼拜|个?月|年)|成个(?:礼拜|星期|月)|一整(?:个)?(?:礼拜|星期|月))")
# Heard from someone, not seen: "听说隔壁学校有学生带了刀" is asked about, not alarmed.
_HEARSAY = re.compile(r"据其称|据其反映|据来电人|据(?:他|她)说|听说|听人说|听别人说|听邻居说|听[^，,。]{0,4}说|据说|i heard|rumou?r|转发(?:说|了)?")
# "If" said after the cue: "被困电梯的话应该打哪个电话".
_IF_AFTER = re.compile(r"[^，,。]{0,6}的话")
# Tomorrow or feared, not now: "怕他们明天会跟老板的人打起来" is asked about.
_FUTURE = re.compile(r"明天|明早|明晚|后天|下周|下个月|过几天|改天|怕|担心|万一|会不会")
# A cue that describes something ("着火的那户", "打架的那个人") is not an event happening now.
_DESCRIBES = re.compile(r"的(?:那|这|人家|房子|地方|事|一家|一户|人)")
#: Cues that are only an exclamation or an object: without a present marker they are asked about.
# Someone else heard crying for help ("隔壁一直有女的在喊救命") is not the writer's exclamation.
_HEARD_CRY = re.compile(r"(?:喊|呼|嚷|嗌|大叫)(?:着|了|紧)?$")
_EVERY_DAY = re.compile(r"天天|每天|经常|老是|总是|一大早|每次")


def _heard_cry(text: str, m: re.Match[str]) -> bool:
    """Someone is heard crying for help now (在喊救命), not every day (鹦鹉天天喊救命)."""
    left, _ = _clause_bounds(text, m.start(), m.end())
    return bool(_HEARD_CRY.search(text, max(left, m.start() - 3), m.start())) and not _EVERY_DAY.search(text, left, m.start())


_EXCLAIM = frozenset({"救命", "help me", "help!", "sos", "jiu ming", "jiuming", "jiu命"})


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` starts: after the last ``_SENTENCE_BREAK`` (one character) before it.
    (One search of the reversed prefix: iterating over every break of a long text costs a few times more.)"""
    last = _SENTENCE_BREAK.search(text[:pos][::-1])
    return pos - last.start() if last else 0


def _sentence(text: str, m: re.Match[str]) -> str:
    start = _sentence_start(text, m.start())
    end = _SENTENCE_BREAK.search(text, m.end())
    return text[start : end.start() if end else len(text)]


# A simile: "骂人跟要杀人一样", "音响轰得跟爆炸一样", "跟打孩子似的".
_LIKE_BEFORE = re.compile(r"(?:跟|像|和|如同|好似)[^，,。]{0,4}$")
_LIKE_AFTER = re.compile(r"[^，,。]{0,2}(?:一样|似的|一般|咁|没区别|没什么区别|没两样|差不多)")
# A comparison: "押金不退，比抢劫还狠", "要价比杀人还黑".
_THAN_BEFORE = re.compile(r"比[^，,。]{0,3}$")
_THAN_AFTER = re.compile(r"还(?:要)?(?:狠|黑|凶|贵|坑|过分|离谱|可怕|吓人|厉害|难受|恶心)")


#: How far around a cue a figurative span is looked for (it must overlap the cue to count).
FIGURE_REACH = 24


def _figurative(text: str, m: re.Match[str]) -> bool:
    start, end = m.start(), m.end()
    if _LIKE_AFTER.match(text, end) and _LIKE_BEFORE.search(text, max(0, start - 6), start):
        return True
    if _THAN_AFTER.match(text, end) and _THAN_BEFORE.search(text, max(0, start - 4), start):
        return True
    for f in _FIGURATIVE.finditer(text, max(0, start - FIGURE_REACH), min(len(text), end + FIGURE_REACH)):
        if f.start() < end and start < f.end():
            return True
    return False


# Evidence that the danger is over: what the resident wants now, or how things stand now.
_AFTERMATH = LazyPattern(r"(?:现在|目前|如今|而家)[^，,。]{0,4}(?:想(?:问|退|申请|咨询|了解|起诉|索赔|要回|办)|人没事|没事了|出院|好了|冇事|在家(?:休养|养伤))|"
    # a judgment asked of what was done: "城管这样执法对吗", "这样罚合不合理"
    r"(?:这样|这么|这种)(?:执法|罚|处罚|处理|管理|做法|教育|对待|收费|对我|对孩子|做)[^，,。]{0,4}(?:对吗|对不对|合理吗|合不合理|合法吗|合不合法|违法吗|犯法吗)", None)
# Asking what a word means: "这算家暴吗", "算不算非法拘禁" (打算 is a plan, not this).
_DEFINITION = re.compile(r"(?:算不算|(?<!打)算|属于|属不属于|构不构成|构成|叫不叫)[^，,。]{0,2}$")
_QUESTION_AFTER = re.compile(r"[^，,。]{0,4}(?:吗|呢|么|[?？])")
# A pet, and nobody else, in the sentence before a medical cue: "我家猫…一动不动".
_PET = re.compile(r"猫|狗|宠物|仓鼠|兔子|鹦鹉|乌龟|金鱼|鸡(?!蛋)|鸭(?!蛋)|鹅(?!蛋)|牛(?!奶)|羊|猪|\bcat\b|\bdog\b")
# (an owner named with 的 is not the one in danger: "邻居的猫躺在地上")
# English person words after a space, so the pattern keeps a literal first (a whole word: not the "son" of
# "reason"; not a possessive: "my son's dog" is the dog)
_PERSON_EN = r" (?:kid|child|boy|girl|baby|toddler|man|woman|lady|person|someone|son|daughter)\b(?!['’]s)"
_PERSON = LazyPattern(r"(?:人|室友|舍友|同学|朋友|孩子|小孩|老人|爸|妈|他|她|爷|奶|婆|公|宝宝|娃|儿子|女儿|先生|太太|师傅|阿姨|叔|伯|姐|哥|弟|妹|"
                     r"老板|店主|保安|司机|邻居|同事|男的|女的|客人|顾客|员工|工人|学生|老师|医生|护士)(?!的)|" + _PERSON_EN)
# Said over and over, so not news: "每天都这么说", "口头禅".
_SAYS_OFTEN = re.compile(r"(?:每天|天天|老是|总是|经常|每次|成天|整天|动不动)都?(?:这么|这样|那么)说|口头禅|挂在嘴边")
# The speaker went back to ordinary things right after saying it: "…说完就去打游戏了" (not 说完就挂了).
_CHILD_RELAYS = re.compile(r"(?:孩子|女儿|儿子|闺女)(?:回来|回家)?(?:跟|和|对|告诉)我(?:说)?[^，,。]{0,6}(?:同桌|同学|室友|舍友|班上|班里)")
_STATE_OF_THINGS = re.compile(r"天天|每天|经常|老是|总是|常年|白天|平时|一直")
_TENDENCY = re.compile(r"(?:的时候|一吵架|一生气|喝了酒|喝多了)[^，,。]{0,4}(?:会|就会|总会)$")
_AGAIN_THEN = re.compile(r"[^，,。]{0,3}又")
_NEAR_MISS = re.compile(r"差点|差一点|差啲|险些|好在没")
_MINOR_GRAZE = re.compile(r"(?:膝盖|手掌|手肘|胳膊肘|手|腿|脚|皮)(?:都|也|上)?$")


def _everyday_reason(c: _Cue) -> str | None:
    """Everyday tellings the other checks miss: a worry, a quote split by its comma, a near miss inside a
    long cue, a grazed knee."""
    if c.strong_now:
        return None
    if c.group == "s120" and _WORRY_BEFORE.search(c.before):
        return "future"  # 我们很担心她想不开: a worry, asked about
    if c.group == "s110" and _OPEN_QUOTE.search(c.text, c.sentence_start, c.left) and not _NEARBY.search(c.sentence):
        return "quoted"  # 他说"你要是敢争房子，我就弄死你": a quote whose comma split it from its opening mark
    if c.left > c.m.start() and _NEAR_MISS.search(c.text, c.left, c.m.end()):
        return "negated"  # 横冲直撞，我奶奶差点被撞倒: the long cue's own clause says it did not happen
    if c.group == "s120" and _CHILD_RELAYS.search(c.text, c.sentence_start, c.m.start()) and not _ONGOING.search(c.sentence):
        return "hearsay"  # 女儿跟我说她同桌说不想活了: a schoolmate's words passed on (not 刚才…割腕了)
    if _WHETHER_TO_ACT.search(c.text) and _STATE_OF_THINGS.search(c.text) and not _ONGOING.search(c.text):
        return "habitual"  # 把她锁在家里，白天能听到她喊，不知道该不该管: a state of things, asked about
    if _TENDENCY.search(c.before):
        return "habitual"  # 吵架的时候我爸会摔东西: what he tends to do, asked about
    if c.m.group(0) == "磕破" and _MINOR_GRAZE.search(c.before):
        return "minor"  # 膝盖都磕破了: a graze, not a head wound
    if _DISPOSITION_AFTER.match(c.text, c.m.end()):
        return "history"  # 有家庭暴力倾向, 有自残的习惯, 打人的前科: what someone is like, not what is happening
    past = max(_PAST.finditer(c.text, c.sentence_start, c.left), key=lambda p: p.end(), default=None)
    again = _AGAIN_THEN.match(c.text, past.end()) if past is not None else None
    if again and not _NOW_AGAIN.search(c.text, again.end(), c.m.start()) and not _ONGOING.search(c.text, c.left, c.m.end()):
        return "past"  # 上个月他又来要钱…推了我一把: 又 tells that past occasion, not today
    return None


_OPEN_QUOTE = re.compile(r"[“\"「『][^”\"」』]{0,40}$")
_CLOSE_QUOTE = re.compile(r"[”\"」』]")
# A complaint about noise: what is shouted is the nuisance ("…喊"救命"，吵得睡不着", "screaming … until 11pm").
_NOISE_COMPLAINT = re.compile(r"吵得|吵死|太吵|好吵|噪音|扰民|睡不着|\bnoise|\bnoisy|until \d|till \d")
# A disposition or a record right after the cue: "家庭暴力倾向", "自残的习惯", "打人的前科".
_DISPOSITION_AFTER = re.compile(r"(?:的)?(?:倾向|习惯|毛病|前科|案底)")
# Verbs of killing, and what they can be done to besides a person.
_KILL_VERB = re.compile(r"(?:毒|砍|打|弄|摔|药|斩|整|搞|掐|淹|烧|电)死|杀(?:了|掉)?$|\b(?:shoot|kill|poison)")
_BEAST = r"(?:猫|狗|犬|宠物|鱼|鸡|鸭|鹅|猪|牛|羊|兔|鸟|鸽|鹦鹉|仓鼠|乌龟|菜|树|花|庄稼|苗|cat|dog|pet|puppy|kitten)"
# ... the object after the verb: a possessor, a classifier or a modifier, then the animal or the thing ("毒死我家的猫",
# "斩死我隻狗", "shoot my dog"); before it, under 把 ("把我家鱼塘里的鱼全毒死", "把它毒死").
_BEAST_AFTER = re.compile(r"[^，,。人]{0,6}?" + _BEAST)
_BEAST_BEFORE = re.compile(r"把(?:它|牠)们?[^，,。]{0,2}$|把[^，,。和跟连]{0,10}" + _BEAST + r"[^，,。人]{0,3}$")
_NOT_BEAST_AFTER = re.compile(r"[^，,。]{0,6}?(?:人|孩子|小孩|老人|全家|一家|我(?![家们])|你(?!家)|他(?!家)|她(?!家))")


def _threat_to_beast(text: str, m: re.Match[str], group: str) -> bool:
    """A killing verb aimed at an animal or a thing, said as a threat ("说再投诉就毒死我家的猫")."""
    if not _KILL_VERB.search(m.group(0)):
        return False
    before = _cue(text, m, group).before
    return bool(_QUOTED.search(before) or _LEVERAGE.search(before) or _SAID.search(before))


def _not_a_person(c: _Cue) -> bool:
    """The killing verb's object is an animal or a thing: after it ("毒死我家的猫") or under 把 before it."""
    after = _BEAST_AFTER.match(c.text, c.m.end())
    if after is not None and not _NOT_BEAST_AFTER.match(c.text, c.m.end(), after.end()):
        return True
    return _BEAST_BEFORE.search(c.before) is not None


# --- residents' long genres: letters, work orders, notices (false3 round) ----------------------------
# A promise to come is not the danger urging: "车主说马上来处理" leaves a dripping tank a hazard.
_PROMISED = re.compile(r"(?:说|答应|表示|称|回复)(?:会|就)?(?:马上|立刻|立即)(?:就)?(?:来|过来|处理|派人|到|修)")
# Lighting a stove, an instrument holding a thing down: "打着火之后又灭了", "用一块砖头压住了".
_LIT_OR_HELD = re.compile(r"[打点]着火|用[^，,。]{0,8}(?:压住|压着|顶住|堵住)|拿不(?:稳|动|住|起)")
# A harmless cause named later in the message: "血是猪血", "警察来了说是在玩游戏".
_HARMLESS_LATER = re.compile(literal_first(
    r"(?:是|原来是)[^，,。]{0,2}(?:猪|鸡|鸭|鱼|牛|羊)血|(?:颜料|番茄酱|红墨水|道具血)|"
    r"说是在?(?:玩游戏|玩剧本杀|演戏|拍戏|排练|彩排|拍视频|拍短视频|训练|上课)|"
    r"是[^，,。]{1,8}[，,]不是(?:真的?)?(?:刀|枪|血|火|炸弹)"))
# Acting said of the scene, anywhere: "演得跟真的一样", "they were just acting".
_ACTED = re.compile(r"演得(?:跟|像|和|如)真(?:的)?一样|演得(?:很|挺|太)?逼真|\b(?:just|only) acting\b")
# A sport or a sales patter around a shout in quotes: "拳击馆…教练喊“打他！”", "喇叭喊“跳楼价…老板不想活了”".
_SPORT_OR_SALES = re.compile(r"拳击|散打|搏击|跆拳道|沙袋|击剑|柔道|摔跤|泰拳|武术|清仓|甩卖|跳楼价|亏本|大喇叭|吆喝|促销")
# A condition right before the cue, even after 现在: "现在万一着火连水都没有".
_IF_RIGHT_BEFORE = re.compile(r"(?:万一|如果|要是|假如|假设|一旦|倘若)[^，,。]{0,3}$")
# Days of last week and this year's months gone by: "上个星期六…倒在地上", "2026年5月…砸我".
_LAST_WEEK = re.compile(r"上个?(?:星期|礼拜)[一二三四五六日天]|上周[一二三四五六日末]|上个周末")
_YEAR_MONTH = re.compile(r"(\d{4})年(\d{1,2})月")
_YEAR = re.compile(r"(1[89]\d\d|20\d\d)年")
_LAST_DAY_EN = re.compile(r"\blast (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend)\b")
# A written document about a case opens the message: it tells what happened, not what happens.
_CASE_PAPER = re.compile(r"维修记录|护理日志|值班记录|工作日志|感谢信|表扬信|申诉书|补充材料|补充说明|情况说明|起诉状|答辩状|仲裁申请|申请书|陈述书|笔录|庭审|判决书|信访事项")
# Over by its outcome, later in the message: out of danger, a case closed, the thief gone.
_OUTCOME = re.compile(literal_first(r"(?:检测|检查)(?:后)?(?:无|没有)(?:泄漏|漏气|异常)|恢复(?:了)?(?:供气|供电|供水|通气)|(?:很快|慢慢|就|才|已经|后来)?醒(?:了)?过来了|被[^，,。]{0,4}接(?:回家|走)了|脱离(?:了)?危险|转危为安|(?:已|已经)?(?:调解)?结案|(?:救|拉|拖)上(?:了)?岸|被[^，,。]{0,4}救起|"
                      r"(?:小偷|窃贼)[^，,。]{0,8}(?:逃走了|跑掉了|逃跑了|跑了|溜了|逃了)"))
# Over and done, said after the act: a court or the police dealt with it, the victim got out or was
# sent home, the fight was pulled apart ("拿砖砸了我爸…在医院观察一晚已经回家了", "被判了三年", "报警才出来的",
# "has been sentenced"). Not 拉住 (still holding on) nor 抓走 (taken away).
_OVER_AFTER = re.compile(
    r"判了|判处|宣判|被判|判决(?:书)?(?:已经)?(?:下来|出来|生效)|"
    r"被(?:警察|民警|公安|派出所)?(?:抓|拘留|刑拘|逮捕|拘)(?:了|起来了|到了)|"
    r"(?:人|那人|那伙人|那几个人|凶手|嫌疑人|对方|他们?|她)(?:已经|都|全|也)?(?:被)?(?:抓(?:到|起来)?了|拘留了|刑拘了)(?![我你他她人孩])|"
    r"(?:派出所|警察|民警|公安)[^。！？]{0,10}(?:处理|调解)(?:完|过|好)了?|(?:处理|调解)(?:完|好)了|"
    r"(?:派出所|警察|民警|公安|警方)[^。！？]{0,12}带(?:走|回)[^，,。]{0,4}了|(?:盖|扑|浇|踩|拍)灭了|(?:就|已经|总算|终于|很快)(?:扑)?灭了|"
    r"报警(?:后|以后|之后)?才[^，,。]{0,4}(?:出来|脱身|得救|放|开门|走)|才(?:被)?(?:放|跑|逃|挣脱|爬)?出来的?|才(?:跑|逃)(?:掉|走)|才走的|"
    r"被[^，,。]{0,6}(?:拉|拦|劝)(?:开|走|下来)了|(?:拉|拦|劝)(?:开|下来)了|"
    r"(?:已经|后来|自己|就|都)[^，,。]{0,6}(?:回家|出院)了|"
    r"\b(?:has been|have been|was|were|got|been|is|and) (?:sentenced|convicted|jailed|charged|arrested|imprisoned|locked up|fined)|"
    r"\bgot (?:\w+ )?(?:years?|months?)\b|\bsentenced to\b|out on parole|\bin (?:prison|jail)\b|case (?:is |was |has )?closed")
# ... unless the message still urges, or a danger goes on after it (a pain or a stay in hospital may).
_STILL_ON = re.compile(r"正在|快来|快叫|救命|马上|赶紧|快点|现在就|在路上|快派|快救|快报警|止不住|叫不醒|"
                       r"还没(?:有)?(?:找到|醒|出来|救|回来|脱险|灭)|仍(?:然)?(?:没|未|在)|下落不明|失踪|"
                       r"还(?<!昨天还|前天还|昨晚还|那天还|当时还)在(?!疼|痛|医院|住院|养|恢复|吃药|治疗|哭|害怕|怕|骂|闹)|help|right now|hurry")
# ... nor a habit that starts again after it: "每次派出所调解完回家接着打".
_AGAIN_OR_ON = re.compile(r"[^。！？]{0,8}(?:又|再次|接着|继续|照样|照旧)")
# A hazard handed over and cordoned off, and a request for later: "保安拉了警戒带…以后加强巡查".
# ... unless it turns again: "醒过来了又晕过去了".
_AGAIN_AFTER = re.compile(r"[^。！？]{0,8}(?:又|再次)")
_CORDONED = re.compile(literal_first(r"(?:拉了?|拉起(?:了)?|设了?|围了?)(?:警戒|隔离)(?:线|带)|已经?(?:用[^，,。]{0,6})?围起来了"))
_FOR_LATER = re.compile(r"以后|今后|加强|配齐|配备|建议|督促")
# People described by a word, not a person now: "有轻生念头的居民".
# A tally of people already hurt: "今年已经有两个人被冲走了" reports past cases.
_TALLY_BEFORE = re.compile(r"已经有[一二两三四五六七八九十几\d]+(?:个|名|位|起)[^，,。]{0,3}$")
# Callers or cases listed by kind: "有想自杀的，有失恋的"; a picture of the danger: "拿着刀的照片".
_ENUM_BEFORE = re.compile(r"有(?:想|要|被)?$")
_ENUM_AFTER = re.compile(r"的(?:[，,、。.；;]|$)")
_PICTURE_AFTER = re.compile(r"的(?:照片|视频|图片|图|表情包|头像|截图)")
_KIND_OF_PEOPLE = re.compile(r"(?:念头|倾向|想法|经历|行为)?的(?:居民|人群|群体|患者|人士|青少年|学生们|家庭|朋友们)")
# Homework and lessons named anywhere: "学校布置了一个作业…火灾逃生路线图…着火了往哪跑".
_LESSON_MORE = re.compile(r"作业|逃生路线|逃生图|手抄报|安全课|安全教育|消防知识|应急知识")
# Told by a friend about their own place, not here: "我朋友说他们小区有人往下扔菜刀".
_ELSEWHERE = re.compile(r"(?:朋友|同事|亲戚|同学|网友)(?:跟我)?说(?:他们|她们|他|她)(?:那边|那里|小区|村|学校|单位|公司|楼)")

# Words around the cue that make it a game, a figure or a thing: "哭晕在厕所", "玩狼人杀我被刀了", a sign's words.
_FIGURE_MORE = re.compile(literal_first(r"[哭笑]晕|狼人杀|剧本杀|knife[^,.]{0,24}(?:arrived|broken|refund|blunt|snapped)|"
                          # money bleeding someone dry; a pan or a drink lit on purpose for the show; a death in a game
                          r"bleed(?:s|ing)? (?:\w+ ){0,2}dry|(?:wok|pan|pot|cocktail|drink|dessert|dish) on fire (?:on purpose|for (?:the |a )?show)|"
                          r"故意(?:让|把)?[^，,。]{0,6}(?:锅|勺|炭|酒|菜)[^，,。]{0,4}(?:着火|点着|烧起来|起火)|"
                          r"游戏[^。！？]{0,10}被(?:人|对面|队友)?(?:打死|杀|秒|爆头)|"
                          # a name: "a place that calls itself Fire Bomb Chicken"
                          r"(?:calls? (?:itself|it)|called|named|titled|branded) (?:the )?[a-z]+(?: [a-z]+){0,3}|"
                          # a chat group or a comment section that "blew up" with messages
                          r"(?:群|群里|朋友圈|评论区|热搜|微博|论坛|直播间|弹幕|后台)[^，,。]{0,3}炸"))
# A self-harm word said of a loss at cards, in shares or in a game, laughing: "输得快跳楼了哈哈".
# ... or of tiredness at work or school, laughing: "上班上到想跳楼，哈哈", "返工返到想跳楼".
_LOSS_BEFORE = re.compile(r"输|亏|赔|跌|套牢|虐|坑|气得|被我气|考得|累|攰|加班|上班|返工|考试|作业|甲方|crash|\blost\b|\blosing\b|\bbroke\b|\bexams?\b|\bwork\b|deadline")
_LAUGH = re.compile(r"哈哈|呵呵|hh|lol|lmao|😂|🤣|开玩笑|开个玩笑|逗你|\bjk\b|\bjoking\b")
_SELF_HARM_WORD = re.compile(r"跳楼|跳海|跳河|跳江|跳下去|上吊|想死|去死|不想活|自杀|jump off|kill myself")
# A danger word inside quotation marks used as a name, not as speech: "爆炸盐"洗衣粉, 一个叫“刀刀烈火”的游戏,
# 火锅店叫“辣到跳楼” (a cry in quotes is speech: 喊“救命”, 听到“着火了”的喊声).
_NAME_OPEN = re.compile(r"[“\"「『][^”\"」』，,。!！?？]{0,10}$")
_NAME_CLOSE = LazyPattern(r"[^”\"」』，,。!！?？]{0,10}[”\"」』](?!的?(?:声|喊|叫|哭|呼))(?:的|[\u4e00-\u9fffa-z])", None)
_NAMED_BEFORE = re.compile(r"(?:名叫|叫做|名为|取名|起名|号称|店名|招牌|牌子|品牌|名字叫|(?:店|馆|铺|款|游戏|剧|片|菜|餐厅|酒吧|公司)叫)$")
_SPOKEN_BEFORE = re.compile(r"(?:(?:喊|说|骂|吼|嚷|哭|求|道|念|叫着|大叫|尖叫)(?:着|了|要|会|就)?|[:：])\s*$")
_GAS_NAMED = re.compile(r"煤气|燃气|天然气|液化气|瓦斯|沼气|气罐|气瓶|臭鸡蛋|\bgas\b")
# An idiom of betrayal; a literal stab names a wound, a weapon or help somewhere in the message.
_BETRAYAL = re.compile(r"stab(?:bed|s|bing)? (?:me|us|him|her|them) in the back|back-?stab")
_BODILY = re.compile(r"blood|bleed|knife|wound|hurt|hospital|ambulance|police|help|right now|\bjust\b|"
                     r"\b(?:at|outside|near|on|in) (?:the|a|my|our) (?!back\b|company|office|meeting|business|deal|project|team|boss)")
_SIGN_AFTER = re.compile(r"[^“\"「『”」』]{0,20}[”\"」』]的?(?:牌子|标语|告示|警示牌|横幅|提示|标志|标牌)")
# The incident named as a noun: "多起学生溺水事件", "电梯坠落事故的后续".
_INCIDENT_NOUN = re.compile(r"(?:事件|事故|案件|悲剧)")
# A cut seen to with a plaster: "剪出血了，就给贴了个创可贴", "流了很多血，老师只给贴了个创可贴".
_PLASTER = re.compile(r"创可贴|包扎(?:了|好了|过了)|止住了|止血了|消毒")
# A stay in bed for days after the cue: "腰摔坏了在家躺了一个多月".
_LAIN_FOR = re.compile(r"躺了[^，,。]{0,3}(?:天|个?月|周|个?星期|个?礼拜)")
# Care after a blow, named plainly (not "门被踹开一条缝了"): "骨折做了手术", "缝了五针".
_BLOW_TREATED = re.compile(r"做了手术|动了手术|住(?:了)?院|出院|缝了[一二三四五六七八九十两几\d]+针|打了石膏|打了钢板|拍了片")
# A film or a series named: "《刑侦十二时辰》那集", "这部剧的反派"; English "read about", "turned out to be".
_SHOW_MORE = re.compile(literal_first(r"《[^》]{1,20}》|那集|这集|每集|这部剧|那部剧|这部电影|那部电影|反派|(?:玩|做)[^，,。]{0,4}游戏"))
_SHOW_MORE_EN = re.compile(r"\bread about\b|\bsaw (?:it )?on the news\b")
_TURNED_OUT = re.compile(r"\bturned out to be\b|\bit was (?:just|only)\b")
# A warning before the cue: "注意别把壶烧干着火", "千万不要让孩子…".
_WARNING_BEFORE = re.compile(r"(?:注意|小心|当心|千万)(?:别|不要|莫)?[^，,。]{0,8}$")
# Said by habit: "动不动就说", "一天到晚说".
_SAYS_BY_HABIT_MORE = re.compile(r"(?:动不动|一天到晚|整天|成天)(?:就|都)?(?:说|讲|喊|念叨)[^，,。]{0,12}$")
# A child's report at home of what happened at school: "孩子回家说老师拿尺子打手心".
_TOLD_AT_HOME = re.compile(literal_first(r"(?:放学)?回家(?:后|以后)?(?:跟我|和我|对我)?(?:说|讲)"))
# A punishment, a fear of blood: not a present danger.
_PUNISHMENT_AFTER = re.compile(r"[^，,。]{0,4}(?:罚站|面壁|关禁闭)")
_FAINTS_AT_BLOOD = re.compile(r"晕血|晕针")


def _framed_before(frame: re.Pattern[str], c: _Cue) -> bool:
    """``frame`` in the cue's sentence before it, not set aside on the way ("在玩游戏，结果…", "晕血，不过这次…")."""
    last = max(frame.finditer(c.text, c.sentence_start, c.m.start()), key=lambda f: f.end(), default=None)
    return last is not None and not _SET_ASIDE.search(c.text, last.end(), c.m.start())


# "正在" that describes someone, not what happens: "两位正在钓鱼的市民跳下水把我救上岸".
_ATTRIBUTIVE_NOW = re.compile(r"正在[^，,。的]{1,6}的")


def _calm_words(span: str) -> str:
    """``span`` without a promise to come or a 正在 that describes someone."""
    return _ATTRIBUTIVE_NOW.sub("", _PROMISED.sub("", span))


def _urged(c: _Cue) -> bool:
    """Something in the sentence urges now, not counting a promise to come or a description."""
    return _STRONG_ONGOING.search(_calm_words(c.sentence)) is not None


def _quoted_name(text: str, m: re.Match[str]) -> bool:
    """The cue sits inside short quotation marks that name a thing (a product, a shop, a game), not speech."""
    opened = _NAME_OPEN.search(text, max(0, m.start() - 10), m.start())
    if opened is None or _SPOKEN_BEFORE.search(text, max(0, opened.start() - 3), opened.start()):
        return False
    return (_NAME_CLOSE.match(text, m.end()) is not None
            or _NAMED_BEFORE.search(text, max(0, opened.start() - 6), opened.start()) is not None)


def _genre_reason(c: _Cue) -> str | None:
    """Residents' letters, work orders and notices: the danger word is background, a thing or a lesson."""
    text, m = c.text, c.m
    if _LIT_OR_HELD.search(text, max(0, m.start() - 12), m.end()):
        return "object"  # 煤气灶打着火之后又灭了, 用一块砖头压住了
    for f in _FIGURE_MORE.finditer(text, max(0, m.start() - FIGURE_REACH), min(len(text), m.end() + FIGURE_REACH)):
        if f.start() < m.end() and m.start() < f.end():
            return "figurative"  # 老板都要哭晕在厕所, 玩狼人杀我被刀了
    if _OPEN_QUOTE.search(text, max(0, m.start() - 40), m.start()) and _SIGN_AFTER.match(text, m.end()):
        return "object"  # "此处水深，曾有人溺水"的牌子
    if m.group(0).startswith("气味很") and not _GAS_NAMED.search(text):
        return "word"  # 尾气味很重, 烧焦的杂物…气味很大: a smell is a gas leak only where gas is named
    if _BETRAYAL.search(text, max(0, m.start() - 4), m.end() + 24) and not _BODILY.search(text):
        return "figurative"  # "my partner stabbed me in the back" (betrayal), with no wound or weapon anywhere
    if _quoted_name(text, m):
        return "figurative"  # "爆炸盐"洗衣粉, 一个叫“刀刀烈火”的游戏
    if _HARMLESS_LATER.search(text, m.end()) and not _STRONG_ONGOING.search(text, m.end()):
        return "correction"  # …带血的刀…血是猪血
    if _ACTED.search(text):
        return "fiction"
    if (_SELF_HARM_WORD.search(text, m.start(), m.end() + 2) and _LAUGH.search(text) and _LOSS_BEFORE.search(text, c.sentence_start, m.start())
            and not _CALL_FOR_HELP.search(text) and not _STILL_ON.search(text)):
        return "figurative"  # 昨晚打麻将输得快跳楼了哈哈 (a loss of 十几万 and 要去跳海 with no laugh stays)  # 隔壁在拍视频，一直喊救命，演得跟真的一样: a cry in a scene being played
    if (c.group in ("s110", "s120") and _OPEN_QUOTE.search(text, max(0, m.start() - 40), m.start())
            and _SPORT_OR_SALES.search(text, 0, m.start())):
        return "figurative"  # 拳击馆…教练喊“打他！”, 喇叭喊“跳楼价…老板不想活了”
    outcome = max(_OUTCOME.finditer(text, m.end()), key=lambda o: o.end(), default=None)
    if outcome is not None and not _STRONG_ONGOING.search(text, outcome.end()) and not _AGAIN_AFTER.match(text, outcome.end()):
        return "resolved"  # 司机马上把车停下…大爷很快醒过来了，被家属接走了: the story ends well
    over = max(_OVER_AFTER.finditer(text, m.end()), key=lambda o: o.end(), default=None)
    if (over is not None and not _STILL_ON.search(text, over.end()) and not _AGAIN_OR_ON.match(text, over.end())
            and not _CALL_FOR_HELP.search(text)
            # (赶紧, 马上 before the end are told as what was done: "赶紧盖上锅盖就灭了")
            and all(s.group() in ("赶紧", "马上") for s in _STILL_ON.finditer(text, m.start(), over.start()))):
        return "resolved"  # 拿砖砸了我爸…已经回家了, 已经判了, 报警才出来的: the act is told with its end
    if _urged(c):
        return None
    if _IF_RIGHT_BEFORE.search(c.before):
        return "conditional"  # 现在万一着火连水都没有
    if text.startswith("未遂", m.end()):
        return "past"  # 跳楼未遂的住户
    if _KIND_OF_PEOPLE.match(text, m.end()):
        return "hypothetical"  # 有轻生念头的居民
    if _ENUM_BEFORE.search(c.before) and _ENUM_AFTER.match(text, m.end()):
        return "hypothetical"  # 电话里有想自杀的，有失恋的，有被家暴的
    if c.group == "s110" and _PICTURE_AFTER.match(text, m.end()) and not _NEARBY.search(c.sentence):
        return "object"  # 群里发了一张拿着刀的照片 (a photo of self-harm is a sign: 发了一张割腕的照片)
    if _TALLY_BEFORE.search(c.before):
        return "past"  # 今年已经有两个人被冲走了
    if _WARNING_BEFORE.search(c.before):
        return "negated"  # 注意别把壶烧干着火
    if _SAYS_BY_HABIT_MORE.search(text, c.sentence_start, m.start()):
        return "habitual"  # 婆婆动不动就说“不给钱我就去跳河”: asked about
    if _framed_before(_FAINTS_AT_BLOOD, c) or _PUNISHMENT_AFTER.match(text, m.end()):
        return "hypothetical"  # 我妈晕血，看到流血就晕倒; 关在小黑屋里罚站
    latin = _LATIN.search(text) is not None
    if latin and _TURNED_OUT.search(text, m.end()):
        return "correction"  # gas smell … turned out to be from a rotten egg
    clause_now = _ONGOING.search(_calm_words(c.clause)) is not None
    if clause_now:
        return None
    # (a turn between the date and the cue brings it back: "2026年3月就投诉过，结果楼道着火了")
    def dated_past(marker: re.Match[str]) -> bool:
        return not _NOW_AGAIN.search(text, marker.end(), c.right) and not _SET_ASIDE.search(text, marker.end(), m.start())

    last_week = max(_LAST_WEEK.finditer(text, c.sentence_start, m.start()), key=lambda p: p.end(), default=None)
    if last_week is not None and dated_past(last_week):
        return "past"  # 上个星期六我父亲…倒在地上
    last_day = _LAST_DAY_EN.search(text, c.sentence_start, c.right) if latin else None
    if last_day is not None and not _NOW_AGAIN.search(text, last_day.end(), c.right):
        return "past"  # the small fire on the balcony last Sunday
    today = date.today()
    for y in _YEAR.finditer(text, c.sentence_start, m.start()):
        if int(y.group(1)) < today.year and dated_past(y):
            return "past"  # 1976年那场地震他被埋在废墟下
    for ym in _YEAR_MONTH.finditer(text, c.sentence_start, m.start()):
        if (int(ym.group(1)), int(ym.group(2))) < (today.year, today.month) and dated_past(ym):
            return "past"  # 本人因在2026年5月与同事发生肢体冲突…用水杯砸我
    if _INCIDENT_NOUN.match(text, m.end()):
        return "past"  # 多起学生溺水事件: an incident named, not happening
    if c.group == "m120" and _PLASTER.search(text, m.end(), c.sentence_end):
        return "treated"  # 剪出血了，就给贴了个创可贴
    if c.group == "s110" and (_BLOW_TREATED.search(text, m.end(), c.sentence_end) or _LAIN_FOR.search(text, m.end(), c.sentence_end)):
        return "treated"  # 把我父亲推倒在地，髋骨骨折做了手术
    if c.group != "s110" and _LAIN_FOR.search(text, m.end(), c.sentence_end):
        return "treated"  # 从架子上掉下来，腰摔坏了在家躺了一个多月
    if c.group in ("s110", "s119") and _CORDONED.search(text, m.end()) and _FOR_LATER.search(text, m.end()):
        return "resolved"  # 汽油味…保安拉了警戒带，想请物业以后加强巡查
    if _ONGOING.search(_calm_words(c.sentence)):
        return None
    if _CASE_PAPER.search(text, 0, 12):
        return "past"  # 补充材料：3月9日凌晨，小偷从阳台翻进我家
    # (a schoolmate's self-harm words a child brings home stay asked about: that child may be at risk)
    if (_framed_before(_SHOW_MORE, c) or (latin and _framed_before(_SHOW_MORE_EN, c))
            or (c.group != "s120" and _framed_before(_TOLD_AT_HOME, c))):
        return "fiction"  # 《…》那集凶手拿刀, 玩打仗游戏拿木棍, 孩子回家说老师拿尺子打手心
    if _LESSON_MORE.search(text, 0, m.start()) or _ELSEWHERE.search(text, 0, m.start()):
        return "fiction"  # 学校布置了一个作业…着火了往哪跑, 我朋友说他们小区有人扔菜刀
    return None


_WORRY_BEFORE = re.compile(r"(?:担心|害怕|就怕|生怕|怕)[^，,。]{0,4}$")
_SAYS_BY_HABIT = re.compile(r"(?<!老)(?:总|老|常|成天|整天|天天|经常|老是|总是)(?:说|念叨|讲|嚷嚷)[^，,。]{0,8}$|"
                            r"(?:喝多了|喝醉了|一喝酒|喝了酒|一吵架|一生气)就(?:说|嚷嚷|喊|念叨)[^，,。]{0,4}$|"
                            # English: "keeps saying he'll kill me", "always threatens to"
                            r"\b(?:keeps|kept|always|constantly) (?:saying|says|said|telling|tells|threatening|threatens|shouting|yelling)\b[^,.]{0,24}$")
_MOVED_ON = re.compile(r"说完(?:就|又|便)?(?:去)?[^，,。]{0,4}(?:吃|玩|打游戏|打球|睡觉|笑|刷|戴上耳机|继续|追剧)")
# A sign or a risk of the event, not the event: "山体滑坡的迹象", "起火的隐患".
_RISK_AFTER = re.compile(r"的?(?:迹象|隐患|风险|苗头|征兆)")
# A habit just before the cue: "孩子老爱爬窗台", "总是喜欢站在栏杆上".
_HABIT_BEFORE = re.compile(r"(?:老爱|总爱|老是|总是|经常|常常|喜欢|(?<!可)爱)[^，,。]{0,2}$")

# A negator inside a long cue, just before its verb: "孩子没有走丢" (at its start it is the cue: 没有呼吸).
# (what a sign of life lacks is the danger itself: "倒在电梯里了没有反应")
_INNER_NEGATED = re.compile(r"(?<=[^都也])(?:没有|并没有?|不是|并非)(?!反应|呼吸|知觉|意识|动静|心跳|脉搏|气息)(?=.{2,4}$)")
#: How far after a cue a present-tense marker still speaks of it in an unpunctuated clause.
NOW_REACH = 6


@dataclass(frozen=True, slots=True)
class _Cue:
    """A cue in its context: the text before it in its clause, its clause and its sentence."""

    text: str
    m: re.Match[str]
    group: str
    left: int
    right: int
    sentence_start: int
    sentence_end: int
    #: Something in the sentence urges now (``_STRONG_ONGOING``): most checks ask it, so it is searched once.
    strong_now: bool

    @property
    def before(self) -> str:
        return self.text[self.left : self.m.start()]

    @property
    def clause(self) -> str:
        return self.text[self.left : self.right]

    @property
    def sentence(self) -> str:
        return self.text[self.sentence_start : self.sentence_end]


def _cue(text: str, m: re.Match[str], group: str) -> _Cue:
    left, right = _clause_bounds(text, m.start(), m.end())
    # A long cue across clauses ("孩子以前也跑丢过一次，后来找到了，可是今天又不见了") is judged in the
    # clause of its verb, its last one: its first words may sit in the background.
    if m.end() - m.start() > 4:  # (a clause of its own needs a few characters: the short cues are skipped)
        left = max((b.end() for b in _CLAUSE_BREAK.finditer(text, m.start(), m.end()) if b.end() < m.end()), default=left)
    sentence_start = _sentence_start(text, m.start())
    sentence_end = _SENTENCE_BREAK.search(text, m.end())
    end = sentence_end.start() if sentence_end else len(text)
    strong_now = _STRONG_ONGOING.search(text[sentence_start:end]) is not None
    return _Cue(text, m, group, left, right, sentence_start, end, strong_now)


def _cancelled(text: str, m: re.Match[str], group: str) -> str | None:
    """Why the cue at ``m`` is not a present danger (negated, past, resolved, hypothetical …), or None."""
    c = _cue(text, m, group)
    reason = _recall_reason(c) or _said_reason(c) or _frame_reason(c) or _habit_reason(c) or _everyday_reason(c)
    if reason is None or reason in _UNSURE_REASONS:
        reason = _genre_reason(c) or reason  # a letter's or a notice's frame settles an open one too
    if reason == "quoted" and _handled_threat(c):
        return "resolved"  # 他上个月说要砍死我，民警把他带走教育了: a threat the police already dealt with
    if reason is None or reason in _UNSURE_REASONS:
        reason = _not_incident(c, reason is not None) or _passing_reason(c, reason is not None) or reason  # a frame that is no incident (a lesson, a scam) settles an open one too
    return reason


def _habit_reason(c: _Cue) -> str | None:
    """Said over and over or done by habit, with nothing else to cancel it: asked about, not alarmed."""
    if c.strong_now:
        return None
    if _SAYS_BY_HABIT.search(c.before):
        return "habitual"  # 我奶奶总说她活够了: a saying of hers, asked about
    if _RISK_AFTER.match(c.text, c.m.end()):
        return "hypothetical"  # 山体滑坡的迹象, 着火的隐患: a sign or a risk, not the event
    if _RISK_WORDS.search(c.sentence) and _FIX_REQUEST.search(c.text, c.m.end()) and not _ONGOING.search(c.sentence):
        return "hypothetical"  # 孩子容易翻出去…想问物业能不能加装护栏: a risk asked to be fixed
    often = _SAYS_OFTEN.search(c.text, c.sentence_start, c.sentence_end)
    # "他天天这么说，但今天真的拿着汽油来了": the habit is the background of today's event
    if often and often.end() <= c.m.start() and _SET_ASIDE.search(c.text, often.end(), c.m.start()):
        often = None
    if often or _HABIT_BEFORE.search(c.before) or _MOVED_ON.search(c.text, c.m.end(), c.sentence_end):
        return "habitual"  # 每天都这么说, 老爱爬窗台, 说完就去吃饭了: asked, not alarmed
    if _HABIT_ANY.search(c.sentence) and not _ONGOING.search(c.sentence) and not _TODAY.search(c.sentence):
        return "habitual"  # 工人每天站在楼顶边上刷漆, 一吵架就把自己关在卫生间: a habit told, asked about
    if _NEGLECTED.search(c.text, c.m.end(), c.sentence_end):
        return "lasting"  # 围墙塌了一段，一个月了没人修: it has lasted, asked about
    return None


# A missing child (the long cue of _VIOLENCE), and the same cue when its words do not reach the verb
# across a lost thing, a job or a holiday away (checked only on a cue that names one: cheap).
# Dialect words for a child too (伢儿, 娃儿, 囡囡, 细路, 我个女); not 宝宝 alone: 宝宝没找到合适的奶粉.
_CHILD_WORDS = r"(?:孩子|儿子|女儿|小孩|闺女|孙子|孙女|男孩|女孩|伢儿|伢子|娃儿|娃子|(?:我|俺|我们)家娃|囡囡|细路|(?:我|佢|你)(?:个|嘅)(?:仔|女))"
_CHILD_VERBS = r"(?:没回家|没回来|没到家|没找到|不见了|联系不上|失联|找不到了|(?<![说讲])找不到人|找不着|走丢|没影|不见人影|人也不在|打不通|唔见咗(?![个只条部张本啲])|揾唔到(?![工嘢位车])(?:佢|人)?)"
_LOST_THING = re.compile(r"工作|手表|校服|书包|水杯|手机|作业|钥匙|东西|衣服|鞋|玩具|快递|对象|过年|春节|暑假|寒假|国庆|中秋|外地|毕业")
_CHILD_MISSING = re.compile(_CHILD_WORDS + r"[^。！？]{0,30}" + _CHILD_VERBS)
_CHILD_ITSELF_MISSING = re.compile(_CHILD_WORDS + r"(?:(?!" + _LOST_THING.pattern + r")[^。！？]){0,30}" + _CHILD_VERBS)
# A habit anywhere in the sentence ("每天傍晚在门口点一盆炭", "一插电就冒火花"); not 一转眼就.
_HABIT_ANY = re.compile(
    r"每天|天天|每次|每到|每逢|每晚|有时候|有时|偶尔|每个?(?:早上|晚上|周末)|经常|老是|总是|成天|整天|成日|"
    r"一(?!转眼|眨眼|晃眼|眼|晃神|下子|会儿|回头|扭头|转身|不留神|不注意|个|只|名|位|辆|条|把|块|张|群|伙|帮|家|直|句|声|段|次|看|听|进)[^，,。]{1,6}就"
)
# Unrepaired for a while: "一个月了没人修", "三天都不来".
_NEGLECTED = re.compile(r"(?:[一二三四五六七八九十两几\d]+|好几|半)个?(?:天|星期|周|礼拜|月|年)了?[^，,。]{0,3}(?:没人|没有人|都没|也没|还没|不来)")
# A risk, and a request to fix it later in the message.
_RISK_WORDS = re.compile(r"太矮|太低|容易|很危险|太危险|隐患|随时会|万一|迟早|怕出事|担心")
_FIX_REQUEST = re.compile(r"建议|加装|加高|安装|装个|整改|督促|能不能[^，,。]{0,6}(?:装|修|加|换|处理)|请[^，,。]{0,4}(?:处理|维修|调整|加固)")
# Today, not a habit: "我爸每天喝酒，今天喝完倒在地上".
_TODAY = re.compile(r"今天|今晚|今早|今儿|这会|又|this morning|today|tonight")
# Tobacco or kitchen smoke in the sentence of a smoke cue.
_SMOKING = re.compile(r"抽烟|吸烟|油烟|烟头|烟味")


# --- present dangers told without the usual cue words ------------------------------------------
# A missing child named by age, pet name or kinship word only: "小宝三岁半，一回头就没了", "豆豆不见了！五岁".
# (Ages up to 14, not the tail of an adult's age: 六十五岁, 15岁 do not count.)
_NOT_NUMERAL_BEFORE = r"[一二三四五六七八九十两\d]"
_YOUNG_AGE = (
    r"(?:[一二三四五六七八九两](?<!" + _NOT_NUMERAL_BEFORE + r".)|十(?<!" + _NOT_NUMERAL_BEFORE + r".)[一二三四]?|"
    r"1(?<!" + _NOT_NUMERAL_BEFORE + r".)[0-4]|[1-9](?<!" + _NOT_NUMERAL_BEFORE + r".))岁半?"
)
_GONE = (
    r"(?:不见了|走散|(?:工夫|功夫|一会儿?|转眼)就不在了|没了?人影|没人影了|走(?<!防走)(?:丢|失)|还没(?:上来|下来|回)|(?:一回头|一转身|转个身)就?(?:没了|不见)|人(?:就|突然)?没了|没影了|找不到了|找不着了|"
    r"找了[^，,。]{0,4}(?:圈|遍|小时|钟头)|(?:到处|哪都|哪儿都|哪里都)(?:都)?找不(?:到|着)|没回来|没回家|没到家|冇返(?:屋企|嚟|来)|未返|唔见咗|揾唔到)"
)
_KIN_CHILD = r"(?:丫头|老二|老三|老幺|外孙女?|小孙子|小孙女)"
_WORN = r"穿(?:着|了)?[^，,。]{0,8}(?:服|衣|外套|裙子|t恤|裤子|毛衣|棉袄)"
_MISSING_MORE = re.compile(literal_first(
    _YOUNG_AGE + r"[^。]{0,30}" + _GONE + "|" + _GONE + r"[^。]{0,16}" + _YOUNG_AGE + "|"
    + _KIN_CHILD + r"[^。！？]{0,30}" + _GONE + "|"
    # an elder who gets confused, out and not back
    r"(?:糊涂|认不得路|不认路|不记得路|记不住路|失智)[^。！？怕担防万]{0,30}" + _GONE + "|"
    r"lost (?:our|my) (?:\d{1,2}[ -]?(?:year|yr)s?[ -]old|son|daughter|kid|child|little (?:boy|girl|one))(?!')|"
    r"\d{1,2}[ -]?(?:year|yr)s?[ -]old[^.!?]{0,40}(?:wandered off|is missing|went missing|can'?t (?:find|see) (?:him|her))|"
    r"(?:son|daughter|kid|child|boy|girl|toddler) (?:has |just )?wandered off(?! once| before| when| last| years| as a)|"
    r"(?:son|daughter|kid|child|boy|girl|toddler)[^.!?]{0,40}(?:searching|looking) (?:everywhere|the (?:street|area|park|mall)|for (?:him|her))"
    # gone, and what the person wears: "豆豆不见了！穿红色外套" (a description for those who look)
    + "|" + _GONE + r"[^。]{0,20}" + _WORN + "|" + _WORN + r"[^。]{0,20}" + _GONE
))
# A farewell told, then the person out of reach: "发了一句这辈子就这样吧…东西都送人了，电话一直关机".
_FAREWELL = (
    r"(?:送人了|送给了?(?:别人|朋友|我们|同学|同事|室友)|用不上了?|谢谢(?:你们|大家)这些年|以后(?:你|你们)要好好的|分给了?(?:我们|大家|别人)|托付给|(?:存折|银行卡)的?密码|"
    r"下辈子(?:别|不要)?再(?:遇到|见|做|当|报答)|下辈子见|各位保重|大家保重|以后不(?:麻烦|打扰|拖累)|别找我|不要找我|"
    r"用不着了|这辈子就这样|对不起大家|谢谢[^，,。]{0,10}照顾|晚安[，, ]*永远|想解脱|送给我了|(?:别|不用|不要)(?:惦记|挂念)|以后[^，,。]{0,4}就靠你了)"
)
_OUT_OF_REACH = (
    r"(?:关机|不接|联系不上|打不通|没人接|找不到(?:人|他|她)|不在家|手机[^，,。]{0,6}没带|没带手机|一个人(?:上了|去了|出去)|"
    r"不知道去(?:哪|了哪)|人不见了|不回(?:我|消息|信息|微信)|人不在(?:学校|宿舍|家|单位|公司))"
)
_SELF_HARM_MORE = (
    _FAREWELL + r"[^。！？]{0,40}" + _OUT_OF_REACH + "|"
    r"我(?:先)?走了[，,。！! ]{1,2}[^。！？]{0,8}(?:对不起|保重|别找我|不要找我|别难过|好好的|好好活|下辈子)|"
    r"(?:今晚|今夜|今天晚上|马上|过了今晚)就?(?:要|能|可以)?解脱|这辈子对不起(?:你们|大家|爸|妈|家里)|永别了|这辈子就这样吧[^。！？]{0,10}(?:再见|永别|对不起|别了)|"
    # on a roof or a bridge, then at its very edge or over its wall (the edge in a clause of its own)
    r"(?:楼顶|天台|屋顶|顶楼|桥)[^。！？]{0,16}(?:站|坐|企|蹲)(?:在|喺)了?(?:最)?(?:边上|边缘|边沿)"
    r"(?![^，,。]{0,4}(?:刷|施工|干活|修|乘凉|拍照|晒))|"
    r"(?:楼顶|天台|屋顶|顶楼|桥)[^。！？]{0,10}翻(?:过|出)了?[^，,。]{0,3}(?:围墙|栏杆|护栏|女儿墙|围栏)|"
    r"(?:站|蹲|坐|爬)(?:到|在|上)了?[^，,。]{0,4}窗台上(?![^，,。]{0,4}(?:擦|挂|晾|装|修|拍|浇|玩))|"
    r"(?:站|坐|蹲|爬|翻)(?:到|在|出)了?(?:阳台|窗户|窗台)的?(?:外面|外边|外头|外侧)|这辈子就这样吧|"
    r"(?:骑|跨)坐?(?:到|在|上)了?[^，,。]{0,6}(?:女儿墙|护栏|栏杆|围栏|窗台)|(?:坐|站|蹲)(?:到|在|上)了?[^，,。]{0,6}女儿墙|"
    r"(?:(?:坐|站|蹲|趴)在[^，,。]{0,8}空调(?:架|外机)上|空调(?:架|外机)上[^，,。]{0,3}(?:坐|站|蹲|趴))"
    r"(?![^，,。]{0,4}(?:干活|安装|装|修|施工|作业|清洗|加氟))"
)
_FIRE_MORE = (
    # people still in a car or a house in water, fire or a crash
    r"(?:洪水|大水|水)[^，,。]{0,4}(?:围住|围困|包围)|(?:跳进|掉进|滑进|冲进|游)[^。！？]{0,16}(?:看不到|看不见|找不到)人了|(?:冲倒|摔倒|撞倒|倒|掉)[^。！？]{0,10}人没(?:起来|爬起来|浮上来)|水(?:还在|一直在)(?:涨|往上涨|往里灌|往屋里灌)|(?:罐|瓶|锅炉|管道)[^，,。]{0,2}爆了|"
    r"(?:淹|水|洪|火|烟|翻)[^。！？]{0,24}(?:(?:车|屋|房)(?:子)?(?:里|内)(?:还)?有人|还在车(?:里|上|内))|"
    r"水[^。！？]{0,8}(?:漫过|淹过|没过)了?(?:床|桌子)[^。！？]{0,16}(?:挪不动|走不了|动不了|出不去|下不来)|"
    r"水[^。！？]{0,12}(?:齐胸|齐腰|齐脖子?|到胸口|到脖子|没过(?:头|胸|腰))|"
    r"水[^。！？]{0,14}(?:到|过)了?(?:我|他|她|我们|大人|人)的?(?:胸口|胸前|胸|脖子|下巴|腰)|"
    r"(?:水|淹)[^。！？]{0,20}(?:车门|车窗|门|窗)(?:都)?(?:打|推)不开|(?:车门|车窗|门|窗)(?:都)?(?:打|推)不开[^。！？]{0,20}(?:水|淹)|"
    r"(?:flood|water|fire|smoke)[^.!?]{0,60}(?:still inside|still in the car|trapped inside)|"
    r"water (?:is )?up to (?:the|our|my|his|her) (?:chest|neck|waist|windows|roof)|"
    # a lift named in an earlier clause: "电梯上个月才修过，今天又困住了"
    r"电梯[^。！？]{0,24}(?:困住|困了?(?:[一两三几]?个)?人|关住|把人(?:关|困)|(?:关|困)了?人在里面|(?:停|卡)在(?:了)?(?:半截|半空|两层|中间))(?![^，,。]{0,2}(?:好几次|几次|多次|很多次|好多次))|"
    # a crowd crush
    r"踩踏(?!事件的?(?:演练|预案|宣传))|被(?:人)?踩在(?:下面|脚下|底下)|(?:挤倒|推倒|摔倒)[^，,。]{0,3}被?踩在|"
    # over a railing or out of a window, hanging outside
    r"(?:栏杆|护栏|窗户|窗台|阳台)[^，,。]{0,3}翻出去|(?:人|他|她|孩子|小孩)挂在(?:外面|外边|半空|窗外)|"
    # slipped into water, or someone who cannot swim out of reach
    r"(?:鱼塘|池塘|水塘|河|湖|江|海|水库|水池|泳池|井|水沟|粪池|水里|水中)(?:边|里|中|沿)?[^，,。]{0,8}(?:滑|掉|跌|摔|栽)了?(?:下去|进去)"
    r"(?![^，,。]{0,3}(?:东西|手机|鞋|鱼竿|钥匙|一个|一只|一根))|"
    r"不会(?:水|游泳)[^。！？]{0,12}(?:够不着|拉不上来|拉不到|沉下去|往下沉|扑腾)|"
    # something fell and struck someone: "天花板一整块掉下来了，砸在我婆婆身上"
    r"(?:掉下来|塌下来|塌了|倒了|砸下来|倒下来)[^。！？要会怕能]{0,12}砸(?:在|到|中)了?(?:一个|个|两个|几个)?(?:(?:人|我|他|她|孩子|小孩|老人|路人|工人|行人)(?![家的车店们])|[^，,。]{0,4}(?:身上|头上|腿上))"
)
_VIOLENCE_MORE = (
    # a stranger inside the home
    r"(?:我家|家里|屋里|阳台|客厅|卧室|房间|厨房)[^，,。]{0,6}(?:站着|有|蹲着|躲着|藏着|进了|进来)了?(?:一个|个)?(?:陌生|不认识的)[^，,。]{0,3}(?:男|女|人)|"
    r"(?:a man|a stranger|someone|somebody|a guy) (?:is )?in (?:my|our) (?:kitchen|house|flat|apartment|bedroom|living room|home)|"
    # a drunk driver ramming
    r"(?:喝醉|醉酒|醉驾|酒驾|一身酒气|喝多)[^。！？]{0,16}(?:一直|还在|到处|乱|还想|又|来回)(?:撞|冲|往前开|往人)|"
    r"开车[^，,。]{0,4}(?:一直|到处|乱|来回)撞|开进了?[^，,。]{0,6}人群|往[^，,。]{0,4}(?:后座|后备箱|车厢)里?(?:拖|拽|塞|推)|横冲直撞[^。！？]{0,8}撞(?:了|翻|倒|到|伤)|"
    # the writer's own call for someone to come (not 快来人管管, a complaint)
    r"(?:小孩|孩子|小男孩|小女孩|男孩|女孩|小朋友)[^。！？]{0,20}找不到(?:妈妈|爸爸|家长|大人|家)(?![里的门钥])|撕咬(?!的)|扑到[^，,。]{0,6}身上(?:咬|撕)|咬住了?[^，,。]{0,10}(?:胳膊|手|腿|脚|脖子|脸|人|孩子|小孩|女孩|男孩|老人)[^，,。]{0,3}不(?:松口|放)|"
    r"(?:男人|女人|男的|女的|陌生人|有人|那人)[^，,。]{0,6}把[^，,。]{0,6}(?:抱|扛|拉|拽)(?:上|进)[^，,。]{0,6}车|"
    r"(?:宝宝|婴儿|孩子|小孩)(?!的)[^，,。]{0,8}被(?:人|陌生人|不认识的人|一个男的|一个女的)(?:给)?(?:推走|抱走|带走|拐走)|(?:一直|还在|正在|来回)[^，,。]{0,4}撞(?:人|倒人)(?!家)|"
    r"车[^。！？]{0,16}(?:小孩|孩子|婴儿|宝宝)(?!的)[^。！？]{0,12}(?:车主不在|大人不在|没有大人|找不到车主)|"
    r"快来人(?![^，,。]{0,4}(?:管|处理|看看|修|收拾|清理|解决|评理))|"
    r"(?:男的|男人|陌生人|女的|那人)[^，,。]{0,6}从[^，,。]{1,10}跟(?:到|着我到)|"
    r"(?:(?:车窗|车门)(?:都)?(?:关着|锁着|关死)[^。！？]{0,20}(?:小孩|孩子|婴儿|宝宝|娃)|(?:小孩|孩子|婴儿|宝宝|娃)[^。！？]{0,20}(?:车窗|车门)(?:都)?(?:关着|锁着|关死))"
    r"[^。！？]{0,16}(?:没人|大人不在|车主不在|找不到车主|满头(?:大)?汗|哭|不动了|晒|热得|闷得)|"
    r"(?:喊|叫|哭)[^，,。]{0,3}(?:别打了|不要打了|打死人了)(?!游戏|电话|牌|麻将)|"
    # an ultimatum counted in minutes, its author at the door or on the way now (a parent's, a
    # teacher's or a grandparent's is a household rule)
    r"[给限](?<![妈爸师奶爷娘][说讲]给)(?<![妈爸师奶爷娘]给)(?<![妈爸师奶爷娘][说讲]限)(?<![妈爸师奶爷娘]限)我?(?:[一二三四五六七八九十两几\d]+|半)(?:分钟|个?小时|个?钟头)[^。！？]{0,20}(?:不|没)[^。！？]{0,14}就"
    r"[^。！？]{0,50}(?:现在|已经|就)[^，,。]{0,4}(?:停在|站在|堵在|守在|蹲在|在|到了)[^，,。]{0,4}(?:门口|楼下|门外|路上|停车场|楼道)"
)
_DIZZY_MANY = (
    r"(?:好几个|几个|全家|一家|两个|三个|大家)人?[^，,。]{0,6}(?:头晕|头痛|头疼|胸闷)"
    r"(?:[^，,。]{0,4}(?:想吐|恶心|站不稳|迷糊|头晕|胸闷)|[^。！？]{0,10}吐了)"
)
_MEDICAL_MORE = (
    r"起唔(?:到)?身|冇(?:乜|咩)?反应|(?:浑身|全身)是血|(?:倒|摔|晕|躺)[^。！？]{0,12}(?:喊|叫)(?:她|他)?[^，,。]{0,3}(?:不怎么|都不|也不)应|晕(?:倒)?在(?:了)?(?:地上|地下|楼道|门口|路边|床边|厕所|浴室)|(?:爬不起身|扶不起来|扶都扶不起)(?!的)|"
    r"(?:宝宝|婴儿|新生儿|刚生下来|刚出生|个月大)[^。！？冻冷]{0,16}(?:发紫|发青|憋紫|不出声了|没声音了)|"
    r"(?:吃|吞|喝)(?:了|下|掉)[^，,。]{0,3}(?:半瓶|一瓶|大半瓶|一盒|半盒|好多|很多|一堆)[^，,。]{0,6}(?:药|片)(?![店房])(?![^，,。]{0,4}(?:都|也|还是|没用|不见|没效|不管用))|"
    r"(?:炭|煤|燃气|热水器|味|烟)[^。！？]{0,30}(?:和|跟|几个|一家|全家|两个|三个|人)[^，,。]{0,4}(?:都|全)(?:起不来|站不起来|叫不醒|晕了|晕过去)|叫[^，,。]{0,4}(?:都)?(?:迷迷糊糊|迷糊|不太醒|不太动|醒不过来)|"
    r"(?:粘|吸|黏)(?:在|住)[^，,。]{0,4}(?:电线|电闸|插座|电箱|电源|电门)|"
    # several people dizzy and sick at once where there are fumes (charcoal, a stove, gas, a smell)
    r"(?:炭|煤|燃气|热水器|味|烟|炉)[^。！？]{0,30}" + _DIZZY_MANY + "|" + _DIZZY_MANY + r"[^。！？]{0,30}(?:炭|煤|燃气|热水器|味|烟|炉)|"
    # something driven into the body
    r"(?:钢筋|钢管|铁棍|木棍|刀|玻璃)[^，,。]{0,4}(?:扎|插|刺|捅)进了?[^，,。]{0,4}(?:肚子|胸|头|脖子|眼睛|身体|腿)"
)
_EMERGENCY = (
    *_EMERGENCY,
    ("s110", _MISSING_MORE),
    ("s120", re.compile(literal_first(_SELF_HARM_MORE))),
    ("s119", re.compile(literal_first(_FIRE_MORE))),
    ("s110", re.compile(literal_first(_VIOLENCE_MORE))),
    ("m120", re.compile(literal_first(_MEDICAL_MORE))),
)
# A cry naming who is in danger ("救救我妈"): like 救命, asked about unless something urges.
_KIN_CRIES = frozenset(
    f"救救{who}{kin}" for who in ("", "我", "我们") for kin in (
        "妈", "爸", "孩子", "儿子", "女儿", "老婆", "老公", "奶奶", "爷爷", "外婆", "外公", "宝宝", "娃")
) | {"救救我", "救救我们"}  # the writer in danger: a bare 救救我 is 救命
# (and 这辈子就这样吧 alone, a farewell or a sigh: asked about; after an ordinary matter and a calm model, a sigh)
_EXCLAIM = _EXCLAIM | _KIN_CRIES | {"这辈子就这样吧"}
_KIN_CRY = re.compile("|".join(sorted(_KIN_CRIES, key=len, reverse=True)))
_EMERGENCY = (*_EMERGENCY, ("s110", _KIN_CRY))
# A river bank or dam giving way: the water is coming now ("冲垮过一段" is a past breach, not this).
_BREACH = re.compile(literal_first(r"(?:河堤|堤坝|大坝|水坝|江堤|坝)[^，,。]{0,3}(?:决口|决堤|溃口|溃堤|垮了|冲垮了|冲开了|(?:开|裂|冲开)了?(?:个|一个|一道|道)?大?口子)|决堤了|决口了"))
_EMERGENCY = (*_EMERGENCY, ("s119", _BREACH))
# A scald as it happens: boiling water or oil over someone, the skin blistering ("上个月烫伤过" is past).
_SCALD = re.compile(literal_first(r"烫得[^，,。]{0,2}(?:直叫|直哭|打滚|惨叫|大哭)|(?:皮|皮肤)都?(?:起泡|烫掉|掉了一层)|大面积烫伤|(?:开水|热水|热油|滚油|蒸汽)[^，,。]{0,4}(?:浇|泼|喷|淋)[^，,。]{0,3}(?:了)?[^，,。]{0,4}(?:一身|满身|全身|脸上|头上)"))
_EMERGENCY = (*_EMERGENCY, ("m120", _SCALD))
# A follower who has come in after the writer: "跟进了我们楼，在我家门口敲门".
_FOLLOWED_IN = re.compile(literal_first(r"跟进(?:了)?(?:我们|我家|我住的)?(?:楼|单元|电梯|小区|家门|院子|楼道)"))
_EMERGENCY = (*_EMERGENCY, ("s110", _FOLLOWED_IN))

# --- plain everyday wordings of present dangers --------------------------------------------------
# A missing child searched for in vain: "儿子八岁…到现在都找不到他", "七岁…放学后没在校门口等我".
_MISSING_PLAIN = re.compile(literal_first(
    r"(?:" + _CHILD_WORDS + "|" + _KIN_CHILD + "|" + _YOUNG_AGE + r")[^。！？]{0,30}"
    r"(?:(?:到现在|一直|还是|都|怎么也|到处)[^，,。]{0,2}找不(?:到|着)(?:他|她|人)|问遍了[^，,。]{0,6}(?:没|不)|"
    r"(?:放学|下课)[^。！？]{0,8}没(?:在|到|出)[^，,。]{0,6}(?:校门|门口|等)|老师说[^，,。]{0,4}(?:早就?|已经|自己)走了|(?:家|老师|学校|同学|邻居|他们|人家|妈妈|家长)(?:说|都说)没(?:来过|见过(?!面)|看到过|看见过)|电话手表[^，,。]{0,4}(?:打不通|关机|没人接|联系不上)|"
    r"(?:一晃眼|一晃神|一眨眼|一不留神|眨眼)(?:的工夫)?就?(?:没了|不见了|没影了)|"
    r"(?:就|都|再)(?:没|看不)(?:看)?(?:到|见)(?:人|他|她)了?(?![^，,。]{0,2}(?:回|来|说|的)))"
))
_PLAIN_MORE = (
    ("s110", _MISSING_PLAIN),
    # despair or a last word said, then silence: "哥我撑不下去了，然后就再也不回了", "让你们永远见不到我…电话一直不接"
    ("s120", r"(?:撑不下去|活不下去|不想活|熬不下去|(?:永远|再也)见不到我)[^。！？]{0,30}(?:再也不回|就不回了|不回了|再也没回|再也没(?:有)?消息|联系不上|关机|不接|打不通)"),
    # not waking however shaken; no pulse felt; choking and unable to speak
    ("m120", r"噎(?:住了?|亲|到)[^。！？]{0,16}(?:说不出话|讲唔到嘢|讲唔出|喘不上气|喘不过气|憋得|(?:脸|面)(?:都)?(?:紫|红|青)|拍背也?没用)|怎么(?:拍|叫|喊|推|摇|弄)[^，,。]{0,3}(?:都|也)(?:没(?:有)?反应|不醒|叫不醒|醒不过来)|"
                        r"拍了?(?:半天|好几下|好久)[^，,。]{0,3}(?:都|也)?没(?:有)?反应|摸不(?:到|着)[^，,。]{0,3}(?:脉搏|脉|心跳)|(?:脉搏|心跳)(?:都)?摸不(?:到|着)"),
    # water in the home and someone who cannot get out; a family shut in; a lift holding people (a long while)
    ("s119", r"电梯[^。！？]{0,20}里面[^，,。]{0,4}出不(?:来|去)|电梯[^。！？]{0,12}里面[^。！？]{0,20}(?:关|困)了?(?:快|将近|差不多|有)?[一二两三四五六七八九半几\d十]+个?(?:钟头|小时|分钟)|(?:进水|淹|水)[^。！？]{0,20}(?:走不出来|出不来|出不去)(?!的)|"
                        r"(?:一家|全家|一家人|我们|孩子|老人)[^，,。]{0,3}被(?:关|锁|反锁|困)在(?:家|屋|房间|里面)"),
    # a lift stuck between two floors with people inside; people on a roof above flood water; a fire that has
    # broken out and crackles
    ("s119", r"电梯[^。！？]{0,30}(?:卡|停)在[^，,。]{0,8}(?:之间|中间)[^。！？]{0,16}(?:在里面|里面有|困在|出不来)|"
                        r"(?:水|洪|冲垮|冲塌|淹)(?:(?!退)[^。！？]){0,30}(?:还在|困在|爬到了?|站在|爬上了?)(?:屋顶|房顶|车顶|楼顶|树上)(?![^，,。]{0,4}(?:修|晒|补|铺|干活|乘凉))|"
                        r"(?:箱|表|插座|插线板|电线|线路|充电|电瓶|电池|电动车|电机|机器|炉|灶|热水器|电器|空调|冰箱|洗衣机|电视)[^，,。]{0,4}冒火(?!花)|往外(?:冒|窜|喷)火|烧得噼里啪啦|噼里啪啦[^，,。]{0,4}(?:烧|响)[^。！？]{0,10}(?:火|烟)"),
    # held by a group and not let go (not men called in to press a bill: a dispute); a man on the ground being kicked (English); a child carried off by a stranger
    ("s110", r"(?:有人|陌生人|陌生男人|陌生女人|男的|女的|一个人)[^，,。]{0,4}把[^，,。]{0,6}(?:小孩|孩子|宝宝|婴儿|小女孩|小男孩|女孩|男孩)(?:给)?(?:抱|拉|拽|拖|带|抢)走|(?:被|几个|一群|一帮|一伙)[^，,。]{0,8}围着[^，,。]{0,3}不让(?:我|我们)?(?:走|离开|出去)(?![^。！？]{0,12}(?:推销|填|办卡|签|扫码|买|问卷|传单))|"
                        r"(?:stomping|stamping|kicking|beating|punching) (?:on )?(?:him|her|a guy|someone|the guy|a man|a woman)|"
                        r"keep (?:kicking|stomping|hitting|punching|beating) (?:him|her|me|them|a guy|someone|the guy|a man|a woman)"),
    # a wide burn; a building that shakes or whose floor has cracked open; not waking, lips blue (English)
    ("m120", r"(?:烫|烧)(?:伤|到|着)了?[^。！？]{0,12}(?:半条|整条|一大片|大面积|半边|整个|满)[^，,。]{0,6}(?:起泡|水泡|脱皮|烂了)|大面积(?:烫伤|烧伤)|"
                        r"(?:hasn'?t|has not|won'?t|will not|can'?t|cannot) (?:woken|wake) (?:up|him|her)|(?:lips|face|skin) (?:are|is|turning|turned|going) (?:blue|purple|grey|gray)"),
    ("s119", r"(?:楼|房子|整栋楼|屋子)(?:在|都在|一直在)(?:晃|摇)|楼板[^，,。]{0,3}裂(?:了|开)"),
    # a fire growing; water to the waist in the home; a fallen crane or tree on a shed with people inside
    ("s119", r"火越烧越(?:旺|大)|火(?:势)?越来越(?:大|旺)|(?:家|屋|房|一楼|楼下|地下室|车库)[^。！？]{0,8}水[^，,。]{0,4}(?:已经)?(?:到|没过|淹到|漫到)了?(?:腰|胸口?|脖子)|"
                        r"砸(?:到|中|塌)了?(?:工棚|房子|屋|板房|车)[^。！？]{0,6}里面(?:还)?有人"),
    # flood water and people not yet out; a family poisoned by gas behind a door nobody opens
    ("s119", r"(?:洪|水|淹)[^。！？]{0,20}(?:还没撤出来|没撤出来|撤不出来|没来得及撤)|(?:还没撤出来|没撤出来|撤不出来)[^。！？]{0,20}(?:洪|水|淹)|"
                        r"(?:煤气|燃气|一氧化碳|炭)中毒[^。！？]{0,20}(?:没人开|没人应|躺着|叫不醒|没反应|晕)"),
    # a farewell to the world; only moaning when called; something swallowed; a dozen pills; a stranger pulling a
    # child away; a reaction that stops the breath, a child grabbed (English)
    ("s120", r"再见了?[，, ]?(?:这个)?世界|告别(?:这个)?世界"),
    ("m120", r"(?:叫|喊)(?:他|她)[^，,。]{0,3}(?:只会|只是|只能)(?:哼|呻吟)|"
                        # (a time clause told with the act, "玩的时候把电池吞下去了", is when, not a fear)
                        r"的时候把[^，,。]{0,6}(?:纽扣电池|电池|磁铁|磁珠|硬币|钉子|刀片)[^，,。]{0,4}吞(?:下去|进去)了|"
                        r"吞(?:了|下去了|下|进)?[^，,。]{0,6}(?:纽扣电池|电池|磁铁|磁珠|硬币|钉子|刀片)|(?:纽扣电池|电池|磁铁|磁珠|硬币|钉子|刀片)[^，,。]{0,4}吞(?:下去|进去|了)|"
                        r"(?:吃|吞|喝)(?:了|下|掉|错)[^，,。]{0,3}(?:十几|几十|二十|好几十|[二三四五六七八九]十)多?(?:片|粒)|"
                        r"(?:he|she|they|baby|son|daughter|dad|mum|mom|mother|father|wife|husband|child|kid|boy|girl)\b[^.!?,]{0,24}(?:can'?t|cannot|struggling to) breathe|throat is (?:closing|swelling)"),
    ("s110", r"陌生[^，,。]{0,10}(?:一直)?(?:拉|拽|抱)(?:着)?[^，,。]{0,2}(?:她|他|孩子|小孩|儿子|女儿|闺女|孙子|孙女)[^，,。]{0,4}(?:的手)?[^，,。]{0,4}(?:要带|要领|要抱|不放)|"
                        r"(?:grabbed|snatched) (?:a |the |my |our )?(?:little )?(?:girl|boy|kid|child|baby|toddler)(?!'s|’s)"),
    # someone struggling in water: "孩子在人工湖里挣扎"
    ("s119", r"(?:湖|河|江|海|塘|池|水库|水)里[^，,。]{0,4}(?:挣扎|扑腾|往下沉)"),
    # fallen into water and out of reach (English)
    ("s119", r"(?:fell|fallen|slipped|went|is) (?:in|into) (?:the |a )?(?:canal|river|lake|pond|sea|water|pool|reservoir)"),
    # a robber who dragged the victim along
    ("s110", r"(?:抢|拽|拉)[^。！？]{0,10}拖了?(?:我|他|她|人)[^，,。]{0,2}(?:好几|几|十几|一段)?米?"),
)
# (each compiled once, with a literal or a character class first, for the fast scan)
_PLAIN_MORE = tuple((g, p if isinstance(p, re.Pattern) else re.compile(literal_first(p))) for g, p in _PLAIN_MORE)
_EMERGENCY = (*_EMERGENCY, *_PLAIN_MORE)
# --- present dangers told by their signs, relayed or in other tongues -----------------------------
# A stove, a brazier or a heater (not a cooker) and the signs of carbon monoxide in the people by it.
_HEATER = (r"煤炉|火炉|暖炉|炉子|炭火|炭盆|火盆|木炭|(?:点|烧|烤|生)(?:了|着)?[^，,。]{0,4}(?<!烧)炭(?!的东西)|蜂窝煤|煤球|煤饼|coal (?:stove|heater|fire)|gas heater|paraffin heater|kerosene heater|"
           r"charcoal (?:stove|heater|burner|grill)|wood ?(?:stove|burner)|heater (?:is |was )?on")
_CO_SIGNS = (r"头晕|头疼|头痛|脑壳昏|脑壳痛|晕乎乎|晕晕乎乎|想吐|恶心|吐了|呕|叫不醒|喊不醒|迷迷糊糊|迷糊|打瞌睡|站不稳|企唔稳|往下倒|"
             r"drowsy|vomit|threw up|throwing up|headaches?|dizzy|won'?t wake|can'?t wake|barely answer")
_FRAIL_WORDS = r"婴儿|宝宝|孩子|小孩|娃|老人|老太太?|老头|老爷子|爷爷|奶奶|外公|外婆|姥姥|姥爷"
# A face, lips or a whole body blue or stiff with cold (cold hands on the way to school are no such thing),
# and not a complaint about heating.
_BLUE_WITH_COLD = (r"(?:(?:脸|嘴唇|嘴|全身|浑身|身子)[^，,。]{0,3}冻(?:得)?|冻得(?:脸|小脸|嘴唇|嘴|全身|浑身|身子))[^，,。]{0,3}(?:紫|青|僵)"
                   r"(?![^。！？]{0,20}(?:暖气|空调|教室|学校|物业))")
# A person or a limb held by a dog (a rope or a toy held in play is no such thing).
_BITTEN = r"人|孩子|小孩|老人|老太|老头|大爷|大妈|阿姨|他|她|我|腿|手|胳膊|脚|脖子|脸|娃|宝宝|小伙|女的|男的|路人|快递员|外卖员"
_DIGGER = r"挖机|挖掘机|推土机|铲车|钩机|勾机"
_SIGNS_MORE = (
    # only a moan however pushed or shaken: "怎么推都只会哼两声"
    ("m120", r"(?:推|摇|拍|叫|喊|晃)[^，,。]{0,4}(?:都|也)?只(?:会|是|能|知道)?(?:哼|呻吟)(?![^，,。]{0,4}(?:翻|接着|继续|又睡|转身))"),
    # a heart attack told by an image and a cold sweat: "心口像压了块石头，出了一身冷汗"
    ("m120", r"(?:心口|胸口|胸前|心脏)[^。！？]{0,8}(?:压了?(?:一)?块(?:大)?石头|压着(?:一)?块|堵得|揪着|绞着|闷得|疼得|痛得)[^。！？]{0,16}(?:冷汗|大汗|说不|喘不|脸色|嘴唇)|"
             r"(?:一身|满头|满身|直冒|全身)冷汗[^。！？]{0,16}(?:心口|胸口|胸闷|胸痛|喘不|说不(?:出|连贯|清))"),
    # choking at a meal, told by what is seen: "吃饭的时候突然卡住了，脸憋得通红…一直指喉咙"
    ("m120", r"卡住了[^。！？]{0,16}(?:憋得|憋红|憋紫|说不出|喘不|(?:指|抓|捂)着?(?:喉咙|脖子|嗓子))|(?:指|抓|捂)着?(?:喉咙|脖子|嗓子)[^。！？]{0,10}(?:说不出|喘不|憋得|咳不出)"),
    # no pulse at the wrist or the neck: "摸不到他手腕上的脉"
    ("m120", r"摸不(?:到|着)[^，,。]{0,6}(?:手腕|脖子|颈)[^，,。]{0,3}(?:的)?(?:脉|心跳|跳动)(?![^，,。]{0,3}(?:的时候|怎么|是不是|要不要|吗))"),
    # a household poison swallowed by mistake: "孩子误喝了…洗衣液，现在一直吐"
    ("m120", r"(?:误喝|误吃|误服|误食|喝了|喝下|吃了|吞了|舔了)[^，,。]{0,12}(?:洗衣液|洗洁精|消毒液|消毒水|漂白水|漂白剂|洁厕|84消毒|干燥剂|防冻液|机油|汽油|柴油|煤油|硫酸|烧碱|水银|灭蟑|蟑螂药|灭鼠|杀虫|除草|农药|老鼠药)"
             r"(?![^，,。]{0,4}(?:味|残留|瓶子|包装|广告|怎么办理|能不能退))"),
    # hurt on a road and unable to get up; a bone through the skin
    ("m120", r"(?:躺|倒|摔|趴)在(?:路边|路上|马路|路中间|地上|地下|街上|车旁|车边)[^，,。]{0,3}(?:起不来|动不了|爬不起来)|骨头(?:都)?(?:露|戳|刺|支)(?:了)?出来"),
    # a farewell line posted with a rooftop, a bridge or a river, then silence
    ("s120", r"(?:这个世界不值得|世界不值得|没什么(?:好|可)?留恋|不想再撑了?|撑不住了|我先走了|我走了)[^。！？]{0,40}(?:打不通|关机|不接|联系不上|不回|找不到他|找不到她)|"
             r"(?:楼顶|天台|屋顶|桥上|大桥|江边|河边|海边|悬崖)的?(?:照片|定位|位置|视频)[^。！？]{0,20}(?:打不通|关机|不接|联系不上|不回)"),
    # smoke under a door nobody opens: "门缝下面有烟"
    ("s119", r"门缝(?:下面|底下|下边|里|外)?[^，,。]{0,3}(?:有烟|冒烟|出烟|往外冒烟|透出烟|飘出烟|钻出烟)|smoke (?:is )?(?:coming |pouring |seeping )(?:out )?(?:from )?under (?:the|a|her|his|their) door"),
    # a child out on an air-conditioner bracket, a window guard or an awning
    ("s120", r"(?:孩子|小孩|娃|宝宝|儿子|女儿|小朋友|男孩|女孩|老人)(?:还|正|已经|自己|一个人)?(?:在|爬到|爬上|跑到|站在|坐在|蹲在)了?[^，,。]{0,6}(?:空调架|空调外机|防盗网外|雨棚|遮阳棚|窗户外|窗外|阳台外)"
             r"(?![^，,。]{0,4}(?:玩耍的院子|的院子|的草地|的花园))"),
    # people inside something a flood or a fire has caught: "桥被冲断了，有辆车卡在断桥边上，里面有一家人"
    ("s119", r"(?:洪水|大水|水(?:涨|漫|淹|冲)|冲断|冲垮|冲塌|卡在|悬在|挂在|翻(?:到|进|在)|着火|起火|烧起来|塌了|倒塌)[^。！？]{0,30}里面(?:还)?有(?:一家人|一家子|一家|人|孩子|小孩|老人|[一两三四几]个人)(?![^，,。]{0,3}(?:住|吃|买|上班|办公|排队))|"
             r"(?:车|人)[^，,。]{0,6}(?:卡|挂|悬)在[^，,。]{0,4}(?:断桥|桥边|崖边|悬崖|坝边|坎边)"),
    # a dog attacking someone now (English): the victim is named in the cue
    ("s110", r"(?:dog|pit ?bull|rottweiler|alsatian)[^.!?]{0,30}(?:attacking|biting|mauling|savaging|has got hold of|won'?t let go of) (?:a |the |my |our |this )?(?:little )?(?:kid|child|boy|girl|baby|toddler|man|woman|lady|person|someone|neighbou?r|son|daughter)"),
    # English: a weapon swung at things or people, a person struck and down
    ("s110", r"(?:smashing|hitting|swinging|bashing) (?:up )?(?:the |a |his |her |our |my )?(?:car|cars|car windows|windows|shop|shop window|people|someone|a man|a woman|him|her|me|doors?)[^.!?]{0,16} with (?:a |an )?(?:metal |iron |steel |baseball )?(?:bar|pipe|bat|hammer|axe|crowbar|machete)|"
             r"(?:hit|punched|knocked|struck|stabbed|slashed) (?:a |the |an )?(?:woman|man|guy|lady|girl|boy|person|someone|him|her|old man|old lady)[^.!?]{0,40}(?:on the ground|unconscious|bleeding|not moving)"),
    # a missing child in English: never arrived where it went, searched for everywhere
    ("s110", r"(?:son|daughter|kid|child|boy|girl)[^.!?]{0,120}(?:never (?:came|arrived|got there|showed up|made it)|(?:we'?ve|i'?ve|we have|i have) (?:looked|searched) everywhere)(?![^.!?]{0,60}(?:found (?:him|her|them)|turned up|(?:is|he'?s|she'?s) (?:back|home|safe)))"),
    # a beating told by the act on the body: hair grabbed, a head struck against a wall, kicked by a ring of men
    ("s110", r"(?:抓|揪|拽|扯)(?:着|住)?[^，,。]{0,4}头发[^，,。]{0,6}(?:往|朝)[^，,。]{0,4}(?:墙|地|门|桌)|把(?:我|他|她|人|孩子)[^，,。]{0,4}(?:往|朝)(?:墙|地|门|桌角)上?(?:撞|磕|砸)|"
             r"围着[^，,。]{0,6}(?:用脚)?(?:踢|踹|踩)(?![^，,。]{0,2}(?:毽|球|沙包|石子|易拉罐))|用脚[^，,。]{0,2}(?:踢|踹|踩)(?:他|她|人|我)(?:的)?(?:头|肚子|脸)?(?![^，,。]{0,3}(?:玩|球))|抱着头[^，,。]{0,2}(?:蜷|缩)"),
    # a confused elder out and not back, the illness told after: "到现在没回来，阿姨有老年痴呆"
    ("s110", r"(?:老人|老伴|爷爷|奶奶|外公|外婆|姥姥|姥爷|公公|婆婆|阿姨|大爷|老太太|老头|我妈|我爸|父亲|母亲|他|她)[^。！？]{0,20}"
             r"(?:没回来|没回家|找不到|不见了|走丢了|联系不上|走失了)[^。！？怕担防万]{0,30}(?:老年痴呆|痴呆|认知障碍|阿尔茨海默)"),
    # someone pinned under something fallen: "墙倒了 压着个老太太"
    ("m120", r"压着(?:个|一个|两个|几个)?(?:老太太|老太|老人|老头|大爷|大妈|阿姨|工人|孩子|小孩|女的|男的|师傅|路人)|只露出(?:一只手|一只脚|半个身子|头)|"
             r"(?:is|are|was|got) (?:trapped |stuck |pinned )?under (?:it|the (?:rubble|beams?|ceiling|wall|car|debris|lorry|truck|van))|can'?t (?:move|lift) the (?:beams?|rubble|slab)"),
    # Cantonese passive and flood words: "俾水冲走咗", "水浸到二楼…佢行唔到"; romanised Cantonese for fire and help
    ("s119", r"(?:俾|畀)(?:水|浪|海浪|洪水|大水)[^，,。]{0,2}(?:冲|卷|拖)(?:走|咗)|浸到[^，,。]{0,4}(?:二楼|三楼|腰|胸|膝头|条颈|颈)|(?:水|浸)[^。！？]{0,20}(?:行唔到|行唔郁|走唔到|出唔到)|"
             r"fo ?zuk|zoek ?fo|gau ?ming"),
    # a stroke in dialect: one arm that will not lift, the face dropped on one side, the speech gone
    ("m120", r"(?:一边|一侧|半边|左边|右边)的?(?:手|胳膊|手臂|脚|腿)[^，,。]{0,3}(?:提|抬|举|拎|动)(?:不|袂|唔|绘)(?:起来|起|了|动)|手(?:拎|提|抬|举)(?:唔|袂)起|半边面[^，,。]{0,2}(?:歪|垮|塌|麻)|"
             r"讲(?:话)?讲?(?:袂|絵)清|突然(?:讲|講)唔(?:到|出)嘢"),
    # a self-harm picture or a goodbye to everyone, then silence
    ("s120", r"割(?:开|破|伤)?(?:了)?的?手腕|(?:再见了?|永别了?)[，, ]?(?:大家|各位|所有人|爸妈|爸爸|妈妈)[^。！？]{0,30}(?:不回|打不通|关机|不接|联系不上)"),
    # a child taken away by someone who says they will die together
    ("s110", r"(?:抢走|抱走|带走|抢了|拐走)[^。！？]{0,30}(?:一起(?:去)?死|同归于尽)"),
    # shooting (English)
    ("s110", r"(?:is|are|started|been|someone|somebody|man|guy) shooting|heard (?:\w+ )?(?:gun ?)?shots|shots (?:were )?fired|gunshots|(?:man|woman|guy|someone|person|officer) (?:is )?down\b"),
    # a small child out of sight near water or a road (English)
    ("s110", r"(?:son|daughter|kid|child|boy|girl|toddler|yr old|year old)[^.!?]{0,120}can'?t (?:see|find) (?:him|her|them) anywhere"),
    # someone working the door of a room the writer is in: "有人拿房卡刷我的门 一直在刷"
    ("s110", r"(?:有人|陌生人|不认识的人|一个男的)[^，,。]{0,6}(?:刷|拧|扭|转|拽|拉|推|撞)[^，,。]{0,3}(?:我的|我家|我房间的?|我们的)门(?:把手|锁)?[^。！？]{0,10}(?:一直|还在|不停|反复)"),
    # a swimmer gone under: "喊了一声就不见了 只剩水面上冒泡"
    ("s119", r"(?:不见了|沉下去|没上来|喊了一声)[^。！？]{0,12}水面(?:上)?[^，,。]{0,4}(?:冒泡|冒水泡|只剩泡|只剩下泡)|(?:游泳|下水|水里|河里|湖里|海里|塘里|江里)[^。！？]{0,12}(?:一下就不见了|就不见了|沉下去就|没影了)"),
    # a head struck in a fall, then vomiting or no answer: "后脑勺着地 现在一直吐 问她话也答不上来"
    ("m120", r"后脑(?:勺)?(?:先)?着地|(?:摔|跌|撞|磕|晕|倒|吐|着地)[^。！？]{0,24}问(?:他|她|伊|佢)(?:话)?(?:也|都)?(?:答不上来|答不出|不回答|没反应|唔识答)|唔识(?:讲嘢|应人|郁)|"
             r"流(?:好多|很多|好大滩|大量|成地|一地)血|(?:叫|喊)(?:他|她)[^，,。]{0,3}眼睛都?(?:不|唔)(?:睁|打开)"),
    # sudden confusion with a bad headache: "头痛得厉害…开始胡言乱语"
    ("m120", r"(?:开始|突然|刚刚|一下子)(?:就)?(?:胡言乱语|说胡话|语无伦次|认不出人|不认人了|不认得人)(?<!喝多了开始胡言乱语)"),
    # driven off against one's will: "司机不按导航走…车门锁了 我让他停他不停"
    ("s110", r"(?:往|朝)(?:山里|山上|野外|荒地|郊外|没人的地方|小路)(?:开|走)[^。！？]{0,24}(?:不停|不让(?:我)?下|锁)|车门(?:被)?锁(?:了|着|住|死)[^。！？]{0,16}(?:不停|不让(?:我)?下|不放)"),
    # fallen into a shaft or a pit, calling from below
    ("s119", r"(?:井|坑|洞|沟|窨井|井盖|竖井|电梯井)[^。！？]{0,16}(?:掉|摔|跌|栽)(?:了)?(?:下去|进去)了?[^。！？]{0,10}(?:在下面|在里面|底下)[^，,。]{0,2}(?:喊|叫|哭|呻吟|没声)|"
             r"(?:掉|摔|跌)下去了?[^。！？]{0,6}(?:人)?在(?:下面|底下)(?:喊|叫|哭|呻吟)"),
    # an animal on a person now: a snake coiled round a leg
    ("s110", r"(?:蛇|蟒)[^。！？]{0,24}(?:缠(?:在|住)|咬住|盘在)了?(?:我|我的|我家|他|她|孩子|儿子|女儿|老人|小孩|宝宝)[^，,。]{0,4}(?:腿|手|脖子|身上|胳膊|腰)?"),
    # a dam or a dyke starting to give way, the leak growing
    ("s119", r"(?:大坝|堤坝|水坝|坝|河堤|江堤|堤)[^，,。]{0,4}(?:漏水|渗水|管涌|裂(?:开|了)?)[^。！？]{0,10}(?:越来越大|越漏越大|越来越多|越渗越多|越裂越大|止不住)|burst (?:its|the) banks?"),
    # people still inside where water or fire is pouring in (English)
    ("s119", r"(?:flood|water|fire|smoke|burst)[^.!?]{0,80}still (?:downstairs|in there|in the building|on the ground floor|in their rooms)"),
    # a cry for help sent, then silence: "发消息说有人跟着我…然后就打不通了", texted "help" and now voicemail
    ("s110", r"(?:发(?:了)?(?:消息|微信|短信|语音)|打(?:了)?(?:个)?电话)[^。！？]{0,10}(?:说|喊)?[^。！？]{0,4}(?:救命|救我|有人跟着我|有人跟踪我)[^。！？]{0,30}(?:打不通|关机|不接|不回|联系不上)|"
             r"(?:texted|messaged|called|rang)[^.!?]{0,30}(?:\"help|help me|help!|help,? someone|following (?:me|him|her)|someone is following)[^.!?]{0,60}(?:voicemail|switched off|not answering|no answer|won'?t answer|doesn'?t answer)"),
    # pushed into a home by the people at the door: "开了门就被他们推进去了"
    ("s110", r"开(?:了)?门[^。！？]{0,6}被[^，,。]{0,6}(?:推|拽|拖|架)(?:进|回)了?(?:去|屋|家|房间|屋里|家里)"
             r"(?![^。！？]{0,12}(?:派对|惊喜|生日|开玩笑|闹着玩))"),
    # heatstroke with the brain's signs; a fallen parent who does not answer a child
    ("m120", r"中暑[^。！？]{0,20}(?:说胡话|抽|昏|晕倒|叫不醒|没反应|神志不清|不认人)|(?:倒|摔|晕|躺)[^。！？]{0,20}(?:喊|叫)(?:他|她)(?:他|她)?(?:也|都)?不理(?:我|人)?(?![^。！？]{0,8}(?:生气|生我气|气呢|闹脾气|赌气|在玩|装))"),
    # the wrong medicine, a handful, and its effects now
    ("m120", r"(?:药|片)[^，,。]{0,8}(?:吃|吞)了(?:一把|一大把|一整板|半瓶|一瓶|好多|十几(?:片|粒))|(?:喝错|吃错|拿错)了?药[^。！？]{0,30}(?:站不稳|发软|心慌|昏|晕|吐|抽|没反应|叫不醒)"),
    # romanised Cantonese for a knife held or a threat to cut
    ("s110", r"(?:ling|lo|zaa|ning) ?zyu ?(?:ba ?)?(?:do|dou)\b|dong ?(?:ngo|sei)\b|zaam ?(?:sei|jan)\b"),
    # a toxic gas in a workshop or from a plant, people coughing, down or unable to get out
    ("s119", r"(?:氨气|氯气|硫化氢|毒气|有毒气体|化学气体|黄烟|绿烟)[^。！？]{0,30}(?:跑不出来|逃不出来|出不来|倒了|晕倒|晕了|喘气困难|喘不上气|中毒)|有(?:几个|好几个|两个|三个|人)[^，,。]{0,2}(?:跑不出来|逃不出来)"),
    # an ambulance called and not yet there; chest compressions being given; a head-first fall
    ("m120", r"救护车(?:还)?(?:没到|没来|怎么还没)|(?:在|正在|帮他|给他|给她|帮她)(?:按|压)胸口(?![^，,。]{0,4}(?:示范|练习|假人))|(?:在|正在)做(?:心肺复苏|人工呼吸)|一头栽(?:倒|下去|在地)|"
             r"(?:一直)?没醒[^。！？]{0,12}(?:发灰|发青|发紫|发白|没呼吸)"),
    # a woman at a high window with a child in her arms
    ("s120", r"抱着[^，,。]{0,6}(?:孩子|侄子|侄女|儿子|女儿|宝宝|娃|外孙|孙子)[^，,。]{0,4}(?:站|坐)(?:在|到)[^，,。]{0,8}(?:窗|阳台|楼顶|天台|桥)|带(?:着)?孩子(?:一起)?(?:跳下去|下去|跳)(?![^，,。]{0,2}(?:玩|买|吃|楼下|超市))"),
    # an acute belly: writhing in pain, a board-hard belly
    ("m120", r"(?:疼|痛)得[^，,。]{0,4}(?:满地|在地上|在床上)打滚|肚子硬得像(?:木板|石头|板)"),
    # pinned by a leg; eyes rolling when called; barely opening the eyes
    ("m120", r"压住(?:了)?(?:他|她|我)?的?(?:腿|脚|胳膊|手|身子|下半身)|(?:叫|喊|拍)(?:他|她)[^，,。]{0,3}(?:就|只会|一直|直)翻白眼|(?:叫|喊)(?:他|她)[^，,。]{0,3}只(?:睁|睁开)一下眼睛?"),
    # stung all over by wasps
    ("m120", r"(?:马蜂|黄蜂|蜂)[^，,。]{0,4}(?:蛰|蜇|叮)了?(?:满头|满脸|一身|好多下|十几下|几十下|全身)"),
    # into water by a reservoir or a river, told apart from the fall; cannot swim
    ("s119", r"(?:水库|河|湖|塘|江|海|井|水池|泳池)[^。！？]{0,20}(?:掉|跌|滑|栽)(?:下去|进去)(?=了)|(?:掉|跌|滑)(?:下去|进去)了[^。！？]{0,10}不会(?:水|游泳)"),
    # English: breaking in with a tool, through the ice, under a wheel and still
    ("s110", r"trying to (?:get|break|force (?:his|her|their|a) way) in(?:to)? (?:the|a|my|our|her|his) (?:house|flat|home|door|place)|with a crowbar|jemmying"),
    ("s119", r"(?:gone|fallen|fell|went|broken) through the ice|掉进冰窟窿|冰面[^，,。]{0,2}(?:裂|塌)了?[^。！？]{0,10}(?:掉|落)(?:进|下)"),
    ("m120", r"under the (?:front |back |rear )?wheels?|(?:she|he|they)(?:'s| is| are)[^.!?,]{0,20}not moving"),
    # a boiler over pressure, its safety valve screaming
    ("s119", r"压力表[^，,。]{0,6}(?:到红线|过红线|爆表|到顶)(?![^，,。]{0,3}(?:就|要|的话|时))|安全阀[^，,。]{0,3}(?:在叫|在响|一直叫|一直响|在喷)|锅炉[^。！？]{0,12}(?:要炸|快炸|超压)"),
    # a throat closing after a sting, a drug or a food: "嘴唇肿起来了…喉咙像被人掐住"
    ("m120", r"(?:嗓子|喉咙)[^，,。]{0,2}像[^，,。]{0,4}(?:掐住|堵住|卡住|被掐|被堵)|(?:嘴唇|舌头|眼皮)[^，,。]{0,2}肿(?:起来)?了[^。！？]{0,16}(?:喘不|呼吸困难|喉咙|嗓子)"),
    # Cantonese: a gas pipe burst (煤气喉), a victim dragged along (拖住佢)
    ("s119", r"(?:煤气|燃气|石油气)喉[^，,。]{0,2}(?:爆|漏|断|裂)"),
    ("s110", r"(?:抢|搶)[^。！？]{0,14}拖(?:住|咗)(?:佢|人|我)"),
    # workers down a well or a tank gone quiet, the next one down not back up
    ("s119", r"(?:另一个|又一个|第二个|另外一个|另外一人)(?:人)?(?:也)?下去[^，,。]{0,4}(?:也)?没(?:上来|声音|动静)|下面的人没(?:声音|动静|反应)了(?![^，,。]{0,3}(?:就|要|的话|时))"),
    # English: raiders masked or armed; fallen into a drain; a child at a platform edge as a train comes in
    ("s110", r"(?:men|man|guys|gang) (?:in|wearing) balaclavas|armed (?:men|man|robbers?|gang) (?:are |is )?(?:in|inside|at)"),
    ("s119", r"(?:fell|fallen|slipped|gone|went) (?:in|into|down) (?:the |a )?(?:storm drain|drain|culvert|ditch|well|manhole|sewer|shaft)"),
    ("s110", r"(?:standing|sitting|crouching|playing) (?:on|at|by) the edge of the (?:railway |train |tube |metro )?platform[^.!?]{0,40}train (?:is )?(?:coming|pulling)|on the (?:railway |train )?tracks?\b[^.!?]{0,30}train (?:is )?coming"),
    # a knife held on someone now; a child hanging outside a window by its hands
    ("s110", r"(?:用|拿|持)(?:着)?(?:刀|匕首|砍刀|菜刀|枪)[^，,。]{0,2}(?:逼|架|顶|抵|比)着"),
    ("s120", r"(?:孩子|小孩|娃|宝宝|男孩|女孩|小朋友|老人|人)[^，,。]{0,3}(?:挂|吊|趴|悬)在[^，,。]{0,4}(?:窗台|窗户|阳台|防盗网|栏杆)的?外(?:面|边|头)?|"
             r"(?:两只手|一只手|双手)[^，,。]{0,2}(?:抓|扒|拽|吊)着[^，,。]{0,2}(?:防盗网|窗框|栏杆|窗台)"),
    # English: onto a roof edge; a battery or magnets swallowed; every pill taken; a fall down the stairs and no movement
    ("s120", r"(?:climb(?:ing|ed|s)?|gets?|got|stepp(?:ing|ed)) (?:up )?onto the (?:ledge|parapet|roof edge|edge of the (?:roof|building|bridge))|"
             r"(?:i'?ve|i have|i) (?:already |just )?(?:swallowed|taken|took) (?:them all|all of them|the (?:whole|entire) (?:bottle|box|packet))"),
    # a limb pinned now; a mouth pulled to one side (Sichuan 歪起)
    ("m120", r"(?:腿|脚|身子|下半身)(?:被|给)[^，,。]{0,6}压(?:着|住)(?!过)|嘴(?<![娃偶具仔图]嘴)(?:巴)?(?:都|也)?歪(?:起了?|起来了|到一边|向一边)"),
    ("m120", r"swallow(?:ed)? (?:a |an |two |three |some |several |his |her |my )?(?:button batter(?:y|ies)|batter(?:y|ies)|magnets?|magnet balls?)|"
             r"(?:fell|fallen|slipped|tumbled) down the stairs[^.!?]{0,30}(?:can'?t|cannot|unable to) (?:move|get up|stand)"),
    # carbon monoxide told by its signs: a stove, a brazier or a heater burning, and people dizzy, sick or drowsy
    ("m120", r"(?:" + _HEATER + r")[^。！？]{0,40}(?:" + _CO_SIGNS + r")|(?:" + _CO_SIGNS + r")[^。！？]{0,40}(?:" + _HEATER + r")"),
    # a rope or a noose put up, or being tied to a beam, by someone saying goodbye
    ("s120", r"(?:绳子|绳套|绳圈|麻绳)(?:已经|都)?(?:挂|系|拴|套|绑)好了|(?:房梁|横梁|门框|吊扇|暖气管|晾衣杆)上[^，,。]{0,3}(?:系|挂|拴|绑)(?:绳子|绳套|麻绳)|"
             r"(?:the |a )?rope is (?:ready|up|tied)(?! for)|(?:tied|hung|made|put up|set up) (?:a |the )?noose|noose (?:is )?(?:ready|up|around)"),
    # a gas tap opened by someone who says they will die with the family
    ("s119", r"把(?:煤气|燃气|天然气|液化气)(?:罐|阀|阀门|灶)?(?:都)?(?:打开|拧开|开开|开着)了?[^。！？]{0,20}(?:一起走|一起死|同归于尽|不活了|去死|堵了|堵上|锁了|反锁)"),
    # a dog that has hold of a person now, or will not let go of one
    ("s110", r"(?:狗|犬|藏獒|狼狗|比特|杜高)[^。！？]{0,16}(?:正(?:在)?咬着[^，,。]{0,8}(?:" + _BITTEN + r")|"
             r"咬(?:着|住)[^，,。]{0,8}(?:" + _BITTEN + r")[^，,。]{0,6}不(?:松口|松嘴|撒嘴|放))"),
    # a baby, a child or an elder out in freezing cold and blue with it
    ("m120", r"(?:" + _FRAIL_WORDS + r")[^。！？]{0,30}(?:零下|雪地|冰天雪地)[^。！？]{0,20}" + _BLUE_WITH_COLD + "|"
             r"(?:零下|雪地|冰天雪地)[^。！？]{0,30}(?:" + _FRAIL_WORDS + r")[^。！？]{0,20}" + _BLUE_WITH_COLD),
    # a passenger the driver will not let out, the doors locked
    ("s110", r"不让(?:我|她|他)?下车[^。！？]{0,8}(?:车)?门(?:被)?(?:锁|反锁)(?:了|着|住|死)"),
    # a digger or a bulldozer driven on at someone standing in its way
    ("s110", r"(?:站|挡|躺|坐|跪|拦)(?:在)?[^。！？]{0,12}(?:不走|不让|前面|底下|跟前|里面)[^。！？]{0,10}(?:" + _DIGGER + r")[^，,。]{0,4}(?:还在|还|继续|照样|硬)(?:往前|朝前|往里|朝(?:她|他|人))(?:开|推|铲|挖|压)|"
             r"(?:" + _DIGGER + r")[^，,。]{0,4}(?:还在|还|继续|照样|硬)(?:往前|朝前|往里)(?:开|推|铲|挖|压)[^。！？]{0,12}(?:人还在|还有人|(?:站|挡|躺|坐|跪)在(?:前面|底下|跟前|墙根))"),
    # standing at the very edge of a roof (Cantonese 企咗喺天台边)
    ("s120", r"(?:企|站|坐)(?:咗|了)?(?:喺|在)(?:天台|天臺|楼顶|樓頂|屋顶|顶楼)(?:最)?边(?:度|上|缘|沿)?(?![^，,。]{0,4}(?:乘凉|晒|聊|饮|喝|食|吃|拍|看|影))"),
)
# One pattern per number to call (four scans, not one per kind), each rewritten to start with a literal.
_SIGNS_MORE = tuple(
    (g, re.compile(literal_first("|".join(p for g2, p in _SIGNS_MORE if g2 == g)))) for g in ("s110", "s119", "s120", "m120"))
# Compared by identity: hashing a compiled pattern hashes its whole program (tens of µs for these).
_SIGNS_PATTERNS = tuple(p for _, p in _SIGNS_MORE)
_EMERGENCY = (*_EMERGENCY, *_SIGNS_MORE)
# Copies of the signs patterns made for all-ASCII texts (``_ascii_scans``), compared by identity like them.
_SIGNS_ASCII: tuple[re.Pattern[str], ...] = ()
_ascii_scans_built: tuple[tuple[tuple[str, re.Pattern[str]], ...], re.Pattern[str], re.Pattern[str]] | None = None
_ASCII_SCANS_LOCK = threading.Lock()


def _ascii_scans() -> tuple[tuple[tuple[str, re.Pattern[str]], ...], re.Pattern[str], re.Pattern[str]]:
    """The emergency scans, ``_REPEAT`` and escalation/injury for a text that is all ASCII (5% of corpus messages,
    most in English, but a tenth of its characters): each pattern without its branches opened by a Chinese
    character (``retrie.ascii_branches``), which ``re`` would otherwise try first at nearly every letter.
    Built on the first such text (~60 ms of compiling that start-up does not pay). The two missing-person
    patterns, compared by identity (``m.re is _MISSING_MORE``), stay themselves; the signs patterns' copies
    are ``_SIGNS_ASCII``, set before the scans are published."""
    global _ascii_scans_built, _SIGNS_ASCII
    if _ascii_scans_built is None:
        with _ASCII_SCANS_LOCK:  # one set of copies: their identity is what ``_SIGNS_ASCII`` holds
            if _ascii_scans_built is None:
                copies = [(group, pattern, pattern if pattern is _MISSING_MORE or pattern is _MISSING_PLAIN
                           else ascii_branches(pattern)) for group, pattern in _EMERGENCY]
                _SIGNS_ASCII = tuple(copy for _, pattern, copy in copies
                                     if copy is not None and copy is not pattern and any(pattern is p for p in _SIGNS_PATTERNS))
                _ascii_scans_built = (tuple((group, copy) for group, _, copy in copies if copy is not None),
                                      ascii_branches(_REPEAT) or _REPEAT,  # (the pattern itself if nothing were left)
                                      ascii_branches(_ESCALATION_OR_INJURY) or _ESCALATION_OR_INJURY)
    return _ascii_scans_built
# A shop or a business that cannot go on; men called in to press a bill (a dispute, not a group holding someone).
_BUSINESS_BEFORE = re.compile(r"(?:生意|店|公司|厂)$")
_CALLED_IN_BEFORE = re.compile(r"(?:叫了|叫来|找了|找来)$")
# Found again or set right later in the message: "原来在同学家玩，已经接回来了", "燃气公司来了已经查完关好了",
# "后来自己醒了", "物业来放出来了", "现在已经好了，我们聊开了", "问了物业根本没这回事",
# "两个人都被民警带到派出所了".
_FOUND_MORE = re.compile(r"找到了|找着了|接回来了|接到了|原来(?:在|跑|是在|躲)|(?<![没不])已经回来了|"
                         # reached or placed: "刚打通电话他说在同学家", "在奶奶家" (not 不在奶奶家, 去奶奶家找)
                         r"(?<![没不])打通了?(?:电话|他的电话|她的电话)|电话打通了|"
                         r"(?<![不没])在(?:他|她)?(?:奶奶|外婆|姥姥|爷爷|外公|姥爷|同学|朋友|亲戚|姑姑|姨妈|舅舅|叔叔|阿姨|小姨)(?:家|那|那儿|那里|屋头)(?![^，,。]{0,4}(?:也没|都没|没有|找|不在))")
_SETTLED_MORE = LazyPattern(r"已经(?:来)?(?:查完|查过|检查完|检查过|关好|修好|处理好|弄好)|说是下水道|"
                           r"被(?:警察|民警|公安)[^，,。]{0,3}带(?:到|去|走)|查完(?:了)?[^，,。]{0,3}关好|(?:后来|又|自己)醒(?:了|过来)|"
                           r"放(?:我们|我|人|他|她)?出来了|(?:现在|已经)(?:已经)?好(?:了|多了)(?![几些一])|聊开了|想通了|冷静下来了|自己[^，,。]{0,6}出来了|才这么说|随口(?:一)?说|只是(?:随便)?说说|后来才知道|才知道是因为|原来是因为|(?:两个人|俩人|大家|人)都没(?:事|受伤)|"
                           r"(?:根本)?没(?:有)?这(?:回)?事|是假(?:的|消息)|假消息|"
                           r"checked[^.!?]{0,30}(?:found nothing|nothing wrong|no leak)|"
                           # help already there: "一个大爷突然晕倒了，医生很快就来抢救了" (a scene told before a complaint)
                           r"医生[^，,。]{0,4}(?:来|赶到|赶来|过来)[^，,。]{0,3}抢救了|(?:已经|很快)(?:就)?(?:被)?(?:送|抬)(?:去|到|进)了?(?:医院|急诊)")
# Gone to look and found it was play (a cry for help included): "上去看了，是小孩在玩游戏".
_WAS_PLAY = re.compile(r"(?:看了|看过了|问了)[^。！？]{0,4}是[^，,。]{0,6}在?(?:玩游戏|闹着玩|看电视|打游戏|放电视)")
# ... or found a thing that fell, nobody hurt: "上去问是衣柜倒了，人没事" (a person under it is no such thing).
_WAS_THING = re.compile(r"(?:看了|看过了|问了|问|一问|一看|原来)[^。！？]{0,4}是[^，,。]{0,8}(?:倒了|掉了|掉下来了?|翻了)"
                        r"[^。！？]{0,4}(?:人(?:都)?没事|没人受伤|没有人受伤|没伤着人)")
# A burst pipe whose water is shut off: "水管爆了…已经把总阀关了" (a leak still reaching wires is another cue).
_WATER_OFF = re.compile(r"(?:总阀|水阀|总闸|水闸|进水阀|总掣)(?:门)?[^，,。]{0,2}(?:已经)?(?:关|闩)(?:了|掉了|好了|咗)|"
                        r"(?:关|闩)(?:了|掉了|好了|咗)?(?:水的)?(?:总阀|水阀|总闸|水闸|总掣)|shut (?:the water )?off")
# Talk in one's sleep: "孩子说梦话喊救命".
_DREAM_TALK = re.compile(r"梦话|说梦|梦中|梦里")
# A child repeating what it saw on television: "孩子看了电视说什么有人要杀他".
_TV_SAID = re.compile(r"看(?:了|完)?(?:电视|动画|节目|短视频)(?:后|以后|之后)?[^，,。]{0,3}(?:说|学|讲)")
# Ordinary uses of a cue: a salesman who follows one about, sleeping pills taken to sleep, a fire drill.
_ORDINARY_MORE = LazyPattern(
    r"跟着我[^，,。]{0,3}(?:问|推销|要|发传单|介绍|办卡)|跟(?:到|着我到)[^。！？]{0,16}(?:推销|发传单|问要不要|拉客)|安眠药[^，,。]{0,6}(?:才能睡|才睡得着|才睡|助眠|能开|怎么开|处方|副作用|吃多少|算过量|一次(?:能)?吃几)|"
    r"(?:模拟|演练|演习)[^，,。]{0,6}(?:起火|着火|火灾|被困|泄漏|地震|触电|溺水)"
)
# More ordinary uses: someone fetched to fix a thing (等有空找人来弄), a rescuer jumping in (跳下去救上来了),
# a small child who bites at play, a lift out of order that keeps an elder upstairs (落唔到楼).
_ORDINARY_MORE = re.compile(
    literal_first(_ORDINARY_MORE.source + r"|(?:有空|回头|过几天|改天|明天|等)[^，,。]{0,4}找人来弄(?![你我他她死残])|跳下去(?:把[^，,。]{0,4})?救(?:上来|起来|了上来)|"
    r"(?:孩子|小孩|小朋友|宝宝|娃)(?:[^，,。]{0,2}岁)?咬人|(?:电梯|𨋢|䢂)[^。！？]{0,24}落唔到楼|"
    # the one who hit, named as a person: "打人的赔了五千就想私了"
    r"打人的(?=[^，,。]{0,2}(?:赔|说|想|被|已经|家属|家里|一方|跑了|叫))|"
    # a question about the ambulance service, not a call: "打120要多久能到"
    r"打120(?=[^，,。]{0,2}(?:要多久|多久|收费|要钱|要不要钱|怎么收|能不能|一般))|"
    # play: jumping down from a climbing frame, a slide, a bed
    r"从(?:攀爬架|滑梯|秋千|台阶|床|沙发|椅子|桌子|蹦床|单杠|双杠)上?(?:往下)?跳下(?:来|去)|"
    # a dog that chases people barking (a bite stays: 狗追着孩子咬)
    r"(?:狗|犬)[^，,。]{0,4}追着[^，,。]{0,2}叫|"
    # someone inside at an ordinary task, a snore, a smell that "could knock one out"
    r"还在里面(?=抽烟|打牌|睡觉|吃饭|玩|上班|干活|住|看|做)|在打(?=呼噜|鼾|电话|游戏|麻将|牌|球|扫|点滴|吊针|工|盹|瞌睡|哈欠|喷嚏|嗝)|"
    r"能把人[^，,。]{0,2}(?:熏|吓|气|吵|冻|热|累|臭|呛)(?:晕|死)(?:过去)?"
    # whether heating can make one dizzy, asked: "点炭取暖会不会头疼想吐"
    r"|(?:会不会|会否|容易|可能会)(?:让人|导致|引起)?(?:头晕|头疼|头痛|恶心|想吐|中毒)|"
    r"(?:can|could|does|do|will) (?:a |the )?(?:coal |gas |wood |charcoal |paraffin )?(?:stove|heater|fire)s? (?:make|cause|give)"
    # a rope for the washing, a tent, a load or a swing; a climbing or tow rope
    r"|(?:晾|晒|衣服|被子|帐篷|行李|货|箱子|拖车|船|秋千|风筝|窗帘|灯笼|腊肉)[^，,。]{0,6}绳|(?:系|挂|拴|绑)(?:好)?(?:了)?绳子?[^，,。]{0,4}(?:挂|晾|晒|荡|拴|绑)|"
    r"(?:climbing|tow|skipping|jump|washing|clothes|tent) ?(?:line|rope)")  # (𨋢 is written 䢂 after normalisation)
)


_FOUND_AGAIN = re.compile(r"找到了|找回来了|钻出来了|自己回来了|已经回来了|跑回来了|平安到家")
_THING_IN_WATER = re.compile(_LOST_THING.pattern + "|鱼竿|竿|桶|网|盆|球")


def _not_the_child(c: _Cue) -> bool:
    """A thing, a holiday or a pet gone in the last clause of a missing-child cue, not the child itself."""
    tail = re.split(r"[，,]", c.m.group(0))[-1].replace("电话手表", "")  # (a watch rung is a way to reach the child)
    if _LOST_THING.search(tail) and not re.search(r"[人他她]了?$", tail):
        return True
    return bool(_PET.search(c.sentence)) and not re.search(_CHILD_WORDS + "|" + _KIN_CHILD, c.sentence)


def _recall_reason(c: _Cue) -> str | None:
    """This round's cues judged on what they alone can get wrong (a pet, a lost thing), and ordinary uses."""
    m = c.m
    for f in _ORDINARY_MORE.finditer(c.text, max(0, m.start() - FIGURE_REACH), min(len(c.text), m.end() + FIGURE_REACH)):
        if f.start() < m.end() and m.start() < f.end():
            return "figurative"
    if (any(m.re is p for p in _SIGNS_PATTERNS) or any(m.re is p for p in _SIGNS_ASCII)) and _PET.search(c.before) and not _PERSON.search(c.before):
        return "animal"  # 我家狗吃了老鼠药: a sign told of a pet, not a person
    if m.re is _MISSING_MORE:
        if _PET.search(c.sentence) and not re.search(_CHILD_WORDS + "|" + _KIN_CHILD + "|小孩|宝宝", c.sentence):
            return "animal"  # 我家狗三岁了，昨天跑丢了
        if _LOST_THING.search(re.split(r"[，,]", m.group(0))[-1].split("穿")[0]):
            return "object"  # 五岁的儿子玩具不见了 (what a missing person wears or carries, told before, is no lost thing)
        if _FOUND_AGAIN.search(c.text, m.end()):
            return "resolved"  # …一下子就没了人影，又从柜台后面钻出来了
    if m.group(0).startswith("撑不下去") and _BUSINESS_BEFORE.search(c.text, 0, m.start()):
        return "object"  # 店里生意撑不下去了，老板电话一直关机
    if "围着" in m.group(0) and m.group(0)[0] in "几一" and _CALLED_IN_BEFORE.search(c.text, 0, m.start()):
        return "claim"  # 老板叫来几个人围着我们不让走: a bill pressed
    if m.re is _MISSING_PLAIN and _not_the_child(c):
        return "object"  # 孙子三岁了，暑假一晃眼就没了: time or a thing gone, not the child
    if (m.re is _MISSING_MORE or m.re is _MISSING_PLAIN or _CHILD_MISSING.match(m.group(0))) and _FOUND_MORE.search(c.text, m.end()):
        return "resolved"  # 孩子刚才找不到了…原来在同学家玩
    if not c.strong_now and _SETTLED_MORE.search(c.text, m.end()):
        return "resolved"  # 刚才煤气味很大，燃气公司来了已经查完关好了
    if _WAS_PLAY.search(c.text, m.end()):
        return "correction"  # 楼上有人喊救命，我上去看了，是小孩在玩游戏
    if _WAS_THING.search(c.text, m.end()):
        return "correction"  # 一声巨响，上去问是衣柜倒了，人没事
    if m.group(0) in ("水管爆", "爆管") and _WATER_OFF.search(c.text, m.end()):
        return "resolved"  # 水管爆了，水流了一地，已经把总阀关了
    if _DREAM_TALK.search(c.text, c.left, m.start()):
        return "fiction"  # 孩子说梦话喊救命
    if _TV_SAID.search(c.text, c.sentence_start, m.start()):
        return "fiction"  # 孩子看了电视说什么有人要杀他
    if m.group(0) == "撕咬" and _PET.search(c.before) and not _PERSON.search(c.clause):
        return "animal"  # 两只流浪狗在撕咬: dogs fighting each other
    if c.group == "s119" and m.group(0).endswith(("下去", "进去")) and _THING_IN_WATER.search(c.before + m.group(0)):
        return "object"  # 我手机在河边滑下去了
    return None


def _said_reason(c: _Cue) -> str | None:
    """What the words themselves say: negated, figurative, quoted, a joke, feared, over (打过)."""
    text, m, group, before = c.text, c.m, c.group, c.before
    if _NEGATED.search(before) or _INNER_NEGATED.search(m.group(0)):
        return "negated"
    if _figurative(text, m):
        return "figurative"
    calm = not c.strong_now
    quote = _OPEN_QUOTE.search(text, max(0, m.start() - 40), m.start())
    close = _CLOSE_QUOTE.search(text, m.end()) if quote is not None else None
    # (a now-word before the quote tells of the shouting, "还在尖叫"救命啊""; the cry itself may be one, 救命;
    # one after the quote urges: "喊"救命"，快来人")
    if quote is not None and close is not None and _STRONG_ONGOING.search(text, close.end(), c.sentence_end) is None and (
            _PLAY.search(text) or _FICTION.search(text) or _NOISE_COMPLAINT.search(text)):
        return "fiction"  # 剧本杀店半夜尖叫"救命啊""杀人了"，吵得睡不着: a cry in play, complained of as noise
    if calm and _DEFINITION.search(before) and ("不" in before[-5:] or _QUESTION_AFTER.match(text, m.end())):
        return "definition"  # 这算家暴吗: a question about a word
    if ((group == "m120" or m.group(0) in ("躺在地上", "躺地上")) and _PET.search(text, c.sentence_start, m.start())
            and not _PERSON.search(text, c.sentence_start, c.sentence_end)):
        return "animal"  # 我家猫晒太阳一动不动: a pet, not a person
    if group == "s120" and _PET.search(text, c.left, m.start()) and not _PERSON.search(c.clause):
        return "animal"  # 我家狗吃了老鼠药: a pet poisoned, not a person
    if (group == "s110" and not _PERSON.search(m.group(0)) and "咬" not in m.group(0) and _PET.search(text, c.left, m.start())
            and not _PERSON.search(c.clause)):
        return "animal"  # 邻居家的猫天天扒我家纱门, 野猫晚上惨叫 (a bite stays: 狗扑过来咬我)
    if group == "s110" and _KILL_VERB.search(m.group(0)) and _not_a_person(c):
        return "animal"  # 说再投诉就毒死我家的猫, 把鱼塘里的鱼全毒死: a threat to an animal or a thing, not a person
    if calm and (_CORRECTION.search(text, m.end(), c.sentence_end) or _joking(text, c.sentence_start, c.sentence_end, m.start())):
        return "correction"  # 结果是谣言, 其实是跑到同学家去了, he joked that he would …
    quoted = _QUOTED.search(before) or (m.group(0)[0] == "要" and _SAID.search(before))
    # "再来摆摊就弄死我": a threat on a condition, said by someone not at hand, is asked about like a quote.
    if group == "s110" and (quoted or _LEVERAGE.search(before)) and calm and not _NEARBY.search(c.sentence):
        return "quoted"
    if group == "s110" and _LOST_THING.search(m.group(0)) and _CHILD_MISSING.match(m.group(0)) and not _CHILD_ITSELF_MISSING.match(m.group(0)):
        return "object"  # 孩子的校服不见了, 儿子还没找到工作, 儿子在外地过年没回来: not the child
    if group == "s120" and calm and m.group(0).startswith("这辈子") and _SAID.search(before):
        return "quoted"  # 老板说我这辈子就到这了: someone's verdict on the writer, asked about
    if group == "s120" and calm and _LEVERAGE.search(before):
        return "future"  # 再跟他提离婚就不活了: a threat made to get one's way, asked about
    if group in ("s110", "s119") and _DESCRIBES.match(text, m.end()) and not _STRONG_ONGOING.search(c.clause):
        return "past"
    future = max(_FUTURE.finditer(before), key=lambda f: f.end(), default=None)
    if group == "s110" and future is not None and not _STRONG_ONGOING.search(before, future.end()):
        return "future"
    if group == "s110" and text[m.start() - 1 : m.start()] == "要" and m.group(0)[0] in "拿提带握":
        return "defence"  # "出门都要拿根棍子": carrying something for defence, not an attack
    if not c.strong_now and _THEN.match(text, m.end()):
        return "past"  # 水管爆裂后, 打人之后: what came after is being told, so the cue is over
    after = text[m.end() + 1 : m.end() + 2]
    if text[m.end() : m.end() + 1] == "过" and not (after == "来" or (after == "去" and m.group(0)[-1] != "打")):
        return "past"  # 打过, 家暴过: it happened before (拿着钢管过来 is on its way)
    return None


def _point_bounds(c: _Cue) -> tuple[int, int]:
    """The cue's numbered point, or semicolon-separated part, of its sentence."""
    start = max((b.end() for b in _POINT_BREAK.finditer(c.text, c.sentence_start, c.m.start())), default=c.sentence_start)
    end = _POINT_BREAK.search(c.text, c.m.end(), c.sentence_end)
    return start, end.start() if end else c.sentence_end


def _frame_reason(c: _Cue) -> str | None:
    """What the clause and sentence around the cue say: treated, a story, the past, a condition …"""
    text, m, group = c.text, c.m, c.group
    # A present marker counts for this cue only before it in its clause or just after it: in an
    # unpunctuated message "…晕倒了后来救护车拉走了现在楼道里那个灯还是坏的" speaks of the lamp.
    ongoing = _ONGOING.search(text, c.left, m.start()) is not None or (
        _ONGOING.search(text, m.end(), min(c.right, m.end() + NOW_REACH)) is not None
    ) or ("正在" in m.group(0) or "还在" in m.group(0))  # the cue may say it: "监控拍到一个男的正在撬单元门"
    strong_now = c.strong_now
    # (paperwork or money named elsewhere does not cover a collapse its own clause says is now, care does:
    # "我妈刚才在家里晕倒了，叫不醒，…我们有医保" is now; "刚才晕倒了，送到医院后住院观察" is treated)
    if group == "m120" and _COLD_BODY.search(c.before) and _COLD_SIGN.search(m.group(0)) and _FRAIL.search(c.sentence):
        return "cold"  # 冻得脸发紫: cold itself is the danger, so asked about, not dismissed as a figure
    if group == "m120" and (_FIGURATIVE_BODY.search(c.before) or (
            not strong_now and _treated(c, _CARE if _JUST_NOW.search(c.before) else _TREATED))):
        return "treated"
    if group == "s110" and m.group(0) in ("磕破", "头破") and not strong_now and _TREATED.search(text):
        return "treated"  # 孩子在幼儿园磕破了头，缝了两针: a fall already seen to
    # (a letter's numbered point or semicolon starts another matter: "1、烧烤店油烟…；3、门缝里冒黑烟")
    point = c.sentence if group != "s119" else c.text[slice(*_point_bounds(c))]
    if group == "s119" and "烟" in m.group(0) and not strong_now and _SMOKING.search(point) and "火" not in point:
        return "burning"  # 邻居在楼道抽烟，楼道里全是烟: cigarettes, not a fire
    if group == "s119" and not strong_now and _BURNING.search(point) and not _SPREAD.search(point):
        return "burning"  # 有人焚烧垃圾，浓烟呛人: a nuisance lit on purpose, not a fire out of control
    if group == "s119" and c.before.endswith(("会", "能")) and not strong_now:
        return "property"  # 会冒烟的糖: a property of a thing, not an event
    if not strong_now and _story_before(text, c.sentence_start, m.start()):
        return "fiction"  # 刚才看新闻说哪里着火了
    # (a present marker in the cue's own clause beats the frame: "…left him last year, but he is banging
    # on my door with a knife now")
    if not strong_now and not ongoing and _past_frame(c):
        return "past"  # 前年闹过一次，我爸拿菜刀…: the sentence is set in the past
    if group == "s110" and not strong_now and _PROPERTY_CRIME.search(m.group(0)) and _TALLY.search(c.sentence):
        return "tally"
    if not ongoing and (_CONDITIONAL.search(c.before) or _IF_AFTER.match(text, m.end())):
        return "conditional"
    if not strong_now and m.group(0) in _CALL_CUES and _CONDITIONAL.search(text, c.sentence_start, m.start()):
        return "conditional"  # 如果老人晕倒了，应该先打120还是…: a call asked about, not made
    if not ongoing and _past_in_clause(c):
        return "past"
    # "上个月打过一次，结果今天晚上又打起来了，谁想到会这样": today in the cue's own clause, before it, beats a
    # habit word in another clause (这样, 以后); a habit said in that clause still counts (今天又打了).
    habit_span = c.clause if _TODAY.search(c.before) else c.sentence
    if (
        group == "s110" and _MILD_VIOLENCE.match(m.group(0)) and not ongoing
        and (_HABITUAL.search(habit_span) or _EVIDENCE.search(c.sentence)) and not _ONGOING.search(c.sentence)
    ):
        return "habitual"
    if not ongoing and not _CALL_FOR_HELP.search(text, m.end()) and (
            _story_before(text, 0, m.start()) or _FICTION.search(text, m.end())):
        return "fiction"
    if _resolved_in_clause(c) or ((not ongoing or _just_now_only(c)) and (
            _RESOLVED.search(text, m.end(), c.sentence_end) or _POLICE_ON_IT.search(text, m.end(), c.sentence_end))):
        return "resolved"
    # (the rescue may hold the cue itself: "幸好被邻居拖出来了")
    rescued = next((r for r in _RESCUED.finditer(text, c.sentence_start, c.sentence_end) if r.end() >= m.end()), None)
    if rescued is not None and not _STILL.search(text, rescued.end(), c.sentence_end):
        return "resolved"  # 那天…奶奶还在屋里，幸好被我们拉出来了: the 还在 is of that day
    if not ongoing and not strong_now and _AFTERMATH.search(text, c.right):
        return "resolved"  # 冒烟了…现在想退货: the resident tells what is wanted now that it is over
    heard = _HEARSAY.search(text, c.sentence_start, m.start()) if not strong_now else None
    if heard is not None:  # the last one
        heard = max(_HEARSAY.finditer(text, heard.start(), m.start()), key=lambda h: h.end())
    # "听说他以前坐过牢，现在他拿着刀在楼下追人": hearsay in an earlier clause, the cue's own clause now.
    if not strong_now and heard is not None and not (ongoing and heard.end() <= c.left):
        return "hearsay"
    if not strong_now and _LASTING.match(text, m.end()):
        return "lasting"
    if group == "s119" and not ongoing and not _STILL.search(text, m.end(), c.sentence_end) and any(
            not _noticed_when(c.clause, h) for h in _HYPOTHETICAL.finditer(c.clause)):
        return "hypothetical"
    if group == "m120" and not ongoing and any(not _seen_when(c.clause, h) for h in _HYPOTHETICAL.finditer(c.before)):
        return "hypothetical"  # 怕她哪天晕倒: a collapse feared, not one happening
    return None


# "做饭的时候闻到煤气味": a time clause telling when the danger was noticed, not a condition
# ("着火的时候跑不出去"); unless the clause says it keeps happening (每次…的时候, 总).
_NOTICED_WHEN = re.compile(r"的时候[^，,。]{0,4}(?:闻到|发现|看到|听到|突然)|"
                           # ... or the event itself, done: "在楼下充电的时候炸了" (not "充电的时候容易炸")
                           r"的时候(?:突然|一下子?)?(?:炸了|爆了|爆炸了|着火了|起火了|着了|烧起来了|冒烟了)")
_HABIT_IN_CLAUSE = re.compile(r"总|每|经常|老是|一直|常常|有时")


# Calls named in a question ("应该先打120还是…"): under an earlier 如果 they are asked about, not made.
_CALL_CUES = frozenset({"打120", "叫救护车"})
# A rescue told after the cue: the person is out, whatever the cue's own 还在 said.
_RESCUED = re.compile(r"(?:幸好|幸亏|好在|还好)[^，,。]{0,8}(?:拉|救|抱|拽|背|扶|抢|拖)(?:了)?(?:出来|上来|下来)")
_JUST_NOW_WORDS = frozenset({"刚才", "刚刚"})


def _just_now_only(c: _Cue) -> bool:
    """The only present marker by the cue is 刚才/刚刚 (a moment ago), which a later end can close:
    "刚才楼下有人打架，现在已经被保安拉开了"."""
    if c.strong_now:
        return False
    marks = [x.group() for x in _ONGOING.finditer(c.text, c.left, min(c.right, c.m.end() + NOW_REACH))]
    return bool(marks) and all(x in _JUST_NOW_WORDS for x in marks)


def _resolved_in_clause(c: _Cue) -> bool:
    """An end said in the cue's clause, not taken back before the cue ("was put out but now it's burning")."""
    for r in _RESOLVED.finditer(c.text, c.left, c.right):
        if r.end() <= c.m.start() and _taken_back(c.text, r, c.m.end()):
            continue
        return True
    return False


# Still going, or help cried for, after the cue: "洗澡的时候热水器冒黑烟了，现在还在冒", "真的着火了，快来"
# (not "着火的时候应该怎么逃生，快派人来讲讲").
_STILL = re.compile(r"还在|正在|越来越|快来|快救|救命")
# "遛狗的时候看到一个老人躺在路边": someone seen, not a collapse feared ("散步的时候突然晕倒怎么办").
# (…的时候突然倒下: a time clause with a sudden event tells when it happened, unless asked about: …突然晕倒怎么办)
_SEEN_WHEN = re.compile(r"的时候[^，,。]{0,4}(?:看到|看见|发现|听到|突然(?![^，,。]{0,8}(?:怎么办|怎么处理|该怎么|吗|呢|[?？])))|的时候(?:突然|一下子|不小心)?被[^，,。]{0,3}(?:电|砸|压|卷|夹|撞|噎|呛|卡)")


def _seen_when(clause: str, h: re.Match[str]) -> bool:
    return h.group(0) == "的时候" and bool(_SEEN_WHEN.match(clause, h.start())) and not _HABIT_IN_CLAUSE.search(clause)


def _noticed_when(clause: str, h: re.Match[str]) -> bool:
    return h.group(0) == "的时候" and bool(_NOTICED_WHEN.match(clause, h.start())) and not _HABIT_IN_CLAUSE.search(clause)


# Today or just now, told after a past marker in one unpunctuated run: "…前段时间好一点了今天早上她发了…".
_BACK_TO_TODAY = re.compile(r"今天|今早|今晚|今儿|刚才|刚刚|现在|此刻|这会|today|tonight|this morning|just now|right now")


def _past_in_clause(c: _Cue) -> bool:
    """A past marker in the cue's clause, unless (in a clause with no punctuation of its own, a voice-typed
    run) every one before the cue is followed by today or now before the cue and none stands after it."""
    if _PAST.search(c.clause) is None:
        return False
    if c.right - c.left < 30:
        return True  # an ordinary clause: any past word dates it (a short clause holds one event)
    at = c.m.start() - c.left
    if any(p.start() >= at for p in _PAST.finditer(c.clause)):
        return True
    last = max(_PAST.finditer(c.clause, 0, at), key=lambda p: p.end())
    return _BACK_TO_TODAY.search(c.clause, last.end(), at) is None


def _past_frame(c: _Cue) -> bool:
    """The sentence opens in the past before the cue's clause and is not brought back to now."""
    frames = (*_PAST.finditer(c.text, c.sentence_start, c.left), *_RESOLVED.finditer(c.text, c.sentence_start, c.left))
    past = max(frames, key=lambda p: p.end(), default=None)
    if past is not None and past.re is _RESOLVED and _taken_back(c.text, past, c.m.end()):
        return False  # 已经关了总阀，但煤气味还是很大: the fix did not end it
    # (a cue across clauses may hold its own turn back to now: "…后来找到了，可是今天又不见了")
    return past is not None and not _NOW_AGAIN.search(c.text, past.end(), c.m.end() if c.left > c.m.start() else c.m.start())


# A fix said, then taken back: "关了总阀，但煤气味还是很大"; in English only with now/again/still
# ("was put out but now it's burning again", not "it's over now but the walls are black").
_CONTRAST = re.compile(
    r"(?:但|可是|却)[^，,。]{0,10}(?:很|好|越来越|更|还在|已经|又)|\bbut\b[^,.]{0,40}\b(?:now|again|still)\b"
)


def _taken_back(text: str, end: re.Match[str], cue: int) -> bool:
    """A fix or an English "it's over" followed by a contrast up to the cue's end: the fix did not end it."""
    return _TAKEN_BACK_ENDS.fullmatch(end.group(0)) is not None and _CONTRAST.search(text, end.end(), cue) is not None


# A call for help after the cue: the resident asks for someone to come, so the cue is not a story.
_CALL_FOR_HELP = re.compile(r"快来|快叫|快派|快救|快报警|救命|help")


def _story_before(text: str, start: int, end: int) -> bool:
    """A story word (news, a video, a drama) between ``start`` and the cue at ``end``, and no turn back to
    what is real and here after it ("刚看了个视频，抬头发现楼下电动车着火了")."""
    story = max(_FICTION.finditer(text, start, end), key=lambda f: f.end(), default=None)
    return story is not None and not _BACK_TO_REAL.search(text, story.end(), end) and not _NOW_CLAUSE.search(
        text, story.end(), end)


def _joking(text: str, start: int, end: int, cue: int) -> bool:
    """A joke said in the sentence, not denied (不是讲笑) and not set aside before the cue (平时爱开玩笑，但这次…)."""
    for j in _JOKE.finditer(text, start, end):
        if _NOT_JOKING.search(text, max(start, j.start() - 6), j.start()):
            continue
        if j.end() <= cue and _SET_ASIDE.search(text, j.end(), cue):
            continue
        return True
    return False


def _treated(c: _Cue, treatment: re.Pattern[str] = _TREATED) -> bool:
    """Treatment named in the message, and not followed by a new collapse ("住了三天院刚回家，又倒在地上")."""
    treated = max(treatment.finditer(c.text, 0, c.m.start()), key=lambda t: t.end(), default=None)
    if treated is not None and _NOW_AGAIN.search(c.text, treated.end(), c.m.start()):
        return treatment.search(c.text, c.m.end()) is not None
    return treated is not None or treatment.search(c.text, c.m.end()) is not None


# --- not an incident: a lesson or drill, a scam's story, a claim after the fact, a medical history, a word ---
# Why: a message about an event framed as something other than an event happening now (a safety
# lesson, a question of how to react, a scammer's story, a claim for damage, a history) names the
# danger without being one. Each frame is set aside when the message turns to what is real and here.
_REAL_AGAIN = re.compile(_BACK_TO_REAL.pattern + r"|刚(?:刚)?(?:结束|散)|听见|看见|现在|而家|此刻|这会|刚才|刚刚|真系|真係|可是|但是|不过|\bnow\b|\breal(?:ly)?\b|actually")
# A cry taught or repeated, not cried: "遇到坏人要先跑再喊救命", "鹦鹉学会了喊着火啦救命啊".
_TAUGHT_CRY = re.compile(r"(?:学会了?|要|再|就|会|先|应该)(?:喊|叫|呼)[^，,。]{0,4}$")
# An order quoted, not urged: "要我马上转三万块".
_ORDERED = re.compile(r"(?:要|让|叫|逼)(?:我|你|他|她|老人|我们)?$")
# A lesson, a drill or a demonstration told before the cue: "安全课回来说遇到坏人拿刀…", "消防站来演示，用汽油点了个铁桶".
_LESSON = re.compile(r"(?:老师|班上|班里|课堂)[^，,。]{0,4}讲(?:了|过)|演练|演习|演示|练习|安全课|安全教育|教育课|班会|讲座|宣讲|培训|急救课|课上|上课|课回来|讲一讲|讲讲|fire drill|\bdrill")
# A wish to learn or teach what to do, anywhere in the message: "燃气泄漏了第一步该做什么？我们楼想组织大家学一学".
_LEARN = re.compile(r"想(?:学(?![校生期费院区])|了解|给[^，,。]{0,4}讲)|学一学|学一下|学学|(?:组织|请)[^，,。]{0,8}(?:学(?![校生期费院区])|讲|培训|演练)|讲一讲|讲讲|"
                    r"有没有[^，,。]{0,8}(?:培训|课|讲座)|怎么自保|怎么教")
# ... about a case in general, not one's own people ("我爸晕倒了，叫不醒，之前一直想学急救都没学").
_SOMEONE_MINE = re.compile(r"我|俺|咱|\bmy\b|\bi\b")
# "遇到有人持刀抢劫是应该反抗还是…": a case met in general, asked about.
_MET_CASE = re.compile(r"(?:遇到|碰到|遇上|碰上)")
_HOW_ASKED = re.compile(r"怎么(?:办|做|处理|自保|应对)|应该|该怎么|是[^，,。]{0,8}还是|能不能|第一步|[吗?？]")
# A book, a game or a film before the cue, and the cue is what is heard or read in it.
_PLAY = re.compile(r"(?:一|这|那)本[^，,。]{0,10}书|书里|漫画|绘本|丧尸|僵尸|游戏|吃鸡|网文|作文|故事里|主角|神剧|战争剧|警匪剧|抗日剧|谍战剧|\bgames?\b|gaming|\bmovie|\bnovel")
_PLAY_VOICE = re.compile(r"里|喊|叫|耳机|screaming|shouting|yelling|says")
# A smell a fire left behind: "上个月发生过火灾，现在还有焦味".
_LEFTOVER_SMELLS = frozenset({"焦味", "烧焦"})
_PAST_FIRE = LazyPattern(r"(?<!比)(?:" + _PAST_WORDS + r")[^。！？]{0,12}(?:火灾|着火|起火|失火|着过火|烧|着咗火|起咗火|火烛|着伙)", None)
# The cause of a punishment: "因为打人被判了拘役", "因为偷东西被抓过".
_CAUSE_BEFORE = re.compile(r"因(?:为)?[^，,。]{0,4}$")
_PUNISHED_AFTER = re.compile(r"[^，,。]{0,3}被(?:判|抓|拘|罚|处理|处分|开除|关)")
# A story seen or heard in the media: "看电视里说有人被困在电梯里几天".
_MEDIA = re.compile(r"电视(?:里|上)|报纸(?:上|里)|广播(?:里|上)|新闻(?:里|上)|杂志(?:上|里)")
# A paper about the matter: "和解协议上写的是双方互殴", "判决书里写明了他家暴".
_DOCUMENT = re.compile(r"协议(?:书)?(?:上|里)|(?:调解|和解)书(?:上|里)|判决(?:书)?(?:上|里)|笔录(?:上|里)|认定书(?:上|里)|病历(?:上|里)|报告(?:上|里)")
# An animal just before the cue ("狗打架"), and nobody named in the cue (狗咬人 stays).
_PET_RIGHT_BEFORE = re.compile(r"(?:" + _PET.pattern + r"|猴子?|老鼠|野猪|海鸥|乌鸦)(?:在|又|也|们)?$")
_PERSON_IN_CUE = re.compile(r"咬|人|我|他|她|孩子|老")
# A scam's story: a call or a video that said it, called a scam.
_SCAM = re.compile(r"骗子|诈骗|骗局|冒充|换脸|是假的|\bscam|fraud")
# ... or a scammer telling the story before it: "骗子会说你家孩子被绑架了" (not "涉嫌诈骗的人把我妈锁在屋里").
_SCAM_TELLS = re.compile(r"(?:骗子|诈骗(?:犯|分子|电话|短信))(?:会|就|常|都)?(?:说|讲|称|打电话|发|冒充)|冒充[^，,。]{0,6}(?:说|称)")
_MEDIUM = re.compile(r"电话|短信|视频|微信|信息|来电|打来|语音|链接|群里|群聊|直播|\bcall|\btext|message|video")
# A claim for damage said after a fire or a smash: "起火把我家窗户熏黑了…损失谁赔", "砸我家的车…赔都不赔".
_CLAIM = re.compile(r"谁(?:来)?(?:赔|出|负责|承担)|损失(?:谁|由|找|怎么|能不能|可以|要求)|理赔|索赔|赔偿|赔钱|不赔|(?:要|让|叫)(?:我|我们)赔|认定书|维修费|修理费|退还|起诉|"
                    r"compensat|insurance|\bclaim|refund|who pays")
_DAMAGE = re.compile(r"^(?:砸|摔|撬|偷|翻|扒|闯|破门|broke)")
# (gas is left to the other rules: a smell may still be there while a bill is argued about)
_GAS = re.compile(r"煤|燃|天然|液化|瓦斯|漏气|嘶嘶|臭鸡蛋|gas")
# A thing that fell with nobody under it: "围挡倒塌了一段", "天花板塌了一块，砸坏了电视".
_COLLAPSE = re.compile(r"塌|倒塌|坍塌")
_FALLEN_THING = re.compile(r"河岸|岸边|菜地|田埂|土坡|路基|围挡|围墙|墙皮|篱笆|护栏|栏杆|雨棚|车棚|广告牌|天花板|吊顶|路面|台阶|蛋糕")
_SOMEONE_UNDER = re.compile(r"(?:砸|压|埋|困)(?:到|中|住|伤|在)?了?[^，,。]{0,3}(?:人|孩子|小孩|老人|我|他|她|妈|爸)|有人|"
                            r"(?:下面|里面|底下)[^，,。]{0,3}(?:人|孩子|小孩|老人)")
# A history, not an attack: "我妈有心梗病史".
_HISTORY_AFTER = re.compile(r"[^，,。]{0,2}(?:病史|既往史|后遗症|史(?!上))")
# A month of this year or a narrated occasion: "今年三月份…", "最后一次他叫了几个人拿着钢管…".
# (嗰 is written 𠮶 after normalisation: "后生嗰阵" reaches the rules as "后生𠮶阵")
# (after a verb 𠮶阵 is "while": "冲凉嗰阵跌低咗" happens now, so those verbs are kept out, here and in _PAST)
_PAST_MORE = re.compile(r"今年[^，,。]{0,2}[一二三四五六七八九十\d]+月|[一二三四五六七八九十\d]+月份(?!了)|有一次|有一回|最后一次|那一次|那一回|"
                        r"𠮶(?:次|时|日|晚)|(?<!冲凉)(?<!食饭)(?<!瞓觉)(?<!揸车)(?<!行街)(?<!返工)(?<!煮饭)(?<!洗碗)(?<!落楼)(?<!上楼)(?<!行路)(?<!洗澡)𠮶阵|年轻(?:的)?时候?|后生(?:时|𠮶阵)|遇过")
# A word written, said or learned, not an event: "通知把着火写成了着伙".
_WORD_BEFORE = re.compile(r"(?:学会了?|教它|教他|教她)(?:说|喊|叫)$|(?:写着|印着|标着|叫做|名叫)$")
_WORD_AFTER = re.compile(r"[^，,。]{0,2}(?:写成|说成|打成|读成|念成|这个词|这个字|二字|两个字)")
# Things, not events: fuel stored, a knife missing from a set, a fire trap, a mood that blew up.
_THING_NOT_EVENT = re.compile(literal_first(r"(?:放|堆|存|囤|摆|卖)(?:了|着)?[^，,。]{0,6}汽油|(?:少发|少了|缺了|漏发|多发|少给|寄错)[^，,。]{0,6}刀|"
                              r"fire (?:trap|hazard|risk|code|safety|inspection)|心态(?:都)?(?:炸|崩)|(?:吵|闹|聊|骂|刷)(?:得)?炸|broke into (?:my|our|the|a) (?:car|van)"))
# A threat to kill or burn, said (high even when the police dealt with it): "发信息说要杀了我全家".
_THREAT_SAID = re.compile(r"(?:说|扬言|威胁|放话|喊)(?:着|了|过)?[^，,。]{0,6}要[^，,。]{0,4}(?:(?:杀|砍|弄死|打死|捅)(?:了|死)?(?:我|你|他|她|人|全家|孩子)(?![家的])|放火|泼硫酸|烧了)")
# (a knife missing from a set, said the other way round: "水果刀少了一把"; apart, as the spans may overlap)
_KNIFE_MISSING = re.compile(r"刀[^，,。]{0,3}(?:少了|少发|缺了|没发|漏发)")
# Still in care, not still in danger: "还在医院住着", "还在吃药".
_IN_CARE = re.compile(r"还?在?(?:医院(?:里)?(?:住|躺|治|观察)|住院|吃药|治疗|康复|养伤|打针|输液|icu|ICU|重症)")
# No harm came of it, said after the cue: "幸好冇大碍", "人没事".
_NO_HARM_AFTER = re.compile(r"(?:幸好|还好|好在)[^，,。]{0,3}(?:冇|没|无)(?:什么|乜)?(?:大碍|事)|(?:没什么|没有|无|冇)大碍|人没事")
# Drinking, then the deed: a habit told ("喝了酒就砸东西"), asked about.
_DRINK_HABIT = re.compile(r"(?:喝了酒?|喝醉了|喝多了|一喝酒|一喝醉|喝完酒)[^，,。]{0,2}就")
# Calls and a child living with a parent: "网贷公司天天打我电话", "他有一个儿子跟着他前妻".
_NOT_AN_ACT = LazyPattern(r"(?:天天|每天|一直|老是|总是|经常|不停地?)打(?:我|他|她|你)(?:的)?(?:电话|手机|微信|视频)|(?:儿子|女儿|孩子|闺女|小孩)跟着(?:我|他|她|前妻|前夫|爸|妈|奶奶|爷爷|外婆)(?!们?(?:去|出|到|上|进|来|走))")
# The police already dealt with the one who threatened: "民警把他带走教育了", "已经被拘留了".
_HANDLED = re.compile(r"(?:民警|警察|派出所|公安|警方)[^。！？]{0,12}(?:(?:带走|警告|拘留|笔录|调解|教育|处理)(?:了|过)|(?:拘|关|抓|罚)了)|"
                      r"(?:民警|警察|派出所|公安|警方)已|已(?:经)?被(?:拘留|刑拘|抓)|被(?:拘留|刑拘|抓)了")


def _said_only(text: str, s: re.Match[str]) -> bool:
    """A present marker that is only repeated or ordered (再喊救命, 要我马上转), or a stay in care (还在医院住着)."""
    if s.group(0) in ("还在", "现在", "正在"):
        return _IN_CARE.match(text, s.end()) is not None
    if s.group(0) == "救命":
        return _TAUGHT_CRY.search(text, max(0, s.start() - 10), s.start()) is not None
    return s.group(0) in ("马上", "赶紧", "快点") and _ORDERED.search(text, max(0, s.start() - 4), s.start()) is not None


def _urgent(text: str) -> bool:
    """A strong present marker anywhere, not counting one that is only repeated or ordered."""
    return any(not _said_only(text, s) for s in _STRONG_ONGOING.finditer(text))


def _now_at(c: _Cue) -> bool:
    """A present marker in the cue's clause before it or just after it (not one that is only said). In a
    long unpunctuated clause the last time word before the cue wins: "…现在老了脾气更大了…上个月还把她推倒在地上"."""
    last_past = max((p.end() for p in _PAST.finditer(c.text, c.left, c.m.start())), default=-1)
    return any(not _said_only(c.text, s) for s in (*(s for s in _ONGOING.finditer(c.text, c.left, c.m.start()) if s.start() >= last_past),
                                                    *_ONGOING.finditer(c.text, c.m.end(), min(c.right, c.m.end() + NOW_REACH))))


def _frame_before(text: str, frame: re.Pattern[str], start: int, cue: int) -> bool:
    """``frame`` between ``start`` and the cue, with no turn to what is real and here after the last one."""
    last = max(frame.finditer(text, start, cue), key=lambda f: f.end(), default=None)
    return last is not None and not _REAL_AGAIN.search(text, last.end(), cue)


def _handled_threat(c: _Cue) -> bool:
    """A quoted threat after which the police dealt with its author, and nothing urges or says he is at hand."""
    handled = _HANDLED.search(c.text, c.m.end())
    return handled is not None and not _URGING.search(c.text, handled.end()) and not _NEARBY.search(c.text, c.m.end())


def _not_incident(c: _Cue, open_before: bool = False) -> str | None:
    """The cue is named inside a frame that is not an incident happening now (see the block above)."""
    text, m, group = c.text, c.m, c.group
    if any((f := _NOT_AN_ACT.match(text, i)) and f.end() > m.start() for i in range(max(0, m.start() - 6), m.start() + 1)):
        return "figurative"  # 天天打我电话, 儿子跟着他前妻: not what a word of ours says
    for things in (_THING_NOT_EVENT, _KNIFE_MISSING):
        for f in things.finditer(text, max(0, m.start() - FIGURE_REACH), min(len(text), m.end() + FIGURE_REACH)):
            if f.start() < m.end() and m.start() < f.end():
                return "figurative"
    if _urgent(text):
        return None
    if m.group(0) in _LEFTOVER_SMELLS and _PAST_FIRE.search(text, 0, m.start()):
        return "past"  # 上个月发生过火灾，现在还有焦味: the smell a past fire left
    if _now_at(c):
        return None
    if _CAUSE_BEFORE.search(c.before) and _PUNISHED_AFTER.match(text, m.end()):
        return "past"  # 他因为打人被判了拘役: the cause of a punishment
    if _NO_HARM_AFTER.search(text, m.end()):
        return "resolved"  # …流血幸好冇大碍
    if group == "s110" and _DRINK_HABIT.search(c.before):
        return "habitual"  # 喝了酒就砸东西: asked about
    if not open_before:  # (a cue already asked about keeps its question: only the frames below settle it)
        last = max(_PAST.finditer(text, c.left, m.start()), key=lambda p: p.end(), default=None)
        if _past_frame(c) or (last is not None and not _NOW_AGAIN.search(text, last.end(), m.start())):
            return "past"  # the past, once a stay in care no longer counts as now (上个月…现在还在医院住着)
        if group == "m120" and _treated(c):
            return "treated"
    if _WORD_BEFORE.search(c.before) or _WORD_AFTER.match(text, m.end()):
        return "word"  # 学会了喊着火啦, 把着火写成了着伙
    if (_frame_before(text, _LESSON, c.sentence_start, m.start()) or (_LEARN.search(text) and not _SOMEONE_MINE.search(c.before))
            or (_MET_CASE.search(c.before) and _HOW_ASKED.search(text, m.end(), c.sentence_end))):
        return "lesson"  # a safety lesson, a drill, how to react: not a report
    if _asked_how(c):
        return "lesson"  # 怎么判断是不是煤气中毒, 着火了应该用什么灭火器: a question how to tell or deal with it
    if _frame_before(text, _MEDIA, c.sentence_start, m.start()):
        return "fiction"  # 看电视里说有人被困在电梯里
    if _frame_before(text, _DOCUMENT, c.sentence_start, m.start()):
        return "document"  # 和解协议上写的是双方互殴: what a paper says of a settled matter
    if group == "s110" and _PET_RIGHT_BEFORE.search(c.before) and not _PERSON_IN_CUE.search(m.group(0)):
        return "animal"  # 邻居说狗打架很正常: dogs fighting, not people
    play = max(_PLAY.finditer(text, c.sentence_start, m.start()), key=lambda f: f.end(), default=None)
    if play is not None and (_PLAY_VOICE.search(c.before) or "声" in m.group(0)) and not _REAL_AGAIN.search(text, play.end(), m.start()):
        return "fiction"  # 吃鸡游戏，耳机里一直喊打死他; 一本书，里面全是丧尸咬人
    if (_SCAM.search(text, m.end()) and _MEDIUM.search(text, c.sentence_start, m.start())) or _frame_before(
            text, _SCAM_TELLS, c.sentence_start, m.start()):
        return "scam"  # a call or a video that said it, called a scam
    if not _TODAY.search(c.sentence, 0, m.start() - c.sentence_start):
        if ((group == "s119" and not _GAS.search(m.group(0))) or (group == "s110" and _DAMAGE.match(m.group(0)))) and _CLAIM.search(
                text, m.end()):
            return "claim"  # 起火把我家窗户熏黑了…损失谁赔: damage claimed after the fact
        if group == "s119" and _COLLAPSE.search(m.group(0)):
            if _CARE.search(text, m.end()):
                return "treated"  # 天花板泡塌了，砸到了我妈，头上缝了几针
            if _FALLEN_THING.search(c.before) and not _SOMEONE_UNDER.search(text, m.end(), c.sentence_end):
                return "object"  # 围挡倒塌了一段: a thing fell, nobody under it
    if group in ("m120", "s120") and _HISTORY_AFTER.match(text, m.end()):
        return "history"  # 心梗病史
    past = max(_PAST_MORE.finditer(text, c.sentence_start, m.start()), key=lambda f: f.end(), default=None)
    if past is not None and not _NOW_AGAIN.search(text, past.end(), m.start()):
        return "past"  # 今年三月份…, 最后一次他…
    return None


# A question how to tell, prevent or deal with a danger, in the cue's clause: before it or inside a long cue
# ("怎么判断是不是煤气中毒", "could it collapse?"), or after it, asked in general ("电动车电池着火了应该用什么灭火器",
# "煤气泄漏了闻起来是什么味道", "晕倒了应该先打120还是…"): a question about a danger, not a report of one.
_HOW_TO_TELL = re.compile(r"(?:怎么|如何|怎样|咋)(?:样)?(?:判断|知道|看出|分辨|区分|识别|确定|预防|防止|避免|检查|检测|看)|怎么才算|什么情况(?:下)?算|"
                          r"how (?:do|can|would|should) (?:you|i|we|one|people) (?:tell|know|spot|recogni[sz]e|prevent|check)|"
                          r"\bcould (?:it|this|that|they)\b|\bis it (?:normal|possible|safe|likely)|what are the (?:signs|symptoms)")
_ASKED_AFTER = re.compile(r"[^，,。]{0,3}?(?:(?:应该|该|要)(?:用什么|先打|先做|先干|先叫|怎么处理)|用什么(?:灭|扑|救|东西)|(?:能不能|可不可以|能否)(?:用|泼|浇|拿)|是什么(?:味道?|症状|样子?|感觉)|"
                          r"闻起来|有(?:什么|哪些)(?:症状|表现|征兆|迹象)|什么症状|会有什么)")
_ASKED_CALL = re.compile(r"(?:应该|该|是|要不要|需不需要|用不用)先?$")
# One's own people or home named before the cue: "我家电动车着火了应该用什么灭火器" is a report.
_ONES_OWN = re.compile(r"(?:我|俺|咱)(?!想|问|请|咨询|们想|们问)|(?<!在)家里|老人|孩子|小孩|宝宝|儿子|女儿|爸|妈|老公|老婆|爷|奶|他|她|\bmy\b|\bour\b")


def _asked_how(c: _Cue) -> bool:
    text, m = c.text, c.m
    if any(f.end() <= m.end() for f in _HOW_TO_TELL.finditer(text, min(c.left, _clause_bounds(text, m.start(), m.end())[0]), m.end())):
        return True
    if _ONES_OWN.search(c.before):
        return False
    return _ASKED_AFTER.match(text, m.end()) is not None or (m.group(0) in _CALL_CUES and _ASKED_CALL.search(c.before) is not None)


# --- passing mentions: a law question, a legal term, a product claim, an animal, a staged scene ---
# Why: everyday messages name a danger word while asking about the law (正当防卫怎么算), claiming from a
# shop (买的椅子塌了，商家不退), retelling what went round online, or telling of animals (电死了好多小鱼).
# Each is set aside, like the frames above, when the message says it is happening now.
# A cue used as a legal term: "放火罪", "醉酒打人的法律责任", "以家暴为由", "家暴告诫书".
_LEGAL_TERM_AFTER = re.compile(r"(?:罪|案(?!发|子还)|的?(?:法律|刑事|民事)?责任|为由|告诫书|保护令|的?(?:证据|定性)|的?伤情鉴定|证(?![据明人实]))")
# A question about the law anywhere in the message: "要负责任吗", "能追究刑事责任吗", "有什么区别".
_LAW_ASKED = re.compile(literal_first(r"(?:法律|刑事|民事)责任|(?:负|承担)(?:什么)?责任|(?:算不算|是不是|会不会|属不属于)(?:违法|犯法|犯罪)|(?:违法|犯法|犯罪)吗|(?:能|可以|会)不?(?:能)?追究|怎么判|会判|判几年|(?:会被|会)(?:怎么|如何)(?:处罚|处理|罚)|(?:怎么|如何)处罚|罚多少|判多久|量刑|"
                        r"有什么区别|区别是什么|怎么区分|怎么界定|界限是什么|正当防卫|防卫过当|(?:怎么|能不能|可以|如何)(?:去)?起诉|"
                        r"起诉[^，,。]{0,4}(?:吗|流程|需要)|怎么算|能不能算|告诫书|保护令|伤情鉴定|立案标准|(?:能|能不能|可以|还能)(?:报案|立案)|法律上(?:还)?(?:有|该|怎么|能)"))
# The one who did it, named by the deed: "打人的孩子才十三岁", "放火的那个人".
_DOER_AFTER = re.compile(r"的(?:孩子|小孩|学生|男的|女的|男子|女子|家长|司机|一方|人|那个|那位|那人)")
# A thing bought that failed, claimed from the seller: "网上买的电竞椅…塌了…商家说只能换".
_BOUGHT = re.compile(r"买的|买了|网购|下单|团购|(?:在|从)[^，,。]{0,8}买")
_SELLER = re.compile(r"商家|超市|商场|车行|店家|厂家|卖家|客服|售后|退货|退款|不退|不给退|换货|保修|质量问题|三包|投诉")
# Ordinary uses: air out of a cooker or a tyre, a bed jumped from, a window shot at, a degree ("辣到爆炸").
_PASSING_USE = re.compile(
    literal_first(r"(?:高压锅|压力锅|轮胎|车胎|胎|气球|充气|气垫|游泳圈|球)[^，,。]{0,6}漏气|"
    r"(?:床|沙发|凳子|椅子|桌子|台阶|上铺|蹦床)上?往下跳|"
    r"道具(?:刀|枪|剑|棍)|玩具[^，,。]{0,2}(?:刀|枪|剑)|水枪|(?:toy|water|nerf|cap|squirt|prop|plastic|foam|wooden) (?:gun|pistol|rifle|knife|sword)|打(?:我|我们)家(?:的)?(?:窗户?|玻璃|车|墙|花盆|空调|雨棚|灯|鸽子|鸟)|"
    r"(?:辣|好吃|好看|好玩|便宜|火|帅|美|爽|香|甜|酷|燃|嗨|劲|强)(?:到|得)(?:要)?(?:爆炸|炸裂|炸)|"
    r"(?:炸裂|爆炸)(?:优惠|低价|价|音效|新品|福利|开业|大促|销量)")
)
# Animals killed, not people: "电死了好多小鱼", "我家狗被人下毒死了".
_ANIMAL = r"(?:鱼|狗|猫|鸟|鸡|鸭|鹅|鸽子?|兔子?|老鼠|猪|羊|牛|蛇|虾|蜜蜂|麻雀|泥鳅|黄鳝|青蛙|鹦鹉|仓鼠)"
_KILLS = re.compile(r"(?:电|毒|药|咬|打|炸|淹|饿|冻|闷|下毒)死")
# (an activity with an animal names a person: "电死了一个钓鱼的人", "遛狗被人打死")
_ANIMAL_AFTER = re.compile(r"了?[^，,。人我他她孩娃爸妈]{0,8}?(?<![钓捕卖杀遛喂养])" + _ANIMAL + r"(?![的者人])")
_ANIMAL_BEFORE = re.compile(r"(?<![钓捕卖杀遛喂养])" + _ANIMAL + r"(?:都|也|又|们)?(?:被[^，,。]{0,4})?$")
# What went round online, told on: "看到网上说某地…", "朋友圈都在转一个视频，说…"; a scene staged for a camera.
# (not what someone posted: "他发了条朋友圈说对不起大家" is a farewell)
_RETOLD = re.compile(r"(?:看到|看)网上|(?:群里|朋友圈)有人发(?:了)?(?:个|一个|条|一条)?视频|小品|话剧|演(?:一个|一场|个)|网上(?:都在)?(?:说|传|有人说)|(?:朋友圈|群里)(?:里|上)?(?:都在|有人)?(?:转|传)(?!账|钱)|"
                     r"直播(?:里|间)?(?:说|讲|传)(?!要|想)|旧视频|拍(?:短)?视频|拍段子|拍戏|拍电影|拍[^，,。]{0,3}(?:片|剧)(?!子)|拍抖音|(?<!不是)(?<!不是在)演(?:[^，,。]{0,4}的)?戏|彩排|排练")
# Refuted: "后来辟谣了", "问了燃气公司说根本不用换".
_REFUTED = re.compile(r"辟谣|假消息|假新闻|(?:什么|啥)事都没有|没(?:有)?这回事|(?:问|查|核实)[^。！？]{0,10}(?:根本(?:不|没)|是假的|是谣言)")
# Nobody there when it happened: "幸好当时没人在用", "好在没有人受伤".
_NOBODY_HURT = re.compile(r"(?:幸好|还好|好在|幸亏)[^，,。]{0,6}没(?:有)?人(?:在|受伤|伤着|用|住|[，,。]|$)")
# The first time, and already: "第一次去深水区就呛水了" is a lesson told after.
_FIRST_TIME = re.compile(r"第一次[^，,。]{0,8}就$")
# A threat on a condition, with someone fetched or a place named: "再搞事就叫人打我", "再来要我就从楼上跳下去".
_LEVERAGE_MORE = re.compile(r"(?:再|要是|如果|敢)[^，,。]{1,10}就(?:叫人|找人|喊人|让人|从[^，,。]{0,6})$")


def _passing_reason(c: _Cue, open_before: bool) -> str | None:
    """A danger word in passing: a legal term or a law question, a product claim, animals, a retold story."""
    text, m, group = c.text, c.m, c.group
    for f in _PASSING_USE.finditer(text, max(0, m.start() - FIGURE_REACH), min(len(text), m.end() + FIGURE_REACH)):
        if f.start() < m.end() and m.start() < f.end():
            return "figurative"
    if _urgent(text):
        return None
    if _LEGAL_TERM_AFTER.match(text, m.end()):
        return "word"  # 放火罪, 打人的法律责任, 现在离婚还能以家暴为由…: a term, not an event
    if _now_at(c):
        return None
    if _REFUTED.search(text, m.end()):
        return "correction"  # 后来辟谣了是演习
    if _NOBODY_HURT.search(text, m.end()):
        return "resolved"  # 插头烧焦了，幸好当时没人在用
    if group == "s110" and _DOER_AFTER.match(text, m.end()) and not _NEARBY.search(c.sentence):
        return "word"  # 打人的孩子才十三岁: the one who did it, named by the deed
    today = _TODAY.search(c.sentence, 0, m.start() - c.sentence_start) is not None  # (又 after the cue is not today: 拍了又说)
    if _LAW_ASKED.search(text) and not today:
        # a question about the law; with nothing that dates or settles the deed (他拿刀砍我，能起诉吗) it is asked
        told_after = any(p.search(text) for p in (_PAST, _PAST_MORE, _RESOLVED, _TREATED, _HANDLED))
        return "lesson" if told_after else "law"
    if _KILLS.search(m.group(0)) and (_ANIMAL_AFTER.match(text, m.end()) or _ANIMAL_BEFORE.search(c.before)):
        return "animal"  # 电死了好多小鱼, 狗被人下毒死了
    if _frame_before(text, _RETOLD, c.sentence_start, m.start()):
        return "fiction"  # 朋友圈都在转一个视频，说…; 拍短视频，演打架的戏
    if (not today and group == "s119" and not _GAS.search(m.group(0))
            and _BOUGHT.search(text, 0, m.start()) and _SELLER.search(text, m.end())):
        return "claim"  # 网上买的电竞椅…塌了…商家说只能换不能退
    if group in ("s110", "s120") and _LEVERAGE_MORE.search(c.before) and not _NEARBY.search(c.sentence):
        return "quoted"  # 再搞事就叫人打我: a threat on a condition, asked about
    if not open_before and _FIRST_TIME.search(c.before):
        return "past"  # 第一次去深水区就呛水了
    return None


# "没受伤", "没人受伤", "不是威胁": a negated injury or threat is not one.
_HIGH_NEGATED = re.compile(r"(?:没有?人?|无人|并无|均无|都没|不是|并没|未|没什么|no |not |nobody )[^，,。]{0,2}$|(?:小|轻微的?)$")
# Settled, for a serious report: a call to the police or a mediation is not the end of the matter.
_HIGH_RESOLVED = LazyPattern(_RESOLVED_SOURCE.replace("|报过警|调解)", ")").replace("被[^，,。]{0,4}(?:收了", "(?<!手机)(?<!手机[也都])被[^，,。]{0,4}(?:收了"), None)
# Prevention, not harm: "防诈骗的课", "反诈宣传".
_PREVENTION = ("防", "反")
# A repeated request that has now been met: "问了好几次，今天终于贴出来了".
_FINALLY = re.compile(r"终于|总算")


def _high_cancelled(text: str, m: re.Match[str]) -> bool:
    """True when a high cue is negated, or the matter is said to be settled in the same sentence."""
    left, right = _clause_bounds(text, m.start(), m.end())
    if _HIGH_NEGATED.search(text[left : m.start()]):
        return True
    sentence_end = _SENTENCE_BREAK.search(text, m.end())
    rest = text[m.end() : sentence_end.start() if sentence_end else len(text)]
    return bool(_HIGH_RESOLVED.search(text[left:right]) or _HIGH_RESOLVED.search(rest))


def _finditer(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, cheaper where nothing matches (most texts, for most patterns): one
    search says so without building an iterator, and a match found is the first the iteration from it yields."""
    first = pattern.search(text)
    return pattern.finditer(text, first.start()) if first is not None else iter(())


def assess(text: str, amounts: tuple[int, ...] = ()) -> UrgencyResult:
    """Urgency of a normalised message; ``amounts`` come from ``nlp.entities.extract_amounts``."""
    cues: list[str] = []
    services: set[str] = set()
    unsure: set[str] = set()
    unsure_cues: list[str] = []
    cancelled: list[str] = []
    reasons: list[str] = []
    cancelled_groups: list[str] = []
    serious: list[str] = []
    scans, repeat_pattern, escalation_or_injury = (
        _ascii_scans() if text.isascii() else (_EMERGENCY, _REPEAT, _ESCALATION_OR_INJURY))
    for group, pattern in scans:
        # ``_finditer`` inlined: 33 scans a message, and most find nothing, so the call was a good part of their cost.
        first = pattern.search(text)
        if first is None:
            continue
        for m in pattern.finditer(text, first.start()):
            reason = _cancelled(text, m, group)
            cue = m.group(0)
            if (reason is None and cue in _EXCLAIM and not _URGING.search(_sentence(text, m))
                    and not _heard_cry(text, m)):
                reason = "exclaim"  # a cry with no 快来/正在 beside it: asked about (or, calm, an exclamation)
            if reason is None:
                services.add(group)
                cues.append(cue)
            elif reason in _UNSURE_REASONS:
                unsure.add(group)
                unsure_cues.append(cue)
            else:
                cancelled.append(cue)
                reasons.append(reason)
                cancelled_groups.append(group)
                if group == "s110" and (reason == "history" or (reason == "animal" and _threat_to_beast(text, m, group))):
                    serious.append(cue)  # 有家庭暴力倾向, 说再投诉就毒死我家的猫: no danger now, still serious

    # The English-only patterns need a Latin letter (the text is lower-cased); 92% of messages have none.
    latin = _LATIN.search(text) is not None
    flags: set[str] = set()
    if _GROUP.search(text) or (latin and _GROUP_EN.search(text)):
        flags.add("group")
    if amounts and max(amounts) >= LARGE_SUM:
        flags.add("large_sum")
    repeat = repeat_pattern.search(text)
    if repeat and not _FINALLY.search(text, repeat.end()):
        flags.add("repeat")
    if "s110" in services or _POLICE.search(text):
        flags.add("police_link")

    if services:
        numbers = _numbers(services)
        return UrgencyResult("emergency", numbers[0], frozenset(flags), tuple(dict.fromkeys(cues)),
                             tuple(cancelled), "present", numbers, cancel_reasons=tuple(reasons),
                             cancelled_groups=tuple(cancelled_groups))

    # A threat to kill an animal or to wreck a thing ("说再投诉就毒死我家的猫") is a threat, and a disposition to
    # violence (有家庭暴力倾向) a sensitive matter: high, not asked about.
    high_cues: list[str] = serious[:1]
    for found in _finditer(escalation_or_injury, text):
        if not _high_cancelled(text, found):
            high_cues.append(found.group(0))
            break
    vulnerable = _VULNERABLE.search(text) is not None
    if not high_cues:
        prose = _prose_high(text, latin) or _prose_high_more(text, latin, vulnerable)
        if prose:
            high_cues.append(prose)
    if vulnerable:
        harm = next((h for h in _finditer(_VULNERABLE_HARM, text) if _real_harm(text, h, amounts)), None)
        harm = harm or _ELDER_NEGLECT.search(text)
        if harm:
            high_cues.append(harm.group(0))
    if not high_cues and not services and (said := _THREAT_SAID.search(text)) and _HANDLED.search(text):
        high_cues.append(said.group(0))  # a threat to kill stays serious after the police dealt with it
    high = bool(high_cues) or bool(flags & {"group", "large_sum", "repeat"})
    if unsure:
        # An open danger is at least high: the resident is asked, and 没有 leaves a serious report.
        bare = len(_BARE_NOISE.sub("", text)) <= max(map(len, unsure_cues)) + 1
        return UrgencyResult("high", None, frozenset(flags), tuple(dict.fromkeys(unsure_cues + high_cues)),
                             tuple(cancelled), "uncertain", _numbers(unsure), bare, tuple(reasons), tuple(cancelled_groups))
    return UrgencyResult("high" if high else "normal", None, frozenset(flags), tuple(high_cues), tuple(cancelled),
                         cancel_reasons=tuple(reasons), cancelled_groups=tuple(cancelled_groups))


def _prose_high(text: str, latin: bool = True) -> str | None:
    """A ``high`` cue told in prose: a threat to the writer, an eviction today or tomorrow, water or power
    cut off with a frail person at home, a minor kept working unpaid; None when there is none. ``latin``
    False says the text has no Latin letter, so the English patterns cannot match."""
    for pattern in (_THREAT_PROSE, _THREAT_PROSE_EN) if latin else (_THREAT_PROSE,):
        for m in _finditer(pattern, text):
            if not _high_cancelled(text, m):
                return m.group(0)
    if _RENTAL_PARTY.search(text):
        for pattern in (_EVICT_NOW, _EVICT_NOW_EN) if latin else (_EVICT_NOW,):
            if (m := pattern.search(text)) and not _high_cancelled(text, m):
                return m.group(0)
    if _FRAIL.search(text):
        for m in _finditer(_CUT_OFF, text):
            if not _PLANNED.search(text, _sentence_start(text, m.start()), m.end()) and not _high_cancelled(text, m):
                return m.group(0)
    if (m := _MINOR_AGE.search(text)) and (kept := _MINOR_KEPT.search(text)):
        return kept.group(0)
    if latin and _MINOR_AGE_EN.search(text) and (kept := _MINOR_UNPAID_EN.search(text)):
        return kept.group(0)
    return None


# --- high told in prose, more kinds (sideways threats, uncounted repetition, elders, crowds) --------
# A threat said sideways, aimed at the writer's home, job or children: "就让我横着出去", "找人教育教育我",
# "他知道我在哪家公司上班", "你家孩子以后放学最好别走这条路", "我儿子的工作也要考虑考虑", "别想离开这个镇".
_THREAT_SIDEWAYS = re.compile(literal_first(
    r"横着出去|(?:找|叫|喊)(?:几个)?人[^，,。]{0,3}(?:教育教育|好好教育|教训教训)(?:我|你|他|她|我们)|"
    r"(?:他|她|对方|他们|那人|那个人)(?:说)?(?:知道|晓得|打听到了?|查到了?)(?:我|我们|你)[^，,。]{0,6}(?:在哪|哪家|哪个|哪所)[^，,。]{0,3}(?:公司|单位|学校|幼儿园|小学|中学)|"
    r"(?:你家|你们家|你的)(?:孩子|小孩|女儿|儿子|娃|老婆|老人)[^，,。]{0,8}最好(?:别|不要)|"
    r"(?:儿子|女儿|老婆|老公|家里人|亲戚)的?(?:工作|饭碗|岗位)[^，,。]{0,4}(?:考虑考虑|保不住|不保|难保)|"
    r"让(?:我|你|他|她|我们)[^，,。]{0,6}(?:租不到房|找不到工作|接不到活|做不成生意)|"
    r"别想(?:离开|走出|踏出|踏进|开进|开出|睡(?:个)?(?:安稳|好)觉)|"
    r"(?:叫|喊|带|拉)来(?:了)?(?:一车|一帮|一伙|一群|一大帮|好几个|十几个)(?:人|亲戚|兄弟)?|"
    r"把(?:我)?(?:女儿|儿子|孩子|小孩)的?(?:幼儿园|学校|班级|班主任)[^，,。]{0,6}(?:发给|发到|告诉)"
))
_THREAT_SIDEWAYS_EN = re.compile(
    r"knows? (?:which|what|where) (?:school|office|company|nursery|kindergarten|class)|"
    r"knows? where (?:my|our) (?:kids?|son|daughter|children|wife|husband) (?:go|goes|work|works|study|studies)"
)
# A complaint repeated without a counted number: "说了不知多少回", "打的电话我都数不清了", "讲了半年",
# "签名的信交上去两个月了", "半年过去还是那样", "报了物业报了城管", passed from office to office. (Told the school or the site "for a
# term" is not it: the development sets label that normal.)
_REPEAT_PROSE = re.compile(literal_first(
    r"(?:不知|不晓得|唔知)道?(?:多少|几多)[次回遍趟]|(?:电话|次数|多少次|几多次)[^，,。]{0,4}数不(?:清|过来)|"
    r"讲(?:了|咗)(?:快|有|都|足足|整整)?(?:一年|半年|两年|三年|几年|大半年|几个月|好几个月|[两二三四五六七八九十]个月)|"
    r"(?:信|联名信|签名信|材料|报告|联署)[^，,。]{0,6}(?:交|递|送|寄)(?:上去|过去|给[^，,。]{0,6})?(?:了)?(?:也)?(?:已)?(?:快|有|都)?"
    r"(?:[两三四五六七八九十几]|好几|半|一)(?:个)?(?:月|年)|"
    r"(?:材料|信)(?:递|交)了(?:快|有)?(?:一年|半年|大半年|[两三四五六七八九十]个月)|"
    r"(?:半年|一年|大半年|几个月|好几个月|[两三四五六七八九十]个月|一年多|半年多)(?:过去了?|了)[^，,。]{0,3}(?:还是|依然|仍然|照样|仍)(?:那样|老样子|原样|那个样)|"
    r"报了(?:物业|社区|城管|居委会?|街道|派出所|12345)[^，,。]{0,2}(?:又)?报了(?:物业|社区|城管|居委会?|街道|派出所|12345)|"
    # passed from one office to the next: "社区说是街道的事，街道说是水务的事", "交警说归城管，城管说归交警"
    r"说是[^，,。；;]{1,6}的事[，,；;][^，,。；;]{1,8}说是[^，,。；;]{1,6}的事|说归[^，,。；;]{1,5}管?[，,；;][^，,。；;]{1,6}说归"
))
_REPEAT_PROSE_EN = re.compile(
    r"(?:the|my|our) (?:third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|umpteenth) (?:time|letter|email|call|complaint)|"
    r"at every (?:residents'?|owners'?|tenants'?|building|committee) meeting"
)
# Who counts as old or frail beyond ``_VULNERABLE`` in these patterns ("邻居家的老头子", "she's 88").
_ELDER_MORE = re.compile(r"老头子|老头儿|老太婆|老伯|阿伯|阿婆|老人家|婆婆|公公")
_ELDER_MORE_EN = re.compile(r"\b(?:she|he)(?:'s| is) [6-9]\d\b|\b[6-9]\d-year-old|dementia|disabled|wheelchair")
# An elder or a frail person drained, tricked in their frailty, tied up or left in filth.
_FRAIL_HARM = LazyPattern(
    r"趁(?:他|她|老人|老人家)[^，,。]{0,4}(?:耳背|糊涂|不识字|看不清|眼花|听不清|不懂)|"
    r"(?:卡上|卡里|账户里?|存折里?)[^，,。]{0,2}(?:划走|扣走|刷走|转走)|"
    r"(?:存折|银行卡|工资卡|退休金卡|养老金卡|低保卡)[^，,。]{0,3}(?:攞走|拿走|收走|扣下|抢走)|"
    r"(?:存|攒)了(?:一辈子|大半辈子|半辈子)|"
    r"屎尿|生了疮|长了疮|瘦得不成(?:人)?样|绑住(?:了)?(?:双手|手脚|手|脚)|(?:绑|捆)在床|关在[^，,。]{0,6}笼|"
    r"took (?:her|his) (?:bank )?card|signed over|(?:no|without|hasn't had|haven't had) (?:any )?(?:heating|heat|hot water)[^.!?]{0,12}(?:all winter|for weeks)"
)
# Hurt already, told by the wound or the treatment: "打了石膏", "绞掉两根指头", "人到现在还没醒", "勒到瘀晒".
_INJURY_PROSE = re.compile(literal_first(
    r"打(?:了|着)石膏|(?:绞|轧|切|压|锯)(?:掉|没)了?[^，,。]{0,2}(?:根|个|节)?(?:指头|手指|脚趾)|(?:指头|手指|脚趾)[^，,。]{0,2}(?:绞|轧|切|压|锯)(?:掉|没)了|"
    r"(?:人|他|她)(?:到现在|至今)(?:还)?(?:没|没有)(?:醒|醒过来)|昏迷不醒|"
    r"烫起了?(?:一串|一排|好几个|一片|几个)?(?:水)?泡|瘀(?:青|伤|晒|血|了)|勒(?:出|到)[^，,。]{0,2}(?:印|血|瘀)|"
    r"(?:腿|手|腰|胳膊|脚)[^，,。]{0,4}(?:到现在|至今)(?:都|还)?(?:没|没有)好"
))
# Many people, counted in ways ``_GROUP`` does not read: "一千多户", "三名老人被撞", "十几个兄弟", "被撬了六家",
# "下游三个村吃的都是这条河的水", "二十多个外地人", "好几个孩子起了皮疹".
_GROUP_PROSE = re.compile(literal_first(
    r"(?:[一二三四五六七八九两几]|上|近)千[多余来]?[个名位]?(?:户|人|居民|业主|村民|工人|家长|学生|住户|会员)|"
    r"(?:[三四五六七八九]|好几)(?:名|个|位)(?:老人|孩子|小孩|学生|小学生|老人家)[^，,。]{0,4}(?:被撞|被骗|受伤|中毒|住院|出事|摔)|"
    r"(?:[两三四五六七八九十几]|好几)个(?:村|村子|自然村|小区)的?(?:人|村民|居民)?[^，,。]{0,4}(?:吃|喝|用)的?(?:都是)?[^，,。]{0,4}水|"
    r"(?:[二三四五六七八九]十|几十|十几|\d{2,})[多几余来]?[个名位](?:外地|外来|打工的?|干活的?)(?:人|工人)|"
    r"(?:兄弟|工友|工人|伙计|老乡|师傅)[^，,。]{0,2}(?:十几|几十|二十几|廿几|[二三四五六七八九]十多?)个|"
    r"被(?:撬|偷|盗|砸)了?(?:[三四五六七八九十]|十几|好几)(?:家|户)|"
    r"(?:(?:好几个|多个)(?:孩子|小孩|学生)|(?:孩子|小孩|学生)一个(?:接|跟)一个)[^，,。]{0,4}(?:起了?(?:皮)?疹|咳嗽|发烧|拉肚子|上吐下泻|流鼻血)"
))
# Many people hit alike, counted: the victims ("跟我们一样被骗的有二十多对", "受害的少说也有几十家") or what a
# wave of thefts took ("这个月已经丢了十几辆"), in words (figures are ``_GROUP``'s); read only when 十 or 百 is there.
_COUNTED_PROSE = LazyPattern(
    r"(?:被骗|受骗|上当|被坑|受害|中招)的(?:人|人家|家长|业主|老人|新人|顾客|会员|学员|同学|邻居|工友|老乡|村民|住户|家庭)?(?:还|至少|起码|少说也)?有?"
    r"(?:十几|几十|数十|上百|[二三四五六七八九]十)[多几余来]?(?:对|个|位|户|家|人|名)|"
    r"(?:丢|被偷|被盗|被撬|偷走)了?(?:十几|几十|数十|上百|[二三四五六七八九]十)[多几余来]?(?:辆|台|部|家|户|间)"
)
_GROUP_PROSE_EN = re.compile(
    r"\b(?:about |over |nearly |some )?(?:eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|a hundred)"
    r"(?: of (?:us|them)\b| (?:workers|cleaners|households|families|tenants|residents|flats|owners|employees)\b)"
)
# Put out tomorrow or the day after, in more words than ``_EVICT_NOW`` knows: "后日就要收返层楼", "明早八点前不把东西清走".
_EVICT_MORE = re.compile(literal_first(
    r"(?:今天|今晚|明天|明早|后天|后日|听日|聽日)[^，,。]{0,8}(?:收返|收回|收楼|清走|清出去|搬清)"
))
_EVICT_MORE_EN = re.compile(
    r"until (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|the weekend|tomorrow|tonight)"
    r"(?: (?:morning|noon|midday|afternoon|evening|night))? to (?:be out|move out|leave|get out)"
)
_MINOR_GROOMED_EN = re.compile(r"ask(?:s|ing|ed)? (?:her|him) for (?:photos|pictures|pics)|delete the (?:chats|messages)")


def _prose_high_more(text: str, latin: bool, vulnerable: bool) -> str | None:
    """More ``high`` told in prose (see the patterns above); None when there is none. Every cue is dropped
    when negated or settled in its sentence, like the others. ``vulnerable``: ``_VULNERABLE`` matches the
    text (the caller has searched it already)."""
    singles: list[re.Pattern[str]] = [_THREAT_SIDEWAYS, _REPEAT_PROSE, _INJURY_PROSE, _GROUP_PROSE]
    if "十" in text or "百" in text:
        singles.append(_COUNTED_PROSE)
    if latin:
        singles += [_THREAT_SIDEWAYS_EN, _REPEAT_PROSE_EN, _GROUP_PROSE_EN]
    for pattern in singles:
        for m in _finditer(pattern, text):
            if not _high_cancelled(text, m):
                return m.group(0)
    if vulnerable or _ELDER_MORE.search(text) or (latin and _ELDER_MORE_EN.search(text)):
        for m in _finditer(_FRAIL_HARM, text):
            if not _high_cancelled(text, m):
                return m.group(0)
    if _RENTAL_PARTY.search(text):
        for pattern in (_EVICT_MORE, _EVICT_MORE_EN) if latin else (_EVICT_MORE,):
            if (m := pattern.search(text)) and not _high_cancelled(text, m):
                return m.group(0)
    if latin and (_MINOR_AGE_EN.search(text) or re.search(r"\b1[0-7]-year-old\b", text)) and (m := _MINOR_GROOMED_EN.search(text)):
        return m.group(0)
    return None


def _real_harm(text: str, m: re.Match[str], amounts: tuple[int, ...]) -> bool:
    """Not prevention (防诈骗), not a question or a demand (这是不是诈骗, 要他转账), and 保健品 only when the sum is not small
    (两盒花了三百块 is a refund)."""
    if text[max(0, m.start() - 1) : m.start()] in _PREVENTION:
        return False
    if _ASKED_WHETHER.search(text, max(0, m.start() - 4), m.start()):
        return False
    left, _ = _clause_bounds(text, m.start(), m.end())
    if _HIGH_NEGATED.search(text[left : m.start()]):
        return False  # 孩子没有受伤
    if m.group(0) in ("劝买", "劝着买"):
        return bool(amounts) and max(amounts) >= SMALL_HEALTH_SUM  # talked into a real sum, not a T-shirt
    return not (m.group(0) == "保健品" and amounts and max(amounts) < SMALL_HEALTH_SUM)


#: Asked whether it is a scam ("这是不是诈骗", "算不算被骗"), or told to pay ("要他转账"): nothing is lost
#: yet (money lost says so elsewhere: 转了, 骗走).
_ASKED_WHETHER = re.compile(r"(?:是不是|是否|算不算|会不会|是不|要(?:他|她|我|你|老人)?)$")

#: Health products bought for less than this are a shopping matter, not an elder drained.
SMALL_HEALTH_SUM = 5_000

def _settled(text: str) -> bool:
    """The message tells of something over or treated, and nothing in it is happening now: no strong
    present marker anywhere, and no present marker after the last word of the past ("护栏去年就坏了，
    反映过。刚才一个小孩掉进了坑里" is today's event told after its background)."""
    if _STRONG_ONGOING.search(text):
        return False
    ends = [m.end() for pattern in (_PAST, _RESOLVED, _TREATED, _WELL_AGAIN) for m in pattern.finditer(text)]
    return bool(ends) and not _ONGOING.search(text, max(ends)) and not _TODAY_AGAIN.search(text, max(ends))


# Well again now: "喝了杯糖水现在好了" (not 好几 or 好多人).
_WELL_AGAIN = re.compile(r"(?:现在|已经|这会儿?)(?:已经)?(?:好(?:了|多了)(?![几些一])|缓过来了|没事了)|好(?:一)?点了|好些了")

# Today, and again: "上回他就打过我妈 派出所来过 今天又来了 在屋里头打".
_TODAY_AGAIN = re.compile(r"(?:今天|今晚|今早|这会儿?)[^，,。]{0,3}又")


# A series being watched: "追了一个悬疑剧，最后一集…" (only where a model alone raised: no cue is cancelled by it).
_SHOW = re.compile(r"追剧|追了[^，,。]{0,4}剧|悬疑剧|连续剧|网剧|短剧|大结局|最后一集|上一集|这一集|综艺")


def _not_real(text: str) -> bool:
    """The message says it is a joke, a story or a false alarm (no cue of ours to judge it by)."""
    return bool(_JOKE.search(text) or _FICTION.search(text) or _CORRECTION.search(text) or _SHOW.search(text))


# A routine told with a question whether to step in: "小孩天天一个人在家…不知道该不该管".
_ROUTINE = re.compile(r"天天|每天|经常|老是|总是|常年|三天两头")
_WHETHER_TO_ACT = re.compile(r"(?:该不该|要不要|用不用|需不需要)[^，,。]{0,3}(?:管|报警|插手|说|告诉|反映)")


# A question about a case imagined: "如果有人在冰面上掉下去了，旁边的人应该怎么救？".
_ASKS_HOW = re.compile(r"怎么|应该|该不该|要不要|吗|[?？]|\bhow\b|\bshould\b|\bwhat do\b")


def _asked_if(text: str) -> bool:
    """The message opens on a condition and asks what to do, with nothing said to be happening now."""
    return bool(_CONDITIONAL.match(text.lstrip()) and _ASKS_HOW.search(text)) and not _ONGOING.search(text)


def _routine(text: str) -> bool:
    """A daily state of things, asked whether to act on, with nothing said to be happening now."""
    return bool(_ROUTINE.search(text) and _WHETHER_TO_ACT.search(text)) and not _ONGOING.search(text)


_BARE_NOISE = re.compile(r"[\s\W_啊呀啦吧]+")


def _numbers(groups: set[str]) -> tuple[str, ...]:
    """The numbers for the cue groups found, the most urgent first (self-harm, fire, violence, injury)."""
    return tuple(dict.fromkeys(EMERGENCY_SERVICE[g] for g in _SERVICE_PRIORITY if g in groups))


# --- the learned urgency heads, combined with the rules (recall first) ----------------------------
#: P(emergency) from the model at or above which a message the rules left non-emergency becomes one,
#: unless the rules found an emergency cue and cancelled it (a negation or past rule wins).
#: Chosen on the dev sets (dev, check, holdout) and 5-fold cross-validation of the corpus; see README.
RAISE_EMERGENCY = 0.8
#: At or above this P(emergency), a message the rules call normal is at least ``high``.
RAISE_HIGH_FROM_EMERGENCY = 0.6
#: Below this P(emergency), a lone 救命 (no other danger word) is an exclamation, not a danger.
CALM = 0.2
#: Between this and ``RAISE_EMERGENCY``, a message with no danger cue at all is asked about.
ASK_FROM_EMERGENCY = 0.6
#: Below this P(emergency), a question the rules asked (a threat, habitual violence, a danger word
#: they could not date) is not asked: the urgency the rules gave stays. Chosen by 5-fold
#: cross-validation on the training rows (corpus + urgency_train): of the rule questions, 65 sat
#: below 0.1 out of fold and none of them was an emergency (none below 0.3 either); see README.
CALM_QUESTION = 0.1
#: ... but only in a message this long: a bare threat (他说要杀了我) gives the model one or two
#: features, so its low P is no evidence of calm, and a threat is asked about by design.
CALM_MIN_CHARS = 25
#: P(high | not emergency) at or above which a ``normal`` message becomes ``high``. Chosen by 5-fold
#: cross-validation of the corpus (the rules-normal messages) and the normal messages of dev, check,
#: holdout and dev_long's first 320 lines: the lowest value that raises at most 1.5 per 100 (README).
RAISE_HIGH = 0.8
#: Below this P(emergency), a rule emergency resting only on weak cues (a mere object: 菜刀, 汽油,
#: 漏气) is lowered to ``high``, never further. Event cues (打人, 着火, 不想活) are never vetoed.
VETO_EMERGENCY = 0.05
#: P(emergency) of the character n-gram model (``nlp.emchar``) at or above which a message the rules and
#: the shared head left non-emergency becomes one (same guards as ``RAISE_EMERGENCY``). Chosen by 5-fold
#: cross-validation on the training rows (``python -m nlp.emchar_train --cv``); see README.
CHAR_RAISE_EMERGENCY = 0.8
#: When both emergency scorers (the shared head and the character model, two different views of the text)
#: reach this, a message in which the rules saw no danger is raised though neither reaches 0.8 alone (same
#: guards). Two models agreeing is better evidence than one model a little surer: in 5-fold cross-validation
#: on the training rows the rules leave without a danger, this finds about 2.6 emergencies per false raise,
#: lowering either single threshold to 0.75 about 1.5 (`bench/heads_cv.py`; README, "Learned emergency
#: heads, measured").
BOTH_RAISE_EMERGENCY = 0.7
#: Cancel reasons that say a cue word is meant in another sense (a figure, an animal, a thing, a term,
#: cigarettes or a bonfire, a property): they say nothing about whether the rest of the message tells a
#: present danger, so they block the heads only below ``SENSE_RAISE`` ("马蜂窝被捅了，一群马蜂追着小孩蜇").
#: Past, negated, fiction, resolved … still block at any P. Chosen by 5-fold cross-validation on the
#: training rows and on all development sets; see README.
SENSE_REASONS = frozenset({"figurative", "animal", "object", "word", "burning", "property"})
SENSE_RAISE = 0.85
#: When the rules cancelled a danger cue for a reason about the event itself (past, fiction, negated,
#: hypothetical, resolved …: it still blocks every raise) but both emergency scorers reach this, the message
#: is asked about ("现在是否有人身危险？") instead of left ordinary: the rules' frame may be a slip
#: ("警方通报说那个逃犯还没抓到，刚才他就在我家楼下拿着刀转悠", "上次…那次派出所来调解了，现在他又在门外砍门").
#: Never an emergency: in 5-fold cross-validation on the training rows (2 shuffles, 473 such rows, 6
#: emergencies) raising at 0.9 found 1 emergency per false raise. Asking at 0.55: the frames also cancel
#: present emergencies told second-hand or by their signs (我爸打电话说…氨气管道破了, 玩的时候喝了半瓶消毒水);
#: on the A halves and older development sets (12,183 lines) 0.55 asks 6 more of the 9 emergencies such
#: frames lost than 0.9 did, for 24 more questions (0.27 per 100 others); 0.5: 7 for 33, 0.6: 4 for 19.
ASK_BOTH_CANCELLED = 0.55
#: ... but a cue the writer denies, takes back or tells with its end (``DENIED_REASONS``: 不是着火, 其实是在同学家玩,
#: 已经接回来了) keeps 0.9: no slip in reading a time or a genre, the writer says it is not happening; on the same
#: lines the 0.55 band found no emergency among such cues, only questions (negated 1, correction 4, resolved 5).
DENIED_REASONS = frozenset({"negated", "correction", "resolved"})
ASK_BOTH_DENIED = 0.9
#: Fewer characters than this and the model alone moves nothing (no raise, no question): one or two
#: features fill an L2-normalised vector, so a greeting's chance weights decide (在么: P(emergency) 0.99).
MODEL_MIN_CHARS = 5
WEAK_CUES = frozenset({
    "菜刀", "刀子", "水果刀", "匕首", "砍刀", "一把刀", "汽油", "漏气", "冒烟", "焦味", "烧焦", "knife",
    "翻东西", "巨响", "爆炸", "炸了", "火苗", "大火", "burning", "冒大烟", "冒紧烟",
})


# Nobody named a danger: a fire or gas hazard calls the fire brigade, a no-dispute emergency (a
# collapse, an overdose) the ambulance, anything else the police.
_FALLBACK_NUMBERS = {"hazard": ("119",), "consult": ("120",)}


def _sense_only(result: UrgencyResult, p: float) -> bool:
    """Every cancelled cue was a word in another sense and a head is sure at ``SENSE_RAISE``."""
    return p >= SENSE_RAISE and result.cancelled_as_other_senses


def refine(
    result: UrgencyResult, p_emergency: float | None, p_high: float | None, category: str, text: str = "",
    p_char: float | None = None,
) -> UrgencyResult:
    """Combine the rules' verdict with the model's P(emergency) and P(high | not emergency).

    ``text`` (normalised) lets a raise by the model alone ask instead of alarm when the message
    says the matter is over or treated (上个月, 已经处理, 打着石膏) and nothing says it is happening now.
    ``p_char`` (``nlp.emchar``, the character n-gram model) may raise too, at ``CHAR_RAISE_EMERGENCY``,
    with the same guards; it moves nothing else.
    """
    if p_emergency is None or p_high is None:
        return result
    fallback = _FALLBACK_NUMBERS.get(category, ("110",))
    if result.danger == "uncertain" and not result.bare and p_emergency < CALM and all(c in _EXCLAIM for c in result.cues):
        return replace(result, danger="none", numbers=(), urgency="high" if p_high >= RAISE_HIGH else "normal")
    if result.urgency == "emergency":
        if p_emergency < VETO_EMERGENCY and all(c in WEAK_CUES for c in result.cues):
            return replace(result, urgency="high", emergency_service=None, danger="uncertain")
        return result
    if text and len(text) - text.count(" ") < MODEL_MIN_CHARS:
        p_emergency = p_high = 0.0
        p_char = None
    elif (result.danger == "uncertain" and not result.bare and p_emergency < CALM_QUESTION
          and len(text) - text.count(" ") >= CALM_MIN_CHARS):
        result = replace(result, danger="none", numbers=())
    # (agreement only where the rules saw no danger at all: the rows it was chosen on; a question the rules
    # ask — a habit of violence, a threat — stays a question: "喝醉了就掐我…今天他不在家")
    raised = p_emergency >= RAISE_EMERGENCY or (
        p_char is not None and (p_char >= CHAR_RAISE_EMERGENCY
                                or (result.danger == "none" and min(p_char, p_emergency) >= BOTH_RAISE_EMERGENCY)))
    if raised and (not result.cancelled or _sense_only(result, max(p_emergency, p_char or 0.0))):
        numbers = result.numbers or fallback
        # (a story or video named does not ask when the message urges now: "学视频里的人…挂在外面下不来，快来救")
        if result.danger == "none" and (_settled(text) or (_not_real(text) and not _STRONG_ONGOING.search(text)) or _routine(text)
                                        or _asked_if(text)):
            return replace(result, urgency="high", danger="uncertain", numbers=numbers)
        return replace(result, urgency="emergency", emergency_service=numbers[0], danger="present", numbers=numbers)
    if result.danger == "none" and p_emergency >= ASK_FROM_EMERGENCY and not result.cancelled:
        result = replace(result, urgency="high", danger="uncertain", numbers=fallback)
    elif (result.danger == "none" and result.cancelled and not result.cancelled_as_other_senses
          and p_char is not None and min(p_emergency, p_char) >= (
              ASK_BOTH_DENIED if DENIED_REASONS.intersection(result.cancel_reasons) else ASK_BOTH_CANCELLED)):
        # both scorers sure over a cancelled cue of the event itself: asked, never raised; the number is the
        # cancelled cue's (a fire told as a story → 119)
        numbers = result.numbers or _numbers(set(result.cancelled_groups)) or fallback
        result = replace(result, urgency="high", danger="uncertain", numbers=numbers)
    if result.urgency == "normal" and (p_high >= RAISE_HIGH or p_emergency >= RAISE_HIGH_FROM_EMERGENCY):
        return replace(result, urgency="high")
    return result
