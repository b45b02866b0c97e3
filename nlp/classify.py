"""``classify(text) -> Classification``: urgency by rules first, then the category model.

Order matters: urgency and flags are read from the normalised raw text before segmentation, so
an emergency never depends on the model. Texts the model cannot read (no Han characters and no
Latin words; kana or Hangul dominating) are ``other`` with low confidence instead of a guess.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from nlp import emchar, segment
from nlp.danger import review as review_danger
from nlp.entities import extract_amounts
from nlp.lexicon import DIALECT_GLOSS, ENGLISH_GLOSS, STRONG_CUES
from nlp.model import LinearModel, cue_categories, cues_in_token
from nlp.parties import (
    ask_bounds,
    ask_features,
    ask_sentence,
    asked_matter_start,
    asks_estate_guard,
    counterparty,
    estate_upkeep,
    hit_by_a_worker,
    impersonation_report,
    lift_trouble,
    merchant_sells_for_child,
    neighbours_family_matter,
    neighbours_tenant,
    no_dispute_question,
    party_of_token,
    restore_punctuation,
    role_features,
    settled_thanks,
    token_starts,
    unopposed_emergency,
    worker_asks_terms,
)
from nlp.retrie import literal_first
from nlp.signals import token_signals
from nlp.taxonomy import CATEGORIES
from nlp.urgency import ASK_BOTH_CANCELLED, RAISE_EMERGENCY, UrgencyResult, assess, informal_now, refine

#: Below this probability the bot asks the resident to choose between the top two categories.
#: Chosen on nlp/data/dev.jsonl (see nlp/README.md): at 0.7, 87% of messages pass without a
#: question at 97% accuracy, the 13% asked hold 60% of all errors, and for 90% of the asked
#: messages the right category is one of the two offered. 0.6 asks less but catches only 40%.
LOW_CONFIDENCE_THRESHOLD = 0.7

#: Probability given to ``other`` for a message in a script we cannot read.
_UNREADABLE_OTHER = 0.3


@dataclass(frozen=True, slots=True)
class Problem:
    """One of several distinct problems told in one message, with its own category."""

    text: str
    category: str
    counterparty: str | None = None  # whom this part is about (see nlp.parties)


@dataclass(frozen=True, slots=True)
class Classification:
    category: str
    urgency: str
    confidence: float
    keywords: tuple[str, ...] = ()
    flags: frozenset[str] = frozenset()
    alternatives: tuple[tuple[str, float], ...] = ()
    emergency_service: str | None = None
    #: "present" (urgency is emergency), "uncertain" (ask whether the danger is now) or "none".
    danger: str = "none"
    #: Emergency numbers that fit the danger (present or uncertain), the most urgent first.
    numbers: tuple[str, ...] = ()
    #: Whom the complaint is about (``nlp.parties.COUNTERPARTIES``), None when not found.
    counterparty: str | None = None
    #: The sentence that carries the request, as written (normalised).
    ask: str | None = None
    #: Two or more distinct problems of different categories (empty for one problem).
    problems: tuple[Problem, ...] = ()

    @property
    def low_confidence(self) -> bool:
        return self.confidence < LOW_CONFIDENCE_THRESHOLD


_model: LinearModel | None = None
_model_lock = threading.Lock()


def initialize() -> None:
    """Load jieba with the domain dictionary and the shipped model; call once at start-up."""
    global _model
    segment.initialize()
    emchar.load_model()
    if _model is None:
        with _model_lock:
            if _model is None:
                _model = LinearModel.load()


_NOT_VIOLENCE = frozenset({"hazard", "consult", "other"})
#: A 110 danger at a night market or a square drew `environment` from the place; an animal's attack is
#: the environment's (stray dogs), so it keeps the place's category.
_ANIMAL = re.compile(r"狗|犬|猫|蛇|蜂|猴|牛|\b(?:dogs?|snakes?|bees?|monkeys?)\b", re.IGNORECASE)


def use_model(model: LinearModel | None) -> None:
    """Swap the model in place (after ``linli nlp train`` or in tests); ``None`` reloads the file."""
    global _model
    with _model_lock:
        _model = model
    if model is None:
        initialize()


def _unreadable(result: UrgencyResult) -> Classification:
    rest = (1.0 - _UNREADABLE_OTHER) / (len(CATEGORIES) - 1)
    alternatives = (("other", _UNREADABLE_OTHER), ("consult", rest))
    return Classification("other", result.urgency, _UNREADABLE_OTHER, result.cues, result.flags, alternatives,
                          result.emergency_service, result.danger, result.numbers)


_TokenRecord = tuple[tuple[str, ...], tuple[tuple[str, ...], bool], str, int]
#: token -> (cue words, signals, party or "", the model's word column or 0): what each step needs of a
#: token, in one probe. The column belongs to one model, so the memo is paired with the model it was
#: filled for and a new model starts a new memo (a classification running meanwhile fills the old one).
_token_memo: tuple[LinearModel | None, dict[str, _TokenRecord]] = (None, {})
_MEMO_LIMIT = 200_000


def _token_records(model: LinearModel, tokens: list[str]) -> list[_TokenRecord]:
    global _token_memo
    owner, memo = _token_memo
    if owner is not model:
        memo = {}
        _token_memo = (model, memo)
    records = list(map(memo.get, tokens))  # looked up in C; the misses below
    if not all(records):  # a miss (every record is a non-empty tuple): a truth test in C, no comparisons
        records = [r if r is not None else _token_record(model, memo, tok) for tok, r in zip(tokens, records, strict=True)]
    return records


def _token_record(model: LinearModel, memo: dict[str, _TokenRecord], token: str) -> _TokenRecord:
    record = (cues_in_token(token), token_signals(token), party_of_token(token) or "", model.word_column(token))
    if len(memo) < _MEMO_LIMIT:
        memo[token] = record
    return record


#: The Mandarin counterparts' weight against the message's own features, for English and dialect words alike
#: (chosen by cross-validation on the corpus and on the development sets' A halves and older sets, for each
#: glossary; 0 switches the gloss off; README, "Model").
GLOSS_WEIGHT = 0.3
#: Softens the glossed category scores to the accuracy they have (log-loss fitted on the development sets'
#: English lines, A halves and older sets).
GLOSS_TEMPERATURE = 1.1
#: Chinese word -> the scorer's columns of its features (word, bigrams, cue), paired with the model it was
#: filled for (see ``_token_memo``).
_gloss_memo: tuple[LinearModel | None, dict[str, list[int]]] = (None, {})


#: The dialect glossary's words, longest first (so 离咗婚 is read before a shorter key inside it).
_DIALECT_WORDS = re.compile("|".join(map(re.escape, sorted(DIALECT_GLOSS, key=len, reverse=True))))


def _glossed_words(norm: str, tokens: Sequence[str]) -> list[str]:
    """The Mandarin counterparts of the message's English tokens (``ENGLISH_GLOSS``) and of its dialect,
    colloquial and Taiwan/Hong Kong words (``DIALECT_GLOSS``, found in the text: jieba splits most of them)."""
    words = [] if ENGLISH_GLOSS.keys().isdisjoint(tokens) else list(filter(None, map(ENGLISH_GLOSS.get, tokens)))
    words.extend(map(DIALECT_GLOSS.__getitem__, _DIALECT_WORDS.findall(norm)))
    return words


def _gloss_ids(model: LinearModel, norm: str, tokens: Sequence[str]) -> list[int]:
    """The columns of the Mandarin counterparts of the message's English and dialect words (``_glossed_words``),
    for the category only: the corpus is written in Mandarin, so those words' own columns carry little learned
    weight, their Mandarin words' were learned from every writer (5-fold cross-validation on the corpus's
    glossed English lines, two seeds: +10 and +9 of 318 right; dialect lines +1 of 65; README, "Model")."""
    global _gloss_memo
    glossed = _glossed_words(norm, tokens)
    if not glossed:  # most messages
        return []
    owner, memo = _gloss_memo
    if owner is not model:
        memo = {}
        _gloss_memo = (model, memo)
    hits: list[int] = []
    for zh in glossed:
        ids = memo.get(zh)
        if ids is None:
            zh_tokens = segment.tokenize(zh)
            ids = memo[zh] = model.feature_ids(zh, zh_tokens, [cues_in_token(t) for t in zh_tokens])
        hits.extend(ids)
    return hits


#: Categories a no-dispute question may be taken for (a greeting or a question already is what it is).
_PROBLEM_CATEGORIES = frozenset({"labor", "rental", "neighbor", "family", "property", "consumer", "traffic", "debt",
                                 "land", "security", "minors", "hazard", "environment"})


#: Categories a call for an ambulance may be taken for when no one is complained about: the kin, the
#: place or the passer-by named. A child's harm (`minors`), a work accident (`labor`) and a stuck lift
#: (`property`) keep theirs.
_UNOPPOSED_FROM = frozenset({"family", "neighbor", "security", "hazard", "traffic", "debt", "land", "consumer",
                             "environment", "other"})


def _calls_for_help(norm: str, top: str, urgency: str, numbers: tuple[str, ...]) -> bool:
    """An ambulance called with no one complained about, or a question asked before any dispute."""
    if urgency == "emergency":
        return top in _UNOPPOSED_FROM and numbers == ("120",) and unopposed_emergency(norm)
    return top in _PROBLEM_CATEGORIES and no_dispute_question(norm)


def _estate_matter(norm: str, top: str, urgency: str) -> bool:
    """The property company's: a lift that fails (even told as a danger), or, with no emergency, upkeep of
    the estate's fittings told as a hazard, or its guard asked for after a crime told as one."""
    if top == "hazard":
        return lift_trouble(norm) or (urgency != "emergency" and estate_upkeep(norm))
    return top == "security" and urgency != "emergency" and asks_estate_guard(norm)


def _frame_override(norm: str, classes: Sequence[str], order: list[int], urgency: str,
                    numbers: tuple[str, ...] = ()) -> list[int]:
    """Frames that span words and decide against the party named (see ``nlp.parties``): a present
    danger that calls for an ambulance only (120, not the police or the fire brigade), with no party
    doing wrong, is a call for help (`consult`); a matter reported settled with thanks is `other`; a
    platform's worker who hit the writer's side is `traffic`; a question asked before any dispute is `consult`; a
    neighbour asking help for a family's quarrel is `family`; someone posing as 物业, the police or a
    bank is a fraud (`security`); the tenant next door who annoys the writer is a neighbour, whoever
    his landlord is; a lift that traps or fails is the property company's, not a hazard, and so are a stairwell light,
    a playground fitting or a water tank that wants upkeep, and a request that it mend
    or add cameras, gates, lights or guards after a crime; a worker asking about his own job's terms
    is `labor`; a merchant's price or refund for a child's goods is `consumer`."""
    top = classes[order[0]]
    target = None
    if _calls_for_help(norm, top, urgency, numbers):
        target = "consult"
    elif top != "other" and urgency != "emergency" and settled_thanks(norm):
        target = "other"
    elif top == "labor" and hit_by_a_worker(norm):
        target = "traffic"
    elif top in ("neighbor", "consult", "security") and neighbours_family_matter(norm):
        target = "family"
    elif top != "security" and impersonation_report(norm):
        target = "security"
    elif top == "rental" and neighbours_tenant(norm):
        target = "neighbor"
    elif _estate_matter(norm, top, urgency):
        target = "property"
    elif top == "consult" and urgency != "emergency" and worker_asks_terms(norm):
        target = "labor"
    elif top == "minors" and urgency != "emergency" and merchant_sells_for_child(norm):
        target = "consumer"
    if target is None or target not in classes:
        return order
    forced = classes.index(target)
    return [forced] + [i for i in order if i != forced]


#: The part named after a set-aside matter decides only when it is this sure of its category alone.
_ASKED_CONFIDENCE = 0.5


def _asked_matter(
    norm: str, tokens: Sequence[str], token_cues: Sequence[tuple[str, ...]], words: Sequence[int]
) -> int | None:
    """The class index of the matter asked about when another is set aside (``asked_matter_start``),
    scored on its own tokens (no second segmentation); None when there is one matter or it is unsure."""
    assert _model is not None
    start = asked_matter_start(norm)
    if start is None:
        return None
    first = next((i for i, at in enumerate(token_starts(norm, tokens)) if at >= start), None)
    if first is None or first > len(tokens) - 3:
        return None
    probs = _model.assess_ids(
        _model.feature_ids(norm[start:], tokens[first:], token_cues[first:], words=words[first:]))[0]
    best = max(range(len(probs)), key=probs.__getitem__)
    # Alone, a question loses its situation ("…就算了，今天想问一下电梯合格证怎么没贴" is still the lift's):
    # the asked part names a matter, never a bare question or small talk.
    if _model.classes[best] in _NOT_A_PROBLEM or probs[best] < _ASKED_CONFIDENCE:
        return None
    return best


def _p_char(urgency: UrgencyResult, p_emergency: float, norm: str) -> float | None:
    """P(emergency) of the character n-gram model, only where it could raise (see ``nlp.emchar``):
    the rules found no emergency and cancelled nothing (or only words of another sense), the shared
    head did not raise already and is not calm about it; or the rules cancelled a cue for the event
    itself (past, fiction …) and the shared head is at ``ASK_BOTH_CANCELLED`` (both sure: asked)."""
    if urgency.urgency == "emergency":
        return None
    if urgency.cancelled and not urgency.cancelled_as_other_senses:
        # only to ask about a cue cancelled for the event itself when the shared head is sure too
        if urgency.danger != "none" or p_emergency < ASK_BOTH_CANCELLED:
            return None
    elif not emchar.GATE <= p_emergency < RAISE_EMERGENCY:
        return None
    return _char_p_emergency(norm)


def _char_p_emergency(norm: str) -> float | None:
    model = emchar.load_model()
    return None if model is None else model.p_emergency(norm)


def classify(text: str) -> Classification:
    """Category, urgency, flags and cue words of one resident message; never raises on any text."""
    if _model is None:
        initialize()
    assert _model is not None
    norm = segment.normalize(text if isinstance(text, str) else str(text or ""))
    # The rules read informal now-words in their standard form (``informal_now``); the learned scorers read ``norm``.
    rnorm = informal_now(norm)
    urgency = assess(rnorm, extract_amounts(norm))
    if not segment.readable(norm):
        return _unreadable(urgency)

    tokens = segment.tokenize(norm)
    # One memo probe per token for its cue words, signals, party and word column.
    records = _token_records(_model, tokens)
    token_cues, signals, parties, words = zip(*records, strict=True) if records else ((), (), (), ())
    bounds = ask_bounds(norm)
    hits = _model.feature_ids(norm, tokens, token_cues, ask_features(norm, tokens, bounds) + role_features(norm),
                              signals, words)
    probs, p_emergency, p_high = _model.assess_ids(hits)
    gloss = _gloss_ids(_model, norm, tokens) if GLOSS_WEIGHT else []
    if gloss:
        # The category reads the English and dialect words' Mandarin counterparts too; the urgency heads keep the
        # message's own vector (they were fitted on it, and their thresholds with it).
        probs = _model.category_with(hits, gloss, GLOSS_WEIGHT)
        if GLOSS_TEMPERATURE != 1.0:
            # The calibration was fitted without these columns: the glossed scores are sharper than the
            # model is right, so they are softened by their own temperature (softmax(z / T) = p^(1/T),
            # normalised), and an unsure English message still asks the resident to choose.
            powered = [p ** (1.0 / GLOSS_TEMPERATURE) for p in probs]
            total = sum(powered)
            probs = [p / total for p in powered]
    order = sorted(range(len(probs)), key=probs.__getitem__, reverse=True)
    classes = _model.classes

    # High-precision override: an unambiguous domain word beats an unsure model.
    if probs[order[0]] < LOW_CONFIDENCE_THRESHOLD:
        strong = {STRONG_CUES[tok] for tok in tokens if tok in STRONG_CUES} & set(classes)
        if len(strong) == 1:
            forced = classes.index(strong.pop())
            order = [forced] + [i for i in order if i != forced]
    # Taxonomy: violence, weapons and crime in progress (a 110 emergency) are never a hazard, a
    # question or "other" (a stray dog attack is environment, so that one stays); when the model is
    # unsure, or the danger is happening now, and `security` is its runner-up, the runner-up is
    # right ("楼道里有人拿刀" is about the man, not the stairwell).
    if (urgency.emergency_service == "110"
            and (probs[order[0]] < LOW_CONFIDENCE_THRESHOLD or urgency.danger == "present")
            and (classes[order[0]] in _NOT_VIOLENCE
                 or (classes[order[0]] == "environment" and not _ANIMAL.search(norm)))
            and classes[order[1]] == "security"):
        order = [order[1], order[0], *order[2:]]
    asked = _asked_matter(norm, tokens, token_cues, words)
    if asked is not None and asked != order[0]:
        # The writer set the other matter aside: its words drew the model, the asked part decides.
        probs = list(probs)
        probs[asked], probs[order[0]] = probs[order[0]], probs[asked]
        order = [asked] + [i for i in order if i != asked]
    framed = _frame_override(norm, classes, order, urgency.urgency, urgency.numbers)
    if framed[0] != order[0]:
        # The frame decides the category; it takes the model's top score (the party named drew it).
        probs = list(probs)
        probs[framed[0]], probs[order[0]] = probs[order[0]], probs[framed[0]]
        order = framed
    best = order[0]

    category = classes[best]
    # The learned urgency heads (same features, same dot product) may raise the rules' verdict, or
    # lower an emergency that rests on a mere object mention; see ``nlp.urgency.refine``.
    urgency = refine(urgency, p_emergency, p_high, category, rnorm, _p_char(urgency, p_emergency, norm))
    # A learned check of "present": a danger told as past, settled, quoted or figurative is asked
    # about or dropped; an explicit present emergency never is (see ``nlp.danger``).
    urgency = review_danger(urgency, rnorm, p_high, tokens=tokens, p_emergency=p_emergency,
                            p_char=lambda: _char_p_emergency(norm))
    keywords: list[str] = []
    for cues in filter(None, token_cues):  # most tokens hold no cue
        for cue in cues:
            if category in cue_categories(cue) and cue not in keywords:
                keywords.append(cue)
    if urgency.cues:
        keywords.extend(c for c in urgency.cues if c not in keywords)
    alternatives = tuple((classes[i], round(probs[i], 4)) for i in order[:3])
    return Classification(
        category=category,
        urgency=urgency.urgency,
        # The first alternative is the category itself (best is order[0]): its probability, rounded once
        # (``round(p, 4)`` goes through a decimal string, ~0.5 µs).
        confidence=alternatives[0][1],
        keywords=tuple(keywords),
        flags=urgency.flags,
        alternatives=alternatives,
        emergency_service=urgency.emergency_service,
        danger=urgency.danger,
        numbers=urgency.numbers,
        counterparty=counterparty(tokens, category, parties),
        ask=ask_sentence(norm, bounds),
        problems=_problems(norm, tokens, token_cues, words) if _may_hold_two(norm) else (),
    )


#: Messages shorter than this are one problem (and cost no second scoring) unless a word such
#: as 另外 announces a second matter ("房东不退押金，另外楼上天天半夜吵").
_PROBLEMS_MIN_CHARS = 40
_ANNOUNCED_MIN_CHARS = 10
_SENTENCE_END = frozenset({"。", "!", "?", ";", "\n", "！", "？", "；"})
_SENTENCE_ENDS = re.compile(r"[。!?;\n！？；]+")
_FIRST_END = re.compile(r"[。.!?;\n]")
#: Words that announce a second matter.
# Every branch starts with a literal (look-behinds after it) so that re scans only where one could match.
_ANOTHER = re.compile(
    r"另外(?<![要再多]另外)(?![收加付交给])|此外|除此之外|除了这|"
    r"还有(?:一个|一件|个|件)(?:问题|事)|"
    r"还有(?<=[,.!?;:\n 。，吗呢吧啊呀]还有)(?![一二两三四五六七八九十几\d])(?!人|老人|病人|孩子|小孩|女的|男的|半|很多|好多|没有|什么|个|一|点|些|的|次|时)|"
    r"另一个|另一件|其次|第二(?!天|年|次|日|个月|周|回|期)|再一个|再就是|再说(?:一个|一件|个|件)|顺便|然后我|"
    r"对了|同时(?=我|还|也)|还想(?:反映|问|说|投诉|请|咨询)|也想(?:反映|问|投诉|咨询)|还要反映|再反映|"
    r"also|another"
)
#: "我有两件事", "两个问题想问", "这两件事": the message says it holds two matters.
_ANNOUNCED = re.compile(literal_first(
    r"[两二2几]件事|[两二2几]个问题|[两二2几]个事|这两个|有[两二2]点|以下[两二2]点|[两二2]方面|"
    r"的事[^。.!?;\n]{0,20}的事|的事也|的问题也|也想请|都想请|一并"
))
_NUMBERED = re.compile(r"(?:^|[。.!?;\n,])\s*(?:二|2)[、.,:]")
#: Each part must be this sure of its category (after an announcing word, or when the message
#: says it holds two matters).
_PROBLEM_CONFIDENCE = 0.5
#: With nothing announcing a second matter, a sentence boundary splits only when both sides are
#: this sure of different categories: the context sentences of a long letter score lower.
_UNANNOUNCED_CONFIDENCE = 0.9
#: At most this many sentence boundaries are tried (the first ones: a second matter rarely
#: starts in the closing request of a long letter), so a long letter costs a bounded number of
#: dot products.
_MAX_BOUNDARIES = 8
_UNANNOUNCED_MAX_BOUNDARIES = 1
#: "现在是…": what came before is background to the one matter, not a matter of its own.
_NOW_THE_MATTER = ("现在是", "现在的问题", "现在我", "所以", "因此", "结果")
_NOT_A_PROBLEM = frozenset({"consult", "other"})


def _first_sentence_end(norm: str) -> int:
    """Where a second matter may start: after the first sentence, or (a short message told in one
    sentence) after its first third."""
    end = _FIRST_END.search(norm, 0, 20)
    return end.start() if end is not None else min(20, len(norm) // 3)


def _may_hold_two(norm: str) -> bool:
    if len(norm) >= _PROBLEMS_MIN_CHARS:
        return True
    if len(norm) < _ANNOUNCED_MIN_CHARS:
        return False
    found = _ANOTHER.search(norm, _first_sentence_end(norm))
    # In one short sentence "…，还有…" goes on describing the same scene ("有人喊救命，还有摔打的声音").
    return found is not None and not (found.group().startswith("还有") and norm[found.start() - 1] in ",，")


def _problems(
    norm: str, tokens: list[str], token_cues: Sequence[tuple[str, ...]], words: Sequence[int]
) -> tuple[Problem, ...]:
    """Two problems when the text before a cut and the text from it on are confidently of
    different categories.

    The cut is the sentence (or, in a long unpunctuated voice message, the word) where a second
    matter is announced (另外, 还有一个问题, 顺便, 对了 …); else, when the message says it holds two
    matters (两件事, …的事…的事) or otherwise, the sentence boundary where both sides are surest —
    with a stricter bar when nothing was announced, because the context sentences of a long letter
    (the 物业 that did nothing, the fire that started it all) score as categories of their own.
    Reuses the message's tokens (no second segmentation): two dot products per cut tried.
    """
    assert _model is not None
    first_end = _first_sentence_end(norm)
    found = _ANOTHER.search(norm, first_end)
    announced = _ANNOUNCED.search(norm) is not None
    if announced:
        numbered = _NUMBERED.search(norm, first_end)
        if numbered is not None and (found is None or numbered.start() < found.start()):
            found = numbered
    if found is None and not announced and len(_SENTENCE_ENDS.findall(norm.rstrip("。.!?;\n！？； "))) != 1:
        return ()  # nothing announced and not two sentences: one problem, at the cost of one scan
    # Where each token starts in the text (tokens carry no spaces), and the sentence boundaries.
    starts: list[int] = []
    boundaries: list[int] = []
    offset, cut, sentence_start = 0, None, 0
    for i, tok in enumerate(tokens):
        place = norm.find(tok, offset)
        offset = place if place >= 0 else offset
        starts.append(offset)
        if found is not None and cut is None and offset >= found.start():
            cut = sentence_start if i - sentence_start <= 3 else i
        offset += len(tok)
        if tok in _SENTENCE_END:
            sentence_start = i + 1
            if 3 <= sentence_start <= len(tokens) - 3:
                boundaries.append(sentence_start)

    def split(at: int) -> tuple[float, tuple[Problem, ...]]:
        parts = []
        sure = 1.0
        for a, b in ((0, at), (at, len(tokens))):
            text = norm[starts[a] : starts[b] if b < len(tokens) else len(norm)].strip()
            probs = _model.assess_ids(_model.feature_ids(text, tokens[a:b], token_cues[a:b], words=words[a:b]))[0]
            best = max(range(len(probs)), key=probs.__getitem__)
            if _model.classes[best] in _NOT_A_PROBLEM:
                return 0.0, ()
            sure = min(sure, probs[best])
            category = _model.classes[best]
            parts.append(Problem(restore_punctuation(text), category, counterparty(tokens[a:b], category)))
        return (sure, tuple(parts)) if parts[0].category != parts[1].category else (0.0, ())

    if cut and cut < len(tokens) - 3:
        sure, parts = split(cut)
        if sure >= _PROBLEM_CONFIDENCE:
            return parts
    # Decided before scoring any boundary: with nothing announced, this many sentences (or one
    # opening with 现在是/所以 …) is one matter told at length, whatever the scores.
    if not announced and (len(boundaries) > _UNANNOUNCED_MAX_BOUNDARIES
                          or any(norm.startswith(_NOW_THE_MATTER, starts[at]) for at in boundaries)):
        return ()
    best_sure, best_parts = 0.0, ()
    for at in boundaries[:_MAX_BOUNDARIES]:
        if at == cut:
            continue
        sure, parts = split(at)
        if sure > best_sure:
            best_sure, best_parts = sure, parts
    bar = _PROBLEM_CONFIDENCE if announced else _UNANNOUNCED_CONFIDENCE
    return best_parts if best_sure >= bar else ()
