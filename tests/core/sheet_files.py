"""Spreadsheet files built byte by byte for the reader's tests: an .xlsx from the XML of its sheet
(streamed into the zip, so a sheet of hundreds of megabytes costs no memory to make), an .ods
from its content.xml."""

from __future__ import annotations

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
