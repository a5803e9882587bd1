"""Numbers of the source must survive translation, whatever notation each side uses.

Values are compared, not spellings: "21,000", "21000", "2.1万" and "21 thousand" are
one number, and so are "12亿" and "1.2 billion". Some readings are only *soft*: month
names, spelled-out English numbers and lone Chinese numerals (一, 两, 十分 ...) can
satisfy a source number but are never demanded or reported, because they are too
often not numbers at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .base import Check, CheckContext, Issue, Severity

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
CN_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS = {"万": 10**4, "亿": 10**8}
CN_UNITS = CN_SMALL_UNITS | CN_BIG_UNITS

EN_MAGNITUDES = {
    "hundred": 10**2,
    "thousand": 10**3,
    "k": 10**3,
    "million": 10**6,
    "mn": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "trillion": 10**12,
}
_EN_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
)
EN_WORDS = _EN_WORDS.split()
EN_TENS = {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70}
EN_TENS |= {"eighty": 80, "ninety": 90, "twenty": 20}
_EN_ORDINALS = (
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
    "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth "
    "nineteenth twentieth"
)
EN_ORDINALS = _EN_ORDINALS.split()
EN_SPELLED = {w: i for i, w in enumerate(EN_WORDS)} | {w: i for i, w in enumerate(EN_ORDINALS)}
EN_SPELLED |= EN_TENS | {"dozen": 12, "hundred": 100}
_MONTHS = "january february march april may june july august september october november december"
MONTHS = _MONTHS.split()

# Digits with optional thousands separators and decimals, not preceded by a Latin letter
# (so "G20" is a code, not a quantity) but allowed to touch Han characters, which have
# no spaces around them, and units ("100km" is 100 like "100公里").
DIGITS = (
    r"(?<![A-Za-z0-9_])(?<!\d[.,])(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?(?!\d)(?!\.\d)"
)
MAGNITUDE = (
    r"(?:\s*(?P<cn>[十百千万亿]+)"
    r"|\s*(?P<en>(?i:hundred|thousand|million|billion|trillion))\b"
    r"|(?P<abbr>k|mn|bn)\b)?"
)
NUMBER_RE = re.compile(DIGITS + MAGNITUDE + r"(?P<tail>%|st\b|nd\b|rd\b|th\b|s\b)?")
CN_NUMERAL_RE = re.compile("[〇零一二两三四五六七八九十百千万亿]+")
SPELLED_RE = re.compile(
    r"\b(?P<word>(?:" + "|".join(sorted(EN_SPELLED, key=len, reverse=True)) + r")"
    r"(?:-(?:" + "|".join(EN_WORDS[1:10] + EN_ORDINALS[1:10]) + r"))?)"
    r"(?:\s+(?P<mag>hundred|thousand|million|billion|trillion))?\b",
    re.IGNORECASE,
)
# Full-width digits, ％ and ，are common in Chinese. Folding them one character for one
# keeps every span valid in the original text (NFKC would not: it expands ligatures).
FULL_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
FULL_WIDTH_RE = re.compile("[\uff01-\uff5e\u3000]")
DIGIT_RE = re.compile(r"\d")
MONTH_RE = re.compile(r"\b(?:" + "|".join(m.capitalize() for m in MONTHS) + r")\b")


@dataclass(frozen=True)
class Number:
    value: Decimal
    text: str
    span: tuple[int, int]
    firm: bool  # firm numbers are demanded and reported; soft ones only satisfy


def chinese_numeral_value(run: str) -> Decimal | None:
    """Value of a run like 十三, 二十一, 三千五百, 一万二千 or 二〇二二; None if malformed."""
    if not any(ch in CN_UNITS for ch in run):
        if any(ch not in CN_DIGITS or ch == "两" for ch in run):
            return None
        return Decimal("".join(str(CN_DIGITS[ch]) for ch in run))  # read positionally
    total, section, digit = 0, 0, None
    for ch in run:
        if ch in CN_DIGITS:
            if digit is not None and CN_DIGITS[ch] != 0:
                return None  # two digits in a row without a unit: 三三两两
            digit = CN_DIGITS[ch] or None
        elif ch in CN_SMALL_UNITS:
            section += (1 if digit is None else digit) * CN_SMALL_UNITS[ch]
            digit = None
        else:
            if section == 0 and digit is None and total == 0:
                return None  # 万一, 亿万: idioms, not amounts
            total = (total + section + (digit or 0)) * CN_BIG_UNITS[ch]
            section, digit = 0, None
    return Decimal(total + section + (digit or 0))


def is_firm_chinese(run: str) -> bool:
    """Only runs that read unambiguously as amounts are demanded from the target.

    A single 一 or 两 is mostly a word (统一, 两会); 千万 means "by all means"; 十分
    means "very". A run needs a digit and a unit (二十, 三千, 一万), or four positional
    digits (a year such as 二〇二二).
    """
    if run[0] in CN_UNITS and run[0] != "十":
        return False
    has_digit = any(ch in CN_DIGITS for ch in run)
    has_unit = any(ch in CN_UNITS for ch in run)
    return (has_digit and has_unit and len(run) >= 2) or (not has_unit and len(run) == 4)


def extract_numbers(text: str) -> list[Number]:
    """Every number of ``text``, firm or soft, with its span in ``text``."""
    text = _fold_full_width(text)
    return _digits_and_numerals(text) + _number_words(text)


def _fold_full_width(text: str) -> str:
    return text.translate(FULL_WIDTH) if FULL_WIDTH_RE.search(text) else text


def _digits_and_numerals(text: str, *, soft: bool = True) -> list[Number]:
    """The numbers written in digits (firm) and in Chinese numerals (firm or soft) of a
    text whose full-width forms are folded already; the firm ones alone if not ``soft``
    (random Han text is full of 一 and 三 that are words, not amounts)."""
    found: list[Number] = []
    taken: list[tuple[int, int]] = []
    if DIGIT_RE.search(text):  # NUMBER_RE starts at a digit
        for m in NUMBER_RE.finditer(text):
            value = Decimal(m["int"].replace(",", "") + ("." + m["frac"] if m["frac"] else ""))
            if m["cn"]:
                for ch in m["cn"]:
                    value *= CN_UNITS[ch]
            elif m["en"] or m["abbr"]:
                value *= EN_MAGNITUDES[(m["en"] or m["abbr"]).lower()]
            found.append(Number(value, m.group().strip(), m.span(), firm=True))
            taken.append(m.span())
    if text.isascii():
        return found  # no Chinese numeral
    for m in CN_NUMERAL_RE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue  # the 万 of "2.1万" was read with its digits
        if not soft and not is_firm_chinese(m.group()):
            continue
        value = chinese_numeral_value(m.group())
        if value is not None:
            found.append(Number(value, m.group(), m.span(), firm=is_firm_chinese(m.group())))
    return found


def _number_words(text: str) -> list[Number]:
    """Spelled-out numbers and month names: always soft."""
    found: list[Number] = []
    for m in SPELLED_RE.finditer(text):
        value = _spelled_value(m["word"].lower())
        if m["mag"]:
            value *= EN_MAGNITUDES[m["mag"].lower()]
        found.append(Number(value, m.group(), m.span(), firm=False))
    for m in MONTH_RE.finditer(text):
        value = Decimal(MONTHS.index(m.group().lower()) + 1)
        found.append(Number(value, m.group(), m.span(), firm=False))
    return found


def _spelled_value(word: str) -> Decimal:
    tens, _, ones = word.partition("-")
    value = EN_SPELLED[tens]
    if ones:
        value += EN_SPELLED[ones]
    return Decimal(value)


class NumbersCheck(Check):
    check_id = "numbers"
    name = "Numbers"
    description = (
        "Every number of the source appears in the target (by value: 21,000 = 2.1万 = "
        "21 thousand; 12亿 = 1.2 billion), and the target adds none."
    )
    severity = Severity.ERROR

    def check(self, ctx: CheckContext) -> list[Issue]:
        if not ctx.has_source:
            return []
        source_text, target_text = _fold_full_width(ctx.source), _fold_full_width(ctx.target)
        target = _digits_and_numerals(target_text)
        # A soft number of the source only ever answers a firm one of the target.
        source = _digits_and_numerals(source_text, soft=any(n.firm for n in target))
        # Number words are soft: they only matter when the other side has a firm number
        # that nothing found yet satisfies (most segments have none, or have its digits,
        # and SPELLED_RE is the slowest pattern).
        target_values = {n.value for n in target}
        source_values = {n.value for n in source}
        if any(n.firm and n.value not in target_values for n in source):
            target += (words := _number_words(target_text))
            target_values.update(n.value for n in words)
        if any(n.firm and n.value not in source_values for n in target):
            source += (words := _number_words(source_text))
            source_values.update(n.value for n in words)
        issues: list[Issue] = []
        reported: set[Decimal] = set()
        for number in source:
            if number.firm and number.value not in target_values | reported:
                reported.add(number.value)
                issues.append(self.issue(f'Number "{number.text}" of the source is missing'))
        reported.clear()
        for number in target:
            if number.firm and number.value not in source_values | reported:
                reported.add(number.value)
                issues.append(
                    self.issue(
                        f'Number "{number.text}" is not in the source',
                        (number.span,),
                        Severity.WARNING,
                    )
                )
        return issues
