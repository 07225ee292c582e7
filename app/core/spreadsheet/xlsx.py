"""An .xlsx/.xlsm workbook read as a stream: the zip inflated in bounded steps, the sheet's XML parsed
a run of rows at a time, every row, cell and character counted against `limits` as it is read.

Only the parts the workbook itself names are read — its relationships say where the sheets, the
shared strings and the styles are, whatever the part is called (a sheet named `sheet1.bin` is read,
and checked, like any other) — and each of them only through `Package.stream`, which stops the file
from unpacking past `MAX_UNPACKED_BYTES` whatever the zip says of its sizes.

The cells come out as python-calamine gives them (it reads .xls and .ods): numbers as floats, a
number in a date or time format as a date, datetime, time or timedelta, booleans, text with its
spaces trimmed unless the file asks to keep them, an error or an empty cell as "". A row is as long
as its last non-empty cell; the table ends at its last non-empty row.

Rows are parsed by one regular expression over a run of complete rows in the forms Excel, WPS,
LibreOffice, xlsxwriter and openpyxl write; a run holding anything else (no `r=` attributes, a
prefixed tag, rich text, CDATA, a comment) is parsed by expat instead, to the same cells.
"""

from __future__ import annotations

import itertools
import math
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from xml.parsers import expat

from app.core.spreadsheet import limits
from app.core.spreadsheet.limits import Budget

CHUNK = 1 << 20
MAX_SMALL_PART = 16 * 1024 * 1024  # workbook.xml, relationships, styles: KBs, a bloated one MBs
MAX_RUN = 64 * 1024 * 1024  # one row: 200 cells of 32,767 characters is 20 MB of XML
FAST_RUN_ITEMS = 200_000  # more rows and cells in one run than any writer puts in a megabyte
# an inline string this short (in bytes) read again is the same str: a roster repeats its genders,
# buildings and relations, and holding each once keeps a table of 180,000 rows 60 MB smaller
SHORT_TEXT = 16
SEEN_TEXTS = 100_000  # of which so many are remembered at a time

Merged = list[tuple[tuple[int, int], tuple[int, int]]]

_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def _entity_refusal(path: Path) -> Exception:
    return limits.refuse(
        f"文件含有 XML 实体声明（可能是恶意文件），已拒绝：{path.name}",
        f"The file declares XML entities (possibly malicious); refused: {path.name}",
    )


# --- the zip ----------------------------------------------------------------------------------


class Package:
    """The zip of a workbook; every part read through `stream`, which counts what it unpacks."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.unpacked = 0
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise limits.refuse(
                f"文件已损坏，不是有效的 xlsx 文件：{path.name}",
                f"The file is damaged; not a valid xlsx file: {path.name}",
            ) from exc
        infos = self.zip.infolist()
        if len(infos) > limits.MAX_ZIP_ENTRIES:
            self.zip.close()
            raise limits.refuse(
                f"文件结构异常（{len(infos)} 个部件），已拒绝：{path.name}",
                f"Abnormal file structure ({len(infos)} parts); refused: {path.name}",
            )
        # part names are case-insensitive, and some writers use backslashes
        self.parts = {_part_key(i.filename): i for i in infos}

    def close(self) -> None:
        self.zip.close()

    def has(self, name: str) -> bool:
        return _part_key(name) in self.parts

    def stream(self, name: str) -> Iterator[bytes]:
        """The part unpacked a megabyte at a time: refused as soon as the file as a whole has
        unpacked past `MAX_UNPACKED_BYTES` (the zip's own sizes are not trusted), or when it
        starts with a DOCTYPE or entity declarations."""
        info = self.parts[_part_key(name)]
        first = True
        try:
            with self.zip.open(info) as fh:
                while True:
                    chunk = fh.read(CHUNK)
                    if not chunk:
                        return
                    self.unpacked += len(chunk)
                    if self.unpacked > limits.MAX_UNPACKED_BYTES:
                        raise limits.too_large_unpacked(self.path)
                    if first:
                        first = False
                        if chunk.startswith((b"\xff\xfe", b"\xfe\xff")):
                            raise limits.damaged(self.path)  # UTF-16 XML: no writer makes it
                        if chunk.startswith(b"\xef\xbb\xbf"):
                            chunk = chunk[3:]
                        if _DOCTYPE.search(chunk):
                            raise _entity_refusal(self.path)
                    yield chunk
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
            # RuntimeError: an encrypted entry; NotImplementedError: an unknown compression
            raise limits.damaged(self.path) from exc

    def elements(self, name: str) -> Iterator[tuple[str, dict[str, str]]]:
        """(local name, attributes) of each element of a small part as it starts, parsed by expat
        a chunk at a time (no tree is built)."""
        found: list[tuple[str, dict[str, str]]] = []
        parser = _parser(self.path)
        parser.StartElementHandler = lambda tag, attrs: found.append((_local(tag), attrs))
        size = 0
        try:
            for chunk in self.stream(name):
                size += len(chunk)
                if size > MAX_SMALL_PART:
                    raise limits.damaged(self.path)
                parser.Parse(chunk, False)
                yield from found
                found.clear()
            parser.Parse(b"", True)
        except expat.ExpatError as exc:
            raise limits.damaged(self.path) from exc
        yield from found


def _part_key(name: str) -> str:
    return name.replace("\\", "/").lstrip("/").lower()


def _local(tag: str) -> str:
    return tag.rpartition(":")[2]


def _parser(path: Path) -> Any:
    """An expat parser without namespaces that refuses a DOCTYPE wherever it is."""
    parser = expat.ParserCreate("utf-8")
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def doctype(*_args: object) -> None:
        raise _entity_refusal(path)

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    return parser


def _relationships(pkg: Package, part: str) -> dict[str, tuple[str, str]]:
    """Id → (type, part name) of the relationships of `part` (internal targets only)."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if not pkg.has(rels):
        return {}
    found: dict[str, tuple[str, str]] = {}
    for tag, attrs in pkg.elements(rels):
        if tag != "Relationship" or attrs.get("TargetMode") == "External":
            continue
        target = attrs.get("Target", "").replace("\\", "/")
        if target.startswith("/"):
            resolved = target.lstrip("/")
        else:
            resolved = posixpath.normpath(posixpath.join(folder, target))
        found[attrs.get("Id", "")] = (attrs.get("Type", ""), resolved)
    return found


# --- the workbook ------------------------------------------------------------------------------


@dataclass
class SheetEntry:
    name: str
    visible: bool
    worksheet: bool  # not a chart sheet, dialog sheet or macro sheet
    part: str | None


class Workbook:
    """The sheets of an .xlsx (names, which are visible) and, on demand, one sheet's cells."""

    def __init__(self, pkg: Package) -> None:
        self.path = pkg.path
        self.pkg = pkg
        self._open()

    def _open(self) -> None:
        pkg = self.pkg
        book = "xl/workbook.xml"
        for rel_type, part in _relationships(pkg, "").values():
            if rel_type.endswith("/officeDocument"):
                book = part
        if not pkg.has(book):
            raise limits.refuse(
                f"文件不是 Excel 工作簿（缺少 workbook.xml）：{self.path.name}",
                f"Not an Excel workbook (no workbook.xml): {self.path.name}",
            )
        rels = _relationships(pkg, book)
        self.is_1904 = False
        self.sheets: list[SheetEntry] = []
        for tag, attrs in pkg.elements(book):
            if tag == "workbookPr":
                self.is_1904 = attrs.get("date1904", "").lower() in ("1", "true")
            elif tag == "sheet":
                rid = next((v for k, v in attrs.items() if k.endswith(":id")), "")
                rel_type, part = rels.get(rid, ("", ""))
                if len(self.sheets) >= limits.MAX_ZIP_ENTRIES:
                    raise limits.damaged(self.path)
                self.sheets.append(
                    SheetEntry(
                        name=attrs.get("name", ""),
                        visible=attrs.get("state", "visible") not in ("hidden", "veryHidden"),
                        worksheet=rel_type.endswith("/worksheet"),
                        part=part if part and pkg.has(part) else None,
                    )
                )
        folder = posixpath.dirname(book)
        self.shared_strings_part = posixpath.join(folder, "sharedStrings.xml")
        self.styles_part = posixpath.join(folder, "styles.xml")
        for rel_type, part in rels.values():
            if rel_type.endswith("/sharedStrings"):
                self.shared_strings_part = part
            elif rel_type.endswith("/styles"):
                self.styles_part = part

    @property
    def sheet_names(self) -> list[str]:
        return [s.name for s in self.sheets]

    @property
    def visible_worksheets(self) -> list[str]:
        return [s.name for s in self.sheets if s.visible and s.worksheet]

    def read(self, name: str, budget: Budget) -> tuple[list[list[Any]], Merged]:
        """The rows and merged ranges of sheet `name`."""
        entry = next(s for s in self.sheets if s.name == name)
        if not entry.worksheet or entry.part is None:
            return [], []
        formats = _styles(self.pkg, self.styles_part)
        strings = SharedStrings(self.pkg, self.shared_strings_part, budget)
        sheet = _SheetReader(self.path, budget, strings, formats, self.is_1904)
        return sheet.read(self.pkg.stream(entry.part))


# --- styles: which cells hold dates -----------------------------------------------------------

OTHER, DATETIME, TIMEDELTA = 0, 1, 2
_BUILTIN_FORMATS = {**dict.fromkeys((*range(14, 23), 45, 47), DATETIME), 46: TIMEDELTA}


def number_format_kind(code: str) -> int:
    """Whether a number format shows a date or time (DATETIME), a duration such as [h]:mm
    (TIMEDELTA) or a plain number — the rule calamine applies, so every format reads alike."""
    escaped = is_quote = ap = hms = False
    brackets = 0
    prev = " "
    for s in code:
        if escaped:
            escaped = False
        elif s in "_\\*":
            escaped = True
        elif is_quote:
            if s == '"':
                is_quote = False
        elif s == '"':
            is_quote = True
        elif s == ";":
            return OTHER
        elif s == "[":
            brackets += 1
        elif s == "]" and brackets == 1 and hms:
            return TIMEDELTA
        elif s == "]":
            brackets = max(brackets - 1, 0)
        elif s in "aA" and not ap and brackets == 0:
            ap = True
        elif brackets == 0 and (s in "pm/PM" if ap else s in "dmhysDMHYS"):
            return DATETIME
        elif not (hms and s.lower() == prev.lower()):
            hms = prev == "[" and s in "mhsMHS"
        prev = s
    return OTHER


def _styles(pkg: Package, part: str) -> list[int]:
    """The kind of number (plain, date, duration) of each cell style, by its index."""
    if not pkg.has(part):
        return []
    custom: dict[str, str] = {}
    xfs: list[str | None] = []
    in_cell_xfs = False
    for tag, attrs in pkg.elements(part):
        if tag == "numFmt":
            custom[attrs.get("numFmtId", "")] = attrs.get("formatCode", "")
        elif tag == "cellXfs":
            in_cell_xfs = True
        elif tag in ("cellStyles", "dxfs", "cellStyleXfs"):
            in_cell_xfs = False
        elif tag == "xf" and in_cell_xfs:
            xfs.append(attrs.get("numFmtId"))
    kinds = []
    for fid in xfs:
        if fid is None:
            kinds.append(OTHER)
        elif fid in custom:
            kinds.append(number_format_kind(custom[fid]))
        else:
            kinds.append(_BUILTIN_FORMATS.get(int(fid) if fid.isdigit() else -1, OTHER))
    return kinds


_EPOCH = datetime(1899, 12, 30)


def excel_date(value: float, kind: int, is_1904: bool) -> Any:
    """A number in a date or duration format as python-calamine gives it: a timedelta for a
    duration, a time under one day, a date for a whole day, else a datetime (the number itself
    when it is no date Python can hold)."""
    if not math.isfinite(value):
        return value
    try:
        if kind == TIMEDELTA:
            return timedelta(milliseconds=round(value * 86_400_000))
        serial = value + 1462 if is_1904 else value
        if serial < 60:
            serial += 1  # Excel's 1900 has a 29 February
        moment = _EPOCH + timedelta(milliseconds=round(serial * 86_400_000))
    except OverflowError:
        return value
    if value < 1.0:
        return moment.time()
    if value == int(value):
        return moment.date()
    return moment


def iso_date(text: str) -> Any:
    """A cell of type d (an ISO date, time or datetime) as python-calamine gives it."""
    try:
        if "T" in text:
            return datetime.fromisoformat(text)
        if ":" in text:
            return time.fromisoformat(text)
        return date.fromisoformat(text)
    except ValueError:
        return text


# --- text ----------------------------------------------------------------------------------------

_ENTITY = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")  # Excel's escape of a control character: _x000D_
_SPACES = " \t\r\n"
_WS = frozenset(_SPACES.encode())
_WSB = (b" ", b"\t", b"\r", b"\n")


def _entity(m: re.Match[str]) -> str:
    ref = m.group(1)
    if ref[0] != "#":
        return _NAMED[ref]
    code = int(ref[2:], 16) if ref[1] in "xX" else int(ref[1:])
    return chr(code) if 0 < code < 0x110000 else m.group(0)


def unescape(text: str, preserve: bool = True, entities: bool = True, excel: bool = True) -> str:
    """The text of a `<t>` or `<v>` as written: XML entities resolved (unless expat did), Excel's
    _xHHHH_ escapes undone in a `<t>` (`excel`: calamine leaves them in a `<v>`); without
    xml:space="preserve" the spaces around a `<t>` are not part of it."""
    if entities:  # raw XML text: line ends as an XML parser gives them, then the entities
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if "&" in text:
            text = _ENTITY.sub(_entity, text)
    if not preserve:
        text = text.strip(_SPACES)
    if excel and "_x" in text:
        text = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    return text


def _last_end(buf: bytes, name: bytes, end: re.Pattern[bytes], lo: int = 0) -> int:
    """Where the last complete closing tag `name` (any prefix) in `buf[lo:]` ends, or -1."""
    pos = len(buf)
    while True:
        pos = buf.rfind(name + b">", lo, pos)
        if pos < 0:
            return -1
        stop = pos + len(name) + 1
        if end.search(buf, max(pos - 80, 0), stop):
            return stop


def runs(
    chunks: Iterator[bytes],
    name: bytes,
    end: re.Pattern[bytes],
    path: Path,
    stop: tuple[bytes, re.Pattern[bytes]] | None = None,
    after: list[bytes] | None = None,
) -> Iterator[bytes]:
    """The stream cut after its last complete `</name>` in each chunk: runs of whole elements
    (one element longer than a chunk waits for the chunks it spans, up to `MAX_RUN`). With
    `stop` (a word it holds, the closing tag), the stream ends at that tag; what follows it goes
    into `after`."""
    carry = b""
    for chunk in chunks:
        if not chunk:
            continue
        if b"<" not in chunk:
            # a megabyte without a tag: no text of a cell is so long, and whitespace between
            # elements (a zip bomb's spaces) holds nothing; the stream goes on to its end, or to
            # the most a file may unpack
            if chunk.isspace():
                continue
            raise _too_large(path)
        lo = max(len(carry) - 128, 0)
        buf = carry + chunk if carry else chunk
        if stop is not None and stop[0] in buf:
            m = stop[1].search(buf, lo)
            if m is not None:
                yield buf[: m.start()]
                if after is not None:
                    after.append(buf[m.end() :])
                return
        cut = _last_end(buf, name, end, lo)
        if cut < 0:
            if len(buf) > MAX_RUN:
                raise _too_large(path)
            carry = buf
            continue
        yield buf[:cut]
        carry = buf[cut:]
    if stop is not None:
        raise limits.damaged(path)  # the stream stops before `stop`
    if carry:
        yield carry


def _too_large(path: Path) -> Exception:
    return limits.refuse(
        f"表格中有一行（或一个单元格）的内容超过 {MAX_RUN // 1024 // 1024} MB，远超表格所能容纳，"
        f"已拒绝：{path.name}",
        f"A row (or a cell) of the sheet holds more than {MAX_RUN // 1024 // 1024} MB, far more "
        f"than a spreadsheet can; refused: {path.name}",
    )


_SI_END = re.compile(rb"</(?:[\w.-]+:)?si>\Z")
_SI_START = re.compile(rb"<(?:[\w.-]+:)?si[\s/>]")


class SharedStrings:
    """The workbook's shared strings, parsed as a stream and counted as they come (their number
    against `MAX_CELLS`, their characters against `MAX_TEXT`); one longer than a cell may hold
    is remembered, to be refused where a cell uses it."""

    _FAST = re.compile(rb'<si><t( xml:space="preserve")?>([^<]*)</t></si>')

    def __init__(self, pkg: Package, part: str, budget: Budget) -> None:
        self.items: list[str] = []
        self.too_long: set[int] = set()
        self.path = pkg.path
        self.budget = budget
        if pkg.has(part):
            for run in runs(pkg.stream(part), b"si", _SI_END, pkg.path):
                self._run(run)

    def _run(self, run: bytes) -> None:
        first = _SI_START.search(run)  # the first run starts with <sst>, the last is </sst>
        if first is None:
            return
        if first.start():
            run = run[first.start() :]
        n = run.count(b"<si")
        if len(self.items) + n > limits.MAX_CELLS:
            raise limits.too_many_cells(self.path)
        found = self._FAST.findall(run) if n <= FAST_RUN_ITEMS else []
        if n and len(found) == n and b":si" not in run:
            try:
                texts = [t.decode() for _keep, t in found]
            except UnicodeDecodeError as exc:
                raise limits.damaged(self.path) from exc
            fix = b"&" in run or b"_x" in run or b"\r" in run
            texts = [
                unescape(t, bool(k)) if fix or (not k and (r[:1] in _WSB or r[-1:] in _WSB)) else t
                for (k, r), t in zip(found, texts, strict=True)
            ]
        else:
            texts = _parse_strings(run, self.path)
        start = len(self.items)
        self.items.extend(texts)
        if len(self.items) > limits.MAX_CELLS:
            raise limits.too_many_cells(self.path)
        lengths = list(map(len, texts))
        self.budget.add_text(sum(lengths))
        if max(lengths, default=0) > limits.MAX_CELL_CHARS:
            self.too_long.update(
                start + i for i, k in enumerate(lengths) if k > limits.MAX_CELL_CHARS
            )


class _StringsState:
    """Where expat is within `<si>` elements: rich text runs joined, phonetic readings left out."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.parts: list[str] = []
        self.piece: list[str] = []
        self.in_si = self.in_t = self.keep = False
        self.rph = 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        if tag == "si":
            self.in_si = True
            self.parts = []
        elif tag == "rPh":
            self.rph += 1
        elif tag == "t" and self.in_si and not self.rph:
            self.in_t = True
            self.keep = attrs.get("xml:space") == "preserve"
            self.piece = []

    def end(self, name: str) -> None:
        tag = _local(name)
        if tag == "t" and self.in_t:
            self.in_t = False
            self.parts.append(unescape("".join(self.piece), self.keep, entities=False))
        elif tag == "rPh":
            self.rph -= 1
        elif tag == "si":
            self.in_si = False
            self.texts.append("".join(self.parts))

    def text(self, data: str) -> None:
        if self.in_t:
            self.piece.append(data)


def _parse_strings(run: bytes, path: Path) -> list[str]:
    state = _StringsState()
    _expat(run, state.start, state.end, state.text, path)
    return state.texts


def _expat(
    run: bytes,
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None],
    text: Callable[[str], None],
    path: Path,
) -> None:
    """Parse a run of complete elements (any prefixes, entities, CDATA) without namespaces."""
    parser = _parser(path)
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        parser.Parse(b"<_>", False)
        parser.Parse(run, False)
        parser.Parse(b"</_>", True)
    except expat.ExpatError as exc:
        raise limits.damaged(path) from exc


# --- a sheet ---------------------------------------------------------------------------------------

_COLUMNS = {limits.column_letters(i).encode(): i for i in range(limits.MAX_COLUMNS)}
_CELL_REF = re.compile(r"([A-Za-z]{1,3})([0-9]+)")
_MERGE = re.compile(rb'<(?:[\w.-]+:)?mergeCell\s+ref="([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?"')

# One cell or one row start, in the forms writers use (r= first, then s=, then t=). Groups:
# 1 column letters, 2 row digits, 3 style, 4 type (none for an inline string: group 6 says it),
# 5 xml:space="preserve" of an inline string, 6 the inline string, 7 <v>; 8 the row's r.
# An empty <row/> does not match: the run goes to expat, which gives it a number as calamine does.
_FAST = re.compile(
    rb'<(?:c r="([A-Z]{1,3})(\d++)"(?: s="(\d++)")?(?: t="inlineStr"| t="(\w++)")?'
    rb'(?: (?:cm|vm|ph)="[^"]*+")*+'
    rb'(?:><is><t( xml:space="preserve")?>([^<]*+)</t></is></c>'
    rb"|>(?:<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)?(?:<v>([^<]*+)</v>)?</c>"
    rb"|/>)"
    rb'|row(?: r="(\d++)"[^>/]*+|(?![^>]*\sr=)[^>/]*+)>)'
)
_SHEET_DATA = re.compile(rb"<(?:[\w.-]+:)?sheetData\b[^>]*?(/?)>")
_SHEET_DATA_END = re.compile(rb"</(?:[\w.-]+:)?sheetData\s*>")
_ROW_END = re.compile(rb"</(?:[\w.-]+:)?row>\Z")


class _SheetReader:
    """The rows of one worksheet, built a run of complete rows at a time."""

    def __init__(
        self,
        path: Path,
        budget: Budget,
        strings: SharedStrings,
        formats: list[int],
        is_1904: bool,
    ) -> None:
        self.path = path
        self.budget = budget
        self.strings = strings
        self.formats = formats
        self.is_1904 = is_1904
        self.rows: list[list[Any]] = []
        self.next_row = 1  # the number a row without r= takes
        self.merged: Merged = []
        self.seen: dict[bytes, str] = {}  # short inline strings read, by their bytes

    def read(self, chunks: Iterator[bytes]) -> tuple[list[list[Any]], Merged]:
        """The part before the cells is skipped, the rows read run by run, the merged ranges
        picked out of the part after them."""
        head = b""
        rest = b""
        for chunk in chunks:
            head += chunk
            m = _SHEET_DATA.search(head)
            if m is None:
                head = head[-256:]
                continue
            rest = head[m.end() :]
            if m.group(1):  # <sheetData/>
                return self._tail(rest, chunks)
            break
        else:
            return self._finish()
        after: list[bytes] = []
        stop = (b"sheetData", _SHEET_DATA_END)
        for run in runs(itertools.chain((rest,), chunks), b"row", _ROW_END, self.path, stop, after):
            self._run(run)
        return self._tail(after[0] if after else b"", chunks)

    def _tail(self, buf: bytes, chunks: Iterator[bytes]) -> tuple[list[list[Any]], Merged]:
        self._merges(buf)
        buf = buf[-256:]
        for chunk in chunks:
            buf += chunk
            self._merges(buf)
            buf = buf[-256:]
        return self._finish()

    def _merges(self, buf: bytes) -> None:
        # a merge split between two chunks is matched in the second, whose buffer starts with the
        # 256 bytes that ended the first; one matched twice is dropped in `_finish`
        for m in _MERGE.finditer(buf):
            if len(self.merged) >= 2 * limits.MAX_MERGED:
                raise _too_many_merges(self.path)
            c0, r0 = _column_number(m.group(1).decode()), int(m.group(2)) - 1
            c1 = _column_number(m.group(3).decode()) if m.group(3) else c0
            r1 = int(m.group(4)) - 1 if m.group(4) else r0
            if r0 < 0 or r1 < 0:
                raise limits.damaged(self.path)
            if c0 < limits.MAX_COLUMNS:  # past the last column there is nothing to fill in
                self.merged.append(((r0, c0), (r1, min(c1, limits.MAX_COLUMNS - 1))))

    def _finish(self) -> tuple[list[list[Any]], Merged]:
        rows = self.rows
        while rows and not rows[-1]:
            rows.pop()
        merged = list(dict.fromkeys(self.merged))
        if len(merged) > limits.MAX_MERGED:
            raise _too_many_merges(self.path)
        # what filling the ranges in touches (the rows the table has) is bounded like its cells
        area = sum(
            max(min(r1, len(rows) - 1) - r0 + 1, 0) * max(c1 - c0 + 1, 0)
            for (r0, c0), (r1, c1) in merged
        )
        if area > limits.MAX_CELLS:
            raise limits.too_many_cells(self.path)
        return rows, merged

    def _run(self, run: bytes) -> None:
        """A run of complete rows: the fast reading when every row and cell in it is in a form
        it knows, else expat."""
        n_rows = run.count(b"<row")
        n_cells = run.count(b"<c")
        if self.budget.cells + n_cells > limits.MAX_CELLS:
            raise limits.too_many_cells(self.path)
        if n_rows + n_cells <= FAST_RUN_ITEMS and b":c" not in run and b":row" not in run:
            # every match is a whole row tag or cell and starts at a "<row" or "<c" of the run,
            # so as many matches as there are of those means every one of them was matched
            found = _FAST.findall(run)
            if len(found) == n_rows + n_cells:
                self._fast(found, b"&" in run or b"_x" in run or b"\r" in run)
                return
        self._slow(run)

    def _fast(self, found: list[tuple[bytes, ...]], fix: bool) -> None:
        """The rows of a run from its regular-expression matches, a cell at a time."""
        rows = self.rows
        strings = self.strings.items
        too_long = self.strings.too_long
        formats = self.formats
        columns = _COLUMNS
        seen = self.seen
        max_chars = limits.MAX_CELL_CHARS
        last_row = limits.MAX_ROWS + 1
        row: list[Any] | None = None
        rownum = 0
        rowkey = b""
        n_rows = pad = text = 0
        for col, digits, s, t, keep, inl, v, rr in found:
            if not col:  # a row begins
                n_rows += 1
                rownum = int(rr) if rr else self.next_row
                self.next_row = rownum + 1
                rowkey = rr or b"%d" % rownum
                if rownum == len(rows) + 1 and rownum <= last_row:
                    row = []
                    rows.append(row)
                else:  # made when a value is put in it: calamine ignores a far empty row
                    row = None
                continue
            if digits != rowkey:  # a cell placed in another row than the one it is written in
                rownum, rowkey = int(digits), digits
                row = None
            if inl:
                # a string read before is the same str again: only a new one takes memory
                value: Any = seen.get(inl)
                if value is None:
                    if fix or inl[0] in _WS or inl[-1] in _WS:
                        value = self._inline(inl, bool(keep), rownum, col)
                        if not value:
                            continue
                    else:  # plain text, the same with xml:space="preserve" or without
                        try:
                            value = inl.decode()
                        except UnicodeDecodeError:
                            raise limits.damaged(self.path) from None
                        if len(value) > max_chars:
                            raise limits.cell_too_long(self.path, rownum, _column(col, self.path))
                        if len(inl) <= SHORT_TEXT:
                            if len(seen) >= SEEN_TEXTS:
                                seen.clear()
                            seen[inl] = value
                    text += len(value)
            elif t == b"s":
                if not v:
                    continue
                i = int(v)
                if i >= len(strings):
                    raise limits.damaged(self.path)
                if too_long and i in too_long:
                    raise limits.cell_too_long(self.path, rownum, _column(col, self.path))
                value = strings[i]
                if not value:
                    continue
            elif not t or t == b"n":
                if not v:
                    continue
                try:
                    value = float(v)
                except ValueError:
                    if t:
                        raise limits.damaged(self.path) from None
                    value = self._text(v, rownum, col)
                    text += len(value)
                else:
                    if s and formats:
                        f = int(s)
                        if f < len(formats) and formats[f]:
                            value = excel_date(value, formats[f], self.is_1904)
            else:
                value = self._typed(t, v, rownum, col)
                if value == "":
                    continue
                if isinstance(value, str):
                    text += len(value)
            c = columns.get(col)
            if c is None:
                c = _column(col, self.path)
            if row is None:
                row = self._row(rownum)
            n = len(row)
            if c == n:
                row.append(value)
            elif c > n:
                pad += c - n
                row.extend([""] * (c - n))
                row.append(value)
            else:
                row[c] = value
        self.budget.add_cells(len(found) - n_rows + pad)
        self.budget.add_text(text)

    def _inline(self, raw: bytes, keep: bool, rownum: int, col: bytes) -> str:
        """An inline string with entities, escapes or spaces at its ends."""
        try:
            value = unescape(raw.decode(), keep)
        except UnicodeDecodeError:
            raise limits.damaged(self.path) from None
        if len(value) > limits.MAX_CELL_CHARS:
            raise limits.cell_too_long(self.path, rownum, _column(col, self.path))
        return value

    def _row(self, rownum: int) -> list[Any]:
        """The row numbered `rownum` (1-based), the rows before it made (empty) if need be."""
        if rownum < 1:
            raise limits.damaged(self.path)
        self.budget.check_row(rownum)
        rows = self.rows
        if rownum > len(rows):
            rows.extend([] for _ in range(rownum - len(rows)))
        return rows[rownum - 1]

    def _text(self, v: bytes, rownum: int, col: bytes) -> str:
        try:
            value = unescape(v.decode(), excel=False)
        except UnicodeDecodeError:
            raise limits.damaged(self.path) from None
        if len(value) > limits.MAX_CELL_CHARS:
            raise limits.cell_too_long(self.path, rownum, _column(col, self.path))
        return value

    def _typed(self, t: bytes, v: bytes, rownum: int, col: bytes) -> Any:
        """A cell of type str (a formula's text), b, e or d."""
        if t == b"str":
            return self._text(v, rownum, col)
        if t == b"b":
            return v != b"0" if v else ""
        if t in (b"e", b"inlineStr"):
            return ""
        if t == b"d":
            return iso_date(self._text(v, rownum, col))
        raise limits.damaged(self.path)

    def _slow(self, run: bytes) -> None:
        """The same rows as `_fast` gives, from a run in any form expat reads."""
        state = _SheetState(self)
        _expat(run, state.start, state.end, state.text, self.path)
        self.budget.add_cells(state.pad)
        self.budget.add_text(state.chars)


class _SheetState:
    """Where expat is within a run of rows: the row and column the next cell takes (a row without
    r= follows the one before, a cell without r= the cell before), and the cell being read."""

    def __init__(self, sheet: _SheetReader) -> None:
        self.sheet = sheet
        self.rownum = sheet.next_row - 1
        self.col = 0
        self.row: list[Any] | None = None
        self.in_row = False
        self.cell: tuple[int, int, str | None, str | None] | None = None
        self.value: list[str] = []
        self.inline: list[str] | None = None
        self.collect = False
        self.keep = False
        self.rph = 0
        self.pad = self.chars = 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        sheet = self.sheet
        if tag == "row" and self.cell is None:
            r = attrs.get("r")
            if r is not None:
                if not r.isdigit():
                    raise limits.damaged(sheet.path)
                self.rownum = int(r)
            else:
                self.rownum = sheet.next_row
            sheet.next_row = self.rownum + 1
            self.row = None  # made when a value is put in it
            self.col = 0
            self.in_row = True
        elif tag == "c" and self.in_row and self.cell is None:
            sheet.budget.add_cells(1)
            ref = attrs.get("r")
            rownum, col = self.rownum, self.col
            if ref is not None:
                m = _CELL_REF.fullmatch(ref)
                if m is None:
                    raise limits.damaged(sheet.path)
                col = _column_number(m.group(1))
                rownum = int(m.group(2))
            self.cell = (rownum, col, attrs.get("s"), attrs.get("t"))
            self.col = col + 1
            self.value = []
            self.inline = None
        elif self.cell is not None:
            if tag == "v" and self.inline is None:
                self.collect, self.keep, self.value = True, True, []
            elif tag == "is":
                self.inline = []
            elif tag == "rPh":
                self.rph += 1
            elif tag == "t" and self.inline is not None and not self.rph:
                self.collect, self.keep, self.value = True, attrs.get("xml:space") == "preserve", []

    def end(self, name: str) -> None:
        tag = _local(name)
        if self.cell is None:
            if tag == "row":
                self.in_row = False
            return
        if tag == "c":
            self._place()
            self.cell = None
        elif tag in ("v", "t") and self.collect:
            self.collect = False
            if tag == "t" and self.inline is not None:
                self.inline.append(unescape("".join(self.value), self.keep, entities=False))
                self.value = []
        elif tag == "rPh":
            self.rph -= 1

    def text(self, data: str) -> None:
        if self.collect:
            self.value.append(data)

    def _place(self) -> None:
        sheet = self.sheet
        assert self.cell is not None
        rownum, col, s, t = self.cell
        raw = "".join(self.value)
        value: Any
        if self.inline is not None:
            value = "".join(self.inline)
        elif t == "s":
            if not raw.strip():
                return
            try:
                i = int(raw)
                value = sheet.strings.items[i]
            except (ValueError, IndexError):
                raise limits.damaged(sheet.path) from None
            if i in sheet.strings.too_long:
                raise limits.cell_too_long(sheet.path, rownum, col)
            if value:
                self._put(rownum, col, value)
            return
        elif t is None or t == "n":
            if not raw:
                return
            try:
                value = float(raw)
            except ValueError:
                if t is not None:
                    raise limits.damaged(sheet.path) from None
                value = unescape(raw, entities=False, excel=False)
            else:
                f = int(s) if s is not None and s.isdigit() else -1
                if 0 <= f < len(sheet.formats) and sheet.formats[f]:
                    value = excel_date(value, sheet.formats[f], sheet.is_1904)
        elif t == "str":
            value = raw
        elif t == "b":
            if not raw:
                return
            value = raw != "0"
        elif t in ("e", "inlineStr"):
            return
        elif t == "d":
            value = iso_date(raw)
        else:
            raise limits.damaged(sheet.path)
        if isinstance(value, str):
            if not value:
                return
            if len(value) > limits.MAX_CELL_CHARS:
                raise limits.cell_too_long(sheet.path, rownum, col)
            self.chars += len(value)
        self._put(rownum, col, value)

    def _put(self, rownum: int, col: int, value: Any) -> None:
        self.sheet.budget.check_column(col)  # an empty cell may be anywhere, a value not
        if rownum != self.rownum:
            row = self.sheet._row(rownum)
        else:
            if self.row is None:
                self.row = self.sheet._row(rownum)
            row = self.row
        n = len(row)
        if col == n:
            row.append(value)
        elif col > n:
            self.pad += col - n
            row.extend([""] * (col - n))
            row.append(value)
        else:
            row[col] = value


def _too_many_merges(path: Path) -> Exception:
    return limits.refuse(
        f"表格的合并单元格超过 {limits.MAX_MERGED:,} 处，已拒绝：{path.name}",
        f"The sheet has more than {limits.MAX_MERGED:,} merged ranges; refused: {path.name}",
    )


def _column_number(letters: str) -> int:
    """0-based, of 1 to 3 letters."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def _column(letters: bytes, path: Path) -> int:
    """0-based; refused past `MAX_COLUMNS`."""
    c = _COLUMNS.get(letters)
    if c is None:
        raise limits.too_many_columns(path)
    return c
