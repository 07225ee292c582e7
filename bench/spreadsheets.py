"""Memory of reading a spreadsheet (issue "Nothing lost", part 4): the peak resident memory of a
child process that imports the 180,000-resident roster (target ≤ 600 MB, as much as the office
PCs spare), or reads a file made to take as much as it can (target ≤ 1 GB for any file up to
200 MB, the largest accepted), each printed beside the file's size and what the reading said.

The files are made once into bench/.data:

* the roster of the import benchmark (10 MB .xlsx, 180,000 rows of 9 columns);
* 300,000 rows × 115 numbers (a tester's 47 MB .xlsx, 34.5 million cells);
* 5,000,000 cells of text, each different: the most cells accepted, at the cap;
* a 190 MB .xlsx of random text (not compressible: as large as an accepted file gets);
* a 190 MB CSV of 40 different texts a row;
* a 4 MB .xlsx whose sheet, named `sheet1.bin`, unpacks to 1 GiB;
* a 5 MB .xlsx of rows and cells without r= (2.6 GB before);
* an .xls whose one shared string of 30,000 characters fills 300,000 cells;
* an .ods asking for a billion cells by repeating one.

Each peak is read from `resource.getrusage(RUSAGE_CHILDREN).ru_maxrss` in a small process made
for that one measurement, whose only child does the reading: in the benchmark's own process the
figure would be the largest of every child it ever waited for.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import textwrap
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from bench.common import CACHE, ROOT, MemoryWorkload

_WORK = textwrap.dedent(
    """
    import shutil, sys, tempfile
    from pathlib import Path
    from app.errors import InvalidInput
    action, path = sys.argv[1], Path(sys.argv[2])
    try:
        if action == "read":
            from app.core.spreadsheet import read_table
            table = read_table(path)
            print(f"read, {len(table.rows):,} rows")
        else:
            from app.core.office.datadir import DataDir
            from app.core.office.setup import init_office, open_office
            from app.core.registry.roster_import import import_roster
            root = Path(tempfile.mkdtemp(prefix="gd-bench-"))
            try:
                init_office(DataDir(root / "d"), "community", "420106001001", "幸福里社区", "420106001")
                db, _info = open_office(DataDir(root / "d"))
                plan = import_roster(db, path)
                db.dispose()
                print(f"imported, {plan.residents_added:,} residents")
            finally:
                shutil.rmtree(root, ignore_errors=True)
    except InvalidInput as exc:
        print("refused:", exc.en)
    """
)
_MEASURE = textwrap.dedent(
    """
    import json, resource, subprocess, sys
    done = subprocess.run([sys.executable, "-c", sys.argv[1], *sys.argv[2:]], capture_output=True,
                          text=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    print(json.dumps({"peak": peak, "code": done.returncode, "out": done.stdout.strip(),
                      "err": done.stderr.strip()[-300:]}))
    """
)


def measure(action: str, path: Path) -> tuple[float, str]:
    """(peak MB, what the reading said) of `action` ("read" or "import") on `path`, done in a
    child process."""
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, _WORK, action, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout)
    said = result["out"] or f"died ({result['code']}): {result['err']}"
    return result["peak"] / 1024, said


# --- the files ---------------------------------------------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def _xlsx(path: Path, sheet: Iterable[bytes], part: str = "xl/worksheets/sheet1.xml") -> None:
    """A workbook of one sheet whose `<sheetData>` is `sheet`, written as it comes."""
    tmp = path.with_suffix(".part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
            f'Type="{_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        zf.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_RELS}"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_RELS}/worksheet" '
            f'Target="{part.removeprefix("xl/")}"/></Relationships>',
        )
        with zf.open(part, "w", force_zip64=True) as fh:
            fh.write(f'<worksheet xmlns="{_MAIN}"><sheetData>'.encode())
            for piece in sheet:
                fh.write(piece)
            fh.write(b"</sheetData></worksheet>")
    tmp.replace(path)


def _letters(i: int) -> bytes:
    out = b""
    n = i + 1
    while n:
        n, rest = divmod(n - 1, 26)
        out = bytes([65 + rest]) + out
    return out


def _rows(n: int, cell: Callable[[int, int], bytes], width: int) -> Iterable[bytes]:
    cols = [_letters(c) for c in range(width)]
    batch: list[bytes] = []
    for r in range(1, n + 1):
        num = b"%d" % r
        batch.append(b'<row r="%s">' % num)
        batch.extend(b'<c r="%s%s"%s</c>' % (cols[c], num, cell(r, c)) for c in range(width))
        batch.append(b"</row>")
        if len(batch) > 50_000:
            yield b"".join(batch)
            batch = []
    yield b"".join(batch)


def _cached(name: str, make: Callable[[Path], None]) -> Callable[[], Path]:
    def get() -> Path:
        path = CACHE / name
        if not path.is_file():
            CACHE.mkdir(parents=True, exist_ok=True)
            print(f"(making {name} for the benchmarks, once…)", file=sys.stderr)
            make(path)
        return path

    return get


def _wide(path: Path) -> None:
    _xlsx(path, _rows(300_000, lambda r, c: b"><v>%d</v>" % (r * 115 + c), 115))


def _at_the_cap(path: Path) -> None:
    text = ' t="inlineStr"><is><t>%d-%d 张</t></is>'.encode()
    _xlsx(path, _rows(250_000, lambda r, c: text % (r, c), 20))


def _random_text(path: Path) -> None:
    rng = random.Random(4)
    alphabet = [chr(c) for c in range(0x4E00, 0x9FA6)]  # every common Chinese character

    def text(_r: int, _c: int) -> bytes:
        value = "".join(rng.choices(alphabet, k=40))
        return b' t="inlineStr"><is><t>%s</t></is>' % value.encode()

    _xlsx(path, _rows(105_000, text, 20))


def _csv(path: Path) -> None:
    tmp = path.with_suffix(".part")
    with tmp.open("w", encoding="utf-8") as fh:
        r = 0
        while fh.tell() < 190 * 1024 * 1024:
            fh.write(",".join(f"第{r}行第{c}列abcdef" for c in range(40)) + "\n")
            r += 1
    tmp.replace(path)


def _bomb(path: Path) -> None:
    spaces = b" " * (1 << 20)
    _xlsx(path, (spaces for _ in range(1024)), part="xl/worksheets/sheet1.bin")


def _no_r(path: Path) -> None:
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c><c><v>1</v></c></row>' * 10_000
    _xlsx(path, (row for _ in range(200)))  # 2,000,000 rows


def _xls(path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from tests.core.sheet_files import xls  # the tests' writer of BIFF8 records

    cells = ((r % 60_000, r // 60_000, 0) for r in range(300_000))
    xls(path, ["长" * 30_000], cells)


def _ods(path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from tests.core.sheet_files import ods

    ods(
        path,
        '<table:table-row table:number-rows-repeated="1000000"><table:table-cell '
        'table:number-columns-repeated="1000" office:value-type="float" office:value="1"/>'
        "</table:table-row>",
    )


def _roster() -> Path:
    from bench.registry import _roster as roster

    return roster()


def workloads() -> list[MemoryWorkload]:
    gb = 1024
    return [
        MemoryWorkload("import memory: roster 180,000 residents (xlsx)", _roster, "import", 600),
        MemoryWorkload("import memory: read that roster alone", _roster, "read", 600),
        MemoryWorkload(
            "import memory: 300,000 rows × 115 numbers (xlsx)",
            _cached("mem-wide.xlsx", _wide),
            "read",
            gb,
        ),
        MemoryWorkload(
            "import memory: 5,000,000 different texts, at the cap",
            _cached("mem-cap.xlsx", _at_the_cap),
            "read",
            gb,
        ),
        MemoryWorkload(
            "import memory: random text, near 200 MB (xlsx)",
            _cached("mem-random.xlsx", _random_text),
            "read",
            gb,
        ),
        MemoryWorkload("import memory: CSV near 200 MB", _cached("mem-big.csv", _csv), "read", gb),
        MemoryWorkload(
            "import memory: sheet1.bin unpacking to 1 GiB",
            _cached("mem-bomb.xlsx", _bomb),
            "read",
            gb,
        ),
        MemoryWorkload(
            "import memory: 2,000,000 rows without r=",
            _cached("mem-no-r.xlsx", _no_r),
            "read",
            gb,
        ),
        MemoryWorkload(
            "import memory: xls, one long shared string × 300,000",
            _cached("mem-sst.xls", _xls),
            "read",
            gb,
        ),
        MemoryWorkload(
            "import memory: ods repeating a cell 10⁹ times",
            _cached("mem-repeat.ods", _ods),
            "read",
            gb,
        ),
    ]
