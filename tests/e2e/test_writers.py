"""Two writers at once: imports started together in two processes both end with exit 0 (or a plain
"busy" line), never an internal error, and the residents are exactly those of both files. An
import plans while only reading; the ids it numbers with and the matches it found are checked
again under the write lock, and the plan is worked out again when another writer came first.

The two processes (tests/e2e/command_server.py) stay up for every round and are told to import at
the same moment: each round's imports start together, where two fresh processes would start them
as far apart as their start-ups differ (and spend a second each importing Python modules)."""

from __future__ import annotations

from pathlib import Path

import pytest
import xlsxwriter

from tests.e2e.conftest import INIT, CommandServer, griddesk

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
    servers = [CommandServer(home, data) for _side in (0, 1)]
    try:
        expected = rounds(servers, tmp_path)
    finally:
        for server in servers:
            server.close()
    assert griddesk(home, data, "stats", "--json").json()["residents"] == expected
    check = griddesk(home, data, "check")
    assert check.code == 0, check.out + check.err


def rounds(servers: list[CommandServer], tmp_path: Path) -> int:
    """ROUNDS rounds of two imports at once; the residents they add."""
    expected = 0
    for r in range(ROUNDS):
        files = []
        for side in (0, 1):
            f = tmp_path / f"r{r}-{side}.xlsx"
            _roster(f, 2 * r + side + 1, 6 + side)
            files.append(f)
        for server, f in zip(servers, files, strict=True):  # both told, then both read
            server.send("import", "residents", str(f))
        for server, f in zip(servers, files, strict=True):
            done = server.answer()
            assert "内部错误" not in done.err and "Traceback" not in done.err, (f.name, done.err)
            assert done.code == 0, (f.name, done.code, done.err)
        expected += 6 + 7
    return expected
