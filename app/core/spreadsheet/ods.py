"""What an OpenDocument spreadsheet (.ods) will cost python-calamine, worked out from its content.xml
as a stream before calamine opens it.

calamine reads every table of an .ods when it opens the file, and expands repeated rows and cells
(`table:number-rows-repeated`, `table:number-columns-repeated` — a few bytes can ask for millions
of cells) into a dense rectangle from the first to the last non-empty row, as wide as the widest
row's last non-empty cell. The same rectangles are summed here, with the text of every cell as
often as it is repeated, and the file refused before calamine allocates them.
"""

from __future__ import annotations

import re
from pathlib import Path

from app.core.spreadsheet import limits
from app.core.spreadsheet.xlsx import Package, runs

MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"

_ROW_END = re.compile(rb"</table:table-row>\Z")
# a row (an empty <table:table-row/> too: calamine repeats it as any other), or a table's end
_ROW = re.compile(
    rb"<table:table-row\b([^>]*?)(?:/>|(?<!/)>(.*?)</table:table-row>)|(</table:table>)",
    re.DOTALL,
)
_ROWS_REPEATED = re.compile(rb'table:number-rows-repeated="(\d+)"')
_COLUMNS_REPEATED = re.compile(rb'table:number-columns-repeated="(\d+)"')
_CELL = re.compile(rb"<table:(?:covered-)?table-cell\b([^>]*?)(/?)>")
_CELL_END = re.compile(rb"</table:(?:covered-)?table-cell>")
_FULL = (b"office:value-type=", b"table:formula=")
_STRING_VALUE = re.compile(rb'office:string-value="([^"]*)"')
_TAG = re.compile(rb"<[^>]*>")

# calamine's own caps on what a table may repeat to
_CALAMINE_ROWS = 1_048_576
_CALAMINE_COLUMNS = 16_384


def is_ods(pkg: Package) -> bool:
    if not pkg.has("content.xml"):
        return False
    if not pkg.has("mimetype"):
        return not pkg.has("xl/workbook.xml")
    return b"".join(pkg.stream("mimetype")).strip() == MIMETYPE


class _Tables:
    """The rectangles calamine will make, table by table, as the rows stream past."""

    def __init__(self, path: Path, max_cells: int, max_text: int) -> None:
        self.path = path
        self.max_cells = max_cells
        self.max_text = max_text
        self.cells = 0  # of the tables done
        self.text = 0
        self._table()

    def _table(self) -> None:
        self.rows = 0  # from the first non-empty row to the last, repeats expanded
        self.empty_rows = 0  # since the last non-empty row
        self.width = 0

    def end_table(self) -> None:
        self.cells += self.rows * self.width
        self._table()

    def row(self, repeats: int, width: int, text: int) -> None:
        """A row (repeated `repeats` times) whose last non-empty cell ends at `width`."""
        if width == 0:
            if self.rows:
                self.empty_rows += repeats
            return
        self.rows += self.empty_rows + repeats
        self.empty_rows = 0
        self.width = max(self.width, width)
        self.text += text * repeats
        if self.rows > limits.MAX_ROWS + 1:
            raise limits.too_many_rows(self.path)
        if self.width > limits.MAX_COLUMNS:
            raise limits.too_many_columns(self.path)
        if self.cells + self.rows * self.width > self.max_cells:
            raise limits.too_many_cells(self.path, self.max_cells)
        if self.text > self.max_text:
            raise limits.too_much_text(self.path, self.max_text)


def check_ods(pkg: Package, max_cells: int, max_text: int) -> None:
    """Refuse an .ods whose tables, as calamine will expand them, pass the limits."""
    tables = _Tables(pkg.path, max_cells, max_text)
    for run in runs(pkg.stream("content.xml"), b"table:table-row", _ROW_END, pkg.path):
        for m in _ROW.finditer(run):
            attrs, content, table_end = m.groups()
            if table_end is not None:
                tables.end_table()
                continue
            r = _ROWS_REPEATED.search(attrs)
            repeats = min(int(r.group(1)), _CALAMINE_ROWS) if r else 1
            if content is None:
                width, text = 0, 0
            elif b"number-columns-repeated" in content:
                width, text = _cells(content)
            else:
                width, text = _plain_row(content)
            tables.row(repeats, width, text)
    tables.end_table()


def _plain_row(content: bytes) -> tuple[int, int]:
    """A row without repeated cells: as wide as the cells up to its last non-empty one, and the
    text of all of them."""
    last = max(content.rfind(_FULL[0]), content.rfind(_FULL[1]))
    if last < 0:
        return 0, 0
    before = content[:last]
    width = before.count(b"<table:table-cell") + before.count(b"<table:covered-table-cell")
    return width, _text(content)


def _text(content: bytes) -> int:
    """The characters of the text in `content` (its elements' text, and string-value
    attributes)."""
    raw = _TAG.sub(b"", content) if b"<" in content else content
    if b"string-value" in content:
        raw += b"".join(_STRING_VALUE.findall(content))
    return len(raw.decode("utf-8", "replace"))


def _cells(content: bytes) -> tuple[int, int]:
    """A row with repeated cells, a cell at a time: each non-empty one is as many cells, and as
    much text, as it is repeated; empty ones count where a non-empty one follows."""
    width = pending = text = 0
    pos = 0
    while True:
        m = _CELL.search(content, pos)
        if m is None:
            return width, text
        attrs, closed = m.group(1), m.group(2)
        c = _COLUMNS_REPEATED.search(attrs)
        columns = min(int(c.group(1)), _CALAMINE_COLUMNS) if c else 1
        if closed:
            inner = b""
            pos = m.end()
        else:
            end = _CELL_END.search(content, m.end())
            stop = end.start() if end else len(content)
            inner = content[m.end() : stop]
            pos = end.end() if end else len(content)
        if attrs.find(_FULL[0]) < 0 and attrs.find(_FULL[1]) < 0 and not inner.strip():
            pending += columns
            continue
        width += pending + columns
        pending = 0
        text += _text(attrs + inner) * columns
