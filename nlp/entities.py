"""Entities in a message (money, phone and ID numbers, places) and PII masking.

Why here: the amount decides the ``large_sum`` flag, the place helps routing, and phone/ID numbers
must never reach logs or anyone before an assignee has accepted the case (DESIGN.md).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from nlp.segment import MAX_CHARS

# ---------------------------------------------------------------------------------------------
# PII: the patterns are compiled once; ID cards first because an 18-digit run contains 11 digits.
_ID_CARD = re.compile(r"(?<![0-9])([1-9]\d{5})(\d{8})(\d{3}[0-9Xx])(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9])(?:\+?86[ -]?)?(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?![0-9])")
_LANDLINE = re.compile(r"(?<![0-9])(0\d{2,3})[ -]?(\d{3,4})[ -]?(\d{4})(?![0-9])")
_HAS_DIGITS = re.compile(r"\d{7}")  # cheap pre-check: no 7-digit run, nothing to mask


def _mask_id(m: re.Match[str]) -> str:
    whole = m.group(0)
    return whole[:4] + "*" * (len(whole) - 8) + whole[-4:]


def _mask_mobile(m: re.Match[str]) -> str:
    return f"{m.group(1)}****{m.group(3)}"


def _mask_landline(m: re.Match[str]) -> str:
    return f"{m.group(1)}-****{m.group(3)}"


def mask(text: str) -> str:
    """Replace ID-card, mobile and landline numbers: ``138****5678``, ``4602**********1234``."""
    if not text or not _HAS_DIGITS.search(text):
        return text
    text = _ID_CARD.sub(_mask_id, text)
    text = _MOBILE.sub(_mask_mobile, text)
    return _LANDLINE.sub(_mask_landline, text)


_ESCAPE = re.compile(r"(\\u[0-9a-fA-F]{4})")


def _mask_log_text(text: str) -> str:
    """``mask`` for log text, which may quote JSON with ``\\uXXXX`` escapes (database drivers'
    DEBUG lines): an escape counts as a boundary, so ``\\u8bc1460200…`` is still an ID number."""
    if "\\u" not in text:
        return mask(text)
    parts = _ESCAPE.split(text)
    return "".join(part if i % 2 else mask(part) for i, part in enumerate(parts))


class MaskingFilter(logging.Filter):
    """Masks phone and ID-card numbers in log records — message, traceback and stack — so logs
    never hold them in clear (a traceback may quote the resident's words).

    Install on a handler (``handler.addFilter(MaskingFilter())``) so it covers every logger.
    """

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string is the logging module's problem, not ours
            return True
        masked = _mask_log_text(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = _mask_log_text(record.exc_text)
        if record.stack_info:
            record.stack_info = _mask_log_text(record.stack_info)
        return True


# ---------------------------------------------------------------------------------------------
# Money. Chinese numerals are parsed by hand: 十二万, 一百万, 两万, 三千五, 十几万, 二十多万.
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9, "几": 1}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUM = "零〇一二两俩三四五六七八九十百千几"

_AMOUNT = re.compile(
    rf"(?:[¥￥]\s*(?P<yen>\d+(?:\.\d+)?))"
    rf"|(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|[{_CN_NUM}]+)(?:多|几|余|来)?\s*(?P<mult>万|千|亿|k(?![a-z])|w(?![a-z]))?(?:多|几|余)?"
    rf"(?P<tail>[一二三四五六七八九\d](?![\d{_CN_NUM}万千]))?\s*"
    rf"(?P<cur>元|块钱|块|rmb|yuan|人民币)?"
)
#: No amount without one of these (a currency or a multiplier): one scan in C decides.
_MONEY_HINT = re.compile(r"[元块万千¥￥kwy]")
_MULTIPLIERS = {"万": 10_000, "w": 10_000, "千": 1000, "k": 1000, "亿": 100_000_000}


def cn_to_int(s: str) -> int | None:
    """Parse a Chinese numeral below 10,000 (万 is handled by the caller): 十二 → 12, 三百五 → 350."""
    total, digit = 0, None
    for ch in s:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        else:
            return None
    if digit is not None:
        # 三百五 means 350: a trailing digit after a unit is one order of magnitude below it.
        if total and s[-2] in _CN_UNITS:
            total += digit * _CN_UNITS[s[-2]] // 10
        else:
            total += digit
    return total


def _parse_number(s: str) -> float | None:
    if s[0].isdigit():
        return float(s.replace(",", ""))
    return cn_to_int(s)


def extract_amounts(text: str) -> tuple[int, ...]:
    """Amounts of money in yuan, in order of appearance. A bare number needs 万/千 or a currency."""
    if _MONEY_HINT.search(text) is None:
        return ()
    found: list[int] = []
    for m in _AMOUNT.finditer(text):
        if m.group("yen"):
            found.append(round(float(m.group("yen"))))
            continue
        mult, cur = m.group("mult"), m.group("cur")
        num = m.group("num")
        if not mult and not cur and "千" not in num:
            continue  # a bare 3 or 十二 is a count of something else; 两千 / 三千五 are money
        number = _parse_number(num)
        if number is None or number == 0:
            continue
        factor = _MULTIPLIERS.get(mult or "", 1)
        value = number * factor
        tail = m.group("tail")
        if tail and mult in ("万", "w", "千", "k"):
            tail_digit = int(tail) if tail.isdigit() else _CN_DIGITS[tail]
            value += tail_digit * factor // 10  # 1万5 → 15000, 三千五 → 3500
        found.append(round(value))
    return tuple(found)


# ---------------------------------------------------------------------------------------------
_BUILDING = re.compile(
    r"(?:\d+|[一二三四五六七八九十]+)(?:号楼|栋|幢|座)(?:\d+单元)?(?:\d{3,4}(?:室|房|号)?)?"
    r"|\d+单元\d{3,4}(?:室|房|号)?"
    r"|(?<![\d.])\d{3,4}(?:室|房)(?!间)"
)
_COMMUNITY_SUFFIXES = ("社区居委会", "村民委员会", "居委会", "村委会", "社区", "小区", "街道", "村", "苑")


@dataclass(frozen=True, slots=True)
class Entities:
    """What a message names; all tuples keep the order of appearance."""

    amounts: tuple[int, ...] = ()
    phones: tuple[str, ...] = ()
    id_cards: tuple[str, ...] = ()
    communities: tuple[str, ...] = ()
    buildings: tuple[str, ...] = ()


def _aliases(name: str) -> list[str]:
    aliases = [name]
    for suffix in _COMMUNITY_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            aliases.append(name[: -len(suffix)])
            break
    return aliases


def extract_entities(text: str, communities: Sequence[str] = ()) -> Entities:
    """Find amounts (yuan), phone and ID numbers, known community names and building/room numbers.

    ``communities`` are the canonical names from the roster; a message naming "群众街" is matched
    to "群众街社区". The canonical name is returned.
    """
    from nlp.segment import normalize

    norm = normalize(text or "")
    head = norm[:MAX_CHARS]
    id_cards = tuple(m.group(0).upper() for m in _ID_CARD.finditer(head))
    without_ids = _ID_CARD.sub(" ", head)
    phones = tuple(re.sub(r"[ -]", "", m.group(0)) for m in _MOBILE.finditer(without_ids))
    without_phones = _MOBILE.sub(" ", without_ids)
    phones += tuple(re.sub(r"[ -]", "", m.group(0)) for m in _LANDLINE.finditer(without_phones))
    clean = _LANDLINE.sub(" ", without_phones)
    found_communities = tuple(
        name for name in communities if name and any(alias.lower() in head for alias in _aliases(name))
    )
    return Entities(
        amounts=extract_amounts(clean),
        phones=phones,
        id_cards=id_cards,
        communities=found_communities,
        buildings=tuple(m.group(0) for m in _BUILDING.finditer(clean)),
    )
