"""Reading the spreadsheets staff are given (.xlsx/.xlsm/.xls/.ods from Excel or WPS, and .csv), with
cells as typed, within bounded memory and time.

    table = read_table(path, sheet)      # Table: the sheet's rows, its merged ranges, the sheet names

Whatever a file says of itself, reading it never holds more than `limits` allow — 5,000,000 cells,
60,000,000 characters, 300,000 rows, 200 columns, 32,767 characters in a cell — and a file over
them, hostile or broken, fails with one clear sentence naming what is over (the row and column of
a cell too long), not with the memory of the machine:

* an .xlsx is read as a stream by `xlsx` (no whole sheet ever unpacked at once), every part the
  workbook refers to unpacked in bounded steps whatever it is called, rows and cells counted as
  they are parsed, with or without their `r=` references;
* an .xls or .ods is read by python-calamine, which holds a whole workbook; `xls` and `ods` work
  out from the file's records what it will hold first, and refuse it before calamine is asked;
* a CSV is read a row at a time by `csvfile`;
* a binary renamed .xlsx is told by its first bytes, not its name; XML with a DOCTYPE (entity
  expansion) is refused.

A row is as long as its last non-empty cell; rows are numbered as the sheet numbers them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.core.spreadsheet import limits
from app.core.spreadsheet.limits import (
    MAX_CELL_CHARS,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    MAX_TEXT,
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# significant digits a spreadsheet keeps of a number: Excel, WPS and LibreOffice store a double and
# show at most 15 digits, so 420106199001011234 typed into a number cell is 420106199001011000
SIGNIFICANT_DIGITS = 15
# python-calamine holds an .xls or .ods twice over (its own cells, then Python's), every sheet of it
# at once, and the text of a repeated or shared cell once for each cell: 3,000,000 cells (about
# 520 MB at most) and 30,000,000 characters keep that well under a gigabyte. An .xls holds 65,536
# rows at most, so this is 45 full columns of them; in an .ods, a roster of 150,000 rows of 20.
MAX_CALAMINE_CELLS = 3_000_000
MAX_CALAMINE_TEXT = 30_000_000

__all__ = [
    "MAX_CELLS",
    "MAX_CELL_CHARS",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "MAX_TEXT",
    "SIGNIFICANT_DIGITS",
    "Table",
    "cell_text",
    "digits_lost",
    "kind_of_file",
    "number_text",
    "read_table",
]


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


def kind_of_file(path: Path) -> str:
    """xlsx (any zip: xlsx, xlsm, ods), xls (OLE2), or csv — by content, not by name."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise limits.refuse(
            f"无法读取文件：{path}（{exc.strerror or exc}）", f"Cannot read {path}: {exc}"
        ) from exc
    if size == 0:
        raise limits.refuse(f"文件是空的：{path}", f"The file is empty: {path}")
    if size > MAX_FILE_BYTES:
        raise limits.refuse(
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
    raise limits.refuse(
        f"不是 Excel、WPS 或 CSV 表格文件（内容无法识别）：{path.name}",
        f"Not an Excel, WPS or CSV spreadsheet (unrecognised content): {path.name}",
    )


def read_table(path: Path, sheet: str | None = None) -> Table:
    """The cells of `sheet` (default: the first visible sheet), within `limits`."""
    kind = kind_of_file(path)
    if kind == "csv":
        from app.core.spreadsheet.csvfile import read_csv

        return Table(path=path, sheet=path.stem, sheets=[path.stem], rows=read_csv(path))
    if kind == "xls":
        from app.core.spreadsheet.xls import check_xls

        check_xls(path, MAX_CALAMINE_CELLS, MAX_CALAMINE_TEXT)
        return _read_by_calamine(path, sheet)
    from app.core.spreadsheet import ods, xlsx

    pkg = xlsx.Package(path)
    try:
        if ods.is_ods(pkg):
            ods.check_ods(pkg, MAX_CALAMINE_CELLS, MAX_CALAMINE_TEXT)
        elif pkg.has("xl/workbook.bin"):
            raise limits.refuse(
                f"不支持 Excel 二进制工作簿（.xlsb），请在 Excel 或 WPS 中另存为 .xlsx：{path.name}",
                f"Excel binary workbooks (.xlsb) are not supported; save it as .xlsx in Excel or "
                f"WPS: {path.name}",
            )
        else:
            book = xlsx.Workbook(pkg)
            name = _choose(path, sheet, book.sheet_names, book.visible_worksheets)
            rows, merged = book.read(name, limits.Budget(path))
            return Table(path=path, sheet=name, sheets=book.sheet_names, rows=rows, merged=merged)
    finally:
        pkg.close()
    return _read_by_calamine(path, sheet)


def _choose(path: Path, sheet: str | None, names: list[str], visible: list[str]) -> str:
    if sheet is not None and sheet not in names:
        raise limits.refuse(
            f"文件中没有名为“{sheet}”的工作表；已有：{'、'.join(names)}",
            f"No sheet named '{sheet}'; the file has: {', '.join(names)}",
        )
    if sheet is not None:
        return sheet
    if not (visible or names):
        raise limits.refuse(
            f"文件中没有工作表：{path.name}", f"The file has no sheets: {path.name}"
        )
    return (visible or names)[0]


def _read_by_calamine(path: Path, sheet: str | None) -> Table:
    """An .xls or .ods, already checked to fit in `MAX_CALAMINE_CELLS`."""
    from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    try:
        wb = CalamineWorkbook.from_path(str(path))
    except (CalamineError, OSError, ValueError) as exc:
        raise limits.refuse(
            f"无法打开表格文件（已损坏或加密？）：{path.name}",
            f"Cannot open the spreadsheet (damaged or encrypted?): {path.name}",
        ) from exc
    try:
        names = list(wb.sheet_names)
        visible = [
            m.name
            for m in wb.sheets_metadata
            if m.visible == SheetVisibleEnum.Visible and m.typ == SheetTypeEnum.WorkSheet
        ]
        name = _choose(path, sheet, names, visible)
        ws = wb.get_sheet_by_name(name)
        merged: list[tuple[tuple[int, int], tuple[int, int]]] = []
        try:
            merged = [(tuple(a), tuple(b)) for a, b in (ws.merged_cell_ranges or [])]  # type: ignore[misc]
        except Exception:  # merged cells are a help only
            merged = []
    except CalamineError as exc:
        raise limits.refuse(
            f"表格内容无法读取（文件已损坏？）：{path.name}",
            f"The sheet cannot be read (damaged file?): {path.name}",
        ) from exc
    finally:
        wb.close()  # the workbook's own strings go before Python's copies of the sheet are made
    rows = ws.to_python(skip_empty_area=False)  # from A1: row numbers are the sheet's
    for r, row in enumerate(rows):
        while row and row[-1] == "":
            row.pop()
        for c, value in enumerate(row):
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                raise limits.cell_too_long(path, r + 1, c)
    while rows and not rows[-1]:
        rows.pop()
    return Table(path=path, sheet=name, sheets=names, rows=rows, merged=merged)
