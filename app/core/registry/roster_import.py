"""Importing a roster of residents (花名册) as a careful clerk would.

    table = spreadsheet.read_table(path, sheet)          # cells as typed, hostile files refused
    layout = find_layout(table)                          # header row under titles, columns mapped
    plan = analyse(db, table, layout)                    # every problem, nothing written
    result = apply(db, plan, progress)                   # one transaction: all of it or nothing

* The header row is the row among the first 30 that names most known columns (title rows and merged
  cells above it are skipped); columns are mapped by their usual names and the mapping can be
  corrected (`Layout.columns`).
* Cells are read as typed: an ID number stored as a number has lost its last digits in Excel and is
  rejected (`id_precision_lost`); a phone stored as a number becomes text without ".0"; full-width
  characters, zero-width and non-breaking spaces are normalised. A message quoting a cell quotes it
  as the sheet shows it (1, not 1.0) and masks any phone or ID number in it (`mask_numbers`).
* Totals, counts and signature lines under the roster (合计 | 10 人, 制表人：李四) are not people:
  they are skipped with a warning naming the row (`not_a_person`, see `footer_reason`).
* People are grouped into households by the 户主 rows, or by address when there is no relation
  column; a household with no 户主 row gets its first member as head (a warning says so), and a
  row without an address of its own that joins the household above is named
  (`address_from_row_above`).
* People are matched by ID number (without one: by name within the household), so importing the
  same file again adds nothing, and a changed row updates the resident (reported as updated).
* Rejected rows never block good ones; the report gives spreadsheet row numbers (1-based, as the
  sheet shows them) and reason codes, and `roster_rejected.write_rejected` saves them in the file's
  own columns with the reason beside each, to be corrected and imported again.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Any, NamedTuple, cast

from sqlalchemy import Table as SqlTable
from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from app.core.common import text as text_rules
from app.core.common.masking import mask_id_number, mask_phone
from app.core.common.progress import Progress, no_progress
from app.core.registry import address, idnumber
from app.core.registry.vocabulary import HEAD, HEAD_WORDS, RESIDENCY_WORDS, STATUS_WORDS
from app.core.spreadsheet import Table, digits_lost, number_text, read_table
from app.db import search_index
from app.db.base import new_uuids
from app.db.bulk import indexes_deferred, per_distinct
from app.db.engine import Database
from app.db.models import (
    Building,
    ChangeCounter,
    Household,
    Resident,
    Tag,
    join_tags,
    split_tags,
)
from app.errors import InvalidInput, PlanOutdated

# field → the usual column names, the most specific first
FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "居民姓名", "人员姓名", "名字"),
    "id_number": ("身份证号", "公民身份号码", "身份证号码", "身份证", "证件号码", "身份证件号码"),
    "gender": ("性别",),
    "birth_date": ("出生日期", "出生年月", "生日"),
    "phone": ("联系电话", "手机", "手机号", "手机号码", "电话", "联系方式", "电话号码"),
    "building": ("楼栋", "楼号", "栋号", "楼栋号", "楼"),
    "unit": ("单元", "单元号"),
    "room": ("门牌号", "房号", "房间号", "门牌", "室号"),
    "address": ("住址", "现住址", "地址", "居住地址", "家庭住址", "现居住地址"),
    "relation": ("与户主关系", "关系", "家庭关系", "与户主的关系"),
    "category": ("人员类别", "类别", "标签", "重点人群", "人员标签"),
    "residency": ("户籍类型", "户籍性质", "居住类型", "户籍类别", "人户状态"),
    "doc_type": ("证件类型", "其他证件类型"),
    "doc_number": ("其他证件号", "护照号", "护照号码"),
    "status": ("状态", "人员状态", "居住状态"),
    "household_code": ("户号", "户编号", "户编码"),
    "notes": ("备注", "说明"),
}
FIELD_LABELS = {f: names[0] for f, names in FIELDS.items()}
FIELD_LABELS.update({"category": "人员类别", "doc_number": "其他证件号"})

GENDERS = {
    "男": "M",
    "女": "F",
    "m": "M",
    "f": "F",
    "male": "M",
    "female": "F",
    "男性": "M",
    "女性": "F",
}
DOC_TYPE_WORDS = {
    "身份证": "id_card",
    "居民身份证": "id_card",
    "护照": "passport",
    "港澳通行证": "hk_macau_permit",
    "港澳居民来往内地通行证": "hk_macau_permit",
    "台胞证": "taiwan_permit",
    "台湾居民来往大陆通行证": "taiwan_permit",
    "外国人永久居留证": "foreigner_permit",
    "其他": "other",
}
DOC_TYPE_NAMES = {
    "id_card": "身份证",
    "passport": "护照",
    "hk_macau_permit": "港澳通行证",
    "taiwan_permit": "台胞证",
    "foreigner_permit": "外国人永久居留证",
    "other": "其他",
}
_TAG_SPLIT = re.compile(r"[,，、;；/\s]+")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^(0\d{2,3}-?)?\d{7,8}(-\d{1,6})?$")
# control, bidi and zero-width characters (app.core.common.text) go
_INVISIBLE = dict.fromkeys(
    [c for c in range(0x2070) if text_rules.has_invisible(chr(c))] + [0xFEFF], None
)
_SPACES = re.compile(r"[\s\u00a0\u3000]+")
# what clean_text must work on: full-width forms, odd spaces, invisible characters, an apostrophe
_NEEDS_WORK = re.compile(
    f"[\uff01-\uff5e\u3000\u00a0\t\n\r{text_rules.INVISIBLE}]|^\\s|\\s$|\\s\\s|^'"
)
_CJK = re.compile(r"[\u3400-\u9fff]")
HEADER_SCAN_ROWS = 30
# rows per insert statement: each is stamped with its own change number and audited in one piece;
# the progress bar moves once per statement
WRITE_CHUNK = 20_000
NEUTRALISED = ("=", "+", "-", "@", "\t", "\r")  # a cell starting so is a formula to a spreadsheet
MAX_NAME = 60


class Problem(NamedTuple):  # a tuple: a roster may have 100,000 of them (made in 0.3 µs each)
    row: int  # as the spreadsheet shows it, 1-based
    code: str
    message: str  # Chinese
    message_en: str

    def as_json(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "row": self.row,
            "code": self.code,
            "message": self.message_en if lang == "en" else self.message,
        }


@dataclass
class Layout:
    """Where the header is and which column holds which field (0-based column indexes)."""

    header_row: int  # 0-based index into the table's rows
    headers: list[str]
    columns: dict[str, int]

    def describe(self) -> dict[str, str]:
        return {f: self.headers[i] for f, i in self.columns.items()}


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


@dataclass
class Plan:
    """What an import would do; nothing has been written."""

    path: Path
    sheet: str
    layout: Layout
    rows_read: int
    groups: list[Group]
    rejected: list[Problem]
    warnings: list[Problem]
    residents_added: int = 0
    residents_updated: int = 0
    households_added: int = 0
    buildings_added: list[str] = field(default_factory=list)
    # filled by analyse(): what to write
    new_households: list[dict[str, Any]] = field(default_factory=list)
    new_residents: list[dict[str, Any]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    head_changes: list[tuple[int, int]] = field(default_factory=list)  # (household id, resident id)
    new_tags: list[str] = field(default_factory=list)
    new_buildings: list[dict[str, Any]] = field(default_factory=list)
    # the header and the rejected rows as the file has them (merged cells filled in), by row
    # number, for `roster_rejected.write_rejected`: only these, not the whole table, outlive analyse
    source_header: list[Any] = field(default_factory=list)
    source_rows: dict[int, list[Any]] = field(default_factory=dict)
    # the state of the database the plan was made against (`data_version`): the ids it took and
    # the matches it found hold only while nobody else has written since
    version: tuple[int, ...] = ()

    def report(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "file": str(self.path),
            "sheet": self.sheet,
            "header_row": self.layout.header_row + 1,
            "columns": self.layout.describe(),
            "rows_read": self.rows_read,
            "residents_added": self.residents_added,
            "residents_updated": self.residents_updated,
            "households_added": self.households_added,
            "buildings_added": self.buildings_added,
            "rejected": [p.as_json(lang) for p in self.rejected],
            "warnings": [p.as_json(lang) for p in self.warnings],
        }

    @property
    def changes_anything(self) -> bool:
        return bool(self.new_residents or self.updates or self.new_households or self.head_changes)


# --- cells --------------------------------------------------------------------------------------


def clean_text(value: Any) -> str:
    """A cell as text: full-width folded, invisible characters gone, spaces collapsed."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return number_text(value)  # as the sheet shows it: 1, not 1.0
    if isinstance(value, datetime):
        return value.date().isoformat() if not value.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if not _NEEDS_WORK.search(text):
        return text
    if text[:1] == "'" and text[1:2] in NEUTRALISED:
        text = text[1:]  # a cell our export guarded against formula injection
    if text.isascii() and text.isprintable() and text == text.strip() and "  " not in text:
        return text
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    return _SPACES.sub(" ", text).strip()


def clean_name(value: Any) -> str:
    text = clean_text(value)
    if _CJK.search(text):
        text = text.replace(" ", "")  # 张 三 → 张三; a Latin name keeps its spaces
    return text


def clean_phone(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 13812345678.0 → 13812345678
    text = clean_text(value).replace(" ", "")
    if text.startswith("+86"):
        text = text[3:]
    return text


@dataclass(frozen=True)
class IdCell:
    number: str | None
    problem: tuple[str, str, str] | None  # code, zh, en


def read_id(value: Any) -> IdCell:
    """An ID-number cell as typed. A number cell cannot hold 18 digits: the spreadsheet kept 15
    and made the rest 0, and that is said with the number as the sheet shows it. Every message
    names the number masked (420106********1234): the row number already says which one it is,
    and a problem list or a report is passed around where a whole number has no business."""
    if value is None or value == "":
        return IdCell(None, None)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if digits_lost(value):
            shown = mask_id_number(number_text(value))
            return IdCell(
                None,
                (
                    "id_precision_lost",
                    f"身份证号被存成了数字，表格只保留了前 15 位、其后几位已变成 0（表中为 {shown}），"
                    "无法还原：请把该列设为文本后重新填写",
                    f"The ID number was stored as a number: the spreadsheet kept its first 15 "
                    f"digits and made the rest 0 ({shown}), which cannot be undone; set the column "
                    "to text and enter it again",
                ),
            )
        return _parse_id(number_text(value) if isinstance(value, float) else str(value))
    text = clean_text(value).replace(" ", "")
    if re.fullmatch(r"\d(\.\d+)?[eE]\+?\d+", text):  # 4.20106E+17 from a CSV saved by Excel
        return IdCell(
            None,
            (
                "id_precision_lost",
                f"身份证号以科学计数法保存，末几位已丢失：{text}",
                f"The ID number was saved in scientific notation and lost digits: {text}",
            ),
        )
    if text.startswith("'"):
        text = text[1:]
    return _parse_id(text)


def _parse_id(text: str) -> IdCell:
    try:
        return IdCell(idnumber.parse(text).number, None)
    except idnumber.IdNumberError as exc:
        return IdCell(None, (exc.code, mask_numbers(exc.zh), mask_numbers(exc.en)))


# a run of digits long enough to be a mobile or (part of) an ID number; X is an ID's check
# character (eight digits are left alone: the birth date a message says is invalid, a landline)
_LONG_NUMBER = re.compile(r"(?<![0-9A-Za-z])[0-9]{9,}[0-9Xx]?(?![0-9A-Za-z])")


def mask_numbers(text: str) -> str:
    """`text` with every phone or ID number in it masked as `app.core.common.masking` masks them: a
    message that quotes a cell (a wrong ID number, a phone typed into the address) must not give
    back on a screen or in a file what every list of residents hides."""
    return _LONG_NUMBER.sub(_masked_number, text) if _LONG_NUMBER.search(text) else text


def _masked_number(found: re.Match[str]) -> str:
    number = found.group()
    if len(number) >= 15:
        return mask_id_number(number.upper())
    return mask_phone(number)


_CHECK = "10X98765432"


def read_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = clean_text(value)
    m = re.fullmatch(r"(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?", text) or re.fullmatch(
        r"(\d{4})(\d{2})(\d{2})", text
    )
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


# --- the layout ---------------------------------------------------------------------------------


def _header_key(text: Any) -> str:
    key = clean_text(text).replace(" ", "")
    key = re.sub(r"[*＊:：]|[(（][^)）]*[)）]", "", key)  # 姓名*, 身份证号(必填)
    return key


def match_field(header: Any) -> str | None:
    key = _header_key(header)
    if not key:
        return None
    for fld, names in FIELDS.items():
        if key in names:
            return fld
    for fld, names in FIELDS.items():
        if any(len(n) >= 2 and n in key for n in names):
            return fld
    return None


def find_layout(table: Table) -> Layout:
    """The header row (the row among the first 30 naming most known columns) and the mapping."""
    best: tuple[int, int] | None = None
    for i, row in enumerate(table.rows[:HEADER_SCAN_ROWS]):
        fields = {match_field(c) for c in row if clean_text(c)}
        fields.discard(None)
        score = len(fields)
        if "name" in fields and score >= 2 and (best is None or score > best[1]):
            best = (i, score)
    if best is None:
        raise InvalidInput(
            f"在前 {HEADER_SCAN_ROWS} 行中找不到表头（至少要有“姓名”一列和另一列已知的列名）："
            f"{table.path.name}，工作表“{table.sheet}”",
            f"No header row in the first {HEADER_SCAN_ROWS} rows (a 姓名 column and one more "
            f"known column are needed): {table.path.name}, sheet '{table.sheet}'",
        )
    header_row = best[0]
    headers = [clean_text(c) for c in table.rows[header_row]]
    columns: dict[str, int] = {}
    for i, h in enumerate(headers):
        fld = match_field(h)
        if fld is not None and fld not in columns:
            columns[fld] = i
    return Layout(header_row=header_row, headers=headers, columns=columns)


def _fill_merged(table: Table, layout: Layout) -> None:
    """A value merged down over several rows (a building, an address) belongs to each of them."""
    for (r0, c0), (r1, c1) in table.merged:
        if r1 <= r0 or r0 <= layout.header_row:
            continue
        value = table.rows[r0][c0] if r0 < len(table.rows) and c0 < len(table.rows[r0]) else ""
        for r in range(r0 + 1, min(r1 + 1, len(table.rows))):
            row = table.rows[r]
            for c in range(c0, c1 + 1):
                if c < len(row) and row[c] == "":
                    row[c] = value


# --- analysing ----------------------------------------------------------------------------------


def analyse(
    db: Database,
    table: Table,
    layout: Layout | None = None,
    progress: Progress = no_progress,
) -> Plan:
    """Read every row, find every problem and work out what would be written; writes nothing."""
    layout = layout or find_layout(table)
    if "name" not in layout.columns:
        raise InvalidInput("没有指定“姓名”列。", "No column is mapped to the name.")
    with _collector_paused():
        return _analyse(db, table, layout, progress)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while an import checks or writes its rows.

    The work makes hundreds of thousands of small objects and no reference cycles, and each pass of
    the collector walks all of them again, with the table's cells: about a second of 2.5 at
    180,000 rows. Objects are still freed by reference counting as they go; the collector resumes
    afterwards (if it was running).
    """
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


def _analyse(db: Database, table: Table, layout: Layout, progress: Progress) -> Plan:
    _fill_merged(table, layout)
    rejected: list[Problem] = []
    warnings: list[Problem] = []
    people, rows_read = _read_people(table, layout, rejected, warnings, progress)
    groups = _group(people, layout, warnings)
    plan = Plan(
        path=table.path,
        sheet=table.sheet,
        layout=layout,
        rows_read=rows_read,
        groups=groups,
        rejected=rejected,
        warnings=warnings,
    )
    with db.reading() as session:
        plan.version = data_version(session)
        _match(session, plan)
    plan.rejected.sort(key=lambda p: p.row)
    plan.warnings.sort(key=lambda p: p.row)
    plan.source_header = list(table.rows[layout.header_row])
    plan.source_rows = {p.row: list(table.rows[p.row - 1]) for p in plan.rejected}
    return plan


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
    rows: Iterator[tuple[Any, ...]]  # per row: its number and its cleaned cells, as _read_people


def _read_people(
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
            if problem is None:
                continue  # a blank row
            if problem.code == "not_a_person":
                warnings.append(problem)
            else:
                rows_read += 1
                rejected.append(problem)
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
        if number is None:  # no valid ID number: the row may be a signature line or a count
            why = footer_reason(data[rownum - start - 1], name, cols, labels=FIELD_LABELS)
            if why is not None:
                warnings.append(_not_a_person(rownum, why))
                continue
        rows_read += 1
        if number is None and raw_id != "" and raw_id is not None:
            bad, number, born, gender_from_id = _id_number_cell(
                rownum, raw_id, born, gender_from_id
            )
            if bad is not None:
                rejected.append(bad)
                continue
        if number is not None:
            first = seen_ids.setdefault(number, rownum)
            if first != rownum:
                rejected.append(_same_id_number(rownum, first, number))
                continue
            if gender is not None and gender != gender_from_id:
                warnings.append(_gender_kept(rownum, gender_from_id))
            gender = gender_from_id
            doc_type = "id_card"
        else:
            born = read_date(born_cell) if born_cell != "" else None
            if doc_number is not None and doc_type is None:
                doc_type = "other"
        if not phone_good:
            warnings.append(_phone_kept(rownum, phone))
        if res_text:
            if res_text in RESIDENCY_WORDS:
                residency = RESIDENCY_WORDS[res_text]
            else:
                warnings.append(_residency_unknown(rownum, res_text))
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


def _group(people: list[Person], layout: Layout, warnings: list[Problem]) -> list[Group]:
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


# --- matching with what is already there --------------------------------------------------------


_COMPARED = (
    "name",
    "gender",
    "birth_date",
    "phone",
    "relation",
    "residency",
    "status",
    "doc_type",
    "doc_number",
    "notes",
)


@dataclass
class _Matching:
    """What the database holds that the file is matched against, read once before the first
    group, and kept up to date as the plan adds households, residents, buildings and tags (the
    next ids and codes are the plan's own: nothing is written while it is made)."""

    existing: dict[str, Any]  # id number → the live resident
    without_id: dict[tuple[int, str], Any]  # (household, name) → the live resident without one
    address_ids: dict[str, int]  # address code → household (the first, as before)
    code_ids: dict[str, int]  # household code → household
    buildings: dict[str, tuple[int, int | None]]  # number → (building, grid)
    known_tags: set[str]
    heads_now: dict[int, int]  # household → its head
    next_household: int
    next_resident: int
    next_code: int  # of the next H000123 household code
    new_buildings: dict[str, dict[str, Any]] = field(default_factory=dict)
    updated_ids: set[int] = field(default_factory=set)
    moved_out: set[int] = field(default_factory=set)  # known residents put in another household
    left_headless: dict[int, tuple[int, str]] = field(default_factory=dict)  # household → its
    # head's (row, name) when that head leaves it


def _match(session: Session, plan: Plan) -> None:
    """Decide for each person and household: new, changed or unchanged."""
    known = _matching(session, plan)
    warn_no_head = "relation" in plan.layout.columns
    for g in plan.groups:
        household_id = _household_of(g, known, plan)
        if household_id is None:
            continue
        _match_members(g, household_id, known, plan, warn_no_head)
    _new_heads_for_left(session, plan, known.left_headless, known.moved_out)
    plan.residents_added = len(plan.new_residents)
    plan.new_tags.sort()
    plan.new_buildings = list(known.new_buildings.values())


def _matching(session: Session, plan: Plan) -> _Matching:
    """Read the residents the file may name (all of them when it names many: one pass over the
    index beats thousands of look-ups), the households, buildings, tags and heads."""
    cols = (
        Resident.id,
        Resident.household_id,
        Resident.id_number,
        Resident.is_head,
        Resident.tags,
        *[getattr(Resident, c) for c in _COMPARED],
    )
    live = Resident.deleted_at.is_(None)
    wanted_ids = [p.id_number for g in plan.groups for p in g.people if p.id_number]
    existing: dict[str, Any] = {}
    if len(wanted_ids) > 5000:  # one pass over the index beats thousands of look-ups
        for r in session.execute(select(*cols).where(live, Resident.id_number.is_not(None))):
            existing[r.id_number] = r
    else:
        for start in range(0, len(wanted_ids), 900):
            chunk = wanted_ids[start : start + 900]
            for r in session.execute(select(*cols).where(live, Resident.id_number.in_(chunk))):
                existing[r.id_number] = r
    # people without an ID number are matched by name within their household
    without_id: dict[tuple[int, str], Any] = {
        (r.household_id, r.name): r
        for r in session.execute(select(*cols).where(live, Resident.id_number.is_(None)))
    }
    address_ids: dict[str, int] = {}
    code_ids: dict[str, int] = {}
    for hid, address_code, code in session.execute(
        select(Household.id, Household.address_code, Household.code)
        .where(Household.deleted_at.is_(None))
        .order_by(Household.id)
    ):
        address_ids.setdefault(address_code, hid)
        code_ids[code] = hid
    buildings = {
        number: (bid, grid_id)
        for bid, number, grid_id in session.execute(
            select(Building.id, Building.number, Building.grid_id).where(
                Building.deleted_at.is_(None)
            )
        )
    }
    next_code = (
        max(
            (int(c[1:]) for c in code_ids if c[:1] == "H" and c[1:].isdigit()),
            default=0,
        )
        + 1
    )
    heads_now = dict(
        session.execute(select(Resident.household_id, Resident.id).where(Resident.is_head, live))
        .tuples()
        .all()
    )
    return _Matching(
        existing=existing,
        without_id=without_id,
        address_ids=address_ids,
        code_ids=code_ids,
        buildings=buildings,
        known_tags=set(session.scalars(select(Tag.name))),
        heads_now=heads_now,
        next_household=(session.scalar(select(func.max(Household.id))) or 0) + 1,
        next_resident=(session.scalar(select(func.max(Resident.id))) or 0) + 1,
        next_code=next_code,
    )


def _household_of(g: Group, known: _Matching, plan: Plan) -> int | None:
    """The household a group of the file is: the one its household code or (unless the file
    splits one address into several households, `#` in its key) its address names; else a new
    one, with its building when that is new too. None, with every member refused, when the
    group has an unknown household code and no address to make one at."""
    address_code = g.address.code if g.address is not None else None
    if g.household_code and g.household_code in known.code_ids:
        return known.code_ids[g.household_code]
    if address_code is not None and "#" not in g.key:
        found = known.address_ids.get(address_code)
        if found is not None:
            return found
    if g.address is None:
        for p in g.people:
            plan.rejected.append(
                Problem(
                    p.row,
                    "unknown_household",
                    f"户号 {g.household_code} 不存在，且没有住址",
                    f"Household code {g.household_code} unknown and no address given",
                )
            )
        return None
    number = g.address.building
    building = known.buildings.get(number)
    if building is None:
        spec = known.new_buildings.get(number)
        if spec is None:
            spec = {"number": number, "units": 1, "floors": 1}
            known.new_buildings[number] = spec
            plan.buildings_added.append(number)
        spec["units"] = max(spec["units"], g.address.unit)
        spec["floors"] = max(spec["floors"], _floor(g.address.room))
    code = g.household_code or f"H{known.next_code:06d}"
    if not g.household_code:
        known.next_code += 1
    household_id = known.next_household
    known.next_household += 1
    plan.new_households.append(
        {
            "id": household_id,
            "code": code,
            "building": number,
            "unit": g.address.unit,
            "room": g.address.room,
            "address_code": address_code,
            "grid_id": building[1] if building else None,
        }
    )
    plan.households_added += 1
    known.address_ids.setdefault(cast(str, address_code), household_id)
    known.code_ids[code] = household_id
    return household_id


def _match_members(
    g: Group, household_id: int, known: _Matching, plan: Plan, warn_no_head: bool
) -> None:
    """Each member of a group as a new resident or the changes to a known one, then the
    household's head: the one the file marks (the first, when it marks several), else the head
    it has, else its first member — so every household keeps exactly one."""
    head_id = known.heads_now.get(household_id)
    added_now: dict[int, dict[str, Any]] = {}
    file_head: int | None = None
    first_member: int | None = None
    for p in g.people:
        for t in p.tags:
            if t not in known.known_tags:
                known.known_tags.add(t)
                plan.new_tags.append(t)
        rid = _match_person(p, household_id, known, plan, added_now)
        if rid is None:
            continue
        if first_member is None:
            first_member = rid
        if p.is_head and file_head is None:
            file_head = rid
        elif p.is_head:
            plan.warnings.append(
                Problem(
                    p.row,
                    "several_heads",
                    "同一户中有多个户主，只保留第一个",
                    "Several heads in one household; the first is kept",
                )
            )
    if head_id is None and file_head is None and warn_no_head and g.people:
        plan.warnings.append(
            Problem(
                g.people[0].row,
                "no_head",
                "此户没有标明户主，已将第一位成员设为户主",
                "No head marked for this household; the first member was made head",
            )
        )
    wanted_head = file_head or head_id or first_member
    if wanted_head is None or wanted_head == head_id:
        return
    if head_id is None and wanted_head in added_now:
        row = added_now[wanted_head]  # a new member heads it from the start
        row["is_head"] = True
        row["relation"] = HEAD  # a relation is to the head: the head's own is 户主
        return
    plan.head_changes.append((household_id, wanted_head))
    if head_id is not None and wanted_head not in known.updated_ids:
        plan.residents_updated += 1


def _match_person(
    p: Person,
    household_id: int,
    known: _Matching,
    plan: Plan,
    added_now: dict[int, dict[str, Any]],
) -> int | None:
    """The resident id a person of the file is: a known one (by ID number, else by name in the
    household), with what changed planned; or a new one, planned in `added_now` too. None, with
    the row refused, for a second person of the same name without an ID number in a household."""
    old = (
        known.existing.get(p.id_number)
        if p.id_number
        else known.without_id.get((household_id, p.name))
    )
    if isinstance(old, _Seen):
        plan.rejected.append(
            Problem(
                p.row,
                "duplicate_in_file",
                f"与前面一行重复（同一户中同名且无身份证号）：{p.name}",
                f"Same name in the same household as an earlier row, no ID number: {p.name}",
            )
        )
        return None
    if old is None:
        rid = known.next_resident
        known.next_resident += 1
        added_now[rid] = row = _new_resident(rid, household_id, p)
        plan.new_residents.append(row)
        if not p.id_number:
            known.without_id[(household_id, p.name)] = _Seen(rid)
        return rid
    rid = old.id
    change = _changes(old, p, household_id)
    if "household_id" in change:
        known.moved_out.add(rid)
    if change.get("is_head") is False:
        known.left_headless.setdefault(old.household_id, (p.row, p.name))
    if change:
        plan.updates.append({"id": rid, **change})
        known.updated_ids.add(rid)
        plan.residents_updated += 1
    return int(rid)


def _new_heads_for_left(
    session: Session,
    plan: Plan,
    left: dict[int, tuple[int, str]],
    moved_out: set[int],
) -> None:
    """A head who moves to another flat leaves a household without one: the member who stays and
    is the head's spouse heads it, else the eldest (then the first registered) — with a warning
    naming both, so that every import leaves `check` passing. A household the file itself gives
    a head, or left empty, needs nothing."""
    headed = {h for h, _r in plan.head_changes}
    for household_id, (row, name) in sorted(left.items()):
        if household_id in headed:
            continue
        stays = [
            r
            for r in session.execute(
                select(Resident.id, Resident.name, Resident.relation, Resident.birth_date).where(
                    Resident.household_id == household_id,
                    Resident.deleted_at.is_(None),
                    Resident.is_head.is_(False),
                )
            )
            if r.id not in moved_out
        ]
        if not stays:
            continue
        chosen = min(
            stays,
            key=lambda r: (r.relation != "配偶", r.birth_date is None, r.birth_date, r.id),
        )
        plan.head_changes.append((household_id, chosen.id))
        plan.updates.append({"id": chosen.id, "relation": HEAD})
        plan.warnings.append(
            Problem(
                row,
                "head_moved",
                f"{name}原为另一户的户主，现迁入本户；原户改由 {chosen.name} 任户主",
                f"{name} headed another household and moved here; {chosen.name} now heads it",
            )
        )


@dataclass(frozen=True)
class _Seen:
    """A person added earlier in the same file (matched again by name within the household)."""

    id: int
    household_id: int = 0
    is_head: bool = False
    tags: str = ""


def _new_resident(rid: int, household_id: int, p: Person) -> dict[str, Any]:
    return {
        "id": rid,
        "household_id": household_id,
        "name": p.name,
        "gender": p.gender,
        "birth_date": p.birth_date,
        "id_number": p.id_number,
        "doc_type": p.doc_type,
        "doc_number": p.doc_number,
        "phone": p.phone,
        "relation": p.relation,
        "is_head": False,
        "residency": p.residency or "registered",
        "tags": _joined_tags(p.tags) if p.tags else "",
        "status": p.status or "active",
        "notes": p.notes,
    }


def _changes(old: Any, p: Person, household_id: int) -> dict[str, Any]:
    """What the file changes about a known resident. An empty cell never erases what is known."""
    change: dict[str, Any] = {}
    for key in _COMPARED:
        value = getattr(p, key)
        if value is not None and value != getattr(old, key):
            change[key] = value
    if p.tags:
        merged = set(p.tags) | set(split_tags(old.tags))
        if merged != set(split_tags(old.tags)):
            change["tags"] = join_tags(merged)
    if old.household_id != household_id:
        change["household_id"] = household_id
        if old.is_head:
            change["is_head"] = False
    return change


@lru_cache(maxsize=1024)
def _joined_tags(tags: tuple[str, ...]) -> str:
    return join_tags(tags)


@lru_cache(maxsize=8192)
def _floor(room: str) -> int:
    digits = re.sub(r"\D", "", room)
    return max(int(digits) // 100, 1) if digits else 1


# --- writing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    residents_added: int
    residents_updated: int
    households_added: int
    buildings_added: int


def data_version(session: Session) -> tuple[int, ...]:
    """What a plan depends on, read in one go: every office's change counter (each write to a
    record moves one on), the highest ids the plan numbers after and the tags it may add to."""
    row = session.execute(
        select(
            select(func.coalesce(func.sum(ChangeCounter.last_seq), 0)).scalar_subquery(),
            select(func.coalesce(func.max(Household.id), 0)).scalar_subquery(),
            select(func.coalesce(func.max(Resident.id), 0)).scalar_subquery(),
            select(func.coalesce(func.max(Building.id), 0)).scalar_subquery(),
            select(func.count()).select_from(Tag).scalar_subquery(),
        )
    ).one()
    return tuple(int(v) for v in row)


def apply(db: Database, plan: Plan, progress: Progress = no_progress) -> ImportResult:
    """Write the plan in one transaction (all of it or nothing); stamped and audited by the events.

    The plan's ids and matches were worked out while only reading; once this transaction holds
    the write lock it checks that nobody has written since, and raises `PlanOutdated` (nothing
    written) if somebody has — never a clash of ids half-way through."""
    new_buildings = plan.new_buildings
    with _collector_paused(), db.session(note=f"import {plan.path.name}") as session:
        conn = session.connection()
        if plan.version and data_version(session) != plan.version:
            raise PlanOutdated(
                "数据已被另一操作修改，请重新预览后再导入。",
                "The data was changed by another operation meanwhile; preview again, then import.",
            )
        if db.is_sqlite:
            conn.exec_driver_sql("PRAGMA cache_size=-65536")  # 64 MB while the indexes grow
        total = len(plan.new_residents) + len(plan.updates) + 1
        progress(0, total, "写入")
        if plan.new_tags:
            position = (session.scalar(select(func.max(Tag.position))) or 0) + 1
            session.execute(
                insert(Tag),
                [
                    {"name": t, "vulnerable": False, "builtin": False, "position": position + i}
                    for i, t in enumerate(plan.new_tags)
                ],
            )
        building_ids = dict(
            session.execute(
                select(Building.number, Building.id).where(Building.deleted_at.is_(None))
            )
            .tuples()
            .all()
        )
        if new_buildings:
            session.execute(insert(cast(SqlTable, Building.__table__)), new_buildings)
            building_ids = dict(
                session.execute(
                    select(Building.number, Building.id).where(Building.deleted_at.is_(None))
                )
                .tuples()
                .all()
            )
        if plan.new_households:
            rows = []
            for h in plan.new_households:
                row = dict(h)
                row["building_id"] = building_ids[row.pop("building")]
                row["phone"] = None
                row["notes"] = None
                rows.append(row)
            _ascending_uuids(rows)
            households = cast(SqlTable, Household.__table__)
            with indexes_deferred(session, households, len(rows)):
                for start in range(0, len(rows), WRITE_CHUNK):
                    session.execute(insert(households), rows[start : start + WRITE_CHUNK])
        done = 0
        _ascending_uuids(plan.new_residents)
        residents = cast(SqlTable, Resident.__table__)
        with indexes_deferred(session, residents, len(plan.new_residents)):
            for start in range(0, len(plan.new_residents), WRITE_CHUNK):
                chunk = plan.new_residents[start : start + WRITE_CHUNK]
                session.execute(insert(residents), chunk)
                done += len(chunk)
                progress(done, total, "写入")
        if plan.updates:
            # heads that leave their household first, so no household ever has two
            by_keys: dict[tuple[str, ...], list[dict[str, Any]]] = {}
            for u in plan.updates:
                by_keys.setdefault(tuple(sorted(u)), []).append(dict(u))
            for same_keys in by_keys.values():
                session.execute(update(Resident), same_keys)
            progress(done + len(plan.updates), total, "写入")
        if plan.head_changes:
            household_ids = [h for h, _r in plan.head_changes]
            for start in range(0, len(household_ids), 900):
                some = household_ids[start : start + 900]
                session.execute(
                    update(Resident)
                    .where(
                        Resident.household_id.in_(some),
                        Resident.is_head,
                        Resident.deleted_at.is_(None),
                    )
                    .values(is_head=False)
                )
            session.execute(
                update(Resident),
                [{"id": rid, "is_head": True} for _h, rid in plan.head_changes],
            )
        progress(total, total, "写入")
    return ImportResult(
        residents_added=plan.residents_added,
        residents_updated=plan.residents_updated,
        households_added=plan.households_added,
        buildings_added=len(new_buildings),
    )


def _ascending_uuids(rows: list[dict[str, Any]]) -> None:
    """Each new row's uuid, ascending over the whole import: the uuid index (which stays while
    the rows go in) grows at its end, chunk after chunk, rather than at random places."""
    if len(rows) >= WRITE_CHUNK:
        for row, made in zip(rows, new_uuids(len(rows)), strict=True):
            row["uuid"] = made


IMPORT_ATTEMPTS = 5  # a command's import re-plans this often when another writer came first


def import_roster(
    db: Database,
    path: Path,
    sheet: str | None = None,
    *,
    dry_run: bool = False,
    progress: Progress = no_progress,
) -> Plan:
    """Read, analyse and (unless `dry_run`) write a roster; the plan carries the report."""
    progress(0, 1, "读取文件")
    with _collector_paused(), ThreadPoolExecutor(1) as pool:  # a million cells and no cycles
        # the reader inflates the file outside the GIL: pypinyin loads meanwhile, for the names
        reading = pool.submit(read_table, path, sheet)
        search_index.load_pinyin()
        table = reading.result()
    for attempt in range(1, IMPORT_ATTEMPTS + 1):
        plan = analyse(db, table, progress=progress)
        if dry_run or not plan.changes_anything:
            return plan
        try:
            apply(db, plan, progress)
            return plan
        except PlanOutdated:
            # another writer came first: work the plan out again against what it wrote
            if attempt == IMPORT_ATTEMPTS:
                raise
    raise AssertionError("unreachable")
