"""Reading the spreadsheets staff are given (.xlsx/.xlsm/.xls/.ods from Excel or WPS, and .csv), with
cells as typed, within bounded memory and time.

A hostile or broken file fails with one clear sentence, before anything large is allocated:
a binary renamed .xlsx (checked by its first bytes, not its name), a zip that expands beyond reason
(sizes and ratios checked while streaming, never trusting the zip's own header), XML with a DOCTYPE
(entity expansion), a sheet whose cells reach past `MAX_ROWS` rows or `MAX_COLUMNS` columns (a
single far-away cell would make any reader allocate the whole rectangle). A CSV is read a row at a
time by `csvfile`, within `limits`.
"""

from __future__ import annotations

import math
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.core.spreadsheet.csvfile import read_csv
from app.core.spreadsheet.limits import MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS, MAX_ZIP_ENTRIES
from app.errors import InvalidInput

MAX_XML_BYTES = 600 * 1024 * 1024  # a 180,000-row roster's sheet is about 90 MB of XML
MAX_RATIO = 200  # XML compresses 5-20 times; a zip bomb, thousands

_ROW_REF = re.compile(rb'<row[^>]*?\sr="(\d+)"')
_CELL_REF = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"')
_WIDE_CELL = re.compile(rb'<c r="([A-Z]{2,3})\d+"')
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# significant digits a spreadsheet keeps of a number: Excel, WPS and LibreOffice store a double and
# show at most 15 digits, so 420106199001011234 typed into a number cell is 420106199001011000
SIGNIFICANT_DIGITS = 15


@dataclass
class Table:
    """The cells of one sheet as typed (str, int, float, bool, date/datetime, or '' when empty)."""

    path: Path
    sheet: str
    sheets: list[str]
    rows: list[list[Any]]
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)


def number_text(value: float) -> str:
    """A number cell as the spreadsheet shows it in its formula bar: 1 (never "1.0"), 0.3 (not
    0.30000000000000004), and a long number as digits (420106199001011000, not 4.20106E+17) with
    at most `SIGNIFICANT_DIGITS` significant ones, the rest zeros as the sheet itself keeps them."""
    if value.is_integer() and -1e15 < value < 1e15:
        return str(int(value))
    if not math.isfinite(value):
        return str(value)
    text = f"{value:.{SIGNIFICANT_DIGITS}g}"
    if "e" in text:
        text = format(Decimal(text), "f")
    return text


def digits_lost(value: Any) -> bool:
    """Whether a number cell is too long for the spreadsheet to have kept every digit typed into
    it: anything of 16 digits or more (an ID number typed without a leading apostrophe)."""
    return (
        isinstance(value, float) and math.isfinite(value) and abs(value) >= 10**SIGNIFICANT_DIGITS
    )


def cell_text(value: Any) -> str:
    """Any cell as the user typed it and sees it: numbers by `number_text`, a date without a
    midnight time, TRUE/FALSE as the sheet shows them, text as it is, an empty cell as ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if not value.time() else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _refuse(zh: str, en: str) -> InvalidInput:
    return InvalidInput(zh, en)


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


def kind_of_file(path: Path) -> str:
    """xlsx (any zip: xlsx, xlsm, ods), xls (OLE2), or csv — by content, not by name."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise _refuse(
            f"无法读取文件：{path}（{exc.strerror or exc}）", f"Cannot read {path}: {exc}"
        ) from exc
    if size == 0:
        raise _refuse(f"文件是空的：{path}", f"The file is empty: {path}")
    if size > MAX_FILE_BYTES:
        raise _refuse(
            f"文件过大（{size // 1024 // 1024} MB），上限 {MAX_FILE_BYTES // 1024 // 1024} MB：{path}",
            f"The file is too large ({size // 1024 // 1024} MB; limit "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB): {path}",
        )
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    if head.startswith(OLE_MAGIC):
        return "xls"
    if path.suffix.lower() in (".csv", ".txt"):
        return "csv"
    raise _refuse(
        f"不是 Excel、WPS 或 CSV 表格文件（内容无法识别）：{path.name}",
        f"Not an Excel, WPS or CSV spreadsheet (unrecognised content): {path.name}",
    )


def _check_zip(path: Path) -> None:
    """Stream every part once: real sizes, ratios, DOCTYPEs and the reach of every sheet's cells."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise _refuse(
            f"文件已损坏，不是有效的 xlsx 文件：{path.name}",
            f"The file is damaged; not a valid xlsx file: {path.name}",
        ) from exc
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ZIP_ENTRIES:
            raise _refuse(
                f"文件结构异常（{len(infos)} 个部件），已拒绝：{path.name}",
                f"Abnormal file structure ({len(infos)} parts); refused: {path.name}",
            )
        total = 0
        for info in infos:
            if not info.filename.endswith((".xml", ".rels")):
                continue
            is_sheet = info.filename.startswith(("xl/worksheets/", "content.xml"))
            total = _check_part(zf, info, path, total, is_sheet)


def _bomb(path: Path) -> InvalidInput:
    return _refuse(
        f"文件解压后异常膨胀（疑似压缩炸弹），已拒绝：{path.name}",
        f"The file expands abnormally when unpacked (a zip bomb?); refused: {path.name}",
    )


def _check_part(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, total: int, sheet: bool
) -> int:
    max_row = 0
    max_col = 0
    read = 0
    tail = b""
    first = True
    try:
        with zf.open(info) as fh:
            while True:
                chunk = fh.read(1 << 20)
                if not chunk:
                    break
                read += len(chunk)
                total += len(chunk)
                if total > MAX_XML_BYTES or read > MAX_RATIO * max(info.compress_size, 4096):
                    raise _bomb(path)
                if first:
                    first = False
                    if _DOCTYPE.search(chunk[:4096]):
                        raise _refuse(
                            f"文件含有 XML 实体声明（可能是恶意文件），已拒绝：{path.name}",
                            f"The file declares XML entities (possibly malicious); refused: "
                            f"{path.name}",
                        )
                if not sheet:
                    continue
                buf = tail + chunk
                at = buf.rfind(b"<row ")
                if at >= 0:
                    m = _ROW_REF.match(buf, at)
                    if m:
                        max_row = max(max_row, int(m.group(1)))
                for m in _WIDE_CELL.finditer(buf):
                    max_col = max(max_col, _column_number(m.group(1)))
                last = buf.rfind(b"<c r=")
                if last >= 0:
                    m = _CELL_REF.match(buf, last)
                    if m:
                        max_row = max(max_row, int(m.group(2)))
                tail = buf[-128:]
                if max_row > MAX_ROWS + 1 or max_col > MAX_COLUMNS:
                    break
    except zipfile.BadZipFile as exc:
        raise _refuse(
            f"文件已损坏，无法解压：{path.name}",
            f"The file is damaged and cannot be unpacked: {path.name}",
        ) from exc
    except (zlib.error, EOFError) as exc:
        raise _refuse(
            f"文件已损坏，无法解压：{path.name}",
            f"The file is damaged and cannot be unpacked: {path.name}",
        ) from exc
    if max_row > MAX_ROWS + 1:
        raise _refuse(
            f"表格行数超过上限 {MAX_ROWS:,} 行（含大量空行？），已拒绝：{path.name}",
            f"The sheet reaches past {MAX_ROWS:,} rows (a mass of empty rows?); refused: {path.name}",
        )
    if max_col > MAX_COLUMNS:
        raise _refuse(
            f"表格列数超过上限 {MAX_COLUMNS} 列，已拒绝：{path.name}",
            f"The sheet reaches past {MAX_COLUMNS} columns; refused: {path.name}",
        )
    return total


def read_table(path: Path, sheet: str | None = None) -> Table:
    """The cells of `sheet` (default: the first visible sheet), checked as described above."""
    kind = kind_of_file(path)
    if kind == "csv":
        return Table(path=path, sheet=path.stem, sheets=[path.stem], rows=read_csv(path))
    if kind == "xlsx":
        _check_zip(path)
    from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    try:
        wb = CalamineWorkbook.from_path(str(path))
    except (CalamineError, OSError, ValueError) as exc:
        raise _refuse(
            f"无法打开表格文件（已损坏或加密？）：{path.name}",
            f"Cannot open the spreadsheet (damaged or encrypted?): {path.name}",
        ) from exc
    try:
        names = list(wb.sheet_names)
        visible = [
            m.name
            for m in wb.sheets_metadata
            if m.visible == SheetVisibleEnum.Visible and m.typ == SheetTypeEnum.WorkSheet
        ] or names
        if sheet is not None and sheet not in names:
            raise _refuse(
                f"文件中没有名为“{sheet}”的工作表；已有：{'、'.join(names)}",
                f"No sheet named '{sheet}'; the file has: {', '.join(names)}",
            )
        name = sheet if sheet is not None else visible[0]
        ws = wb.get_sheet_by_name(name)
        if ws.height > MAX_ROWS + 1 or ws.width > MAX_COLUMNS:
            raise _refuse(
                f"表格超过上限（{MAX_ROWS:,} 行、{MAX_COLUMNS} 列），已拒绝：{path.name}",
                f"The sheet is larger than {MAX_ROWS:,} rows or {MAX_COLUMNS} columns: {path.name}",
            )
        rows = ws.to_python(skip_empty_area=False)  # from A1: row numbers are the sheet's
        merged: list[tuple[tuple[int, int], tuple[int, int]]] = []
        try:
            merged = [(tuple(a), tuple(b)) for a, b in (ws.merged_cell_ranges or [])]  # type: ignore[misc]
        except Exception:  # merged cells are a help for xlsx only
            merged = []
    except CalamineError as exc:
        raise _refuse(
            f"表格内容无法读取（文件已损坏？）：{path.name}",
            f"The sheet cannot be read (damaged file?): {path.name}",
        ) from exc
    finally:
        wb.close()
    return Table(path=path, sheet=name, sheets=names, rows=rows, merged=merged)
