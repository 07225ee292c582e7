"""How much of a spreadsheet GridDesk will hold, and the sentence that refuses a file over it.

The limits are chosen from the largest roster an office keeps — 180,000 residents of about 20
columns, 3.6 million cells and some 30 million characters — with headroom, and so that a table at
every limit at once still fits in well under a gigabyte (a cell costs Python about 90 bytes, a
character 1 to 4):

* `MAX_CELLS` 5,000,000 cells (that roster 1.4 times over; 250,000 rows of 20 columns);
* `MAX_TEXT` 60,000,000 characters of text in all the cells together;
* `MAX_ROWS` 300,000 rows and `MAX_COLUMNS` 200 columns, as before;
* `MAX_CELL_CHARS` 32,767 characters in one cell: what a spreadsheet cell holds, so that a value
  read can be written back (an export) whole.

`Budget` counts a reading against them as it goes: whatever the file says of itself, a reader
stops at the first row, cell or character over a limit, with one clear sentence naming it.
"""

from __future__ import annotations

from pathlib import Path

from app.errors import InvalidInput

MAX_ROWS = 300_000
MAX_COLUMNS = 200
MAX_CELLS = 5_000_000
MAX_TEXT = 60_000_000
MAX_CELL_CHARS = 32_767
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_UNPACKED_BYTES = 600 * 1024 * 1024  # a 180,000-row roster's sheet is about 90 MB of XML
MAX_ZIP_ENTRIES = 2000
MAX_MERGED = 100_000  # merged ranges in one sheet


def column_letters(index: int) -> str:
    """The spreadsheet's name of a 0-based column: 0 → A, 25 → Z, 26 → AA."""
    letters = ""
    n = index + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def refuse(zh: str, en: str) -> InvalidInput:
    return InvalidInput(zh, en)


def damaged(path: Path) -> InvalidInput:
    return refuse(
        f"文件已损坏，无法读取：{path.name}",
        f"The file is damaged and cannot be read: {path.name}",
    )


def too_many_rows(path: Path) -> InvalidInput:
    return refuse(
        f"表格行数超过上限 {MAX_ROWS:,} 行（含大量空行？），已拒绝：{path.name}",
        f"The sheet reaches past {MAX_ROWS:,} rows (a mass of empty rows?); refused: {path.name}",
    )


def too_many_columns(path: Path) -> InvalidInput:
    return refuse(
        f"表格列数超过上限 {MAX_COLUMNS} 列，已拒绝：{path.name}",
        f"The sheet reaches past {MAX_COLUMNS} columns; refused: {path.name}",
    )


def too_many_cells(path: Path, cap: int = MAX_CELLS) -> InvalidInput:
    rows = cap // 20
    return refuse(
        f"表格单元格数超过上限 {cap:,} 个（约 {rows // 10_000} 万行 × 20 列），已拒绝：{path.name}",
        f"The sheet has more than {cap:,} cells (about {rows:,} rows of 20 columns); "
        f"refused: {path.name}",
    )


def too_much_text(path: Path, cap: int = MAX_TEXT) -> InvalidInput:
    return refuse(
        f"表格文字总量超过上限 {cap // 10_000:,} 万字，已拒绝：{path.name}",
        f"The sheet holds more than {cap:,} characters of text; refused: {path.name}",
    )


def cell_too_long(path: Path, row: int, column: int) -> InvalidInput:
    """`row` as the sheet numbers it (1-based), `column` 0-based."""
    where = f"{column_letters(column)}{row}"
    return refuse(
        f"第 {row} 行 {column_letters(column)} 列（{where}）的内容超过 {MAX_CELL_CHARS:,} 个字符，"
        f"超出表格单元格的容量，已拒绝：{path.name}",
        f"Cell {where} (row {row}, column {column_letters(column)}) holds more than "
        f"{MAX_CELL_CHARS:,} characters, more than a spreadsheet cell can; refused: {path.name}",
    )


def too_large_unpacked(path: Path) -> InvalidInput:
    return refuse(
        f"文件解压后超过 {MAX_UNPACKED_BYTES // 1024 // 1024} MB（疑似压缩炸弹），已拒绝：{path.name}",
        f"The file expands to more than {MAX_UNPACKED_BYTES // 1024 // 1024} MB when unpacked "
        f"(a zip bomb?); refused: {path.name}",
    )


class Budget:
    """What one reading has taken so far: rows reached, cells held, characters of text."""

    __slots__ = ("cells", "path", "text")

    def __init__(self, path: Path) -> None:
        self.path = path
        self.cells = 0
        self.text = 0

    def add_cells(self, n: int) -> None:
        self.cells += n
        if self.cells > MAX_CELLS:
            raise too_many_cells(self.path)

    def add_text(self, n: int) -> None:
        self.text += n
        if self.text > MAX_TEXT:
            raise too_much_text(self.path)

    def check_row(self, row: int) -> None:
        """`row` 1-based."""
        if row > MAX_ROWS + 1:
            raise too_many_rows(self.path)

    def check_column(self, column: int) -> None:
        """`column` 0-based."""
        if column >= MAX_COLUMNS:
            raise too_many_columns(self.path)
