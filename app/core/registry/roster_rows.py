"""Checking a roster's rows: the people they name and the households they form.

Each column is cleaned as a whole, then each row is checked (`read_people`): a missing or odd
name, a bad or repeated ID number, a phone or residency kept as written, an address that cannot be
read; totals and signature lines under the roster are not people (`footer_reason`, `name_reason`).
The people are then grouped into households (`group_people`). Nothing here looks at the database.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import accumulate
from typing import Any, NamedTuple

from app.core.common import text as text_rules
from app.core.common.progress import Progress
from app.core.registry import address, idnumber
from app.core.registry.roster_reading import (
    DOC_TYPE_WORDS,
    FIELD_LABELS,
    GENDERS,
    Layout,
    Problem,
    clean_name,
    clean_phone,
    clean_text,
    mask_numbers,
    read_date,
    read_id,
)
from app.core.registry.vocabulary import HEAD_WORDS, RESIDENCY_WORDS, STATUS_WORDS
from app.core.spreadsheet import Table
from app.db.bulk import per_distinct

_TAG_SPLIT = re.compile(r"[,，、;；/\s]+")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^(0\d{2,3}-?)?\d{7,8}(-\d{1,6})?$")
MAX_NAME = 60
_CHECK = "10X98765432"


@dataclass(slots=True)
class Person:
    row: int
    name: str
    id_number: str | None
    gender: str | None
    birth_date: date | None
    phone: str | None
    relation: str | None
    is_head: bool
    residency: str | None
    tags: tuple[str, ...]
    status: str | None
    doc_type: str | None
    doc_number: str | None
    notes: str | None
    address: address.Address | None
    household_code: str | None
    key: str | None = None  # the household it belongs to: "code:H000123" or "addr:3-2-502"


@dataclass
class Group:
    """The people of one household in the file."""

    key: str  # the address code or the household code
    address: address.Address | None
    household_code: str | None
    people: list[Person] = field(default_factory=list)
    head_row: int | None = None


# --- checking, a column at a time ------------------------------------------------------------------
#
# A roster repeats itself: a few dozen relations, categories and buildings, and even its names and
# ID numbers are plain text that needs no cleaning. So each column is cleaned as a whole before the
# rows are looked at: a column of plain text is proved clean by one regular expression over the
# column joined with NUL (no cell of it is touched one by one); other columns are worked out once
# per distinct value. The loop over the rows then only puts the pieces together.

_SEP = "\x00"
# what `clean_text` would change anywhere in a column joined by NUL (a superset of `_NEEDS_WORK`
# cell by cell: a cell's start or end is the start or end of the text or a NUL)
# (NUL itself joins the column: a cell holding one is found by counting them, `_column_clean`)
_COLUMN_NEEDS_WORK = re.compile(
    f"[\uff01-\uff5e\u3000\u00a0\t\n\r{text_rules.INVISIBLE.replace(chr(0) + '-', chr(1) + '-')}]"
    "|(?:^|\x00)\\s|\\s(?:\x00|$)|\\s\\s|(?:^|\x00)'"
)
# a column of mobile numbers as text, or empty cells: nothing to clean, nothing to warn about
_MOBILE_COLUMN = re.compile(r"(?:(?:1[3-9][0-9]{9})?\x00)*")
_ID18 = re.compile(r"[1-9][0-9]{16}[0-9X]")


def _column_clean(joined: str, cells: int) -> bool:
    """Whether no cell of a column joined by NUL needs `clean_text`: nothing the pattern finds,
    and no NUL but the separators (a cell holding one is not clean text)."""
    return joined.count(_SEP) == max(cells - 1, 0) and not _COLUMN_NEEDS_WORK.search(joined)


def _all_text(column: Sequence[Any]) -> bool:
    return set(map(type, column)) <= {str}


def _names(column: Sequence[Any]) -> tuple[list[Any], str]:
    """The name cells as `clean_name` makes them, and joined by NUL for searches over all of
    them (the join the check for clean text made already, when the column is clean)."""
    if _all_text(column):
        joined = _SEP.join(column)
        if _column_clean(joined, len(column)) and " " not in joined:
            return list(column), joined
    names = per_distinct(clean_name, column)
    return names, _SEP.join(names)


def _rows_matching(pattern: re.Pattern[str], cells: Sequence[str], joined: str) -> list[int]:
    """The indexes of the cells where `pattern` is found, by one search over them joined by NUL
    (`joined`): cell i ends at the sum of the first i+1 lengths, plus i separators."""
    ends = list(accumulate(map(len, cells)))
    found: list[int] = []
    for m in pattern.finditer(joined):
        i = bisect_left(range(len(cells)), m.start(), key=lambda j: ends[j] + j)
        if not found or found[-1] != i:
            found.append(i)
    return found


def _texts(column: Sequence[Any], fn: Callable[[Any], str] = clean_text) -> list[Any]:
    """The cells as `clean_text` (or `clean_name`) makes them; a column of clean text as it is."""
    if _all_text(column):
        joined = _SEP.join(column)
        if _column_clean(joined, len(column)) and (fn is clean_text or " " not in joined):
            return list(column)
    return per_distinct(fn, column)


def _phones(column: Sequence[Any]) -> tuple[list[str | None], list[bool]]:
    """The phone cells cleaned (None when empty) and whether each looks like a phone number."""
    if _all_text(column) and _MOBILE_COLUMN.fullmatch(_SEP.join(column) + _SEP):
        return [v or None for v in column], [True] * len(column)
    phones = per_distinct(lambda v: clean_phone(v) or None, column)
    valid = per_distinct(
        lambda p: p is None or bool(_MOBILE.match(p) or _LANDLINE.match(p)), phones
    )
    return phones, valid


def _birth(digits: str, today: date) -> date | None:
    """YYYYMMDD of an ID number as a plausible birth date, or None."""
    try:
        born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None
    return born if born.year >= 1880 and born <= today else None


def _blank_row(row: Sequence[Any]) -> bool:
    return not any(c != "" and c is not None and str(c).strip() for c in row)


# --- rows that are not people -------------------------------------------------------------------
#
# Under a roster come its totals (合计 | 10 人), subtotals per building, a count of households, the
# name of whoever drew it up and the date, notes. Taken for people they become residents named
# "10人" in the last household above, so they are skipped, each with a warning naming the row and
# why (`footer_reason`). A row is not a person when
# * its name cell holds a count (10人, 10, 共10户), a total word (合计, 小计, 总计, 共计) or a label
#   with a colon (制表人：李四, 注：…);
# * a cell starts with a total word or is a count of people or households (共 10 人), free-text
#   columns (备注) aside;
# * only one cell is filled; or only two, and one of them lies in a column the import does not
#   read (合计 | 10 人, 审核人 | 王五), or the second does not hold what its column needs (a
#   身份证号 cell with no ten digits: 填表日期 | 2026-11-29 under 姓名 and 身份证号).
# A member listed with only a name and a relation to the head (张小宝 | 子女) is still a person.
# The cells are looked at one by one only for a row with no name, or with a name and no valid ID
# number and at most four cells filled: a row with a person's name and a valid ID number is a
# person's, so a clean roster pays one search over its name column for all this.

_TOTAL_WORD = r"(?:合计|小计|总计|共计)"
_COUNT_UNIT = r"(?:人次|人|户|名|位|个)"
_TOTAL_CELL = re.compile(rf"{_TOTAL_WORD}|共\d+(?:\.\d+)?{_COUNT_UNIT}$")
_COUNT_NAME = re.compile(rf"(?:共计?|合计|总计|小计)?[:：]?\d+(?:\.\d+)?{_COUNT_UNIT}?")
_NAME_GATE = re.compile(rf"[0-9:：]|{_TOTAL_WORD}")
# the same, for a whole column joined by NUL at C speed: a character test, then one word search
# (the alternation above costs ten times as much over 180,000 names)
_GATE_CHARS = "0123456789:："
_GATE_WORDS = re.compile("[合小总共]计")
_LABEL = re.compile(r"[:：]")
QUOTED = 24  # characters of a row's text quoted in its warning

# what the second cell of a two-cell row must hold for the row to be a person's: at least so many
# digits in a cell of these fields
PERSON_DIGITS: dict[str, int] = {
    "id_number": 10,
    "phone": 7,
    "doc_number": 1,
    "household_code": 1,
    "building": 1,
    "room": 1,
    "address": 1,
    "birth_date": 1,
}
FREE_TEXT = frozenset({"notes"})


def _quote(text: str) -> str:
    text = mask_numbers(text)
    return text if len(text) <= QUOTED else text[: QUOTED - 1] + "…"


def name_reason(name: str) -> tuple[str, str] | None:
    """Why a name cell is not a person's name (zh, en), or None."""
    if _COUNT_NAME.fullmatch(name):
        return (
            f"姓名一栏是人数“{_quote(name)}”，这是合计行",
            f"the name cell holds a count, '{_quote(name)}': a total row",
        )
    if _TOTAL_CELL.match(name):
        return (f"合计行（“{_quote(name)}”）", f"a total row ('{_quote(name)}')")
    if _LABEL.search(name):
        return (
            f"姓名一栏是说明文字“{_quote(name)}”",
            f"the name cell holds a label or a note, '{_quote(name)}'",
        )
    return None


def footer_reason(
    row: Sequence[Any],
    name: str,
    columns: Mapping[str, int],
    *,
    labels: Mapping[str, str],
    digits: Mapping[str, int] = PERSON_DIGITS,
    free_text: frozenset[str] = FREE_TEXT,
) -> tuple[str, str] | None:
    """Why `row` (its name cell cleaned to `name`) is a total, a count, a signature line or a
    note rather than a person (zh, en), or None: see above. `labels` names each field in Chinese."""
    if name:
        found = name_reason(name)
        if found is not None:
            return found
        if len(row) - row.count("") > 4:  # a named row with five cells filled: a person
            return None
    by_column = {i: f for f, i in columns.items()}
    filled: list[tuple[str | None, str]] = []
    for c, value in enumerate(row):
        text = clean_text(value).replace(" ", "")
        if not text:
            continue
        field_name = by_column.get(c)
        if field_name not in free_text and _TOTAL_CELL.match(text):
            return (f"合计行（“{_quote(text)}”）", f"a total row ('{_quote(text)}')")
        filled.append((field_name, text))
    if len(filled) == 1:
        text = _quote(filled[0][1])
        return (f"只有一格有内容：“{text}”", f"only one cell is filled: '{text}'")
    if len(filled) != 2:
        return None
    (first, a), (second, b) = filled
    pair_zh, pair_en = f"“{_quote(a)}”“{_quote(b)}”", f"'{_quote(a)}', '{_quote(b)}'"
    if first is None or second is None:
        return (
            f"只有两格有内容：{pair_zh}，其中一格不在导入的列中",
            f"only two cells are filled ({pair_en}), one of them in a column not imported",
        )
    other, text = (second, b) if first == "name" else (first, a) if second == "name" else ("", "")
    if other and sum(ch.isdigit() for ch in text) < digits.get(other, 0):
        return (
            f"只有两格有内容：{pair_zh}，后者不像{labels.get(other, other)}",
            f"only two cells are filled ({pair_en}); the second does not look like a "
            f"{other.replace('_', ' ')}",
        )
    return None


def _not_a_person(row: int, why: tuple[str, str]) -> Problem:
    return Problem(
        row,
        "not_a_person",
        f"第 {row} 行不是居民记录，已跳过：{why[0]}",
        f"Row {row} is not a person and was skipped: {why[1]}",
    )


class _Columns(NamedTuple):
    """The data rows cleaned column by column (`_clean_columns`), ready to be read row by row."""

    data: list[list[Any]]  # the data rows, each as wide as the header
    start: int  # the index of the first data row in the table
    not_people: dict[int, tuple[str, str]]  # row number → why its name is a count or a label
    rows: Iterator[tuple[Any, ...]]  # per row: its number and its cleaned cells, as read_people


def read_people(
    table: Table,
    layout: Layout,
    rejected: list[Problem],
    warnings: list[Problem],
    progress: Progress,
) -> tuple[list[Person], int]:
    """The people of the data rows and how many rows were not blank.

    The loop below runs once per row of rosters of 180,000: its common case (a named person with
    a valid ID number) stays inline; each rarer case — no name, a bad ID number, a warning —
    calls a helper of its own."""
    cols = layout.columns
    cleaned = _clean_columns(table, layout, progress)
    data, start, not_people = cleaned.data, cleaned.start, cleaned.not_people
    n = len(data)
    total = max(n, 1)
    people: list[Person] = []
    seen_ids: dict[str, int] = {}
    births: dict[str, date | None] = {}
    today = date.today()
    rows_read = 0
    for (
        rownum,
        name,
        raw_id,
        gender,
        phone,
        phone_good,
        relation,
        is_head,
        (residency, tags),
        res_text,
        status,
        doc_type,
        doc_number,
        note,
        (addr, code, raw_address, key),
        born_cell,
    ) in cleaned.rows:
        if not rownum % 50_000:
            progress((n + rownum - start) // 2, total, "检查数据")
        if not name or len(name) > MAX_NAME:
            problem = _name_problem(rownum, name, data[rownum - start - 1], cols, not_people)
            if problem is not None:  # None: a blank row
                rows_read += _file(problem, rejected, warnings)
            continue
        number: str | None = None
        born: date | None = None
        gender_from_id: str | None = None
        if raw_id.__class__ is str and _ID18.fullmatch(raw_id):  # the common case, inline
            digits = raw_id[6:14]
            born = (
                births[digits]
                if digits in births
                else births.setdefault(digits, _birth(digits, today))
            )
            if born is not None and _CHECK[2 * int(raw_id[:17], 13) % 11] == raw_id[17]:
                number = raw_id
                gender_from_id = "M" if raw_id[16] in "13579" else "F"
        if number is None:  # no valid ID number as typed: rare, see _without_valid_id
            found = _without_valid_id(
                rownum, name, raw_id, born_cell, data[rownum - start - 1], cols
            )
            if isinstance(found, Problem):
                rows_read += _file(found, rejected, warnings)
                continue
            number, born, gender_from_id = found
        rows_read += 1
        if number is not None:
            first = seen_ids.setdefault(number, rownum)
            if first != rownum:
                rejected.append(_same_id_number(rownum, first, number))
                continue
            if gender is not None and gender != gender_from_id:
                warnings.append(_gender_kept(rownum, gender_from_id))
            gender = gender_from_id
            doc_type = "id_card"
        elif doc_number is not None and doc_type is None:
            doc_type = "other"
        if not phone_good or res_text:  # kept as written or not understood: rare
            residency = _as_written(rownum, phone, phone_good, res_text, residency, warnings)
        if addr is None and code is None and raw_address:
            rejected.append(_bad_address(rownum, raw_address))
            continue
        people.append(
            Person(
                rownum,
                name,
                number,
                gender,
                born,
                phone,
                relation,
                is_head,
                residency,
                tags,
                status,
                doc_type,
                doc_number,
                note or None,
                addr,
                code,
                key,
            )
        )
    progress(total, total, "检查数据")
    return people, rows_read


def _file(problem: Problem, rejected: list[Problem], warnings: list[Problem]) -> int:
    """A row's problem put where the report lists it, apart from `read_people`'s loop (rows with
    problems are few): a row that is not a person is a warning and not counted as read (0); any
    other problem refuses the row, which was read (1)."""
    if problem.code == "not_a_person":
        warnings.append(problem)
        return 0
    rejected.append(problem)
    return 1


def _without_valid_id(
    rownum: int, name: str, raw_id: Any, born_cell: Any, row: list[Any], cols: dict[str, int]
) -> Problem | tuple[str | None, date | None, str | None]:
    """A named row whose ID number the inline check in `read_people` did not take, read out of
    the loop as such rows are few: a `not_a_person` warning when the row is a signature line or a
    count; the refusal of an ID number that cannot be read; else (number or None, birth date,
    gender), the birth date from its own column when there is no number."""
    why = footer_reason(row, name, cols, labels=FIELD_LABELS)
    if why is not None:
        return _not_a_person(rownum, why)
    number: str | None = None
    gender: str | None = None
    if raw_id != "" and raw_id is not None:
        bad, number, born, gender = _id_number_cell(rownum, raw_id, None, None)
        if bad is not None:
            return bad
    if number is None:
        born = read_date(born_cell) if born_cell != "" else None
    return number, born, gender


def _as_written(
    rownum: int,
    phone: str | None,
    phone_good: bool,
    res_text: str,
    residency: str | None,
    warnings: list[Problem],
) -> str | None:
    """The warnings of a row whose phone is kept as written or whose 户籍类型 is not one of the
    usual words (few rows: out of `read_people`'s loop); returns the row's residency."""
    if not phone_good:
        warnings.append(_phone_kept(rownum, phone))
    if res_text:
        if res_text in RESIDENCY_WORDS:
            return RESIDENCY_WORDS[res_text]
        warnings.append(_residency_unknown(rownum, res_text))
    return residency


def _clean_columns(table: Table, layout: Layout, progress: Progress) -> _Columns:
    """Each column of the data rows cleaned as a whole (`per_distinct`: a value that repeats down
    the column is cleaned once), which is what makes a large roster quick; names that are counts
    or labels (10人, 合计, 制表人：李四) are set aside in `not_people`."""
    cols = layout.columns
    start = layout.header_row + 1
    data = table.rows[start:]
    n = len(data)
    header = table.rows[layout.header_row] if table.rows else []
    width = max([len(header), *[i + 1 for i in cols.values()]])
    if n and min(map(len, data)) < width:  # a ragged CSV: every row as wide as the header
        data = [r if len(r) >= width else [*r, *[""] * (width - len(r))] for r in data]
    columns = list(zip(*data, strict=False))[:width] if n else []
    blank: tuple[Any, ...] = ("",) * n

    def column(fld: str) -> Sequence[Any]:
        return columns[cols[fld]] if fld in cols and n else blank

    total = max(n, 1)
    progress(0, total, "检查数据")
    names, joined_names = _names(column("name"))
    # names that are counts or labels (10人, 合计, 制表人：李四): their rows go the way of a row
    # without a name, where they are told from one (a few ms when no name has a digit or colon)
    not_people: dict[int, tuple[str, str]] = {}
    if n and (any(c in joined_names for c in _GATE_CHARS) or _GATE_WORDS.search(joined_names)):
        for i in _rows_matching(_NAME_GATE, names, joined_names):
            why = name_reason(names[i])
            if why is not None:
                not_people[start + 1 + i] = why
                names[i] = ""
    raw_ids = column("id_number")
    genders = per_distinct(lambda v: GENDERS.get(clean_text(v).lower()), column("gender"))
    phones, phone_ok = _phones(column("phone"))
    relations = per_distinct(lambda v: clean_text(v) or None, column("relation"))
    categories = per_distinct(_category, column("category"))
    residencies = per_distinct(clean_text, column("residency"))
    statuses = per_distinct(lambda v: STATUS_WORDS.get(clean_text(v)), column("status"))
    doc_types = per_distinct(lambda v: DOC_TYPE_WORDS.get(clean_text(v)), column("doc_type"))
    doc_numbers = per_distinct(
        lambda v: clean_text(v).replace(" ", "") or None, column("doc_number")
    )
    notes = _texts(column("notes"))
    born_cells = column("birth_date")
    has_address = any(f in cols for f in ("building", "address", "household_code"))
    places: Sequence[tuple[address.Address | None, str | None, str, str | None]] = (
        per_distinct(
            _place,
            list(
                zip(
                    column("household_code"),
                    column("building"),
                    column("unit"),
                    column("room"),
                    column("address"),
                    strict=True,
                )
            ),
        )
        if has_address
        else [(None, None, "", None)] * n
    )
    progress(n // 2, total, "检查数据")
    heads = per_distinct(HEAD_WORDS.__contains__, relations)
    rows = zip(
        range(start + 1, start + n + 1),
        names,
        raw_ids,
        genders,
        phones,
        phone_ok,
        relations,
        heads,
        categories,
        residencies,
        statuses,
        doc_types,
        doc_numbers,
        notes,
        places,
        born_cells,
        strict=True,
    )
    return _Columns(data, start, not_people, rows)


def _name_problem(
    rownum: int,
    name: str,
    row: list[Any],
    cols: dict[str, int],
    not_people: dict[int, tuple[str, str]],
) -> Problem | None:
    """A row without a name, or with one too long for a name: None when the row is blank; a
    `not_a_person` warning when it is a count, a label, a signature line or a note under the
    roster; else the row's refusal."""
    if not name:
        if _blank_row(row):
            return None
        why = not_people.get(rownum) or footer_reason(row, "", cols, labels=FIELD_LABELS)
        if why is not None:
            return _not_a_person(rownum, why)
        return Problem(rownum, "missing_name", "缺少姓名", "The name is missing")
    why = footer_reason(row, name, cols, labels=FIELD_LABELS)  # a note, in the name column
    if why is not None:
        return _not_a_person(rownum, why)
    return Problem(
        rownum, "name_too_long", f"姓名过长（{len(name)} 字）", f"Name too long ({len(name)})"
    )


def _id_number_cell(
    rownum: int, raw_id: Any, born: date | None, gender: str | None
) -> tuple[Problem | None, str | None, date | None, str | None]:
    """An ID number the inline check did not take (a number cell, spaces, a lower-case x, a
    15-digit old number…) read the long way: (refusal, or None; number; birth date; gender),
    with `born` and `gender` returned as given when the cell holds no number."""
    id_cell = read_id(raw_id)
    if id_cell.problem is not None:
        reason, zh, en = id_cell.problem
        return Problem(rownum, reason, zh, en), None, born, gender
    number = id_cell.number
    if number is not None:
        info = idnumber.parse(number)
        born, gender = info.birth_date, info.gender
    return None, number, born, gender


def _same_id_number(rownum: int, first: int, number: str) -> Problem:
    return Problem(
        rownum,
        "duplicate_in_file",
        f"身份证号与第 {first} 行重复：{idnumber.mask(number)}",
        f"Same ID number as row {first}: {idnumber.mask(number)}",
    )


def _gender_kept(rownum: int, gender_from_id: str | None) -> Problem:
    return Problem(
        rownum,
        "gender_mismatch",
        _GENDER_KEPT_ZH[gender_from_id == "M"],
        "The gender disagrees with the ID number; the ID number's is kept",
    )


def _phone_kept(rownum: int, phone: str | None) -> Problem:
    return Problem(
        rownum,
        "phone_format",
        f"电话号码格式不对（应为11位手机号或固定电话）：{mask_numbers(phone or '')}，已照原样保存",
        f"Phone number in an unexpected format, kept as written: {mask_numbers(phone or '')}",
    )


def _residency_unknown(rownum: int, res_text: str) -> Problem:
    return Problem(
        rownum,
        "residency_unknown",
        f"户籍类型“{res_text}”无法识别（户籍/流动/境外），按户籍处理",
        f"Unknown residency '{res_text}'; taken as registered",
    )


def _bad_address(rownum: int, raw_address: str) -> Problem:
    return Problem(
        rownum,
        "bad_address",
        f"住址无法识别（应为“3栋2单元502”或“3-2-502”）：{mask_numbers(raw_address)}",
        f"Address not understood (3栋2单元502 or 3-2-502 expected): {mask_numbers(raw_address)}",
    )


_GENDER_KEPT_ZH = {
    True: "性别与身份证号不符，按身份证号记为男",
    False: "性别与身份证号不符，按身份证号记为女",
}


def _category(value: Any) -> tuple[str | None, tuple[str, ...]]:
    """人员类别: vulnerability tags, and a residency word if one is there (流动人口)."""
    residency: str | None = None
    tags: list[str] = []
    for token in _TAG_SPLIT.split(clean_text(value)):
        if not token or token in ("无", "否", "-", "/"):
            continue
        if token in RESIDENCY_WORDS:
            residency = RESIDENCY_WORDS[token]
        elif token not in tags:
            tags.append(token)
    return residency, tuple(tags)


@lru_cache(maxsize=4096)
def _building(value: Any) -> str | None:
    return address.building_number(clean_text(value))


@lru_cache(maxsize=256)
def _unit(value: Any) -> int | None:
    text = clean_text(value)
    return address.unit_number(text) if text else 1


@lru_cache(maxsize=8192)
def _room(value: Any) -> str | None:
    return address.room_number(clean_text(value))


def _place(
    cells: tuple[Any, ...],
) -> tuple[address.Address | None, str | None, str, str | None]:
    """`_address_of` and the key of the household in the file ("code:…" or "addr:…")."""
    found, code, raw = _address_of(cells)
    if code:
        return found, code, raw, "code:" + code
    return found, code, raw, None if found is None else f"addr:{found.code}"


def _address_of(cells: tuple[Any, ...]) -> tuple[address.Address | None, str | None, str]:
    """(address, household code, the address as written when not understood) from the
    code/building/unit/room/address cells of a row."""
    code_cell, b_raw, u_raw, r_raw, a_raw = cells
    code = clean_text(code_cell).upper() or None
    found: address.Address | None = None
    if b_raw != "" and b_raw is not None:
        b, u, r = _building(b_raw), _unit(u_raw), _room(r_raw)
        if b and u and r:
            return address.Address(b, u, r), code, ""
    else:
        text = clean_text(a_raw)
        found = address.parse(text) if text else None
        if found is not None or not text:
            return found, code, ""
    written = " ".join(t for t in (clean_text(v) for v in (a_raw, b_raw, u_raw, r_raw)) if t)
    return None, code, written


def group_people(people: list[Person], layout: Layout, warnings: list[Problem]) -> list[Group]:
    """Households in the file: a 户主 row opens one; the rows after it at the same address (or with
    no address of their own) join it. Without a relation column, one household per address.

    A row joined to the household above for want of an address of its own is said so
    (`address_from_row_above`, naming the household): a footer or a stray row that slipped through
    would otherwise become a member of whichever family happened to be listed last."""
    by_key: dict[str, Group] = {}
    groups: list[Group] = []
    use_heads = "relation" in layout.columns
    current: Group | None = None

    for p in people:
        key = p.key
        if key is None:
            if use_heads and current is not None and not p.is_head:
                current.people.append(p)
                warnings.append(_joined_above(p.row, current))
                continue
            warnings.append(
                Problem(
                    p.row,
                    "missing_address",
                    "没有住址，无法归入任何一户，已跳过",
                    "No address: the person belongs to no household; skipped",
                )
            )
            continue
        group = by_key.get(key)
        if use_heads and p.is_head:
            if group is not None and group.head_row is not None:
                # a second 户主 at the same address: a second household there (合租)
                key = f"{key}#{p.row}"
                group = None
            if group is None:
                group = Group(key=key, address=p.address, household_code=p.household_code)
                by_key.setdefault(p.key or key, group)
                by_key[key] = group
                groups.append(group)
            group.head_row = p.row
            group.people.append(p)
            current = group
            continue
        if group is None:
            group = Group(key=key, address=p.address, household_code=p.household_code)
            by_key[key] = group
            groups.append(group)
        group.people.append(p)
        if use_heads:
            current = group
    return groups


def _joined_above(row: int, group: Group) -> Problem:
    where = group.address.code if group.address is not None else f"户号 {group.household_code}"
    where_en = (
        group.address.code if group.address is not None else f"household {group.household_code}"
    )
    head = next((p for p in group.people if p.row == group.head_row), group.people[0])
    return Problem(
        row,
        "address_from_row_above",
        f"第 {row} 行没有填住址，已归入上方的 {where} 户（第 {head.row} 行 {head.name} 一户）",
        f"Row {row} has no address of its own and joined the household above, {where_en} "
        f"(that of {head.name}, row {head.row})",
    )
