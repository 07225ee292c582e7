"""Resident ID numbers (公民身份号码) under GB 11643-1999.

18 characters: a 6-digit region code, the birth date YYYYMMDD, a 3-digit sequence number (odd for
men, even for women) and a check character computed with ISO 7064 MOD 11-2 (0-9 or X).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"


def check_char(first17: str) -> str:
    """The MOD 11-2 check character for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


@dataclass(frozen=True)
class IdInfo:
    number: str
    birth_date: date
    gender: str  # "M" or "F"
    region: str


class IdNumberError(ValueError):
    """Why a string is not a valid ID number; `code` is the reason code used in import reports."""

    def __init__(self, code: str, zh: str, en: str) -> None:
        super().__init__(zh)
        self.code = code
        self.zh = zh
        self.en = en


def normalise(raw: str) -> str:
    """Strip spaces, upper-case x, turn full-width digits into ASCII."""
    table = {0xFF10 + i: 0x30 + i for i in range(10)}
    table.update({0xFF38: ord("X"), 0xFF58: ord("X")})
    cleaned = "".join(raw.translate(table).split())
    return cleaned.replace("\u200b", "").upper()


def upgrade_15(number15: str) -> str:
    """A first-generation 15-digit number (born 19YY) as its 18-digit form."""
    first17 = number15[:6] + "19" + number15[6:15]
    return first17 + check_char(first17)


def parse(raw: str) -> IdInfo:
    """Validate an ID number and return what it says; raises IdNumberError with the reason."""
    number = normalise(raw)
    if len(number) == 15 and number.isdigit():
        number = upgrade_15(number)
    if (
        len(number) != 18
        or not number[:17].isdigit()
        or not (number[17].isdigit() or number[17] == "X")
    ):
        raise IdNumberError(
            "id_format",
            f"身份证号应为18位（末位可为X）：{number}",
            f"An ID number has 18 characters (the last may be X): {number}",
        )
    if number[0] == "0":
        raise IdNumberError(
            "id_format",
            f"身份证号的地区码无效：{number[:6]}",
            f"Invalid region code in the ID number: {number[:6]}",
        )
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise IdNumberError(
            "id_format",
            f"身份证号中的出生日期无效：{number[6:14]}",
            f"Invalid birth date in the ID number: {number[6:14]}",
        ) from None
    if born.year < 1880 or born > date.today():
        raise IdNumberError(
            "id_format",
            f"身份证号中的出生日期不合理：{number[6:14]}",
            f"Implausible birth date in the ID number: {number[6:14]}",
        )
    expected = check_char(number[:17])
    if number[17] != expected:
        raise IdNumberError(
            "id_checksum",
            f"身份证号校验位错误：{number}",
            f"The ID number's check character is wrong: {number}",
        )
    gender = "M" if int(number[16]) % 2 == 1 else "F"
    return IdInfo(number=number, birth_date=born, gender=gender, region=number[:6])


def make(region: str, born: date, sequence: int, gender: str) -> str:
    """Build a valid number (the demo community uses this); `sequence` 0-499."""
    seq3 = sequence * 2 + (1 if gender == "M" else 0)
    first17 = f"{region}{born:%Y%m%d}{seq3 % 1000:03d}"
    return first17 + check_char(first17)


def mask(number: str | None) -> str:
    """420106********1234: region and the last four only."""
    if not number:
        return ""
    if len(number) <= 10:
        return number[:2] + "*" * max(len(number) - 4, 0) + number[-2:]
    return number[:6] + "*" * (len(number) - 10) + number[-4:]
