"""Two writers at once: imports started together as processes both end with exit 0 (or a plain
"busy" line), never an internal error, and the residents are exactly those of both files. An
import plans while only reading; the ids it numbers with and the matches it found are checked
again under the write lock, and the plan is worked out again when another writer came first."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import xlsxwriter

from tests.e2e.conftest import INIT, griddesk, start

ROUNDS = 20


def _roster(path: Path, building: int, people: int) -> None:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["姓名", "住址", "与户主关系"])
    for i in range(people):
        room = f"{building}栋1单元{101 + i // 2}"
        sheet.write_row(i + 1, 0, [f"居民{building}-{i}", room, "户主" if i % 2 == 0 else "配偶"])
    book.close()


@pytest.mark.slow
def test_two_imports_at_once_never_clash(tmp_path: Path) -> None:
    home, data = tmp_path / "home", tmp_path / "office"
    assert griddesk(home, data, *INIT).code == 0
    expected = 0
    for r in range(ROUNDS):
        files = []
        for side in (0, 1):
            f = tmp_path / f"r{r}-{side}.xlsx"
            _roster(f, 2 * r + side + 1, 6 + side)
            files.append(f)
        procs = [
            start(home, data, "import", "residents", str(f), stdout=subprocess.PIPE,
                  stderr=subprocess.PIPE, text=True)
            for f in files
        ]  # fmt: skip
        for p, f in zip(procs, files, strict=True):
            _out, err = p.communicate(timeout=120)
            assert "内部错误" not in err and "Traceback" not in err, (f.name, err)
            assert p.returncode == 0, (f.name, p.returncode, err)
        expected += 6 + 7
    assert griddesk(home, data, "stats", "--json").json()["residents"] == expected
    check = griddesk(home, data, "check")
    assert check.code == 0, check.out + check.err
