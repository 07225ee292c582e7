"""Spreadsheet files built byte by byte for the reader's tests: an .xlsx from the XML of its sheet
(streamed into the zip, so a sheet of hundreds of megabytes costs no memory to make), an .xls
from its BIFF8 records in an OLE2 compound file, an .ods from its content.xml."""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Iterable
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


def xlsx(
    path: Path,
    sheet: bytes | Iterable[bytes],
    *,
    part: str = "xl/worksheets/sheet1.xml",
    shared: list[str] | None = None,
    after: bytes = b"",
) -> Path:
    """A workbook of one sheet whose `<sheetData>` holds `sheet` — bytes, or pieces written one
    after another — and `after` it (merged cells); the sheet stored as `part`, whatever its
    name, and `shared` its shared strings."""
    target = part.removeprefix("xl/")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        zf.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE_RELS}">'
            f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        zf.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{RELS}">'
            '<sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        strings = (
            f'<Relationship Id="rId2" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>'
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE_RELS}">'
            f'<Relationship Id="rId1" Type="{RELS}/worksheet" Target="{target}"/>'
            f"{strings if shared is not None else ''}</Relationships>",
        )
        if shared is not None:
            items = "".join(f"<si><t>{s}</t></si>" for s in shared)
            zf.writestr(
                "xl/sharedStrings.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">{items}</sst>',
            )
        with zf.open(part, "w", force_zip64=True) as fh:
            head = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'
            fh.write(head.encode())
            for piece in [sheet] if isinstance(sheet, bytes) else sheet:
                fh.write(piece)
            fh.write(b"</sheetData>" + after + b"</worksheet>")
    return path


def repeat(piece: bytes, times: int, head: bytes = b"", tail: bytes = b"") -> Iterable[bytes]:
    """`head`, `piece` `times` over (a megabyte at a time), `tail`."""
    yield head
    per = max(1, (1 << 20) // len(piece))
    block = piece * per
    for _ in range(times // per):
        yield block
    yield piece * (times % per)
    yield tail


def rows(n: int, cells: list[bytes], first: int = 1) -> Iterable[bytes]:
    """`n` rows from row `first` on, each with `cells` (the XML of each cell's value, e.g.
    b'<v>1</v>') in columns A, B, …, with their r= references."""
    letters = [_column(i) for i in range(len(cells))]
    batch: list[bytes] = []
    for r in range(first, first + n):
        num = str(r).encode()
        batch.append(b'<row r="%s">' % num)
        batch.extend(
            b'<c r="%s%s"%s</c>' % (col, num, cell)
            for col, cell in zip(letters, cells, strict=True)
        )
        batch.append(b"</row>")
        if len(batch) > 20_000:
            yield b"".join(batch)
            batch = []
    yield b"".join(batch)


def _column(i: int) -> bytes:
    letters = b""
    n = i + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = bytes([65 + rest]) + letters
    return letters


# --- .xls: BIFF8 records in an OLE2 compound file -------------------------------------------------


def record(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def _bof(kind: int) -> bytes:
    return record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 6))


def xls(path: Path, strings: list[str], cells: Iterable[tuple[int, int, int]]) -> Path:
    """An .xls of one sheet: `strings` its shared strings, `cells` (row, column, string index) of
    its LABELSST cells — the records calamine makes a cell with its own copy of the string of."""
    sst = struct.pack("<II", len(strings), len(strings)) + b"".join(
        struct.pack("<HB", len(s), 1) + s.encode("utf-16-le") for s in strings
    )
    pieces = [record(0x00FC, sst[:8224])]
    rest = sst[8224:]
    while rest:  # longer than a record: the rest in CONTINUE records (the strings never split here)
        pieces.append(record(0x003C, rest[:8224]))
        rest = rest[8224:]
    sheet_records = [_bof(0x0010)]
    sheet_records.extend(record(0x00FD, struct.pack("<HHHI", r, c, 15, i)) for r, c, i in cells)
    sheet_records.append(record(0x000A, b""))
    name = "花名册".encode("utf-16-le")
    boundsheet_size = 4 + 8 + len(name)
    globals_head = _bof(0x0005)
    globals_tail = [*pieces, record(0x000A, b"")]
    offset = len(globals_head) + boundsheet_size + sum(map(len, globals_tail))
    boundsheet = record(0x0085, struct.pack("<IBBBB", offset, 0, 0, 3, 1) + name)
    stream = b"".join([globals_head, boundsheet, *globals_tail, *sheet_records])
    if len(stream) < 4096:  # kept out of the mini stream, which this writer does not make
        stream += record(0x00E1, b"\x00\x00") * ((4096 - len(stream)) // 6 + 1)
    path.write_bytes(_compound(stream))
    return path


def _compound(stream: bytes) -> bytes:
    """An OLE2 file (512-byte sectors) holding one stream named Workbook."""
    sector = 512
    n_stream = -(-len(stream) // sector)
    n_fat = 1
    while n_fat * 128 < n_fat + 1 + n_stream:
        n_fat += 1
    if n_fat > 109:
        raise ValueError("too large for this writer")
    fat = [0xFFFFFFFD] * n_fat + [0xFFFFFFFE]  # the FAT's own sectors, then the directory
    first = n_fat + 1
    fat += [first + i + 1 for i in range(n_stream - 1)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (n_fat * 128 - len(fat))
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 0x2C, n_fat, n_fat, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    difat = list(range(n_fat)) + [0xFFFFFFFF] * (109 - n_fat)
    struct.pack_into("<109I", header, 0x4C, *difat)
    directory = _entry("Root Entry", 5, 0xFFFFFFFE, 0, child=1) + _entry(
        "Workbook", 2, first, len(stream)
    )
    directory += bytes(128) * 2
    body = struct.pack(f"<{len(fat)}I", *fat) + directory + stream
    body += bytes(-len(body) % sector)
    return bytes(header) + body


def _entry(name: str, kind: int, start: int, size: int, child: int = 0xFFFFFFFF) -> bytes:
    raw = name.encode("utf-16-le") + b"\x00\x00"
    entry = bytearray(128)
    entry[: len(raw)] = raw
    struct.pack_into("<HBB", entry, 64, len(raw), kind, 1)
    struct.pack_into("<III", entry, 68, 0xFFFFFFFF, 0xFFFFFFFF, child)
    struct.pack_into("<II", entry, 116, start, size)
    return bytes(entry)


# --- .ods -----------------------------------------------------------------------------------------


def ods(path: Path, table: str) -> Path:
    """An .ods of one table whose rows (the XML inside `<table:table>`) are `table`."""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
            'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" '
            'manifest:media-type="text/xml"/></manifest:manifest>',
        )
        zf.writestr(
            "content.xml",
            '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
            '<office:body><office:spreadsheet><table:table table:name="花名册">'
            f"{table}</table:table></office:spreadsheet></office:body></office:document-content>",
            zipfile.ZIP_DEFLATED,
        )
    return path
