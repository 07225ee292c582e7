"""The spreadsheet reader on files built for it: hostile ones are refused with one clear sentence —
the heavy ones in a child process whose memory is capped, so that a regression fails the test and
not the machine."""

from __future__ import annotations

import resource
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.core.spreadsheet import read_table
from app.core.spreadsheet.limits import MAX_CELL_CHARS, MAX_CELLS
from app.errors import InvalidInput

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


def test_the_child_process_cap_is_real() -> None:
    """The guard guards: a child that asks for more than the cap dies of it."""
    code = f"import resource; resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_CAP}, {MEMORY_CAP}));"
    done = subprocess.run(
        [sys.executable, "-c", code + "x = bytearray(2 * 1024 ** 3)"], capture_output=True
    )
    assert done.returncode != 0 and b"MemoryError" in done.stderr
    assert resource.RLIMIT_AS  # the platform has the limit the tests rely on


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
