"""Whom a complaint is about (counterparty) and the sentence that carries the request (ask).

Rules over the tokens the classifier already has, no second segmentation: a party word found in
the message is a candidate; the party the category implies (a wage dispute is about an employer)
wins when it is among them, else the first one named. ``official`` and ``family`` words are often
the addressee or the resident's own side ("请社区协调", "我妈八十三了"), so they count only when no
other party is named or the category calls for them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from nlp.retrie import LazyPattern, literal_first
from nlp.taxonomy import COUNTERPARTIES

_PARTY_WORDS: dict[str, tuple[str, ...]] = {
    "employer": (
        "包工头", "工头", "老板", "老板娘", "雇主", "用人单位", "单位", "公司", "厂里", "工厂", "厂", "项目部",
        "劳务公司", "站点", "东家", "经理", "主管", "人事", "hr", "boss", "employer", "施工方", "总包", "分包",
        "老板们", "领班", "组长", "车间主任", "外包公司",
    ),
    "landlord": (
        "房东", "二房东", "中介", "房主", "房东家", "房屋中介", "租房中介", "landlord", "agent", "出租方", "自如",
        "链家", "公寓",
    ),
    "neighbor": (
        "楼上", "楼下", "邻居", "隔壁", "对门", "对面", "楼上邻居", "楼下邻居", "隔壁家", "住户", "邻居家",
        "那户", "这户", "该户", "业主", "neighbour", "neighbor", "upstairs", "downstairs", "麻将馆", "棋牌室",
        "鼓房", "琴行", "住改商", "楼上那家", "楼下那家", "楼上住户", "楼下住户", "隔壁住户", "对门住户", "邻户",
    ),
    "property": (
        "物业", "物业公司", "业委会", "物业费", "物管", "保安", "管家", "物业经理", "物业管理", "property",
    ),
    "merchant": (
        "商家", "店", "店家", "店主", "卖家", "客服", "平台", "网店", "超市", "商场", "饭店", "餐馆", "健身房",
        "培训机构", "4s店", "快递", "快递公司", "摊主", "排档", "美容院", "理发店", "药店", "商贩", "小贩",
        "淘宝", "拼多多", "京东", "美团", "饿了么", "抖音", "直播间", "商户", "门店", "店员", "售楼处",
        "开发商", "装修公司", "shop", "store", "seller", "platform", "餐厅", "酒店", "民宿", "旅行社", "4s",
        "健身", "机构", "宰客", "海鲜店", "水果店", "卖菜的", "摊贩", "老板说", "4s 店", "网吧", "酒吧", "ktv",
        "烧烤摊", "夜宵摊", "大排档", "小卖部", "便利店", "游戏厅", "棋牌室老板", "餐饮店", "奶茶店", "网红店",
        "店长", "店里", "主播", "车行", "修理厂", "养生馆", "清吧", "装修队", "推销", "厂家", "商店",
    ),
    "family": (
        "老公", "老婆", "丈夫", "妻子", "儿子", "女儿", "儿媳", "儿媳妇", "媳妇", "女婿", "婆婆", "公公", "岳母",
        "岳父", "丈母娘", "哥哥", "弟弟", "姐姐", "妹妹", "前夫", "前妻", "父亲", "母亲", "继父", "继母", "后妈",
        "亲戚", "侄子", "孙子", "大哥", "二哥", "大姐", "弟媳", "嫂子", "小叔子", "大伯", "叔叔", "兄弟姐妹",
        "爸", "妈", "我爸", "我妈", "父母", "husband", "wife", "son", "daughter", "家里人", "家人", "婆家", "娘家",
        "小姑子", "姑姑", "舅舅", "姐夫", "妹夫", "前男友", "男朋友", "女朋友", "同居", "表哥", "表姐", "表弟",
        "表妹", "表舅", "堂哥", "堂弟", "堂姐", "堂妹", "嫂嫂", "婆家人", "老伴",
    ),
    "school": (
        "学校", "老师", "班主任", "校长", "幼儿园", "托管班", "托管", "校方", "学院", "辅导班", "school",
        "teacher", "补习班", "园长", "教练", "同学",
    ),
    "official": (
        "政府", "部门", "街道办", "城管", "住建局", "拆迁办", "执法", "社保局", "人社局", "镇政府", "乡政府",
        "村委", "村委会", "村干部", "村长", "居委会", "征收办", "国土局", "派出所", "民警", "交警", "环保局",
        "市场监管局", "卫健委", "教育局", "信访局", "12345", "相关部门", "有关部门", "government", "城管局",
        "拆迁队", "征地",
    ),
    "stranger": (
        "陌生人", "小偷", "骗子", "不认识", "路人", "醉汉", "陌生男子", "陌生男人", "陌生女人", "贼", "劫匪",
        "一个男的", "一个女的", "年轻人", "几个人", "一伙人", "一帮人", "stranger", "thief", "scammer", "司机",
        "肇事者", "对方司机", "电动车", "外卖小哥", "骑手", "诈骗", "冒充", "网友", "醉鬼", "流浪汉", "车主",
        "歹徒", "男子", "小混混", "混混", "网贷", "催收", "朋友", "老乡", "同事", "熟人", "借款人", "合伙人",
        "对方", "那个人", "那人", "那个男的", "那个女的", "社会青年", "老同学", "客户", "欠款人", "债务人",
        "前同事", "网上认识", "自称",
    ),
}

#: Categories whose counterparty the category itself names (a wage dispute is with an employer).
_CATEGORY_PARTY: dict[str, str] = {
    "labor": "employer", "rental": "landlord", "neighbor": "neighbor", "property": "property",
    "consumer": "merchant", "family": "family", "security": "stranger", "traffic": "stranger",
}
#: In these categories the implied party must be named, or nobody else: a message filed as a
#: family matter that names only "对方" or a shop is about them, not about family.
#: Values: the parties whose words count as naming the category's own (the restaurant a cook works in
#: is the employer, the shop that sold the phone the merchant, the mahjong room upstairs a neighbour).
_NEEDS_EVIDENCE: dict[str, frozenset[str]] = {
    "labor": frozenset({"employer", "merchant"}), "consumer": frozenset({"merchant", "employer"}),
    "neighbor": frozenset({"neighbor", "merchant"}), "rental": frozenset({"landlord"}),
    "property": frozenset({"property"}), "family": frozenset({"family"}),
}
#: Parties that are often the addressee or the resident's own side, never evidence against the
#: category ("我妈…", "请社区…").
_WEAK = frozenset({"family", "official"})
#: Categories where the words decide, and which parties they may name (else None).
_WORDS_DECIDE: dict[str, tuple[str, ...]] = {
    "minors": ("school", "merchant", "stranger"),
    "debt": ("merchant", "family", "neighbor", "stranger"),
    "land": ("neighbor", "family", "official"),
    "hazard": ("property", "merchant", "landlord"),
    "environment": ("merchant",),
}
#: Names the dictionary lacks, by how they end (按摩店, 托管所, 住建局): the suffix says the kind.
_SUFFIX_PARTY: tuple[tuple[str, str], ...] = (
    ("店", "merchant"), ("馆", "merchant"), ("吧", "merchant"), ("厅", "merchant"), ("超市", "merchant"),
    ("市场", "merchant"), ("档", "merchant"), ("摊", "merchant"), ("机构", "merchant"), ("商场", "merchant"),
    ("中心", "merchant"), ("工作室", "merchant"),
    ("小学", "school"), ("中学", "school"), ("学校", "school"), ("幼儿园", "school"), ("补习班", "school"),
    ("托管班", "school"), ("培训班", "school"),
    ("局", "official"), ("街道", "official"), ("政府", "official"), ("村委", "official"),
)
#: A land dispute with nobody named is with the village or the state.
_DEFAULT_PARTY: dict[str, str] = {"land": "official"}

_TOKEN_PARTY: dict[str, str] = {w: party for party, words in _PARTY_WORDS.items() for w in words}
assert set(_PARTY_WORDS) <= set(COUNTERPARTIES)


_UNSEEN = ""
#: Memo of token -> party ("" for none): tokens repeat a lot, the suffix scan is not free.
_party_memo: dict[str, str] = {}
_MEMO_LIMIT = 200_000


def party_of_token(token: str) -> str | None:
    """The party a single token names (房东 → landlord, 按摩店 → merchant), or None."""
    party = _party_memo.get(token)
    if party is None:
        party = _TOKEN_PARTY.get(token)
        if party is None and len(token) >= 2:
            party = next((p for suffix, p in _SUFFIX_PARTY if token.endswith(suffix) and token != suffix), None)
        party = party or _UNSEEN
        if len(_party_memo) < _MEMO_LIMIT:
            _party_memo[token] = party
    return party or None


def named_parties(tokens: Sequence[str], parties: Sequence[str] | None = None) -> list[str]:
    """The parties the tokens name, in order of first mention (``parties``: each token's
    ``party_of_token`` or "", when the caller already has them)."""
    found: list[str] = []
    if parties is not None:
        for party in parties:
            if party and party not in found:
                found.append(party)
        return found
    memo = _party_memo.get
    for tok in tokens:
        party = memo(tok)
        if party is None:
            party = party_of_token(tok) or _UNSEEN
        if party and party not in found:
            found.append(party)
    return found


#: Who asks on someone's behalf ("我妈让我问", "邻居托我反映") is the resident's side, and "网友" before
#: 留言 is the message board's writer: neither is the other party.
_ON_BEHALF = frozenset({"让", "托", "叫", "要", "请"})
_REQUESTER_CUES = frozenset({"托", "让", "叫", "托我", "让我", "叫我", "网友"})
_WRITER_AFTER = frozenset({"留言", "反映", "表示", "称", "“", "\"", "'", "‘", "「"})


def _requesters(tokens: Sequence[str]) -> set[int]:
    """Indexes of tokens that name the one who asks, not the other party."""
    found: set[int] = set()
    for i, tok in enumerate(tokens[:-1]):
        nxt = tokens[i + 1]
        asks = (nxt in _ON_BEHALF and i + 2 < len(tokens) and tokens[i + 2] == "我") or nxt in ("托我", "让我", "叫我")
        writes = tok == "网友" and nxt in _WRITER_AFTER
        if asks or writes:
            found.add(i)
    return found


def _without_requesters(tokens: Sequence[str], parties: Sequence[str] | None) -> list[str]:
    """Each token's party ("" for none), the requesters' blanked."""
    own = [party_of_token(t) or "" for t in tokens] if parties is None else list(parties)
    for i in _requesters(tokens):
        own[i] = ""
    return own


def counterparty(tokens: Sequence[str], category: str, parties: Sequence[str] | None = None) -> str | None:
    """The counterparty id for the message's tokens and category, or None when none is named.

    Why the category first: in most categories it names the other side by definition (TAXONOMY.md:
    rental is landlord vs tenant), while the words of a long letter name everyone involved — the
    resident's own mother, the 社区 addressed, the 物业 that did nothing about the neighbour.
    """
    if not _REQUESTER_CUES.isdisjoint(tokens):  # one C-level scan; most messages skip the loop
        parties = _without_requesters(tokens, parties)
    party = _CATEGORY_PARTY.get(category)
    if party is not None:
        own = _NEEDS_EVIDENCE.get(category)
        if own is not None:
            found = named_parties(tokens, parties)
            if own.isdisjoint(found):
                # The category's own party is not named: whoever else is (not an addressee).
                return next((p for p in found if p not in _WEAK), party)
        return party
    allowed = _WORDS_DECIDE.get(category)
    if allowed is not None:
        found = named_parties(tokens, parties)
        # The first party named that the category allows.
        return next((p for p in found if p in allowed), _DEFAULT_PARTY.get(category))
    return None


# --- the ask ----------------------------------------------------------------------------------------
# "18.8万" is a number, not a sentence end.
_SENTENCES = re.compile(r"(?:[^。.!！?？;；\n]|(?<=\d)\.(?=\d))+[。.!！?？;；]*")
_STRONG_ASK = re.compile(r"恳请|请求|要求|希望|盼望|望领导|请你们|请社区|请帮|麻烦|帮忙|帮我|帮帮|please|i want|i'd like")
_QUESTION_ASK = re.compile(
    r"怎么办|怎么处理|怎么解决|能不能|可不可以|能否|可否|是否可以|有没有办法|该找谁|找谁|该怎么|怎么弄|请问|想问|"
    r"能管吗|管不管|吗[?？]?$|\?|？|询问|咨询|想知道|想了解|谁负责|how |can you|could you|what should"
)
_ASK_MAX = 160
_HALF_PUNCT = re.compile(r"[,!?;:](?<=[\u4e00-\u9fff].)")  # (the look-behind second: a first-character set)
_FULL = {",": "，", "!": "！", "?": "？", ";": "；", ":": "："}


#: A work order or a letter that labels its request: "诉求：请相关部门协调处理", "来电诉求为退还押金".
_LABELLED_ASK = re.compile(r"诉求(?:是|为)?[:：]\s*|诉求(?:是|为)")
_LABELLED_END = re.compile(r"[。.!！?？;；\n]")


def ask_bounds(normalized: str) -> tuple[int, int] | None:
    """Where the request sentence is: what follows a labelled 诉求 (hotline work orders), else the
    last sentence with a request word, else the last question."""
    if not normalized:
        return None
    labelled = None
    if "诉求" in normalized:
        labelled = next((m for m in reversed(list(_LABELLED_ASK.finditer(normalized)))), None)
    if labelled is not None:
        start = labelled.end()
        end_at = _LABELLED_END.search(normalized, start)
        end = end_at.end() if end_at else len(normalized)
        if normalized[start:end].strip(" 。.!！?？;；\n"):
            while end > start and normalized[end - 1].isspace():
                end -= 1
            return start, end
    strong_words = _STRONG_ASK.search(normalized) is not None
    # Neither a request nor a question word in the text: none in any sentence either (the question
    # words' one anchor, 吗$, ends a sentence only at the text's end when no line break splits it).
    if not strong_words and "\n" not in normalized and _QUESTION_ASK.search(normalized) is None:
        return None
    sentences = [m for m in _SENTENCES.finditer(normalized) if m.group(0).strip()]
    # No request word in the text, none in any sentence (no request word spans a sentence end).
    strong = [m for m in sentences if _STRONG_ASK.search(m.group(0))] if strong_words else []
    chosen = strong[-1] if strong else next((m for m in reversed(sentences) if _QUESTION_ASK.search(m.group(0))), None)
    if chosen is None:
        return None
    start, end = chosen.span()
    start = _reported_clause(normalized, start, end, _STRONG_ASK if strong else _QUESTION_ASK)
    while start < end and (normalized[start].isspace() or normalized[start] in "”’」』"):
        start += 1  # and a quote closed by the sentence before: “…打车。”游客张女士说
    while end > start and normalized[end - 1].isspace():
        end -= 1
    return start, end


#: A sentence told by someone else (an operator, a board, a relative's go-between): "来电人称其…，
#: 要求房东尽快维修。", "我叔叔托我问，他…，能不能找社区调解？". The ask is the clause of the request.
_REPORT_FRAME = re.compile(r"来电人|来电者|诉求人|来电称|来电反映|市民|网友|群众|居民|记者|据|托我|让我|叫我|托[^，,。]{0,3}我")
_CLAUSE_END = re.compile(r"[，,：:、]")


def _reported_clause(text: str, start: int, end: int, ask_words: re.Pattern[str]) -> int:
    """Where the ask starts in a reported sentence: the clause of its last request word."""
    last = max(ask_words.finditer(text, start, end), key=lambda m: m.start(), default=None)
    if last is None or not _REPORT_FRAME.search(text, start, last.start()):
        return start
    cut = start
    for brk in _CLAUSE_END.finditer(text, start, last.start()):
        cut = brk.end()
    return cut


_UNSET: tuple[int, int] = (-1, -1)


def ask_sentence(normalized: str, bounds: tuple[int, int] | None = _UNSET) -> str | None:
    """The sentence carrying the request (see ``ask_bounds``; pass its result to save a scan)."""
    if bounds == _UNSET:
        bounds = ask_bounds(normalized)
    if bounds is None:
        return None
    return restore_punctuation(normalized[bounds[0] : bounds[1]][:_ASK_MAX])


def restore_punctuation(text: str) -> str:
    """Normalisation made Chinese punctuation half-width; people read it as Chinese again."""
    return _HALF_PUNCT.sub(lambda m: _FULL[m.group(0)], text)


def token_starts(normalized: str, tokens: Sequence[str]) -> list[int]:
    """Where each token starts in the text, -1 for one not found (tokens are in text order, spaces dropped)."""
    starts: list[int] = []
    offset = 0
    for tok in tokens:
        found = normalized.find(tok, offset)
        if found >= 0:
            offset = found + len(tok)
        starts.append(found)
    return starts


def ask_tokens(normalized: str, tokens: Sequence[str], bounds: tuple[int, int] | None) -> list[str]:
    """The tokens that fall inside the request sentence."""
    if bounds is None:
        return []
    start, end = bounds
    return [tok for tok, at in zip(tokens, token_starts(normalized, tokens), strict=True) if start <= at < end]


#: Repeat the request sentence's words in the model input (0: off). Chosen on the dev sets.
ASK_WEIGHT = 0
#: Prefix of the request sentence's word features ("w:" repeats them; "a:" makes them features of their own).
ASK_PREFIX = "w:"


def ask_features(normalized: str, tokens: Sequence[str], bounds: tuple[int, int] | None = None) -> list[str]:
    """The request sentence's tokens, repeated ``ASK_WEIGHT`` times, for ``featurize(ask=...)``."""
    if not ASK_WEIGHT:
        return []
    if bounds is None:
        bounds = ask_bounds(normalized)
    return [ASK_PREFIX + tok for tok in ask_tokens(normalized, tokens, bounds)] * ASK_WEIGHT


# --- roles told by frames ---------------------------------------------------------------------------
# Which side the writer stands on is told by a frame that spans words, not by the party named: a
# cleaner "在物业做保洁" is the property company's worker (a wage claim, not a 物业 complaint), and "房东
# 跟我借了一万" makes the landlord a debtor. Character bigrams cannot see across the frame, so each frame
# found is one feature of its own, learned from the corpus like any word.
_CLAUSE = r"[^，。,.!?！？；;:：\s]"
_EMPLOYED = LazyPattern(r"(?<![没不未])在(?!家|网上|手机|群里|路上|门口)" + _CLAUSE + r"{1,14}?(?:当|做)" + _CLAUSE
    + r"{0,2}(?:保安|保洁|服务员|厨师|工人|司机|员工|维修工|水电工|绿化工|门卫|客服|收银员?|店员|会计|销售|看更|学徒|小工)|"
    r"我是" + _CLAUSE + r"{0,12}?(?:的)?(?:保安|保洁员?|员工|工人|骑手|服务员|司机|厨师|店员|收银员|看更)(?!的)|"
    r"\b(?:i|we|my \w+) (?:work|worked|am working|have worked) (?:at|for|in|as)\b|"
    r"\bi'?m a (?:cleaner|guard|rider|driver|worker|waiter|cook)\b|\b(?:guard|cleaner|worker|staff) here\b", None)
_LENT = LazyPattern(r"(?:跟|向|找|问)(?:我|我家|我们|我爸|我妈|我父亲|我母亲|我老公|我老婆|[^，。,.]{0,4}人家|[^，。,.]{0,4}邻居)"
    + _CLAUSE + r"{0,2}借|"
    r"借(?:了)?(?:我|我家|我们)(?:的)?" + _CLAUSE + r"{0,3}(?:[\d一二三四五六七八九十两几]+|钱)|借给(?:他|她|对方|了他|了她)|"
    r"\bborrowed\b[^.]{0,40}\bfrom (?:me|my|us|our)\b|\blent (?:him|her|them)\b|\b(?:personal )?loan\b", None)
#: Feature name of each frame (``featurize(ask=...)`` takes them with the ask sentence's words),
#: and words one of which every match contains (a cheap test before the scan).
_ROLE_FRAMES: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = (
    (_EMPLOYED, "f:employed", ("保安", "保洁", "服务员", "厨师", "工人", "司机", "员工", "维修工", "水电工", "门卫",
                               "客服", "收银", "店员", "会计", "销售", "看更", "学徒", "小工", "骑手", "work",
                               "cleaner", "guard", "rider", "driver", "waiter", "cook", "staff")),
    (_LENT, "f:lent", ("借", "borrowed", "lent", "loan")),
)
# The same words as one literal alternation per frame: one scan in C instead of a test per word.
_ROLE_GATES = tuple(re.compile("|".join(map(re.escape, words))) for _, _, words in _ROLE_FRAMES)


def role_features(normalized: str) -> list[str]:
    """One feature per role frame in the text: the writer (or their kin) works for the party named
    (``f:employed``), the party named borrowed from the writer's side (``f:lent``)."""
    # Every match holds one of its frame's words: the gate (a scan for any of them) skips most messages' scans.
    return [name for (pattern, name, _), gate in zip(_ROLE_FRAMES, _ROLE_GATES, strict=True)
            if gate.search(normalized) and pattern.search(normalized)]


# --- frames that override the party named ---------------------------------------------------------
# A question asked before anything has gone wrong ("我还没租，押金条怎么写", "大家都同意，公证要带什么")
# names the landlord, the employer or the 宅基地 as plainly as a complaint does, and the model reads the
# party; only the writer's own words that there is no dispute yet tell it is a `consult`.
_NO_DISPUTE = LazyPattern(
    r"(?:我|我们|我家|本人)(?:现在|目前|暂时)?(?:都|也)?还没(?:有)?(?:租|签|入职|上班|搬|开始[^，。,.]{0,4}(?:骑|租|住|做|干))|"
    r"(?:现在|目前)还没(?:租|签|入职)|还没入职|仲未(?:搵|租|簽|签|入)|"
    r"(?:下个月|下周|下星期|明年|过几天)(?:才|就|要|准备)?(?:入职|上班|搬|租房|开始[^，。,.]{0,2}(?:骑|租|住|干))|"
    r"(?:如果|万一)(?:以后|将来|日后|以後)|(?:以后|将来|以後)(?:如果|万一|同)|"
    r"提前(?:问|了解|咨询)|心里有个数|了解(?:一下)?行情|"
    r"(?:我|我们|本人)(?:现在)?(?:准备|打算)(?:借给|借钱给|出租|签|入职|翻建|盖房|建房)|"
    r"没(?:有)?(?:什么|啥|乜)?(?:矛盾|纠纷|争议)|冇(?:乜)?矛盾|"
    r"(?:大家|全家|家里人|屋企人|我们|兄弟|兄妹|姐妹|楼里的人)[^，。,.]{0,3}都(?:没(?:有)?意见|同意)|"
    r"暂时(?:只是|没有?(?:遇到|出现))|只是(?:想)?(?:问问|了解)|就是想(?:知道|了解)(?:一下)?(?:规定|政策|流程)"
)
_NO_DISPUTE_EN = re.compile(
    r"\bnot a complaint\b|\bjust (?:a )?(?:general )?question\b|\bjust asking\b|\bfor future reference\b|\bnothing urgent\b|"
    r"\bbefore i (?:sign|move|rent|start)|\bhaven'?t (?:signed|moved|started)\b"
)
#: The message asks something (the frame alone may sit in a thank-you or a story).
_ASKS = re.compile(r"\?|？|吗|请问|想问|问一下|问问|咨询|了解|怎么|哪里|哪个|哪些|要不要|需不需要|能不能|是否|点样|邊度")
_ASKS_EN = re.compile(r"\b(?:how|what|where|which|can|could|is it|do i|should)\b")
#: "大家都同意，但是大哥…", "以前打过我，但是最近…": a turn anywhere makes it a matter already.
_TURNS = re.compile(r"但是|但|可是|却|结果|不过|谁知|没想到")
_TURNS_EN = re.compile(r"\bbut\b")
# The English words above are kept apart: a pattern with a branch opened by \b (or by a class among
# words) has no set of first characters, so `re` runs it at every position instead of skipping in C.
_LATIN = re.compile(r"[a-z]")


def _found(text: str, pattern: re.Pattern[str], english: re.Pattern[str]) -> bool:
    """``pattern`` or its English words (these only when the text has a Latin letter) occur in ``text``."""
    return pattern.search(text) is not None or (_LATIN.search(text) is not None and english.search(text) is not None)


def no_dispute_question(normalized: str) -> bool:
    """The writer asks a question and says there is no dispute yet (not signed, not started, all agree)."""
    text = normalized.lower()
    # Cheapest test first: most messages hold a turn (但, 结果) and need no scan for the frame.
    return not _found(text, _TURNS, _TURNS_EN) and _found(text, _ASKS, _ASKS_EN) and _found(text, _NO_DISPUTE, _NO_DISPUTE_EN)


# The writer sets one matter aside and names the one asked about: "楼上的狗也挺吵的，但最要紧的是物业把
# 快递柜撤了", "物业费先不说了，我要投诉的是…", "我今天要反映的是物业：…". Bag-of-words scoring weighs both
# matters alike, so the part after the marker is scored on its own (see ``classify``).
_ASKED_MARKER = re.compile(literal_first(
    r"(?:最要紧|最主要|最重要|主要|最想解决|最担心|真正|想反映|要反映|想投诉|要投诉|要说|想说|要报告|想报告)"
    r"的(?:事情?|问题)?(?:是|就是)[:：,，]?"
))
_ASKED_MARKER_EN = re.compile(
    r"\b(?:what i (?:really |actually )?(?:want|need|wish) to (?:report|complain about|raise) is"
    r"|(?:the|my) (?:main|real|actual) (?:problem|issue|complaint|concern) is)\b:?"
)
_SET_ASIDE = re.compile(literal_first(
    r"先不说|先不提|先不管|另外再说|以后再说|就不说了|我就忍了|就算了|我不想管|不想管了|"
    r"(?:我们|我)?自己(?:会)?(?:沟通|处理|解决|照顾|商量)|已经(?:找|报|告诉)(?:过)?物业了|也报修了|之前反映过了"
))
_CLAUSE_BREAK = re.compile(r"[，,：:。；;!！]")
_QUOTED_ASIDE = re.compile(r"说|讲|称|让|叫|要")


def _clause_start(text: str, end: int) -> int:
    """Where the clause holding ``end`` starts."""
    return max(text.rfind(mark, 0, end) for mark in "，,：:。；;!！") + 1


#: A matter named after the marker is at least this long (a bare "是物业" is the same matter's party).
_ASKED_MIN_CHARS = 8
#: The marker must follow at least this much text (a message opening with 我要反映的是 has one matter).
_ASKED_MIN_PREAMBLE = 5


def asked_matter_start(normalized: str) -> int | None:
    """Where the matter the writer asks about starts, when the text sets another matter aside first
    (or names the asked one after a preamble: 最要紧的是, 我要投诉的是); None for one matter."""
    text = normalized.lower()
    start = None
    marker = _ASKED_MARKER.search(text, _ASKED_MIN_PREAMBLE)
    if marker is None and _LATIN.search(text) is not None:
        marker = _ASKED_MARKER_EN.search(text, _ASKED_MIN_PREAMBLE)
    if marker is not None:
        start = marker.end()
    else:
        aside = _SET_ASIDE.search(text)
        # Another's words are no setting aside: "物业说要业主自己处理", "老师叫他们道歉就算了".
        if aside is not None and _QUOTED_ASIDE.search(text, _clause_start(text, aside.start()), aside.start()) is None:
            brk = _CLAUSE_BREAK.search(text, aside.end(), aside.end() + 12)
            if brk is not None:
                start = brk.end()
    if start is None or len(text) - start < _ASKED_MIN_CHARS:
        return None
    return start


# The writer says the matter is settled and thanks someone: a thank-you (`other`), however fully the old
# dispute is retold ("房东今天把押金退了，不用再处理了，谢谢"), unless a new request or a turn follows.
_SETTLED = re.compile(literal_first(
    r"已经(?:圆满|完全|顺利)?解决|(?:问题|事情|这件事|的事|事)(?:已经)?(?:解决了|了结|办好了|处理好了)|圆满解决|握手言和|"
    r"不用(?:再)?(?:处理|跟进|管)|不需要再(?:处理|跟进)|可以(?:撤销|撤回|关掉|结了|结单)|已经和解"
))
_SETTLED_EN = re.compile(r"problem is solved|close my complaint|no need to follow up|has been resolved")
_THANKS = re.compile(r"谢谢|感谢|多谢|致谢|表扬|thank")
_STILL_OPEN = re.compile(r"但|可是|不过|又(?:开始|来|在)|还是(?:没|不)|另外|还有一?(?:个|件)|请求|希望|麻烦|能不能|可不可以|\bbut\b|\bagain\b")


def settled_thanks(normalized: str) -> bool:
    """The writer reports the matter settled and thanks someone, with no turn or new request after."""
    text = normalized.lower()
    if _THANKS.search(text) is None:
        return False  # one scan decides for most messages (2% thank someone)
    settled = _SETTLED.search(text)
    if settled is None and _LATIN.search(text) is not None:
        settled = _SETTLED_EN.search(text)
    return settled is not None and _STILL_OPEN.search(text, settled.end()) is None


# Someone working for a platform or a shop hit the writer, the writer's family or vehicle: the road
# collision is the matter (`traffic`); wages and the platform's rules matter only to the worker himself.
_WORKER_HIT_US = re.compile(
    r"(?:骑手|外卖|快递|送餐|送货|代驾|网约车|司机|小哥)[^，。,.!?；;]{0,12}?撞(?:倒|伤|坏|到|翻|了)?了?"
    r"(?:我|我们|我家|俺)"
)
_WRITER_WORKS = re.compile(r"我是[^，。,.]{0,6}(?:骑手|外卖|快递|司机|员工|工人)|我在[^，。,.]{0,10}(?:上班|工作|干活|送)|工伤|站长|众包骑手|我跑")


def hit_by_a_worker(normalized: str) -> bool:
    """A platform's or a shop's worker hit the writer's side, and the writer is not that worker."""
    return _WORKER_HIT_US.search(normalized) is not None and _WRITER_WORKS.search(normalized) is None


# A neighbour writing about a couple's or a family's quarrel next door, asking someone to help that
# family: the neighbour words lead the model to `neighbor`, but the quarrel is inside the other family.
# When the writer complains of the noise ("吵得我们睡不好") it stays a neighbour matter.
_NEIGHBOUR = r"(?:邻居|隔壁|楼上|楼下|对门|对面|隔离|隔離|next door|neighbou?rs?)"
_THEIR_FAMILY = LazyPattern(
    _NEIGHBOUR + r"[^。！？!?我]{0,10}?(?:两口子|小两口|老两口|夫妻|夫妇|夫婦|兄弟俩|兄弟|兄妹|婆媳|母子|父子|couple)"
    r"[^。！？!?我]{0,25}?(?:吵|打|闹|骂|嗌|离婚|離婚|fight|argu|divorce)|"
    r"(?:那家|那户|家)的?(?:男的|男人|男主人|丈夫|老公|儿子|儿媳|女儿|媳妇)[^。！？!?我]{0,15}?[他她](?:的)?"
    r"(?:老婆|妻子|老公|丈夫|妈|爸|父亲|母亲|儿子|女儿|儿媳|婆婆|公公)|"
    r"(?:他们|他|她|佢哋|佢)(?:家|家里|屋企|两口子|夫妻)(?:的|嘅)?(?:事|家事|矛盾|婚姻|赡养|遗产|纠纷)"
)
#: The writer is a party to the quarrel: then it is between neighbours.
_WRITER_INVOLVED = re.compile(r"(?:跟|和|与|同)我(?:家|们)?[^，。,.]{0,4}(?:吵|闹|打|有矛盾|纠纷)|收拾我|打我|骂我|威胁我|推我|找我麻烦|"
                              r"不是他家的事|不关他家的事|关你(?:屁)?事|多管闲事|(?:弄死|打死|揍|收拾)你")
#: The writer asks for help for that family (mediation, a visit, someone to talk them round).
_HELP_THEM = re.compile(r"调解|調解|劝|勸|帮帮?(?:她|他|他们)|帮手|去(?:他们家|他家|她家)?看看|介入|协调|出面|谈谈|管管(?:她|他)|"
                        r"妇联|律师|快来|快派|报警|救命|\bhelp (?:her|him|them|that family)\b|\bmediat")
#: The writer complains of the noise: a neighbour matter whoever quarrels.
_DISTURBED = re.compile(r"睡不(?:好|着)|没法睡|吵得|太吵|好吵|小声|扰民|休息不|写不了作业|受不了|吵死|\bcan'?t sleep\b|\bnoise\b|\bkeeps? us awake\b")


def neighbours_family_matter(normalized: str) -> bool:
    """A neighbour reports a quarrel inside another family and asks help for it (not about the noise)."""
    text = normalized.lower()
    return (_THEIR_FAMILY.search(text) is not None and _WRITER_INVOLVED.search(text) is None
            and _HELP_THEM.search(text) is not None and _DISTURBED.search(text) is None)


# Someone posing as the property office, the police, a bank or a relative: the party named is the one
# impersonated, and the one complained about is a stranger committing fraud (`security`). Anti-fraud
# publicity that describes the trick ("宣传单上写着冒充客服…") is no report.
_IMPERSONATED = LazyPattern(r"(?:冒充|假冒|假扮|自称|自稱|扮成|装成|冒认|冒認)(?:是)?(?:我们|我們)?(?:小区|小區)?(?:的)?"
    r"(?:物业|物業|社区|社區|居委会|网格员|公安|警察|派出所|民警|法院|检察院|银行|客服|快递|燃气|电力|供电|自来水|"
    r"工作人员|房东|中介|老师|学校|医保|社保|领导|亲戚|儿子|女儿|孙子|街道|居委|政府|民政)|"
    # Posing by dress, or the party saying it sent nobody: "穿着燃气公司的工作服", "物业说根本没派人".
    r"穿(?:着)?[^，。,.]{1,8}的?(?:衣服|工作服|制服)[^。]{0,40}?没(?:有)?派|(?:根本|从来|并)?没(?:有)?派(?:过)?(?:人|这些人|这个人|工作人员)|"
    r"\b(?:posing as|pretending to be|claiming to be|impersonat\w*)\b", None)
_PUBLICITY = re.compile(r"宣传|防诈|反诈|防骗|视频里|\bawareness\b")


#: Every match holds one of these (one cheap scan in C before the big one).
_IMPERSONATION_WORDS = re.compile(r"冒|假|自称|自稱|扮|装成|派|posing|pretending|claiming|impersonat")


def impersonation_report(normalized: str) -> bool:
    """Someone posed as a named party (物业, 公安, a bank, a relative): a fraud report, not a dispute with that party."""
    text = normalized.lower()
    return (_IMPERSONATION_WORDS.search(text) is not None and _IMPERSONATED.search(text) is not None
            and _PUBLICITY.search(text) is None)


# The flat or shop next to the writer is let out and its tenant is the trouble (TAXONOMY: a shop rented
# to a tenant that annoys the neighbour = neighbor): the landlord is named, often several times, but the
# writer is not his tenant. A writer who rents (我租的, 押金, 合同, "my landlord") or who lets it (租金 owed)
# stays a rental matter.
_LET_NEXT_DOOR = re.compile(
    r"(?:楼上|楼下|隔壁|对门|对面|上面|下面|樓上|樓下|隔離)[^。！？!?]{0,12}?(?:出租屋|出租房|租出去|租给|租畀|群租|租户|租客|的铺面|铺面)|"
    r"\b(?:above|upstairs|below|downstairs|next door|under my flat)\b[^.!?]{0,30}?(?:rented out|let to|leased to|tenants?)\b"
)
_WRITER_RENTS = re.compile(
    r"我(?:们)?租的|我(?:是|係|系)(?:这里的)?租客|我(?:们)?(?:是)?租户|租住|我们租|我租了|租给我|退租|押金|房租|(?:拖|欠|不交|不给|收不到)[^，。,.]{0,4}租金|租金(?:不给|没交|拖)|欠租|合同|租约|"
    r"\bi rent\b|\bmy (?:landlord|lease|rent|deposit)\b|\bour (?:landlord|lease)\b|\bi'?m (?:a )?tenant\b"
)


def neighbours_tenant(normalized: str) -> bool:
    """The writer's neighbour is someone's tenant (the flat or shop next door is let out); the writer's side
    is in no lease (neither rents nor lets)."""
    text = normalized.lower()
    return _LET_NEXT_DOOR.search(text) is not None and _WRITER_RENTS.search(text) is None


# A present danger to someone's life with nobody complained about ("我妈倒在厨房叫不醒", "老公喝了农药",
# "有人坐在天台边上要跳"): the kin word names the patient, not a party, and the kitchen, the stairs or the
# street are only where it happens, so the call for help is `consult`. Any sign of a party doing wrong (a
# blow, a quarrel, a collision, a debt, a family-law matter, a merchant) or of a thing that is itself the
# danger (gas, live wires, a works site, a collapse) keeps the category the model read.
_PARTY_OR_THING = LazyPattern(r"打(?!电话|了电话|个电话|120|110|119|一二零|不通|滚|针|农药|开|车|的|算|听|扫|工|包|了120|篮球|球)|"
    r"骂|吵|闹|推(?!门|开)|砍|捅|掐|踹|砸|抢(?!救)|偷|骗|逼|威胁|恐吓|报复|纠纷|矛盾|赔|欠|借|"
    r"不管|不给|不让|不肯|不承认|家暴|虐待|离了?婚|分居|出轨|彩礼|赡养|抚养|遗产|分家|"
    r"被[^，。,.!?！？]{0,8}撞|撞(?:倒|飞|伤|死|亲|了(?!一下))|相撞|对撞|追尾|车祸|肇事|司机|轧|碾|压在|碰瓷|货车|"
    r"物业|房东|老板|包工头|商家|店家|店里|这家店|店员|狗|"
    r"电(?:到|住|倒)|触电|漏电|电线|燃气|煤气|气味|味道|车间|工地|工厂|工人|工友|师傅|井|罐|阀|滑坡|塌|埋|"
    r"卡在(?!喉|嗓)|挂在|嗌|鬧|罵|搶|"
    r"\b(?:hit by|hits? (?:me|him|her)|punch\w*|beat\w*|attack\w*|stab\w*|fight\w*|argu\w*|threat\w*|crash\w*|"
    r"scam\w*|stole|owe\w*|refus\w*|landlord|driver|push\w*|abus\w*|divorc\w*|choking (?:me|him|her)|gas|dog)\b", None)


def unopposed_emergency(normalized: str) -> bool:
    """A present emergency told with no party doing wrong and no dangerous thing named (the caller checks
    that the rules found a present danger calling for an ambulance only)."""
    return _PARTY_OR_THING.search(normalized.lower()) is None


# A lift that traps, stops, drops or fails is the property company's to keep (TAXONOMY: property covers the
# elevator), even told as a danger ("电梯卡在两层中间，里面有个孕妇"): the lift is no hazard of its own. A
# fire, smoke or an e-bike in the lift, or a lift in a mall, a metro station or on a site, stays a hazard.
_LIFT = re.compile(r"电梯|電梯|\b(?:lift|elevator)s?\b")
_LIFT_TROUBLE = re.compile(
    r"电梯[^。！？!?]{0,12}?(?:卡|困|关|停|坏|掉|坠|溜|晃|抖|故障|失灵|夹|不动|打不开|开不了|扒不开)|"
    r"(?:困|关|卡|夹)[^。！？!?，,]{0,6}?电梯|"
    r"\b(?:stuck|trapped)\b[^.!?]{0,20}\b(?:lift|elevator)|\b(?:lift|elevator)\b[^.!?]{0,20}\b(?:stuck|stopped|fell|dropped)"
)
_LIFT_HAZARD = re.compile(
    r"火|烟|煙|电动车|电瓶车|電動車|电池|充电|商场|超市|地铁|扶梯|工地|施工|井道里有人|\b(?:fire|smoke|e-?bike|mall|metro)\b"
)


def lift_trouble(normalized: str) -> bool:
    """A residential lift that traps, stops or fails, with no fire, e-bike or public site in the message."""
    text = normalized.lower()
    return (_LIFT.search(text) is not None and _LIFT_TROUBLE.search(text) is not None
            and _LIFT_HAZARD.search(text) is None)


# A crime told as the reason for asking the estate to mend or add its own guard (监控, 门禁, 路灯, 保安,
# 巡逻) is a matter for the property company (TAXONOMY: property covers security and common areas), not a
# crime report: "上个月小区进了小偷…能不能加个夜班保安", "强烈要求物业修好监控". The police named as the
# ones to act (派出所, 报案, 调监控) keep it a crime report.
_ESTATE_WORDS = ("物业", "保安", "门禁", "业主", "management", "guard")
_ESTATE_GUARD = re.compile(
    r"(?:监控|摄像头|门禁|路灯|照明|灯|侧门|后门|天台门|保安|巡逻|站岗|夜班|cctv|footage|guards?|lights?)"
    r"[^。！？!?]{0,14}?(?:修|装|换|锁|加强|加个|加装|增加|站岗|巡逻|整改|能不能|share|better|fix)|"
    r"(?:修好?|装|加装|加个|增加|安装|加强)[^。！？!?，,]{0,6}?(?:监控|摄像头|门禁|路灯|灯|保安|巡逻)"
)
_ESTATE_OWNER = re.compile(r"物业|保安|门禁|业主|management|\bguards?\b")
_POLICE_ACT = re.compile(r"派出所|公安|警方|民警|police|报案|立案|案子|调取?监控|监控[^。！？!?，,]{0,4}(?:调|查|拍到)")
_ESTATE_ASK = re.compile(r"能不能|能否|可不可以|可否|请|希望|要求|建议|什么时候能|尽快|望贵|整改|\bcan (?:we|you)\b|\bplease\b|\bcould\b")


def asks_estate_guard(normalized: str) -> bool:
    """The writer asks the property company to mend or add cameras, gates, lights or guards (a crime
    told only as the reason), and no police action is asked."""
    text = normalized.lower()
    return (any(w in text for w in _ESTATE_WORDS) and _ESTATE_GUARD.search(text) is not None
            and _ESTATE_OWNER.search(text) is not None and _ESTATE_ASK.search(text) is not None
            and _POLICE_ACT.search(text) is None)


# A worker asking about his own job's terms (高温补贴, 打卡扣钱, 调白班, 搬厂补偿, 退休后续签) asks as a
# worker of an employer, so the matter is `labor` even with no quarrel yet: the employer and the terms are
# named. A question about papers (居住证, 户口, 低保 …) that mentions a job in passing stays `consult`.
_WORKER_WORDS = ("我", "老板", "判头", "工头", "店长", "主管", "公司", "厂")
_WORKER = LazyPattern(r"我(?:是|係|系)[^，。,.！？!?]{0,10}(?:保洁|临时工|工人|员工|职工|收银|服务员|司机|骑手|保安|厨师|店员|清洁|保姆|文员)|"
    r"(?:我|我们|我哋)[^，。,.！？!?]{0,2}(?:在|喺|跟)[^，。,.！？!?]{1,12}(?:做|上班|干活|打工|返工|干了|做了|工作)|"
    r"我们(?:车间|厂|工地|公司|单位|部门|店)|我哋(?:厂|地盘|公司)|我(?:们)?(?:那个|这个)(?:厂|公司|单位)|"
    r"(?:老板|判头|包工头|工头|店长|主管|公司|厂里)(?:说|话|讲|要求|让)", None)
_JOB_TERMS = re.compile(
    r"补贴|工资|工钱|人工|加班|扣|补偿|合同|社保|工伤|退休|打卡|调岗|调到|返工|出糧|出粮|辞退|裁员|年假|休假|请假|"
    r"试用期|提成|高温|夜班|白班|上班时间|转正|考证|支护"
)
_PAPERS = re.compile(r"居住证|户口|户籍|低保|残疾证|高龄|无犯罪|证明|入学|读书|上学")


def worker_asks_terms(normalized: str) -> bool:
    """The writer (or his kin) works for an employer and asks about that job's pay, hours or terms."""
    return (any(w in normalized for w in _WORKER_WORDS) and _WORKER.search(normalized) is not None
            and _JOB_TERMS.search(normalized) is not None and _PAPERS.search(normalized) is None)


# A shop, a factory or a course that sells to a family for its child (练习册, 校服, 午托, 游泳班) is a
# merchant in a price or refund quarrel (`consumer`): the school and the child are only whom the goods are
# for. Harm to the child (bullied, hurt, smoke, bars), or the school or a teacher demanding it, stays `minors`.
_MERCHANT_WORDS = ("店", "商家", "老板", "厂家", "机构", "班", "小卖部", "摊", "卖", "买")
_MERCHANT = re.compile(r"店|商家|老板|厂家|机构|培训班|补习班|辅导班|游泳班|午托|托管班|小卖部|摊|卖|买")
_PRICE_OR_REFUND = re.compile(
    r"退钱|退费|退款|退换|不给退|不退|不能退|只能转|宰|定价|标价|一套收|收了|过期|\d+块|\d+元|价格|太贵|贵了"
)
_CHILD_HARMED = re.compile(
    r"欺负|打|骂|体罚|霸凌|受伤|摔|伤|威胁|猥亵|摸|喝酒|烟|网吧|酒吧|危险|安全|失踪|走丢|(?:学校|老师)(?:让|要|说|要求|规定)"
)


def merchant_sells_for_child(normalized: str) -> bool:
    """A merchant's price or refund for a child's goods or course, with no harm to the child."""
    return (any(w in normalized for w in _MERCHANT_WORDS) and _MERCHANT.search(normalized) is not None
            and _PRICE_OR_REFUND.search(normalized) is not None and _CHILD_HARMED.search(normalized) is None)


# Upkeep of an estate's shared things (a stairwell light out, a loose slide or broken fitness gear in the
# estate, a water tank not cleaned) is the property company's (TAXONOMY: property covers common areas and
# maintenance), though the writer adds that someone could fall in the dark. Fire, gas, wires, an open pit,
# cracks or water that could drown keep the hazard.
_UPKEEP_WORDS = ("楼道", "滑梯", "健身器材", "游乐场", "秋千", "消防通道画线", "水箱", "二次供水")
_UPKEEP = re.compile(
    r"楼道(?:的|里的|里)?(?:灯|应急灯|声控灯)|"
    r"(?:小区|我们|楼下|单元)[^。！？!?]{0,10}(?:滑梯|健身器材|游乐场|秋千|消防通道画线)|"
    r"(?:水箱|二次供水)[^。！？!?]{0,12}(?:清洗|异味|水质|黄|臭|死老鼠)"
)
_UPKEEP_DANGER = re.compile(r"火|烟|燃气|煤气|电线|线路|漏电|电箱|井盖|窨井|塌|裂|触电|溺|淹")


def estate_upkeep(normalized: str) -> bool:
    """A stairwell light, a playground fitting or a water tank of the estate wants upkeep (no fire, gas,
    wires, pits, cracks or water that drowns)."""
    return (any(w in normalized for w in _UPKEEP_WORDS) and _UPKEEP.search(normalized) is not None
            and _UPKEEP_DANGER.search(normalized) is None)
