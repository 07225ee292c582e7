"""The spreadsheet reader on files built for it: hostile ones (a sheet part of any name unpacking
to a gigabyte, rows without r=, more cells or text than a table may hold, an .xls whose shared
string is copied into every cell, an .ods repeating a cell millions of times) are refused with one
clear sentence — the heavy ones in a child process whose memory is capped, so that a regression
fails the test and not the machine — and ordinary ones read cell for cell as python-calamine reads
them."""

from __future__ import annotations

import re
import resource
import subprocess
import sys
import textwrap
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from app.core.spreadsheet import read_table
from app.core.spreadsheet.limits import MAX_CELL_CHARS, MAX_CELLS, MAX_ROWS
from app.errors import InvalidInput
from tests.core.sheet_files import ods, repeat, rows, xls, xlsx

ROOT = Path(__file__).resolve().parents[2]
MEMORY_CAP = 1024 * 1024 * 1024  # address space of the child that reads a hostile file

_READ = textwrap.dedent(
    """
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[2]), int(sys.argv[2])))
    from pathlib import Path
    from app.core.spreadsheet import read_table
    from app.errors import InvalidInput
    try:
        table = read_table(Path(sys.argv[1]))
    except InvalidInput as exc:
        print("refused:", exc.zh)
    else:
        print("rows:", len(table.rows))
    """
)


def read_capped(path: Path) -> str:
    """What reading `path` in a child process of at most `MEMORY_CAP` of address space says: a
    refusal, the number of rows, or (the failure this guards against) how it died."""
    done = subprocess.run(
        [sys.executable, "-c", _READ, str(path), str(MEMORY_CAP)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"the reader died ({done.returncode}): {done.stderr[-2000:]}"
    return done.stdout.strip()


def calamine_rows(path: Path, sheet: str | None = None) -> list[list[Any]]:
    """The sheet as python-calamine reads it, trimmed as `read_table` trims (a row ends at its
    last non-empty cell, the table at its last non-empty row)."""
    wb = CalamineWorkbook.from_path(str(path))
    ws = wb.get_sheet_by_name(sheet) if sheet else wb.get_sheet_by_index(0)
    out = []
    for row in ws.to_python(skip_empty_area=False):
        while row and row[-1] == "":
            row.pop()
        out.append(row)
    while out and not out[-1]:
        out.pop()
    return out


def test_the_child_process_cap_is_real() -> None:
    """The guard guards: a child that asks for more than the cap dies of it."""
    code = f"import resource; resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_CAP}, {MEMORY_CAP}));"
    done = subprocess.run(
        [sys.executable, "-c", code + "x = bytearray(2 * 1024 ** 3)"], capture_output=True
    )
    assert done.returncode != 0 and b"MemoryError" in done.stderr
    assert resource.RLIMIT_AS  # the platform has the limit the tests rely on


# --- hostile .xlsx ------------------------------------------------------------------------------


def test_a_sheet_part_of_any_name_is_unpacked_in_bounded_steps(tmp_path: Path) -> None:
    # the workbook names its sheet xl/worksheets/sheet1.bin; it unpacks to 700 MB of spaces
    bomb = xlsx(
        tmp_path / "bomb.xlsx", repeat(b" " * 1024, 700 * 1024), part="xl/worksheets/sheet1.bin"
    )
    assert bomb.stat().st_size < 4 * 1024 * 1024
    assert "疑似压缩炸弹" in read_capped(bomb)


def test_a_sheet_part_of_any_name_has_its_cells_counted(tmp_path: Path) -> None:
    # 3.2 million cells in one row (70 MB of XML) of a part named .bin, packed into 200 KB
    bomb = xlsx(
        tmp_path / "cells.xlsx",
        repeat(b'<c r="A1"><v>1</v></c>', 3_200_000, head=b'<row r="1">', tail=b"</row>"),
        part="xl/worksheets/sheet1.bin",
    )
    assert re.search("refused: 表格中有一行.*超过 64 MB", read_capped(bomb))


def test_rows_without_r_are_counted_as_they_come(tmp_path: Path) -> None:
    sheet = repeat(b'<row><c t="inlineStr"><is><t>x</t></is></c></row>', MAX_ROWS + 100)
    assert "refused: 表格行数超过上限 300,000 行" in read_capped(
        xlsx(tmp_path / "rows.xlsx", sheet)
    )


def test_cells_without_r_are_placed_and_counted(tmp_path: Path) -> None:
    wide = b"<row>" + b"<c><v>1</v></c>" * 201 + b"</row>"
    assert "表格列数超过上限 200 列" in read_capped(xlsx(tmp_path / "wide.xlsx", wide))
    ok = xlsx(
        tmp_path / "ok.xlsx",
        b"<row><c><v>1</v></c><c/><c><v>3</v></c></row><row/><row>"
        b'<c t="inlineStr"><is><t>x</t></is></c></row>',
    )
    assert read_table(ok).rows == [[1.0, "", 3.0], [], ["x"]] == calamine_rows(ok)


def test_more_cells_than_a_table_may_hold(tmp_path: Path) -> None:
    # 5,200,000 numbers: 260,000 rows of 20, each a new float
    sheet = rows(260_000, [b"><v>%d</v>" % i for i in range(20)])
    out = read_capped(xlsx(tmp_path / "cells.xlsx", sheet))
    assert f"refused: 表格单元格数超过上限 {MAX_CELLS:,} 个" in out


def test_more_text_than_a_table_may_hold(tmp_path: Path) -> None:
    # 2,000 different strings of 30,000 characters each: 60 million characters
    def sheet() -> Any:
        for r in range(1, 2_100):
            text = (str(r) * 30_000)[:30_000].encode()
            yield b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c></row>' % (
                r,
                r,
                text,
            )

    assert "refused: 表格文字总量超过上限 6,000 万字" in read_capped(
        xlsx(tmp_path / "t.xlsx", sheet())
    )


def test_shared_strings_are_counted(tmp_path: Path) -> None:
    many = [f"s{i}" for i in range(MAX_CELLS + 1)]
    path = xlsx(
        tmp_path / "sst.xlsx", b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared=many
    )
    assert "refused: 表格单元格数超过上限" in read_capped(path)


def test_a_cell_of_100000_identical_characters_is_no_zip_bomb(tmp_path: Path) -> None:
    """It packs into a few hundred bytes — and is refused for what it is: more than a cell holds,
    with the cell named, inline or shared."""
    text = "张" * 100_000
    inline = b'<row r="2"><c r="C2" t="inlineStr"><is><t>%s</t></is></c></row>' % text.encode()
    with pytest.raises(InvalidInput, match=r"第 2 行 C 列（C2）的内容超过 32,767 个字符") as err:
        read_table(xlsx(tmp_path / "inline.xlsx", inline))
    assert "炸弹" not in err.value.zh
    shared = b'<row r="7"><c r="B7" t="s"><v>0</v></c></row>'
    with pytest.raises(InvalidInput, match=r"第 7 行 B 列（B7）"):
        read_table(xlsx(tmp_path / "shared.xlsx", shared, shared=[text]))
    # unused, it is no reason to refuse the file
    other = b'<row r="1"><c r="A1" t="s"><v>1</v></c></row>'
    assert read_table(xlsx(tmp_path / "o.xlsx", other, shared=[text, "x"])).rows == [["x"]]


def test_a_cell_of_exactly_32767_characters_is_read_whole(tmp_path: Path) -> None:
    text = "长" * MAX_CELL_CHARS
    path = tmp_path / "full.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet().write_string(0, 0, text)
    wb.close()
    assert read_table(path).rows == [[text]]


def test_far_away_empty_rows_and_cells_cost_nothing(tmp_path: Path) -> None:
    # styled empty cells and rows down to the sheet's end, as some writers leave them
    sheet = (
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
        b'<row r="1048576"><c r="XFD1048576" s="1"/></row>'
    )
    assert read_table(xlsx(tmp_path / "far.xlsx", sheet)).rows == [["x"]]


def test_a_value_past_the_last_row_is_refused(tmp_path: Path) -> None:
    sheet = b'<row r="400000"><c r="A400000"><v>1</v></c></row>'
    with pytest.raises(InvalidInput, match="行数超过上限"):
        read_table(xlsx(tmp_path / "far.xlsx", sheet))


def test_an_xlsb_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsb"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("xl/workbook.bin", b"\x83\x01\x00")
    with pytest.raises(InvalidInput, match=r"另存为 \.xlsx"):
        read_table(path)


# --- .xlsx read as calamine reads it ---------------------------------------------------------------


def _varied(path: Path) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("数据")
    day = wb.add_format({"num_format": "yyyy-mm-dd"})
    moment = wb.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    clock = wb.add_format({"num_format": "hh:mm:ss"})
    hours = wb.add_format({"num_format": "[h]:mm"})
    chinese = wb.add_format({"num_format": 'yyyy"年"m"月"d"日";@'})
    bold = wb.add_format({"bold": True, "border": 1})
    ws.write_row(0, 0, ["姓名", "生日", "时间", "金额", "公式", "布尔", "空"], bold)
    for r in range(1, 30):
        ws.write_string(r, 0, f"张{r} & <李> \"x\" 'y'")
        ws.write_datetime(r, 1, datetime(1990, 1, r % 28 + 1), day)
        ws.write_datetime(r, 2, datetime(2020, 5, 6, 7, 8, r), moment)
        ws.write_number(r, 3, r * 1.25)
        ws.write_formula(r, 4, f"=D{r + 1}*2", None, r * 2.5)
        ws.write_boolean(r, 5, r % 2 == 0)
        ws.write_blank(r, 6, None, bold)
    ws.write_datetime(31, 0, datetime(1900, 1, 1, 6, 0), clock)
    ws.write_number(31, 1, 1.5, hours)
    ws.write_number(31, 2, 45000, chinese)
    ws.write_number(31, 3, 59, day)
    ws.write_number(31, 4, 61, day)
    ws.write_formula(32, 0, '="a"&"b"', None, "ab")
    ws.write_formula(32, 1, "=1/0", None, "#DIV/0!")
    ws.write_string(32, 2, "  leading and trailing  ")
    ws.write_string(32, 3, "line1\nline2\r\nline3")
    ws.write_rich_string(32, 4, "普通", bold, "加粗", "结尾")
    ws.write_string(32, 5, "x_x000D_y")
    ws.merge_range(34, 0, 36, 2, "合并")
    ws.write_string(40, 30, "far")
    ws.write_number(41, 0, 420106199001011234)
    ws.write_string(42, 0, "😀 emoji 𠀀")
    wb.add_worksheet("隐藏").hide()
    wb.add_worksheet("第三").write(5, 3, "x")
    wb.close()
    return path


def _rewrite(src: Path, dst: Path, change: Any) -> Path:
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as b:
        for item in a.infolist():
            data = a.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            b.writestr(item.filename, data)
    return dst


def _prefixed(xml: bytes) -> bytes:
    xml = xml.replace(b'<worksheet xmlns="', b'<x:worksheet xmlns:x="')
    xml = xml.replace(b"</worksheet>", b"</x:worksheet>")
    names = b"sheetData|row|c|v|f|is|t|r|rPr|mergeCells|mergeCell|dimension|sheetViews|sheetView"
    names += b"|sheetFormatPr|cols|col|pageMargins|selection|b"
    return re.sub(rb"<(/?)(" + names + rb")\b", rb"<\1x:\2", xml)


@pytest.mark.parametrize(
    "change",
    [
        None,
        pytest.param(lambda x: re.sub(rb' r="[A-Z]*\d+"', b"", x), id="no-r"),
        pytest.param(_prefixed, id="prefixed"),
        pytest.param(lambda x: x.replace(b"><", b">\n  <"), id="pretty"),
        pytest.param(
            lambda x: re.sub(rb'<c r="(\w+)" s="(\d+)"', rb'<c s="\2" r="\1"', x), id="order"
        ),
    ],
)
def test_cells_are_read_as_calamine_reads_them(tmp_path: Path, change: Any) -> None:
    path = _varied(tmp_path / "varied.xlsx")
    if change is not None:
        path = _rewrite(path, tmp_path / "changed.xlsx", change)
    table = read_table(path)
    assert table.sheets == ["数据", "隐藏", "第三"]
    assert table.sheet == "数据"
    assert table.rows == calamine_rows(path)
    assert read_table(path, "第三").rows == calamine_rows(path, "第三")
    if change is None:
        assert ((34, 0), (36, 2)) in table.merged
        assert table.rows[1][:3] == [
            "张1 & <李> \"x\" 'y'",
            date(1990, 1, 2),
            datetime(2020, 5, 6, 7, 8, 1),
        ]
        assert table.rows[31][:5] == [
            time(6, 0),
            timedelta(hours=36),
            date(2023, 3, 15),
            date(1900, 2, 28),  # Excel's 59th day; its 60th is a 29 February 1900
            date(1900, 3, 1),
        ]
        assert table.rows[32][:6] == [
            "ab",
            "",  # an error
            "  leading and trailing  ",
            "line1\nline2\r\nline3",
            "普通加粗结尾",
            "x_x000D_y",  # as typed: the writer escaped it as _x005F_x000D_
        ]
        assert read_table(path, "第三").rows == [[], [], [], [], [], ["", "", "", "x"]]


def test_the_benchmark_roster_reads_as_calamine_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})  # as GridDesk's exports
    ws = wb.add_worksheet("居民")
    for r in range(2000):
        ws.write_row(r, 0, [f"王{r % 7}", f"42010619900101{r:04d}", "男", 13800000000 + r, "3栋"])
    wb.close()
    assert read_table(path).rows == calamine_rows(path)


# --- CSV ---------------------------------------------------------------------------------------


def test_a_csv_field_past_the_csv_modules_limit_names_its_row(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("姓名,备注\n张三,短\n李四," + "x" * 200_000 + "\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"CSV 第 3 行有单元格的内容超过 32,767 个字符"):
        read_table(path)


def test_a_csv_cell_longer_than_a_spreadsheet_cell_names_its_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("姓名,备注\n张三," + "x" * 40_000 + "\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"第 2 行 B 列（B2）的内容超过 32,767 个字符"):
        read_table(path)
    path.write_text("姓名,备注\n张三," + "x" * MAX_CELL_CHARS + "\n", encoding="utf-8")
    assert len(read_table(path).rows[1][1]) == MAX_CELL_CHARS


def test_a_csv_is_read_a_row_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as fh:  # 5,200,000 cells, each its own text
        for r in range(260_000):
            fh.write(",".join(f"{r}-{c}" for c in range(20)) + "\n")
    assert f"refused: 表格单元格数超过上限 {MAX_CELLS:,} 个" in read_capped(path)


def test_a_csv_line_longer_than_a_row_may_be(tmp_path: Path) -> None:
    path = tmp_path / "line.csv"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("a,b\n")
        for _ in range(30):
            fh.write("x," * 500_000)
    assert "refused: CSV 第 2 行过长" in read_capped(path)


def test_a_csv_in_gbk_and_a_quoted_field_over_lines(tmp_path: Path) -> None:
    path = tmp_path / "wps.csv"
    path.write_bytes('姓名,地址\r\n张三,"3栋\r\n2单元"\r\n李四,4栋\r\n'.encode("gb18030"))
    assert read_table(path).rows == [["姓名", "地址"], ["张三", "3栋\r\n2单元"], ["李四", "4栋"]]


def test_values_past_the_last_csv_column_are_refused_not_dropped(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text("a" + "," * 250 + "\n" + "b" + "," * 220 + "late\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="列数超过上限"):
        read_table(path)
    path.write_text("a" + "," * 250 + "\n", encoding="utf-8")  # only empty fields past it
    assert read_table(path).rows == [["a", *[""] * 199]]


# --- .xls and .ods: checked before python-calamine is asked --------------------------------------


def test_an_xls_is_read_as_calamine_reads_it(tmp_path: Path) -> None:
    path = xls(
        tmp_path / "a.xls", ["姓名", "张三", "abc"], [(0, 0, 0), (1, 0, 1), (1, 2, 2), (3, 1, 1)]
    )
    assert read_table(path).rows == [["姓名"], ["张三", "", "abc"], [], ["", "张三"]]
    assert read_table(path).rows == calamine_rows(path)


def test_an_xls_whose_shared_string_fills_every_cell_is_refused_before_calamine(
    tmp_path: Path,
) -> None:
    # one string of 30,000 characters in 300,000 cells: 9 billion characters for calamine to copy
    cells = ((r % 60_000, r // 60_000, 0) for r in range(300_000))
    path = xls(tmp_path / "sst.xls", ["长" * 30_000], cells)
    assert path.stat().st_size < 8 * 1024 * 1024
    assert "refused: 表格文字总量超过上限" in read_capped(path)


def test_an_xls_with_more_cells_than_calamine_may_hold_is_refused(tmp_path: Path) -> None:
    # one cell far down and far right: a rectangle of 60,000 × 200 for calamine
    path = xls(tmp_path / "far.xls", ["x"], [(0, 0, 0), (59_999, 199, 0)])
    with pytest.raises(InvalidInput, match="单元格数超过上限 3,000,000"):
        read_table(path)


def test_an_ods_is_read_as_calamine_reads_it(tmp_path: Path) -> None:
    cell = '<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>'
    table = (
        f"<table:table-row>{cell.format('姓名')}{cell.format('电话')}</table:table-row>"
        '<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>'
        f'<table:table-row><table:table-cell table:number-columns-repeated="2"/>{cell.format("x")}'
        '<table:table-cell office:value-type="float" office:value="3"/></table:table-row>'
        '<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
        'table:number-columns-repeated="1024"/></table:table-row>'
    )
    path = ods(tmp_path / "a.ods", table)
    assert read_table(path).rows == [["姓名", "电话"], [], [], ["", "", "x", 3.0]]
    assert read_table(path).rows == calamine_rows(path)


def test_an_ods_repeating_a_cell_millions_of_times_is_refused(tmp_path: Path) -> None:
    # a few hundred bytes asking for 1,000,000 rows × 1,000 cells
    table = (
        '<table:table-row table:number-rows-repeated="1000000"><table:table-cell '
        'table:number-columns-repeated="1000" office:value-type="float" office:value="1"/>'
        "</table:table-row>"
    )
    path = ods(tmp_path / "bomb.ods", table)
    assert "refused: 表格" in read_capped(path)
