"""Personal data pasted into a notice (保密审查): pii-id-number, pii-mobile, pii-bank-card.

Disclosure excludes personal privacy (《政府信息公开条例》art. 15; DOMAIN.md "Confidentiality").
The software cannot judge secrets, but it stops the most common leak: an 18-digit resident ID
number with a valid GB 11643 check digit, a personal mobile number, or a Luhn-valid bank card
number. Office landlines (0379-63265074, 63265074) are not personal data and are not flagged.
Findings mask the number, so CI logs never carry a full ID number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ..diagnostics import Finding, Severity

_ID = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{4})(\d{2})(\d{2})\d{3}[0-9Xx](?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![\d+])(?:(?:\+|00)?86[-\s]?)?(1[3-9]\d)[-\s]?(\d{4})[-\s]?(\d{4})(?!\d)")
_CARD = re.compile(r"(?<![\d-])(?:\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?)(?![\d-])")
# Cheap pre-filter: a run of 11+ characters of digits and separators. Only such runs can hold
# one of the numbers above; prose, tables of figures and dates are skipped without the slow scan.
_CANDIDATE = re.compile(r"[\d+][\d \-+]{9,}[\dXx]")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_check_digit(first17: str) -> str:
    """The GB 11643-1999 check character of the first 17 digits of a resident ID number."""
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def is_resident_id(number: str) -> bool:
    """True for an 18-character resident ID with a real birth date and a valid check digit."""
    match = _ID.fullmatch(number)
    if not match:
        return False
    try:
        born = date(int(match[2]), int(match[3]), int(match[4]))
    except ValueError:
        return False
    return born.year >= 1900 and id_check_digit(number[:17]) == number[17].upper()


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def mask(digits: str) -> str:
    """Keep the first 3 and last 4 characters: 110101********1234, 138****5678."""
    keep_head = 3 if len(digits) <= 11 else 6
    return digits[:keep_head] + "*" * (len(digits) - keep_head - 4) + digits[-4:]


@dataclass(frozen=True, slots=True)
class PersonalNumber:
    rule: str
    kind: str  # Chinese name used in messages
    digits: str  # separators removed
    offset: int  # offset in the scanned text

    @property
    def masked(self) -> str:
        return mask(self.digits)


def find_personal_numbers(text: str) -> Iterator[PersonalNumber]:
    """Every ID, mobile and card number in `text`, in order; spans never overlap."""
    for run in _CANDIDATE.finditer(text):
        # one character of context each side keeps the look-arounds of the patterns exact
        start = max(0, run.start() - 1)
        for number in _scan(text[start : run.end() + 1]):
            yield PersonalNumber(number.rule, number.kind, number.digits, number.offset + start)


def _scan(text: str) -> list[PersonalNumber]:
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    found: list[PersonalNumber] = []
    for match in _ID.finditer(text):
        if is_resident_id(match[0]):
            taken.append(match.span())
            found.append(PersonalNumber("pii-id-number", "居民身份证号码", match[0].upper(), match.start()))
    for match in _CARD.finditer(text):
        digits = re.sub(r"[ -]", "", match[0])
        if 16 <= len(digits) <= 19 and free(*match.span()) and luhn_valid(digits):
            taken.append(match.span())
            found.append(PersonalNumber("pii-bank-card", "银行卡号", digits, match.start()))
    for match in _MOBILE.finditer(text):
        if free(*match.span()):
            taken.append(match.span())
            found.append(PersonalNumber("pii-mobile", "手机号码", match[1] + match[2] + match[3], match.start()))
    return sorted(found, key=lambda p: p.offset)


def privacy_findings(
    path: str,
    text: str,
    allowed: frozenset[str],
    *,
    department: str | None = None,
    item: str | None = None,
    notice: str | None = None,
) -> list[Finding]:
    """Findings for the personal numbers in a file's full text (front matter and body)."""
    findings = []
    for number in find_personal_numbers(text):
        if number.digits in allowed:
            continue
        line = text.count("\n", 0, number.offset) + 1
        findings.append(
            Finding(
                number.rule,
                Severity.ERROR,
                path,
                line,
                f"疑似公开了个人{number.kind} {number.masked}:请删除或打码;确需公开的,在 front matter 的"
                f" 'pii_allow' 中登记该号码及理由",
                department=department,
                item=item,
                notice=notice,
            )
        )
    return findings
