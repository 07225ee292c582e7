"""Can a masked ID number be rebuilt from what is shown beside it? The test of `app.core.common.masking`'s
rule, as someone holding a masked list would go about it.

420106********1234 hides the 8 birth-date digits of a GB 11643 number and keeps the sequence and
the check character. Whoever holds the list tries every calendar date the row allows (the birth
date if one is shown, else a year of dates for an age, a month and day, ...) and keeps those whose
MOD 11-2 check character is the one printed: when exactly one number remains, the number is rebuilt.

The check character is computed here from its definition (ISO 7064 MOD 11-2), not taken from
`app.core.registry.idnumber`, so that a mistake there cannot make the two agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

EARLIEST = date(1880, 1, 1)  # no number is older (and the app refuses older ones)
_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))  # 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2

MASKED = re.compile(r"(?<![0-9X*])([1-9]\d{5})\*{8}(\d{3}[0-9X])(?![0-9X*])")
_FULL_DATES = (
    re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(\d{4})/(\d{1,2})/(\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(\d{4})\.(\d{1,2})\.(\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
    re.compile(r"(?<![\d*])((?:18|19|20)\d{2})(\d{2})(\d{2})(?![\d*])"),  # 19650312
)
_MONTH_DAYS = (
    re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
    re.compile(r"^\s*(\d{1,2})-(\d{1,2})\s*$"),  # a cell of its own: 03-12
)
_AGE = re.compile(r"(?<!\d)(\d{1,3})\s*(?:岁|周岁)")
_BARE_NUMBER = re.compile(r"^\s*(\d{1,3})\s*$")


def check_char(first17: str) -> str:
    """ISO 7064 MOD 11-2: the character that makes the weighted sum 1 modulo 11."""
    value = (12 - sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11) % 11
    return "X" if value == 10 else str(value)


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _days(first: date, last: date) -> Iterable[date]:
    day = max(first, EARLIEST)
    while day <= last:
        yield day
        day += timedelta(days=1)


def _month_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def candidates(
    masked: str,
    *,
    on: Sequence[date],
    born: date | None = None,
    age: int | None = None,
    month_day: tuple[int, int] | None = None,
    gender: str | None = None,
) -> set[str]:
    """Every valid number (a real date no later than `on`, the right check character) that the
    mask and what is shown allow. `on`: the day(s) the output was made, for an age."""
    found = MASKED.fullmatch(masked)
    assert found, f"not a masked ID number: {masked!r}"
    region, tail = found.groups()
    last = max(on)
    if born is not None:
        days: Iterable[date] = [born] if EARLIEST <= born <= last else []
    elif age is not None:
        days = sorted(
            {
                d
                for o in on
                for d in _days(date(o.year - age - 1, 1, 1), min(date(o.year - age, 12, 31), o))
                if _age(d, o) == age
            }
        )
    elif month_day is not None:
        days = [
            d
            for y in range(EARLIEST.year, last.year + 1)
            if (d := _month_day(y, *month_day)) is not None and d <= last
        ]
    else:
        days = _days(EARLIEST, last)
    out = set()
    for d in days:
        if age is not None and all(_age(d, o) != age for o in on):
            continue
        if month_day is not None and (d.month, d.day) != month_day:
            continue
        first17 = f"{region}{d:%Y%m%d}{tail[:3]}"
        if check_char(first17) != tail[3]:
            continue
        if gender is not None and ("M" if int(tail[2]) % 2 else "F") != gender:
            continue
        out.add(first17 + tail[3])
    return out


@dataclass(frozen=True)
class Shown:
    """What a row shows beside a masked ID number that bears on the birth date it hides. Every
    full date is taken for a possible birth date (the one that is not costs nothing)."""

    dates: frozenset[date] = frozenset()
    ages: frozenset[int] = frozenset()
    month_days: frozenset[tuple[int, int]] = frozenset()
    genders: frozenset[str] = frozenset()


def read_row(cells: Sequence[str], headers: Sequence[str] | None = None) -> tuple[list[str], Shown]:
    """The masked ID numbers in a row (cells, or the one line of text a row is on paper) and what
    else it shows; `headers`, where known, tell a bare number under 年龄 for an age."""
    numbers: list[str] = []
    dates: set[date] = set()
    ages: set[int] = set()
    month_days: set[tuple[int, int]] = set()
    genders: set[str] = set()
    for i, cell in enumerate(cells):
        text = "" if cell is None else str(cell)
        numbers += [m.group(0) for m in MASKED.finditer(text)]
        plain = MASKED.sub(" ", text)
        for pattern in _FULL_DATES:
            for y, m, d in pattern.findall(plain):
                if (day := _month_day(int(y), int(m), int(d))) is not None:
                    dates.add(day)
        for pattern in _MONTH_DAYS:
            for m, d in pattern.findall(plain):
                if _month_day(2000, int(m), int(d)) is not None:
                    month_days.add((int(m), int(d)))
        ages.update(int(a) for a in _AGE.findall(plain))
        header = headers[i] if headers is not None and i < len(headers) else ""
        if "年龄" in header and (bare := _BARE_NUMBER.match(plain)):
            ages.add(int(bare.group(1)))
        genders.update(
            {"男": "M", "女": "F"}[g] for g in re.findall(r"(?<!\w)([男女])(?!\w)", plain)
        )
    return numbers, Shown(
        frozenset(dates), frozenset(ages), frozenset(month_days), frozenset(genders)
    )


def rebuild(masked: str, shown: Shown, on: Sequence[date]) -> str | None:
    """The number, when some reading of what is shown leaves exactly one candidate; else None.

    Each shown date, age and month-day is tried alone and together with the others (a row may show
    a date that is not the birth date). Nothing shown about the date leaves thousands of numbers,
    so that reading is not enumerated."""
    for born in (None, *sorted(shown.dates)):
        for age in (None, *sorted(shown.ages)):
            for month_day in (None, *sorted(shown.month_days)):
                if born is None and age is None and month_day is None:
                    continue
                for gender in (None, *sorted(shown.genders)):
                    found = candidates(
                        masked, on=on, born=born, age=age, month_day=month_day, gender=gender
                    )
                    if len(found) == 1:
                        return found.pop()
    return None


def check_masked_rows(
    rows: Iterable[Sequence[str]],
    numbers: Iterable[str],
    on: Sequence[date],
    headers: Sequence[str] | None = None,
) -> int:
    """Asserts that no masked ID number in `rows` can be rebuilt, and that what the rows show is
    true of the real numbers (`numbers`: those the output was made from), so that a row read
    wrongly cannot pass for a safe one: each masked number stands for a real one, and every age
    shown beside it is the real age. Returns how many masked numbers were checked."""
    real: dict[str, set[str]] = {}
    for n in numbers:
        real.setdefault(f"{n[:6]}{'*' * 8}{n[-4:]}", set()).add(n)
    checked = 0
    for row in rows:
        assert not isinstance(row, str), "a row is a sequence of cells: [line] for a line of text"
        masked_numbers, shown = read_row(row, headers)
        for masked in masked_numbers:
            assert masked in real, f"{masked} stands for none of the real numbers"
            rebuilt = rebuild(masked, shown, on)
            assert rebuilt is None, f"{masked} is rebuilt as {rebuilt} from {list(row)}"
            for age in shown.ages:
                assert real[masked] & candidates(masked, on=on, age=age), (
                    f"the age {age} beside {masked} is not its real age: {list(row)}"
                )
            checked += 1
    return checked
