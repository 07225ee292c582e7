"""A CSV file read a row at a time, within `limits`: never the whole file in memory at once.

The encoding is UTF-8 (with or without a BOM), GBK/GB18030 (what WPS and Excel write on Chinese
Windows) or UTF-16 with its BOM; a file that is not valid UTF-8 is read again as GB18030. The
delimiter (comma, tab or semicolon) and quoting are guessed from the first 8 KB.

A row is refused, with its number, when it is no CSV (a field over the csv module's limit, a NUL),
when a field holds more than a spreadsheet cell may, or when it has values past `MAX_COLUMNS`.
One physical line, and one row over several lines, is read up to the most a row may hold.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from app.core.spreadsheet import limits
from app.core.spreadsheet.limits import Budget

# the most a row may hold: every column full, and the commas, quotes and line ends around them
MAX_ROW_CHARS = limits.MAX_COLUMNS * (2 * limits.MAX_CELL_CHARS + 3)
SEEN_TEXTS = 100_000  # distinct values remembered to share one str between equal cells


def read_csv(path: Path) -> list[list[Any]]:
    """The rows of the CSV at `path` (1 row = 1 record, as a spreadsheet shows it)."""
    with path.open("rb") as fh:
        head = fh.read(4096)
    if b"\x00" in head:
        if not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise limits.refuse(
                f"不是文本格式的 CSV 文件：{path.name}", f"Not a text CSV file: {path.name}"
            )
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8-sig", "gb18030"]  # WPS and Excel save CSV in GBK on Chinese Windows
    for encoding in encodings:
        try:
            return _rows(path, encoding)
        except UnicodeDecodeError:
            continue
    raise limits.refuse(
        f"无法识别 CSV 文件的编码（应为 UTF-8 或 GBK）：{path.name}",
        f"Unknown CSV encoding (UTF-8 or GBK expected): {path.name}",
    )


class _Lines:
    """The file's lines for the csv reader, each no longer than a row may be, and the characters
    the row being read has taken so far (reset by the reader's consumer at each row)."""

    def __init__(self, fh: IO[str], path: Path) -> None:
        self.fh = fh
        self.path = path
        self.row = 1
        self.chars = 0

    def __iter__(self) -> Iterator[str]:
        while True:
            line = self.fh.readline(MAX_ROW_CHARS + 1)
            if not line:
                return
            self.chars += len(line)
            if self.chars > MAX_ROW_CHARS:
                raise limits.refuse(
                    f"CSV 第 {self.row} 行过长（超过一行表格所能容纳的内容），已拒绝：{self.path.name}",
                    f"Row {self.row} of the CSV is longer than a spreadsheet row can be; "
                    f"refused: {self.path.name}",
                )
            yield line


def _rows(path: Path, encoding: str) -> list[list[Any]]:
    budget = Budget(path)
    rows: list[list[Any]] = []
    seen: dict[str, str] = {}
    with path.open("r", encoding=encoding, newline="") as fh:
        sample = fh.read(8192)
        fh.seek(0)
        try:
            dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;")
        except csv.Error:
            dialect = csv.excel
        lines = _Lines(fh, path)
        reader = csv.reader(lines, dialect)
        while True:
            lines.row = len(rows) + 1
            lines.chars = 0
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                if "field larger than field limit" in str(exc):
                    raise limits.refuse(
                        f"CSV 第 {lines.row} 行有单元格的内容超过 {limits.MAX_CELL_CHARS:,} 个字符，"
                        f"超出表格单元格的容量，已拒绝：{path.name}",
                        f"Row {lines.row} of the CSV has a field of more than "
                        f"{limits.MAX_CELL_CHARS:,} characters, more than a spreadsheet cell "
                        f"can hold; refused: {path.name}",
                    ) from exc
                raise limits.refuse(
                    f"CSV 第 {lines.row} 行格式有误，无法读取（{exc}）：{path.name}",
                    f"Row {lines.row} of the CSV cannot be read ({exc}): {path.name}",
                ) from exc
            if len(rows) > limits.MAX_ROWS:
                raise limits.refuse(
                    f"CSV 行数超过上限 {limits.MAX_ROWS:,} 行：{path.name}",
                    f"The CSV has more than {limits.MAX_ROWS:,} rows: {path.name}",
                )
            if len(row) > limits.MAX_COLUMNS:
                if any(row[limits.MAX_COLUMNS :]):
                    raise limits.too_many_columns(path)
                row = row[: limits.MAX_COLUMNS]  # empty fields after the last column
            if row:
                lengths = list(map(len, row))
                if max(lengths) > limits.MAX_CELL_CHARS:
                    column = next(i for i, n in enumerate(lengths) if n > limits.MAX_CELL_CHARS)
                    raise limits.cell_too_long(path, lines.row, column)
                budget.add_cells(len(row))
                budget.add_text(sum(lengths))
                if len(seen) > SEEN_TEXTS:
                    seen.clear()
                row = list(map(seen.setdefault, row, row))  # equal cells share one str
            rows.append(row)
    return rows
