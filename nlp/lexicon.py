"""Hand-written word lists: the domain dictionary for jieba, category cues and script folding.

Why a module of plain data: the lists are what a domain expert edits, so they live apart from the
logic. Cue words are *features* for the model (see ``nlp.model``) and a few of them are
high-precision overrides (``STRONG_CUES``); urgency and flag patterns live in ``nlp.urgency``.
"""

from __future__ import annotations

# Words jieba should keep whole. Frequency is high enough to win over jieba's own splits.
DOMAIN_WORDS: tuple[str, ...] = (
    # labour
    "欠薪", "讨薪", "拖欠工资", "拖欠工钱", "工钱", "包工头", "工头", "劳动仲裁", "劳动监察", "加班费",
    "社保", "工伤", "工伤认定", "辞退", "开除", "克扣", "骑手", "外卖骑手", "劳务派遣", "试用期", "农民工",
    "离职证明", "劳动合同", "提成", "绩效",
    # rental
    "押金", "房东", "租客", "房客", "二房东", "中介费", "退租", "续租", "租房", "房租", "租金", "出租屋",
    "长租公寓", "转租", "租期", "租房合同",
    # neighbour
    "排烟管", "油烟机", "空调外机", "漏水", "噪音", "扰民", "化粪池",
    "鞋柜", "地漏",
    # family
    "彩礼", "赡养", "赡养费", "抚养费", "抚养权", "探视权", "离婚", "家暴", "婆媳", "遗产", "遗嘱", "分家",
    "净身出户", "外嫁女", "再婚", "后妈", "继母", "小叔子", "丈母娘",
    # property
    "物业费", "物业", "业委会", "业主大会", "维修基金", "停车费", "门禁卡", "电梯卡", "二次供水",
    "公共收益", "道闸",
    # consumer
    "宰客", "天价", "预付卡", "会员卡", "茶位费", "缺斤少两", "强制消费", "假货", "翻新机", "退款", "定金",
    "保健品", "明码标价",
    # traffic
    "车祸", "追尾", "肇事", "肇事者", "逃逸", "交通事故", "事故认定书", "定损", "理赔", "酒驾", "剐蹭",
    "电瓶车", "电动车",
    # debt
    "借条", "欠条", "欠款", "货款", "尾款", "材料款", "担保", "违约金", "高利贷", "合伙人", "催收",
    # land
    "宅基地", "宅基地证", "征地", "征收", "拆迁", "强拆", "补偿款", "拆迁款", "承包地", "责任田", "土地流转",
    "确权", "村集体", "集体土地", "安置房", "过渡费", "耕地",
    # security
    "诈骗", "被骗", "骗子", "刷单", "赌博", "赌场", "吸毒", "卖淫", "嫖娼", "扒窃", "小偷", "撬锁", "撬车",
    "冒充", "敲诈", "勒索", "露阴", "假币", "保护费", "碰瓷", "暴力催收", "虚拟币",
    # minors
    "护学岗", "校园欺凌", "霸凌", "网吧", "未成年", "未成年人", "体罚", "幼儿园", "校车", "校门口",
    # hazard
    "飞线充电", "私拉电线", "消防通道", "安全出口", "煤气罐", "液化气", "燃气泄漏", "煤气泄漏", "危房",
    "井盖", "窨井盖", "灭火器", "消防栓", "安全隐患", "易燃物", "漏电", "电线",
    # environment
    "占道经营", "流动摊贩", "违章建筑", "违建", "渣土车", "扬尘", "垃圾站", "臭水沟", "流浪狗", "流浪猫",
    "夜市", "广场舞", "环卫", "城管", "污水", "油烟",
    # consult
    "高龄补贴", "高龄认证", "居住证", "居住证明", "无犯罪记录证明", "法律援助", "低保", "残疾证",
    "公租房", "廉租房", "网格员", "平安工作站", "调解室", "人民调解",
    # urgency cues worth keeping whole
    "不想活", "活不下去", "自杀", "跳楼", "割腕", "喝农药", "安眠药", "着火", "起火", "冒烟", "被困",
    "菜刀", "持刀", "砍人", "打人", "打架", "殴打", "扬言", "报复", "上访", "堵路", "拉横幅",
)

# Category cue words: each present cue adds a ``cue:<category>`` feature, so that the model can
# transfer from a cue it has seen in one sentence to unseen sentences, and English words land on
# the same features as their Chinese counterparts.
CATEGORY_CUES: dict[str, tuple[str, ...]] = {
    "labor": (
        "欠薪", "讨薪", "工资", "工钱", "薪水", "包工头", "工头", "老板", "劳动仲裁", "劳动监察", "加班费",
        "社保", "工伤", "辞退", "开除", "克扣", "骑手", "劳务派遣", "试用期", "农民工", "离职", "提成",
        "打工", "保洁", "工地", "工厂", "厂里", "罚款", "加班", "上班", "单位",
        "salary", "wage", "wages", "paid", "pay", "boss", "employer", "fired", "overtime", "payroll",
    ),
    "rental": (
        "押金", "房东", "租客", "房客", "二房东", "中介", "中介费", "退租", "续租", "租房", "房租", "租金",
        "出租屋", "租期", "转租",
        "房东家", "合租", "换锁",
        "landlord", "deposit", "rent", "lease", "tenant", "evict", "evicted",
    ),
    "neighbor": (
        "邻居", "楼上", "楼下", "隔壁", "对门", "排烟管", "空调外机", "漏水", "扰民", "楼道",
        "neighbor", "neighbour", "neighbors", "neighbours", "upstairs", "downstairs", "barks",
    ),
    "family": (
        "彩礼", "赡养", "抚养费", "抚养权", "离婚", "家暴", "婆婆", "老公", "老婆", "丈夫", "妻子", "前夫",
        "前妻", "遗产", "遗嘱", "分家", "儿媳", "媳妇", "岳母", "丈母娘",
        "divorce", "husband", "wife", "custody", "inheritance", "son", "daughter",
    ),
    "property": (
        "物业", "物业费", "业委会", "业主", "维修基金", "停车费", "电梯", "门禁", "保安", "小区",
        "elevator", "lift", "hoa",
    ),
    "consumer": (
        "宰客", "天价", "预付卡", "会员卡", "退款", "退货", "假货", "商家", "店家", "老板娘", "导游",
        "缺斤少两", "强制消费", "餐厅", "饭店", "景区",
        "摊主", "排档", "美容院", "健身房", "培训", "搬家公司", "家政", "超市", "网购", "客服", "标价", "结账", "买的",
        "refund", "overcharged", "overcharge", "restaurant", "shop", "store", "fake", "tour", "guide",
    ),
    "traffic": (
        "车祸", "追尾", "肇事", "逃逸", "交通事故", "撞", "交警", "理赔", "剐蹭", "刮",
        "司机", "撞倒", "撞了", "侧翻", "倒车", "斑马线",
        "accident", "crash", "crashed", "hit", "driver", "collision",
    ),
    "debt": (
        "借钱", "借条", "欠条", "欠款", "货款", "尾款", "借了", "还钱", "不还", "担保", "违约", "合伙",
        "装修队", "装修公司",
        "催债", "讨债", "放贷", "网贷", "债主", "要账", "欠我钱", "欠债", "借给", "运费", "合伙人",
        "borrowed", "loan", "lent", "owes", "debt", "contract",
    ),
    "land": (
        "宅基地", "征地", "征收", "拆迁", "强拆", "补偿款", "承包地", "责任田", "土地", "确权", "村集体",
        "村委", "村干部", "安置房", "耕地", "田",
        "挖掘机", "推土机", "地界", "田埂", "村里",
        "land", "village", "demolition", "requisition", "farmland", "homestead",
    ),
    "security": (
        "诈骗", "被骗", "骗子", "刷单", "赌博", "吸毒", "卖淫", "小偷", "偷", "被盗", "撬", "冒充", "敲诈",
        "可疑", "跟踪", "抢劫", "骚扰",
        "抢", "劫", "入室", "陌生", "不认识", "贼", "偷拍", "冒充", "验证码", "链接", "转账", "保护费", "尾随", "拉客", "传销",
        "stole", "stolen", "theft", "scam", "scammed", "fraud", "thief", "drugs", "following",
    ),
    "minors": (
        "护学岗", "校园欺凌", "霸凌", "欺负", "网吧", "未成年", "学校", "学生", "校门口", "老师", "同学",
        "幼儿园", "孩子",
        "小学生", "初中生", "中学生", "高中生", "班主任", "校长", "托管", "补习班", "辅导班", "小朋友", "校车", "上学", "放学",
        "school", "bullied", "bully", "kids", "teacher", "minor", "minors",
    ),
    "hazard": (
        "飞线充电", "私拉电线", "消防通道", "安全出口", "煤气罐", "煤气", "燃气", "危房", "井盖", "灭火器",
        "消防栓", "隐患", "漏电", "电线", "充电", "易燃",
        "塌", "裂缝", "配电箱", "电箱", "变压器", "火花", "触电", "护栏", "溺水", "冒烟", "着火", "起火", "逃生",
        "gas", "fire", "exit", "wires", "charging", "hazard",
    ),
    "environment": (
        "垃圾", "污水", "臭", "摊贩", "占道", "违建", "违章建筑", "工地", "施工", "扬尘", "流浪狗", "流浪猫",
        "夜市", "广场舞", "城管", "环卫",
        "野狗", "污水", "排污", "养殖场", "臭味", "渣土车", "公厕", "摆摊", "占道",
        "garbage", "trash", "rubbish", "construction", "stink", "stinks", "sewage", "market",
    ),
    "consult": (
        "请问", "咨询", "怎么办理", "申请", "证明", "补贴", "认证", "居住证", "法律援助", "低保", "手续",
        "材料", "办理", "在哪",
        "apply", "permit", "certificate", "advice", "how",
    ),
    "other": (
        "你好", "谢谢", "感谢", "在吗", "哈哈", "表扬", "点赞", "测试",
        "hello", "hi", "thanks", "thank", "test", "bye",
    ),
}

# Unambiguous words that decide the category when the model is unsure (see nlp.classify). Topics, not
# people: a person named (包工头, 二房东, 业委会) is often not the one the message is about (the 包工头
# who borrowed from a household is a debtor), so naming one decides nothing.
STRONG_CUES: dict[str, str] = {
    "宅基地": "land", "征地": "land", "强拆": "land", "拆迁款": "land",
    "护学岗": "minors", "校园欺凌": "minors", "霸凌": "minors",
    "飞线充电": "hazard", "私拉电线": "hazard", "消防通道": "hazard",
    "欠薪": "labor", "讨薪": "labor", "劳动仲裁": "labor",
    "彩礼": "family", "赡养": "family", "抚养费": "family", "抚养权": "family",
    "物业费": "property", "维修基金": "property",
    "宰客": "consumer", "预付卡": "consumer",
    "车祸": "traffic", "追尾": "traffic", "交通事故": "traffic",
    "退租": "rental",
    "借条": "debt", "欠条": "debt",
    "占道经营": "environment",
}

# Common traditional characters folded to simplified ones (one-to-one only; ambiguous ones left out).
_TRAD_SIMP_PAIRS = (
    "這这 個个 們们 來来 說说 對对 時时 會会 為为 與与 裡里 裏里 後后 麼么 沒没 還还 給给 錢钱 讓让 "
    "樓楼 鄰邻 聲声 響响 電电 壞坏 業业 費费 務务 區区 門门 車车 禍祸 賠赔 償偿 債债 資资 闆板 發发 "
    "勞劳 動动 關关 係系 離离 兒儿 媽妈 爺爷 親亲 產产 遺遗 囑嘱 養养 贍赡 學学 師师 負负 網网 護护 "
    "崗岗 燈灯 險险 氣气 災灾 線线 環环 衛卫 髒脏 攤摊 販贩 違违 築筑 貓猫 詢询 諮咨 請请 問问 證证 "
    "補补 貼贴 齡龄 辦办 謝谢 騙骗 詐诈 盜盗 賭赌 搶抢 殺杀 傷伤 醫医 報报 處处 過过 經经 幾几 萬万 "
    "塊块 號号 單单 層层 間间 東东 聽听 買买 賣卖 價价 貴贵 飯饭 館馆 廳厅 場场 滅灭 燒烧 煙烟 鐵铁 "
    "鎖锁 擋挡 擾扰 鬧闹 罵骂 槍枪 難难 辭辞 僱雇 紅红 綠绿 黃黄 規规 條条 約约 續续 漲涨 戶户 樣样 "
    "種种 應应 該该 當当 準准 備备 見见 現现 實实 話话 認认 識识 寫写 聯联 點点 熱热 壓压 進进 開开 "
    "閉闭 幫帮 長长 張张 從从 頭头 體体 兩两 歲岁 錯错 誤误 記记 權权 訴诉 訟讼 調调 農农 徵征 遷迁 "
    "嗎吗 誰谁 總总 結结 議议 導导 遊游 團团 購购 貨货 質质 飛飞 樁桩 陽阳 臺台 鄉乡 鎮镇 縣县 傢家 "
    "婦妇 員员 驗验 檢检 設设 專专 職职 隊队 衝冲 輛辆 駕驾 駛驶 機机 週周 邊边 歸归 屬属 碼码 帳账 "
    "貸贷 銀银 賬账 擔担 蓋盖 佔占 據据 虧亏 損损 賺赚 廠厂 園园 兇凶 惡恶 罰罚 驚惊 嚇吓 聞闻 鳥鸟 "
    "魚鱼 雞鸡 豬猪 牆墙 裝装 藥药 療疗 殘残 節节 閒闲 頂顶 須须 領领 題题 類类 願愿 顧顾 風风 馬马 "
    "騎骑 鬆松 鮮鲜 億亿 優优 傳传 內内 剛刚 協协 參参 圍围 國国 圖图 夢梦 寧宁 審审 尋寻 帶带 廣广 "
    "廢废 彈弹 復复 憑凭 戰战 掃扫 掛挂 揚扬 換换 擁拥 擊击 擠挤 擺摆 數数 斷断 暫暂 曬晒 書书 棄弃 "
    "極极 樹树 標标 歷历 決决 況况 淨净 測测 溝沟 滿满 潔洁 濕湿 爐炉 爭争 牽牵 狀状 獄狱 獨独 獲获 "
    "畫画 盡尽 監监 盤盘 眾众 礙碍 確确 禮礼 稅税 穩稳 筆笔 範范 簡简 糧粮 糾纠 紛纷 級级 紙纸 細细 "
    "終终 組组 絕绝 統统 經经 綁绑 緊紧 編编 練练 縮缩 繳缴 纏缠 習习 腳脚 臉脸 舉举 舊旧 華华 藝艺 "
    "蟲虫 製制 複复 覺觉 觀观 視视 計计 訂订 訪访 許许 診诊 試试 詳详 誠诚 課课 談谈 論论 講讲 譯译 "
    "讚赞 財财 責责 貧贫 貿贸 賓宾 賴赖 賽赛 贏赢 趕赶 軍军 軟软 較较 載载 輕轻 輸输 轉转 連连 運运 "
    "達达 遲迟 選选 適适 郵邮 釋释 銷销 鋪铺 錄录 鍋锅 鏡镜 閃闪 閱阅 闖闯 陳陈 陸陆 階阶 隨随 隻只 "
    "雙双 雜杂 雲云 靜静 頁页 項项 預预 額额 飲饮 餓饿 餘余 髮发 鳴鸣 齒齿 龍龙 媳媳 孫孙 婚婚 搬搬 "
    "劃划 寬宽 協协 嗚呜 麵面 術术 慶庆 陰阴 麗丽 顏颜 飄飘 齊齐 僅仅 傾倾 儲储 冊册 凍冻 則则 創创 "
    "勵励 勢势 勝胜 厲厉 壇坛 奪夺 奮奋 島岛 幣币 徑径 拋抛 採采 擇择 擴扩 敵敌 於于 楊杨 滯滞 漢汉 "
    "灣湾 猶犹 瑪玛 睜睁 窩窝 競竞 籃篮 絲丝 織织 罷罢 聖圣 肅肃 莊庄 蘇苏 蘭兰 訊讯 詞词 諾诺 謀谋 "
    "貝贝 貫贯 賀贺 賞赏 躍跃 釘钉 針针 鈴铃 鍵键 陣阵 靈灵 頓顿 頻频 飽饱 鳳凤 煩烦 惱恼 穢秽 "
    "盜盗 搶抢 竊窃 賊贼 綁绑 拐拐 槳桨 濫滥 漁渔 爛烂 牠它 獸兽 瓊琼 癢痒 癮瘾 碼码 磚砖 礦矿 "
    "窮穷 糞粪 紮扎 縫缝 繩绳 罈坛 羅罗 腎肾 膽胆 艙舱 薦荐 虛虚 蝦虾 褲裤 襪袜 訛讹 詭诡 豐丰 "
    "賤贱 贓赃 趨趋 跡迹 蹤踪 軌轨 輪轮 辯辩 遞递 遠远 鄭郑 醜丑 鋼钢 錶表 鍾钟 鐘钟 闊阔 隱隐 "
    "雖虽 響响 顯显 飼饲 餵喂 騷骚 驅驱 鬥斗 鴨鸭 鵝鹅 黨党"
)
TRAD_TO_SIMP: dict[str, str] = {pair[0]: pair[1] for pair in _TRAD_SIMP_PAIRS.split() if pair[0] != pair[1]}


# English words read as their Chinese counterparts, for the category only (see nlp.classify): the corpus
# holds ~340 English lines against ~5,000 Chinese ones, so an English message's words carry little learned
# weight, while the Chinese word's columns (its word, its bigrams, its cue) were learned from every writer.
# A message's English tokens found here add the columns of their Chinese word to the category's vector.
# Written from TAXONOMY.md's scope, one common sense per word; ambiguous words (will, work, order, card,
# security, gate, fee) are left out. Plural forms in -s are added below.
ENGLISH_GLOSS: dict[str, str] = {
    # labor
    "salary": "工资", "wage": "工资", "wages": "工资", "pay": "工资", "paid": "工资", "payslip": "工资条",
    "paycheck": "工资", "unpaid": "欠薪", "owed": "拖欠", "arrears": "拖欠", "boss": "老板", "employer": "老板",
    "foreman": "包工头", "contractor": "包工头", "overtime": "加班费", "fired": "辞退", "dismissed": "辞退",
    "sacked": "辞退", "laid": "辞退", "resign": "辞职", "quit": "辞职", "worker": "工人", "workers": "工人",
    "job": "工作", "factory": "工厂", "site": "工地", "construction": "施工", "insurance": "社保", "injury": "工伤",
    "injured": "受伤", "labour": "劳动", "labor": "劳动", "arbitration": "劳动仲裁", "probation": "试用期",
    "commission": "提成", "courier": "快递", "rider": "骑手", "delivery": "外卖", "platform": "平台", "staff": "员工",
    "employee": "员工", "employees": "员工", "colleague": "同事",
    # rental
    "landlord": "房东", "landlady": "房东", "tenant": "租客", "tenants": "租客", "rent": "房租", "rented": "租",
    "renting": "租房", "deposit": "押金", "lease": "租房合同", "evict": "赶走", "evicted": "赶走", "eviction": "赶走",
    "agent": "中介", "agency": "中介", "flat": "房子", "apartment": "房子", "flatmate": "室友", "roommate": "室友",
    # neighbor
    "neighbor": "邻居", "neighbour": "邻居", "neighbors": "邻居", "neighbours": "邻居", "upstairs": "楼上",
    "downstairs": "楼下", "noise": "噪音", "noisy": "吵", "loud": "吵", "music": "音乐", "karaoke": "唱歌",
    "dog": "狗", "dogs": "狗", "barking": "狗叫", "barks": "狗叫", "pet": "宠物", "cat": "猫", "leak": "漏水",
    "leaking": "漏水", "leaks": "漏水", "ceiling": "天花板", "renovation": "装修", "renovating": "装修",
    "drilling": "电钻", "smoke": "烟", "fumes": "油烟", "cooking": "做饭", "wall": "墙", "corridor": "楼道",
    "hallway": "楼道", "stairwell": "楼道", "parking": "停车", "parked": "停车", "tree": "树", "balcony": "阳台",
    "mahjong": "麻将", "midnight": "半夜",
    # family
    "husband": "老公", "wife": "老婆", "divorce": "离婚", "divorced": "离婚", "separating": "离婚", "married": "结婚",
    "marriage": "婚姻", "custody": "抚养权", "alimony": "抚养费", "son": "儿子", "daughter": "女儿", "father": "父亲",
    "mother": "母亲", "dad": "爸爸", "mum": "妈妈", "mom": "妈妈", "parents": "父母", "brother": "哥哥", "sister": "姐姐",
    "uncle": "叔叔", "aunt": "阿姨", "grandma": "奶奶", "grandmother": "奶奶", "grandpa": "爷爷", "grandfather": "爷爷",
    "inheritance": "遗产", "inherit": "继承", "siblings": "兄弟姐妹", "relatives": "亲戚", "dowry": "彩礼",
    "family": "家庭", "elderly": "老人",
    # property
    "property": "物业", "management": "物业", "hoa": "业委会", "estate": "小区", "compound": "小区", "complex": "小区",
    "lift": "电梯", "lifts": "电梯", "elevator": "电梯", "elevators": "电梯", "owners": "业主", "owner": "业主",
    "guard": "保安", "guards": "保安", "cleaning": "保洁", "cleaner": "保洁", "repair": "维修", "repairs": "维修",
    "fix": "维修", "fund": "维修基金",
    # consumer
    "refund": "退款", "shop": "商家", "store": "商家", "seller": "商家", "merchant": "商家", "restaurant": "饭店",
    "bought": "买", "buy": "买", "purchase": "购买", "overcharged": "宰客", "overcharge": "宰客", "price": "价格",
    "charged": "收费", "bill": "账单", "fake": "假货", "counterfeit": "假货", "receipt": "发票", "membership": "会员卡",
    "prepaid": "预付", "salon": "理发店", "tour": "旅游团", "guide": "导游", "tourist": "游客", "hotel": "酒店",
    "taxi": "出租车", "customer": "顾客", "online": "网购", "warranty": "保修", "product": "产品",
    # traffic
    "accident": "交通事故", "crash": "车祸", "crashed": "撞", "collision": "撞车", "hit": "撞", "driver": "司机",
    "car": "车", "scooter": "电动车", "ebike": "电动车", "bike": "电动车", "motorbike": "摩托车", "pedestrian": "行人",
    "road": "马路", "traffic": "交通",
    # debt
    "loan": "借款", "lent": "借给", "borrowed": "借", "borrow": "借", "owes": "欠", "debt": "欠款", "repay": "还钱",
    "iou": "欠条", "contract": "合同", "partner": "合伙人", "partnership": "合伙", "invested": "投资",
    # land
    "land": "土地", "village": "村里", "villagers": "村民", "plot": "宅基地", "homestead": "宅基地", "farmland": "耕地",
    "demolition": "拆迁", "requisition": "征地", "compensation": "补偿", "boundary": "地界", "committee": "村委会",
    # security
    "stole": "偷", "stolen": "被偷", "theft": "盗窃", "thief": "小偷", "thieves": "小偷", "scam": "诈骗",
    "scammed": "被骗", "fraud": "诈骗", "fraudster": "骗子", "scammer": "骗子", "cheated": "被骗", "gambling": "赌博",
    "drugs": "吸毒", "fight": "打架", "fighting": "打架", "beat": "打", "beating": "殴打", "robbed": "抢劫",
    "robbery": "抢劫", "burglary": "入室盗窃", "harass": "骚扰", "harassment": "骚扰", "harassing": "骚扰",
    "stalking": "跟踪", "following": "跟踪", "suspicious": "可疑", "police": "报警", "knife": "刀", "threat": "威胁",
    "threatened": "威胁", "prostitution": "卖淫", "camera": "摄像头", "peeping": "偷拍", "phishing": "诈骗",
    # minors
    "school": "学校", "schools": "学校", "bullied": "霸凌", "bully": "霸凌", "bullying": "霸凌", "teacher": "老师",
    "student": "学生", "students": "学生", "pupil": "学生", "classmate": "同学", "classmates": "同学", "kid": "孩子",
    "kids": "孩子", "child": "孩子", "children": "孩子", "minor": "未成年人", "minors": "未成年人", "teenager": "未成年人",
    "teenagers": "未成年人", "internet": "网吧", "kindergarten": "幼儿园", "tutoring": "补习班",
    # hazard
    "gas": "煤气", "fire": "火灾", "exit": "消防通道", "exits": "消防通道", "extinguisher": "灭火器", "wires": "电线",
    "wire": "电线", "wiring": "电线", "cable": "电线", "charging": "充电", "battery": "电池", "manhole": "井盖",
    "cracks": "裂缝", "crack": "裂缝", "collapse": "倒塌", "dangerous": "危险", "hazard": "安全隐患", "unsafe": "危险",
    "drown": "溺水", "pond": "水塘", "blocked": "堵", "flammable": "易燃",
    # environment
    "garbage": "垃圾", "trash": "垃圾", "rubbish": "垃圾", "litter": "垃圾", "bins": "垃圾桶", "sewage": "污水",
    "drain": "下水道", "smell": "臭味", "smells": "臭味", "stink": "臭", "stinks": "臭", "dirty": "脏",
    "vendor": "小贩", "vendors": "小贩", "stall": "摊位", "stalls": "摊位", "hawker": "小贩", "market": "市场",
    "pollution": "污染", "polluted": "污染", "dust": "灰尘", "stray": "流浪狗",
    # consult
    "apply": "申请", "application": "申请", "permit": "居住证", "certificate": "证明", "documents": "材料",
    "register": "登记", "registration": "登记", "advice": "咨询", "lawyer": "律师", "legal": "法律", "aid": "援助",
    "subsidy": "补贴", "mediation": "调解", "procedure": "流程", "hukou": "户口", "residence": "居住",
    # other
    "hello": "你好", "thanks": "谢谢", "thank": "谢谢", "great": "很好", "praise": "表扬", "bot": "机器人",
}
ENGLISH_GLOSS.update({word + "s": zh for word, zh in list(ENGLISH_GLOSS.items())
                      if word.isalpha() and not word.endswith("s") and word + "s" not in ENGLISH_GLOSS})


# Dialect, colloquial and Taiwan/Hong Kong words read as their Mandarin counterparts, for the category only,
# exactly like ENGLISH_GLOSS (see nlp.classify): the corpus is written in Mandarin, so a Cantonese, Minnan,
# southwestern or northern word, a piece of internet slang or a Taiwan word that OpenCC leaves as it is
# (资遣, 房仲, 网咖) has little learned weight of its own, while its Mandarin word's columns were learned from
# every writer. Keys are in ``segment.normalize``'s form (simplified, lower case; 劏 is folded to 㓥) and are
# found as substrings of the message (jieba's dictionary splits most of them). Only content words with one
# sense in TAXONOMY.md's scope. Left out: function words (佢, 唔, 冇, 咗, 嘅, 咋整, 点样); words for home
# (屋企, 屋头, 住家: every category happens at home); kinship terms (阿婆, 阿公: an elder is as often a
# fraud's victim as a party to a family matter); words of several senses (业主, 人工, 开工, 收楼, 保全, 跑路,
# 割韭菜, 黄牛, 血汗钱, 祖屋, 机车, 的士, 街市, and 租屋, found inside 出租屋); words the model already reads
# right (工头, 二房东, 欠薪, 刷单, 违建, 管理费 …: a gloss adds nothing there).
DIALECT_GLOSS: dict[str, str] = {
    # labor
    "老细": "老板", "老世": "老板", "头家": "老板", "出粮": "发工资", "粮期": "发工资", "炒鱿鱼": "辞退", "被炒": "辞退",
    "炒咗": "辞退", "劈炮": "辞职", "辞工": "辞职", "返工": "上班", "放工": "下班", "揾工": "找工作", "薪资": "工资",
    "资遣": "辞退", "劳健保": "社保", "劳保": "社保",
    # rental
    "包租公": "房东", "包租婆": "房东", "厝主": "房东", "按金": "押金", "加租": "涨房租", "㓥房": "出租屋",
    "房仲": "中介", "租约": "租房合同",
    # neighbor
    "厝边": "邻居", "街坊": "邻居", "隔篱": "邻居", "嘈": "吵",
    # family
    "婆娘": "老婆", "堂客": "老婆", "尪": "老公", "家婆": "婆婆", "离咗婚": "离婚",
    # property
    "看更": "保安", "警卫": "保安", "升降机": "电梯", "管委会": "业委会", "屋苑": "小区", "物管": "物业",
    # consumer
    "铺头": "商家", "黑店": "宰客", "斩客": "宰客", "㓥客": "宰客",
    # traffic
    "电驴": "电动车", "电摩": "电动车", "电瓶车": "电动车",
    # debt
    "赖数": "欠款", "走数": "欠款", "追数": "催债", "老赖": "欠款", "白条": "欠条",
    # land
    "丁屋": "宅基地", "村屋": "宅基地", "厝地": "宅基地", "宅地": "宅基地", "收地": "征地",
    # security
    "差佬": "警察", "报差": "报警", "警察局": "派出所", "打交": "打架", "干仗": "打架", "干架": "打架", "掐架": "打架",
    "打捶": "打架", "呃钱": "诈骗", "呃人": "诈骗", "骗徒": "骗子", "杀猪盘": "诈骗", "套路贷": "诈骗", "跑分": "诈骗",
    "扒手": "小偷", "咸湿佬": "骚扰", "非礼": "骚扰", "出千": "赌博", "索k": "吸毒", "啪丸": "吸毒", "白粉": "吸毒",
    # minors
    "细路": "孩子", "囝仔": "孩子", "伢": "孩子", "幺儿": "孩子", "娃": "孩子", "网咖": "网吧", "安亲班": "托管班",
    "补习社": "补习班",
    # hazard
    "火烛": "着火", "石油气": "煤气", "瓦斯": "煤气", "飞线": "飞线充电",
    # environment
    "走鬼": "摊贩", "顶楼加盖": "违章建筑",
}
