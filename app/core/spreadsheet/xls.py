"""What an Excel 97–2003 workbook (.xls) will cost python-calamine, worked out from its records
before calamine opens it.

calamine reads every sheet of an .xls when it opens the file: each sheet's cells into a rectangle
from A1 to its farthest cell, every cell that uses the shared string table (LABELSST) with its own
copy of the string. The workbook stream is walked here record by record — the compound file's
sector chains followed with their lengths checked, the shared strings' lengths read — and the
rectangles, cells and characters summed, so that a file that would pass the limits is refused
before calamine allocates anything.
"""

from __future__ import annotations

import struct
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from app.core.spreadsheet import limits

_ENDOFCHAIN = 0xFFFFFFFE
_MAX_SECTOR = 0xFFFFFFFA

# the records calamine makes a cell of, and where they keep what the check needs
_BOF, _EOF, _SST, _CONTINUE = 0x0809, 0x000A, 0x00FC, 0x003C
_LABELSST, _LABEL, _RSTRING, _STRING = 0x00FD, 0x0204, 0x00D6, 0x0207
_CELLS = {
    0x0203,
    0x027E,
    0x0205,
    0x0006,
    _LABELSST,
    _LABEL,
    _RSTRING,
}  # NUMBER, RK, BOOLERR, FORMULA
_MULRK = 0x00BD


class _Compound:
    """The sectors of an OLE2 compound file, enough to stream one of its streams."""

    def __init__(self, fh: BinaryIO, size: int, path: Path) -> None:
        self.fh = fh
        self.path = path
        header = fh.read(512)
        if len(header) < 512:
            raise limits.damaged(path)
        shift = struct.unpack_from("<H", header, 0x1E)[0]
        if shift not in (9, 12):
            raise limits.damaged(path)
        self.sector = 1 << shift
        self.sectors = max((size - 512) // self.sector, 0) + 1
        n_fat, self.first_dir = struct.unpack_from("<II", header, 0x2C)
        self.cutoff = struct.unpack_from("<I", header, 0x38)[0]
        first_difat, n_difat = struct.unpack_from("<II", header, 0x44)
        fat_sectors = [s for s in struct.unpack_from("<109I", header, 0x4C) if s <= _MAX_SECTOR]
        difat = first_difat
        per = self.sector // 4 - 1
        for _ in range(min(n_difat, self.sectors)):
            if difat > _MAX_SECTOR:
                break
            entries = struct.unpack(f"<{per + 1}I", self._sector(difat))
            fat_sectors.extend(s for s in entries[:per] if s <= _MAX_SECTOR)
            difat = entries[per]
        if n_fat > self.sectors:
            raise limits.damaged(path)
        self.fat = array("I")
        for s in fat_sectors[:n_fat]:
            self.fat.frombytes(self._sector(s))

    def _sector(self, n: int) -> bytes:
        if n >= self.sectors:
            raise limits.damaged(self.path)
        self.fh.seek((n + 1) * self.sector)
        data = self.fh.read(self.sector)
        if len(data) < self.sector:
            data += bytes(self.sector - len(data))  # a last sector cut short
        return data

    def chain(self, start: int) -> Iterator[bytes]:
        """The sectors of a chain; a chain longer than the file has sectors loops: damaged."""
        n = start
        for _ in range(self.sectors + 1):
            if n == _ENDOFCHAIN:
                return
            if n > _MAX_SECTOR or n >= len(self.fat):
                raise limits.damaged(self.path)
            yield self._sector(n)
            n = self.fat[n]
        raise limits.damaged(self.path)

    def workbook(self) -> tuple[int, int] | None:
        """(first sector, size) of the Workbook (or BIFF5 Book) stream."""
        found: dict[str, tuple[int, int]] = {}
        for data in self.chain(self.first_dir):
            for at in range(0, len(data), 128):
                entry = data[at : at + 128]
                length = struct.unpack_from("<H", entry, 64)[0]
                if entry[66] != 2 or not 2 <= length <= 64:
                    continue
                name = entry[: length - 2].decode("utf-16-le", "replace").lower()
                start, size = struct.unpack_from("<II", entry, 116)
                found[name] = (start, size)
        return found.get("workbook") or found.get("book")


class _Sheets:
    """The rectangles, cells and characters calamine will hold, substream by substream."""

    def __init__(self, path: Path, max_cells: int, max_text: int) -> None:
        self.path = path
        self.max_cells = max_cells
        self.max_text = max_text
        self.cells = 0  # rectangles of the sheets done, and cell records
        self.text = 0
        self.strings = array("I")  # the length of each shared string
        self._sheet()

    def _sheet(self) -> None:
        self.rows = self.columns = 0
        self.records = 0

    def end(self) -> None:
        self.cells += self.rows * self.columns + self.records
        self._sheet()
        self._check()

    def cell(self, row: int, column: int, count: int = 1) -> None:
        self.records += count
        if row + 1 > self.rows:
            self.rows = row + 1
        if column + count > self.columns:
            self.columns = column + count
        if self.cells + self.rows * self.columns + self.records > self.max_cells:
            raise limits.too_many_cells(self.path, self.max_cells)

    def add_text(self, n: int) -> None:
        self.text += n
        if self.text > self.max_text:
            raise limits.too_much_text(self.path, self.max_text)

    def _check(self) -> None:
        if self.cells > self.max_cells:
            raise limits.too_many_cells(self.path, self.max_cells)


def check_xls(path: Path, max_cells: int, max_text: int) -> None:
    """Refuse an .xls whose sheets, as calamine will read them, pass the limits."""
    size = path.stat().st_size
    with path.open("rb") as fh:
        cf = _Compound(fh, size, path)
        stream = cf.workbook()
        if stream is None or stream[1] < cf.cutoff:
            return  # no workbook (calamine says so) or one of a few KB
        start, length = stream
        sheets = _Sheets(path, max_cells, max_text)
        _walk(_stream(cf.chain(start), length), sheets, path)


def _stream(sectors: Iterator[bytes], length: int) -> Iterator[bytes]:
    left = length
    for data in sectors:
        if left <= 0:
            return
        yield data[:left]
        left -= len(data)


def _walk(chunks: Iterator[bytes], sheets: _Sheets, path: Path) -> None:
    buf = bytearray()
    pos = 0
    sst: list[bytes] | None = None  # the SST record and its CONTINUEs, while they come
    for chunk in chunks:
        buf += chunk
        end = len(buf)
        while pos + 4 <= end:
            kind, n = struct.unpack_from("<HH", buf, pos)
            if pos + 4 + n > end:
                break
            body = pos + 4
            pos = body + n
            if sst is not None:
                if kind == _CONTINUE:
                    sst.append(bytes(buf[body:pos]))
                    continue
                _shared_strings(sst, sheets, path)
                sst = None
            if kind in _CELLS:
                if n < 4:
                    raise limits.damaged(path)
                row, column = struct.unpack_from("<HH", buf, body)
                sheets.cell(row, column)
                if kind == _LABELSST and n >= 10:
                    i = struct.unpack_from("<I", buf, body + 6)[0]
                    if i < len(sheets.strings):
                        sheets.add_text(sheets.strings[i])
                elif kind in (_LABEL, _RSTRING) and n >= 8:
                    sheets.add_text(struct.unpack_from("<H", buf, body + 6)[0])
            elif kind == _MULRK:
                if n < 6:
                    raise limits.damaged(path)
                row, first = struct.unpack_from("<HH", buf, body)
                last = struct.unpack_from("<H", buf, pos - 2)[0]
                if last >= first:
                    sheets.cell(row, first, last - first + 1)
            elif kind == _STRING and n >= 2:
                sheets.add_text(struct.unpack_from("<H", buf, body)[0])
            elif kind == _SST:
                sst = [bytes(buf[body:pos])]
            elif kind == _EOF:
                sheets.end()
        if pos > 1 << 20:
            del buf[:pos]
            pos = 0
    if sst is not None:
        _shared_strings(sst, sheets, path)
    sheets.end()


def _shared_strings(segments: list[bytes], sheets: _Sheets, path: Path) -> None:
    """The length of every string of the SST (its characters split over CONTINUE records, each
    continuation starting with its own flags byte), counted as calamine will hold them."""
    reader = _Segments(segments, path)
    reader.take(4)
    unique = struct.unpack("<I", reader.take(4))[0]
    if unique > sheets.max_cells:
        raise limits.too_many_cells(path, sheets.max_cells)
    lengths = sheets.strings
    for _ in range(unique):
        if reader.done():
            break  # fewer strings than announced: calamine reads what there is
        cch = struct.unpack("<H", reader.take(2))[0]
        flags = reader.take(1)[0]
        runs = struct.unpack("<H", reader.take(2))[0] if flags & 0x08 else 0
        ext = struct.unpack("<I", reader.take(4))[0] if flags & 0x04 else 0
        reader.chars(cch, flags & 0x01)
        reader.skip(4 * runs + ext)
        lengths.append(cch)
        sheets.add_text(cch)


class _Segments:
    """Bytes read across the SST record and its CONTINUE records."""

    def __init__(self, segments: list[bytes], path: Path) -> None:
        self.segments = segments
        self.path = path
        self.i = 0
        self.at = 0

    def done(self) -> bool:
        while self.i < len(self.segments) and self.at >= len(self.segments[self.i]):
            self.i += 1
            self.at = 0
        return self.i >= len(self.segments)

    def take(self, n: int) -> bytes:
        out = b""
        while len(out) < n:
            if self.done():
                raise limits.damaged(self.path)
            seg = self.segments[self.i]
            piece = seg[self.at : self.at + n - len(out)]
            self.at += len(piece)
            out += piece
        return out

    def skip(self, n: int) -> None:
        while n > 0:
            if self.done():
                return
            step = min(n, len(self.segments[self.i]) - self.at)
            self.at += step
            n -= step

    def chars(self, cch: int, wide: int) -> None:
        """Skip `cch` characters: a continuation record restarts them with a flags byte."""
        while cch > 0:
            if self.done():
                return
            seg = self.segments[self.i]
            if self.at == 0 and self.i > 0:
                wide = seg[0] & 0x01
                self.at = 1
                continue
            width = 2 if wide else 1
            step = min(cch, (len(seg) - self.at) // width)
            if step == 0:
                self.i += 1
                self.at = 0
                continue
            self.at += step * width
            cch -= step
