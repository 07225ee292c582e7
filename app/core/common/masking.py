"""Masking of personal data for screens and paper (PIPL; GB/T 35273): the one module that decides
every masked form, so that what one column hides another column does not give back.

Phones keep their first three and last four digits (138****5678), names their first and last
character (张*三), ID numbers their region and last four (420106********1234).

An ID number and a birth date are never shown together masked. An 18-character number (GB 11643)
is 6 region digits, the birth date YYYYMMDD, 3 sequence digits and a MOD 11-2 check character,
and the mask hides exactly the birth date. The four characters it keeps include the check
character, which leaves about one birthday in eleven possible: printed beside the mask, the birth
date makes the number whole again, and so would its month and day beside an age. So wherever an ID
number is masked, the birth date is not shown; the age in whole years stands in its place
(`masked_birth`: 61岁, or the number `age_on` gives under a 年龄 heading on screen). An age leaves a
whole year of birthdays open, some thirty numbers that pass the check, and still tells a grid worker
what a birth date is wanted for there (the elderly, infants). Gender adds nothing: the sequence
digit the mask keeps already tells it.
"""

from __future__ import annotations

from datetime import date

from app.core.registry.idnumber import mask as mask_id_number

MASKED_NOTE = "身份证号与电话已脱敏，出生日期以年龄代替。"  # said on every masked list and file


def mask_phone(phone: str | None) -> str:
    """138****5678 for a mobile; a landline keeps its area code and last four."""
    if not phone:
        return ""
    digits = phone.strip()
    if len(digits) == 11 and digits.isdigit():
        return digits[:3] + "****" + digits[7:]
    if len(digits) > 8:
        return digits[: len(digits) - 8] + "****" + digits[-4:]
    return "****" + digits[-4:] if len(digits) > 4 else "*" * len(digits)


def mask_name(name: str | None) -> str:
    """张*三 / 李* / 欧阳*明: the first and last characters stay, the middle is starred."""
    if not name:
        return ""
    if len(name) == 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def age_on(born: date | None, today: date) -> int | None:
    """Whole years since `born` on `today` (the birthday itself counts); None when unknown."""
    if born is None:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def masked_birth(born: date | None, today: date) -> str:
    """What a masked list or file shows for a birth date: the age, 61岁 ("" when unknown)."""
    age = age_on(born, today)
    return "" if age is None else f"{age}岁"


__all__ = [
    "MASKED_NOTE",
    "age_on",
    "mask_id_number",
    "mask_name",
    "mask_phone",
    "masked_birth",
]
