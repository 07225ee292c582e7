"""Reading a roster: its cells as the sheet shows them and where its header and columns are.

The usual column names of each field (`FIELDS`), cell by cell cleaning (`clean_text`, `clean_name`,
`clean_phone`, `read_id`, `read_date`, `mask_numbers` for a message that quotes a cell), the header
row among the first rows and the column each field is in (`find_layout`, `match_field`), and the
shape of a roster's problems (`Problem`). The duty roster import reads its cells with these too.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

from app.core.common import text as text_rules
from app.core.common.masking import mask_id_number, mask_phone
from app.core.registry import idnumber
from app.core.spreadsheet import Table, digits_lost, number_text
from app.errors import InvalidInput

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
NEUTRALISED = ("=", "+", "-", "@", "\t", "\r")  # a cell starting so is a formula to a spreadsheet


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


def fill_merged(table: Table, layout: Layout) -> None:
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
